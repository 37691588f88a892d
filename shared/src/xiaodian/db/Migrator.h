#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/db/Migration.h"

#include <QList>

namespace xd::db {

class Database;

// Applies numbered, forward-only migrations at start-up. All pending migrations run in one write
// transaction and are recorded in `schema_migrations` (version, name, applied_at_ms): the database moves
// from one released schema to another or not at all. A database written by a newer program
// (a recorded version we don't know) is refused with SchemaTooNew rather than being touched.
class Migrator
{
public:
    static constexpr const char* TableName = "schema_migrations";

    explicit Migrator(QList<Migration> migrations);

    // Returns the schema version after migrating.
    Result<int> migrate(const Database& database, qint64 nowMs) const;
    // Highest recorded version, 0 for an empty database.
    static Result<int> currentVersion(const Database& database);
    int latestVersion() const;

private:
    Status validate() const;
    // The latest version when the recorded history is exactly this program's, else 0 (read without locking).
    Result<int> upToDateVersion(const Database& database) const;

    QList<Migration> m_migrations;
};

} // namespace xd::db
