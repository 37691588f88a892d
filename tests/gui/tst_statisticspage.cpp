#include "FigureCard.h"
#include "GuiTestHelpers.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "PeriodPicker.h"
#include "StatisticsPage.h"
#include "StatsCharts.h"
#include "StatsPageFixture.h"
#include "StatsSeed.h"

#include <QBarCategoryAxis>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QLabel>
#include <QLineSeries>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTimeZone>

using namespace xd;
using Choice = PeriodPicker::Choice;

namespace {

// 10:00 on Wednesday 2026-11-25 in Shanghai.
const QDate Today(2026, 11, 25);
const qint64 Now = QDateTime(Today, QTime(10, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();
constexpr int SeededDays = 120;

// The figures of the day `age` days before today: every count differs from day to day.
stats::DayFigures figuresOf(int age)
{
    stats::DayFigures f;
    f.day = Today.addDays(-age);
    f.pv = 400 + 7 * age;
    f.uv = 100 + age;
    f.payers = age % 6;
    f.paidOrders = f.payers + age % 3;
    f.ordersPlaced = f.paidOrders + 2;
    f.buyers = f.payers + 1;
    f.grossCodFen = 1'000 * f.paidOrders + age;
    f.grossFen = f.grossCodFen;
    f.refundCodFen = age % 4 == 0 ? 150 : 0;
    f.refundFen = f.refundCodFen;
    f.refundCount = f.refundFen > 0 ? 1 : 0;
    return f;
}

// Brute force: the period's figures from the seeded days.
stats::DayFigures sumOf(QDate from, QDate to)
{
    stats::DayFigures sum;
    for (QDate day = from; day <= to; day = day.addDays(1)) {
        const int age = int(day.daysTo(Today));
        if (age >= 0 && age < SeededDays)
            sum += figuresOf(age);
    }
    return sum;
}

QLineSeries* lineSeries(QChartView* view, const char* name)
{
    for (QAbstractSeries* series : view->chart()->series()) {
        if (series->objectName() == QLatin1String(name))
            return qobject_cast<QLineSeries*>(series);
    }
    return nullptr;
}

QList<qint64> valuesOf(QLineSeries* series)
{
    QList<qint64> values;
    for (int i = 0; series && i < series->count(); ++i) {
        if (series->at(i).x() != i)
            return {}; // a point out of its category
        values.append(qint64(series->at(i).y()));
    }
    return values;
}

QStringList categoriesOf(QChartView* view)
{
    const auto axes = view->chart()->axes(Qt::Horizontal);
    auto* axis = axes.isEmpty() ? nullptr : qobject_cast<QBarCategoryAxis*>(axes.constFirst());
    return axis ? axis->categories() : QStringList();
}

} // namespace

class tst_StatisticsPage : public QObject, private test::StatsPageFixture
{
    Q_OBJECT

public:
    tst_StatisticsPage() : StatsPageFixture(Now) {}

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void last7Days_showsTheDaysSeriesCardsAndTopProducts();
    void switchingPeriods_updatesTheSeries();
    void longRange_isShownByMonth();
    void twoMonthsOfDays_labelEveryFewDays();
    void badCustomRange_isExplainedAndShowsNothing();
    void pull_updatesTheChartsLive();
    void newDay_movesThePresetsButNotACustomRange();
    void emptyCache_showsZerosAndEmptyTables();
    void signedOut_isEmptyAndDisabled();
    void screenshot_zhCN();

private:
    void seed();
    QString cardValue(const char* name) const
    {
        return m_page->findChild<FigureCard*>(QString::fromLatin1(name) + QStringLiteral("Card"))->value();
    }
    QString cell(QTableWidget* table, int row, int column) const { return table->item(row, column)->text(); }

    std::unique_ptr<StatisticsPage> m_page;
};

void tst_StatisticsPage::initTestCase()
{
    prepareApplication(QStringLiteral("tst_statisticspage"));
}

void tst_StatisticsPage::init()
{
    QVERIFY(openCache());
    m_page = std::make_unique<StatisticsPage>();
    m_page->setService(m_stats.get());
    m_page->resize(1180, 680);
    m_page->show();
}

void tst_StatisticsPage::cleanup()
{
    m_page.reset();
    closeCache();
}

void tst_StatisticsPage::seed()
{
    QList<sync::SyncRow> rows;
    for (int age = 0; age < SeededDays; ++age) {
        rows.append(test::dayRow(figuresOf(age), ++m_version));
        // 拿铁 sells 2 a day (¥15.00 each), 可颂 1 every other day (¥100.00), 蛋糕 5 a day in the last three days.
        const QDate day = Today.addDays(-age);
        rows.append(test::productRow(test::ProductDay{day, QStringLiteral("p1"), QStringLiteral("拿铁"), 2, 3'000},
                                     ++m_version));
        if (age % 2 == 0)
            rows.append(test::productRow(test::ProductDay{day, QStringLiteral("p2"), QStringLiteral("可颂"), 1, 10'000},
                                         ++m_version));
        if (age < 3)
            rows.append(test::productRow(test::ProductDay{day, QStringLiteral("p3"), QStringLiteral("蛋糕"), 5, 500},
                                         ++m_version));
    }
    QVERIFY(pull(rows));
    QTRY_VERIFY(m_page->report() && m_page->report()->totals.pv > 0); // changed() reloads the page
}

void tst_StatisticsPage::last7Days_showsTheDaysSeriesCardsAndTopProducts()
{
    seed();
    m_page->periodPicker()->setChoice(Choice::Last7Days);
    QVERIFY(m_page->report());
    QCOMPARE(m_page->report()->period, (stats::Period{Today.addDays(-6), Today}));

    QList<qint64> pv, uv, rates, averages;
    QStringList labels;
    for (int age = 6; age >= 0; --age) {
        const stats::DayFigures f = figuresOf(age);
        pv << f.pv;
        uv << f.uv;
        rates << f.purchaseRateBasisPoints().value_or(0);
        averages << f.averageOrderValueFen();
        labels << StatsCharts::dayLabel(f.day);
    }
    QCOMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "pvSeries")), pv);
    QCOMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "uvSeries")), uv);
    QCOMPARE(valuesOf(lineSeries(m_page->conversionChartView(), "purchaseRateSeries")), rates);
    QCOMPARE(valuesOf(lineSeries(m_page->conversionChartView(), "averageOrderValueSeries")), averages);
    QCOMPARE(categoriesOf(m_page->trafficChartView()), labels);
    QCOMPARE(categoriesOf(m_page->conversionChartView()), labels);
    QCOMPARE(m_page->conversionChartView()->chart()->axes(Qt::Vertical).size(), 2); // % left, ¥ right

    const stats::DayFigures totals = sumOf(Today.addDays(-6), Today);
    QCOMPARE(cardValue("pv"), QLocale().toString(totals.pv));
    QCOMPARE(cardValue("uv"), QLocale().toString(totals.uv));
    QCOMPARE(cardValue("payers"), QLocale().toString(totals.payers));
    QCOMPARE(cardValue("paidOrders"), QLocale().toString(totals.paidOrders));
    QCOMPARE(cardValue("purchaseRate"), StatsCharts::percentText(totals.purchaseRateBasisPoints()));
    QCOMPARE(cardValue("averageOrderValue"), StatsCharts::groupedYuanText(totals.averageOrderValueFen()));
    QVERIFY(totals.averageOrderValueFen() > 0);

    // 蛋糕 15 over 拿铁 14 over 可颂 4 by quantity; 可颂 ¥400.00 over 拿铁 ¥210.00 over 蛋糕 ¥15.00 by revenue.
    QTableWidget* byQuantity = m_page->topByQuantityTable();
    QCOMPARE(byQuantity->rowCount(), 3);
    QCOMPARE(cell(byQuantity, 0, StatisticsPage::ProductColumn), QStringLiteral("蛋糕"));
    QCOMPARE(cell(byQuantity, 0, StatisticsPage::QuantityColumn), QStringLiteral("15"));
    QCOMPARE(cell(byQuantity, 0, StatisticsPage::RevenueColumn), QStringLiteral("¥15.00"));
    QCOMPARE(cell(byQuantity, 1, StatisticsPage::ProductColumn), QStringLiteral("拿铁"));
    QCOMPARE(cell(byQuantity, 1, StatisticsPage::QuantityColumn), QStringLiteral("14"));
    QCOMPARE(cell(byQuantity, 2, StatisticsPage::ProductColumn), QStringLiteral("可颂"));
    QCOMPARE(cell(byQuantity, 2, StatisticsPage::RankColumn), QStringLiteral("3"));
    QTableWidget* byRevenue = m_page->topByRevenueTable();
    QCOMPARE(byRevenue->rowCount(), 3);
    QCOMPARE(cell(byRevenue, 0, StatisticsPage::ProductColumn), QStringLiteral("可颂"));
    QCOMPARE(cell(byRevenue, 0, StatisticsPage::RevenueColumn), QStringLiteral("¥400.00"));
    QCOMPARE(cell(byRevenue, 1, StatisticsPage::RevenueColumn), QStringLiteral("¥210.00"));
    QCOMPARE(cell(byRevenue, 2, StatisticsPage::ProductColumn), QStringLiteral("蛋糕"));
    QCOMPARE(byRevenue->item(0, 0)->data(Qt::UserRole).toString(), QStringLiteral("p2"));
}

void tst_StatisticsPage::switchingPeriods_updatesTheSeries()
{
    seed();
    struct Case
    {
        Choice choice;
        stats::Period period;
    };
    const QList<Case> cases{
        {Choice::Yesterday, {Today.addDays(-1), Today.addDays(-1)}},
        {Choice::Today, {Today, Today}},
        {Choice::ThisWeek, {QDate(2026, 11, 23), Today}}, // Monday to today
        {Choice::ThisMonth, {QDate(2026, 11, 1), Today}},
        {Choice::LastMonth, {QDate(2026, 10, 1), QDate(2026, 10, 31)}},
        {Choice::Last30Days, {Today.addDays(-29), Today}},
    };
    for (const Case& c : cases) {
        m_page->periodPicker()->setChoice(c.choice);
        QVERIFY(m_page->report());
        QCOMPARE(m_page->report()->period, c.period);
        QList<qint64> pv;
        for (QDate day = c.period.from; day <= c.period.to; day = day.addDays(1))
            pv << figuresOf(int(day.daysTo(Today))).pv;
        QCOMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "pvSeries")), pv);
        QCOMPARE(categoriesOf(m_page->trafficChartView()).size(), c.period.days());
        QCOMPARE(cardValue("uv"), QLocale().toString(sumOf(c.period.from, c.period.to).uv));
    }
    // A custom range of the picker's dates.
    m_page->periodPicker()->setCustomRange(QDate(2026, 11, 10), QDate(2026, 11, 12));
    QCOMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "pvSeries")),
             (QList<qint64>{figuresOf(15).pv, figuresOf(14).pv, figuresOf(13).pv}));
    // Typing another last day moves the series with it.
    m_page->periodPicker()->findChild<QDateEdit*>(QStringLiteral("toDateEdit"))->setDate(QDate(2026, 11, 13));
    QCOMPARE(lineSeries(m_page->trafficChartView(), "pvSeries")->count(), 4);
}

void tst_StatisticsPage::longRange_isShownByMonth()
{
    seed();
    // 2026-08-18 .. 2026-11-25: 100 days, four months (the seeded days start on 2026-07-29).
    m_page->periodPicker()->setCustomRange(QDate(2026, 8, 18), Today);
    QVERIFY(m_page->report());
    QCOMPARE(m_page->report()->days.size(), 100);
    QCOMPARE(categoriesOf(m_page->trafficChartView()).size(), 4);
    const QList<qint64> pv{sumOf(QDate(2026, 8, 18), QDate(2026, 8, 31)).pv,
                           sumOf(QDate(2026, 9, 1), QDate(2026, 9, 30)).pv,
                           sumOf(QDate(2026, 10, 1), QDate(2026, 10, 31)).pv,
                           sumOf(QDate(2026, 11, 1), Today).pv};
    QCOMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "pvSeries")), pv);
    const stats::DayFigures september = sumOf(QDate(2026, 9, 1), QDate(2026, 9, 30));
    QCOMPARE(valuesOf(lineSeries(m_page->conversionChartView(), "averageOrderValueSeries")).value(1),
             september.averageOrderValueFen());
}

void tst_StatisticsPage::twoMonthsOfDays_labelEveryFewDays()
{
    seed();
    // 60 days are still days (one point each), but 60 labels do not fit under the chart: every fifth day has one.
    m_page->periodPicker()->setCustomRange(Today.addDays(-59), Today);
    QLineSeries* pv = lineSeries(m_page->trafficChartView(), "pvSeries");
    QCOMPARE(pv->count(), 60);
    QCOMPARE(valuesOf(pv).constLast(), figuresOf(0).pv);
    for (QChartView* view : {m_page->trafficChartView(), m_page->conversionChartView()}) {
        const auto axes = view->chart()->axes(Qt::Horizontal);
        QCOMPARE(axes.size(), 1);
        auto* days = qobject_cast<QCategoryAxis*>(axes.constFirst());
        QVERIFY(days);
        QCOMPARE(days->categoriesLabels().size(), 12);
        QCOMPARE(days->categoriesLabels().constFirst(), StatsCharts::dayLabel(Today.addDays(-59)));
        QCOMPARE(days->endValue(days->categoriesLabels().at(1)), 5.0);
        QCOMPARE(days->min(), -0.5);
        QCOMPARE(days->max(), 59.5);
    }
    // Back to a month: every day labelled again.
    m_page->periodPicker()->setChoice(Choice::Last30Days);
    QCOMPARE(categoriesOf(m_page->trafficChartView()).size(), 30);
}

void tst_StatisticsPage::badCustomRange_isExplainedAndShowsNothing()
{
    seed();
    auto* rangeLabel = m_page->periodPicker()->findChild<QLabel*>(QStringLiteral("rangeLabel"));
    m_page->periodPicker()->setCustomRange(Today, Today.addDays(-3)); // reversed
    QVERIFY(!m_page->report());
    QCOMPARE(rangeLabel->text(), QStringLiteral("The end date is before the start date."));
    QVERIFY(m_page->trafficChartView()->chart()->series().isEmpty());
    QVERIFY(m_page->conversionChartView()->chart()->series().isEmpty());
    QCOMPARE(m_page->topByQuantityTable()->rowCount(), 0);
    QCOMPARE(cardValue("pv"), QStringLiteral("–"));

    m_page->periodPicker()->setCustomRange(Today.addDays(-366), Today); // 367 days
    QVERIFY(!m_page->report());
    QVERIFY(rangeLabel->text().contains(QStringLiteral("366")));
    m_page->periodPicker()->setCustomRange(Today.addDays(-365), Today); // 366 days: the most one report covers
    QVERIFY(m_page->report());
    QCOMPARE(m_page->report()->days.size(), 366);
    QCOMPARE(rangeLabel->text(), QStringLiteral("2025-11-25 to 2026-11-25, 366 days"));
    QVERIFY(!lineSeries(m_page->trafficChartView(), "pvSeries")->points().isEmpty());
}

void tst_StatisticsPage::pull_updatesTheChartsLive()
{
    seed();
    m_page->periodPicker()->setChoice(Choice::Last7Days);
    stats::DayFigures today = figuresOf(0);
    today.pv = 9'999;
    today.uv = 999;
    QVERIFY(pull({test::dayRow(today, ++m_version),
                  test::productRow(test::ProductDay{Today, QStringLiteral("p4"), QStringLiteral("新品"), 100, 1},
                                   ++m_version)}));
    QTRY_COMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "pvSeries")).value(6), 9'999);
    QCOMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "uvSeries")).value(6), 999);
    QCOMPARE(cell(m_page->topByQuantityTable(), 0, StatisticsPage::ProductColumn), QStringLiteral("新品"));
}

void tst_StatisticsPage::newDay_movesThePresetsButNotACustomRange()
{
    seed();
    m_page->periodPicker()->setChoice(Choice::Today);
    QCOMPARE(m_page->report()->period, (stats::Period{Today, Today}));
    // Past midnight in Shanghai (16:00 UTC): "today" is the 26th, a day without figures yet.
    m_clock.setNowMs(QDateTime(Today.addDays(1), QTime(0, 0, 5), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch());
    m_page->reload();
    QCOMPARE(m_page->report()->period, (stats::Period{Today.addDays(1), Today.addDays(1)}));
    QCOMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "pvSeries")), QList<qint64>{0});
    m_page->periodPicker()->setChoice(Choice::Yesterday);
    QCOMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "pvSeries")), QList<qint64>{figuresOf(0).pv});
    m_page->periodPicker()->setCustomRange(QDate(2026, 11, 1), QDate(2026, 11, 2));
    m_clock.setNowMs(QDateTime(Today.addDays(2), QTime(9, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch());
    m_page->reload();
    QCOMPARE(m_page->report()->period, (stats::Period{QDate(2026, 11, 1), QDate(2026, 11, 2)}));
}

void tst_StatisticsPage::emptyCache_showsZerosAndEmptyTables()
{
    m_page->periodPicker()->setChoice(Choice::Last7Days);
    QVERIFY(m_page->isEnabled());
    QVERIFY(m_page->report());
    QCOMPARE(valuesOf(lineSeries(m_page->trafficChartView(), "pvSeries")), QList<qint64>(7, 0));
    QCOMPARE(valuesOf(lineSeries(m_page->conversionChartView(), "purchaseRateSeries")), QList<qint64>(7, 0));
    QCOMPARE(cardValue("pv"), QStringLiteral("0"));
    QCOMPARE(cardValue("purchaseRate"), QStringLiteral("–")); // no visitors: no rate
    QCOMPARE(cardValue("averageOrderValue"), QStringLiteral("¥0.00"));
    QCOMPARE(m_page->topByQuantityTable()->rowCount(), 0);
    QCOMPARE(m_page->topByRevenueTable()->rowCount(), 0);
    m_page->periodPicker()->setChoice(Choice::Today); // one point, no crash
    QCOMPARE(lineSeries(m_page->trafficChartView(), "pvSeries")->count(), 1);
    QVERIFY(test::saveScreenshot(m_page.get(), QStringLiteral("statistics_empty")));
}

void tst_StatisticsPage::signedOut_isEmptyAndDisabled()
{
    seed();
    m_page->setService(nullptr);
    QVERIFY(!m_page->isEnabled());
    QVERIFY(!m_page->report());
    QVERIFY(m_page->trafficChartView()->chart()->series().isEmpty());
    QCOMPARE(m_page->topByRevenueTable()->rowCount(), 0);
    QCOMPARE(cardValue("uv"), QStringLiteral("–"));
    // The service deleted under the page (sign-out) leaves it usable.
    m_page->setService(m_stats.get());
    QVERIFY(m_page->report());
    m_stats.reset();
    m_page->reload();
    QVERIFY(!m_page->report());
}

void tst_StatisticsPage::screenshot_zhCN()
{
    LanguageManager languages;
    QVERIFY(languages.useLanguageForSession(QStringLiteral("zh_CN")));
    {
        const test::GeneratedStats generated = test::generateStats(Today, 45, 40, 12, 11);
        QVERIFY(test::fillCache(*m_cache->store, generated));
    }
    MainWindow window(&languages);
    auto* page = new StatisticsPage;
    page->setService(m_stats.get());
    window.setPage(MainWindow::Module::Statistics, page);
    window.setCurrentModule(MainWindow::Module::Statistics);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(page->report());
    QCOMPARE(page->topByQuantityTable()->rowCount(), StatisticsPage::TopProducts);
    QTest::qWait(300); // the charts lay their axes out in posted events
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("statistics_zh_CN")));
    page->periodPicker()->setChoice(Choice::Last7Days);
    QTest::qWait(300);
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("statistics_7days_zh_CN")));
    page->periodPicker()->setCustomRange(Today.addDays(-59), Today); // the most days shown as days
    QTest::qWait(300);
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("statistics_60days_zh_CN")));
    QVERIFY(languages.useLanguageForSession(QStringLiteral("en")));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

QTEST_MAIN(tst_StatisticsPage)
#include "tst_statisticspage.moc"
