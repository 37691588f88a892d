#include "StaffTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPalette>

#include <algorithm>

namespace xd {

namespace {

QString idOf(const QJsonObject& staff)
{
    return staff.value(QStringLiteral("id")).toString();
}

bool isOwner(const QJsonObject& staff)
{
    return staff.value(QStringLiteral("role")).toString() == QLatin1StringView("owner");
}

bool isDisabled(const QJsonObject& staff)
{
    return staff.value(QStringLiteral("disabled")).toBool(false);
}

} // namespace

StaffTableModel::StaffTableModel(QObject* parent) : QAbstractTableModel(parent) {}

StaffTableModel::~StaffTableModel() = default;

void StaffTableModel::setStaff(const QList<QJsonObject>& staff)
{
    beginResetModel();
    m_staff = staff;
    std::stable_sort(m_staff.begin(), m_staff.end(), [](const QJsonObject& a, const QJsonObject& b) {
        if (isOwner(a) != isOwner(b)) {
            return isOwner(a);
        }
        return a.value(QStringLiteral("login"))
                   .toString()
                   .localeAwareCompare(b.value(QStringLiteral("login")).toString()) < 0;
    });
    endResetModel();
}

void StaffTableModel::setCurrentStaffId(const QString& id)
{
    if (id == m_currentStaffId) {
        return;
    }
    const QModelIndex oldIndex = indexFromId(m_currentStaffId);
    m_currentStaffId = id;
    for (const QModelIndex& changed : {oldIndex, indexFromId(id)}) {
        if (changed.isValid()) {
            emit dataChanged(index(changed.row(), 0), index(changed.row(), ColumnCount - 1));
        }
    }
}

QString StaffTableModel::currentStaffId() const
{
    return m_currentStaffId;
}

void StaffTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_staff.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

int StaffTableModel::rowFromIndex(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_staff.size()) {
        return -1;
    }
    return index.row();
}

QModelIndex StaffTableModel::indexFromId(const QString& id, int column) const
{
    if (id.isEmpty()) {
        return {};
    }
    for (int row = 0; row < m_staff.size(); ++row) {
        if (idOf(m_staff.at(row)) == id) {
            return index(row, column);
        }
    }
    return {};
}

QJsonObject StaffTableModel::staffAt(int row) const
{
    return row >= 0 && row < m_staff.size() ? m_staff.at(row) : QJsonObject();
}

QStringList StaffTableModel::logins() const
{
    QStringList result;
    for (const QJsonObject& staff : m_staff) {
        result.append(staff.value(QStringLiteral("login")).toString());
    }
    return result;
}

int StaffTableModel::enabledOwnerCount() const
{
    return static_cast<int>(std::count_if(
        m_staff.cbegin(), m_staff.cend(), [](const QJsonObject& s) { return isOwner(s) && !isDisabled(s); }));
}

int StaffTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_staff.size());
}

int StaffTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StaffTableModel::data(const QModelIndex& index, int role) const
{
    const int row = rowFromIndex(index);
    if (row < 0) {
        return {};
    }
    const QJsonObject& staff = m_staff.at(row);
    const bool current = !m_currentStaffId.isEmpty() && idOf(staff) == m_currentStaffId;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Login:
            return staff.value(QStringLiteral("login")).toString();
        case DisplayName: {
            const QString name = staff.value(QStringLiteral("displayName")).toString();
            return current ? tr("%1 (you)").arg(name) : name;
        }
        case Role:
            return isOwner(staff) ? tr("Owner") : tr("Clerk");
        case Status:
            return isDisabled(staff) ? tr("Disabled") : tr("Active");
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Role) {
            return isOwner(staff) ? tr("Manages staff and every setting")
                                  : tr("Works with orders, products and "
                                       "customers; cannot manage staff");
        }
        if (index.column() == Status && isDisabled(staff)) {
            return tr("Cannot sign in");
        }
        return {};
    case Qt::ForegroundRole:
        if (isDisabled(staff)) {
            return QBrush(QColor(0x8f, 0x95, 0x9e));
        }
        return {};
    case Qt::FontRole:
        if (current) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case IdRole:
        return idOf(staff);
    case LoginRole:
        return staff.value(QStringLiteral("login")).toString();
    case DisplayNameRole:
        return staff.value(QStringLiteral("displayName")).toString();
    case RoleNameRole:
        return staff.value(QStringLiteral("role")).toString();
    case DisabledRole:
        return isDisabled(staff);
    case IsCurrentStaffRole:
        return current;
    default:
        return {};
    }
}

QVariant StaffTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Login:
        return tr("Login");
    case DisplayName:
        return tr("Name");
    case Role:
        return tr("Role");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace xd
