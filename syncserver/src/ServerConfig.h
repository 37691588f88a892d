#pragma once

#include "Logging.h"
#include "xiaodian/Result.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace xd::server {

// Everything the server reads at start-up. Precedence: built-in defaults < config file (--config) <
// command-line flags. `syncserver --help` documents every flag and every config key.
struct ServerConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost; // behind nginx in production
    quint16 port = 8080;                                  // 0 picks a free port (tests)
    // The reverse proxy (nginx) whose X-Real-IP header names the client; requests from elsewhere are taken at
    // their socket address. Null: no proxy is trusted.
    QHostAddress trustedProxy;
    QString databaseUrl;                      // default: sqlite:<dataDir>/xiaodian.db
    QString dataDir = QStringLiteral("data"); // uploaded files, SQLite database
    LogFormat logFormat = LogFormat::Text;
    QString logRules;  // QLoggingCategory rules, ';'-separated
    bool demo = false; // create (or refresh the password of) the demo shop at start-up
    // Sync socket timing (docs/sync-protocol.md); tests shorten them.
    int syncAuthTimeoutMs = 10'000;
    int syncHeartbeatMs = 15'000;
    int syncPeerTimeoutMs = 45'000;

    QString effectiveDatabaseUrl() const;
};

// An operator's one-off command: `syncserver shop create ...`, `syncserver staff add ...`, `syncserver images gc`.
struct AdminCommand
{
    QString shopName;
    QString timeZone = QStringLiteral("Asia/Shanghai");
    QString shop; // id or exact name, for staff add
    QString login;
    QString displayName;
    QString role = QStringLiteral("clerk");
    bool passwordFromStdin = false; // otherwise a random password is generated and printed
    // images gc: --shop (optional) above, then:
    bool dryRun = false;
    int graceHours = 24;
};

struct CommandLine
{
    enum class Action { Serve, ShowHelp, ShowVersion, ShopCreate, StaffAdd, ImagesGc };
    Action action = Action::Serve;
    ServerConfig config;
    AdminCommand admin;
    QString helpText;
};

// Parses arguments (arguments[0] is the program). Unknown flags, bad values and unreadable config files
// are InvalidArgument errors whose message says what to fix.
Result<CommandLine> parseCommandLine(const QStringList& arguments);

} // namespace xd::server
