#pragma once

#include "ServerConfig.h"
#include "xiaodian/Result.h"

#include <QObject>

#include <memory>
#include <optional>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class AdminApi;
class ArticleApi;
class ArticleReader;
class CatalogAdminApi;
class CatalogPublicApi;
class CatalogReader;
class AuthService;
class ChangeNotifier;
class CommandProcessor;
class CustomerApi;
class CustomerAuth;
class CustomerPhoneApi;
class SmsNotices;
class SmsProvider;
class OutboundHttp;
class WechatPayService;
class EntityReader;
class HttpServer;
class ReviewApi;
class OrderAdminApi;
class OrderReader;
class CustomerOrderApi;
class OrderTimerJob;
class ImageApi;
class PublicApi;
class SyncEndpoint;
class SyncService;
class ViewRecorder;

struct DemoCredentials
{
    QString shopId;
    QString shopName;
    QString login;
    QString password;
};

// The server process's composition root: opens and migrates the database, seeds the demo shop when asked,
// registers the routes and listens. main.cpp only parses flags and wires signals to stop().
class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)

public:
    Server(ServerConfig config, const Clock& clock, QObject* parent = nullptr);
    ~Server() override;

    // Returns the port it listens on.
    Result<quint16> start();
    // Stops accepting connections and closes the database. Idempotent.
    void stop();

    const std::optional<DemoCredentials>& demoCredentials() const { return m_demo; }
    HttpServer& http() { return *m_http; }

private:
    Status seedDemoShop();
    void registerRoutes();

    ServerConfig m_config;
    const Clock& m_clock;
    std::unique_ptr<db::Database> m_database;
    HttpServer* m_http = nullptr;
    ChangeNotifier* m_notifier = nullptr;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<CommandProcessor> m_commands;
    std::unique_ptr<EntityReader> m_reader;
    std::unique_ptr<SyncService> m_sync;
    std::unique_ptr<AdminApi> m_adminApi;
    std::unique_ptr<PublicApi> m_publicApi;
    std::unique_ptr<CatalogReader> m_catalogReader;
    std::unique_ptr<CatalogAdminApi> m_catalogAdminApi;
    std::unique_ptr<CatalogPublicApi> m_catalogPublicApi;
    std::unique_ptr<ImageApi> m_imageApi;
    ViewRecorder* m_views = nullptr;
    std::unique_ptr<ArticleReader> m_articleReader;
    std::unique_ptr<ArticleApi> m_articleApi;
    std::unique_ptr<ReviewApi> m_reviewApi;
    std::unique_ptr<OrderReader> m_orderReader;
    std::unique_ptr<OrderAdminApi> m_orderAdminApi;
    std::unique_ptr<CustomerOrderApi> m_customerOrderApi; // the customer's cart, checkout, orders
    OrderTimerJob* m_orderTimers = nullptr;               // close unpaid orders, complete deliveries
    // Outbound calls (WeChat login and Pay, SMS): one client for the whole server, deleted last in stop().
    OutboundHttp* m_outbound = nullptr;
    WechatPayService* m_wechatPay = nullptr;      // WeChat Pay routes and jobs (docs/payments.md)
    std::unique_ptr<CustomerAuth> m_customerAuth; // customer bearer tokens (CustomerAuth.h)
    CustomerApi* m_customerApi = nullptr;
    // SMS (docs/customers.md, "SMS"): the configured provider, phone binding routes, order notices.
    std::unique_ptr<SmsProvider> m_smsProvider;
    CustomerPhoneApi* m_phoneApi = nullptr;
    SmsNotices* m_smsNotices = nullptr;
    SyncEndpoint* m_syncEndpoint = nullptr;
    int m_schemaVersion = 0;
    std::optional<DemoCredentials> m_demo;
};

} // namespace xd::server
