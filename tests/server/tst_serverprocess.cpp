// The real syncserver binary, started as a child process the way an operator starts it.
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

class tst_ServerProcess : public QObject
{
    Q_OBJECT

private slots:
    void help_listsEveryFlag_andExitsZero();
    void badFlag_exitsWithUsageError();
    void start_servesHealthz_andStopsCleanlyOnSigterm();
    void sigint_stopsCleanlyToo();
    void demo_printsWorkingCredentials_andRestartKeepsTheShop();
    void busyPort_failsWithAClearMessage();

private:
    struct Started
    {
        std::unique_ptr<QProcess> process;
        quint16 port = 0;
        QString stdoutText;
    };
    Started start(const QStringList& extraArgs);
    QPair<int, QJsonObject> get(quint16 port, const QString& path);

    QTemporaryDir m_dir;
};

tst_ServerProcess::Started tst_ServerProcess::start(const QStringList& extraArgs)
{
    Started started;
    started.process = std::make_unique<QProcess>();
    started.process->setProgram(QStringLiteral(XD_SYNCSERVER_PATH));
    started.process->setArguments(QStringList{QStringLiteral("--port"),
                                              QStringLiteral("0"),
                                              QStringLiteral("--data-dir"),
                                              m_dir.filePath(QStringLiteral("data"))} +
                                  extraArgs);
    started.process->start();
    if (!started.process->waitForStarted(10000))
        return started;
    // The first stdout line announces the address; logs go to stderr.
    const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000 && started.process->state() == QProcess::Running) {
        started.process->waitForReadyRead(200);
        started.stdoutText += QString::fromUtf8(started.process->readAllStandardOutput());
        const auto match = listening.match(started.stdoutText);
        if (match.hasMatch() && started.stdoutText.endsWith(QLatin1Char('\n'))) {
            started.port = quint16(match.captured(1).toUInt());
            // Give the demo lines, printed right after, a moment to arrive.
            started.process->waitForReadyRead(200);
            started.stdoutText += QString::fromUtf8(started.process->readAllStandardOutput());
            break;
        }
    }
    return started;
}

QPair<int, QJsonObject> tst_ServerProcess::get(quint16 port, const QString& path)
{
    QNetworkAccessManager network;
    QNetworkReply* reply =
        network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path))));
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return {status, body};
}

void tst_ServerProcess::help_listsEveryFlag_andExitsZero()
{
    QProcess process;
    process.start(QStringLiteral(XD_SYNCSERVER_PATH), {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    for (const char* flag : {"--config",
                             "--listen",
                             "--port",
                             "--data-dir",
                             "--database",
                             "--log-format",
                             "--log-rules",
                             "--demo",
                             "[database]"})
        QVERIFY2(help.contains(QLatin1String(flag)), flag);

    process.start(QStringLiteral(XD_SYNCSERVER_PATH), {QStringLiteral("--version")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().startsWith("syncserver "));
}

void tst_ServerProcess::badFlag_exitsWithUsageError()
{
    QProcess process;
    process.start(QStringLiteral(XD_SYNCSERVER_PATH), {QStringLiteral("--port"), QStringLiteral("eighty")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("eighty"));
}

void tst_ServerProcess::start_servesHealthz_andStopsCleanlyOnSigterm()
{
    Started server = start({});
    QVERIFY2(server.port != 0, server.process->readAllStandardError().constData());
    const auto [status, body] = get(server.port, QStringLiteral("/healthz"));
    QCOMPARE(status, 200);
    QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(body.value(QStringLiteral("database")).toString(), QStringLiteral("sqlite"));
    QVERIFY(body.value(QStringLiteral("schemaVersion")).toInt() >= 1);
    QCOMPARE(get(server.port, QStringLiteral("/no/such/route")).first, 404);

#ifdef Q_OS_UNIX
    ::kill(pid_t(server.process->processId()), SIGTERM);
    QVERIFY(server.process->waitForFinished(10000));
    QCOMPARE(server.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process->exitCode(), 0);
    const QByteArray log = server.process->readAllStandardError();
    QVERIFY2(log.contains("shutting down") && log.contains("stopped"), log.constData());
    QVERIFY(log.contains("GET /healthz 200"));
#endif
}

void tst_ServerProcess::sigint_stopsCleanlyToo()
{
#ifdef Q_OS_UNIX
    Started server = start({QStringLiteral("--log-format"), QStringLiteral("json")});
    QVERIFY(server.port != 0);
    ::kill(pid_t(server.process->processId()), SIGINT);
    QVERIFY(server.process->waitForFinished(10000));
    QCOMPARE(server.process->exitCode(), 0);
    // JSON logs: every stderr line is an object with the documented fields.
    const QList<QByteArray> lines = server.process->readAllStandardError().trimmed().split('\n');
    QVERIFY(lines.size() >= 3);
    for (const QByteArray& line : lines) {
        const QJsonObject entry = QJsonDocument::fromJson(line).object();
        QVERIFY2(entry.contains(QStringLiteral("ts")) && entry.contains(QStringLiteral("level")) &&
                     entry.contains(QStringLiteral("category")) && entry.contains(QStringLiteral("msg")),
                 line.constData());
    }
    QCOMPARE(QJsonDocument::fromJson(lines.last()).object().value(QStringLiteral("msg")).toString(),
             QStringLiteral("stopped"));
#else
    QSKIP("POSIX signals only");
#endif
}

void tst_ServerProcess::demo_printsWorkingCredentials_andRestartKeepsTheShop()
{
    const QRegularExpression credentials(
        QStringLiteral("demo login: shop \"([^\"]+)\", user \"([^\"]+)\", password \"([^\"]+)\""));
    const QRegularExpression shopId(QStringLiteral("demo shop: .* \\(id ([0-9a-f-]{36})\\)"));

    Started first = start({QStringLiteral("--demo")});
    QVERIFY(first.port != 0);
    const auto firstMatch = credentials.match(first.stdoutText);
    QVERIFY2(firstMatch.hasMatch(), qPrintable(first.stdoutText));
    QCOMPARE(firstMatch.captured(1), QStringLiteral("小店演示店"));
    QCOMPARE(firstMatch.captured(2), QStringLiteral("owner"));
    QVERIFY(firstMatch.captured(3).size() >= 12);
    const QString firstShop = shopId.match(first.stdoutText).captured(1);
    QVERIFY(!firstShop.isEmpty());
    first.process->terminate();
    QVERIFY(first.process->waitForFinished(10000));

    Started second = start({QStringLiteral("--demo")});
    QVERIFY(second.port != 0);
    const auto secondMatch = credentials.match(second.stdoutText);
    QVERIFY(secondMatch.hasMatch());
    QCOMPARE(shopId.match(second.stdoutText).captured(1), firstShop); // the same shop, not a second one
    QVERIFY(secondMatch.captured(3) != firstMatch.captured(3));       // a fresh password each start
    second.process->terminate();
    QVERIFY(second.process->waitForFinished(10000));

    // What is stored is an Argon2id hash, never the password.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(m_dir.filePath(QStringLiteral("data/xiaodian.db")));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM shops")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QVERIFY(query.exec(QStringLiteral("SELECT password_hash, role FROM staff")));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toString().startsWith(QStringLiteral("$argon2id$")));
        QVERIFY(!query.value(0).toString().contains(secondMatch.captured(3)));
        QCOMPARE(query.value(1).toString(), QStringLiteral("owner"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
}

void tst_ServerProcess::busyPort_failsWithAClearMessage()
{
    Started first = start({});
    QVERIFY(first.port != 0);
    QProcess second;
    second.start(QStringLiteral(XD_SYNCSERVER_PATH),
                 {QStringLiteral("--port"),
                  QString::number(first.port),
                  QStringLiteral("--data-dir"),
                  m_dir.filePath(QStringLiteral("data2"))});
    QVERIFY(second.waitForFinished(20000));
    QCOMPARE(second.exitCode(), 1);
    QVERIFY(second.readAllStandardError().contains(QByteArray::number(first.port)));
    first.process->terminate();
    QVERIFY(first.process->waitForFinished(10000));
}

QTEST_GUILESS_MAIN(tst_ServerProcess)
#include "tst_serverprocess.moc"
