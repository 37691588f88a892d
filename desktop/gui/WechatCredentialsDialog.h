#pragma once

#include "AccountSession.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QSet>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace xd {

class AdminApiClient;

// The shop's WeChat credentials (owner only, online only; docs/desktop-settings.md): the mini-program's AppID and
// AppSecret, and the WeChat Pay merchant's id, API certificate serial and private key, APIv3 key and the platform's
// serial and public key. It reads what is configured (GET /admin/v1/shops/{shopId}/wechat: ids and serials, and
// whether each secret is set) and sends only what the owner entered (PUT). Secrets are never shown or prefilled, and
// never stored on this computer: no outbox, no cache. PEM keys are loaded from files; "Remove" clears a secret.
class WechatCredentialsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WechatCredentialsDialog)

public:
    // Largest PEM file accepted (a 4096-bit key or a certificate chain is a few KiB).
    static constexpr qint64 MaxPemBytes = 64 * 1024;

    WechatCredentialsDialog(AdminApiClient& api, const AccountSession& session, QWidget* parent = nullptr);
    ~WechatCredentialsDialog() override;

    // Asks for a file to open; "" = cancelled. Tests answer it; the default is QFileDialog.
    void setFileChooser(std::function<QString(const QString& caption)> chooser);

    // The PUT body for what the owner entered or changed; empty when nothing.
    QJsonObject changes() const;
    // The last answer of the server (the public view), empty before it came.
    QJsonObject configured() const { return m_configured; }
    bool isBusy() const { return m_busy; }

public slots:
    void reload();
    // Sends changes(); the answer refreshes the view, or its error is shown.
    void save();

private:
    void loadPem(QString* target, QLabel* label);
    QPushButton* addRemoveButton(const QString& key, QLabel* stateLabel, QLineEdit* lineEdit);
    void showConfigured(const QJsonObject& view);
    void setBusy(bool busy);
    void showMessage(const QString& text, bool problem);

    AdminApiClient& m_api;
    AccountSession m_session;
    std::function<QString(const QString&)> m_chooseFile;
    QJsonObject m_configured;
    QString m_mchPrivateKeyPem;
    QString m_platformPublicKeyPem;
    bool m_busy = false;
    QSet<QString> m_removed; // secrets to clear on save
    QHash<QString, QPushButton*> m_removeButtons;

    QLabel* m_statusLabel = nullptr;
    QLineEdit* m_appIdLineEdit = nullptr;
    QLineEdit* m_appSecretLineEdit = nullptr;
    QLabel* m_appSecretStateLabel = nullptr;
    QLineEdit* m_mchIdLineEdit = nullptr;
    QLineEdit* m_mchSerialNoLineEdit = nullptr;
    QLabel* m_mchPrivateKeyStateLabel = nullptr;
    QPushButton* m_mchPrivateKeyPushButton = nullptr;
    QLineEdit* m_apiV3KeyLineEdit = nullptr;
    QLabel* m_apiV3KeyStateLabel = nullptr;
    QLineEdit* m_platformSerialNoLineEdit = nullptr;
    QLabel* m_platformPublicKeyStateLabel = nullptr;
    QPushButton* m_platformPublicKeyPushButton = nullptr;
    QLabel* m_messageLabel = nullptr;
    QPushButton* m_savePushButton = nullptr;
    QPushButton* m_closePushButton = nullptr;
};

} // namespace xd
