#pragma once

#include "xiaodian/Permissions.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QEvent;
class QFrame;
class QLabel;
class QPushButton;
class QTableView;

namespace xd {

class StaffTableModel;

// The shop's staff accounts. The owner adds staff, disables and enables them, resets passwords and changes roles;
// a clerk sees the list only. A view: every change is a signal with the staff.* mutation arguments.
class StaffPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StaffPage)

public:
    explicit StaffPage(QWidget* parent = nullptr);
    ~StaffPage() override;

    // `staff` entities, each with its "id".
    void setStaff(const QList<QJsonObject>& staff);
    // Who is signed in: their row is marked, and only an owner gets the actions.
    void setCurrentStaff(const QString& id, Role role);

    StaffTableModel* model() const;
    QString selectedStaffId() const;
    void selectStaff(const QString& id);

signals:
    // staff.add arguments without "id" (the caller makes the UUID): login, displayName, role, password.
    void staffAddRequested(const QJsonObject& arguments);
    // staff.update changes for `id`: any of displayName, role, disabled.
    void staffUpdateRequested(const QString& id, const QJsonObject& changes);
    void staffPasswordResetRequested(const QString& id, const QString& password);

public slots:
    void addStaff();
    void toggleSelectedDisabled();
    void resetSelectedPassword();
    void changeSelectedRole();

protected:
    void changeEvent(QEvent* event) override;

private slots:
    void updateActions();

private:
    void retranslateUi();
    bool confirm(const QString& title, const QString& text, const QString& action);
    // Why the selected account may not be disabled or demoted (empty when it may).
    QString selfHarmReason(bool disabling) const;

    StaffTableModel* m_model = nullptr;
    Role m_currentRole = Role::Clerk;

    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QFrame* m_readOnlyNoticeFrame = nullptr;
    QLabel* m_readOnlyNoticeLabel = nullptr;
    QWidget* m_actionsWidget = nullptr;
    QPushButton* m_addPushButton = nullptr;
    QPushButton* m_disablePushButton = nullptr;
    QPushButton* m_resetPasswordPushButton = nullptr;
    QPushButton* m_changeRolePushButton = nullptr;
    QLabel* m_actionHintLabel = nullptr;
    QTableView* m_staffTableView = nullptr;
};

} // namespace xd
