#include "DashboardPage.h"

#include "FigureCard.h"
#include "OrderService.h"
#include "PageHeader.h"
#include "StatsCharts.h"
#include "StatsService.h"

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace xd {

namespace {

constexpr int OrdersReloadDelayMs = 100;
constexpr int DayCheckIntervalMs = 60'000;

QString countText(qint64 count)
{
    return QLocale().toString(count);
}

// Half away from zero, like every ratio in the figures.
qint64 roundedRatio(qint64 numerator, qint64 denominator)
{
    const bool negative = (numerator < 0) != (denominator < 0);
    const qint64 n = numerator < 0 ? -numerator : numerator;
    const qint64 d = denominator < 0 ? -denominator : denominator;
    const qint64 q = (2 * n + d) / (2 * d);
    return negative ? -q : q;
}

FigureCard::Trend trendOf(qint64 delta)
{
    return delta > 0 ? FigureCard::Trend::Up : delta < 0 ? FigureCard::Trend::Down : FigureCard::Trend::None;
}

QString arrow(qint64 delta)
{
    return delta > 0 ? QStringLiteral("▲ ") : delta < 0 ? QStringLiteral("▼ ") : QString();
}

} // namespace

DashboardPage::DashboardPage(QWidget* parent) : QWidget(parent)
{
    m_titleLabel = createPageTitleLabel(this);
    m_descriptionLabel = createPageDescriptionLabel(this);
    m_dayLabel = new QLabel(this);
    m_dayLabel->setObjectName(QStringLiteral("dayLabel"));

    m_turnoverCard = new FigureCard(QStringLiteral("turnover"), this);
    m_ordersCard = new FigureCard(QStringLiteral("orders"), this);
    m_visitorsCard = new FigureCard(QStringLiteral("visitors"), this);
    m_purchaseRateCard = new FigureCard(QStringLiteral("purchaseRate"), this);
    m_averageOrderValueCard = new FigureCard(QStringLiteral("averageOrderValue"), this);
    auto* cardsLayout = new QHBoxLayout;
    for (FigureCard* card : {m_turnoverCard, m_ordersCard, m_visitorsCard, m_purchaseRateCard, m_averageOrderValueCard})
        cardsLayout->addWidget(card, 1);

    m_chartTitleLabel = new QLabel(this);
    m_chartTitleLabel->setObjectName(QStringLiteral("chartTitleLabel"));
    QFont headingFont = m_chartTitleLabel->font();
    headingFont.setBold(true);
    m_chartTitleLabel->setFont(headingFont);
    m_chartView = StatsCharts::createChartView(QStringLiteral("last30DaysChartView"), this);

    m_waitingGroupBox = new QGroupBox(this);
    m_waitingGroupBox->setObjectName(QStringLiteral("waitingGroupBox"));
    auto makeButton = [this](const char* name, const char* state) {
        auto* button = new QPushButton(m_waitingGroupBox);
        button->setObjectName(QLatin1String(name));
        button->setMinimumHeight(48);
        QFont font = button->font();
        font.setPointSizeF(font.pointSizeF() * 1.15);
        button->setFont(font);
        connect(button, &QPushButton::clicked, this, [this, state] { emit openOrdersRequested(QLatin1String(state)); });
        return button;
    };
    m_toAcceptPushButton = makeButton("toAcceptPushButton", ToAcceptState);
    m_toShipPushButton = makeButton("toShipPushButton", ToShipState);
    m_refundRequestsPushButton = makeButton("refundRequestsPushButton", RefundRequestedState);
    auto* waitingLayout = new QVBoxLayout(m_waitingGroupBox);
    waitingLayout->addWidget(m_toAcceptPushButton);
    waitingLayout->addWidget(m_toShipPushButton);
    waitingLayout->addWidget(m_refundRequestsPushButton);

    auto* chartLayout = new QVBoxLayout;
    chartLayout->addWidget(m_chartTitleLabel);
    chartLayout->addWidget(m_chartView, 1);
    auto* waitingColumnLayout = new QVBoxLayout;
    waitingColumnLayout->addWidget(m_waitingGroupBox);
    waitingColumnLayout->addStretch(1);
    auto* lowerLayout = new QHBoxLayout;
    lowerLayout->addLayout(chartLayout, 1);
    lowerLayout->addLayout(waitingColumnLayout);
    m_waitingGroupBox->setMinimumWidth(220);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_descriptionLabel);
    layout->addWidget(m_dayLabel);
    layout->addLayout(cardsLayout);
    layout->addSpacing(8);
    layout->addLayout(lowerLayout, 1);

    // A burst of order changes (a pull) recounts once.
    m_ordersTimer = new QTimer(this);
    m_ordersTimer->setSingleShot(true);
    m_ordersTimer->setInterval(OrdersReloadDelayMs);
    connect(m_ordersTimer, &QTimer::timeout, this, &DashboardPage::reloadOrders);
    // "Today" is the shop's day: at its midnight the cards move on even when no figure changed.
    m_dayTimer = new QTimer(this);
    m_dayTimer->setInterval(DayCheckIntervalMs);
    connect(m_dayTimer, &QTimer::timeout, this, [this] {
        if (m_service && m_service->today() != m_shownDay)
            reloadFigures();
    });
    m_dayTimer->start();

    retranslateUi();
    setService(nullptr);
    setOrderService(nullptr);
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::setService(StatsService* service)
{
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    if (m_service)
        connect(m_service, &StatsService::changed, this, &DashboardPage::reloadFigures);
    setEnabled(m_service != nullptr);
    reloadFigures();
}

void DashboardPage::setOrderService(OrderService* orders)
{
    if (m_orders)
        disconnect(m_orders, nullptr, this, nullptr);
    m_orders = orders;
    if (m_orders)
        connect(m_orders, &OrderService::ordersChanged, m_ordersTimer, qOverload<>(&QTimer::start));
    reloadOrders();
}

void DashboardPage::reload()
{
    reloadFigures();
    reloadOrders();
}

void DashboardPage::reloadFigures()
{
    m_report.reset();
    m_problem.clear();
    m_shownDay = QDate();
    if (m_service) {
        m_shownDay = m_service->today();
        // One report: its last two days are today and yesterday.
        auto report = m_service->report(stats::Period{m_shownDay.addDays(-(ChartDays - 1)), m_shownDay});
        if (report)
            m_report = *report;
        else
            m_problem = report.error().message;
    }
    showReport();
}

void DashboardPage::showReport()
{
    const qsizetype days = m_report ? m_report->days.size() : 0;
    showFigures(days >= 1 ? m_report->days.at(days - 1) : stats::DayFigures{},
                days >= 2 ? m_report->days.at(days - 2) : stats::DayFigures{});
    showChart(m_report ? m_report->days : QList<stats::DayFigures>{});
}

void DashboardPage::reloadOrders()
{
    m_ordersTimer->stop();
    m_toAccept = m_toShip = m_refundRequests = -1;
    if (m_orders) {
        auto countOf = [this](const QStringList& states) {
            OrderQuery query;
            query.states = states;
            const auto count = m_orders->count(query);
            return count ? *count : -1;
        };
        m_toAccept = countOf({QStringLiteral("paid"), QStringLiteral("cod_placed")});
        m_toShip = countOf({QStringLiteral("accepted")});
        m_refundRequests = countOf({QStringLiteral("refund_requested")});
    }
    showWaiting();
}

void DashboardPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DashboardPage::retranslateUi()
{
    m_titleLabel->setText(tr("Dashboard"));
    m_descriptionLabel->setText(tr("Today at a glance, compared with yesterday, from this computer's copy of the "
                                   "shop's figures (updated with every sync)."));
    m_turnoverCard->setCaption(tr("Turnover"));
    m_ordersCard->setCaption(tr("Paid orders"));
    m_visitorsCard->setCaption(tr("Visitors"));
    m_purchaseRateCard->setCaption(tr("Purchase rate"));
    m_averageOrderValueCard->setCaption(tr("Average order value"));
    m_turnoverCard->setToolTip(tr("Money received today (online payments and cash collected), before refunds."));
    m_ordersCard->setToolTip(tr("Orders whose money was received today."));
    m_visitorsCard->setToolTip(tr("Distinct visitors of the mini-program today."));
    m_purchaseRateCard->setToolTip(tr("Paying customers per visitor."));
    m_averageOrderValueCard->setToolTip(tr("Net turnover (after refunds) per paid order."));
    m_chartTitleLabel->setText(tr("Last %1 days").arg(ChartDays));
    m_waitingGroupBox->setTitle(tr("Orders waiting for you"));
    m_toAcceptPushButton->setToolTip(tr("Paid orders and cash-on-delivery orders to accept"));
    m_toShipPushButton->setToolTip(tr("Accepted orders to ship or hand over"));
    m_refundRequestsPushButton->setToolTip(tr("Customers asking for their money back"));
    showReport(); // dates and words in the new language
    showWaiting();
}

void DashboardPage::showFigures(const stats::DayFigures& today, const stats::DayFigures& yesterday)
{
    const bool known = m_report.has_value();
    if (!m_shownDay.isValid())
        m_dayLabel->setText(tr("Sign in to see the shop's figures."));
    else if (!m_problem.isEmpty())
        m_dayLabel->setText(tr("The figures cannot be read: %1").arg(m_problem));
    else
        m_dayLabel->setText(tr("Today, %1").arg(QLocale().toString(m_shownDay, QLocale::LongFormat)));

    const QString unknown = QStringLiteral("–");
    // Counts and money: the relative change, rounded to 0.01%; from nothing, only the direction.
    auto compare = [&](FigureCard* card, qint64 now, qint64 before, const QString& beforeText) {
        if (!known)
            return card->setComparison(QString(), QString(), FigureCard::Trend::None);
        const qint64 delta = now - before;
        QString deltaText;
        if (delta == 0)
            deltaText = tr("unchanged");
        else if (before == 0)
            deltaText = arrow(delta).trimmed();
        else
            deltaText = arrow(delta) + StatsCharts::percentText(roundedRatio(std::abs(delta) * 10000, before));
        card->setComparison(tr("Yesterday %1").arg(beforeText), deltaText, trendOf(delta));
    };

    m_turnoverCard->setValue(known ? StatsCharts::groupedYuanText(today.grossFen) : unknown);
    m_turnoverCard->setNote(
        known ? tr("Net %1 (refunds %2)")
                    .arg(StatsCharts::groupedYuanText(today.netFen()), StatsCharts::groupedYuanText(today.refundFen))
              : QString());
    compare(m_turnoverCard, today.grossFen, yesterday.grossFen, StatsCharts::groupedYuanText(yesterday.grossFen));

    m_ordersCard->setValue(known ? countText(today.paidOrders) : unknown);
    m_ordersCard->setNote(known ? tr("Placed today: %1").arg(countText(today.ordersPlaced)) : QString());
    compare(m_ordersCard, today.paidOrders, yesterday.paidOrders, countText(yesterday.paidOrders));

    m_visitorsCard->setValue(known ? countText(today.uv) : unknown);
    m_visitorsCard->setNote(known ? tr("Page views: %1").arg(countText(today.pv)) : QString());
    compare(m_visitorsCard, today.uv, yesterday.uv, countText(yesterday.uv));

    // A rate is compared in percentage points, and only when both days had visitors.
    const auto rate = today.purchaseRateBasisPoints();
    const auto rateBefore = yesterday.purchaseRateBasisPoints();
    m_purchaseRateCard->setValue(known ? StatsCharts::percentText(rate) : unknown);
    m_purchaseRateCard->setNote(known ? tr("Paying customers: %1").arg(countText(today.payers)) : QString());
    if (!known) {
        m_purchaseRateCard->setComparison(QString(), QString(), FigureCard::Trend::None);
    } else if (!rate || !rateBefore) {
        m_purchaseRateCard->setComparison(
            tr("Yesterday %1").arg(StatsCharts::percentText(rateBefore)), QString(), FigureCard::Trend::None);
    } else {
        const qint64 delta = *rate - *rateBefore;
        const QString points = StatsCharts::percentText(std::abs(delta)).chopped(1); // "1.20" of "1.20%"
        m_purchaseRateCard->setComparison(tr("Yesterday %1").arg(StatsCharts::percentText(rateBefore)),
                                          delta == 0 ? tr("unchanged") : arrow(delta) + tr("%1 pp").arg(points),
                                          trendOf(delta));
    }

    const qint64 aov = today.averageOrderValueFen();
    const qint64 aovBefore = yesterday.averageOrderValueFen();
    m_averageOrderValueCard->setValue(known ? StatsCharts::groupedYuanText(aov) : unknown);
    m_averageOrderValueCard->setNote(known ? tr("Net turnover ÷ paid orders") : QString());
    compare(m_averageOrderValueCard, aov, aovBefore, StatsCharts::groupedYuanText(aovBefore));
}

void DashboardPage::showChart(const QList<stats::DayFigures>& days)
{
    QChart* chart = m_chartView->chart();
    StatsCharts::clear(chart);
    if (days.isEmpty())
        return;
    const QList<StatsCharts::Bucket> buckets = StatsCharts::bucketsOf(days);
    QList<qint64> gross;
    QList<qint64> paidOrders;
    qint64 maxGross = 0;
    qint64 maxOrders = 0;
    for (const StatsCharts::Bucket& bucket : buckets) {
        gross.append(bucket.figures.grossFen);
        paidOrders.append(bucket.figures.paidOrders);
        maxGross = std::max(maxGross, bucket.figures.grossFen);
        maxOrders = std::max(maxOrders, bucket.figures.paidOrders);
    }
    auto* bars = new QBarSeries;
    bars->setObjectName(QStringLiteral("turnoverBarSeries"));
    bars->append(StatsCharts::createBarSet(tr("Turnover"), gross, QStringLiteral("turnoverBarSet")));
    bars->setBarWidth(0.7);
    QLineSeries* orders =
        StatsCharts::createLineSeries(tr("Paid orders"), paidOrders, QStringLiteral("paidOrdersSeries"));
    StatsCharts::showOnCategories(
        chart, StatsCharts::labelsOf(buckets), {bars}, StatsCharts::createYuanAxis(0, maxGross));
    StatsCharts::attachRight(chart, orders, StatsCharts::createCountAxis(maxOrders));

    auto tip = [this, buckets](int index) {
        if (index < 0 || index >= buckets.size())
            return QString();
        const StatsCharts::Bucket& bucket = buckets.at(index);
        return tr("%1\nTurnover %2\nNet %3\nPaid orders %4")
            .arg(bucket.longLabel,
                 StatsCharts::groupedYuanText(bucket.figures.grossFen),
                 StatsCharts::groupedYuanText(bucket.figures.netFen()),
                 countText(bucket.figures.paidOrders));
    };
    StatsCharts::addTooltips(m_chartView, bars, [tip](QBarSet*, int index) { return tip(index); });
    StatsCharts::addTooltips(m_chartView, orders, tip);
}

void DashboardPage::showWaiting()
{
    auto text = [](const QString& what, int count) {
        return count < 0 ? what : QStringLiteral("%1  %2").arg(what, countText(count));
    };
    m_toAcceptPushButton->setText(text(tr("To accept"), m_toAccept));
    m_toShipPushButton->setText(text(tr("To ship"), m_toShip));
    m_refundRequestsPushButton->setText(text(tr("Refund requests"), m_refundRequests));
    m_waitingGroupBox->setEnabled(m_orders != nullptr);
}

} // namespace xd
