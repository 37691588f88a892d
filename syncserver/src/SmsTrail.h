#pragma once

#include "SmsProvider.h"
#include "xiaodian/Result.h"

#include <QString>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

// The sms_sends trail: one row per SMS handed to the provider, written before it goes (outcome pending) and
// finished with the provider's answer. The verification codes' rate limits count these rows.
namespace smstrail {

struct Send
{
    QString shopId;
    QString phone;
    QString clientIp; // verification codes only
    QString kind;     // verification_code | merchant_new_order | customer_paid | customer_shipped
    QString orderId;  // notices only
    QString templateCode;
    QString provider;
};

// Inserts the pending row (inside the caller's transaction, or on its own); returns its id.
Result<QString> start(const db::Database& database, const Clock& clock, const Send& send);
// Records the provider's answer (outcome sent | failed, its request id or error).
Status finish(const db::Database& database,
              const Clock& clock,
              const QString& sendId,
              const Result<SmsProvider::Sent>& answer);

} // namespace smstrail
} // namespace xd::server
