#pragma once

#include "xiaodian/OrderSettings.h"
#include "xiaodian/Result.h"
#include "xiaodian/sync/Protocol.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QUrlQuery>

namespace xd::db {
class Database;
}

namespace xd::server {

// The merchant's order list: filters of GET /admin/v1/shops/{shopId}/orders (docs/orders.md, "Merchant REST").
struct OrderQuery
{
    QString shopId;
    QString customerId;      // one customer's orders ("my orders"); empty: the whole shop's
    QStringList states;      // wire names; empty: every state
    qint64 placedFromMs = 0; // inclusive; 0: no bound
    qint64 placedToMs = 0;   // exclusive; 0: no bound
    QString fulfilment;      // delivery | pickup | in_store; empty: any
    QString paymentMethod;   // wechat_pay | balance | cash_on_delivery; empty: any
    QString text;            // a substring of the order number, the contact phone or the customer's nickname
    QString cursor;
    int limit = 20;
};

struct OrderPage
{
    QList<QJsonObject> items; // each with "id" and "version"
    QString nextCursor;       // empty on the last page
};

// Orders and order settings in their wire shape (sync entities "order" and "order_settings", the merchant REST
// answers). An order travels whole: its lines and its events embedded, read for a whole page with one query each.
class OrderReader
{
public:
    static constexpr int MaxLimit = 100;

    explicit OrderReader(const db::Database& database);

    // Pull rows: the orders / the order settings of `shopId` matching `where` (EntityReader's cursor condition,
    // with its `values` after the shop id), in (version, id) order, at most `limit` + 1.
    Result<QList<sync::SyncRow>>
    changedOrders(const QString& shopId, const QString& where, const QVariantList& values, int limit) const;
    Result<QList<sync::SyncRow>>
    changedSettings(const QString& shopId, const QString& where, const QVariantList& values) const;

    // One order of the shop (with "id" and "version"); not_found for another shop's or a missing one.
    Result<QJsonObject> order(const QString& shopId, const QString& orderId) const;
    // Newest first (placed time, then id), keyset paged.
    Result<OrderPage> orders(const OrderQuery& query) const;
    // The list's query string: state (comma-separated), from / to (placed day yyyy-MM-dd in the shop's time zone,
    // both inclusive), fulfilment, paymentMethod, q, cursor, limit. Unknown names are invalid_argument.
    Result<OrderQuery> parseListQuery(const QString& shopId, const QUrlQuery& params) const;

    // The shop's settings and their version (0 while the shop has never saved any: the defaults).
    struct StoredSettings
    {
        OrderSettings settings;
        qint64 version = 0;
    };
    Result<StoredSettings> settings(const QString& shopId) const;

private:
    Result<QList<QJsonObject>> withLinesAndEvents(QList<QJsonObject> orders, const QStringList& ids) const;

    const db::Database& m_database;
};

} // namespace xd::server
