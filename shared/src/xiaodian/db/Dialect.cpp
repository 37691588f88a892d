#include "xiaodian/db/Dialect.h"

namespace xd::db {

QString Dialect::name() const
{
    return m_engine == Engine::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

QString Dialect::qtDriverName() const
{
    return m_engine == Engine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString Dialect::expand(const QString& sql) const
{
    QString out = sql;
    out.replace(QLatin1String("{blob}"), m_engine == Engine::Sqlite ? QLatin1String("BLOB") : QLatin1String("BYTEA"));
    out.replace(QLatin1String("{without_rowid}"),
                m_engine == Engine::Sqlite ? QLatin1String(" WITHOUT ROWID") : QLatin1String(""));
    return out;
}

QString Dialect::containsText(const QString& column) const
{
    return m_engine == Engine::Sqlite ? QStringLiteral("instr(%1, ?) > 0").arg(column)
                                      : QStringLiteral("strpos(%1, ?) > 0").arg(column);
}

QStringList Dialect::sessionSetup() const
{
    if (m_engine == Engine::Sqlite) {
        return {
            QStringLiteral("PRAGMA journal_mode = WAL"),
            QStringLiteral("PRAGMA foreign_keys = ON"),
            // WAL + NORMAL is durable across application crashes; only a power loss may drop the last commits.
            QStringLiteral("PRAGMA synchronous = NORMAL"),
        };
    }
    return {
        QStringLiteral("SET client_encoding = 'UTF8'"),
        QStringLiteral("SET TIME ZONE 'UTC'"),
        QStringLiteral("SET client_min_messages = WARNING"),
    };
}

QString Dialect::beginWrite() const
{
    return m_engine == Engine::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
}

QString Dialect::beginRead() const
{
    // SQLite in WAL mode: a deferred transaction reads one snapshot from its first SELECT on.
    return m_engine == Engine::Sqlite ? QStringLiteral("BEGIN")
                                      : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ");
}

QString Dialect::migrationLock(const QString& table) const
{
    if (m_engine == Engine::Sqlite)
        return {};
    return QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE").arg(table);
}

} // namespace xd::db
