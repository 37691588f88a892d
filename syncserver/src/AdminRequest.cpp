#include "AdminRequest.h"

#include "AuthService.h"
#include "CommandProcessor.h"

namespace xd::server {

QString bearerToken(const HttpRequest& request)
{
    const QByteArray header = request.header("authorization");
    if (!header.startsWith("Bearer "))
        return {};
    return QString::fromLatin1(header.mid(7).trimmed());
}

HttpServer::Handler requireStaff(const AuthService& auth, StaffHandler handler)
{
    return [&auth, handler = std::move(handler)](const HttpRequest& request) {
        auto actor = auth.authenticate(bearerToken(request));
        if (!actor)
            return HttpResponse::error(actor.error());
        return handler(*actor, request);
    };
}

HttpResponse runOperation(CommandProcessor& commands,
                          const Actor& actor,
                          const QString& operation,
                          const QJsonObject& args,
                          const QByteArray& attachment,
                          int createdStatus)
{
    auto result = commands.execute(actor, operation, args, {}, attachment);
    if (!result)
        return HttpResponse::error(result.error());
    QJsonObject body{{QStringLiteral("version"), result->version}};
    if (!result->createdId.isEmpty())
        body.insert(QStringLiteral("id"), result->createdId);
    return HttpResponse::json(result->createdId.isEmpty() ? 200 : createdStatus, body);
}

} // namespace xd::server
