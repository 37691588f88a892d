#include "HttpServer.h"

#include "Logging.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <deque>
#include <optional>

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

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return {}; // the reason phrase may be empty (RFC 9112, 4)
    }
}

// A deferred answer, written by us: the QHttpServerResponder of 6.4 refers to the request it was made for, which does
// not outlive handleRequest(). The same framing as the responder's: status line, Content-Type, Content-Length, ours.
void writeRaw(QTcpSocket* socket, const HttpResponse& response, bool head)
{
    QByteArray out;
    out.reserve(256 + (head ? 0 : response.body.size()));
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (!head)
        out += response.body;
    socket->write(out);
}
#endif

HttpResponse internalError(const QString& message)
{
    return HttpResponse::error(500, QStringLiteral("internal"), message);
}

} // namespace

struct HttpReply::State
{
    std::function<void(HttpResponse)> sink;
    bool sent = false;

    ~State()
    {
        if (!sent && sink)
            sink(internalError(QStringLiteral("the request was not answered")));
    }
};

void HttpReply::send(HttpResponse response) const
{
    if (!m_state || m_state->sent)
        return;
    m_state->sent = true;
    const auto sink = std::move(m_state->sink);
    m_state->sink = nullptr;
    if (sink)
        sink(std::move(response));
}

bool HttpReply::isSent() const
{
    return !m_state || m_state->sent;
}

HttpReply HttpReply::toFunction(std::function<void(HttpResponse)> sink)
{
    auto state = std::make_shared<State>();
    state->sink = std::move(sink);
    return HttpReply(std::move(state));
}

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
struct HttpServer::Connection
{
    struct Slot
    {
        bool ready = false;
        bool head = false;
        HttpResponse response;
        QByteArray method;
        QString path;
        QElapsedTimer timer;
    };
    std::deque<std::shared_ptr<Slot>> owed;
};
#endif

HttpServer::HttpServer(QObject* parent) : QAbstractHttpServer(parent) {}

HttpServer::~HttpServer() = default;

void HttpServer::addRoute(const QByteArray& method, const QString& pattern, Handler handler)
{
    m_routes.append(Route{method, splitPath(pattern), std::move(handler), {}});
}

void HttpServer::addAsyncRoute(const QByteArray& method, const QString& pattern, AsyncHandler handler)
{
    m_routes.append(Route{method, splitPath(pattern), {}, std::move(handler)});
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

const HttpServer::Route* HttpServer::route(HttpRequest& request, HttpResponse* refusal) const
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
        return &route;
    }
    if (pathKnown)
        *refusal = HttpResponse::error(
            405,
            QStringLiteral("method_not_allowed"),
            QStringLiteral("%1 is not allowed on %2").arg(QString::fromLatin1(request.method), request.path));
    else
        *refusal =
            HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("no route for %1").arg(request.path));
    return nullptr;
}

void HttpServer::dispatch(HttpRequest request, const HttpReply& reply) const
{
    HttpResponse refusal;
    const Route* found = route(request, &refusal);
    if (!found)
        reply.send(std::move(refusal));
    else if (found->handler)
        reply.send(found->handler(request));
    else
        found->asyncHandler(request, reply);
}

HttpResponse HttpServer::dispatch(HttpRequest request) const
{
    // Shared, not on the stack: an asynchronous route may keep its reply beyond this call.
    auto answer = std::make_shared<std::optional<HttpResponse>>();
    dispatch(std::move(request),
             HttpReply::toFunction([answer](HttpResponse response) { *answer = std::move(response); }));
    return answer->has_value() ? **answer : internalError(QStringLiteral("the route answers later"));
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
    HttpRequest ours = toHttpRequest(request);
    HttpResponse refusal;
    const Route* found = route(ours, &refusal);
    const auto connection = m_connections.constFind(socket);
    const bool idle = connection == m_connections.cend() || connection.value()->owed.empty();
    if (idle && (!found || found->handler)) {
        // The common case: answered now, nothing owed before it on this connection.
        const HttpResponse response = found ? found->handler(ours) : refusal;
        QHttpServerResponder responder = makeResponder(request, socket);
        writeResponse(responder, response);
        qCInfo(lcHttp).noquote() << ours.method << ours.path << response.status
                                 << QStringLiteral("%1ms").arg(timer.elapsed());
        return true;
    }
    const HttpReply reply = enqueue(socket, ours);
    if (!found)
        reply.send(std::move(refusal));
    else if (found->handler)
        reply.send(found->handler(ours));
    else
        found->asyncHandler(ours, reply);
    return true;
}

HttpReply HttpServer::enqueue(QTcpSocket* socket, const HttpRequest& request)
{
    std::shared_ptr<Connection>& connection = m_connections[socket];
    if (!connection) {
        connection = std::make_shared<Connection>();
        connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.remove(socket); });
    }
    auto slot = std::make_shared<Connection::Slot>();
    slot->head = request.method == "HEAD";
    slot->method = request.method;
    slot->path = request.path;
    slot->timer.start();
    connection->owed.push_back(slot);
    return HttpReply::toFunction(
        [self = QPointer<HttpServer>(this), socket = QPointer<QTcpSocket>(socket), slot](HttpResponse response) {
            slot->response = std::move(response);
            slot->ready = true;
            if (self && socket)
                self->flush(socket);
        });
}

void HttpServer::flush(QTcpSocket* socket)
{
    const auto found = m_connections.constFind(socket);
    if (found == m_connections.cend())
        return;
    const std::shared_ptr<Connection> connection = found.value();
    // Answers leave in request order: a finished answer waits for the ones before it (HTTP/1.1 pipelining).
    while (!connection->owed.empty() && connection->owed.front()->ready) {
        const std::shared_ptr<Connection::Slot> slot = connection->owed.front();
        connection->owed.pop_front();
        writeRaw(socket, slot->response, slot->head);
        qCInfo(lcHttp).noquote() << slot->method << slot->path << slot->response.status
                                 << QStringLiteral("%1ms").arg(slot->timer.elapsed());
    }
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
    // Not built here (Debian ships 6.4): from 6.5 the responder is movable and owns what it needs, and QtHttpServer
    // keeps answers in request order itself, so a deferred answer moves the responder into the reply.
    auto kept = std::make_shared<QHttpServerResponder>(std::move(responder));
    QElapsedTimer timer;
    timer.start();
    const HttpRequest ours = toHttpRequest(request);
    dispatch(ours, HttpReply::toFunction([kept, method = ours.method, path = ours.path, timer](HttpResponse response) {
                 writeResponse(*kept, response);
                 qCInfo(lcHttp).noquote()
                     << method << path << response.status << QStringLiteral("%1ms").arg(timer.elapsed());
             }));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest&, QHttpServerResponder& responder)
{
    writeResponse(responder, HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("no route")));
}
#endif

} // namespace xd::server
