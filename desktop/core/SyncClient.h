#pragma once

#include "CacheStore.h"
#include "xiaodian/Result.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QTimer;
class QWebSocket;

namespace xd {

// The desktop's side of docs/sync-protocol.md: one WebSocket to `ws(s)://server/sync/v1`.
//
// After every (re)connect: auth → pull until `more` is false (the cookie is stored per page, so an interrupted
// initial sync resumes) → push the pending outbox in mid order, in batches. Pending operations are always re-sent
// after a reconnect, including those whose mid the server reports as processed: the server answers those with
// the stored outcome (accepted, or rejected with the original reason), so nothing is applied twice and a rejection
// that was lost with the old socket is still shown to the user.
// A poke beyond the local version pulls; an enqueue while online pushes.
//
// Reconnects use exponential backoff with full jitter (delay uniform in [0, min(max, initial·2^n)]), reset after a
// successful auth. Close codes 4401/4403 end the session: no reconnect, sessionEnded() is emitted.
class SyncClient final : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Offline,    // not connected (waiting to reconnect, stopped, or the session ended)
        Connecting, // opening the socket or waiting for auth.ok
        Syncing,    // authenticated, pulling or pushing
        Online,     // authenticated and up to date, nothing in flight
    };
    Q_ENUM(State)

    struct Settings
    {
        QUrl serverUrl;                   // http(s)://host:port or ws(s)://host:port; the path is replaced
        int heartbeatIntervalMs = 15'000; // sync::HeartbeatIntervalMs
        int peerTimeoutMs = 45'000;       // sync::PeerTimeoutMs: nothing heard for this long → dead peer
        int backoffInitialMs = 500;
        int backoffMaxMs = 30'000;
        int pullLimit = 500;
        int pushBatch = 100; // at most sync::MaxMutationsPerPush
        // Uniform random integer in [0, bound]; tests inject a fixed one.
        std::function<int(int bound)> jitter;
    };

    struct Progress
    {
        bool initial = false;      // the cache has never completed a pull
        qint64 currentVersion = 0; // the version the stored cookie has reached
        qint64 targetVersion = 0;  // the shop's version at auth
        int rowsReceived = 0;      // during this pull
    };

    SyncClient(CacheStore& store, Settings settings, QObject* parent = nullptr);
    ~SyncClient() override;
    Q_DISABLE_COPY_MOVE(SyncClient)

    void setToken(const QString& token);
    // Connects and keeps the connection (with reconnects) until stop() or the session ends.
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    State state() const { return m_state; }
    int pendingCount() const;
    QList<OutboxEntry> rejectedOperations() const;
    QString lastError() const { return m_lastError; }
    Progress progress() const { return m_progress; }
    // Delay of the reconnect now scheduled, or -1.
    int scheduledReconnectMs() const { return m_scheduledReconnectMs; }
    // Identity the server confirmed at the last auth.ok (empty before).
    QString shopId() const { return m_shopId; }
    QString staffId() const { return m_staffId; }
    QString role() const { return m_role; }

signals:
    void stateChanged(xd::SyncClient::State state);
    void pendingCountChanged(int count);
    void rejectedOperationsChanged();
    void lastErrorChanged(const QString& message);
    void progressChanged(const xd::SyncClient::Progress& progress);
    void authenticated(const QString& shopId, const QString& staffId, const QString& role);
    // The cache is up to date with the server's version (a pull reached more == false, nothing pending to push).
    void synchronized(qint64 version);
    // 4401 (token bad, expired or revoked) or 4403 (account disabled): sign in again; no reconnects until start().
    void sessionEnded(int closeCode, const QString& reason);

public slots:
    // Asks for a pull now (e.g. the user pressed "refresh"); harmless while a request is in flight.
    void requestPull();

private slots:
    void onConnected();
    void onDisconnected();
    void onTextMessage(const QString& text);
    void onHeartbeat();
    void onPeerTimeout();
    void onOutboxChanged();

private:
    enum class InFlight { None, Pull, Push };

    QUrl socketUrl() const;
    void openSocket();
    void dropSocket();
    void scheduleReconnect();
    void scheduleRetry();
    void heard();
    void setState(State state);
    void setLastError(const QString& message);
    void send(const QJsonObject& message);
    void drive();
    void sendPull();
    void sendPullFrom(const QString& cookie);
    void sendPush();
    void handleAuthOk(const QJsonObject& message);
    void handlePullResult(const QJsonObject& message);
    void handlePushResult(const QJsonObject& message);
    void handleError(const QJsonObject& message);
    void endSession(int closeCode, const QString& reason);
    QString nextRequestId();

    CacheStore& m_store;
    Settings m_settings;
    QString m_token;
    QWebSocket* m_socket = nullptr;
    QTimer* m_heartbeatTimer;
    QTimer* m_peerTimer;
    QTimer* m_reconnectTimer;
    QTimer* m_retryTimer;
    bool m_running = false;
    bool m_authenticated = false;
    bool m_pullWanted = false;
    bool m_pushBlocked = false;
    InFlight m_inFlight = InFlight::None;
    QString m_inFlightId;
    qint64 m_requestCounter = 0;
    int m_attempt = 0;
    int m_retryAttempt = 0;
    int m_scheduledReconnectMs = -1;
    State m_state = State::Offline;
    QString m_lastError;
    Progress m_progress;
    QString m_shopId;
    QString m_staffId;
    QString m_role;
    int m_lastPendingCount = -1;
};

} // namespace xd
