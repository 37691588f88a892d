#include "ShopWechat.h"

#include "integrations/WechatPayCrypto.h"
#include "xiaodian/db/Database.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QSqlQuery>

namespace xd::server {

namespace {

enum class Kind { Plain, Secret };

// The writable fields: wire name, column, whether it is a secret, and its format check.
struct Field
{
    const char* name;
    const char* column;
    Kind kind;
    QString ShopWechat::*member;
};

const Field kFields[] = {
    {"appId", "app_id", Kind::Plain, &ShopWechat::appId},
    {"appSecret", "app_secret", Kind::Secret, &ShopWechat::appSecret},
    {"mchId", "mch_id", Kind::Plain, &ShopWechat::mchId},
    {"mchSerialNo", "mch_serial_no", Kind::Plain, &ShopWechat::mchSerialNo},
    {"mchPrivateKeyPem", "mch_private_key_pem", Kind::Secret, &ShopWechat::mchPrivateKeyPem},
    {"apiV3Key", "apiv3_key", Kind::Secret, &ShopWechat::apiV3Key},
    {"platformSerialNo", "platform_serial_no", Kind::Plain, &ShopWechat::platformSerialNo},
    {"platformPublicKeyPem", "platform_public_key_pem", Kind::Plain, &ShopWechat::platformPublicKeyPem},
};

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

bool matches(const char* pattern, const QString& text)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(QString::fromLatin1(pattern))).match(text).hasMatch();
}

// Format checks of non-empty values. Messages never quote a secret.
Status check(const QString& name, const QString& value)
{
    if (name == QLatin1String("appId") && !matches("wx[0-9A-Za-z]{16}", value))
        return invalid(QStringLiteral("appId must be the mini-program's AppID: wx and 16 letters or digits"));
    if (name == QLatin1String("appSecret") && !matches("[0-9A-Za-z]{32}", value))
        return invalid(QStringLiteral("appSecret must be the 32 letters or digits of the mini-program's AppSecret"));
    if (name == QLatin1String("mchId") && !matches("[0-9]{6,32}", value))
        return invalid(QStringLiteral("mchId must be the WeChat Pay merchant number (digits)"));
    if (name == QLatin1String("mchSerialNo") && !matches("[0-9A-Fa-f]{8,64}", value))
        return invalid(QStringLiteral("mchSerialNo must be the merchant API certificate's serial number (hex)"));
    if (name == QLatin1String("platformSerialNo") && !matches("[0-9A-Za-z_]{8,64}", value))
        return invalid(QStringLiteral("platformSerialNo must be the platform certificate's serial number or the "
                                      "WeChat Pay public key's id"));
    if (name == QLatin1String("apiV3Key")) {
        // AEAD_AES_256_GCM takes the key's bytes as they are: exactly 32 printable ASCII characters.
        if (!matches("[\\x21-\\x7e]{32}", value))
            return invalid(QStringLiteral("apiV3Key must be exactly 32 printable ASCII characters"));
    }
    if (name == QLatin1String("mchPrivateKeyPem")) {
        if (value.size() > 16 * 1024 || !integrations::RsaKey::fromPrivatePem(value.toLatin1()))
            return invalid(QStringLiteral("mchPrivateKeyPem is not an RSA private key (PEM, 2048 bits or more)"));
    }
    if (name == QLatin1String("platformPublicKeyPem")) {
        if (value.size() > 16 * 1024 || !integrations::RsaKey::fromPublicPem(value.toLatin1()))
            return invalid(QStringLiteral("platformPublicKeyPem is not an RSA public key or certificate (PEM, 2048 "
                                          "bits or more)"));
    }
    return {};
}

Status updateCredentials(CommandContext& context, const QJsonObject& args)
{
    const QString shopId = context.actor().shopId;
    auto stored = ShopWechat::load(context.database(), shopId);
    if (!stored)
        return stored.error();
    ShopWechat next = *stored;
    QStringList changed;
    QStringList known;
    for (const Field& field : kFields)
        known << QString::fromLatin1(field.name);
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(QStringLiteral("unknown field '%1'").arg(it.key()));
    }
    for (const Field& field : kFields) {
        const QString name = QString::fromLatin1(field.name);
        if (!args.contains(name))
            continue;
        if (!args.value(name).isString())
            return invalid(QStringLiteral("%1 must be a string").arg(name));
        QString value = args.value(name).toString();
        if (!name.endsWith(QLatin1String("Pem")))
            value = value.trimmed();
        if (!value.isEmpty()) {
            if (const Status ok = check(name, value); !ok)
                return ok;
        }
        if (next.*field.member == value)
            continue;
        next.*field.member = value;
        // The audit trail says who changed what; the values of secrets never go there.
        if (field.kind == Kind::Secret || name.endsWith(QLatin1String("Pem")))
            changed << (value.isEmpty() ? QStringLiteral("%1 cleared") : QStringLiteral("%1 set")).arg(name);
        else
            changed << QStringLiteral("%1=%2").arg(name, value.isEmpty() ? QStringLiteral("''") : value);
    }
    if (args.isEmpty())
        return invalid(QStringLiteral("give at least one field to change"));
    if (changed.isEmpty())
        return {};                    // same values: nothing written, no audit row
    auto version = context.version(); // the audit row's version; shop_wechat itself is never synced
    if (!version)
        return version.error();
    QVariantList values{shopId};
    QStringList columns{QStringLiteral("shop_id")};
    for (const Field& field : kFields) {
        columns << QString::fromLatin1(field.column);
        const QString& value = next.*field.member;
        values << (value.isNull() ? QStringLiteral("") : value); // a null QString would bind as NULL
    }
    columns << QStringLiteral("updated_at_ms");
    values << context.now();
    QStringList updates;
    for (qsizetype i = 1; i < columns.size(); ++i)
        updates << QStringLiteral("%1 = excluded.%1").arg(columns.at(i));
    auto written =
        context.database().exec(QStringLiteral("INSERT INTO shop_wechat (%1) VALUES (%2) "
                                               "ON CONFLICT (shop_id) DO UPDATE SET %3")
                                    .arg(columns.join(QStringLiteral(", ")),
                                         QStringList(columns.size(), QStringLiteral("?")).join(QStringLiteral(", ")),
                                         updates.join(QStringLiteral(", "))),
                                values);
    if (!written)
        return written.error();
    context.setAuditDetail(QStringLiteral("WeChat credentials: ") + changed.join(QStringLiteral(", ")));
    return {};
}

} // namespace

bool ShopWechat::payConfigured() const
{
    return !appId.isEmpty() && !mchId.isEmpty() && !mchSerialNo.isEmpty() && !mchPrivateKeyPem.isEmpty() &&
           !apiV3Key.isEmpty() && !platformSerialNo.isEmpty() && !platformPublicKeyPem.isEmpty();
}

Result<ShopWechat> ShopWechat::load(const db::Database& database, const QString& shopId)
{
    auto row = database.exec(QStringLiteral("SELECT app_id, app_secret, mch_id, mch_serial_no, mch_private_key_pem, "
                                            "apiv3_key, platform_serial_no, platform_public_key_pem, updated_at_ms "
                                            "FROM shop_wechat WHERE shop_id = ?"),
                             {shopId});
    if (!row)
        return row.error();
    ShopWechat wechat;
    wechat.shopId = shopId;
    if (!row->next())
        return wechat;
    int column = 0;
    for (const Field& field : kFields)
        wechat.*field.member = row->value(column++).toString();
    wechat.updatedAtMs = row->value(column).toLongLong();
    return wechat;
}

QJsonObject ShopWechat::publicView() const
{
    return QJsonObject{
        {QStringLiteral("appId"), appId},
        {QStringLiteral("appSecretSet"), !appSecret.isEmpty()},
        {QStringLiteral("mchId"), mchId},
        {QStringLiteral("mchSerialNo"), mchSerialNo},
        {QStringLiteral("mchPrivateKeySet"), !mchPrivateKeyPem.isEmpty()},
        {QStringLiteral("apiV3KeySet"), !apiV3Key.isEmpty()},
        {QStringLiteral("platformSerialNo"), platformSerialNo},
        {QStringLiteral("platformPublicKeySet"), !platformPublicKeyPem.isEmpty()},
        {QStringLiteral("loginConfigured"), loginConfigured()},
        {QStringLiteral("payConfigured"), payConfigured()},
        {QStringLiteral("updatedAtMs"), updatedAtMs},
    };
}

void registerShopWechatCommands(QHash<QString, CommandHandler>& handlers)
{
    handlers.insert(QStringLiteral("shopWechat.update"), &updateCredentials);
}

} // namespace xd::server
