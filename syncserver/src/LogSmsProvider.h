#pragma once

#include "SmsProvider.h"

namespace xd::server {

// Development: writes one line under xd.sms (the phone masked, the template and its variables -- so a developer
// reads the verification code in the log) and sends nothing. Always succeeds. Never use it where real customers
// bind phones: anyone reading the log has every code (docs/operations.md).
class LogSmsProvider final : public SmsProvider
{
public:
    QString name() const override;
    void send(const QString& phone, const QString& templateCode, const QJsonObject& params, Callback done) override;
};

} // namespace xd::server
