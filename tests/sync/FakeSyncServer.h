#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

class QWebSocket;
class QWebSocketServer;

namespace xd::test {

// A sync server of our own for client tests: docs/sync-protocol.md over a QWebSocketServer on 127.0.0.1 — auth
// check (4401/4403), cookie paging in (version, entity, id) order, lastMutationId per client, stored outcomes for
// re-sent mids, out_of_order, pokes after changes. Shop data lives in memory; a few mutations are modelled.
// Knobs break the connection at chosen moments; counters let tests prove nothing is applied twice.
class FakeSyncServer final : public QObject
{
    Q_OBJECT

public:
    explicit FakeSyncServer(QObject* parent = nullptr);
    ~FakeSyncServer() override;
    Q_DISABLE_COPY_MOVE(FakeSyncServer)

    bool listen();
    quint16 port() const;
    QUrl url() const; // http://127.0.0.1:port

    QString shopId() const { return m_shopId; }
    void addToken(const QString& token, const QString& role = QStringLiteral("owner"));
    void disableToken(const QString& token); // auth answers 4403

    // Out-of-band writes (as a mini-program order or another desktop would make). Each bumps the version.
    void putRow(const QString& entity, const QString& id, const QJsonObject& data, bool poke = false);
    void deleteRow(const QString& entity, const QString& id, bool poke = false);
    void putManyRows(const QString& entity, int count); // one version for all, like an import chunk
    void pokeAll();
    // Rejects every mutation of this name with the code (after the permission check).
    void rejectOperation(const QString& name, const QString& code, const QString& message);

    // Knobs, each used once: close the socket (1001) after sending this many pull pages; apply the next push and
    // abort the socket instead of answering it.
    void closeAfterPullPages(int pages) { m_closeAfterPullPages = pages; }
    void dropNextPushResult() { m_dropNextPushResult = true; }

    qint64 version() const { return m_version; }
    QJsonObject rowData(const QString& entity, const QString& id) const;
    bool hasRow(const QString& entity, const QString& id) const;
    int connectionCount() const { return m_connectionCount; }
    int authOkCount() const { return m_authOkCount; }
    QStringList pullCookies() const { return m_pullCookies; } // the cookie of every pull received
    int rowsSent() const { return m_rowsSent; }
    int pushCount() const { return m_pushCount; }
    int applications(const QString& clientId, qint64 mid) const;
    int totalApplications() const;
    qint64 lastMutationId(const QString& clientId) const { return m_clients.value(clientId).lastMutationId; }

signals:
    void authenticatedClient();
    void pullServed();
    void pushServed();

private:
    struct Row
    {
        qint64 version = 0;
        bool deleted = false;
        QJsonObject data;
    };
    struct Outcome
    {
        bool accepted = true;
        QString code;
        QString message;
    };
    struct Client
    {
        qint64 lastMutationId = 0;
        QMap<qint64, Outcome> outcomes;
    };
    struct Connection
    {
        bool authenticated = false;
        QString clientId;
        QString role;
    };

    void onNewConnection();
    void onText(QWebSocket* socket, const QString& text);
    void handleAuth(QWebSocket* socket, const QJsonObject& message);
    void handlePull(QWebSocket* socket, const QJsonObject& message);
    void handlePush(QWebSocket* socket, const QJsonObject& message);
    Outcome apply(const QString& role, const QString& name, const QJsonObject& args);
    void send(QWebSocket* socket, const QJsonObject& message);
    static QString key(const QString& entity, const QString& id) { return entity + QLatin1Char('/') + id; }

    QWebSocketServer* m_server;
    QString m_shopId;
    QHash<QString, QString> m_tokens; // token → role
    QSet<QString> m_disabledTokens;
    QHash<QString, Row> m_rows; // "entity/id"
    qint64 m_version = 0;
    QHash<QString, Client> m_clients;
    QHash<QWebSocket*, Connection> m_connections;
    QHash<QString, Outcome> m_rejections; // by operation name
    QHash<QString, int> m_applications;   // "clientId/mid"
    int m_closeAfterPullPages = -1;
    bool m_dropNextPushResult = false;
    int m_connectionCount = 0;
    int m_authOkCount = 0;
    int m_pullPagesSent = 0;
    QStringList m_pullCookies;
    int m_rowsSent = 0;
    int m_pushCount = 0;
};

} // namespace xd::test
