#include "StatsService.h"

#include "CacheDatabase.h"
#include "CacheQuery.h"
#include "CacheStore.h"
#include "xiaodian/Clock.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSqlQuery>
#include <QTimer>
#include <QVariant>

namespace xd {

namespace {

// One stored day row, or nothing (with a warning) when it cannot be read: a corrupt row must not take the report
// down with it, the other days still count.
std::optional<stats::DayFigures> dayFiguresOf(int key, const QString& text)
{
    const QDate day = stats::dateOfKey(key);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (!day.isValid() || parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qWarning("stats: skipped day row %d: not a JSON object", key);
        return std::nullopt;
    }
    auto figures = stats::DayFigures::fromJson(document.object());
    if (!figures) {
        qWarning("stats: skipped day row %d: %s", key, qPrintable(figures.error().message));
        return std::nullopt;
    }
    if (figures->day.isValid() && figures->day != day) {
        qWarning("stats: skipped day row %d: its figures are of %s", key, qPrintable(stats::dayText(figures->day)));
        return std::nullopt;
    }
    figures->day = day;
    return *figures;
}

} // namespace

StatsService::StatsService(CacheStore& store, const Clock& clock, QObject* parent)
    : QObject(parent), m_store(store), m_clock(clock), m_coalesce(new QTimer(this)), m_calendar(cachedCalendar())
{
    // A year's report reads ~5 MB of index: with SQLCipher's default page cache (2 MB) every report would decrypt
    // all of it again (half its time, measured). The same settings as CatalogService's (one connection): a 64 MB
    // cache, taken only as pages are read, and sorts' temporary B-trees in memory, never in a plaintext file.
    for (const QString& pragma :
         {QStringLiteral("PRAGMA cache_size = -65536"), QStringLiteral("PRAGMA temp_store = 2")}) {
        if (auto tuned = cache::run(m_store.database().database(), pragma); !tuned)
            qWarning("stats: %s failed: %s", qPrintable(pragma), qPrintable(tuned.error().message));
    }
    // A pull page emits entitiesChanged once per transaction, and an initial sync is hundreds of pages, each a round
    // trip apart: each would rebuild the pages' reports. The first change starts a short window, the changes in it
    // ride along: one changed() per window, never more than five a second, and a live update shows within 200 ms.
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(CoalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &StatsService::changed);
    connect(&m_store, &CacheStore::entitiesChanged, this, [this](const QStringList& entities) {
        bool relevant =
            entities.contains(CacheStore::StatsDayEntity) || entities.contains(CacheStore::StatsProductDayEntity);
        if (entities.contains(CacheStore::ShopEntity)) {
            // Only the time zone matters here (it moves "today"); a shop's new intro does not.
            stats::ShopCalendar calendar = cachedCalendar();
            relevant = relevant || calendar.zoneId() != m_calendar.zoneId();
            m_calendar = calendar;
        }
        if (relevant && !m_coalesce->isActive())
            m_coalesce->start();
    });
}

StatsService::~StatsService() = default;

stats::ShopCalendar StatsService::cachedCalendar() const
{
    QByteArray zone; // none (no shop row yet): ShopCalendar's default
    if (auto shops = m_store.rows(CacheStore::ShopEntity); shops && !shops->isEmpty())
        zone = shops->constFirst().data.value(QStringLiteral("timeZone")).toString().toUtf8();
    return stats::ShopCalendar(zone);
}

stats::ShopCalendar StatsService::calendar() const
{
    return m_calendar;
}

QDate StatsService::today() const
{
    return calendar().dayOf(m_clock.nowMs());
}

stats::Period StatsService::period(stats::PeriodKind kind) const
{
    const QDate now = today();
    return stats::periodOf(kind, now, now);
}

Result<stats::Report> StatsService::report(const stats::Period& period, int top) const
{
    auto checked = stats::checkedRange(period.from, period.to);
    if (!checked)
        return checked.error();
    if (top < 1 || top > stats::MaxTop)
        return makeError(ErrorCode::InvalidArgument,
                         tr("A top products list holds 1 to %1 products, not %2.").arg(stats::MaxTop).arg(top));
    const QSqlDatabase db = m_store.database().database();
    const int fromKey = stats::dayKey(checked->from);
    const int toKey = stats::dayKey(checked->to);

    // The day rows: at most 366 small JSON objects.
    auto dayRows = cache::run(
        db, QStringLiteral("SELECT day, data FROM stats_day WHERE day BETWEEN ? AND ? ORDER BY day"), {fromKey, toKey});
    if (!dayRows)
        return dayRows.error();
    QList<stats::DayFigures> days;
    days.reserve(checked->days());
    qint64 periodDayRows = 0;
    while (dayRows->next()) {
        ++periodDayRows;
        if (auto figures = dayFiguresOf(dayRows->value(0).toInt(), dayRows->value(1).toString()))
            days.append(*figures);
    }
    dayRows->finish();

    // The products' sums over the period, from one of two covering indexes (cache migration 8): by day reads the
    // period's rows and sorts them by product; by product reads every row of the table once, in group order, with no
    // sort, five times faster per row (a big shop's year, ~180,000 rows: ~50 instead of ~250 ms). So by product when
    // the period holds a quarter or more of the cached days. A unary + keeps the planner off the day index; without
    // the indexes (deferred during an initial sync, CacheStore) either form still works, on the table.
    auto cachedDays = cache::run(db, QStringLiteral("SELECT COUNT(*) FROM stats_day"));
    if (!cachedDays)
        return cachedDays.error();
    const qint64 cachedDayRows = cachedDays->next() ? cachedDays->value(0).toLongLong() : 0;
    cachedDays->finish();
    const bool byProduct = periodDayRows * 4 >= cachedDayRows;
    auto productRows = cache::run(db,
                                  QStringLiteral("SELECT product_id, SUM(quantity), SUM(revenue_fen), MAX(day) "
                                                 "FROM stats_product_day WHERE %1 BETWEEN ? AND ? GROUP BY product_id")
                                      .arg(byProduct ? QLatin1String("+day") : QLatin1String("day")),
                                  {fromKey, toKey});
    if (!productRows)
        return productRows.error();
    QList<stats::ProductFigures> products;
    QHash<QString, int> lastDayOf;
    while (productRows->next()) {
        stats::ProductFigures product;
        product.productId = productRows->value(0).toString();
        product.quantity = productRows->value(1).toLongLong();
        product.revenueFen = productRows->value(2).toLongLong();
        lastDayOf.insert(product.productId, productRows->value(3).toInt());
        products.append(product);
    }
    productRows->finish();

    stats::Report report = stats::buildReport(*checked, days, products, top);

    // A product's name is the one of its latest day in the period (it may have been renamed meanwhile).
    QHash<QString, QString> names;
    QSqlQuery nameQuery(db);
    nameQuery.setForwardOnly(true);
    if (!nameQuery.prepare(
            QStringLiteral("SELECT product_name FROM stats_product_day WHERE day = ? AND product_id = ? LIMIT 1")))
        return cache::queryError(nameQuery);
    const auto nameOf = [&](const QString& productId) -> Result<QString> {
        if (auto known = names.constFind(productId); known != names.constEnd())
            return *known;
        nameQuery.bindValue(0, lastDayOf.value(productId));
        nameQuery.bindValue(1, productId);
        if (!nameQuery.exec())
            return cache::queryError(nameQuery);
        const QString name = nameQuery.next() ? nameQuery.value(0).toString() : QString();
        nameQuery.finish();
        names.insert(productId, name);
        return name;
    };
    for (QList<stats::ProductFigures>* list : {&report.topByQuantity, &report.topByRevenue}) {
        for (stats::ProductFigures& product : *list) {
            auto name = nameOf(product.productId);
            if (!name)
                return name.error();
            product.productName = *name;
        }
    }
    return report;
}

} // namespace xd
