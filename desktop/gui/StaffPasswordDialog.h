#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace xd {

// Asks for a new password for a staff member, twice. Accepts only a password the server takes.
class StaffPasswordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StaffPasswordDialog)

public:
    // The server's bounds (syncserver StaffCommands).
    static constexpr int MinimumPasswordLength = 8;
    static constexpr int MaximumPasswordLength = 200;

    explicit StaffPasswordDialog(const QString& staffName, QWidget* parent = nullptr);
    ~StaffPasswordDialog() override;

    QString password() const;

    // Why `password` (typed again as `confirmation`) cannot be used; empty when it can.
    static QString passwordProblem(const QString& password, const QString& confirmation);

public slots:
    void accept() override;

private:
    QLabel* m_explanationLabel = nullptr;
    QLineEdit* m_passwordLineEdit = nullptr;
    QLineEdit* m_confirmLineEdit = nullptr;
    QLabel* m_problemLabel = nullptr;
    QDialogButtonBox* m_buttonBox = nullptr;
};

} // namespace xd
