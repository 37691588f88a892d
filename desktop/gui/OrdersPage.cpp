#include "OrdersPage.h"

#include "OrderDialogs.h"
#include "OrderReceipt.h"
#include "OrderTableModel.h"
#include "PageHeader.h"
#include "xiaodian/Money.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace xd {

namespace {

constexpr int FilterDelayMs = 250;
constexpr int ReloadDelayMs = 150;

const QString kAlertSoundKey = QStringLiteral("orders/alertSound");
const QString kAlertTrayKey = QStringLiteral("orders/alertTray");

// The state tabs, in order: which states each shows.
const QList<QStringList>& tabStates()
{
    static const QList<QStringList> tabs{
        {},
        {QStringLiteral("paid"), QStringLiteral("cod_placed")},
        {QStringLiteral("accepted")},
        {QStringLiteral("shipped"), QStringLiteral("ready_for_pickup"), QStringLiteral("in_service")},
        {QStringLiteral("refund_requested")},
        {QStringLiteral("completed")},
        {QStringLiteral("pending_payment")},
        {QStringLiteral("cancelled"), QStringLiteral("closed"), QStringLiteral("refunded")},
    };
    return tabs;
}

QPushButton* actionButton(QWidget* parent, const char* name)
{
    auto* button = new QPushButton(parent);
    button->setObjectName(QLatin1String(name));
    return button;
}

} // namespace

OrdersPage::OrdersPage(QWidget* parent) : QWidget(parent)
{
    m_model = new OrderTableModel(this);

    m_titleLabel = createPageTitleLabel(this);
    m_descriptionLabel = createPageDescriptionLabel(this);

    m_stateTabBar = new QTabBar(this);
    m_stateTabBar->setObjectName(QStringLiteral("stateTabBar"));
    m_stateTabBar->setDocumentMode(true);
    m_stateTabBar->setExpanding(false);
    for (qsizetype i = 0; i < tabStates().size(); ++i)
        m_stateTabBar->addTab(QString());

    m_dateFilterCheckBox = new QCheckBox(this);
    m_dateFilterCheckBox->setObjectName(QStringLiteral("dateFilterCheckBox"));
    m_fromDateEdit = new QDateEdit(QDate::currentDate().addDays(-30), this);
    m_fromDateEdit->setObjectName(QStringLiteral("fromDateEdit"));
    m_fromDateEdit->setCalendarPopup(true);
    m_fromDateEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_toDateEdit = new QDateEdit(QDate::currentDate(), this);
    m_toDateEdit->setObjectName(QStringLiteral("toDateEdit"));
    m_toDateEdit->setCalendarPopup(true);
    m_toDateEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_fromDateEdit->setEnabled(false);
    m_toDateEdit->setEnabled(false);
    m_fulfilmentComboBox = new QComboBox(this);
    m_fulfilmentComboBox->setObjectName(QStringLiteral("fulfilmentComboBox"));
    for (const char* mode : {"", "delivery", "pickup", "in_store"})
        m_fulfilmentComboBox->addItem(QString(), QString::fromLatin1(mode));
    m_paymentComboBox = new QComboBox(this);
    m_paymentComboBox->setObjectName(QStringLiteral("paymentComboBox"));
    for (const char* method : {"", "wechat_pay", "balance", "cash_on_delivery"})
        m_paymentComboBox->addItem(QString(), QString::fromLatin1(method));
    m_searchLineEdit = new QLineEdit(this);
    m_searchLineEdit->setObjectName(QStringLiteral("searchLineEdit"));
    m_searchLineEdit->setClearButtonEnabled(true);
    m_searchLineEdit->setMaximumWidth(260);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* filterLayout = new QHBoxLayout;
    filterLayout->addWidget(m_searchLineEdit, 1);
    filterLayout->addWidget(m_dateFilterCheckBox);
    filterLayout->addWidget(m_fromDateEdit);
    filterLayout->addWidget(new QLabel(QStringLiteral("–"), this));
    filterLayout->addWidget(m_toDateEdit);
    filterLayout->addWidget(m_fulfilmentComboBox);
    filterLayout->addWidget(m_paymentComboBox);
    filterLayout->addStretch(1);
    filterLayout->addWidget(m_countLabel);

    m_acceptPushButton = actionButton(this, "acceptPushButton");
    m_shipPushButton = actionButton(this, "shipPushButton");
    m_readyPushButton = actionButton(this, "readyPushButton");
    m_startServicePushButton = actionButton(this, "startServicePushButton");
    m_completePushButton = actionButton(this, "completePushButton");
    m_collectedPushButton = actionButton(this, "collectedPushButton");
    m_cancelPushButton = actionButton(this, "cancelPushButton");
    m_refundPushButton = actionButton(this, "refundPushButton");
    m_rejectRefundPushButton = actionButton(this, "rejectRefundPushButton");
    m_remarkPushButton = actionButton(this, "remarkPushButton");
    m_printPushButton = actionButton(this, "printPushButton");
    m_pdfPushButton = actionButton(this, "pdfPushButton");
    m_csvPushButton = actionButton(this, "csvPushButton");
    m_alertSoundCheckBox = new QCheckBox(this);
    m_alertSoundCheckBox->setObjectName(QStringLiteral("alertSoundCheckBox"));
    m_alertTrayCheckBox = new QCheckBox(this);
    m_alertTrayCheckBox->setObjectName(QStringLiteral("alertTrayCheckBox"));
    const QSettings settings;
    m_alertSoundCheckBox->setChecked(settings.value(kAlertSoundKey, true).toBool());
    m_alertTrayCheckBox->setChecked(settings.value(kAlertTrayKey, true).toBool());
    auto* actionsLayout = new QHBoxLayout;
    for (QPushButton* button : {m_acceptPushButton,
                                m_shipPushButton,
                                m_readyPushButton,
                                m_startServicePushButton,
                                m_completePushButton,
                                m_collectedPushButton,
                                m_cancelPushButton,
                                m_refundPushButton,
                                m_rejectRefundPushButton,
                                m_remarkPushButton})
        actionsLayout->addWidget(button);
    actionsLayout->addStretch(1);
    auto* outputLayout = new QHBoxLayout;
    outputLayout->addWidget(m_printPushButton);
    outputLayout->addWidget(m_pdfPushButton);
    outputLayout->addWidget(m_csvPushButton);
    outputLayout->addStretch(1);
    outputLayout->addWidget(m_alertSoundCheckBox);
    outputLayout->addWidget(m_alertTrayCheckBox);

    m_ordersTableView = new QTableView(this);
    m_ordersTableView->setObjectName(QStringLiteral("ordersTableView"));
    m_ordersTableView->setModel(m_model);
    m_ordersTableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ordersTableView->setSelectionMode(QAbstractItemView::ExtendedSelection); // batch accept / ship
    m_ordersTableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ordersTableView->setAlternatingRowColors(true);
    m_ordersTableView->setShowGrid(false);
    m_ordersTableView->setWordWrap(false);
    m_ordersTableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_ordersTableView->verticalHeader()->hide();
    m_ordersTableView->horizontalHeader()->setHighlightSections(false);
    m_ordersTableView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_ordersTableView->horizontalHeader()->setStretchLastSection(true);
    m_ordersTableView->setColumnWidth(OrderTableModel::Number, 130);
    m_ordersTableView->setColumnWidth(OrderTableModel::PlacedAt, 130);
    m_ordersTableView->setColumnWidth(OrderTableModel::Customer, 150);
    m_ordersTableView->setColumnWidth(OrderTableModel::Phone, 110);
    m_ordersTableView->setColumnWidth(OrderTableModel::Payable, 90);
    m_detailBrowser = new QTextBrowser(this);
    m_detailBrowser->setObjectName(QStringLiteral("detailBrowser"));
    m_detailBrowser->setOpenLinks(false);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_ordersTableView);
    splitter->addWidget(m_detailBrowser);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(8);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_descriptionLabel);
    layout->addWidget(m_stateTabBar);
    layout->addLayout(filterLayout);
    layout->addLayout(actionsLayout);
    layout->addWidget(splitter, 1);
    layout->addLayout(outputLayout);

    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &OrdersPage::applyFilter);
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(ReloadDelayMs);
    connect(m_reloadTimer, &QTimer::timeout, this, &OrdersPage::reload);
    connect(m_searchLineEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_searchLineEdit, &QLineEdit::returnPressed, this, &OrdersPage::applyFilter);
    connect(m_stateTabBar, &QTabBar::currentChanged, this, &OrdersPage::applyFilter);
    connect(m_dateFilterCheckBox, &QCheckBox::toggled, this, [this](bool on) {
        m_fromDateEdit->setEnabled(on);
        m_toDateEdit->setEnabled(on);
        applyFilter();
    });
    connect(m_fromDateEdit, &QDateEdit::dateChanged, this, &OrdersPage::applyFilter);
    connect(m_toDateEdit, &QDateEdit::dateChanged, this, &OrdersPage::applyFilter);
    connect(m_fulfilmentComboBox, &QComboBox::currentIndexChanged, this, &OrdersPage::applyFilter);
    connect(m_paymentComboBox, &QComboBox::currentIndexChanged, this, &OrdersPage::applyFilter);
    connect(m_acceptPushButton, &QPushButton::clicked, this, &OrdersPage::acceptSelected);
    connect(m_shipPushButton, &QPushButton::clicked, this, &OrdersPage::shipSelected);
    connect(m_readyPushButton, &QPushButton::clicked, this, &OrdersPage::readyForPickupSelected);
    connect(m_startServicePushButton, &QPushButton::clicked, this, &OrdersPage::startServiceSelected);
    connect(m_completePushButton, &QPushButton::clicked, this, &OrdersPage::completeSelected);
    connect(m_collectedPushButton, &QPushButton::clicked, this, &OrdersPage::markCollectedSelected);
    connect(m_cancelPushButton, &QPushButton::clicked, this, &OrdersPage::cancelSelected);
    connect(m_refundPushButton, &QPushButton::clicked, this, &OrdersPage::refundSelected);
    connect(m_rejectRefundPushButton, &QPushButton::clicked, this, &OrdersPage::rejectRefundSelected);
    connect(m_remarkPushButton, &QPushButton::clicked, this, &OrdersPage::remarkSelected);
    connect(m_printPushButton, &QPushButton::clicked, this, &OrdersPage::printSelected);
    connect(m_pdfPushButton, &QPushButton::clicked, this, &OrdersPage::exportPdfSelected);
    connect(m_csvPushButton, &QPushButton::clicked, this, &OrdersPage::exportCsv);
    connect(m_alertSoundCheckBox, &QCheckBox::toggled, this, [](bool on) { QSettings().setValue(kAlertSoundKey, on); });
    connect(m_alertTrayCheckBox, &QCheckBox::toggled, this, [](bool on) { QSettings().setValue(kAlertTrayKey, on); });
    connect(
        m_ordersTableView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &OrdersPage::updateActions);
    connect(
        m_ordersTableView->selectionModel(), &QItemSelectionModel::currentChanged, this, &OrdersPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OrdersPage::updateActions);

    m_prompts.warn = [this](const QString& message) {
        QMessageBox::warning(this, tr("Orders"), message);
    };
    m_prompts.runDialog = [](QDialog& dialog) {
        return dialog.exec() == QDialog::Accepted;
    };
    m_prompts.saveFileName = [this](const QString& caption, const QString& suggested, const QString& filter) {
        return QFileDialog::getSaveFileName(this, caption, suggested, filter);
    };
    m_prompts.printPreview = [this](const Order& order) {
        QPrinter printer(QPrinter::HighResolution);
        printer.setDocName(tr("Order %1").arg(order.number));
        QPrintPreviewDialog preview(&printer, this);
        preview.setObjectName(QStringLiteral("printPreviewDialog"));
        connect(&preview, &QPrintPreviewDialog::paintRequested, this, [this, order](QPrinter* target) {
            OrderReceipt::render(order, m_shopName, *target);
        });
        preview.exec();
    };
    m_prompts.beep = [] {
        QApplication::beep();
    };
    m_prompts.notify = [this](const QString& title, const QString& message) {
        if (!QSystemTrayIcon::isSystemTrayAvailable())
            return;
        if (!m_trayIcon) {
            m_trayIcon = new QSystemTrayIcon(QApplication::windowIcon(), this);
            m_trayIcon->setToolTip(QStringLiteral("Xiaodian"));
            connect(m_trayIcon, &QSystemTrayIcon::messageClicked, this, [this] {
                if (QWidget* top = window()) {
                    top->showNormal();
                    top->raise();
                    top->activateWindow();
                }
            });
        }
        m_trayIcon->show();
        m_trayIcon->showMessage(title, message, QSystemTrayIcon::Information, 8000);
    };

    retranslateUi();
    updateActions();
}

OrdersPage::~OrdersPage() = default;

void OrdersPage::setService(OrderService* service)
{
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    if (m_service) {
        connect(m_service, &OrderService::ordersChanged, this, &OrdersPage::scheduleReload);
        connect(m_service, &OrderService::ordersArrived, this, &OrdersPage::onOrdersArrived);
    }
    m_model->setService(service);
    setEnabled(service != nullptr);
    updateActions();
}

void OrdersPage::setPrompts(Prompts prompts)
{
    if (prompts.warn)
        m_prompts.warn = std::move(prompts.warn);
    if (prompts.runDialog)
        m_prompts.runDialog = std::move(prompts.runDialog);
    if (prompts.saveFileName)
        m_prompts.saveFileName = std::move(prompts.saveFileName);
    if (prompts.printPreview)
        m_prompts.printPreview = std::move(prompts.printPreview);
    if (prompts.beep)
        m_prompts.beep = std::move(prompts.beep);
    if (prompts.notify)
        m_prompts.notify = std::move(prompts.notify);
}

QString OrdersPage::currentOrderId() const
{
    const QStringList ids = selectedOrderIds();
    if (ids.size() == 1)
        return ids.constFirst();
    const QModelIndex current = m_ordersTableView->selectionModel()->currentIndex();
    if (ids.isEmpty() || !current.isValid())
        return ids.isEmpty() ? QString() : ids.constFirst();
    return current.data(OrderTableModel::IdRole).toString();
}

QStringList OrdersPage::selectedOrderIds() const
{
    QStringList ids;
    for (const QModelIndex& index : m_ordersTableView->selectionModel()->selectedRows())
        ids << index.data(OrderTableModel::IdRole).toString();
    return ids;
}

void OrdersPage::selectOrder(const QString& id)
{
    const QModelIndex index = m_model->indexFromId(id, m_model->rowCount());
    if (!index.isValid()) {
        m_ordersTableView->clearSelection();
        return;
    }
    m_ordersTableView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_ordersTableView->scrollTo(index);
}

bool OrdersPage::showState(const QString& state)
{
    for (qsizetype i = 1; i < tabStates().size(); ++i) { // tab 0 lists every state
        if (tabStates().at(i).contains(state)) {
            m_stateTabBar->setCurrentIndex(int(i));
            return true;
        }
    }
    return false;
}

OrderQuery OrdersPage::query() const
{
    OrderQuery query;
    query.states = tabStates().value(m_stateTabBar->currentIndex());
    if (m_dateFilterCheckBox->isChecked()) {
        // Whole local days, from the first to the last one inclusive.
        query.placedFromMs = m_fromDateEdit->date().startOfDay().toMSecsSinceEpoch();
        query.placedBeforeMs = m_toDateEdit->date().addDays(1).startOfDay().toMSecsSinceEpoch();
    }
    query.fulfilment = m_fulfilmentComboBox->currentData().toString();
    query.paymentMethod = m_paymentComboBox->currentData().toString();
    query.search = m_searchLineEdit->text().trimmed();
    return query;
}

void OrdersPage::scheduleReload()
{
    m_reloadPending = true;
    if (isVisible() && !m_reloadTimer->isActive())
        m_reloadTimer->start();
}

void OrdersPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_reloadPending)
        reload();
}

void OrdersPage::reload()
{
    m_reloadPending = false;
    m_reloadTimer->stop();
    // Every change resets the model; the selection follows the orders.
    const QStringList selected = selectedOrderIds();
    const QString current = currentOrderId();
    m_model->reload();
    QItemSelection selection;
    for (const QString& id : selected) {
        if (const QModelIndex index = m_model->indexFromId(id); index.isValid())
            selection.select(index, index);
    }
    if (const QModelIndex index = m_model->indexFromId(current); index.isValid())
        m_ordersTableView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    m_ordersTableView->selectionModel()->select(selection,
                                                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateActions();
}

void OrdersPage::applyFilter()
{
    m_filterTimer->stop();
    m_model->setQuery(query());
    m_ordersTableView->scrollToTop();
    updateActions();
}

std::optional<Order> OrdersPage::currentOrder() const
{
    const QString id = currentOrderId();
    if (!m_service || id.isEmpty())
        return std::nullopt;
    auto found = m_service->order(id);
    return found ? *found : std::nullopt;
}

QList<Order> OrdersPage::selectedOrders() const
{
    QList<Order> orders;
    if (!m_service)
        return orders;
    for (const QString& id : selectedOrderIds()) {
        if (auto found = m_service->order(id); found && *found)
            orders.append(**found);
    }
    return orders;
}

void OrdersPage::updateActions()
{
    const QList<Order> selected = selectedOrders();
    const std::optional<Order> current = currentOrder();
    const QList<OrderAction> allowed =
        current && m_service ? m_service->allowedActions(*current) : QList<OrderAction>();
    // Batch actions: every selected order must allow them.
    auto allAllow = [this, &selected](OrderAction action) {
        if (selected.isEmpty() || !m_service)
            return false;
        for (const Order& order : selected) {
            if (!m_service->allowedActions(order).contains(action))
                return false;
        }
        return true;
    };
    const bool single = selected.size() <= 1 && current.has_value();
    m_acceptPushButton->setEnabled(allAllow(OrderAction::Accept));
    m_shipPushButton->setEnabled(allAllow(OrderAction::Ship));
    m_readyPushButton->setEnabled(single && allowed.contains(OrderAction::ReadyForPickup));
    m_startServicePushButton->setEnabled(single && allowed.contains(OrderAction::StartService));
    m_completePushButton->setEnabled(single && allowed.contains(OrderAction::Complete));
    m_completePushButton->setText(current && current->fulfilment == QLatin1String("pickup") ? tr("&Verify pickup code…")
                                                                                            : tr("C&omplete"));
    m_collectedPushButton->setEnabled(single && allowed.contains(OrderAction::MarkCollected));
    m_cancelPushButton->setEnabled(single && allowed.contains(OrderAction::Cancel));
    m_refundPushButton->setEnabled(
        single && (allowed.contains(OrderAction::Refund) || allowed.contains(OrderAction::PartialRefund)));
    m_rejectRefundPushButton->setEnabled(single && allowed.contains(OrderAction::RejectRefund));
    m_remarkPushButton->setEnabled(single && m_service && m_service->can(QStringLiteral("order.remark")));
    m_printPushButton->setEnabled(single);
    m_pdfPushButton->setEnabled(single);
    m_csvPushButton->setEnabled(m_service != nullptr);
    m_countLabel->setText(tr("%n order(s)", nullptr, m_model->rowCount()));
    m_detailBrowser->setHtml(current ? OrderReceipt::html(*current, QString(), true) : QString());
}

void OrdersPage::afterQueued(const Status& status)
{
    if (status)
        reload(); // at once: the user wants to see what they did
    report(status);
}

void OrdersPage::report(const Status& status)
{
    if (!status)
        m_prompts.warn(status.error().message);
}

void OrdersPage::acceptSelected()
{
    if (!m_service)
        return;
    const QStringList ids = selectedOrderIds();
    if (ids.isEmpty())
        return;
    auto mids = m_service->acceptAll(ids);
    afterQueued(mids ? Status() : Status(mids.error()));
}

void OrdersPage::shipSelected()
{
    if (!m_service)
        return;
    QList<std::pair<QString, QString>> orders;
    for (const Order& order : selectedOrders())
        orders.append({order.id, order.number});
    if (orders.isEmpty())
        return;
    ShipDialog dialog(this);
    dialog.setObjectName(QStringLiteral("shipDialog"));
    dialog.setOrders(orders);
    if (!m_prompts.runDialog(dialog) || !m_service)
        return;
    auto mids = m_service->shipAll(dialog.trackingNumbers(), dialog.carrier());
    afterQueued(mids ? Status() : Status(mids.error()));
}

void OrdersPage::readyForPickupSelected()
{
    if (const auto order = currentOrder(); order && m_service) {
        auto mid = m_service->readyForPickup(order->id);
        afterQueued(mid ? Status() : Status(mid.error()));
    }
}

void OrdersPage::startServiceSelected()
{
    if (const auto order = currentOrder(); order && m_service) {
        auto mid = m_service->startService(order->id);
        afterQueued(mid ? Status() : Status(mid.error()));
    }
}

void OrdersPage::completeSelected()
{
    const auto order = currentOrder();
    if (!order || !m_service)
        return;
    QString code;
    if (order->fulfilment == QLatin1String("pickup")) {
        OrderTextDialog dialog(tr("Verify pickup code"),
                               tr("Order %1: enter the pickup code the customer shows.").arg(order->number),
                               20,
                               true,
                               this);
        dialog.setObjectName(QStringLiteral("pickupCodeDialog"));
        if (!m_prompts.runDialog(dialog) || !m_service)
            return;
        code = dialog.text();
    }
    auto mid = m_service->complete(order->id, code);
    afterQueued(mid ? Status() : Status(mid.error()));
}

void OrdersPage::markCollectedSelected()
{
    if (const auto order = currentOrder(); order && m_service) {
        auto mid = m_service->markCollected(order->id);
        afterQueued(mid ? Status() : Status(mid.error()));
    }
}

void OrdersPage::cancelSelected()
{
    const auto order = currentOrder();
    if (!order || !m_service)
        return;
    const bool paysBack = order->paidFen > order->refundedFen;
    OrderTextDialog dialog(tr("Cancel order %1").arg(order->number),
                           paysBack ? tr("The customer gets ¥%1 back. Why is the order cancelled?")
                                          .arg(Money::fromFen(order->refundableFen()).toString())
                                    : tr("Why is the order cancelled? The customer sees the reason."),
                           OrderService::MaxReasonLength,
                           true,
                           this);
    dialog.setObjectName(QStringLiteral("cancelDialog"));
    if (!m_prompts.runDialog(dialog) || !m_service)
        return;
    auto mid = m_service->cancel(order->id, dialog.text());
    afterQueued(mid ? Status() : Status(mid.error()));
}

void OrdersPage::refundSelected()
{
    const auto order = currentOrder();
    if (!order || !m_service)
        return;
    RefundDialog dialog(this);
    dialog.setObjectName(QStringLiteral("refundDialog"));
    const bool full = m_service->allowedActions(*order).contains(OrderAction::Refund);
    dialog.setOrder(order->number, order->refundableFen(), full);
    if (!m_prompts.runDialog(dialog) || !m_service)
        return;
    auto mid = m_service->refund(order->id, dialog.amountFen(), dialog.reason());
    afterQueued(mid ? Status() : Status(mid.error()));
}

void OrdersPage::rejectRefundSelected()
{
    const auto order = currentOrder();
    if (!order || !m_service)
        return;
    OrderTextDialog dialog(
        tr("Reject the refund of order %1").arg(order->number),
        tr("The customer asked: “%1”. Tell them why the refund is rejected:").arg(order->refundReason),
        OrderService::MaxReasonLength,
        true,
        this);
    dialog.setObjectName(QStringLiteral("rejectRefundDialog"));
    if (!m_prompts.runDialog(dialog) || !m_service)
        return;
    auto mid = m_service->rejectRefund(order->id, dialog.text());
    afterQueued(mid ? Status() : Status(mid.error()));
}

void OrdersPage::remarkSelected()
{
    const auto order = currentOrder();
    if (!order || !m_service)
        return;
    OrderTextDialog dialog(tr("Remark on order %1").arg(order->number),
                           tr("A note for the shop's staff; the customer does not see it."),
                           OrderService::MaxRemarkLength,
                           false,
                           this);
    dialog.setObjectName(QStringLiteral("remarkDialog"));
    dialog.setText(order->merchantRemark);
    if (!m_prompts.runDialog(dialog) || !m_service)
        return;
    auto mid = m_service->remark(order->id, dialog.text());
    afterQueued(mid ? Status() : Status(mid.error()));
}

void OrdersPage::printSelected()
{
    if (const auto order = currentOrder())
        m_prompts.printPreview(*order);
}

void OrdersPage::exportPdfSelected()
{
    const auto order = currentOrder();
    if (!order)
        return;
    const QString path = m_prompts.saveFileName(
        tr("Export order as PDF"), tr("order-%1.pdf").arg(order->number), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    report(OrderReceipt::exportPdf(*order, m_shopName, path));
}

void OrdersPage::exportCsv()
{
    if (!m_service)
        return;
    const QString path = m_prompts.saveFileName(tr("Export orders as CSV"), tr("orders.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return m_prompts.warn(tr("Cannot write %1: %2").arg(path, file.errorString()));
    auto written = m_service->exportCsv(query(), file);
    if (!written)
        return report(written.error());
    if (!file.commit())
        return m_prompts.warn(tr("Cannot write %1: %2").arg(path, file.errorString()));
}

void OrdersPage::onOrdersArrived(const QStringList& ids)
{
    if (ids.isEmpty())
        return;
    // News is shown at once; other changes wait for the coalescing timer.
    if (isVisible())
        reload();
    if (m_alertSoundCheckBox->isChecked())
        m_prompts.beep();
    if (m_alertTrayCheckBox->isChecked()) {
        const QString number = m_service && ids.size() == 1 ? m_service->orderNumber(ids.constFirst()) : QString();
        m_prompts.notify(tr("New order"),
                         ids.size() == 1 ? tr("Order %1 is waiting for you.").arg(number)
                                         : tr("%n new order(s) are waiting for you.", nullptr, int(ids.size())));
    }
}

void OrdersPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void OrdersPage::retranslateUi()
{
    m_titleLabel->setText(tr("Orders"));
    m_descriptionLabel->setText(tr("Orders from the mini-program. Changes made here without a connection are sent "
                                   "when the shop is online again."));
    const QStringList tabs{tr("All"),
                           tr("To accept"),
                           tr("Accepted"),
                           tr("In progress"),
                           tr("Refund requests"),
                           tr("Completed"),
                           tr("Awaiting payment"),
                           tr("Closed")};
    for (int i = 0; i < tabs.size(); ++i)
        m_stateTabBar->setTabText(i, tabs.at(i));
    m_dateFilterCheckBox->setText(tr("Placed from"));
    m_fulfilmentComboBox->setItemText(0, tr("All fulfilment"));
    m_fulfilmentComboBox->setItemText(1, OrderService::fulfilmentText(QStringLiteral("delivery")));
    m_fulfilmentComboBox->setItemText(2, OrderService::fulfilmentText(QStringLiteral("pickup")));
    m_fulfilmentComboBox->setItemText(3, OrderService::fulfilmentText(QStringLiteral("in_store")));
    m_paymentComboBox->setItemText(0, tr("All payment methods"));
    m_paymentComboBox->setItemText(1, OrderService::paymentMethodText(QStringLiteral("wechat_pay")));
    m_paymentComboBox->setItemText(2, OrderService::paymentMethodText(QStringLiteral("balance")));
    m_paymentComboBox->setItemText(3, OrderService::paymentMethodText(QStringLiteral("cash_on_delivery")));
    m_searchLineEdit->setPlaceholderText(tr("Order number, phone or customer"));
    m_acceptPushButton->setText(tr("&Accept"));
    m_shipPushButton->setText(tr("&Ship…"));
    m_readyPushButton->setText(tr("&Ready for pickup"));
    m_startServicePushButton->setText(tr("Start &service"));
    m_collectedPushButton->setText(tr("Cash co&llected"));
    m_cancelPushButton->setText(tr("Ca&ncel order…"));
    m_refundPushButton->setText(tr("Re&fund…"));
    m_rejectRefundPushButton->setText(tr("Re&ject refund…"));
    m_remarkPushButton->setText(tr("Re&mark…"));
    m_printPushButton->setText(tr("&Print…"));
    m_pdfPushButton->setText(tr("Export P&DF…"));
    m_csvPushButton->setText(tr("Export &CSV…"));
    m_csvPushButton->setToolTip(tr("The orders the list shows (state, dates, filters) as CSV for Excel"));
    m_alertSoundCheckBox->setText(tr("Sound on new orders"));
    m_alertTrayCheckBox->setText(tr("Notify on new orders"));
    m_ordersTableView->setAccessibleName(tr("Orders"));
    m_model->retranslate();
    updateActions();
}

} // namespace xd
