#pragma once

#include "xiaodian/Stats.h"

#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QAbstractAxis;
class QAbstractBarSeries;
class QAbstractSeries;
class QBarSet;
class QCategoryAxis;
class QChart;
class QChartView;
class QLineSeries;
class QPieSeries;
class QPieSlice;
class QWidget;
class QXYSeries;

namespace xd {

// The chart helpers the dashboard, finance and statistics pages share (Qt Charts). Values are plotted as the
// integers they are (fen, counts, basis points), so a bar's value is exactly the figure; the value axes label those
// integers for people (¥ from fen, % from basis points) at round ticks. Days are categories labelled in the current
// language (QLocale()); long periods are shown by month.
class StatsCharts
{
    Q_DECLARE_TR_FUNCTIONS(StatsCharts)

public:
    // A chart view for a page: antialiased, light or dark after the widget palette (and again when it changes),
    // small margins, legend at the bottom, no animation. The view owns its chart.
    static QChartView* createChartView(const QString& objectName, QWidget* parent);
    // The chart as it looks on paper: light theme on white whatever the screen's palette (print and PDF reports).
    // Null when the view is not on screen (it has no layout to draw).
    static QImage paperImage(QChartView* view);
    // Removes every series and axis (before the chart is filled again).
    static void clear(QChart* chart);

    // "¥12.30", "-¥0.05": an amount from fen, the way pages show money.
    static QString yuanText(qint64 fen);
    // "¥905,360.78": the same with the current language's digit grouping, for large figures (tables, tooltips).
    static QString groupedYuanText(qint64 fen);
    // "12.34%" from basis points; "–" without a value.
    static QString percentText(std::optional<qint64> basisPoints);

    // A day as a short category label in the current language, without the year ("11/25" in zh_CN and en).
    static QString dayLabel(QDate day);
    // The long form for tooltips and reports (QLocale::LongFormat).
    static QString longDayLabel(QDate day);

    // What one category (bar, point) of a chart stands for: a day, or a month in long periods.
    struct Bucket
    {
        QDate first;
        QDate last;
        QString label;             // the category label (unique within a chart)
        QString longLabel;         // for tooltips: the day, or the month with its year
        stats::DayFigures figures; // summed over [first, last]
    };
    // Days up to MaxDailyBuckets stay days; longer periods are summed by calendar month (each month clipped to the
    // period). `days` is a report's days (in order, one per day).
    static constexpr int MaxDailyBuckets = 62;
    static QList<Bucket> bucketsOf(const QList<stats::DayFigures>& days);
    static QStringList labelsOf(const QList<Bucket>& buckets);

    // A round step (1, 2 or 5 × 10^k, at least 1) so that [min, max] spans at most `maxTicks` steps.
    static qint64 niceStep(qint64 min, qint64 max, int maxTicks = 5);
    // A value axis over the integers [min(0, min), max(0, max)] widened to round ticks, each tick labelled by
    // `label` (at least `minStep` apart). All zero still gets a small axis.
    static QCategoryAxis*
    createAxis(qint64 min, qint64 max, const std::function<QString(qint64)>& label, qint64 minStep = 1);
    // The same for money in fen: labels "¥1,200" (whole yuan when the step allows, else "¥0.50").
    static QCategoryAxis* createYuanAxis(qint64 minFen, qint64 maxFen);
    // Counts (orders, PV, UV): grouped integers.
    static QCategoryAxis* createCountAxis(qint64 max);
    // Basis points as percent ("12.5%").
    static QCategoryAxis* createPercentAxis(qint64 maxBasisPoints);

    // A bar set / line of integer values, one per category (x = the category index).
    static QBarSet* createBarSet(const QString& name, const QList<qint64>& values, const QString& objectName);
    static QLineSeries* createLineSeries(const QString& name, const QList<qint64>& values, const QString& objectName);

    // Puts `series` (bars and lines alike) on the chart over shared axes: the categories at the bottom and
    // `valueAxis` on the left. Later series on a second axis: attachRight().
    static void showOnCategories(QChart* chart,
                                 const QStringList& categories,
                                 const QList<QAbstractSeries*>& series,
                                 QAbstractAxis* valueAxis);
    static void attachRight(QChart* chart, QAbstractSeries* series, QAbstractAxis* valueAxis);

    // Tooltips while the mouse is over a bar, near a line's point, or over a pie slice (QToolTip, hidden again
    // when the mouse leaves). The text functions are asked each time, with the category index.
    static void addTooltips(QChartView* view,
                            QAbstractBarSeries* series,
                            const std::function<QString(QBarSet* set, int index)>& text);
    static void addTooltips(QChartView* view, QXYSeries* series, const std::function<QString(int index)>& text);
    static void addTooltips(QChartView* view, QPieSeries* series, const std::function<QString(QPieSlice*)>& text);
};

} // namespace xd
