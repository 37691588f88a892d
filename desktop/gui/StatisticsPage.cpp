#include "StatisticsPage.h"

#include "FigureCard.h"
#include "PageHeader.h"
#include "PeriodPicker.h"
#include "StatsCharts.h"
#include "StatsService.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace xd {

namespace {

constexpr int DayCheckIntervalMs = 60'000;

QString countText(qint64 count)
{
    return QLocale().toString(count);
}

// Up to a month of day labels fits under a chart of this page; longer runs of days (up to StatsCharts::MaxDailyBuckets,
// beyond which they are months) get a label every few days instead of a column of elided ones.
constexpr int MaxLabelledBuckets = 31;
constexpr int ThinnedLabels = 12;

// Puts line series on the chart over shared axes: the buckets below (QBarCategoryAxis while every label fits, else a
// QCategoryAxis over the bucket index labelling every few), `valueAxis` on the left.
void showLines(QChart* chart,
               const QStringList& labels,
               const QList<QAbstractSeries*>& series,
               QAbstractAxis* valueAxis)
{
    if (labels.size() <= MaxLabelledBuckets)
        return StatsCharts::showOnCategories(chart, labels, series, valueAxis);
    auto* axis = new QCategoryAxis;
    axis->setObjectName(chart->objectName() + QStringLiteral("CategoryAxis"));
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setStartValue(-1);
    const qsizetype step = (labels.size() + ThinnedLabels - 1) / ThinnedLabels;
    for (qsizetype i = 0; i < labels.size(); i += step)
        axis->append(labels.at(i), qreal(i));
    axis->setRange(-0.5, qreal(labels.size()) - 0.5);
    axis->setGridLineVisible(false);
    chart->addAxis(axis, Qt::AlignBottom);
    chart->addAxis(valueAxis, Qt::AlignLeft);
    for (QAbstractSeries* one : series) {
        chart->addSeries(one);
        one->attachAxis(axis);
        one->attachAxis(valueAxis);
    }
}

QLabel* headingLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QTableWidget* topTable(QWidget* parent, const char* name)
{
    auto* table = new QTableWidget(0, StatisticsPage::TopColumnCount, parent);
    table->setObjectName(QLatin1String(name));
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8); // ten rows at a glance
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(StatisticsPage::ProductColumn, QHeaderView::Stretch);
    table->setMinimumHeight(140);
    return table;
}

// A heading over a widget, as one block of the page.
QWidget* block(QWidget* parent, QLabel* heading, QWidget* content)
{
    auto* widget = new QWidget(parent);
    auto* layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(heading);
    layout->addWidget(content, 1);
    return widget;
}

} // namespace

StatisticsPage::StatisticsPage(QWidget* parent) : QWidget(parent)
{
    m_titleLabel = createPageTitleLabel(this);
    m_descriptionLabel = createPageDescriptionLabel(this);
    m_periodPicker = new PeriodPicker(this);
    m_periodPicker->setObjectName(QStringLiteral("periodPicker"));
    m_periodPicker->setChoice(PeriodPicker::Choice::Last30Days);
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setStyleSheet(QStringLiteral("color: #d93026;"));
    m_messageLabel->setWordWrap(true);

    m_pvCard = new FigureCard(QStringLiteral("pv"), this);
    m_uvCard = new FigureCard(QStringLiteral("uv"), this);
    m_payersCard = new FigureCard(QStringLiteral("payers"), this);
    m_purchaseRateCard = new FigureCard(QStringLiteral("purchaseRate"), this);
    m_paidOrdersCard = new FigureCard(QStringLiteral("paidOrders"), this);
    m_averageOrderValueCard = new FigureCard(QStringLiteral("averageOrderValue"), this);
    auto* cardsLayout = new QHBoxLayout;
    for (FigureCard* card :
         {m_pvCard, m_uvCard, m_payersCard, m_purchaseRateCard, m_paidOrdersCard, m_averageOrderValueCard})
        cardsLayout->addWidget(card, 1);

    // Charts on the left, as wide as the page allows (a month of day labels fits), the top lists on the right.
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("statisticsSplitter"));
    splitter->setChildrenCollapsible(false);
    auto* charts = new QWidget(splitter);
    m_trafficTitleLabel = headingLabel(charts, "trafficTitleLabel");
    m_trafficChartView = StatsCharts::createChartView(QStringLiteral("trafficChartView"), charts);
    m_conversionTitleLabel = headingLabel(charts, "conversionTitleLabel");
    m_conversionChartView = StatsCharts::createChartView(QStringLiteral("conversionChartView"), charts);
    for (QChartView* view : {m_trafficChartView, m_conversionChartView})
        view->setMinimumHeight(200);
    auto* chartsLayout = new QVBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->addWidget(block(charts, m_trafficTitleLabel, m_trafficChartView), 1);
    chartsLayout->addWidget(block(charts, m_conversionTitleLabel, m_conversionChartView), 1);
    auto* tables = new QWidget(splitter);
    m_topByQuantityTitleLabel = headingLabel(tables, "topByQuantityTitleLabel");
    m_topByQuantityTableWidget = topTable(tables, "topByQuantityTableWidget");
    m_topByRevenueTitleLabel = headingLabel(tables, "topByRevenueTitleLabel");
    m_topByRevenueTableWidget = topTable(tables, "topByRevenueTableWidget");
    auto* tablesLayout = new QVBoxLayout(tables);
    tablesLayout->setContentsMargins(0, 0, 0, 0);
    tablesLayout->addWidget(block(tables, m_topByQuantityTitleLabel, m_topByQuantityTableWidget), 1);
    tablesLayout->addWidget(block(tables, m_topByRevenueTitleLabel, m_topByRevenueTableWidget), 1);
    splitter->addWidget(charts);
    splitter->addWidget(tables);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({2000, 1000}); // two thirds for the charts; setSizes scales to the real width

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_descriptionLabel);
    layout->addWidget(m_periodPicker);
    layout->addWidget(m_messageLabel);
    layout->addLayout(cardsLayout);
    layout->addWidget(splitter, 1);

    connect(m_periodPicker, &PeriodPicker::periodChanged, this, &StatisticsPage::reload);
    // The presets follow the shop's day: at its midnight "today" moves on.
    m_dayTimer = new QTimer(this);
    m_dayTimer->setInterval(DayCheckIntervalMs);
    connect(m_dayTimer, &QTimer::timeout, this, [this] {
        if (m_service)
            m_periodPicker->setToday(m_service->today()); // periodChanged → reload when the day moved
    });
    m_dayTimer->start();

    retranslateUi();
    setService(nullptr);
}

StatisticsPage::~StatisticsPage() = default;

void StatisticsPage::setService(StatsService* service)
{
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    if (m_service)
        connect(m_service, &StatsService::changed, this, &StatisticsPage::reload);
    setEnabled(m_service != nullptr);
    reload();
}

void StatisticsPage::reload()
{
    m_report.reset();
    m_messageLabel->clear();
    if (m_service) {
        {
            const QSignalBlocker blocker(m_periodPicker); // this reload reads the moved period already
            m_periodPicker->setToday(m_service->today());
        }
        // A refused custom range is explained next to its dates by the picker.
        if (const auto period = m_periodPicker->period(); period) {
            auto report = m_service->report(*period, TopProducts);
            if (report)
                m_report = std::move(*report);
            else
                m_messageLabel->setText(tr("The figures cannot be read: %1").arg(report.error().message));
        }
    }
    m_messageLabel->setVisible(!m_messageLabel->text().isEmpty());
    showReport();
}

void StatisticsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StatisticsPage::retranslateUi()
{
    m_titleLabel->setText(tr("Statistics"));
    m_descriptionLabel->setText(tr("Visitors of the mini-program and what they bought, day by day (month by month "
                                   "over long periods)."));
    m_pvCard->setCaption(tr("Page views"));
    m_uvCard->setCaption(tr("Visitors"));
    m_payersCard->setCaption(tr("Paying customers"));
    m_purchaseRateCard->setCaption(tr("Purchase rate"));
    m_paidOrdersCard->setCaption(tr("Paid orders"));
    m_averageOrderValueCard->setCaption(tr("Average order value"));
    m_pvCard->setToolTip(tr("Every view of a page, product or article in the mini-program."));
    m_uvCard->setToolTip(tr("Distinct visitors of each day, added up over the period (a visitor who comes on two "
                            "days counts twice)."));
    m_payersCard->setToolTip(tr("Distinct customers whose money was received each day, added up over the period."));
    m_purchaseRateCard->setToolTip(tr("Paying customers per visitor."));
    m_paidOrdersCard->setToolTip(tr("Orders whose money was received in the period."));
    m_averageOrderValueCard->setToolTip(tr("Net turnover (after refunds) per paid order."));
    m_trafficTitleLabel->setText(tr("Page views and visitors"));
    m_conversionTitleLabel->setText(tr("Purchase rate and average order value"));
    m_topByQuantityTitleLabel->setText(tr("Top products by quantity"));
    m_topByRevenueTitleLabel->setText(tr("Top products by revenue"));
    const QStringList headers{tr("#"), tr("Product"), tr("Quantity"), tr("Revenue")};
    m_topByQuantityTableWidget->setHorizontalHeaderLabels(headers);
    m_topByRevenueTableWidget->setHorizontalHeaderLabels(headers);
    showReport(); // dates and words in the new language
}

void StatisticsPage::showReport()
{
    showCards();
    showTrafficChart();
    showConversionChart();
    showTopProducts(m_topByQuantityTableWidget, m_report ? m_report->topByQuantity : QList<stats::ProductFigures>{});
    showTopProducts(m_topByRevenueTableWidget, m_report ? m_report->topByRevenue : QList<stats::ProductFigures>{});
}

void StatisticsPage::showCards()
{
    const QString unknown = QStringLiteral("–");
    if (!m_report) {
        for (FigureCard* card :
             {m_pvCard, m_uvCard, m_payersCard, m_purchaseRateCard, m_paidOrdersCard, m_averageOrderValueCard}) {
            card->setValue(unknown);
            card->setNote(QString());
        }
        return;
    }
    const stats::DayFigures& totals = m_report->totals;
    const int days = m_report->period.days();
    m_pvCard->setValue(countText(totals.pv));
    m_pvCard->setNote(days > 1 ? tr("%1 a day").arg(countText((totals.pv + days / 2) / days)) : QString());
    m_uvCard->setValue(countText(totals.uv));
    m_uvCard->setNote(days > 1 ? tr("%1 a day").arg(countText((totals.uv + days / 2) / days)) : QString());
    m_payersCard->setValue(countText(totals.payers));
    m_payersCard->setNote(tr("Customers who ordered: %1").arg(countText(totals.buyers)));
    m_purchaseRateCard->setValue(StatsCharts::percentText(totals.purchaseRateBasisPoints()));
    m_purchaseRateCard->setNote(tr("Paying customers ÷ visitors"));
    m_paidOrdersCard->setValue(countText(totals.paidOrders));
    m_paidOrdersCard->setNote(tr("Placed: %1").arg(countText(totals.ordersPlaced)));
    m_averageOrderValueCard->setValue(StatsCharts::groupedYuanText(totals.averageOrderValueFen()));
    m_averageOrderValueCard->setNote(tr("Net turnover %1").arg(StatsCharts::groupedYuanText(totals.netFen())));
}

void StatisticsPage::showTrafficChart()
{
    QChart* chart = m_trafficChartView->chart();
    StatsCharts::clear(chart);
    if (!m_report)
        return;
    const QList<StatsCharts::Bucket> buckets = StatsCharts::bucketsOf(m_report->days);
    QList<qint64> pv;
    QList<qint64> uv;
    qint64 max = 0;
    for (const StatsCharts::Bucket& bucket : buckets) {
        pv.append(bucket.figures.pv);
        uv.append(bucket.figures.uv);
        max = std::max({max, bucket.figures.pv, bucket.figures.uv});
    }
    QLineSeries* pvSeries = StatsCharts::createLineSeries(tr("Page views"), pv, QStringLiteral("pvSeries"));
    QLineSeries* uvSeries = StatsCharts::createLineSeries(tr("Visitors"), uv, QStringLiteral("uvSeries"));
    showLines(chart, StatsCharts::labelsOf(buckets), {pvSeries, uvSeries}, StatsCharts::createCountAxis(max));
    auto tip = [buckets](int index) {
        const StatsCharts::Bucket& bucket = buckets.at(index);
        return tr("%1\nPage views %2\nVisitors %3")
            .arg(bucket.longLabel, countText(bucket.figures.pv), countText(bucket.figures.uv));
    };
    StatsCharts::addTooltips(m_trafficChartView, pvSeries, tip);
    StatsCharts::addTooltips(m_trafficChartView, uvSeries, tip);
}

void StatisticsPage::showConversionChart()
{
    QChart* chart = m_conversionChartView->chart();
    StatsCharts::clear(chart);
    if (!m_report)
        return;
    const QList<StatsCharts::Bucket> buckets = StatsCharts::bucketsOf(m_report->days);
    QList<qint64> rates; // basis points; a day without visitors has no rate and is drawn at 0
    QList<qint64> averages;
    qint64 maxRate = 0;
    qint64 maxAverage = 0;
    for (const StatsCharts::Bucket& bucket : buckets) {
        rates.append(bucket.figures.purchaseRateBasisPoints().value_or(0));
        averages.append(bucket.figures.averageOrderValueFen());
        maxRate = std::max(maxRate, rates.constLast());
        maxAverage = std::max(maxAverage, averages.constLast());
    }
    QLineSeries* rateSeries =
        StatsCharts::createLineSeries(tr("Purchase rate"), rates, QStringLiteral("purchaseRateSeries"));
    QLineSeries* averageSeries =
        StatsCharts::createLineSeries(tr("Average order value"), averages, QStringLiteral("averageOrderValueSeries"));
    showLines(chart, StatsCharts::labelsOf(buckets), {rateSeries}, StatsCharts::createPercentAxis(maxRate));
    StatsCharts::attachRight(chart, averageSeries, StatsCharts::createYuanAxis(0, maxAverage));
    auto tip = [buckets](int index) {
        const stats::DayFigures& figures = buckets.at(index).figures;
        return tr("%1\nPurchase rate %2 (%3 of %4 visitors paid)\nAverage order value %5")
            .arg(buckets.at(index).longLabel,
                 StatsCharts::percentText(figures.purchaseRateBasisPoints()),
                 countText(figures.payers),
                 countText(figures.uv),
                 StatsCharts::groupedYuanText(figures.averageOrderValueFen()));
    };
    StatsCharts::addTooltips(m_conversionChartView, rateSeries, tip);
    StatsCharts::addTooltips(m_conversionChartView, averageSeries, tip);
}

void StatisticsPage::showTopProducts(QTableWidget* table, const QList<stats::ProductFigures>& products)
{
    table->setRowCount(int(products.size()));
    for (int row = 0; row < products.size(); ++row) {
        const stats::ProductFigures& product = products.at(row);
        const QStringList cells{QString::number(row + 1),
                                product.productName,
                                countText(product.quantity),
                                StatsCharts::groupedYuanText(product.revenueFen)};
        for (int column = 0; column < TopColumnCount; ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, product.productId);
            if (column != ProductColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(row, column, item);
        }
    }
}

} // namespace xd
