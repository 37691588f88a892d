#pragma once

#include "Actor.h"
#include "HttpServer.h"
#include "HttpTypes.h"

#include <QHostAddress>

namespace xd::server {

class AuthService;
class CommandProcessor;
class EntityReader;
class HttpServer;

// The merchant REST API under /admin/v1 (docs/openapi.yaml): sign-in, the shop profile and its photos, staff.
// Writes go through the CommandProcessor -- the same operations, permissions and audit trail as sync pushes.
class AdminApi
{
public:
    AdminApi(AuthService& auth, CommandProcessor& commands, const EntityReader& reader, QHostAddress trustedProxy);
    void registerRoutes(HttpServer& http);

private:
    using Authorized = std::function<HttpResponse(const Actor&, const HttpRequest&)>;
    // Wraps a handler: Bearer token required; the handler gets the caller's actor.
    HttpServer::Handler authorized(Authorized handler) const;
    HttpResponse
    run(const Actor& actor, const QString& operation, const QJsonObject& args, const QByteArray& attachment = {}) const;

    AuthService& m_auth;
    CommandProcessor& m_commands;
    const EntityReader& m_reader;
    QHostAddress m_trustedProxy;
};

} // namespace xd::server
