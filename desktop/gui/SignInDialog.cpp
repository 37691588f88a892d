#include "SignInDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

namespace xd {

SignInDialog::SignInDialog(SignInFunction signIn, QWidget* parent) : QDialog(parent), m_signIn(std::move(signIn))
{
    Q_ASSERT(m_signIn);

    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("titleLabel"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);

    const auto makeField = [this](const QString& name, QLabel** label, QLineEdit** lineEdit) {
        *label = new QLabel(this);
        (*label)->setObjectName(name + QStringLiteral("Label"));
        *lineEdit = new QLineEdit(this);
        (*lineEdit)->setObjectName(name + QStringLiteral("LineEdit"));
        (*label)->setBuddy(*lineEdit);
        connect(*lineEdit, &QLineEdit::textEdited, this, [this] { m_errorLabel->hide(); });
    };
    makeField(QStringLiteral("server"), &m_serverLabel, &m_serverLineEdit);
    makeField(QStringLiteral("shop"), &m_shopLabel, &m_shopLineEdit);
    makeField(QStringLiteral("login"), &m_loginLabel, &m_loginLineEdit);
    makeField(QStringLiteral("password"), &m_passwordLabel, &m_passwordLineEdit);
    m_serverLineEdit->setText(defaultServerUrl().toString());
    m_passwordLineEdit->setEchoMode(QLineEdit::Password);

    m_rememberCheckBox = new QCheckBox(this);
    m_rememberCheckBox->setObjectName(QStringLiteral("rememberCheckBox"));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #d93026; background: #fff1f0; border: 1px solid "
                                               "#ffccc7; border-radius: 4px; padding: 6px; }"));
    m_errorLabel->hide();

    m_busyProgressBar = new QProgressBar(this);
    m_busyProgressBar->setObjectName(QStringLiteral("busyProgressBar"));
    m_busyProgressBar->setRange(0, 0); // no known end: a moving bar
    m_busyProgressBar->setTextVisible(false);
    m_busyProgressBar->setFixedSize(80, 10);
    m_busyLabel = new QLabel(this);
    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyLabel->setForegroundRole(QPalette::PlaceholderText);

    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttonBox->setObjectName(QStringLiteral("buttonBox"));
    m_buttonBox->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("signInPushButton"));
    m_buttonBox->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelPushButton"));
    connect(m_buttonBox, &QDialogButtonBox::accepted, this, &SignInDialog::signIn);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    auto* formLayout = new QFormLayout;
    formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    formLayout->addRow(m_serverLabel, m_serverLineEdit);
    formLayout->addRow(m_shopLabel, m_shopLineEdit);
    formLayout->addRow(m_loginLabel, m_loginLineEdit);
    formLayout->addRow(m_passwordLabel, m_passwordLineEdit);
    formLayout->addRow(QString(), m_rememberCheckBox);

    auto* bottomLayout = new QHBoxLayout;
    bottomLayout->addWidget(m_busyProgressBar);
    bottomLayout->addWidget(m_busyLabel);
    bottomLayout->addStretch(1);
    bottomLayout->addWidget(m_buttonBox);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(12);
    layout->addWidget(m_titleLabel);
    layout->addLayout(formLayout);
    layout->addWidget(m_errorLabel);
    layout->addLayout(bottomLayout);
    setMinimumWidth(440);

    retranslateUi();
    setBusy(false);
    m_shopLineEdit->setFocus();
}

SignInDialog::~SignInDialog() = default;

QUrl SignInDialog::defaultServerUrl()
{
    return QUrl(QStringLiteral("http://127.0.0.1:8080"));
}

QString SignInDialog::wrongCredentialsMessage()
{
    return tr("The shop, user name or password is not correct, or the account is disabled.");
}

QString SignInDialog::serverUnreachableMessage()
{
    return tr("Cannot reach the server. Check the address and the network connection.");
}

void SignInDialog::setCredentials(const Credentials& credentials)
{
    if (!credentials.serverUrl.isEmpty()) {
        m_serverLineEdit->setText(credentials.serverUrl.toString());
    }
    m_shopLineEdit->setText(credentials.shop);
    m_loginLineEdit->setText(credentials.login);
    m_passwordLineEdit->setText(credentials.password);
    m_rememberCheckBox->setChecked(credentials.remember);
    // Start where there is something left to type.
    for (QLineEdit* field : {m_serverLineEdit, m_shopLineEdit, m_loginLineEdit, m_passwordLineEdit}) {
        if (field->text().trimmed().isEmpty()) {
            field->setFocus();
            return;
        }
    }
    m_passwordLineEdit->setFocus();
}

SignInDialog::Credentials SignInDialog::credentials() const
{
    Credentials result;
    result.serverUrl = QUrl(m_serverLineEdit->text().trimmed(), QUrl::StrictMode);
    result.shop = m_shopLineEdit->text().trimmed();
    result.login = m_loginLineEdit->text().trimmed();
    result.password = m_passwordLineEdit->text();
    result.remember = m_rememberCheckBox->isChecked();
    return result;
}

bool SignInDialog::isBusy() const
{
    return m_busy;
}

void SignInDialog::showError(const QString& error)
{
    m_errorLabel->setText(error);
    m_errorLabel->setVisible(!error.isEmpty());
}

void SignInDialog::signIn()
{
    if (m_busy) {
        return;
    }
    QLineEdit* field = nullptr;
    const QString problem = this->problem(&field);
    if (!problem.isEmpty()) {
        showError(problem);
        if (field) {
            field->setFocus();
            field->selectAll();
        }
        return;
    }
    showError(QString());
    setBusy(true);
    const quint64 attempt = ++m_attempt;
    QPointer<SignInDialog> self(this);
    m_signIn(credentials(), [self, attempt](const QString& error) {
        if (self) {
            self->finish(attempt, error);
        }
    });
}

void SignInDialog::reject()
{
    // Cancel works while signing in too; the late answer is then ignored.
    ++m_attempt;
    setBusy(false);
    QDialog::reject();
}

void SignInDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget* field : std::initializer_list<QWidget*>{
             m_serverLineEdit, m_shopLineEdit, m_loginLineEdit, m_passwordLineEdit, m_rememberCheckBox}) {
        field->setEnabled(!busy);
    }
    m_buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_busyProgressBar->setVisible(busy);
    m_busyLabel->setVisible(busy);
}

void SignInDialog::finish(quint64 attempt, const QString& error)
{
    if (attempt != m_attempt || !m_busy) {
        return;
    }
    setBusy(false);
    if (error.isEmpty()) {
        accept();
        return;
    }
    showError(error);
    // The usual fix is the password; the server does not say which field was wrong, so no field is marked.
    m_passwordLineEdit->setFocus();
    m_passwordLineEdit->selectAll();
}

QString SignInDialog::problem(QLineEdit** field) const
{
    const QString serverText = m_serverLineEdit->text().trimmed();
    const QUrl server(serverText, QUrl::StrictMode);
    *field = m_serverLineEdit;
    if (serverText.isEmpty()) {
        return tr("Enter the server address, e.g. %1.").arg(defaultServerUrl().toString());
    }
    const QString scheme = server.scheme().toLower();
    if (!server.isValid() || (scheme != QLatin1StringView("http") && scheme != QLatin1StringView("https")) ||
        server.host().isEmpty()) {
        return tr("The server address must start with http:// or https://, e.g. %1.")
            .arg(defaultServerUrl().toString());
    }
    *field = m_shopLineEdit;
    if (m_shopLineEdit->text().trimmed().isEmpty()) {
        return tr("Enter the shop's name or ID.");
    }
    *field = m_loginLineEdit;
    if (m_loginLineEdit->text().trimmed().isEmpty()) {
        return tr("Enter your user name.");
    }
    *field = m_passwordLineEdit;
    if (m_passwordLineEdit->text().isEmpty()) {
        return tr("Enter your password.");
    }
    *field = nullptr;
    return QString();
}

void SignInDialog::retranslateUi()
{
    setWindowTitle(tr("Sign in to Xiaodian"));
    m_titleLabel->setText(tr("Sign in to your shop"));
    m_serverLabel->setText(tr("Se&rver:"));
    m_serverLineEdit->setPlaceholderText(defaultServerUrl().toString());
    m_shopLabel->setText(tr("S&hop:"));
    m_shopLineEdit->setPlaceholderText(tr("Shop name or ID"));
    m_loginLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_rememberCheckBox->setText(tr("&Remember me on this computer"));
    m_rememberCheckBox->setToolTip(tr("Stay signed in next time. Do not use on a shared computer."));
    m_busyLabel->setText(tr("Signing in…"));
    m_buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Sign in"));
    m_buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}

} // namespace xd
