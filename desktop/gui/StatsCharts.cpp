#include "StatsCharts.h"

#include "xiaodian/Money.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace xd {

namespace {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// Colours the chart after the view's palette, and again whenever the palette (or the system theme) changes.
class PaletteFollower final : public QObject
{
public:
    explicit PaletteFollower(QChartView* view) : QObject(view), m_view(view) { apply(); }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_view && (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange))
            apply();
        return false;
    }

    void apply()
    {
        QChart* chart = m_view->chart();
        const QPalette palette = m_view->palette();
        const QChart::ChartTheme theme = isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight;
        if (chart->theme() != theme)
            chart->setTheme(theme); // resets colours, fonts and margins: set ours again below
        chart->setBackgroundBrush(palette.color(QPalette::Base));
        chart->setBackgroundRoundness(0);
        chart->setTitleBrush(palette.color(QPalette::Text));
        chart->legend()->setLabelColor(palette.color(QPalette::Text));
        chart->legend()->setFont(m_view->font());
        chart->setMargins(QMargins(4, 4, 4, 4));
        m_view->setBackgroundBrush(palette.color(QPalette::Base));
    }

private:
    QChartView* m_view;
};

// A date format without the year, from the locale's short one: "yyyy/M/d" → "M/d", "dd.MM.yy" → "dd.MM".
QString withoutPart(const QString& format, QChar part)
{
    QString out;
    for (qsizetype i = 0; i < format.size();) {
        if (format.at(i) == part) {
            while (i < format.size() && format.at(i) == part)
                ++i;
            // Drop one separator next to the removed part: after it, or before it when it ends the format.
            if (i < format.size() && !format.at(i).isLetter())
                ++i;
            else if (!out.isEmpty() && !out.back().isLetter())
                out.chop(1);
            continue;
        }
        out += format.at(i++);
    }
    return out.trimmed();
}

QString dayFormat()
{
    const QString format = withoutPart(QLocale().dateFormat(QLocale::ShortFormat), QLatin1Char('y'));
    return format.isEmpty() ? QStringLiteral("M/d") : format;
}

qint64 floorTo(qint64 value, qint64 step)
{
    const qint64 q = value / step;
    return (value % step != 0 && value < 0 ? q - 1 : q) * step;
}

qint64 ceilTo(qint64 value, qint64 step)
{
    const qint64 q = value / step;
    return (value % step != 0 && value > 0 ? q + 1 : q) * step;
}

void showTip(QChartView* view, const QString& text)
{
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(QCursor::pos(), text, view);
}

} // namespace

QChartView* StatsCharts::createChartView(const QString& objectName, QWidget* parent)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    auto* view = new QChartView(chart, parent);
    view->setObjectName(objectName);
    chart->setObjectName(objectName + QStringLiteral("Chart"));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    view->setFrameShape(QFrame::NoFrame);
    view->installEventFilter(new PaletteFollower(view));
    return view;
}

QImage StatsCharts::paperImage(QChartView* view)
{
    if (!view->isVisible() || view->width() < 200)
        return {};
    QChart* chart = view->chart();
    const QChart::ChartTheme shown = chart->theme();
    const QBrush background = chart->backgroundBrush();
    const QBrush viewBackground = view->backgroundBrush();
    if (shown != QChart::ChartThemeLight)
        chart->setTheme(QChart::ChartThemeLight);
    chart->setBackgroundBrush(Qt::white);
    view->setBackgroundBrush(Qt::white);
    const QImage image = view->grab().toImage();
    if (shown != QChart::ChartThemeLight) {
        chart->setTheme(shown);
        for (QObject* child : view->children()) {
            if (auto* follower = dynamic_cast<PaletteFollower*>(child))
                follower->apply(); // colours, fonts and margins after the palette again
        }
    }
    chart->setBackgroundBrush(background);
    view->setBackgroundBrush(viewBackground);
    return image;
}

void StatsCharts::clear(QChart* chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

QString StatsCharts::yuanText(qint64 fen)
{
    return fen < 0 ? QStringLiteral("-¥") + Money::fromFen(-fen).toString()
                   : QStringLiteral("¥") + Money::fromFen(fen).toString();
}

QString StatsCharts::groupedYuanText(qint64 fen)
{
    const QLocale locale;
    const qint64 abs = fen < 0 ? -fen : fen;
    return QStringLiteral("%1¥%2%3%4")
        .arg(fen < 0 ? QStringLiteral("-") : QString(), locale.toString(abs / 100), locale.decimalPoint())
        .arg(abs % 100, 2, 10, QLatin1Char('0'));
}

QString StatsCharts::percentText(std::optional<qint64> basisPoints)
{
    if (!basisPoints)
        return QStringLiteral("–");
    // Two decimals from the integer basis points, no floating point: 1234 → "12.34%".
    const qint64 bp = *basisPoints;
    const qint64 whole = (bp < 0 ? -bp : bp) / 100;
    const qint64 cents = (bp < 0 ? -bp : bp) % 100;
    return QStringLiteral("%1%2.%3%")
        .arg(bp < 0 ? QStringLiteral("-") : QString())
        .arg(whole)
        .arg(cents, 2, 10, QLatin1Char('0'));
}

QString StatsCharts::dayLabel(QDate day)
{
    return QLocale().toString(day, dayFormat());
}

QString StatsCharts::longDayLabel(QDate day)
{
    return QLocale().toString(day, QLocale::LongFormat);
}

QList<StatsCharts::Bucket> StatsCharts::bucketsOf(const QList<stats::DayFigures>& days)
{
    QList<Bucket> buckets;
    if (days.size() <= MaxDailyBuckets) {
        buckets.reserve(days.size());
        for (const stats::DayFigures& day : days)
            buckets.append(Bucket{day.day, day.day, dayLabel(day.day), longDayLabel(day.day), day});
        return buckets;
    }
    const bool severalYears = days.constFirst().day.year() != days.constLast().day.year();
    const QLocale locale;
    for (const stats::DayFigures& day : days) {
        if (buckets.isEmpty() || buckets.constLast().first.month() != day.day.month() ||
            buckets.constLast().first.year() != day.day.year()) {
            Bucket bucket;
            bucket.first = day.day;
            // "2025-11" when the months of two years are on one axis (a month name alone would repeat).
            bucket.label = severalYears ? day.day.toString(QStringLiteral("yyyy-MM"))
                                        : locale.standaloneMonthName(day.day.month(), QLocale::ShortFormat);
            bucket.longLabel = locale.language() == QLocale::Chinese
                                   ? locale.toString(day.day, QStringLiteral("yyyy年M月"))
                                   : locale.toString(day.day, QStringLiteral("MMMM yyyy"));
            buckets.append(bucket);
        }
        Bucket& bucket = buckets.last();
        bucket.last = day.day;
        bucket.figures += day;
    }
    return buckets;
}

QStringList StatsCharts::labelsOf(const QList<Bucket>& buckets)
{
    QStringList labels;
    labels.reserve(buckets.size());
    for (const Bucket& bucket : buckets)
        labels.append(bucket.label);
    return labels;
}

qint64 StatsCharts::niceStep(qint64 min, qint64 max, int maxTicks)
{
    const qint64 span = std::max<qint64>(std::max<qint64>(max, 0) - std::min<qint64>(min, 0), 1);
    const qint64 wanted = (span + maxTicks - 1) / std::max(maxTicks, 1); // the smallest step that fits
    for (qint64 magnitude = 1;; magnitude *= 10) {
        for (const qint64 factor : {1, 2, 5}) {
            const qint64 step = factor * magnitude;
            if (step >= wanted)
                return step;
        }
        if (magnitude > std::numeric_limits<qint64>::max() / 100)
            return magnitude * 10;
    }
}

QCategoryAxis*
StatsCharts::createAxis(qint64 min, qint64 max, const std::function<QString(qint64)>& label, qint64 minStep)
{
    min = std::min<qint64>(min, 0);
    max = std::max<qint64>(max, 0);
    if (min == 0 && max == 0)
        max = minStep; // nothing to show: a small axis with a zero line
    const qint64 step = std::max(niceStep(min, max), minStep);
    const qint64 low = floorTo(min, step);
    const qint64 high = std::max(ceilTo(max, step), low + step);
    auto* axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    // Each "category" ends on a tick and is labelled there; the first one starts just below the axis so that its
    // end, the lowest tick, is labelled too.
    axis->setStartValue(low - step);
    for (qint64 tick = low; tick <= high; tick += step)
        axis->append(label(tick), tick);
    axis->setRange(low, high);
    axis->setGridLineVisible(true);
    return axis;
}

QCategoryAxis* StatsCharts::createYuanAxis(qint64 minFen, qint64 maxFen)
{
    const qint64 span = std::max<qint64>(maxFen, 0) - std::min<qint64>(minFen, 0);
    // Whole yuan ticks as soon as the amounts reach a few yuan (or there is nothing: ¥0 to ¥1); below that, fen.
    const qint64 minStep = span >= 500 || span == 0 ? 100 : 1;
    const QLocale locale;
    return createAxis(
        minFen,
        maxFen,
        [locale](qint64 fen) {
            const QString sign = fen < 0 ? QStringLiteral("-") : QString();
            const qint64 abs = fen < 0 ? -fen : fen;
            if (abs % 100 == 0)
                return sign + QStringLiteral("¥") + locale.toString(abs / 100);
            return sign + QStringLiteral("¥") + Money::fromFen(abs).toString();
        },
        minStep);
}

QCategoryAxis* StatsCharts::createCountAxis(qint64 max)
{
    const QLocale locale;
    return createAxis(0, max, [locale](qint64 value) { return locale.toString(value); });
}

QCategoryAxis* StatsCharts::createPercentAxis(qint64 maxBasisPoints)
{
    return createAxis(
        0,
        maxBasisPoints,
        [](qint64 bp) {
            // Ticks are round: trailing zeros of the two decimals go.
            QString text = percentText(bp);
            if (text.endsWith(QStringLiteral(".00%")))
                text.replace(QStringLiteral(".00%"), QStringLiteral("%"));
            else if (text.endsWith(QStringLiteral("0%")))
                text.replace(text.size() - 2, 2, QStringLiteral("%"));
            return text;
        },
        10);
}

QBarSet* StatsCharts::createBarSet(const QString& name, const QList<qint64>& values, const QString& objectName)
{
    auto* set = new QBarSet(name);
    set->setObjectName(objectName);
    for (const qint64 value : values)
        set->append(qreal(value)); // integers up to 2^53 are exact in a qreal
    return set;
}

QLineSeries* StatsCharts::createLineSeries(const QString& name, const QList<qint64>& values, const QString& objectName)
{
    auto* series = new QLineSeries;
    series->setName(name);
    series->setObjectName(objectName);
    series->setPointsVisible(values.size() <= 31);
    for (qsizetype i = 0; i < values.size(); ++i)
        series->append(qreal(i), qreal(values.at(i)));
    return series;
}

void StatsCharts::showOnCategories(QChart* chart,
                                   const QStringList& categories,
                                   const QList<QAbstractSeries*>& series,
                                   QAbstractAxis* valueAxis)
{
    auto* categoryAxis = new QBarCategoryAxis;
    categoryAxis->setObjectName(chart->objectName() + QStringLiteral("CategoryAxis"));
    categoryAxis->append(categories);
    categoryAxis->setGridLineVisible(false);
    // Many or long labels (a month of days, "2025-11" months) stand on end instead of being cut short.
    qsizetype longest = 0;
    for (const QString& category : categories)
        longest = std::max(longest, category.size());
    categoryAxis->setLabelsAngle(categories.size() * (longest + 1) > 60 ? -90 : 0);
    chart->addAxis(categoryAxis, Qt::AlignBottom);
    chart->addAxis(valueAxis, Qt::AlignLeft);
    for (QAbstractSeries* one : series) {
        chart->addSeries(one);
        one->attachAxis(categoryAxis);
        one->attachAxis(valueAxis);
    }
}

void StatsCharts::attachRight(QChart* chart, QAbstractSeries* series, QAbstractAxis* valueAxis)
{
    chart->addSeries(series);
    chart->addAxis(valueAxis, Qt::AlignRight);
    for (QAbstractAxis* axis : chart->axes(Qt::Horizontal))
        series->attachAxis(axis);
    series->attachAxis(valueAxis);
    valueAxis->setGridLineVisible(false); // the left axis draws the grid
}

void StatsCharts::addTooltips(QChartView* view,
                              QAbstractBarSeries* series,
                              const std::function<QString(QBarSet*, int)>& text)
{
    QObject::connect(series, &QAbstractBarSeries::hovered, view, [view, text](bool on, int index, QBarSet* set) {
        showTip(view, on ? text(set, index) : QString());
    });
}

void StatsCharts::addTooltips(QChartView* view, QXYSeries* series, const std::function<QString(int)>& text)
{
    QObject::connect(series, &QXYSeries::hovered, view, [view, series, text](const QPointF& point, bool on) {
        // The point under the mouse lies on the line between two categories: the nearer one is meant.
        const int index = int(std::lround(point.x()));
        showTip(view, on && index >= 0 && index < series->count() ? text(index) : QString());
    });
}

void StatsCharts::addTooltips(QChartView* view, QPieSeries* series, const std::function<QString(QPieSlice*)>& text)
{
    QObject::connect(series, &QPieSeries::hovered, view, [view, text](QPieSlice* slice, bool on) {
        slice->setExploded(on);
        showTip(view, on ? text(slice) : QString());
    });
}

} // namespace xd
