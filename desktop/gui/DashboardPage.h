#pragma once

#include "xiaodian/Stats.h"

#include <QPointer>
#include <QWidget>

class QChartView;
class QEvent;
class QGroupBox;
class QLabel;
class QPushButton;
class QTimer;

namespace xd {

class FigureCard;
class OrderService;
class StatsService;

// The Dashboard module: today against yesterday (turnover, paid orders, visitors, purchase rate, average order
// value) from the StatsService, the last 30 days as a chart (turnover bars, paid orders line), and the orders
// waiting for the merchant from the OrderService, each count a button that opens the Orders module on them. All of
// it is read from the cache, so it works offline, and follows the services' change signals live; "today" is the
// shop's local day and moves at its midnight.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    static constexpr int ChartDays = 30;
    // The order states behind the waiting buttons (the first state of each Orders tab they open).
    static constexpr const char* ToAcceptState = "paid";
    static constexpr const char* ToShipState = "accepted";
    static constexpr const char* RefundRequestedState = "refund_requested";

    explicit DashboardPage(QWidget* parent = nullptr);
    ~DashboardPage() override;

    // nullptr when signed out (the page is then empty and disabled). The page owns neither service.
    void setService(StatsService* service);
    void setOrderService(OrderService* orders);

    QChartView* chartView() const { return m_chartView; }
    // The day the cards show as "today" (invalid when signed out).
    QDate shownDay() const { return m_shownDay; }

signals:
    // A waiting-orders button was clicked: show the Orders module on this state (wire name).
    void openOrdersRequested(const QString& state);

public slots:
    void reload();
    void reloadFigures();
    void reloadOrders();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void showReport();
    void showFigures(const stats::DayFigures& today, const stats::DayFigures& yesterday);
    void showChart(const QList<stats::DayFigures>& days);
    void showWaiting();

    QPointer<StatsService> m_service;
    QPointer<OrderService> m_orders;
    QDate m_shownDay;
    std::optional<stats::Report> m_report; // the last 30 days, today last
    QString m_problem;                     // why there are no figures (a cache error)
    int m_toAccept = -1;                   // -1: unknown (signed out or a cache error)
    int m_toShip = -1;
    int m_refundRequests = -1;
    QTimer* m_ordersTimer = nullptr;
    QTimer* m_dayTimer = nullptr;

    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QLabel* m_dayLabel = nullptr;
    FigureCard* m_turnoverCard = nullptr;
    FigureCard* m_ordersCard = nullptr;
    FigureCard* m_visitorsCard = nullptr;
    FigureCard* m_purchaseRateCard = nullptr;
    FigureCard* m_averageOrderValueCard = nullptr;
    QLabel* m_chartTitleLabel = nullptr;
    QChartView* m_chartView = nullptr;
    QGroupBox* m_waitingGroupBox = nullptr;
    QPushButton* m_toAcceptPushButton = nullptr;
    QPushButton* m_toShipPushButton = nullptr;
    QPushButton* m_refundRequestsPushButton = nullptr;
};

} // namespace xd
