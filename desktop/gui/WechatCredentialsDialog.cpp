#include "WechatCredentialsDialog.h"

#include "AdminApiClient.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace xd {

namespace {

const QString kAppId = QStringLiteral("appId");
const QString kAppSecret = QStringLiteral("appSecret");
const QString kMchId = QStringLiteral("mchId");
const QString kMchSerialNo = QStringLiteral("mchSerialNo");
const QString kMchPrivateKeyPem = QStringLiteral("mchPrivateKeyPem");
const QString kApiV3Key = QStringLiteral("apiV3Key");
const QString kPlatformSerialNo = QStringLiteral("platformSerialNo");
const QString kPlatformPublicKeyPem = QStringLiteral("platformPublicKeyPem");

template <typename T> T* named(T* widget, const QString& objectName)
{
    widget->setObjectName(objectName);
    return widget;
}

QLineEdit* secretLineEdit(const QString& objectName, QWidget* parent)
{
    auto* edit = named(new QLineEdit(parent), objectName);
    edit->setEchoMode(QLineEdit::Password);
    edit->setAttribute(Qt::WA_InputMethodEnabled, false);
    return edit;
}

} // namespace

WechatCredentialsDialog::WechatCredentialsDialog(AdminApiClient& api, const AccountSession& session, QWidget* parent)
    : QDialog(parent), m_api(api), m_session(session)
{
    setWindowTitle(tr("WeChat mini-program and payment"));
    m_chooseFile = [this](const QString& caption) {
        return QFileDialog::getOpenFileName(
            this, caption, QString(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    };

    m_statusLabel = named(new QLabel(this), QStringLiteral("credentialsStatusLabel"));
    m_statusLabel->setWordWrap(true);

    auto* loginGroupBox = new QGroupBox(tr("Mini-program (customer login)"), this);
    m_appIdLineEdit = named(new QLineEdit(loginGroupBox), QStringLiteral("appIdLineEdit"));
    m_appIdLineEdit->setPlaceholderText(tr("wx followed by 16 letters or digits"));
    m_appSecretLineEdit = secretLineEdit(QStringLiteral("appSecretLineEdit"), loginGroupBox);
    m_appSecretStateLabel = named(new QLabel(loginGroupBox), QStringLiteral("appSecretStateLabel"));
    auto* appSecretLayout = new QHBoxLayout;
    appSecretLayout->addWidget(m_appSecretLineEdit, 1);
    appSecretLayout->addWidget(m_appSecretStateLabel);
    appSecretLayout->addWidget(addRemoveButton(kAppSecret, m_appSecretStateLabel, m_appSecretLineEdit));
    auto* loginLayout = new QFormLayout(loginGroupBox);
    loginLayout->addRow(tr("AppID:"), m_appIdLineEdit);
    loginLayout->addRow(tr("AppSecret:"), appSecretLayout);

    auto* payGroupBox = new QGroupBox(tr("WeChat Pay (merchant)"), this);
    m_mchIdLineEdit = named(new QLineEdit(payGroupBox), QStringLiteral("mchIdLineEdit"));
    m_mchSerialNoLineEdit = named(new QLineEdit(payGroupBox), QStringLiteral("mchSerialNoLineEdit"));
    m_mchPrivateKeyStateLabel = named(new QLabel(payGroupBox), QStringLiteral("mchPrivateKeyStateLabel"));
    m_mchPrivateKeyPushButton =
        named(new QPushButton(tr("Load from file…"), payGroupBox), QStringLiteral("mchPrivateKeyPushButton"));
    auto* privateKeyLayout = new QHBoxLayout;
    privateKeyLayout->addWidget(m_mchPrivateKeyStateLabel, 1);
    privateKeyLayout->addWidget(m_mchPrivateKeyPushButton);
    privateKeyLayout->addWidget(addRemoveButton(kMchPrivateKeyPem, m_mchPrivateKeyStateLabel, nullptr));
    m_apiV3KeyLineEdit = secretLineEdit(QStringLiteral("apiV3KeyLineEdit"), payGroupBox);
    m_apiV3KeyStateLabel = named(new QLabel(payGroupBox), QStringLiteral("apiV3KeyStateLabel"));
    auto* apiV3Layout = new QHBoxLayout;
    apiV3Layout->addWidget(m_apiV3KeyLineEdit, 1);
    apiV3Layout->addWidget(m_apiV3KeyStateLabel);
    apiV3Layout->addWidget(addRemoveButton(kApiV3Key, m_apiV3KeyStateLabel, m_apiV3KeyLineEdit));
    m_platformSerialNoLineEdit = named(new QLineEdit(payGroupBox), QStringLiteral("platformSerialNoLineEdit"));
    m_platformPublicKeyStateLabel = named(new QLabel(payGroupBox), QStringLiteral("platformPublicKeyStateLabel"));
    m_platformPublicKeyPushButton =
        named(new QPushButton(tr("Load from file…"), payGroupBox), QStringLiteral("platformPublicKeyPushButton"));
    auto* publicKeyLayout = new QHBoxLayout;
    publicKeyLayout->addWidget(m_platformPublicKeyStateLabel, 1);
    publicKeyLayout->addWidget(m_platformPublicKeyPushButton);
    publicKeyLayout->addWidget(addRemoveButton(kPlatformPublicKeyPem, m_platformPublicKeyStateLabel, nullptr));
    auto* payLayout = new QFormLayout(payGroupBox);
    payLayout->addRow(tr("Merchant ID:"), m_mchIdLineEdit);
    payLayout->addRow(tr("API certificate serial:"), m_mchSerialNoLineEdit);
    payLayout->addRow(tr("API private key:"), privateKeyLayout);
    payLayout->addRow(tr("APIv3 key:"), apiV3Layout);
    payLayout->addRow(tr("Platform serial / key ID:"), m_platformSerialNoLineEdit);
    payLayout->addRow(tr("Platform public key:"), publicKeyLayout);

    auto* hint = new QLabel(tr("Secrets are sent to your server only and never shown again. Leave a secret empty to "
                               "keep the one already set."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_messageLabel = named(new QLabel(this), QStringLiteral("credentialsMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_savePushButton = named(new QPushButton(tr("&Save"), this), QStringLiteral("saveCredentialsPushButton"));
    m_savePushButton->setDefault(true);
    m_closePushButton = named(new QPushButton(tr("&Close"), this), QStringLiteral("closeCredentialsPushButton"));
    auto* buttonsLayout = new QHBoxLayout;
    buttonsLayout->addWidget(m_messageLabel, 1);
    buttonsLayout->addWidget(m_savePushButton);
    buttonsLayout->addWidget(m_closePushButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_statusLabel);
    layout->addWidget(loginGroupBox);
    layout->addWidget(payGroupBox);
    layout->addWidget(hint);
    layout->addLayout(buttonsLayout);
    resize(560, sizeHint().height());

    connect(m_savePushButton, &QPushButton::clicked, this, &WechatCredentialsDialog::save);
    connect(m_closePushButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_mchPrivateKeyPushButton, &QPushButton::clicked, this, [this] {
        loadPem(&m_mchPrivateKeyPem, m_mchPrivateKeyStateLabel);
    });
    connect(m_platformPublicKeyPushButton, &QPushButton::clicked, this, [this] {
        loadPem(&m_platformPublicKeyPem, m_platformPublicKeyStateLabel);
    });
    showConfigured({});
    reload();
}

WechatCredentialsDialog::~WechatCredentialsDialog() = default;

QPushButton* WechatCredentialsDialog::addRemoveButton(const QString& key, QLabel* stateLabel, QLineEdit* lineEdit)
{
    // Removing a secret turns off what needs it (login or pay); typing or loading a new one cancels the removal.
    auto* button = named(new QPushButton(tr("Remove"), this), key + QStringLiteral("RemovePushButton"));
    m_removeButtons.insert(key, button);
    connect(button, &QPushButton::clicked, this, [this, key, stateLabel, lineEdit] {
        m_removed.insert(key);
        if (lineEdit)
            lineEdit->clear();
        if (key == kMchPrivateKeyPem)
            m_mchPrivateKeyPem.clear();
        if (key == kPlatformPublicKeyPem)
            m_platformPublicKeyPem.clear();
        stateLabel->setText(tr("will be removed"));
    });
    if (lineEdit) {
        connect(lineEdit, &QLineEdit::textEdited, this, [this, key] { m_removed.remove(key); });
    }
    return button;
}

void WechatCredentialsDialog::setFileChooser(std::function<QString(const QString&)> chooser)
{
    m_chooseFile = std::move(chooser);
}

void WechatCredentialsDialog::reload()
{
    setBusy(true);
    m_statusLabel->setText(tr("Reading what is configured…"));
    QPointer<WechatCredentialsDialog> self(this);
    m_api.wechatCredentials(m_session, [self](Result<QJsonObject> answer) {
        if (!self)
            return;
        self->setBusy(false);
        if (!answer) {
            self->m_statusLabel->setText(tr("Cannot read the settings: %1").arg(answer.error().message));
            return;
        }
        self->showConfigured(*answer);
    });
}

void WechatCredentialsDialog::showConfigured(const QJsonObject& view)
{
    m_configured = view;
    m_appIdLineEdit->setText(view.value(kAppId).toString());
    m_mchIdLineEdit->setText(view.value(kMchId).toString());
    m_mchSerialNoLineEdit->setText(view.value(kMchSerialNo).toString());
    m_platformSerialNoLineEdit->setText(view.value(kPlatformSerialNo).toString());
    // Secrets: never prefilled, only whether one is set.
    m_appSecretLineEdit->clear();
    m_apiV3KeyLineEdit->clear();
    m_mchPrivateKeyPem.clear();
    m_platformPublicKeyPem.clear();
    m_removed.clear();
    for (auto it = m_removeButtons.cbegin(); it != m_removeButtons.cend(); ++it) {
        const QString flag = it.key() == kMchPrivateKeyPem       ? QStringLiteral("mchPrivateKeySet")
                             : it.key() == kPlatformPublicKeyPem ? QStringLiteral("platformPublicKeySet")
                                                                 : it.key() + QStringLiteral("Set");
        it.value()->setEnabled(view.value(flag).toBool());
    }
    auto state = [](bool set) {
        return set ? tr("set") : tr("not set");
    };
    m_appSecretStateLabel->setText(state(view.value(QStringLiteral("appSecretSet")).toBool()));
    m_apiV3KeyStateLabel->setText(state(view.value(QStringLiteral("apiV3KeySet")).toBool()));
    m_mchPrivateKeyStateLabel->setText(state(view.value(QStringLiteral("mchPrivateKeySet")).toBool()));
    m_platformPublicKeyStateLabel->setText(state(view.value(QStringLiteral("platformPublicKeySet")).toBool()));
    m_appSecretLineEdit->setPlaceholderText(
        view.value(QStringLiteral("appSecretSet")).toBool() ? tr("Unchanged") : tr("32 letters or digits"));
    m_apiV3KeyLineEdit->setPlaceholderText(view.value(QStringLiteral("apiV3KeySet")).toBool() ? tr("Unchanged")
                                                                                              : tr("32 characters"));
    if (view.isEmpty())
        return;
    const bool login = view.value(QStringLiteral("loginConfigured")).toBool();
    const bool pay = view.value(QStringLiteral("payConfigured")).toBool();
    m_statusLabel->setText(
        login && pay ? tr("Customer login and WeChat Pay are configured.")
        : login      ? tr("Customer login is configured; WeChat Pay is not (customers cannot pay online yet).")
                     : tr("Not configured: customers cannot sign in to the mini-program yet."));
}

QJsonObject WechatCredentialsDialog::changes() const
{
    QJsonObject body;
    auto changedText = [&](const QString& key, const QLineEdit* edit) {
        const QString text = edit->text().trimmed();
        if (text != m_configured.value(key).toString())
            body.insert(key, text); // "" clears
    };
    changedText(kAppId, m_appIdLineEdit);
    changedText(kMchId, m_mchIdLineEdit);
    changedText(kMchSerialNo, m_mchSerialNoLineEdit);
    changedText(kPlatformSerialNo, m_platformSerialNoLineEdit);
    if (!m_appSecretLineEdit->text().isEmpty())
        body.insert(kAppSecret, m_appSecretLineEdit->text().trimmed());
    if (!m_apiV3KeyLineEdit->text().isEmpty())
        body.insert(kApiV3Key, m_apiV3KeyLineEdit->text()); // its bytes are the key: not trimmed
    if (!m_mchPrivateKeyPem.isEmpty())
        body.insert(kMchPrivateKeyPem, m_mchPrivateKeyPem);
    if (!m_platformPublicKeyPem.isEmpty())
        body.insert(kPlatformPublicKeyPem, m_platformPublicKeyPem);
    for (const QString& key : m_removed) {
        if (!body.contains(key))
            body.insert(key, QString()); // "" clears it on the server
    }
    return body;
}

void WechatCredentialsDialog::save()
{
    const QJsonObject body = changes();
    if (body.isEmpty()) {
        showMessage(tr("Nothing to save."), false);
        return;
    }
    setBusy(true);
    showMessage(tr("Saving…"), false);
    QPointer<WechatCredentialsDialog> self(this);
    m_api.updateWechatCredentials(m_session, body, [self](Result<QJsonObject> answer) {
        if (!self)
            return;
        self->setBusy(false);
        if (!answer) {
            // The server's words, as they are: they name the field (e.g. "appSecret must be 32 letters or digits").
            self->showMessage(answer.error().code == ErrorCode::Unavailable
                                  ? tr("Not saved: the server cannot be reached. These settings are saved online "
                                       "only.")
                                  : tr("Not saved: %1").arg(answer.error().message),
                              true);
            return;
        }
        self->showConfigured(*answer);
        self->showMessage(tr("Saved."), false);
    });
}

void WechatCredentialsDialog::loadPem(QString* target, QLabel* label)
{
    const QString path = m_chooseFile(tr("Choose a PEM file"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("\"%1\" cannot be read: %2").arg(QFileInfo(path).fileName(), file.errorString()), true);
        return;
    }
    if (file.size() > MaxPemBytes) {
        showMessage(tr("\"%1\" is too large for a key file.").arg(QFileInfo(path).fileName()), true);
        return;
    }
    const QString text = QString::fromLatin1(file.readAll());
    if (!text.contains(QLatin1String("-----BEGIN "))) {
        showMessage(tr("\"%1\" is not a PEM file (it has no \"-----BEGIN\" line).").arg(QFileInfo(path).fileName()),
                    true);
        return;
    }
    *target = text;
    m_removed.remove(target == &m_mchPrivateKeyPem ? kMchPrivateKeyPem : kPlatformPublicKeyPem);
    label->setText(tr("will be replaced by %1").arg(QFileInfo(path).fileName()));
    showMessage(QString(), false);
}

void WechatCredentialsDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_savePushButton->setEnabled(!busy);
}

void WechatCredentialsDialog::showMessage(const QString& text, bool problem)
{
    m_messageLabel->setText(text);
    m_messageLabel->setStyleSheet(problem ? QStringLiteral("color: #d93026;") : QString());
}

} // namespace xd
