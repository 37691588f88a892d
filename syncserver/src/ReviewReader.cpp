#include "ReviewReader.h"

#include "ImageStore.h"
#include "KeysetCursor.h"
#include "xiaodian/Id.h"
#include "xiaodian/ReviewRules.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

// "r1|<created>|<id>" for a product's public list, "r2|..." for the merchant's: opaque (base64url), and a cursor of
// one list is refused by the other, whose rows (and filters) differ.
QString cursorTag(ReviewQuery::Audience audience)
{
    return audience == ReviewQuery::Audience::Customer ? QStringLiteral("r1") : QStringLiteral("r2");
}

const QString Columns = QStringLiteral("id, shop_id, order_id, order_item_id, product_id, product_name, sku_label, "
                                       "customer_id, customer_nickname, customer_avatar, rating, text, images, reply, "
                                       "replied_at_ms, hidden, version, created_at_ms, updated_at_ms, deleted");
enum Column {
    IdColumn,
    ShopColumn,
    OrderColumn,
    OrderItemColumn,
    ProductColumn,
    ProductNameColumn,
    SkuLabelColumn,
    CustomerColumn,
    NicknameColumn,
    AvatarColumn,
    RatingColumn,
    TextColumn,
    ImagesColumn,
    ReplyColumn,
    RepliedAtColumn,
    HiddenColumn,
    VersionColumn,
    CreatedColumn,
    UpdatedColumn,
    DeletedColumn,
};

QStringList imageIds(const QSqlQuery& row)
{
    QStringList ids;
    for (const QJsonValue& id : QJsonDocument::fromJson(row.value(ImagesColumn).toString().toUtf8()).array())
        ids << id.toString();
    return ids;
}

// What the mini-program shows of a review: no order, no customer id, no moderation state.
QJsonObject publicItem(const QSqlQuery& row)
{
    const QString shopId = row.value(ShopColumn).toString();
    QJsonArray images;
    for (const QString& id : imageIds(row))
        images.append(ImageStore::reference(shopId, id));
    const QString reply = row.value(ReplyColumn).toString();
    return QJsonObject{
        {QStringLiteral("id"), row.value(IdColumn).toString()},
        {QStringLiteral("productId"), row.value(ProductColumn).toString()},
        {QStringLiteral("skuLabel"), row.value(SkuLabelColumn).toString()},
        {QStringLiteral("rating"), row.value(RatingColumn).toInt()},
        {QStringLiteral("text"), row.value(TextColumn).toString()},
        {QStringLiteral("images"), images},
        {QStringLiteral("customer"),
         QJsonObject{{QStringLiteral("nickname"), row.value(NicknameColumn).toString()},
                     {QStringLiteral("avatar"), row.value(AvatarColumn).toString()}}},
        {QStringLiteral("createdAtMs"), row.value(CreatedColumn).toLongLong()},
        {QStringLiteral("reply"),
         reply.isEmpty() ? QJsonValue()
                         : QJsonObject{{QStringLiteral("text"), reply},
                                       {QStringLiteral("atMs"), row.value(RepliedAtColumn).toLongLong()}}},
    };
}

QJsonObject merchantItem(const QSqlQuery& row)
{
    QJsonObject item = publicItem(row);
    item.insert(QStringLiteral("orderId"), row.value(OrderColumn).toString());
    item.insert(QStringLiteral("orderItemId"), row.value(OrderItemColumn).toString());
    item.insert(QStringLiteral("productName"), row.value(ProductNameColumn).toString());
    item.insert(QStringLiteral("customerId"), row.value(CustomerColumn).toString());
    item.insert(QStringLiteral("hidden"), row.value(HiddenColumn).toInt() != 0);
    item.insert(QStringLiteral("version"), row.value(VersionColumn).toLongLong());
    item.insert(QStringLiteral("updatedAtMs"), row.value(UpdatedColumn).toLongLong());
    return item;
}

QJsonObject syncData(const QSqlQuery& row)
{
    return QJsonObject{
        {QStringLiteral("orderId"), row.value(OrderColumn).toString()},
        {QStringLiteral("orderItemId"), row.value(OrderItemColumn).toString()},
        {QStringLiteral("productId"), row.value(ProductColumn).toString()},
        {QStringLiteral("productName"), row.value(ProductNameColumn).toString()},
        {QStringLiteral("skuLabel"), row.value(SkuLabelColumn).toString()},
        {QStringLiteral("customerId"), row.value(CustomerColumn).toString()},
        {QStringLiteral("customerNickname"), row.value(NicknameColumn).toString()},
        {QStringLiteral("customerAvatar"), row.value(AvatarColumn).toString()},
        {QStringLiteral("rating"), row.value(RatingColumn).toInt()},
        {QStringLiteral("text"), row.value(TextColumn).toString()},
        {QStringLiteral("images"), QJsonArray::fromStringList(imageIds(row))},
        {QStringLiteral("reply"), row.value(ReplyColumn).toString()},
        {QStringLiteral("repliedAtMs"), row.value(RepliedAtColumn).toLongLong()},
        {QStringLiteral("hidden"), row.value(HiddenColumn).toInt() != 0},
        {QStringLiteral("createdAtMs"), row.value(CreatedColumn).toLongLong()},
        {QStringLiteral("updatedAtMs"), row.value(UpdatedColumn).toLongLong()},
    };
}

Result<std::optional<bool>> boolParam(const QUrlQuery& url, const QString& name)
{
    if (!url.hasQueryItem(name))
        return std::optional<bool>();
    const QString value = url.queryItemValue(name);
    if (value == QLatin1String("true"))
        return std::optional<bool>(true);
    if (value == QLatin1String("false"))
        return std::optional<bool>(false);
    return invalid(QStringLiteral("%1 is true or false").arg(name));
}

} // namespace

ReviewReader::ReviewReader(const db::Database& database) : m_database(database) {}

Result<ReviewQuery> ReviewReader::parseListQuery(const QUrlQuery& url, ReviewQuery::Audience audience)
{
    ReviewQuery query;
    query.audience = audience;
    QStringList known{QStringLiteral("cursor"), QStringLiteral("limit")};
    if (audience == ReviewQuery::Audience::Merchant)
        known << QStringLiteral("rating") << QStringLiteral("hidden") << QStringLiteral("replied")
              << QStringLiteral("productId");
    for (const auto& item : url.queryItems()) {
        if (!known.contains(item.first))
            return invalid(QStringLiteral("unknown parameter '%1'").arg(item.first));
    }
    if (url.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        query.limit = url.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > MaxLimit)
            return invalid(QStringLiteral("limit is 1 to %1").arg(MaxLimit));
    }
    query.cursor = url.queryItemValue(QStringLiteral("cursor"));
    if (!query.cursor.isEmpty()) {
        if (auto cursor = decodeKeysetCursor(query.cursor, cursorTag(audience)); !cursor)
            return cursor.error();
    }
    if (audience == ReviewQuery::Audience::Customer)
        return query;
    if (url.hasQueryItem(QStringLiteral("rating"))) {
        bool ok = false;
        const int rating = url.queryItemValue(QStringLiteral("rating")).toInt(&ok);
        if (!ok || rating < ReviewRules::MinRating || rating > ReviewRules::MaxRating)
            return invalid(
                QStringLiteral("rating is %1 to %2").arg(ReviewRules::MinRating).arg(ReviewRules::MaxRating));
        query.rating = rating;
    }
    auto hidden = boolParam(url, QStringLiteral("hidden"));
    if (!hidden)
        return hidden.error();
    query.hidden = *hidden;
    auto replied = boolParam(url, QStringLiteral("replied"));
    if (!replied)
        return replied.error();
    query.replied = *replied;
    if (url.hasQueryItem(QStringLiteral("productId"))) {
        query.productId = url.queryItemValue(QStringLiteral("productId"));
        if (!Id::isValid(query.productId))
            return invalid(QStringLiteral("malformed productId"));
    }
    return query;
}

Result<ReviewPage> ReviewReader::reviews(const ReviewQuery& query) const
{
    const bool customer = query.audience == ReviewQuery::Audience::Customer;
    QStringList where{QStringLiteral("shop_id = ?"), QStringLiteral("deleted = 0")};
    QVariantList values{query.shopId};
    if (customer) {
        // The partial index reviews_product_visible: (shop_id, product_id, created_at_ms, id).
        where << QStringLiteral("product_id = ?") << QStringLiteral("hidden = 0");
        values << query.productId;
    } else {
        // The merchant's filters narrow a walk of reviews_shop_created: a shop's reviews are few enough (docs).
        if (!query.productId.isEmpty()) {
            where << QStringLiteral("product_id = ?");
            values << query.productId;
        }
        if (query.rating) {
            where << QStringLiteral("rating = ?");
            values << *query.rating;
        }
        if (query.hidden) {
            where << QStringLiteral("hidden = ?");
            values << (*query.hidden ? 1 : 0);
        }
        if (query.replied)
            where << (*query.replied ? QStringLiteral("reply <> ''") : QStringLiteral("reply = ''"));
    }
    if (!query.cursor.isEmpty()) {
        auto cursor = decodeKeysetCursor(query.cursor, cursorTag(query.audience));
        if (!cursor)
            return cursor.error();
        where << QStringLiteral("(created_at_ms, id) < (?, ?)");
        values << cursor->key << cursor->id;
    }
    auto rows = m_database.exec(QStringLiteral("SELECT %1 FROM reviews WHERE %2 ORDER BY created_at_ms DESC, id DESC "
                                               "LIMIT %3")
                                    .arg(Columns, where.join(QStringLiteral(" AND ")))
                                    .arg(query.limit + 1),
                                values);
    if (!rows)
        return rows.error();
    ReviewPage page;
    qint64 lastKey = 0;
    QString lastId;
    while (rows->next()) {
        if (page.items.size() == query.limit) {
            page.nextCursor = encodeKeysetCursor(cursorTag(query.audience), lastKey, lastId);
            break;
        }
        page.items << (customer ? publicItem(*rows) : merchantItem(*rows));
        lastKey = rows->value(CreatedColumn).toLongLong();
        lastId = rows->value(IdColumn).toString();
    }
    return page;
}

Result<QJsonObject> ReviewReader::merchantReview(const QString& shopId, const QString& reviewId) const
{
    auto row = m_database.exec(
        QStringLiteral("SELECT %1 FROM reviews WHERE id = ? AND shop_id = ? AND deleted = 0").arg(Columns),
        {reviewId, shopId});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such review"));
    return merchantItem(*row);
}

Result<QJsonObject> ReviewReader::ratingSummary(const db::Database& database, const QString& productId)
{
    auto row = database.exec(QStringLiteral("SELECT review_count, rating_sum, star1, star2, star3, star4, star5 "
                                            "FROM product_ratings WHERE product_id = ?"),
                             {productId});
    if (!row)
        return row.error();
    qint64 count = 0;
    qint64 sum = 0;
    QJsonArray stars{0, 0, 0, 0, 0};
    if (row->next()) {
        count = row->value(0).toLongLong();
        sum = row->value(1).toLongLong();
        for (int star = 0; star < 5; ++star)
            stars[star] = row->value(2 + star).toLongLong();
    }
    return QJsonObject{{QStringLiteral("count"), count},
                       {QStringLiteral("sum"), sum},
                       {QStringLiteral("averageTenths"), ReviewRules::averageTenths(count, sum)},
                       {QStringLiteral("stars"), stars}};
}

Status ReviewReader::appendSyncRows(const db::Database& database,
                                    const QString& where,
                                    const QVariantList& values,
                                    const QString& orderAndLimit,
                                    QList<sync::SyncRow>& rows)
{
    auto q = database.exec(
        QStringLiteral("SELECT %1 FROM reviews WHERE shop_id = ? AND %2").arg(Columns, where) + orderAndLimit, values);
    if (!q)
        return q.error();
    while (q->next()) {
        const bool deleted = q->value(DeletedColumn).toInt() != 0;
        rows.append(sync::SyncRow{QStringLiteral("review"),
                                  q->value(IdColumn).toString(),
                                  q->value(VersionColumn).toLongLong(),
                                  deleted,
                                  deleted ? QJsonObject() : syncData(*q)});
    }
    return {};
}

} // namespace xd::server
