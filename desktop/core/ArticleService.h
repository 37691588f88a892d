#pragma once

#include "CacheStore.h"
#include "xiaodian/Permissions.h"
#include "xiaodian/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace xd {

class Clock;

// A shop's article as the GUI shows it: the confirmed row with pending operations applied.
struct Article
{
    enum class State { Draft, Scheduled, Published };

    QString id;
    QString title;
    QString cover; // an image id or ""
    QString summary;
    QString body; // sanitized HTML
    QString category;
    bool published = false;
    qint64 publishAtMs = 0;
    qint64 viewCount = 0;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    bool pending = false;   // a pending operation touches it (not yet acknowledged)
    bool confirmed = false; // the server has sent it

    State state(qint64 nowMs) const;
    // The article.save arguments that store this article as it is.
    QJsonObject saveArgs() const;
};

// Which articles a list shows, and in which order (always newest first, ties by id).
struct ArticleQuery
{
    enum class StateFilter { Any, Published, Scheduled, Draft };
    enum class Sort { PublishTime, UpdateTime };

    QString titleContains; // case-insensitive for Latin letters; "" = all
    StateFilter state = StateFilter::Any;
    Sort sort = Sort::PublishTime;
};

// The optimistic view of the shop's articles, paged in SQL: a shop may hold 100,000 articles, so the list is read a
// window at a time (count(), list(offset, limit)) and never held whole. Pending and acknowledged article operations
// form an overlay that goes into a TEMP table, so that one query filters, sorts and pages confirmed and optimistic
// rows together. Edits are validated with the shared ArticleRules and the permission table, then enqueued as
// article.save / article.delete.
class ArticleService final : public QObject
{
    Q_OBJECT

public:
    ArticleService(CacheStore& store, const Clock& clock, Role role, QObject* parent = nullptr);
    ~ArticleService() override;
    Q_DISABLE_COPY_MOVE(ArticleService)

    void setRole(Role role) { m_role = role; }
    bool can(const QString& operation) const;
    // The time the state filter and the list's state labels are judged at.
    qint64 nowMs() const;

    Result<int> count(const ArticleQuery& query) const;
    // Summaries only: `body` stays empty (article() reads it).
    Result<QList<Article>> list(const ArticleQuery& query, int offset, int limit) const;
    // The row of article `id` in list(query, ...), or -1 when the query does not show it (two index range counts).
    Result<int> position(const ArticleQuery& query, const QString& id) const;
    // NotFound-free: nullopt when there is no such article (or it is being deleted).
    Result<std::optional<Article>> article(const QString& id) const;

    // article.save with the contract's arguments; a missing "id" makes a new article (`newId` receives it). Returns
    // the mid. PermissionDenied for the role, InvalidArgument for bad input.
    Result<qint64> saveArticle(const QJsonObject& args, QString* newId = nullptr);
    Result<qint64> deleteArticle(const QString& id);
    // Publishes (now when `publishAtMs` is 0, else at that time) or takes an article back to draft. NotFound for an
    // unknown article.
    Result<qint64> setPublished(const QString& id, bool published, qint64 publishAtMs = 0);
    // Queues a rejected article operation again as a new one (checked again) and discards the old one.
    Result<qint64> retryRejected(qint64 mid);

signals:
    void articlesChanged();

private:
    struct Overlay
    {
        QHash<QString, std::optional<Article>> articles; // nullopt: deleted
    };
    Result<std::optional<Article>> confirmedArticle(const QString& id) const;
    Status refreshOverlay() const;
    Status checkAllowed(const QString& operation) const;

    CacheStore& m_store;
    const Clock& m_clock;
    Role m_role;
    mutable Overlay m_overlay;
    mutable bool m_overlayDirty = true;
};

} // namespace xd
