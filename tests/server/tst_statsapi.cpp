// The merchant's finance and statistics report (GET /admin/v1/shops/{shopId}/stats) and the stats_day /
// stats_product_day sync rows, against a real syncserver process on SQLite or PostgreSQL: customers sign in through
// FakeWechatServer and place cash-on-delivery orders, the merchant collects and refunds over the admin REST API, and
// the report must equal what the test adds up from the orders' own events; views through the public routes raise PV
// and UV; every malformed query is refused with 400 invalid_argument; clerks read, other shops do not.
#include "CustomerLogin.h"
#include "FakeWechatServer.h"
#include "ServerFixture.h"
#include "TestSocket.h"
#include "xiaodian/Id.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace xd;

namespace {

// Today in the shops' default zone, as the server counts days.
QString shanghaiToday()
{
    return QDateTime::currentDateTime().toTimeZone(QTimeZone("Asia/Shanghai")).date().toString(Qt::ISODate);
}

QString dayOfMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone("Asia/Shanghai")).date().toString(Qt::ISODate);
}

qint64 figure(const QJsonObject& figures, const char* name)
{
    return figures.value(QLatin1String(name)).toInteger(-1);
}

} // namespace

class tst_StatsApi : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void badQueries_are400InvalidArgument_data();
    void badQueries_are400InvalidArgument();
    void periods_coverTheirDays_andAnEmptyShopReportsZeros();
    void access_ownerAndClerkRead_otherShopsAndStrangersDoNot();
    void ordersCollectedAndRefunded_reportEqualsTheOrdersOwnEvents();
    void views_raisePvAndUv_afterTheFlush();
    void sync_pullCarriesStatsRows_onceEach_acrossPages();

private:
    QString statsPath(const QString& shopId = {}) const;
    ServerProcess::Reply report(const QList<std::pair<QString, QString>>& params, const QString& token = {}) const;

    FakeWechatServer m_wechat;
};

void tst_StatsApi::initTestCase()
{
    QVERIFY(m_wechat.start());
    QString error;
    QVERIFY2(
        startServer(QStringLiteral("xd_statsapi"), {QStringLiteral("--wechat-api-base"), m_wechat.baseUrl()}, &error),
        qPrintable(error));
}

void tst_StatsApi::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

QString tst_StatsApi::statsPath(const QString& shopId) const
{
    return QStringLiteral("/admin/v1/shops/%1/stats").arg(shopId.isEmpty() ? m_shopId : shopId);
}

ServerProcess::Reply tst_StatsApi::report(const QList<std::pair<QString, QString>>& params, const QString& token) const
{
    return m_server->request("GET", withQuery(statsPath(), params), {}, token.isEmpty() ? m_token : token);
}

void tst_StatsApi::badQueries_are400InvalidArgument_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("unknown period") << QStringLiteral("period=quarter");
    QTest::newRow("empty period") << QStringLiteral("period=");
    QTest::newRow("period in capitals") << QStringLiteral("period=DAY");
    QTest::newRow("unknown parameter") << QStringLiteral("period=day&shop=x");
    QTest::newRow("date not a day") << QStringLiteral("period=day&date=2026-02-30");
    QTest::newRow("date without zeros") << QStringLiteral("period=day&date=2026-1-5");
    QTest::newRow("date as a word") << QStringLiteral("period=week&date=yesterday");
    QTest::newRow("date with a time") << QStringLiteral("period=month&date=2026-01-05T00:00:00");
    QTest::newRow("range without to") << QStringLiteral("period=range&from=2026-01-01");
    QTest::newRow("range without from") << QStringLiteral("period=range&to=2026-01-01");
    QTest::newRow("range bad from") << QStringLiteral("period=range&from=2026-13-01&to=2026-12-31");
    QTest::newRow("range reversed") << QStringLiteral("period=range&from=2026-03-02&to=2026-03-01");
    QTest::newRow("range of 367 days") << QStringLiteral("period=range&from=2025-01-01&to=2026-01-02");
    QTest::newRow("range of ten years") << QStringLiteral("period=range&from=2016-01-01&to=2026-01-01");
    QTest::newRow("from without range") << QStringLiteral("period=day&from=2026-01-01&to=2026-01-02");
    QTest::newRow("top zero") << QStringLiteral("top=0");
    QTest::newRow("top 51") << QStringLiteral("top=51");
    QTest::newRow("top negative") << QStringLiteral("top=-3");
    QTest::newRow("top not a number") << QStringLiteral("top=ten");
    QTest::newRow("top fraction") << QStringLiteral("top=2.5");
}

void tst_StatsApi::badQueries_are400InvalidArgument()
{
    QFETCH(QString, query);
    const auto reply = m_server->request("GET", statsPath() + QLatin1Char('?') + query, {}, m_token);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("invalid_argument"));
    QVERIFY(!reply.json[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());
}

void tst_StatsApi::periods_coverTheirDays_andAnEmptyShopReportsZeros()
{
    QString token;
    const QString shop = m_server->createShop(QStringLiteral("空店"), &token);
    QVERIFY(!shop.isEmpty() && !token.isEmpty());
    const auto get = [&](const QList<std::pair<QString, QString>>& params) {
        return m_server->request("GET", withQuery(statsPath(shop), params), {}, token);
    };
    const auto expectPeriod =
        [&](const QList<std::pair<QString, QString>>& params, const QString& from, const QString& to, int days) {
            const auto reply = get(params);
            QVERIFY2(reply.status == 200, reply.body.constData());
            QCOMPARE(reply.json.value(QStringLiteral("from")).toString(), from);
            QCOMPARE(reply.json.value(QStringLiteral("to")).toString(), to);
            const QJsonArray series = reply.json.value(QStringLiteral("days")).toArray();
            QCOMPARE(series.size(), days);
            QCOMPARE(series.first()[QStringLiteral("day")].toString(), from);
            QCOMPARE(series.last()[QStringLiteral("day")].toString(), to);
        };
    expectPeriod(
        {{QStringLiteral("period"), QStringLiteral("day")}, {QStringLiteral("date"), QStringLiteral("2026-03-01")}},
        QStringLiteral("2026-03-01"),
        QStringLiteral("2026-03-01"),
        1);
    // Weeks run Monday to Sunday: 2026-11-25 is a Wednesday.
    expectPeriod(
        {{QStringLiteral("period"), QStringLiteral("week")}, {QStringLiteral("date"), QStringLiteral("2026-11-25")}},
        QStringLiteral("2026-11-23"),
        QStringLiteral("2026-11-29"),
        7);
    expectPeriod(
        {{QStringLiteral("period"), QStringLiteral("month")}, {QStringLiteral("date"), QStringLiteral("2024-02-10")}},
        QStringLiteral("2024-02-01"),
        QStringLiteral("2024-02-29"),
        29);
    // The longest range, a leap year, is answered in full.
    expectPeriod({{QStringLiteral("period"), QStringLiteral("range")},
                  {QStringLiteral("from"), QStringLiteral("2024-01-01")},
                  {QStringLiteral("to"), QStringLiteral("2024-12-31")}},
                 QStringLiteral("2024-01-01"),
                 QStringLiteral("2024-12-31"),
                 366);
    // Without a period: today in the shop's zone; "date" defaults to today too.
    const QString today = shanghaiToday();
    expectPeriod({}, today, today, 1);
    expectPeriod({{QStringLiteral("period"), QStringLiteral("today")}}, today, today, 1);
    const QString yesterday = QDate::fromString(today, Qt::ISODate).addDays(-1).toString(Qt::ISODate);
    expectPeriod({{QStringLiteral("period"), QStringLiteral("yesterday")}}, yesterday, yesterday, 1);
    const QDate todayDate = QDate::fromString(today, Qt::ISODate);
    const QDate lastMonth = QDate(todayDate.year(), todayDate.month(), 1).addMonths(-1);
    expectPeriod({{QStringLiteral("period"), QStringLiteral("last_month")}},
                 lastMonth.toString(Qt::ISODate),
                 lastMonth.addDays(lastMonth.daysInMonth() - 1).toString(Qt::ISODate),
                 lastMonth.daysInMonth());
    expectPeriod({{QStringLiteral("period"), QStringLiteral("this_month")}},
                 QDate(todayDate.year(), todayDate.month(), 1).toString(Qt::ISODate),
                 today,
                 todayDate.day());
    expectPeriod({{QStringLiteral("period"), QStringLiteral("this_week")}},
                 todayDate.addDays(1 - todayDate.dayOfWeek()).toString(Qt::ISODate),
                 today,
                 todayDate.dayOfWeek());

    // Nothing happened: zeros everywhere, no purchase rate (no visitors), empty top lists, the shop's zone.
    const auto empty =
        get({{QStringLiteral("period"), QStringLiteral("this_month")}, {QStringLiteral("top"), QStringLiteral("50")}});
    QCOMPARE(empty.status, 200);
    const QJsonObject totals = empty.json.value(QStringLiteral("totals")).toObject();
    for (const char* name :
         {"ordersPlaced", "paidOrders", "grossFen", "refundFen", "netFen", "pv", "uv", "averageOrderValueFen"})
        QCOMPARE(figure(totals, name), 0);
    QVERIFY(totals.value(QStringLiteral("purchaseRateBasisPoints")).isNull());
    QCOMPARE(empty.json[QStringLiteral("topProducts")][QStringLiteral("byQuantity")].toArray().size(), 0);
    QCOMPARE(empty.json[QStringLiteral("topProducts")][QStringLiteral("byRevenue")].toArray().size(), 0);
    QCOMPARE(empty.json.value(QStringLiteral("timeZone")).toString(), QStringLiteral("Asia/Shanghai"));
}

void tst_StatsApi::access_ownerAndClerkRead_otherShopsAndStrangersDoNot()
{
    const auto added = m_server->requestJson("POST",
                                             QStringLiteral("/admin/v1/staff"),
                                             QJsonObject{{QStringLiteral("login"), QStringLiteral("statsclerk")},
                                                         {QStringLiteral("displayName"), QStringLiteral("店员")},
                                                         {QStringLiteral("role"), QStringLiteral("clerk")},
                                                         {QStringLiteral("password"), QStringLiteral("clerkpass123")}},
                                             m_token);
    QCOMPARE(added.status, 201);
    const QString clerk =
        m_server->login(m_server->demoShopName(), QStringLiteral("statsclerk"), QStringLiteral("clerkpass123"));
    QVERIFY(!clerk.isEmpty());
    const auto asClerk = report({{QStringLiteral("period"), QStringLiteral("this_week")}}, clerk);
    QCOMPARE(asClerk.status, 200);
    QCOMPARE(asClerk.json.value(QStringLiteral("totals")),
             report({{QStringLiteral("period"), QStringLiteral("this_week")}}).json.value(QStringLiteral("totals")));

    const auto expectError = [](const ServerProcess::Reply& reply, int status, const QString& code) {
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(), code);
    };
    expectError(m_server->request("GET", statsPath()), 401, QStringLiteral("unauthenticated"));
    expectError(m_server->request("GET", statsPath(), {}, QStringLiteral("not-a-token")),
                401,
                QStringLiteral("unauthenticated"));
    QString otherToken;
    const QString otherShop = m_server->createShop(QStringLiteral("隔壁统计店"), &otherToken);
    QVERIFY(!otherShop.isEmpty());
    // Our path with their token, their path with ours: no such shop (never "forbidden": nothing to probe).
    expectError(m_server->request("GET", statsPath(), {}, otherToken), 404, QStringLiteral("not_found"));
    expectError(m_server->request("GET", statsPath(otherShop), {}, m_token), 404, QStringLiteral("not_found"));
    expectError(m_server->request("GET", statsPath(QStringLiteral("not-an-id")), {}, m_token),
                400,
                QStringLiteral("invalid_argument"));
    expectError(m_server->request("POST", statsPath(), "{}", m_token), 405, QStringLiteral("method_not_allowed"));
}

void tst_StatsApi::ordersCollectedAndRefunded_reportEqualsTheOrdersOwnEvents()
{
    // A shop of its own, so that nothing else of this suite is in its figures.
    QString owner;
    const QString shop = m_server->createShop(QStringLiteral("统计店"), &owner);
    QVERIFY(!shop.isEmpty() && !owner.isEmpty());
    QCOMPARE(m_server
                 ->requestJson("PUT",
                               QStringLiteral("/admin/v1/shops/%1/order-settings").arg(shop),
                               {{QStringLiteral("pickupEnabled"), true},
                                {QStringLiteral("pickupAddress"), QStringLiteral("本店柜台")},
                                {QStringLiteral("codEnabled"), true}},
                               owner)
                 .status,
             200);
    QStringList skus;
    QStringList productIds;
    for (const auto& [name, price] :
         {std::pair{QStringLiteral("拿铁"), 3000}, std::pair{QStringLiteral("红茶"), 1250}}) {
        const QString sku = Id::create();
        const auto created =
            m_server->requestJson("POST",
                                  QStringLiteral("/admin/v1/products"),
                                  QJsonObject{{QStringLiteral("name"), name},
                                              {QStringLiteral("onShelf"), true},
                                              {QStringLiteral("skus"),
                                               QJsonArray{QJsonObject{{QStringLiteral("id"), sku},
                                                                      {QStringLiteral("specs"), QJsonObject{}},
                                                                      {QStringLiteral("priceFen"), price},
                                                                      {QStringLiteral("stock"), 1000}}}}},
                                  owner);
        QVERIFY2(created.status == 201, created.body.constData());
        skus << sku;
        productIds << created.json.value(QStringLiteral("id")).toString();
    }
    QVERIFY(CustomerLogin::configureShop(*m_server, shop, owner, m_wechat));
    QList<CustomerLogin::Customer> customers;
    for (const QString& openId :
         {QStringLiteral("stats-alice"), QStringLiteral("stats-bob"), QStringLiteral("stats-carol")}) {
        customers << CustomerLogin::signIn(*m_server, m_wechat, shop, openId);
        QVERIFY2(!customers.last().token.isEmpty(), customers.last().reply.body.constData());
    }
    const auto place = [&](const CustomerLogin::Customer& customer, int latte, int tea) -> QString {
        QJsonArray items;
        if (latte > 0)
            items.append(QJsonObject{{QStringLiteral("skuId"), skus.at(0)}, {QStringLiteral("quantity"), latte}});
        if (tea > 0)
            items.append(QJsonObject{{QStringLiteral("skuId"), skus.at(1)}, {QStringLiteral("quantity"), tea}});
        const auto placed =
            m_server->requestJson("POST",
                                  QStringLiteral("/api/v1/shops/%1/orders").arg(shop),
                                  {{QStringLiteral("clientRequestId"), Id::create()},
                                   {QStringLiteral("items"), items},
                                   {QStringLiteral("fulfilment"), QStringLiteral("pickup")},
                                   {QStringLiteral("paymentMethod"), QStringLiteral("cash_on_delivery")},
                                   {QStringLiteral("contactName"), QStringLiteral("顾客")},
                                   {QStringLiteral("contactPhone"), QStringLiteral("13800138000")},
                                   {QStringLiteral("expectedPayableFen"), latte * 3000 + tea * 1250}},
                                  customer.token);
        if (placed.status != 201)
            qWarning() << placed.status << placed.body;
        return placed.json.value(QStringLiteral("id")).toString();
    };
    const auto act = [&](const QString& orderId, const QString& action, const QJsonObject& body = {}) {
        const auto reply = m_server->requestJson(
            "POST", QStringLiteral("/admin/v1/shops/%1/orders/%2/%3").arg(shop, orderId, action), body, owner);
        if (reply.status != 200)
            qWarning() << action << reply.status << reply.body;
        return reply.status;
    };
    const auto collect = [&](const QString& orderId) {
        return act(orderId, QStringLiteral("accept")) == 200 &&
               act(orderId, QStringLiteral("ready-for-pickup")) == 200 &&
               act(orderId, QStringLiteral("mark-collected")) == 200;
    };

    // alice: two orders collected, one partly refunded; bob: one collected and fully refunded, one left placed;
    // carol: one cancelled before anything was paid.
    const QString a1 = place(customers[0], 2, 1);
    const QString a2 = place(customers[0], 0, 3);
    const QString b1 = place(customers[1], 1, 0);
    const QString b2 = place(customers[1], 1, 1);
    const QString c1 = place(customers[2], 3, 0);
    for (const QString& id : {a1, a2, b1, b2, c1})
        QVERIFY(Id::isValid(id));
    QVERIFY(collect(a1));
    QVERIFY(collect(a2));
    QVERIFY(collect(b1));
    QCOMPARE(act(a1,
                 QStringLiteral("refund"),
                 {{QStringLiteral("amountFen"), 1234}, {QStringLiteral("reason"), QStringLiteral("少一杯")}}),
             200);
    // A full refund answers the customer's request.
    QCOMPARE(m_server
                 ->requestJson("POST",
                               QStringLiteral("/api/v1/shops/%1/orders/%2/refund-request").arg(shop, b1),
                               {{QStringLiteral("reason"), QStringLiteral("不想要了")}},
                               customers[1].token)
                 .status,
             200);
    QCOMPARE(act(b1,
                 QStringLiteral("refund"),
                 {{QStringLiteral("amountFen"), 3000}, {QStringLiteral("reason"), QStringLiteral("全退")}}),
             200);
    QCOMPARE(act(c1, QStringLiteral("cancel"), {{QStringLiteral("reason"), QStringLiteral("不要了")}}), 200);

    // What the orders' own events say, per local day (all of them today, unless the test straddles midnight).
    struct Expected
    {
        qint64 placed = 0, paid = 0, gross = 0, refund = 0, refunds = 0;
        QSet<QString> buyers, payers;
        QHash<QString, qint64> quantity, revenue;
        QHash<QString, QString> names;
    };
    QHash<QString, Expected> byDay;
    for (const QString& id : {a1, a2, b1, b2, c1}) {
        const auto reply =
            m_server->request("GET", QStringLiteral("/admin/v1/shops/%1/orders/%2").arg(shop, id), {}, owner);
        QCOMPARE(reply.status, 200);
        const QString customer = reply.json.value(QStringLiteral("customerId")).toString();
        QCOMPARE(reply.json.value(QStringLiteral("paymentMethod")).toString(), QStringLiteral("cash_on_delivery"));
        for (const QJsonValue& event : reply.json.value(QStringLiteral("events")).toArray()) {
            const QString action = event[QStringLiteral("action")].toString();
            Expected& day = byDay[dayOfMs(event[QStringLiteral("atMs")].toInteger())];
            const qint64 amount = event[QStringLiteral("amountFen")].toInteger();
            if (action == QLatin1String("place")) {
                ++day.placed;
                day.buyers.insert(customer);
            } else if (action == QLatin1String("pay") || action == QLatin1String("mark_collected")) {
                ++day.paid;
                day.gross += amount;
                day.payers.insert(customer);
                for (const QJsonValue& line : reply.json.value(QStringLiteral("items")).toArray()) {
                    const QString product = line[QStringLiteral("productId")].toString();
                    day.quantity[product] += line[QStringLiteral("quantity")].toInteger();
                    day.revenue[product] += line[QStringLiteral("lineTotalFen")].toInteger() -
                                            line[QStringLiteral("discountFen")].toInteger();
                    day.names[product] = line[QStringLiteral("productName")].toString();
                }
            } else if ((action == QLatin1String("refund") || action == QLatin1String("partial_refund") ||
                        action == QLatin1String("cancel")) &&
                       amount > 0) { // money paid back (a cancel of a paid order pays it all back)
                ++day.refunds;
                day.refund += amount;
            }
        }
    }
    QVERIFY(!byDay.isEmpty());
    QStringList days = byDay.keys();
    days.sort();
    const auto reply = m_server->request("GET",
                                         withQuery(statsPath(shop),
                                                   {{QStringLiteral("period"), QStringLiteral("range")},
                                                    {QStringLiteral("from"), days.first()},
                                                    {QStringLiteral("to"), days.last()},
                                                    {QStringLiteral("top"), QStringLiteral("1")}}),
                                         {},
                                         owner);
    QVERIFY2(reply.status == 200, reply.body.constData());
    Expected total;
    for (const QJsonValue& value : reply.json.value(QStringLiteral("days")).toArray()) {
        const QJsonObject row = value.toObject();
        const Expected expected = byDay.value(row.value(QStringLiteral("day")).toString());
        QCOMPARE(figure(row, "ordersPlaced"), expected.placed);
        QCOMPARE(figure(row, "buyers"), expected.buyers.size());
        QCOMPARE(figure(row, "paidOrders"), expected.paid);
        QCOMPARE(figure(row, "payers"), expected.payers.size());
        QCOMPARE(figure(row, "grossFen"), expected.gross);
        QCOMPARE(figure(row, "grossCodFen"), expected.gross);
        QCOMPARE(figure(row, "grossWechatFen"), 0);
        QCOMPARE(figure(row, "refundFen"), expected.refund);
        QCOMPARE(figure(row, "refundCodFen"), expected.refund);
        QCOMPARE(figure(row, "refundCount"), expected.refunds);
        QCOMPARE(figure(row, "netFen"), expected.gross - expected.refund);
        total.placed += expected.placed;
        total.paid += expected.paid;
        total.gross += expected.gross;
        total.refund += expected.refund;
        total.refunds += expected.refunds;
        for (auto it = expected.quantity.cbegin(); it != expected.quantity.cend(); ++it) {
            total.quantity[it.key()] += it.value();
            total.revenue[it.key()] += expected.revenue.value(it.key());
            total.names[it.key()] = expected.names.value(it.key());
        }
    }
    // 2 + 1 lattes and 1 + 3 + 0 teas collected (b2, c1 never paid): 6,000 + 1,250 + 3,750 + 3,000 fen.
    QCOMPARE(total.gross, 2 * 3000 + 1250 + 3 * 1250 + 3000);
    QCOMPARE(total.refund, 1234 + 3000);
    const QJsonObject totals = reply.json.value(QStringLiteral("totals")).toObject();
    QCOMPARE(figure(totals, "ordersPlaced"), 5);
    QCOMPARE(figure(totals, "paidOrders"), 3);
    QCOMPARE(figure(totals, "grossFen"), total.gross);
    QCOMPARE(figure(totals, "refundFen"), total.refund);
    QCOMPARE(figure(totals, "refundCount"), 2);
    QCOMPARE(figure(totals, "netFen"), total.gross - total.refund);
    // Net per paid order, rounded half away from zero.
    const qint64 net = total.gross - total.refund;
    QCOMPARE(figure(totals, "averageOrderValueFen"), (2 * net + 3) / (2 * 3));
    // Top 1: teas by quantity (4 > 3), lattes by revenue (9,000 > 5,000), with their names.
    const QJsonArray byQuantity = reply.json[QStringLiteral("topProducts")][QStringLiteral("byQuantity")].toArray();
    const QJsonArray byRevenue = reply.json[QStringLiteral("topProducts")][QStringLiteral("byRevenue")].toArray();
    QCOMPARE(byQuantity.size(), 1);
    QCOMPARE(byRevenue.size(), 1);
    QCOMPARE(byQuantity[0][QStringLiteral("productId")].toString(), productIds.at(1));
    QCOMPARE(byQuantity[0][QStringLiteral("productName")].toString(), QStringLiteral("红茶"));
    QCOMPARE(byQuantity[0][QStringLiteral("quantity")].toInteger(), total.quantity.value(productIds.at(1)));
    QCOMPARE(byQuantity[0][QStringLiteral("revenueFen")].toInteger(), total.revenue.value(productIds.at(1)));
    QCOMPARE(byRevenue[0][QStringLiteral("productId")].toString(), productIds.at(0));
    QCOMPARE(byRevenue[0][QStringLiteral("productName")].toString(), QStringLiteral("拿铁"));
    QCOMPARE(byRevenue[0][QStringLiteral("revenueFen")].toInteger(), total.revenue.value(productIds.at(0)));

    // The same figures reach the shop's desktops as stats_day rows (stamped by the orders' transactions).
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    QCOMPARE(socket.authenticate(owner, Id::create()).value(QStringLiteral("type")).toString(),
             QStringLiteral("auth.ok"));
    QHash<QString, QJsonObject> statsDays;
    QString cookie;
    for (int guard = 0; guard < 100; ++guard) {
        socket.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")},
                                    {QStringLiteral("id"), QStringLiteral("p")},
                                    {QStringLiteral("cookie"), cookie}});
        const QJsonObject page = socket.waitFor(QStringLiteral("pull.result"));
        QVERIFY(!page.isEmpty());
        for (const QJsonValue& row : page.value(QStringLiteral("rows")).toArray()) {
            if (row[QStringLiteral("entity")].toString() == QLatin1String("stats_day"))
                statsDays.insert(row[QStringLiteral("id")].toString(), row[QStringLiteral("data")].toObject());
        }
        cookie = page.value(QStringLiteral("cookie")).toString();
        if (!page.value(QStringLiteral("more")).toBool())
            break;
    }
    qint64 syncedGross = 0;
    qint64 syncedRefund = 0;
    for (const QJsonObject& data : std::as_const(statsDays)) {
        syncedGross += figure(data, "grossFen");
        syncedRefund += figure(data, "refundFen");
    }
    QCOMPARE(syncedGross, total.gross);
    QCOMPARE(syncedRefund, total.refund);
}

void tst_StatsApi::views_raisePvAndUv_afterTheFlush()
{
    const QString today = shanghaiToday();
    const auto todayFigures = [&] {
        const auto reply = report({{QStringLiteral("period"), QStringLiteral("today")}});
        return reply.json.value(QStringLiteral("totals")).toObject();
    };
    const QJsonObject before = todayFigures();
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
    const QString productPath = QStringLiteral("/api/v1/shops/%1/products/%2")
                                    .arg(m_shopId, product.json.value(QStringLiteral("id")).toString());
    // Fresh visitors of this run: two by their mini-program id, one by a hash of address and user agent.
    const QByteArray first = "stats" + Id::create().left(8).toLatin1();
    const QByteArray second = "stats" + Id::create().right(8).toLatin1();
    const QByteArray agent = "StatsTest/" + Id::create().toLatin1();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_server->request("GET", productPath, {}, {}, {{"X-Visitor-Id", first}}).status, 200);
    QCOMPARE(m_server->request("GET", productPath, {}, {}, {{"X-Visitor-Id", second}}).status, 200);
    QCOMPARE(m_server
                 ->requestJson("POST",
                               QStringLiteral("/api/v1/shops/%1/views").arg(m_shopId),
                               {{QStringLiteral("page"), QStringLiteral("pages/index/index")},
                                {QStringLiteral("visitorId"), QString::fromLatin1(second)}})
                 .status,
             202);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(m_server->request("GET", productPath, {}, {}, {{"User-Agent", agent}}).status, 200);
    // 7 views by 3 visitors, written by the recorder's next flush (within a second or so).
    QTRY_COMPARE_WITH_TIMEOUT(figure(todayFigures(), "pv"), figure(before, "pv") + 7, 10000);
    const QJsonObject after = todayFigures();
    QCOMPARE(figure(after, "uv"), figure(before, "uv") + 3);
    QCOMPARE(figure(after, "grossFen"), figure(before, "grossFen"));
    // The day's row in the series carries the same.
    const auto reply = report({{QStringLiteral("period"), QStringLiteral("day")}, {QStringLiteral("date"), today}});
    QCOMPARE(figure(reply.json.value(QStringLiteral("days")).toArray().first().toObject(), "pv"), figure(after, "pv"));
}

void tst_StatsApi::sync_pullCarriesStatsRows_onceEach_acrossPages()
{
    // Rows written behind the server's back at two new versions of a fresh shop: 12 days and 15 product-days, so
    // that pages of 5 stop inside both entities and inside one version.
    QString owner;
    const QString shop = m_server->createShop(QStringLiteral("同步统计店"), &owner);
    QVERIFY(!shop.isEmpty());
    const qint64 counter = scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {shop}).toLongLong();
    QVERIFY(exec(QStringLiteral("UPDATE shops SET change_counter = ? WHERE id = ?"), {counter + 2, shop}));
    QHash<QString, qint64> grossOf;
    for (int i = 0; i < 12; ++i) {
        const QDate day = QDate(2026, 2, 20).addDays(i); // across the end of February
        const int key = day.year() * 10000 + day.month() * 100 + day.day();
        grossOf.insert(day.toString(Qt::ISODate), 1000 + i);
        QVERIFY(
            exec(QStringLiteral("INSERT INTO stats_days (shop_id, day, orders_placed, gross_fen, gross_cod_fen, pv, "
                                "uv, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                 {shop, key, i, 1000 + i, 1000 + i, 10 * i, i, counter + 1 + i % 2}));
    }
    const QString product = Id::create();
    const QString otherProduct = Id::create();
    for (int i = 0; i < 15; ++i) {
        const QDate day = QDate(2026, 2, 20).addDays(i / 2);
        const int key = day.year() * 10000 + day.month() * 100 + day.day();
        QVERIFY(exec(QStringLiteral("INSERT INTO stats_product_days (shop_id, day, product_id, product_name, quantity, "
                                    "revenue_fen, version) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                     {shop,
                      key,
                      i % 2 ? product : otherProduct,
                      i == 14 ? QStringLiteral("商品0改名") : QStringLiteral("商品%1").arg(i % 2), // renamed last
                      i + 1,
                      100 * (i + 1),
                      counter + 1 + (i / 2) % 2}));
    }
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    QCOMPARE(socket.authenticate(owner, Id::create()).value(QStringLiteral("type")).toString(),
             QStringLiteral("auth.ok"));
    QHash<QString, QJsonObject> days;
    QHash<QString, QJsonObject> productDays;
    QString cookie;
    for (int guard = 0; guard < 100; ++guard) {
        socket.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")},
                                    {QStringLiteral("id"), QStringLiteral("p")},
                                    {QStringLiteral("cookie"), cookie},
                                    {QStringLiteral("limit"), 5}});
        const QJsonObject page = socket.waitFor(QStringLiteral("pull.result"));
        QVERIFY(!page.isEmpty());
        for (const QJsonValue& value : page.value(QStringLiteral("rows")).toArray()) {
            const QJsonObject row = value.toObject();
            const QString entity = row.value(QStringLiteral("entity")).toString();
            const QString id = row.value(QStringLiteral("id")).toString();
            QVERIFY(!row.value(QStringLiteral("deleted")).toBool());
            if (entity == QLatin1String("stats_day")) {
                QVERIFY2(!days.contains(id), qPrintable(id + QStringLiteral(" came twice")));
                days.insert(id, row);
            } else if (entity == QLatin1String("stats_product_day")) {
                QVERIFY2(!productDays.contains(id), qPrintable(id + QStringLiteral(" came twice")));
                productDays.insert(id, row);
            }
        }
        cookie = page.value(QStringLiteral("cookie")).toString();
        if (!page.value(QStringLiteral("more")).toBool())
            break;
    }
    QCOMPARE(days.size(), 12);
    QCOMPARE(productDays.size(), 15);
    const QJsonObject march = days.value(QStringLiteral("2026-03-01")).value(QStringLiteral("data")).toObject();
    QCOMPARE(march.value(QStringLiteral("day")).toString(), QStringLiteral("2026-03-01"));
    QCOMPARE(figure(march, "grossFen"), grossOf.value(QStringLiteral("2026-03-01")));
    QCOMPARE(figure(march, "grossCodFen"), grossOf.value(QStringLiteral("2026-03-01")));
    QCOMPARE(figure(march, "pv"), 90);
    QCOMPARE(figure(march, "uv"), 9);
    QCOMPARE(figure(march, "ordersPlaced"), 9);
    QCOMPARE(days.value(QStringLiteral("2026-03-01")).value(QStringLiteral("version")).toInteger(), counter + 2);
    // 2026-02-20 + 7 = 2026-02-27: the 15th row (i = 14) is the other product's.
    const QJsonObject line =
        productDays.value(QStringLiteral("2026-02-27:") + otherProduct).value(QStringLiteral("data")).toObject();
    QCOMPARE(line.value(QStringLiteral("day")).toString(), QStringLiteral("2026-02-27"));
    QCOMPARE(line.value(QStringLiteral("productId")).toString(), otherProduct);
    QCOMPARE(line.value(QStringLiteral("productName")).toString(), QStringLiteral("商品0改名"));
    QCOMPARE(line.value(QStringLiteral("quantity")).toInteger(), 15);
    QCOMPARE(line.value(QStringLiteral("revenueFen")).toInteger(), 1500);

    // The REST report over the same rows agrees, and ranks by quantity and revenue.
    const auto reply = m_server->request("GET",
                                         withQuery(statsPath(shop),
                                                   {{QStringLiteral("period"), QStringLiteral("range")},
                                                    {QStringLiteral("from"), QStringLiteral("2026-02-01")},
                                                    {QStringLiteral("to"), QStringLiteral("2026-03-31")}}),
                                         {},
                                         owner);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("days")).toArray().size(), 59);
    qint64 gross = 0;
    for (const qint64 value : std::as_const(grossOf))
        gross += value;
    QCOMPARE(figure(reply.json.value(QStringLiteral("totals")).toObject(), "grossFen"), gross);
    // Other product: quantities 1,3,...,15 = 64; product: 2,4,...,14 = 56.
    const QJsonArray byQuantity = reply.json[QStringLiteral("topProducts")][QStringLiteral("byQuantity")].toArray();
    QCOMPARE(byQuantity.size(), 2);
    QCOMPARE(byQuantity[0][QStringLiteral("productId")].toString(), otherProduct);
    QCOMPARE(byQuantity[0][QStringLiteral("quantity")].toInteger(), 64);
    QCOMPARE(byQuantity[0][QStringLiteral("productName")].toString(), QStringLiteral("商品0改名")); // its latest name
    QCOMPARE(byQuantity[1][QStringLiteral("quantity")].toInteger(), 56);
    QCOMPARE(byQuantity[1][QStringLiteral("productName")].toString(), QStringLiteral("商品1"));

    // A long period reads the product-days another way (in product order, StatsReader): the same answer.
    const auto year = m_server->request("GET",
                                        withQuery(statsPath(shop),
                                                  {{QStringLiteral("period"), QStringLiteral("range")},
                                                   {QStringLiteral("from"), QStringLiteral("2025-04-01")},
                                                   {QStringLiteral("to"), QStringLiteral("2026-03-31")}}),
                                        {},
                                        owner);
    QCOMPARE(year.status, 200);
    QCOMPARE(year.json.value(QStringLiteral("days")).toArray().size(), 365);
    QCOMPARE(year.json.value(QStringLiteral("totals")), reply.json.value(QStringLiteral("totals")));
    QCOMPARE(year.json.value(QStringLiteral("topProducts")), reply.json.value(QStringLiteral("topProducts")));
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_StatsApi>(argc, argv);
}
#include "tst_statsapi.moc"
