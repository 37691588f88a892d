#include "OrderTransitions.h"

#include "ChangeNotifier.h"
#include "PgChangeRelay.h"
#include "ShopRepository.h"
#include "StatsRollup.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/OrderSettings.h"
#include "xiaodian/db/Database.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace xd::server {

namespace {

constexpr qint64 DayMs = 24LL * 3600 * 1000;

// The columns of an order that a transition reads.
struct StoredOrder
{
    QString shopId;
    QString customerId;
    QString number;
    OrderState state = OrderState::PendingPayment;
    FulfilmentMode mode = FulfilmentMode::Delivery;
    QString paymentMethod; // wire name: wechat_pay | balance | cash_on_delivery
    qint64 payableFen = 0;
    qint64 paidFen = 0;
    qint64 refundedFen = 0;
    QString pickupCode;
    QString stateBeforeRefund;
    qint64 completedAtMs = 0;
};

Error notFound()
{
    return makeError(ErrorCode::NotFound, QStringLiteral("no such order"));
}

// Who the event names: order_events.actor_kind.
QString actorKind(OrderActor actor)
{
    switch (actor) {
    case OrderActor::Customer:
        return QStringLiteral("customer");
    case OrderActor::MerchantOwner:
    case OrderActor::MerchantClerk:
        return QStringLiteral("staff");
    case OrderActor::SystemTimer:
        return QStringLiteral("system");
    case OrderActor::PaymentNotification:
        return QStringLiteral("payment");
    }
    return QStringLiteral("system");
}

bool isStaff(OrderActor actor)
{
    return actor == OrderActor::MerchantOwner || actor == OrderActor::MerchantClerk;
}

Result<std::optional<StoredOrder>> readOrder(const db::Database& database, const QString& orderId)
{
    auto row = database.exec(QStringLiteral("SELECT shop_id, customer_id, number, state, fulfilment, payment_method, "
                                            "payable_fen, paid_fen, refunded_fen, pickup_code, state_before_refund, "
                                            "completed_at_ms FROM orders WHERE id = ?"),
                             {orderId});
    if (!row)
        return row.error();
    if (!row->next())
        return std::optional<StoredOrder>();
    StoredOrder order;
    order.shopId = row->value(0).toString();
    order.customerId = row->value(1).toString();
    order.number = row->value(2).toString();
    const auto state = parseOrderState(row->value(3).toString());
    const auto mode = parseFulfilmentMode(row->value(4).toString());
    if (!state || !mode)
        return makeError(ErrorCode::Internal,
                         QStringLiteral("order %1 has an unknown state '%2' or fulfilment '%3'")
                             .arg(orderId, row->value(3).toString(), row->value(4).toString()));
    order.state = *state;
    order.mode = *mode;
    order.paymentMethod = row->value(5).toString();
    order.payableFen = row->value(6).toLongLong();
    order.paidFen = row->value(7).toLongLong();
    order.refundedFen = row->value(8).toLongLong();
    order.pickupCode = row->value(9).toString();
    order.stateBeforeRefund = row->value(10).toString();
    order.completedAtMs = row->value(11).toLongLong();
    return std::optional<StoredOrder>(order);
}

// The shop's timer settings (order_settings; OrderSettings' defaults when the shop has no row). Read only for the
// steps that use them: those that may arrive in shipped (shipping, and leaving a refund request: the delivery then
// completes by itself) and a refund request (the after-sales window); every other step -- each payment, timer
// close, acceptance -- goes without the query.
struct OrderTimers
{
    qint64 autoCompleteDays = OrderSettings{}.autoCompleteDays;
    qint64 afterSalesDays = OrderSettings{}.afterSalesDays;
};

Result<OrderTimers> readTimers(const db::Database& database, const QString& shopId, bool needed)
{
    if (!needed)
        return OrderTimers{};
    auto row = database.exec(
        QStringLiteral("SELECT auto_complete_days, after_sales_days FROM order_settings WHERE shop_id = ?"), {shopId});
    if (!row)
        return row.error();
    OrderTimers timers;
    if (row->next()) {
        timers.autoCompleteDays = row->value(0).toLongLong();
        timers.afterSalesDays = row->value(1).toLongLong();
    }
    return timers;
}

// Where a refund_requested order stood before the request: the column, or (older rows) the `from` of its last
// request_refund event.
Result<std::optional<OrderState>>
stateBeforeRefund(const db::Database& database, const QString& orderId, const StoredOrder& order)
{
    QString name = order.stateBeforeRefund;
    if (name.isEmpty()) {
        auto row = database.exec(QStringLiteral("SELECT from_state FROM order_events WHERE order_id = ? AND action = ? "
                                                "ORDER BY seq DESC LIMIT 1"),
                                 {orderId, orderActionName(OrderAction::RequestRefund)});
        if (!row)
            return row.error();
        if (row->next())
            name = row->value(0).toString();
    }
    return parseOrderState(name);
}

// The action-specific checks of the request against the order, before anything is written.
Status
checkRequest(const OrderTransitionRequest& request, const StoredOrder& order, const OrderTimers& timers, qint64 now)
{
    switch (request.action) {
    case OrderAction::Pay:
        // WeChat Pay's notification carries the amount; anything but the payable is an anomaly for the caller.
        if (request.amountFen != order.payableFen)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("paid %1 fen, the order's payable is %2 fen")
                                 .arg(request.amountFen)
                                 .arg(order.payableFen));
        break;
    case OrderAction::MarkCollected:
        if (request.amountFen != 0 && request.amountFen != order.payableFen)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("collected %1 fen, the order's payable is %2 fen")
                                 .arg(request.amountFen)
                                 .arg(order.payableFen));
        break;
    case OrderAction::Ship:
        if (request.carrier.trimmed().size() > 50 || request.trackingNo.trimmed().size() > 50)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("carrier and tracking number have at most 50 characters"));
        break;
    case OrderAction::Complete:
        // A pickup order is handed over against its code; the customer never completes one (the table says so).
        if (order.mode == FulfilmentMode::Pickup && isStaff(request.by.actor) &&
            request.pickupCode.trimmed() != order.pickupCode)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("the pickup code does not match"));
        break;
    case OrderAction::RequestRefund:
        if (request.note.trimmed().isEmpty() || request.note.size() > 200)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("a refund request needs a reason (1..200)"));
        // After-sales window: a completed order may ask for a refund for after_sales_days after completion.
        if (order.state == OrderState::Completed &&
            (timers.afterSalesDays <= 0 || now > order.completedAtMs + timers.afterSalesDays * DayMs))
            return makeError(ErrorCode::Conflict, QStringLiteral("the after-sales period of this order has ended"));
        break;
    case OrderAction::PartialRefund: {
        // Less than what is left: the whole rest is `refund` (or `cancel`).
        const qint64 refundable = order.paidFen - order.refundedFen;
        if (request.amountFen <= 0 || request.amountFen >= refundable)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("a partial refund is 1..%1 fen (paid %2, refunded %3)")
                                 .arg(refundable - 1)
                                 .arg(order.paidFen)
                                 .arg(order.refundedFen));
        break;
    }
    case OrderAction::Refund: {
        const qint64 refundable = order.paidFen - order.refundedFen;
        if (request.amountFen < 0 || request.amountFen > refundable)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("a refund is 0..%1 fen (paid %2, refunded %3)")
                                 .arg(refundable)
                                 .arg(order.paidFen)
                                 .arg(order.refundedFen));
        break;
    }
    default:
        break;
    }
    if (request.note.size() > 500)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the note has at most 500 characters"));
    return {};
}

// Puts the order's pieces back on their SKUs: one conditional UPDATE per line (a SKU that is gone, or that would
// pass the catalog's stock ceiling, is skipped and named in the audit line -- a close must never be blocked by the
// catalog), then the products' derived totals and versions, and one audit_log row. Runs inside the transition's
// transaction.
Status returnStock(const db::Database& database,
                   const QString& shopId,
                   const QString& orderId,
                   const QString& number,
                   const QString& actionName,
                   const OrderActorRef& by,
                   qint64 version,
                   qint64 now,
                   const Clock& clock)
{
    auto lines =
        database.exec(QStringLiteral("SELECT sku_id, product_id, quantity - refunded_quantity FROM order_items "
                                     "WHERE order_id = ? ORDER BY position"),
                      {orderId});
    if (!lines)
        return lines.error();
    struct Line
    {
        QString skuId;
        QString productId;
        qint64 quantity = 0;
    };
    QList<Line> items;
    while (lines->next())
        items.append(Line{lines->value(0).toString(), lines->value(1).toString(), lines->value(2).toLongLong()});
    QStringList detail;
    QSet<QString> products;
    for (const Line& line : std::as_const(items)) {
        if (line.quantity <= 0)
            continue;
        auto updated =
            database.exec(QStringLiteral("UPDATE product_skus SET stock = stock + ?, version = ?, updated_at_ms = ? "
                                         "WHERE id = ? AND shop_id = ? AND stock <= ?"),
                          {line.quantity, version, now, line.skuId, shopId, CatalogRules::MaxStock - line.quantity});
        if (!updated)
            return updated.error();
        if (updated->numRowsAffected() == 1) {
            products.insert(line.productId);
            detail << QStringLiteral("%1 +%2").arg(line.skuId).arg(line.quantity);
        } else {
            detail << QStringLiteral("%1 +%2 skipped (SKU gone or full)").arg(line.skuId).arg(line.quantity);
        }
    }
    if (detail.isEmpty())
        return {};
    if (!products.isEmpty()) {
        const QStringList ids(products.cbegin(), products.cend());
        QStringList marks;
        QVariantList values{version, now};
        for (const QString& id : ids) {
            marks << QStringLiteral("?");
            values << id;
        }
        // A product travels to desktops with its SKUs: the SKU write is a write of the product (stock_total too).
        auto touched = database.exec(
            QStringLiteral("UPDATE products SET stock_total = (SELECT COALESCE(SUM(stock), 0) FROM product_skus s "
                           "WHERE s.product_id = products.id AND s.deleted = 0), "
                           "version = ?, updated_at_ms = ? WHERE id IN (%1)")
                .arg(marks.join(QStringLiteral(", "))),
            values);
        if (!touched)
            return touched.error();
    }
    // The same trail product.adjustStock leaves (audit_log), naming the order; staff_id only for staff.
    auto audited =
        database.exec(QStringLiteral("INSERT INTO audit_log (id, shop_id, staff_id, operation, detail, version, at_ms) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                      {Id::create(clock),
                       shopId,
                       isStaff(by.actor) ? QVariant(by.actorId) : QVariant(QMetaType::fromType<QString>()),
                       QStringLiteral("order.returnStock"),
                       QStringLiteral("order %1 %2 (%3): %4")
                           .arg(number, actionName, actorKind(by.actor), detail.join(QStringLiteral(", "))),
                       version,
                       now});
    if (!audited)
        return audited.error();
    return {};
}

} // namespace

Result<OrderTransitionResult>
applyOrderTransition(const db::Database& database, const Clock& clock, const OrderTransitionRequest& request)
{
    // One writer per shop at a time: on PostgreSQL the shop's row is locked first, as CommandProcessor does (the
    // same order of locks everywhere, so a merchant operation and a customer action never deadlock), and the order
    // read below sees every earlier transition. SQLite's BEGIN IMMEDIATE already admits one writer.
    if (database.engine() == db::Engine::Postgres) {
        auto locked = database.exec(QStringLiteral("SELECT id FROM shops WHERE id = ? FOR UPDATE"), {request.shopId});
        if (!locked)
            return locked.error();
    }
    auto found = readOrder(database, request.orderId);
    if (!found)
        return found.error();
    // Another shop's order, or another customer's, is no order at all (never reveal that it exists).
    if (!*found || (*found)->shopId != request.shopId)
        return notFound();
    const StoredOrder& order = **found;
    if (request.by.actor == OrderActor::Customer && order.customerId != request.by.actorId)
        return notFound();

    TransitionContext context;
    context.actor = request.by.actor;
    context.mode = order.mode;
    context.payment = order.paymentMethod == QLatin1String("cash_on_delivery") ? PaymentMethod::CashOnDelivery
                                                                               : PaymentMethod::Online;
    if (order.state == OrderState::RefundRequested) {
        auto before = stateBeforeRefund(database, request.orderId, order);
        if (!before)
            return before.error();
        context.stateBeforeRefund = *before;
    }
    auto outcome = OrderStateMachine::resolve(order.state, request.action, context);
    if (!outcome)
        return outcome.error();

    const qint64 now = clock.nowMs();
    auto timers = readTimers(database,
                             request.shopId,
                             request.action == OrderAction::Ship || request.action == OrderAction::RequestRefund ||
                                 order.state == OrderState::RefundRequested);
    if (!timers)
        return timers.error();
    if (const Status checked = checkRequest(request, order, *timers, now); !checked)
        return checked.error();

    qint64 version = request.version;
    if (version <= 0) {
        auto bumped = ShopRepository(database, clock).bumpChangeCounter(request.shopId);
        if (!bumped)
            return bumped.error();
        version = *bumped;
    }

    const OrderState to = outcome->to;
    const QString actionName = orderActionName(request.action);
    // The money this step moves (the event's amount_fen) and the order's running totals.
    qint64 amountFen = 0;
    qint64 paidFen = order.paidFen;
    qint64 refundedFen = order.refundedFen;
    if (outcome->money == MoneyEffect::In) {
        amountFen = order.payableFen;
        paidFen = order.payableFen;
    } else if (outcome->money == MoneyEffect::PartOut) {
        amountFen = request.amountFen; // checked: 0 < amount < what is left
        refundedFen += amountFen;
    } else if (outcome->money == MoneyEffect::Out) {
        // The decision is recorded here; the money itself moves later (PaymentRefunds), tracked there.
        amountFen =
            request.action == OrderAction::Refund && request.amountFen > 0 ? request.amountFen : paidFen - refundedFen;
        refundedFen += amountFen;
    }

    // Timer columns and timestamps follow the state: close_at_ms only while pending_payment, auto_complete_at_ms
    // only while a delivery paid online is shipped (a withdrawn refund request starts its wait anew).
    QStringList sets{QStringLiteral("state = ?"),
                     QStringLiteral("version = ?"),
                     QStringLiteral("updated_at_ms = ?"),
                     QStringLiteral("paid_fen = ?"),
                     QStringLiteral("refunded_fen = ?")};
    QVariantList values{orderStateName(to), version, now, paidFen, refundedFen};
    if (to != OrderState::PendingPayment)
        sets << QStringLiteral("close_at_ms = 0");
    if (to == OrderState::Shipped && context.payment == PaymentMethod::Online) {
        // A step that stays in shipped (a partial refund) keeps the running wait.
        if (order.state != OrderState::Shipped) {
            sets << QStringLiteral("auto_complete_at_ms = ?");
            values << now + timers->autoCompleteDays * DayMs;
        }
    } else {
        sets << QStringLiteral("auto_complete_at_ms = 0");
    }
    if (outcome->money == MoneyEffect::In) {
        sets << QStringLiteral("paid_at_ms = ?");
        values << now;
    }
    // Once: a rejected or withdrawn refund request returns to completed without restarting the after-sales window.
    if (to == OrderState::Completed && order.completedAtMs == 0) {
        sets << QStringLiteral("completed_at_ms = ?");
        values << now;
    }
    if (request.action == OrderAction::Ship) {
        sets << QStringLiteral("carrier = ?") << QStringLiteral("tracking_no = ?");
        values << db::notNullText(request.carrier.trimmed()) << db::notNullText(request.trackingNo.trimmed());
    }
    if (request.action == OrderAction::RequestRefund) {
        sets << QStringLiteral("state_before_refund = ?") << QStringLiteral("refund_reason = ?");
        values << orderStateName(order.state) << db::notNullText(request.note.trimmed());
    } else if (order.state == OrderState::RefundRequested) {
        sets << QStringLiteral("state_before_refund = ''");
    }
    values << request.orderId << orderStateName(order.state);
    // Conditional on the state read above: a concurrent change (which the shop lock excludes) could never be
    // overwritten silently.
    auto updated = database.exec(
        QStringLiteral("UPDATE orders SET %1 WHERE id = ? AND state = ?").arg(sets.join(QStringLiteral(", "))), values);
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return makeError(ErrorCode::Conflict, QStringLiteral("the order changed meanwhile"));

    if (outcome->returnsStock) {
        if (const Status returned = returnStock(
                database, request.shopId, request.orderId, order.number, actionName, request.by, version, now, clock);
            !returned)
            return returned.error();
    }

    QString note = request.note.trimmed();
    if (request.action == OrderAction::Ship && note.isEmpty())
        note = QStringLiteral("%1 %2").arg(request.carrier.trimmed(), request.trackingNo.trimmed()).trimmed();
    if (const Status appended = appendOrderEvent(database,
                                                 clock,
                                                 OrderEventRow{request.shopId,
                                                               request.orderId,
                                                               actionName,
                                                               orderStateName(order.state),
                                                               orderStateName(to),
                                                               actorKind(request.by.actor),
                                                               request.by.actorId,
                                                               note,
                                                               amountFen,
                                                               now});
        !appended)
        return appended.error();
    // Money in or out counts in the day's statistics, in this transaction and with the order's new version.
    if (const Status counted =
            StatsRollup(database).orderEvent(request.shopId, request.orderId, request.action, amountFen, now, version);
        !counted)
        return counted.error();

    if (request.version <= 0) {
        // Other servers on this database hear of the new version at commit, as for CommandProcessor's operations; a
        // caller that passed its own version announces it itself.
        if (const Status announced = announceShopVersion(database, request.shopId, version); !announced)
            return announced.error();
    }
    return OrderTransitionResult{order.state, to, version, amountFen};
}

Status appendOrderEvent(const db::Database& database, const Clock& clock, const OrderEventRow& event)
{
    auto seq = database.scalar(QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM order_events WHERE order_id = ?"),
                               {event.orderId});
    if (!seq)
        return seq.error();
    auto inserted = database.exec(QStringLiteral("INSERT INTO order_events (id, order_id, shop_id, seq, action, "
                                                 "from_state, to_state, actor_kind, actor_id, note, amount_fen, at_ms) "
                                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                                  {Id::create(clock),
                                   event.orderId,
                                   event.shopId,
                                   seq->toLongLong(),
                                   event.action,
                                   event.fromState,
                                   event.toState,
                                   event.actorKind,
                                   db::notNullText(event.actorId),
                                   db::notNullText(event.note),
                                   event.amountFen,
                                   event.atMs});
    if (!inserted)
        return inserted.error();
    return {};
}

} // namespace xd::server
