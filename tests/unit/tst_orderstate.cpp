#include "xiaodian/OrderState.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace xd;

namespace {

const QList<OrderState> allStates{OrderState::PendingPayment,
                                  OrderState::CodPlaced,
                                  OrderState::Paid,
                                  OrderState::Accepted,
                                  OrderState::Shipped,
                                  OrderState::ReadyForPickup,
                                  OrderState::InService,
                                  OrderState::Completed,
                                  OrderState::Cancelled,
                                  OrderState::Closed,
                                  OrderState::RefundRequested,
                                  OrderState::Refunded};
const QList<OrderAction> allActions{OrderAction::Pay,
                                    OrderAction::Accept,
                                    OrderAction::Ship,
                                    OrderAction::ReadyForPickup,
                                    OrderAction::StartService,
                                    OrderAction::Complete,
                                    OrderAction::MarkCollected,
                                    OrderAction::Cancel,
                                    OrderAction::Close,
                                    OrderAction::RequestRefund,
                                    OrderAction::WithdrawRefund,
                                    OrderAction::Refund,
                                    OrderAction::RejectRefund,
                                    OrderAction::PartialRefund};
const QList<OrderActor> allActors{OrderActor::Customer,
                                  OrderActor::MerchantOwner,
                                  OrderActor::MerchantClerk,
                                  OrderActor::SystemTimer,
                                  OrderActor::PaymentNotification};
const QList<FulfilmentMode> allModes{FulfilmentMode::Delivery, FulfilmentMode::Pickup, FulfilmentMode::InStore};
const QList<PaymentMethod> allPayments{PaymentMethod::Online, PaymentMethod::CashOnDelivery};

bool has(unsigned set, auto value)
{
    return (set & (1u << static_cast<unsigned>(value))) != 0;
}

TransitionContext
context(OrderActor actor, FulfilmentMode mode, PaymentMethod payment, std::optional<OrderState> before = std::nullopt)
{
    return TransitionContext{actor, mode, payment, before};
}

// A state from which a refund can have been requested for this mode and payment: completed always can.
TransitionContext withBefore(TransitionContext c)
{
    c.stateBeforeRefund = OrderState::Completed;
    return c;
}

const OrderTransition* rowFor(OrderState from, OrderAction action, FulfilmentMode mode, PaymentMethod payment)
{
    for (const OrderTransition& t : OrderStateMachine::table()) {
        if (t.from == from && t.action == action && has(t.modes, mode) && has(t.payments, payment))
            return &t;
    }
    return nullptr;
}

QString setText(unsigned set, const auto& all, auto nameOf, const QString& allWord)
{
    QStringList names;
    for (const auto& value : all) {
        if (has(set, value))
            names.append(nameOf(value));
    }
    return names.size() == all.size() && !allWord.isEmpty() ? allWord : names.join(QStringLiteral(", "));
}

// One table row the way docs/orders.md writes it (cells without backticks, joined by " | ").
QString rowText(const OrderTransition& t)
{
    static const QStringList stock{
        QStringLiteral("-"), QStringLiteral("return"), QStringLiteral("return if not handed over")};
    static const QStringList money{
        QStringLiteral("-"), QStringLiteral("in"), QStringLiteral("out"), QStringLiteral("part out")};
    return QStringList{orderStateName(t.from),
                       orderActionName(t.action),
                       t.toPrevious ? QStringLiteral("(state before the request)") : orderStateName(t.to),
                       setText(t.actors, allActors, orderActorName, QString()),
                       setText(t.modes, allModes, fulfilmentModeName, QStringLiteral("all")),
                       setText(t.payments, allPayments, paymentMethodName, QStringLiteral("any")),
                       stock.at(int(t.stock)),
                       money.at(int(t.money))}
        .join(QStringLiteral(" | "));
}

} // namespace

class tst_OrderState : public QObject
{
    Q_OBJECT

private slots:
    void names_roundTripAndUnknownIsRejected();
    void table_rowsNeverOverlapAndRefundRowsAreConsistent();
    void allowed_everyRowForEveryActorModeAndPayment();
    void refused_fullCrossProductGivesStableCodes();
    void refused_handPickedCases();
    void stock_cancelOrCloseBeforeHandoverReturnsStock();
    void money_movesOnlyOnPayCollectCancelPaidAndRefund();
    void refund_rejectAndWithdrawReturnToPriorState();
    void refund_stockReturnedOnlyWhenGoodsStillInShop();
    void refund_missingOrImpossiblePriorStateIsRejected();
    void partialRefund_keepsTheStateOrAnswersTheRequest_ownerOnly_codOnlyOnceCollected();
    void allowedActions_matchResolveAndShowTheRightButtons();
    void finalStates_haveNoActions();
    void paths_onlineDeliveryCodPickupInStore();
    void docs_listExactlyTheTable();
};

void tst_OrderState::names_roundTripAndUnknownIsRejected()
{
    QSet<QString> stateNames;
    for (OrderState s : allStates) {
        QCOMPARE(parseOrderState(orderStateName(s)), s);
        stateNames.insert(orderStateName(s));
    }
    QCOMPARE(stateNames.size(), allStates.size());
    QSet<QString> actionNames;
    for (OrderAction a : allActions) {
        QCOMPARE(parseOrderAction(orderActionName(a)), a);
        actionNames.insert(orderActionName(a));
    }
    QCOMPARE(actionNames.size(), allActions.size());
    for (OrderActor a : allActors)
        QCOMPARE(parseOrderActor(orderActorName(a)), a);
    for (FulfilmentMode m : allModes)
        QCOMPARE(parseFulfilmentMode(fulfilmentModeName(m)), m);
    for (PaymentMethod p : allPayments)
        QCOMPARE(parsePaymentMethod(paymentMethodName(p)), p);

    QCOMPARE(orderStateName(OrderState::ReadyForPickup), QStringLiteral("ready_for_pickup"));
    QCOMPARE(orderActionName(OrderAction::MarkCollected), QStringLiteral("mark_collected"));
    QVERIFY(!parseOrderState(QStringLiteral("refund_rejected"))); // an event, not a state
    QVERIFY(!parseOrderState(QStringLiteral("Paid")));
    QVERIFY(!parseOrderState(QString()));
    QVERIFY(!parseOrderAction(QStringLiteral("markCollected")));
    QVERIFY(!parseOrderActor(QStringLiteral("owner")));
    QVERIFY(!parseFulfilmentMode(QStringLiteral("instore")));
    QVERIFY(!parsePaymentMethod(QStringLiteral("cod")));
}

void tst_OrderState::table_rowsNeverOverlapAndRefundRowsAreConsistent()
{
    const auto& table = OrderStateMachine::table();
    QVERIFY(table.size() > 20);
    for (OrderState s : allStates) {
        for (OrderAction a : allActions) {
            for (FulfilmentMode m : allModes) {
                for (PaymentMethod p : allPayments) {
                    int rows = 0;
                    for (const OrderTransition& t : table)
                        rows += t.from == s && t.action == a && has(t.modes, m) && has(t.payments, p);
                    QVERIFY2(rows <= 1, qPrintable(orderStateName(s) + QLatin1Char(' ') + orderActionName(a)));
                }
            }
        }
    }
    for (const OrderTransition& t : table) {
        QVERIFY(t.actors != 0 && t.modes != 0 && t.payments != 0);
        QVERIFY(!OrderStateMachine::isFinal(t.from));
        // Only a refund request's answers go "back"; only the refund decides stock by the prior state.
        QCOMPARE(t.toPrevious, t.from == OrderState::RefundRequested && t.action != OrderAction::Refund);
        QCOMPARE(t.stock == StockEffect::ReturnIfNotHandedOver, t.action == OrderAction::Refund);
    }
}

void tst_OrderState::allowed_everyRowForEveryActorModeAndPayment()
{
    int checked = 0;
    for (const OrderTransition& t : OrderStateMachine::table()) {
        for (OrderActor actor : allActors) {
            for (FulfilmentMode m : allModes) {
                for (PaymentMethod p : allPayments) {
                    if (!has(t.actors, actor) || !has(t.modes, m) || !has(t.payments, p))
                        continue;
                    TransitionContext c = context(actor, m, p);
                    if (t.from == OrderState::RefundRequested)
                        c = withBefore(c);
                    const auto to = OrderStateMachine::apply(t.from, t.action, c);
                    QVERIFY2(to.ok(), qPrintable(rowText(t) + QStringLiteral(" as ") + orderActorName(actor)));
                    QCOMPARE(*to, t.toPrevious ? OrderState::Completed : t.to);
                    ++checked;
                }
            }
        }
    }
    QVERIFY(checked > 50);
}

void tst_OrderState::refused_fullCrossProductGivesStableCodes()
{
    int refused = 0;
    for (OrderState s : allStates) {
        for (OrderAction a : allActions) {
            for (FulfilmentMode m : allModes) {
                for (PaymentMethod p : allPayments) {
                    const OrderTransition* row = rowFor(s, a, m, p);
                    for (OrderActor actor : allActors) {
                        const TransitionContext c = withBefore(context(actor, m, p));
                        const auto result = OrderStateMachine::resolve(s, a, c);
                        const QString where = QStringLiteral("%1 %2 %3 %4 %5")
                                                  .arg(orderStateName(s),
                                                       orderActionName(a),
                                                       fulfilmentModeName(m),
                                                       paymentMethodName(p),
                                                       orderActorName(actor));
                        if (!row) {
                            QVERIFY2(!result.ok(), qPrintable(where));
                            QCOMPARE(errorCodeName(result.error().code), QStringLiteral("conflict"));
                            ++refused;
                        } else if (!has(row->actors, actor)) {
                            QVERIFY2(!result.ok(), qPrintable(where));
                            QCOMPARE(errorCodeName(result.error().code), QStringLiteral("permission_denied"));
                            ++refused;
                        } else {
                            QVERIFY2(result.ok(), qPrintable(where));
                        }
                        if (!result.ok())
                            QVERIFY(!result.error().message.isEmpty());
                    }
                }
            }
        }
    }
    // 12 states x 13 actions x 3 modes x 2 payments x 5 actors, almost all of them refused.
    QVERIFY(refused > 2000);
}

void tst_OrderState::refused_handPickedCases()
{
    using S = OrderState;
    using A = OrderAction;
    using R = OrderActor;
    using M = FulfilmentMode;
    using P = PaymentMethod;
    struct Case
    {
        S from;
        A action;
        TransitionContext c;
        ErrorCode code;
    };
    const QList<Case> cases{
        {S::PendingPayment, A::Pay, context(R::Customer, M::Delivery, P::Online), ErrorCode::PermissionDenied},
        {S::PendingPayment, A::Pay, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::PermissionDenied},
        {S::PendingPayment, A::Close, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::PermissionDenied},
        {S::PendingPayment, A::Accept, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::Conflict},
        {S::CodPlaced, A::Pay, context(R::PaymentNotification, M::Delivery, P::CashOnDelivery), ErrorCode::Conflict},
        {S::CodPlaced, A::Close, context(R::SystemTimer, M::Delivery, P::CashOnDelivery), ErrorCode::Conflict},
        {S::Paid, A::Pay, context(R::PaymentNotification, M::Delivery, P::Online), ErrorCode::Conflict}, // repeat
        {S::Paid, A::Cancel, context(R::MerchantClerk, M::Delivery, P::Online), ErrorCode::PermissionDenied},
        {S::Paid, A::Ship, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::Conflict},
        {S::Accepted, A::Ship, context(R::MerchantOwner, M::Pickup, P::Online), ErrorCode::Conflict},
        {S::Accepted, A::ReadyForPickup, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::Conflict},
        {S::Accepted, A::StartService, context(R::MerchantOwner, M::Pickup, P::Online), ErrorCode::Conflict},
        {S::Accepted, A::Cancel, context(R::Customer, M::Delivery, P::Online), ErrorCode::PermissionDenied},
        {S::Accepted, A::Cancel, context(R::MerchantClerk, M::Delivery, P::Online), ErrorCode::PermissionDenied},
        {S::Accepted, A::RequestRefund, context(R::Customer, M::Delivery, P::CashOnDelivery), ErrorCode::Conflict},
        {S::Shipped, A::Complete, context(R::Customer, M::Delivery, P::CashOnDelivery), ErrorCode::Conflict},
        {S::Shipped, A::MarkCollected, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::Conflict},
        {S::Shipped, A::Cancel, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::Conflict},
        {S::ReadyForPickup, A::Complete, context(R::SystemTimer, M::Pickup, P::Online), ErrorCode::PermissionDenied},
        {S::InService, A::Complete, context(R::Customer, M::InStore, P::Online), ErrorCode::PermissionDenied},
        {S::Completed, A::Cancel, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::Conflict},
        {S::RefundRequested,
         A::Refund,
         context(R::MerchantClerk, M::Delivery, P::Online, S::Shipped),
         ErrorCode::PermissionDenied},
        {S::RefundRequested,
         A::RejectRefund,
         context(R::Customer, M::Delivery, P::Online, S::Shipped),
         ErrorCode::PermissionDenied},
        {S::RefundRequested,
         A::WithdrawRefund,
         context(R::MerchantOwner, M::Delivery, P::Online, S::Shipped),
         ErrorCode::PermissionDenied},
        {S::Refunded, A::Refund, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::Conflict},
        {S::Cancelled, A::Accept, context(R::MerchantOwner, M::Delivery, P::Online), ErrorCode::Conflict},
        {S::Closed, A::Pay, context(R::PaymentNotification, M::Delivery, P::Online), ErrorCode::Conflict}, // late
    };
    for (const Case& c : cases) {
        const auto result = OrderStateMachine::apply(c.from, c.action, c.c);
        const QString where = orderStateName(c.from) + QLatin1Char(' ') + orderActionName(c.action);
        QVERIFY2(!result.ok(), qPrintable(where));
        QVERIFY2(result.error().code == c.code, qPrintable(where + QStringLiteral(": ") + result.error().toString()));
    }
}

void tst_OrderState::stock_cancelOrCloseBeforeHandoverReturnsStock()
{
    using S = OrderState;
    const auto owner = [](FulfilmentMode m, PaymentMethod p) {
        return context(OrderActor::MerchantOwner, m, p);
    };
    const auto returns = [](S from, OrderAction a, const TransitionContext& c) {
        const auto r = OrderStateMachine::resolve(from, a, c);
        return r.ok() && r->returnsStock;
    };
    QVERIFY(returns(S::PendingPayment, OrderAction::Cancel, owner(FulfilmentMode::Delivery, PaymentMethod::Online)));
    QVERIFY(returns(S::PendingPayment,
                    OrderAction::Close,
                    context(OrderActor::SystemTimer, FulfilmentMode::InStore, PaymentMethod::Online)));
    QVERIFY(returns(S::CodPlaced,
                    OrderAction::Cancel,
                    context(OrderActor::Customer, FulfilmentMode::Delivery, PaymentMethod::CashOnDelivery)));
    QVERIFY(returns(S::Paid, OrderAction::Cancel, owner(FulfilmentMode::Pickup, PaymentMethod::Online)));
    QVERIFY(returns(S::Accepted, OrderAction::Cancel, owner(FulfilmentMode::Delivery, PaymentMethod::Online)));
    QVERIFY(returns(S::Accepted, OrderAction::Cancel, owner(FulfilmentMode::Delivery, PaymentMethod::CashOnDelivery)));
    QVERIFY(
        returns(S::ReadyForPickup, OrderAction::Cancel, owner(FulfilmentMode::Pickup, PaymentMethod::CashOnDelivery)));
    // After shipping the goods are out of the shop: refused at the door, they come back by hand.
    const auto refused = OrderStateMachine::resolve(
        S::Shipped, OrderAction::Cancel, owner(FulfilmentMode::Delivery, PaymentMethod::CashOnDelivery));
    QVERIFY(refused.ok());
    QVERIFY(!refused->returnsStock);
    // Nothing else but cancel, close and refund ever returns stock.
    for (const OrderTransition& t : OrderStateMachine::table()) {
        if (t.stock != StockEffect::None) {
            QVERIFY2(t.action == OrderAction::Cancel || t.action == OrderAction::Close ||
                         t.action == OrderAction::Refund,
                     qPrintable(rowText(t)));
        }
        if (t.action == OrderAction::Cancel || t.action == OrderAction::Close)
            QCOMPARE(t.stock == StockEffect::Return, t.from != S::Shipped);
    }
}

void tst_OrderState::money_movesOnlyOnPayCollectCancelPaidAndRefund()
{
    for (const OrderTransition& t : OrderStateMachine::table()) {
        const QString where = rowText(t);
        if (t.action == OrderAction::Pay || t.action == OrderAction::MarkCollected)
            QVERIFY2(t.money == MoneyEffect::In, qPrintable(where));
        else if (t.action == OrderAction::Refund)
            QVERIFY2(t.money == MoneyEffect::Out, qPrintable(where));
        else if (t.action == OrderAction::PartialRefund)
            QVERIFY2(t.money == MoneyEffect::PartOut && t.actors == (1u << unsigned(OrderActor::MerchantOwner)),
                     qPrintable(where));
        else if (t.action == OrderAction::Cancel) // paid online: the cancellation pays it back
            QVERIFY2((t.money == MoneyEffect::Out) ==
                         (has(t.payments, PaymentMethod::Online) && t.from != OrderState::PendingPayment),
                     qPrintable(where));
        else
            QVERIFY2(t.money == MoneyEffect::None, qPrintable(where));
        // Money out is never a clerk's.
        if (t.money == MoneyEffect::Out || t.money == MoneyEffect::PartOut)
            QVERIFY2(!has(t.actors, OrderActor::MerchantClerk), qPrintable(where));
    }
}

void tst_OrderState::refund_rejectAndWithdrawReturnToPriorState()
{
    const QList<std::pair<OrderState, FulfilmentMode>> priors{{OrderState::Accepted, FulfilmentMode::Delivery},
                                                              {OrderState::Shipped, FulfilmentMode::Delivery},
                                                              {OrderState::ReadyForPickup, FulfilmentMode::Pickup},
                                                              {OrderState::InService, FulfilmentMode::InStore},
                                                              {OrderState::Completed, FulfilmentMode::InStore}};
    for (const auto& [prior, mode] : priors) {
        const auto requested = OrderStateMachine::apply(
            prior, OrderAction::RequestRefund, context(OrderActor::Customer, mode, PaymentMethod::Online));
        QVERIFY(requested.ok());
        QCOMPARE(*requested, OrderState::RefundRequested);
        const auto rejected =
            OrderStateMachine::apply(*requested,
                                     OrderAction::RejectRefund,
                                     context(OrderActor::MerchantOwner, mode, PaymentMethod::Online, prior));
        QVERIFY(rejected.ok());
        QCOMPARE(*rejected, prior);
        const auto withdrawn = OrderStateMachine::apply(
            *requested, OrderAction::WithdrawRefund, context(OrderActor::Customer, mode, PaymentMethod::Online, prior));
        QVERIFY(withdrawn.ok());
        QCOMPARE(*withdrawn, prior);
        const auto refunded = OrderStateMachine::resolve(
            *requested, OrderAction::Refund, context(OrderActor::MerchantOwner, mode, PaymentMethod::Online, prior));
        QVERIFY(refunded.ok());
        QCOMPARE(refunded->to, OrderState::Refunded);
        QCOMPARE(refunded->money, MoneyEffect::Out);
    }
    // A cash-on-delivery order can ask for its money back once it was collected (completed).
    QVERIFY(
        OrderStateMachine::apply(OrderState::Completed,
                                 OrderAction::RequestRefund,
                                 context(OrderActor::Customer, FulfilmentMode::Delivery, PaymentMethod::CashOnDelivery))
            .ok());
}

void tst_OrderState::refund_stockReturnedOnlyWhenGoodsStillInShop()
{
    const auto refundFrom = [](OrderState prior, FulfilmentMode mode) {
        const auto r =
            OrderStateMachine::resolve(OrderState::RefundRequested,
                                       OrderAction::Refund,
                                       context(OrderActor::MerchantOwner, mode, PaymentMethod::Online, prior));
        return r.ok() && r->returnsStock;
    };
    QVERIFY(refundFrom(OrderState::Accepted, FulfilmentMode::Delivery));
    QVERIFY(refundFrom(OrderState::ReadyForPickup, FulfilmentMode::Pickup));
    QVERIFY(!refundFrom(OrderState::Shipped, FulfilmentMode::Delivery));
    QVERIFY(!refundFrom(OrderState::InService, FulfilmentMode::InStore));
    QVERIFY(!refundFrom(OrderState::Completed, FulfilmentMode::Pickup));
}

void tst_OrderState::refund_missingOrImpossiblePriorStateIsRejected()
{
    const auto owner = OrderActor::MerchantOwner;
    const QList<TransitionContext> bad{
        context(owner, FulfilmentMode::Delivery, PaymentMethod::Online),                               // missing
        context(owner, FulfilmentMode::Delivery, PaymentMethod::Online, OrderState::PendingPayment),   // unpaid
        context(owner, FulfilmentMode::Delivery, PaymentMethod::Online, OrderState::RefundRequested),  // itself
        context(owner, FulfilmentMode::Pickup, PaymentMethod::Online, OrderState::Shipped),            // wrong mode
        context(owner, FulfilmentMode::Delivery, PaymentMethod::CashOnDelivery, OrderState::Accepted), // not paid yet
        context(owner, FulfilmentMode::Delivery, PaymentMethod::Online, OrderState::Refunded),
    };
    for (const TransitionContext& c : bad) {
        for (OrderAction a : {OrderAction::Refund, OrderAction::RejectRefund, OrderAction::PartialRefund}) {
            const auto r = OrderStateMachine::apply(OrderState::RefundRequested, a, c);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        }
        QVERIFY(OrderStateMachine::allowedActions(OrderState::RefundRequested, c).isEmpty());
    }
}

void tst_OrderState::partialRefund_keepsTheStateOrAnswersTheRequest_ownerOnly_codOnlyOnceCollected()
{
    using S = OrderState;
    using M = FulfilmentMode;
    using P = PaymentMethod;
    const auto owner = [](M m, P p, std::optional<S> before = std::nullopt) {
        return context(OrderActor::MerchantOwner, m, p, before);
    };
    // Online: from payment to completion the order stays where it is, money part out, no stock.
    const QList<std::pair<S, M>> online{{S::Paid, M::Delivery},
                                        {S::Accepted, M::Pickup},
                                        {S::Shipped, M::Delivery},
                                        {S::ReadyForPickup, M::Pickup},
                                        {S::InService, M::InStore},
                                        {S::Completed, M::InStore}};
    for (const auto& [state, mode] : online) {
        const auto r = OrderStateMachine::resolve(state, OrderAction::PartialRefund, owner(mode, P::Online));
        QVERIFY2(r.ok(), qPrintable(orderStateName(state)));
        QCOMPARE(r->to, state);
        QCOMPARE(r->money, MoneyEffect::PartOut);
        QVERIFY(!r->returnsStock);
        const auto clerk = OrderStateMachine::resolve(
            state, OrderAction::PartialRefund, context(OrderActor::MerchantClerk, mode, P::Online));
        QCOMPARE(clerk.error().code, ErrorCode::PermissionDenied);
    }
    // Nothing was received yet: unpaid, cash on delivery before collection, or over.
    for (const S state : {S::PendingPayment, S::Cancelled, S::Closed, S::Refunded}) {
        QCOMPARE(
            OrderStateMachine::resolve(state, OrderAction::PartialRefund, owner(M::Delivery, P::Online)).error().code,
            ErrorCode::Conflict);
    }
    for (const S state : {S::CodPlaced, S::Accepted, S::Shipped}) {
        QCOMPARE(OrderStateMachine::resolve(state, OrderAction::PartialRefund, owner(M::Delivery, P::CashOnDelivery))
                     .error()
                     .code,
                 ErrorCode::Conflict);
    }
    QCOMPARE(
        OrderStateMachine::resolve(S::Completed, OrderAction::PartialRefund, owner(M::Delivery, P::CashOnDelivery))->to,
        S::Completed);
    // A partial refund answers a refund request: back to where the order stood.
    const auto answered = OrderStateMachine::resolve(
        S::RefundRequested, OrderAction::PartialRefund, owner(M::Delivery, P::Online, S::Shipped));
    QVERIFY(answered.ok());
    QCOMPARE(answered->to, S::Shipped);
    QCOMPARE(answered->money, MoneyEffect::PartOut);
    QVERIFY(!answered->returnsStock);
    QCOMPARE(OrderStateMachine::resolve(S::RefundRequested,
                                        OrderAction::PartialRefund,
                                        context(OrderActor::Customer, M::Delivery, P::Online, S::Shipped))
                 .error()
                 .code,
             ErrorCode::PermissionDenied);
}

void tst_OrderState::allowedActions_matchResolveAndShowTheRightButtons()
{
    for (OrderState s : allStates) {
        for (OrderActor actor : allActors) {
            for (FulfilmentMode m : allModes) {
                for (PaymentMethod p : allPayments) {
                    const TransitionContext c = withBefore(context(actor, m, p));
                    const QList<OrderAction> allowed = OrderStateMachine::allowedActions(s, c);
                    for (OrderAction a : allActions)
                        QCOMPARE(allowed.contains(a), OrderStateMachine::resolve(s, a, c).ok());
                }
            }
        }
    }
    using A = OrderAction;
    const auto actions = [](OrderState s, OrderActor actor, FulfilmentMode m, PaymentMethod p) {
        return OrderStateMachine::allowedActions(s, withBefore(context(actor, m, p)));
    };
    const auto D = FulfilmentMode::Delivery;
    const auto On = PaymentMethod::Online;
    const auto Cod = PaymentMethod::CashOnDelivery;
    QCOMPARE(actions(OrderState::Paid, OrderActor::MerchantClerk, D, On), QList<A>({A::Accept}));
    QCOMPARE(actions(OrderState::Paid, OrderActor::MerchantOwner, D, On),
             QList<A>({A::Accept, A::Cancel, A::PartialRefund}));
    QCOMPARE(actions(OrderState::Paid, OrderActor::Customer, D, On), QList<A>({A::Cancel}));
    QCOMPARE(actions(OrderState::Accepted, OrderActor::MerchantOwner, D, On),
             QList<A>({A::Ship, A::Cancel, A::PartialRefund}));
    QCOMPARE(actions(OrderState::Accepted, OrderActor::MerchantClerk, D, On), QList<A>({A::Ship}));
    QCOMPARE(actions(OrderState::Accepted, OrderActor::MerchantClerk, FulfilmentMode::Pickup, Cod),
             QList<A>({A::ReadyForPickup, A::Cancel}));
    QCOMPARE(actions(OrderState::Accepted, OrderActor::Customer, D, On), QList<A>({A::RequestRefund}));
    QCOMPARE(actions(OrderState::Shipped, OrderActor::MerchantClerk, D, Cod), QList<A>({A::MarkCollected}));
    QCOMPARE(actions(OrderState::Shipped, OrderActor::SystemTimer, D, On), QList<A>({A::Complete}));
    QCOMPARE(actions(OrderState::RefundRequested, OrderActor::MerchantOwner, D, On),
             QList<A>({A::Refund, A::RejectRefund, A::PartialRefund}));
    QCOMPARE(actions(OrderState::RefundRequested, OrderActor::MerchantClerk, D, On), QList<A>());
    QCOMPARE(actions(OrderState::PendingPayment, OrderActor::PaymentNotification, D, On), QList<A>({A::Pay}));
}

void tst_OrderState::finalStates_haveNoActions()
{
    for (OrderState s : {OrderState::Cancelled, OrderState::Closed, OrderState::Refunded}) {
        QVERIFY(OrderStateMachine::isFinal(s));
        for (OrderActor actor : allActors) {
            for (FulfilmentMode m : allModes) {
                for (PaymentMethod p : allPayments)
                    QVERIFY(OrderStateMachine::allowedActions(s, withBefore(context(actor, m, p))).isEmpty());
            }
        }
    }
    QVERIFY(!OrderStateMachine::isFinal(OrderState::Completed));
}

void tst_OrderState::paths_onlineDeliveryCodPickupInStore()
{
    struct Step
    {
        OrderAction action;
        OrderActor actor;
        OrderState expected;
    };
    const auto walk = [](FulfilmentMode mode, PaymentMethod payment, const QList<Step>& steps) {
        OrderState state = OrderStateMachine::initialState(payment);
        for (const Step& step : steps) {
            const auto next = OrderStateMachine::apply(state, step.action, context(step.actor, mode, payment));
            if (!next.ok() || *next != step.expected)
                return false;
            state = *next;
        }
        return true;
    };
    using A = OrderAction;
    using R = OrderActor;
    using S = OrderState;
    QCOMPARE(OrderStateMachine::initialState(PaymentMethod::Online), S::PendingPayment);
    QCOMPARE(OrderStateMachine::initialState(PaymentMethod::CashOnDelivery), S::CodPlaced);
    QVERIFY(walk(FulfilmentMode::Delivery,
                 PaymentMethod::Online,
                 {{A::Pay, R::PaymentNotification, S::Paid},
                  {A::Accept, R::MerchantClerk, S::Accepted},
                  {A::Ship, R::MerchantClerk, S::Shipped},
                  {A::Complete, R::SystemTimer, S::Completed}}));
    QVERIFY(walk(FulfilmentMode::Delivery,
                 PaymentMethod::CashOnDelivery,
                 {{A::Accept, R::MerchantOwner, S::Accepted},
                  {A::Ship, R::MerchantClerk, S::Shipped},
                  {A::MarkCollected, R::MerchantClerk, S::Completed}}));
    QVERIFY(walk(FulfilmentMode::Pickup,
                 PaymentMethod::Online,
                 {{A::Pay, R::PaymentNotification, S::Paid},
                  {A::Accept, R::MerchantOwner, S::Accepted},
                  {A::ReadyForPickup, R::MerchantClerk, S::ReadyForPickup},
                  {A::Complete, R::MerchantClerk, S::Completed}}));
    QVERIFY(walk(FulfilmentMode::InStore,
                 PaymentMethod::CashOnDelivery,
                 {{A::Accept, R::MerchantClerk, S::Accepted},
                  {A::StartService, R::MerchantClerk, S::InService},
                  {A::MarkCollected, R::MerchantOwner, S::Completed}}));
    // A path that breaks a rule fails: the walker itself can fail.
    QVERIFY(!walk(FulfilmentMode::Pickup,
                  PaymentMethod::Online,
                  {{A::Pay, R::PaymentNotification, S::Paid}, {A::Ship, R::MerchantOwner, S::Shipped}}));
}

void tst_OrderState::docs_listExactlyTheTable()
{
    QFile file(QStringLiteral(XD_SOURCE_DIR "/docs/orders.md"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype begin = text.indexOf(QStringLiteral("<!-- transitions:begin -->"));
    const qsizetype end = text.indexOf(QStringLiteral("<!-- transitions:end -->"));
    QVERIFY(begin >= 0 && end > begin);

    QStringList documented;
    const QStringList lines = text.mid(begin, end - begin).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (!line.startsWith(QLatin1Char('|')) || line.startsWith(QStringLiteral("|---")) ||
            line.startsWith(QStringLiteral("| from ")))
            continue;
        QStringList cells = line.split(QLatin1Char('|'));
        cells = cells.mid(1, cells.size() - 2); // the outer pipes
        for (QString& cell : cells)
            cell = cell.remove(QLatin1Char('`')).trimmed();
        documented.append(cells.join(QStringLiteral(" | ")));
    }
    QStringList actual;
    for (const OrderTransition& t : OrderStateMachine::table())
        actual.append(rowText(t));
    documented.sort();
    actual.sort();
    if (documented != actual) {
        for (const QString& row : actual) {
            if (!documented.contains(row))
                qWarning("missing from docs/orders.md: | %s |", qPrintable(row));
        }
        for (const QString& row : documented) {
            if (!actual.contains(row))
                qWarning("not in the table: | %s |", qPrintable(row));
        }
    }
    QCOMPARE(documented, actual);
}

QTEST_APPLESS_MAIN(tst_OrderState)
#include "tst_orderstate.moc"
