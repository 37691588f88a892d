#include "xiaodian/db/Transaction.h"

#include "xiaodian/db/Database.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDb)

namespace xd::db {

Result<Transaction> Transaction::begin(const Database& database, Mode mode)
{
    auto begun = database.exec(mode == Mode::Write ? database.dialect().beginWrite() : database.dialect().beginRead());
    if (!begun)
        return begun.error();
    return Transaction(&database);
}

Transaction::Transaction(Transaction&& other) noexcept : m_database(std::exchange(other.m_database, nullptr)) {}

Transaction::~Transaction()
{
    if (m_database) {
        const Status rolledBack = rollback();
        if (!rolledBack)
            qCWarning(lcDb) << "rollback failed:" << rolledBack.error().toString();
    }
}

Status Transaction::commit()
{
    if (!m_database)
        return makeError(ErrorCode::Internal, QStringLiteral("commit without an active transaction"));
    const Database* database = std::exchange(m_database, nullptr);
    auto committed = database->exec(QStringLiteral("COMMIT"));
    if (!committed) {
        // A failed COMMIT leaves PostgreSQL's transaction aborted and SQLite's possibly open: end it.
        (void)database->exec(QStringLiteral("ROLLBACK"));
        return committed.error();
    }
    return {};
}

Status Transaction::rollback()
{
    if (!m_database)
        return makeError(ErrorCode::Internal, QStringLiteral("rollback without an active transaction"));
    const Database* database = std::exchange(m_database, nullptr);
    auto rolledBack = database->exec(QStringLiteral("ROLLBACK"));
    if (!rolledBack)
        return rolledBack.error();
    return {};
}

} // namespace xd::db
