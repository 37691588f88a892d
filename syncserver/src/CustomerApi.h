#pragma once

#include "AdminRequest.h"
#include "HttpServer.h"

#include <QObject>
#include <QUrl>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class AuthService;
class CommandProcessor;
class CustomerAuth;
class OutboundHttp;

// The mini-program customer's account (docs/customers.md), under /api/v1/shops/{shopId}/:
//   POST auth/wechat {code}   WeChat login (jscode2session through OutboundHttp) → {token, expiresAtMs, customer}
//   POST auth/logout          ends the bearer's session
//   GET/PUT me                profile: nickname, avatar; phone shown masked
//   GET/POST me/addresses, PUT/DELETE me/addresses/{addressId}
// and the owner's credentials page: GET/PUT /admin/v1/shops/{shopId}/wechat (secrets write-only).
class CustomerApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomerApi)

public:
    CustomerApi(AuthService& staffAuth,
                CommandProcessor& commands,
                const CustomerAuth& customers,
                const db::Database& database,
                const Clock& clock,
                OutboundHttp& outbound,
                QUrl wechatApiBase,
                QObject* parent = nullptr);
    ~CustomerApi() override;

    void registerRoutes(HttpServer& http);

    static constexpr int MaxAddresses = 20;
    static constexpr int MaxNicknameLength = 32;
    static constexpr int LoginTimeoutMs = 5000;

private:
    void login(const HttpRequest& request, const HttpReply& reply);
    HttpResponse finishLogin(const QString& shopId, const QString& openId, const QString& unionId);
    HttpServer::Handler
    customer(std::function<HttpResponse(const QString& shopId, const QString& customerId, const HttpRequest& request)>
                 handler) const;
    HttpServer::Handler owner(StaffHandler handler) const;

    AuthService& m_staffAuth;
    CommandProcessor& m_commands;
    const CustomerAuth& m_customers;
    const db::Database& m_database;
    const Clock& m_clock;
    OutboundHttp& m_outbound;
    QUrl m_wechatApiBase;
};

} // namespace xd::server
