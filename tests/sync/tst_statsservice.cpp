#include "CacheDatabase.h"
#include "StatsSeed.h"
#include "StatsService.h"
#include "TestCache.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace xd;
using xd::test::GeneratedStats;
using xd::test::ProductDay;
using xd::test::TestCache;

namespace {

const QDate LastDay(2026, 11, 25);
// 02:00 on LastDay in Shanghai is still the day before in New York.
const qint64 Now = QDateTime(LastDay, QTime(2, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();

sync::SyncRow shopRow(const QString& timeZone, qint64 version)
{
    return sync::SyncRow{
        CacheStore::ShopEntity,
        QStringLiteral("shop-1"),
        version,
        false,
        QJsonObject{{QStringLiteral("name"), QStringLiteral("小店")}, {QStringLiteral("timeZone"), timeZone}}};
}

// The report computed directly from the generated rows: day figures summed field by field, product sums with the
// name of the product's latest day in the period.
struct BruteForce
{
    stats::DayFigures totals;
    QList<stats::DayFigures> days; // the rows inside the period
    QList<stats::ProductFigures> products;
};

BruteForce bruteForce(const GeneratedStats& generated, const stats::Period& period)
{
    BruteForce expected;
    for (const stats::DayFigures& f : generated.days) {
        if (!period.contains(f.day))
            continue;
        expected.days.append(f);
        stats::DayFigures& t = expected.totals;
        t.ordersPlaced += f.ordersPlaced;
        t.buyers += f.buyers;
        t.paidOrders += f.paidOrders;
        t.payers += f.payers;
        t.grossFen += f.grossFen;
        t.refundFen += f.refundFen;
        t.refundCount += f.refundCount;
        t.grossWechatFen += f.grossWechatFen;
        t.grossCodFen += f.grossCodFen;
        t.grossBalanceFen += f.grossBalanceFen;
        t.refundWechatFen += f.refundWechatFen;
        t.refundCodFen += f.refundCodFen;
        t.refundBalanceFen += f.refundBalanceFen;
        t.rechargeFen += f.rechargeFen;
        t.pv += f.pv;
        t.uv += f.uv;
    }
    QMap<QString, stats::ProductFigures> sums;
    QMap<QString, QDate> latest;
    for (const ProductDay& p : generated.products) {
        if (!period.contains(p.day))
            continue;
        stats::ProductFigures& sum = sums[p.productId];
        sum.productId = p.productId;
        sum.quantity += p.quantity;
        sum.revenueFen += p.revenueFen;
        if (p.day >= latest.value(p.productId)) {
            latest[p.productId] = p.day;
            sum.productName = p.productName;
        }
    }
    expected.products = sums.values();
    return expected;
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_StatsService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void migration8_storesRowsAndReadsThemBackInWireShape();
    void migration8_resetsTheCookieOfAnOlderCache();
    void reports_equalBruteForceSums();
    void periods_followTheShopsTimeZone();
    void changed_firesOncePerPullAndForTheTimeZone();
    void corruptRows_areSkipped();
    void badRanges_areRefused();
    void yearReport_isFastAndUsesTheCoveringIndex();

private:
    Status seed(const GeneratedStats& generated) { return test::fillCache(*m_cache->store, generated, 500); }

    std::unique_ptr<TestCache> m_cache;
    ManualClock m_clock{Now};
};

void tst_StatsService::init()
{
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
}

void tst_StatsService::cleanup()
{
    m_cache.reset();
}

void tst_StatsService::migration8_storesRowsAndReadsThemBackInWireShape()
{
    CacheStore& store = *m_cache->store;
    QCOMPARE(store.schemaVersion().valueOr(-1), 8);
    const GeneratedStats generated = test::generateStats(LastDay, 40, 30, 5, 7);
    QVERIFY(seed(generated));
    QCOMPARE(store.rowCount(CacheStore::StatsDayEntity).valueOr(-1), int(generated.days.size()));
    QCOMPARE(store.rowCount(CacheStore::StatsProductDayEntity).valueOr(-1), int(generated.products.size()));

    // The generic reads give the wire rows back: id "yyyy-MM-dd", data = DayFigures::toJson().
    const stats::DayFigures first = generated.days.first();
    auto day = store.row(CacheStore::StatsDayEntity, stats::dayText(first.day));
    QVERIFY(day && *day);
    QCOMPARE((*day)->id, stats::dayText(first.day));
    QCOMPARE(json((*day)->data), json(first.toJson()));
    auto missing = store.row(CacheStore::StatsDayEntity, QStringLiteral("not a day"));
    QVERIFY(missing && !*missing);
    auto days = store.rows(CacheStore::StatsDayEntity);
    QVERIFY(days);
    QCOMPARE(days->size(), generated.days.size());
    QCOMPARE(days->constLast().id, stats::dayText(generated.days.lastKey()));
    auto after = store.rowsAfter(CacheStore::StatsDayEntity, stats::dayText(first.day), 3);
    QVERIFY(after);
    QCOMPARE(after->size(), 3);
    QCOMPARE(after->constFirst().id, stats::dayText(std::next(generated.days.begin())->day));

    const ProductDay& product = generated.products.constLast();
    const sync::SyncRow wire = test::productRow(product);
    auto stored = store.row(CacheStore::StatsProductDayEntity, wire.id);
    QVERIFY(stored && *stored);
    QCOMPARE(json((*stored)->data), json(wire.data));
    QCOMPARE((*stored)->version, qint64(generated.days.size() + generated.products.size()));

    // A newer version replaces the row; tombstones (never sent by the server) remove it.
    test::ProductDay renamed = product;
    renamed.productName = QStringLiteral("新名字");
    renamed.quantity = 1;
    QVERIFY(store.applyPullPage({test::productRow(renamed, 9000)}, QStringLiteral("c"), 9000, false));
    stored = store.row(CacheStore::StatsProductDayEntity, wire.id);
    QVERIFY(stored && *stored);
    QCOMPARE((*stored)->data.value(QStringLiteral("productName")).toString(), QStringLiteral("新名字"));
    QCOMPARE((*stored)->data.value(QStringLiteral("quantity")).toInteger(), 1);
    QVERIFY(store.applyPullPage({sync::SyncRow{CacheStore::StatsDayEntity, stats::dayText(first.day), 9001, true, {}},
                                 sync::SyncRow{CacheStore::StatsProductDayEntity, wire.id, 9001, true, {}}},
                                QStringLiteral("d"),
                                9001,
                                false));
    QCOMPARE(store.rowCount(CacheStore::StatsDayEntity).valueOr(-1), int(generated.days.size()) - 1);
    QCOMPARE(store.rowCount(CacheStore::StatsProductDayEntity).valueOr(-1), int(generated.products.size()) - 1);

    // The initial sync deferred the index and built it with its last page.
    QSqlQuery index(m_cache->database->database());
    QVERIFY(index.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'stats_product_day_by_day'")));
    QVERIFY(index.next());
    QCOMPARE(index.value(0).toInt(), 1);
}

void tst_StatsService::migration8_resetsTheCookieOfAnOlderCache()
{
    QVERIFY(m_cache->store->applyPullPage(
        {shopRow(QStringLiteral("Asia/Shanghai"), 3)}, QStringLiteral("3.0.x"), 3, false));
    QCOMPARE(m_cache->store->cookie(), QStringLiteral("3.0.x"));
    // Make it a cache of the previous build: schema 7, which skipped the stats entities while its cookie moved on.
    {
        QSqlQuery q(m_cache->database->database());
        QVERIFY(q.exec(QStringLiteral("DROP TABLE stats_product_day")));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE stats_day")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM cache_migrations WHERE version = 8")));
    }
    m_cache->close();
    QVERIFY(m_cache->open());
    QCOMPARE(m_cache->store->schemaVersion().valueOr(-1), 8);
    QCOMPARE(m_cache->store->cookie(), QString()); // the next pull starts from scratch and brings the stats rows
    QCOMPARE(m_cache->store->rowCount(CacheStore::StatsDayEntity).valueOr(-1), 0);
    QCOMPARE(m_cache->store->rowCount(CacheStore::ShopEntity).valueOr(-1), 1);
}

void tst_StatsService::reports_equalBruteForceSums()
{
    // Fourteen months of a shop with 60 products, 25 sold a day.
    const GeneratedStats generated = test::generateStats(LastDay, 425, 60, 25, 42);
    QVERIFY(seed(generated));
    StatsService service(*m_cache->store, m_clock);
    const QDate firstDay = LastDay.addDays(-424);

    QList<stats::Period> periods;
    for (stats::PeriodKind kind : {stats::PeriodKind::Today,
                                   stats::PeriodKind::Yesterday,
                                   stats::PeriodKind::ThisWeek,
                                   stats::PeriodKind::ThisMonth,
                                   stats::PeriodKind::LastMonth,
                                   stats::PeriodKind::Week,
                                   stats::PeriodKind::Month})
        periods << service.period(kind);
    periods << stats::Period{LastDay.addDays(-365), LastDay}              // the longest
            << stats::Period{firstDay.addDays(-30), firstDay}             // one day of data at its end
            << stats::Period{firstDay.addDays(-60), firstDay.addDays(-1)} // before any data: all zeros
            << stats::Period{LastDay.addDays(1), LastDay.addDays(20)};    // the future
    QRandomGenerator random(11);
    for (int i = 0; i < 60; ++i) {
        const QDate from = firstDay.addDays(qint64(random.bounded(440)) - 10);
        const int length = 1 + int(random.bounded(i % 3 == 0 ? 366 : 40));
        periods << stats::Period{from, from.addDays(length - 1)};
    }

    int withProducts = 0;
    for (const stats::Period& period : std::as_const(periods)) {
        const QString label = stats::dayText(period.from) + QLatin1String("..") + stats::dayText(period.to);
        auto report = service.report(period, 7);
        if (!report)
            QFAIL(qPrintable(label + QLatin1Char(' ') + report.error().message));
        const BruteForce expected = bruteForce(generated, period);

        // Totals to the fen, field by field, and the daily series: one entry per day, zeros where no row is.
        QVERIFY2(report->totals.sameFigures(expected.totals), qPrintable(label));
        QCOMPARE(report->totals.grossFen, expected.totals.grossFen);
        QCOMPARE(report->totals.netFen(), expected.totals.grossFen - expected.totals.refundFen);
        QCOMPARE(report->days.size(), period.days());
        qint64 uvSum = 0;
        for (const stats::DayFigures& day : report->days) {
            QVERIFY(period.contains(day.day));
            const auto row = generated.days.constFind(day.day);
            QVERIFY2(day.sameFigures(row == generated.days.constEnd() ? stats::DayFigures() : *row),
                     qPrintable(stats::dayText(day.day)));
            uvSum += day.uv;
        }
        QCOMPARE(uvSum, expected.totals.uv);

        // Top products: the biggest first, with the name of its latest day in the period.
        QCOMPARE(report->topByQuantity.isEmpty(), expected.products.isEmpty());
        if (!expected.products.isEmpty()) {
            ++withProducts;
            const auto byQuantity =
                std::max_element(expected.products.cbegin(),
                                 expected.products.cend(),
                                 [](const auto& a, const auto& b) { return a.quantity < b.quantity; });
            const auto byRevenue =
                std::max_element(expected.products.cbegin(),
                                 expected.products.cend(),
                                 [](const auto& a, const auto& b) { return a.revenueFen < b.revenueFen; });
            QCOMPARE(report->topByQuantity.constFirst().quantity, byQuantity->quantity);
            QCOMPARE(report->topByRevenue.constFirst().revenueFen, byRevenue->revenueFen);
            QCOMPARE(report->topByQuantity.size(), std::min<qsizetype>(7, expected.products.size()));
            for (const stats::ProductFigures& top : report->topByQuantity + report->topByRevenue) {
                const auto same = std::find_if(expected.products.cbegin(),
                                               expected.products.cend(),
                                               [&top](const auto& p) { return p.productId == top.productId; });
                QVERIFY(same != expected.products.cend());
                QCOMPARE(top.productName, same->productName);
                QCOMPARE(top.quantity, same->quantity);
                QCOMPARE(top.revenueFen, same->revenueFen);
            }
        }
        // And the whole report exactly as the shared builder makes it from the brute-force inputs (the server's).
        const stats::Report built = stats::buildReport(period, expected.days, expected.products, 7);
        QCOMPARE(json(report->toJson()), json(built.toJson()));
    }
    QVERIFY(withProducts > 50);
}

void tst_StatsService::periods_followTheShopsTimeZone()
{
    StatsService service(*m_cache->store, m_clock);
    // No shop row yet: Asia/Shanghai.
    QCOMPARE(service.calendar().zoneId(), QByteArray("Asia/Shanghai"));
    QCOMPARE(service.today(), LastDay);
    QCOMPARE(service.period(stats::PeriodKind::Yesterday), (stats::Period{LastDay.addDays(-1), LastDay.addDays(-1)}));

    QVERIFY(m_cache->store->applyPullPage(
        {shopRow(QStringLiteral("America/New_York"), 2)}, QStringLiteral("2.0.x"), 2, false));
    QCOMPARE(service.calendar().zoneId(), QByteArray("America/New_York"));
    QCOMPARE(service.today(), LastDay.addDays(-1));
    QCOMPARE(service.period(stats::PeriodKind::Today), (stats::Period{LastDay.addDays(-1), LastDay.addDays(-1)}));
    QCOMPARE(service.period(stats::PeriodKind::ThisMonth), (stats::Period{QDate(2026, 11, 1), LastDay.addDays(-1)}));
    // 2026-11-24 is a Tuesday.
    QCOMPARE(service.period(stats::PeriodKind::ThisWeek), (stats::Period{QDate(2026, 11, 23), LastDay.addDays(-1)}));

    // The day turns at the shop's midnight, not Shanghai's.
    m_clock.setNowMs(QDateTime(LastDay, QTime(0, 0), QTimeZone("America/New_York")).toMSecsSinceEpoch() - 1);
    QCOMPARE(service.today(), LastDay.addDays(-1));
    m_clock.advanceMs(1);
    QCOMPARE(service.today(), LastDay);

    // An unknown zone falls back to Asia/Shanghai.
    QVERIFY(
        m_cache->store->applyPullPage({shopRow(QStringLiteral("Mars/Olympus"), 3)}, QStringLiteral("3.0.x"), 3, false));
    QCOMPARE(service.calendar().zoneId(), QByteArray("Asia/Shanghai"));
}

void tst_StatsService::changed_firesOncePerPullAndForTheTimeZone()
{
    StatsService service(*m_cache->store, m_clock);
    QSignalSpy changed(&service, &StatsService::changed);
    const GeneratedStats generated = test::generateStats(LastDay, 30, 10, 4, 3);
    QVERIFY(seed(generated)); // several pages, one pull
    QVERIFY(m_cache->store->serverVersion() > 0);
    QCOMPARE(changed.count(), 0); // queued: after the burst
    QTRY_COMPARE(changed.count(), 1);
    QTest::qWait(StatsService::CoalesceMs * 2);
    QCOMPARE(changed.count(), 1);

    // Other entities do not concern the reports; a shop row does only when it moves the time zone.
    const sync::SyncRow category{CacheStore::CategoryEntity,
                                 QStringLiteral("c1"),
                                 500,
                                 false,
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("饮品")}}};
    QVERIFY(m_cache->store->applyPullPage({category}, QStringLiteral("500.0.x"), 500, false));
    QVERIFY(m_cache->store->applyPullPage(
        {shopRow(QStringLiteral("Asia/Shanghai"), 501)}, QStringLiteral("501.0.x"), 501, false));
    QTest::qWait(StatsService::CoalesceMs * 2);
    QCOMPARE(changed.count(), 1);
    QVERIFY(m_cache->store->applyPullPage(
        {shopRow(QStringLiteral("Asia/Kolkata"), 502)}, QStringLiteral("502.0.x"), 502, false));
    QTRY_COMPARE(changed.count(), 2);

    // One product row is enough.
    QVERIFY(m_cache->store->applyPullPage(
        {test::productRow(generated.products.constFirst(), 503)}, QStringLiteral("503.0.x"), 503, false));
    QTRY_COMPARE(changed.count(), 3);
    QTest::qWait(StatsService::CoalesceMs * 2);
    QCOMPARE(changed.count(), 3);

    // The pages of a long pull, one after another within a window: one signal, not one per page. (Without a clock to
    // step, spacing the pages out would make the expected count depend on the machine's load.)
    for (int page = 0; page < 12; ++page) {
        const qint64 version = 600 + page;
        QVERIFY(m_cache->store->applyPullPage({test::productRow(generated.products.at(page), version)},
                                              QStringLiteral("%1.0.x").arg(version),
                                              version,
                                              false));
    }
    QTRY_COMPARE(changed.count(), 4);
    QTest::qWait(StatsService::CoalesceMs * 2);
    QCOMPARE(changed.count(), 4);
}

void tst_StatsService::corruptRows_areSkipped()
{
    GeneratedStats generated = test::generateStats(LastDay, 20, 8, 3, 5);
    QVERIFY(seed(generated));
    StatsService service(*m_cache->store, m_clock);
    const stats::Period period{LastDay.addDays(-19), LastDay};
    const QList<QDate> days = generated.days.keys();
    QVERIFY(days.size() >= 6);

    // A count that is not a number, a negative count, figures of another day, text that is no JSON: each such row
    // is left out of the report (with a warning), the rest still counts.
    QJsonObject notANumber = generated.days.value(days.at(0)).toJson();
    notANumber.insert(QStringLiteral("grossFen"), QStringLiteral("lots"));
    QJsonObject negative = generated.days.value(days.at(1)).toJson();
    negative.insert(QStringLiteral("refundFen"), -5);
    QJsonObject otherDay = generated.days.value(days.at(2)).toJson();
    otherDay.insert(QStringLiteral("day"), stats::dayText(days.at(2).addDays(-400)));
    // In the same page: a row without a real day, which cannot even be stored, and one good row after it.
    stats::DayFigures late = generated.days.value(days.at(4));
    late.pv += 1000;
    late.uv += 10;
    QVERIFY(m_cache->store->applyPullPage(
        {sync::SyncRow{CacheStore::StatsDayEntity, stats::dayText(days.at(0)), 900, false, notANumber},
         sync::SyncRow{CacheStore::StatsDayEntity, stats::dayText(days.at(1)), 900, false, negative},
         sync::SyncRow{CacheStore::StatsDayEntity, stats::dayText(days.at(2)), 900, false, otherDay},
         sync::SyncRow{CacheStore::StatsDayEntity, QStringLiteral("2026-02-30"), 900, false, late.toJson()},
         sync::SyncRow{CacheStore::StatsProductDayEntity, QStringLiteral("nonsense"), 900, false, {}},
         test::dayRow(late, 900)},
        QStringLiteral("900.0.x"),
        900,
        false));
    QCOMPARE(m_cache->store->cookie(), QStringLiteral("900.0.x")); // the page went through
    QCOMPARE(m_cache->store->rowCount(CacheStore::StatsDayEntity).valueOr(-1), int(generated.days.size()));
    {
        QSqlQuery q(m_cache->database->database());
        QVERIFY(q.exec(QStringLiteral("UPDATE stats_day SET data = '{\"ordersPlaced\": 1, ' WHERE day = %1")
                           .arg(stats::dayKey(days.at(3)))));
        QCOMPARE(q.numRowsAffected(), 1);
    }
    for (int i = 0; i < 4; ++i)
        generated.days.remove(days.at(i));
    generated.days.insert(late.day, late);

    auto report = service.report(period);
    QVERIFY(report);
    const BruteForce expected = bruteForce(generated, period);
    QVERIFY(report->totals.sameFigures(expected.totals));
    QCOMPARE(report->totals.pv, expected.totals.pv);
    QCOMPARE(report->days.size(), 20);
    for (int i = 0; i < 4; ++i) {
        const stats::DayFigures& skipped = report->days.at(int(period.from.daysTo(days.at(i))));
        QCOMPARE(skipped.day, days.at(i));
        QVERIFY(skipped.sameFigures(stats::DayFigures()));
    }
}

void tst_StatsService::badRanges_areRefused()
{
    QVERIFY(seed(test::generateStats(LastDay, 30, 5, 2, 9)));
    StatsService service(*m_cache->store, m_clock);
    const auto refused = [&service](const stats::Period& period, int top = 10) {
        auto report = service.report(period, top);
        return !report && report.error().code == ErrorCode::InvalidArgument && !report.error().message.isEmpty();
    };
    QVERIFY(refused({LastDay, LastDay.addDays(-1)}));    // reversed
    QVERIFY(refused({LastDay.addDays(-366), LastDay}));  // 367 days
    QVERIFY(refused({QDate(), LastDay}));                // no start
    QVERIFY(refused({LastDay, QDate()}));                // no end
    QVERIFY(refused({LastDay.addDays(-6), LastDay}, 0)); // top out of range
    QVERIFY(refused({LastDay.addDays(-6), LastDay}, 51));
    auto longest = service.report({LastDay.addDays(-365), LastDay}, 50);
    QVERIFY(longest);
    QCOMPARE(longest->days.size(), 366);
    auto single = service.report({LastDay, LastDay}, 1);
    QVERIFY(single);
    QCOMPARE(single->days.size(), 1);
    QVERIFY(single->topByQuantity.size() <= 1);
}

void tst_StatsService::yearReport_isFastAndUsesTheCoveringIndex()
{
    // A year of a shop selling XD_STATS_PRODUCTS (default 100) products a day: the longest report.
    const int products =
        qEnvironmentVariableIntValue("XD_STATS_PRODUCTS") > 0 ? qEnvironmentVariableIntValue("XD_STATS_PRODUCTS") : 100;
    const GeneratedStats generated = test::generateStats(LastDay, 366, products, products, 1);
    QElapsedTimer filling;
    filling.start();
    QVERIFY(test::fillCache(*m_cache->store, generated, 2000));
    const qint64 fillMs = filling.elapsed();
    m_cache->close(); // the first report reads from the file: cold
    QVERIFY(m_cache->open());
    StatsService service(*m_cache->store, m_clock);
    const stats::Period year{LastDay.addDays(-365), LastDay};

    // The product sums read only an index: a short period the day index's range, a long one the product index in
    // group order, without sorting (StatsService chooses the form).
    const auto plan = [this](const QString& dayTerm) {
        QSqlQuery q(m_cache->database->database());
        if (!q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT product_id, SUM(quantity), SUM(revenue_fen), MAX(day) "
                                   "FROM stats_product_day WHERE %1 BETWEEN 1 AND 2 GROUP BY product_id")
                        .arg(dayTerm)))
            return QStringLiteral("error: ") + q.lastError().text();
        QStringList steps;
        while (q.next())
            steps << q.value(3).toString();
        return steps.join(QLatin1String("; "));
    };
    const QString shortPlan = plan(QStringLiteral("day"));
    QVERIFY2(shortPlan.contains(QLatin1String("COVERING INDEX stats_product_day_by_day")), qPrintable(shortPlan));
    const QString longPlan = plan(QStringLiteral("+day"));
    QVERIFY2(longPlan.contains(QLatin1String("COVERING INDEX stats_product_day_by_product")), qPrintable(longPlan));
    QVERIFY2(!longPlan.contains(QLatin1String("TEMP B-TREE")), qPrintable(longPlan));

    const BruteForce expected = bruteForce(generated, year);
    const stats::Period month{LastDay.addDays(-29), LastDay};
    const BruteForce expectedMonth = bruteForce(generated, month);
    QList<qint64> times;
    QList<qint64> monthTimes;
    for (int run = 0; run < 6; ++run) {
        QElapsedTimer timer;
        timer.start();
        auto report = service.report(year, 10);
        times << timer.elapsed();
        QVERIFY(report);
        QVERIFY(report->totals.sameFigures(expected.totals));
        timer.start();
        auto last30 = service.report(month, 10);
        monthTimes << timer.elapsed();
        QVERIFY(last30);
        QVERIFY(last30->totals.sameFigures(expectedMonth.totals));
    }
    const qint64 cold = times.takeFirst();
    std::sort(times.begin(), times.end());
    std::sort(monthTimes.begin(), monthTimes.end());
    qInfo("year report over %lld day rows and %lld product rows: cold %lld ms, then median %lld ms, max %lld ms; "
          "30 days: median %lld ms (filled through applyPullPage in %lld ms)",
          qint64(generated.days.size()),
          qint64(generated.products.size()),
          cold,
          times.at(2),
          times.last(),
          monthTimes.at(3),
          fillMs);
    // Generous for a shared debug build; the bench (bench_stats) measures the release build.
    QVERIFY2(times.at(2) < 2000, qPrintable(QString::number(times.at(2))));
}

QTEST_GUILESS_MAIN(tst_StatsService)
#include "tst_statsservice.moc"
