#pragma once

#include "ServerProcess.h"
#include "TestPostgres.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QVariant>

#include <memory>

// What the server suites that run on both engines share, as a second base of their test class: the engine named on
// the command line, one real syncserver process in a temporary folder (on a PostgreSQL database of its own when the
// engine is PostgreSQL), the demo shop's owner signed in, and reads of the server's database behind its back.
// Header only, like TestPostgres.h: the suites that include it link Qt6::Sql themselves.
class ServerFixture
{
public:
    // "sqlite" (the default) or "postgres": set by serverTestMain() from the command line.
    static QString& engine()
    {
        static QString name = QStringLiteral("sqlite");
        return name;
    }
    static bool isPostgres() { return engine() == QLatin1String("postgres"); }

protected:
    // Starts the server with `extraArgs` (on a fresh database "<databasePrefix>_<pid>" of the test cluster when the
    // engine is PostgreSQL) and signs the demo owner in: m_token and m_shopId. False with the reason in *error.
    bool startServer(const QString& databasePrefix, QStringList extraArgs, QString* error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        if (isPostgres()) {
            // A database of its own inside the fixture's cluster, so that other suites can run beside it.
            m_postgresUrl = createTestDatabase(databasePrefix, error);
            if (m_postgresUrl.isEmpty())
                return false;
            extraArgs << QStringLiteral("--database") << m_postgresUrl.toString();
        }
        m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("data")));
        if (!m_server->start(extraArgs)) {
            *error = m_server->errorText();
            return false;
        }
        m_token = m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
        m_shopId = m_server->demoShopId();
        if (m_token.isEmpty())
            *error = QStringLiteral("the demo owner could not sign in");
        return !m_token.isEmpty();
    }

    // A connection `connectionName` to the server's own database (SQLite file or PostgreSQL), opened; the caller
    // removes it when done.
    QSqlDatabase openServerDatabase(const QString& connectionName) const
    {
        if (m_postgresUrl.isEmpty()) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
            db.setDatabaseName(m_server->dataDir() + QStringLiteral("/xiaodian.db"));
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            db.open();
            return db;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        db.setHostName(m_postgresUrl.host());
        db.setPort(m_postgresUrl.port(5432));
        db.setUserName(m_postgresUrl.userName());
        db.setDatabaseName(m_postgresUrl.path().mid(1));
        db.open();
        return db;
    }

    // The first column of the first row of `sql` (with `values` bound) on the server's database; an invalid QVariant
    // (and a warning) when there is no row or the query fails.
    QVariant scalar(const QString& sql, const QVariantList& values = {}) const
    {
        QVariant result;
        {
            QSqlDatabase db = openServerDatabase(QStringLiteral("scalar"));
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant& value : values)
                query.addBindValue(value);
            if (query.exec() && query.next())
                result = query.value(0);
            else
                qWarning() << "query failed:" << sql;
        }
        QSqlDatabase::removeDatabase(QStringLiteral("scalar"));
        return result;
    }

    // Runs one statement (with `values` bound) on the server's database, to seed or damage rows the API cannot;
    // false (and a warning naming the statement) when it fails.
    bool exec(const QString& sql, const QVariantList& values = {}) const
    {
        bool ok = false;
        {
            QSqlDatabase db = openServerDatabase(QStringLiteral("exec"));
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant& value : values)
                query.addBindValue(value);
            ok = query.exec();
            if (!ok)
                qWarning() << "statement failed:" << sql << query.lastError().text();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("exec"));
        return ok;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_token;    // the demo owner's
    QString m_shopId;   // the demo shop's
    QUrl m_postgresUrl; // the server's own database when the engine is PostgreSQL
};

// `path` with a query string of `params`, every value fully encoded: '%', '+' and '&' in a search reach the server as
// typed.
inline QString withQuery(const QString& path, const QList<std::pair<QString, QString>>& params)
{
    QStringList parts;
    for (const auto& [key, value] : params)
        parts << key + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value));
    return parts.isEmpty() ? path : path + QLatin1Char('?') + parts.join(QLatin1Char('&'));
}

// The "id" of each object of a list answer's items, in order.
inline QStringList idsOf(const QJsonArray& items)
{
    QStringList ids;
    for (const QJsonValue& item : items)
        ids << item.toObject().value(QStringLiteral("id")).toString();
    return ids;
}

// main() of a suite that runs on both engines: `tst_x [sqlite|postgres] [QTest arguments]`.
template <class Test> int serverTestMain(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    if (args.size() >= 2 && (args.at(1) == QLatin1String("sqlite") || args.at(1) == QLatin1String("postgres")))
        ServerFixture::engine() = args.takeAt(1);
    Test test;
    return QTest::qExec(&test, args);
}
