#pragma once

#include "CommandContext.h"
#include "xiaodian/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace xd::db {
class Database;
}

namespace xd::server {

// A shop's WeChat mini-program and WeChat Pay credentials (table shop_wechat, docs/customers.md). Secrets
// (appSecret, mchPrivateKeyPem, apiV3Key) never leave the server: publicView() has booleans in their place, and
// nothing here logs them.
struct ShopWechat
{
    QString shopId;
    QString appId;
    QString appSecret;
    QString mchId;
    QString mchSerialNo;
    QString mchPrivateKeyPem;
    QString apiV3Key;
    QString platformSerialNo;
    QString platformPublicKeyPem;
    qint64 updatedAtMs = 0;

    bool loginConfigured() const { return !appId.isEmpty() && !appSecret.isEmpty(); }
    bool payConfigured() const;

    // The shop's row; a shop that never set any is all empty (not an error).
    static Result<ShopWechat> load(const db::Database& database, const QString& shopId);
    // What the owner may read back: ids and serials, "appSecretSet"-style booleans for secrets.
    QJsonObject publicView() const;
};

// shopWechat.update (owner only): sets any of the fields above (camelCase names, as in publicView()); an absent
// field keeps its value, "" clears it. PEMs are parsed with OpenSSL before anything is written; the audit detail
// names the fields changed, never their secret values.
void registerShopWechatCommands(QHash<QString, CommandHandler>& handlers);

} // namespace xd::server
