#include "ProductListEntry.h"

#include "xiaodian/SearchText.h"

#include <QJsonArray>

#include <algorithm>

namespace xd {

ProductListEntry ProductListEntry::fromWire(const QString& id, const QJsonObject& data)
{
    ProductListEntry entry;
    entry.id = id;
    entry.categoryId = data.value(QStringLiteral("categoryId")).toString();
    entry.name = data.value(QStringLiteral("name")).toString();
    entry.onShelf = data.value(QStringLiteral("onShelf")).toBool();
    entry.updatedAtMs = data.value(QStringLiteral("updatedAtMs")).toInteger();
    entry.salesCount = data.value(QStringLiteral("salesCount")).toInteger();
    const QJsonArray skus = data.value(QStringLiteral("skus")).toArray();
    entry.skuCount = int(skus.size());
    QStringList searchable{entry.name, data.value(QStringLiteral("keywords")).toString()};
    bool first = true;
    for (const QJsonValue& value : skus) {
        const QJsonObject sku = value.toObject();
        const qint64 price = sku.value(QStringLiteral("priceFen")).toInteger();
        entry.minPriceFen = first ? price : std::min(entry.minPriceFen, price);
        entry.stockTotal += sku.value(QStringLiteral("stock")).toInteger();
        searchable << sku.value(QStringLiteral("code")).toString();
        first = false;
    }
    searchable.removeAll(QString());
    entry.searchText = SearchText::normalize(searchable.join(QLatin1Char(' ')));
    return entry;
}

QString ProductListEntry::replaceSql()
{
    return QStringLiteral("INSERT OR REPLACE INTO product_list (id, category_id, name, on_shelf, min_price_fen, "
                          "stock_total, updated_at_ms, sales_count, sku_count, search_text) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
}

QVariantList ProductListEntry::values() const
{
    return {id,
            categoryId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(categoryId),
            name.isNull() ? QStringLiteral("") : name,
            onShelf ? 1 : 0,
            minPriceFen,
            stockTotal,
            updatedAtMs,
            salesCount,
            skuCount,
            searchText.isNull() ? QStringLiteral("") : searchText};
}

} // namespace xd
