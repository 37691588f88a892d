#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/sync/Protocol.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QVariantList>

namespace xd::db {
class Database;
}

namespace xd::server {

// The WHERE part of a pull that selects the rows of the entity at position `order` of sync::entities() after
// `cursor`, for an entity whose sync id is made of `keyColumns` (in id order); `key` holds the cursor id's parts
// when the cursor stopped inside this entity. Binds are appended to `values`. Every reader of synced rows uses it.
QString syncRowsAfter(const sync::Cursor& cursor,
                      int order,
                      const QStringList& keyColumns,
                      const QVariantList& key,
                      QVariantList& values);

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
