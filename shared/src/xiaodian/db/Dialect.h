#pragma once

#include "xiaodian/db/DatabaseSettings.h"

#include <QString>
#include <QStringList>

namespace xd::db {

// Every difference between SQLite and PostgreSQL that our SQL meets, in one place. Statements elsewhere are
// portable SQL; where a type name differs they use a placeholder that expand() resolves:
//   {blob}  -> BLOB | BYTEA
//   {without_rowid} -> WITHOUT ROWID | (nothing), after a CREATE TABLE whose primary key is the whole point
// Both engines share `INSERT ... ON CONFLICT (...) DO UPDATE SET x = excluded.x` and `RETURNING`
// (SQLite >= 3.35; the server's SQLite is 3.40), so those need no translation.
class Dialect
{
public:
    explicit Dialect(Engine engine) : m_engine(engine) {}

    Engine engine() const { return m_engine; }
    QString name() const;
    QString qtDriverName() const;

    QString expand(const QString& sql) const;

    // A condition that is true when the text of `column` contains the bound parameter ('?') as a plain substring:
    // no pattern characters, so user input with % _ \ is matched literally (LIKE would treat them as wildcards).
    QString containsText(const QString& column) const;

    // Run on every new connection.
    QStringList sessionSetup() const;
    // Starts a transaction that will write. SQLite takes the write lock up front (BEGIN IMMEDIATE) so two
    // writers queue on busy_timeout instead of failing with SQLITE_BUSY when one upgrades a read lock.
    QString beginWrite() const;
    // Starts a read-only transaction that sees one snapshot for all its statements (pull pages).
    QString beginRead() const;
    // Serialises schema migration between processes sharing a database (PostgreSQL); empty where the
    // write transaction already does (SQLite).
    QString migrationLock(const QString& table) const;

private:
    Engine m_engine;
};

} // namespace xd::db
