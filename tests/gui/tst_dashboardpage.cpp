#include "DashboardPage.h"
#include "DesktopSession.h"
#include "FigureCard.h"
#include "FinancePage.h"
#include "GuiTestHelpers.h"
#include "InMemorySecretStore.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "OrderSeed.h"
#include "OrderService.h"
#include "OrdersPage.h"
#include "SessionController.h"
#include "StatisticsPage.h"
#include "StatsCharts.h"
#include "StatsPageFixture.h"
#include "StatsSeed.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QToolTip>

using namespace xd;

namespace {

// 10:00 on 2026-11-25 in Shanghai (the default zone of a shop without one).
const QDate Today(2026, 11, 25);
const qint64 Now = QDateTime(Today, QTime(10, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();

stats::DayFigures figures(QDate day, qint64 grossFen, qint64 refundFen, qint64 paidOrders, qint64 payers, qint64 uv)
{
    stats::DayFigures f;
    f.day = day;
    f.grossFen = grossFen;
    f.grossWechatFen = grossFen;
    f.refundFen = refundFen;
    f.refundWechatFen = refundFen;
    f.refundCount = refundFen > 0 ? 1 : 0;
    f.paidOrders = paidOrders;
    f.payers = payers;
    f.ordersPlaced = paidOrders + 3;
    f.buyers = payers + 1;
    f.uv = uv;
    f.pv = uv * 4;
    return f;
}

template <typename T> T* child(QObject* parent, const QString& name)
{
    auto* found = parent->findChild<T*>(name);
    Q_ASSERT_X(found, "child", qPrintable(name));
    return found;
}

} // namespace

class tst_DashboardPage : public QObject, private test::StatsPageFixture
{
    Q_OBJECT

public:
    tst_DashboardPage() : StatsPageFixture(Now) {}

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void seeded_cardsCompareTodayWithYesterday();
    void seeded_chartShowsTheLast30Days();
    void pull_updatesTheCardsLive();
    void midnight_movesTodayOn();
    void emptyCache_showsZerosAndAnEmptyChart();
    void signedOut_isEmptyAndDisabled();
    void waitingOrders_countAndOpenTheOrders();
    void sessionController_placesTheReportPages_andOpensOrdersOnTheirState();
    void languageSwitch_redrawsDatesInTheNewLanguage();
    void screenshot_zhCN();

private:
    FigureCard* card(const char* name)
    {
        return child<FigureCard>(m_page.get(), QString::fromLatin1(name) + QStringLiteral("Card"));
    }
    void seedFigures();

    std::unique_ptr<OrderService> m_orders;
    std::unique_ptr<DashboardPage> m_page;
};

void tst_DashboardPage::initTestCase()
{
    prepareApplication(QStringLiteral("tst_dashboardpage"));
}

void tst_DashboardPage::init()
{
    QVERIFY(openCache());
    m_orders = std::make_unique<OrderService>(*m_cache->store, Role::Owner);
    m_page = std::make_unique<DashboardPage>();
    m_page->setService(m_stats.get());
    m_page->setOrderService(m_orders.get());
    m_page->resize(1180, 680);
    m_page->show();
}

void tst_DashboardPage::cleanup()
{
    m_page.reset();
    m_orders.reset();
    closeCache();
}

void tst_DashboardPage::seedFigures()
{
    // Today: ¥1,500.00 received, ¥200.00 refunded, 12 paid orders from 10 of 200 visitors. Yesterday: ¥1,200.00,
    // 16 orders, 8 of 100 visitors. One day earlier in the chart, one before it (never shown).
    QVERIFY(pull({test::dayRow(figures(Today, 150'000, 20'000, 12, 10, 200), ++m_version),
                  test::dayRow(figures(Today.addDays(-1), 120'000, 0, 16, 8, 100), ++m_version),
                  test::dayRow(figures(QDate(2026, 11, 1), 50'000, 0, 5, 5, 40), ++m_version),
                  test::dayRow(figures(QDate(2026, 10, 20), 999'900, 0, 99, 9, 90), ++m_version)}));
    m_page->reload(); // what the changed() signal does: the next test proves that
}

void tst_DashboardPage::seeded_cardsCompareTodayWithYesterday()
{
    seedFigures();
    QCOMPARE(m_page->shownDay(), Today);
    QVERIFY(child<QLabel>(m_page.get(), QStringLiteral("dayLabel"))->text().contains(QStringLiteral("2026")));

    QCOMPARE(card("turnover")->value(), QStringLiteral("¥1,500.00"));
    QCOMPARE(card("turnover")->note(), QStringLiteral("Net ¥1,300.00 (refunds ¥200.00)"));
    QCOMPARE(card("turnover")->change(), QStringLiteral("Yesterday ¥1,200.00 ▲ 25.00%"));
    QCOMPARE(card("turnover")->trend(), FigureCard::Trend::Up);

    QCOMPARE(card("orders")->value(), QStringLiteral("12"));
    QCOMPARE(card("orders")->note(), QStringLiteral("Placed today: 15"));
    QCOMPARE(card("orders")->change(), QStringLiteral("Yesterday 16 ▼ 25.00%"));
    QCOMPARE(card("orders")->trend(), FigureCard::Trend::Down);

    QCOMPARE(card("visitors")->value(), QStringLiteral("200"));
    QCOMPARE(card("visitors")->note(), QStringLiteral("Page views: 800"));
    QCOMPARE(card("visitors")->change(), QStringLiteral("Yesterday 100 ▲ 100.00%"));

    // 10 / 200 = 5.00% against 8 / 100 = 8.00%: three percentage points down.
    QCOMPARE(card("purchaseRate")->value(), QStringLiteral("5.00%"));
    QCOMPARE(card("purchaseRate")->note(), QStringLiteral("Paying customers: 10"));
    QCOMPARE(card("purchaseRate")->change(), QStringLiteral("Yesterday 8.00% ▼ 3.00 pp"));
    QCOMPARE(card("purchaseRate")->trend(), FigureCard::Trend::Down);

    // Net ÷ paid orders: 130,000 / 12 = 10,833.3 → ¥108.33; yesterday 120,000 / 16 = ¥75.00; +44.44%.
    QCOMPARE(card("averageOrderValue")->value(), QStringLiteral("¥108.33"));
    QCOMPARE(card("averageOrderValue")->change(), QStringLiteral("Yesterday ¥75.00 ▲ 44.44%"));
}

void tst_DashboardPage::seeded_chartShowsTheLast30Days()
{
    seedFigures();
    QChart* chart = m_page->chartView()->chart();
    auto* bars = chart->findChild<QBarSeries*>(QStringLiteral("turnoverBarSeries"));
    QVERIFY(bars);
    QCOMPARE(bars->barSets().size(), 1);
    QBarSet* turnover = bars->barSets().constFirst();
    QCOMPARE(turnover->count(), DashboardPage::ChartDays);
    QCOMPARE(turnover->at(29), 150'000.0); // today last, in fen
    QCOMPARE(turnover->at(28), 120'000.0);
    QCOMPARE(turnover->at(5), 50'000.0); // 2026-11-01: the 27th of October is the first day
    qreal sum = 0;
    for (int i = 0; i < turnover->count(); ++i)
        sum += turnover->at(i);
    QCOMPARE(sum, 320'000.0); // 2026-10-20 lies before the 30 days
    // Hovering a bar tells the day's figures.
    emit bars->hovered(true, 29, turnover);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("Turnover ¥1,500.00")), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains(QStringLiteral("Net ¥1,300.00")));
    QVERIFY(QToolTip::text().contains(QStringLiteral("Paid orders 12")));
    QVERIFY(QToolTip::text().contains(StatsCharts::longDayLabel(Today)));

    QLineSeries* orders = nullptr;
    for (QAbstractSeries* series : chart->series()) {
        if (series->objectName() == QLatin1String("paidOrdersSeries"))
            orders = qobject_cast<QLineSeries*>(series);
    }
    QVERIFY(orders);
    QCOMPARE(orders->count(), 30);
    QCOMPARE(orders->at(29), QPointF(29, 12));
    QCOMPARE(orders->at(28), QPointF(28, 16));
    QCOMPARE(orders->at(0), QPointF(0, 0));

    const auto axes = chart->axes(Qt::Horizontal);
    QCOMPARE(axes.size(), 1);
    auto* days = qobject_cast<QBarCategoryAxis*>(axes.constFirst());
    QVERIFY(days);
    QCOMPARE(days->count(), 30);
    QCOMPARE(days->at(29), StatsCharts::dayLabel(Today));
    QCOMPARE(days->at(0), StatsCharts::dayLabel(QDate(2026, 10, 27)));
    QCOMPARE(chart->axes(Qt::Vertical).size(), 2); // yuan on the left, orders on the right
}

void tst_DashboardPage::pull_updatesTheCardsLive()
{
    seedFigures();
    // A sync brings today's new figures: no reload() call, the StatsService's changed() does it.
    QVERIFY(pull({test::dayRow(figures(Today, 180'000, 20'000, 13, 11, 220), ++m_version)}));
    QTRY_COMPARE(card("turnover")->value(), QStringLiteral("¥1,800.00"));
    QCOMPARE(card("orders")->value(), QStringLiteral("13"));
    QCOMPARE(card("turnover")->change(), QStringLiteral("Yesterday ¥1,200.00 ▲ 50.00%"));
    auto* bars = m_page->chartView()->chart()->findChild<QBarSeries*>(QStringLiteral("turnoverBarSeries"));
    QVERIFY(bars);
    QCOMPARE(bars->barSets().constFirst()->at(29), 180'000.0);
}

void tst_DashboardPage::midnight_movesTodayOn()
{
    seedFigures();
    // One second past midnight in Shanghai: a new day without figures; yesterday is the ¥1,500.00 day.
    m_clock.setNowMs(QDateTime(Today.addDays(1), QTime(0, 0, 1), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch());
    m_page->reload();
    QCOMPARE(m_page->shownDay(), Today.addDays(1));
    QCOMPARE(card("turnover")->value(), QStringLiteral("¥0.00"));
    QCOMPARE(card("turnover")->change(), QStringLiteral("Yesterday ¥1,500.00 ▼ 100.00%"));
    QCOMPARE(card("turnover")->trend(), FigureCard::Trend::Down);
    QCOMPARE(card("purchaseRate")->value(), QStringLiteral("–")); // nobody visited yet
    QCOMPARE(card("purchaseRate")->change(), QStringLiteral("Yesterday 5.00%"));
}

void tst_DashboardPage::emptyCache_showsZerosAndAnEmptyChart()
{
    m_page->reload();
    QVERIFY(m_page->isEnabled());
    QCOMPARE(card("turnover")->value(), QStringLiteral("¥0.00"));
    QCOMPARE(card("turnover")->change(), QStringLiteral("Yesterday ¥0.00 unchanged"));
    QCOMPARE(card("turnover")->trend(), FigureCard::Trend::None);
    QCOMPARE(card("orders")->value(), QStringLiteral("0"));
    QCOMPARE(card("visitors")->value(), QStringLiteral("0"));
    QCOMPARE(card("purchaseRate")->value(), QStringLiteral("–"));
    QCOMPARE(card("averageOrderValue")->value(), QStringLiteral("¥0.00"));
    auto* bars = m_page->chartView()->chart()->findChild<QBarSeries*>(QStringLiteral("turnoverBarSeries"));
    QVERIFY(bars);
    QCOMPARE(bars->barSets().constFirst()->count(), 30);
    for (int i = 0; i < 30; ++i)
        QCOMPARE(bars->barSets().constFirst()->at(i), 0.0);
    // From nothing to something: only the direction, no percentage of zero.
    QVERIFY(pull({test::dayRow(figures(Today, 100, 0, 1, 1, 1), ++m_version)}));
    QTRY_COMPARE(card("turnover")->change(), QStringLiteral("Yesterday ¥0.00 ▲"));
    QVERIFY(test::saveScreenshot(m_page.get(), QStringLiteral("dashboard_empty")));
}

void tst_DashboardPage::signedOut_isEmptyAndDisabled()
{
    seedFigures();
    m_page->setService(nullptr);
    m_page->setOrderService(nullptr);
    QVERIFY(!m_page->isEnabled());
    QVERIFY(!m_page->shownDay().isValid());
    QCOMPARE(card("turnover")->value(), QStringLiteral("–"));
    QCOMPARE(card("turnover")->change(), QString());
    QVERIFY(m_page->chartView()->chart()->series().isEmpty());
    QCOMPARE(child<QPushButton>(m_page.get(), QStringLiteral("toAcceptPushButton"))->text(),
             QStringLiteral("To accept"));
    // The services going away while set (sign-out deletes them) leaves a usable page too.
    m_page->setService(m_stats.get());
    m_page->setOrderService(m_orders.get());
    QCOMPARE(card("turnover")->value(), QStringLiteral("¥1,500.00"));
    m_orders.reset();
    m_stats.reset();
    m_page->reload();
    QCOMPARE(card("turnover")->value(), QStringLiteral("–"));
}

void tst_DashboardPage::waitingOrders_countAndOpenTheOrders()
{
    QList<sync::SyncRow> rows;
    int n = 0;
    auto add = [&](const QString& state, const QString& method = QStringLiteral("wechat_pay")) {
        test::WireOrder order;
        order.id = QStringLiteral("o%1").arg(++n);
        order.number = QStringLiteral("N%1").arg(n);
        order.state = state;
        order.paymentMethod = method;
        order.placedAtMs = Now - n * 60'000;
        rows.append(order.row(++m_version));
    };
    add(QStringLiteral("paid"));
    add(QStringLiteral("paid"));
    add(QStringLiteral("cod_placed"), QStringLiteral("cash_on_delivery"));
    add(QStringLiteral("accepted"));
    add(QStringLiteral("refund_requested"));
    add(QStringLiteral("completed"));
    add(QStringLiteral("pending_payment"));
    QVERIFY(pull(rows));
    auto* toAccept = child<QPushButton>(m_page.get(), QStringLiteral("toAcceptPushButton"));
    auto* toShip = child<QPushButton>(m_page.get(), QStringLiteral("toShipPushButton"));
    auto* refunds = child<QPushButton>(m_page.get(), QStringLiteral("refundRequestsPushButton"));
    QTRY_COMPARE(toAccept->text(), QStringLiteral("To accept  3"));
    QCOMPARE(toShip->text(), QStringLiteral("To ship  1"));
    QCOMPARE(refunds->text(), QStringLiteral("Refund requests  1"));

    // The merchant accepts one (offline, through the outbox): the counts follow the optimistic state.
    QVERIFY(m_orders->accept(QStringLiteral("o1")));
    QTRY_COMPARE(toAccept->text(), QStringLiteral("To accept  2"));
    QCOMPARE(toShip->text(), QStringLiteral("To ship  2"));

    QSignalSpy opened(m_page.get(), &DashboardPage::openOrdersRequested);
    QTest::mouseClick(toAccept, Qt::LeftButton);
    QTest::mouseClick(refunds, Qt::LeftButton);
    QTest::mouseClick(toShip, Qt::LeftButton);
    QCOMPARE(opened.size(), 3);
    QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("paid"));
    QCOMPARE(opened.at(1).at(0).toString(), QStringLiteral("refund_requested"));
    QCOMPARE(opened.at(2).at(0).toString(), QStringLiteral("accepted"));
}

void tst_DashboardPage::sessionController_placesTheReportPages_andOpensOrdersOnTheirState()
{
    LanguageManager languages;
    MainWindow window(&languages);
    InMemorySecretStore keychain;
    QTemporaryDir dir;
    DesktopSession session(keychain, m_clock, dir.filePath(QStringLiteral("caches")));
    SessionController controller(window, session);
    QVERIFY(controller.dashboardPage() && controller.financePage() && controller.statisticsPage());
    QCOMPARE(window.page(MainWindow::Module::Dashboard), controller.dashboardPage());
    QCOMPARE(window.page(MainWindow::Module::Finance), controller.financePage());
    QCOMPARE(window.page(MainWindow::Module::Statistics), controller.statisticsPage());
    // Nobody signed in: no figures, nothing to click.
    QVERIFY(!controller.dashboardPage()->isEnabled());
    QVERIFY(!controller.financePage()->isEnabled());
    QVERIFY(!controller.statisticsPage()->isEnabled());

    auto* stateTabs = controller.ordersPage()->findChild<QTabBar*>(QStringLiteral("stateTabBar"));
    QVERIFY(stateTabs);
    window.setCurrentModule(MainWindow::Module::Dashboard);
    emit controller.dashboardPage()->openOrdersRequested(QStringLiteral("refund_requested"));
    QCOMPARE(window.currentModule(), MainWindow::Module::Orders);
    QCOMPARE(controller.ordersPage()->query().states, QStringList{QStringLiteral("refund_requested")});
    emit controller.dashboardPage()->openOrdersRequested(QStringLiteral("paid"));
    QCOMPARE(controller.ordersPage()->query().states,
             (QStringList{QStringLiteral("paid"), QStringLiteral("cod_placed")}));
    emit controller.dashboardPage()->openOrdersRequested(QStringLiteral("accepted"));
    QCOMPARE(controller.ordersPage()->query().states, QStringList{QStringLiteral("accepted")});
    QVERIFY(!controller.ordersPage()->showState(QStringLiteral("no_such_state")));
    QCOMPARE(controller.ordersPage()->query().states, QStringList{QStringLiteral("accepted")}); // unchanged
}

void tst_DashboardPage::languageSwitch_redrawsDatesInTheNewLanguage()
{
    seedFigures();
    auto* dayLabel = child<QLabel>(m_page.get(), QStringLiteral("dayLabel"));
    QVERIFY2(dayLabel->text().contains(QStringLiteral("November 25, 2026")), qPrintable(dayLabel->text()));
    LanguageManager languages;
    QVERIFY(languages.useLanguageForSession(QStringLiteral("zh_CN")));
    QTRY_VERIFY2(dayLabel->text().contains(QStringLiteral("2026年11月25日")), qPrintable(dayLabel->text()));
    QCOMPARE(card("turnover")->value(), QStringLiteral("¥1,500.00")); // the figures stay
    auto* bars = m_page->chartView()->chart()->findChild<QBarSeries*>(QStringLiteral("turnoverBarSeries"));
    QVERIFY(bars);
    QCOMPARE(bars->barSets().constFirst()->at(29), 150'000.0);
    QVERIFY(languages.useLanguageForSession(QStringLiteral("en")));
    QTRY_VERIFY2(dayLabel->text().contains(QStringLiteral("November")), qPrintable(dayLabel->text()));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_DashboardPage::screenshot_zhCN()
{
    // In the window as a merchant sees it: 1366×768, Chinese.
    LanguageManager languages;
    QVERIFY(languages.useLanguageForSession(QStringLiteral("zh_CN")));
    {
        QList<sync::SyncRow> rows;
        test::GeneratedStats generated = test::generateStats(Today, 40, 30, 8, 7);
        if (!generated.days.contains(Today.addDays(-1))) { // a day to compare with
            stats::DayFigures yesterday = generated.days.first();
            yesterday.day = Today.addDays(-1);
            generated.days.insert(yesterday.day, yesterday);
        }
        for (const stats::DayFigures& day : generated.days)
            rows.append(test::dayRow(day, ++m_version));
        QVERIFY(pull(rows));
        test::WireOrder order;
        order.id = QStringLiteral("o1");
        order.number = QStringLiteral("N1");
        order.placedAtMs = Now;
        QVERIFY(pull({order.row(++m_version)}));
    }
    MainWindow window(&languages);
    auto* page = new DashboardPage;
    page->setService(m_stats.get());
    page->setOrderService(m_orders.get());
    window.setPage(MainWindow::Module::Dashboard, page);
    window.setCurrentModule(MainWindow::Module::Dashboard);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(page->shownDay(), Today);
    QVERIFY(!child<FigureCard>(page, QStringLiteral("turnoverCard"))->value().isEmpty());
    QTest::qWait(300); // the charts lay their axes out in posted events
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("dashboard_zh_CN")));
    QVERIFY(languages.useLanguageForSession(QStringLiteral("en")));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

QTEST_MAIN(tst_DashboardPage)
#include "tst_dashboardpage.moc"
