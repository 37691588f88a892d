#include "CatalogCommands.h"

#include "ImageStore.h"
#include "ProductSearchIndex.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/Json.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

#include <optional>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

QVariantList toVariants(const QStringList& values)
{
    QVariantList out;
    out.reserve(values.size());
    for (const QString& value : values)
        out << value;
    return out;
}

QVariant nullableText(const QString& value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

// Takes the shop's write lock (the change counter row) before the handler reads what it checks: on PostgreSQL two
// writers of one shop would otherwise both check the same old state (a category "unused" while a product is being
// filed under it, or the same old search text to diff the grams from). A later refusal rolls the bump back.
Result<qint64> lockShop(CommandContext& context)
{
    return context.version();
}

// ---- categories -----------------------------------------------------------------------------------------------

struct StoredCategory
{
    QString shopId;
    QString parentId;
    bool deleted = false;
};

Result<std::optional<StoredCategory>> findCategory(const db::Database& database, const QString& id)
{
    auto row = database.exec(QStringLiteral("SELECT shop_id, parent_id, deleted FROM categories WHERE id = ?"), {id});
    if (!row)
        return row.error();
    if (!row->next())
        return std::optional<StoredCategory>();
    return std::optional<StoredCategory>(
        StoredCategory{row->value(0).toString(), row->value(1).toString(), row->value(2).toInt() != 0});
}

// A live category of this shop, or the error that says why not.
Result<StoredCategory> liveCategory(const CommandContext& context, const QString& id, ErrorCode missingCode)
{
    auto found = findCategory(context.database(), id);
    if (!found)
        return found.error();
    if (!*found || (*found)->shopId != context.actor().shopId || (*found)->deleted)
        return makeError(missingCode, QStringLiteral("no such category %1").arg(id));
    return **found;
}

Result<qint64> countRows(const db::Database& database, const QString& sql, const QVariantList& values)
{
    auto count = database.scalar(sql, values);
    if (!count)
        return count.error();
    return count->toLongLong();
}

Status saveCategory(CommandContext& context, const QJsonObject& args)
{
    auto draft = CatalogRules::normalizeCategory(args);
    if (!draft)
        return draft.error();
    auto version = lockShop(context);
    if (!version)
        return version.error();
    const db::Database& database = context.database();
    const QString shopId = context.actor().shopId;

    auto existing = findCategory(database, draft->id);
    if (!existing)
        return existing.error();
    if (*existing && (*existing)->shopId != shopId)
        return makeError(ErrorCode::AlreadyExists, QStringLiteral("the id %1 is taken").arg(draft->id));
    if (*existing && (*existing)->deleted)
        return makeError(ErrorCode::NotFound, QStringLiteral("the category was deleted"));

    if (!draft->parentId.isEmpty()) {
        auto parent = liveCategory(context, draft->parentId, ErrorCode::InvalidArgument);
        if (!parent)
            return parent.error();
        if (!parent->parentId.isEmpty())
            return invalid(QStringLiteral("categories have two levels: the parent must be a top-level category"));
        if (*existing) {
            auto children = countRows(
                database,
                QStringLiteral("SELECT COUNT(*) FROM categories WHERE shop_id = ? AND parent_id = ? AND deleted = 0"),
                {shopId, draft->id});
            if (!children)
                return children.error();
            if (*children > 0)
                return makeError(ErrorCode::Conflict,
                                 QStringLiteral("a category with subcategories cannot become a subcategory"));
        }
    }
    if (!*existing) {
        auto total = countRows(
            database, QStringLiteral("SELECT COUNT(*) FROM categories WHERE shop_id = ? AND deleted = 0"), {shopId});
        if (!total)
            return total.error();
        if (*total >= CatalogRules::MaxCategoriesPerShop)
            return makeError(
                ErrorCode::Conflict,
                QStringLiteral("a shop has at most %1 categories").arg(CatalogRules::MaxCategoriesPerShop));
    }

    const bool parentChanged = *existing && (*existing)->parentId != draft->parentId;
    std::optional<int> position = draft->position;
    if (!position && (!*existing || parentChanged)) {
        auto last = database.scalar(
            QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM categories WHERE shop_id = ? "
                           "AND deleted = 0 AND %1")
                .arg(draft->parentId.isEmpty() ? QStringLiteral("parent_id IS NULL") : QStringLiteral("parent_id = ?")),
            draft->parentId.isEmpty() ? QVariantList{shopId} : QVariantList{shopId, draft->parentId});
        if (!last)
            return last.error();
        position = last->toInt() + 1;
    }

    if (*existing) {
        auto updated = database.exec(
            QStringLiteral("UPDATE categories SET parent_id = ?, name = ?, icon = ?, position = COALESCE(?, position), "
                           "version = ?, updated_at_ms = ? WHERE id = ?"),
            {nullableText(draft->parentId),
             draft->name,
             draft->icon,
             position ? QVariant(*position) : QVariant(QMetaType::fromType<int>()),
             *version,
             context.now(),
             draft->id});
        if (!updated)
            return updated.error();
        if (parentChanged) {
            // The products filed here move with it under the new top-level category.
            auto moved = database.exec(
                QStringLiteral("UPDATE products SET top_category_id = ?, version = ?, updated_at_ms = ? "
                               "WHERE shop_id = ? AND category_id = ?"),
                {draft->parentId.isEmpty() ? draft->id : draft->parentId, *version, context.now(), shopId, draft->id});
            if (!moved)
                return moved.error();
        }
    } else {
        auto inserted = database.exec(
            QStringLiteral("INSERT INTO categories (id, shop_id, parent_id, name, icon, position, version, deleted, "
                           "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"),
            {draft->id,
             shopId,
             nullableText(draft->parentId),
             draft->name,
             draft->icon,
             *position,
             *version,
             context.now(),
             context.now()});
        if (!inserted)
            return inserted.error();
        context.setCreatedId(draft->id);
    }
    context.setAuditDetail(QStringLiteral("%1 %2").arg(draft->id, draft->name));
    return {};
}

Status deleteCategory(CommandContext& context, const QJsonObject& args)
{
    auto id = Json::requireString(args, QStringLiteral("id"));
    if (!id)
        return id.error();
    auto version = lockShop(context);
    if (!version)
        return version.error();
    auto category = liveCategory(context, *id, ErrorCode::NotFound);
    if (!category)
        return category.error();
    const QString shopId = context.actor().shopId;
    auto children =
        countRows(context.database(),
                  QStringLiteral("SELECT COUNT(*) FROM categories WHERE shop_id = ? AND parent_id = ? AND deleted = 0"),
                  {shopId, *id});
    if (!children)
        return children.error();
    if (*children > 0)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the category has %1 subcategories; move or delete them first").arg(*children));
    auto products =
        countRows(context.database(),
                  QStringLiteral("SELECT COUNT(*) FROM products WHERE shop_id = ? AND category_id = ? AND deleted = 0"),
                  {shopId, *id});
    if (!products)
        return products.error();
    if (*products > 0)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the category holds %1 products; move or delete them first").arg(*products));
    auto deleted = context.database().exec(
        QStringLiteral("UPDATE categories SET deleted = 1, version = ?, updated_at_ms = ? WHERE id = ?"),
        {*version, context.now(), *id});
    if (!deleted)
        return deleted.error();
    context.setAuditDetail(*id);
    return {};
}

Status reorderCategories(CommandContext& context, const QJsonObject& args)
{
    const QJsonValue parentValue = args.value(QStringLiteral("parentId"));
    if (!parentValue.isUndefined() && !parentValue.isNull() && !parentValue.isString())
        return invalid(QStringLiteral("field 'parentId' must be a category id or null"));
    const QString parentId = parentValue.toString();
    auto wanted = CatalogRules::normalizeIdList(args, QStringLiteral("ids"));
    if (!wanted)
        return wanted.error();
    auto version = lockShop(context);
    if (!version)
        return version.error();
    const QString shopId = context.actor().shopId;
    auto rows = context.database().exec(
        QStringLiteral("SELECT id FROM categories WHERE shop_id = ? AND deleted = 0 AND %1")
            .arg(parentId.isEmpty() ? QStringLiteral("parent_id IS NULL") : QStringLiteral("parent_id = ?")),
        parentId.isEmpty() ? QVariantList{shopId} : QVariantList{shopId, parentId});
    if (!rows)
        return rows.error();
    QStringList current;
    while (rows->next())
        current << rows->value(0).toString();
    QStringList sortedWanted = *wanted;
    sortedWanted.sort();
    current.sort();
    if (sortedWanted != current)
        return makeError(ErrorCode::Conflict, QStringLiteral("the categories changed meanwhile; reload and try again"));
    for (qsizetype i = 0; i < wanted->size(); ++i) {
        auto updated = context.database().exec(
            QStringLiteral("UPDATE categories SET position = ?, version = ?, updated_at_ms = ? WHERE id = ?"),
            {int(i + 1), *version, context.now(), wanted->at(i)});
        if (!updated)
            return updated.error();
    }
    context.setAuditDetail(QStringLiteral("%1 categories").arg(wanted->size()));
    return {};
}

// ---- products -------------------------------------------------------------------------------------------------

struct StoredProduct
{
    QString shopId;
    bool deleted = false;
    QString searchText;
};

Result<std::optional<StoredProduct>> findProduct(const db::Database& database, const QString& id)
{
    auto row = database.exec(QStringLiteral("SELECT shop_id, deleted, search_text FROM products WHERE id = ?"), {id});
    if (!row)
        return row.error();
    if (!row->next())
        return std::optional<StoredProduct>();
    return std::optional<StoredProduct>(
        StoredProduct{row->value(0).toString(), row->value(1).toInt() != 0, row->value(2).toString()});
}

Status saveProduct(CommandContext& context, const QJsonObject& args)
{
    auto draft = CatalogRules::normalizeProduct(args);
    if (!draft)
        return draft.error();
    auto version = lockShop(context);
    if (!version)
        return version.error();
    const db::Database& database = context.database();
    const QString shopId = context.actor().shopId;

    QString topCategoryId;
    if (!draft->categoryId.isEmpty()) {
        auto category = liveCategory(context, draft->categoryId, ErrorCode::InvalidArgument);
        if (!category)
            return category.error();
        topCategoryId = category->parentId.isEmpty() ? draft->categoryId : category->parentId;
    }
    // Pictures are uploads of this shop (POST /admin/v1/shops/{shopId}/images), never another shop's or free text.
    QStringList imageIds = draft->images;
    for (const SkuDraft& sku : std::as_const(draft->skus))
        imageIds << sku.image;
    auto descriptionImages = ImageStore::richTextImageIds(shopId, draft->description);
    if (!descriptionImages)
        return descriptionImages.error();
    imageIds << *descriptionImages;
    if (const Status owned = ImageStore::checkOwned(database, shopId, imageIds); !owned)
        return owned;
    auto existing = findProduct(database, draft->id);
    if (!existing)
        return existing.error();
    if (*existing && (*existing)->shopId != shopId)
        return makeError(ErrorCode::AlreadyExists, QStringLiteral("the id %1 is taken").arg(draft->id));
    if (*existing && (*existing)->deleted)
        return makeError(ErrorCode::NotFound, QStringLiteral("the product was deleted"));

    // A SKU id names one SKU of one product for good: orders will point at it.
    QStringList skuIds;
    for (const SkuDraft& sku : std::as_const(draft->skus))
        skuIds << sku.id;
    auto owners = database.exec(QStringLiteral("SELECT id FROM product_skus WHERE id IN (%1) AND product_id <> ?")
                                    .arg(db::placeholders(skuIds.size())),
                                toVariants(skuIds) << draft->id);
    if (!owners)
        return owners.error();
    if (owners->next())
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("the SKU id %1 belongs to another product").arg(owners->value(0).toString()));

    const qint64 now = context.now();
    const QString searchText = ProductSearchIndex::searchText(draft->name, draft->subtitle, draft->keywords);
    const QString images =
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(draft->images)).toJson(QJsonDocument::Compact));
    const QVariantList common{nullableText(draft->categoryId),
                              nullableText(topCategoryId),
                              draft->name,
                              draft->subtitle,
                              draft->keywords,
                              draft->description,
                              images,
                              draft->onShelf ? 1 : 0,
                              draft->sortWeight,
                              draft->minPriceFen(),
                              draft->totalStock(),
                              searchText,
                              *version,
                              now};
    if (*existing) {
        auto updated = database.exec(
            QStringLiteral("UPDATE products SET category_id = ?, top_category_id = ?, name = ?, subtitle = ?, "
                           "keywords = ?, description = ?, images = ?, on_shelf = ?, sort_weight = ?, "
                           "min_price_fen = ?, stock_total = ?, search_text = ?, version = ?, updated_at_ms = ? "
                           "WHERE id = ?"),
            QVariantList(common) << draft->id);
        if (!updated)
            return updated.error();
    } else {
        auto inserted = database.exec(
            QStringLiteral("INSERT INTO products (category_id, top_category_id, name, subtitle, keywords, description, "
                           "images, on_shelf, sort_weight, min_price_fen, stock_total, search_text, version, "
                           "updated_at_ms, id, shop_id, created_at_ms, deleted, sales_count) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)"),
            QVariantList(common) << draft->id << shopId << now);
        if (!inserted)
            return inserted.error();
        context.setCreatedId(draft->id);
    }

    for (qsizetype i = 0; i < draft->skus.size(); ++i) {
        const SkuDraft& sku = draft->skus.at(i);
        auto saved = database.exec(
            QStringLiteral("INSERT INTO product_skus (id, shop_id, product_id, position, specs, price_fen, "
                           "original_price_fen, stock, code, image, version, deleted, created_at_ms, updated_at_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) "
                           "ON CONFLICT (id) DO UPDATE SET position = excluded.position, specs = excluded.specs, "
                           "price_fen = excluded.price_fen, original_price_fen = excluded.original_price_fen, "
                           "stock = CASE WHEN product_skus.deleted = 0 THEN product_skus.stock "
                           "ELSE excluded.stock END, "
                           "code = excluded.code, image = excluded.image, "
                           "version = excluded.version, deleted = 0, updated_at_ms = excluded.updated_at_ms"),
            {sku.id,
             shopId,
             draft->id,
             int(i + 1),
             sku.specsJson,
             sku.priceFen,
             sku.originalPriceFen,
             sku.stock,
             sku.code,
             sku.image,
             *version,
             now,
             now});
        if (!saved)
            return saved.error();
    }
    // Stock is moved by intentions (product.adjustStock, and orders), never overwritten: a SKU that exists keeps its
    // stock whatever the product sent (a desktop's copy may be older than the last sale). A new or revived SKU starts
    // with the stock given. The product's total is summed from what is stored.
    auto totals = database.exec(
        QStringLiteral("UPDATE products SET stock_total = (SELECT COALESCE(SUM(stock), 0) FROM product_skus "
                       "WHERE product_id = ? AND deleted = 0 AND id IN (%1)) WHERE id = ?")
            .arg(db::placeholders(skuIds.size())),
        QVariantList{draft->id} << toVariants(skuIds) << draft->id);
    if (!totals)
        return totals.error();
    // SKUs left out of the new list are gone (tombstoned: desktops pull their removal).
    auto dropped = database.exec(QStringLiteral("UPDATE product_skus SET deleted = 1, version = ?, updated_at_ms = ? "
                                                "WHERE product_id = ? AND deleted = 0 AND id NOT IN (%1)")
                                     .arg(db::placeholders(skuIds.size())),
                                 QVariantList{*version, now, draft->id} << toVariants(skuIds));
    if (!dropped)
        return dropped.error();

    if (const Status indexed = ProductSearchIndex::reindex(
            database, shopId, draft->id, *existing ? (*existing)->searchText : QString(), searchText);
        !indexed)
        return indexed;
    context.setAuditDetail(QStringLiteral("%1 %2 (%3 SKUs)").arg(draft->id, draft->name).arg(draft->skus.size()));
    return {};
}

Status setShelf(CommandContext& context, const QJsonObject& args)
{
    auto ids = CatalogRules::normalizeIdList(args, QStringLiteral("ids"));
    if (!ids)
        return ids.error();
    auto onShelf = Json::requireBool(args, QStringLiteral("onShelf"));
    if (!onShelf)
        return onShelf.error();
    for (const QString& key : args.keys()) {
        if (key != QLatin1String("ids") && key != QLatin1String("onShelf"))
            return invalid(QStringLiteral("unknown field '%1'").arg(key));
    }
    const db::Database& database = context.database();
    const QString shopId = context.actor().shopId;
    const QString in = db::placeholders(ids->size());
    // All or nothing: one unknown id refuses the whole list.
    auto live = countRows(
        database,
        QStringLiteral("SELECT COUNT(*) FROM products WHERE shop_id = ? AND deleted = 0 AND id IN (%1)").arg(in),
        QVariantList{shopId} << toVariants(*ids));
    if (!live)
        return live.error();
    if (*live != ids->size())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("%1 of the products do not exist").arg(ids->size() - *live));
    const int target = *onShelf ? 1 : 0;
    auto changing = countRows(database,
                              QStringLiteral("SELECT COUNT(*) FROM products WHERE shop_id = ? AND deleted = 0 "
                                             "AND on_shelf <> ? AND id IN (%1)")
                                  .arg(in),
                              QVariantList{shopId, target} << toVariants(*ids));
    if (!changing)
        return changing.error();
    if (*changing == 0)
        return {}; // already so: nothing written, no version spent
    auto version = context.version();
    if (!version)
        return version.error();
    auto updated = database.exec(QStringLiteral("UPDATE products SET on_shelf = ?, version = ?, updated_at_ms = ? "
                                                "WHERE shop_id = ? AND deleted = 0 AND on_shelf <> ? AND id IN (%1)")
                                     .arg(in),
                                 QVariantList{target, *version, context.now(), shopId, target} << toVariants(*ids));
    if (!updated)
        return updated.error();
    context.setAuditDetail(
        QStringLiteral("%1 products %2").arg(*changing).arg(*onShelf ? QStringLiteral("on") : QStringLiteral("off")));
    return {};
}

struct StoredSku
{
    QString productId;
    qint64 stock = 0;
    qint64 priceFen = 0;
};

// The live SKUs (of live products) of this shop named by `items` (StockAdjustment or PriceChange: a skuId with its
// productId); NotFound unless every one is, so that a list is applied all or nothing and another shop's SKU looks
// like no SKU at all.
template <typename Item>
Result<QHash<QString, StoredSku>> liveSkus(const CommandContext& context, const QList<Item>& items)
{
    QVariantList values{context.actor().shopId};
    for (const Item& item : items)
        values << item.skuId;
    auto rows = context.database().exec(
        QStringLiteral("SELECT s.id, s.product_id, s.stock, s.price_fen FROM product_skus s "
                       "JOIN products p ON p.id = s.product_id "
                       "WHERE s.shop_id = ? AND s.deleted = 0 AND p.deleted = 0 AND s.id IN (%1)")
            .arg(db::placeholders(items.size())),
        values);
    if (!rows)
        return rows.error();
    QHash<QString, StoredSku> found;
    while (rows->next())
        found.insert(rows->value(0).toString(),
                     StoredSku{rows->value(1).toString(), rows->value(2).toLongLong(), rows->value(3).toLongLong()});
    for (const Item& item : items) {
        if (!found.contains(item.skuId) || found.value(item.skuId).productId != item.productId)
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("no such SKU %1 of product %2").arg(item.skuId, item.productId));
    }
    return found;
}

// The derived list columns of the products whose SKUs changed, and their version: a product travels to desktops
// with its SKUs as one row, so a SKU write is a write of its product.
Status touchProducts(CommandContext& context, const QHash<QString, StoredSku>& skus, qint64 version)
{
    QSet<QString> products;
    for (const StoredSku& sku : skus)
        products.insert(sku.productId);
    const QStringList ids(products.cbegin(), products.cend());
    auto updated = context.database().exec(
        QStringLiteral("UPDATE products SET "
                       "stock_total = (SELECT COALESCE(SUM(stock), 0) FROM product_skus s "
                       "WHERE s.product_id = products.id AND s.deleted = 0), "
                       "min_price_fen = (SELECT COALESCE(MIN(price_fen), 0) FROM product_skus s "
                       "WHERE s.product_id = products.id AND s.deleted = 0), "
                       "version = ?, updated_at_ms = ? WHERE id IN (%1)")
            .arg(db::placeholders(ids.size())),
        QVariantList{version, context.now()} << toVariants(ids));
    if (!updated)
        return updated.error();
    return {};
}

Status adjustStock(CommandContext& context, const QJsonObject& args)
{
    auto adjustments = CatalogRules::normalizeStockAdjustments(args);
    if (!adjustments)
        return adjustments.error();
    auto version = lockShop(context);
    if (!version)
        return version.error();
    auto skus = liveSkus(context, *adjustments);
    if (!skus)
        return skus.error();
    // All or nothing: every result is checked before anything is written.
    for (const StockAdjustment& adjustment : std::as_const(*adjustments)) {
        const qint64 stock = skus->value(adjustment.skuId).stock;
        const qint64 result = stock + adjustment.delta; // both within ±MaxStock: no overflow
        if (result < 0)
            return makeError(ErrorCode::OutOfStock,
                             QStringLiteral("SKU %1 has %2 in stock; %3 cannot be taken away")
                                 .arg(adjustment.skuId)
                                 .arg(stock)
                                 .arg(-adjustment.delta));
        if (result > CatalogRules::MaxStock)
            return makeError(ErrorCode::Overflow,
                             QStringLiteral("SKU %1 would hold %2, more than %3")
                                 .arg(adjustment.skuId)
                                 .arg(result)
                                 .arg(CatalogRules::MaxStock));
    }
    for (const StockAdjustment& adjustment : std::as_const(*adjustments)) {
        // Relative to the stored value: the check above ran under the shop's write lock.
        auto updated = context.database().exec(
            QStringLiteral("UPDATE product_skus SET stock = stock + ?, version = ?, updated_at_ms = ? WHERE id = ?"),
            {adjustment.delta, *version, context.now(), adjustment.skuId});
        if (!updated)
            return updated.error();
    }
    if (const Status touched = touchProducts(context, *skus, *version); !touched)
        return touched;
    qint64 net = 0;
    for (const StockAdjustment& adjustment : std::as_const(*adjustments))
        net += adjustment.delta;
    context.setAuditDetail(QStringLiteral("%1 SKUs, net %2%3")
                               .arg(adjustments->size())
                               .arg(net >= 0 ? QStringLiteral("+") : QString())
                               .arg(net));
    return {};
}

Status setPrice(CommandContext& context, const QJsonObject& args)
{
    auto changes = CatalogRules::normalizePriceChanges(args);
    if (!changes)
        return changes.error();
    auto version = lockShop(context);
    if (!version)
        return version.error();
    auto skus = liveSkus(context, *changes);
    if (!skus)
        return skus.error();
    for (const PriceChange& change : std::as_const(*changes)) {
        auto updated = context.database().exec(
            QStringLiteral("UPDATE product_skus SET price_fen = ?, "
                           "original_price_fen = COALESCE(?, original_price_fen), "
                           "version = ?, updated_at_ms = ? WHERE id = ?"),
            {change.priceFen,
             change.originalPriceFen ? QVariant(*change.originalPriceFen) : QVariant(QMetaType::fromType<qint64>()),
             *version,
             context.now(),
             change.skuId});
        if (!updated)
            return updated.error();
    }
    if (const Status touched = touchProducts(context, *skus, *version); !touched)
        return touched;
    QStringList detail;
    for (const PriceChange& change : std::as_const(*changes).first(std::min<qsizetype>(changes->size(), 5)))
        detail << QStringLiteral("%1 %2→%3")
                      .arg(change.skuId)
                      .arg(skus->value(change.skuId).priceFen)
                      .arg(change.priceFen);
    context.setAuditDetail(
        QStringLiteral("%1 SKUs: %2%3")
            .arg(changes->size())
            .arg(detail.join(QStringLiteral(", ")), changes->size() > 5 ? QStringLiteral(", …") : QString()));
    return {};
}

Status deleteProduct(CommandContext& context, const QJsonObject& args)
{
    auto id = Json::requireString(args, QStringLiteral("id"));
    if (!id)
        return id.error();
    auto version = lockShop(context);
    if (!version)
        return version.error();
    auto existing = findProduct(context.database(), *id);
    if (!existing)
        return existing.error();
    if (!*existing || (*existing)->shopId != context.actor().shopId || (*existing)->deleted)
        return makeError(ErrorCode::NotFound, QStringLiteral("no such product"));
    for (const QString& table : {QStringLiteral("products"), QStringLiteral("product_skus")}) {
        auto deleted = context.database().exec(
            QStringLiteral("UPDATE %1 SET deleted = 1, version = ?, updated_at_ms = ? WHERE %2 = ? AND deleted = 0")
                .arg(table, table == QLatin1String("products") ? QStringLiteral("id") : QStringLiteral("product_id")),
            {*version, context.now(), *id});
        if (!deleted)
            return deleted.error();
    }
    if (const Status indexed = ProductSearchIndex::reindex(
            context.database(), context.actor().shopId, *id, (*existing)->searchText, QString());
        !indexed)
        return indexed;
    context.setAuditDetail(*id);
    return {};
}

} // namespace

void registerCatalogCommands(QHash<QString, CommandHandler>& handlers)
{
    handlers.insert(QStringLiteral("category.save"), &saveCategory);
    handlers.insert(QStringLiteral("category.delete"), &deleteCategory);
    handlers.insert(QStringLiteral("category.reorder"), &reorderCategories);
    handlers.insert(QStringLiteral("product.save"), &saveProduct);
    handlers.insert(QStringLiteral("product.setShelf"), &setShelf);
    handlers.insert(QStringLiteral("product.delete"), &deleteProduct);
    handlers.insert(QStringLiteral("product.adjustStock"), &adjustStock);
    handlers.insert(QStringLiteral("product.setPrice"), &setPrice);
}

} // namespace xd::server
