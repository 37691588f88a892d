#pragma once

#include "xiaodian/Result.h"

#include <QString>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

// The money path of a refund (docs/payments.md). The order code decides a refund (state, refunded_fen, the order
// event) and, in the SAME open write transaction, calls queueRefund to record the money movement; the refund
// dispatcher (WechatPayJobs) sends it to WeChat Pay after the commit and tracks it to success or failure.
//
// queueRefund inserts one `refunds` row with a fresh out_refund_no:
// - wechat_pay orders: state 'pending', against the payment that paid the order (payments.applied = 1);
// - cash_on_delivery orders: state 'manual' (paid back by hand at the counter, no WeChat call).
// It does NOT touch the order row (refunded_fen, state, events belong to the caller). It refuses, changing
// nothing: amountFen <= 0 (invalid_argument); an order not in this shop (not_found); a wechat_pay order without a
// succeeded payment, a balance order, or an amount that would take the refunds of the order (all but 'failed')
// past what was received (conflict). `requestedBy`: the staff id, "customer:<id>" or "system".
Status queueRefund(const db::Database& database,
                   const Clock& clock,
                   const QString& shopId,
                   const QString& orderId,
                   qint64 amountFen,
                   const QString& reason,
                   const QString& requestedBy);

// The automatic refund of a payment the order never accepted (paid after the order closed, paid twice): state
// 'pending' against `paymentId`, bounded by that payment's amount, not by the order's paid_fen. WeChat Pay slice
// only (WechatPayService); same transaction rule.
Status queuePaymentRefund(const db::Database& database,
                          const Clock& clock,
                          const QString& shopId,
                          const QString& paymentId,
                          qint64 amountFen,
                          const QString& reason,
                          const QString& requestedBy);

} // namespace xd::server
