#include "OrderSettingsPage.h"

#include "OrderSettingsService.h"
#include "PageHeader.h"
#include "xiaodian/Money.h"
#include "xiaodian/OrderFields.h"
#include "xiaodian/OrderSettings.h"
#include "xiaodian/PhoneNumber.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QUuid>
#include <QVBoxLayout>

#include <utility>

namespace xd {

namespace {

// Wire field names (docs/sync-protocol.md, entity order_settings).
const QString kDelivery = QStringLiteral("deliveryEnabled");
const QString kPickup = QStringLiteral("pickupEnabled");
const QString kInStore = QStringLiteral("inStoreEnabled");
const QString kCod = QStringLiteral("codEnabled");
const QString kFee = QStringLiteral("deliveryFeeFen");
const QString kThreshold = QStringLiteral("freeDeliveryThresholdFen");
const QString kPickupAddress = QStringLiteral("pickupAddress");
const QString kCloseUnpaid = QStringLiteral("closeUnpaidMinutes");
const QString kAutoComplete = QStringLiteral("autoCompleteDays");
const QString kAfterSales = QStringLiteral("afterSalesDays");
const QString kCustomFields = QStringLiteral("customFields");
const QString kSmsMerchant = QStringLiteral("smsMerchantNewOrder");
const QString kMerchantPhone = QStringLiteral("merchantPhone");
const QString kSmsPaid = QStringLiteral("smsCustomerPaid");
const QString kSmsShipped = QStringLiteral("smsCustomerShipped");
const QString kModes = QStringLiteral("modes"); // not a wire field: the three fulfilment switches together

enum FieldColumn { LabelColumn, TypeColumn, RequiredColumn, OptionsColumn, FieldColumnCount };
constexpr int IdRole = Qt::UserRole + 1;

const QStringList kFieldTypes = {QStringLiteral("text"),
                                 QStringLiteral("number"),
                                 QStringLiteral("phone"),
                                 QStringLiteral("date"),
                                 QStringLiteral("single_choice"),
                                 QStringLiteral("multiple_choice")};

bool isChoice(const QString& type)
{
    return type == QLatin1String("single_choice") || type == QLatin1String("multiple_choice");
}

// Options are typed in one cell: separated by commas (either width), 、 or semicolons.
QStringList splitOptions(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[,，、;；]"));
    QStringList options;
    for (const QString& part : text.split(separators)) {
        if (!part.trimmed().isEmpty())
            options.append(part.trimmed());
    }
    return options;
}

// A money field's value: fen when readable (empty = 0), else the text itself.
QJsonValue moneyValue(const QLineEdit* lineEdit)
{
    const QString text = lineEdit->text().trimmed();
    if (text.isEmpty())
        return QJsonValue(qint64(0));
    if (auto money = Money::parse(text); money)
        return QJsonValue(money->fen());
    return text;
}

QString moneyText(const QJsonValue& value)
{
    return value.isString() ? value.toString() : Money::fromFen(value.toInteger()).toString();
}

QLabel* createErrorLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #d93026;"));
    label->hide();
    return label;
}

QLabel* createHintLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

template <typename T> T* named(T* widget, const QString& objectName)
{
    widget->setObjectName(objectName);
    return widget;
}

} // namespace

OrderSettingsPage::OrderSettingsPage(QWidget* parent) : QWidget(parent)
{
    m_titleLabel = createPageTitleLabel(this);
    m_descriptionLabel = createHintLabel(QStringLiteral("orderSettingsDescriptionLabel"), this);
    m_readOnlyLabel = createHintLabel(QStringLiteral("readOnlyLabel"), this);
    m_wechatPushButton = named(new QPushButton(this), QStringLiteral("wechatPushButton"));
    connect(m_wechatPushButton, &QPushButton::clicked, this, &OrderSettingsPage::wechatCredentialsRequested);

    auto* content = new QWidget(this);
    content->setObjectName(QStringLiteral("orderSettingsContentWidget"));

    // Fulfilment modes and cash on delivery.
    m_fulfilmentGroupBox = named(new QGroupBox(content), QStringLiteral("fulfilmentGroupBox"));
    m_deliveryCheckBox = named(new QCheckBox(m_fulfilmentGroupBox), QStringLiteral("deliveryCheckBox"));
    m_pickupCheckBox = named(new QCheckBox(m_fulfilmentGroupBox), QStringLiteral("pickupCheckBox"));
    m_pickupAddressLabel = new QLabel(m_fulfilmentGroupBox);
    m_pickupAddressLineEdit = named(new QLineEdit(m_fulfilmentGroupBox), QStringLiteral("pickupAddressLineEdit"));
    m_pickupAddressLineEdit->setMaxLength(OrderSettingsRules::MaxPickupAddressLength);
    m_pickupAddressLabel->setBuddy(m_pickupAddressLineEdit);
    m_pickupAddressErrorLabel = createErrorLabel(QStringLiteral("pickupAddressErrorLabel"), m_fulfilmentGroupBox);
    m_inStoreCheckBox = named(new QCheckBox(m_fulfilmentGroupBox), QStringLiteral("inStoreCheckBox"));
    m_codCheckBox = named(new QCheckBox(m_fulfilmentGroupBox), QStringLiteral("codCheckBox"));
    m_modesErrorLabel = createErrorLabel(QStringLiteral("modesErrorLabel"), m_fulfilmentGroupBox);
    auto* fulfilmentLayout = new QFormLayout(m_fulfilmentGroupBox);
    fulfilmentLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    fulfilmentLayout->addRow(m_deliveryCheckBox);
    fulfilmentLayout->addRow(m_pickupCheckBox);
    fulfilmentLayout->addRow(m_pickupAddressLabel, m_pickupAddressLineEdit);
    fulfilmentLayout->addRow(QString(), m_pickupAddressErrorLabel);
    fulfilmentLayout->addRow(m_inStoreCheckBox);
    fulfilmentLayout->addRow(m_modesErrorLabel);
    fulfilmentLayout->addRow(m_codCheckBox);

    // Delivery fee, in yuan on screen and fen on the wire.
    m_feeGroupBox = named(new QGroupBox(content), QStringLiteral("feeGroupBox"));
    m_deliveryFeeLabel = new QLabel(m_feeGroupBox);
    m_deliveryFeeLineEdit = named(new QLineEdit(m_feeGroupBox), QStringLiteral("deliveryFeeLineEdit"));
    m_deliveryFeeLabel->setBuddy(m_deliveryFeeLineEdit);
    m_deliveryFeeErrorLabel = createErrorLabel(QStringLiteral("deliveryFeeErrorLabel"), m_feeGroupBox);
    m_thresholdLabel = new QLabel(m_feeGroupBox);
    m_thresholdLineEdit = named(new QLineEdit(m_feeGroupBox), QStringLiteral("thresholdLineEdit"));
    m_thresholdLabel->setBuddy(m_thresholdLineEdit);
    m_thresholdErrorLabel = createErrorLabel(QStringLiteral("thresholdErrorLabel"), m_feeGroupBox);
    auto* feeLayout = new QFormLayout(m_feeGroupBox);
    feeLayout->addRow(m_deliveryFeeLabel, m_deliveryFeeLineEdit);
    feeLayout->addRow(QString(), m_deliveryFeeErrorLabel);
    feeLayout->addRow(m_thresholdLabel, m_thresholdLineEdit);
    feeLayout->addRow(QString(), m_thresholdErrorLabel);

    // Timers: the spin boxes' ranges are the rules' limits, so they cannot be out of range.
    m_timersGroupBox = named(new QGroupBox(content), QStringLiteral("timersGroupBox"));
    m_closeUnpaidLabel = new QLabel(m_timersGroupBox);
    m_closeUnpaidSpinBox = named(new QSpinBox(m_timersGroupBox), QStringLiteral("closeUnpaidSpinBox"));
    m_closeUnpaidSpinBox->setRange(OrderSettingsRules::MinCloseUnpaidMinutes,
                                   OrderSettingsRules::MaxCloseUnpaidMinutes);
    m_autoCompleteLabel = new QLabel(m_timersGroupBox);
    m_autoCompleteSpinBox = named(new QSpinBox(m_timersGroupBox), QStringLiteral("autoCompleteSpinBox"));
    m_autoCompleteSpinBox->setRange(OrderSettingsRules::MinAutoCompleteDays, OrderSettingsRules::MaxAutoCompleteDays);
    m_afterSalesLabel = new QLabel(m_timersGroupBox);
    m_afterSalesSpinBox = named(new QSpinBox(m_timersGroupBox), QStringLiteral("afterSalesSpinBox"));
    m_afterSalesSpinBox->setRange(0, OrderSettingsRules::MaxAfterSalesDays);
    m_closeUnpaidLabel->setBuddy(m_closeUnpaidSpinBox);
    m_autoCompleteLabel->setBuddy(m_autoCompleteSpinBox);
    m_afterSalesLabel->setBuddy(m_afterSalesSpinBox);
    auto* timersLayout = new QFormLayout(m_timersGroupBox);
    timersLayout->addRow(m_closeUnpaidLabel, m_closeUnpaidSpinBox);
    timersLayout->addRow(m_autoCompleteLabel, m_autoCompleteSpinBox);
    timersLayout->addRow(m_afterSalesLabel, m_afterSalesSpinBox);

    // Custom checkout fields.
    m_fieldsGroupBox = named(new QGroupBox(content), QStringLiteral("fieldsGroupBox"));
    m_fieldsHintLabel = createHintLabel(QStringLiteral("fieldsHintLabel"), m_fieldsGroupBox);
    m_fieldsTableWidget =
        named(new QTableWidget(0, FieldColumnCount, m_fieldsGroupBox), QStringLiteral("fieldsTableWidget"));
    m_fieldsTableWidget->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fieldsTableWidget->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fieldsTableWidget->verticalHeader()->hide();
    m_fieldsTableWidget->horizontalHeader()->setSectionResizeMode(LabelColumn, QHeaderView::Stretch);
    m_fieldsTableWidget->horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::ResizeToContents);
    m_fieldsTableWidget->horizontalHeader()->setSectionResizeMode(RequiredColumn, QHeaderView::ResizeToContents);
    m_fieldsTableWidget->horizontalHeader()->setSectionResizeMode(OptionsColumn, QHeaderView::Stretch);
    m_fieldsTableWidget->setMinimumHeight(150);
    m_addFieldPushButton = named(new QPushButton(m_fieldsGroupBox), QStringLiteral("addFieldPushButton"));
    m_removeFieldPushButton = named(new QPushButton(m_fieldsGroupBox), QStringLiteral("removeFieldPushButton"));
    m_moveFieldUpPushButton = named(new QPushButton(m_fieldsGroupBox), QStringLiteral("moveFieldUpPushButton"));
    m_moveFieldDownPushButton = named(new QPushButton(m_fieldsGroupBox), QStringLiteral("moveFieldDownPushButton"));
    m_fieldsErrorLabel = createErrorLabel(QStringLiteral("fieldsErrorLabel"), m_fieldsGroupBox);
    auto* fieldButtonsLayout = new QVBoxLayout;
    fieldButtonsLayout->addWidget(m_addFieldPushButton);
    fieldButtonsLayout->addWidget(m_removeFieldPushButton);
    fieldButtonsLayout->addWidget(m_moveFieldUpPushButton);
    fieldButtonsLayout->addWidget(m_moveFieldDownPushButton);
    fieldButtonsLayout->addStretch(1);
    auto* fieldsRowLayout = new QHBoxLayout;
    fieldsRowLayout->addWidget(m_fieldsTableWidget, 1);
    fieldsRowLayout->addLayout(fieldButtonsLayout);
    auto* fieldsLayout = new QVBoxLayout(m_fieldsGroupBox);
    fieldsLayout->addWidget(m_fieldsHintLabel);
    fieldsLayout->addLayout(fieldsRowLayout);
    fieldsLayout->addWidget(m_fieldsErrorLabel);

    // SMS notices.
    m_smsGroupBox = named(new QGroupBox(content), QStringLiteral("smsGroupBox"));
    m_smsMerchantNewOrderCheckBox = named(new QCheckBox(m_smsGroupBox), QStringLiteral("smsMerchantNewOrderCheckBox"));
    m_merchantPhoneLabel = new QLabel(m_smsGroupBox);
    m_merchantPhoneLineEdit = named(new QLineEdit(m_smsGroupBox), QStringLiteral("merchantPhoneLineEdit"));
    m_merchantPhoneLineEdit->setMaxLength(20);
    m_merchantPhoneLabel->setBuddy(m_merchantPhoneLineEdit);
    m_merchantPhoneErrorLabel = createErrorLabel(QStringLiteral("merchantPhoneErrorLabel"), m_smsGroupBox);
    m_smsCustomerPaidCheckBox = named(new QCheckBox(m_smsGroupBox), QStringLiteral("smsCustomerPaidCheckBox"));
    m_smsCustomerShippedCheckBox = named(new QCheckBox(m_smsGroupBox), QStringLiteral("smsCustomerShippedCheckBox"));
    auto* smsLayout = new QFormLayout(m_smsGroupBox);
    smsLayout->addRow(m_smsMerchantNewOrderCheckBox);
    smsLayout->addRow(m_merchantPhoneLabel, m_merchantPhoneLineEdit);
    smsLayout->addRow(QString(), m_merchantPhoneErrorLabel);
    smsLayout->addRow(m_smsCustomerPaidCheckBox);
    smsLayout->addRow(m_smsCustomerShippedCheckBox);

    // Two columns: the short forms left, the fields table and SMS right.
    auto* leftLayout = new QVBoxLayout;
    leftLayout->setSpacing(12);
    leftLayout->addWidget(m_fulfilmentGroupBox);
    leftLayout->addWidget(m_feeGroupBox);
    leftLayout->addWidget(m_timersGroupBox);
    leftLayout->addStretch(1);
    auto* rightLayout = new QVBoxLayout;
    rightLayout->setSpacing(12);
    rightLayout->addWidget(m_fieldsGroupBox, 1);
    rightLayout->addWidget(m_smsGroupBox);
    auto* columnsLayout = new QHBoxLayout(content);
    columnsLayout->setContentsMargins(0, 0, 8, 0);
    columnsLayout->setSpacing(16);
    columnsLayout->addLayout(leftLayout, 5);
    columnsLayout->addLayout(rightLayout, 6);

    auto* scrollArea = named(new QScrollArea(this), QStringLiteral("orderSettingsScrollArea"));
    scrollArea->setWidgetResizable(true);
    scrollArea->setFrameShape(QFrame::NoFrame);
    scrollArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scrollArea->setWidget(content);

    m_messageLabel = named(new QLabel(this), QStringLiteral("settingsMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_revertPushButton = named(new QPushButton(this), QStringLiteral("revertSettingsPushButton"));
    m_savePushButton = named(new QPushButton(this), QStringLiteral("saveSettingsPushButton"));
    m_savePushButton->setDefault(true);
    connect(m_revertPushButton, &QPushButton::clicked, this, &OrderSettingsPage::revert);
    connect(m_savePushButton, &QPushButton::clicked, this, &OrderSettingsPage::save);

    auto* headerLayout = new QHBoxLayout;
    headerLayout->addWidget(m_titleLabel, 1);
    headerLayout->addWidget(m_wechatPushButton);
    auto* buttonsLayout = new QHBoxLayout;
    buttonsLayout->addWidget(m_messageLabel, 1);
    buttonsLayout->addWidget(m_revertPushButton);
    buttonsLayout->addWidget(m_savePushButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 12);
    layout->setSpacing(8);
    layout->addLayout(headerLayout);
    layout->addWidget(m_descriptionLabel);
    layout->addWidget(m_readOnlyLabel);
    layout->addWidget(scrollArea, 1);
    layout->addLayout(buttonsLayout);

    for (QCheckBox* box : {m_deliveryCheckBox,
                           m_pickupCheckBox,
                           m_inStoreCheckBox,
                           m_codCheckBox,
                           m_smsMerchantNewOrderCheckBox,
                           m_smsCustomerPaidCheckBox,
                           m_smsCustomerShippedCheckBox})
        connect(box, &QCheckBox::toggled, this, &OrderSettingsPage::updateState);
    for (QLineEdit* edit :
         {m_pickupAddressLineEdit, m_deliveryFeeLineEdit, m_thresholdLineEdit, m_merchantPhoneLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &OrderSettingsPage::updateState);
    for (QSpinBox* box : {m_closeUnpaidSpinBox, m_autoCompleteSpinBox, m_afterSalesSpinBox})
        connect(box, &QSpinBox::valueChanged, this, &OrderSettingsPage::updateState);
    connect(m_fieldsTableWidget, &QTableWidget::itemChanged, this, &OrderSettingsPage::updateState);
    connect(m_fieldsTableWidget, &QTableWidget::itemSelectionChanged, this, &OrderSettingsPage::updateState);
    connect(m_addFieldPushButton, &QPushButton::clicked, this, [this] {
        addFieldRow(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}});
        const int row = m_fieldsTableWidget->rowCount() - 1;
        m_fieldsTableWidget->selectRow(row);
        m_fieldsTableWidget->editItem(m_fieldsTableWidget->item(row, LabelColumn));
        updateState();
    });
    connect(m_removeFieldPushButton, &QPushButton::clicked, this, [this] {
        if (const int row = m_fieldsTableWidget->currentRow(); row >= 0) {
            m_fieldsTableWidget->removeRow(row);
            updateState();
        }
    });
    connect(m_moveFieldUpPushButton, &QPushButton::clicked, this, [this] { moveCurrentField(-1); });
    connect(m_moveFieldDownPushButton, &QPushButton::clicked, this, [this] { moveCurrentField(1); });

    retranslateUi();
    showSettings(OrderSettings{}.toJson());
    setService(nullptr);
}

OrderSettingsPage::~OrderSettingsPage() = default;

void OrderSettingsPage::setService(OrderSettingsService* service)
{
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    if (m_service)
        connect(m_service, &OrderSettingsService::settingsChanged, this, &OrderSettingsPage::reload);
    setEnabled(m_service != nullptr);
    reload();
}

void OrderSettingsPage::reload()
{
    const bool editable = m_service && m_service->canEdit();
    OrderSettings settings;
    if (m_service) {
        auto view = m_service->settings();
        if (!view) {
            m_messageLabel->setText(view.error().message);
            return;
        }
        settings = *view;
    }
    // Keep what the owner is editing; refresh the rest.
    showSettings(settings.toJson(), editable ? changes().keys() : QStringList());
    setEditable(editable);
    updateState();
}

void OrderSettingsPage::setEditable(bool editable)
{
    m_editable = editable;
    for (QWidget* widget : std::initializer_list<QWidget*>{m_deliveryCheckBox,
                                                           m_pickupCheckBox,
                                                           m_pickupAddressLineEdit,
                                                           m_inStoreCheckBox,
                                                           m_codCheckBox,
                                                           m_deliveryFeeLineEdit,
                                                           m_thresholdLineEdit,
                                                           m_closeUnpaidSpinBox,
                                                           m_autoCompleteSpinBox,
                                                           m_afterSalesSpinBox,
                                                           m_smsMerchantNewOrderCheckBox,
                                                           m_merchantPhoneLineEdit,
                                                           m_smsCustomerPaidCheckBox,
                                                           m_smsCustomerShippedCheckBox})
        widget->setEnabled(editable);
    m_fieldsTableWidget->setEditTriggers(editable ? QAbstractItemView::AllEditTriggers
                                                  : QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < m_fieldsTableWidget->rowCount(); ++row) {
        if (QWidget* combo = m_fieldsTableWidget->cellWidget(row, TypeColumn))
            combo->setEnabled(editable);
        if (QTableWidgetItem* item = m_fieldsTableWidget->item(row, RequiredColumn))
            item->setFlags(editable ? item->flags() | Qt::ItemIsUserCheckable
                                    : item->flags() & ~Qt::ItemIsUserCheckable);
    }
    m_addFieldPushButton->setVisible(editable);
    m_removeFieldPushButton->setVisible(editable);
    m_moveFieldUpPushButton->setVisible(editable);
    m_moveFieldDownPushButton->setVisible(editable);
    m_savePushButton->setVisible(editable);
    m_revertPushButton->setVisible(editable);
    m_wechatPushButton->setVisible(editable);
    m_readOnlyLabel->setVisible(m_service && !editable);
}

void OrderSettingsPage::showSettings(const QJsonObject& settings, const QStringList& keepKeys)
{
    const QJsonObject edited = editedValues();
    const bool wasLoading = m_loading;
    m_loading = true;
    for (auto it = settings.begin(); it != settings.end(); ++it)
        showField(it.key(), it.value());
    // The reference for "changed" is the settings as the screen shows them; kept edits then still count as changes.
    m_shown = editedValues();
    for (const QString& key : keepKeys)
        showField(key, edited.value(key));
    m_loading = wasLoading;
}

void OrderSettingsPage::showField(const QString& key, const QJsonValue& value)
{
    if (key == kDelivery)
        m_deliveryCheckBox->setChecked(value.toBool());
    else if (key == kPickup)
        m_pickupCheckBox->setChecked(value.toBool());
    else if (key == kInStore)
        m_inStoreCheckBox->setChecked(value.toBool());
    else if (key == kCod)
        m_codCheckBox->setChecked(value.toBool());
    else if (key == kFee)
        m_deliveryFeeLineEdit->setText(moneyText(value));
    else if (key == kThreshold)
        m_thresholdLineEdit->setText(moneyText(value));
    else if (key == kPickupAddress)
        m_pickupAddressLineEdit->setText(value.toString());
    else if (key == kCloseUnpaid)
        m_closeUnpaidSpinBox->setValue(value.toInt());
    else if (key == kAutoComplete)
        m_autoCompleteSpinBox->setValue(value.toInt());
    else if (key == kAfterSales)
        m_afterSalesSpinBox->setValue(value.toInt());
    else if (key == kCustomFields) {
        m_fieldsTableWidget->setRowCount(0);
        for (const QJsonValue& field : value.toArray())
            addFieldRow(field.toObject());
    } else if (key == kSmsMerchant)
        m_smsMerchantNewOrderCheckBox->setChecked(value.toBool());
    else if (key == kMerchantPhone)
        m_merchantPhoneLineEdit->setText(value.toString());
    else if (key == kSmsPaid)
        m_smsCustomerPaidCheckBox->setChecked(value.toBool());
    else if (key == kSmsShipped)
        m_smsCustomerShippedCheckBox->setChecked(value.toBool());
}

void OrderSettingsPage::addFieldRow(const QJsonObject& field)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const int row = m_fieldsTableWidget->rowCount();
    m_fieldsTableWidget->insertRow(row);
    auto* label = new QTableWidgetItem(field.value(QStringLiteral("label")).toString());
    QString id = field.value(QStringLiteral("id")).toString();
    if (id.isEmpty()) // a new field: a stable key for its answers, never shown
        id = QStringLiteral("f_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    label->setData(IdRole, id);
    m_fieldsTableWidget->setItem(row, LabelColumn, label);
    auto* type = new QComboBox(m_fieldsTableWidget);
    type->setObjectName(QStringLiteral("fieldTypeComboBox"));
    for (const QString& name : kFieldTypes)
        type->addItem(QString(), name);
    type->setCurrentIndex(std::max(0, int(kFieldTypes.indexOf(field.value(QStringLiteral("type")).toString()))));
    type->setEnabled(m_editable);
    connect(type, &QComboBox::currentIndexChanged, this, &OrderSettingsPage::updateState);
    m_fieldsTableWidget->setCellWidget(row, TypeColumn, type);
    auto* required = new QTableWidgetItem;
    required->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable |
                       (m_editable ? Qt::ItemIsUserCheckable : Qt::NoItemFlags));
    required->setCheckState(field.value(QStringLiteral("required")).toBool() ? Qt::Checked : Qt::Unchecked);
    m_fieldsTableWidget->setItem(row, RequiredColumn, required);
    QStringList options;
    for (const QJsonValue& option : field.value(QStringLiteral("options")).toArray())
        options.append(option.toString());
    m_fieldsTableWidget->setItem(row, OptionsColumn, new QTableWidgetItem(options.join(QStringLiteral("、"))));
    m_loading = wasLoading;
    retranslateUi();
}

void OrderSettingsPage::moveCurrentField(int delta)
{
    const int row = m_fieldsTableWidget->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_fieldsTableWidget->rowCount())
        return;
    QJsonArray fields = customFieldsOnScreen();
    const QJsonValue moved = fields.at(row);
    fields.removeAt(row);
    fields.insert(target, moved);
    m_loading = true;
    m_fieldsTableWidget->setRowCount(0);
    for (const QJsonValue& field : std::as_const(fields))
        addFieldRow(field.toObject());
    m_loading = false;
    m_fieldsTableWidget->selectRow(target);
    updateState();
}

QJsonArray OrderSettingsPage::customFieldsOnScreen() const
{
    QJsonArray fields;
    for (int row = 0; row < m_fieldsTableWidget->rowCount(); ++row) {
        const QTableWidgetItem* label = m_fieldsTableWidget->item(row, LabelColumn);
        const auto* type = qobject_cast<QComboBox*>(m_fieldsTableWidget->cellWidget(row, TypeColumn));
        const QTableWidgetItem* required = m_fieldsTableWidget->item(row, RequiredColumn);
        const QTableWidgetItem* options = m_fieldsTableWidget->item(row, OptionsColumn);
        if (!label || !type || !required || !options)
            continue; // a row being built
        const QString typeName = type->currentData().toString();
        fields.append(QJsonObject{
            {QStringLiteral("id"), label->data(IdRole).toString()},
            {QStringLiteral("label"), label->text().trimmed()},
            {QStringLiteral("type"), typeName},
            {QStringLiteral("required"), required->checkState() == Qt::Checked},
            {QStringLiteral("options"),
             isChoice(typeName) ? QJsonArray::fromStringList(splitOptions(options->text())) : QJsonArray()},
            {QStringLiteral("position"), row},
        });
    }
    return fields;
}

QJsonObject OrderSettingsPage::editedValues() const
{
    return QJsonObject{
        {kDelivery, m_deliveryCheckBox->isChecked()},
        {kPickup, m_pickupCheckBox->isChecked()},
        {kInStore, m_inStoreCheckBox->isChecked()},
        {kCod, m_codCheckBox->isChecked()},
        {kFee, moneyValue(m_deliveryFeeLineEdit)},
        {kThreshold, moneyValue(m_thresholdLineEdit)},
        {kPickupAddress, m_pickupAddressLineEdit->text().trimmed()},
        {kCloseUnpaid, m_closeUnpaidSpinBox->value()},
        {kAutoComplete, m_autoCompleteSpinBox->value()},
        {kAfterSales, m_afterSalesSpinBox->value()},
        {kCustomFields, customFieldsOnScreen()},
        {kSmsMerchant, m_smsMerchantNewOrderCheckBox->isChecked()},
        {kMerchantPhone, m_merchantPhoneLineEdit->text().trimmed()},
        {kSmsPaid, m_smsCustomerPaidCheckBox->isChecked()},
        {kSmsShipped, m_smsCustomerShippedCheckBox->isChecked()},
    };
}

QJsonObject OrderSettingsPage::changes() const
{
    const QJsonObject edited = editedValues();
    QJsonObject result;
    for (auto it = edited.begin(); it != edited.end(); ++it) {
        if (it.value() != m_shown.value(it.key()))
            result.insert(it.key(), it.value());
    }
    return result;
}

bool OrderSettingsPage::hasChanges() const
{
    return !changes().isEmpty();
}

QHash<QString, QString> OrderSettingsPage::fieldProblems() const
{
    QHash<QString, QString> problems;
    const QJsonObject edited = editedValues();
    if (!edited.value(kDelivery).toBool() && !edited.value(kPickup).toBool() && !edited.value(kInStore).toBool())
        problems.insert(kModes, tr("Turn on at least one of delivery, self-pickup and in-store service."));
    const QString address = edited.value(kPickupAddress).toString();
    if (edited.value(kPickup).toBool() && address.isEmpty())
        problems.insert(kPickupAddress, tr("Self-pickup needs the address where customers pick up."));
    auto checkMoney = [&](const QString& key, const QLineEdit* edit, qint64 max) {
        const QJsonValue value = edited.value(key);
        if (value.isString()) {
            problems.insert(key,
                            tr("\"%1\" is not an amount in yuan such as 5 or 5.50 (at most two decimals).")
                                .arg(edit->text().trimmed()));
        } else if (value.toInteger() < 0 || value.toInteger() > max) {
            problems.insert(key, tr("Enter an amount from 0 to %1 yuan.").arg(Money::fromFen(max).toString()));
        }
    };
    checkMoney(kFee, m_deliveryFeeLineEdit, OrderSettingsRules::MaxDeliveryFeeFen);
    checkMoney(kThreshold, m_thresholdLineEdit, OrderSettingsRules::MaxThresholdFen);
    const QString phone = edited.value(kMerchantPhone).toString();
    if (!phone.isEmpty() && !normalizeMainlandMobile(phone))
        problems.insert(kMerchantPhone, tr("Enter a mainland China mobile number, e.g. 13800138000."));
    else if (phone.isEmpty() && edited.value(kSmsMerchant).toBool())
        problems.insert(kMerchantPhone, tr("The new-order SMS needs your mobile number."));

    // Checkout fields: row by row in the merchant's words first, then the shared rules as the last word.
    const QJsonArray fields = edited.value(kCustomFields).toArray();
    QStringList labels;
    for (int row = 0; row < fields.size() && !problems.contains(kCustomFields); ++row) {
        const QJsonObject field = fields.at(row).toObject();
        const QString label = field.value(QStringLiteral("label")).toString();
        const QJsonArray options = field.value(QStringLiteral("options")).toArray();
        if (label.isEmpty())
            problems.insert(kCustomFields, tr("Checkout field %1 needs a name.").arg(row + 1));
        else if (label.size() > OrderFields::MaxLabelLength)
            problems.insert(kCustomFields,
                            tr("The name of checkout field %1 has at most %2 characters.")
                                .arg(row + 1)
                                .arg(OrderFields::MaxLabelLength));
        else if (labels.contains(label))
            problems.insert(kCustomFields, tr("Two checkout fields are called \"%1\".").arg(label));
        else if (isChoice(field.value(QStringLiteral("type")).toString()) &&
                 (options.size() < 2 || options.size() > OrderFields::MaxOptions))
            problems.insert(kCustomFields,
                            tr("\"%1\" is a choice: give it 2 to %2 options, separated by commas.")
                                .arg(label)
                                .arg(OrderFields::MaxOptions));
        labels.append(label);
    }
    if (!problems.contains(kCustomFields)) {
        if (auto parsed = OrderFields::parseDefinitions(fields); !parsed)
            problems.insert(kCustomFields, parsed.error().message);
    }
    return problems;
}

void OrderSettingsPage::showProblems(const QHash<QString, QString>& problems)
{
    const std::initializer_list<std::pair<const QString*, QLabel*>> places{
        {&kModes, m_modesErrorLabel},
        {&kPickupAddress, m_pickupAddressErrorLabel},
        {&kFee, m_deliveryFeeErrorLabel},
        {&kThreshold, m_thresholdErrorLabel},
        {&kCustomFields, m_fieldsErrorLabel},
        {&kMerchantPhone, m_merchantPhoneErrorLabel},
    };
    for (const auto& [key, label] : places) {
        label->setText(problems.value(*key));
        label->setVisible(problems.contains(*key));
    }
}

bool OrderSettingsPage::save()
{
    if (!m_service || !m_editable)
        return false;
    const QJsonObject changed = changes();
    if (changed.isEmpty())
        return false;
    const QHash<QString, QString> problems = fieldProblems();
    showProblems(problems);
    if (!problems.isEmpty()) {
        m_messageLabel->setStyleSheet(QStringLiteral("color: #d93026;"));
        m_messageLabel->setText(tr("Correct the fields marked in red, then save."));
        return false;
    }
    auto mid = m_service->update(changed);
    if (!mid) {
        m_messageLabel->setStyleSheet(QStringLiteral("color: #d93026;"));
        m_messageLabel->setText(mid.error().message);
        return false;
    }
    // The service's view now includes the queued change; show it as the new reference.
    auto view = m_service->settings();
    if (view)
        showSettings(view->toJson());
    updateState();
    m_messageLabel->setStyleSheet(QString());
    m_messageLabel->setText(tr("Saved. The change reaches the mini-program with the next sync."));
    m_savedShown = true;
    return true;
}

void OrderSettingsPage::revert()
{
    OrderSettings settings;
    if (m_service)
        settings = m_service->settings().valueOr(OrderSettings{});
    showSettings(settings.toJson());
    m_messageLabel->clear();
    updateState();
}

void OrderSettingsPage::updateState()
{
    if (m_loading)
        return;
    const bool changed = m_editable && hasChanges();
    if (changed)
        m_savedShown = false;
    m_savePushButton->setEnabled(changed);
    m_revertPushButton->setEnabled(changed);
    m_pickupAddressLineEdit->setEnabled(m_editable && m_pickupCheckBox->isChecked());
    m_merchantPhoneLineEdit->setEnabled(m_editable);
    const int row = m_fieldsTableWidget->currentRow();
    m_removeFieldPushButton->setEnabled(row >= 0);
    m_moveFieldUpPushButton->setEnabled(row > 0);
    m_moveFieldDownPushButton->setEnabled(row >= 0 && row + 1 < m_fieldsTableWidget->rowCount());
    m_addFieldPushButton->setEnabled(m_fieldsTableWidget->rowCount() < OrderFields::MaxFields);
    // Checked while typing: the problems show next to their fields at once.
    const QHash<QString, QString> problems = m_editable ? fieldProblems() : QHash<QString, QString>();
    showProblems(problems);
    if (!changed) {
        if (!m_savedShown) {
            m_messageLabel->setStyleSheet(QString());
            m_messageLabel->clear();
        }
    } else if (problems.isEmpty()) {
        m_messageLabel->setStyleSheet(QString());
        m_messageLabel->setText(tr("Unsaved changes."));
    } else {
        m_messageLabel->setStyleSheet(QStringLiteral("color: #d93026;"));
        m_messageLabel->setText(tr("Correct the fields marked in red, then save."));
    }
}

void OrderSettingsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void OrderSettingsPage::retranslateUi()
{
    m_titleLabel->setText(tr("Ordering"));
    m_descriptionLabel->setText(tr("How customers order in the mini-program: ways of handing orders over, the "
                                   "delivery fee, timers, checkout questions and SMS notices."));
    m_readOnlyLabel->setText(tr("Only the shop owner can change these settings."));
    m_wechatPushButton->setText(tr("WeChat mini-program and payment…"));
    m_wechatPushButton->setToolTip(tr("AppID, AppSecret and the WeChat Pay merchant credentials (online only)"));

    m_fulfilmentGroupBox->setTitle(tr("Handing orders over"));
    m_deliveryCheckBox->setText(tr("&Delivery to the customer's address"));
    m_pickupCheckBox->setText(tr("Self-&pickup at the shop"));
    m_pickupAddressLabel->setText(tr("Pickup &address:"));
    m_pickupAddressLineEdit->setPlaceholderText(tr("Where customers collect their orders"));
    m_inStoreCheckBox->setText(tr("&In-store service (appointment)"));
    m_codCheckBox->setText(tr("Cash on deli&very"));

    m_feeGroupBox->setTitle(tr("Delivery fee"));
    m_deliveryFeeLabel->setText(tr("&Fee (yuan):"));
    m_deliveryFeeLineEdit->setPlaceholderText(tr("e.g. 5.00; 0 = free"));
    m_thresholdLabel->setText(tr("Free from (&yuan):"));
    m_thresholdLineEdit->setPlaceholderText(tr("e.g. 49.00; 0 = never free"));

    m_timersGroupBox->setTitle(tr("Timers"));
    m_closeUnpaidLabel->setText(tr("Close &unpaid orders after:"));
    m_closeUnpaidSpinBox->setSuffix(tr(" min"));
    m_autoCompleteLabel->setText(tr("&Complete shipped orders after:"));
    m_autoCompleteSpinBox->setSuffix(tr(" days"));
    m_afterSalesLabel->setText(tr("After-&sales window:"));
    m_afterSalesSpinBox->setSuffix(tr(" days"));
    m_afterSalesSpinBox->setSpecialValueText(tr("none"));

    m_fieldsGroupBox->setTitle(tr("Checkout questions"));
    m_fieldsHintLabel->setText(tr("Extra questions at checkout, e.g. delivery time slot or invoice title. Separate "
                                  "the options of a choice with commas."));
    m_fieldsTableWidget->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Required"), tr("Options")});
    const QStringList typeTexts{
        tr("Text"), tr("Number"), tr("Phone"), tr("Date"), tr("Single choice"), tr("Multiple choice")};
    for (int row = 0; row < m_fieldsTableWidget->rowCount(); ++row) {
        if (auto* combo = qobject_cast<QComboBox*>(m_fieldsTableWidget->cellWidget(row, TypeColumn))) {
            for (int i = 0; i < typeTexts.size() && i < combo->count(); ++i)
                combo->setItemText(i, typeTexts.at(i));
        }
    }
    m_addFieldPushButton->setText(tr("Add"));
    m_removeFieldPushButton->setText(tr("Remove"));
    m_moveFieldUpPushButton->setText(tr("Up"));
    m_moveFieldDownPushButton->setText(tr("Down"));

    m_smsGroupBox->setTitle(tr("SMS notices"));
    m_smsMerchantNewOrderCheckBox->setText(tr("Text &me when a new order is paid"));
    m_merchantPhoneLabel->setText(tr("&My mobile:"));
    m_merchantPhoneLineEdit->setPlaceholderText(tr("e.g. 13800138000"));
    m_smsCustomerPaidCheckBox->setText(tr("Text the customer when the payment arrives"));
    m_smsCustomerShippedCheckBox->setText(tr("Text the customer when the order ships"));

    m_revertPushButton->setText(tr("&Revert"));
    m_savePushButton->setText(tr("&Save"));
}

} // namespace xd
