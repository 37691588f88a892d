#include "xiaodian/db/DatabaseSettings.h"

#include <QUrl>

namespace xd::db {

Result<DatabaseSettings> DatabaseSettings::fromUrl(const QString& url)
{
    DatabaseSettings settings;
    if (url.startsWith(QLatin1String("sqlite:"))) {
        QString path = url.mid(int(qstrlen("sqlite:")));
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2); // sqlite:///abs/path -> /abs/path
        if (path.isEmpty())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("the SQLite URL names no file: %1").arg(url));
        settings.engine = Engine::Sqlite;
        settings.sqlitePath = path;
        return settings;
    }

    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!parsed.isValid() || (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("unsupported database URL '%1' (use sqlite:PATH or postgresql://…)").arg(url));
    settings.engine = Engine::Postgres;
    settings.host = parsed.host().isEmpty() ? QStringLiteral("127.0.0.1") : parsed.host();
    settings.port = parsed.port(5432);
    settings.databaseName = parsed.path().mid(1);
    settings.user = parsed.userName();
    settings.password = parsed.password();
    if (settings.databaseName.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the PostgreSQL URL names no database: %1").arg(url));
    return settings;
}

QString DatabaseSettings::redactedUrl() const
{
    if (engine == Engine::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    QString credentials = user;
    if (!password.isEmpty())
        credentials += QStringLiteral(":***");
    if (!credentials.isEmpty())
        credentials += QLatin1Char('@');
    return QStringLiteral("postgresql://%1%2:%3/%4").arg(credentials, host).arg(port).arg(databaseName);
}

} // namespace xd::db
