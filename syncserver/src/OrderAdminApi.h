#pragma once

#include "Actor.h"
#include "HttpServer.h"
#include "HttpTypes.h"

namespace xd::server {

class AuthService;
class CommandProcessor;
class OrderReader;

// The merchant's orders under /admin/v1/shops/{shopId} (docs/openapi.yaml, docs/orders.md "Merchant REST"): the
// order list and detail, the order operations (POST orders/{orderId}/{action}) and the order settings. Writes are
// CommandProcessor operations -- the same permissions, validation and audit trail as a desktop's sync push.
class OrderAdminApi
{
public:
    OrderAdminApi(AuthService& auth, CommandProcessor& commands, const OrderReader& reader);
    void registerRoutes(HttpServer& http);

private:
    using ShopHandler = std::function<HttpResponse(const Actor&, const HttpRequest&)>;
    // A signed-in staff member of the shop in the path (another shop's path is not_found).
    HttpServer::Handler inShop(ShopHandler handler) const;

    AuthService& m_auth;
    CommandProcessor& m_commands;
    const OrderReader& m_reader;
};

} // namespace xd::server
