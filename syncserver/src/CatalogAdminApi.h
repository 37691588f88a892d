#pragma once

#include "Actor.h"
#include "HttpServer.h"
#include "HttpTypes.h"

namespace xd::server {

class AuthService;
class CatalogReader;
class CommandProcessor;

// The merchant's catalog under /admin/v1 (docs/openapi.yaml): categories and products. Writes are the catalog
// operations of CommandProcessor -- the same permissions, validation and audit trail as a desktop's sync push.
class CatalogAdminApi
{
public:
    CatalogAdminApi(AuthService& auth, CommandProcessor& commands, const CatalogReader& reader);
    void registerRoutes(HttpServer& http);

private:
    using Authorized = std::function<HttpResponse(const Actor&, const HttpRequest&)>;
    HttpServer::Handler authorized(Authorized handler) const;
    HttpResponse run(const Actor& actor, const QString& operation, const QJsonObject& args, int okStatus = 200) const;

    AuthService& m_auth;
    CommandProcessor& m_commands;
    const CatalogReader& m_reader;
};

} // namespace xd::server
