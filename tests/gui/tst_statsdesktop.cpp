// Finance figures as a merchant meets them, live, against a real syncserver process: a customer places a cash on
// delivery order through the customer API, the merchant marks it collected over the admin REST API, and the signed-in
// desktop's Finance page (today) shows the turnover -- the chart's bar of today and the totals table -- with nobody
// touching it; then a partial refund shows as refund and lowers the net. The desktop's report must equal the
// server's REST report of the same day, figure for figure (both are stats::buildReport over the same rows).
#include "CodShop.h"
#include "DesktopFixture.h"
#include "FinancePage.h"
#include "GuiTestHelpers.h"
#include "MainWindow.h"
#include "MiniWechat.h"
#include "PeriodPicker.h"
#include "SessionController.h"
#include "StatsCharts.h"
#include "SyncStatusWidget.h"
#include "xiaodian/Stats.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
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
    // Runs a merchant operation over the admin REST API; the HTTP status (the body is printed when not 200).
    int operate(const QString& orderId, const QString& action, const QJsonObject& body = {});
    // The server's report of the shop's today (GET .../stats?period=today).
    std::optional<stats::DayFigures> serverTotals();

    test::MiniWechat m_wechat{kAppId, kAppSecret};
    QString m_ownerToken;
    std::unique_ptr<test::CodShop> m_shop; // the demo shop, ready for alice's cash-on-delivery orders
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

    m_shop = std::make_unique<test::CodShop>(*m_server, m_ownerToken);
    const QString failed = m_shop->prepare(kAppId, kAppSecret);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
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
    const QString orderId = m_shop->placeOrder(2, &payableFen);
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
    QTRY_COMPARE(tableText(FinancePage::GrossRow), StatsCharts::groupedYuanText(grossFen));
    QCOMPARE(tableText(FinancePage::CodRow), StatsCharts::groupedYuanText(collected.grossCodFen));
    QCOMPARE(tableText(FinancePage::NetRow), StatsCharts::groupedYuanText(collected.netFen()));
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
    QTRY_COMPARE(tableText(FinancePage::RefundRow), StatsCharts::groupedYuanText(refunded.refundFen));
    QCOMPARE(tableText(FinancePage::NetRow), StatsCharts::groupedYuanText(refunded.netFen()));
    QCOMPARE(tableText(FinancePage::CodRefundRow), StatsCharts::groupedYuanText(refunded.refundCodFen));
    QCOMPARE(tableText(FinancePage::GrossRow), StatsCharts::groupedYuanText(grossFen));
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
