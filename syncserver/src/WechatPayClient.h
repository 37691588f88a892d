#pragma once

#include "integrations/WechatPayCrypto.h"
#include "xiaodian/Result.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class OutboundHttp;

// One shop's WeChat Pay merchant credentials (shop_wechat, migration 8), keys parsed. Loaded per use: a change of
// credentials by the owner applies to the next call.
struct WechatPayAccount
{
    QString appId;
    QString mchId;
    QString serialNo; // the merchant API certificate's serial
    integrations::RsaKey merchantKey;
    QByteArray apiV3Key; // 32 bytes
    QByteArray platformSerial;
    integrations::RsaKey platformKey;

    // Conflict "WeChat Pay is not configured" when any part is missing; Internal when a stored PEM does not parse.
    static Result<WechatPayAccount> load(const db::Database& database, const QString& shopId);
};

// A WeChat Pay transaction as a query answer or a payment notification's decrypted resource describes it.
struct WechatPayTransaction
{
    QString appId;
    QString mchId;
    QString outTradeNo;
    QString transactionId; // empty until paid
    QString tradeState;    // SUCCESS, NOTPAY, CLOSED, REFUND, USERPAYING, PAYERROR, REVOKED
    qint64 totalFen = 0;
    QString payerOpenid;

    // InvalidArgument when a required field is missing or of the wrong type.
    static Result<WechatPayTransaction> fromJson(const QJsonObject& object);
};

// A refund as WeChat answers it (apply or notification).
struct WechatPayRefund
{
    QString outRefundNo;
    QString refundId;
    QString status; // SUCCESS, PROCESSING, CLOSED, ABNORMAL
    qint64 refundFen = 0;

    static Result<WechatPayRefund> fromJson(const QJsonObject& object);
};

struct JsapiOrder
{
    QString outTradeNo;
    QString description; // shown to the payer, at most 127 bytes
    qint64 totalFen = 0;
    QString payerOpenid;
    QString notifyUrl;
    qint64 expireAtMs = 0; // time_expire; 0 = WeChat's default
};

struct RefundOrder
{
    QString outTradeNo;
    QString outRefundNo;
    QString reason;
    qint64 refundFen = 0;
    qint64 totalFen = 0; // the payment's amount
    QString notifyUrl;
};

// WeChat Pay API v3 over OutboundHttp (docs/payments.md): every request is signed with the merchant key
// (Authorization WECHATPAY2-SHA256-RSA2048), every answer's signature is verified with the platform key before a
// word of it is believed. Errors: transport failures, unsigned or badly signed answers, 5xx and refusals of our
// signature are `unavailable` with the reason; WeChat's ORDER_NOT_EXIST / RESOURCE_NOT_EXISTS are `not_found`;
// ORDERPAID / ORDER_CLOSED are `conflict`; PARAM_ERROR / INVALID_REQUEST are `invalid_argument`. Messages name
// WeChat's code and message, never a key.
class WechatPayClient
{
public:
    WechatPayClient(OutboundHttp& http, QString baseUrl, const Clock& clock);

    // POST /v3/pay/transactions/jsapi: the prepay_id.
    void
    createJsapi(const WechatPayAccount& account, const JsapiOrder& order, std::function<void(Result<QString>)> done);
    // GET /v3/pay/transactions/out-trade-no/{no}?mchid=
    void query(const WechatPayAccount& account,
               const QString& outTradeNo,
               std::function<void(Result<WechatPayTransaction>)> done);
    // POST /v3/pay/transactions/out-trade-no/{no}/close (204 when closed).
    void close(const WechatPayAccount& account, const QString& outTradeNo, std::function<void(Status)> done);
    // POST /v3/refund/domestic/refunds. Idempotent at WeChat by out_refund_no: sending it again answers the same
    // refund's current status.
    void refund(const WechatPayAccount& account,
                const RefundOrder& order,
                std::function<void(Result<WechatPayRefund>)> done);

private:
    void call(const WechatPayAccount& account,
              const QByteArray& method,
              const QByteArray& pathWithQuery,
              const QByteArray& body,
              std::function<void(Result<QJsonObject>)> done);

    OutboundHttp& m_http;
    QString m_baseUrl;
    const Clock& m_clock;
};

} // namespace xd::server
