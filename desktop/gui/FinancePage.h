#pragma once

#include "xiaodian/Stats.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>

class QChartView;
class QEvent;
class QImage;
class QLabel;
class QPushButton;
class QShowEvent;
class QTableWidget;

namespace xd {

class PeriodPicker;
class StatsService;

// The Finance module: the money of a period (today, yesterday, this week, this month, last month or a custom range)
// from the cache's rollups (StatsService): a totals table (turnover, refunds, net, paid orders, average order value,
// by payment method, recharge income), turnover by day as bars with the net as a line, the money received by
// payment method as a pie, and the report as CSV, print and PDF. Live: it reloads when new figures are synced.
class FinancePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FinancePage)

public:
    // The rows of the totals table, in order.
    enum TotalsRow {
        GrossRow,
        RefundRow,
        NetRow,
        PaidOrdersRow,
        RefundCountRow,
        AverageOrderValueRow,
        WechatRow,
        CodRow,
        BalanceRow,
        WechatRefundRow,
        CodRefundRow,
        BalanceRefundRow,
        RechargeRow,
        TotalsRowCount
    };

    // Questions and files go through these, so that tests can answer and observe them.
    struct Prompts
    {
        std::function<void(const QString& message)> warn;
        // A file to write; "" = cancelled.
        std::function<QString(const QString& caption, const QString& suggestedName, const QString& filter)>
            saveFileName;
        std::function<void()> printPreview;
    };

    explicit FinancePage(QWidget* parent = nullptr);
    ~FinancePage() override;

    // nullptr when signed out: the page is empty and disabled. The page does not own the service.
    void setService(StatsService* service);
    void setPrompts(Prompts prompts);
    // Printed at the top of the report.
    void setShopName(const QString& name) { m_shopName = name; }

    PeriodPicker* periodPicker() const { return m_periodPicker; }
    // The report shown; nothing when there is no service or the period is refused.
    const std::optional<stats::Report>& report() const { return m_report; }

public slots:
    void reload();
    void exportCsv();
    void exportPdf();
    void print();

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslateUi();
    void showReport();
    void showTotals();
    void showTurnoverChart();
    void showPaymentChart();
    QImage turnoverChartImage() const;

    QPointer<StatsService> m_service;
    std::optional<stats::Report> m_report;
    Prompts m_prompts;
    QString m_shopName;
    bool m_reloadPending = false;

    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    PeriodPicker* m_periodPicker = nullptr;
    QLabel* m_messageLabel = nullptr;
    QPushButton* m_printPushButton = nullptr;
    QPushButton* m_pdfPushButton = nullptr;
    QPushButton* m_csvPushButton = nullptr;
    QTableWidget* m_totalsTableWidget = nullptr;
    QChartView* m_turnoverChartView = nullptr;
    QChartView* m_paymentChartView = nullptr;
};

} // namespace xd
