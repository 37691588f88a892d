#pragma once

#include "xiaodian/Result.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QString>

#include <functional>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcSms)

namespace xd {
class Clock;
}

namespace xd::server {

class OutboundHttp;
struct SmsSettings;

// Where SMS go (docs/customers.md, "SMS"): Aliyun's SendSms in production, the log in development; tests point
// the Aliyun provider at a fake endpoint. Chosen by configuration (SmsSettings); one instance per server.
class SmsProvider
{
public:
    struct Sent
    {
        QString requestId; // the provider's id of the request (Aliyun RequestId), for the sms_sends trail
    };
    // Called exactly once, later (never from inside send()), on the caller's thread. Errors: RateLimited when the
    // provider throttles the number (Aliyun isv.BUSINESS_LIMIT_CONTROL), Unavailable for every other failure, with
    // the provider's code in the message. Never carries the text of the message or a secret.
    using Callback = std::function<void(Result<Sent>)>;

    virtual ~SmsProvider() = default;

    // "log" or "aliyun": recorded with each send.
    virtual QString name() const = 0;
    // Sends the template `templateCode` with its variables `params` to one mainland mobile number (11 digits).
    virtual void send(const QString& phone, const QString& templateCode, const QJsonObject& params, Callback done) = 0;

    // The provider the settings choose (SmsSettings::validate() passed).
    static std::unique_ptr<SmsProvider> create(const SmsSettings& settings, OutboundHttp& http, const Clock& clock);
};

} // namespace xd::server
