#include "StaffAddDialog.h"

#include "StaffPasswordDialog.h"
#include "xiaodian/Permissions.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace xd {

namespace {

// What the server accepts (syncserver StaffCommands).
constexpr int MaxLoginLength = 64;
constexpr int MaxDisplayNameLength = 50;

} // namespace

StaffAddDialog::StaffAddDialog(const QStringList& takenLogins, QWidget* parent)
    : QDialog(parent), m_takenLogins(takenLogins)
{
    setWindowTitle(tr("Add staff member"));

    m_loginLineEdit = new QLineEdit(this);
    m_loginLineEdit->setObjectName(QStringLiteral("loginLineEdit"));
    m_loginLineEdit->setMaxLength(MaxLoginLength);
    m_loginLineEdit->setPlaceholderText(tr("Used to sign in, e.g. xiaoli"));
    m_displayNameLineEdit = new QLineEdit(this);
    m_displayNameLineEdit->setObjectName(QStringLiteral("displayNameLineEdit"));
    m_displayNameLineEdit->setMaxLength(MaxDisplayNameLength);
    m_displayNameLineEdit->setPlaceholderText(tr("Shown to colleagues and in chats, e.g. 小李"));

    m_roleComboBox = new QComboBox(this);
    m_roleComboBox->setObjectName(QStringLiteral("roleComboBox"));
    m_roleComboBox->addItem(tr("Clerk"), roleName(Role::Clerk));
    m_roleComboBox->addItem(tr("Owner"), roleName(Role::Owner));
    m_roleHintLabel = new QLabel(this);
    m_roleHintLabel->setObjectName(QStringLiteral("roleHintLabel"));
    m_roleHintLabel->setWordWrap(true);
    m_roleHintLabel->setForegroundRole(QPalette::PlaceholderText);
    const auto updateRoleHint = [this] {
        m_roleHintLabel->setText(m_roleComboBox->currentData().toString() == roleName(Role::Owner)
                                     ? tr("Owners manage staff and every setting.")
                                     : tr("Clerks work with orders, products and customers, but cannot manage "
                                          "staff."));
    };
    connect(m_roleComboBox, &QComboBox::currentIndexChanged, this, updateRoleHint);
    updateRoleHint();

    m_passwordLineEdit = new QLineEdit(this);
    m_passwordLineEdit->setObjectName(QStringLiteral("passwordLineEdit"));
    m_passwordLineEdit->setEchoMode(QLineEdit::Password);
    m_passwordLineEdit->setMaxLength(StaffPasswordDialog::MaximumPasswordLength);
    m_passwordLineEdit->setPlaceholderText(
        tr("At least %n characters", nullptr, StaffPasswordDialog::MinimumPasswordLength));
    m_confirmLineEdit = new QLineEdit(this);
    m_confirmLineEdit->setObjectName(QStringLiteral("confirmLineEdit"));
    m_confirmLineEdit->setEchoMode(QLineEdit::Password);
    m_confirmLineEdit->setMaxLength(StaffPasswordDialog::MaximumPasswordLength);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #d93026;"));
    m_problemLabel->hide();

    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttonBox->setObjectName(QStringLiteral("buttonBox"));
    m_buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    connect(m_buttonBox, &QDialogButtonBox::accepted, this, &StaffAddDialog::accept);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &StaffAddDialog::reject);

    auto* formLayout = new QFormLayout;
    formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    formLayout->addRow(tr("Login:"), m_loginLineEdit);
    formLayout->addRow(tr("Name:"), m_displayNameLineEdit);
    formLayout->addRow(tr("Role:"), m_roleComboBox);
    formLayout->addRow(QString(), m_roleHintLabel);
    formLayout->addRow(tr("Password:"), m_passwordLineEdit);
    formLayout->addRow(tr("Repeat password:"), m_confirmLineEdit);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(formLayout);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_buttonBox);
    setMinimumWidth(420);
}

StaffAddDialog::~StaffAddDialog() = default;

QJsonObject StaffAddDialog::arguments() const
{
    const QString login = m_loginLineEdit->text().trimmed();
    const QString displayName = m_displayNameLineEdit->text().trimmed();
    return QJsonObject{{QStringLiteral("login"), login},
                       {QStringLiteral("displayName"), displayName.isEmpty() ? login : displayName},
                       {QStringLiteral("role"), m_roleComboBox->currentData().toString()},
                       {QStringLiteral("password"), m_passwordLineEdit->text()}};
}

void StaffAddDialog::accept()
{
    const QString problem = this->problem();
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    if (problem.isEmpty()) {
        QDialog::accept();
    }
}

QString StaffAddDialog::problem() const
{
    const QString login = m_loginLineEdit->text().trimmed();
    static const QRegularExpression loginPattern(QStringLiteral("^[\\p{L}\\p{N}_.@-]{1,64}$"));
    if (login.isEmpty()) {
        m_loginLineEdit->setFocus();
        return tr("Enter a login.");
    }
    if (!loginPattern.match(login).hasMatch()) {
        m_loginLineEdit->setFocus();
        return tr("A login has letters, digits and _ . @ - only, no spaces.");
    }
    for (const QString& taken : m_takenLogins) {
        if (taken.compare(login, Qt::CaseInsensitive) == 0) {
            m_loginLineEdit->setFocus();
            return tr("The login \"%1\" is already in use.").arg(login);
        }
    }
    const QString passwordProblem =
        StaffPasswordDialog::passwordProblem(m_passwordLineEdit->text(), m_confirmLineEdit->text());
    if (!passwordProblem.isEmpty()) {
        m_passwordLineEdit->setFocus();
    }
    return passwordProblem;
}

} // namespace xd
