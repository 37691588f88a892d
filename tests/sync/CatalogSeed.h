#pragma once

#include "CacheStore.h"
#include "xiaodian/Id.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace xd::test {

// Fills a cache with a catalog as pulls bring it: two top-level categories with two children each, and `count`
// products spread over the four children (one in ten uncategorised), every third one off the shelf, two SKUs each.
// Product i is named "商品<i>" with code "SKU-<i>-A", costs (i % 1000 + 1) yuan, holds i % 50 pieces per SKU and was
// updated at ms 1,000,000 + i: the tests can compute what any filter or sort must give.
struct CatalogSeed
{
    QStringList topCategoryIds;   // 饮品, 甜点
    QStringList childCategoryIds; // 咖啡, 茶 (饮品), 蛋糕, 冰淇淋 (甜点)
    QStringList productIds;       // index i = product i

    static QString childOf(int i) { return i % 10 == 9 ? QString() : QString::number(i % 4); }

    Status seed(CacheStore& store, int count)
    {
        QList<sync::SyncRow> rows;
        const QStringList tops{QStringLiteral("饮品"), QStringLiteral("甜点")};
        const QStringList children{
            QStringLiteral("咖啡"), QStringLiteral("茶"), QStringLiteral("蛋糕"), QStringLiteral("冰淇淋")};
        for (int t = 0; t < tops.size(); ++t) {
            topCategoryIds << Id::create();
            rows << sync::SyncRow{CacheStore::CategoryEntity,
                                  topCategoryIds.last(),
                                  1,
                                  false,
                                  QJsonObject{{QStringLiteral("parentId"), QJsonValue()},
                                              {QStringLiteral("name"), tops.at(t)},
                                              {QStringLiteral("icon"), QString()},
                                              {QStringLiteral("position"), t + 1}}};
        }
        for (int c = 0; c < children.size(); ++c) {
            childCategoryIds << Id::create();
            rows << sync::SyncRow{CacheStore::CategoryEntity,
                                  childCategoryIds.last(),
                                  1,
                                  false,
                                  QJsonObject{{QStringLiteral("parentId"), topCategoryIds.at(c / 2)},
                                              {QStringLiteral("name"), children.at(c)},
                                              {QStringLiteral("icon"), QString()},
                                              {QStringLiteral("position"), c % 2 + 1}}};
        }
        if (const Status s = store.applyPullPage(rows, QStringLiteral("c"), 1, true); !s)
            return s;
        rows.clear();
        for (int i = 0; i < count; ++i) {
            productIds << Id::create();
            rows << sync::SyncRow{CacheStore::ProductEntity, productIds.last(), 2, false, product(i)};
            if (rows.size() == 1000 || i == count - 1) {
                if (const Status s = store.applyPullPage(rows, QStringLiteral("p"), 2, i < count - 1); !s)
                    return s;
                rows.clear();
            }
        }
        return {};
    }

    QString categoryOf(int i) const
    {
        const QString child = childOf(i);
        return child.isEmpty() ? QString() : childCategoryIds.at(child.toInt());
    }

    QJsonObject product(int i) const
    {
        const qint64 price = (i % 1000 + 1) * 100;
        auto sku = [&](const QString& size, qint64 priceFen) {
            return QJsonObject{{QStringLiteral("id"), Id::create()},
                               {QStringLiteral("position"), 1},
                               {QStringLiteral("specs"), QJsonObject{{QStringLiteral("规格"), size}}},
                               {QStringLiteral("priceFen"), priceFen},
                               {QStringLiteral("originalPriceFen"), 0},
                               {QStringLiteral("stock"), i % 50},
                               {QStringLiteral("code"),
                                QStringLiteral("SKU-%1-%2")
                                    .arg(i)
                                    .arg(size == QStringLiteral("大") ? QStringLiteral("A") : QStringLiteral("B"))},
                               {QStringLiteral("image"), QString()}};
        };
        const QString category = categoryOf(i);
        return QJsonObject{{QStringLiteral("categoryId"), category.isEmpty() ? QJsonValue() : QJsonValue(category)},
                           {QStringLiteral("name"), QStringLiteral("商品%1").arg(i)},
                           {QStringLiteral("subtitle"), QString()},
                           {QStringLiteral("keywords"), i % 7 == 0 ? QStringLiteral("招牌") : QString()},
                           {QStringLiteral("description"), QStringLiteral("<p>描述%1</p>").arg(i)},
                           {QStringLiteral("images"), QJsonArray()},
                           {QStringLiteral("onShelf"), i % 3 != 0},
                           {QStringLiteral("sortWeight"), 0},
                           {QStringLiteral("salesCount"), i % 97},
                           {QStringLiteral("createdAtMs"), 1'000'000 + i},
                           {QStringLiteral("updatedAtMs"), 1'000'000 + i},
                           {QStringLiteral("skus"),
                            QJsonArray{sku(QStringLiteral("大"), price + 100), sku(QStringLiteral("小"), price)}}};
    }
};

} // namespace xd::test
