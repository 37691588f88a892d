#pragma once

#include "Actor.h"

#include <QHash>
#include <QObject>

#include <memory>

class QWebSocket;
class QTimer;

namespace xd::server {

class AuthService;
class ChangeNotifier;
class HttpServer;
class SyncService;

// The WebSocket side of sync (docs/sync-protocol.md): authenticates each socket in its first message,
// answers pull and push, pokes the sockets of a shop when its counter moves, closes sockets whose session
// was revoked, and drops peers that stop answering. Every socket is handled on the server's thread.
class SyncEndpoint final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEndpoint)

public:
    struct Timing
    {
        int authTimeoutMs;
        int heartbeatIntervalMs;
        int peerTimeoutMs;
    };

    SyncEndpoint(HttpServer& http,
                 AuthService& auth,
                 SyncService& sync,
                 ChangeNotifier& notifier,
                 Timing timing,
                 QObject* parent = nullptr);
    ~SyncEndpoint() override;

    int connectionCount() const { return int(m_connections.size()); }
    // Closes every socket with 1001 (going away); used at shutdown.
    void closeAll();

private:
    struct Connection;

    void acceptPending();
    void onText(QWebSocket* socket, const QString& text);
    void handleAuth(Connection& connection, const QJsonObject& message);
    bool reauthenticate(Connection& connection);
    void handlePull(Connection& connection, const QJsonObject& message);
    void handlePush(Connection& connection, const QJsonObject& message);
    void send(QWebSocket* socket, const QJsonObject& message);
    void closeSocket(QWebSocket* socket, int code, const QString& reason);
    void onShopChanged(const QString& shopId, qint64 version);
    void onSessionsRevoked(const QString& staffId);
    void heartbeat();

    HttpServer& m_http;
    AuthService& m_auth;
    SyncService& m_sync;
    Timing m_timing;
    QHash<QWebSocket*, std::shared_ptr<Connection>> m_connections;
    QTimer* m_heartbeatTimer = nullptr;
};

} // namespace xd::server
