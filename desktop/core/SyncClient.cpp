#include "SyncClient.h"

#include "xiaodian/Json.h"
#include "xiaodian/sync/Protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>
#include <QWebSocket>

namespace xd {

namespace {

Q_LOGGING_CATEGORY(lcSync, "xd.sync")

// Leaves room for the envelope below the server's 1 MiB frame limit.
constexpr qint64 PushBudgetBytes = sync::MaxMessageBytes - 64 * 1024;

} // namespace

SyncClient::SyncClient(CacheStore& store, Settings settings, QObject* parent)
    : QObject(parent), m_store(store), m_settings(std::move(settings)), m_heartbeatTimer(new QTimer(this)),
      m_peerTimer(new QTimer(this)), m_reconnectTimer(new QTimer(this)), m_retryTimer(new QTimer(this))
{
    if (!m_settings.jitter)
        m_settings.jitter = [](int bound) {
            return int(QRandomGenerator::global()->bounded(qint64(bound) + 1));
        };
    m_settings.pushBatch = qBound(1, m_settings.pushBatch, sync::MaxMutationsPerPush);
    m_settings.pullLimit = qBound(1, m_settings.pullLimit, sync::MaxPullLimit);
    m_settings.backoffInitialMs = std::max(1, m_settings.backoffInitialMs);
    m_settings.backoffMaxMs = std::max(m_settings.backoffInitialMs, m_settings.backoffMaxMs);

    m_peerTimer->setSingleShot(true);
    m_reconnectTimer->setSingleShot(true);
    m_retryTimer->setSingleShot(true);
    connect(m_heartbeatTimer, &QTimer::timeout, this, &SyncClient::onHeartbeat);
    connect(m_peerTimer, &QTimer::timeout, this, &SyncClient::onPeerTimeout);
    connect(m_reconnectTimer, &QTimer::timeout, this, [this] {
        m_scheduledReconnectMs = -1;
        openSocket();
    });
    connect(m_retryTimer, &QTimer::timeout, this, &SyncClient::drive);
    connect(&m_store, &CacheStore::outboxChanged, this, &SyncClient::onOutboxChanged);
    m_lastPendingCount = m_store.pendingCount();
    m_progress.initial = !m_store.initialSyncDone();
    m_progress.currentVersion = m_store.serverVersion();
}

SyncClient::~SyncClient()
{
    dropSocket();
}

void SyncClient::setToken(const QString& token)
{
    m_token = token;
}

void SyncClient::start()
{
    if (m_running)
        return;
    m_running = true;
    m_attempt = 0;
    openSocket();
}

void SyncClient::stop()
{
    m_running = false;
    m_reconnectTimer->stop();
    m_retryTimer->stop();
    m_scheduledReconnectMs = -1;
    dropSocket();
    setState(State::Offline);
}

int SyncClient::pendingCount() const
{
    return m_store.pendingCount();
}

QList<OutboxEntry> SyncClient::rejectedOperations() const
{
    return m_store.rejectedOperations().valueOr(QList<OutboxEntry>());
}

QUrl SyncClient::socketUrl() const
{
    QUrl url = m_settings.serverUrl;
    if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("wss"))
        url.setScheme(QStringLiteral("wss"));
    else
        url.setScheme(QStringLiteral("ws"));
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1String(sync::Path));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void SyncClient::openSocket()
{
    if (!m_running)
        return;
    dropSocket();
    if (m_token.isEmpty()) {
        endSession(sync::CloseCode::Unauthenticated, tr("Not signed in."));
        return;
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(sync::MaxMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(sync::MaxMessageBytes));
    connect(m_socket, &QWebSocket::connected, this, &SyncClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &SyncClient::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &SyncClient::onTextMessage);
    connect(m_socket, &QWebSocket::pong, this, &SyncClient::heard);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(m_socket, &QWebSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
#else
    connect(m_socket,
            qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
            this,
            [this](QAbstractSocket::SocketError) {
#endif
        if (m_socket)
            setLastError(m_socket->errorString());
        // A failed connect may end without `disconnected`; handle it once, here or there.
        if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    setState(State::Connecting);
    // The peer timer doubles as the connect/auth timeout: a handshake that hangs is a dead peer too.
    m_peerTimer->start(m_settings.peerTimeoutMs);
    m_socket->open(socketUrl());
}

void SyncClient::dropSocket()
{
    m_heartbeatTimer->stop();
    m_peerTimer->stop();
    m_authenticated = false;
    m_inFlight = InFlight::None;
    m_inFlightId.clear();
    if (!m_socket)
        return;
    QWebSocket* socket = m_socket;
    m_socket = nullptr;
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}

void SyncClient::scheduleReconnect()
{
    if (!m_running)
        return;
    // Full jitter: uniform in [0, min(max, initial·2^attempt)], so many desktops do not return in step.
    const int shift = std::min(m_attempt, 20);
    const qint64 ceiling = std::min<qint64>(m_settings.backoffMaxMs, qint64(m_settings.backoffInitialMs) << shift);
    const int delay = qBound(0, m_settings.jitter(int(ceiling)), int(ceiling));
    ++m_attempt;
    m_scheduledReconnectMs = delay;
    qCDebug(lcSync) << "reconnecting in" << delay << "ms (attempt" << m_attempt << ")";
    m_reconnectTimer->start(delay);
}

void SyncClient::scheduleRetry()
{
    const int shift = std::min(m_retryAttempt, 20);
    const qint64 ceiling = std::min<qint64>(m_settings.backoffMaxMs, qint64(m_settings.backoffInitialMs) << shift);
    ++m_retryAttempt;
    m_retryTimer->start(qBound(0, m_settings.jitter(int(ceiling)), int(ceiling)));
}

void SyncClient::heard()
{
    if (m_socket)
        m_peerTimer->start(m_settings.peerTimeoutMs);
}

void SyncClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void SyncClient::setLastError(const QString& message)
{
    if (m_lastError == message)
        return;
    m_lastError = message;
    if (!message.isEmpty())
        qCInfo(lcSync).noquote() << "sync:" << message;
    emit lastErrorChanged(message);
}

void SyncClient::send(const QJsonObject& message)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(Json::toBytes(message)));
}

QString SyncClient::nextRequestId()
{
    return QStringLiteral("r%1").arg(++m_requestCounter);
}

void SyncClient::onConnected()
{
    heard();
    m_heartbeatTimer->start(m_settings.heartbeatIntervalMs);
    send(QJsonObject{{QStringLiteral("type"), sync::MessageType::Auth},
                     {QStringLiteral("protocol"), sync::ProtocolVersion},
                     {QStringLiteral("token"), m_token},
                     {QStringLiteral("clientId"), m_store.clientId()}});
}

void SyncClient::onDisconnected()
{
    if (!m_socket)
        return;
    const int code = int(m_socket->closeCode());
    const QString reason = m_socket->closeReason();
    dropSocket();
    if (code == sync::CloseCode::Unauthenticated || code == sync::CloseCode::AccountDisabled) {
        endSession(code, reason);
        return;
    }
    if (code == sync::CloseCode::ProtocolError)
        setLastError(tr("The server refused the connection: %1").arg(reason));
    else if (m_lastError.isEmpty())
        setLastError(tr("The connection to the server was lost."));
    // Scheduled first, so that observers of the state change see the delay.
    scheduleReconnect();
    setState(State::Offline);
}

void SyncClient::onHeartbeat()
{
    if (m_socket)
        m_socket->ping();
}

void SyncClient::onPeerTimeout()
{
    if (!m_socket)
        return;
    setLastError(tr("The server stopped answering."));
    // abort(), not close(): a dead peer never completes a closing handshake.
    dropSocket();
    // Scheduled first, so that observers of the state change see the delay.
    scheduleReconnect();
    setState(State::Offline);
}

void SyncClient::endSession(int closeCode, const QString& reason)
{
    m_running = false;
    dropSocket();
    m_reconnectTimer->stop();
    m_retryTimer->stop();
    m_scheduledReconnectMs = -1;
    setLastError(closeCode == sync::CloseCode::AccountDisabled
                     ? tr("This staff account was disabled. Please contact the shop owner.")
                     : tr("Your session has ended. Please sign in again."));
    setState(State::Offline);
    emit sessionEnded(closeCode, reason);
}

void SyncClient::onTextMessage(const QString& text)
{
    heard();
    auto message = Json::parseObject(text.toUtf8());
    if (!message) {
        setLastError(tr("The server sent a malformed message."));
        return;
    }
    const QString type = message->value(QStringLiteral("type")).toString();
    if (type == sync::MessageType::AuthOk)
        handleAuthOk(*message);
    else if (type == sync::MessageType::PullResult)
        handlePullResult(*message);
    else if (type == sync::MessageType::PushResult)
        handlePushResult(*message);
    else if (type == sync::MessageType::Poke) {
        if (message->value(QStringLiteral("version")).toInteger() > m_store.serverVersion())
            requestPull();
    } else if (type == sync::MessageType::Error)
        handleError(*message);
    else
        qCDebug(lcSync) << "ignoring message of type" << type;
}

void SyncClient::handleAuthOk(const QJsonObject& message)
{
    m_authenticated = true;
    m_attempt = 0;
    m_retryAttempt = 0;
    m_pushBlocked = false;
    m_shopId = message.value(QStringLiteral("shopId")).toString();
    m_staffId = message.value(QStringLiteral("staffId")).toString();
    m_role = message.value(QStringLiteral("role")).toString();
    const qint64 lastMutationId = message.value(QStringLiteral("lastMutationId")).toInteger();
    if (const Status recorded = m_store.recordLastMutationId(lastMutationId); !recorded)
        setLastError(recorded.error().message);
    else
        setLastError(QString());
    m_progress.initial = !m_store.initialSyncDone();
    m_progress.targetVersion = message.value(QStringLiteral("version")).toInteger();
    m_progress.currentVersion = sync::Cursor::decode(m_store.cookie()).valueOr(sync::Cursor{}).version;
    m_progress.rowsReceived = 0;
    emit progressChanged(m_progress);
    emit authenticated(m_shopId, m_staffId, m_role);
    // The protocol asks for a pull after every (re)connect: pokes sent while we were away are lost.
    m_pullWanted = true;
    setState(State::Syncing);
    drive();
}

void SyncClient::requestPull()
{
    m_pullWanted = true;
    drive();
}

void SyncClient::drive()
{
    if (!m_authenticated || !m_socket || m_inFlight != InFlight::None)
        return;
    if (m_pullWanted) {
        sendPull();
        return;
    }
    if (!m_pushBlocked && m_store.pendingCount() > 0) {
        sendPush();
        return;
    }
    m_progress.initial = !m_store.initialSyncDone();
    setState(State::Online);
    emit synchronized(m_store.serverVersion());
}

void SyncClient::sendPull()
{
    m_pullWanted = false;
    sendPullFrom(m_store.cookie());
}

void SyncClient::sendPullFrom(const QString& cookie)
{
    m_inFlight = InFlight::Pull;
    m_inFlightId = nextRequestId();
    setState(State::Syncing);
    send(QJsonObject{{QStringLiteral("type"), sync::MessageType::Pull},
                     {QStringLiteral("id"), m_inFlightId},
                     {QStringLiteral("cookie"), cookie},
                     {QStringLiteral("limit"), m_settings.pullLimit}});
}

void SyncClient::sendPush()
{
    auto pending = m_store.pendingOperations(m_settings.pushBatch);
    if (!pending) {
        setLastError(pending.error().message);
        return;
    }
    QJsonArray mutations;
    qint64 bytes = 0;
    qint64 previousMid = 0;
    for (const OutboxEntry& entry : std::as_const(*pending)) {
        // The server wants consecutive mids in one push; a gap ends the batch.
        if (previousMid != 0 && entry.mid != previousMid + 1)
            break;
        const QJsonObject mutation = sync::Mutation{entry.mid, entry.name, entry.args}.toJson();
        const qint64 size = Json::toBytes(mutation).size() + 1;
        if (!mutations.isEmpty() && bytes + size > PushBudgetBytes)
            break;
        bytes += size;
        mutations.append(mutation);
        previousMid = entry.mid;
    }
    if (mutations.isEmpty())
        return;
    m_inFlight = InFlight::Push;
    m_inFlightId = nextRequestId();
    setState(State::Syncing);
    send(QJsonObject{{QStringLiteral("type"), sync::MessageType::Push},
                     {QStringLiteral("id"), m_inFlightId},
                     {QStringLiteral("mutations"), mutations}});
}

void SyncClient::handlePullResult(const QJsonObject& message)
{
    if (m_inFlight != InFlight::Pull || message.value(QStringLiteral("id")).toString() != m_inFlightId)
        return; // an answer to a request of an earlier socket
    QList<sync::SyncRow> rows;
    for (const QJsonValue& value : message.value(QStringLiteral("rows")).toArray()) {
        auto row = sync::SyncRow::fromJson(value.toObject());
        if (!row) {
            setLastError(tr("The server sent a malformed row: %1").arg(row.error().message));
            m_inFlight = InFlight::None;
            m_pullWanted = true;
            scheduleRetry();
            return;
        }
        rows.append(*row);
    }
    const QString cookie = message.value(QStringLiteral("cookie")).toString();
    const bool more = message.value(QStringLiteral("more")).toBool();
    const qint64 version = message.value(QStringLiteral("version")).toInteger();
    // Pipelined paging: ask for the next page (from this page's cookie) before storing this one, so the server reads
    // page n+1 while the cache writes page n. The request counts only if the page is stored: on failure the answer is
    // dropped (its id no longer matches) and the pull starts again from the stored cookie.
    if (more) {
        sendPullFrom(cookie);
        if (m_socket)
            m_socket->flush(); // on the wire now, not when the event loop runs after the page is stored
    } else
        m_inFlight = InFlight::None;
    const Status stored = m_store.applyPullPage(rows, cookie, version, more);
    if (!stored) {
        m_inFlight = InFlight::None;
        // The cookie did not move, so the same page comes again on retry.
        setLastError(tr("Cannot store the synced data: %1").arg(stored.error().message));
        m_pullWanted = true;
        scheduleRetry();
        return;
    }
    m_retryAttempt = 0;
    m_progress.rowsReceived += int(rows.size());
    m_progress.targetVersion = std::max(m_progress.targetVersion, version);
    m_progress.currentVersion = more ? sync::Cursor::decode(cookie).valueOr(sync::Cursor{}).version : version;
    if (!more)
        m_progress.initial = false;
    emit progressChanged(m_progress);
    drive(); // the next page is already requested when there is more
}

void SyncClient::handlePushResult(const QJsonObject& message)
{
    if (m_inFlight != InFlight::Push || message.value(QStringLiteral("id")).toString() != m_inFlightId)
        return;
    QList<sync::MutationResult> results;
    bool outOfOrder = false;
    for (const QJsonValue& value : message.value(QStringLiteral("results")).toArray()) {
        auto result = sync::MutationResult::fromJson(value.toObject());
        if (!result)
            continue; // an unreadable answer leaves the operation pending; it is re-sent and answered again
        if (result->status == sync::MutationResult::Status::Rejected && result->code == QLatin1String("out_of_order"))
            outOfOrder = true;
        results.append(*result);
    }
    const qint64 lastMutationId = message.value(QStringLiteral("lastMutationId")).toInteger();
    m_inFlight = InFlight::None;
    if (const Status stored = m_store.applyPushResults(results, lastMutationId); !stored) {
        setLastError(tr("Cannot record the server's answer: %1").arg(stored.error().message));
        scheduleRetry();
        return;
    }
    m_retryAttempt = 0;
    if (outOfOrder) {
        // Re-send from lastMutationId + 1; that only helps if we still have that operation.
        auto first = m_store.pendingOperations(1);
        if (first && !first->isEmpty() && first->constFirst().mid > lastMutationId + 1) {
            m_pushBlocked = true;
            setLastError(tr("The server expects operation %1, which this computer no longer has. "
                            "Pending changes cannot be sent.")
                             .arg(lastMutationId + 1));
        }
    }
    drive();
}

void SyncClient::handleError(const QJsonObject& message)
{
    const QString id = message.value(QStringLiteral("id")).toString();
    const QString text = message.value(QStringLiteral("message")).toString();
    setLastError(tr("Server error: %1").arg(text));
    if (id.isEmpty() || id != m_inFlightId)
        return;
    // A failed request is retried later; a pull restarts from the stored cookie, a push from the outbox.
    if (m_inFlight == InFlight::Pull)
        m_pullWanted = true;
    m_inFlight = InFlight::None;
    m_inFlightId.clear();
    scheduleRetry();
}

void SyncClient::onOutboxChanged()
{
    const int pending = m_store.pendingCount();
    if (pending != m_lastPendingCount) {
        m_lastPendingCount = pending;
        emit pendingCountChanged(pending);
    }
    emit rejectedOperationsChanged();
    drive();
}

} // namespace xd
