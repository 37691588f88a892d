#pragma once

#include "HttpServer.h"
#include "HttpTypes.h"
#include "xiaodian/Result.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QVariantList>

#include <memory>

class QTimer;

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class AuthService;
class ChangeNotifier;
class CustomerAuth;
class OutboundHttp;
class WechatPayClient;
struct WechatPayAccount;
struct WechatPayTransaction;

// WeChat Pay for orders (docs/payments.md): the customer's prepay route, WeChat's payment and refund notifications,
// and the jobs that make the money path restart-safe (state lives in the payments and refunds tables):
// - payments still 'created' are queried after `queryAfterMs` (then backing off) and their result applied like a
//   notification; those whose order left pending_payment (closed, cancelled) are closed at WeChat;
// - 'pending' refunds are sent, 'processing' ones resent (WeChat answers a known out_refund_no with its status)
//   until WeChat reports success or failure.
// A job tick runs every `jobIntervalMs` and at once after an order transition of this server. Staff read an order's
// payments, refunds and anomalies (GET /admin/v1/shops/{shopId}/orders/{orderId}/payments).
class WechatPayService final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString payBaseUrl = QStringLiteral("https://api.mch.weixin.qq.com");
        // Where WeChat reaches our notification routes (notify_url): the server's public https base in production.
        QString notifyBaseUrl;
        int jobIntervalMs = 10'000;
        qint64 queryAfterMs = 60'000;
    };

    WechatPayService(const db::Database& database,
                     const Clock& clock,
                     ChangeNotifier& notifier,
                     OutboundHttp& http,
                     const CustomerAuth& customers,
                     const AuthService& staff,
                     Options options,
                     QObject* parent = nullptr);
    ~WechatPayService() override;

    void registerRoutes(HttpServer& http);
    // When the options named none: where the server itself listens (tests).
    void setNotifyBaseUrl(const QString& baseUrl) { m_options.notifyBaseUrl = baseUrl; }
    // Starts the job timer.
    void start();
    // One pass of the jobs (also what the timer runs).
    void runJobs();

    static constexpr qint64 PrepayValidityMs = 2 * 3600 * 1000 - 5 * 60 * 1000; // WeChat: 2 hours; reuse until 1:55
    static constexpr int MaxRefundAttempts = 10;
    static constexpr int JobBatch = 20;

private:
    void prepay(const HttpRequest& request, HttpReply reply);
    HttpResponse notify(const HttpRequest& request);
    HttpResponse refundNotify(const HttpRequest& request);
    // The merchant's view of one order's money: payments, refunds and anomalies (GET .../orders/{orderId}/payments).
    HttpResponse orderPayments(const QString& shopId, const QString& orderId) const;

    // Applies a paid transaction (notification or query answer) in one transaction; see docs/payments.md.
    Status applyPaid(const QString& shopId, const WechatPayTransaction& transaction);
    // Records a refund's final or intermediate status from WeChat (apply answer or notification).
    Status applyRefundStatus(const QString& shopId,
                             const QString& outRefundNo,
                             const QString& status,
                             const QString& refundId,
                             qint64 refundFen);
    // Verifies and decrypts a notification: the resource JSON, or the HTTP answer to give.
    Result<QJsonObject> openNotification(const HttpRequest& request, const WechatPayAccount& account) const;

    void walkPayments();
    void walkRefunds();
    void markPaymentError(const QString& paymentId, const QString& message);
    bool claimJob(const QString& id, const QString& schedule, const QVariantList& values);
    void kick();
    QString notifyUrl(const QString& shopId, const QString& kind) const;

    const db::Database& m_database;
    const Clock& m_clock;
    ChangeNotifier& m_notifier;
    const CustomerAuth& m_customers;
    const AuthService& m_staff;
    Options m_options;
    std::unique_ptr<WechatPayClient> m_client;
    QTimer* m_timer;
    QTimer* m_kick;
    QSet<QString> m_inFlight; // payment and refund ids with a call to WeChat under way
};

} // namespace xd::server
