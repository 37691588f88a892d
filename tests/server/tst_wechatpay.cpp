// WeChat Pay against a real syncserver process and our fake WeChat Pay (real RSA-2048 keys generated here, real
// signatures both ways, AES-256-GCM notifications), on SQLite or PostgreSQL: the customer's prepay route and its
// wx.requestPayment parameters, payment notifications (repeated, badly signed, wrong amount, late), the query job
// for a notification that never came, the close job, and refunds (partial, then the rest) with their notifications.
#include "CustomerLogin.h"
#include "FakeWechatPay.h"
#include "ServerFixture.h"
#include "integrations/WechatPayCrypto.h"
#include "xiaodian/Id.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

namespace wp = xd::server::integrations::wechatpay;
using xd::server::integrations::RsaKey;

class tst_WechatPay : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void prepay_answersSignedRequestPaymentParams_andReusesThePrepayId();
    void prepay_refusesOthersOrders_unpaidStates_andMissingTokens();
    void prepay_concurrentRequests_allAnswerTheOneTrackedTrade();
    void prepay_merchantSignatureRefused_is503WithTheReason_andRecordsNothing();
    void prepay_forgedAnswer_isNotBelieved();
    void notify_tenIdenticalNotifications_payOnce_withOneEvent();
    void notify_concurrentlyAtTwoServers_payOnce();
    void notify_badSignature_is401_andChangesNothing();
    void notify_wrongAmount_isAnAnomaly_notPaid();
    void queryJob_paysAnOrderWhoseNotificationNeverCame();
    void closeJob_closesTheTradeOfACancelledOrder();
    void lateNotification_forAClosedOrder_isRefundedAutomatically();
    void closeJob_tradePaidMeanwhile_isRefundedAutomatically();
    void refunds_partialThenTheRest_withRefundNotifications();
    void refunds_whenWechatRefusesOurSignature_areRetriedLater();
    void refunds_cashOnDelivery_areManual_withoutWechat();
    void endToEnd_loginPlacePayCancel_throughTheRealRoutes();
    void restart_unconfirmedPaymentsAndPendingRefunds_resume(); // last: restarts the server

private:
    struct Customer
    {
        QString id;
        QString token;
    };
    Customer addCustomer(const QString& openid);
    QString
    addOrder(const Customer& customer, qint64 payableFen, const QString& paymentMethod = QStringLiteral("wechat_pay"));
    // The prepay route for `orderId` as `customer`; on 200 the fake's out_trade_no of it in *outTradeNo.
    ServerProcess::Reply prepay(const Customer& customer, const QString& orderId, QString* outTradeNo = nullptr);
    QString orderState(const QString& orderId) const;
    qint64 count(const QString& sql, const QVariantList& values = {}) const;
    QString notifyUrl() const;
    QString refundNotifyUrl() const;

    FakeWechatPay m_pay;
    FakeWechatServer m_wechat; // the mini-program login, for the end-to-end case
    QStringList m_args;        // the server's flags (a restart uses them again)
    Customer m_alice;
    Customer m_bob;
    int m_orderSeq = 0;
};

qint64 tst_WechatPay::count(const QString& sql, const QVariantList& values) const
{
    return scalar(sql, values).toLongLong();
}

QString tst_WechatPay::orderState(const QString& orderId) const
{
    return scalar(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {orderId}).toString();
}

QString tst_WechatPay::notifyUrl() const
{
    return m_server->baseUrl() + QStringLiteral("/api/v1/wechat-pay/%1/notify").arg(m_shopId);
}

QString tst_WechatPay::refundNotifyUrl() const
{
    return m_server->baseUrl() + QStringLiteral("/api/v1/wechat-pay/%1/refund-notify").arg(m_shopId);
}

// A customer of the demo shop with a session, written behind the server's back (the login has its own suite).
tst_WechatPay::Customer tst_WechatPay::addCustomer(const QString& openid)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Customer customer{xd::Id::create(), QStringLiteral("tok-") + xd::Id::create()};
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(customer.token.toUtf8(), QCryptographicHash::Sha256).toHex());
    if (!exec(QStringLiteral("INSERT INTO customers (id, shop_id, openid, nickname, version, created_at_ms, "
                             "updated_at_ms) VALUES (?, ?, ?, ?, 1, ?, ?)"),
              {customer.id, m_shopId, openid, openid, now, now}) ||
        !exec(QStringLiteral("INSERT INTO customer_sessions (token_sha256, customer_id, shop_id, created_at_ms, "
                             "expires_at_ms, last_seen_at_ms) VALUES (?, ?, ?, ?, ?, ?)"),
              {hash, customer.id, m_shopId, now, now + 86'400'000, now}))
        return {};
    return customer;
}

// An order waiting for its money, as the place route leaves it (no lines needed here).
QString tst_WechatPay::addOrder(const Customer& customer, qint64 payableFen, const QString& paymentMethod)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString id = xd::Id::create();
    const QString state =
        paymentMethod == QLatin1String("wechat_pay") ? QStringLiteral("pending_payment") : QStringLiteral("cod_placed");
    if (!exec(QStringLiteral("INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, "
                             "fulfilment, payment_method, goods_fen, payable_fen, placed_at_ms, close_at_ms, version, "
                             "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, 'delivery', ?, ?, ?, ?, ?, 1, ?)"),
              {id,
               m_shopId,
               QStringLiteral("2611250%1").arg(++m_orderSeq, 3, 10, QLatin1Char('0')),
               customer.id,
               xd::Id::create(),
               state,
               paymentMethod,
               payableFen,
               payableFen,
               now,
               now + 30 * 60'000,
               now}))
        return {};
    return id;
}

ServerProcess::Reply tst_WechatPay::prepay(const Customer& customer, const QString& orderId, QString* outTradeNo)
{
    const ServerProcess::Reply reply = m_server->request(
        "POST", QStringLiteral("/api/v1/shops/%1/orders/%2/wechat-pay").arg(m_shopId, orderId), "{}", customer.token);
    if (outTradeNo)
        *outTradeNo =
            scalar(QStringLiteral("SELECT out_trade_no FROM payments WHERE order_id = ? AND state = 'created'"),
                   {orderId})
                .toString();
    return reply;
}

void tst_WechatPay::initTestCase()
{
    QVERIFY(m_pay.start());
    QVERIFY(m_wechat.start());
    QString error;
    // The query job is driven by the tests (next_query_at_ms), so the notification paths never race it.
    m_args = QStringList{QStringLiteral("--wechat-pay-base"),
                         m_pay.baseUrl(),
                         QStringLiteral("--wechat-api-base"),
                         m_wechat.baseUrl(),
                         QStringLiteral("--wechat-pay-job-ms"),
                         QStringLiteral("100")};
    QVERIFY2(startServer(QStringLiteral("wechatpay"), m_args, &error), qPrintable(error));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(exec(QStringLiteral("INSERT INTO shop_wechat (shop_id, app_id, app_secret, mch_id, mch_serial_no, "
                                "mch_private_key_pem, apiv3_key, platform_serial_no, platform_public_key_pem, "
                                "updated_at_ms) VALUES (?, ?, 'secret', ?, ?, ?, ?, ?, ?, ?)"),
                 {m_shopId,
                  m_pay.appId(),
                  m_pay.mchId(),
                  m_pay.merchantSerial(),
                  QString::fromLatin1(m_pay.merchantPrivatePem()),
                  QString::fromLatin1(m_pay.apiV3Key()),
                  m_pay.platformSerial(),
                  QString::fromLatin1(m_pay.platformPublicPem()),
                  now}));
    m_alice = addCustomer(QStringLiteral("openid-alice"));
    m_bob = addCustomer(QStringLiteral("openid-bob"));
    QVERIFY(!m_alice.id.isEmpty() && !m_bob.id.isEmpty());
}

void tst_WechatPay::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

void tst_WechatPay::prepay_answersSignedRequestPaymentParams_andReusesThePrepayId()
{
    const QString orderId = addOrder(m_alice, 2590);
    QString outTradeNo;
    const ServerProcess::Reply first = prepay(m_alice, orderId, &outTradeNo);
    QCOMPARE(first.status, 200);
    QVERIFY(!outTradeNo.isEmpty());
    const FakeWechatPay::Trade trade = m_pay.trades().value(outTradeNo);
    QCOMPARE(trade.totalFen, 2590);
    QCOMPARE(trade.payerOpenid, QStringLiteral("openid-alice"));
    QCOMPARE(trade.appId, m_pay.appId());
    QCOMPARE(trade.notifyUrl, notifyUrl());
    QVERIFY(trade.timeExpire.endsWith(QLatin1String("+08:00"))); // WeChat refuses the payment once the order closes

    // What wx.requestPayment needs, signed with the merchant key over appId, timeStamp, nonceStr, package.
    const QJsonObject& params = first.json;
    QCOMPARE(params.value(QStringLiteral("package")).toString(), QStringLiteral("prepay_id=") + trade.prepayId);
    QCOMPARE(params.value(QStringLiteral("signType")).toString(), QStringLiteral("RSA"));
    const QString timeStamp = params.value(QStringLiteral("timeStamp")).toString();
    QVERIFY(qAbs(timeStamp.toLongLong() - QDateTime::currentSecsSinceEpoch()) < 60);
    const QString nonceStr = params.value(QStringLiteral("nonceStr")).toString();
    QVERIFY(!nonceStr.isEmpty());
    auto merchantPublic = RsaKey::fromPublicPem(m_pay.merchantPublicPem());
    QVERIFY(merchantPublic.ok());
    const QByteArray message =
        wp::paySignMessage(m_pay.appId(), timeStamp, nonceStr, params.value(QStringLiteral("package")).toString());
    QVERIFY(wp::verifyMessage(*merchantPublic, message, params.value(QStringLiteral("paySign")).toString().toLatin1())
                .ok());
    // A signature over anything else does not verify (the check above can fail).
    QVERIFY(!wp::verifyMessage(
                 *merchantPublic, message + "x", params.value(QStringLiteral("paySign")).toString().toLatin1())
                 .ok());

    // Again: the same prepay_id from our table, no second trade, no second call to WeChat.
    const int jsapiCalls = m_pay.requestLog().count(QStringLiteral("POST /v3/pay/transactions/jsapi"));
    const ServerProcess::Reply second = prepay(m_alice, orderId);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json.value(QStringLiteral("package")).toString(), QStringLiteral("prepay_id=") + trade.prepayId);
    QCOMPARE(m_pay.requestLog().count(QStringLiteral("POST /v3/pay/transactions/jsapi")), jsapiCalls);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE order_id = ?"), {orderId}), 1);
    // An expired prepay_id is renewed for the same trade number (WeChat answers the same trade).
    QVERIFY(exec(QStringLiteral("UPDATE payments SET prepay_expires_at_ms = 1 WHERE order_id = ?"), {orderId}));
    const ServerProcess::Reply third = prepay(m_alice, orderId);
    QCOMPARE(third.status, 200);
    QCOMPARE(m_pay.requestLog().count(QStringLiteral("POST /v3/pay/transactions/jsapi")), jsapiCalls + 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE order_id = ?"), {orderId}), 1);
    QVERIFY(
        scalar(QStringLiteral("SELECT prepay_expires_at_ms FROM payments WHERE order_id = ?"), {orderId}).toLongLong() >
        QDateTime::currentMSecsSinceEpoch());
}

void tst_WechatPay::prepay_refusesOthersOrders_unpaidStates_andMissingTokens()
{
    const QString orderId = addOrder(m_alice, 1000);
    const int calls = m_pay.requestLog().size();
    // Bob cannot pay (or learn of) Alice's order; no token is 401; an unknown order 404.
    const ServerProcess::Reply bobs = prepay(m_bob, orderId);
    QCOMPARE(bobs.status, 404);
    QCOMPARE(bobs.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("not_found"));
    QCOMPARE(prepay(Customer{m_alice.id, QString()}, orderId).status, 401);
    QCOMPARE(prepay(Customer{m_alice.id, QStringLiteral("tok-nonsense")}, orderId).status, 401);
    QCOMPARE(prepay(m_alice, xd::Id::create()).status, 404);
    // Another shop's path with Alice's token: her token belongs to this shop only.
    const ServerProcess::Reply otherShop =
        m_server->request("POST",
                          QStringLiteral("/api/v1/shops/%1/orders/%2/wechat-pay").arg(xd::Id::create(), orderId),
                          "{}",
                          m_alice.token);
    QCOMPARE(otherShop.status, 401);
    // Cash on delivery and orders past payment are not paid here: 409 conflict.
    const QString cod = addOrder(m_alice, 1000, QStringLiteral("cash_on_delivery"));
    QCOMPARE(prepay(m_alice, cod).status, 409);
    QVERIFY(exec(QStringLiteral("UPDATE orders SET state = 'closed' WHERE id = ?"), {orderId}));
    const ServerProcess::Reply closed = prepay(m_alice, orderId);
    QCOMPARE(closed.status, 409);
    QCOMPARE(closed.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("conflict"));
    QCOMPARE(m_pay.requestLog().size(), calls); // none of them reached WeChat
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE order_id IN (?, ?)"), {orderId, cod}), 0);
}

void tst_WechatPay::prepay_concurrentRequests_allAnswerTheOneTrackedTrade()
{
    const QString orderId = addOrder(m_alice, 1111);
    // Five taps at once: all reach the server before WeChat answers any, so each asks WeChat for a trade; the first
    // recorded wins and every answer names it (the others expire unpaid at WeChat, never shown to the payer).
    QNetworkAccessManager network;
    QList<QNetworkReply*> replies;
    for (int i = 0; i < 5; ++i) {
        QNetworkRequest request(
            QUrl(m_server->baseUrl() + QStringLiteral("/api/v1/shops/%1/orders/%2/wechat-pay").arg(m_shopId, orderId)));
        request.setRawHeader("Authorization", "Bearer " + m_alice.token.toLatin1());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        replies.append(network.post(request, QByteArrayLiteral("{}")));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply* r) { return r->isFinished(); }), 20'000);
    QSet<QString> packages;
    for (QNetworkReply* reply : std::as_const(replies)) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        packages.insert(QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("package")).toString());
        delete reply;
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE order_id = ?"), {orderId}), 1);
    QCOMPARE(packages,
             QSet<QString>{
                 QStringLiteral("prepay_id=") +
                 scalar(QStringLiteral("SELECT prepay_id FROM payments WHERE order_id = ?"), {orderId}).toString()});
}

void tst_WechatPay::prepay_merchantSignatureRefused_is503WithTheReason_andRecordsNothing()
{
    const QString orderId = addOrder(m_alice, 1200);
    const int failures = m_pay.signatureFailures();
    m_pay.setRejectMerchantSignatures(true);
    const ServerProcess::Reply refused = prepay(m_alice, orderId);
    m_pay.setRejectMerchantSignatures(false);
    QCOMPARE(refused.status, 503);
    const QJsonObject error = refused.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("unavailable"));
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QLatin1String("SIGN_ERROR")),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QCOMPARE(m_pay.signatureFailures(), failures + 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE order_id = ?"), {orderId}), 0);
    QCOMPARE(orderState(orderId), QStringLiteral("pending_payment"));
    // With the signature accepted again, the same order can be paid for.
    QCOMPARE(prepay(m_alice, orderId).status, 200);
}

void tst_WechatPay::prepay_forgedAnswer_isNotBelieved()
{
    const QString orderId = addOrder(m_alice, 1300);
    m_pay.setForgeAnswers(true);
    const ServerProcess::Reply forged = prepay(m_alice, orderId);
    m_pay.setForgeAnswers(false);
    QCOMPARE(forged.status, 503);
    QVERIFY(!forged.json.contains(QStringLiteral("package")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE order_id = ?"), {orderId}), 0);
}

void tst_WechatPay::notify_tenIdenticalNotifications_payOnce_withOneEvent()
{
    const QString orderId = addOrder(m_alice, 2590);
    QString outTradeNo;
    QCOMPARE(prepay(m_alice, orderId, &outTradeNo).status, 200);
    const QString transactionId = m_pay.pay(outTradeNo);
    const FakeWechatPay::Notification notification = m_pay.paymentNotification(outTradeNo);
    const qint64 versionBefore = count(QStringLiteral("SELECT version FROM orders WHERE id = ?"), {orderId});
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 10; ++i) {
        QByteArray answer;
        const int status = FakeWechatPay::post(notifyUrl(), notification, &answer);
        QVERIFY2(status == 200 || status == 204, qPrintable(QString::number(status) + QString::fromUtf8(answer)));
    }
    qInfo("10 notifications (verify, decrypt, apply or repeat) answered in %lld ms", timer.elapsed());
    QCOMPARE(orderState(orderId), QStringLiteral("paid"));
    QCOMPARE(count(QStringLiteral("SELECT paid_fen FROM orders WHERE id = ?"), {orderId}), 2590);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ? AND action = 'pay'"), {orderId}), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ? AND action = 'pay' AND "
                                  "actor_kind = 'payment' AND amount_fen = 2590"),
                   {orderId}),
             1);
    QVERIFY(count(QStringLiteral("SELECT version FROM orders WHERE id = ?"), {orderId}) > versionBefore);
    QCOMPARE(scalar(QStringLiteral("SELECT transaction_id FROM payments WHERE order_id = ? AND state = 'succeeded' "
                                   "AND applied = 1"),
                    {orderId})
                 .toString(),
             transactionId);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payment_anomalies WHERE order_id = ?"), {orderId}), 0);
    // A paid order takes no further prepay.
    QCOMPARE(prepay(m_alice, orderId).status, 409);
}

void tst_WechatPay::notify_concurrentlyAtTwoServers_payOnce()
{
    // A second server process on the same database (SQLite file or PostgreSQL), as behind a load balancer.
    QStringList args = m_args;
    if (!m_postgresUrl.isEmpty())
        args << QStringLiteral("--database") << m_postgresUrl.toString();
    ServerProcess second(m_server->dataDir());
    QVERIFY2(second.start(args, 0, ServerProcess::Demo::None), qPrintable(second.errorText()));

    const QString orderId = addOrder(m_alice, 4321);
    QString outTradeNo;
    QCOMPARE(prepay(m_alice, orderId, &outTradeNo).status, 200);
    m_pay.pay(outTradeNo);
    const FakeWechatPay::Notification notification = m_pay.paymentNotification(outTradeNo);
    // WeChat's retries and a duplicate delivery arrive at both servers at the same time.
    QNetworkAccessManager network;
    QList<QNetworkReply*> replies;
    for (int i = 0; i < 12; ++i) {
        const QString base = i % 2 == 0 ? m_server->baseUrl() : second.baseUrl();
        QNetworkRequest request(QUrl(base + QStringLiteral("/api/v1/wechat-pay/%1/notify").arg(m_shopId)));
        for (const auto& [name, value] : notification.headers)
            request.setRawHeader(name, value);
        replies.append(network.post(request, notification.body));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply* r) { return r->isFinished(); }), 20'000);
    for (QNetworkReply* reply : std::as_const(replies)) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
        delete reply;
    }
    second.stop();
    QCOMPARE(orderState(orderId), QStringLiteral("paid"));
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ? AND action = 'pay'"), {orderId}), 1);
    QCOMPARE(count(QStringLiteral("SELECT paid_fen FROM orders WHERE id = ?"), {orderId}), 4321);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE order_id = ? AND applied = 1"), {orderId}), 1);
}

void tst_WechatPay::notify_badSignature_is401_andChangesNothing()
{
    const QString orderId = addOrder(m_alice, 990);
    QString outTradeNo;
    QCOMPARE(prepay(m_alice, orderId, &outTradeNo).status, 200);
    m_pay.pay(outTradeNo);
    const FakeWechatPay::Notification genuine = m_pay.paymentNotification(outTradeNo);

    // One changed byte of the body; a signature by another key; a stale timestamp; another serial; no headers.
    FakeWechatPay::Notification tampered = genuine;
    tampered.body.replace("\"event_type\":\"TRANSACTION.SUCCESS\"", "\"event_type\":\"TRANSACTION.SUCCESs\"");
    QVERIFY(tampered.body != genuine.body);
    m_pay.setForgeAnswers(true);
    const FakeWechatPay::Notification forged = m_pay.paymentNotification(outTradeNo);
    m_pay.setForgeAnswers(false);
    FakeWechatPay::Notification stale = genuine;
    FakeWechatPay::Notification otherSerial = genuine;
    for (auto& [name, value] : stale.headers) {
        if (name == "Wechatpay-Timestamp")
            value = QByteArray::number(QDateTime::currentSecsSinceEpoch() - 3600);
    }
    for (auto& [name, value] : otherSerial.headers) {
        if (name == "Wechatpay-Serial")
            value = "SOMEOTHERSERIAL";
    }
    FakeWechatPay::Notification unsigned_ = genuine;
    unsigned_.headers = {{"Content-Type", "application/json"}};
    for (const FakeWechatPay::Notification& bad : {tampered, forged, stale, otherSerial, unsigned_}) {
        QByteArray answer;
        QCOMPARE(FakeWechatPay::post(notifyUrl(), bad, &answer), 401);
        const QJsonObject body = QJsonDocument::fromJson(answer).object();
        QCOMPARE(body.value(QStringLiteral("code")).toString(), QStringLiteral("FAIL"));
        QVERIFY(!body.value(QStringLiteral("message")).toString().isEmpty());
    }
    QCOMPARE(orderState(orderId), QStringLiteral("pending_payment"));
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM payments WHERE order_id = ?"), {orderId}).toString(),
             QStringLiteral("created"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ?"), {orderId}), 0);
    // The genuine one still works afterwards.
    QCOMPARE(FakeWechatPay::post(notifyUrl(), genuine), 204);
    QCOMPARE(orderState(orderId), QStringLiteral("paid"));
}

void tst_WechatPay::notify_wrongAmount_isAnAnomaly_notPaid()
{
    const QString orderId = addOrder(m_alice, 5000);
    QString outTradeNo;
    QCOMPARE(prepay(m_alice, orderId, &outTradeNo).status, 200);
    m_pay.pay(outTradeNo, 1); // WeChat reports 1 fen for a 50-yuan order
    const FakeWechatPay::Notification notification = m_pay.paymentNotification(outTradeNo);
    // Answered 2xx (WeChat stops resending; the merchant sees the flag), twice: still one anomaly and one event.
    QCOMPARE(FakeWechatPay::post(notifyUrl(), notification), 204);
    QCOMPARE(FakeWechatPay::post(notifyUrl(), notification), 204);
    QCOMPARE(orderState(orderId), QStringLiteral("pending_payment"));
    QCOMPARE(count(QStringLiteral("SELECT paid_fen FROM orders WHERE id = ?"), {orderId}), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payment_anomalies WHERE order_id = ? AND kind = "
                                  "'amount_mismatch'"),
                   {orderId}),
             1);
    QVERIFY(scalar(QStringLiteral("SELECT detail FROM payment_anomalies WHERE order_id = ?"), {orderId})
                .toString()
                .contains(QLatin1String("\"paidFen\":1")));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ? AND action = "
                                  "'payment_anomaly' AND note = 'amount_mismatch'"),
                   {orderId}),
             1);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ? AND action = 'pay'"), {orderId}), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE order_id = ? AND applied = 1"), {orderId}), 0);
}

void tst_WechatPay::queryJob_paysAnOrderWhoseNotificationNeverCame()
{
    const QString orderId = addOrder(m_bob, 1880);
    QString outTradeNo;
    QCOMPARE(prepay(m_bob, orderId, &outTradeNo).status, 200);
    // Not due yet (a minute after the prepay): the job leaves it alone even though WeChat has the money.
    m_pay.pay(outTradeNo);
    QTest::qWait(400);
    QCOMPARE(orderState(orderId), QStringLiteral("pending_payment"));
    // Due now: the job asks WeChat, verifies the answer, and pays the order as a notification would.
    QVERIFY(exec(QStringLiteral("UPDATE payments SET next_query_at_ms = 0 WHERE order_id = ?"), {orderId}));
    QTRY_COMPARE_WITH_TIMEOUT(orderState(orderId), QStringLiteral("paid"), 10'000);
    QVERIFY(m_pay.requestLog().contains(QStringLiteral("GET /v3/pay/transactions/out-trade-no/") + outTradeNo));
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ? AND action = 'pay'"), {orderId}), 1);
    // The late notification afterwards changes nothing.
    QCOMPARE(FakeWechatPay::post(notifyUrl(), m_pay.paymentNotification(outTradeNo)), 204);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ? AND action = 'pay'"), {orderId}), 1);
}

void tst_WechatPay::closeJob_closesTheTradeOfACancelledOrder()
{
    const QString orderId = addOrder(m_bob, 760);
    QString outTradeNo;
    QCOMPARE(prepay(m_bob, orderId, &outTradeNo).status, 200);
    // The order stopped waiting for its money (the customer's cancel, the close timer): the trade is closed at
    // WeChat, so it can no longer be paid.
    QVERIFY(exec(QStringLiteral("UPDATE orders SET state = 'cancelled' WHERE id = ?"), {orderId}));
    QVERIFY(exec(QStringLiteral("UPDATE payments SET next_query_at_ms = 0 WHERE order_id = ?"), {orderId}));
    QTRY_COMPARE_WITH_TIMEOUT(m_pay.trades().value(outTradeNo).state, QStringLiteral("CLOSED"), 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT state FROM payments WHERE order_id = ?"), {orderId}).toString(),
        QStringLiteral("closed"),
        5'000);
}

void tst_WechatPay::closeJob_tradePaidMeanwhile_isRefundedAutomatically()
{
    const QString orderId = addOrder(m_bob, 640);
    QString outTradeNo;
    QCOMPARE(prepay(m_bob, orderId, &outTradeNo).status, 200);
    // Paid at WeChat, notification not here yet, and the order closes on our side: WeChat refuses the close
    // (ORDERPAID); the job asks for the trade and pays the money back.
    m_pay.pay(outTradeNo);
    QVERIFY(exec(QStringLiteral("UPDATE orders SET state = 'closed' WHERE id = ?"), {orderId}));
    QVERIFY(exec(QStringLiteral("UPDATE payments SET next_query_at_ms = 0 WHERE order_id = ?"), {orderId}));
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM payment_anomalies WHERE order_id = ? AND "
                                                   "kind = 'paid_after_close'"),
                                    {orderId}),
                              1,
                              10'000);
    QCOMPARE(m_pay.trades().value(outTradeNo).state, QStringLiteral("SUCCESS")); // the close was refused
    QCOMPARE(orderState(orderId), QStringLiteral("closed"));
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT state FROM refunds WHERE order_id = ?"), {orderId}).toString(),
        QStringLiteral("processing"),
        10'000);
    QCOMPARE(count(QStringLiteral("SELECT amount_fen FROM refunds WHERE order_id = ?"), {orderId}), 640);
}

void tst_WechatPay::lateNotification_forAClosedOrder_isRefundedAutomatically()
{
    const QString orderId = addOrder(m_bob, 3300);
    QString outTradeNo;
    QCOMPARE(prepay(m_bob, orderId, &outTradeNo).status, 200);
    // Closed on our side, paid at WeChat before the close reached it.
    QVERIFY(exec(QStringLiteral("UPDATE orders SET state = 'closed' WHERE id = ?"), {orderId}));
    m_pay.pay(outTradeNo);
    QCOMPARE(FakeWechatPay::post(notifyUrl(), m_pay.paymentNotification(outTradeNo)), 204);
    QCOMPARE(orderState(orderId), QStringLiteral("closed"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payment_anomalies WHERE order_id = ? AND kind = "
                                  "'paid_after_close'"),
                   {orderId}),
             1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ? AND amount_fen = 3300 AND "
                                  "requested_by = 'system'"),
                   {orderId}),
             1);
    // The dispatcher sends it to WeChat; WeChat's refund notification settles it.
    const QString outRefundNo =
        scalar(QStringLiteral("SELECT out_refund_no FROM refunds WHERE order_id = ?"), {orderId}).toString();
    QTRY_VERIFY_WITH_TIMEOUT(m_pay.refunds().contains(outRefundNo), 10'000);
    QCOMPARE(m_pay.refunds().value(outRefundNo).refundFen, 3300);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT state FROM refunds WHERE order_id = ?"), {orderId}).toString(),
        QStringLiteral("processing"),
        5'000);
    m_pay.setRefundStatus(outRefundNo, QStringLiteral("SUCCESS"));
    QCOMPARE(FakeWechatPay::post(refundNotifyUrl(), m_pay.refundNotification(outRefundNo)), 204);
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM refunds WHERE order_id = ?"), {orderId}).toString(),
             QStringLiteral("succeeded"));
    // A repeat of the notification changes nothing.
    QCOMPARE(FakeWechatPay::post(refundNotifyUrl(), m_pay.refundNotification(outRefundNo)), 204);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ?"), {orderId}), 1);
}

void tst_WechatPay::refunds_partialThenTheRest_withRefundNotifications()
{
    const QString orderId = addOrder(m_alice, 2590);
    QString outTradeNo;
    QCOMPARE(prepay(m_alice, orderId, &outTradeNo).status, 200);
    m_pay.pay(outTradeNo);
    QCOMPARE(FakeWechatPay::post(notifyUrl(), m_pay.paymentNotification(outTradeNo)), 204);
    QCOMPARE(orderState(orderId), QStringLiteral("paid"));

    // The owner pays 10 yuan back (partial), through the merchant REST operation.
    const QString base = QStringLiteral("/admin/v1/shops/%1/orders/%2/").arg(m_shopId, orderId);
    const ServerProcess::Reply partial = m_server->requestJson(
        "POST",
        base + QStringLiteral("refund"),
        QJsonObject{{QStringLiteral("amountFen"), 1000}, {QStringLiteral("reason"), QStringLiteral("少发一件")}},
        m_token);
    QVERIFY2(partial.status == 200, partial.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_pay.refunds().size() >= 1 &&
                                  count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ? AND state = "
                                                       "'processing'"),
                                        {orderId}) == 1,
                              true,
                              10'000);
    const QString firstNo =
        scalar(QStringLiteral("SELECT out_refund_no FROM refunds WHERE order_id = ? AND amount_fen = 1000"), {orderId})
            .toString();
    QCOMPARE(m_pay.refunds().value(firstNo).refundFen, 1000);
    QCOMPARE(m_pay.refunds().value(firstNo).totalFen, 2590);
    m_pay.setRefundStatus(firstNo, QStringLiteral("SUCCESS"));
    QCOMPARE(FakeWechatPay::post(refundNotifyUrl(), m_pay.refundNotification(firstNo)), 204);
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM refunds WHERE out_refund_no = ?"), {firstNo}).toString(),
             QStringLiteral("succeeded"));
    QVERIFY(!scalar(QStringLiteral("SELECT refund_id FROM refunds WHERE out_refund_no = ?"), {firstNo})
                 .toString()
                 .isEmpty());

    // More than what is left is refused and changes nothing.
    const ServerProcess::Reply tooMuch = m_server->requestJson(
        "POST",
        base + QStringLiteral("refund"),
        QJsonObject{{QStringLiteral("amountFen"), 1591}, {QStringLiteral("reason"), QStringLiteral("太多")}},
        m_token);
    QVERIFY2(tooMuch.status == 400 || tooMuch.status == 409, tooMuch.body.constData());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ?"), {orderId}), 1);

    // The owner cancels the paid order: the rest (15.90) goes back.
    const ServerProcess::Reply cancelled =
        m_server->requestJson("POST",
                              base + QStringLiteral("cancel"),
                              QJsonObject{{QStringLiteral("reason"), QStringLiteral("缺货")}},
                              m_token);
    QVERIFY2(cancelled.status == 200, cancelled.body.constData());
    QCOMPARE(orderState(orderId), QStringLiteral("cancelled"));
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ? AND state = "
                                                   "'processing'"),
                                    {orderId}),
                              1,
                              10'000);
    const QString secondNo =
        scalar(QStringLiteral("SELECT out_refund_no FROM refunds WHERE order_id = ? AND amount_fen = 1590"), {orderId})
            .toString();
    QVERIFY(!secondNo.isEmpty());
    // A refund WeChat cannot complete is flagged for the merchant, not silently lost.
    m_pay.setRefundStatus(secondNo, QStringLiteral("ABNORMAL"));
    QCOMPARE(FakeWechatPay::post(refundNotifyUrl(), m_pay.refundNotification(secondNo)), 204);
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM refunds WHERE out_refund_no = ?"), {secondNo}).toString(),
             QStringLiteral("failed"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payment_anomalies WHERE order_id = ? AND kind = "
                                  "'refund_failed'"),
                   {orderId}),
             1);
    // The merchant's view of the order's money: the payment, both refunds with their states, the anomaly. A clerk
    // may look; another shop may not.
    const ServerProcess::Reply money = m_server->request(
        "GET", QStringLiteral("/admin/v1/shops/%1/orders/%2/payments").arg(m_shopId, orderId), {}, m_token);
    QCOMPARE(money.status, 200);
    const QJsonArray payments = money.json.value(QStringLiteral("payments")).toArray();
    QCOMPARE(payments.size(), 1);
    QCOMPARE(payments.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(payments.at(0).toObject().value(QStringLiteral("amountFen")).toInteger(), 2590);
    QVERIFY(payments.at(0).toObject().value(QStringLiteral("applied")).toBool());
    const QJsonArray refundsSeen = money.json.value(QStringLiteral("refunds")).toArray();
    QCOMPARE(refundsSeen.size(), 2);
    QCOMPARE(refundsSeen.at(0).toObject().value(QStringLiteral("amountFen")).toInteger() +
                 refundsSeen.at(1).toObject().value(QStringLiteral("amountFen")).toInteger(),
             2590);
    QSet<QString> refundStates{refundsSeen.at(0).toObject().value(QStringLiteral("state")).toString(),
                               refundsSeen.at(1).toObject().value(QStringLiteral("state")).toString()};
    QCOMPARE(refundStates, (QSet<QString>{QStringLiteral("succeeded"), QStringLiteral("failed")}));
    const QJsonArray anomalies = money.json.value(QStringLiteral("anomalies")).toArray();
    QCOMPARE(anomalies.size(), 1);
    QCOMPARE(anomalies.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("refund_failed"));
    QCOMPARE(m_server
                 ->request("GET",
                           QStringLiteral("/admin/v1/shops/%1/orders/%2/payments").arg(xd::Id::create(), orderId),
                           {},
                           m_token)
                 .status,
             404);
    QCOMPARE(m_server
                 ->request("GET",
                           QStringLiteral("/admin/v1/shops/%1/orders/%2/payments").arg(m_shopId, xd::Id::create()),
                           {},
                           m_token)
                 .status,
             404);
    QCOMPARE(
        m_server->request("GET", QStringLiteral("/admin/v1/shops/%1/orders/%2/payments").arg(m_shopId, orderId)).status,
        401);
    // WeChat holds exactly the two refunds, 10.00 + 15.90 = the 25.90 paid, each asked for once or more but
    // created once (out_refund_no is the idempotency key).
    qint64 refundedAtWechat = 0;
    for (const FakeWechatPay::Refund& refund : m_pay.refunds()) {
        if (refund.outTradeNo == outTradeNo)
            refundedAtWechat += refund.refundFen;
    }
    QCOMPARE(refundedAtWechat, 2590);
}

void tst_WechatPay::refunds_whenWechatRefusesOurSignature_areRetriedLater()
{
    const QString orderId = addOrder(m_alice, 1500);
    QString outTradeNo;
    QCOMPARE(prepay(m_alice, orderId, &outTradeNo).status, 200);
    m_pay.pay(outTradeNo);
    QCOMPARE(FakeWechatPay::post(notifyUrl(), m_pay.paymentNotification(outTradeNo)), 204);
    m_pay.setRejectMerchantSignatures(true);
    const ServerProcess::Reply partial = m_server->requestJson(
        "POST",
        QStringLiteral("/admin/v1/shops/%1/orders/%2/refund").arg(m_shopId, orderId),
        QJsonObject{{QStringLiteral("amountFen"), 500}, {QStringLiteral("reason"), QStringLiteral("破损")}},
        m_token);
    QVERIFY2(partial.status == 200, partial.body.constData());
    // WeChat refuses the request: the refund stays pending with the reason, and is tried again later.
    QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT last_error FROM refunds WHERE order_id = ?"), {orderId})
                                 .toString()
                                 .contains(QLatin1String("SIGN_ERROR")),
                             10'000);
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM refunds WHERE order_id = ?"), {orderId}).toString(),
             QStringLiteral("pending"));
    QVERIFY(
        scalar(QStringLiteral("SELECT next_attempt_at_ms FROM refunds WHERE order_id = ?"), {orderId}).toLongLong() >
        QDateTime::currentMSecsSinceEpoch());
    m_pay.setRejectMerchantSignatures(false);
    QVERIFY(exec(QStringLiteral("UPDATE refunds SET next_attempt_at_ms = 0 WHERE order_id = ?"), {orderId}));
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT state FROM refunds WHERE order_id = ?"), {orderId}).toString(),
        QStringLiteral("processing"),
        10'000);
    QCOMPARE(count(QStringLiteral("SELECT attempts FROM refunds WHERE order_id = ?"), {orderId}), 0);
    qint64 atWechat = 0;
    for (const FakeWechatPay::Refund& refund : m_pay.refunds()) {
        if (refund.outTradeNo == outTradeNo)
            atWechat += refund.refundFen;
    }
    QCOMPARE(atWechat, 500);
}

void tst_WechatPay::refunds_cashOnDelivery_areManual_withoutWechat()
{
    const QString orderId = addOrder(m_bob, 4200, QStringLiteral("cash_on_delivery"));
    QVERIFY(exec(QStringLiteral("UPDATE orders SET state = 'shipped' WHERE id = ?"), {orderId}));
    const QString base = QStringLiteral("/admin/v1/shops/%1/orders/%2/").arg(m_shopId, orderId);
    const ServerProcess::Reply collected =
        m_server->requestJson("POST", base + QStringLiteral("mark-collected"), QJsonObject{}, m_token);
    QVERIFY2(collected.status == 200, collected.body.constData());
    const int calls = m_pay.requestLog().size();
    const ServerProcess::Reply partial = m_server->requestJson(
        "POST",
        base + QStringLiteral("refund"),
        QJsonObject{{QStringLiteral("amountFen"), 700}, {QStringLiteral("reason"), QStringLiteral("少找零")}},
        m_token);
    QVERIFY2(partial.status == 200, partial.body.constData());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ? AND method = 'cash_on_delivery' "
                                  "AND state = 'manual' AND amount_fen = 700"),
                   {orderId}),
             1);
    QTest::qWait(300); // a job tick: nothing goes to WeChat for it
    QCOMPARE(m_pay.requestLog().size(), calls);
}

// The whole path through the other slices' real routes, in a shop of its own: the owner enters the credentials
// (PUT /admin/v1/shops/{id}/wechat), a customer logs in with WeChat, places an order, pays it through WeChat Pay,
// then cancels it: the money goes back through the refund dispatcher and the stock returns.
void tst_WechatPay::endToEnd_loginPlacePayCancel_throughTheRealRoutes()
{
    QString ownerToken;
    const QString shopId = m_server->createShop(QStringLiteral("支付二店"), &ownerToken);
    QVERIFY(!shopId.isEmpty() && !ownerToken.isEmpty());
    QVERIFY(CustomerLogin::configureShop(*m_server, shopId, ownerToken, m_wechat));
    m_pay.addAppId(m_wechat.appId());
    const ServerProcess::Reply credentials = m_server->requestJson(
        "PUT",
        QStringLiteral("/admin/v1/shops/%1/wechat").arg(shopId),
        QJsonObject{{QStringLiteral("mchId"), m_pay.mchId()},
                    {QStringLiteral("mchSerialNo"), m_pay.merchantSerial()},
                    {QStringLiteral("mchPrivateKeyPem"), QString::fromLatin1(m_pay.merchantPrivatePem())},
                    {QStringLiteral("apiV3Key"), QString::fromLatin1(m_pay.apiV3Key())},
                    {QStringLiteral("platformSerialNo"), m_pay.platformSerial()},
                    {QStringLiteral("platformPublicKeyPem"), QString::fromLatin1(m_pay.platformPublicPem())}},
        ownerToken);
    QVERIFY2(credentials.status == 200, credentials.body.constData());
    const CustomerLogin::Customer carol =
        CustomerLogin::signIn(*m_server, m_wechat, shopId, QStringLiteral("openid-carol"));
    QVERIFY(!carol.token.isEmpty());
    const QString api = QStringLiteral("/api/v1/shops/%1/").arg(shopId);
    const ServerProcess::Reply address =
        m_server->requestJson("POST",
                              api + QStringLiteral("me/addresses"),
                              QJsonObject{{QStringLiteral("recipient"), QStringLiteral("卡罗")},
                                          {QStringLiteral("phone"), QStringLiteral("13800000003")},
                                          {QStringLiteral("city"), QStringLiteral("杭州")},
                                          {QStringLiteral("detail"), QStringLiteral("文三路 3 号")}},
                              carol.token);
    QCOMPARE(address.status, 201);
    const QString skuId = xd::Id::create();
    const ServerProcess::Reply product =
        m_server->requestJson("POST",
                              QStringLiteral("/admin/v1/products"),
                              QJsonObject{{QStringLiteral("id"), xd::Id::create()},
                                          {QStringLiteral("name"), QStringLiteral("龙井茶")},
                                          {QStringLiteral("onShelf"), true},
                                          {QStringLiteral("skus"),
                                           QJsonArray{QJsonObject{{QStringLiteral("id"), skuId},
                                                                  {QStringLiteral("specs"), QJsonObject{}},
                                                                  {QStringLiteral("priceFen"), 1999},
                                                                  {QStringLiteral("stock"), 5}}}}},
                              ownerToken);
    QVERIFY2(product.status == 200 || product.status == 201, product.body.constData());

    const ServerProcess::Reply placed = m_server->requestJson(
        "POST",
        api + QStringLiteral("orders"),
        QJsonObject{{QStringLiteral("clientRequestId"), QStringLiteral("e2e-") + xd::Id::create().left(8)},
                    {QStringLiteral("items"),
                     QJsonArray{QJsonObject{{QStringLiteral("skuId"), skuId}, {QStringLiteral("quantity"), 2}}}},
                    {QStringLiteral("fulfilment"), QStringLiteral("delivery")},
                    {QStringLiteral("paymentMethod"), QStringLiteral("wechat_pay")},
                    {QStringLiteral("addressId"), address.json.value(QStringLiteral("id")).toString()},
                    {QStringLiteral("expectedPayableFen"), 3998}},
        carol.token);
    QVERIFY2(placed.status == 201, placed.body.constData());
    const QString orderId = placed.json.value(QStringLiteral("id")).toString();
    QCOMPARE(placed.json.value(QStringLiteral("state")).toString(), QStringLiteral("pending_payment"));
    QCOMPARE(count(QStringLiteral("SELECT stock FROM product_skus WHERE id = ?"), {skuId}), 3);

    const ServerProcess::Reply params =
        m_server->request("POST", api + QStringLiteral("orders/%1/wechat-pay").arg(orderId), "{}", carol.token);
    QVERIFY2(params.status == 200, params.body.constData());
    const QString outTradeNo =
        scalar(QStringLiteral("SELECT out_trade_no FROM payments WHERE order_id = ?"), {orderId}).toString();
    QCOMPARE(m_pay.trades().value(outTradeNo).totalFen, 3998);
    QCOMPARE(m_pay.trades().value(outTradeNo).payerOpenid, QStringLiteral("openid-carol"));
    QCOMPARE(m_pay.trades().value(outTradeNo).appId, m_wechat.appId());
    m_pay.pay(outTradeNo);
    const QString notify = m_server->baseUrl() + QStringLiteral("/api/v1/wechat-pay/%1/notify").arg(shopId);
    QCOMPARE(FakeWechatPay::post(notify, m_pay.paymentNotification(outTradeNo)), 204);
    // The same notification at the demo shop's address (both shops hold the fake's keys, so it verifies) names a
    // trade that shop never made: recorded as an anomaly, nothing paid there.
    QCOMPARE(FakeWechatPay::post(notifyUrl(), m_pay.paymentNotification(outTradeNo)), 204);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payment_anomalies WHERE shop_id = ? AND kind = "
                                  "'unknown_payment'"),
                   {m_shopId}),
             1);

    const ServerProcess::Reply mine =
        m_server->request("GET", api + QStringLiteral("orders/%1").arg(orderId), {}, carol.token);
    QCOMPARE(mine.status, 200);
    QCOMPARE(mine.json.value(QStringLiteral("state")).toString(), QStringLiteral("paid"));
    QCOMPARE(mine.json.value(QStringLiteral("paidFen")).toInteger(), 3998);

    // Carol cancels before the shop accepts: everything goes back, the stock too.
    const ServerProcess::Reply cancelled = m_server->requestJson(
        "POST", api + QStringLiteral("orders/%1/cancel").arg(orderId), QJsonObject{}, carol.token);
    QVERIFY2(cancelled.status == 200, cancelled.body.constData());
    QCOMPARE(orderState(orderId), QStringLiteral("cancelled"));
    QCOMPARE(count(QStringLiteral("SELECT stock FROM product_skus WHERE id = ?"), {skuId}), 5);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT state FROM refunds WHERE order_id = ?"), {orderId}).toString(),
        QStringLiteral("processing"),
        10'000);
    const QString outRefundNo =
        scalar(QStringLiteral("SELECT out_refund_no FROM refunds WHERE order_id = ?"), {orderId}).toString();
    QCOMPARE(m_pay.refunds().value(outRefundNo).refundFen, 3998);
    m_pay.setRefundStatus(outRefundNo, QStringLiteral("SUCCESS"));
    QCOMPARE(
        FakeWechatPay::post(m_server->baseUrl() + QStringLiteral("/api/v1/wechat-pay/%1/refund-notify").arg(shopId),
                            m_pay.refundNotification(outRefundNo)),
        204);
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM refunds WHERE order_id = ?"), {orderId}).toString(),
             QStringLiteral("succeeded"));
}

// The jobs keep their state in the tables: a payment WeChat took while no notification came, and a refund WeChat
// refused, both survive a stop of the server and are finished by the next process.
void tst_WechatPay::restart_unconfirmedPaymentsAndPendingRefunds_resume()
{
    const QString unconfirmed = addOrder(m_alice, 2100);
    QString unconfirmedTrade;
    QCOMPARE(prepay(m_alice, unconfirmed, &unconfirmedTrade).status, 200);
    m_pay.pay(unconfirmedTrade); // no notification

    const QString refunded = addOrder(m_bob, 2200);
    QString refundedTrade;
    QCOMPARE(prepay(m_bob, refunded, &refundedTrade).status, 200);
    m_pay.pay(refundedTrade);
    QCOMPARE(FakeWechatPay::post(notifyUrl(), m_pay.paymentNotification(refundedTrade)), 204);
    m_pay.setRejectMerchantSignatures(true);
    const ServerProcess::Reply partial = m_server->requestJson(
        "POST",
        QStringLiteral("/admin/v1/shops/%1/orders/%2/refund").arg(m_shopId, refunded),
        QJsonObject{{QStringLiteral("amountFen"), 300}, {QStringLiteral("reason"), QStringLiteral("补差价")}},
        m_token);
    QVERIFY2(partial.status == 200, partial.body.constData());
    QTRY_VERIFY_WITH_TIMEOUT(
        !scalar(QStringLiteral("SELECT last_error FROM refunds WHERE order_id = ?"), {refunded}).toString().isEmpty(),
        10'000);
    m_server->stop();
    QCOMPARE(orderState(unconfirmed), QStringLiteral("pending_payment"));
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM refunds WHERE order_id = ?"), {refunded}).toString(),
             QStringLiteral("pending"));

    // Time passes while it is down: both become due; WeChat takes our signature again.
    m_pay.setRejectMerchantSignatures(false);
    QVERIFY(exec(QStringLiteral("UPDATE payments SET next_query_at_ms = 0 WHERE order_id = ?"), {unconfirmed}));
    QVERIFY(exec(QStringLiteral("UPDATE refunds SET next_attempt_at_ms = 0 WHERE order_id = ?"), {refunded}));
    QStringList args = m_args;
    if (!m_postgresUrl.isEmpty())
        args << QStringLiteral("--database") << m_postgresUrl.toString();
    QVERIFY2(m_server->start(args, 0, ServerProcess::Demo::None), qPrintable(m_server->errorText()));
    QTRY_COMPARE_WITH_TIMEOUT(orderState(unconfirmed), QStringLiteral("paid"), 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT state FROM refunds WHERE order_id = ?"), {refunded}).toString(),
        QStringLiteral("processing"),
        10'000);
    qint64 atWechat = 0;
    for (const FakeWechatPay::Refund& refund : m_pay.refunds()) {
        if (refund.outTradeNo == refundedTrade)
            atWechat += refund.refundFen;
    }
    QCOMPARE(atWechat, 300);
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_WechatPay>(argc, argv);
}
#include "tst_wechatpay.moc"
