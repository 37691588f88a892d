#include "ServerConfig.h"

#include "xiaodian/Stats.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace xd::server {

namespace {

const char* const kConfigHelp = R"(
Commands (run once and exit; they use the same config and database):
  syncserver shop create --name NAME --owner LOGIN [--time-zone TZ] [--display-name NAME] [--password-stdin]
  syncserver staff add --shop SHOP --login LOGIN [--role clerk|owner] [--display-name NAME] [--password-stdin]
  Without --password-stdin a random password is generated and printed once.
  syncserver images gc [--shop SHOP] [--dry-run] [--grace-hours N]
  Deletes catalog images no product, SKU, category or article uses that are older than N hours
  (default 24), then the stored files nothing else uses. --dry-run only reports.
  syncserver stats rebuild --shop SHOP [--from yyyy-MM-dd --to yyyy-MM-dd]
  Recomputes the shop's daily statistics (docs/statistics.md) from its orders and views, for the
  given local days or, without --from/--to, for all of them, in one transaction.

Config file (INI, given with --config; flags override it):
  [server]
  listen = 127.0.0.1          address to listen on (same as --listen)
  port = 8080                 TCP port, 0 for any free port (--port)
  data_dir = data             folder for the SQLite database and uploads (--data-dir)
  trusted_proxy = 127.0.0.1   the proxy whose X-Real-IP header names the client (--trusted-proxy)
  [database]
  url = sqlite:data/xiaodian.db
                              or postgresql://user:password@host:5432/dbname (--database)
  [sync]
  auth_timeout_ms = 10000     a socket must authenticate within this time
  heartbeat_ms = 15000        WebSocket ping interval
  peer_timeout_ms = 45000     a socket silent this long is dropped
  [wechat]
  api_base = https://api.weixin.qq.com       WeChat API for the mini-program login (--wechat-api-base)
  pay_base = https://api.mch.weixin.qq.com   WeChat Pay v3 API (--wechat-pay-base)
  pay_notify_base = https://shop.example.com our public base URL for WeChat Pay's notifications
                              (--wechat-pay-notify-base; default http://<listen>:<port>, tests only)
  pay_job_interval_ms = 10000 how often payments are queried/closed and refunds sent (--wechat-pay-job-ms)
  pay_query_after_ms = 60000  a payment without notification is queried after this (--wechat-pay-query-after-ms)
  [orders]
  timer_interval_ms = 15000   how often due unpaid orders close and due deliveries complete
                              (--order-timer-interval-ms)
)"
                                "%SMS%"
                                R"(  [log]
  format = text               text or json, one object a line (--log-format)
  rules = xd.db.debug=true    QLoggingCategory rules, ';'-separated (--log-rules)

Signals: SIGTERM and SIGINT stop the server cleanly (it finishes the request in hand, then closes
the database, rolling back any open transaction).
)";

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Result<quint16> parsePort(const QString& text, const QString& origin)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port > 65535)
        return invalid(QStringLiteral("%1: '%2' is not a TCP port (0-65535)").arg(origin, text));
    return quint16(port);
}

Result<int> parseMilliseconds(const QString& text, const QString& origin)
{
    bool ok = false;
    const int ms = text.toInt(&ok);
    if (!ok || ms < 10 || ms > 3'600'000)
        return invalid(QStringLiteral("%1: '%2' is not a duration in milliseconds (10-3600000)").arg(origin, text));
    return ms;
}

Result<LogFormat> parseLogFormat(const QString& text, const QString& origin)
{
    if (text == QLatin1String("text"))
        return LogFormat::Text;
    if (text == QLatin1String("json"))
        return LogFormat::Json;
    return invalid(QStringLiteral("%1: log format must be 'text' or 'json', not '%2'").arg(origin, text));
}

Result<QHostAddress> parseAddress(const QString& text, const QString& origin)
{
    const QHostAddress address(text);
    if (address.isNull())
        return invalid(QStringLiteral("%1: '%2' is not an IP address").arg(origin, text));
    return address;
}

// An absolute http(s) URL without query or fragment: where an external API lives.
Result<QUrl> parseBaseUrl(const QString& text, const QString& origin)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.hasQuery() || url.hasFragment() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return invalid(QStringLiteral("%1: '%2' is not an absolute http(s) URL without a query").arg(origin, text));
    return url;
}

Status applyConfigFile(const QString& path, ServerConfig& config)
{
    if (!QFileInfo(path).isReadable())
        return invalid(QStringLiteral("cannot read config file '%1'").arg(path));
    QSettings file(path, QSettings::IniFormat);
    if (file.status() != QSettings::NoError)
        return invalid(QStringLiteral("config file '%1' is not valid INI").arg(path));

    static const QStringList known{QStringLiteral("server/listen"),
                                   QStringLiteral("server/port"),
                                   QStringLiteral("server/data_dir"),
                                   QStringLiteral("server/trusted_proxy"),
                                   QStringLiteral("database/url"),
                                   QStringLiteral("log/format"),
                                   QStringLiteral("log/rules"),
                                   QStringLiteral("sync/auth_timeout_ms"),
                                   QStringLiteral("sync/heartbeat_ms"),
                                   QStringLiteral("sync/peer_timeout_ms"),
                                   QStringLiteral("wechat/api_base"),
                                   QStringLiteral("wechat/pay_base"),
                                   QStringLiteral("wechat/pay_notify_base"),
                                   QStringLiteral("wechat/pay_job_interval_ms"),
                                   QStringLiteral("wechat/pay_query_after_ms"),
                                   QStringLiteral("orders/timer_interval_ms")};
    for (const QString& key : file.allKeys()) {
        if (!known.contains(key) && !SmsSettings::isConfigKey(key))
            return invalid(QStringLiteral("config file '%1': unknown key '%2'").arg(path, key));
    }
    const QString origin = QStringLiteral("config file '%1'").arg(path);
    if (file.contains(QStringLiteral("server/listen"))) {
        auto address = parseAddress(file.value(QStringLiteral("server/listen")).toString(), origin);
        if (!address)
            return address.error();
        config.listenAddress = *address;
    }
    if (file.contains(QStringLiteral("server/port"))) {
        auto port = parsePort(file.value(QStringLiteral("server/port")).toString(), origin);
        if (!port)
            return port.error();
        config.port = *port;
    }
    if (file.contains(QStringLiteral("server/trusted_proxy"))) {
        auto proxy = parseAddress(file.value(QStringLiteral("server/trusted_proxy")).toString(), origin);
        if (!proxy)
            return proxy.error();
        config.trustedProxy = *proxy;
    }
    if (file.contains(QStringLiteral("server/data_dir")))
        config.dataDir = file.value(QStringLiteral("server/data_dir")).toString();
    if (file.contains(QStringLiteral("database/url")))
        config.databaseUrl = file.value(QStringLiteral("database/url")).toString();
    if (file.contains(QStringLiteral("log/format"))) {
        auto format = parseLogFormat(file.value(QStringLiteral("log/format")).toString(), origin);
        if (!format)
            return format.error();
        config.logFormat = *format;
    }
    if (file.contains(QStringLiteral("log/rules")))
        config.logRules = file.value(QStringLiteral("log/rules")).toString();
    if (const Status sms = config.sms.applyConfig(file, origin); !sms)
        return sms;
    for (const auto& [key, target] :
         {std::pair{QStringLiteral("wechat/api_base"), &config.wechatApiBase},
          std::pair{QStringLiteral("wechat/pay_base"), &config.wechatPayBase},
          std::pair{QStringLiteral("wechat/pay_notify_base"), &config.wechatPayNotifyBase}}) {
        if (!file.contains(key))
            continue;
        auto url = parseBaseUrl(file.value(key).toString(), origin);
        if (!url)
            return url.error();
        *target = *url;
    }
    for (const auto& [key, target] :
         {std::pair{QStringLiteral("sync/auth_timeout_ms"), &config.syncAuthTimeoutMs},
          std::pair{QStringLiteral("sync/heartbeat_ms"), &config.syncHeartbeatMs},
          std::pair{QStringLiteral("sync/peer_timeout_ms"), &config.syncPeerTimeoutMs},
          std::pair{QStringLiteral("wechat/pay_job_interval_ms"), &config.wechatPayJobIntervalMs},
          std::pair{QStringLiteral("wechat/pay_query_after_ms"), &config.wechatPayQueryAfterMs},
          std::pair{QStringLiteral("orders/timer_interval_ms"), &config.orderTimerIntervalMs}}) {
        if (!file.contains(key))
            continue;
        auto ms = parseMilliseconds(file.value(key).toString(), origin);
        if (!ms)
            return ms.error();
        *target = *ms;
    }
    return {};
}

} // namespace

QString ServerConfig::effectiveDatabaseUrl() const
{
    if (!databaseUrl.isEmpty())
        return databaseUrl;
    return QStringLiteral("sqlite:") + QDir(dataDir).filePath(QStringLiteral("xiaodian.db"));
}

Result<CommandLine> parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Xiaodian sync server: the shop's REST API for the WeChat mini-program and the merchant, "
                       "and WebSocket sync for the desktop back office."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Show the version."));
    const QCommandLineOption configOption({QStringLiteral("c"), QStringLiteral("config")},
                                          QStringLiteral("Read settings from the INI <file> (keys below)."),
                                          QStringLiteral("file"));
    const QCommandLineOption listenOption(QStringLiteral("listen"),
                                          QStringLiteral("Listen on <address> (default 127.0.0.1)."),
                                          QStringLiteral("address"));
    const QCommandLineOption portOption({QStringLiteral("p"), QStringLiteral("port")},
                                        QStringLiteral("Listen on TCP <port> (default 8080; 0 = any free port)."),
                                        QStringLiteral("port"));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QStringLiteral("Keep the SQLite database and uploads in <dir> (default ./data)."),
        QStringLiteral("dir"));
    const QCommandLineOption databaseOption(
        QStringLiteral("database"),
        QStringLiteral(
            "Database <url>: sqlite:PATH (default <data-dir>/xiaodian.db) or postgresql://user:pw@host:port/db."),
        QStringLiteral("url"));
    const QCommandLineOption logFormatOption(QStringLiteral("log-format"),
                                             QStringLiteral("Log as 'text' (default) or 'json' lines on stderr."),
                                             QStringLiteral("format"));
    const QCommandLineOption logRulesOption(
        QStringLiteral("log-rules"),
        QStringLiteral("Logging <rules>, ';'-separated, e.g. \"xd.db.debug=true\"."),
        QStringLiteral("rules"));
    const QCommandLineOption trustedProxyOption(
        QStringLiteral("trusted-proxy"),
        QStringLiteral("Trust X-Real-IP from the proxy at <address> (nginx) for client addresses."),
        QStringLiteral("address"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Create the demo shop if missing, give its owner a new password "
                                                       "and print the credentials."));
    const QCommandLineOption nameOption(
        QStringLiteral("name"), QStringLiteral("shop create: the shop's <name>."), QStringLiteral("name"));
    const QCommandLineOption timeZoneOption(QStringLiteral("time-zone"),
                                            QStringLiteral("shop create: IANA time zone <tz> (default Asia/Shanghai)."),
                                            QStringLiteral("tz"));
    const QCommandLineOption ownerOption(
        QStringLiteral("owner"), QStringLiteral("shop create: the owner's <login>."), QStringLiteral("login"));
    const QCommandLineOption shopOption(QStringLiteral("shop"),
                                        QStringLiteral("staff add, images gc, stats rebuild: the shop's id or name."),
                                        QStringLiteral("shop"));
    const QCommandLineOption loginOption(
        QStringLiteral("login"), QStringLiteral("staff add: the new <login>."), QStringLiteral("login"));
    const QCommandLineOption roleOption(
        QStringLiteral("role"), QStringLiteral("staff add: clerk (default) or owner."), QStringLiteral("role"));
    const QCommandLineOption displayNameOption(QStringLiteral("display-name"),
                                               QStringLiteral("shop create / staff add: the person's shown <name>."),
                                               QStringLiteral("name"));
    const QCommandLineOption passwordStdinOption(QStringLiteral("password-stdin"),
                                                 QStringLiteral("shop create / staff add: read the password from the "
                                                                "first line of standard input."));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
                                          QStringLiteral("images gc: report what would be deleted, delete nothing."));
    const QCommandLineOption graceHoursOption(
        QStringLiteral("grace-hours"),
        QStringLiteral("images gc: keep images uploaded less than <hours> ago (default 24)."),
        QStringLiteral("hours"));
    parser.addOptions({helpOption,
                       versionOption,
                       configOption,
                       listenOption,
                       portOption,
                       dataDirOption,
                       databaseOption,
                       logFormatOption,
                       logRulesOption,
                       trustedProxyOption,
                       demoOption,
                       nameOption,
                       timeZoneOption,
                       ownerOption,
                       shopOption,
                       loginOption,
                       roleOption,
                       displayNameOption,
                       passwordStdinOption});
    const QCommandLineOption wechatApiBaseOption(
        QStringLiteral("wechat-api-base"),
        QStringLiteral("WeChat API <url> for the mini-program login (default https://api.weixin.qq.com)."),
        QStringLiteral("url"));
    const QCommandLineOption wechatPayBaseOption(
        QStringLiteral("wechat-pay-base"),
        QStringLiteral("WeChat Pay v3 API <url> (default https://api.mch.weixin.qq.com)."),
        QStringLiteral("url"));
    parser.addOptions({dryRunOption, graceHoursOption});
    const QCommandLineOption fromOption(QStringLiteral("from"),
                                        QStringLiteral("stats rebuild: the first local <day> (yyyy-MM-dd)."),
                                        QStringLiteral("day"));
    const QCommandLineOption toOption(QStringLiteral("to"),
                                      QStringLiteral("stats rebuild: the last local <day> (yyyy-MM-dd)."),
                                      QStringLiteral("day"));
    parser.addOptions({fromOption, toOption});
    const QCommandLineOption wechatPayNotifyBaseOption(
        QStringLiteral("wechat-pay-notify-base"),
        QStringLiteral(
            "Our public https <url> that WeChat Pay sends notifications to (default http://<listen>:<port>)."),
        QStringLiteral("url"));
    const QCommandLineOption wechatPayJobOption(
        QStringLiteral("wechat-pay-job-ms"),
        QStringLiteral("Run the WeChat Pay query/close/refund jobs every <ms> (default 10000)."),
        QStringLiteral("ms"));
    const QCommandLineOption wechatPayQueryAfterOption(
        QStringLiteral("wechat-pay-query-after-ms"),
        QStringLiteral("Query a WeChat payment whose notification did not come within <ms> (default 60000)."),
        QStringLiteral("ms"));
    parser.addOptions({wechatApiBaseOption, wechatPayBaseOption});
    parser.addOptions({wechatPayNotifyBaseOption, wechatPayJobOption, wechatPayQueryAfterOption});
    const QCommandLineOption orderTimerOption(
        QStringLiteral("order-timer-interval-ms"),
        QStringLiteral("Close due unpaid orders and complete due deliveries every <ms> (default 15000)."),
        QStringLiteral("ms"));
    parser.addOption(orderTimerOption);
    parser.addOptions(SmsSettings::options());

    CommandLine result;
    result.helpText =
        parser.helpText() +
        QString::fromUtf8(kConfigHelp).replace(QStringLiteral("%SMS%"), QString::fromUtf8(SmsSettings::configHelp()));
    if (!parser.parse(arguments))
        return invalid(parser.errorText());
    const QStringList positional = parser.positionalArguments();
    if (positional == QStringList{QStringLiteral("shop"), QStringLiteral("create")}) {
        result.action = CommandLine::Action::ShopCreate;
        if (!parser.isSet(nameOption) || !parser.isSet(ownerOption))
            return invalid(QStringLiteral("shop create needs --name and --owner"));
    } else if (positional == QStringList{QStringLiteral("staff"), QStringLiteral("add")}) {
        result.action = CommandLine::Action::StaffAdd;
        if (!parser.isSet(shopOption) || !parser.isSet(loginOption))
            return invalid(QStringLiteral("staff add needs --shop and --login"));
    } else if (positional == QStringList{QStringLiteral("images"), QStringLiteral("gc")}) {
        result.action = CommandLine::Action::ImagesGc;
        if (parser.isSet(graceHoursOption)) {
            bool ok = false;
            result.admin.graceHours = parser.value(graceHoursOption).toInt(&ok);
            if (!ok || result.admin.graceHours < 0 || result.admin.graceHours > 24 * 365)
                return invalid(QStringLiteral("--grace-hours is a whole number of hours from 0 to 8760"));
        }
        result.admin.dryRun = parser.isSet(dryRunOption);
    } else if (positional == QStringList{QStringLiteral("stats"), QStringLiteral("rebuild")}) {
        result.action = CommandLine::Action::StatsRebuild;
        if (!parser.isSet(shopOption))
            return invalid(QStringLiteral("stats rebuild needs --shop"));
        if (parser.isSet(fromOption) != parser.isSet(toOption))
            return invalid(QStringLiteral("stats rebuild takes --from and --to together, or neither"));
        if (parser.isSet(fromOption)) {
            result.admin.statsFrom = stats::parseDay(parser.value(fromOption));
            result.admin.statsTo = stats::parseDay(parser.value(toOption));
            if (!result.admin.statsFrom.isValid() || !result.admin.statsTo.isValid())
                return invalid(QStringLiteral("--from and --to are days written yyyy-MM-dd"));
            if (result.admin.statsTo < result.admin.statsFrom)
                return invalid(QStringLiteral("--to is before --from"));
        }
    } else if (!positional.isEmpty()) {
        return invalid(QStringLiteral("unexpected argument '%1'").arg(positional.join(QLatin1Char(' '))));
    }
    AdminCommand& admin = result.admin;
    admin.shopName = parser.value(nameOption);
    if (parser.isSet(timeZoneOption))
        admin.timeZone = parser.value(timeZoneOption);
    admin.login = parser.isSet(ownerOption) ? parser.value(ownerOption) : parser.value(loginOption);
    admin.shop = parser.value(shopOption);
    admin.displayName = parser.value(displayNameOption);
    if (parser.isSet(roleOption))
        admin.role = parser.value(roleOption);
    admin.passwordFromStdin = parser.isSet(passwordStdinOption);
    if (parser.isSet(helpOption)) {
        result.action = CommandLine::Action::ShowHelp;
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = CommandLine::Action::ShowVersion;
        return result;
    }

    ServerConfig& config = result.config;
    if (parser.isSet(configOption)) {
        if (const Status applied = applyConfigFile(parser.value(configOption), config); !applied)
            return applied.error();
    }
    if (parser.isSet(listenOption)) {
        auto address = parseAddress(parser.value(listenOption), QStringLiteral("--listen"));
        if (!address)
            return address.error();
        config.listenAddress = *address;
    }
    if (parser.isSet(portOption)) {
        auto port = parsePort(parser.value(portOption), QStringLiteral("--port"));
        if (!port)
            return port.error();
        config.port = *port;
    }
    if (parser.isSet(dataDirOption))
        config.dataDir = parser.value(dataDirOption);
    if (parser.isSet(trustedProxyOption)) {
        auto proxy = parseAddress(parser.value(trustedProxyOption), QStringLiteral("--trusted-proxy"));
        if (!proxy)
            return proxy.error();
        config.trustedProxy = *proxy;
    }
    if (parser.isSet(databaseOption))
        config.databaseUrl = parser.value(databaseOption);
    if (parser.isSet(logFormatOption)) {
        auto format = parseLogFormat(parser.value(logFormatOption), QStringLiteral("--log-format"));
        if (!format)
            return format.error();
        config.logFormat = *format;
    }
    if (parser.isSet(logRulesOption))
        config.logRules = parser.value(logRulesOption);
    config.demo = parser.isSet(demoOption);
    for (const auto& [option, target] : {std::pair{&wechatApiBaseOption, &config.wechatApiBase},
                                         std::pair{&wechatPayBaseOption, &config.wechatPayBase},
                                         std::pair{&wechatPayNotifyBaseOption, &config.wechatPayNotifyBase}}) {
        if (!parser.isSet(*option))
            continue;
        auto url = parseBaseUrl(parser.value(*option), QStringLiteral("--") + option->names().constFirst());
        if (!url)
            return url.error();
        *target = *url;
    }
    for (const auto& [option, target] : {std::pair{&wechatPayJobOption, &config.wechatPayJobIntervalMs},
                                         std::pair{&wechatPayQueryAfterOption, &config.wechatPayQueryAfterMs},
                                         std::pair{&orderTimerOption, &config.orderTimerIntervalMs}}) {
        if (!parser.isSet(*option))
            continue;
        auto ms = parseMilliseconds(parser.value(*option), QStringLiteral("--") + option->names().constFirst());
        if (!ms)
            return ms.error();
        *target = *ms;
    }
    if (const Status sms = config.sms.applyFlags(parser); !sms) // refuses aliyun without its keys
        return sms.error();
    return result;
}

} // namespace xd::server
