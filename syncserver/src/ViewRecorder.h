#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/Stats.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
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
// transaction (raw rows into view_events, each article's view_count, and the PV/UV of the shop's local day in
// stats_days with the visitors of the day in stats_day_visitors) every FlushIntervalMs or as soon as
// FlushBatch are waiting. A full queue drops new events and counts them (logged at the next flush); stop() writes
// what is left, so a clean shutdown loses nothing. View counts do not bump the shop's sync version per view or per
// flush: a shop's changed counts are published to desktops at most once per CountPublishIntervalMs, with one
// version for all its articles whose count moved and all its stats_days rows whose PV/UV moved (docs/articles.md,
// docs/statistics.md).
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
    // here from a body) when it is a plain token ("v:<id>"), else a hash of the client address and user agent
    // ("a:<hex>", in memory only). write() stores the latter as "h:<hex>", keyed by the server's persisted salt,
    // the shop and the shop's local day: a visitor counts once per shop and day across restarts and servers, and
    // keys of two days (or shops) cannot be joined -- the address itself is never stored.
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
    QByteArray m_salt; // server_secrets "view_visitor_salt", read at the first write that hashes a visitor
    // The calendar of each shop seen, with the time_zone text it was made from (re-read at every write).
    QHash<QString, QPair<QString, stats::ShopCalendar>> m_calendars;
    // Articles whose view_count (and days whose PV/UV) moved since their shop's counts were last published, and
    // since when.
    QHash<QString, QSet<QString>> m_unpublishedCounts;
    QHash<QString, QSet<int>> m_unpublishedDays;
    QHash<QString, qint64> m_unpublishedSinceMs;
};

} // namespace xd::server
