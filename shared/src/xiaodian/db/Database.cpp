#include "xiaodian/db/Database.h"

#include "xiaodian/db/SqlError.h"

#include <QAtomicInteger>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QStringList>

Q_LOGGING_CATEGORY(lcDb, "xd.db")

namespace xd::db {

namespace {

QString nextConnectionName(const QString& purpose)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("xd-%1-%2").arg(purpose).arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

Database::Database(QString connectionName, Dialect dialect)
    : m_connectionName(std::move(connectionName)), m_dialect(dialect)
{}

Result<Database> Database::open(const DatabaseSettings& settings, const QString& purpose)
{
    const Dialect dialect(settings.engine);
    if (!QSqlDatabase::isDriverAvailable(dialect.qtDriverName()))
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("the Qt SQL driver %1 is not installed").arg(dialect.qtDriverName()));

    Database database(nextConnectionName(purpose), dialect);
    QSqlDatabase db = QSqlDatabase::addDatabase(dialect.qtDriverName(), database.m_connectionName);
    if (settings.engine == Engine::Sqlite) {
        db.setDatabaseName(settings.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(settings.busyTimeoutMs));
    } else {
        db.setHostName(settings.host);
        db.setPort(settings.port);
        db.setDatabaseName(settings.databaseName);
        db.setUserName(settings.user);
        db.setPassword(settings.password);
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    }
    if (!db.open())
        return sqlError(QStringLiteral("cannot open %1").arg(settings.redactedUrl()), db.lastError());

    for (const QString& statement : dialect.sessionSetup()) {
        QSqlQuery query(db);
        if (!query.exec(statement))
            return sqlError(QStringLiteral("session setup '%1'").arg(statement), query.lastError());
    }
    if (settings.engine == Engine::Sqlite && settings.sqlitePath != QLatin1String(":memory:")) {
        // journal_mode answers with the mode in force; anything but "wal" means the file could not switch.
        auto mode = database.scalar(QStringLiteral("PRAGMA journal_mode"));
        if (!mode || mode->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return makeError(ErrorCode::Database, QStringLiteral("SQLite did not switch to WAL mode"));
    }
    qCDebug(lcDb) << "opened" << settings.redactedUrl() << "as" << database.m_connectionName;
    return database;
}

Database::Database(Database&& other) noexcept
    : m_connectionName(std::exchange(other.m_connectionName, QString())), m_dialect(other.m_dialect)
{}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_connectionName = std::exchange(other.m_connectionName, QString());
        m_dialect = other.m_dialect;
    }
    return *this;
}

Database::~Database()
{
    close();
}

QSqlDatabase Database::handle() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<QSqlQuery> Database::exec(const QString& sql, const QVariantList& values) const
{
    QSqlQuery query(handle());
    query.setForwardOnly(true);
    const QString expanded = m_dialect.expand(sql);
    if (values.isEmpty()) {
        // Unprepared: PostgreSQL cannot PREPARE transaction control, SET or LOCK statements.
        if (!query.exec(expanded))
            return sqlError(QStringLiteral("exec '%1'").arg(expanded), query.lastError());
        return query;
    }
    if (!query.prepare(expanded))
        return sqlError(QStringLiteral("prepare '%1'").arg(expanded), query.lastError());
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return sqlError(QStringLiteral("exec '%1'").arg(expanded), query.lastError());
    return query;
}

Result<QVariant> Database::scalar(const QString& sql, const QVariantList& values) const
{
    auto query = exec(sql, values);
    if (!query)
        return query.error();
    if (!query->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no row for '%1'").arg(sql));
    return query->value(0);
}

bool Database::tableExists(const QString& table) const
{
    return handle().tables().contains(table, Qt::CaseInsensitive);
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close(); // an open transaction is rolled back by the engine
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

} // namespace xd::db
