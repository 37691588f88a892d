#pragma once

#include "xiaodian/OrderState.h"
#include "xiaodian/Result.h"

#include <QString>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

// Who moves an order, as recorded in its event (order_events.actor_kind / actor_id).
struct OrderActorRef
{
    OrderActor actor = OrderActor::Customer; // what the state machine's table matches
    QString actorId;                         // customer id, staff id; '' for the timer and WeChat Pay
};

// One step of one order. The action-specific fields are read only by the actions that use them.
struct OrderTransitionRequest
{
    QString shopId;
    QString orderId;
    OrderAction action = OrderAction::Accept;
    OrderActorRef by;
    QString note;         // free text kept in the event (cancel reason, refund reason, rejection note)
    qint64 amountFen = 0; // pay / mark_collected: the amount received (must equal payable); refund: the amount
    QString carrier;      // ship
    QString trackingNo;   // ship
    QString pickupCode;   // complete of a pickup order by the merchant: must match
    // The version this transaction already stamps (CommandContext::version() of a merchant operation): used
    // instead of bumping the shop's counter a second time. 0: applyOrderTransition bumps it.
    qint64 version = 0;
};

struct OrderTransitionResult
{
    OrderState from = OrderState::PendingPayment;
    OrderState to = OrderState::PendingPayment;
    qint64 version = 0;   // the order's new version (the shop's change counter)
    qint64 amountFen = 0; // money this step moved, as its event records (received, or paid back)
};

// The one place an order changes state (docs/orders.md): every path -- the customer's API, the merchant's
// operations (REST and sync outbox), the timer job, WeChat Pay notifications -- goes through here, INSIDE the
// caller's open write transaction. It reads the order (refusing another shop's: not_found), resolves the action
// with OrderStateMachine (conflict / permission_denied / invalid_argument as documented there), updates the
// order's state and timestamps/timer columns, returns stock when the table says so (a conditional UPDATE per
// SKU, with an audit row), appends the order event (seq = last + 1), and bumps the shop's change counter (the
// order's new version). It neither commits nor notifies: the caller does both after its transaction.
Result<OrderTransitionResult>
applyOrderTransition(const db::Database& database, const Clock& clock, const OrderTransitionRequest& request);

// One row of an order's append-only history (order_events), as written by applyOrderTransition, the merchant's
// remark and WeChat Pay's anomalies.
struct OrderEventRow
{
    QString shopId;
    QString orderId;
    QString action;    // wire name: an OrderAction's, or "remark", "payment_anomaly"
    QString fromState; // wire names
    QString toState;
    QString actorKind; // customer | staff | system | payment
    QString actorId;   // '' for the timer and WeChat Pay
    QString note;
    qint64 amountFen = 0;
    qint64 atMs = 0;
};

// Appends `event` numbered after the order's last one (seq), inside the caller's open write transaction (which holds
// the shop, so two writers never take the same number; UNIQUE (order_id, seq) would refuse it anyway).
Status appendOrderEvent(const db::Database& database, const Clock& clock, const OrderEventRow& event);

} // namespace xd::server
