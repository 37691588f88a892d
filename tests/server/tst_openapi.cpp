// docs/openapi.yaml must document every route the server registers: a route added without its documentation
// fails here. (A light reader of the YAML: path keys at two spaces, methods at four.)
#include "HttpServer.h"
#include "Server.h"
#include "xiaodian/Clock.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class tst_OpenApi : public QObject
{
    Q_OBJECT

private slots:
    void everyRoute_isDocumented();
};

void tst_OpenApi::everyRoute_isDocumented()
{
    QFile file(QStringLiteral(XD_SOURCE_DIR "/docs/openapi.yaml"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QHash<QString, QSet<QString>> documented;
    QString currentPath;
    bool inPaths = false;
    for (const QByteArray& rawLine : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(rawLine);
        if (!line.startsWith(QLatin1Char(' ')) && !line.trimmed().isEmpty())
            inPaths = line.startsWith(QLatin1String("paths:"));
        if (!inPaths)
            continue;
        if (line.startsWith(QLatin1String("  /")) && line.trimmed().endsWith(QLatin1Char(':')))
            currentPath = line.trimmed().chopped(1);
        else if (line.startsWith(QLatin1String("    ")) && !line.startsWith(QLatin1String("     ")))
            documented[currentPath].insert(line.trimmed().section(QLatin1Char(':'), 0, 0).toUpper());
    }
    QVERIFY(!documented.isEmpty());

    QTemporaryDir dir;
    xd::server::ServerConfig config;
    config.dataDir = dir.path();
    config.port = 0;
    const xd::SystemClock clock;
    xd::server::Server server(config, clock);
    QVERIFY(server.start());
    const auto routes = server.http().routes();
    QVERIFY(routes.size() >= 10);
    QStringList missing;
    for (const auto& [method, path] : routes) {
        if (!documented.value(path).contains(QString::fromLatin1(method)))
            missing << QStringLiteral("%1 %2").arg(QString::fromLatin1(method), path);
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("not in docs/openapi.yaml: ") + missing.join(QStringLiteral(", "))));
}

QTEST_GUILESS_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
