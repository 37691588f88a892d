#include "PaymentRefunds.h"

#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace xd::server {

namespace {

// Our refund number: 32 hex characters (WeChat allows 1..64 of [0-9A-Za-z_-|*@]), unique because it is a UUID.
QString newOutRefundNo(const Clock& clock)
{
    return QStringLiteral("R") + Id::create(clock).remove(QLatin1Char('-')).left(31);
}

} // namespace

Status queueRefund(const db::Database& database,
                   const Clock& clock,
                   const QString& shopId,
                   const QString& orderId,
                   qint64 amountFen,
                   const QString& reason,
                   const QString& requestedBy)
{
    if (amountFen <= 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a refund must be at least 1 fen"));
    auto order = database.exec(
        QStringLiteral("SELECT payment_method, paid_fen FROM orders WHERE id = ? AND shop_id = ?"), {orderId, shopId});
    if (!order)
        return order.error();
    if (!order->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such order"));
    const QString method = order->value(0).toString();
    const qint64 paidFen = order->value(1).toLongLong();

    if (method == QLatin1String("cash_on_delivery")) {
        // What was already paid back (failed refunds moved no money).
        auto refunded = database.scalar(QStringLiteral("SELECT COALESCE(SUM(amount_fen), 0) FROM refunds "
                                                       "WHERE order_id = ? AND state <> 'failed'"),
                                        {orderId});
        if (!refunded)
            return refunded.error();
        const qint64 alreadyFen = refunded->toLongLong();
        const qint64 now = clock.nowMs();
        if (amountFen > paidFen - alreadyFen)
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("refund of %1 fen exceeds the %2 fen still refundable")
                                 .arg(amountFen)
                                 .arg(qMax<qint64>(0, paidFen - alreadyFen)));
        auto inserted = database.exec(
            QStringLiteral("INSERT INTO refunds (id, shop_id, order_id, payment_id, method, out_refund_no, amount_fen, "
                           "reason, state, requested_by, created_at_ms, updated_at_ms, succeeded_at_ms) "
                           "VALUES (?, ?, ?, '', 'cash_on_delivery', ?, ?, ?, 'manual', ?, ?, ?, ?)"),
            {Id::create(clock), shopId, orderId, newOutRefundNo(clock), amountFen, reason, requestedBy, now, now, now});
        if (!inserted)
            return inserted.error();
        return {};
    }
    if (method != QLatin1String("wechat_pay"))
        return makeError(ErrorCode::Conflict, QStringLiteral("refunds of %1 orders are not supported yet").arg(method));

    auto payment = database.exec(QStringLiteral("SELECT id FROM payments "
                                                "WHERE order_id = ? AND shop_id = ? AND applied = 1 "
                                                "AND state = 'succeeded'"),
                                 {orderId, shopId});
    if (!payment)
        return payment.error();
    if (!payment->next())
        return makeError(ErrorCode::Conflict, QStringLiteral("the order has no WeChat payment to refund"));
    // Bounded by what is left of the accepted payment (its amount is the order's paid_fen: the pay transition
    // accepts exactly the payable).
    return queuePaymentRefund(database, clock, shopId, payment->value(0).toString(), amountFen, reason, requestedBy);
}

Status queuePaymentRefund(const db::Database& database,
                          const Clock& clock,
                          const QString& shopId,
                          const QString& paymentId,
                          qint64 amountFen,
                          const QString& reason,
                          const QString& requestedBy)
{
    if (amountFen <= 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a refund must be at least 1 fen"));
    auto payment = database.exec(QStringLiteral("SELECT order_id, amount_fen FROM payments "
                                                "WHERE id = ? AND shop_id = ? AND state = 'succeeded'"),
                                 {paymentId, shopId});
    if (!payment)
        return payment.error();
    if (!payment->next())
        return makeError(ErrorCode::Conflict, QStringLiteral("no succeeded WeChat payment to refund"));
    const QString orderId = payment->value(0).toString();
    const qint64 paymentFen = payment->value(1).toLongLong();
    auto onPayment = database.scalar(QStringLiteral("SELECT COALESCE(SUM(amount_fen), 0) FROM refunds "
                                                    "WHERE payment_id = ? AND state <> 'failed'"),
                                     {paymentId});
    if (!onPayment)
        return onPayment.error();
    const qint64 alreadyFen = onPayment->toLongLong();
    if (amountFen > paymentFen - alreadyFen)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("refund of %1 fen exceeds the %2 fen still refundable on the payment")
                             .arg(amountFen)
                             .arg(qMax<qint64>(0, paymentFen - alreadyFen)));
    const qint64 now = clock.nowMs();
    auto inserted = database.exec(
        QStringLiteral("INSERT INTO refunds (id, shop_id, order_id, payment_id, method, out_refund_no, amount_fen, "
                       "reason, state, requested_by, next_attempt_at_ms, created_at_ms, updated_at_ms) "
                       "VALUES (?, ?, ?, ?, 'wechat_pay', ?, ?, ?, 'pending', ?, ?, ?, ?)"),
        {Id::create(clock),
         shopId,
         orderId,
         paymentId,
         newOutRefundNo(clock),
         amountFen,
         reason,
         requestedBy,
         now,
         now,
         now});
    if (!inserted)
        return inserted.error();
    return {};
}

} // namespace xd::server
