#pragma once

#include "xiaodian/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace xd {

// Where an order stands. One value, never a set of flags; every change is a named action from the table
// in OrderStateMachine (docs/orders.md). A rejected refund is not a state: the order returns to where it was
// before the request, and the event log keeps the "reject_refund" step.
enum class OrderState {
    PendingPayment, // online payment: placed, not paid yet; the close timer ends it
    CodPlaced,      // cash on delivery: placed, waiting for the merchant, paid on collection
    Paid,
    Accepted,
    Shipped,
    ReadyForPickup,
    InService,
    Completed,
    Cancelled,
    Closed, // unpaid too long (timer)
    RefundRequested,
    Refunded,
};

enum class OrderAction {
    Pay,
    Accept,
    Ship,
    ReadyForPickup,
    StartService,
    Complete,
    MarkCollected, // cash on delivery: the money was taken when the goods or service were handed over
    Cancel,
    Close,
    RequestRefund,
    WithdrawRefund,
    Refund,
    RejectRefund,
    PartialRefund, // the owner pays part of the money back; the order keeps its state (docs/orders.md)
};

enum class OrderActor { Customer, MerchantOwner, MerchantClerk, SystemTimer, PaymentNotification };
enum class FulfilmentMode { Delivery, Pickup, InStore };
enum class PaymentMethod { Online, CashOnDelivery }; // online: WeChat Pay or stored balance

// Wire names: snake_case ("pending_payment", "ready_for_pickup", "mark_collected", "merchant_clerk",
// "in_store", "cash_on_delivery"). parse* return nothing for an unknown name.
QString orderStateName(OrderState state);
QString orderActionName(OrderAction action);
QString orderActorName(OrderActor actor);
QString fulfilmentModeName(FulfilmentMode mode);
QString paymentMethodName(PaymentMethod method);
std::optional<OrderState> parseOrderState(const QString& name);
std::optional<OrderAction> parseOrderAction(const QString& name);
std::optional<OrderActor> parseOrderActor(const QString& name);
std::optional<FulfilmentMode> parseFulfilmentMode(const QString& name);
std::optional<PaymentMethod> parsePaymentMethod(const QString& name);

enum class StockEffect {
    None,
    Return,               // the reserved pieces go back to the SKUs' stock
    ReturnIfNotHandedOver // refund: only when the request came before shipping / pickup / service
};
// In: the shop receives the payable; Out: it pays back all that is left; PartOut: it pays back a part (less than
// what is left, the amount chosen by the owner).
enum class MoneyEffect { None, In, Out, PartOut };

// One row of the transition table. Actors, modes and payment methods are bit sets (bit = 1 << enum value).
struct OrderTransition
{
    OrderState from;
    OrderAction action;
    OrderState to;           // ignored when toPrevious
    bool toPrevious = false; // back to the state before the refund request
    unsigned actors = 0;
    unsigned modes = 0;
    unsigned payments = 0;
    StockEffect stock = StockEffect::None;
    MoneyEffect money = MoneyEffect::None;
};

// The facts about the order and the caller that the table's rows are matched against.
struct TransitionContext
{
    OrderActor actor = OrderActor::Customer;
    FulfilmentMode mode = FulfilmentMode::Delivery;
    PaymentMethod payment = PaymentMethod::Online;
    // Required when the order is refund_requested: where it stood when the refund was requested (the last
    // event's `from`).
    std::optional<OrderState> stateBeforeRefund;
};

// What one allowed transition does, resolved for a concrete order.
struct TransitionOutcome
{
    OrderState to = OrderState::PendingPayment;
    bool returnsStock = false;
    MoneyEffect money = MoneyEffect::None;
};

// The order state machine, pure logic shared by server (which applies it inside the order's transaction and
// appends the order event) and desktop (which shows only the buttons allowedActions returns). Refusals:
// `conflict` when the table has no row for this state, action, fulfilment mode and payment method;
// `permission_denied` when it has one but not for this actor; `invalid_argument` for a refund_requested order
// without a valid stateBeforeRefund.
class OrderStateMachine
{
    Q_DECLARE_TR_FUNCTIONS(OrderStateMachine)

public:
    static const QList<OrderTransition>& table();

    static OrderState initialState(PaymentMethod payment);
    static bool isFinal(OrderState state);

    static Result<TransitionOutcome> resolve(OrderState from, OrderAction action, const TransitionContext& context);
    static Result<OrderState> apply(OrderState from, OrderAction action, const TransitionContext& context);

    // The actions `context.actor` may run now, in the table's order.
    static QList<OrderAction> allowedActions(OrderState from, const TransitionContext& context);
};

} // namespace xd
