#pragma once

#include "FakeWechatServer.h"
#include "ServerProcess.h"

#include <QJsonObject>
#include <QString>

// Signs mini-program customers in for API tests, through the real routes: the owner stores the fake's AppID and
// AppSecret (PUT /admin/v1/shops/{shopId}/wechat), then a customer logs in with a code the fake honours
// (POST /api/v1/shops/{shopId}/auth/wechat). The server must run with --wechat-api-base <fake.baseUrl()>.
//
//   FakeWechatServer wechat;  QVERIFY(wechat.start());
//   QVERIFY(server.start({"--wechat-api-base", wechat.baseUrl()}));
//   QVERIFY(CustomerLogin::configureShop(server, shopId, ownerToken, wechat));
//   const CustomerLogin::Customer alice = CustomerLogin::signIn(server, wechat, shopId, "openid-alice");
//   QVERIFY(!alice.token.isEmpty());   ... request(..., alice.token)
namespace CustomerLogin {

struct Customer
{
    QString token; // empty when the login failed (see reply)
    QString id;
    qint64 expiresAtMs = 0;
    ServerProcess::Reply reply; // the login's answer
};

// Gives the shop the fake's default mini-program (or `appId`/`appSecret` when given). False when the owner's
// PUT did not answer 200.
bool configureShop(const ServerProcess& server,
                   const QString& shopId,
                   const QString& ownerToken,
                   const FakeWechatServer& wechat,
                   const QString& appId = {},
                   const QString& appSecret = {});

// Logs the customer known to WeChat by `openId` in with a fresh code (the same openId is the same customer).
// `appId`: the shop's mini-program when it is not the fake's default one.
Customer signIn(const ServerProcess& server,
                FakeWechatServer& wechat,
                const QString& shopId,
                const QString& openId,
                const QString& appId = {});

} // namespace CustomerLogin
