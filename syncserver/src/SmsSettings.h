#pragma once

#include "xiaodian/Result.h"

#include <QList>
#include <QString>

class QCommandLineOption;
class QCommandLineParser;
class QSettings;

namespace xd::server {

// How the server sends SMS (docs/customers.md, "SMS"; docs/operations.md). Flags and the config file's [sms]
// section fill it; ServerConfig holds one. The access key secret is never logged or shown in --help output.
struct SmsSettings
{
    enum class Provider { Log, Aliyun };
    Provider provider = Provider::Log;
    QString baseUrl = QStringLiteral("https://dysmsapi.aliyuncs.com");
    QString accessKeyId;
    QString accessKeySecret;
    QString signName;
    // Template codes (Aliyun "SMS_123456789"). The verification template is required with aliyun; an empty
    // notice template switches that notice off whatever the shop's settings say.
    QString verificationTemplate;     // params: code
    QString merchantNewOrderTemplate; // params: orderNo, amount
    QString customerPaidTemplate;     // params: orderNo, amount
    QString customerShippedTemplate;  // params: orderNo, carrier, trackingNo

    // InvalidArgument when aliyun is chosen without what it needs, or the base URL is not http(s).
    Status validate() const;

    // The flags (--sms-provider, --sms-base, --sms-access-key-id, --sms-access-key-secret, --sms-sign-name,
    // --sms-template-code, --sms-template-merchant-new-order, --sms-template-customer-paid,
    // --sms-template-customer-shipped) and the config keys (sms/provider, sms/base, ...).
    static QList<QCommandLineOption> options();
    static bool isConfigKey(const QString& key);
    Status applyConfig(const QSettings& file, const QString& origin);
    Status applyFlags(const QCommandLineParser& parser);
    static const char* configHelp();
};

} // namespace xd::server
