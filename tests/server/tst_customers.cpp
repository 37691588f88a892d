// Mini-program customers against a real syncserver process on SQLite or PostgreSQL, with WeChat's login API faked
// on 127.0.0.1 (FakeWechatServer): the owner's WeChat credentials (write-only secrets, audit), the WeChat login and
// its failures, customer tokens, logout, the profile and the delivery addresses (docs/customers.md).
#include "CustomerLogin.h"
#include "FakeWechatPay.h"
#include "FakeWechatServer.h"
#include "ServerFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

namespace {

QString errorCode(const ServerProcess::Reply& reply)
{
    return reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QJsonObject address(const QString& recipient, bool isDefault = false)
{
    return QJsonObject{{QStringLiteral("recipient"), recipient},
                       {QStringLiteral("phone"), QStringLiteral("+86 138-0013-8000")},
                       {QStringLiteral("province"), QStringLiteral("广东省")},
                       {QStringLiteral("city"), QStringLiteral("深圳市")},
                       {QStringLiteral("district"), QStringLiteral("南山区")},
                       {QStringLiteral("detail"), QStringLiteral("科技园 1 号")},
                       {QStringLiteral("isDefault"), isDefault}};
}

} // namespace

class tst_Customers : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void credentials_ownerOnly_secretsNeverReturned_audited();
    void credentials_badInputChangesNothing();
    void login_sameOpenIdIsSameCustomer();
    void login_simultaneousFirstLogins_makeOneCustomer();
    void login_wechatRefusals();
    void login_wechatBusyOrSilent();
    void login_notConfiguredOrNoShop();
    void token_belongsToOneShop_andLogoutEndsIt();
    void profile_validation();
    void addresses_crudAndOneDefault();
    void addresses_limitAndValidation();
    void addresses_isolatedBetweenCustomers();
    void logs_neverCarrySecrets(); // last: reads everything the server logged

private:
    ServerProcess::Reply
    call(const QByteArray& method, const QString& path, const QJsonObject& body, const QString& token) const
    {
        return m_server->request(
            method, path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
    }
    QString shopPath(const QString& rest) const { return QStringLiteral("/api/v1/shops/%1/%2").arg(m_shopId, rest); }
    ServerProcess::Reply loginWith(const QString& code) const
    {
        return m_server->requestJson(
            "POST", shopPath(QStringLiteral("auth/wechat")), QJsonObject{{QStringLiteral("code"), code}});
    }

    FakeWechatServer m_wechat;
    FakeWechatPay m_pay; // only for its generated PEM keys
};

void tst_Customers::initTestCase()
{
    QVERIFY(m_wechat.start());
    QString error;
    QVERIFY2(
        startServer(QStringLiteral("customers"), {QStringLiteral("--wechat-api-base"), m_wechat.baseUrl()}, &error),
        qPrintable(error));
    QVERIFY(CustomerLogin::configureShop(*m_server, m_shopId, m_token, m_wechat));
}

void tst_Customers::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

void tst_Customers::credentials_ownerOnly_secretsNeverReturned_audited()
{
    const QString path = QStringLiteral("/admin/v1/shops/%1/wechat").arg(m_shopId);
    const QJsonObject full{{QStringLiteral("appId"), m_wechat.appId()},
                           {QStringLiteral("appSecret"), m_wechat.appSecret()},
                           {QStringLiteral("mchId"), m_pay.mchId()},
                           {QStringLiteral("mchSerialNo"), m_pay.merchantSerial()},
                           {QStringLiteral("mchPrivateKeyPem"), QString::fromLatin1(m_pay.merchantPrivatePem())},
                           {QStringLiteral("apiV3Key"), QString::fromLatin1(m_pay.apiV3Key())},
                           {QStringLiteral("platformSerialNo"), m_pay.platformSerial()},
                           {QStringLiteral("platformPublicKeyPem"), QString::fromLatin1(m_pay.platformPublicPem())}};
    const auto put = call("PUT", path, full, m_token);
    QCOMPARE(put.status, 200);
    const auto got = m_server->request("GET", path, {}, m_token);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json.value(QStringLiteral("appId")).toString(), m_wechat.appId());
    QCOMPARE(got.json.value(QStringLiteral("mchId")).toString(), m_pay.mchId());
    QVERIFY(got.json.value(QStringLiteral("appSecretSet")).toBool());
    QVERIFY(got.json.value(QStringLiteral("mchPrivateKeySet")).toBool());
    QVERIFY(got.json.value(QStringLiteral("apiV3KeySet")).toBool());
    QVERIFY(got.json.value(QStringLiteral("payConfigured")).toBool());
    QVERIFY(got.json.value(QStringLiteral("loginConfigured")).toBool());
    // No secret in any answer, in any form.
    for (const QByteArray& body : {put.body, got.body}) {
        QVERIFY(!body.contains(m_wechat.appSecret().toLatin1()));
        QVERIFY(!body.contains(m_pay.apiV3Key()));
        QVERIFY(!body.contains("PRIVATE KEY"));
        QVERIFY(!body.contains("appSecret\""));
    }
    // The audit trail names who changed which fields, never a secret's value.
    const QVariant detail = scalar(QStringLiteral("SELECT detail FROM audit_log WHERE shop_id = ? AND operation = "
                                                  "'shopWechat.update' ORDER BY at_ms DESC, id DESC"),
                                   {m_shopId});
    QVERIFY(detail.isValid());
    QVERIFY2(detail.toString().contains(QStringLiteral("apiV3Key set")), qPrintable(detail.toString()));
    QVERIFY(detail.toString().contains(QStringLiteral("mchId=") + m_pay.mchId()));
    QVERIFY(!detail.toString().contains(m_wechat.appSecret()));
    QVERIFY(!detail.toString().contains(QString::fromLatin1(m_pay.apiV3Key())));
    QVERIFY(!detail.toString().contains(QStringLiteral("PRIVATE")));
    QVERIFY(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE shop_id = ? AND operation = "
                                  "'shopWechat.update' AND staff_id IS NOT NULL"),
                   {m_shopId})
                .toInt() >= 2);
    // The same values again: nothing changes, no new audit row.
    const int audits =
        scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE operation = 'shopWechat.update'")).toInt();
    QCOMPARE(call("PUT", path, full, m_token).status, 200);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE operation = 'shopWechat.update'")).toInt(),
             audits);

    // A clerk may neither read nor write; another shop's path does not exist.
    const auto added = m_server->requestJson("POST",
                                             QStringLiteral("/admin/v1/staff"),
                                             QJsonObject{{QStringLiteral("login"), QStringLiteral("wxclerk")},
                                                         {QStringLiteral("displayName"), QStringLiteral("店员")},
                                                         {QStringLiteral("role"), QStringLiteral("clerk")},
                                                         {QStringLiteral("password"), QStringLiteral("clerkpass123")}},
                                             m_token);
    QCOMPARE(added.status, 201);
    const QString clerk =
        m_server->login(m_server->demoShopName(), QStringLiteral("wxclerk"), QStringLiteral("clerkpass123"));
    QVERIFY(!clerk.isEmpty());
    QCOMPARE(m_server->request("GET", path, {}, clerk).status, 403);
    const auto clerkPut = call("PUT", path, QJsonObject{{QStringLiteral("appSecret"), QString(32, u'c')}}, clerk);
    QCOMPARE(clerkPut.status, 403);
    QCOMPARE(errorCode(clerkPut), QStringLiteral("permission_denied"));
    QCOMPARE(m_server->request("GET", path, {}).status, 401);
    QString otherOwner;
    const QString otherShop = m_server->createShop(QStringLiteral("别家店"), &otherOwner);
    QVERIFY(!otherShop.isEmpty());
    QCOMPARE(m_server->request("GET", path, {}, otherOwner).status, 404);
    QCOMPARE(call("PUT", path, QJsonObject{{QStringLiteral("mchId"), QStringLiteral("123456789")}}, otherOwner).status,
             404);
    QCOMPARE(scalar(QStringLiteral("SELECT mch_id FROM shop_wechat WHERE shop_id = ?"), {m_shopId}).toString(),
             m_pay.mchId());
    // The login still works with the full set (nothing above broke the app id/secret).
    QVERIFY(!CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-after-creds")).token.isEmpty());
}

void tst_Customers::credentials_badInputChangesNothing()
{
    const QString path = QStringLiteral("/admin/v1/shops/%1/wechat").arg(m_shopId);
    const QVariant before =
        scalar(QStringLiteral("SELECT updated_at_ms FROM shop_wechat WHERE shop_id = ?"), {m_shopId});
    const QByteArray publicPem = m_pay.platformPublicPem();
    const QList<QJsonObject> bad{
        {{QStringLiteral("mchPrivateKeyPem"),
          QStringLiteral("-----BEGIN PRIVATE KEY-----\nnonsense\n-----END PRIVATE KEY-----\n")}},
        // A public key where the private one belongs.
        {{QStringLiteral("mchPrivateKeyPem"), QString::fromLatin1(publicPem)}},
        {{QStringLiteral("platformPublicKeyPem"), QStringLiteral("not a pem")}},
        {{QStringLiteral("apiV3Key"), QStringLiteral("too-short")}},
        {{QStringLiteral("apiV3Key"), QString(31, u'k') + QStringLiteral("钥")}},
        {{QStringLiteral("appId"), QStringLiteral("wx123")}},
        {{QStringLiteral("appSecret"), QStringLiteral("has spaces in it and is 32 long!")}},
        {{QStringLiteral("mchId"), QStringLiteral("12ab")}},
        {{QStringLiteral("appsecret"), QString(32, u'a')}}, // a typo must not be ignored silently
        {{QStringLiteral("appId"), 42}},
        {},
        // One bad field spoils the whole request: the good one is not written either.
        {{QStringLiteral("mchId"), QStringLiteral("1234567890")}, {QStringLiteral("apiV3Key"), QStringLiteral("x")}},
    };
    for (const QJsonObject& body : bad) {
        const auto reply = call("PUT", path, body, m_token);
        QVERIFY2(reply.status == 400, reply.body.constData());
        QCOMPARE(errorCode(reply), QStringLiteral("invalid_argument"));
        QVERIFY(!reply.body.contains("nonsense"));
    }
    QCOMPARE(m_server->request("PUT", path, "{not json", m_token).status, 400);
    QCOMPARE(scalar(QStringLiteral("SELECT updated_at_ms FROM shop_wechat WHERE shop_id = ?"), {m_shopId}), before);
    QCOMPARE(scalar(QStringLiteral("SELECT mch_id FROM shop_wechat WHERE shop_id = ?"), {m_shopId}).toString(),
             m_pay.mchId());
}

void tst_Customers::login_sameOpenIdIsSameCustomer()
{
    const auto first = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-alice"));
    QVERIFY(!first.token.isEmpty());
    QVERIFY(!first.id.isEmpty());
    const QJsonObject customer = first.reply.json.value(QStringLiteral("customer")).toObject();
    QCOMPARE(customer.value(QStringLiteral("phoneBound")).toBool(), false);
    QCOMPARE(customer.value(QStringLiteral("nickname")).toString(), QString());
    // Never the session_key nor the openid.
    QVERIFY(!first.reply.body.contains("sk-"));
    QVERIFY(!first.reply.body.contains("o-alice"));
    QVERIFY(first.expiresAtMs > QDateTime::currentMSecsSinceEpoch() + 29LL * 24 * 3600 * 1000);

    // Again with a new code (and now a unionid): same customer, a second valid token; the unionid is stored.
    const QString code = m_wechat.newCode(QStringLiteral("o-alice"), QStringLiteral("u-alice"));
    const auto second = loginWith(code);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json.value(QStringLiteral("customer")).toObject().value(QStringLiteral("id")).toString(), first.id);
    const QString secondToken = second.json.value(QStringLiteral("token")).toString();
    QVERIFY(secondToken != first.token);
    QCOMPARE(m_server->request("GET", shopPath(QStringLiteral("me")), {}, first.token).status, 200);
    QCOMPARE(m_server->request("GET", shopPath(QStringLiteral("me")), {}, secondToken).status, 200);
    QCOMPARE(scalar(QStringLiteral("SELECT unionid FROM customers WHERE id = ?"), {first.id}).toString(),
             QStringLiteral("u-alice"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(*) FROM customers WHERE shop_id = ? AND openid = 'o-alice'"), {m_shopId})
            .toInt(),
        1);
    // Only hashes of tokens are stored.
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(*) FROM customer_sessions WHERE token_sha256 = ?"), {first.token}).toInt(),
        0);
    // The server sent the stored appid and secret and the code, as WeChat wants them.
    const QUrlQuery sent = m_wechat.requests().constLast();
    QCOMPARE(sent.queryItemValue(QStringLiteral("appid")), m_wechat.appId());
    QCOMPARE(sent.queryItemValue(QStringLiteral("secret")), m_wechat.appSecret());
    QCOMPARE(sent.queryItemValue(QStringLiteral("js_code")), code);
    // Another person is another customer.
    const auto bob = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-bob"));
    QVERIFY(!bob.token.isEmpty());
    QVERIFY(bob.id != first.id);
}

// Two first logins of one person at the same moment (two taps, two devices) make one customer, two sessions.
void tst_Customers::login_simultaneousFirstLogins_makeOneCustomer()
{
    QNetworkAccessManager network;
    QList<QNetworkReply*> replies;
    for (int i = 0; i < 4; ++i) {
        QNetworkRequest request(QUrl(m_server->baseUrl() + shopPath(QStringLiteral("auth/wechat"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QJsonObject body{{QStringLiteral("code"), m_wechat.newCode(QStringLiteral("o-twin"))}};
        replies << network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply* r) { return r->isFinished(); }), 20'000);
    QSet<QString> ids;
    for (QNetworkReply* reply : std::as_const(replies)) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        ids.insert(QJsonDocument::fromJson(reply->readAll())
                       .object()
                       .value(QStringLiteral("customer"))
                       .toObject()
                       .value(QStringLiteral("id"))
                       .toString());
        delete reply;
    }
    QCOMPARE(ids.size(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM customers WHERE openid = 'o-twin'")).toInt(), 1);
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(*) FROM customer_sessions WHERE customer_id = ?"), {*ids.cbegin()}).toInt(),
        4);
}

void tst_Customers::login_wechatRefusals()
{
    const int customers = scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toInt();
    // A code works once.
    const QString code = m_wechat.newCode(QStringLiteral("o-carol"));
    QCOMPARE(loginWith(code).status, 200);
    const auto reused = loginWith(code);
    QCOMPARE(reused.status, 400);
    QCOMPARE(errorCode(reused), QStringLiteral("invalid_argument"));
    QVERIFY(!reused.json.contains(QStringLiteral("token")));
    const auto unknown = loginWith(QStringLiteral("made-up"));
    QCOMPARE(unknown.status, 400);
    // WeChat's per-user rate limit.
    m_wechat.addRateLimitedCode(QStringLiteral("busy-user"));
    const auto limited = loginWith(QStringLiteral("busy-user"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(errorCode(limited), QStringLiteral("rate_limited"));
    QCOMPARE(limited.header("Retry-After"), QByteArray("60"));
    // Bad bodies never reach WeChat.
    const int calls = m_wechat.requests().size();
    QCOMPARE(loginWith(QString()).status, 400);
    QCOMPARE(loginWith(QString(300, u'x')).status, 400);
    QCOMPARE(m_server->request("POST", shopPath(QStringLiteral("auth/wechat")), "[]").status, 400);
    QCOMPARE(
        m_server->requestJson("POST", shopPath(QStringLiteral("auth/wechat")), {{QStringLiteral("code"), 5}}).status,
        400);
    QCOMPARE(m_wechat.requests().size(), calls);
    // Only the one successful login made a customer.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toInt(), customers + 1);
}

void tst_Customers::login_wechatBusyOrSilent()
{
    const int customers = scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toInt();
    m_wechat.setBusy(true);
    const auto busy = loginWith(m_wechat.newCode(QStringLiteral("o-dave")));
    m_wechat.setBusy(false);
    QCOMPARE(busy.status, 503);
    QCOMPARE(errorCode(busy), QStringLiteral("unavailable"));

    // WeChat does not answer: the login gives up at its time limit, with 503, and the server stays responsive.
    m_wechat.setHanging(true);
    QElapsedTimer clock;
    clock.start();
    const auto silent = loginWith(m_wechat.newCode(QStringLiteral("o-dave")));
    m_wechat.setHanging(false);
    QCOMPARE(silent.status, 503);
    QVERIFY2(clock.elapsed() >= 4500 && clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!silent.body.contains(m_wechat.appSecret().toLatin1()));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM customers")).toInt(), customers);
    // Afterwards all is well again.
    QVERIFY(!CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-dave")).token.isEmpty());
}

void tst_Customers::login_notConfiguredOrNoShop()
{
    QString owner;
    const QString shop = m_server->createShop(QStringLiteral("未配置店"), &owner);
    QVERIFY(!shop.isEmpty());
    const int calls = m_wechat.requests().size();
    const auto reply =
        m_server->requestJson("POST",
                              QStringLiteral("/api/v1/shops/%1/auth/wechat").arg(shop),
                              QJsonObject{{QStringLiteral("code"), m_wechat.newCode(QStringLiteral("o-x"))}});
    QCOMPARE(reply.status, 409);
    QCOMPARE(errorCode(reply), QStringLiteral("conflict"));
    QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
             QStringLiteral("WeChat login is not configured"));
    const auto missing = m_server->requestJson("POST",
                                               QStringLiteral("/api/v1/shops/no-such-shop/auth/wechat"),
                                               QJsonObject{{QStringLiteral("code"), QStringLiteral("c")}});
    QCOMPARE(missing.status, 404);
    QCOMPARE(m_wechat.requests().size(), calls);

    // Only the secret cleared: the login is off again; the app id stays.
    const auto [appId, secret] = m_wechat.addApp();
    QVERIFY(CustomerLogin::configureShop(*m_server, shop, owner, m_wechat, appId, secret));
    QVERIFY(!CustomerLogin::signIn(*m_server, m_wechat, shop, QStringLiteral("o-x"), appId).token.isEmpty());
    QCOMPARE(call("PUT",
                  QStringLiteral("/admin/v1/shops/%1/wechat").arg(shop),
                  QJsonObject{{QStringLiteral("appSecret"), QString()}},
                  owner)
                 .status,
             200);
    QCOMPARE(CustomerLogin::signIn(*m_server, m_wechat, shop, QStringLiteral("o-x"), appId).reply.status, 409);
}

void tst_Customers::token_belongsToOneShop_andLogoutEndsIt()
{
    QString owner;
    const QString shopB = m_server->createShop(QStringLiteral("乙店"), &owner);
    const auto [appId, secret] = m_wechat.addApp();
    QVERIFY(CustomerLogin::configureShop(*m_server, shopB, owner, m_wechat, appId, secret));
    const auto inA = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-erin"));
    const auto inB = CustomerLogin::signIn(*m_server, m_wechat, shopB, QStringLiteral("o-erin"), appId);
    QVERIFY(!inA.token.isEmpty() && !inB.token.isEmpty());
    QVERIFY(inA.id != inB.id); // one person, two shops: two customers
    // A's token on B's path is as unknown as a made-up one.
    const auto crossed = m_server->request("GET", QStringLiteral("/api/v1/shops/%1/me").arg(shopB), {}, inA.token);
    QCOMPARE(crossed.status, 401);
    QCOMPARE(errorCode(crossed), QStringLiteral("unauthenticated"));
    QCOMPARE(m_server->request("GET", shopPath(QStringLiteral("me")), {}, QStringLiteral("made-up")).status, 401);
    QCOMPARE(m_server->request("GET", shopPath(QStringLiteral("me")), {}).status, 401);
    // A staff token is no customer token.
    QCOMPARE(m_server->request("GET", shopPath(QStringLiteral("me")), {}, m_token).status, 401);
    // Logout ends that session only (on the right shop's path).
    QCOMPARE(m_server->request("POST", QStringLiteral("/api/v1/shops/%1/auth/logout").arg(shopB), {}, inA.token).status,
             401);
    const auto second = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-erin"));
    QCOMPARE(m_server->request("POST", shopPath(QStringLiteral("auth/logout")), {}, inA.token).status, 204);
    QCOMPARE(m_server->request("GET", shopPath(QStringLiteral("me")), {}, inA.token).status, 401);
    QCOMPARE(m_server->request("POST", shopPath(QStringLiteral("auth/logout")), {}, inA.token).status, 401);
    QCOMPARE(m_server->request("GET", shopPath(QStringLiteral("me")), {}, second.token).status, 200);
    // An expired session is refused (the clock moved on behind the server's back).
    QVERIFY(
        scalar(QStringLiteral("SELECT COUNT(*) FROM customer_sessions WHERE customer_id = ?"), {second.id}).toInt() >=
        1);
    {
        QSqlDatabase db = openServerDatabase(QStringLiteral("expire"));
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE customer_sessions SET expires_at_ms = 1 WHERE customer_id = ?"));
        query.addBindValue(second.id);
        QVERIFY(query.exec());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("expire"));
    QCOMPARE(m_server->request("GET", shopPath(QStringLiteral("me")), {}, second.token).status, 401);
}

void tst_Customers::profile_validation()
{
    const auto me = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-frank"));
    QVERIFY(!me.token.isEmpty());
    const QString path = shopPath(QStringLiteral("me"));
    const QString nickname = QString(32, QChar(0x5C0F)); // 32 × 小: at the limit
    const auto ok =
        call("PUT",
             path,
             QJsonObject{{QStringLiteral("nickname"), QStringLiteral("  ") + nickname + QStringLiteral(" ")},
                         {QStringLiteral("avatar"), QStringLiteral("https://thirdwx.qlogo.cn/a/b/132")}},
             me.token);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json.value(QStringLiteral("nickname")).toString(), nickname);
    QCOMPARE(ok.json.value(QStringLiteral("avatar")).toString(), QStringLiteral("https://thirdwx.qlogo.cn/a/b/132"));
    // Emoji count as one character each.
    QCOMPARE(
        call(
            "PUT", path, {{QStringLiteral("nickname"), QString(16, QChar(0x5C0F)) + QString::fromUtf8("😀😀")}}, me.token)
            .status,
        200);
    const QList<QJsonObject> bad{
        {{QStringLiteral("nickname"), nickname + QStringLiteral("x")}},
        {{QStringLiteral("nickname"), QStringLiteral("a\u0007b")}},
        {{QStringLiteral("nickname"), 7}},
        {{QStringLiteral("avatar"), QStringLiteral("http://insecure.example/a.png")}},
        {{QStringLiteral("avatar"), QStringLiteral("javascript:alert(1)")}},
        {{QStringLiteral("avatar"), QStringLiteral("https://") + QString(600, u'a') + QStringLiteral(".cn/")}},
        {{QStringLiteral("phone"), QStringLiteral("13800138000")}}, // only by SMS verification
    };
    for (const QJsonObject& body : bad) {
        const auto reply = call("PUT", path, body, me.token);
        QVERIFY2(reply.status == 400, reply.body.constData());
        QCOMPARE(errorCode(reply), QStringLiteral("invalid_argument"));
    }
    const auto after = m_server->request("GET", path, {}, me.token);
    QCOMPARE(after.json.value(QStringLiteral("avatar")).toString(), QStringLiteral("https://thirdwx.qlogo.cn/a/b/132"));
    QCOMPARE(scalar(QStringLiteral("SELECT phone FROM customers WHERE id = ?"), {me.id}).toString(), QString());
    // Empty avatar clears it; the nickname stays when not named.
    QCOMPARE(call("PUT", path, {{QStringLiteral("avatar"), QString()}}, me.token).json.value(QStringLiteral("avatar")),
             QJsonValue(QString()));
    // A bound phone (set by the SMS slice) is shown masked.
    {
        QSqlDatabase db = openServerDatabase(QStringLiteral("phone"));
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE customers SET phone = '13812341234' WHERE id = ?"));
        query.addBindValue(me.id);
        QVERIFY(query.exec());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("phone"));
    const auto masked = m_server->request("GET", path, {}, me.token);
    QCOMPARE(masked.json.value(QStringLiteral("phone")).toString(), QStringLiteral("138****1234"));
    QCOMPARE(masked.json.value(QStringLiteral("phoneBound")).toBool(), true);
    QVERIFY(!masked.body.contains("13812341234"));
}

void tst_Customers::addresses_crudAndOneDefault()
{
    const auto me = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-grace"));
    const QString list = shopPath(QStringLiteral("me/addresses"));
    const auto home = call("POST", list, address(QStringLiteral("张三"), true), me.token);
    QCOMPARE(home.status, 201);
    QCOMPARE(home.json.value(QStringLiteral("phone")).toString(), QStringLiteral("13800138000")); // normalised
    QCOMPARE(home.json.value(QStringLiteral("isDefault")).toBool(), true);
    const QString homeId = home.json.value(QStringLiteral("id")).toString();
    // A second default takes the place of the first, in the same transaction.
    const auto office = call("POST", list, address(QStringLiteral("李四"), true), me.token);
    QCOMPARE(office.status, 201);
    const QString officeId = office.json.value(QStringLiteral("id")).toString();
    const auto plain = call("POST", list, address(QStringLiteral("王五")), me.token);
    QCOMPARE(plain.status, 201);
    const QString plainId = plain.json.value(QStringLiteral("id")).toString();
    auto listed = m_server->request("GET", list, {}, me.token);
    QCOMPARE(listed.status, 200);
    QJsonArray addresses = listed.json.value(QStringLiteral("addresses")).toArray();
    QCOMPARE(addresses.size(), 3);
    QCOMPARE(addresses.at(0).toObject().value(QStringLiteral("id")).toString(), officeId); // the default first
    int defaults = 0;
    for (const QJsonValue& a : addresses)
        defaults += a.toObject().value(QStringLiteral("isDefault")).toBool() ? 1 : 0;
    QCOMPARE(defaults, 1);
    // PUT changes what it names; making one default clears the other.
    const auto edited = call(
        "PUT",
        list + QLatin1Char('/') + homeId,
        QJsonObject{{QStringLiteral("detail"), QStringLiteral("科技园 2 号")}, {QStringLiteral("isDefault"), true}},
        me.token);
    QCOMPARE(edited.status, 200);
    QCOMPARE(edited.json.value(QStringLiteral("detail")).toString(), QStringLiteral("科技园 2 号"));
    QCOMPARE(edited.json.value(QStringLiteral("recipient")).toString(), QStringLiteral("张三"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT id FROM customer_addresses WHERE customer_id = ? AND is_default = 1"), {me.id})
            .toString(),
        homeId);
    // Bad edits change nothing.
    const auto badEdit = call("PUT",
                              list + QLatin1Char('/') + homeId,
                              QJsonObject{{QStringLiteral("phone"), QStringLiteral("010-12345678")},
                                          {QStringLiteral("detail"), QStringLiteral("别处")}},
                              me.token);
    QCOMPARE(badEdit.status, 400);
    QCOMPARE(scalar(QStringLiteral("SELECT detail FROM customer_addresses WHERE id = ?"), {homeId}).toString(),
             QStringLiteral("科技园 2 号"));
    // Deleting the default leaves none.
    QCOMPARE(m_server->request("DELETE", list + QLatin1Char('/') + homeId, {}, me.token).status, 204);
    QCOMPARE(m_server->request("DELETE", list + QLatin1Char('/') + homeId, {}, me.token).status, 404);
    listed = m_server->request("GET", list, {}, me.token);
    addresses = listed.json.value(QStringLiteral("addresses")).toArray();
    QCOMPARE(addresses.size(), 2);
    for (const QJsonValue& a : addresses)
        QVERIFY(!a.toObject().value(QStringLiteral("isDefault")).toBool());
    // Un-defaulting by PUT isDefault false.
    QCOMPARE(call("PUT", list + QLatin1Char('/') + plainId, {{QStringLiteral("isDefault"), true}}, me.token).status,
             200);
    QCOMPARE(call("PUT", list + QLatin1Char('/') + plainId, {{QStringLiteral("isDefault"), false}}, me.token)
                 .json.value(QStringLiteral("isDefault"))
                 .toBool(),
             false);
}

void tst_Customers::addresses_limitAndValidation()
{
    const auto me = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-heidi"));
    const QString list = shopPath(QStringLiteral("me/addresses"));
    QJsonObject noRecipient = address(QString());
    QJsonObject badPhone = address(QStringLiteral("甲"));
    badPhone.insert(QStringLiteral("phone"), QStringLiteral("12345"));
    QJsonObject noPhone = address(QStringLiteral("甲"));
    noPhone.remove(QStringLiteral("phone"));
    QJsonObject longDetail = address(QStringLiteral("甲"));
    longDetail.insert(QStringLiteral("detail"), QString(201, u'x'));
    QJsonObject badDefault = address(QStringLiteral("甲"));
    badDefault.insert(QStringLiteral("isDefault"), QStringLiteral("yes"));
    QJsonObject unknown = address(QStringLiteral("甲"));
    unknown.insert(QStringLiteral("zip"), QStringLiteral("518000"));
    for (const QJsonObject& body : {noRecipient, badPhone, noPhone, longDetail, badDefault, unknown}) {
        const auto reply = call("POST", list, body, me.token);
        QVERIFY2(reply.status == 400, reply.body.constData());
    }
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM customer_addresses WHERE customer_id = ?"), {me.id}).toInt(),
             0);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(call("POST", list, address(QStringLiteral("收件人%1").arg(i), i == 19), me.token).status, 201);
    const auto tooMany = call("POST", list, address(QStringLiteral("第二十一")), me.token);
    QCOMPARE(tooMany.status, 409);
    QCOMPARE(errorCode(tooMany), QStringLiteral("conflict"));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM customer_addresses WHERE customer_id = ?"), {me.id}).toInt(),
             20);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM customer_addresses WHERE customer_id = ? AND is_default = 1"),
                    {me.id})
                 .toInt(),
             1);
}

void tst_Customers::addresses_isolatedBetweenCustomers()
{
    const auto ivan = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-ivan"));
    const auto judy = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("o-judy"));
    const QString list = shopPath(QStringLiteral("me/addresses"));
    const auto ivans = call("POST", list, address(QStringLiteral("伊万"), true), ivan.token);
    QCOMPARE(ivans.status, 201);
    const QString id = ivans.json.value(QStringLiteral("id")).toString();
    // Judy's own default does not clear Ivan's.
    QCOMPARE(call("POST", list, address(QStringLiteral("朱迪"), true), judy.token).status, 201);
    const auto judyList = m_server->request("GET", list, {}, judy.token);
    QCOMPARE(judyList.json.value(QStringLiteral("addresses")).toArray().size(), 1);
    QVERIFY(!judyList.body.contains(id.toLatin1()));
    const auto put =
        call("PUT", list + QLatin1Char('/') + id, {{QStringLiteral("detail"), QStringLiteral("偷改")}}, judy.token);
    QCOMPARE(put.status, 404);
    QCOMPARE(errorCode(put), QStringLiteral("not_found"));
    QCOMPARE(m_server->request("DELETE", list + QLatin1Char('/') + id, {}, judy.token).status, 404);
    const auto still = m_server->request("GET", list, {}, ivan.token).json.value(QStringLiteral("addresses")).toArray();
    QCOMPARE(still.size(), 1);
    QCOMPARE(still.at(0).toObject().value(QStringLiteral("detail")).toString(), QStringLiteral("科技园 1 号"));
    QCOMPARE(still.at(0).toObject().value(QStringLiteral("isDefault")).toBool(), true);
}

void tst_Customers::logs_neverCarrySecrets()
{
    const QString log = m_server->errorText();
    // The failed logins above were logged (host and path) ...
    QVERIFY2(log.contains(QStringLiteral("/sns/jscode2session")), qPrintable(log.right(2000)));
    QVERIFY(log.contains(QStringLiteral("shopWechat.update")));
    // ... but never a secret, a session_key, an openid or a whole query string.
    QVERIFY(!log.contains(m_wechat.appSecret()));
    QVERIFY(!log.contains(QString::fromLatin1(m_pay.apiV3Key())));
    QVERIFY(!log.contains(QStringLiteral("PRIVATE KEY")));
    QVERIFY(!log.contains(QStringLiteral("sk-")));
    QVERIFY(!log.contains(QStringLiteral("o-alice")));
    QVERIFY(!log.contains(QStringLiteral("secret=")));
    QVERIFY(!log.contains(QStringLiteral("js_code=")));
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_Customers>(argc, argv);
}
#include "tst_customers.moc"
