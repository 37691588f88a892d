#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

class QTimer;

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class ChangeNotifier;
struct HttpRequest;

struct ViewEvent
{
    enum class Kind { Product, Article, Page };

    QString shopId;
    Kind kind = Kind::Page;
    QString target; // product or article id, or the page path
    QString visitorKey;
    qint64 atMs = 0;
};

// Records views (product and article detail pages, the mini-program's page views) for statistics without costing
// the request anything but an append: events wait in a bounded in-memory queue, and a timer writes them in one
// transaction (raw rows into view_events, and each article's view_count) every FlushIntervalMs or as soon as
// FlushBatch are waiting. A full queue drops new events and counts them (logged at the next flush); stop() writes
// what is left, so a clean shutdown loses nothing. View counts do not bump the shop's sync version per view or per
// flush: a shop's changed counts are published to desktops at most once per CountPublishIntervalMs, with one
// version for all its articles whose count moved (docs/articles.md).
class ViewRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViewRecorder)

public:
    struct Limits
    {
        int flushIntervalMs = 1000;
        int flushBatch = 500;
        int maxQueued = 20'000;
        qint64 countPublishIntervalMs = 600'000;
    };

    ViewRecorder(const db::Database& database,
                 const Clock& clock,
                 ChangeNotifier& notifier,
                 QHostAddress trustedProxy,
                 Limits limits,
                 QObject* parent = nullptr);
    ~ViewRecorder() override;

    // Queues one view; false when the queue was full and it was dropped. Never touches the database.
    bool record(ViewEvent event);
    // The visitor key of a request: the mini-program's visitor id (header X-Visitor-Id, or `visitorId` given
    // here from a body) when it is a plain token, else a keyed hash of the client address and user agent that
    // changes every day and with every server start -- the address itself is never stored.
    QString visitorKey(const HttpRequest& request, const QString& visitorId = {}) const;

    // Writes every queued event now, in one transaction.
    Status flush();
    qint64 dropped() const { return m_droppedTotal; }
    qsizetype queued() const { return m_queue.size(); }

private:
    struct Published
    {
        QString shopId;
        qint64 version = 0;
    };
    Result<QList<Published>> write(const QList<ViewEvent>& events);
    qint64 nextPublishDueMs() const; // -1: no counts waiting
    void scheduleNextPublish();

    const db::Database& m_database;
    const Clock& m_clock;
    ChangeNotifier& m_notifier;
    QHostAddress m_trustedProxy;
    Limits m_limits;
    QTimer* m_timer = nullptr;
    QList<ViewEvent> m_queue;
    qint64 m_droppedSinceLog = 0;
    qint64 m_droppedTotal = 0;
    QByteArray m_salt; // random per process: the hashed visitor keys of two runs cannot be joined
    // Articles whose view_count moved since their shop's counts were last published, and since when.
    QHash<QString, QSet<QString>> m_unpublishedCounts;
    QHash<QString, qint64> m_unpublishedSinceMs;
};

} // namespace xd::server
