#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace xd::server {

// Our own request/response types: handlers never see QtHttpServer's, whose API changes between Qt 6.4,
// 6.5 and 6.8. Only HttpServer.cpp converts.
struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;      // decoded path, e.g. "/api/v1/shops/abc"
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;
    QHash<QString, QString> pathParams; // filled by the router from "{name}" segments

    QByteArray header(const QByteArray& name) const; // case-insensitive; empty when absent
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    void addHeader(const QByteArray& name, const QByteArray& value) { headers.append(qMakePair(name, value)); }

    static HttpResponse json(int status, const QJsonObject& body);
    static HttpResponse error(int status, const QString& code, const QString& message);
    static HttpResponse error(const Error& error);
};

// The HTTP status that an error code maps to (InvalidArgument -> 400, NotFound -> 404, ...).
int httpStatusFor(ErrorCode code);

// The client's address: the socket's peer, or -- when that peer is the trusted reverse proxy -- the address the proxy
// names in X-Real-IP. An IPv4 client seen on a dual-stack socket is given as plain IPv4, so it is one address
// whichever way it came. Null when unknown. (Sign-in failures, SMS limits and visitor keys all count by it.)
QHostAddress clientAddress(const HttpRequest& request, const QHostAddress& trustedProxy);

} // namespace xd::server
