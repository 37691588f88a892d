// Finance figures as a merchant meets them, live, against a real syncserver process: a customer places a cash on
// delivery order through the customer API, the merchant marks it collected over the admin REST API, and the signed-in
// desktop's Finance page (today) shows the turnover -- the chart's bar of today and the totals table -- with nobody
// touching it; then a partial refund shows as refund and lowers the net. The desktop's report must equal the
// server's REST report of the same day, figure for figure (both are stats::buildReport over the same rows).
#include "DesktopFixture.h"
#include "FinancePage.h"
#include "GuiTestHelpers.h"
#include "MainWindow.h"
#include "MiniWechat.h"
#include "PeriodPicker.h"
#include "SessionController.h"
#include "StatsCharts.h"
#include "SyncStatusWidget.h"
#include "xiaodian/Id.h"
#include "xiaodian/Stats.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QLineSeries>
#include <QTableWidget>
#include <QTest>

using namespace xd;

namespace {

const QString kAppId = QStringLiteral("wx0123456789abcdef");
const QString kAppSecret = QStringLiteral("0123456789abcdef0123456789abcdef");

} // namespace

class tst_StatsDesktop : public QObject, private test::DesktopServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void collectedOrder_showsLiveOnFinancePage_thenPartialRefund();

private:
    QString shopPath(const QString& rest) const
    {
        return QStringLiteral("/admin/v1/shops/%1/%2").arg(m_server->demoShopId(), rest);
    }
    // Places a cash-on-delivery order of `quantity` pieces as alice; its id, or "" (with a warning).
    QString placeOrder(int quantity, qint64* payableFen);
    // Runs a merchant operation over the admin REST API; the HTTP status (the body is printed when not 200).
    int operate(const QString& orderId, const QString& action, const QJsonObject& body = {});
    // The server's report of the shop's today (GET .../stats?period=today).
    std::optional<stats::DayFigures> serverTotals();

    test::MiniWechat m_wechat{kAppId, kAppSecret};
    QString m_ownerToken;
    QString m_skuId;
    QString m_customerToken;
    QString m_addressId;
};

void tst_StatsDesktop::initTestCase()
{
    QVERIFY(m_wechat.start());
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("server")));
    QVERIFY2(m_server->start({QStringLiteral("--wechat-api-base"), m_wechat.baseUrl()}),
             qPrintable(m_server->errorText()));
    m_ownerToken = m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    QVERIFY(!m_ownerToken.isEmpty());

    // The shop: its mini-program, delivery with cash on delivery, a product with stock.
    const auto wechat =
        m_server->requestJson("PUT",
                              shopPath(QStringLiteral("wechat")),
                              QJsonObject{{QStringLiteral("appId"), kAppId}, {QStringLiteral("appSecret"), kAppSecret}},
                              m_ownerToken);
    QVERIFY2(wechat.status == 200, wechat.body.constData());
    const auto settings = m_server->request("GET", shopPath(QStringLiteral("order-settings")), {}, m_ownerToken);
    QVERIFY2(settings.status == 200, settings.body.constData());
    QJsonObject changed = settings.json;
    changed.remove(QStringLiteral("version"));
    changed.insert(QStringLiteral("deliveryEnabled"), true);
    changed.insert(QStringLiteral("codEnabled"), true);
    const auto put = m_server->requestJson("PUT", shopPath(QStringLiteral("order-settings")), changed, m_ownerToken);
    QVERIFY2(put.status == 200, put.body.constData());
    const QJsonObject product{
        {QStringLiteral("name"), QStringLiteral("桂花乌龙")},
        {QStringLiteral("onShelf"), true},
        {QStringLiteral("skus"),
         QJsonArray{QJsonObject{{QStringLiteral("priceFen"), 1'850}, {QStringLiteral("stock"), 500}}}}};
    const auto created = m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), product, m_ownerToken);
    QVERIFY2(created.status == 201, created.body.constData());
    QJsonArray skus = created.json.value(QStringLiteral("skus")).toArray();
    if (skus.isEmpty()) {
        const auto stored = m_server->request(
            "GET",
            QStringLiteral("/admin/v1/products/%1").arg(created.json.value(QStringLiteral("id")).toString()),
            {},
            m_ownerToken);
        skus = stored.json.value(QStringLiteral("skus")).toArray();
    }
    m_skuId = skus.first().toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!m_skuId.isEmpty());

    const auto login = m_server->requestJson("POST",
                                             QStringLiteral("/api/v1/shops/%1/auth/wechat").arg(m_server->demoShopId()),
                                             QJsonObject{{QStringLiteral("code"), QStringLiteral("alice")}});
    QVERIFY2(login.status == 200, login.body.constData());
    m_customerToken = login.json.value(QStringLiteral("token")).toString();
    QVERIFY(!m_customerToken.isEmpty());
    const auto address =
        m_server->requestJson("POST",
                              QStringLiteral("/api/v1/shops/%1/me/addresses").arg(m_server->demoShopId()),
                              QJsonObject{{QStringLiteral("recipient"), QStringLiteral("李雷")},
                                          {QStringLiteral("phone"), QStringLiteral("13800138000")},
                                          {QStringLiteral("province"), QStringLiteral("上海市")},
                                          {QStringLiteral("city"), QStringLiteral("上海市")},
                                          {QStringLiteral("district"), QStringLiteral("浦东新区")},
                                          {QStringLiteral("detail"), QStringLiteral("世纪大道 100 号")},
                                          {QStringLiteral("isDefault"), true}},
                              m_customerToken);
    QVERIFY2(address.status == 201, address.body.constData());
    m_addressId = address.json.value(QStringLiteral("id")).toString();
}

QString tst_StatsDesktop::placeOrder(int quantity, qint64* payableFen)
{
    const QJsonArray items{QJsonObject{{QStringLiteral("skuId"), m_skuId}, {QStringLiteral("quantity"), quantity}}};
    const auto preview =
        m_server->requestJson("POST",
                              QStringLiteral("/api/v1/shops/%1/checkout/preview").arg(m_server->demoShopId()),
                              QJsonObject{{QStringLiteral("items"), items},
                                          {QStringLiteral("fulfilment"), QStringLiteral("delivery")},
                                          {QStringLiteral("addressId"), m_addressId}},
                              m_customerToken);
    if (preview.status != 200 || !preview.json.value(QStringLiteral("canPlace")).toBool()) {
        qWarning("preview: HTTP %d %s", preview.status, preview.body.constData());
        return {};
    }
    *payableFen = preview.json.value(QStringLiteral("payableFen")).toInteger();
    const QJsonObject body{{QStringLiteral("clientRequestId"), Id::create()},
                           {QStringLiteral("items"), items},
                           {QStringLiteral("fulfilment"), QStringLiteral("delivery")},
                           {QStringLiteral("paymentMethod"), QStringLiteral("cash_on_delivery")},
                           {QStringLiteral("addressId"), m_addressId},
                           {QStringLiteral("expectedPayableFen"), *payableFen}};
    const auto placed = m_server->requestJson(
        "POST", QStringLiteral("/api/v1/shops/%1/orders").arg(m_server->demoShopId()), body, m_customerToken);
    if (placed.status != 200 && placed.status != 201) {
        qWarning("place: HTTP %d %s", placed.status, placed.body.constData());
        return {};
    }
    const QJsonObject order = placed.json.contains(QStringLiteral("order"))
                                  ? placed.json.value(QStringLiteral("order")).toObject()
                                  : placed.json;
    return order.value(QStringLiteral("id")).toString();
}

int tst_StatsDesktop::operate(const QString& orderId, const QString& action, const QJsonObject& body)
{
    const auto reply = m_server->requestJson(
        "POST", shopPath(QStringLiteral("orders/%1/%2").arg(orderId, action)), body, m_ownerToken);
    if (reply.status != 200)
        qWarning("%s: HTTP %d %s", qPrintable(action), reply.status, reply.body.constData());
    return reply.status;
}

std::optional<stats::DayFigures> tst_StatsDesktop::serverTotals()
{
    const auto reply = m_server->request("GET", shopPath(QStringLiteral("stats?period=today")), {}, m_ownerToken);
    if (reply.status != 200) {
        qWarning("stats: HTTP %d %s", reply.status, reply.body.constData());
        return std::nullopt;
    }
    const Result<stats::DayFigures> totals =
        stats::DayFigures::fromJson(reply.json.value(QStringLiteral("totals")).toObject());
    if (!totals) {
        qWarning("stats totals: %s", qPrintable(totals.error().message));
        return std::nullopt;
    }
    return *totals;
}

void tst_StatsDesktop::collectedOrder_showsLiveOnFinancePage_thenPartialRefund()
{
    // Everything below happens on one shop day (Asia/Shanghai, the demo shop's zone): not across its midnight.
    const stats::ShopCalendar shanghai;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 untilMidnight = shanghai.endOfDayMs(shanghai.dayOf(now)) - now;
    if (untilMidnight < 120'000)
        QTest::qWait(int(untilMidnight) + 1'000);

    test::WiredDesktop desktop(m_dir.filePath(QStringLiteral("caches")));
    MainWindow& window = desktop.window;
    const QStringList& warnings = desktop.warnings;
    QVERIFY(desktop.show());
    auto* page = qobject_cast<FinancePage*>(window.page(MainWindow::Module::Finance));
    QVERIFY(page);
    QVERIFY(!page->isEnabled()); // signed out

    desktop.controller.setSignInPrefill(
        QUrl(m_server->baseUrl()), m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    desktop.controller.showSignIn();
    auto* stateLabel = window.findChild<QLabel*>(QStringLiteral("stateLabel"));
    QVERIFY(stateLabel);
    const QString onlineText = SyncStatusWidget::stateText(SyncStatusWidget::State::Online);
    QVERIFY2(QTest::qWaitFor([&] { return stateLabel->text() == onlineText; }, 20000),
             qPrintable(stateLabel->text() + warnings.join(QLatin1Char('\n'))));
    window.setCurrentModule(MainWindow::Module::Finance);
    QVERIFY(page->isEnabled());
    page->periodPicker()->setChoice(PeriodPicker::Choice::Today);
    QTRY_VERIFY(page->report().has_value());
    const stats::Period today = page->report()->period;
    QCOMPARE(today.days(), 1);

    auto* totalsTable = page->findChild<QTableWidget*>(QStringLiteral("totalsTableWidget"));
    auto* turnoverView = page->findChild<QChartView*>(QStringLiteral("turnoverChartView"));
    QVERIFY(totalsTable && turnoverView);
    // What the page shows now, as the user sees it: the totals table's value of a row, today's turnover bar.
    const auto tableText = [&](FinancePage::TotalsRow row) {
        const QTableWidgetItem* item = totalsTable->item(row, totalsTable->columnCount() - 1);
        return item ? item->text() : QString();
    };
    const auto todaysBar = [&]() -> std::optional<qreal> {
        for (QAbstractSeries* series : turnoverView->chart()->series()) {
            if (auto* bars = qobject_cast<QBarSeries*>(series)) {
                for (QBarSet* set : bars->barSets()) {
                    if (set->objectName() == QLatin1String("grossBarSet") && set->count() == 1)
                        return set->at(0);
                }
            }
        }
        return std::nullopt;
    };
    const auto todaysNetPoint = [&]() -> std::optional<qreal> {
        for (QAbstractSeries* series : turnoverView->chart()->series()) {
            auto* line = qobject_cast<QLineSeries*>(series);
            if (line && line->objectName() == QLatin1String("netLineSeries") && line->count() == 1)
                return line->at(0).y();
        }
        return std::nullopt;
    };

    // Whatever the demo shop already has today is the baseline; the server agrees with the desktop on it.
    const std::optional<stats::DayFigures> before = serverTotals();
    QVERIFY(before);
    QTRY_VERIFY(page->report()->totals.sameFigures(*before));

    // A customer orders, cash on delivery; the merchant accepts, ships and collects the cash over the admin API.
    QElapsedTimer clock;
    qint64 payableFen = 0;
    const QString orderId = placeOrder(2, &payableFen);
    QVERIFY(!orderId.isEmpty());
    QVERIFY(payableFen >= 2 * 1'850);
    QCOMPARE(operate(orderId, QStringLiteral("accept")), 200);
    QCOMPARE(operate(orderId,
                     QStringLiteral("ship"),
                     QJsonObject{{QStringLiteral("carrier"), QStringLiteral("顺丰速运")},
                                 {QStringLiteral("trackingNo"), QStringLiteral("SF1")}}),
             200);
    // The order placed already counts; no money has moved yet.
    QVERIFY2(QTest::qWaitFor([&] { return page->report()->totals.ordersPlaced == before->ordersPlaced + 1; }, 10000),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    QCOMPARE(page->report()->totals.grossFen, before->grossFen);
    clock.start();
    QCOMPARE(operate(orderId, QStringLiteral("mark-collected")), 200);

    // The page follows by itself: the report, the totals table and today's bar.
    const qint64 grossFen = before->grossFen + payableFen;
    QVERIFY2(QTest::qWaitFor([&] { return page->report()->totals.grossFen == grossFen; }, 10000),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    qInfo("collected cash on the Finance page after %lld ms (from the mark-collected request)", clock.elapsed());
    const stats::DayFigures collected = page->report()->totals;
    QCOMPARE(collected.grossCodFen, before->grossCodFen + payableFen);
    QCOMPARE(collected.paidOrders, before->paidOrders + 1);
    QCOMPARE(collected.netFen(), before->netFen() + payableFen);
    QTRY_COMPARE(tableText(FinancePage::GrossRow), StatsCharts::yuanText(grossFen));
    QCOMPARE(tableText(FinancePage::CodRow), StatsCharts::yuanText(collected.grossCodFen));
    QCOMPARE(tableText(FinancePage::NetRow), StatsCharts::yuanText(collected.netFen()));
    QCOMPARE(tableText(FinancePage::PaidOrdersRow), QLocale().toString(collected.paidOrders));
    QTRY_COMPARE(todaysBar(), std::optional<qreal>(qreal(grossFen)));
    QCOMPARE(todaysNetPoint(), std::optional<qreal>(qreal(collected.netFen())));
    const std::optional<stats::DayFigures> serverCollected = serverTotals();
    QVERIFY(serverCollected);
    QVERIFY(serverCollected->sameFigures(collected));

    // A partial refund of the completed order: refund and net move, the turnover stays.
    const qint64 refundFen = 1'234;
    clock.restart();
    QCOMPARE(operate(orderId,
                     QStringLiteral("refund"),
                     QJsonObject{{QStringLiteral("amountFen"), refundFen},
                                 {QStringLiteral("reason"), QStringLiteral("少发一件")}}),
             200);
    QVERIFY2(QTest::qWaitFor([&] { return page->report()->totals.refundFen == before->refundFen + refundFen; }, 10000),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    qInfo("partial refund on the Finance page after %lld ms", clock.elapsed());
    const stats::DayFigures refunded = page->report()->totals;
    QCOMPARE(refunded.grossFen, grossFen);
    QCOMPARE(refunded.refundCodFen, before->refundCodFen + refundFen);
    QCOMPARE(refunded.refundCount, before->refundCount + 1);
    QCOMPARE(refunded.netFen(), grossFen - before->refundFen - refundFen);
    QTRY_COMPARE(tableText(FinancePage::RefundRow), StatsCharts::yuanText(refunded.refundFen));
    QCOMPARE(tableText(FinancePage::NetRow), StatsCharts::yuanText(refunded.netFen()));
    QCOMPARE(tableText(FinancePage::CodRefundRow), StatsCharts::yuanText(refunded.refundCodFen));
    QCOMPARE(tableText(FinancePage::GrossRow), StatsCharts::yuanText(grossFen));
    QCOMPARE(todaysBar(), std::optional<qreal>(qreal(grossFen)));
    QTRY_COMPARE(todaysNetPoint(), std::optional<qreal>(qreal(refunded.netFen())));
    const std::optional<stats::DayFigures> serverRefunded = serverTotals();
    QVERIFY(serverRefunded);
    QVERIFY(serverRefunded->sameFigures(refunded));

    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("stats_finance_live")));
}

QTEST_MAIN(tst_StatsDesktop)
#include "tst_statsdesktop.moc"
