#pragma once

#include "Actor.h"
#include "HttpServer.h"
#include "HttpTypes.h"

#include <QJsonObject>

#include <functional>

namespace xd::server {

class AuthService;
class CommandProcessor;

// What every merchant (/admin/v1) route shares, so that each API class only maps paths to operations.
using StaffHandler = std::function<HttpResponse(const Actor& actor, const HttpRequest& request)>;

// The token of "Authorization: Bearer <token>", or empty.
QString bearerToken(const HttpRequest& request);
// Wraps a handler: a valid staff session is required (401/403 otherwise); the handler gets the caller.
HttpServer::Handler requireStaff(const AuthService& auth, StaffHandler handler);
// Runs a named operation and answers {"version": …, "id": …(when it created a row)}; `createdStatus` (e.g. 201)
// is used when it created one.
HttpResponse runOperation(CommandProcessor& commands,
                          const Actor& actor,
                          const QString& operation,
                          const QJsonObject& args,
                          const QByteArray& attachment = {},
                          int createdStatus = 200);

} // namespace xd::server
