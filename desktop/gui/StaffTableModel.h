#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

namespace xd {

// The shop's staff accounts, one row each: login, display name, role, enabled or disabled. Rows are `staff`
// entities with their "id" (docs/sync-protocol.md), owners first, then by login.
class StaffTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StaffTableModel)

public:
    enum Column { Login, DisplayName, Role, Status, ColumnCount };
    Q_ENUM(Column)

    enum ItemRole {
        IdRole = Qt::UserRole,
        LoginRole,
        DisplayNameRole,
        RoleNameRole, // "owner" | "clerk"
        DisabledRole,
        IsCurrentStaffRole,
    };
    Q_ENUM(ItemRole)

    explicit StaffTableModel(QObject* parent = nullptr);
    ~StaffTableModel() override;

    void setStaff(const QList<QJsonObject>& staff);
    // The signed-in staff member's row is marked "(you)".
    void setCurrentStaffId(const QString& id);
    QString currentStaffId() const;
    // Tells the views that the header and texts changed after a language switch.
    void retranslate();

    int rowFromIndex(const QModelIndex& index) const;
    QModelIndex indexFromId(const QString& id, int column = Login) const;
    QJsonObject staffAt(int row) const;
    QStringList logins() const;
    int enabledOwnerCount() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<QJsonObject> m_staff;
    QString m_currentStaffId;
};

} // namespace xd
