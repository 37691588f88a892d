#pragma once

#include "SmsProvider.h"
#include "SmsSettings.h"

namespace xd {
class Clock;
}

namespace xd::server {

class OutboundHttp;

// Aliyun SMS (dysmsapi, SendSms, API version 2017-05-25): the RPC request signed with HMAC-SHA1 by
// integrations/AliyunSmsSigner, sent as a POST form to settings.baseUrl through OutboundHttp (the form body keeps
// the code out of URLs and proxy logs). Aliyun answers JSON whose "Code" is "OK" or names the failure
// (docs/customers.md, "SMS").
class AliyunSmsProvider final : public SmsProvider
{
public:
    AliyunSmsProvider(OutboundHttp& http, const Clock& clock, SmsSettings settings);

    QString name() const override;
    void send(const QString& phone, const QString& templateCode, const QJsonObject& params, Callback done) override;

    // Aliyun's answer (HTTP status and body) as our result: Code OK → Sent; isv.BUSINESS_LIMIT_CONTROL →
    // RateLimited; anything else → Unavailable naming the Code. Public for tests.
    static Result<Sent> interpret(int httpStatus, const QByteArray& body);

private:
    OutboundHttp& m_http;
    const Clock& m_clock;
    SmsSettings m_settings;
};

} // namespace xd::server
