#pragma once

#include "xiaodian/Result.h"

#include <QString>

namespace xd::db {

enum class Engine { Sqlite, Postgres };

// Where the server's database is. Written as a URL in config files and on the command line:
//   sqlite:///var/lib/xiaodian/xiaodian.db   sqlite:relative/path.db   sqlite::memory:
//   postgresql://user:password@127.0.0.1:5432/xiaodian
struct DatabaseSettings
{
    Engine engine = Engine::Sqlite;
    QString sqlitePath; // SQLite: file path, or ":memory:"
    QString host;       // PostgreSQL
    int port = 5432;
    QString databaseName;
    QString user;
    QString password;
    int busyTimeoutMs = 5000; // SQLite: how long a writer waits for the write lock

    static Result<DatabaseSettings> fromUrl(const QString& url);
    // The URL again, with the password replaced by "***": for logs.
    QString redactedUrl() const;
};

} // namespace xd::db
