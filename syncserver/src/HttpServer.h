#pragma once

#include "HttpTypes.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

#include <functional>
#include <memory>

namespace xd::server {

// The one way to answer a request later (after an outbound call to WeChat, an SMS gateway, ...). Copyable;
// the first send() wins, later ones are ignored. Use it on the server's thread only. Responses on one connection
// leave in the order the requests came (HTTP/1.1 pipelining), whatever order the handlers finish in. When the
// client has gone, send() does nothing. When the last copy dies unsent, the client gets a 500 "internal" (a
// handler bug must not hang a connection).
class HttpReply
{
public:
    struct State;
    HttpReply() = default;
    explicit HttpReply(std::shared_ptr<State> state) : m_state(std::move(state)) {}

    void send(HttpResponse response) const;
    bool isSent() const;
    // A reply that hands the response to `sink` (tests, and dispatch() without a socket).
    static HttpReply toFunction(std::function<void(HttpResponse)> sink);

private:
    std::shared_ptr<State> m_state;
};

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
    // A handler that answers later through the HttpReply (see above). It may also send() before returning.
    using AsyncHandler = std::function<void(const HttpRequest&, HttpReply)>;

    explicit HttpServer(QObject* parent = nullptr);
    ~HttpServer() override;

    void addRoute(const QByteArray& method, const QString& pattern, Handler handler);
    void addAsyncRoute(const QByteArray& method, const QString& pattern, AsyncHandler handler);
    // Accept WebSocket upgrades on `path`; the sockets arrive through newWebSocketConnection() /
    // nextPendingWebSocketConnection(). Upgrades on any other path answer 404.
    void setWebSocketPath(const QString& path);
    // Binds and listens; returns the port (useful with port 0) or an error.
    Result<quint16> start(const QHostAddress& address, quint16 port);
    void stop();

    // Every (method, pattern) registered, e.g. ("GET", "/api/v1/shops/{shopId}"): the OpenAPI test checks them.
    QList<QPair<QByteArray, QString>> routes() const;

    // Runs the router without a socket; `reply` receives the answer (at once for plain routes).
    void dispatch(HttpRequest request, const HttpReply& reply) const;
    // The same for tests of plain routes: what the request gets at once (a 500 when the route answers later).
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
        Handler handler; // one of the two is set
        AsyncHandler asyncHandler;
    };
    struct Connection; // the answers one socket still owes, in request order

    static bool matches(const Route& route, const QStringList& segments, QHash<QString, QString>* params);
    // The route for the request (path parameters filled in), or the 404/405 answer.
    const Route* route(HttpRequest& request, HttpResponse* refusal) const;
    HttpRequest toHttpRequest(const QHttpServerRequest& request) const;
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    // Queues an answer slot on the socket's connection and returns the reply that fills it.
    HttpReply enqueue(QTcpSocket* socket, const HttpRequest& request);
    void flush(QTcpSocket* socket);
    QHash<QTcpSocket*, std::shared_ptr<Connection>> m_connections;
#endif

    QList<Route> m_routes;
    QString m_webSocketPath;
};

} // namespace xd::server
