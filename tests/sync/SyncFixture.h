#pragma once

#include "ServerProcess.h"
#include "SyncClient.h"
#include "TestCache.h"
#include "TestSocket.h"
#include "xiaodian/Id.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

// What the suites share that sync real desktop caches with a real syncserver process (header only).
namespace xd::test {

// Sync settings for tests: quick heartbeats and back-off, and no jitter, so that reconnects happen in test time.
inline SyncClient::Settings testSyncSettings(const QString& baseUrl, int peerTimeoutMs = 3000)
{
    SyncClient::Settings settings;
    settings.serverUrl = QUrl(baseUrl);
    settings.heartbeatIntervalMs = 500;
    settings.peerTimeoutMs = peerTimeoutMs;
    settings.backoffInitialMs = 50;
    settings.backoffMaxMs = 400;
    settings.jitter = [](int bound) {
        return bound;
    };
    return settings;
}

// One desktop's encrypted cache and its sync client, signed in with `token`; a suite's Desktop adds its services.
struct SyncedDesktop
{
    TestCache cache;
    std::unique_ptr<SyncClient> client;

    bool openSync(const QString& baseUrl, const QString& token)
    {
        if (!cache.open())
            return false;
        client = std::make_unique<SyncClient>(*cache.store, testSyncSettings(baseUrl));
        client->setToken(token);
        return true;
    }

    // Online, nothing pending, and the cache holds at least `version` (0: whatever the server had at auth).
    bool waitSettled(qint64 version = 0, int timeoutMs = 30000)
    {
        return QTest::qWaitFor(
            [&] {
                return client->state() == SyncClient::State::Online && client->pendingCount() == 0 &&
                       cache.store->serverVersion() >= version;
            },
            timeoutMs);
    }
};

// The server the desktops sync with, as a second base of the test class: started with the demo shop in a
// temporary folder, the demo owner signed in (m_token).
class SyncServerFixture
{
protected:
    // Starts the server and signs the owner in; false with the reason in *error.
    bool startServer(QString* error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("server")));
        if (!m_server->start()) {
            *error = m_server->errorText();
            return false;
        }
        m_token = m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
        if (m_token.isEmpty())
            *error = QStringLiteral("the demo owner could not sign in");
        return !m_token.isEmpty();
    }

    // The shop's change counter, as a fresh sync socket hears it in auth.ok; -1 when it cannot connect.
    qint64 serverVersion() const
    {
        TestSocket socket;
        if (!socket.open(m_server->webSocketUrl()))
            return -1;
        return socket.authenticate(m_token, Id::create()).value(QStringLiteral("version")).toInteger(-1);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_token; // the demo owner's
};

} // namespace xd::test
