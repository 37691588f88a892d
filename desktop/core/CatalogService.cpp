#include "CatalogService.h"

#include "CacheDatabase.h"
#include "CacheQuery.h"
#include "CacheStore.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/Id.h"
#include "xiaodian/Money.h"
#include "xiaodian/SearchText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace xd {

namespace {

const QString kCategorySave = QStringLiteral("category.save");
const QString kCategoryDelete = QStringLiteral("category.delete");
const QString kCategoryReorder = QStringLiteral("category.reorder");
const QString kProductSave = QStringLiteral("product.save");
const QString kProductDelete = QStringLiteral("product.delete");
const QString kSetShelf = QStringLiteral("product.setShelf");
const QString kAdjustStock = QStringLiteral("product.adjustStock");
const QString kSetPrice = QStringLiteral("product.setPrice");

const QString kListColumns = QStringLiteral("id, category_id, name, on_shelf, min_price_fen, stock_total, "
                                            "updated_at_ms, sales_count, sku_count, search_text");

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

bool isProductOperation(const QString& name)
{
    return name == kProductSave || name == kProductDelete || name == kSetShelf || name == kAdjustStock ||
           name == kSetPrice;
}

QJsonArray skusOf(const QJsonObject& product)
{
    return product.value(QStringLiteral("skus")).toArray();
}

// Applies one view operation to a SKU list of a product: fn(sku) for the SKU with `skuId`.
template <typename Fn> void updateSku(QJsonObject& product, const QString& skuId, Fn fn)
{
    QJsonArray skus = skusOf(product);
    for (qsizetype i = 0; i < skus.size(); ++i) {
        QJsonObject sku = skus.at(i).toObject();
        if (sku.value(QStringLiteral("id")).toString() == skuId) {
            fn(sku);
            skus.replace(i, sku);
        }
    }
    product.insert(QStringLiteral("skus"), skus);
}

// "拿铁 大杯/冰" for messages.
QString skuLabel(const QString& productName, const QJsonObject& sku)
{
    QStringList values;
    const QJsonObject specs = sku.value(QStringLiteral("specs")).toObject();
    for (auto it = specs.begin(); it != specs.end(); ++it)
        values << it.value().toString();
    return values.isEmpty() ? productName : productName + QLatin1Char(' ') + values.join(QLatin1Char('/'));
}

// The filter as SQL over product_list's columns (the TEMP overlay table has the same ones).
struct FilterSql
{
    QString where;
    QVariantList values;
};

QString countKey(const ProductFilter& filter)
{
    return QStringList{filter.text,
                       filter.categoryId,
                       filter.uncategorisedOnly ? QStringLiteral("u") : QString(),
                       QString::number(int(filter.shelf))}
        .join(QChar(0));
}

// `walkSortIndex`: many rows match, so the page is read along the sort key's index and the filter columns must not
// lead SQLite to their own index (a unary + keeps a column out of index use).
FilterSql filterSql(const ProductFilter& filter, const QStringList& categoryIds, bool walkSortIndex = false)
{
    const QString plus = walkSortIndex ? QStringLiteral("+") : QString();
    QStringList clauses;
    FilterSql out;
    // instr() on a bound value: '%' and '_' are ordinary characters, and no LIKE is built from input.
    for (const QString& term : SearchText::terms(filter.text)) {
        clauses << QStringLiteral("instr(search_text, ?) > 0");
        out.values << term;
    }
    if (filter.uncategorisedOnly) {
        clauses << QStringLiteral("category_id IS NULL");
    } else if (!filter.categoryId.isEmpty()) {
        QStringList marks;
        for (const QString& id : categoryIds) {
            marks << QStringLiteral("?");
            out.values << id;
        }
        clauses << QStringLiteral("%1category_id IN (%2)").arg(plus, marks.join(QStringLiteral(", ")));
    }
    if (filter.shelf != ProductFilter::Shelf::Any) {
        clauses << plus + QStringLiteral("on_shelf = ?");
        out.values << (filter.shelf == ProductFilter::Shelf::On ? 1 : 0);
    }
    out.where = clauses.isEmpty() ? QStringLiteral("1") : clauses.join(QStringLiteral(" AND "));
    return out;
}

QString sortColumn(ProductSort::Key key)
{
    switch (key) {
    case ProductSort::Key::Name:
        return QStringLiteral("name");
    case ProductSort::Key::Category:
        // Categories in the order the merchant gave them; uncategorised last.
        return QStringLiteral("COALESCE((SELECT (CASE WHEN c.parent_id IS NULL THEN c.position * 1000 ELSE "
                              "(SELECT p.position FROM category p WHERE p.id = c.parent_id) * 1000 + c.position END) "
                              "FROM category c WHERE c.id = category_id), 1000000000)");
    case ProductSort::Key::Price:
        return QStringLiteral("min_price_fen");
    case ProductSort::Key::Stock:
        return QStringLiteral("stock_total");
    case ProductSort::Key::Shelf:
        return QStringLiteral("on_shelf"); // two values, no index: a sort of the matches
    case ProductSort::Key::Updated:
        return QStringLiteral("updated_at_ms");
    case ProductSort::Key::Sales:
        return QStringLiteral("sales_count");
    }
    return QStringLiteral("name");
}

ProductListRow rowFrom(const QSqlQuery& q)
{
    ProductListRow row;
    row.id = q.value(0).toString();
    row.categoryId = q.value(1).toString();
    row.name = q.value(2).toString();
    row.onShelf = q.value(3).toInt() != 0;
    row.minPriceFen = q.value(4).toLongLong();
    row.stockTotal = q.value(5).toLongLong();
    row.updatedAtMs = q.value(6).toLongLong();
    row.salesCount = q.value(7).toLongLong();
    row.skuCount = q.value(8).toInt();
    row.searchText = q.value(9).toString();
    row.pending = q.value(10).toInt() != 0;
    return row;
}

} // namespace

CatalogService::CatalogService(CacheStore& store, CacheDatabase& database, Role role, QObject* parent)
    : QObject(parent), m_store(store), m_database(database), m_role(role)
{
    connect(&m_store, &CacheStore::entitiesChanged, this, &CatalogService::onEntitiesChanged);
    connect(&m_store, &CacheStore::outboxChanged, this, &CatalogService::onOutboxChanged);
    // A text filter reads the whole product_list (about 16 MB at 100,000 products), then a page walks a sort index:
    // with SQLCipher's default page cache (2 MB) every keystroke would decrypt every page again. 64 MB keeps the
    // list's table and the index in use decrypted between queries (memory only taken as pages are read).
    // The overlay table and the sorts' temporary B-trees stay in memory: no plaintext temporary file on disk.
    for (const QString& pragma :
         {QStringLiteral("PRAGMA cache_size = -65536"), QStringLiteral("PRAGMA temp_store = 2")}) {
        if (auto tuned = cache::run(m_database.database(), pragma); !tuned)
            qWarning("products list: %s failed: %s", qPrintable(pragma), qPrintable(tuned.error().message));
    }
}

CatalogService::~CatalogService() = default;

bool CatalogService::can(const QString& operation) const
{
    return isAllowed(m_role, operation);
}

Status CatalogService::checkAllowed(const QString& operation) const
{
    if (!can(operation))
        return makeError(ErrorCode::PermissionDenied, tr("Your role may not do this."));
    return {};
}

void CatalogService::onEntitiesChanged(const QStringList& entities)
{
    if (entities.contains(CacheStore::CategoryEntity)) {
        m_categories.reset();
        emit categoriesChanged();
    }
    if (entities.contains(CacheStore::ProductEntity)) {
        m_overlayDirty = true;
        m_lastCount.clear();
        emit productsChanged();
    }
}

void CatalogService::onOutboxChanged()
{
    m_overlayDirty = true;
    m_lastCount.clear();
    m_categories.reset();
    emit categoriesChanged();
    emit productsChanged();
}

Result<QList<OutboxEntry>> CatalogService::viewOperations() const
{
    auto acknowledged = m_store.acknowledgedOperations();
    if (!acknowledged)
        return acknowledged.error();
    auto pending = m_store.pendingOperations();
    if (!pending)
        return pending.error();
    return *acknowledged + *pending;
}

// ---- categories ----

Result<QList<CatalogCategory>> CatalogService::categories() const
{
    // Every list query names the categories (filter, names): reading the outbox each time would cost as much as the
    // query when it is long (a CSV import), so the view is kept until the outbox or the categories change.
    if (m_categories)
        return *m_categories;
    auto built = buildCategories();
    if (built)
        m_categories = *built;
    return built;
}

Result<QList<CatalogCategory>> CatalogService::buildCategories() const
{
    auto rows = m_store.rows(CacheStore::CategoryEntity);
    if (!rows)
        return rows.error();
    QList<CatalogCategory> list;
    for (const CachedRow& row : std::as_const(*rows))
        list.append(CatalogCategory{row.id,
                                    row.data.value(QStringLiteral("parentId")).toString(),
                                    row.data.value(QStringLiteral("name")).toString(),
                                    row.data.value(QStringLiteral("icon")).toString(),
                                    row.data.value(QStringLiteral("position")).toInt(),
                                    false});
    auto operations = viewOperations();
    if (!operations)
        return operations.error();
    for (const OutboxEntry& entry : std::as_const(*operations)) {
        const bool pending = entry.state == OutboxEntry::State::Pending;
        const QString id = entry.args.value(QStringLiteral("id")).toString();
        auto it = std::find_if(list.begin(), list.end(), [&](const CatalogCategory& c) { return c.id == id; });
        if (entry.name == kCategorySave) {
            const QString parentId = entry.args.value(QStringLiteral("parentId")).toString();
            if (it == list.end()) {
                int last = 0;
                for (const CatalogCategory& c : std::as_const(list)) {
                    if (c.parentId == parentId)
                        last = std::max(last, c.position);
                }
                list.append(CatalogCategory{id, parentId, {}, {}, last + 1, pending});
                it = list.end() - 1;
            }
            it->name = entry.args.value(QStringLiteral("name")).toString().trimmed();
            it->icon = entry.args.value(QStringLiteral("icon")).toString();
            it->parentId = parentId;
            if (entry.args.value(QStringLiteral("position")).isDouble())
                it->position = entry.args.value(QStringLiteral("position")).toInt();
            it->pending = it->pending || pending;
        } else if (entry.name == kCategoryDelete && it != list.end()) {
            list.erase(it);
        } else if (entry.name == kCategoryReorder) {
            const QJsonArray ids = entry.args.value(QStringLiteral("ids")).toArray();
            for (qsizetype i = 0; i < ids.size(); ++i) {
                for (CatalogCategory& c : list) {
                    if (c.id == ids.at(i).toString()) {
                        c.position = int(i + 1);
                        c.pending = c.pending || pending;
                    }
                }
            }
        }
    }
    // Top level by position, each followed by its children by position.
    auto byPosition = [](const CatalogCategory& a, const CatalogCategory& b) {
        return a.position != b.position ? a.position < b.position : a.id < b.id;
    };
    QList<CatalogCategory> top;
    for (const CatalogCategory& c : std::as_const(list)) {
        if (c.parentId.isEmpty())
            top.append(c);
    }
    std::sort(top.begin(), top.end(), byPosition);
    QList<CatalogCategory> ordered;
    for (const CatalogCategory& parent : std::as_const(top)) {
        ordered.append(parent);
        QList<CatalogCategory> children;
        for (const CatalogCategory& c : std::as_const(list)) {
            if (c.parentId == parent.id)
                children.append(c);
        }
        std::sort(children.begin(), children.end(), byPosition);
        ordered.append(children);
    }
    return ordered;
}

QStringList CatalogService::categoryWithChildren(const QString& id) const
{
    if (id.isEmpty())
        return {};
    QStringList ids{id};
    const auto list = categories().valueOr(QList<CatalogCategory>());
    for (const CatalogCategory& c : list) {
        if (c.parentId == id)
            ids << c.id;
    }
    return ids;
}

// ---- products: the overlay ----

Result<std::optional<QJsonObject>> CatalogService::confirmedProduct(const QString& id) const
{
    auto row = m_store.row(CacheStore::ProductEntity, id);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<QJsonObject>();
    QJsonObject data = (*row)->data;
    data.insert(QStringLiteral("id"), id);
    return std::optional<QJsonObject>(data);
}

Status CatalogService::refreshOverlay() const
{
    if (!m_overlayDirty)
        return {};
    auto operations = viewOperations();
    if (!operations)
        return operations.error();
    Overlay overlay;
    // Loads the confirmed row the first time an operation touches a product.
    auto view = [&](const QString& id) -> Result<std::optional<QJsonObject>*> {
        auto it = overlay.products.find(id);
        if (it == overlay.products.end()) {
            auto confirmed = confirmedProduct(id);
            if (!confirmed)
                return confirmed.error();
            it = overlay.products.insert(id, *confirmed);
        }
        return &it.value();
    };
    for (const OutboxEntry& entry : std::as_const(*operations)) {
        if (!isProductOperation(entry.name))
            continue;
        const bool pending = entry.state == OutboxEntry::State::Pending;
        auto touch = [&](const QString& id) {
            overlay.pending[id] = overlay.pending.value(id) || pending;
        };
        if (entry.name == kProductSave) {
            const QString id = entry.args.value(QStringLiteral("id")).toString();
            auto current = view(id);
            if (!current)
                return current.error();
            QJsonObject next = entry.args;
            const QJsonObject before = (*current)->value_or(QJsonObject());
            next.insert(QStringLiteral("salesCount"), before.value(QStringLiteral("salesCount")).toInteger());
            next.insert(QStringLiteral("createdAtMs"),
                        before.value(QStringLiteral("createdAtMs")).toInteger(entry.createdAtMs));
            next.insert(QStringLiteral("updatedAtMs"), std::max(entry.createdAtMs, qint64(1)));
            // As on the server: a SKU that exists keeps its stock (only deltas move it).
            QHash<QString, qint64> stock;
            for (const QJsonValue& sku : skusOf(before))
                stock.insert(sku.toObject().value(QStringLiteral("id")).toString(),
                             sku.toObject().value(QStringLiteral("stock")).toInteger());
            QJsonArray skus = skusOf(next);
            for (qsizetype i = 0; i < skus.size(); ++i) {
                QJsonObject sku = skus.at(i).toObject();
                const QString skuId = sku.value(QStringLiteral("id")).toString();
                if (stock.contains(skuId))
                    sku.insert(QStringLiteral("stock"), stock.value(skuId));
                skus.replace(i, sku);
            }
            next.insert(QStringLiteral("skus"), skus);
            **current = next;
            touch(id);
        } else if (entry.name == kProductDelete) {
            const QString id = entry.args.value(QStringLiteral("id")).toString();
            overlay.products.insert(id, std::nullopt);
            touch(id);
        } else if (entry.name == kSetShelf) {
            for (const QJsonValue& value : entry.args.value(QStringLiteral("ids")).toArray()) {
                auto current = view(value.toString());
                if (!current)
                    return current.error();
                if (**current) {
                    (**current)->insert(QStringLiteral("onShelf"),
                                        entry.args.value(QStringLiteral("onShelf")).toBool());
                    touch(value.toString());
                }
            }
        } else {
            const bool stockChange = entry.name == kAdjustStock;
            const QJsonArray items =
                entry.args.value(stockChange ? QStringLiteral("adjustments") : QStringLiteral("items")).toArray();
            for (const QJsonValue& value : items) {
                const QJsonObject item = value.toObject();
                const QString productId = item.value(QStringLiteral("productId")).toString();
                auto current = view(productId);
                if (!current)
                    return current.error();
                if (!**current)
                    continue;
                updateSku(***current, item.value(QStringLiteral("skuId")).toString(), [&](QJsonObject& sku) {
                    if (stockChange) {
                        sku.insert(QStringLiteral("stock"),
                                   sku.value(QStringLiteral("stock")).toInteger() +
                                       item.value(QStringLiteral("delta")).toInteger());
                    } else {
                        sku.insert(QStringLiteral("priceFen"), item.value(QStringLiteral("priceFen")).toInteger());
                        if (item.contains(QStringLiteral("originalPriceFen")))
                            sku.insert(QStringLiteral("originalPriceFen"),
                                       item.value(QStringLiteral("originalPriceFen")).toInteger());
                    }
                });
                touch(productId);
            }
        }
    }

    // The overlay's list rows go to a TEMP table (private to this connection, never written to the file), so that one
    // SQL query sorts and pages confirmed and optimistic rows together.
    const QSqlDatabase db = m_database.database();
    auto created =
        cache::run(db,
                   QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS product_overlay (id TEXT PRIMARY KEY NOT NULL, "
                                  "deleted INTEGER NOT NULL, pending INTEGER NOT NULL, category_id TEXT, "
                                  "name TEXT NOT NULL, on_shelf INTEGER NOT NULL, min_price_fen INTEGER NOT NULL, "
                                  "stock_total INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL, "
                                  "sales_count INTEGER NOT NULL, sku_count INTEGER NOT NULL, "
                                  "search_text TEXT NOT NULL)"));
    if (!created)
        return created.error();
    auto cleared = cache::run(db, QStringLiteral("DELETE FROM temp.product_overlay"));
    if (!cleared)
        return cleared.error();
    QSqlQuery insert(db);
    if (!insert.prepare(QStringLiteral("INSERT INTO temp.product_overlay (deleted, pending, %1) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                            .arg(kListColumns)))
        return cache::queryError(insert);
    for (auto it = overlay.products.cbegin(); it != overlay.products.cend(); ++it) {
        const ProductListEntry entry = ProductListEntry::fromWire(it.key(), it.value().value_or(QJsonObject()));
        const QVariantList values = QVariantList{it.value() ? 0 : 1, overlay.pending.value(it.key()) ? 1 : 0}
                                    << entry.values();
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values.at(i));
        if (!insert.exec())
            return cache::queryError(insert);
    }
    m_overlay = overlay;
    m_overlayDirty = false;
    return {};
}

// ---- products: reads ----

Result<int> CatalogService::productCount(const ProductFilter& filter) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    const FilterSql f = filterSql(filter, categoryWithChildren(filter.categoryId));
    auto q = cache::run(m_database.database(),
                        QStringLiteral("SELECT (SELECT COUNT(*) FROM product_list WHERE %1 AND id NOT IN "
                                       "(SELECT id FROM temp.product_overlay)) + "
                                       "(SELECT COUNT(*) FROM temp.product_overlay WHERE deleted = 0 AND %1)")
                            .arg(f.where),
                        QVariantList(f.values) << f.values);
    if (!q)
        return q.error();
    const int count = q->next() ? q->value(0).toInt() : 0;
    if (m_lastCount.size() > 50)
        m_lastCount.clear();
    m_lastCount.insert(countKey(filter), count);
    return count;
}

Result<QList<ProductListRow>>
CatalogService::products(const ProductFilter& filter, const ProductSort& sort, int offset, int limit) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    const QString direction = sort.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QString key = sortColumn(sort.key);
    // The plan, from the count the table asked for first (as the server's search chooses by the rarest gram): few
    // matches are read by the filter (a scan, or the category index) and sorted, instead of walking the sort index and
    // looking up every row to find the few; many matches walk the sort index and stop after the page.
    const auto known = m_lastCount.constFind(countKey(filter));
    const bool indexedKey = sort.key != ProductSort::Key::Category && sort.key != ProductSort::Key::Shelf;
    const bool few = known != m_lastCount.cend() && *known <= m_fewMatches;
    const bool many = known != m_lastCount.cend() && *known > m_fewMatches;
    if (few && indexedKey)
        key = QStringLiteral("+") + key;
    const FilterSql f = filterSql(filter, categoryWithChildren(filter.categoryId), many && indexedKey);
    QString sql;
    QVariantList values;
    if (m_overlay.products.isEmpty()) {
        // The common case: straight from the table, in the sort index's order.
        sql = QStringLiteral("SELECT %1, 0 FROM product_list WHERE %2 ORDER BY %3 %4, id %4 LIMIT ? OFFSET ?")
                  .arg(kListColumns, f.where, key, direction);
        values = f.values;
    } else {
        // Both sides deliver in key order; SQLite merges them (a compound ORDER BY names result columns).
        sql = QStringLiteral("SELECT %1, 0 AS pending, %3 AS sort_key FROM product_list WHERE %2 AND id NOT IN "
                             "(SELECT id FROM temp.product_overlay) "
                             "UNION ALL SELECT %1, pending, %3 AS sort_key FROM temp.product_overlay "
                             "WHERE deleted = 0 AND %2 "
                             "ORDER BY sort_key %4, id %4 LIMIT ? OFFSET ?")
                  .arg(kListColumns, f.where, key, direction);
        values = QVariantList(f.values) << f.values;
    }
    values << limit << offset;
    auto q = cache::run(m_database.database(), sql, values);
    if (!q)
        return q.error();
    QList<ProductListRow> rows;
    rows.reserve(limit);
    while (q->next())
        rows.append(rowFrom(*q));
    return rows;
}

Result<std::optional<QJsonObject>> CatalogService::product(const QString& id) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    if (m_overlay.products.contains(id)) {
        auto view = m_overlay.products.value(id);
        if (view)
            view->insert(QStringLiteral("id"), id);
        return view;
    }
    return confirmedProduct(id);
}

// ---- edits ----

Result<QList<qint64>> CatalogService::enqueue(const QList<std::pair<QString, QJsonObject>>& operations)
{
    for (const auto& [name, args] : operations) {
        if (const Status allowed = checkAllowed(name); !allowed)
            return allowed.error();
    }
    return m_store.enqueueBatch(operations);
}

Result<qint64> CatalogService::saveCategory(QJsonObject args, QString* newId)
{
    if (!args.contains(QStringLiteral("id")))
        args.insert(QStringLiteral("id"), Id::create());
    auto draft = CatalogRules::normalizeCategory(args);
    if (!draft)
        return draft.error();
    auto current = categories();
    if (!current)
        return current.error();
    if (!draft->parentId.isEmpty()) {
        const auto parent = std::find_if(
            current->cbegin(), current->cend(), [&](const CatalogCategory& c) { return c.id == draft->parentId; });
        if (parent == current->cend())
            return invalid(tr("The parent category does not exist."));
        if (!parent->parentId.isEmpty())
            return invalid(tr("Categories have two levels: the parent must be a top-level category."));
        if (std::any_of(
                current->cbegin(), current->cend(), [&](const CatalogCategory& c) { return c.parentId == draft->id; }))
            return makeError(ErrorCode::Conflict, tr("A category with subcategories cannot become a subcategory."));
    }
    const bool exists =
        std::any_of(current->cbegin(), current->cend(), [&](const CatalogCategory& c) { return c.id == draft->id; });
    if (!exists && current->size() >= CatalogRules::MaxCategoriesPerShop)
        return makeError(ErrorCode::Conflict,
                         tr("A shop has at most %1 categories.").arg(CatalogRules::MaxCategoriesPerShop));
    QJsonObject normalized{{QStringLiteral("id"), draft->id},
                           {QStringLiteral("name"), draft->name},
                           {QStringLiteral("icon"), draft->icon},
                           {QStringLiteral("parentId"),
                            draft->parentId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(draft->parentId)}};
    if (draft->position)
        normalized.insert(QStringLiteral("position"), *draft->position);
    auto mids = enqueue({{kCategorySave, normalized}});
    if (!mids)
        return mids.error();
    if (newId)
        *newId = draft->id;
    return mids->constLast();
}

Result<qint64> CatalogService::deleteCategory(const QString& id)
{
    auto current = categories();
    if (!current)
        return current.error();
    if (std::none_of(current->cbegin(), current->cend(), [&](const CatalogCategory& c) { return c.id == id; }))
        return makeError(ErrorCode::NotFound, tr("There is no such category."));
    const qsizetype children =
        std::count_if(current->cbegin(), current->cend(), [&](const CatalogCategory& c) { return c.parentId == id; });
    if (children > 0)
        return makeError(ErrorCode::Conflict,
                         tr("The category has %n subcategories; move or delete them first.", nullptr, int(children)));
    // Checked locally too (the server has the last word): the products filed directly under it, as this cache sees.
    ProductFilter filter;
    filter.categoryId = id;
    auto used = productCount(filter);
    if (!used)
        return used.error();
    // productCount includes subcategories: there are none here.
    if (*used > 0)
        return makeError(ErrorCode::Conflict,
                         tr("The category holds %n products; move or delete them first.", nullptr, *used));
    auto mids = enqueue({{kCategoryDelete, QJsonObject{{QStringLiteral("id"), id}}}});
    if (!mids)
        return mids.error();
    return mids->constLast();
}

Result<qint64> CatalogService::reorderCategories(const QString& parentId, const QStringList& ids)
{
    auto current = categories();
    if (!current)
        return current.error();
    QStringList siblings;
    for (const CatalogCategory& c : std::as_const(*current)) {
        if (c.parentId == parentId)
            siblings << c.id;
    }
    QStringList wanted = ids;
    wanted.sort();
    siblings.sort();
    if (wanted != siblings)
        return invalid(tr("The new order must list every category of that level exactly once."));
    const QJsonObject args{{QStringLiteral("parentId"), parentId.isEmpty() ? QJsonValue() : QJsonValue(parentId)},
                           {QStringLiteral("ids"), QJsonArray::fromStringList(ids)}};
    if (auto valid = CatalogRules::normalizeIdList(args, QStringLiteral("ids")); !valid)
        return valid.error();
    auto mids = enqueue({{kCategoryReorder, args}});
    if (!mids)
        return mids.error();
    return mids->constLast();
}

Result<qint64> CatalogService::saveProduct(QJsonObject product, const QHash<QString, qint64>& stockSeen)
{
    if (!product.contains(QStringLiteral("id")))
        product.insert(QStringLiteral("id"), Id::create());
    auto draft = CatalogRules::normalizeProduct(product);
    if (!draft)
        return draft.error();
    if (!draft->categoryId.isEmpty()) {
        auto current = categories();
        if (!current)
            return current.error();
        if (std::none_of(current->cbegin(), current->cend(), [&](const CatalogCategory& c) {
                return c.id == draft->categoryId;
            }))
            return invalid(tr("The category does not exist."));
    }
    auto existing = this->product(draft->id);
    if (!existing)
        return existing.error();
    // Stock of SKUs that exist moves by a delta against what the editor showed; product.save carries the value
    // seen (the server ignores it for existing SKUs).
    QHash<QString, qint64> current;
    if (*existing) {
        for (const QJsonValue& sku : skusOf(**existing))
            current.insert(sku.toObject().value(QStringLiteral("id")).toString(),
                           sku.toObject().value(QStringLiteral("stock")).toInteger());
    }
    QJsonArray adjustments;
    QJsonArray skus = product.value(QStringLiteral("skus")).toArray();
    for (qsizetype i = 0; i < skus.size(); ++i) {
        QJsonObject sku = skus.at(i).toObject();
        const QString skuId = sku.value(QStringLiteral("id")).toString();
        if (!current.contains(skuId))
            continue; // a new SKU: product.save sets its stock
        const qint64 typed = sku.value(QStringLiteral("stock")).toInteger();
        const qint64 seen = stockSeen.value(skuId, current.value(skuId));
        if (typed != seen) {
            const qint64 delta = typed - seen;
            if (current.value(skuId) + delta < 0)
                return makeError(ErrorCode::OutOfStock,
                                 tr("The stock of %1 changed meanwhile to %2; taking %3 away would go below 0.")
                                     .arg(skuLabel(draft->name, sku))
                                     .arg(current.value(skuId))
                                     .arg(-delta));
            adjustments.append(QJsonObject{{QStringLiteral("productId"), draft->id},
                                           {QStringLiteral("skuId"), skuId},
                                           {QStringLiteral("delta"), delta}});
        }
        sku.insert(QStringLiteral("stock"), current.value(skuId));
        skus.replace(i, sku);
    }
    product.insert(QStringLiteral("skus"), skus);
    QList<std::pair<QString, QJsonObject>> operations{{kProductSave, product}};
    if (!adjustments.isEmpty())
        operations.append({kAdjustStock, QJsonObject{{QStringLiteral("adjustments"), adjustments}}});
    auto mids = enqueue(operations);
    if (!mids)
        return mids.error();
    return mids->constLast();
}

Result<qint64> CatalogService::deleteProduct(const QString& id)
{
    auto existing = product(id);
    if (!existing)
        return existing.error();
    if (!*existing)
        return makeError(ErrorCode::NotFound, tr("There is no such product."));
    auto mids = enqueue({{kProductDelete, QJsonObject{{QStringLiteral("id"), id}}}});
    if (!mids)
        return mids.error();
    return mids->constLast();
}

Result<qint64> CatalogService::setShelf(const QStringList& productIds, bool onShelf)
{
    if (productIds.isEmpty())
        return invalid(tr("Choose at least one product."));
    QList<std::pair<QString, QJsonObject>> operations;
    // At most MaxBulkIds per operation: a larger selection becomes several, queued together.
    for (qsizetype from = 0; from < productIds.size(); from += CatalogRules::MaxBulkIds) {
        const QStringList chunk = productIds.mid(from, CatalogRules::MaxBulkIds);
        const QJsonObject args{{QStringLiteral("ids"), QJsonArray::fromStringList(chunk)},
                               {QStringLiteral("onShelf"), onShelf}};
        if (auto valid = CatalogRules::normalizeIdList(args, QStringLiteral("ids")); !valid)
            return valid.error();
        for (const QString& id : chunk) {
            auto existing = product(id);
            if (!existing)
                return existing.error();
            if (!*existing)
                return makeError(ErrorCode::NotFound, tr("A chosen product no longer exists."));
        }
        operations.append({kSetShelf, args});
    }
    auto mids = enqueue(operations);
    if (!mids)
        return mids.error();
    return mids->constLast();
}

Result<qint64> CatalogService::adjustStock(const QStringList& productIds, qint64 delta)
{
    if (productIds.isEmpty())
        return invalid(tr("Choose at least one product."));
    if (delta == 0 || delta < -CatalogRules::MaxStock || delta > CatalogRules::MaxStock)
        return invalid(tr("The change must be a whole number of pieces other than 0."));
    QJsonArray items;
    for (const QString& id : productIds) {
        auto existing = product(id);
        if (!existing)
            return existing.error();
        if (!*existing)
            return makeError(ErrorCode::NotFound, tr("A chosen product no longer exists."));
        for (const QJsonValue& value : skusOf(**existing)) {
            const QJsonObject sku = value.toObject();
            const qint64 result = sku.value(QStringLiteral("stock")).toInteger() + delta;
            if (result < 0)
                return makeError(ErrorCode::OutOfStock,
                                 tr("%1 has %2 in stock: %3 cannot be taken away.")
                                     .arg((*existing)->value(QStringLiteral("name")).toString())
                                     .arg(sku.value(QStringLiteral("stock")).toInteger())
                                     .arg(-delta));
            if (result > CatalogRules::MaxStock)
                return makeError(ErrorCode::Overflow,
                                 tr("%1 would hold more than %2 pieces.")
                                     .arg((*existing)->value(QStringLiteral("name")).toString())
                                     .arg(CatalogRules::MaxStock));
            items.append(QJsonObject{{QStringLiteral("productId"), id},
                                     {QStringLiteral("skuId"), sku.value(QStringLiteral("id")).toString()},
                                     {QStringLiteral("delta"), delta}});
        }
    }
    QList<std::pair<QString, QJsonObject>> operations;
    for (qsizetype from = 0; from < items.size(); from += CatalogRules::MaxBulkIds) {
        QJsonArray chunk;
        for (qsizetype i = from; i < std::min<qsizetype>(items.size(), from + CatalogRules::MaxBulkIds); ++i)
            chunk.append(items.at(i));
        const QJsonObject args{{QStringLiteral("adjustments"), chunk}};
        if (auto valid = CatalogRules::normalizeStockAdjustments(args); !valid)
            return valid.error();
        operations.append({kAdjustStock, args});
    }
    auto mids = enqueue(operations);
    if (!mids)
        return mids.error();
    return mids->constLast();
}

Result<qint64> CatalogService::changePrices(const QStringList& productIds, const PriceRule& rule)
{
    if (productIds.isEmpty())
        return invalid(tr("Choose at least one product."));
    if (!rule.priceFen && (rule.basisPoints <= 0 || rule.basisPoints > 1'000'000))
        return invalid(tr("The percentage must be above 0% and at most 10000%."));
    QJsonArray items;
    for (const QString& id : productIds) {
        auto existing = product(id);
        if (!existing)
            return existing.error();
        if (!*existing)
            return makeError(ErrorCode::NotFound, tr("A chosen product no longer exists."));
        for (const QJsonValue& value : skusOf(**existing)) {
            const QJsonObject sku = value.toObject();
            qint64 price = 0;
            if (rule.priceFen) {
                price = *rule.priceFen;
            } else {
                auto scaled =
                    Money::fromFen(sku.value(QStringLiteral("priceFen")).toInteger()).percentOf(rule.basisPoints);
                if (!scaled)
                    return scaled.error();
                price = scaled->fen();
            }
            if (price < 0 || price > CatalogRules::MaxPriceFen)
                return invalid(
                    tr("A price of %1 would be outside 0 to %2 yuan.")
                        .arg(Money::fromFen(price).toString(), Money::fromFen(CatalogRules::MaxPriceFen).toString()));
            items.append(QJsonObject{{QStringLiteral("productId"), id},
                                     {QStringLiteral("skuId"), sku.value(QStringLiteral("id")).toString()},
                                     {QStringLiteral("priceFen"), price}});
        }
    }
    QList<std::pair<QString, QJsonObject>> operations;
    for (qsizetype from = 0; from < items.size(); from += CatalogRules::MaxBulkIds) {
        QJsonArray chunk;
        for (qsizetype i = from; i < std::min<qsizetype>(items.size(), from + CatalogRules::MaxBulkIds); ++i)
            chunk.append(items.at(i));
        const QJsonObject args{{QStringLiteral("items"), chunk}};
        if (auto valid = CatalogRules::normalizePriceChanges(args); !valid)
            return valid.error();
        operations.append({kSetPrice, args});
    }
    auto mids = enqueue(operations);
    if (!mids)
        return mids.error();
    return mids->constLast();
}

} // namespace xd
