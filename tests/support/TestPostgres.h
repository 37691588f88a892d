#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUrl>

// The PostgreSQL the tests run against: XD_TEST_POSTGRES_URL, or the URL that the ctest fixture
// (scripts/pg-throwaway.sh) wrote to the file named by XD_TEST_POSTGRES_ENV. Empty when neither is there.
inline QString testPostgresUrl()
{
    QString url = qEnvironmentVariable("XD_TEST_POSTGRES_URL");
    if (!url.isEmpty())
        return url;
    QFile env(qEnvironmentVariable("XD_TEST_POSTGRES_ENV"));
    if (!env.open(QIODevice::ReadOnly))
        return {};
    const QByteArray prefix = "XD_TEST_POSTGRES_URL=";
    for (const QByteArray& line : env.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return QString::fromUtf8(line.mid(prefix.size()).trimmed());
    }
    return {};
}

// A fresh database "<prefix>_<pid>" in the test cluster, so that suites run side by side: its URL, or an empty URL
// with the reason in *error.
inline QUrl createTestDatabase(const QString& prefix, QString* error)
{
    const QUrl fixture(testPostgresUrl());
    if (!fixture.isValid() || fixture.host().isEmpty()) {
        *error = QStringLiteral(
            "no PostgreSQL: set XD_TEST_POSTGRES_URL or run through ctest (its fixture starts a cluster)");
        return {};
    }
    const QString name = QStringLiteral("%1_%2").arg(prefix).arg(QCoreApplication::applicationPid());
    QUrl url;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("create-test-database"));
        admin.setHostName(fixture.host());
        admin.setPort(fixture.port(5432));
        admin.setUserName(fixture.userName());
        admin.setDatabaseName(fixture.path().mid(1));
        QSqlQuery query(admin);
        if (!admin.open() || !query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name)) ||
            !query.exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
            *error = admin.lastError().text() + query.lastError().text();
        } else {
            url = fixture;
            url.setPath(QLatin1Char('/') + name);
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("create-test-database"));
    return url;
}
