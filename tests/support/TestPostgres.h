#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

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
