#pragma once

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class AuthService;
class ChangeNotifier;
class CommandProcessor;
class CustomerAuth;
class HttpServer;

// Reviews over HTTP (docs/reviews.md, docs/openapi.yaml). Customers (bearer token of the WeChat login): photo upload
// POST /api/v1/shops/{shopId}/me/images and POST .../orders/{orderId}/reviews. Public: a product's reviews,
// GET .../products/{productId}/reviews. Merchant: GET /admin/v1/shops/{shopId}/reviews and the operations
// review.reply and review.setHidden as POST .../reviews/{reviewId}/reply | hidden.
class ReviewApi
{
public:
    ReviewApi(const AuthService& auth,
              const CustomerAuth& customers,
              CommandProcessor& commands,
              const db::Database& database,
              const Clock& clock,
              ChangeNotifier& notifier);
    void registerRoutes(HttpServer& http);

private:
    void registerCustomerRoutes(HttpServer& http);
    void registerMerchantRoutes(HttpServer& http);

    const AuthService& m_auth;
    const CustomerAuth& m_customers;
    CommandProcessor& m_commands;
    const db::Database& m_database;
    const Clock& m_clock;
    ChangeNotifier& m_notifier;
};

} // namespace xd::server
