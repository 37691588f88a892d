#pragma once

#include "CacheStore.h"
#include "xiaodian/Permissions.h"
#include "xiaodian/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace xd {

// A customer's review of one order line as the reviews page shows it: the synced row (ReviewReader's sync shape,
// docs/reviews.md) with the pending merchant operations applied.
struct Review
{
    QString id;
    QString orderId;
    QString orderItemId;
    QString productId;
    QString productName;
    QString skuLabel;
    QString customerId;
    QString customerNickname;
    int rating = 0; // 1..5
    QString text;
    QStringList images; // image ids
    QString reply;      // "" = not answered
    qint64 repliedAtMs = 0;
    bool hidden = false;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    bool pending = false; // a merchant operation on it has not reached the server's answer yet

    static Review fromWire(const QString& id, const QJsonObject& data);
};

// Which reviews a list shows. Always newest first (ties by id).
struct ReviewQuery
{
    enum class Visibility { Any, Shown, Hidden };
    enum class Answer { Any, Replied, Unreplied };
    int rating = 0; // 1..5; 0 = any
    Visibility visibility = Visibility::Any;
    Answer answer = Answer::Any;
};

// The optimistic, SQL-paged view of the shop's reviews (cache table review, migration 7) and the merchant's review
// operations: review.reply (owner and clerk) and review.setHidden (owner only), checked with ReviewRules and the
// permission table, then queued in the outbox so they work offline. Pending and acknowledged review operations form
// an overlay in a TEMP table, so one query filters and pages confirmed and optimistic rows together (as OrderService).
class ReviewService final : public QObject
{
    Q_OBJECT

public:
    static const QString ReplyOperation;     // review.reply {reviewId, reply}
    static const QString SetHiddenOperation; // review.setHidden {reviewId, hidden}

    ReviewService(CacheStore& store, Role role, QObject* parent = nullptr);
    ~ReviewService() override;
    Q_DISABLE_COPY_MOVE(ReviewService)

    void setRole(Role role);
    Role role() const { return m_role; }
    bool can(const QString& operation) const;

    Result<int> count(const ReviewQuery& query) const;
    Result<QList<Review>> list(const ReviewQuery& query, int offset, int limit) const;
    Result<std::optional<Review>> review(const QString& id) const;

    // Each returns the mid; InvalidArgument for a bad reply (ReviewRules: 1..500 characters of plain text),
    // NotFound for an unknown review, PermissionDenied for the role. Nothing is queued on an error.
    Result<qint64> reply(const QString& reviewId, const QString& reply);
    Result<qint64> setHidden(const QString& reviewId, bool hidden);

signals:
    void reviewsChanged();

private:
    Status refreshOverlay() const;
    Result<std::optional<Review>> confirmedReview(const QString& id) const;

    CacheStore& m_store;
    Role m_role;
    mutable QHash<QString, Review> m_overlay;
    mutable bool m_overlayDirty = true;
};

} // namespace xd
