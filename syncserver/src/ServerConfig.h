#pragma once

#include "Logging.h"
#include "SmsSettings.h"
#include "xiaodian/Result.h"

#include <QDate>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

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
    SmsSettings sms; // SMS provider and templates (SmsSettings.h)
    // Where WeChat's APIs are (tests point them at fakes on 127.0.0.1): the mini-program login (jscode2session)
    // and WeChat Pay v3. No trailing path needed; a path prefix is kept.
    QUrl wechatApiBase = QUrl(QStringLiteral("https://api.weixin.qq.com"));
    QUrl wechatPayBase = QUrl(QStringLiteral("https://api.mch.weixin.qq.com"));
    // WeChat Pay (docs/payments.md): the public base URL WeChat sends notifications to (empty: http://<listen>:<port>,
    // fine for tests only), how often the payment jobs run, and how long a payment waits for its notification before
    // it is queried.
    QUrl wechatPayNotifyBase;
    int wechatPayJobIntervalMs = 10'000;
    int wechatPayQueryAfterMs = 60'000;
    // How often the order timers run (docs/orders.md, "Timers"): close unpaid orders, complete shipped deliveries.
    int orderTimerIntervalMs = 15'000;

    QString effectiveDatabaseUrl() const;
};

// An operator's one-off command: `syncserver shop create ...`, `syncserver staff add ...`, `syncserver images gc`,
// `syncserver stats rebuild ...`.
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
    // stats rebuild: --shop (required) above, then the local days --from / --to (both or neither; invalid QDates
    // when absent: the shop's whole history).
    QDate statsFrom;
    QDate statsTo;
};

struct CommandLine
{
    enum class Action { Serve, ShowHelp, ShowVersion, ShopCreate, StaffAdd, ImagesGc, StatsRebuild };
    Action action = Action::Serve;
    ServerConfig config;
    AdminCommand admin;
    QString helpText;
};

// Parses arguments (arguments[0] is the program). Unknown flags, bad values and unreadable config files
// are InvalidArgument errors whose message says what to fix.
Result<CommandLine> parseCommandLine(const QStringList& arguments);

} // namespace xd::server
