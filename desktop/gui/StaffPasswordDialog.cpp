#include "StaffPasswordDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace xd {

StaffPasswordDialog::StaffPasswordDialog(const QString& staffName, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Reset password"));

    m_explanationLabel = new QLabel(
        tr("Choose a new password for %1. Their devices that are signed in will be signed out.").arg(staffName), this);
    m_explanationLabel->setObjectName(QStringLiteral("explanationLabel"));
    m_explanationLabel->setWordWrap(true);

    m_passwordLineEdit = new QLineEdit(this);
    m_passwordLineEdit->setObjectName(QStringLiteral("passwordLineEdit"));
    m_passwordLineEdit->setEchoMode(QLineEdit::Password);
    m_passwordLineEdit->setMaxLength(MaximumPasswordLength);
    m_passwordLineEdit->setPlaceholderText(tr("At least %n characters", nullptr, MinimumPasswordLength));
    m_confirmLineEdit = new QLineEdit(this);
    m_confirmLineEdit->setObjectName(QStringLiteral("confirmLineEdit"));
    m_confirmLineEdit->setEchoMode(QLineEdit::Password);
    m_confirmLineEdit->setMaxLength(MaximumPasswordLength);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #d93026;"));
    m_problemLabel->hide();

    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttonBox->setObjectName(QStringLiteral("buttonBox"));
    m_buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Set password"));
    connect(m_buttonBox, &QDialogButtonBox::accepted, this, &StaffPasswordDialog::accept);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &StaffPasswordDialog::reject);

    auto* formLayout = new QFormLayout;
    formLayout->addRow(tr("New password:"), m_passwordLineEdit);
    formLayout->addRow(tr("Repeat:"), m_confirmLineEdit);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_explanationLabel);
    layout->addLayout(formLayout);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_buttonBox);
    setMinimumWidth(380);
}

StaffPasswordDialog::~StaffPasswordDialog() = default;

QString StaffPasswordDialog::password() const
{
    return m_passwordLineEdit->text();
}

QString StaffPasswordDialog::passwordProblem(const QString& password, const QString& confirmation)
{
    if (password.size() < MinimumPasswordLength) {
        return tr("The password needs at least %n characters.", nullptr, MinimumPasswordLength);
    }
    if (password.size() > MaximumPasswordLength) {
        return tr("The password has at most %n characters.", nullptr, MaximumPasswordLength);
    }
    if (password != confirmation) {
        return tr("The two passwords are not the same.");
    }
    return QString();
}

void StaffPasswordDialog::accept()
{
    const QString problem = passwordProblem(m_passwordLineEdit->text(), m_confirmLineEdit->text());
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        m_passwordLineEdit->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace xd
