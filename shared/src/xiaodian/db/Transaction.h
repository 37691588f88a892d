#pragma once

#include "xiaodian/Result.h"

namespace xd::db {

class Database;

// A transaction that rolls back unless committed: every money or stock change runs inside one.
//   auto tx = Transaction::begin(db);
//   if (!tx) return tx.error();
//   ... writes ...
//   return tx->commit();
class Transaction
{
public:
    enum class Mode { Write, ReadSnapshot };
    static Result<Transaction> begin(const Database& database, Mode mode = Mode::Write);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status commit();
    Status rollback();
    bool isActive() const { return m_database != nullptr; }

private:
    explicit Transaction(const Database* database) : m_database(database) {}

    const Database* m_database;
};

} // namespace xd::db
