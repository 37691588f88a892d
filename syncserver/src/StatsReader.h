#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/Stats.h"
#include "xiaodian/sync/Protocol.h"

#include <QList>
#include <QString>

namespace xd::db {
class Database;
}

namespace xd::server {

// Reads the statistics rollups (stats_days, stats_product_days; docs/statistics.md): a period's report for the
// merchant REST API, and the rows of the sync entities stats_day and stats_product_day for pulls.
class StatsReader
{
public:
    explicit StatsReader(const db::Database& database);

    // The shop's calendar (shops.time_zone); NotFound for no such shop.
    Result<stats::ShopCalendar> calendar(const QString& shopId) const;

    // The report over `period` (at most stats::MaxPeriodDays; the caller checks it): two queries, the period's day
    // rows and one GROUP BY over its product-days, then the names of the top products as of their latest day.
    Result<stats::Report> report(const QString& shopId, const stats::Period& period, int top) const;

    // Appends the rows of stats_day (id "yyyy-MM-dd") and stats_product_day (id "yyyy-MM-dd:<productId>") of
    // `shopId` after `cursor`, at most limit + 1 of each, for EntityReader::changedSince. Never tombstones.
    static Status appendSyncRows(const db::Database& database,
                                 const QString& shopId,
                                 const sync::Cursor& cursor,
                                 int limit,
                                 QList<sync::SyncRow>& rows);

private:
    const db::Database& m_database;
};

} // namespace xd::server
