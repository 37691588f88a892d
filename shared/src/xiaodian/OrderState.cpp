#include "xiaodian/OrderState.h"

#include <array>
#include <utility>

namespace xd {

namespace {

constexpr unsigned bit(auto value)
{
    return 1u << static_cast<unsigned>(value);
}

constexpr unsigned Customer = bit(OrderActor::Customer);
constexpr unsigned Owner = bit(OrderActor::MerchantOwner);
constexpr unsigned Clerk = bit(OrderActor::MerchantClerk);
constexpr unsigned Timer = bit(OrderActor::SystemTimer);
constexpr unsigned Notification = bit(OrderActor::PaymentNotification);

constexpr unsigned Delivery = bit(FulfilmentMode::Delivery);
constexpr unsigned Pickup = bit(FulfilmentMode::Pickup);
constexpr unsigned InStore = bit(FulfilmentMode::InStore);
constexpr unsigned AnyMode = Delivery | Pickup | InStore;

constexpr unsigned Online = bit(PaymentMethod::Online);
constexpr unsigned Cod = bit(PaymentMethod::CashOnDelivery);
constexpr unsigned AnyPayment = Online | Cod;

using S = OrderState;
using A = OrderAction;

OrderTransition row(S from,
                    A action,
                    S to,
                    unsigned actors,
                    unsigned modes,
                    unsigned payments,
                    StockEffect stock = StockEffect::None,
                    MoneyEffect money = MoneyEffect::None)
{
    return OrderTransition{from, action, to, false, actors, modes, payments, stock, money};
}

OrderTransition backRow(S from, A action, unsigned actors)
{
    return OrderTransition{from, action, from, true, actors, AnyMode, AnyPayment, StockEffect::None, MoneyEffect::None};
}

// The whole table. Rows never overlap: (from, action, mode, payment) selects at most one (tst_orderstate checks).
// Money out is the owner's alone (clerks cannot touch refunds, see Permissions.h); customers cancel freely only
// until the merchant accepts; after that they ask for a refund. docs/orders.md lists exactly these rows.
QList<OrderTransition> buildTable()
{
    using SE = StockEffect;
    using ME = MoneyEffect;
    return {
        row(S::PendingPayment, A::Pay, S::Paid, Notification, AnyMode, Online, SE::None, ME::In),
        row(S::PendingPayment, A::Cancel, S::Cancelled, Customer | Owner | Clerk, AnyMode, Online, SE::Return),
        row(S::PendingPayment, A::Close, S::Closed, Timer, AnyMode, Online, SE::Return),

        row(S::CodPlaced, A::Accept, S::Accepted, Owner | Clerk, AnyMode, Cod),
        row(S::CodPlaced, A::Cancel, S::Cancelled, Customer | Owner | Clerk, AnyMode, Cod, SE::Return),

        row(S::Paid, A::Accept, S::Accepted, Owner | Clerk, AnyMode, Online),
        row(S::Paid, A::Cancel, S::Cancelled, Customer | Owner, AnyMode, Online, SE::Return, ME::Out),
        // Partial refunds (the owner's goodwill: a missing item, a late delivery) keep the order where it is. Online
        // orders from payment on; cash on delivery only once the money was collected (completed).
        row(S::Paid, A::PartialRefund, S::Paid, Owner, AnyMode, Online, SE::None, ME::PartOut),

        row(S::Accepted, A::Ship, S::Shipped, Owner | Clerk, Delivery, AnyPayment),
        row(S::Accepted, A::ReadyForPickup, S::ReadyForPickup, Owner | Clerk, Pickup, AnyPayment),
        row(S::Accepted, A::StartService, S::InService, Owner | Clerk, InStore, AnyPayment),
        row(S::Accepted, A::Cancel, S::Cancelled, Owner, AnyMode, Online, SE::Return, ME::Out),
        row(S::Accepted, A::Cancel, S::Cancelled, Owner | Clerk, AnyMode, Cod, SE::Return),
        row(S::Accepted, A::RequestRefund, S::RefundRequested, Customer, AnyMode, Online),
        row(S::Accepted, A::PartialRefund, S::Accepted, Owner, AnyMode, Online, SE::None, ME::PartOut),

        // Confirming receipt: the customer, the merchant (own delivery) or the auto-complete timer.
        row(S::Shipped, A::Complete, S::Completed, Customer | Owner | Clerk | Timer, Delivery, Online),
        row(S::Shipped, A::MarkCollected, S::Completed, Owner | Clerk, Delivery, Cod, SE::None, ME::In),
        // Cash on delivery refused at the door: the goods come back by hand, so no automatic stock return.
        row(S::Shipped, A::Cancel, S::Cancelled, Owner, Delivery, Cod),
        row(S::Shipped, A::RequestRefund, S::RefundRequested, Customer, Delivery, Online),
        row(S::Shipped, A::PartialRefund, S::Shipped, Owner, Delivery, Online, SE::None, ME::PartOut),

        row(S::ReadyForPickup, A::Complete, S::Completed, Owner | Clerk, Pickup, Online), // pickup code checked
        row(S::ReadyForPickup, A::MarkCollected, S::Completed, Owner | Clerk, Pickup, Cod, SE::None, ME::In),
        row(S::ReadyForPickup, A::Cancel, S::Cancelled, Owner | Clerk, Pickup, Cod, SE::Return), // never collected
        row(S::ReadyForPickup, A::RequestRefund, S::RefundRequested, Customer, Pickup, Online),
        row(S::ReadyForPickup, A::PartialRefund, S::ReadyForPickup, Owner, Pickup, Online, SE::None, ME::PartOut),

        row(S::InService, A::Complete, S::Completed, Owner | Clerk, InStore, Online),
        row(S::InService, A::MarkCollected, S::Completed, Owner | Clerk, InStore, Cod, SE::None, ME::In),
        row(S::InService, A::RequestRefund, S::RefundRequested, Customer, InStore, Online),
        row(S::InService, A::PartialRefund, S::InService, Owner, InStore, Online, SE::None, ME::PartOut),

        // After-sales: the window (N days after completion) is a shop setting the server checks, not a state.
        row(S::Completed, A::RequestRefund, S::RefundRequested, Customer, AnyMode, AnyPayment),
        row(S::Completed, A::PartialRefund, S::Completed, Owner, AnyMode, AnyPayment, SE::None, ME::PartOut),

        backRow(S::RefundRequested, A::WithdrawRefund, Customer),
        row(S::RefundRequested, A::Refund, S::Refunded, Owner, AnyMode, AnyPayment, SE::ReturnIfNotHandedOver, ME::Out),
        backRow(S::RefundRequested, A::RejectRefund, Owner),
        // A partial refund answers the request too: the order goes back to where it was, the money part-paid.
        OrderTransition{S::RefundRequested,
                        A::PartialRefund,
                        S::RefundRequested,
                        true,
                        Owner,
                        AnyMode,
                        AnyPayment,
                        StockEffect::None,
                        MoneyEffect::PartOut},
    };
}

const std::array<std::pair<OrderState, const char*>, 12> stateNames{{
    {S::PendingPayment, "pending_payment"},
    {S::CodPlaced, "cod_placed"},
    {S::Paid, "paid"},
    {S::Accepted, "accepted"},
    {S::Shipped, "shipped"},
    {S::ReadyForPickup, "ready_for_pickup"},
    {S::InService, "in_service"},
    {S::Completed, "completed"},
    {S::Cancelled, "cancelled"},
    {S::Closed, "closed"},
    {S::RefundRequested, "refund_requested"},
    {S::Refunded, "refunded"},
}};

const std::array<std::pair<OrderAction, const char*>, 14> actionNames{{
    {A::Pay, "pay"},
    {A::Accept, "accept"},
    {A::Ship, "ship"},
    {A::ReadyForPickup, "ready_for_pickup"},
    {A::StartService, "start_service"},
    {A::Complete, "complete"},
    {A::MarkCollected, "mark_collected"},
    {A::Cancel, "cancel"},
    {A::Close, "close"},
    {A::RequestRefund, "request_refund"},
    {A::WithdrawRefund, "withdraw_refund"},
    {A::Refund, "refund"},
    {A::RejectRefund, "reject_refund"},
    {A::PartialRefund, "partial_refund"},
}};

const std::array<std::pair<OrderActor, const char*>, 5> actorNames{{
    {OrderActor::Customer, "customer"},
    {OrderActor::MerchantOwner, "merchant_owner"},
    {OrderActor::MerchantClerk, "merchant_clerk"},
    {OrderActor::SystemTimer, "system_timer"},
    {OrderActor::PaymentNotification, "payment_notification"},
}};

const std::array<std::pair<FulfilmentMode, const char*>, 3> modeNames{{
    {FulfilmentMode::Delivery, "delivery"},
    {FulfilmentMode::Pickup, "pickup"},
    {FulfilmentMode::InStore, "in_store"},
}};

const std::array<std::pair<PaymentMethod, const char*>, 2> paymentNames{{
    {PaymentMethod::Online, "online"},
    {PaymentMethod::CashOnDelivery, "cash_on_delivery"},
}};

template <typename E, std::size_t N> QString nameOf(const std::array<std::pair<E, const char*>, N>& names, E value)
{
    for (const auto& [v, name] : names) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    Q_UNREACHABLE();
    return QString();
}

template <typename E, std::size_t N>
std::optional<E> parseName(const std::array<std::pair<E, const char*>, N>& names, const QString& text)
{
    for (const auto& [v, name] : names) {
        if (text == QLatin1String(name))
            return v;
    }
    return std::nullopt;
}

bool matches(const OrderTransition& t, OrderState from, OrderAction action, const TransitionContext& context)
{
    return t.from == from && t.action == action && (t.modes & bit(context.mode)) != 0 &&
           (t.payments & bit(context.payment)) != 0;
}

// The state an order of this mode and payment method can have been in when its refund was requested.
bool canRequestRefundFrom(OrderState state, const TransitionContext& context)
{
    for (const OrderTransition& t : OrderStateMachine::table()) {
        if (matches(t, state, OrderAction::RequestRefund, context))
            return true;
    }
    return false;
}

} // namespace

QString orderStateName(OrderState state)
{
    return nameOf(stateNames, state);
}
QString orderActionName(OrderAction action)
{
    return nameOf(actionNames, action);
}
QString orderActorName(OrderActor actor)
{
    return nameOf(actorNames, actor);
}
QString fulfilmentModeName(FulfilmentMode mode)
{
    return nameOf(modeNames, mode);
}
QString paymentMethodName(PaymentMethod method)
{
    return nameOf(paymentNames, method);
}
std::optional<OrderState> parseOrderState(const QString& name)
{
    return parseName(stateNames, name);
}
std::optional<OrderAction> parseOrderAction(const QString& name)
{
    return parseName(actionNames, name);
}
std::optional<OrderActor> parseOrderActor(const QString& name)
{
    return parseName(actorNames, name);
}
std::optional<FulfilmentMode> parseFulfilmentMode(const QString& name)
{
    return parseName(modeNames, name);
}
std::optional<PaymentMethod> parsePaymentMethod(const QString& name)
{
    return parseName(paymentNames, name);
}

const QList<OrderTransition>& OrderStateMachine::table()
{
    static const QList<OrderTransition> rows = buildTable();
    return rows;
}

OrderState OrderStateMachine::initialState(PaymentMethod payment)
{
    return payment == PaymentMethod::CashOnDelivery ? OrderState::CodPlaced : OrderState::PendingPayment;
}

bool OrderStateMachine::isFinal(OrderState state)
{
    // Completed is not final: a refund may still be requested in the after-sales window.
    return state == OrderState::Cancelled || state == OrderState::Closed || state == OrderState::Refunded;
}

Result<TransitionOutcome>
OrderStateMachine::resolve(OrderState from, OrderAction action, const TransitionContext& context)
{
    const OrderTransition* found = nullptr;
    for (const OrderTransition& t : table()) {
        if (matches(t, from, action, context)) {
            found = &t;
            break;
        }
    }
    if (!found) {
        return makeError(ErrorCode::Conflict,
                         tr("An order in state '%1' (%2, %3) cannot '%4'.")
                             .arg(orderStateName(from),
                                  fulfilmentModeName(context.mode),
                                  paymentMethodName(context.payment),
                                  orderActionName(action)));
    }
    if ((found->actors & bit(context.actor)) == 0) {
        return makeError(ErrorCode::PermissionDenied,
                         tr("'%1' may not '%2' an order in state '%3'.")
                             .arg(orderActorName(context.actor), orderActionName(action), orderStateName(from)));
    }

    TransitionOutcome outcome;
    outcome.to = found->to;
    outcome.money = found->money;
    outcome.returnsStock = found->stock == StockEffect::Return;
    if (from == OrderState::RefundRequested) {
        if (!context.stateBeforeRefund || !canRequestRefundFrom(*context.stateBeforeRefund, context)) {
            return makeError(ErrorCode::InvalidArgument,
                             tr("The state before the refund request is missing or impossible."));
        }
        if (found->toPrevious)
            outcome.to = *context.stateBeforeRefund;
        // Goods still in the shop (accepted, or waiting for pickup) go back to stock; shipped, served or
        // completed ones do not -- the merchant restocks returned goods by hand.
        if (found->stock == StockEffect::ReturnIfNotHandedOver) {
            outcome.returnsStock = *context.stateBeforeRefund == OrderState::Accepted ||
                                   *context.stateBeforeRefund == OrderState::ReadyForPickup;
        }
    }
    return outcome;
}

Result<OrderState> OrderStateMachine::apply(OrderState from, OrderAction action, const TransitionContext& context)
{
    auto outcome = resolve(from, action, context);
    if (!outcome)
        return outcome.error();
    return outcome->to;
}

QList<OrderAction> OrderStateMachine::allowedActions(OrderState from, const TransitionContext& context)
{
    QList<OrderAction> actions;
    for (const OrderTransition& t : table()) {
        if (t.from == from && !actions.contains(t.action) && resolve(from, t.action, context).ok())
            actions.append(t.action);
    }
    return actions;
}

} // namespace xd
