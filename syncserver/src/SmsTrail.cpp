#include "SmsTrail.h"

#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"

namespace xd::server::smstrail {

Result<QString> start(const db::Database& database, const Clock& clock, const Send& send)
{
    const QString id = Id::create();
    auto inserted = database.exec(
        QStringLiteral("INSERT INTO sms_sends (id, shop_id, phone, client_ip, kind, order_id, template_code, provider, "
                       "outcome, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)"),
        {id,
         send.shopId,
         send.phone,
         db::notNullText(send.clientIp),
         send.kind,
         db::notNullText(send.orderId),
         db::notNullText(send.templateCode),
         send.provider,
         clock.nowMs()});
    if (!inserted)
        return inserted.error();
    return id;
}

Status
finish(const db::Database& database, const Clock& clock, const QString& sendId, const Result<SmsProvider::Sent>& answer)
{
    auto updated = database.exec(
        QStringLiteral("UPDATE sms_sends SET outcome = ?, provider_request_id = ?, error = ?, finished_at_ms = ? "
                       "WHERE id = ?"),
        {answer ? QStringLiteral("sent") : QStringLiteral("failed"),
         db::notNullText(answer ? answer->requestId.left(100) : QString()),
         db::notNullText(answer ? QString() : answer.error().toString().left(500)),
         clock.nowMs(),
         sendId});
    if (!updated)
        return updated.error();
    return {};
}

} // namespace xd::server::smstrail
