#pragma once

#include "xiaodian/OrderState.h"
#include "xiaodian/Result.h"
#include "xiaodian/Stats.h"

#include <QString>

#include <optional>

class QSqlQuery;

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

// The daily statistics rollups of a shop (stats_days, stats_product_days and the distinct-counting tables
// stats_day_customers / stats_day_visitors; docs/statistics.md). Order placing and every order transition call in
// here INSIDE their own write transaction, which already holds the shop's row (its change counter): the rows are
// upserted (INSERT ... ON CONFLICT DO UPDATE, adding to the counts) and stamped with that transaction's version, so
// they sync like any entity and two writers of one shop never interleave. rebuild() recomputes them from the raw
// rows (orders, order_events, order_items, view_events). PV/UV are written by the view recorder, not here.
class StatsRollup
{
public:
    struct RebuildSummary
    {
        stats::Period period;    // the local days covered (for a whole-shop rebuild: first to last day with data)
        qint64 version = 0;      // the shop's new version, stamped on every row written
        qint64 eventsRead = 0;   // order events that count (place, money in, money out)
        qint64 viewsRead = 0;    // view_events rows
        int daysWritten = 0;     // stats_days rows whose figures changed (zeroed ones included)
        int daysZeroed = 0;      // of those, days that no longer have any figure
        int productsWritten = 0; // stats_product_days rows that changed (zeroed ones included)
        int productsZeroed = 0;
    };

    explicit StatsRollup(const db::Database& database);

    // An order was placed at atMs: ordersPlaced + 1 on the shop's local day, buyers + 1 for the customer's first
    // order of that day. Inside the caller's transaction; version: the order's version.
    Status orderPlaced(const QString& shopId, const QString& customerId, qint64 atMs, qint64 version) const;
    // The same for a caller that already knows the shop's local day of the order (the place path, which numbers
    // the order by it): no second reading of the shop's time zone.
    Status orderPlacedOn(const QString& shopId, const QString& customerId, QDate localDay, qint64 version) const;
    // An order event was appended (applyOrderTransition): money in (pay, mark_collected) adds gross, a paid order,
    // the customer as payer and the order's lines to the day's product rows; money out (refund, partial_refund, and
    // cancel of a paid order: amountFen > 0) adds to the refunds. Other actions change nothing. The payment method
    // and customer are read from the order. Inside the caller's transaction.
    Status orderEvent(const QString& shopId,
                      const QString& orderId,
                      OrderAction action,
                      qint64 amountFen,
                      qint64 atMs,
                      qint64 version) const;

    // Recomputes the shop's rollups over `period` (nothing: everything the shop has) in ONE transaction of its own:
    // bumps the shop's counter first (which locks the shop on PostgreSQL, so no order of the shop is written
    // meanwhile), streams the raw rows in time order, writes the stats rows whose figures changed with the new
    // version, zeroes (never deletes) rows that no longer have figures, rewrites stats_day_customers and
    // stats_day_visitors, and announces the version. The caller notifies this process's listeners.
    // NotFound for an unknown shop.
    Result<RebuildSummary>
    rebuild(const QString& shopId, std::optional<stats::Period> period, const Clock& clock) const;

    // The shop's calendar (shops.time_zone); NotFound for an unknown shop.
    static Result<stats::ShopCalendar> calendarOf(const db::Database& database, const QString& shopId);
    // The counted columns of stats_days ("orders_placed, buyers, ..., uv"), in DayFigures' field order; and reading
    // them back from a query whose columns `first` onwards are those: one column map for the writer and the readers.
    static QString dayCountColumns();
    static void readDayCounts(const QSqlQuery& query, int first, stats::DayFigures& figures);

private:
    Result<int> localDay(const QString& shopId, qint64 atMs) const;

    const db::Database& m_database;
};

} // namespace xd::server
