#pragma once

#include "HttpServer.h"

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class ChangeNotifier;
class CustomerAuth;
class OrderReader;

// The customer's side of orders (docs/orders.md, "Placing an order"), under /api/v1/shops/{shopId}/, all with the
// customer's bearer token:
//   GET/PUT me/cart                      the whole cart, kept on the server
//   POST checkout/preview                the price breakdown of some lines, with per-line problems
//   POST orders                          places an order (idempotent per clientRequestId)
//   GET orders, GET orders/{orderId}     the customer's own orders only
//   POST orders/{orderId}/cancel | confirm-receipt | refund-request | refund-withdraw
// Every state change goes through applyOrderTransition; another customer's order is not_found.
class CustomerOrderApi
{
public:
    CustomerOrderApi(const CustomerAuth& customers,
                     const db::Database& database,
                     const Clock& clock,
                     ChangeNotifier& notifier,
                     const OrderReader& reader);
    Q_DISABLE_COPY_MOVE(CustomerOrderApi)

    void registerRoutes(HttpServer& http);

    static constexpr int MaxLines = 100; // per order, preview and cart
    static constexpr int MaxBuyerNoteLength = 200;
    static constexpr int DefaultPageSize = 20;
    static constexpr int MaxPageSize = 50;

private:
    using CustomerHandler =
        std::function<HttpResponse(const QString& shopId, const QString& customerId, const HttpRequest& request)>;
    HttpServer::Handler customer(CustomerHandler handler) const;

    HttpResponse getCart(const QString& shopId, const QString& customerId) const;
    HttpResponse putCart(const QString& shopId, const QString& customerId, const HttpRequest& request) const;
    HttpResponse preview(const QString& shopId, const QString& customerId, const HttpRequest& request) const;
    HttpResponse place(const QString& shopId, const QString& customerId, const HttpRequest& request) const;
    HttpResponse list(const QString& shopId, const QString& customerId, const HttpRequest& request) const;
    HttpResponse show(const QString& shopId, const QString& customerId, const QString& orderId) const;
    HttpResponse act(const QString& shopId,
                     const QString& customerId,
                     const QString& orderId,
                     const QString& action,
                     const HttpRequest& request) const;

    const CustomerAuth& m_customers;
    const db::Database& m_database;
    const Clock& m_clock;
    ChangeNotifier& m_notifier;
    const OrderReader& m_reader;
};

} // namespace xd::server
