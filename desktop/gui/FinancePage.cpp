#include "FinancePage.h"

#include "FinanceReport.h"
#include "OrderService.h"
#include "PageHeader.h"
#include "PeriodPicker.h"
#include "StatsCharts.h"
#include "StatsService.h"

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QMessageBox>
#include <QPieSeries>
#include <QPieSlice>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QShowEvent>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace xd {

namespace {

constexpr int DayCheckIntervalMs = 60'000;

QPushButton* actionButton(QWidget* parent, const char* name)
{
    auto* button = new QPushButton(parent);
    button->setObjectName(QLatin1String(name));
    return button;
}

// The share of `part` in `total` in basis points, rounded half up, from integers.
qint64 shareBasisPoints(qint64 part, qint64 total)
{
    return total > 0 ? (part * 10000 + total / 2) / total : 0;
}

QString figuresTip(const StatsCharts::Bucket& bucket)
{
    const stats::DayFigures& f = bucket.figures;
    return FinancePage::tr("%1\nTurnover: %2\nRefunds: %3\nNet: %4\nPaid orders: %5")
        .arg(bucket.longLabel,
             StatsCharts::groupedYuanText(f.grossFen),
             StatsCharts::groupedYuanText(f.refundFen),
             StatsCharts::groupedYuanText(f.netFen()))
        .arg(f.paidOrders);
}

} // namespace

FinancePage::FinancePage(QWidget* parent) : QWidget(parent)
{
    m_titleLabel = createPageTitleLabel(this);
    m_descriptionLabel = createPageDescriptionLabel(this);

    m_periodPicker = new PeriodPicker(this);
    m_periodPicker->setObjectName(QStringLiteral("periodPicker"));
    m_periodPicker->setChoices({PeriodPicker::Choice::Today,
                                PeriodPicker::Choice::Yesterday,
                                PeriodPicker::Choice::ThisWeek,
                                PeriodPicker::Choice::ThisMonth,
                                PeriodPicker::Choice::LastMonth});
    m_printPushButton = actionButton(this, "printPushButton");
    m_pdfPushButton = actionButton(this, "pdfPushButton");
    m_csvPushButton = actionButton(this, "csvPushButton");
    auto* toolLayout = new QHBoxLayout;
    toolLayout->addWidget(m_periodPicker, 1);
    toolLayout->addWidget(m_printPushButton);
    toolLayout->addWidget(m_pdfPushButton);
    toolLayout->addWidget(m_csvPushButton);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->hide();

    m_totalsTableWidget = new QTableWidget(TotalsRowCount, 2, this);
    m_totalsTableWidget->setObjectName(QStringLiteral("totalsTableWidget"));
    m_totalsTableWidget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_totalsTableWidget->setSelectionMode(QAbstractItemView::NoSelection);
    m_totalsTableWidget->setFocusPolicy(Qt::NoFocus);
    m_totalsTableWidget->setAlternatingRowColors(true);
    m_totalsTableWidget->setShowGrid(false);
    m_totalsTableWidget->verticalHeader()->hide();
    m_totalsTableWidget->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_totalsTableWidget->horizontalHeader()->setHighlightSections(false);
    m_totalsTableWidget->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_totalsTableWidget->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_totalsTableWidget->verticalHeader()->setDefaultSectionSize(m_totalsTableWidget->fontMetrics().height() + 8);
    m_totalsTableWidget->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_totalsTableWidget->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_totalsTableWidget->setFixedWidth(340);
    for (int row = 0; row < TotalsRowCount; ++row) {
        auto* label = new QTableWidgetItem;
        auto* value = new QTableWidgetItem(QStringLiteral("–"));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (row == GrossRow || row == NetRow) {
            QFont bold = m_totalsTableWidget->font();
            bold.setBold(true);
            label->setFont(bold);
            value->setFont(bold);
        }
        m_totalsTableWidget->setItem(row, 0, label);
        m_totalsTableWidget->setItem(row, 1, value);
    }

    m_turnoverChartView = StatsCharts::createChartView(QStringLiteral("turnoverChartView"), this);
    m_paymentChartView = StatsCharts::createChartView(QStringLiteral("paymentChartView"), this);
    m_paymentChartView->setMinimumHeight(200);
    // Left: the totals, as tall as their rows, and the methods' pie under them; right: the turnover chart.
    auto* leftLayout = new QVBoxLayout;
    leftLayout->addWidget(m_totalsTableWidget);
    leftLayout->addWidget(m_paymentChartView, 1);
    auto* bodyLayout = new QHBoxLayout;
    bodyLayout->addLayout(leftLayout);
    bodyLayout->addWidget(m_turnoverChartView, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(8);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_descriptionLabel);
    layout->addLayout(toolLayout);
    layout->addWidget(m_messageLabel);
    layout->addLayout(bodyLayout, 1);

    connect(m_periodPicker, &PeriodPicker::periodChanged, this, &FinancePage::reload);
    // The presets are relative to the shop's today: at its midnight they move on even when no figure changed.
    auto* dayTimer = new QTimer(this);
    dayTimer->setObjectName(QStringLiteral("dayTimer"));
    dayTimer->setInterval(DayCheckIntervalMs);
    connect(dayTimer, &QTimer::timeout, this, [this] {
        if (m_service && m_service->today() != m_periodPicker->today())
            reload();
    });
    dayTimer->start();
    connect(m_printPushButton, &QPushButton::clicked, this, &FinancePage::print);
    connect(m_pdfPushButton, &QPushButton::clicked, this, &FinancePage::exportPdf);
    connect(m_csvPushButton, &QPushButton::clicked, this, &FinancePage::exportCsv);

    m_prompts.warn = [this](const QString& message) {
        QMessageBox::warning(this, tr("Finance"), message);
    };
    m_prompts.saveFileName = [this](const QString& caption, const QString& suggested, const QString& filter) {
        return QFileDialog::getSaveFileName(this, caption, suggested, filter);
    };
    m_prompts.printPreview = [this] {
        if (!m_report)
            return;
        QPrinter printer(QPrinter::HighResolution);
        printer.setDocName(tr("Finance report %1").arg(FinanceReport::periodText(m_report->period)));
        QPrintPreviewDialog preview(&printer, this);
        preview.setObjectName(QStringLiteral("printPreviewDialog"));
        const stats::Report shown = *m_report;
        const QImage chart = turnoverChartImage();
        connect(&preview, &QPrintPreviewDialog::paintRequested, this, [this, shown, chart](QPrinter* target) {
            FinanceReport::render(shown, m_shopName, chart, *target);
        });
        preview.exec();
    };

    retranslateUi();
    setService(nullptr);
}

FinancePage::~FinancePage() = default;

void FinancePage::setService(StatsService* service)
{
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    if (m_service) {
        connect(m_service, &StatsService::changed, this, [this] {
            // Figures synced while the page is hidden are shown when it is opened.
            if (isVisible())
                reload();
            else
                m_reloadPending = true;
        });
    }
    setEnabled(service != nullptr);
    reload();
}

void FinancePage::setPrompts(Prompts prompts)
{
    if (prompts.warn)
        m_prompts.warn = std::move(prompts.warn);
    if (prompts.saveFileName)
        m_prompts.saveFileName = std::move(prompts.saveFileName);
    if (prompts.printPreview)
        m_prompts.printPreview = std::move(prompts.printPreview);
}

void FinancePage::reload()
{
    m_reloadPending = false;
    m_report.reset();
    QString message;
    if (m_service) {
        {
            // A new day moves the presets; this reload shows it already.
            const QSignalBlocker blocker(m_periodPicker);
            m_periodPicker->setToday(m_service->today());
        }
        // A refused custom range is explained next to its dates (the picker's range label).
        if (const auto period = m_periodPicker->period()) {
            auto built = m_service->report(*period);
            if (built)
                m_report = std::move(*built);
            else
                message = built.error().message;
        }
    }
    m_messageLabel->setText(message);
    m_messageLabel->setVisible(!message.isEmpty());
    showReport();
}

void FinancePage::showReport()
{
    showTotals();
    showTurnoverChart();
    showPaymentChart();
    const bool hasReport = m_report.has_value();
    m_printPushButton->setEnabled(hasReport);
    m_pdfPushButton->setEnabled(hasReport);
    m_csvPushButton->setEnabled(hasReport);
}

void FinancePage::showTotals()
{
    auto set = [this](int row, const QString& text) {
        m_totalsTableWidget->item(row, 1)->setText(text);
    };
    if (!m_report) {
        for (int row = 0; row < TotalsRowCount; ++row)
            set(row, QStringLiteral("–"));
        return;
    }
    const stats::DayFigures& t = m_report->totals;
    set(GrossRow, StatsCharts::groupedYuanText(t.grossFen));
    set(RefundRow, StatsCharts::groupedYuanText(t.refundFen));
    set(NetRow, StatsCharts::groupedYuanText(t.netFen()));
    set(PaidOrdersRow, QLocale().toString(t.paidOrders));
    set(RefundCountRow, QLocale().toString(t.refundCount));
    set(AverageOrderValueRow, StatsCharts::groupedYuanText(t.averageOrderValueFen()));
    set(WechatRow, StatsCharts::groupedYuanText(t.grossWechatFen));
    set(CodRow, StatsCharts::groupedYuanText(t.grossCodFen));
    set(BalanceRow, StatsCharts::groupedYuanText(t.grossBalanceFen));
    set(WechatRefundRow, StatsCharts::groupedYuanText(t.refundWechatFen));
    set(CodRefundRow, StatsCharts::groupedYuanText(t.refundCodFen));
    set(BalanceRefundRow, StatsCharts::groupedYuanText(t.refundBalanceFen));
    set(RechargeRow, StatsCharts::groupedYuanText(t.rechargeFen));
}

void FinancePage::showTurnoverChart()
{
    QChart* chart = m_turnoverChartView->chart();
    StatsCharts::clear(chart);
    if (!m_report) {
        chart->setTitle(QString());
        return;
    }
    const QList<StatsCharts::Bucket> buckets = StatsCharts::bucketsOf(m_report->days);
    const bool byMonth = !buckets.isEmpty() && buckets.constFirst().first != buckets.constFirst().last;
    chart->setTitle(byMonth ? tr("Turnover by month") : tr("Turnover by day"));
    QList<qint64> gross;
    QList<qint64> net;
    qint64 low = 0;
    qint64 high = 0;
    for (const StatsCharts::Bucket& bucket : buckets) {
        gross.append(bucket.figures.grossFen);
        net.append(bucket.figures.netFen());
        low = std::min({low, bucket.figures.grossFen, bucket.figures.netFen()});
        high = std::max({high, bucket.figures.grossFen, bucket.figures.netFen()});
    }
    auto* bars = new QBarSeries;
    bars->setObjectName(QStringLiteral("grossBarSeries"));
    bars->append(StatsCharts::createBarSet(tr("Turnover"), gross, QStringLiteral("grossBarSet")));
    QLineSeries* line = StatsCharts::createLineSeries(tr("Net"), net, QStringLiteral("netLineSeries"));
    StatsCharts::showOnCategories(
        chart, StatsCharts::labelsOf(buckets), {bars, line}, StatsCharts::createYuanAxis(low, high));
    StatsCharts::addTooltips(m_turnoverChartView, bars, [buckets](QBarSet*, int index) {
        return index >= 0 && index < buckets.size() ? figuresTip(buckets.at(index)) : QString();
    });
    StatsCharts::addTooltips(m_turnoverChartView, line, [buckets](int index) {
        return index < buckets.size() ? figuresTip(buckets.at(index)) : QString();
    });
}

void FinancePage::showPaymentChart()
{
    QChart* chart = m_paymentChartView->chart();
    StatsCharts::clear(chart);
    if (!m_report) {
        chart->setTitle(QString());
        return;
    }
    const stats::DayFigures& t = m_report->totals;
    const qint64 total = t.grossWechatFen + t.grossCodFen + t.grossBalanceFen;
    chart->setTitle(total > 0 ? tr("Received by payment method") : tr("No money received in this period"));
    auto* pie = new QPieSeries;
    pie->setObjectName(QStringLiteral("paymentPieSeries"));
    pie->setHoleSize(0.35);
    pie->setPieSize(0.8);
    for (const auto& [method, fen, name] :
         {std::tuple{QStringLiteral("wechat_pay"), t.grossWechatFen, "wechatPaySlice"},
          std::tuple{QStringLiteral("cash_on_delivery"), t.grossCodFen, "codSlice"},
          std::tuple{QStringLiteral("balance"), t.grossBalanceFen, "balanceSlice"}}) {
        if (fen <= 0)
            continue;
        // The legend has room for the method and its share; the tooltip adds the amount.
        const QString share = StatsCharts::percentText(shareBasisPoints(fen, total));
        auto* slice =
            new QPieSlice(QStringLiteral("%1 %2").arg(OrderService::paymentMethodText(method), share), qreal(fen));
        slice->setProperty("tooltip",
                           QStringLiteral("%1\n%2 (%3)")
                               .arg(OrderService::paymentMethodText(method), StatsCharts::groupedYuanText(fen), share));
        slice->setObjectName(QLatin1String(name));
        pie->append(slice);
    }
    chart->addSeries(pie);
    StatsCharts::addTooltips(
        m_paymentChartView, pie, [](QPieSlice* slice) { return slice->property("tooltip").toString(); });
}

QImage FinancePage::turnoverChartImage() const
{
    return StatsCharts::paperImage(m_turnoverChartView);
}

void FinancePage::exportCsv()
{
    if (!m_report)
        return;
    const QString period =
        FinanceReport::periodText(m_report->period).replace(QStringLiteral(" – "), QStringLiteral("_"));
    const QString path = m_prompts.saveFileName(
        tr("Export finance report as CSV"), tr("finance-%1.csv").arg(period), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const Status written = FinanceReport::writeCsv(*m_report, path); !written)
        m_prompts.warn(written.error().message);
}

void FinancePage::exportPdf()
{
    if (!m_report)
        return;
    const QString period =
        FinanceReport::periodText(m_report->period).replace(QStringLiteral(" – "), QStringLiteral("_"));
    const QString path = m_prompts.saveFileName(
        tr("Export finance report as PDF"), tr("finance-%1.pdf").arg(period), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (const Status written = FinanceReport::exportPdf(*m_report, m_shopName, turnoverChartImage(), path); !written)
        m_prompts.warn(written.error().message);
}

void FinancePage::print()
{
    if (m_report)
        m_prompts.printPreview();
}

void FinancePage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void FinancePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_reloadPending)
        reload();
}

void FinancePage::retranslateUi()
{
    m_titleLabel->setText(tr("Finance"));
    m_descriptionLabel->setText(tr("The money of a period: turnover (payments received and cash collected), refunds "
                                   "and net turnover, by day and by payment method. Figures are counted on the "
                                   "shop's local day the money moved."));
    m_printPushButton->setText(tr("&Print…"));
    m_pdfPushButton->setText(tr("Export P&DF…"));
    m_csvPushButton->setText(tr("Export &CSV…"));
    m_csvPushButton->setToolTip(tr("One row per day and a total row, amounts in yuan, for Excel"));
    const QString wechat = OrderService::paymentMethodText(QStringLiteral("wechat_pay"));
    const QString cod = OrderService::paymentMethodText(QStringLiteral("cash_on_delivery"));
    const QString balance = OrderService::paymentMethodText(QStringLiteral("balance"));
    const QStringList labels{tr("Turnover"),
                             tr("Refunds"),
                             tr("Net turnover"),
                             tr("Paid orders"),
                             tr("Refunds (count)"),
                             tr("Average order value"),
                             tr("%1 received").arg(wechat),
                             tr("%1 received").arg(cod),
                             tr("%1 received").arg(balance),
                             tr("%1 refunded").arg(wechat),
                             tr("%1 refunded").arg(cod),
                             tr("%1 refunded").arg(balance),
                             tr("Recharge income")};
    for (int row = 0; row < TotalsRowCount; ++row)
        m_totalsTableWidget->item(row, 0)->setText(labels.at(row));
    m_totalsTableWidget->setHorizontalHeaderLabels({tr("Figure"), tr("Amount")});
    m_totalsTableWidget->setAccessibleName(tr("Totals"));
    m_totalsTableWidget->setFixedHeight(m_totalsTableWidget->horizontalHeader()->sizeHint().height() +
                                        TotalsRowCount * m_totalsTableWidget->verticalHeader()->defaultSectionSize() +
                                        2 * m_totalsTableWidget->frameWidth() + 2);
    if (m_report)
        showReport(); // chart titles, series names and slice labels
}

} // namespace xd
