#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/sync/Protocol.h"

#include <QJsonObject>
#include <QList>

namespace xd::db {
class Database;
}

namespace xd::server {

// Reads synced rows in their wire shape (the `data` of docs/sync-protocol.md), for pulls and for the REST API.
class EntityReader
{
public:
    explicit EntityReader(const db::Database& database);

    // Rows of `shopId` after `cursor`, in (version, entity, id) order, at most `limit` plus one (to tell "more").
    Result<QList<sync::SyncRow>> changedSince(const QString& shopId, const sync::Cursor& cursor, int limit) const;

    Result<QJsonObject> shop(const QString& shopId) const;
    Result<QList<QJsonObject>> livePhotos(const QString& shopId) const; // with "id", in display order
    Result<QList<QJsonObject>> staff(const QString& shopId) const;      // with "id", by login

private:
    const db::Database& m_database;
};

} // namespace xd::server
