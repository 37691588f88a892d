#include "FakeWechatPay.h"

#include "HttpServer.h"
#include "HttpTypes.h"
#include "integrations/WechatPayCrypto.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace xd;
using namespace xd::server;
using xd::server::integrations::RsaKey;
namespace wp = xd::server::integrations::wechatpay;

namespace {

struct PemPair
{
    QByteArray privatePem;
    QByteArray publicPem;
};

QByteArray bioBytes(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

// A fresh RSA-2048 key pair as PEM (PKCS#8 private key, SubjectPublicKeyInfo public key).
PemPair generateRsa2048()
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048)),
                                                            EVP_PKEY_free);
    if (!key)
        qFatal("RSA key generation failed");
    PemPair pair;
    std::unique_ptr<BIO, decltype(&BIO_free)> priv(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    pair.privatePem = bioBytes(priv.get());
    std::unique_ptr<BIO, decltype(&BIO_free)> pub(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PUBKEY(pub.get(), key.get());
    pair.publicPem = bioBytes(pub.get());
    return pair;
}

RsaKey privateKey(const QByteArray& pem)
{
    auto key = RsaKey::fromPrivatePem(pem);
    if (!key)
        qFatal("%s", qPrintable(key.error().toString()));
    return *key;
}

RsaKey publicKey(const QByteArray& pem)
{
    auto key = RsaKey::fromPublicPem(pem);
    if (!key)
        qFatal("%s", qPrintable(key.error().toString()));
    return *key;
}

QByteArray randomAlnum(int length)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QByteArray text;
    for (int i = 0; i < length; ++i)
        text.append(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
    return text;
}

HttpResponse wechatError(int status, const QString& code, const QString& message)
{
    return HttpResponse::json(status,
                              QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}});
}

} // namespace

FakeWechatPay::FakeWechatPay(QObject* parent) : QObject(parent), m_http(new HttpServer(this))
{
    const PemPair merchant = generateRsa2048();
    const PemPair platform = generateRsa2048();
    const PemPair other = generateRsa2048();
    m_merchantPrivatePem = merchant.privatePem;
    m_merchantPublicPem = merchant.publicPem;
    m_platformPrivatePem = platform.privatePem;
    m_platformPublicPem = platform.publicPem;
    m_otherPublicPem = other.publicPem;
    m_forgerPrivatePem = other.privatePem;
    m_apiV3Key = randomAlnum(32);
    addRoutes();
}

FakeWechatPay::~FakeWechatPay() = default;

bool FakeWechatPay::start()
{
    auto port = m_http->start(QHostAddress::LocalHost, 0);
    if (!port)
        return false;
    m_port = *port;
    return true;
}

QString FakeWechatPay::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QString FakeWechatPay::onlyOutTradeNo() const
{
    return m_trades.size() == 1 ? m_trades.constBegin().key() : QString();
}

void FakeWechatPay::addRoutes()
{
    // Every request: the merchant's signature first (WeChat answers 401 SIGN_ERROR before reading anything else);
    // every answer, errors too, signed with the platform key (or a forger's when the test asks for it).
    const auto guarded = [this](std::function<HttpResponse(const HttpRequest&)> handler) {
        return [this, handler](const HttpRequest& request) {
            QByteArray pathWithQuery = request.path.toUtf8();
            if (!request.query.isEmpty())
                pathWithQuery += '?' + request.query.toString(QUrl::FullyEncoded).toLatin1();
            m_log.append(QString::fromLatin1(request.method) + QLatin1Char(' ') + request.path);
            const RsaKey verifier = publicKey(m_rejectSignatures ? m_otherPublicPem : m_merchantPublicPem);
            HttpResponse response;
            if (const Status checked = wp::verifyAuthorization(verifier,
                                                               request.header("authorization"),
                                                               request.method,
                                                               pathWithQuery,
                                                               request.body,
                                                               QDateTime::currentSecsSinceEpoch());
                !checked) {
                ++m_signatureFailures;
                response = wechatError(401, QStringLiteral("SIGN_ERROR"), QStringLiteral("签名错误，请检查后再试"));
            } else {
                response = handler(request);
            }
            const QByteArray body = response.status == 204 ? QByteArray() : response.body;
            auto signature = wp::signResponse(privateKey(m_forgeAnswers ? m_forgerPrivatePem : m_platformPrivatePem),
                                              platformSerial().toLatin1(),
                                              body,
                                              QDateTime::currentSecsSinceEpoch(),
                                              wp::randomNonce());
            if (signature) {
                response.addHeader("Wechatpay-Timestamp", signature->timestamp);
                response.addHeader("Wechatpay-Nonce", signature->nonce);
                response.addHeader("Wechatpay-Signature", signature->signature);
                response.addHeader("Wechatpay-Serial", signature->serial);
            }
            response.addHeader("Request-ID", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
            return response;
        };
    };

    m_http->addRoute(
        "POST", QStringLiteral("/v3/pay/transactions/jsapi"), guarded([this](const HttpRequest& request) {
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            Trade trade;
            trade.appId = body.value(QStringLiteral("appid")).toString();
            trade.mchId = body.value(QStringLiteral("mchid")).toString();
            trade.outTradeNo = body.value(QStringLiteral("out_trade_no")).toString();
            trade.description = body.value(QStringLiteral("description")).toString();
            trade.notifyUrl = body.value(QStringLiteral("notify_url")).toString();
            trade.payerOpenid =
                body.value(QStringLiteral("payer")).toObject().value(QStringLiteral("openid")).toString();
            trade.totalFen =
                body.value(QStringLiteral("amount")).toObject().value(QStringLiteral("total")).toInteger(-1);
            trade.timeExpire = body.value(QStringLiteral("time_expire")).toString();
            if (trade.mchId != mchId() || (trade.appId != appId() && !m_appIds.contains(trade.appId)))
                return wechatError(400, QStringLiteral("APPID_MCHID_NOT_MATCH"), QStringLiteral("appid和mch_id不匹配"));
            if (trade.outTradeNo.size() < 6 || trade.outTradeNo.size() > 32 || trade.description.isEmpty() ||
                trade.description.toUtf8().size() > 127 || trade.totalFen <= 0 || trade.payerOpenid.isEmpty() ||
                !trade.notifyUrl.startsWith(QLatin1String("http")))
                return wechatError(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("参数错误"));
            if (m_trades.contains(trade.outTradeNo)) {
                const Trade& known = m_trades[trade.outTradeNo];
                if (known.state == QLatin1String("SUCCESS"))
                    return wechatError(400, QStringLiteral("ORDERPAID"), QStringLiteral("该订单已支付"));
                if (known.state == QLatin1String("CLOSED"))
                    return wechatError(400, QStringLiteral("ORDER_CLOSED"), QStringLiteral("订单已关闭"));
                if (known.totalFen != trade.totalFen || known.payerOpenid != trade.payerOpenid)
                    return wechatError(
                        400, QStringLiteral("INVALID_REQUEST"), QStringLiteral("订单参数与原订单不一致"));
                return HttpResponse::json(200, QJsonObject{{QStringLiteral("prepay_id"), known.prepayId}});
            }
            trade.prepayId = QStringLiteral("wx%1%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(++m_serial);
            m_trades.insert(trade.outTradeNo, trade);
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("prepay_id"), trade.prepayId}});
        }));

    m_http->addRoute(
        "GET", QStringLiteral("/v3/pay/transactions/out-trade-no/{no}"), guarded([this](const HttpRequest& request) {
            if (request.query.queryItemValue(QStringLiteral("mchid")) != mchId())
                return wechatError(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("mchid错误"));
            const auto found = m_trades.constFind(request.pathParams.value(QStringLiteral("no")));
            if (found == m_trades.constEnd())
                return wechatError(404, QStringLiteral("ORDER_NOT_EXIST"), QStringLiteral("订单不存在"));
            return HttpResponse::json(200, tradeJson(*found));
        }));

    m_http->addRoute("POST",
                     QStringLiteral("/v3/pay/transactions/out-trade-no/{no}/close"),
                     guarded([this](const HttpRequest& request) {
                         const QJsonObject body = QJsonDocument::fromJson(request.body).object();
                         if (body.value(QStringLiteral("mchid")).toString() != mchId())
                             return wechatError(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("mchid错误"));
                         const auto found = m_trades.find(request.pathParams.value(QStringLiteral("no")));
                         if (found == m_trades.end())
                             return wechatError(404, QStringLiteral("ORDER_NOT_EXIST"), QStringLiteral("订单不存在"));
                         if (found->state == QLatin1String("SUCCESS"))
                             return wechatError(400, QStringLiteral("ORDERPAID"), QStringLiteral("该订单已支付"));
                         found->state = QStringLiteral("CLOSED");
                         HttpResponse closed;
                         closed.status = 204;
                         closed.contentType.clear();
                         return closed;
                     }));

    m_http->addRoute(
        "POST", QStringLiteral("/v3/refund/domestic/refunds"), guarded([this](const HttpRequest& request) {
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            const QJsonObject amount = body.value(QStringLiteral("amount")).toObject();
            Refund refund;
            refund.outTradeNo = body.value(QStringLiteral("out_trade_no")).toString();
            refund.outRefundNo = body.value(QStringLiteral("out_refund_no")).toString();
            refund.reason = body.value(QStringLiteral("reason")).toString();
            refund.notifyUrl = body.value(QStringLiteral("notify_url")).toString();
            refund.refundFen = amount.value(QStringLiteral("refund")).toInteger(-1);
            refund.totalFen = amount.value(QStringLiteral("total")).toInteger(-1);
            if (refund.outRefundNo.isEmpty() || refund.refundFen <= 0 ||
                amount.value(QStringLiteral("currency")).toString() != QLatin1String("CNY"))
                return wechatError(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("参数错误"));
            const auto trade = m_trades.constFind(refund.outTradeNo);
            if (trade == m_trades.constEnd() || trade->state != QLatin1String("SUCCESS"))
                return wechatError(404, QStringLiteral("RESOURCE_NOT_EXISTS"), QStringLiteral("订单不存在或未支付"));
            if (refund.totalFen != trade->paidFen)
                return wechatError(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("订单金额不一致"));
            if (m_refunds.contains(refund.outRefundNo)) {
                // The same out_refund_no again: the same refund, its current status (never a second refund).
                Refund& known = m_refunds[refund.outRefundNo];
                if (known.refundFen != refund.refundFen || known.outTradeNo != refund.outTradeNo)
                    return wechatError(
                        400, QStringLiteral("INVALID_REQUEST"), QStringLiteral("退款参数与原退款不一致"));
                ++known.requests;
                return HttpResponse::json(200, refundJson(known));
            }
            qint64 refundedFen = 0;
            for (const Refund& earlier : std::as_const(m_refunds)) {
                if (earlier.outTradeNo == refund.outTradeNo && earlier.status != QLatin1String("CLOSED") &&
                    earlier.status != QLatin1String("ABNORMAL"))
                    refundedFen += earlier.refundFen;
            }
            if (refundedFen + refund.refundFen > trade->paidFen)
                return wechatError(403, QStringLiteral("NOT_ENOUGH"), QStringLiteral("退款金额超过可退金额"));
            refund.refundId = QStringLiteral("50300%1%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(++m_serial);
            refund.requests = 1;
            m_refunds.insert(refund.outRefundNo, refund);
            return HttpResponse::json(200, refundJson(refund));
        }));
}

QJsonObject FakeWechatPay::tradeJson(const Trade& trade) const
{
    QJsonObject json{{QStringLiteral("appid"), trade.appId},
                     {QStringLiteral("mchid"), trade.mchId},
                     {QStringLiteral("out_trade_no"), trade.outTradeNo},
                     {QStringLiteral("trade_state"), trade.state},
                     {QStringLiteral("trade_state_desc"), trade.state},
                     {QStringLiteral("payer"), QJsonObject{{QStringLiteral("openid"), trade.payerOpenid}}}};
    if (trade.state == QLatin1String("SUCCESS")) {
        json.insert(QStringLiteral("transaction_id"), trade.transactionId);
        json.insert(QStringLiteral("trade_type"), QStringLiteral("JSAPI"));
        json.insert(QStringLiteral("bank_type"), QStringLiteral("OTHERS"));
        json.insert(QStringLiteral("success_time"), QDateTime::currentDateTime().toString(Qt::ISODate));
        json.insert(QStringLiteral("amount"),
                    QJsonObject{{QStringLiteral("total"), trade.paidFen},
                                {QStringLiteral("payer_total"), trade.paidFen},
                                {QStringLiteral("currency"), QStringLiteral("CNY")},
                                {QStringLiteral("payer_currency"), QStringLiteral("CNY")}});
    }
    return json;
}

QJsonObject FakeWechatPay::refundJson(const Refund& refund) const
{
    const Trade trade = m_trades.value(refund.outTradeNo);
    return QJsonObject{{QStringLiteral("mchid"), mchId()},
                       {QStringLiteral("refund_id"), refund.refundId},
                       {QStringLiteral("out_refund_no"), refund.outRefundNo},
                       {QStringLiteral("transaction_id"), trade.transactionId},
                       {QStringLiteral("out_trade_no"), refund.outTradeNo},
                       {QStringLiteral("channel"), QStringLiteral("ORIGINAL")},
                       {QStringLiteral("status"), refund.status},
                       {QStringLiteral("refund_status"), refund.status},
                       {QStringLiteral("amount"),
                        QJsonObject{{QStringLiteral("total"), refund.totalFen},
                                    {QStringLiteral("refund"), refund.refundFen},
                                    {QStringLiteral("payer_total"), refund.totalFen},
                                    {QStringLiteral("payer_refund"), refund.refundFen},
                                    {QStringLiteral("currency"), QStringLiteral("CNY")}}}};
}

QString FakeWechatPay::pay(const QString& outTradeNo, qint64 paidFen)
{
    auto found = m_trades.find(outTradeNo);
    if (found == m_trades.end())
        return {};
    if (found->state != QLatin1String("SUCCESS")) {
        found->state = QStringLiteral("SUCCESS");
        found->transactionId = QStringLiteral("42000%1%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(++m_serial);
        found->paidFen = paidFen < 0 ? found->totalFen : paidFen;
    }
    return found->transactionId;
}

void FakeWechatPay::setRefundStatus(const QString& outRefundNo, const QString& status)
{
    if (m_refunds.contains(outRefundNo))
        m_refunds[outRefundNo].status = status;
}

FakeWechatPay::Notification FakeWechatPay::signedNotification(const QString& eventType,
                                                              const QString& summary,
                                                              const QString& originalType,
                                                              const QByteArray& plaintext) const
{
    const QByteArray nonce = randomAlnum(12);
    const QByteArray associatedData = originalType.toLatin1();
    auto ciphertext = wp::encryptResource(m_apiV3Key, plaintext, nonce, associatedData);
    if (!ciphertext)
        qFatal("%s", qPrintable(ciphertext.error().toString()));
    const QJsonObject envelope{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                               {QStringLiteral("create_time"), QDateTime::currentDateTime().toString(Qt::ISODate)},
                               {QStringLiteral("resource_type"), QStringLiteral("encrypt-resource")},
                               {QStringLiteral("event_type"), eventType},
                               {QStringLiteral("summary"), summary},
                               {QStringLiteral("resource"),
                                QJsonObject{{QStringLiteral("original_type"), originalType},
                                            {QStringLiteral("algorithm"), QStringLiteral("AEAD_AES_256_GCM")},
                                            {QStringLiteral("ciphertext"), QString::fromLatin1(*ciphertext)},
                                            {QStringLiteral("associated_data"), QString::fromLatin1(associatedData)},
                                            {QStringLiteral("nonce"), QString::fromLatin1(nonce)}}}};
    Notification notification;
    notification.body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    auto signature = wp::signResponse(privateKey(m_forgeAnswers ? m_forgerPrivatePem : m_platformPrivatePem),
                                      platformSerial().toLatin1(),
                                      notification.body,
                                      QDateTime::currentSecsSinceEpoch(),
                                      wp::randomNonce());
    if (!signature)
        qFatal("%s", qPrintable(signature.error().toString()));
    notification.headers = {{"Content-Type", "application/json"},
                            {"Wechatpay-Timestamp", signature->timestamp},
                            {"Wechatpay-Nonce", signature->nonce},
                            {"Wechatpay-Signature", signature->signature},
                            {"Wechatpay-Serial", signature->serial}};
    return notification;
}

FakeWechatPay::Notification FakeWechatPay::paymentNotification(const QString& outTradeNo) const
{
    const Trade trade = m_trades.value(outTradeNo);
    return signedNotification(QStringLiteral("TRANSACTION.SUCCESS"),
                              QStringLiteral("支付成功"),
                              QStringLiteral("transaction"),
                              QJsonDocument(tradeJson(trade)).toJson(QJsonDocument::Compact));
}

FakeWechatPay::Notification FakeWechatPay::refundNotification(const QString& outRefundNo) const
{
    const Refund refund = m_refunds.value(outRefundNo);
    QJsonObject resource = refundJson(refund);
    resource.remove(QStringLiteral("status")); // the notification names it refund_status
    return signedNotification(QStringLiteral("REFUND.") + refund.status,
                              QStringLiteral("退款状态"),
                              QStringLiteral("refund"),
                              QJsonDocument(resource).toJson(QJsonDocument::Compact));
}

int FakeWechatPay::post(const QString& url, const Notification& notification, QByteArray* answer)
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(url)};
    for (const auto& [name, value] : notification.headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = network.post(request, notification.body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (answer)
        *answer = reply->readAll();
    delete reply;
    return status;
}
