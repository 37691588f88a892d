#include "OrderTableModel.h"

#include "xiaodian/Money.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>

namespace xd {

OrderTableModel::OrderTableModel(QObject* parent) : QAbstractTableModel(parent) {}

OrderTableModel::~OrderTableModel() = default;

void OrderTableModel::setService(OrderService* service)
{
    m_service = service;
    reload();
}

void OrderTableModel::setQuery(const OrderQuery& query)
{
    m_query = query;
    reload();
}

void OrderTableModel::reload()
{
    beginResetModel();
    m_pages.clear();
    m_pageOrder.clear();
    m_count = 0;
    if (m_service) {
        auto counted = m_service->count(m_query);
        m_count = counted ? *counted : 0;
    }
    endResetModel();
}

void OrderTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_count > 0)
        emit dataChanged(index(0, 0), index(m_count - 1, ColumnCount - 1));
}

const QList<Order>* OrderTableModel::page(int pageIndex) const
{
    if (auto it = m_pages.find(pageIndex); it != m_pages.end()) {
        m_pageOrder.removeOne(pageIndex);
        m_pageOrder.append(pageIndex);
        return &it.value();
    }
    if (!m_service)
        return nullptr;
    auto rows = m_service->list(m_query, pageIndex * PageSize, PageSize);
    if (!rows)
        return nullptr;
    while (m_pageOrder.size() >= MaxCachedPages)
        m_pages.remove(m_pageOrder.takeFirst());
    m_pageOrder.append(pageIndex);
    return &m_pages.insert(pageIndex, *rows).value();
}

QModelIndex OrderTableModel::indexFromId(const QString& id, int searchRows) const
{
    if (id.isEmpty())
        return {};
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (int i = 0; i < it.value().size(); ++i) {
            if (it.value().at(i).id == id) {
                const int row = it.key() * PageSize + i;
                return row < m_count ? index(row, 0) : QModelIndex();
            }
        }
    }
    // Not among the pages held: read on from the top (the pages it loads stay cached).
    for (int p = 0; p * PageSize < std::min(searchRows, m_count); ++p) {
        if (m_pages.contains(p))
            continue;
        const QList<Order>* rows = page(p);
        for (int i = 0; rows && i < rows->size(); ++i) {
            if (rows->at(i).id == id)
                return index(p * PageSize + i, 0);
        }
    }
    return {};
}

Order OrderTableModel::orderAt(int row) const
{
    if (row < 0 || row >= m_count)
        return {};
    const QList<Order>* rows = page(row / PageSize);
    const int offset = row % PageSize;
    return rows && offset < rows->size() ? rows->at(offset) : Order();
}

int OrderTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int OrderTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrderTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_count)
        return {};
    const Order order = orderAt(index.row());
    if (order.id.isEmpty())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            return order.number;
        case PlacedAt:
            return QDateTime::fromMSecsSinceEpoch(order.placedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Customer:
            if (order.contactName.isEmpty() || order.customerNickname.isEmpty())
                return order.contactName.isEmpty() ? order.customerNickname : order.contactName;
            return QStringLiteral("%1 (%2)").arg(order.contactName, order.customerNickname);
        case Phone:
            return order.contactPhone;
        case Fulfilment:
            return OrderService::fulfilmentText(order.fulfilment);
        case Payment:
            return OrderService::paymentMethodText(order.paymentMethod);
        case Payable:
            return QStringLiteral("¥%1").arg(Money::fromFen(order.payableFen).toString());
        case State: {
            const QString text = OrderService::stateText(order.state);
            return order.pending ? tr("%1 (not synced)").arg(text) : text;
        }
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Payable)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (order.pending)
            return tr("Changed on this computer; not on the server yet.");
        return {};
    case Qt::ForegroundRole:
        if (index.column() == State &&
            (order.state == QLatin1String("paid") || order.state == QLatin1String("cod_placed") ||
             order.state == QLatin1String("refund_requested")))
            return QBrush(QColor(0xc2, 0x41, 0x0c)); // needs the merchant
        if (order.state == QLatin1String("cancelled") || order.state == QLatin1String("closed") ||
            order.state == QLatin1String("refunded"))
            return QBrush(QColor(0x8f, 0x95, 0x9e));
        return {};
    case Qt::FontRole:
        if (order.pending) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case IdRole:
        return order.id;
    case NumberRole:
        return order.number;
    case StateRole:
        return order.state;
    case PendingRole:
        return order.pending;
    default:
        return {};
    }
}

QVariant OrderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("Order number");
    case PlacedAt:
        return tr("Placed");
    case Customer:
        return tr("Customer");
    case Phone:
        return tr("Phone");
    case Fulfilment:
        return tr("Fulfilment");
    case Payment:
        return tr("Payment");
    case Payable:
        return tr("Amount");
    case State:
        return tr("State");
    default:
        return {};
    }
}

} // namespace xd
