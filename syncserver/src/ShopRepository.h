#pragma once

#include "xiaodian/Permissions.h"
#include "xiaodian/Result.h"

#include <QString>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

struct ShopRecord
{
    QString id;
    QString name;
    QString timeZone;
    qint64 changeCounter = 0;
};

// Shops, their staff, and the per-shop change counter. Every write that desktops must see bumps the counter
// in the same transaction (bumpChangeCounter); callers own the transaction.
class ShopRepository
{
public:
    ShopRepository(const db::Database& database, const Clock& clock);

    Result<ShopRecord> createShop(const QString& name, const QString& timeZone = QStringLiteral("Asia/Shanghai"));
    Result<ShopRecord> findShop(const QString& shopId) const;
    Result<ShopRecord> findShopByName(const QString& name) const;

    // Adds a staff account; the login is unique within the shop. Returns the new staff id.
    Result<QString> addStaff(const QString& shopId,
                             const QString& login,
                             const QString& displayName,
                             Role role,
                             const QString& passwordHash);
    Status setStaffPasswordHash(const QString& shopId, const QString& login, const QString& passwordHash);

    // Moves the shop's counter by one and returns the new value: the version to stamp on the rows written.
    Result<qint64> bumpChangeCounter(const QString& shopId);

private:
    const db::Database& m_database;
    const Clock& m_clock;
};

} // namespace xd::server
