// Phone binding by SMS code through the real routes of a real syncserver process, on both engines: the server sends
// with its Aliyun provider to FakeAliyunSms (which checks the signature) and customers sign in through
// FakeWechatServer. The code store's rules in detail (expiry, tries, limits on a ManualClock) are in tst_sms.
#include "CustomerLogin.h"
#include "FakeAliyunSms.h"
#include "FakeWechatServer.h"
#include "ServerFixture.h"

#include <QJsonDocument>
#include <QUuid>
#include <QtTest>

namespace {

const QString kKeyId = QStringLiteral("LTAI5tPhoneTest");
const QString kSecret = QStringLiteral("phone-binding-secret");

} // namespace

class tst_PhoneBinding : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void bind_endToEnd_codeIsSingleUse();
    void bind_wrongCode_isRefused_andBindsNothing();
    void code_againWithinAMinute_is429_withRetryAfter();
    void code_perAddress_twentyAnHour_behindTheTrustedProxy();
    void code_providerFlowControl_is429_andTheCodeIsUnusable();
    void code_badSignatureAtTheGateway_is503_andNothingBound();
    void bind_numberHeldByAnotherCustomer_movesToTheProver();
    void badRequests_areRefused_andSendNothing();
    void notices_merchantShipsAnOrder_theVerifiedCustomerGetsTheTrackingNumber();

private:
    ServerProcess::Reply post(const QString& rest,
                              const QJsonObject& body,
                              const QString& token,
                              const QString& clientIp = QStringLiteral("192.0.2.1"),
                              const QString& shopId = {}) const
    {
        return m_server->request("POST",
                                 QStringLiteral("/api/v1/shops/%1/%2").arg(shopId.isEmpty() ? m_shopId : shopId, rest),
                                 QJsonDocument(body).toJson(QJsonDocument::Compact),
                                 token,
                                 {{"X-Real-IP", clientIp.toLatin1()}});
    }
    ServerProcess::Reply
    askCode(const QString& token, const QString& phone, const QString& clientIp = QStringLiteral("192.0.2.1")) const
    {
        return post(QStringLiteral("me/phone/code"), {{QStringLiteral("phone"), phone}}, token, clientIp);
    }
    ServerProcess::Reply bind(const QString& token, const QString& phone, const QString& code) const
    {
        return post(
            QStringLiteral("me/phone"), {{QStringLiteral("phone"), phone}, {QStringLiteral("code"), code}}, token);
    }
    QString customerPhone(const QString& customerId) const
    {
        return scalar(QStringLiteral("SELECT phone FROM customers WHERE id = ?"), {customerId}).toString();
    }
    qint64 sends(const QString& phone) const
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM sms_sends WHERE phone = ?"), {phone}).toLongLong();
    }
    CustomerLogin::Customer signIn(const QString& openId)
    {
        return CustomerLogin::signIn(*m_server, m_wechat, m_shopId, openId);
    }

    FakeWechatServer m_wechat;
    FakeAliyunSms m_sms{kKeyId, kSecret};
};

void tst_PhoneBinding::initTestCase()
{
    QVERIFY(m_wechat.start());
    QVERIFY(m_sms.start());
    QString error;
    QVERIFY2(startServer(QStringLiteral("phonebinding"),
                         {QStringLiteral("--wechat-api-base"),
                          m_wechat.baseUrl(),
                          QStringLiteral("--trusted-proxy"),
                          QStringLiteral("127.0.0.1"),
                          QStringLiteral("--sms-provider"),
                          QStringLiteral("aliyun"),
                          QStringLiteral("--sms-base"),
                          m_sms.baseUrl(),
                          QStringLiteral("--sms-access-key-id"),
                          kKeyId,
                          QStringLiteral("--sms-access-key-secret"),
                          kSecret,
                          QStringLiteral("--sms-sign-name"),
                          QStringLiteral("小店"),
                          QStringLiteral("--sms-template-code"),
                          QStringLiteral("SMS_100"),
                          QStringLiteral("--sms-template-merchant-new-order"),
                          QStringLiteral("SMS_200"),
                          QStringLiteral("--sms-template-customer-shipped"),
                          QStringLiteral("SMS_400")},
                         &error),
             qPrintable(error));
    QVERIFY(CustomerLogin::configureShop(*m_server, m_shopId, m_token, m_wechat));
}

void tst_PhoneBinding::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

void tst_PhoneBinding::bind_endToEnd_codeIsSingleUse()
{
    const auto alice = signIn(QStringLiteral("o-alice"));
    QVERIFY(!alice.token.isEmpty());
    const auto sent = askCode(alice.token, QStringLiteral("+86 138-0013-8000"));
    QCOMPARE(sent.status, 200);
    QVERIFY(sent.json.value(QStringLiteral("expiresAtMs")).toInteger() > QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(sent.json.value(QStringLiteral("resendAfterMs")).toInteger(), 60'000);
    const QString code = m_sms.lastCodeTo(QStringLiteral("13800138000"));
    QCOMPARE(code.size(), 6);
    QCOMPARE(m_sms.messages().constLast().templateCode, QStringLiteral("SMS_100"));
    QCOMPARE(m_sms.messages().constLast().signName, QStringLiteral("小店"));
    QCOMPARE(customerPhone(alice.id), QString()); // nothing bound by sending

    const auto bound = bind(alice.token, QStringLiteral("13800138000"), code);
    QCOMPARE(bound.status, 200);
    QCOMPARE(bound.json.value(QStringLiteral("phone")).toString(), QStringLiteral("13800138000"));
    QCOMPARE(customerPhone(alice.id), QStringLiteral("13800138000"));
    QVERIFY(scalar(QStringLiteral("SELECT phone_verified_at_ms FROM customers WHERE id = ?"), {alice.id}).toLongLong() >
            0);
    QCOMPARE(scalar(QStringLiteral("SELECT outcome FROM sms_sends WHERE phone = '13800138000'")).toString(),
             QStringLiteral("sent"));
    QCOMPARE(scalar(QStringLiteral("SELECT client_ip FROM sms_sends WHERE phone = '13800138000'")).toString(),
             QStringLiteral("192.0.2.1")); // X-Real-IP from the trusted proxy

    const auto again = bind(alice.token, QStringLiteral("13800138000"), code);
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("invalid_argument"));
}

void tst_PhoneBinding::bind_wrongCode_isRefused_andBindsNothing()
{
    const auto bob = signIn(QStringLiteral("o-bob"));
    QCOMPARE(askCode(bob.token, QStringLiteral("13900139000")).status, 200);
    const QString code = m_sms.lastCodeTo(QStringLiteral("13900139000"));
    const QString wrong = code == QLatin1String("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
    const auto refused = bind(bob.token, QStringLiteral("13900139000"), wrong);
    QCOMPARE(refused.status, 400);
    const QJsonObject error = refused.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("4 tries left")),
             refused.body.constData());
    QCOMPARE(customerPhone(bob.id), QString());
    // Another customer cannot use bob's code for the same number.
    const auto mallory = signIn(QStringLiteral("o-mallory"));
    QCOMPARE(bind(mallory.token, QStringLiteral("13900139000"), code).status, 400);
    QCOMPARE(customerPhone(mallory.id), QString());
    QCOMPARE(bind(bob.token, QStringLiteral("13900139000"), code).status, 200);
}

void tst_PhoneBinding::code_againWithinAMinute_is429_withRetryAfter()
{
    const auto carol = signIn(QStringLiteral("o-carol"));
    QCOMPARE(askCode(carol.token, QStringLiteral("13700137000")).status, 200);
    const qsizetype delivered = m_sms.messages().size();
    const auto refused = askCode(carol.token, QStringLiteral("13700137000"));
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("rate_limited"));
    QVERIFY2(refused.json.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .contains(QStringLiteral("try again in")),
             refused.body.constData());
    const int retryAfter = refused.header("Retry-After").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 60, refused.header("Retry-After").constData());
    QCOMPARE(m_sms.messages().size(), delivered); // nothing went to the gateway
    QCOMPARE(sends(QStringLiteral("13700137000")), 1);
}

void tst_PhoneBinding::code_perAddress_twentyAnHour_behindTheTrustedProxy()
{
    const auto dave = signIn(QStringLiteral("o-dave"));
    const QString address = QStringLiteral("198.51.100.20");
    for (int i = 0; i < 20; ++i) {
        const auto sent = askCode(dave.token, QStringLiteral("1500000%1").arg(i, 4, 10, QLatin1Char('0')), address);
        QVERIFY2(sent.status == 200, sent.body.constData());
    }
    const auto refused = askCode(dave.token, QStringLiteral("15000000099"), address);
    QCOMPARE(refused.status, 429);
    QVERIFY(refused.header("Retry-After").toInt() > 3000); // about an hour
    // The same client from another address (another customer behind another network) is not held back.
    QCOMPARE(askCode(dave.token, QStringLiteral("15000000099"), QStringLiteral("198.51.100.21")).status, 200);
}

void tst_PhoneBinding::code_providerFlowControl_is429_andTheCodeIsUnusable()
{
    const auto erin = signIn(QStringLiteral("o-erin"));
    m_sms.failNext(QStringLiteral("isv.BUSINESS_LIMIT_CONTROL"));
    const auto refused = askCode(erin.token, QStringLiteral("13600136000"));
    QCOMPARE(refused.status, 429);
    QVERIFY2(refused.body.contains("isv.BUSINESS_LIMIT_CONTROL"), refused.body.constData());
    QCOMPARE(scalar(QStringLiteral("SELECT outcome FROM sms_sends WHERE phone = '13600136000'")).toString(),
             QStringLiteral("failed"));
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM sms_codes WHERE phone = '13600136000'")).toString(),
             QStringLiteral("dead"));
}

void tst_PhoneBinding::code_badSignatureAtTheGateway_is503_andNothingBound()
{
    const auto frank = signIn(QStringLiteral("o-frank"));
    m_sms.setAccessKeySecret(QStringLiteral("rotated-at-aliyun"));
    const auto refused = askCode(frank.token, QStringLiteral("13500135000"));
    m_sms.setAccessKeySecret(kSecret);
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("unavailable"));
    QVERIFY2(refused.body.contains("SignatureDoesNotMatch"), refused.body.constData());
    QVERIFY(!refused.body.contains(kSecret.toUtf8()));
    QVERIFY(m_sms.lastCodeTo(QStringLiteral("13500135000")).isEmpty());
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM sms_codes WHERE phone = '13500135000'")).toString(),
             QStringLiteral("dead"));
    // Whatever code is tried, nothing binds: the code never arrived and is dead.
    QCOMPARE(bind(frank.token, QStringLiteral("13500135000"), QStringLiteral("123456")).status, 400);
    QCOMPARE(customerPhone(frank.id), QString());
}

void tst_PhoneBinding::bind_numberHeldByAnotherCustomer_movesToTheProver()
{
    const auto grace = signIn(QStringLiteral("o-grace"));
    const auto heidi = signIn(QStringLiteral("o-heidi"));
    // grace held the number before (bound long ago; the number has since been given to heidi by the carrier).
    QVERIFY(scalar(QStringLiteral("UPDATE customers SET phone = '13300133000', phone_verified_at_ms = 1 WHERE id = ? "
                                  "RETURNING id"),
                   {grace.id})
                .isValid());
    QCOMPARE(askCode(heidi.token, QStringLiteral("13300133000")).status, 200);
    QCOMPARE(bind(heidi.token, QStringLiteral("13300133000"), m_sms.lastCodeTo(QStringLiteral("13300133000"))).status,
             200);
    QCOMPARE(customerPhone(heidi.id), QStringLiteral("13300133000"));
    QCOMPARE(customerPhone(grace.id), QString());
    QCOMPARE(scalar(QStringLiteral("SELECT phone_verified_at_ms FROM customers WHERE id = ?"), {grace.id}).toLongLong(),
             0);
}

void tst_PhoneBinding::badRequests_areRefused_andSendNothing()
{
    const auto ivan = signIn(QStringLiteral("o-ivan"));
    const qsizetype delivered = m_sms.messages().size();
    // No token, a made-up token: 401.
    QCOMPARE(askCode({}, QStringLiteral("13200132000")).status, 401);
    QCOMPARE(askCode(QStringLiteral("not-a-token"), QStringLiteral("13200132000")).status, 401);
    QCOMPARE(bind({}, QStringLiteral("13200132000"), QStringLiteral("123456")).status, 401);
    // ivan's token on another shop's path: 401, like an unknown token.
    QString otherOwner;
    const QString otherShop = m_server->createShop(QStringLiteral("别家店"), &otherOwner);
    QVERIFY(!otherShop.isEmpty());
    QCOMPARE(post(QStringLiteral("me/phone/code"),
                  {{QStringLiteral("phone"), QStringLiteral("13200132000")}},
                  ivan.token,
                  QStringLiteral("192.0.2.1"),
                  otherShop)
                 .status,
             401);
    // Not mainland mobiles, missing or mistyped fields, not JSON: 400.
    for (const QString& phone : {QStringLiteral("12345"),
                                 QStringLiteral("010-62345678"),
                                 QStringLiteral("+852 91234567"),
                                 QStringLiteral("1320013200a"),
                                 QString()}) {
        const auto refused = askCode(ivan.token, phone);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("invalid_argument"));
    }
    QCOMPARE(post(QStringLiteral("me/phone/code"), {{QStringLiteral("phone"), 13200132000LL}}, ivan.token).status, 400);
    QCOMPARE(post(QStringLiteral("me/phone/code"), {}, ivan.token).status, 400);
    QCOMPARE(
        m_server
            ->request("POST", QStringLiteral("/api/v1/shops/%1/me/phone/code").arg(m_shopId), "{not json", ivan.token)
            .status,
        400);
    QCOMPARE(bind(ivan.token, QStringLiteral("13200132000"), QStringLiteral("12345")).status, 400);
    QCOMPARE(
        post(QStringLiteral("me/phone"), {{QStringLiteral("phone"), QStringLiteral("13200132000")}}, ivan.token).status,
        400);
    QCOMPARE(m_sms.messages().size(), delivered);
    QCOMPARE(sends(QStringLiteral("13200132000")), 0);
    QCOMPARE(customerPhone(ivan.id), QString());
}

void tst_PhoneBinding::notices_merchantShipsAnOrder_theVerifiedCustomerGetsTheTrackingNumber()
{
    const auto judy = signIn(QStringLiteral("o-judy"));
    QCOMPARE(askCode(judy.token, QStringLiteral("13100131000")).status, 200);
    QCOMPARE(bind(judy.token, QStringLiteral("13100131000"), m_sms.lastCodeTo(QStringLiteral("13100131000"))).status,
             200);
    const auto settings = m_server->requestJson("PUT",
                                                QStringLiteral("/admin/v1/shops/%1/order-settings").arg(m_shopId),
                                                {{QStringLiteral("smsCustomerShipped"), true},
                                                 {QStringLiteral("smsMerchantNewOrder"), true},
                                                 {QStringLiteral("merchantPhone"), QStringLiteral("13900000001")}},
                                                m_token);
    QVERIFY2(settings.status == 200, settings.body.constData());
    // An accepted, paid order of judy's, as the customer API and WeChat Pay would have left it.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString orderId =
        scalar(QStringLiteral("INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, "
                              "fulfilment, payment_method, goods_fen, payable_fen, paid_fen, placed_at_ms, paid_at_ms, "
                              "version, updated_at_ms) VALUES (?, ?, '2611259001', ?, 'r1', 'accepted', 'delivery', "
                              "'wechat_pay', 5000, 5000, 5000, ?, ?, 1, ?) RETURNING id"),
               {QUuid::createUuid().toString(QUuid::WithoutBraces), m_shopId, judy.id, now, now, now})
            .toString();
    QVERIFY(!orderId.isEmpty());
    const qsizetype before = m_sms.messages().size();
    const auto shipped =
        m_server->requestJson("POST",
                              QStringLiteral("/admin/v1/shops/%1/orders/%2/ship").arg(m_shopId, orderId),
                              {{QStringLiteral("carrier"), QStringLiteral("顺丰速运")},
                               {QStringLiteral("trackingNo"), QStringLiteral("SF100200")}},
                              m_token);
    QVERIFY2(shipped.status == 200, shipped.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_sms.messages().size(), before + 1, 10000);
    const FakeAliyunSms::Message notice = m_sms.messages().constLast();
    QCOMPARE(notice.phone, QStringLiteral("13100131000"));
    QCOMPARE(notice.templateCode, QStringLiteral("SMS_400"));
    QCOMPARE(notice.params,
             (QJsonObject{{QStringLiteral("orderNo"), QStringLiteral("2611259001")},
                          {QStringLiteral("carrier"), QStringLiteral("顺丰速运")},
                          {QStringLiteral("trackingNo"), QStringLiteral("SF100200")}}));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(QStringLiteral("SELECT outcome FROM sms_sends WHERE order_id = ? AND kind = "
                                                    "'customer_shipped'"),
                                     {orderId})
                                  .toString(),
                              QStringLiteral("sent"),
                              10000);
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_PhoneBinding>(argc, argv);
}
#include "tst_phonebinding.moc"
