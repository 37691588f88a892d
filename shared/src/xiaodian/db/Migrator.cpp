#include "xiaodian/db/Migrator.h"

#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QHash>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDb)

namespace xd::db {

namespace {

const QString kTable = QString::fromLatin1(Migrator::TableName);

Status ensureTable(const Database& database)
{
    auto created = database.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS %1 ("
                                                "version INTEGER PRIMARY KEY, "
                                                "name TEXT NOT NULL, "
                                                "applied_at_ms BIGINT NOT NULL)")
                                     .arg(kTable));
    if (!created)
        return created.error();
    return {};
}

} // namespace

Migrator::Migrator(QList<Migration> migrations) : m_migrations(std::move(migrations)) {}

int Migrator::latestVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.constLast().version;
}

Status Migrator::validate() const
{
    for (qsizetype i = 0; i < m_migrations.size(); ++i) {
        if (m_migrations[i].version != int(i) + 1)
            return makeError(ErrorCode::Internal,
                             QStringLiteral("migration #%1 has version %2; versions must be 1, 2, 3, ...")
                                 .arg(i + 1)
                                 .arg(m_migrations[i].version));
    }
    return {};
}

Result<int> Migrator::currentVersion(const Database& database)
{
    if (!database.tableExists(kTable))
        return 0;
    auto version = database.scalar(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM %1").arg(kTable));
    if (!version)
        return version.error();
    return version->toInt();
}

Result<int> Migrator::upToDateVersion(const Database& database) const
{
    auto recorded = database.exec(QStringLiteral("SELECT version, name FROM %1 ORDER BY version").arg(kTable));
    if (!recorded)
        return recorded.error();
    int expected = 1;
    while (recorded->next()) {
        const int version = recorded->value(0).toInt();
        if (version != expected || version > latestVersion() ||
            m_migrations[version - 1].name != recorded->value(1).toString())
            return 0; // something to do or to refuse: the locked path below decides
        ++expected;
    }
    return expected - 1 == latestVersion() ? latestVersion() : 0;
}

Result<int> Migrator::migrate(const Database& database, qint64 nowMs) const
{
    if (const Status valid = validate(); !valid)
        return valid.error();
    // CREATE TABLE IF NOT EXISTS is safe to race; the lock below then serialises the real work.
    if (const Status table = ensureTable(database); !table)
        return table.error();

    // The common case -- nothing to do -- needs no write lock: a server starting (or an operator's command
    // running) beside a busy server must not stall its writers.
    if (auto version = upToDateVersion(database); !version)
        return version.error();
    else if (*version > 0)
        return *version;

    auto tx = Transaction::begin(database);
    if (!tx)
        return tx.error();
    if (const QString lock = database.dialect().migrationLock(kTable); !lock.isEmpty()) {
        if (auto locked = database.exec(lock); !locked)
            return locked.error();
    }

    // Read the history inside the transaction: another process may have migrated meanwhile.
    auto recorded = database.exec(QStringLiteral("SELECT version, name FROM %1 ORDER BY version").arg(kTable));
    if (!recorded)
        return recorded.error();
    QHash<int, QString> applied;
    while (recorded->next())
        applied.insert(recorded->value(0).toInt(), recorded->value(1).toString());

    for (auto it = applied.cbegin(); it != applied.cend(); ++it) {
        if (it.key() > latestVersion())
            return makeError(ErrorCode::SchemaTooNew,
                             QStringLiteral("the database has schema version %1, this program knows up to %2; "
                                            "upgrade the program")
                                 .arg(it.key())
                                 .arg(latestVersion()));
        const Migration& known = m_migrations[it.key() - 1];
        if (known.name != it.value())
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("schema version %1 was recorded as '%2' but this program calls it '%3'")
                                 .arg(it.key())
                                 .arg(it.value(), known.name));
    }

    int version = 0;
    for (const Migration& migration : m_migrations) {
        if (applied.contains(migration.version)) {
            version = migration.version;
            continue;
        }
        for (const QString& statement : migration.statements) {
            if (auto done = database.exec(statement); !done)
                return makeError(ErrorCode::Database,
                                 QStringLiteral("migration %1 (%2) failed: %3")
                                     .arg(migration.version)
                                     .arg(migration.name, done.error().message));
        }
        auto record =
            database.exec(QStringLiteral("INSERT INTO %1 (version, name, applied_at_ms) VALUES (?, ?, ?)").arg(kTable),
                          {migration.version, migration.name, nowMs});
        if (!record)
            return record.error();
        qCInfo(lcDb) << "applied migration" << migration.version << migration.name;
        version = migration.version;
    }
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    return version;
}

} // namespace xd::db
