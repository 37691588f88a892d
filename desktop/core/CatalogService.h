#pragma once

#include "ProductListEntry.h"
#include "xiaodian/Permissions.h"
#include "xiaodian/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace xd {

class CacheDatabase;
class CacheStore;
struct OutboxEntry;

// A category as the GUI shows it: the confirmed row with pending operations applied.
struct CatalogCategory
{
    QString id;
    QString parentId; // empty: top level
    QString name;
    QString icon;
    int position = 0;
    bool pending = false;
};

struct ProductFilter
{
    enum class Shelf { Any, On, Off };
    QString text;       // every space-separated term must be in the name, keywords or a SKU code
    QString categoryId; // this category and its subcategories; empty: every category
    bool uncategorisedOnly = false;
    Shelf shelf = Shelf::Any;
};

struct ProductSort
{
    enum class Key { Name, Category, Price, Stock, Shelf, Updated, Sales };
    Key key = Key::Updated;
    bool descending = true;
};

// One line of the products table.
struct ProductListRow : ProductListEntry
{
    bool pending = false; // a pending operation touches this product
};

// A bulk price change: every SKU of the chosen products gets `percent` (basis points: 9000 = 90%) of its price, or
// exactly `priceFen` when that is set.
struct PriceRule
{
    qint64 basisPoints = 10'000;
    std::optional<qint64> priceFen;
};

// The optimistic catalog the products and categories pages read and edit, for 100,000+ products: the list is queried
// in SQL from the cache's `product_list` table (never loaded whole), and the few products that view operations touch
// (pending, or acknowledged and not yet pulled) are recomputed here and merged in by the same query through a
// connection-private TEMP table. Edits are checked with CatalogRules and the permission table, then enqueued as the
// named operations of docs/catalog.md. Stock is only ever changed by deltas (product.adjustStock).
class CatalogService final : public QObject
{
    Q_OBJECT

public:
    CatalogService(CacheStore& store, CacheDatabase& database, Role role, QObject* parent = nullptr);
    ~CatalogService() override;
    Q_DISABLE_COPY_MOVE(CatalogService)

    void setRole(Role role) { m_role = role; }
    // Up to this many matches a page is read by the filter and sorted; above, along the sort key's index (see
    // products()). Tests lower it to run both plans on a small catalog.
    void setFewMatchesLimit(int limit) { m_fewMatches = limit; }
    bool can(const QString& operation) const;

    // Top-level categories by position, each followed by its children by position.
    Result<QList<CatalogCategory>> categories() const;

    Result<int> productCount(const ProductFilter& filter) const;
    Result<QList<ProductListRow>>
    products(const ProductFilter& filter, const ProductSort& sort, int offset, int limit) const;
    // The whole product (wire shape, with "id" and its SKUs) as the view shows it; nullopt when it does not exist.
    Result<std::optional<QJsonObject>> product(const QString& id) const;

    // Each returns the mid of the (last) operation enqueued. Errors: PermissionDenied, InvalidArgument, NotFound,
    // Conflict (a category still in use), OutOfStock (a stock change below 0).
    // `args` without "id" creates a category; `newId` receives its id.
    Result<qint64> saveCategory(QJsonObject args, QString* newId = nullptr);
    Result<qint64> deleteCategory(const QString& id);
    Result<qint64> reorderCategories(const QString& parentId, const QStringList& ids);
    // The whole product as product.save takes it. `stockSeen` holds, for SKUs that existed when the editor opened,
    // the stock it showed: a different stock in `product` becomes a product.adjustStock delta (enqueued together),
    // and product.save itself never moves existing stock.
    Result<qint64> saveProduct(QJsonObject product, const QHash<QString, qint64>& stockSeen = {});
    Result<qint64> deleteProduct(const QString& id);
    Result<qint64> setShelf(const QStringList& productIds, bool onShelf);
    // Adds `delta` pieces to every SKU of the products (negative: takes away).
    Result<qint64> adjustStock(const QStringList& productIds, qint64 delta);
    Result<qint64> changePrices(const QStringList& productIds, const PriceRule& rule);

signals:
    void categoriesChanged();
    void productsChanged();

private:
    struct Overlay
    {
        QHash<QString, std::optional<QJsonObject>> products; // nullopt: deleted in the view
        QHash<QString, bool> pending;
    };
    Status checkAllowed(const QString& operation) const;
    Result<QList<OutboxEntry>> viewOperations() const;
    Result<QList<CatalogCategory>> buildCategories() const;
    Result<std::optional<QJsonObject>> confirmedProduct(const QString& id) const;
    Status refreshOverlay() const;
    Result<QList<qint64>> enqueue(const QList<std::pair<QString, QJsonObject>>& operations);
    // The category and its children (view), for the filter.
    QStringList categoryWithChildren(const QString& id) const;
    void onEntitiesChanged(const QStringList& entities);
    void onOutboxChanged();

    CacheStore& m_store;
    CacheDatabase& m_database;
    Role m_role;
    mutable bool m_overlayDirty = true;
    mutable Overlay m_overlay;
    mutable std::optional<QList<CatalogCategory>> m_categories;
    mutable QHash<QString, int> m_lastCount;
    int m_fewMatches = 5'000; // filter → its last count, to choose the page query's plan
};

} // namespace xd
