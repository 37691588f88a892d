// The Finance page over a real SQLCipher cache filled the way a pull fills it (stats_day rows through
// CacheStore::applyPullPage): the totals table, the turnover bars and net line, the payment-method pie, refused
// ranges, empty periods, live updates, and the CSV and PDF files. Also the chart helpers it shares with the
// dashboard and statistics pages (axes, day labels, month buckets, tooltips).
#include "FinancePage.h"
#include "GuiTestHelpers.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "PeriodPicker.h"
#include "StatsCharts.h"
#include "StatsPageFixture.h"
#include "StatsSeed.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QPieSeries>
#include <QPieSlice>
#include <QPixmap>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <QToolTip>

#include <algorithm>

using namespace xd;

namespace {

// 10:00 on Wednesday 2026-11-25 in Shanghai (the default zone of a shop without one).
const QDate Today(2026, 11, 25);
const qint64 Now = QDateTime(Today, QTime(10, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();

struct Money3
{
    qint64 wechat = 0;
    qint64 cod = 0;
    qint64 balance = 0;
};

stats::DayFigures figures(QDate day, Money3 gross, Money3 refund, qint64 paidOrders, qint64 refundCount)
{
    stats::DayFigures f;
    f.day = day;
    f.grossWechatFen = gross.wechat;
    f.grossCodFen = gross.cod;
    f.grossBalanceFen = gross.balance;
    f.grossFen = gross.wechat + gross.cod + gross.balance;
    f.refundWechatFen = refund.wechat;
    f.refundCodFen = refund.cod;
    f.refundBalanceFen = refund.balance;
    f.refundFen = refund.wechat + refund.cod + refund.balance;
    f.paidOrders = paidOrders;
    f.payers = paidOrders;
    f.refundCount = refundCount;
    f.ordersPlaced = paidOrders + 1;
    f.buyers = paidOrders;
    f.uv = 10 * paidOrders;
    f.pv = 30 * paidOrders;
    return f;
}

template <typename T> T* child(QObject* parent, const QString& name)
{
    auto* found = parent->findChild<T*>(name);
    Q_ASSERT_X(found, "child", qPrintable(name));
    return found;
}

QList<qint64> barValues(QBarSet* set)
{
    QList<qint64> values;
    for (int i = 0; i < set->count(); ++i)
        values.append(qint64(set->at(i)));
    return values;
}

QList<qint64> lineValues(QLineSeries* line)
{
    QList<qint64> values;
    const QList<QPointF> points = line->points();
    for (int i = 0; i < points.size(); ++i) {
        Q_ASSERT(points.at(i).x() == i);
        values.append(qint64(points.at(i).y()));
    }
    return values;
}

// Saves the window as test::saveScreenshot does, with each chart painted by its own view: a QChartView rendered as
// part of its window's grab() loses its axes and legend offscreen (a screenshot artefact, not what the screen shows).
bool saveWindowWithCharts(QWidget* window, const QString& name)
{
    QPixmap shot = window->grab();
    QPainter painter(&shot);
    for (QChartView* view : window->findChildren<QChartView*>()) {
        if (view->isVisible())
            painter.drawPixmap(view->mapTo(window, QPoint(0, 0)), view->grab());
    }
    painter.end();
    const QString path = QDir(QStringLiteral(XD_SCREENSHOT_DIR)).filePath(name + QStringLiteral(".png"));
    qInfo("Screenshot: %s", qPrintable(path));
    return shot.save(path);
}

} // namespace

class tst_FinancePage : public QObject, private test::StatsPageFixture
{
    Q_OBJECT

public:
    tst_FinancePage() : StatsPageFixture(Now) {}

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void today_totalsTableShowsTheDaysFigures();
    void switchingPeriods_updatesTheChartSeries();
    void lastMonth_negativeNetDayGoesBelowZero();
    void paymentPie_showsTheMethodsOfThePeriod();
    void customRange_reversedOrTooLong_isRefusedWithAMessage();
    void customRange_ofAYear_isShownByMonth();
    void emptyPeriod_showsZerosAndNoSlices();
    void pull_updatesThePageLive();
    void hiddenPage_reloadsWhenShown();
    void midnight_movesThePresetsOn();
    void signedOut_isEmptyAndDisabled();
    void csvExport_isExactToTheFen();
    void csvExport_cancelledOrUnwritable_writesNothing();
    void pdfExportAndPrint_writeTheReport();
    void hover_showsTooltips();
    void yearOfABusyShop_isShownQuickly();
    void darkPalette_turnsTheChartsDark();
    void yuanAxis_hasRoundTicksInYuan();
    void dayLabels_followTheLanguage();
    void languageSwitch_redrawsTheCharts();
    void screenshot_zhCN();

private:
    void seed();
    QString total(int row) const { return m_totals->item(row, 1)->text(); }
    QChart* turnoverChart() const
    {
        return child<QChartView>(m_page.get(), QStringLiteral("turnoverChartView"))->chart();
    }
    QChart* paymentChart() const
    {
        return child<QChartView>(m_page.get(), QStringLiteral("paymentChartView"))->chart();
    }
    QBarSet* grossBarsOf() const;
    QLineSeries* netLine() const;
    QPieSeries* pie() const;
    QStringList categories() const;

    std::unique_ptr<FinancePage> m_page;
    QTableWidget* m_totals = nullptr;
    PeriodPicker* m_picker = nullptr;
};

// Series belong to the chart (not QObject children of it): find them through QChart::series().
QBarSet* tst_FinancePage::grossBarsOf() const
{
    for (QAbstractSeries* series : turnoverChart()->series()) {
        if (auto* bars = qobject_cast<QBarSeries*>(series);
            bars && bars->objectName() == QLatin1String("grossBarSeries"))
            return bars->barSets().value(0);
    }
    return nullptr;
}

QLineSeries* tst_FinancePage::netLine() const
{
    for (QAbstractSeries* series : turnoverChart()->series()) {
        if (series->objectName() == QLatin1String("netLineSeries"))
            return qobject_cast<QLineSeries*>(series);
    }
    return nullptr;
}

QPieSeries* tst_FinancePage::pie() const
{
    const QList<QAbstractSeries*> series = paymentChart()->series();
    return series.isEmpty() ? nullptr : qobject_cast<QPieSeries*>(series.constFirst());
}

QStringList tst_FinancePage::categories() const
{
    const QList<QAbstractAxis*> axes = turnoverChart()->axes(Qt::Horizontal);
    auto* axis = axes.isEmpty() ? nullptr : qobject_cast<QBarCategoryAxis*>(axes.constFirst());
    return axis ? axis->categories() : QStringList();
}

void tst_FinancePage::initTestCase()
{
    prepareApplication(QStringLiteral("tst_financepage"));
}

void tst_FinancePage::init()
{
    QVERIFY(openCache());
    m_page = std::make_unique<FinancePage>();
    m_page->setService(m_stats.get());
    m_page->resize(1180, 680);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_totals = child<QTableWidget>(m_page.get(), QStringLiteral("totalsTableWidget"));
    m_picker = m_page->periodPicker();
}

void tst_FinancePage::cleanup()
{
    m_page.reset();
    closeCache();
}

void tst_FinancePage::seed()
{
    // Today ¥173.45 (¥123.45 WeChat Pay, ¥50.00 cash) with ¥3.45 paid back; yesterday ¥99.99 cash; Monday one fen;
    // Sunday (last week) ¥700.00; the 1st ¥30.00 from the stored balance; in October a ¥20.00 refund on a day
    // without sales and ¥1,000.01 on the 31st; a year ago (2025-12-31) ¥5.00.
    QVERIFY(pull({test::dayRow(figures(Today, {12'345, 5'000, 0}, {345, 0, 0}, 3, 1), ++m_version),
                  test::dayRow(figures(QDate(2026, 11, 24), {0, 9'999, 0}, {}, 1, 0), ++m_version),
                  test::dayRow(figures(QDate(2026, 11, 23), {1, 0, 0}, {}, 1, 0), ++m_version),
                  test::dayRow(figures(QDate(2026, 11, 22), {70'000, 0, 0}, {}, 2, 0), ++m_version),
                  test::dayRow(figures(QDate(2026, 11, 1), {0, 0, 3'000}, {}, 1, 0), ++m_version),
                  test::dayRow(figures(QDate(2026, 10, 15), {}, {0, 2'000, 0}, 0, 1), ++m_version),
                  test::dayRow(figures(QDate(2026, 10, 31), {100'001, 0, 0}, {}, 1, 0), ++m_version),
                  test::dayRow(figures(QDate(2025, 12, 31), {500, 0, 0}, {}, 1, 0), ++m_version)}));
    m_page->reload();
}

void tst_FinancePage::today_totalsTableShowsTheDaysFigures()
{
    seed();
    QCOMPARE(m_picker->choice(), PeriodPicker::Choice::Today);
    QVERIFY(m_page->report().has_value());
    QCOMPARE(m_page->report()->period, (stats::Period{Today, Today}));
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥173.45"));
    QCOMPARE(total(FinancePage::RefundRow), QStringLiteral("¥3.45"));
    QCOMPARE(total(FinancePage::NetRow), QStringLiteral("¥170.00"));
    QCOMPARE(total(FinancePage::PaidOrdersRow), QStringLiteral("3"));
    QCOMPARE(total(FinancePage::RefundCountRow), QStringLiteral("1"));
    QCOMPARE(total(FinancePage::AverageOrderValueRow), QStringLiteral("¥56.67")); // 170.00 / 3, rounded
    QCOMPARE(total(FinancePage::WechatRow), QStringLiteral("¥123.45"));
    QCOMPARE(total(FinancePage::CodRow), QStringLiteral("¥50.00"));
    QCOMPARE(total(FinancePage::BalanceRow), QStringLiteral("¥0.00"));
    QCOMPARE(total(FinancePage::WechatRefundRow), QStringLiteral("¥3.45"));
    QCOMPARE(total(FinancePage::CodRefundRow), QStringLiteral("¥0.00"));
    QCOMPARE(total(FinancePage::BalanceRefundRow), QStringLiteral("¥0.00"));
    QCOMPARE(total(FinancePage::RechargeRow), QStringLiteral("¥0.00"));
    QVERIFY(!m_totals->item(FinancePage::GrossRow, 0)->text().isEmpty());

    QCOMPARE(barValues(grossBarsOf()), (QList<qint64>{17'345}));
    QCOMPARE(lineValues(netLine()), (QList<qint64>{17'000}));
    QCOMPARE(categories(), (QStringList{QStringLiteral("11/25")}));
    QVERIFY(child<QPushButton>(m_page.get(), QStringLiteral("csvPushButton"))->isEnabled());
    QVERIFY(child<QLabel>(m_page.get(), QStringLiteral("messageLabel"))->isHidden());
}

void tst_FinancePage::switchingPeriods_updatesTheChartSeries()
{
    seed();
    m_picker->setChoice(PeriodPicker::Choice::Yesterday);
    QCOMPARE(barValues(grossBarsOf()), (QList<qint64>{9'999}));
    QCOMPARE(categories(), (QStringList{QStringLiteral("11/24")}));
    QCOMPARE(total(FinancePage::CodRow), QStringLiteral("¥99.99"));
    QCOMPARE(total(FinancePage::WechatRow), QStringLiteral("¥0.00"));

    // Monday to today: Sunday's ¥700.00 belongs to last week.
    m_picker->setChoice(PeriodPicker::Choice::ThisWeek);
    QCOMPARE(barValues(grossBarsOf()), (QList<qint64>{1, 9'999, 17'345}));
    QCOMPARE(lineValues(netLine()), (QList<qint64>{1, 9'999, 17'000}));
    QCOMPARE(categories(), (QStringList{QStringLiteral("11/23"), QStringLiteral("11/24"), QStringLiteral("11/25")}));
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥273.45"));
    QCOMPARE(total(FinancePage::AverageOrderValueRow), QStringLiteral("¥54.00"));
    QCOMPARE(total(FinancePage::PaidOrdersRow), QStringLiteral("5"));

    m_picker->setChoice(PeriodPicker::Choice::ThisMonth);
    QList<qint64> expected(25, 0);
    expected[0] = 3'000;
    expected[21] = 70'000;
    expected[22] = 1;
    expected[23] = 9'999;
    expected[24] = 17'345;
    QCOMPARE(barValues(grossBarsOf()), expected);
    const QStringList labels = categories();
    QCOMPARE(labels.size(), 25);
    QCOMPARE(labels.constFirst(), QStringLiteral("11/1"));
    QCOMPARE(labels.constLast(), QStringLiteral("11/25"));
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥1,003.45"));
    QCOMPARE(total(FinancePage::BalanceRow), QStringLiteral("¥30.00"));
    QCOMPARE(turnoverChart()->title(), QStringLiteral("Turnover by day"));
}

void tst_FinancePage::lastMonth_negativeNetDayGoesBelowZero()
{
    seed();
    m_picker->setChoice(PeriodPicker::Choice::LastMonth);
    QCOMPARE(m_page->report()->period, (stats::Period{QDate(2026, 10, 1), QDate(2026, 10, 31)}));
    const QList<qint64> gross = barValues(grossBarsOf());
    const QList<qint64> net = lineValues(netLine());
    QCOMPARE(gross.size(), 31);
    QCOMPARE(net.size(), 31);
    QCOMPARE(gross.at(14), 0);
    QCOMPARE(net.at(14), -2'000); // 10-15: a refund, nothing sold
    QCOMPARE(gross.at(30), 100'001);
    QCOMPARE(net.at(30), 100'001);
    QCOMPARE(total(FinancePage::NetRow), QStringLiteral("¥980.01"));
    QCOMPARE(total(FinancePage::CodRefundRow), QStringLiteral("¥20.00"));
    // The value axis reaches below zero, to a round tick, and above the largest bar.
    auto* axis = qobject_cast<QCategoryAxis*>(turnoverChart()->axes(Qt::Vertical).value(0));
    QVERIFY(axis);
    QVERIFY(axis->min() <= -2'000);
    QVERIFY(axis->max() >= 100'001);
    QVERIFY(axis->categoriesLabels().contains(QStringLiteral("¥0")));
}

void tst_FinancePage::paymentPie_showsTheMethodsOfThePeriod()
{
    seed();
    m_picker->setChoice(PeriodPicker::Choice::ThisMonth);
    QPieSeries* series = pie();
    QVERIFY(series);
    QCOMPARE(series->count(), 3);
    // WeChat 823.46, cash 149.99, balance 30.00 of 1003.45: shares from integers, summing to 100.00%.
    const QList<QPieSlice*> slices = series->slices();
    QCOMPARE(slices.at(0)->objectName(), QStringLiteral("wechatPaySlice"));
    QCOMPARE(qint64(slices.at(0)->value()), 82'346);
    QCOMPARE(slices.at(0)->label(), QStringLiteral("WeChat Pay 82.06%"));
    QCOMPARE(slices.at(0)->property("tooltip").toString(), QStringLiteral("WeChat Pay\n¥823.46 (82.06%)"));
    QCOMPARE(slices.at(1)->objectName(), QStringLiteral("codSlice"));
    QCOMPARE(qint64(slices.at(1)->value()), 14'999);
    QCOMPARE(slices.at(1)->label(), QStringLiteral("Cash on delivery 14.95%"));
    QCOMPARE(slices.at(2)->objectName(), QStringLiteral("balanceSlice"));
    QCOMPARE(slices.at(2)->label(), QStringLiteral("Stored balance 2.99%"));
    QCOMPARE(slices.at(2)->property("tooltip").toString(), QStringLiteral("Stored balance\n¥30.00 (2.99%)"));

    // A period with cash only: one slice.
    m_picker->setChoice(PeriodPicker::Choice::Yesterday);
    QCOMPARE(pie()->count(), 1);
    QCOMPARE(pie()->slices().at(0)->objectName(), QStringLiteral("codSlice"));
    QCOMPARE(pie()->slices().at(0)->label(), QStringLiteral("Cash on delivery 100.00%"));
}

void tst_FinancePage::customRange_reversedOrTooLong_isRefusedWithAMessage()
{
    seed();
    auto* rangeLabel = child<QLabel>(m_picker, QStringLiteral("rangeLabel"));
    m_picker->setCustomRange(Today, Today.addDays(-3));
    QVERIFY(!m_page->report().has_value());
    QVERIFY(turnoverChart()->series().isEmpty());
    QVERIFY(paymentChart()->series().isEmpty());
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("–"));
    QCOMPARE(rangeLabel->text(), QStringLiteral("The end date is before the start date."));
    QVERIFY(!child<QPushButton>(m_page.get(), QStringLiteral("csvPushButton"))->isEnabled());
    QVERIFY(!child<QPushButton>(m_page.get(), QStringLiteral("pdfPushButton"))->isEnabled());
    QVERIFY(!child<QPushButton>(m_page.get(), QStringLiteral("printPushButton"))->isEnabled());

    // 367 days: one too many.
    m_picker->setCustomRange(Today.addDays(-366), Today);
    QVERIFY(!m_page->report().has_value());
    QVERIFY(turnoverChart()->series().isEmpty());
    QVERIFY(rangeLabel->text().contains(QStringLiteral("366")));

    // Set right again: the report is back.
    m_picker->setCustomRange(Today.addDays(-2), Today);
    QVERIFY(m_page->report().has_value());
    QCOMPARE(barValues(grossBarsOf()), (QList<qint64>{1, 9'999, 17'345}));
}

void tst_FinancePage::customRange_ofAYear_isShownByMonth()
{
    seed();
    m_picker->setCustomRange(Today.addDays(-365), Today); // 2025-11-25 .. 2026-11-25: 366 days
    QVERIFY(m_page->report().has_value());
    QCOMPARE(m_page->report()->days.size(), 366);
    const QStringList labels = categories();
    QCOMPARE(labels.size(), 13);
    QCOMPARE(labels.constFirst(), QStringLiteral("2025-11"));
    QCOMPARE(labels.at(1), QStringLiteral("2025-12"));
    QCOMPARE(labels.constLast(), QStringLiteral("2026-11"));
    QCOMPARE(turnoverChart()->title(), QStringLiteral("Turnover by month"));
    const QList<qint64> gross = barValues(grossBarsOf());
    const QList<qint64> net = lineValues(netLine());
    QCOMPARE(gross.at(0), 0);
    QCOMPARE(gross.at(1), 500);      // 2025-12-31
    QCOMPARE(gross.at(11), 100'001); // October
    QCOMPARE(net.at(11), 98'001);    // less the ¥20.00 refund
    QCOMPARE(gross.at(12), 100'345); // November
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥2,008.46"));
}

void tst_FinancePage::emptyPeriod_showsZerosAndNoSlices()
{
    // An empty cache: today has no row at all.
    QVERIFY(m_page->report().has_value());
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥0.00"));
    QCOMPARE(total(FinancePage::AverageOrderValueRow), QStringLiteral("¥0.00"));
    QCOMPARE(total(FinancePage::PaidOrdersRow), QStringLiteral("0"));
    QCOMPARE(barValues(grossBarsOf()), (QList<qint64>{0}));
    QVERIFY(pie());
    QCOMPARE(pie()->count(), 0);
    QCOMPARE(paymentChart()->title(), QStringLiteral("No money received in this period"));

    seed();
    m_picker->setCustomRange(QDate(2026, 3, 1), QDate(2026, 3, 31));
    QCOMPARE(barValues(grossBarsOf()), QList<qint64>(31, 0));
    QCOMPARE(lineValues(netLine()), QList<qint64>(31, 0));
    QCOMPARE(total(FinancePage::NetRow), QStringLiteral("¥0.00"));
    QCOMPARE(pie()->count(), 0);
}

void tst_FinancePage::pull_updatesThePageLive()
{
    seed();
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥173.45"));
    // A later pull brings today's row again with one more cash payment.
    QVERIFY(pull({test::dayRow(figures(Today, {12'345, 7'000, 0}, {345, 0, 0}, 4, 1), ++m_version)}));
    QTRY_COMPARE(total(FinancePage::GrossRow), QStringLiteral("¥193.45"));
    QCOMPARE(barValues(grossBarsOf()), (QList<qint64>{19'345}));
    QCOMPARE(total(FinancePage::PaidOrdersRow), QStringLiteral("4"));
}

void tst_FinancePage::hiddenPage_reloadsWhenShown()
{
    seed();
    m_page->hide();
    QSignalSpy changed(m_stats.get(), &StatsService::changed);
    QVERIFY(pull({test::dayRow(figures(Today, {1, 0, 0}, {}, 1, 0), ++m_version)}));
    QTRY_COMPARE(changed.count(), 1); // the coalesced changed() has arrived; the hidden page only notes it
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥173.45"));
    m_page->show();
    QTRY_COMPARE(total(FinancePage::GrossRow), QStringLiteral("¥0.01"));
}

void tst_FinancePage::midnight_movesThePresetsOn()
{
    seed();
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥173.45"));
    // One second past midnight in Shanghai: "today" is a new day without figures; no sync says so.
    m_clock.setNowMs(QDateTime(Today.addDays(1), QTime(0, 0, 1), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch());
    child<QTimer>(m_page.get(), QStringLiteral("dayTimer"))->setInterval(10);
    QTRY_COMPARE(m_page->report()->period, (stats::Period{Today.addDays(1), Today.addDays(1)}));
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥0.00"));
    QCOMPARE(categories(), (QStringList{QStringLiteral("11/26")}));
    m_picker->setChoice(PeriodPicker::Choice::Yesterday);
    QCOMPARE(total(FinancePage::GrossRow), QStringLiteral("¥173.45"));
}

void tst_FinancePage::signedOut_isEmptyAndDisabled()
{
    seed();
    m_page->setService(nullptr);
    QVERIFY(!m_page->isEnabled());
    QVERIFY(!m_page->report().has_value());
    QVERIFY(turnoverChart()->series().isEmpty());
    QVERIFY(paymentChart()->series().isEmpty());
    QCOMPARE(total(FinancePage::NetRow), QStringLiteral("–"));
    // Signing in again shows the figures.
    m_page->setService(m_stats.get());
    QVERIFY(m_page->isEnabled());
    QCOMPARE(total(FinancePage::NetRow), QStringLiteral("¥170.00"));
}

void tst_FinancePage::csvExport_isExactToTheFen()
{
    seed();
    QTemporaryDir dir;
    QString suggested;
    m_page->setPrompts({.warn = [](const QString& message) { QFAIL(qPrintable(message)); },
                        .saveFileName =
                            [&](const QString&, const QString& suggestion, const QString&) {
                                suggested = suggestion;
                                return dir.filePath(QStringLiteral("week.csv"));
                            },
                        .printPreview = {}});
    m_picker->setChoice(PeriodPicker::Choice::ThisWeek);
    child<QPushButton>(m_page.get(), QStringLiteral("csvPushButton"))->click();
    QCOMPARE(suggested, QStringLiteral("finance-2026-11-23_2026-11-25.csv"));
    QFile file(dir.filePath(QStringLiteral("week.csv")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(QStringLiteral("\r\n"));
    QCOMPARE(lines.size(), 6); // header, 3 days, total, and the empty rest after the last CRLF
    QCOMPARE(lines.at(0).split(QLatin1Char(',')).size(), 14);
    QVERIFY(lines.at(0).startsWith(QStringLiteral("Date,Turnover (yuan),Refunds (yuan),Net turnover (yuan)")));
    QCOMPARE(lines.at(1), QStringLiteral("2026-11-23,0.01,0.00,0.01,1,0,0.01,0.01,0.00,0.00,0.00,0.00,0.00,0.00"));
    QCOMPARE(lines.at(2), QStringLiteral("2026-11-24,99.99,0.00,99.99,1,0,99.99,0.00,99.99,0.00,0.00,0.00,0.00,0.00"));
    QCOMPARE(lines.at(3),
             QStringLiteral("2026-11-25,173.45,3.45,170.00,3,1,56.67,123.45,50.00,0.00,3.45,0.00,0.00,0.00"));
    QCOMPARE(lines.at(4), QStringLiteral("Total,273.45,3.45,270.00,5,1,54.00,123.46,149.99,0.00,3.45,0.00,0.00,0.00"));
    QCOMPARE(lines.at(5), QString());

    // Last month: a negative net day, a day without payments (average 0), and every day of the month.
    file.close();
    m_picker->setChoice(PeriodPicker::Choice::LastMonth);
    m_page->exportCsv();
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList month = QString::fromUtf8(file.readAll().mid(3)).split(QStringLiteral("\r\n"));
    QCOMPARE(month.size(), 1 + 31 + 1 + 1);
    QCOMPARE(month.at(15), QStringLiteral("2026-10-15,0.00,20.00,-20.00,0,1,0.00,0.00,0.00,0.00,0.00,20.00,0.00,0.00"));
    QCOMPARE(month.at(31),
             QStringLiteral("2026-10-31,1000.01,0.00,1000.01,1,0,1000.01,1000.01,0.00,0.00,0.00,0.00,0.00,0.00"));
    QCOMPARE(month.at(32),
             QStringLiteral("Total,1000.01,20.00,980.01,1,1,980.01,1000.01,0.00,0.00,0.00,20.00,0.00,0.00"));
}

void tst_FinancePage::csvExport_cancelledOrUnwritable_writesNothing()
{
    seed();
    QTemporaryDir dir;
    QStringList warnings;
    QString answer;
    m_page->setPrompts({.warn = [&](const QString& message) { warnings << message; },
                        .saveFileName = [&](const QString&, const QString&, const QString&) { return answer; },
                        .printPreview = {}});
    m_page->exportCsv(); // cancelled: ""
    QVERIFY(warnings.isEmpty());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0);
    answer = dir.filePath(QStringLiteral("no/such/folder/finance.csv"));
    m_page->exportCsv();
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.constFirst().contains(QStringLiteral("no/such/folder")));
    m_page->exportPdf();
    QCOMPARE(warnings.size(), 2);
}

void tst_FinancePage::pdfExportAndPrint_writeTheReport()
{
    seed();
    m_page->setShopName(QStringLiteral("小店测试"));
    QTemporaryDir dir;
    int previews = 0;
    m_page->setPrompts({.warn = [](const QString& message) { QFAIL(qPrintable(message)); },
                        .saveFileName = [&](const QString&,
                                            const QString&,
                                            const QString&) { return dir.filePath(QStringLiteral("month.pdf")); },
                        .printPreview =
                            [&] {
                                ++previews;
                            }});
    m_picker->setChoice(PeriodPicker::Choice::ThisMonth);
    child<QPushButton>(m_page.get(), QStringLiteral("pdfPushButton"))->click();
    QFile pdf(dir.filePath(QStringLiteral("month.pdf")));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    QVERIFY(bytes.startsWith("%PDF"));
    QVERIFY2(bytes.size() > 10'000, qPrintable(QString::number(bytes.size()))); // text, tables and the chart image
    child<QPushButton>(m_page.get(), QStringLiteral("printPushButton"))->click();
    QCOMPARE(previews, 1);
}

void tst_FinancePage::hover_showsTooltips()
{
    seed();
    m_picker->setChoice(PeriodPicker::Choice::ThisWeek);
    QBarSet* set = grossBarsOf();
    auto* bars = qobject_cast<QBarSeries*>(turnoverChart()->series().value(0));
    QVERIFY(bars);
    emit bars->hovered(true, 2, set);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("¥173.45")), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains(QStringLiteral("¥170.00")));
    emit bars->hovered(false, 2, set);
    QTRY_VERIFY(!QToolTip::isVisible());
    emit netLine()->hovered(QPointF(0.8, 9'000), true); // between Monday and Tuesday, nearer Tuesday
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("¥99.99")), qPrintable(QToolTip::text()));
    emit netLine()->hovered(QPointF(0.8, 9'000), false);
    QTRY_VERIFY(!QToolTip::isVisible());
    QPieSlice* slice = pie()->slices().value(0);
    emit pie()->hovered(slice, true);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("WeChat Pay\n¥123.46 (45.15%)"));
    QVERIFY(slice->isExploded());
    emit pie()->hovered(slice, false);
    QVERIFY(!slice->isExploded());
}

void tst_FinancePage::yearOfABusyShop_isShownQuickly()
{
    // A year of rollups, 200 products sold a day (73,200 product rows, which the report's top lists read too).
    const test::GeneratedStats generated = test::generateStats(Today, 366, 2'000, 200, 11);
    QVERIFY(test::fillCache(*m_cache->store, generated));
    qint64 gross = 0;
    for (const stats::DayFigures& day : generated.days)
        gross += day.grossFen;
    QList<qint64> timesMs;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        m_picker->setCustomRange(Today.addDays(-365 + run % 2), Today); // each run a new period: a full reload
        timesMs.append(timer.elapsed());
    }
    std::sort(timesMs.begin(), timesMs.end());
    qInfo("One-year finance page (report, table, charts): median %lld ms of 5", timesMs.at(2)); // a figure, not a test
    m_picker->setCustomRange(Today.addDays(-365), Today);
    QCOMPARE(m_page->report()->totals.grossFen, gross);
    QCOMPARE(categories().size(), 13);
    qint64 bars = 0;
    for (const qint64 value : barValues(grossBarsOf()))
        bars += value;
    QCOMPARE(bars, gross);
}

void tst_FinancePage::darkPalette_turnsTheChartsDark()
{
    seed();
    QCOMPARE(turnoverChart()->theme(), QChart::ChartThemeLight);
    QPalette dark = m_page->palette();
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 20, 20));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    m_page->setPalette(dark);
    QTRY_COMPARE(turnoverChart()->theme(), QChart::ChartThemeDark);
    QCOMPARE(paymentChart()->theme(), QChart::ChartThemeDark);
    QCOMPARE(turnoverChart()->backgroundBrush().color(), QColor(20, 20, 20));
    // The theme change keeps the series and their values.
    QCOMPARE(barValues(grossBarsOf()), (QList<qint64>{17'345}));
    // On paper the chart is light on white, and the screen stays dark.
    const QImage paper = StatsCharts::paperImage(child<QChartView>(m_page.get(), QStringLiteral("turnoverChartView")));
    QVERIFY(!paper.isNull());
    QCOMPARE(paper.pixelColor(2, 2), QColor(Qt::white));
    QCOMPARE(turnoverChart()->theme(), QChart::ChartThemeDark);
    QCOMPARE(turnoverChart()->backgroundBrush().color(), QColor(20, 20, 20));
    const QImage screen = child<QChartView>(m_page.get(), QStringLiteral("turnoverChartView"))->grab().toImage();
    QCOMPARE(screen.pixelColor(2, 2), QColor(20, 20, 20));
    m_page->setPalette(QPalette());
    QTRY_COMPARE(turnoverChart()->theme(), QChart::ChartThemeLight);
}

void tst_FinancePage::yuanAxis_hasRoundTicksInYuan()
{
    std::unique_ptr<QCategoryAxis> axis(StatsCharts::createYuanAxis(0, 17'345));
    QCOMPARE(axis->min(), 0);
    QCOMPARE(axis->max(), 20'000);
    QCOMPARE(axis->categoriesLabels(),
             (QStringList{QStringLiteral("¥0"),
                          QStringLiteral("¥50"),
                          QStringLiteral("¥100"),
                          QStringLiteral("¥150"),
                          QStringLiteral("¥200")}));
    axis.reset(StatsCharts::createYuanAxis(-2'000, 100'001));
    QCOMPARE(axis->min(), -50'000);
    QCOMPARE(axis->max(), 150'000);
    QCOMPARE(axis->categoriesLabels().constFirst(), QStringLiteral("-¥500"));
    QVERIFY(axis->categoriesLabels().contains(QStringLiteral("¥1,000")));
    // Small amounts: fen ticks; nothing at all: still an axis.
    axis.reset(StatsCharts::createYuanAxis(0, 37));
    QCOMPARE(axis->max(), 40);
    QCOMPARE(axis->categoriesLabels().value(1), QStringLiteral("¥0.10"));
    axis.reset(StatsCharts::createYuanAxis(0, 0));
    QCOMPARE(axis->categoriesLabels(), (QStringList{QStringLiteral("¥0"), QStringLiteral("¥1")}));
    // Large: a year of a busy shop.
    axis.reset(StatsCharts::createYuanAxis(0, 123'456'789'00));
    QCOMPARE(axis->categoriesLabels().value(1), QStringLiteral("¥50,000,000"));
    QCOMPARE(StatsCharts::niceStep(0, 1), 1);
    QCOMPARE(StatsCharts::niceStep(0, 11), 5);
    QCOMPARE(StatsCharts::niceStep(-7, 3), 2);
    QCOMPARE(StatsCharts::percentText(1234), QStringLiteral("12.34%"));
    QCOMPARE(StatsCharts::percentText(std::nullopt), QStringLiteral("–"));
    QCOMPARE(StatsCharts::yuanText(-5), QStringLiteral("-¥0.05"));
}

void tst_FinancePage::dayLabels_followTheLanguage()
{
    const QDate day(2026, 3, 7);
    QCOMPARE(StatsCharts::dayLabel(day), QStringLiteral("3/7"));
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QCOMPARE(StatsCharts::dayLabel(day), QStringLiteral("3/7"));
    QCOMPARE(StatsCharts::longDayLabel(day), QLocale().toString(day, QLocale::LongFormat));
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(StatsCharts::dayLabel(day), QStringLiteral("07.03"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // Months: a name within one year, year-month across years.
    QList<stats::DayFigures> days;
    for (QDate d(2026, 1, 1); d <= QDate(2026, 3, 31); d = d.addDays(1)) {
        stats::DayFigures f;
        f.day = d;
        f.grossFen = d.day();
        days.append(f);
    }
    QList<StatsCharts::Bucket> buckets = StatsCharts::bucketsOf(days);
    QCOMPARE(StatsCharts::labelsOf(buckets),
             (QStringList{QStringLiteral("Jan"), QStringLiteral("Feb"), QStringLiteral("Mar")}));
    QCOMPARE(buckets.at(1).figures.grossFen, 28 * 29 / 2);
    QCOMPARE(buckets.at(1).first, QDate(2026, 2, 1));
    QCOMPARE(buckets.at(1).last, QDate(2026, 2, 28));
    QCOMPARE(buckets.at(2).longLabel, QStringLiteral("March 2026"));
    days.resize(StatsCharts::MaxDailyBuckets);
    QCOMPARE(StatsCharts::bucketsOf(days).size(), StatsCharts::MaxDailyBuckets);
}

void tst_FinancePage::languageSwitch_redrawsTheCharts()
{
    seed();
    m_picker->setCustomRange(QDate(2026, 1, 1), Today); // by month, within one year
    QCOMPARE(categories().constFirst(), QStringLiteral("Jan"));
    QCOMPARE(categories().size(), 11);
    LanguageManager languages;
    QVERIFY(languages.useLanguageForSession(QStringLiteral("zh_CN")));
    QTRY_COMPARE(categories().constFirst(), QStringLiteral("1月"));
    QCOMPARE(barValues(grossBarsOf()).constLast(), 100'345);
    QVERIFY(languages.useLanguageForSession(QStringLiteral("en")));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QTRY_COMPARE(categories().constFirst(), QStringLiteral("Jan"));
}

void tst_FinancePage::screenshot_zhCN()
{
    // In the window as a merchant sees it: 1366×768, Chinese, this month of a busy shop.
    LanguageManager languages;
    QVERIFY(languages.useLanguageForSession(QStringLiteral("zh_CN")));
    {
        QList<sync::SyncRow> rows;
        const test::GeneratedStats generated = test::generateStats(Today, 40, 30, 8, 7);
        for (const stats::DayFigures& day : generated.days)
            rows.append(test::dayRow(day, ++m_version));
        QVERIFY(pull(rows));
    }
    m_page.release()->deleteLater(); // the window takes the page below
    MainWindow window(&languages);
    auto* page = new FinancePage;
    page->setService(m_stats.get());
    window.setPage(MainWindow::Module::Finance, page);
    window.setCurrentModule(MainWindow::Module::Finance);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    page->periodPicker()->setChoice(PeriodPicker::Choice::ThisMonth);
    QVERIFY(page->report().has_value());
    QCOMPARE(page->report()->days.size(), 25);
    QTest::qWait(100); // the charts lay their axes and legends out in the event loop
    QVERIFY(saveWindowWithCharts(&window, QStringLiteral("finance_zh_CN")));
    page->periodPicker()->setCustomRange(Today.addDays(-365), Today);
    QTest::qWait(100);
    QVERIFY(saveWindowWithCharts(&window, QStringLiteral("finance_year_zh_CN")));
    QVERIFY(languages.useLanguageForSession(QStringLiteral("en")));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

QTEST_MAIN(tst_FinancePage)
#include "tst_financepage.moc"
