#include "ShopRepository.h"

#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"

#include <QSqlQuery>
#include <QTimeZone>

namespace xd::server {

namespace {

Result<ShopRecord> readShop(Result<QSqlQuery> query, const QString& what)
{
    if (!query)
        return query.error();
    if (!query->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no shop %1").arg(what));
    return ShopRecord{query->value(0).toString(),
                      query->value(1).toString(),
                      query->value(2).toString(),
                      query->value(3).toLongLong()};
}

const QString kShopColumns = QStringLiteral("id, name, time_zone, change_counter");

} // namespace

ShopRepository::ShopRepository(const db::Database& database, const Clock& clock) : m_database(database), m_clock(clock)
{}

Result<ShopRecord> ShopRepository::createShop(const QString& name, const QString& timeZone)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 100)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a shop name has 1 to 100 characters"));
    if (!QTimeZone(timeZone.toUtf8()).isValid())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown time zone '%1'").arg(timeZone));
    const QString id = Id::create(m_clock);
    const qint64 now = m_clock.nowMs();
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO shops (id, name, time_zone, change_counter, created_at_ms, updated_at_ms) "
                       "VALUES (?, ?, ?, 1, ?, ?)"),
        {id, trimmed, timeZone, now, now});
    if (!inserted)
        return inserted.error();
    auto profile = m_database.exec(
        QStringLiteral("INSERT INTO shop_profiles (shop_id, version, updated_at_ms) VALUES (?, 1, ?)"), {id, now});
    if (!profile)
        return profile.error();
    // The shop starts at version 1: a pull from the beginning asks for "after version 0".
    return ShopRecord{id, trimmed, timeZone, 1};
}

Result<ShopRecord> ShopRepository::findShop(const QString& shopId) const
{
    return readShop(m_database.exec(QStringLiteral("SELECT %1 FROM shops WHERE id = ?").arg(kShopColumns), {shopId}),
                    shopId);
}

Result<ShopRecord> ShopRepository::findShopByName(const QString& name) const
{
    return readShop(
        m_database.exec(
            QStringLiteral("SELECT %1 FROM shops WHERE name = ? ORDER BY created_at_ms LIMIT 1").arg(kShopColumns),
            {name}),
        name);
}

Result<QString> ShopRepository::addStaff(
    const QString& shopId, const QString& login, const QString& displayName, Role role, const QString& passwordHash)
{
    const QString cleanLogin = login.trimmed();
    if (cleanLogin.isEmpty() || cleanLogin.size() > 64)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a login has 1 to 64 characters"));
    auto existing = m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM staff WHERE shop_id = ? AND login = ?"),
                                      {shopId, cleanLogin});
    if (!existing)
        return existing.error();
    if (existing->toLongLong() > 0)
        return makeError(ErrorCode::AlreadyExists, QStringLiteral("the shop already has a user '%1'").arg(cleanLogin));

    auto version = bumpChangeCounter(shopId);
    if (!version)
        return version.error();
    const QString id = Id::create(m_clock);
    const qint64 now = m_clock.nowMs();
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO staff (id, shop_id, login, display_name, role, password_hash, disabled, version, "
                       "deleted, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?)"),
        {id,
         shopId,
         cleanLogin,
         displayName.trimmed().isEmpty() ? cleanLogin : displayName.trimmed(),
         roleName(role),
         passwordHash,
         *version,
         now,
         now});
    if (!inserted)
        return inserted.error();
    return id;
}

Status ShopRepository::setStaffPasswordHash(const QString& shopId, const QString& login, const QString& passwordHash)
{
    auto version = bumpChangeCounter(shopId);
    if (!version)
        return version.error();
    auto updated = m_database.exec(
        QStringLiteral(
            "UPDATE staff SET password_hash = ?, version = ?, updated_at_ms = ? WHERE shop_id = ? AND login = ?"),
        {passwordHash, *version, m_clock.nowMs(), shopId, login});
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("no user '%1' in this shop").arg(login));
    return {};
}

Result<qint64> ShopRepository::bumpChangeCounter(const QString& shopId)
{
    auto updated = m_database.exec(
        QStringLiteral("UPDATE shops SET change_counter = change_counter + 1, updated_at_ms = ? WHERE id = ?"),
        {m_clock.nowMs(), shopId});
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("no shop %1").arg(shopId));
    auto counter = m_database.scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {shopId});
    if (!counter)
        return counter.error();
    return counter->toLongLong();
}

} // namespace xd::server
