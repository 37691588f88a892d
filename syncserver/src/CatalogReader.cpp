#include "CatalogReader.h"

#include "ImageStore.h"
#include "KeysetCursor.h"
#include "PageNumber.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/Id.h"
#include "xiaodian/Money.h"
#include "xiaodian/SearchText.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

struct SortSpec
{
    QString column;
    bool ascending = false;
};

SortSpec sortSpec(ProductSort sort)
{
    switch (sort) {
    case ProductSort::Default:
        return {QStringLiteral("sort_weight"), false};
    case ProductSort::Newest:
        return {QStringLiteral("created_at_ms"), false};
    case ProductSort::Sales:
        return {QStringLiteral("sales_count"), false};
    case ProductSort::PriceAsc:
        return {QStringLiteral("min_price_fen"), true};
    case ProductSort::PriceDesc:
        return {QStringLiteral("min_price_fen"), false};
    }
    return {QStringLiteral("sort_weight"), false};
}

// "1|<sort>|<key>|<id>": bound to its sort, whose key it carries.
QString cursorTag(ProductSort sort)
{
    return QStringLiteral("1|") + CatalogReader::sortName(sort);
}

QString moneyText(qint64 fen)
{
    return Money::fromFen(fen).toString();
}

QString stockStateOf(qint64 stock)
{
    return CatalogRules::stockStateName(CatalogRules::stockState(stock));
}

QJsonValue nullable(const QVariant& value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toString());
}

const QString ListColumns =
    QStringLiteral("p.id, p.name, p.subtitle, p.images, p.min_price_fen, p.sales_count, p.stock_total, p.category_id, "
                   "p.on_shelf, p.sort_weight, p.created_at_ms, p.updated_at_ms, p.version, p.keywords");

// A product's stored image ids as the API shows them: {"id","url","mediumUrl","thumbnailUrl"} each (ImageStore).
QJsonArray imageReferences(const QString& shopId, const QString& storedJson)
{
    QJsonArray out;
    for (const QJsonValue& id : QJsonDocument::fromJson(storedJson.toUtf8()).array()) {
        if (const QJsonValue reference = ImageStore::reference(shopId, id.toString()); !reference.isNull())
            out.append(reference);
    }
    return out;
}

QJsonObject listItem(const QSqlQuery& row, ProductQuery::Audience audience, const QString& shopId)
{
    const QJsonArray images = imageReferences(shopId, row.value(3).toString());
    const qint64 price = row.value(4).toLongLong();
    QJsonObject item{{QStringLiteral("id"), row.value(0).toString()},
                     {QStringLiteral("name"), row.value(1).toString()},
                     {QStringLiteral("subtitle"), row.value(2).toString()},
                     {QStringLiteral("image"), images.isEmpty() ? QJsonValue() : images.first()},
                     {QStringLiteral("priceFen"), price},
                     {QStringLiteral("price"), moneyText(price)},
                     {QStringLiteral("salesCount"), row.value(5).toLongLong()},
                     {QStringLiteral("stockState"), stockStateOf(row.value(6).toLongLong())},
                     {QStringLiteral("categoryId"), nullable(row.value(7))}};
    if (audience == ProductQuery::Audience::Merchant) {
        item.insert(QStringLiteral("images"), images);
        item.insert(QStringLiteral("stock"), row.value(6).toLongLong());
        item.insert(QStringLiteral("onShelf"), row.value(8).toInt() != 0);
        item.insert(QStringLiteral("sortWeight"), row.value(9).toLongLong());
        item.insert(QStringLiteral("createdAtMs"), row.value(10).toLongLong());
        item.insert(QStringLiteral("updatedAtMs"), row.value(11).toLongLong());
        item.insert(QStringLiteral("version"), row.value(12).toLongLong());
        item.insert(QStringLiteral("keywords"), row.value(13).toString());
    }
    return item;
}

} // namespace

CatalogReader::CatalogReader(const db::Database& database, int gramDrivenLimit)
    : m_database(database), m_gramDrivenLimit(gramDrivenLimit)
{}

Result<ProductSort> CatalogReader::parseSort(const QString& name)
{
    for (ProductSort sort : {ProductSort::Default,
                             ProductSort::Newest,
                             ProductSort::Sales,
                             ProductSort::PriceAsc,
                             ProductSort::PriceDesc}) {
        if (name == sortName(sort))
            return sort;
    }
    if (name.isEmpty())
        return ProductSort::Default;
    return invalid(QStringLiteral("sort is one of default, newest, sales, price_asc, price_desc"));
}

QString CatalogReader::sortName(ProductSort sort)
{
    switch (sort) {
    case ProductSort::Default:
        return QStringLiteral("default");
    case ProductSort::Newest:
        return QStringLiteral("newest");
    case ProductSort::Sales:
        return QStringLiteral("sales");
    case ProductSort::PriceAsc:
        return QStringLiteral("price_asc");
    case ProductSort::PriceDesc:
        return QStringLiteral("price_desc");
    }
    return QStringLiteral("default");
}

Result<ProductQuery> CatalogReader::parseListQuery(const QUrlQuery& url, ProductQuery::Audience audience)
{
    auto param = [&url](const QString& key) {
        return url.queryItemValue(key, QUrl::FullyDecoded);
    };
    ProductQuery query;
    query.audience = audience;
    auto pageNumber = PageNumber::parse(url, DefaultLimit, MaxLimit);
    if (!pageNumber)
        return pageNumber.error();
    const QString limit = param(QStringLiteral("limit"));
    if (*pageNumber) {
        query.limit = (*pageNumber)->pageSize;
        query.offset = (*pageNumber)->offset();
    } else if (!limit.isEmpty()) {
        bool ok = false;
        query.limit = limit.toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > MaxLimit)
            return invalid(QStringLiteral("limit is a whole number from 1 to %1").arg(MaxLimit));
    }
    auto sort = parseSort(param(QStringLiteral("sort")));
    if (!sort)
        return sort.error();
    query.sort = *sort;
    query.categoryId = param(QStringLiteral("category"));
    if (!query.categoryId.isEmpty() && !Id::isValid(query.categoryId))
        return invalid(QStringLiteral("category is a category id"));
    query.query = param(QStringLiteral("q"));
    if (query.query.size() > MaxQueryLength)
        return invalid(QStringLiteral("q has at most %1 characters").arg(MaxQueryLength));
    query.cursor = param(QStringLiteral("cursor"));
    if (audience == ProductQuery::Audience::Merchant) {
        const QString shelf = param(QStringLiteral("shelf"));
        if (shelf == QLatin1String("on"))
            query.shelf = ProductQuery::Shelf::On;
        else if (shelf == QLatin1String("off"))
            query.shelf = ProductQuery::Shelf::Off;
        else if (!shelf.isEmpty() && shelf != QLatin1String("all"))
            return invalid(QStringLiteral("shelf is one of on, off, all"));
        // The merchant's list walks one index of every shelf state, newest first; the desktop sorts its own cache.
        if (!param(QStringLiteral("sort")).isEmpty() && query.sort != ProductSort::Newest)
            return invalid(QStringLiteral("the merchant list is sorted by newest only"));
        query.sort = ProductSort::Newest;
    }
    return query;
}

Result<QList<QJsonObject>> CatalogReader::categories(const QString& shopId) const
{
    // Top-level rows sort before children (NULL parent first on both engines through the CASE).
    auto rows = m_database.exec(QStringLiteral("SELECT id, parent_id, name, icon, position, version FROM categories "
                                               "WHERE shop_id = ? AND deleted = 0 "
                                               "ORDER BY CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END, position, id"),
                                {shopId});
    if (!rows)
        return rows.error();
    QList<QJsonObject> out;
    while (rows->next()) {
        out.append(QJsonObject{{QStringLiteral("id"), rows->value(0).toString()},
                               {QStringLiteral("parentId"), nullable(rows->value(1))},
                               {QStringLiteral("name"), rows->value(2).toString()},
                               {QStringLiteral("icon"), rows->value(3).toString()},
                               {QStringLiteral("position"), rows->value(4).toInt()},
                               {QStringLiteral("version"), rows->value(5).toLongLong()}});
    }
    return out;
}

Result<ProductPage> CatalogReader::products(const ProductQuery& query) const
{
    const SortSpec sort = sortSpec(query.sort);
    std::optional<KeysetCursor> after;
    if (!query.cursor.isEmpty()) {
        auto cursor = decodeKeysetCursor(query.cursor, cursorTag(query.sort));
        if (!cursor)
            return cursor.error();
        after = *cursor;
    }

    QStringList where{QStringLiteral("p.shop_id = ?"), QStringLiteral("p.deleted = 0")};
    QVariantList values{query.shopId};
    if (query.audience == ProductQuery::Audience::Customer || query.shelf == ProductQuery::Shelf::On)
        where << QStringLiteral("p.on_shelf = 1"); // literal: the partial indexes are chosen by it
    else if (query.shelf == ProductQuery::Shelf::Off)
        where << QStringLiteral("p.on_shelf = 0");

    if (!query.categoryId.isEmpty()) {
        auto parent = m_database.exec(
            QStringLiteral("SELECT parent_id FROM categories WHERE id = ? AND shop_id = ? AND deleted = 0"),
            {query.categoryId, query.shopId});
        if (!parent)
            return parent.error();
        if (!parent->next())
            return makeError(ErrorCode::NotFound, QStringLiteral("no such category"));
        where << (parent->value(0).isNull() ? QStringLiteral("p.top_category_id = ?")
                                            : QStringLiteral("p.category_id = ?"));
        values << query.categoryId;
    }

    // Search: every term must be a substring of the normalised text. The test is instr/strpos on a bound value,
    // never LIKE, so % _ \ in the input are plain characters.
    QString from = QStringLiteral("products p");
    QVariantList fromValues;
    const QStringList terms = SearchText::terms(query.query);
    if (!terms.isEmpty()) {
        QSet<QString> grams;
        for (const QString& term : terms)
            grams.unite(SearchText::indexQueryGrams(term));
        QList<std::pair<qint64, QString>> counted; // (postings up to the limit + 1, gram)
        for (const QString& gram : std::as_const(grams)) {
            // Bounded count: we only need to know whether it is below the limit.
            auto count = m_database.scalar(
                QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM product_search_grams WHERE shop_id = ? AND "
                               "gram = ? LIMIT %1) t")
                    .arg(m_gramDrivenLimit + 1),
                {query.shopId, gram});
            if (!count)
                return count.error();
            if (count->toLongLong() == 0)
                return ProductPage{}; // some gram occurs nowhere: nothing can match
            counted.append({count->toLongLong(), gram});
        }
        std::sort(counted.begin(), counted.end());
        const qint64 rarestCount = counted.constFirst().first;
        const QString rarest = counted.constFirst().second;
        if (rarestCount <= m_gramDrivenLimit) {
            // The rarest gram's postings drive the query, one primary-key lookup each, and the few candidates are
            // sorted. CROSS JOIN fixes that join order on SQLite. PostgreSQL, guessing that the substring test keeps a
            // third of the rows, would rather walk the sort index probing every visible product's postings or hash
            // join a scan of all products (75 ms / 45 ms at 100,000 products for one match): the LATERAL subquery,
            // kept whole by OFFSET 0, leaves it only the lookups (3 ms).
            from = m_database.dialect().engine() == db::Engine::Postgres
                       ? QStringLiteral("product_search_grams g CROSS JOIN LATERAL "
                                        "(SELECT * FROM products WHERE id = g.product_id OFFSET 0) p")
                       : QStringLiteral("product_search_grams g CROSS JOIN products p");
            where.prepend(QStringLiteral("g.shop_id = ? AND g.gram = ? AND p.id = g.product_id"));
            fromValues << query.shopId << rarest;
            // A matching product holds every gram of the query, so the next rarest grams' postings narrow the
            // candidates before any product row is read: an index-only probe each instead of a product lookup. It
            // matters when even the rarest gram is common (a model number "x12345" whose every trigram is in
            // thousands of products: 27-38 ms -> ~10 ms on PostgreSQL at 1,000,000 products).
            for (qsizetype i = 1; i < counted.size() && i <= MaxNarrowingGrams; ++i) {
                where.insert(i,
                             QStringLiteral("EXISTS (SELECT 1 FROM product_search_grams n WHERE n.shop_id = g.shop_id "
                                            "AND n.gram = ? AND n.product_id = g.product_id)"));
                fromValues << counted.at(i).second;
            }
        }
        for (const QString& term : terms) {
            where << m_database.dialect().containsText(QStringLiteral("p.search_text"));
            values << term;
        }
    }

    const QString direction = sort.ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    if (after) {
        where << QStringLiteral("(p.%1, p.id) %2 (?, ?)")
                     .arg(sort.column, sort.ascending ? QStringLiteral(">") : QStringLiteral("<"));
        values << after->key << after->id;
    }
    const int limit = qBound(1, query.limit, MaxLimit);
    const QString sql = QStringLiteral("SELECT %1, p.%2 FROM %3 WHERE %4 ORDER BY p.%2 %5, p.id %5 LIMIT %6 OFFSET %7")
                            .arg(ListColumns, sort.column, from, where.join(QStringLiteral(" AND ")), direction)
                            .arg(limit + 1)
                            .arg(qMax(0, query.offset));
    auto rows = m_database.exec(sql, fromValues + values);
    if (!rows)
        return rows.error();
    ProductPage page;
    qint64 lastKey = 0;
    QString lastId;
    const int keyColumn = 14;
    while (rows->next()) {
        if (page.items.size() == limit) {
            page.nextCursor = encodeKeysetCursor(cursorTag(query.sort), lastKey, lastId);
            break;
        }
        page.items.append(listItem(*rows, query.audience, query.shopId));
        lastKey = rows->value(keyColumn).toLongLong();
        lastId = rows->value(0).toString();
    }
    return page;
}

Result<QJsonObject>
CatalogReader::product(const QString& shopId, const QString& productId, ProductQuery::Audience audience) const
{
    const bool customer = audience == ProductQuery::Audience::Customer;
    auto row = m_database.exec(QStringLiteral("SELECT %1, p.description FROM products p WHERE p.id = ? AND "
                                              "p.shop_id = ? AND p.deleted = 0%2")
                                   .arg(ListColumns, customer ? QStringLiteral(" AND p.on_shelf = 1") : QString()),
                               {productId, shopId});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such product"));
    QJsonObject product = listItem(*row, audience, shopId);
    product.insert(QStringLiteral("images"), imageReferences(shopId, row->value(3).toString()));
    product.insert(QStringLiteral("description"), row->value(14).toString());

    auto skus =
        m_database.exec(QStringLiteral("SELECT id, specs, price_fen, original_price_fen, stock, code, image "
                                       "FROM product_skus WHERE product_id = ? AND deleted = 0 ORDER BY position"),
                        {productId});
    if (!skus)
        return skus.error();
    QJsonArray skuList;
    // The picker's rows: each specification with its values in the order the SKUs first use them.
    QStringList specNames;
    QHash<QString, QJsonArray> specValues;
    while (skus->next()) {
        const QJsonObject specs = QJsonDocument::fromJson(skus->value(1).toString().toUtf8()).object();
        for (auto it = specs.begin(); it != specs.end(); ++it) {
            if (!specNames.contains(it.key()))
                specNames << it.key();
            if (!specValues[it.key()].contains(it.value()))
                specValues[it.key()].append(it.value());
        }
        const qint64 price = skus->value(2).toLongLong();
        const qint64 original = skus->value(3).toLongLong();
        const qint64 stock = skus->value(4).toLongLong();
        QJsonObject sku{{QStringLiteral("id"), skus->value(0).toString()},
                        {QStringLiteral("specs"), specs},
                        {QStringLiteral("priceFen"), price},
                        {QStringLiteral("price"), moneyText(price)},
                        {QStringLiteral("originalPriceFen"), original},
                        {QStringLiteral("originalPrice"), moneyText(original)},
                        {QStringLiteral("image"), ImageStore::reference(shopId, skus->value(6).toString())},
                        {QStringLiteral("stockState"), stockStateOf(stock)}};
        if (!customer) {
            sku.insert(QStringLiteral("stock"), stock);
            sku.insert(QStringLiteral("code"), skus->value(5).toString());
        }
        skuList.append(sku);
    }
    QJsonArray specs;
    for (const QString& name : std::as_const(specNames))
        specs.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("values"), specValues.value(name)}});
    product.insert(QStringLiteral("specs"), specs);
    product.insert(QStringLiteral("skus"), skuList);
    return product;
}

} // namespace xd::server
