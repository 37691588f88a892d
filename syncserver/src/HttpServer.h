#pragma once

#include "HttpTypes.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

#include <functional>

namespace xd::server {

// The one adapter between our code and QtHttpServer. It subclasses QAbstractHttpServer and routes with
// a small router of its own, so that handlers are plain functions HttpRequest -> HttpResponse and nothing
// else in the code base depends on QHttpServer's routing API (which changed in 6.5 and again in 6.8).
// Patterns are literal segments plus "{name}" parameters: "/api/v1/shops/{shopId}". A path that matches
// a pattern under another method answers 405, anything else 404, both with the JSON error body.
class HttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    explicit HttpServer(QObject* parent = nullptr);
    ~HttpServer() override;

    void addRoute(const QByteArray& method, const QString& pattern, Handler handler);
    // Accept WebSocket upgrades on `path`; the sockets arrive through newWebSocketConnection() /
    // nextPendingWebSocketConnection(). Upgrades on any other path answer 404.
    void setWebSocketPath(const QString& path);
    // Binds and listens; returns the port (useful with port 0) or an error.
    Result<quint16> start(const QHostAddress& address, quint16 port);
    void stop();

    // Every (method, pattern) registered, e.g. ("GET", "/api/v1/shops/{shopId}"): the OpenAPI test checks them.
    QList<QPair<QByteArray, QString>> routes() const;

    // Runs the router without a socket: what a request would get.
    HttpResponse dispatch(HttpRequest request) const;

protected:
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;
#else
    bool handleRequest(const QHttpServerRequest& request, QHttpServerResponder& responder) override;
    void missingHandler(const QHttpServerRequest& request, QHttpServerResponder& responder) override;
#endif

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };

    static bool matches(const Route& route, const QStringList& segments, QHash<QString, QString>* params);
    HttpRequest toHttpRequest(const QHttpServerRequest& request) const;

    QList<Route> m_routes;
    QString m_webSocketPath;
};

} // namespace xd::server
