#include "EntityReader.h"

#include "OrderReader.h"
#include "ReviewReader.h"
#include "StatsReader.h"
#include "xiaodian/db/Database.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace xd::server {

namespace {

QJsonValue parseJson(const QString& text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isArray())
        return doc.array();
    return doc.object();
}

// Always the full shape, whatever older rows stored.
QJsonObject customerServiceOf(const QString& text)
{
    const QJsonObject stored = parseJson(text).toObject();
    return QJsonObject{{QStringLiteral("enabled"), stored.value(QStringLiteral("enabled")).toBool(false)},
                       {QStringLiteral("greeting"), stored.value(QStringLiteral("greeting")).toString()},
                       {QStringLiteral("autoReply"), stored.value(QStringLiteral("autoReply")).toString()}};
}

const QString kShopSelect = QStringLiteral("SELECT s.id AS id, p.version AS version, s.name, s.time_zone, p.intro, "
                                           "p.service_items, p.opening_hours, p.address, "
                                           "p.latitude_e6, p.longitude_e6, p.phones, p.customer_service "
                                           "FROM shops s JOIN shop_profiles p ON p.shop_id = s.id WHERE s.id = ?");

QJsonObject shopData(const QSqlQuery& q)
{
    return QJsonObject{
        {QStringLiteral("name"), q.value(2).toString()},
        {QStringLiteral("timeZone"), q.value(3).toString()},
        {QStringLiteral("intro"), q.value(4).toString()},
        {QStringLiteral("serviceItems"), parseJson(q.value(5).toString())},
        {QStringLiteral("openingHours"), parseJson(q.value(6).toString())},
        {QStringLiteral("address"), q.value(7).toString()},
        {QStringLiteral("latitudeE6"), q.value(8).isNull() ? QJsonValue() : QJsonValue(q.value(8).toLongLong())},
        {QStringLiteral("longitudeE6"), q.value(9).isNull() ? QJsonValue() : QJsonValue(q.value(9).toLongLong())},
        {QStringLiteral("phones"), parseJson(q.value(10).toString())},
        {QStringLiteral("customerService"), customerServiceOf(q.value(11).toString())}};
}

const QString kStaffColumns = QStringLiteral("id, version, deleted, login, display_name, role, disabled");

QJsonObject staffData(const QSqlQuery& q)
{
    return QJsonObject{{QStringLiteral("login"), q.value(3).toString()},
                       {QStringLiteral("displayName"), q.value(4).toString()},
                       {QStringLiteral("role"), q.value(5).toString()},
                       {QStringLiteral("disabled"), q.value(6).toInt() != 0}};
}

const QString kPhotoColumns =
    QStringLiteral("id, version, deleted, position, content_type, width, height, bytes, shop_id");

QJsonObject photoData(const QSqlQuery& q)
{
    return QJsonObject{
        {QStringLiteral("position"), q.value(3).toInt()},
        {QStringLiteral("contentType"), q.value(4).toString()},
        {QStringLiteral("width"), q.value(5).toInt()},
        {QStringLiteral("height"), q.value(6).toInt()},
        {QStringLiteral("bytes"), q.value(7).toLongLong()},
        {QStringLiteral("url"),
         QStringLiteral("/api/v1/shops/%1/photos/%2").arg(q.value(8).toString(), q.value(0).toString())}};
}

// The WHERE clause that selects the rows of entity `order` (keyed by id) after `cursor`; binds appended to `values`.
QString afterCursor(const sync::Cursor& cursor, int order, QVariantList& values)
{
    return syncRowsAfter(cursor, order, {QStringLiteral("id")}, {cursor.id}, values);
}

} // namespace

QString syncRowsAfter(
    const sync::Cursor& cursor, int order, const QStringList& keyColumns, const QVariantList& key, QVariantList& values)
{
    if (cursor.entity < 0 || order < cursor.entity) {
        values << cursor.version;
        return QStringLiteral("version > ?");
    }
    if (order > cursor.entity) {
        values << cursor.version;
        return QStringLiteral("version >= ?");
    }
    // A row-value comparison, not "version > ? OR (version = ? AND id > ?)": both engines turn it into one index
    // range on (shop_id, version, key...); the OR form made SQLite scan the whole version for every page.
    values << cursor.version << key;
    return QStringLiteral("(version, %1) > (?, %2)")
        .arg(keyColumns.join(QStringLiteral(", ")),
             QStringList(key.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
}

EntityReader::EntityReader(const db::Database& database) : m_database(database) {}

Result<QList<sync::SyncRow>>
EntityReader::changedSince(const QString& shopId, const sync::Cursor& cursor, int limit) const
{
    QList<sync::SyncRow> rows;
    const QString limitClause = QStringLiteral(" ORDER BY version, id LIMIT %1").arg(limit + 1);

    { // shop: one row, keyed by the shop id
        QVariantList values{shopId};
        const QString where = afterCursor(cursor, sync::entityOrder(QStringLiteral("shop")), values);
        auto q =
            m_database.exec(QStringLiteral("SELECT * FROM (%1) shop_row WHERE %2").arg(kShopSelect, where), values);
        if (!q)
            return q.error();
        while (q->next())
            rows.append(sync::SyncRow{
                QStringLiteral("shop"), q->value(0).toString(), q->value(1).toLongLong(), false, shopData(*q)});
    }
    { // staff
        QVariantList values{shopId};
        const QString where = afterCursor(cursor, sync::entityOrder(QStringLiteral("staff")), values);
        auto q = m_database.exec(
            QStringLiteral("SELECT %1 FROM staff WHERE shop_id = ? AND %2").arg(kStaffColumns, where) + limitClause,
            values);
        if (!q)
            return q.error();
        while (q->next()) {
            const bool deleted = q->value(2).toInt() != 0;
            rows.append(sync::SyncRow{QStringLiteral("staff"),
                                      q->value(0).toString(),
                                      q->value(1).toLongLong(),
                                      deleted,
                                      deleted ? QJsonObject() : staffData(*q)});
        }
    }
    { // shop photos
        QVariantList values{shopId};
        const QString where = afterCursor(cursor, sync::entityOrder(QStringLiteral("shop_photo")), values);
        auto q = m_database.exec(
            QStringLiteral("SELECT %1 FROM shop_photos WHERE shop_id = ? AND %2").arg(kPhotoColumns, where) +
                limitClause,
            values);
        if (!q)
            return q.error();
        while (q->next()) {
            const bool deleted = q->value(2).toInt() != 0;
            rows.append(sync::SyncRow{QStringLiteral("shop_photo"),
                                      q->value(0).toString(),
                                      q->value(1).toLongLong(),
                                      deleted,
                                      deleted ? QJsonObject() : photoData(*q)});
        }
    }

    { // categories
        QVariantList values{shopId};
        const QString where = afterCursor(cursor, sync::entityOrder(QStringLiteral("category")), values);
        auto q = m_database.exec(
            QStringLiteral("SELECT id, version, deleted, parent_id, name, icon, position FROM categories "
                           "WHERE shop_id = ? AND %1")
                    .arg(where) +
                limitClause,
            values);
        if (!q)
            return q.error();
        while (q->next()) {
            const bool deleted = q->value(2).toInt() != 0;
            QJsonObject data;
            if (!deleted)
                data = QJsonObject{{QStringLiteral("parentId"),
                                    q->value(3).isNull() ? QJsonValue() : QJsonValue(q->value(3).toString())},
                                   {QStringLiteral("name"), q->value(4).toString()},
                                   {QStringLiteral("icon"), q->value(5).toString()},
                                   {QStringLiteral("position"), q->value(6).toInt()}};
            rows.append(sync::SyncRow{
                QStringLiteral("category"), q->value(0).toString(), q->value(1).toLongLong(), deleted, data});
        }
    }
    { // products, each with its SKUs (product.save rewrites a product and its SKUs at one version)
        QVariantList values{shopId};
        const QString where = afterCursor(cursor, sync::entityOrder(QStringLiteral("product")), values);
        auto q = m_database.exec(
            QStringLiteral("SELECT id, version, deleted, category_id, name, subtitle, keywords, description, images, "
                           "on_shelf, sort_weight, sales_count, created_at_ms, updated_at_ms FROM products "
                           "WHERE shop_id = ? AND %1")
                    .arg(where) +
                limitClause,
            values);
        if (!q)
            return q.error();
        QList<qsizetype> live; // indexes into rows of products that need their SKUs
        while (q->next()) {
            const bool deleted = q->value(2).toInt() != 0;
            QJsonObject data;
            if (!deleted) {
                data = QJsonObject{{QStringLiteral("categoryId"),
                                    q->value(3).isNull() ? QJsonValue() : QJsonValue(q->value(3).toString())},
                                   {QStringLiteral("name"), q->value(4).toString()},
                                   {QStringLiteral("subtitle"), q->value(5).toString()},
                                   {QStringLiteral("keywords"), q->value(6).toString()},
                                   {QStringLiteral("description"), q->value(7).toString()},
                                   {QStringLiteral("images"), parseJson(q->value(8).toString())},
                                   {QStringLiteral("onShelf"), q->value(9).toInt() != 0},
                                   {QStringLiteral("sortWeight"), q->value(10).toLongLong()},
                                   {QStringLiteral("salesCount"), q->value(11).toLongLong()},
                                   {QStringLiteral("createdAtMs"), q->value(12).toLongLong()},
                                   {QStringLiteral("updatedAtMs"), q->value(13).toLongLong()},
                                   {QStringLiteral("skus"), QJsonArray()}};
                live.append(rows.size());
            }
            rows.append(sync::SyncRow{
                QStringLiteral("product"), q->value(0).toString(), q->value(1).toLongLong(), deleted, data});
        }
        if (!live.isEmpty()) {
            // One query for the SKUs of the whole page, not one per product. Keyed by product id alone (the ids are
            // this shop's, read above), like CatalogReader: with "shop_id = ? AND" SQLite chose the (shop_id,
            // version, id) index and walked every SKU of the shop for each page -- 230 ms a page at 350,000 SKUs,
            // 2 ms on product_skus_product (docs/performance.md).
            QHash<QString, qsizetype> byId;
            QStringList placeholders;
            QVariantList ids;
            for (const qsizetype index : std::as_const(live)) {
                byId.insert(rows[index].id, index);
                placeholders << QStringLiteral("?");
                ids << rows[index].id;
            }
            auto skus = m_database.exec(
                QStringLiteral(
                    "SELECT product_id, id, position, specs, price_fen, original_price_fen, stock, code, image "
                    "FROM product_skus WHERE product_id IN (%1) AND deleted = 0 "
                    "ORDER BY product_id, position, id")
                    .arg(placeholders.join(QLatin1Char(','))),
                ids);
            if (!skus)
                return skus.error();
            QHash<QString, QJsonArray> lists;
            while (skus->next()) {
                lists[skus->value(0).toString()].append(
                    QJsonObject{{QStringLiteral("id"), skus->value(1).toString()},
                                {QStringLiteral("position"), skus->value(2).toInt()},
                                {QStringLiteral("specs"), parseJson(skus->value(3).toString())},
                                {QStringLiteral("priceFen"), skus->value(4).toLongLong()},
                                {QStringLiteral("originalPriceFen"), skus->value(5).toLongLong()},
                                {QStringLiteral("stock"), skus->value(6).toLongLong()},
                                {QStringLiteral("code"), skus->value(7).toString()},
                                {QStringLiteral("image"), skus->value(8).toString()}});
            }
            for (auto it = lists.cbegin(); it != lists.cend(); ++it)
                rows[byId.value(it.key())].data.insert(QStringLiteral("skus"), it.value());
        }
    }
    { // articles (viewCount: the count when the row is read -- see docs/articles.md)
        QVariantList values{shopId};
        const QString where = afterCursor(cursor, sync::entityOrder(QStringLiteral("article")), values);
        auto q = m_database.exec(
            QStringLiteral("SELECT id, version, deleted, title, cover, summary, body, category, published, "
                           "publish_at_ms, view_count, created_at_ms, updated_at_ms FROM articles "
                           "WHERE shop_id = ? AND %1")
                    .arg(where) +
                limitClause,
            values);
        if (!q)
            return q.error();
        while (q->next()) {
            const bool deleted = q->value(2).toInt() != 0;
            QJsonObject data;
            if (!deleted)
                data = QJsonObject{{QStringLiteral("title"), q->value(3).toString()},
                                   {QStringLiteral("cover"), q->value(4).toString()},
                                   {QStringLiteral("summary"), q->value(5).toString()},
                                   {QStringLiteral("body"), q->value(6).toString()},
                                   {QStringLiteral("category"), q->value(7).toString()},
                                   {QStringLiteral("published"), q->value(8).toInt() != 0},
                                   {QStringLiteral("publishAtMs"), q->value(9).toLongLong()},
                                   {QStringLiteral("viewCount"), q->value(10).toLongLong()},
                                   {QStringLiteral("createdAtMs"), q->value(11).toLongLong()},
                                   {QStringLiteral("updatedAtMs"), q->value(12).toLongLong()}};
            rows.append(sync::SyncRow{
                QStringLiteral("article"), q->value(0).toString(), q->value(1).toLongLong(), deleted, data});
        }
    }
    { // reviews (the shape is ReviewReader's)
        QVariantList values{shopId};
        const QString where = afterCursor(cursor, sync::entityOrder(QStringLiteral("review")), values);
        if (const Status read = ReviewReader::appendSyncRows(m_database, where, values, limitClause, rows); !read)
            return read.error();
    }
    { // orders, each with its lines and events (docs/orders.md, "Sync entity order"); order settings, one per shop
        const OrderReader orders(m_database);
        QVariantList values;
        const QString where = afterCursor(cursor, sync::entityOrder(QStringLiteral("order")), values);
        auto changed = orders.changedOrders(shopId, where, values, limit);
        if (!changed)
            return changed.error();
        rows << *changed;
        QVariantList settingsValues;
        const QString settingsWhere =
            afterCursor(cursor, sync::entityOrder(QStringLiteral("order_settings")), settingsValues);
        auto settings = orders.changedSettings(shopId, settingsWhere, settingsValues);
        if (!settings)
            return settings.error();
        rows << *settings;
    }
    { // statistics rollups: stats_day, stats_product_day (docs/statistics.md)
        if (const Status read = StatsReader::appendSyncRows(m_database, shopId, cursor, limit, rows); !read)
            return read.error();
    }

    std::sort(rows.begin(), rows.end(), [](const sync::SyncRow& a, const sync::SyncRow& b) {
        if (a.version != b.version)
            return a.version < b.version;
        const int ea = sync::entityOrder(a.entity);
        const int eb = sync::entityOrder(b.entity);
        if (ea != eb)
            return ea < eb;
        return a.id < b.id;
    });
    if (rows.size() > limit + 1)
        rows.resize(limit + 1);
    return rows;
}

Result<QJsonObject> EntityReader::shop(const QString& shopId) const
{
    auto q = m_database.exec(kShopSelect, {shopId});
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such shop"));
    QJsonObject data = shopData(*q);
    data.insert(QStringLiteral("id"), q->value(0).toString());
    data.insert(QStringLiteral("version"), q->value(1).toLongLong());
    return data;
}

Result<QList<QJsonObject>> EntityReader::livePhotos(const QString& shopId) const
{
    auto q =
        m_database.exec(QStringLiteral("SELECT %1 FROM shop_photos WHERE shop_id = ? AND deleted = 0 ORDER BY position")
                            .arg(kPhotoColumns),
                        {shopId});
    if (!q)
        return q.error();
    QList<QJsonObject> photos;
    while (q->next()) {
        QJsonObject photo = photoData(*q);
        photo.insert(QStringLiteral("id"), q->value(0).toString());
        photos.append(photo);
    }
    return photos;
}

Result<QList<QJsonObject>> EntityReader::staff(const QString& shopId) const
{
    auto q = m_database.exec(
        QStringLiteral("SELECT %1 FROM staff WHERE shop_id = ? AND deleted = 0 ORDER BY login").arg(kStaffColumns),
        {shopId});
    if (!q)
        return q.error();
    QList<QJsonObject> people;
    while (q->next()) {
        QJsonObject person = staffData(*q);
        person.insert(QStringLiteral("id"), q->value(0).toString());
        people.append(person);
    }
    return people;
}

} // namespace xd::server
