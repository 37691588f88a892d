#pragma once

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QEvent;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace xd {

class OrderSettingsService;

// How the shop takes orders (docs/desktop-settings.md): fulfilment modes and cash on delivery, the delivery fee rule
// (yuan, parsed by xd::Money), the order timers, the custom checkout fields and the SMS notices. It edits through an
// OrderSettingsService (queued, works offline); input is checked while typing with the server's rules and problems
// show next to their field. A clerk sees everything read-only. The owner also reaches the WeChat credentials dialog
// from here (wechatCredentialsRequested).
class OrderSettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderSettingsPage)

public:
    explicit OrderSettingsPage(QWidget* parent = nullptr);
    ~OrderSettingsPage() override;

    // nullptr when signed out. The page does not own the service.
    void setService(OrderSettingsService* service);

    // The orderSettings.update arguments for what differs from the settings shown; money fields that cannot be read
    // are kept as their text (so save() reports them).
    QJsonObject changes() const;
    bool hasChanges() const;
    // Problems of the fields on screen, by wire field ("modes" for the fulfilment modes); empty when all is well.
    QHash<QString, QString> fieldProblems() const;

signals:
    void wechatCredentialsRequested();

public slots:
    // Checks and queues the changes; shows what is wrong instead (next to the field) when something is.
    bool save();
    void revert();

protected:
    void changeEvent(QEvent* event) override;

private slots:
    void updateState();
    void reload();

private:
    void retranslateUi();
    void showSettings(const QJsonObject& settings, const QStringList& keepKeys = {});
    void showField(const QString& key, const QJsonValue& value);
    QJsonObject editedValues() const;
    QJsonArray customFieldsOnScreen() const;
    void addFieldRow(const QJsonObject& field);
    void moveCurrentField(int delta);
    void setEditable(bool editable);
    void showProblems(const QHash<QString, QString>& problems);

    QPointer<OrderSettingsService> m_service;
    QJsonObject m_shown; // the values shown after the last reload()/save(): the reference for "changed"
    bool m_loading = false;
    bool m_editable = false;
    bool m_savedShown = false; // "Saved." stays until the next change

    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QLabel* m_readOnlyLabel = nullptr;
    QPushButton* m_wechatPushButton = nullptr;

    QGroupBox* m_fulfilmentGroupBox = nullptr;
    QCheckBox* m_deliveryCheckBox = nullptr;
    QCheckBox* m_pickupCheckBox = nullptr;
    QLabel* m_pickupAddressLabel = nullptr;
    QLineEdit* m_pickupAddressLineEdit = nullptr;
    QLabel* m_pickupAddressErrorLabel = nullptr;
    QCheckBox* m_inStoreCheckBox = nullptr;
    QCheckBox* m_codCheckBox = nullptr;
    QLabel* m_modesErrorLabel = nullptr;

    QGroupBox* m_feeGroupBox = nullptr;
    QLabel* m_deliveryFeeLabel = nullptr;
    QLineEdit* m_deliveryFeeLineEdit = nullptr;
    QLabel* m_deliveryFeeErrorLabel = nullptr;
    QLabel* m_thresholdLabel = nullptr;
    QLineEdit* m_thresholdLineEdit = nullptr;
    QLabel* m_thresholdErrorLabel = nullptr;

    QGroupBox* m_timersGroupBox = nullptr;
    QLabel* m_closeUnpaidLabel = nullptr;
    QSpinBox* m_closeUnpaidSpinBox = nullptr;
    QLabel* m_autoCompleteLabel = nullptr;
    QSpinBox* m_autoCompleteSpinBox = nullptr;
    QLabel* m_afterSalesLabel = nullptr;
    QSpinBox* m_afterSalesSpinBox = nullptr;

    QGroupBox* m_fieldsGroupBox = nullptr;
    QLabel* m_fieldsHintLabel = nullptr;
    QTableWidget* m_fieldsTableWidget = nullptr;
    QPushButton* m_addFieldPushButton = nullptr;
    QPushButton* m_removeFieldPushButton = nullptr;
    QPushButton* m_moveFieldUpPushButton = nullptr;
    QPushButton* m_moveFieldDownPushButton = nullptr;
    QLabel* m_fieldsErrorLabel = nullptr;

    QGroupBox* m_smsGroupBox = nullptr;
    QCheckBox* m_smsMerchantNewOrderCheckBox = nullptr;
    QLabel* m_merchantPhoneLabel = nullptr;
    QLineEdit* m_merchantPhoneLineEdit = nullptr;
    QLabel* m_merchantPhoneErrorLabel = nullptr;
    QCheckBox* m_smsCustomerPaidCheckBox = nullptr;
    QCheckBox* m_smsCustomerShippedCheckBox = nullptr;

    QLabel* m_messageLabel = nullptr;
    QPushButton* m_revertPushButton = nullptr;
    QPushButton* m_savePushButton = nullptr;
};

} // namespace xd
