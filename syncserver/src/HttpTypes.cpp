#include "HttpTypes.h"

#include "xiaodian/Json.h"

namespace xd::server {

QByteArray HttpRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(int status, const QJsonObject& body)
{
    HttpResponse response;
    response.status = status;
    response.body = Json::toBytes(body);
    return response;
}

HttpResponse HttpResponse::error(int status, const QString& code, const QString& message)
{
    return json(status,
                QJsonObject{{QStringLiteral("error"),
                             QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}});
}

HttpResponse HttpResponse::error(const Error& error)
{
    return json(httpStatusFor(error.code), Json::errorBody(error));
}

QHostAddress clientAddress(const HttpRequest& request, const QHostAddress& trustedProxy)
{
    QHostAddress address = request.remoteAddress;
    if (!trustedProxy.isNull() && address.isEqual(trustedProxy, QHostAddress::TolerantConversion)) {
        const QHostAddress client(QString::fromLatin1(request.header("x-real-ip").trimmed()));
        if (!client.isNull())
            address = client;
    }
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return 400;
    case ErrorCode::Unauthenticated:
        return 401;
    case ErrorCode::PermissionDenied:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::AlreadyExists:
    case ErrorCode::Conflict:
    case ErrorCode::OutOfStock:
        return 409;
    case ErrorCode::Overflow:
        return 422;
    case ErrorCode::RateLimited:
        return 429;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::Database:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::WrongKey:
    case ErrorCode::Io:
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

} // namespace xd::server
