#include "ViewRecorder.h"

#include "ChangeNotifier.h"
#include "HttpTypes.h"
#include "Logging.h"
#include "PgChangeRelay.h"
#include "ShopRepository.h"
#include "xiaodian/Clock.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMap>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace xd::server {

namespace {

// Rows per INSERT (5 values each) and ids per IN list: far below either engine's limit of bound parameters.
constexpr int RowsPerStatement = 200;

const QString kSaltName = QStringLiteral("view_visitor_salt");

// The key stored for a visitor: as given ("v:<id>"), or the request's hash ("a:<hex>") keyed by the server's salt,
// the shop and its local day, so it changes every day and cannot be joined across shops.
QString storedVisitorKey(const QString& key, const QByteArray& salt, const QString& shopId, int day)
{
    if (!key.startsWith(QLatin1String("a:")))
        return key;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(salt);
    hash.addData(shopId.toUtf8());
    hash.addData(QByteArray::number(day));
    hash.addData(key.toLatin1());
    return QStringLiteral("h:") + QString::fromLatin1(hash.result().left(12).toHex());
}

// The salt of the hashed visitor keys, the same for every server process sharing the database: the first writer
// creates it, the others read the first one's (an insert that loses the race does nothing).
Result<QByteArray> visitorSalt(const db::Database& database, qint64 nowMs)
{
    QByteArray fresh(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(fresh.data()), fresh.size() / 4);
    auto inserted = database.exec(QStringLiteral("INSERT INTO server_secrets (name, value, created_at_ms) "
                                                 "VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING"),
                                  {kSaltName, QString::fromLatin1(fresh.toBase64()), nowMs});
    if (!inserted)
        return inserted.error();
    auto value = database.scalar(QStringLiteral("SELECT value FROM server_secrets WHERE name = ?"), {kSaltName});
    if (!value)
        return value.error();
    const QByteArray salt = QByteArray::fromBase64(value->toString().toLatin1());
    if (salt.size() < 16)
        return makeError(ErrorCode::Internal, QStringLiteral("the stored visitor salt is too short"));
    return salt;
}

QString kindName(ViewEvent::Kind kind)
{
    switch (kind) {
    case ViewEvent::Kind::Product:
        return QStringLiteral("product");
    case ViewEvent::Kind::Article:
        return QStringLiteral("article");
    case ViewEvent::Kind::Page:
        return QStringLiteral("page");
    }
    return QStringLiteral("page");
}

} // namespace

ViewRecorder::ViewRecorder(const db::Database& database,
                           const Clock& clock,
                           ChangeNotifier& notifier,
                           QHostAddress trustedProxy,
                           Limits limits,
                           QObject* parent)
    : QObject(parent), m_database(database), m_clock(clock), m_notifier(notifier),
      m_trustedProxy(std::move(trustedProxy)), m_limits(limits), m_timer(new QTimer(this))
{
    m_timer->setInterval(m_limits.flushIntervalMs);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (const Status flushed = flush(); !flushed)
            qCWarning(lcServer).noquote() << "writing view events failed:" << flushed.error().toString();
    });
}

ViewRecorder::~ViewRecorder() = default;

bool ViewRecorder::record(ViewEvent event)
{
    if (m_queue.size() >= m_limits.maxQueued) {
        ++m_droppedSinceLog;
        ++m_droppedTotal;
        return false;
    }
    if (event.atMs == 0)
        event.atMs = m_clock.nowMs();
    m_queue.append(std::move(event));
    // A full batch is written on the next turn of the event loop, after this request has been answered.
    if (m_queue.size() >= m_limits.flushBatch)
        m_timer->start(0);
    else if (!m_timer->isActive() || m_timer->remainingTime() > m_limits.flushIntervalMs)
        m_timer->start(m_limits.flushIntervalMs); // the timer may be waiting for a publish of counts
    return true;
}

QString ViewRecorder::visitorKey(const HttpRequest& request, const QString& visitorId) const
{
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9_-]{8,64}$"));
    const QString given =
        visitorId.isEmpty() ? QString::fromLatin1(request.header("x-visitor-id").trimmed()) : visitorId;
    if (token.match(given).hasMatch())
        return QStringLiteral("v:") + given;
    const QHostAddress address = clientAddress(request, m_trustedProxy);
    // Hashed now to keep the queue small; salted with the shop and its local day when written (storedVisitorKey).
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(address.toString().toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(request.header("user-agent"));
    return QStringLiteral("a:") + QString::fromLatin1(hash.result().toHex());
}

Status ViewRecorder::flush()
{
    m_timer->stop();
    if (m_droppedSinceLog > 0) {
        qCWarning(lcServer).noquote() << QStringLiteral("view queue full: dropped %1 view events (%2 since start)")
                                             .arg(m_droppedSinceLog)
                                             .arg(m_droppedTotal);
        m_droppedSinceLog = 0;
    }
    const qint64 due = nextPublishDueMs();
    if (m_queue.isEmpty() && (due < 0 || due > m_clock.nowMs())) {
        scheduleNextPublish();
        return {};
    }
    const QList<ViewEvent> events = std::exchange(m_queue, {});
    auto written = write(events);
    if (!written) {
        // Lost rather than retried: a database that refuses views must not grow this queue without bound either.
        m_droppedTotal += events.size();
        qCWarning(lcServer) << "dropped" << events.size() << "view events";
        return written.error();
    }
    for (const Published& published : std::as_const(*written)) {
        m_unpublishedCounts.remove(published.shopId);
        m_unpublishedDays.remove(published.shopId);
        m_unpublishedSinceMs.remove(published.shopId);
        emit m_notifier.shopChanged(published.shopId, published.version);
    }
    scheduleNextPublish();
    return {};
}

qint64 ViewRecorder::nextPublishDueMs() const
{
    qint64 due = -1;
    for (const qint64 since : std::as_const(m_unpublishedSinceMs)) {
        const qint64 shopDue = since + m_limits.countPublishIntervalMs;
        due = due < 0 ? shopDue : qMin(due, shopDue);
    }
    return due;
}

// Counts not yet published wake the recorder when they are due, even if no view comes in meanwhile.
void ViewRecorder::scheduleNextPublish()
{
    const qint64 due = nextPublishDueMs();
    if (due < 0 || !m_queue.isEmpty())
        return;
    m_timer->start(int(std::clamp(due - m_clock.nowMs(), qint64(m_limits.flushIntervalMs), qint64(3'600'000))));
}

Result<QList<ViewRecorder::Published>> ViewRecorder::write(const QList<ViewEvent>& events)
{
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    // Counts reach desktops at most once per interval per shop: one new version stamps every article of the shop
    // whose count moved (and every stats_days row whose PV/UV moved), and pokes its desktops once (after the
    // commit), instead of a pull per view. On PostgreSQL the row of every shop this flush touches -- those due to
    // publish and those it has views of -- is locked first, in sorted order, before any article or stats row:
    // commands (and the order transactions' rollups) lock their shop first too, and two servers' flushes take the
    // shops in the same order, so nothing waits for anything in a cycle.
    QList<Published> published;
    const qint64 now = m_clock.nowMs();
    QSet<QString> dueShops;
    for (auto it = m_unpublishedSinceMs.cbegin(); it != m_unpublishedSinceMs.cend(); ++it) {
        if (now - it.value() >= m_limits.countPublishIntervalMs)
            dueShops.insert(it.key());
    }
    QSet<QString> touchedShops = dueShops;
    for (const ViewEvent& event : events)
        touchedShops.insert(event.shopId);
    QStringList lockOrder(touchedShops.cbegin(), touchedShops.cend());
    lockOrder.sort();
    QHash<QString, qint64> counters; // each shop's version now: new stats_days rows start at it
    for (const QString& shopId : std::as_const(lockOrder)) {
        if (dueShops.contains(shopId)) {
            auto version = ShopRepository(m_database, m_clock).bumpChangeCounter(shopId); // locks the shop row
            if (!version)
                return version.error();
            published.append(Published{shopId, *version});
        }
        auto shop = m_database.exec(
            QStringLiteral("SELECT change_counter, time_zone FROM shops WHERE id = ?") +
                (m_database.engine() == db::Engine::Postgres ? QStringLiteral(" FOR UPDATE") : QString()),
            {shopId});
        if (!shop)
            return shop.error();
        if (!shop->next())
            continue; // no such shop (the public routes check it first): raw rows only, no figures
        counters.insert(shopId, shop->value(0).toLongLong());
        const QString zone = shop->value(1).toString();
        if (!m_calendars.contains(shopId) || m_calendars.value(shopId).first != zone)
            m_calendars.insert(shopId, qMakePair(zone, stats::ShopCalendar(zone.toUtf8())));
    }
    QByteArray salt = m_salt;
    if (salt.isEmpty() && std::any_of(events.cbegin(), events.cend(), [](const ViewEvent& event) {
            return event.visitorKey.startsWith(QLatin1String("a:"));
        })) {
        auto loaded = visitorSalt(m_database, now);
        if (!loaded)
            return loaded.error();
        salt = *loaded;
    }

    // Each event's local day and stored visitor key; PV per (shop, day), the day's visitors.
    QList<QString> keys;
    keys.reserve(events.size());
    QMap<QPair<QString, int>, qint64> dayViews;
    QMap<QPair<QString, int>, QSet<QString>> dayVisitors;
    for (const ViewEvent& event : events) {
        const auto calendar = m_calendars.find(event.shopId);
        if (calendar == m_calendars.end()) { // no such shop (the public routes check it): a raw row, no figures
            keys.append(storedVisitorKey(event.visitorKey, salt, event.shopId, 0));
            continue;
        }
        const int day = calendar->second.dayKeyOf(event.atMs);
        keys.append(storedVisitorKey(event.visitorKey, salt, event.shopId, day));
        ++dayViews[qMakePair(event.shopId, day)];
        dayVisitors[qMakePair(event.shopId, day)].insert(keys.last());
    }

    for (qsizetype start = 0; start < events.size(); start += RowsPerStatement) {
        const qsizetype end = qMin(events.size(), start + RowsPerStatement);
        QStringList rows;
        QVariantList values;
        for (qsizetype i = start; i < end; ++i) {
            const ViewEvent& event = events.at(i);
            rows << QStringLiteral("(?, ?, ?, ?, ?)");
            values << event.shopId << kindName(event.kind) << event.target << keys.at(i) << event.atMs;
        }
        auto inserted = m_database.exec(
            QStringLiteral("INSERT INTO view_events (shop_id, kind, target, visitor_key, at_ms) VALUES %1")
                .arg(rows.join(QStringLiteral(", "))),
            values);
        if (!inserted)
            return inserted.error();
    }

    // The articles' counters: one UPDATE per article viewed in this batch, not one per view.
    QMap<QPair<QString, QString>, qint64> articleViews; // (shop, article), sorted
    for (const ViewEvent& event : events) {
        if (event.kind == ViewEvent::Kind::Article)
            ++articleViews[qMakePair(event.shopId, event.target)];
    }
    for (auto it = articleViews.cbegin(); it != articleViews.cend(); ++it) {
        auto counted = m_database.exec(
            QStringLiteral("UPDATE articles SET view_count = view_count + ? WHERE id = ? AND shop_id = ?"),
            {it.value(), it.key().second, it.key().first});
        if (!counted)
            return counted.error();
        if (counted->numRowsAffected() > 0) {
            m_unpublishedCounts[it.key().first].insert(it.key().second);
            if (!m_unpublishedSinceMs.contains(it.key().first))
                m_unpublishedSinceMs.insert(it.key().first, now);
        }
    }

    // UV: the visitors new to their day (ON CONFLICT DO NOTHING RETURNING answers only the rows inserted).
    QHash<QPair<QString, int>, qint64> newVisitors;
    {
        QVariantList values;
        qsizetype rows = 0;
        const auto insertVisitors = [&]() -> Status {
            if (rows == 0)
                return {};
            QStringList tuples(rows, QStringLiteral("(?, ?, ?)"));
            auto inserted = m_database.exec(
                QStringLiteral("INSERT INTO stats_day_visitors (shop_id, day, visitor_key) VALUES %1 "
                               "ON CONFLICT (shop_id, day, visitor_key) DO NOTHING RETURNING shop_id, day")
                    .arg(tuples.join(QStringLiteral(", "))),
                values);
            if (!inserted)
                return inserted.error();
            while (inserted->next())
                ++newVisitors[qMakePair(inserted->value(0).toString(), inserted->value(1).toInt())];
            values.clear();
            rows = 0;
            return {};
        };
        for (auto it = dayVisitors.cbegin(); it != dayVisitors.cend(); ++it) {
            QStringList sorted(it.value().cbegin(), it.value().cend());
            sorted.sort();
            for (const QString& key : std::as_const(sorted)) {
                values << it.key().first << it.key().second << key;
                if (++rows == RowsPerStatement) {
                    if (const Status done = insertVisitors(); !done)
                        return done.error();
                }
            }
        }
        if (const Status done = insertVisitors(); !done)
            return done.error();
    }
    // PV/UV of each (shop, day), in key order. A new row starts at the shop's version now: desktops see it, like
    // a moved count, when the shop's counts are next published (the rollups of orders stamp their own versions).
    {
        const QList<QPair<QString, int>> days = dayViews.keys();
        for (qsizetype start = 0; start < days.size(); start += RowsPerStatement) {
            const qsizetype end = qMin(days.size(), start + RowsPerStatement);
            QStringList tuples;
            QVariantList values;
            for (qsizetype i = start; i < end; ++i) {
                const auto& key = days.at(i);
                tuples << QStringLiteral("(?, ?, ?, ?, ?)");
                values << key.first << key.second << dayViews.value(key) << newVisitors.value(key)
                       << counters.value(key.first);
                m_unpublishedDays[key.first].insert(key.second);
                if (!m_unpublishedSinceMs.contains(key.first))
                    m_unpublishedSinceMs.insert(key.first, now);
            }
            auto upserted = m_database.exec(
                QStringLiteral("INSERT INTO stats_days (shop_id, day, pv, uv, version) VALUES %1 "
                               "ON CONFLICT (shop_id, day) DO UPDATE SET pv = stats_days.pv + excluded.pv, "
                               "uv = stats_days.uv + excluded.uv")
                    .arg(tuples.join(QStringLiteral(", "))),
                values);
            if (!upserted)
                return upserted.error();
        }
    }

    for (const Published& shop : std::as_const(published)) {
        QList<int> publishedDays(m_unpublishedDays.value(shop.shopId).cbegin(),
                                 m_unpublishedDays.value(shop.shopId).cend());
        std::sort(publishedDays.begin(), publishedDays.end());
        for (qsizetype start = 0; start < publishedDays.size(); start += RowsPerStatement) {
            const QList<int> chunk = publishedDays.mid(start, RowsPerStatement);
            QVariantList values{shop.version, shop.shopId};
            for (const int day : chunk)
                values << day;
            auto stamped =
                m_database.exec(QStringLiteral("UPDATE stats_days SET version = ? WHERE shop_id = ? AND day IN (%1)")
                                    .arg(QStringList(chunk.size(), QStringLiteral("?")).join(QStringLiteral(", "))),
                                values);
            if (!stamped)
                return stamped.error();
        }
        QStringList ids(m_unpublishedCounts.value(shop.shopId).cbegin(), m_unpublishedCounts.value(shop.shopId).cend());
        ids.sort();
        for (qsizetype start = 0; start < ids.size(); start += RowsPerStatement) {
            const QStringList chunk = ids.mid(start, RowsPerStatement);
            QVariantList values{shop.version, shop.shopId};
            for (const QString& id : chunk)
                values << id;
            auto stamped = m_database.exec(
                QStringLiteral("UPDATE articles SET version = ? WHERE shop_id = ? AND deleted = 0 AND id IN (%1)")
                    .arg(QStringList(chunk.size(), QStringLiteral("?")).join(QStringLiteral(", "))),
                values);
            if (!stamped)
                return stamped.error();
        }
        // Other server processes poke their desktops too (see CommandProcessor).
        if (const Status announced = announceShopVersion(m_database, shop.shopId, shop.version); !announced)
            return announced.error();
    }
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    m_salt = salt;
    return published;
}

} // namespace xd::server
