#pragma once

#include "xiaodian/Stats.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QChartView;
class QEvent;
class QLabel;
class QTableWidget;
class QTimer;

namespace xd {

class FigureCard;
class PeriodPicker;
class StatsService;

// The Statistics module: for a period (PeriodPicker) the visitors and what they did -- page views and visitors per
// day, purchase rate and average order value per day (by month in long periods), the period's totals, and the top
// products by quantity and by revenue. Read from the cache through the StatsService, live on its changed() signal.
class StatisticsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatisticsPage)

public:
    static constexpr int TopProducts = 10;
    enum TopColumn { RankColumn, ProductColumn, QuantityColumn, RevenueColumn, TopColumnCount };

    explicit StatisticsPage(QWidget* parent = nullptr);
    ~StatisticsPage() override;

    // nullptr when signed out (the page is then empty and disabled). The page does not own the service.
    void setService(StatsService* service);

    PeriodPicker* periodPicker() const { return m_periodPicker; }
    QChartView* trafficChartView() const { return m_trafficChartView; }
    QChartView* conversionChartView() const { return m_conversionChartView; }
    QTableWidget* topByQuantityTable() const { return m_topByQuantityTableWidget; }
    QTableWidget* topByRevenueTable() const { return m_topByRevenueTableWidget; }
    // The report shown (none when signed out or the period is refused).
    const std::optional<stats::Report>& report() const { return m_report; }

public slots:
    void reload();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void showReport();
    void showCards();
    void showTrafficChart();
    void showConversionChart();
    void showTopProducts(QTableWidget* table, const QList<stats::ProductFigures>& products);

    QPointer<StatsService> m_service;
    std::optional<stats::Report> m_report;
    QTimer* m_dayTimer = nullptr;

    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    PeriodPicker* m_periodPicker = nullptr;
    QLabel* m_messageLabel = nullptr;
    FigureCard* m_pvCard = nullptr;
    FigureCard* m_uvCard = nullptr;
    FigureCard* m_payersCard = nullptr;
    FigureCard* m_purchaseRateCard = nullptr;
    FigureCard* m_paidOrdersCard = nullptr;
    FigureCard* m_averageOrderValueCard = nullptr;
    QLabel* m_trafficTitleLabel = nullptr;
    QChartView* m_trafficChartView = nullptr;
    QLabel* m_conversionTitleLabel = nullptr;
    QChartView* m_conversionChartView = nullptr;
    QLabel* m_topByQuantityTitleLabel = nullptr;
    QTableWidget* m_topByQuantityTableWidget = nullptr;
    QLabel* m_topByRevenueTitleLabel = nullptr;
    QTableWidget* m_topByRevenueTableWidget = nullptr;
};

} // namespace xd
