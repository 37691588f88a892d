#include "SyncEndpoint.h"

#include "AuthService.h"
#include "ChangeNotifier.h"
#include "HttpServer.h"
#include "Logging.h"
#include "SyncService.h"
#include "xiaodian/Json.h"
#include "xiaodian/sync/Protocol.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

namespace xd::server {

struct SyncEndpoint::Connection
{
    std::unique_ptr<QWebSocket> socket;
    bool authenticated = false;
    Actor actor;
    QString clientId;
    QString token;
    QElapsedTimer lastHeard; // any frame or pong
};

SyncEndpoint::SyncEndpoint(
    HttpServer& http, AuthService& auth, SyncService& sync, ChangeNotifier& notifier, Timing timing, QObject* parent)
    : QObject(parent), m_http(http), m_auth(auth), m_sync(sync), m_timing(timing), m_heartbeatTimer(new QTimer(this))
{
    m_http.setWebSocketPath(QString::fromLatin1(sync::Path));
    connect(&m_http, &HttpServer::newWebSocketConnection, this, &SyncEndpoint::acceptPending);
    connect(&notifier, &ChangeNotifier::shopChanged, this, &SyncEndpoint::onShopChanged);
    connect(&notifier, &ChangeNotifier::sessionsRevoked, this, &SyncEndpoint::onSessionsRevoked);
    connect(m_heartbeatTimer, &QTimer::timeout, this, &SyncEndpoint::heartbeat);
    m_heartbeatTimer->start(m_timing.heartbeatIntervalMs);
}

SyncEndpoint::~SyncEndpoint()
{
    closeAll();
}

void SyncEndpoint::closeAll()
{
    const auto sockets = m_connections.keys();
    for (QWebSocket* socket : sockets)
        closeSocket(socket, int(QWebSocketProtocol::CloseCodeGoingAway), QStringLiteral("server shutting down"));
}

void SyncEndpoint::acceptPending()
{
    while (m_http.hasPendingWebSocketConnections()) {
        auto connection = std::make_shared<Connection>();
        connection->socket = m_http.nextPendingWebSocketConnection();
        if (!connection->socket)
            continue;
        QWebSocket* socket = connection->socket.get();
        socket->setParent(nullptr);
        // Frames beyond the limit are refused by QWebSocket itself (close 1009) before they are buffered.
        socket->setMaxAllowedIncomingMessageSize(quint64(sync::MaxMessageBytes));
        socket->setMaxAllowedIncomingFrameSize(quint64(sync::MaxMessageBytes));
        connection->lastHeard.start();
        m_connections.insert(socket, connection);

        connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString& text) {
            onText(socket, text);
        });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket](const QByteArray&) {
            closeSocket(socket,
                        int(QWebSocketProtocol::CloseCodeDatatypeNotSupported),
                        QStringLiteral("binary frames are not part of the protocol"));
        });
        connect(socket, &QWebSocket::pong, this, [this, socket](quint64, const QByteArray&) {
            if (auto it = m_connections.find(socket); it != m_connections.end())
                (*it)->lastHeard.restart();
        });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            auto closed = m_connections.take(socket);
            if (!closed)
                return;
            qCInfo(lcServer).noquote() << "sync socket closed" << closed->clientId;
            // Deleting inside its own signal is not allowed: let the event loop do it.
            closed->socket.release()->deleteLater();
        });
        QTimer::singleShot(m_timing.authTimeoutMs, this, [this, socket] {
            auto it = m_connections.find(socket);
            if (it != m_connections.end() && !(*it)->authenticated)
                closeSocket(socket, sync::CloseCode::Unauthenticated, QStringLiteral("no auth message in time"));
        });
        qCInfo(lcServer).noquote() << "sync socket opened from" << socket->peerAddress().toString();
    }
}

void SyncEndpoint::send(QWebSocket* socket, const QJsonObject& message)
{
    socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void SyncEndpoint::closeSocket(QWebSocket* socket, int code, const QString& reason)
{
    if (!m_connections.contains(socket))
        return;
    socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void SyncEndpoint::onText(QWebSocket* socket, const QString& text)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    std::shared_ptr<Connection> connection = *it; // survives a close inside the handlers
    connection->lastHeard.restart();

    auto message = Json::parseObject(text.toUtf8());
    const QString type = message ? message->value(QStringLiteral("type")).toString() : QString();
    if (!connection->authenticated) {
        if (!message || type != sync::MessageType::Auth) {
            send(socket,
                 sync::errorMessage(
                     QString(), QStringLiteral("invalid_message"), QStringLiteral("the first message must be auth")));
            closeSocket(socket, sync::CloseCode::ProtocolError, QStringLiteral("expected auth"));
            return;
        }
        handleAuth(*connection, *message);
        return;
    }
    if (!message) {
        send(socket, sync::errorMessage(QString(), QStringLiteral("invalid_message"), message.error().message));
        return;
    }
    if (type == sync::MessageType::Pull)
        handlePull(*connection, *message);
    else if (type == sync::MessageType::Push)
        handlePush(*connection, *message);
    else
        send(socket,
             sync::errorMessage(message->value(QStringLiteral("id")).toString(),
                                QStringLiteral("unknown_message"),
                                QStringLiteral("unknown message type '%1'").arg(type.left(40))));
}

void SyncEndpoint::handleAuth(Connection& connection, const QJsonObject& message)
{
    QWebSocket* socket = connection.socket.get();
    if (message.value(QStringLiteral("protocol")).toInt() != sync::ProtocolVersion) {
        send(socket,
             sync::errorMessage(QString(),
                                QStringLiteral("unsupported_protocol"),
                                QStringLiteral("this server speaks protocol %1").arg(sync::ProtocolVersion)));
        closeSocket(socket, sync::CloseCode::ProtocolError, QStringLiteral("unsupported protocol"));
        return;
    }
    const QString token = message.value(QStringLiteral("token")).toString();
    auto actor = m_auth.authenticate(token);
    if (!actor) {
        const bool disabled = actor.error().code == ErrorCode::PermissionDenied;
        send(socket, sync::errorMessage(QString(), errorCodeName(actor.error().code), actor.error().message));
        closeSocket(socket,
                    disabled ? sync::CloseCode::AccountDisabled : sync::CloseCode::Unauthenticated,
                    actor.error().message);
        return;
    }
    const QString clientId = message.value(QStringLiteral("clientId")).toString();
    auto lastMutationId = m_sync.attachClient(*actor, clientId);
    if (!lastMutationId) {
        send(socket,
             sync::errorMessage(QString(), errorCodeName(lastMutationId.error().code), lastMutationId.error().message));
        closeSocket(socket, sync::CloseCode::ProtocolError, lastMutationId.error().message);
        return;
    }
    auto page = m_sync.pull(actor->shopId, QString(), 1); // cheap way to read the counter in one snapshot
    connection.authenticated = true;
    connection.actor = *actor;
    connection.clientId = clientId;
    connection.token = token;
    send(socket,
         QJsonObject{{QStringLiteral("type"), sync::MessageType::AuthOk},
                     {QStringLiteral("shopId"), actor->shopId},
                     {QStringLiteral("staffId"), actor->staffId},
                     {QStringLiteral("role"), roleName(actor->role)},
                     {QStringLiteral("version"), QJsonValue(page ? page->version : qint64(0))},
                     {QStringLiteral("lastMutationId"), QJsonValue(*lastMutationId)}});
    qCInfo(lcServer).noquote() << "sync client" << clientId << "authenticated for shop" << actor->shopId;
}

bool SyncEndpoint::reauthenticate(Connection& connection)
{
    // Every pull and push re-reads the session (one indexed lookup): a token that was logged out, expired or whose
    // account was disabled since the socket authenticated reads and writes nothing more.
    auto actor = m_auth.authenticate(connection.token);
    if (!actor) {
        const bool disabled = actor.error().code == ErrorCode::PermissionDenied;
        closeSocket(connection.socket.get(),
                    disabled ? sync::CloseCode::AccountDisabled : sync::CloseCode::Unauthenticated,
                    actor.error().message);
        return false;
    }
    connection.actor = *actor; // a role change applies at once
    return true;
}

void SyncEndpoint::handlePull(Connection& connection, const QJsonObject& message)
{
    if (!reauthenticate(connection))
        return;
    const QString requestId = message.value(QStringLiteral("id")).toString();
    auto limit = Json::optionalInt64(message, QStringLiteral("limit"), sync::DefaultPullLimit);
    auto cookie = Json::optionalString(message, QStringLiteral("cookie"));
    if (!limit || !cookie) {
        send(connection.socket.get(),
             sync::errorMessage(
                 requestId, QStringLiteral("invalid_message"), (!limit ? limit.error() : cookie.error()).message));
        return;
    }
    auto page =
        m_sync.pull(connection.actor.shopId, *cookie, int(qBound(qint64(0), *limit, qint64(sync::MaxPullLimit + 1))));
    if (!page) {
        send(connection.socket.get(),
             sync::errorMessage(requestId,
                                page.error().code == ErrorCode::InvalidArgument ? QStringLiteral("invalid_message")
                                                                                : errorCodeName(page.error().code),
                                page.error().message));
        return;
    }
    QJsonArray rows;
    for (const sync::SyncRow& row : page->rows)
        rows.append(row.toJson());
    send(connection.socket.get(),
         QJsonObject{{QStringLiteral("type"), sync::MessageType::PullResult},
                     {QStringLiteral("id"), requestId},
                     {QStringLiteral("rows"), rows},
                     {QStringLiteral("cookie"), page->cookie},
                     {QStringLiteral("more"), page->more},
                     {QStringLiteral("version"), page->version}});
}

void SyncEndpoint::handlePush(Connection& connection, const QJsonObject& message)
{
    const QString requestId = message.value(QStringLiteral("id")).toString();
    const QJsonValue list = message.value(QStringLiteral("mutations"));
    QList<sync::Mutation> mutations;
    QString problem;
    if (!list.isArray())
        problem = QStringLiteral("field 'mutations' must be a list");
    for (const QJsonValue& value : list.toArray()) {
        auto mutation = sync::Mutation::fromJson(value.toObject());
        if (!mutation) {
            problem = mutation.error().message;
            break;
        }
        if (!mutations.isEmpty() && mutation->mid != mutations.constLast().mid + 1) {
            problem = QStringLiteral("mutation ids in a push must be consecutive");
            break;
        }
        mutations.append(*mutation);
    }
    if (problem.isEmpty() && mutations.size() > sync::MaxMutationsPerPush)
        problem = QStringLiteral("at most %1 mutations per push").arg(sync::MaxMutationsPerPush);
    if (!problem.isEmpty()) {
        send(connection.socket.get(), sync::errorMessage(requestId, QStringLiteral("invalid_message"), problem));
        return;
    }
    if (!reauthenticate(connection))
        return;

    qint64 lastMutationId = 0;
    auto results = m_sync.push(connection.actor, connection.clientId, mutations, &lastMutationId);
    if (!results) {
        send(connection.socket.get(),
             sync::errorMessage(requestId, errorCodeName(results.error().code), results.error().message));
        return;
    }
    QJsonArray answers;
    for (const sync::MutationResult& result : *results)
        answers.append(result.toJson());
    send(connection.socket.get(),
         QJsonObject{{QStringLiteral("type"), sync::MessageType::PushResult},
                     {QStringLiteral("id"), requestId},
                     {QStringLiteral("results"), answers},
                     {QStringLiteral("lastMutationId"), lastMutationId}});
}

void SyncEndpoint::onShopChanged(const QString& shopId, qint64 version)
{
    const QJsonObject poke{{QStringLiteral("type"), sync::MessageType::Poke}, {QStringLiteral("version"), version}};
    for (const auto& connection : std::as_const(m_connections)) {
        if (connection->authenticated && connection->actor.shopId == shopId)
            send(connection->socket.get(), poke);
    }
}

void SyncEndpoint::onSessionsRevoked(const QString& staffId)
{
    const auto connections = m_connections.values();
    for (const auto& connection : connections) {
        if (connection->authenticated && connection->actor.staffId == staffId) {
            auto actor = m_auth.authenticate(connection->token);
            const bool disabled = !actor && actor.error().code == ErrorCode::PermissionDenied;
            closeSocket(connection->socket.get(),
                        disabled ? sync::CloseCode::AccountDisabled : sync::CloseCode::Unauthenticated,
                        QStringLiteral("the session was ended"));
        }
    }
}

void SyncEndpoint::heartbeat()
{
    const auto connections = m_connections.values();
    for (const auto& connection : connections) {
        if (connection->lastHeard.elapsed() > m_timing.peerTimeoutMs) {
            qCInfo(lcServer).noquote() << "sync peer" << connection->clientId << "timed out";
            // abort(): a dead peer would never complete the closing handshake.
            connection->socket->abort();
            continue;
        }
        connection->socket->ping();
    }
}

} // namespace xd::server
