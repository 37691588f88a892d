// The desktop's finance and statistics reports against a real syncserver process: views through the public routes
// become the server's rollups, a desktop cache pulls them (stats_day, stats_product_day) through the real
// SyncClient, and StatsService's report must equal the server's REST report, and the pull announced them with
// changed(). (Later PV/UV changes reach desktops with the server's count publishing, at most every 10 minutes:
// docs/statistics.md; the live path itself is tst_statsservice's, through applyPullPage.)
#include "StatsService.h"
#include "SyncFixture.h"
#include "xiaodian/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace xd;

namespace {

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_StatsSync : public QObject, private test::SyncServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void desktopReport_equalsTheServersReport();

private:
    // The REST report of `from`..`to` without the server's "timeZone": Report::toJson(), as the desktop builds it.
    QJsonObject restReport(QDate from, QDate to) const;
    int view(const QString& path, const QByteArray& visitor) const;

    QString m_productPath;
};

void tst_StatsSync::initTestCase()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
    const auto product =
        m_server->requestJson("POST",
                              QStringLiteral("/admin/v1/products"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("被看的商品")},
                                          {QStringLiteral("onShelf"), true},
                                          {QStringLiteral("skus"),
                                           QJsonArray{QJsonObject{{QStringLiteral("id"), Id::create()},
                                                                  {QStringLiteral("specs"), QJsonObject{}},
                                                                  {QStringLiteral("priceFen"), 100},
                                                                  {QStringLiteral("stock"), 1}}}}},
                              m_token);
    QCOMPARE(product.status, 201);
    m_productPath = QStringLiteral("/api/v1/shops/%1/products/%2")
                        .arg(m_server->demoShopId(), product.json.value(QStringLiteral("id")).toString());
}

void tst_StatsSync::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

QJsonObject tst_StatsSync::restReport(QDate from, QDate to) const
{
    const auto reply = m_server->request("GET",
                                         QStringLiteral("/admin/v1/shops/%1/stats?period=range&from=%2&to=%3")
                                             .arg(m_server->demoShopId(), stats::dayText(from), stats::dayText(to)),
                                         {},
                                         m_token);
    if (reply.status != 200) {
        qWarning("stats REST: %d %s", reply.status, reply.body.constData());
        return {};
    }
    QJsonObject report = reply.json;
    report.remove(QStringLiteral("timeZone"));
    return report;
}

int tst_StatsSync::view(const QString& path, const QByteArray& visitor) const
{
    return m_server->request("GET", path, {}, {}, {{"X-Visitor-Id", visitor}}).status;
}

void tst_StatsSync::desktopReport_equalsTheServersReport()
{
    // 5 views by 2 visitors, written by the server's next flush.
    const QByteArray alice = "sync-stats-" + Id::create().left(8).toLatin1();
    const QByteArray bob = "sync-stats-" + Id::create().right(8).toLatin1();
    for (int i = 0; i < 4; ++i)
        QCOMPARE(view(m_productPath, alice), 200);
    QCOMPARE(view(m_productPath, bob), 200);
    const stats::ShopCalendar shanghai;
    const QDate today = shanghai.dayOf(QDateTime::currentMSecsSinceEpoch());
    const QDate monthStart(today.year(), today.month(), 1);
    const auto totals = [&](const QJsonObject& report, const char* name) {
        return report.value(QStringLiteral("totals")).toObject().value(QLatin1String(name)).toInteger(-1);
    };
    QTRY_COMPARE_WITH_TIMEOUT(totals(restReport(today, today), "pv"), 5, 15000);

    // A desktop signs in and pulls everything.
    test::SyncedDesktop desktop;
    QVERIFY(desktop.openSync(m_server->baseUrl(), m_token));
    SystemClock clock;
    StatsService service(*desktop.cache.store, clock);
    QSignalSpy changed(&service, &StatsService::changed);
    desktop.client->start();
    QVERIFY(desktop.waitSettled(serverVersion()));
    QVERIFY(desktop.cache.store->rowCount(CacheStore::StatsDayEntity).valueOr(0) >= 1);
    QTRY_VERIFY(changed.count() >= 1);                                  // what the pages reload on
    QCOMPARE(service.calendar().zoneId(), QByteArray("Asia/Shanghai")); // the synced shop's zone
    QCOMPARE(service.today(), today);

    for (const stats::Period& period :
         {stats::Period{today, today}, stats::Period{monthStart, today}, stats::Period{today.addDays(-365), today}}) {
        auto report = service.report(period, 10);
        QVERIFY(report);
        const QJsonObject expected = restReport(period.from, period.to);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(json(report->toJson()), json(expected));
    }
    auto todays = service.report({today, today});
    QVERIFY(todays);
    QCOMPARE(todays->totals.pv, 5);
    QCOMPARE(todays->totals.uv, 2);
}

QTEST_GUILESS_MAIN(tst_StatsSync)
#include "tst_statssync.moc"
