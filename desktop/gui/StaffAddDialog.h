#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace xd {

// A new staff account: login, display name, role and a first password (typed twice).
class StaffAddDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StaffAddDialog)

public:
    // `takenLogins` are the shop's logins already in use; a new account cannot reuse one.
    explicit StaffAddDialog(const QStringList& takenLogins, QWidget* parent = nullptr);
    ~StaffAddDialog() override;

    // The staff.add arguments without "id": login, displayName, role, password.
    QJsonObject arguments() const;

public slots:
    void accept() override;

private:
    QString problem() const;

    QStringList m_takenLogins;
    QLineEdit* m_loginLineEdit = nullptr;
    QLineEdit* m_displayNameLineEdit = nullptr;
    QComboBox* m_roleComboBox = nullptr;
    QLabel* m_roleHintLabel = nullptr;
    QLineEdit* m_passwordLineEdit = nullptr;
    QLineEdit* m_confirmLineEdit = nullptr;
    QLabel* m_problemLabel = nullptr;
    QDialogButtonBox* m_buttonBox = nullptr;
};

} // namespace xd
