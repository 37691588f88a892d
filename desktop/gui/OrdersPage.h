#pragma once

#include "OrderService.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialog;
class QEvent;
class QLabel;
class QLineEdit;
class QPushButton;
class QShowEvent;
class QSystemTrayIcon;
class QTabBar;
class QTableView;
class QTextBrowser;
class QTimer;

namespace xd {

class OrderTableModel;

// The Orders module: the shop's orders in a paged table with state tabs, a placed-date range, fulfilment and payment
// filters and a search (number, phone, customer); the selected order's detail (items, custom fields, amounts,
// history); the actions the state machine and the staff member's role allow, queued through the OrderService (so
// they work offline); batch accept and ship; printing, PDF and CSV export. A sync that brings a new order beeps and
// shows a tray message, each switchable off here (QSettings "orders/alertSound", "orders/alertTray").
class OrdersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPage)

public:
    // Questions, files and alerts go through these, so that tests can answer and observe them.
    struct Prompts
    {
        std::function<void(const QString& message)> warn;
        // Runs one of the order dialogs; true when the user confirmed.
        std::function<bool(QDialog& dialog)> runDialog;
        // A file to write; "" = cancelled.
        std::function<QString(const QString& caption, const QString& suggestedName, const QString& filter)>
            saveFileName;
        std::function<void(const Order& order)> printPreview;
        std::function<void()> beep;
        std::function<void(const QString& title, const QString& message)> notify;
    };

    explicit OrdersPage(QWidget* parent = nullptr);
    ~OrdersPage() override;

    // nullptr when signed out. The page does not own the service.
    void setService(OrderService* service);
    void setPrompts(Prompts prompts);
    // Printed at the top of receipts.
    void setShopName(const QString& name) { m_shopName = name; }

    OrderTableModel* model() const { return m_model; }
    QTableView* tableView() const { return m_ordersTableView; }
    QString currentOrderId() const;
    QStringList selectedOrderIds() const;
    void selectOrder(const QString& id);
    // Shows the state tab that lists orders in `state` (wire name), e.g. from the dashboard; false when none does.
    bool showState(const QString& state);
    // The filter the page shows (for tests and the CSV export).
    OrderQuery query() const;

public slots:
    void reload();
    void acceptSelected();
    void shipSelected();
    void readyForPickupSelected();
    void startServiceSelected();
    void completeSelected();
    void markCollectedSelected();
    void cancelSelected();
    void refundSelected();
    void rejectRefundSelected();
    void remarkSelected();
    void printSelected();
    void exportPdfSelected();
    void exportCsv();

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private slots:
    void scheduleReload();
    void applyFilter();
    void updateActions();
    void onOrdersArrived(const QStringList& ids);

private:
    void retranslateUi();
    void report(const Status& status);
    std::optional<Order> currentOrder() const;
    QList<Order> selectedOrders() const;
    void afterQueued(const Status& status);

    QPointer<OrderService> m_service;
    OrderTableModel* m_model = nullptr;
    Prompts m_prompts;
    QString m_shopName;
    QTimer* m_filterTimer = nullptr;
    QTimer* m_reloadTimer = nullptr;
    bool m_reloadPending = false;
    QSystemTrayIcon* m_trayIcon = nullptr;

    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QTabBar* m_stateTabBar = nullptr;
    QCheckBox* m_dateFilterCheckBox = nullptr;
    QDateEdit* m_fromDateEdit = nullptr;
    QDateEdit* m_toDateEdit = nullptr;
    QComboBox* m_fulfilmentComboBox = nullptr;
    QComboBox* m_paymentComboBox = nullptr;
    QLineEdit* m_searchLineEdit = nullptr;
    QLabel* m_countLabel = nullptr;
    QPushButton* m_acceptPushButton = nullptr;
    QPushButton* m_shipPushButton = nullptr;
    QPushButton* m_readyPushButton = nullptr;
    QPushButton* m_startServicePushButton = nullptr;
    QPushButton* m_completePushButton = nullptr;
    QPushButton* m_collectedPushButton = nullptr;
    QPushButton* m_cancelPushButton = nullptr;
    QPushButton* m_refundPushButton = nullptr;
    QPushButton* m_rejectRefundPushButton = nullptr;
    QPushButton* m_remarkPushButton = nullptr;
    QPushButton* m_printPushButton = nullptr;
    QPushButton* m_pdfPushButton = nullptr;
    QPushButton* m_csvPushButton = nullptr;
    QCheckBox* m_alertSoundCheckBox = nullptr;
    QCheckBox* m_alertTrayCheckBox = nullptr;
    QTableView* m_ordersTableView = nullptr;
    QTextBrowser* m_detailBrowser = nullptr;
};

} // namespace xd
