#include "HttpServer.h"

#include "Logging.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>

namespace xd::server {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

QStringList splitPath(const QString& path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

void writeResponse(QHttpServerResponder& responder, const HttpResponse& response)
{
    // Status line, headers and body written one by one: the 6.4 convenience overloads take the headers
    // as an initializer_list only.
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    for (const auto& [name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeBody(response.body);
}

} // namespace

HttpServer::HttpServer(QObject* parent) : QAbstractHttpServer(parent) {}

HttpServer::~HttpServer() = default;

void HttpServer::addRoute(const QByteArray& method, const QString& pattern, Handler handler)
{
    m_routes.append(Route{method, splitPath(pattern), std::move(handler)});
}

QList<QPair<QByteArray, QString>> HttpServer::routes() const
{
    QList<QPair<QByteArray, QString>> out;
    for (const Route& route : m_routes)
        out.append({route.method, QLatin1Char('/') + route.segments.join(QLatin1Char('/'))});
    return out;
}

void HttpServer::setWebSocketPath(const QString& path)
{
    m_webSocketPath = path;
}

Result<quint16> HttpServer::start(const QHostAddress& address, quint16 port)
{
    auto* tcpServer = new QTcpServer(this);
    if (!tcpServer->listen(address, port)) {
        const QString why = tcpServer->errorString();
        delete tcpServer;
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(why));
    }
    bind(tcpServer);
    return tcpServer->serverPort();
}

void HttpServer::stop()
{
    for (QTcpServer* server : servers())
        server->close();
}

bool HttpServer::matches(const Route& route, const QStringList& segments, QHash<QString, QString>* params)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString& expected = route.segments[i];
        if (expected.startsWith(QLatin1Char('{')) && expected.endsWith(QLatin1Char('}')))
            found.insert(expected.mid(1, expected.size() - 2), segments[i]);
        else if (expected != segments[i])
            return false;
    }
    if (params)
        *params = std::move(found);
    return true;
}

HttpResponse HttpServer::dispatch(HttpRequest request) const
{
    const QStringList segments = splitPath(request.path);
    bool pathKnown = false;
    for (const Route& route : m_routes) {
        QHash<QString, QString> params;
        if (!matches(route, segments, &params))
            continue;
        pathKnown = true;
        // HEAD is answered by the GET handler; the body is dropped on the wire by the client.
        const bool methodMatches =
            route.method == request.method || (request.method == "HEAD" && route.method == "GET");
        if (!methodMatches)
            continue;
        request.pathParams = std::move(params);
        return route.handler(request);
    }
    if (pathKnown)
        return HttpResponse::error(
            405,
            QStringLiteral("method_not_allowed"),
            QStringLiteral("%1 is not allowed on %2").arg(QString::fromLatin1(request.method), request.path));
    return HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("no route for %1").arg(request.path));
}

HttpRequest HttpServer::toHttpRequest(const QHttpServerRequest& request) const
{
    HttpRequest out;
    out.method = methodName(request.method());
    out.path = request.url().path(QUrl::FullyDecoded);
    out.query = QUrlQuery(request.url());
    out.body = request.body();
    out.remoteAddress = request.remoteAddress();
    const auto headers = request.headers();
    out.headers.reserve(headers.size());
    for (const auto& [name, value] : headers)
        out.headers.append({name, value});
    return out;
}

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
bool HttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // QtHttpServer 6.4 completes a WebSocket upgrade only when the handler claims the request (returns true)
    // and writes nothing; the socket then appears in nextPendingWebSocketConnection().
    if (request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0 && !m_webSocketPath.isEmpty() &&
        request.url().path() == m_webSocketPath) {
        qCInfo(lcHttp).noquote() << "websocket upgrade" << request.url().path() << request.remoteAddress().toString();
        return true;
    }
    QElapsedTimer timer;
    timer.start();
    const HttpRequest ours = toHttpRequest(request);
    const HttpResponse response = dispatch(ours);
    QHttpServerResponder responder = makeResponder(request, socket);
    writeResponse(responder, response);
    qCInfo(lcHttp).noquote() << ours.method << ours.path << response.status
                             << QStringLiteral("%1ms").arg(timer.elapsed());
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // Not reached: handleRequest() answers every request, 404 included.
    QHttpServerResponder responder = makeResponder(request, socket);
    writeResponse(responder, HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("no route")));
}
#else
bool HttpServer::handleRequest(const QHttpServerRequest& request, QHttpServerResponder& responder)
{
    if (request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0 && !m_webSocketPath.isEmpty() &&
        request.url().path() == m_webSocketPath)
        return true;
    QElapsedTimer timer;
    timer.start();
    const HttpRequest ours = toHttpRequest(request);
    const HttpResponse response = dispatch(ours);
    writeResponse(responder, response);
    qCInfo(lcHttp).noquote() << ours.method << ours.path << response.status
                             << QStringLiteral("%1ms").arg(timer.elapsed());
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest&, QHttpServerResponder& responder)
{
    writeResponse(responder, HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("no route")));
}
#endif

} // namespace xd::server
