#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/db/DatabaseSettings.h"
#include "xiaodian/db/Dialect.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <memory>

namespace xd::db {

// One open connection to the server's database (SQLite or PostgreSQL) plus its dialect. A QSqlDatabase
// connection belongs to the thread that opened it; open one Database per thread. Move-only; closing
// removes the Qt connection, rolling back whatever transaction was left open.
class Database
{
public:
    static Result<Database> open(const DatabaseSettings& settings, const QString& purpose = QStringLiteral("main"));

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    const Dialect& dialect() const { return m_dialect; }
    Engine engine() const { return m_dialect.engine(); }
    QSqlDatabase handle() const;
    QString connectionName() const { return m_connectionName; }

    // Prepares `sql` (after dialect expansion), binds `values` positionally ('?'), executes it.
    Result<QSqlQuery> exec(const QString& sql, const QVariantList& values = {}) const;
    // Executes and reads the first column of the first row; NotFound when there is no row.
    Result<QVariant> scalar(const QString& sql, const QVariantList& values = {}) const;

    bool tableExists(const QString& table) const;
    void close();

private:
    Database(QString connectionName, Dialect dialect);

    QString m_connectionName;
    Dialect m_dialect;
};

// "?, ?, ?": `count` bound-parameter marks, for an IN list or a row of VALUES.
QString placeholders(qsizetype count);

// Text for a NOT NULL column: Qt binds a null QString (an absent JSON value, an empty trim) as SQL NULL, so a null
// string becomes ''.
inline QString notNullText(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace xd::db
