#pragma once

#include "DesktopSession.h"
#include "InMemorySecretStore.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "ServerProcess.h"
#include "SessionController.h"
#include "SyncClient.h"
#include "xiaodian/Clock.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// What the whole-desktop tests against a real syncserver process share (header only).
namespace xd::test {

// The whole desktop as main() wires it: the main window, a session over an in-memory keychain with quick sync
// settings and its caches in `cacheDir`, and the session controller, whose warnings collect in `warnings`.
struct WiredDesktop
{
    explicit WiredDesktop(const QString& cacheDir)
        : session(keychain, clock, cacheDir, quickSync()), controller(window, session)
    {
        SessionController::Prompts prompts;
        prompts.warn = [this](const QString& message) {
            warnings << message;
        };
        controller.setPrompts(prompts);
    }

    // Shows the window at 1366 x 768: true once it is exposed.
    bool show()
    {
        window.resize(1366, 768);
        window.show();
        return QTest::qWaitForWindowExposed(&window);
    }

    LanguageManager languages;
    MainWindow window{&languages};
    InMemorySecretStore keychain;
    const SystemClock clock;
    DesktopSession session;
    SessionController controller;
    QStringList warnings;

private:
    static SyncClient::Settings quickSync()
    {
        SyncClient::Settings sync;
        sync.heartbeatIntervalMs = 300;
        sync.peerTimeoutMs = 2000;
        sync.backoffInitialMs = 50;
        sync.backoffMaxMs = 300;
        return sync;
    }
};

// The server of these tests, as a second base of the test class: started once with its demo shop, in a temporary
// folder whose other entries the tests may use (caches); QSettings in test mode and empty, so nobody is remembered.
class DesktopServerFixture
{
protected:
    // False with the server's error in *error when it did not come up.
    bool startServer(QString* error)
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("server")));
        if (!m_server->start()) {
            *error = m_server->errorText();
            return false;
        }
        return true;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
};

} // namespace xd::test
