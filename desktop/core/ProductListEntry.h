#pragma once

#include <QJsonObject>
#include <QString>
#include <QVariantList>

namespace xd {

// One row of the cache's `product_list` table (cache migration 4): what the products page filters and sorts by,
// derived from a product's wire row. The same derivation serves confirmed rows (CacheStore::applyPullPage) and the
// optimistic rows of pending operations (CatalogService), so both sort and filter alike.
struct ProductListEntry
{
    QString id;
    QString categoryId; // empty: uncategorised
    QString name;
    bool onShelf = false;
    qint64 minPriceFen = 0; // cheapest SKU
    qint64 stockTotal = 0;  // all SKUs
    qint64 updatedAtMs = 0;
    qint64 salesCount = 0;
    int skuCount = 0;
    // Normalised (SearchText::normalize) name, keywords and SKU codes, space-separated: what the filter box matches.
    QString searchText;

    static ProductListEntry fromWire(const QString& id, const QJsonObject& data);
    // INSERT OR REPLACE INTO product_list with values() bound in order.
    static QString replaceSql();
    QVariantList values() const;
};

} // namespace xd
