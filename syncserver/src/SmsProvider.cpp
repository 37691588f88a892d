#include "SmsProvider.h"

#include "AliyunSmsProvider.h"
#include "LogSmsProvider.h"
#include "SmsSettings.h"

Q_LOGGING_CATEGORY(lcSms, "xd.sms")

namespace xd::server {

std::unique_ptr<SmsProvider> SmsProvider::create(const SmsSettings& settings, OutboundHttp& http, const Clock& clock)
{
    if (settings.provider == SmsSettings::Provider::Aliyun)
        return std::make_unique<AliyunSmsProvider>(http, clock, settings);
    return std::make_unique<LogSmsProvider>();
}

} // namespace xd::server
