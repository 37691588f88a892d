#pragma once

#include "CacheStore.h"
#include "xiaodian/Stats.h"
#include "xiaodian/sync/Protocol.h"

#include <QList>
#include <QMap>
#include <QRandomGenerator>
#include <QString>

namespace xd::test {

// One product's sales on one day, as the server's sync entity stats_product_day carries it.
struct ProductDay
{
    QDate day;
    QString productId;
    QString productName;
    qint64 quantity = 0;
    qint64 revenueFen = 0;
};

// Generated rollups of one shop (docs/statistics.md): the day rows and the product-day rows the server would sync.
struct GeneratedStats
{
    QMap<QDate, stats::DayFigures> days;
    QList<ProductDay> products;
};

// `dayCount` days ending at `lastDay`, about one in ten left without a row (a closed day), and on each day with a row
// `productsPerDay` of `productCount` products sold. Figures are consistent (the methods add up to the totals, payers
// <= paid orders, uv <= pv); products are renamed each month, so "the latest name" differs by period. Deterministic
// for a seed.
inline GeneratedStats generateStats(QDate lastDay, int dayCount, int productCount, int productsPerDay, quint32 seed = 1)
{
    QRandomGenerator random(seed);
    const auto between = [&random](qint64 low, qint64 high) {
        return low + qint64(random.bounded(quint64(high - low + 1)));
    };
    GeneratedStats generated;
    generated.products.reserve(qsizetype(dayCount) * productsPerDay);
    for (QDate day = lastDay.addDays(1 - dayCount); day <= lastDay; day = day.addDays(1)) {
        if (random.bounded(10) == 0)
            continue;
        stats::DayFigures f;
        f.day = day;
        f.ordersPlaced = between(0, 400);
        f.buyers = between(0, f.ordersPlaced);
        f.paidOrders = between(0, 400);
        f.payers = between(0, f.paidOrders);
        f.grossWechatFen = between(0, 5'000'000);
        f.grossCodFen = between(0, 2'000'000);
        f.grossFen = f.grossWechatFen + f.grossCodFen;
        f.refundWechatFen = between(0, f.grossWechatFen / 10);
        f.refundCodFen = between(0, f.grossCodFen / 10);
        f.refundFen = f.refundWechatFen + f.refundCodFen;
        f.refundCount = f.refundFen > 0 ? between(1, 20) : 0;
        f.pv = between(0, 50'000);
        f.uv = between(0, f.pv);
        generated.days.insert(day, f);
        // productsPerDay distinct products, starting at a random one.
        const int first = int(random.bounded(productCount));
        for (int i = 0; i < productsPerDay && i < productCount; ++i) {
            const int product = (first + i) % productCount;
            const qint64 quantity = between(1, 30);
            generated.products.append(ProductDay{day,
                                                 QStringLiteral("p%1").arg(product, 4, 10, QLatin1Char('0')),
                                                 QStringLiteral("商品%1 (%2月)").arg(product).arg(day.month()),
                                                 quantity,
                                                 quantity * between(100, 20'000)});
        }
    }
    return generated;
}

inline sync::SyncRow dayRow(const stats::DayFigures& figures, qint64 version = 1)
{
    return sync::SyncRow{CacheStore::StatsDayEntity, stats::dayText(figures.day), version, false, figures.toJson()};
}

inline sync::SyncRow productRow(const ProductDay& product, qint64 version = 1)
{
    return sync::SyncRow{CacheStore::StatsProductDayEntity,
                         stats::dayText(product.day) + QLatin1Char(':') + product.productId,
                         version,
                         false,
                         QJsonObject{{QStringLiteral("day"), stats::dayText(product.day)},
                                     {QStringLiteral("productId"), product.productId},
                                     {QStringLiteral("productName"), product.productName},
                                     {QStringLiteral("quantity"), product.quantity},
                                     {QStringLiteral("revenueFen"), product.revenueFen}}};
}

// Stores the generated rows through CacheStore::applyPullPage, the real path of a pull: pages of `pageSize` rows,
// day rows first, the last page completes the pull (so an empty cache takes the initial sync's deferred-index path).
// For benches: generateStats(lastDay, 365, 500, 500) + fillCache() is a big shop's year, 182,500 product rows.
inline Status fillCache(CacheStore& store, const GeneratedStats& generated, int pageSize = 2000)
{
    QList<sync::SyncRow> page;
    qint64 version = store.serverVersion();
    const auto flush = [&](bool more) {
        const Status applied = store.applyPullPage(page, QStringLiteral("seed.%1").arg(version), version, more);
        page.clear();
        return applied;
    };
    const qsizetype total = generated.days.size() + generated.products.size();
    qsizetype done = 0;
    const auto add = [&](sync::SyncRow row) -> Status {
        page.append(std::move(row));
        ++done;
        if (page.size() >= pageSize || done == total)
            return flush(done < total);
        return {};
    };
    for (const stats::DayFigures& figures : generated.days) {
        if (const Status s = add(dayRow(figures, ++version)); !s)
            return s;
    }
    for (const ProductDay& product : generated.products) {
        if (const Status s = add(productRow(product, ++version)); !s)
            return s;
    }
    return {};
}

} // namespace xd::test
