#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>

namespace xd::server {
class HttpServer;
}

// A fake WeChat Pay API v3 on 127.0.0.1 for tests: a real HTTP server in the test process with RSA-2048 keys
// generated here (the merchant's pair and the platform's pair) and a 32-byte APIv3 key. Like WeChat it checks every
// request's Authorization header (WECHATPAY2-SHA256-RSA2048) against the merchant public key (401 SIGN_ERROR
// otherwise), keeps the trades and refunds it was asked for, answers signed with the platform private key
// (Wechatpay-Timestamp/-Nonce/-Signature/-Serial), and sends real notifications: the resource encrypted with
// AEAD_AES_256_GCM under the APIv3 key and the whole body signed with the platform key, POSTed to the notify_url the
// server gave. Endpoints: POST /v3/pay/transactions/jsapi, GET /v3/pay/transactions/out-trade-no/{no}?mchid=,
// POST /v3/pay/transactions/out-trade-no/{no}/close, POST /v3/refund/domestic/refunds. Runs on the test's event loop
// (ServerProcess::request spins one).
class FakeWechatPay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeWechatPay)

public:
    struct Trade
    {
        QString appId;
        QString mchId;
        QString outTradeNo;
        QString description;
        QString notifyUrl;
        QString payerOpenid;
        qint64 totalFen = 0;
        QString prepayId;
        QString state = QStringLiteral("NOTPAY"); // NOTPAY, SUCCESS, CLOSED
        QString transactionId;
        qint64 paidFen = 0;
        QString timeExpire;
    };
    struct Refund
    {
        QString outTradeNo;
        QString outRefundNo;
        QString refundId;
        qint64 refundFen = 0;
        qint64 totalFen = 0;
        QString status = QStringLiteral("PROCESSING");
        QString notifyUrl;
        QString reason;
        int requests = 0; // how often it was asked for (resends count)
    };
    struct Notification
    {
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    explicit FakeWechatPay(QObject* parent = nullptr);
    ~FakeWechatPay() override;

    bool start();            // keys are generated in the constructor; this listens on a free port of 127.0.0.1
    QString baseUrl() const; // "http://127.0.0.1:<port>": what --wechat-pay-base takes

    // The shop's credentials to configure (shop_wechat).
    QString appId() const { return QStringLiteral("wxfa4e0000000000aa"); }
    QString mchId() const { return QStringLiteral("1900000109"); }
    QString merchantSerial() const { return QStringLiteral("5157F09EFDC096DE15EBE81A47057A7232F1B8E1"); }
    QString platformSerial() const { return QStringLiteral("PLATFORM0123456789ABCDEF"); }
    QByteArray apiV3Key() const { return m_apiV3Key; }
    QByteArray merchantPrivatePem() const { return m_merchantPrivatePem; }
    QByteArray merchantPublicPem() const { return m_merchantPublicPem; }
    QByteArray platformPublicPem() const { return m_platformPublicPem; }
    // Another mini-program AppID bound to the merchant number (e.g. FakeWechatServer's, for a shop that logs in
    // through it); appId() always is.
    void addAppId(const QString& appId) { m_appIds.insert(appId); }

    // Failure switches: verify the merchant's signatures with another key (every request then answers 401
    // SIGN_ERROR); answer with a signature of another platform key (our server must not believe it).
    void setRejectMerchantSignatures(bool reject) { m_rejectSignatures = reject; }
    void setForgeAnswers(bool forge) { m_forgeAnswers = forge; }

    const QHash<QString, Trade>& trades() const { return m_trades; }
    const QHash<QString, Refund>& refunds() const { return m_refunds; }
    // The one trade created for an order (the server's out_trade_no is its own); empty when none.
    QString onlyOutTradeNo() const;
    // "METHOD path" of every request that reached it, in order; and how many were refused for their signature.
    QStringList requestLog() const { return m_log; }
    int signatureFailures() const { return m_signatureFailures; }

    // The payer pays the trade: SUCCESS with a new transaction id (what WeChat's amount.total then says: `paidFen`,
    // or the trade's total when negative). Returns the transaction id.
    QString pay(const QString& outTradeNo, qint64 paidFen = -1);
    void setRefundStatus(const QString& outRefundNo, const QString& status); // SUCCESS, CLOSED, ABNORMAL

    // A notification of the trade (TRANSACTION.SUCCESS) or refund (REFUND.SUCCESS/...) as WeChat sends it.
    Notification paymentNotification(const QString& outTradeNo) const;
    Notification refundNotification(const QString& outRefundNo) const;
    // POSTs it to `url` and waits for the answer: the HTTP status (0 when unreachable), the body in *answer.
    static int post(const QString& url, const Notification& notification, QByteArray* answer = nullptr);

private:
    void addRoutes();
    Notification signedNotification(const QString& eventType,
                                    const QString& summary,
                                    const QString& originalType,
                                    const QByteArray& plaintext) const;
    QJsonObject tradeJson(const Trade& trade) const;
    QJsonObject refundJson(const Refund& refund) const;

    xd::server::HttpServer* m_http = nullptr;
    quint16 m_port = 0;
    QByteArray m_apiV3Key;
    QByteArray m_merchantPrivatePem;
    QByteArray m_merchantPublicPem;
    QByteArray m_otherPublicPem; // verifies nothing the merchant signs
    QByteArray m_platformPrivatePem;
    QByteArray m_platformPublicPem;
    QByteArray m_forgerPrivatePem;
    bool m_rejectSignatures = false;
    bool m_forgeAnswers = false;
    QSet<QString> m_appIds;
    QHash<QString, Trade> m_trades;   // by out_trade_no
    QHash<QString, Refund> m_refunds; // by out_refund_no
    QStringList m_log;
    int m_signatureFailures = 0;
    int m_serial = 0;
};
