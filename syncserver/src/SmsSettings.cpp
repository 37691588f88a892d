#include "SmsSettings.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QSettings>
#include <QUrl>

namespace xd::server {

namespace {

// (flag, config key, field): one table so that flags and keys never drift apart.
struct Key
{
    const char* flag;
    const char* configKey;
    QString SmsSettings::*field;
    const char* help;
    const char* valueName;
};

const Key kKeys[] = {
    {"sms-base",
     "sms/base",
     &SmsSettings::baseUrl,
     "Aliyun SMS endpoint <url> (default https://dysmsapi.aliyuncs.com).",
     "url"},
    {"sms-access-key-id", "sms/access_key_id", &SmsSettings::accessKeyId, "Aliyun AccessKey <id> for SMS.", "id"},
    {"sms-access-key-secret",
     "sms/access_key_secret",
     &SmsSettings::accessKeySecret,
     "Aliyun AccessKey <secret> for SMS (prefer the config file: flags show in ps).",
     "secret"},
    {"sms-sign-name", "sms/sign_name", &SmsSettings::signName, "The approved SMS signature <name> (签名).", "name"},
    {"sms-template-code",
     "sms/template_code",
     &SmsSettings::verificationTemplate,
     "SMS <template> of verification codes (param: code).",
     "template"},
    {"sms-template-merchant-new-order",
     "sms/template_merchant_new_order",
     &SmsSettings::merchantNewOrderTemplate,
     "SMS <template> telling the merchant of a new paid order (params: orderNo, amount).",
     "template"},
    {"sms-template-customer-paid",
     "sms/template_customer_paid",
     &SmsSettings::customerPaidTemplate,
     "SMS <template> confirming a payment to the customer (params: orderNo, amount).",
     "template"},
    {"sms-template-customer-shipped",
     "sms/template_customer_shipped",
     &SmsSettings::customerShippedTemplate,
     "SMS <template> telling the customer the order shipped (params: orderNo, carrier, trackingNo).",
     "template"},
};

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Status setProvider(SmsSettings& settings, const QString& text, const QString& origin)
{
    if (text == QLatin1String("log"))
        settings.provider = SmsSettings::Provider::Log;
    else if (text == QLatin1String("aliyun"))
        settings.provider = SmsSettings::Provider::Aliyun;
    else
        return invalid(QStringLiteral("%1: SMS provider must be 'log' or 'aliyun', not '%2'").arg(origin, text));
    return {};
}

} // namespace

Status SmsSettings::validate() const
{
    const QUrl base(baseUrl);
    if (!base.isValid() || (base.scheme() != QLatin1String("https") && base.scheme() != QLatin1String("http")) ||
        base.host().isEmpty())
        return invalid(QStringLiteral("--sms-base: '%1' is not an http(s) URL").arg(baseUrl));
    if (provider != Provider::Aliyun)
        return {};
    QStringList missing;
    if (accessKeyId.isEmpty())
        missing << QStringLiteral("sms/access_key_id");
    if (accessKeySecret.isEmpty())
        missing << QStringLiteral("sms/access_key_secret");
    if (signName.isEmpty())
        missing << QStringLiteral("sms/sign_name");
    if (verificationTemplate.isEmpty())
        missing << QStringLiteral("sms/template_code");
    if (!missing.isEmpty())
        return invalid(QStringLiteral("the aliyun SMS provider needs %1").arg(missing.join(QStringLiteral(", "))));
    return {};
}

QList<QCommandLineOption> SmsSettings::options()
{
    QList<QCommandLineOption> out{QCommandLineOption(QStringLiteral("sms-provider"),
                                                     QStringLiteral("Send SMS with 'log' (default: development, "
                                                                    "sends nothing) or 'aliyun'."),
                                                     QStringLiteral("provider"))};
    for (const Key& key : kKeys)
        out.append(QCommandLineOption(
            QString::fromLatin1(key.flag), QString::fromUtf8(key.help), QString::fromLatin1(key.valueName)));
    return out;
}

bool SmsSettings::isConfigKey(const QString& key)
{
    if (key == QLatin1String("sms/provider"))
        return true;
    for (const Key& known : kKeys) {
        if (key == QLatin1String(known.configKey))
            return true;
    }
    return false;
}

Status SmsSettings::applyConfig(const QSettings& file, const QString& origin)
{
    if (file.contains(QStringLiteral("sms/provider"))) {
        if (const Status set = setProvider(*this, file.value(QStringLiteral("sms/provider")).toString(), origin); !set)
            return set;
    }
    for (const Key& key : kKeys) {
        const QString name = QString::fromLatin1(key.configKey);
        if (file.contains(name))
            this->*key.field = file.value(name).toString().trimmed();
    }
    return {};
}

Status SmsSettings::applyFlags(const QCommandLineParser& parser)
{
    if (parser.isSet(QStringLiteral("sms-provider"))) {
        if (const Status set =
                setProvider(*this, parser.value(QStringLiteral("sms-provider")), QStringLiteral("--sms-provider"));
            !set)
            return set;
    }
    for (const Key& key : kKeys) {
        const QString flag = QString::fromLatin1(key.flag);
        if (parser.isSet(flag))
            this->*key.field = parser.value(flag).trimmed();
    }
    return validate();
}

const char* SmsSettings::configHelp()
{
    return R"(  [sms]
  provider = log              log (development: logs, sends nothing) or aliyun (--sms-provider)
  base = https://dysmsapi.aliyuncs.com
  access_key_id = ...         Aliyun AccessKey; aliyun refuses to start without id, secret,
  access_key_secret = ...     sign name and the verification template
  sign_name = 小店             the approved signature
  template_code = SMS_1       verification code template (param: code)
  template_merchant_new_order = SMS_2   (orderNo, amount); empty: notice off
  template_customer_paid = SMS_3        (orderNo, amount); empty: notice off
  template_customer_shipped = SMS_4     (orderNo, carrier, trackingNo); empty: notice off
)";
}

} // namespace xd::server
