#include "OrderReader.h"

#include "KeysetCursor.h"
#include "xiaodian/Id.h"
#include "xiaodian/OrderState.h"
#include "xiaodian/db/Database.h"

#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTimeZone>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

QJsonValue parseJson(const QString& text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isArray())
        return doc.array();
    return doc.object();
}

// Column i of kOrderColumns is value(i) of the query.
const QString kOrderColumns =
    QStringLiteral("id, version, number, customer_id, customer_nickname, state, fulfilment, payment_method, "
                   "goods_fen, discount_fen, delivery_fee_fen, payable_fen, paid_fen, refunded_fen, contact_name, "
                   "contact_phone, address, pickup_code, appointment_at_ms, buyer_note, merchant_remark, "
                   "custom_fields, carrier, tracking_no, state_before_refund, refund_reason, placed_at_ms, "
                   "paid_at_ms, completed_at_ms, updated_at_ms");

QJsonObject orderData(const QSqlQuery& q)
{
    return QJsonObject{{QStringLiteral("number"), q.value(2).toString()},
                       {QStringLiteral("customerId"), q.value(3).toString()},
                       {QStringLiteral("customerNickname"), q.value(4).toString()},
                       {QStringLiteral("state"), q.value(5).toString()},
                       {QStringLiteral("fulfilment"), q.value(6).toString()},
                       {QStringLiteral("paymentMethod"), q.value(7).toString()},
                       {QStringLiteral("goodsFen"), q.value(8).toLongLong()},
                       {QStringLiteral("discountFen"), q.value(9).toLongLong()},
                       {QStringLiteral("deliveryFeeFen"), q.value(10).toLongLong()},
                       {QStringLiteral("payableFen"), q.value(11).toLongLong()},
                       {QStringLiteral("paidFen"), q.value(12).toLongLong()},
                       {QStringLiteral("refundedFen"), q.value(13).toLongLong()},
                       {QStringLiteral("contactName"), q.value(14).toString()},
                       {QStringLiteral("contactPhone"), q.value(15).toString()},
                       {QStringLiteral("address"), q.value(16).toString()},
                       {QStringLiteral("pickupCode"), q.value(17).toString()},
                       {QStringLiteral("appointmentAtMs"), q.value(18).toLongLong()},
                       {QStringLiteral("buyerNote"), q.value(19).toString()},
                       {QStringLiteral("merchantRemark"), q.value(20).toString()},
                       {QStringLiteral("customFields"), parseJson(q.value(21).toString()).toArray()},
                       {QStringLiteral("carrier"), q.value(22).toString()},
                       {QStringLiteral("trackingNo"), q.value(23).toString()},
                       {QStringLiteral("stateBeforeRefund"), q.value(24).toString()},
                       {QStringLiteral("refundReason"), q.value(25).toString()},
                       {QStringLiteral("placedAtMs"), q.value(26).toLongLong()},
                       {QStringLiteral("paidAtMs"), q.value(27).toLongLong()},
                       {QStringLiteral("completedAtMs"), q.value(28).toLongLong()},
                       {QStringLiteral("updatedAtMs"), q.value(29).toLongLong()},
                       {QStringLiteral("items"), QJsonArray()},
                       {QStringLiteral("events"), QJsonArray()}};
}

const QString kSettingsColumns =
    QStringLiteral("shop_id, version, delivery_enabled, pickup_enabled, in_store_enabled, cod_enabled, "
                   "delivery_fee_fen, free_delivery_threshold_fen, pickup_address, close_unpaid_minutes, "
                   "auto_complete_days, after_sales_days, custom_fields, sms_merchant_new_order, merchant_phone, "
                   "sms_customer_paid, sms_customer_shipped");

OrderSettings settingsOf(const QSqlQuery& q)
{
    OrderSettings s;
    s.deliveryEnabled = q.value(2).toInt() != 0;
    s.pickupEnabled = q.value(3).toInt() != 0;
    s.inStoreEnabled = q.value(4).toInt() != 0;
    s.codEnabled = q.value(5).toInt() != 0;
    s.deliveryFeeFen = q.value(6).toLongLong();
    s.freeDeliveryThresholdFen = q.value(7).toLongLong();
    s.pickupAddress = q.value(8).toString();
    s.closeUnpaidMinutes = q.value(9).toInt();
    s.autoCompleteDays = q.value(10).toInt();
    s.afterSalesDays = q.value(11).toInt();
    s.customFields = parseJson(q.value(12).toString()).toArray();
    s.smsMerchantNewOrder = q.value(13).toInt() != 0;
    s.merchantPhone = q.value(14).toString();
    s.smsCustomerPaid = q.value(15).toInt() != 0;
    s.smsCustomerShipped = q.value(16).toInt() != 0;
    return s;
}

// "1|<placedAtMs>|<id>" (KeysetCursor).
const QString CursorTag = QStringLiteral("1");

} // namespace

OrderReader::OrderReader(const db::Database& database) : m_database(database) {}

Result<QList<QJsonObject>> OrderReader::withLinesAndEvents(QList<QJsonObject> orders, const QStringList& ids) const
{
    if (ids.isEmpty())
        return orders;
    QHash<QString, qsizetype> byId;
    QVariantList values;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        byId.insert(ids.at(i), i);
        values << ids.at(i);
    }
    // Keyed by order id alone (the ids are this shop's, read by the caller): the (order_id, position) and
    // (order_id, seq) unique indexes serve both reads.
    auto lines = m_database.exec(
        QStringLiteral("SELECT order_id, id, position, product_id, sku_id, product_name, sku_label, image, "
                       "unit_price_fen, quantity, line_total_fen, discount_fen, refunded_quantity FROM order_items "
                       "WHERE order_id IN (%1) ORDER BY order_id, position")
            .arg(db::placeholders(ids.size())),
        values);
    if (!lines)
        return lines.error();
    QHash<QString, QJsonArray> items;
    while (lines->next()) {
        items[lines->value(0).toString()].append(
            QJsonObject{{QStringLiteral("id"), lines->value(1).toString()},
                        {QStringLiteral("position"), lines->value(2).toInt()},
                        {QStringLiteral("productId"), lines->value(3).toString()},
                        {QStringLiteral("skuId"), lines->value(4).toString()},
                        {QStringLiteral("productName"), lines->value(5).toString()},
                        {QStringLiteral("skuLabel"), lines->value(6).toString()},
                        {QStringLiteral("image"), lines->value(7).toString()},
                        {QStringLiteral("unitPriceFen"), lines->value(8).toLongLong()},
                        {QStringLiteral("quantity"), lines->value(9).toLongLong()},
                        {QStringLiteral("lineTotalFen"), lines->value(10).toLongLong()},
                        {QStringLiteral("discountFen"), lines->value(11).toLongLong()},
                        {QStringLiteral("refundedQuantity"), lines->value(12).toLongLong()}});
    }
    auto steps = m_database.exec(
        QStringLiteral("SELECT order_id, seq, action, from_state, to_state, actor_kind, actor_id, note, amount_fen, "
                       "at_ms FROM order_events WHERE order_id IN (%1) ORDER BY order_id, seq")
            .arg(db::placeholders(ids.size())),
        values);
    if (!steps)
        return steps.error();
    QHash<QString, QJsonArray> events;
    while (steps->next()) {
        events[steps->value(0).toString()].append(
            QJsonObject{{QStringLiteral("seq"), steps->value(1).toLongLong()},
                        {QStringLiteral("action"), steps->value(2).toString()},
                        {QStringLiteral("from"), steps->value(3).toString()},
                        {QStringLiteral("to"), steps->value(4).toString()},
                        {QStringLiteral("actorKind"), steps->value(5).toString()},
                        {QStringLiteral("actorId"), steps->value(6).toString()},
                        {QStringLiteral("note"), steps->value(7).toString()},
                        {QStringLiteral("amountFen"), steps->value(8).toLongLong()},
                        {QStringLiteral("atMs"), steps->value(9).toLongLong()}});
    }
    for (auto it = items.cbegin(); it != items.cend(); ++it)
        orders[byId.value(it.key())].insert(QStringLiteral("items"), it.value());
    for (auto it = events.cbegin(); it != events.cend(); ++it)
        orders[byId.value(it.key())].insert(QStringLiteral("events"), it.value());
    return orders;
}

Result<QList<sync::SyncRow>>
OrderReader::changedOrders(const QString& shopId, const QString& where, const QVariantList& values, int limit) const
{
    auto q = m_database.exec(QStringLiteral("SELECT %1 FROM orders WHERE shop_id = ? AND %2 ORDER BY version, id "
                                            "LIMIT %3")
                                 .arg(kOrderColumns, where)
                                 .arg(limit + 1),
                             QVariantList{shopId} << values);
    if (!q)
        return q.error();
    QList<QJsonObject> data;
    QStringList ids;
    QList<qint64> versions;
    while (q->next()) {
        ids << q->value(0).toString();
        versions << q->value(1).toLongLong();
        data << orderData(*q);
    }
    auto full = withLinesAndEvents(std::move(data), ids);
    if (!full)
        return full.error();
    QList<sync::SyncRow> rows;
    rows.reserve(ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i)
        rows.append(sync::SyncRow{QStringLiteral("order"), ids.at(i), versions.at(i), false, full->at(i)});
    return rows;
}

Result<QList<sync::SyncRow>>
OrderReader::changedSettings(const QString& shopId, const QString& where, const QVariantList& values) const
{
    // One row per shop, keyed by the shop id: named "id" for the cursor's (version, id) condition.
    auto q =
        m_database.exec(QStringLiteral("SELECT %1 FROM (SELECT shop_id AS id, order_settings.* FROM order_settings "
                                       "WHERE shop_id = ?) settings_row WHERE %2")
                            .arg(kSettingsColumns, where),
                        QVariantList{shopId} << values);
    if (!q)
        return q.error();
    QList<sync::SyncRow> rows;
    while (q->next())
        rows.append(sync::SyncRow{QStringLiteral("order_settings"),
                                  q->value(0).toString(),
                                  q->value(1).toLongLong(),
                                  false,
                                  settingsOf(*q).toJson()});
    return rows;
}

Result<QJsonObject> OrderReader::order(const QString& shopId, const QString& orderId) const
{
    auto q = m_database.exec(QStringLiteral("SELECT %1 FROM orders WHERE id = ? AND shop_id = ?").arg(kOrderColumns),
                             {orderId, shopId});
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such order"));
    QJsonObject data = orderData(*q);
    data.insert(QStringLiteral("id"), q->value(0).toString());
    data.insert(QStringLiteral("version"), q->value(1).toLongLong());
    auto full = withLinesAndEvents({data}, {orderId});
    if (!full)
        return full.error();
    return full->constFirst();
}

Result<OrderPage> OrderReader::orders(const OrderQuery& query) const
{
    QStringList where{QStringLiteral("shop_id = ?")};
    QVariantList values{query.shopId};
    if (!query.states.isEmpty()) {
        where << QStringLiteral("state IN (%1)").arg(db::placeholders(query.states.size()));
        for (const QString& state : query.states)
            values << state;
    }
    if (!query.customerId.isEmpty()) {
        where << QStringLiteral("customer_id = ?");
        values << query.customerId;
    }
    if (query.placedFromMs > 0) {
        where << QStringLiteral("placed_at_ms >= ?");
        values << query.placedFromMs;
    }
    if (query.placedToMs > 0) {
        where << QStringLiteral("placed_at_ms < ?");
        values << query.placedToMs;
    }
    if (!query.fulfilment.isEmpty()) {
        where << QStringLiteral("fulfilment = ?");
        values << query.fulfilment;
    }
    if (!query.paymentMethod.isEmpty()) {
        where << QStringLiteral("payment_method = ?");
        values << query.paymentMethod;
    }
    if (!query.text.isEmpty()) {
        // A substring test on bound text (instr / strpos), never LIKE: % and _ are plain characters.
        const db::Dialect& dialect = m_database.dialect();
        where << QStringLiteral("(%1 OR %2 OR %3)")
                     .arg(dialect.containsText(QStringLiteral("number")),
                          dialect.containsText(QStringLiteral("contact_phone")),
                          dialect.containsText(QStringLiteral("customer_nickname")));
        values << query.text << query.text << query.text;
    }
    if (!query.cursor.isEmpty()) {
        auto after = decodeKeysetCursor(query.cursor, CursorTag);
        if (!after)
            return after.error();
        // Row-value comparison: one range on orders_shop_placed (shop_id, placed_at_ms, id), walked backwards.
        where << QStringLiteral("(placed_at_ms, id) < (?, ?)");
        values << after->key << after->id;
    }
    auto q = m_database.exec(QStringLiteral("SELECT %1 FROM orders WHERE %2 ORDER BY placed_at_ms DESC, id DESC "
                                            "LIMIT %3")
                                 .arg(kOrderColumns, where.join(QStringLiteral(" AND ")))
                                 .arg(query.limit + 1),
                             values);
    if (!q)
        return q.error();
    QList<QJsonObject> data;
    QStringList ids;
    qint64 lastPlaced = 0;
    bool more = false;
    while (q->next()) {
        if (data.size() == query.limit) {
            more = true;
            break;
        }
        QJsonObject order = orderData(*q);
        order.insert(QStringLiteral("id"), q->value(0).toString());
        order.insert(QStringLiteral("version"), q->value(1).toLongLong());
        ids << q->value(0).toString();
        lastPlaced = q->value(26).toLongLong();
        data << order;
    }
    auto full = withLinesAndEvents(std::move(data), ids);
    if (!full)
        return full.error();
    OrderPage page{*full, {}};
    if (more)
        page.nextCursor = encodeKeysetCursor(CursorTag, lastPlaced, ids.constLast());
    return page;
}

Result<OrderQuery> OrderReader::parseListQuery(const QString& shopId, const QUrlQuery& params) const
{
    static const QStringList known{QStringLiteral("state"),
                                   QStringLiteral("from"),
                                   QStringLiteral("to"),
                                   QStringLiteral("fulfilment"),
                                   QStringLiteral("paymentMethod"),
                                   QStringLiteral("q"),
                                   QStringLiteral("cursor"),
                                   QStringLiteral("limit")};
    for (const auto& [key, value] : params.queryItems(QUrl::FullyDecoded)) {
        Q_UNUSED(value);
        if (!known.contains(key))
            return invalid(QStringLiteral("unknown parameter '%1'").arg(key));
    }
    const auto param = [&params](const QString& key) {
        return params.queryItemValue(key, QUrl::FullyDecoded).trimmed();
    };
    OrderQuery query;
    query.shopId = shopId;
    if (const QString states = param(QStringLiteral("state")); !states.isEmpty()) {
        for (const QString& state : states.split(QLatin1Char(','))) {
            if (!parseOrderState(state.trimmed()))
                return invalid(QStringLiteral("unknown order state '%1'").arg(state));
            if (!query.states.contains(state.trimmed()))
                query.states << state.trimmed();
        }
    }
    query.fulfilment = param(QStringLiteral("fulfilment"));
    if (!query.fulfilment.isEmpty() && !parseFulfilmentMode(query.fulfilment))
        return invalid(QStringLiteral("unknown fulfilment '%1'").arg(query.fulfilment));
    query.paymentMethod = param(QStringLiteral("paymentMethod"));
    static const QStringList methods{
        QStringLiteral("wechat_pay"), QStringLiteral("balance"), QStringLiteral("cash_on_delivery")};
    if (!query.paymentMethod.isEmpty() && !methods.contains(query.paymentMethod))
        return invalid(QStringLiteral("unknown payment method '%1'").arg(query.paymentMethod));
    query.text = param(QStringLiteral("q"));
    if (query.text.size() > 50)
        return invalid(QStringLiteral("the search text has at most 50 characters"));
    query.cursor = param(QStringLiteral("cursor"));
    if (const QString limit = param(QStringLiteral("limit")); !limit.isEmpty()) {
        bool ok = false;
        query.limit = limit.toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > MaxLimit)
            return invalid(QStringLiteral("limit must be 1..%1").arg(MaxLimit));
    }

    const QString from = param(QStringLiteral("from"));
    const QString to = param(QStringLiteral("to"));
    if (!from.isEmpty() || !to.isEmpty()) {
        // Days are the shop's days (its time zone), like its order numbers and its finance.
        auto zoneName = m_database.scalar(QStringLiteral("SELECT time_zone FROM shops WHERE id = ?"), {shopId});
        if (!zoneName)
            return zoneName.error();
        QTimeZone zone(zoneName->toString().toUtf8());
        if (!zone.isValid())
            zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
        const auto dayStart = [&zone](const QString& text, int addDays) -> Result<qint64> {
            const QDate date = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
            if (!date.isValid() || date.year() < 2000 || date.year() > 2999)
                return invalid(QStringLiteral("'%1' is not a day (yyyy-MM-dd)").arg(text));
            return QDateTime(date.addDays(addDays), QTime(0, 0), zone).toMSecsSinceEpoch();
        };
        if (!from.isEmpty()) {
            auto start = dayStart(from, 0);
            if (!start)
                return start.error();
            query.placedFromMs = *start;
        }
        if (!to.isEmpty()) {
            auto end = dayStart(to, 1); // inclusive day: up to the next day's start
            if (!end)
                return end.error();
            query.placedToMs = *end;
        }
        if (query.placedFromMs > 0 && query.placedToMs > 0 && query.placedToMs <= query.placedFromMs)
            return invalid(QStringLiteral("'to' is before 'from'"));
    }
    return query;
}

Result<OrderReader::StoredSettings> OrderReader::settings(const QString& shopId) const
{
    auto q = m_database.exec(QStringLiteral("SELECT %1 FROM order_settings WHERE shop_id = ?").arg(kSettingsColumns),
                             {shopId});
    if (!q)
        return q.error();
    if (!q->next())
        return StoredSettings{};
    return StoredSettings{settingsOf(*q), q->value(1).toLongLong()};
}

} // namespace xd::server
