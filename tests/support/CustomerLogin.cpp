#include "CustomerLogin.h"

namespace CustomerLogin {

bool configureShop(const ServerProcess& server,
                   const QString& shopId,
                   const QString& ownerToken,
                   const FakeWechatServer& wechat,
                   const QString& appId,
                   const QString& appSecret)
{
    const ServerProcess::Reply reply = server.requestJson(
        "PUT",
        QStringLiteral("/admin/v1/shops/%1/wechat").arg(shopId),
        QJsonObject{{QStringLiteral("appId"), appId.isEmpty() ? wechat.appId() : appId},
                    {QStringLiteral("appSecret"), appSecret.isEmpty() ? wechat.appSecret() : appSecret}},
        ownerToken);
    if (reply.status != 200)
        qWarning("CustomerLogin::configureShop: HTTP %d %s", reply.status, reply.body.constData());
    return reply.status == 200;
}

Customer signIn(const ServerProcess& server,
                FakeWechatServer& wechat,
                const QString& shopId,
                const QString& openId,
                const QString& appId)
{
    Customer customer;
    const QString code = wechat.newCode(openId, {}, appId);
    customer.reply = server.requestJson("POST",
                                        QStringLiteral("/api/v1/shops/%1/auth/wechat").arg(shopId),
                                        QJsonObject{{QStringLiteral("code"), code}});
    if (customer.reply.status != 200) {
        qWarning("CustomerLogin::signIn: HTTP %d %s", customer.reply.status, customer.reply.body.constData());
        return customer;
    }
    customer.token = customer.reply.json.value(QStringLiteral("token")).toString();
    customer.expiresAtMs = qint64(customer.reply.json.value(QStringLiteral("expiresAtMs")).toDouble());
    customer.id =
        customer.reply.json.value(QStringLiteral("customer")).toObject().value(QStringLiteral("id")).toString();
    return customer;
}

} // namespace CustomerLogin
