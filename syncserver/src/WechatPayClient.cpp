#include "WechatPayClient.h"

#include "Logging.h"
#include "OutboundHttp.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Json.h"
#include "xiaodian/db/Database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUrl>
#include <QVariant>

namespace xd::server {

namespace wp = integrations::wechatpay;
using integrations::RsaKey;

namespace {

Result<QString> requiredText(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (!value.isString() || value.toString().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("WeChat Pay answer without '%1'").arg(key));
    return value.toString();
}

// An amount of the answer in fen: a JSON integer within range.
Result<qint64> requiredFen(const QJsonObject& object, const QString& key)
{
    if (const auto fen = Json::wholeNumber(object.value(key), 0, Json::MaxSafeInteger))
        return *fen;
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("WeChat Pay answer without a valid '%1'").arg(key));
}

// WeChat's time format: RFC 3339 with the +08:00 offset ("2026-11-25T18:30:00+08:00").
QString wechatTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(8 * 3600)).toString(Qt::ISODate);
}

// Maps a WeChat Pay error answer {"code": "...", "message": "..."} (and the HTTP status) to our vocabulary.
Error answerError(int status, const QByteArray& body)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QString code = json.value(QStringLiteral("code")).toString();
    const QString message = QStringLiteral("WeChat Pay answered %1 %2: %3")
                                .arg(status)
                                .arg(code.isEmpty() ? QStringLiteral("(no code)") : code,
                                     json.value(QStringLiteral("message")).toString().left(200));
    if (code == QLatin1String("ORDER_NOT_EXIST") || code == QLatin1String("RESOURCE_NOT_EXISTS"))
        return makeError(ErrorCode::NotFound, message);
    if (code == QLatin1String("ORDERPAID") || code == QLatin1String("ORDER_CLOSED"))
        return makeError(ErrorCode::Conflict, message);
    if (code == QLatin1String("PARAM_ERROR") || code == QLatin1String("INVALID_REQUEST"))
        return makeError(ErrorCode::InvalidArgument, message);
    return makeError(ErrorCode::Unavailable, message);
}

} // namespace

Result<WechatPayAccount> WechatPayAccount::load(const db::Database& database, const QString& shopId)
{
    auto row = database.exec(QStringLiteral("SELECT app_id, mch_id, mch_serial_no, mch_private_key_pem, apiv3_key, "
                                            "platform_serial_no, platform_public_key_pem "
                                            "FROM shop_wechat WHERE shop_id = ?"),
                             {shopId});
    if (!row)
        return row.error();
    const Error notConfigured = makeError(ErrorCode::Conflict, QStringLiteral("WeChat Pay is not configured"));
    if (!row->next())
        return notConfigured;
    for (int column = 0; column < 7; ++column) {
        if (row->value(column).toString().isEmpty())
            return notConfigured;
    }
    WechatPayAccount account;
    account.appId = row->value(0).toString();
    account.mchId = row->value(1).toString();
    account.serialNo = row->value(2).toString();
    auto merchantKey = RsaKey::fromPrivatePem(row->value(3).toString().toUtf8());
    if (!merchantKey)
        return makeError(ErrorCode::Internal, QStringLiteral("the shop's stored merchant key does not parse"));
    account.merchantKey = *merchantKey;
    account.apiV3Key = row->value(4).toString().toUtf8();
    account.platformSerial = row->value(5).toString().toUtf8();
    auto platformKey = RsaKey::fromPublicPem(row->value(6).toString().toUtf8());
    if (!platformKey)
        return makeError(ErrorCode::Internal, QStringLiteral("the shop's stored platform key does not parse"));
    account.platformKey = *platformKey;
    if (account.apiV3Key.size() != 32)
        return makeError(ErrorCode::Internal, QStringLiteral("the shop's stored APIv3 key is not 32 bytes"));
    return account;
}

Result<WechatPayTransaction> WechatPayTransaction::fromJson(const QJsonObject& object)
{
    WechatPayTransaction transaction;
    auto appId = requiredText(object, QStringLiteral("appid"));
    auto mchId = requiredText(object, QStringLiteral("mchid"));
    auto outTradeNo = requiredText(object, QStringLiteral("out_trade_no"));
    auto tradeState = requiredText(object, QStringLiteral("trade_state"));
    for (const auto* field : {&appId, &mchId, &outTradeNo, &tradeState}) {
        if (!*field)
            return field->error();
    }
    transaction.appId = *appId;
    transaction.mchId = *mchId;
    transaction.outTradeNo = *outTradeNo;
    transaction.tradeState = *tradeState;
    transaction.transactionId = object.value(QStringLiteral("transaction_id")).toString();
    transaction.payerOpenid =
        object.value(QStringLiteral("payer")).toObject().value(QStringLiteral("openid")).toString();
    if (transaction.tradeState == QLatin1String("SUCCESS")) {
        if (transaction.transactionId.isEmpty())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("a paid transaction without transaction_id"));
        auto total = requiredFen(object.value(QStringLiteral("amount")).toObject(), QStringLiteral("total"));
        if (!total)
            return total.error();
        transaction.totalFen = *total;
    }
    return transaction;
}

Result<WechatPayRefund> WechatPayRefund::fromJson(const QJsonObject& object)
{
    WechatPayRefund refund;
    auto outRefundNo = requiredText(object, QStringLiteral("out_refund_no"));
    if (!outRefundNo)
        return outRefundNo.error();
    // The apply answer says "status", the notification "refund_status".
    QString status = object.value(QStringLiteral("status")).toString();
    if (status.isEmpty())
        status = object.value(QStringLiteral("refund_status")).toString();
    if (status.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("WeChat Pay refund answer without a status"));
    auto refundFen = requiredFen(object.value(QStringLiteral("amount")).toObject(), QStringLiteral("refund"));
    if (!refundFen)
        return refundFen.error();
    refund.outRefundNo = *outRefundNo;
    refund.refundId = object.value(QStringLiteral("refund_id")).toString();
    refund.status = status;
    refund.refundFen = *refundFen;
    return refund;
}

WechatPayClient::WechatPayClient(OutboundHttp& http, QString baseUrl, const Clock& clock)
    : m_http(http), m_baseUrl(std::move(baseUrl)), m_clock(clock)
{
    while (m_baseUrl.endsWith(QLatin1Char('/')))
        m_baseUrl.chop(1);
}

void WechatPayClient::call(const WechatPayAccount& account,
                           const QByteArray& method,
                           const QByteArray& pathWithQuery,
                           const QByteArray& body,
                           std::function<void(Result<QJsonObject>)> done)
{
    const QUrl url(m_baseUrl + QString::fromLatin1(pathWithQuery));
    // The signed URL is the absolute path as sent (with a base URL that has a path prefix, that prefix too).
    const QByteArray signedPath = url.path(QUrl::FullyEncoded).toLatin1() +
                                  (url.hasQuery() ? "?" + url.query(QUrl::FullyEncoded).toLatin1() : QByteArray());
    auto authorization = wp::authorizationHeader(account.merchantKey,
                                                 account.mchId,
                                                 account.serialNo,
                                                 method,
                                                 signedPath,
                                                 body,
                                                 m_clock.nowMs() / 1000,
                                                 wp::randomNonce());
    if (!authorization) {
        done(authorization.error());
        return;
    }
    OutboundHttp::Request request;
    request.method = method;
    request.url = url;
    request.body = body;
    request.headers = {{"Authorization", *authorization},
                       {"Accept", "application/json"},
                       {"User-Agent", "xiaodian-syncserver/" XD_VERSION}};
    if (method != "GET")
        request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    const QString what = QStringLiteral("%1 %2").arg(QString::fromLatin1(method), url.path());
    const Clock* clock = &m_clock;
    m_http.send(
        std::move(request), [account, what, clock, done = std::move(done)](Result<OutboundHttp::Response> answer) {
            if (!answer) {
                done(answer.error());
                return;
            }
            if (answer->status < 200 || answer->status > 299) {
                // Not believed beyond "it did not work": an error answer is never taken as a fact.
                done(answerError(answer->status, answer->body));
                return;
            }
            const wp::ResponseSignature signature{answer->header("Wechatpay-Timestamp"),
                                                  answer->header("Wechatpay-Nonce"),
                                                  answer->header("Wechatpay-Signature"),
                                                  answer->header("Wechatpay-Serial")};
            if (const Status verified = wp::verifyResponse(
                    account.platformKey, account.platformSerial, signature, answer->body, clock->nowMs() / 1000);
                !verified) {
                qCWarning(lcServer).noquote()
                    << "WeChat Pay answer to" << what << "rejected:" << verified.error().message;
                done(makeError(ErrorCode::Unavailable,
                               QStringLiteral("WeChat Pay's answer is not signed by the platform key: %1")
                                   .arg(verified.error().message)));
                return;
            }
            if (answer->body.isEmpty()) {
                done(QJsonObject{});
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(answer->body, &parseError);
            if (!document.isObject()) {
                done(makeError(ErrorCode::Unavailable, QStringLiteral("WeChat Pay answered no JSON object")));
                return;
            }
            done(document.object());
        });
}

void WechatPayClient::createJsapi(const WechatPayAccount& account,
                                  const JsapiOrder& order,
                                  std::function<void(Result<QString>)> done)
{
    QJsonObject body{
        {QStringLiteral("appid"), account.appId},
        {QStringLiteral("mchid"), account.mchId},
        {QStringLiteral("description"), order.description},
        {QStringLiteral("out_trade_no"), order.outTradeNo},
        {QStringLiteral("notify_url"), order.notifyUrl},
        {QStringLiteral("amount"),
         QJsonObject{{QStringLiteral("total"), order.totalFen}, {QStringLiteral("currency"), QStringLiteral("CNY")}}},
        {QStringLiteral("payer"), QJsonObject{{QStringLiteral("openid"), order.payerOpenid}}},
    };
    if (order.expireAtMs > 0)
        body.insert(QStringLiteral("time_expire"), wechatTime(order.expireAtMs));
    call(account,
         "POST",
         "/v3/pay/transactions/jsapi",
         QJsonDocument(body).toJson(QJsonDocument::Compact),
         [done = std::move(done)](Result<QJsonObject> answer) {
             if (!answer) {
                 done(answer.error());
                 return;
             }
             auto prepayId = requiredText(*answer, QStringLiteral("prepay_id"));
             if (!prepayId) {
                 done(makeError(ErrorCode::Unavailable, prepayId.error().message));
                 return;
             }
             done(*prepayId);
         });
}

void WechatPayClient::query(const WechatPayAccount& account,
                            const QString& outTradeNo,
                            std::function<void(Result<WechatPayTransaction>)> done)
{
    const QByteArray path = "/v3/pay/transactions/out-trade-no/" + QUrl::toPercentEncoding(outTradeNo) +
                            "?mchid=" + QUrl::toPercentEncoding(account.mchId);
    call(account, "GET", path, {}, [done = std::move(done)](Result<QJsonObject> answer) {
        if (!answer) {
            done(answer.error());
            return;
        }
        auto transaction = WechatPayTransaction::fromJson(*answer);
        if (!transaction) {
            done(makeError(ErrorCode::Unavailable, transaction.error().message));
            return;
        }
        done(*transaction);
    });
}

void WechatPayClient::close(const WechatPayAccount& account,
                            const QString& outTradeNo,
                            std::function<void(Status)> done)
{
    const QByteArray path = "/v3/pay/transactions/out-trade-no/" + QUrl::toPercentEncoding(outTradeNo) + "/close";
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("mchid"), account.mchId}}).toJson(QJsonDocument::Compact);
    call(account, "POST", path, body, [done = std::move(done)](Result<QJsonObject> answer) {
        if (!answer) {
            done(answer.error());
            return;
        }
        done({});
    });
}

void WechatPayClient::refund(const WechatPayAccount& account,
                             const RefundOrder& order,
                             std::function<void(Result<WechatPayRefund>)> done)
{
    QJsonObject body{
        {QStringLiteral("out_trade_no"), order.outTradeNo},
        {QStringLiteral("out_refund_no"), order.outRefundNo},
        {QStringLiteral("notify_url"), order.notifyUrl},
        {QStringLiteral("amount"),
         QJsonObject{{QStringLiteral("refund"), order.refundFen},
                     {QStringLiteral("total"), order.totalFen},
                     {QStringLiteral("currency"), QStringLiteral("CNY")}}},
    };
    if (!order.reason.isEmpty())
        body.insert(QStringLiteral("reason"), order.reason.left(80));
    call(account,
         "POST",
         "/v3/refund/domestic/refunds",
         QJsonDocument(body).toJson(QJsonDocument::Compact),
         [done = std::move(done)](Result<QJsonObject> answer) {
             if (!answer) {
                 done(answer.error());
                 return;
             }
             auto refund = WechatPayRefund::fromJson(*answer);
             if (!refund) {
                 done(makeError(ErrorCode::Unavailable, refund.error().message));
                 return;
             }
             done(*refund);
         });
}

} // namespace xd::server
