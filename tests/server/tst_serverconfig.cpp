#include "ServerConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace xd;
using namespace xd::server;

class tst_ServerConfig : public QObject
{
    Q_OBJECT

private slots:
    void defaults_listenOnLoopbackWithSqlite();
    void configFile_isReadAndFlagsOverrideIt();
    void badInput_isRejectedWithAClearMessage_data();
    void badInput_isRejectedWithAClearMessage();
    void configFile_unknownKey_isRejected();
    void help_documentsEveryFlagAndKey();
    void imagesGc_parsesShopDryRunAndGrace();
    void statsRebuild_parsesShopAndPeriod();
    void wechatBases_defaultsFileAndFlags();
    void orderTimerInterval_defaultFileAndFlag();

private:
    QString writeConfig(const QByteArray& text);
    QTemporaryDir m_dir;
};

QString tst_ServerConfig::writeConfig(const QByteArray& text)
{
    static int n = 0;
    const QString path = m_dir.filePath(QStringLiteral("c%1.ini").arg(++n));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return path;
}

void tst_ServerConfig::defaults_listenOnLoopbackWithSqlite()
{
    auto parsed = parseCommandLine({QStringLiteral("syncserver")});
    QVERIFY(parsed);
    QCOMPARE(parsed->action, CommandLine::Action::Serve);
    QCOMPARE(parsed->config.listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(parsed->config.port, quint16(8080));
    QCOMPARE(parsed->config.effectiveDatabaseUrl(), QStringLiteral("sqlite:data/xiaodian.db"));
    QVERIFY(!parsed->config.demo);
}

void tst_ServerConfig::configFile_isReadAndFlagsOverrideIt()
{
    const QString path = writeConfig("[server]\nlisten = 127.0.0.2\nport = 9000\ndata_dir = /srv/xd\n"
                                     "[database]\nurl = \"postgresql://xd@db:5432/xd\"\n"
                                     "[log]\nformat = json\nrules = xd.db.debug=true\n");
    auto fromFile = parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--config"), path});
    QVERIFY2(fromFile, qPrintable(fromFile ? QString() : fromFile.error().message));
    QCOMPARE(fromFile->config.listenAddress, QHostAddress(QStringLiteral("127.0.0.2")));
    QCOMPARE(fromFile->config.port, quint16(9000));
    QCOMPARE(fromFile->config.dataDir, QStringLiteral("/srv/xd"));
    QCOMPARE(fromFile->config.effectiveDatabaseUrl(), QStringLiteral("postgresql://xd@db:5432/xd"));
    QCOMPARE(fromFile->config.logFormat, LogFormat::Json);
    QCOMPARE(fromFile->config.logRules, QStringLiteral("xd.db.debug=true"));

    auto overridden = parseCommandLine({QStringLiteral("syncserver"),
                                        QStringLiteral("-c"),
                                        path,
                                        QStringLiteral("--port"),
                                        QStringLiteral("0"),
                                        QStringLiteral("--log-format"),
                                        QStringLiteral("text"),
                                        QStringLiteral("--demo")});
    QVERIFY(overridden);
    QCOMPARE(overridden->config.port, quint16(0));
    QCOMPARE(overridden->config.logFormat, LogFormat::Text);
    QCOMPARE(overridden->config.listenAddress, QHostAddress(QStringLiteral("127.0.0.2")));
    QVERIFY(overridden->config.demo);
}

void tst_ServerConfig::badInput_isRejectedWithAClearMessage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port not a number") << QStringList{QStringLiteral("--port"), QStringLiteral("http")}
                                       << QStringLiteral("http");
    QTest::newRow("port too big") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                                  << QStringLiteral("70000");
    QTest::newRow("bad address") << QStringList{QStringLiteral("--listen"), QStringLiteral("localhost:80")}
                                 << QStringLiteral("localhost:80");
    QTest::newRow("bad log format") << QStringList{QStringLiteral("--log-format"), QStringLiteral("xml")}
                                    << QStringLiteral("xml");
    QTest::newRow("unknown flag") << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("stray argument") << QStringList{QStringLiteral("serve-now")} << QStringLiteral("serve-now");
    QTest::newRow("missing config") << QStringList{QStringLiteral("--config"), QStringLiteral("/no/such/file.ini")}
                                    << QStringLiteral("/no/such/file.ini");
    QTest::newRow("negative grace") << QStringList{QStringLiteral("images"),
                                                   QStringLiteral("gc"),
                                                   QStringLiteral("--grace-hours"),
                                                   QStringLiteral("-1")}
                                    << QStringLiteral("--grace-hours");
    QTest::newRow("grace not a number") << QStringList{QStringLiteral("images"),
                                                       QStringLiteral("gc"),
                                                       QStringLiteral("--grace-hours"),
                                                       QStringLiteral("1.5")}
                                        << QStringLiteral("--grace-hours");
    const QStringList rebuild{QStringLiteral("stats"), QStringLiteral("rebuild")};
    const QStringList shop{QStringLiteral("--shop"), QStringLiteral("s1")};
    QTest::newRow("rebuild without shop") << rebuild << QStringLiteral("--shop");
    QTest::newRow("rebuild from without to")
        << rebuild + shop + QStringList{QStringLiteral("--from"), QStringLiteral("2026-01-01")}
        << QStringLiteral("--to");
    QTest::newRow("rebuild bad day") << rebuild + shop +
                                            QStringList{QStringLiteral("--from"),
                                                        QStringLiteral("2026-1-01"),
                                                        QStringLiteral("--to"),
                                                        QStringLiteral("2026-02-30")}
                                     << QStringLiteral("yyyy-MM-dd");
    QTest::newRow("rebuild reversed") << rebuild + shop +
                                             QStringList{QStringLiteral("--from"),
                                                         QStringLiteral("2026-02-02"),
                                                         QStringLiteral("--to"),
                                                         QStringLiteral("2026-02-01")}
                                      << QStringLiteral("before");
}

void tst_ServerConfig::badInput_isRejectedWithAClearMessage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    auto parsed = parseCommandLine(QStringList{QStringLiteral("syncserver")} + args);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
}

void tst_ServerConfig::configFile_unknownKey_isRejected()
{
    const QString path = writeConfig("[server]\nprot = 9000\n");
    auto parsed = parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--config"), path});
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message.contains(QStringLiteral("server/prot")), qPrintable(parsed.error().message));
    const QString badPort = writeConfig("[server]\nport = many\n");
    QVERIFY(!parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--config"), badPort}));
}

void tst_ServerConfig::help_documentsEveryFlagAndKey()
{
    auto parsed = parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--help")});
    QVERIFY(parsed);
    QCOMPARE(parsed->action, CommandLine::Action::ShowHelp);
    for (const char* needle : {"--config",
                               "--listen",
                               "--port",
                               "--data-dir",
                               "--database",
                               "--log-format",
                               "--log-rules",
                               "--demo",
                               "--version",
                               "[server]",
                               "listen =",
                               "port =",
                               "data_dir =",
                               "[database]",
                               "url =",
                               "[log]",
                               "format =",
                               "rules =",
                               "SIGTERM"}) {
        QVERIFY2(parsed->helpText.contains(QLatin1String(needle)), needle);
    }
}

// Where WeChat's login and Pay APIs are: production defaults, the [wechat] keys, the flags over them, bad URLs.
void tst_ServerConfig::wechatBases_defaultsFileAndFlags()
{
    auto defaults = parseCommandLine({QStringLiteral("syncserver")});
    QVERIFY(defaults);
    QCOMPARE(defaults->config.wechatApiBase, QUrl(QStringLiteral("https://api.weixin.qq.com")));
    QCOMPARE(defaults->config.wechatPayBase, QUrl(QStringLiteral("https://api.mch.weixin.qq.com")));
    const QString path =
        writeConfig("[wechat]\napi_base = http://127.0.0.1:9001/wx\npay_base = http://127.0.0.1:9002\n");
    auto fromFile = parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--config"), path});
    QVERIFY2(fromFile, qPrintable(fromFile ? QString() : fromFile.error().message));
    QCOMPARE(fromFile->config.wechatApiBase, QUrl(QStringLiteral("http://127.0.0.1:9001/wx")));
    QCOMPARE(fromFile->config.wechatPayBase, QUrl(QStringLiteral("http://127.0.0.1:9002")));
    auto flags = parseCommandLine({QStringLiteral("syncserver"),
                                   QStringLiteral("--config"),
                                   path,
                                   QStringLiteral("--wechat-api-base"),
                                   QStringLiteral("http://127.0.0.1:7000")});
    QVERIFY(flags);
    QCOMPARE(flags->config.wechatApiBase, QUrl(QStringLiteral("http://127.0.0.1:7000")));
    QCOMPARE(flags->config.wechatPayBase, QUrl(QStringLiteral("http://127.0.0.1:9002")));
    for (const char* bad : {"ftp://x.example", "/relative", "https://x.example/?secret=1", "not a url"}) {
        auto refused = parseCommandLine(
            {QStringLiteral("syncserver"), QStringLiteral("--wechat-pay-base"), QString::fromLatin1(bad)});
        QVERIFY2(!refused, bad);
        QVERIFY2(refused.error().message.contains(QStringLiteral("--wechat-pay-base")),
                 qPrintable(refused.error().message));
    }
    QVERIFY(!parseCommandLine(
        {QStringLiteral("syncserver"), QStringLiteral("--config"), writeConfig("[wechat]\napi_base = gopher://x\n")}));
    auto help = parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--help")});
    for (const char* needle : {"--wechat-api-base", "--wechat-pay-base", "[wechat]", "api_base =", "pay_base ="})
        QVERIFY2(help->helpText.contains(QLatin1String(needle)), needle);
}

void tst_ServerConfig::imagesGc_parsesShopDryRunAndGrace()
{
    auto defaults = parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("images"), QStringLiteral("gc")});
    QVERIFY(defaults);
    QCOMPARE(defaults->action, CommandLine::Action::ImagesGc);
    QCOMPARE(defaults->admin.graceHours, 24);
    QVERIFY(!defaults->admin.dryRun);
    QVERIFY(defaults->admin.shop.isEmpty());
    auto given = parseCommandLine({QStringLiteral("syncserver"),
                                   QStringLiteral("images"),
                                   QStringLiteral("gc"),
                                   QStringLiteral("--shop"),
                                   QStringLiteral("茶饮小铺"),
                                   QStringLiteral("--dry-run"),
                                   QStringLiteral("--grace-hours"),
                                   QStringLiteral("0")});
    QVERIFY(given);
    QCOMPARE(given->admin.shop, QStringLiteral("茶饮小铺"));
    QVERIFY(given->admin.dryRun);
    QCOMPARE(given->admin.graceHours, 0);
}

void tst_ServerConfig::statsRebuild_parsesShopAndPeriod()
{
    auto all = parseCommandLine({QStringLiteral("syncserver"),
                                 QStringLiteral("stats"),
                                 QStringLiteral("rebuild"),
                                 QStringLiteral("--shop"),
                                 QStringLiteral("茶饮小铺")});
    QVERIFY(all);
    QCOMPARE(all->action, CommandLine::Action::StatsRebuild);
    QCOMPARE(all->admin.shop, QStringLiteral("茶饮小铺"));
    QVERIFY(!all->admin.statsFrom.isValid());
    QVERIFY(!all->admin.statsTo.isValid());
    auto some = parseCommandLine({QStringLiteral("syncserver"),
                                  QStringLiteral("stats"),
                                  QStringLiteral("rebuild"),
                                  QStringLiteral("--shop"),
                                  QStringLiteral("s1"),
                                  QStringLiteral("--from"),
                                  QStringLiteral("2026-02-28"),
                                  QStringLiteral("--to"),
                                  QStringLiteral("2026-02-28")});
    QVERIFY(some);
    QCOMPARE(some->admin.statsFrom, QDate(2026, 2, 28));
    QCOMPARE(some->admin.statsTo, QDate(2026, 2, 28));
}

void tst_ServerConfig::orderTimerInterval_defaultFileAndFlag()
{
    auto defaults = parseCommandLine({QStringLiteral("syncserver")});
    QVERIFY(defaults);
    QCOMPARE(defaults->config.orderTimerIntervalMs, 15'000);
    const QString path = writeConfig("[orders]\ntimer_interval_ms = 2000\n");
    auto fromFile = parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--config"), path});
    QVERIFY2(fromFile, qPrintable(fromFile ? QString() : fromFile.error().message));
    QCOMPARE(fromFile->config.orderTimerIntervalMs, 2000);
    auto flag = parseCommandLine({QStringLiteral("syncserver"),
                                  QStringLiteral("--config"),
                                  path,
                                  QStringLiteral("--order-timer-interval-ms"),
                                  QStringLiteral("500")});
    QVERIFY(flag);
    QCOMPARE(flag->config.orderTimerIntervalMs, 500);
    QVERIFY(!parseCommandLine(
        {QStringLiteral("syncserver"), QStringLiteral("--order-timer-interval-ms"), QStringLiteral("0")}));
    auto help = parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--help")});
    QVERIFY(help->helpText.contains(QLatin1String("--order-timer-interval-ms")));
    QVERIFY(help->helpText.contains(QLatin1String("timer_interval_ms =")));
}

QTEST_GUILESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
