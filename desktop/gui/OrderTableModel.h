#pragma once

#include "OrderService.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>

namespace xd {

// The orders list as a windowed model: rowCount() is the query's count, and rows are read from the OrderService a
// page at a time when a view asks for them; only a few pages are held.
class OrderTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderTableModel)

public:
    enum Column { Number, PlacedAt, Customer, Phone, Fulfilment, Payment, Payable, State, ColumnCount };
    Q_ENUM(Column)

    enum ItemRole {
        IdRole = Qt::UserRole,
        NumberRole,
        StateRole, // wire name
        PendingRole,
    };
    Q_ENUM(ItemRole)

    static constexpr int PageSize = 200;
    static constexpr int MaxCachedPages = 6;

    explicit OrderTableModel(QObject* parent = nullptr);
    ~OrderTableModel() override;

    // nullptr when signed out: the model is empty.
    void setService(OrderService* service);
    void setQuery(const OrderQuery& query);
    const OrderQuery& query() const { return m_query; }
    // Reads the count again and drops the cached pages (after any change of the orders).
    void reload();
    void retranslate();

    // The row of order `id` among the rows read so far (reading on up to `searchRows`); invalid when not found.
    QModelIndex indexFromId(const QString& id, int searchRows = PageSize) const;
    // The row's summary; an empty Order for a row that cannot be read.
    Order orderAt(int row) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const QList<Order>* page(int pageIndex) const;

    QPointer<OrderService> m_service;
    OrderQuery m_query;
    int m_count = 0;
    mutable QHash<int, QList<Order>> m_pages;
    mutable QList<int> m_pageOrder; // least recently used first
};

} // namespace xd
