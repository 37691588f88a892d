#include "FakeSyncServer.h"

#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/Permissions.h"
#include "xiaodian/sync/Protocol.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>

namespace xd::test {

FakeSyncServer::FakeSyncServer(QObject* parent)
    : QObject(parent),
      m_server(new QWebSocketServer(QStringLiteral("fake-sync"), QWebSocketServer::NonSecureMode, this)),
      m_shopId(Id::create())
{
    connect(m_server, &QWebSocketServer::newConnection, this, &FakeSyncServer::onNewConnection);
    // The shop row exists from the start, like a real shop.
    putRow(QStringLiteral("shop"),
           m_shopId,
           QJsonObject{{QStringLiteral("name"), QStringLiteral("小店演示店")},
                       {QStringLiteral("intro"), QString()},
                       {QStringLiteral("phones"), QJsonArray()},
                       {QStringLiteral("timeZone"), QStringLiteral("Asia/Shanghai")}});
}

FakeSyncServer::~FakeSyncServer()
{
    const auto sockets = m_connections.keys();
    for (QWebSocket* socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

bool FakeSyncServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeSyncServer::port() const
{
    return m_server->serverPort();
}

QUrl FakeSyncServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

void FakeSyncServer::addToken(const QString& token, const QString& role)
{
    m_tokens.insert(token, role);
}

void FakeSyncServer::disableToken(const QString& token)
{
    m_disabledTokens.insert(token);
}

void FakeSyncServer::putRow(const QString& entity, const QString& id, const QJsonObject& data, bool poke)
{
    m_rows.insert(key(entity, id), Row{++m_version, false, data});
    if (poke)
        pokeAll();
}

void FakeSyncServer::deleteRow(const QString& entity, const QString& id, bool poke)
{
    m_rows.insert(key(entity, id), Row{++m_version, true, {}});
    if (poke)
        pokeAll();
}

void FakeSyncServer::putManyRows(const QString& entity, int count)
{
    ++m_version;
    for (int i = 0; i < count; ++i) {
        const QString id = Id::create();
        m_rows.insert(key(entity, id),
                      Row{m_version,
                          false,
                          QJsonObject{{QStringLiteral("login"), QStringLiteral("user%1").arg(i)},
                                      {QStringLiteral("displayName"), QStringLiteral("User %1").arg(i)},
                                      {QStringLiteral("role"), QStringLiteral("clerk")},
                                      {QStringLiteral("disabled"), false}}});
    }
}

void FakeSyncServer::pokeAll()
{
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (it->authenticated)
            send(
                it.key(),
                QJsonObject{{QStringLiteral("type"), sync::MessageType::Poke}, {QStringLiteral("version"), m_version}});
    }
}

void FakeSyncServer::rejectOperation(const QString& name, const QString& code, const QString& message)
{
    m_rejections.insert(name, Outcome{false, code, message});
}

QJsonObject FakeSyncServer::rowData(const QString& entity, const QString& id) const
{
    return m_rows.value(key(entity, id)).data;
}

bool FakeSyncServer::hasRow(const QString& entity, const QString& id) const
{
    const auto it = m_rows.constFind(key(entity, id));
    return it != m_rows.cend() && !it->deleted;
}

int FakeSyncServer::applications(const QString& clientId, qint64 mid) const
{
    return m_applications.value(clientId + QLatin1Char('/') + QString::number(mid));
}

int FakeSyncServer::totalApplications() const
{
    int total = 0;
    for (int count : m_applications)
        total += count;
    return total;
}

void FakeSyncServer::send(QWebSocket* socket, const QJsonObject& message)
{
    socket->sendTextMessage(QString::fromUtf8(Json::toBytes(message)));
}

void FakeSyncServer::onNewConnection()
{
    while (QWebSocket* socket = m_server->nextPendingConnection()) {
        ++m_connectionCount;
        m_connections.insert(socket, Connection{});
        connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString& text) {
            onText(socket, text);
        });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeSyncServer::onText(QWebSocket* socket, const QString& text)
{
    if (!m_connections.contains(socket))
        return;
    auto message = Json::parseObject(text.toUtf8());
    const QString type = message ? message->value(QStringLiteral("type")).toString() : QString();
    if (!m_connections.value(socket).authenticated) {
        if (type != sync::MessageType::Auth) {
            socket->close(QWebSocketProtocol::CloseCode(sync::CloseCode::ProtocolError),
                          QStringLiteral("expected auth"));
            return;
        }
        handleAuth(socket, *message);
        return;
    }
    if (type == sync::MessageType::Pull)
        handlePull(socket, *message);
    else if (type == sync::MessageType::Push)
        handlePush(socket, *message);
    else
        send(socket,
             sync::errorMessage(message ? message->value(QStringLiteral("id")).toString() : QString(),
                                QStringLiteral("unknown_message"),
                                QStringLiteral("unknown message")));
}

void FakeSyncServer::handleAuth(QWebSocket* socket, const QJsonObject& message)
{
    if (message.value(QStringLiteral("protocol")).toInt() != sync::ProtocolVersion) {
        socket->close(QWebSocketProtocol::CloseCode(sync::CloseCode::ProtocolError), QStringLiteral("protocol"));
        return;
    }
    const QString token = message.value(QStringLiteral("token")).toString();
    if (m_disabledTokens.contains(token)) {
        send(socket, sync::errorMessage(QString(), QStringLiteral("permission_denied"), QStringLiteral("disabled")));
        socket->close(QWebSocketProtocol::CloseCode(sync::CloseCode::AccountDisabled), QStringLiteral("disabled"));
        return;
    }
    if (!m_tokens.contains(token)) {
        send(socket, sync::errorMessage(QString(), QStringLiteral("unauthenticated"), QStringLiteral("bad token")));
        socket->close(QWebSocketProtocol::CloseCode(sync::CloseCode::Unauthenticated), QStringLiteral("bad token"));
        return;
    }
    const QString clientId = message.value(QStringLiteral("clientId")).toString();
    if (!Id::isValid(clientId)) {
        socket->close(QWebSocketProtocol::CloseCode(sync::CloseCode::ProtocolError), QStringLiteral("client id"));
        return;
    }
    Connection& connection = m_connections[socket];
    connection.authenticated = true;
    connection.clientId = clientId;
    connection.role = m_tokens.value(token);
    const qint64 last = m_clients[clientId].lastMutationId;
    ++m_authOkCount;
    send(socket,
         QJsonObject{{QStringLiteral("type"), sync::MessageType::AuthOk},
                     {QStringLiteral("shopId"), m_shopId},
                     {QStringLiteral("staffId"), QStringLiteral("staff-of-") + token},
                     {QStringLiteral("role"), connection.role},
                     {QStringLiteral("version"), m_version},
                     {QStringLiteral("lastMutationId"), last}});
    emit authenticatedClient();
}

void FakeSyncServer::handlePull(QWebSocket* socket, const QJsonObject& message)
{
    const QString requestId = message.value(QStringLiteral("id")).toString();
    const QString cookie = message.value(QStringLiteral("cookie")).toString();
    const int limit = message.value(QStringLiteral("limit")).toInt(sync::DefaultPullLimit);
    m_pullCookies.append(cookie);
    auto cursor = sync::Cursor::decode(cookie);
    if (!cursor || limit < 1 || limit > sync::MaxPullLimit) {
        send(socket, sync::errorMessage(requestId, QStringLiteral("invalid_message"), QStringLiteral("bad pull")));
        return;
    }
    struct Item
    {
        qint64 version;
        int entity;
        QString id;
        const Row* row;
        QString entityName;
    };
    QList<Item> items;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        const QString entity = it.key().section(QLatin1Char('/'), 0, 0);
        const QString id = it.key().section(QLatin1Char('/'), 1);
        const int order = sync::entityOrder(entity);
        if (cursor->precedes(it->version, order, id))
            items.append(Item{it->version, order, id, &*it, entity});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return std::tie(a.version, a.entity, a.id) < std::tie(b.version, b.entity, b.id);
    });
    const bool more = items.size() > limit;
    if (more)
        items.resize(limit);
    QJsonArray rows;
    for (const Item& item : std::as_const(items))
        rows.append(sync::SyncRow{item.entityName, item.id, item.version, item.row->deleted, item.row->data}.toJson());
    const QString next =
        more ? sync::Cursor{items.constLast().version, items.constLast().entity, items.constLast().id}.encode()
             : sync::Cursor{m_version, -1, QString()}.encode();
    m_rowsSent += int(items.size());
    send(socket,
         QJsonObject{{QStringLiteral("type"), sync::MessageType::PullResult},
                     {QStringLiteral("id"), requestId},
                     {QStringLiteral("rows"), rows},
                     {QStringLiteral("cookie"), next},
                     {QStringLiteral("more"), more},
                     {QStringLiteral("version"), m_version}});
    ++m_pullPagesSent;
    emit pullServed();
    if (m_closeAfterPullPages > 0 && m_pullPagesSent >= m_closeAfterPullPages) {
        m_closeAfterPullPages = -1;
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("test: going away"));
    }
}

void FakeSyncServer::handlePush(QWebSocket* socket, const QJsonObject& message)
{
    ++m_pushCount;
    const Connection connection = m_connections.value(socket);
    Client& client = m_clients[connection.clientId];
    const QString requestId = message.value(QStringLiteral("id")).toString();
    QJsonArray results;
    bool outOfOrder = false;
    bool changed = false;
    qint64 previous = 0;
    for (const QJsonValue& value : message.value(QStringLiteral("mutations")).toArray()) {
        auto mutation = sync::Mutation::fromJson(value.toObject());
        if (!mutation || (previous != 0 && mutation->mid != previous + 1)) {
            send(socket, sync::errorMessage(requestId, QStringLiteral("invalid_message"), QStringLiteral("bad push")));
            return;
        }
        previous = mutation->mid;
        sync::MutationResult result;
        result.mid = mutation->mid;
        if (outOfOrder || mutation->mid > client.lastMutationId + 1) {
            outOfOrder = true;
            result.status = sync::MutationResult::Status::Rejected;
            result.code = QStringLiteral("out_of_order");
            result.message = QStringLiteral("expected mutation %1 first").arg(client.lastMutationId + 1);
        } else {
            Outcome outcome;
            if (mutation->mid <= client.lastMutationId) {
                outcome = client.outcomes.value(mutation->mid); // answered as then, applied never again
            } else {
                outcome = apply(connection.role, mutation->name, mutation->args);
                client.outcomes.insert(mutation->mid, outcome);
                client.lastMutationId = mutation->mid;
                if (outcome.accepted) {
                    ++m_applications[connection.clientId + QLatin1Char('/') + QString::number(mutation->mid)];
                    changed = true;
                }
            }
            result.status =
                outcome.accepted ? sync::MutationResult::Status::Accepted : sync::MutationResult::Status::Rejected;
            result.code = outcome.code;
            result.message = outcome.message;
        }
        results.append(result.toJson());
    }
    if (m_dropNextPushResult) {
        // The work is committed, the answer is lost: exactly the case idempotent mids exist for.
        m_dropNextPushResult = false;
        socket->abort();
        return;
    }
    send(socket,
         QJsonObject{{QStringLiteral("type"), sync::MessageType::PushResult},
                     {QStringLiteral("id"), requestId},
                     {QStringLiteral("results"), results},
                     {QStringLiteral("lastMutationId"), client.lastMutationId}});
    emit pushServed();
    if (changed)
        pokeAll();
}

FakeSyncServer::Outcome FakeSyncServer::apply(const QString& roleText, const QString& name, const QJsonObject& args)
{
    Role role = Role::Clerk;
    parseRole(roleText, &role);
    if (!isAllowed(role, name))
        return Outcome{false, QStringLiteral("permission_denied"), QStringLiteral("only the owner manages staff")};
    if (m_rejections.contains(name))
        return m_rejections.value(name);
    if (name == QLatin1String("shop.updateProfile")) {
        QJsonObject data = rowData(QStringLiteral("shop"), m_shopId);
        for (auto it = args.begin(); it != args.end(); ++it)
            data.insert(it.key(), it.value());
        putRow(QStringLiteral("shop"), m_shopId, data);
        return {};
    }
    if (name == QLatin1String("staff.add")) {
        const QString login = args.value(QStringLiteral("login")).toString();
        for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
            if (!it->deleted && it.key().startsWith(QLatin1String("staff/")) &&
                it->data.value(QStringLiteral("login")).toString() == login)
                return Outcome{
                    false, QStringLiteral("already_exists"), QStringLiteral("the login '%1' is taken").arg(login)};
        }
        const QString displayName = args.value(QStringLiteral("displayName")).toString();
        putRow(QStringLiteral("staff"),
               args.value(QStringLiteral("id")).toString(),
               QJsonObject{{QStringLiteral("login"), login},
                           {QStringLiteral("displayName"), displayName.isEmpty() ? login : displayName},
                           {QStringLiteral("role"), args.value(QStringLiteral("role")).toString()},
                           {QStringLiteral("disabled"), false}});
        return {};
    }
    if (name == QLatin1String("staff.update")) {
        const QString id = args.value(QStringLiteral("id")).toString();
        if (!hasRow(QStringLiteral("staff"), id))
            return Outcome{false, QStringLiteral("not_found"), QStringLiteral("no such staff member in this shop")};
        QJsonObject data = rowData(QStringLiteral("staff"), id);
        for (auto it = args.begin(); it != args.end(); ++it) {
            if (it.key() != QLatin1String("id"))
                data.insert(it.key(), it.value());
        }
        putRow(QStringLiteral("staff"), id, data);
        return {};
    }
    if (name == QLatin1String("staff.resetPassword")) {
        const QString id = args.value(QStringLiteral("id")).toString();
        if (!hasRow(QStringLiteral("staff"), id))
            return Outcome{false, QStringLiteral("not_found"), QStringLiteral("no such staff member in this shop")};
        putRow(QStringLiteral("staff"), id, rowData(QStringLiteral("staff"), id));
        return {};
    }
    if (name == QLatin1String("shop.removePhoto")) {
        const QString id = args.value(QStringLiteral("id")).toString();
        if (!hasRow(QStringLiteral("shop_photo"), id))
            return Outcome{false, QStringLiteral("not_found"), QStringLiteral("no such photo")};
        deleteRow(QStringLiteral("shop_photo"), id);
        return {};
    }
    if (name == QLatin1String("shop.reorderPhotos")) {
        int position = 0;
        ++m_version;
        for (const QJsonValue& id : args.value(QStringLiteral("ids")).toArray()) {
            Row& row = m_rows[key(QStringLiteral("shop_photo"), id.toString())];
            row.data.insert(QStringLiteral("position"), ++position);
            row.version = m_version;
        }
        return {};
    }
    return Outcome{false, QStringLiteral("unknown_operation"), QStringLiteral("unknown operation '%1'").arg(name)};
}

} // namespace xd::test
