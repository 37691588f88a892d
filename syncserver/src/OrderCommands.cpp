#include "OrderCommands.h"

#include "OrderReader.h"
#include "OrderTransitions.h"
#include "PaymentRefunds.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/OrderSettings.h"
#include "xiaodian/OrderState.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <initializer_list>

namespace xd::server {

namespace {

constexpr int MaxReasonLength = 200;
constexpr int MaxRemarkLength = 500;
constexpr int MaxCarrierLength = 50;

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Status onlyFields(const QJsonObject& args, std::initializer_list<const char*> allowed)
{
    for (const QString& key : args.keys()) {
        bool known = false;
        for (const char* name : allowed)
            known = known || key == QLatin1String(name);
        if (!known)
            return invalid(QStringLiteral("unknown field '%1'").arg(key));
    }
    return {};
}

Result<QString> orderIdOf(const QJsonObject& args)
{
    auto id = Json::requireString(args, QStringLiteral("orderId"));
    if (!id)
        return id.error();
    if (!Id::isValid(*id))
        return invalid(QStringLiteral("malformed order id"));
    return *id;
}

// Trimmed text of `minLength`..`maxLength` characters; a missing field is "" (and fails a minimum of 1).
Result<QString> textOf(const QJsonObject& args, const QString& key, int minLength, int maxLength)
{
    auto text = Json::optionalString(args, key);
    if (!text)
        return text.error();
    const QString trimmed = text->trimmed();
    if (trimmed.size() < minLength || trimmed.size() > maxLength)
        return invalid(
            minLength > 0
                ? QStringLiteral("field '%1' must have %2..%3 characters").arg(key).arg(minLength).arg(maxLength)
                : QStringLiteral("field '%1' has at most %2 characters").arg(key).arg(maxLength));
    return db::notNullText(trimmed);
}

// What the operations read of an order before they decide (the shop's own orders only).
struct OrderFacts
{
    QString number;
    QString state;
    QString paymentMethod;
    qint64 paidFen = 0;
    qint64 refundedFen = 0;
    QString merchantRemark;

    qint64 refundable() const { return paidFen - refundedFen; }
};

Result<OrderFacts> readFacts(const CommandContext& context, const QString& orderId)
{
    auto row = context.database().exec(
        QStringLiteral("SELECT number, state, payment_method, paid_fen, refunded_fen, merchant_remark FROM orders "
                       "WHERE id = ? AND shop_id = ?"),
        {orderId, context.actor().shopId});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such order"));
    return OrderFacts{row->value(0).toString(),
                      row->value(1).toString(),
                      row->value(2).toString(),
                      row->value(3).toLongLong(),
                      row->value(4).toLongLong(),
                      row->value(5).toString()};
}

// One step of the state machine at this operation's version, as the signed-in staff member (owner or clerk).
Result<OrderTransitionResult> step(CommandContext& context, const OrderFacts& facts, OrderTransitionRequest request)
{
    auto version = context.version();
    if (!version)
        return version.error();
    const Actor& actor = context.actor();
    request.shopId = actor.shopId;
    request.by =
        OrderActorRef{actor.role == Role::Owner ? OrderActor::MerchantOwner : OrderActor::MerchantClerk, actor.staffId};
    request.version = *version;
    auto moved = applyOrderTransition(context.database(), context.clock(), request);
    if (!moved)
        return moved.error();
    const QString action = orderActionName(request.action);
    context.orderTransitioned(request.orderId, action);
    context.setAuditDetail(
        QStringLiteral("order %1 %2 %3→%4%5")
            .arg(facts.number,
                 action,
                 orderStateName(moved->from),
                 orderStateName(moved->to),
                 request.amountFen > 0 ? QStringLiteral(" %1 fen").arg(request.amountFen) : QString()));
    return moved;
}

// Money back to the customer: recorded with the order's decision in this transaction, moved later by the refund
// dispatcher (WeChat Pay), or by hand at the counter (cash on delivery).
Status queueMoneyBack(CommandContext& context, const QString& orderId, qint64 amountFen, const QString& reason)
{
    if (amountFen <= 0)
        return {};
    return queueRefund(context.database(),
                       context.clock(),
                       context.actor().shopId,
                       orderId,
                       amountFen,
                       reason,
                       context.actor().staffId);
}

// Reads the order and takes the step: for the operations that need nothing of the order beforehand.
Status stepOrder(CommandContext& context, const OrderTransitionRequest& request)
{
    auto facts = readFacts(context, request.orderId);
    if (!facts)
        return facts.error();
    auto moved = step(context, *facts, request);
    if (!moved)
        return moved.error();
    return {};
}

// The start of every order operation: only `allowed` fields, a valid orderId, and the request of `action` on it.
Result<OrderTransitionRequest>
requestOf(const QJsonObject& args, std::initializer_list<const char*> allowed, OrderAction action)
{
    if (const Status fields = onlyFields(args, allowed); !fields)
        return fields.error();
    auto orderId = orderIdOf(args);
    if (!orderId)
        return orderId.error();
    OrderTransitionRequest request;
    request.orderId = *orderId;
    request.action = action;
    return request;
}

// The operations that only move the state: {orderId} and nothing else.
template <OrderAction Action> Status plainStep(CommandContext& context, const QJsonObject& args)
{
    auto request = requestOf(args, {"orderId"}, Action);
    if (!request)
        return request.error();
    return stepOrder(context, *request);
}

Status shipOrder(CommandContext& context, const QJsonObject& args)
{
    auto request = requestOf(args, {"orderId", "carrier", "trackingNo"}, OrderAction::Ship);
    if (!request)
        return request.error();
    auto carrier = textOf(args, QStringLiteral("carrier"), 1, MaxCarrierLength);
    if (!carrier)
        return carrier.error();
    auto trackingNo = textOf(args, QStringLiteral("trackingNo"), 0, MaxCarrierLength);
    if (!trackingNo)
        return trackingNo.error();
    request->carrier = *carrier;
    request->trackingNo = *trackingNo;
    return stepOrder(context, *request);
}

Status completeOrder(CommandContext& context, const QJsonObject& args)
{
    auto request = requestOf(args, {"orderId", "pickupCode"}, OrderAction::Complete);
    if (!request)
        return request.error();
    auto code = textOf(args, QStringLiteral("pickupCode"), 0, 20);
    if (!code)
        return code.error();
    request->pickupCode = *code;
    return stepOrder(context, *request);
}

Status cancelOrder(CommandContext& context, const QJsonObject& args)
{
    auto request = requestOf(args, {"orderId", "reason"}, OrderAction::Cancel);
    if (!request)
        return request.error();
    auto reason = textOf(args, QStringLiteral("reason"), 1, MaxReasonLength);
    if (!reason)
        return reason.error();
    auto facts = readFacts(context, request->orderId);
    if (!facts)
        return facts.error();
    request->note = *reason;
    request->amountFen = facts->refundable(); // what a cancelled paid order pays back (the event's amount)
    auto moved = step(context, *facts, *request);
    if (!moved)
        return moved.error();
    // A paid order cancelled pays everything that is left back (the table's money "out"); an unpaid or uncollected
    // one has nothing to pay back.
    return queueMoneyBack(context, request->orderId, facts->refundable(), *reason);
}

// order.refund {orderId, amountFen, reason}: the whole rest (paid - refunded) is the table's `refund` (it answers a
// refund request: refunded); less is a `partial_refund` (the order keeps its state, or goes back to where it was if
// a refund was requested). Never more than the rest.
Status refundOrder(CommandContext& context, const QJsonObject& args)
{
    auto request = requestOf(args, {"orderId", "amountFen", "reason"}, OrderAction::PartialRefund);
    if (!request)
        return request.error();
    auto amount = Json::requireInt64(args, QStringLiteral("amountFen"));
    if (!amount)
        return amount.error();
    auto reason = textOf(args, QStringLiteral("reason"), 1, MaxReasonLength);
    if (!reason)
        return reason.error();
    auto facts = readFacts(context, request->orderId);
    if (!facts)
        return facts.error();
    const qint64 refundable = facts->refundable();
    if (*amount > refundable)
        return invalid(QStringLiteral("at most %1 fen of this order can be paid back (received %2, paid back %3)")
                           .arg(refundable)
                           .arg(facts->paidFen)
                           .arg(facts->refundedFen));
    if (*amount < 0 || (*amount == 0 && refundable > 0))
        return invalid(QStringLiteral("field 'amountFen' must be 1..%1").arg(refundable));
    const bool full = *amount == refundable;
    if (full && facts->state != orderStateName(OrderState::RefundRequested))
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("a full refund answers the customer's refund request; before shipping cancel "
                                        "the order instead, or refund less than %1 fen")
                             .arg(refundable));
    request->action = full ? OrderAction::Refund : OrderAction::PartialRefund;
    request->amountFen = *amount;
    request->note = *reason;
    auto moved = step(context, *facts, *request);
    if (!moved)
        return moved.error();
    return queueMoneyBack(context, request->orderId, *amount, *reason);
}

Status rejectRefund(CommandContext& context, const QJsonObject& args)
{
    auto request = requestOf(args, {"orderId", "note"}, OrderAction::RejectRefund);
    if (!request)
        return request.error();
    // The customer reads why: a rejection always says so.
    auto note = textOf(args, QStringLiteral("note"), 1, MaxReasonLength);
    if (!note)
        return note.error();
    request->note = *note;
    return stepOrder(context, *request);
}

// The merchant's own note on an order. Not a transition: the state stays, an event "remark" keeps the history (the
// customer's timeline leaves it out). An unchanged remark writes nothing.
Status remarkOrder(CommandContext& context, const QJsonObject& args)
{
    if (const Status fields = onlyFields(args, {"orderId", "remark"}); !fields)
        return fields;
    auto orderId = orderIdOf(args);
    if (!orderId)
        return orderId.error();
    if (!args.value(QStringLiteral("remark")).isString())
        return invalid(QStringLiteral("field 'remark' must be text"));
    auto remark = textOf(args, QStringLiteral("remark"), 0, MaxRemarkLength);
    if (!remark)
        return remark.error();
    auto facts = readFacts(context, *orderId);
    if (!facts)
        return facts.error();
    if (facts->merchantRemark == *remark)
        return {};
    auto version = context.version();
    if (!version)
        return version.error();
    const db::Database& database = context.database();
    auto updated = database.exec(QStringLiteral("UPDATE orders SET merchant_remark = ?, version = ?, updated_at_ms = ? "
                                                "WHERE id = ? AND shop_id = ?"),
                                 {*remark, *version, context.now(), *orderId, context.actor().shopId});
    if (!updated)
        return updated.error();
    if (const Status appended = appendOrderEvent(database,
                                                 context.clock(),
                                                 OrderEventRow{context.actor().shopId,
                                                               *orderId,
                                                               QStringLiteral("remark"),
                                                               facts->state,
                                                               facts->state,
                                                               QStringLiteral("staff"),
                                                               context.actor().staffId,
                                                               *remark,
                                                               0,
                                                               context.now()});
        !appended)
        return appended.error();
    context.setAuditDetail(QStringLiteral("order %1 remark (%2 characters)").arg(facts->number).arg(remark->size()));
    return {};
}

// orderSettings.update {any of the order_settings fields}: merged over the stored settings (or the defaults) and
// checked as a whole by OrderSettingsRules (shared with the desktop); an unchanged result writes nothing.
Status updateOrderSettings(CommandContext& context, const QJsonObject& args)
{
    const QString shopId = context.actor().shopId;
    auto stored = OrderReader(context.database()).settings(shopId);
    if (!stored)
        return stored.error();
    auto next = OrderSettingsRules::apply(stored->settings, args);
    if (!next)
        return next.error();
    if (*next == stored->settings && stored->version > 0)
        return {};
    auto version = context.version();
    if (!version)
        return version.error();
    const OrderSettings& s = *next;
    const QString fields = QString::fromUtf8(QJsonDocument(s.customFields).toJson(QJsonDocument::Compact));
    auto saved = context.database().exec(
        QStringLiteral("INSERT INTO order_settings (shop_id, delivery_enabled, pickup_enabled, in_store_enabled, "
                       "cod_enabled, delivery_fee_fen, free_delivery_threshold_fen, pickup_address, "
                       "close_unpaid_minutes, auto_complete_days, after_sales_days, custom_fields, "
                       "sms_merchant_new_order, merchant_phone, sms_customer_paid, sms_customer_shipped, version, "
                       "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (shop_id) DO UPDATE SET delivery_enabled = excluded.delivery_enabled, "
                       "pickup_enabled = excluded.pickup_enabled, in_store_enabled = excluded.in_store_enabled, "
                       "cod_enabled = excluded.cod_enabled, delivery_fee_fen = excluded.delivery_fee_fen, "
                       "free_delivery_threshold_fen = excluded.free_delivery_threshold_fen, "
                       "pickup_address = excluded.pickup_address, "
                       "close_unpaid_minutes = excluded.close_unpaid_minutes, "
                       "auto_complete_days = excluded.auto_complete_days, "
                       "after_sales_days = excluded.after_sales_days, custom_fields = excluded.custom_fields, "
                       "sms_merchant_new_order = excluded.sms_merchant_new_order, "
                       "merchant_phone = excluded.merchant_phone, sms_customer_paid = excluded.sms_customer_paid, "
                       "sms_customer_shipped = excluded.sms_customer_shipped, version = excluded.version, "
                       "updated_at_ms = excluded.updated_at_ms"),
        {shopId,
         s.deliveryEnabled ? 1 : 0,
         s.pickupEnabled ? 1 : 0,
         s.inStoreEnabled ? 1 : 0,
         s.codEnabled ? 1 : 0,
         s.deliveryFeeFen,
         s.freeDeliveryThresholdFen,
         db::notNullText(s.pickupAddress),
         s.closeUnpaidMinutes,
         s.autoCompleteDays,
         s.afterSalesDays,
         db::notNullText(fields),
         s.smsMerchantNewOrder ? 1 : 0,
         db::notNullText(s.merchantPhone),
         s.smsCustomerPaid ? 1 : 0,
         s.smsCustomerShipped ? 1 : 0,
         *version,
         context.now()});
    if (!saved)
        return saved.error();
    context.setAuditDetail(
        QStringLiteral("order settings: %1").arg(QStringList(args.keys()).join(QStringLiteral(", "))));
    return {};
}

} // namespace

void registerOrderCommands(QHash<QString, CommandHandler>& handlers)
{
    handlers.insert(QStringLiteral("order.accept"), &plainStep<OrderAction::Accept>);
    handlers.insert(QStringLiteral("order.ship"), &shipOrder);
    handlers.insert(QStringLiteral("order.readyForPickup"), &plainStep<OrderAction::ReadyForPickup>);
    handlers.insert(QStringLiteral("order.startService"), &plainStep<OrderAction::StartService>);
    handlers.insert(QStringLiteral("order.complete"), &completeOrder);
    handlers.insert(QStringLiteral("order.markCollected"), &plainStep<OrderAction::MarkCollected>);
    handlers.insert(QStringLiteral("order.cancel"), &cancelOrder);
    handlers.insert(QStringLiteral("order.refund"), &refundOrder);
    handlers.insert(QStringLiteral("order.rejectRefund"), &rejectRefund);
    handlers.insert(QStringLiteral("order.remark"), &remarkOrder);
    handlers.insert(QStringLiteral("orderSettings.update"), &updateOrderSettings);
}

} // namespace xd::server
