#include "StatsRollup.h"

#include "Logging.h"
#include "PgChangeRelay.h"
#include "ShopRepository.h"
#include "xiaodian/Clock.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <array>
#include <utility>

namespace xd::server {

namespace {

using stats::DayFigures;
using stats::ProductFigures;

// The counted columns of stats_days and the DayFigures field each holds: reading, writing and comparing rows all
// follow this one list.
struct DayColumn
{
    const char* name;
    qint64 DayFigures::*field;
};
const std::array<DayColumn, 16> kDayColumns{{
    {"orders_placed", &DayFigures::ordersPlaced},
    {"buyers", &DayFigures::buyers},
    {"paid_orders", &DayFigures::paidOrders},
    {"payers", &DayFigures::payers},
    {"gross_fen", &DayFigures::grossFen},
    {"refund_fen", &DayFigures::refundFen},
    {"refund_count", &DayFigures::refundCount},
    {"gross_wechat_fen", &DayFigures::grossWechatFen},
    {"gross_cod_fen", &DayFigures::grossCodFen},
    {"gross_balance_fen", &DayFigures::grossBalanceFen},
    {"refund_wechat_fen", &DayFigures::refundWechatFen},
    {"refund_cod_fen", &DayFigures::refundCodFen},
    {"refund_balance_fen", &DayFigures::refundBalanceFen},
    {"recharge_fen", &DayFigures::rechargeFen},
    {"pv", &DayFigures::pv},
    {"uv", &DayFigures::uv},
}};

// Bound values per multi-row INSERT of the rebuild. Not more: binding through Qt's SQLite driver reaches SQLite's
// parameter-name lookup, a linear scan per parameter, so a statement's cost grows with the square of its values
// (docs/performance.md: 200 product rows, 1400 values, per statement made the rebuild 2.5 times slower).
constexpr int ValuesPerInsert = 256;
// The rebuild reads raw rows in windows of this many milliseconds (31 days).
constexpr qint64 WindowMs = 31LL * 24 * 3600 * 1000;

bool sameCounts(const DayFigures& a, const DayFigures& b)
{
    for (const DayColumn& column : kDayColumns) {
        if (a.*column.field != b.*column.field)
            return false;
    }
    return true;
}

bool allZero(const DayFigures& figures)
{
    return sameCounts(figures, DayFigures());
}

// Which way an order event moves money, as the figures count it (docs/statistics.md): pay and mark_collected bring
// it in; refund, partial_refund and the cancel of a paid order (the only cancel with an amount) pay it back.
enum class MoneyFlow { None, In, Out };

MoneyFlow flowOf(OrderAction action, qint64 amountFen)
{
    switch (action) {
    case OrderAction::Pay:
    case OrderAction::MarkCollected:
        return MoneyFlow::In;
    case OrderAction::Refund:
    case OrderAction::PartialRefund:
    case OrderAction::Cancel:
        return amountFen > 0 ? MoneyFlow::Out : MoneyFlow::None;
    default:
        return MoneyFlow::None;
    }
}

// The per-method column of money in or out for an order's payment_method; nullptr for a method the figures do not
// split (only the totals count it).
qint64 DayFigures::*methodField(const QString& paymentMethod, MoneyFlow flow)
{
    const bool in = flow == MoneyFlow::In;
    if (paymentMethod == QLatin1String("wechat_pay"))
        return in ? &DayFigures::grossWechatFen : &DayFigures::refundWechatFen;
    if (paymentMethod == QLatin1String("cash_on_delivery"))
        return in ? &DayFigures::grossCodFen : &DayFigures::refundCodFen;
    if (paymentMethod == QLatin1String("balance"))
        return in ? &DayFigures::grossBalanceFen : &DayFigures::refundBalanceFen;
    return nullptr;
}

const char* columnOf(qint64 DayFigures::*field)
{
    for (const DayColumn& column : kDayColumns) {
        if (column.field == field)
            return column.name;
    }
    return nullptr;
}

// The figures one money event adds to its day (the distinct payer aside).
void addMoney(DayFigures& figures, MoneyFlow flow, qint64 amountFen, const QString& paymentMethod)
{
    if (flow == MoneyFlow::In) {
        figures.paidOrders += 1;
        figures.grossFen += amountFen;
    } else {
        figures.refundCount += 1;
        figures.refundFen += amountFen;
    }
    if (const auto field = methodField(paymentMethod, flow))
        figures.*field += amountFen;
}

// One calendar per zone and thread: ShopCalendar remembers the last day it answered, so consecutive orders of a
// day cost two comparisons instead of a time zone conversion. Bounded: a server with more zones starts afresh.
const stats::ShopCalendar& calendarFor(const QByteArray& zone)
{
    thread_local QHash<QByteArray, stats::ShopCalendar> calendars;
    auto found = calendars.find(zone);
    if (found == calendars.end()) {
        if (calendars.size() >= 64)
            calendars.clear();
        found = calendars.insert(zone, stats::ShopCalendar(zone));
    }
    return *found;
}

Result<QByteArray> zoneOf(const db::Database& database, const QString& shopId)
{
    auto row = database.exec(QStringLiteral("SELECT time_zone FROM shops WHERE id = ?"), {shopId});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no shop %1").arg(shopId));
    return row->value(0).toString().toUtf8();
}

// Adds `amounts` to the day's row (creating it), stamping `version`. Columns come from kDayColumns only.
Status addToDay(const db::Database& database,
                const QString& shopId,
                int day,
                const QList<std::pair<const char*, qint64>>& amounts,
                qint64 version)
{
    QStringList columns;
    QStringList marks;
    QStringList sets;
    QVariantList values{shopId, day};
    for (const auto& [column, amount] : amounts) {
        const QString name = QString::fromLatin1(column);
        columns << name;
        marks << QStringLiteral("?");
        sets << QStringLiteral("%1 = stats_days.%1 + excluded.%1").arg(name);
        values << amount;
    }
    values << version;
    auto upserted = database.exec(
        QStringLiteral("INSERT INTO stats_days (shop_id, day, %1, version) "
                       "VALUES (?, ?, %2, ?) ON CONFLICT (shop_id, day) DO UPDATE SET "
                       "%3, version = excluded.version")
            .arg(columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")), sets.join(QStringLiteral(", "))),
        values);
    if (!upserted)
        return upserted.error();
    return {};
}

// Marks the customer as having placed (or paid) on the day; 1 when that is the first time that day, else 0.
Result<qint64>
firstOfDay(const db::Database& database, const QString& shopId, int day, const QString& customerId, const QString& flag)
{
    // The conditional DO UPDATE touches no row (0 affected, on both engines) when the flag was already set.
    auto marked = database.exec(QStringLiteral("INSERT INTO stats_day_customers (shop_id, day, customer_id, %1) "
                                               "VALUES (?, ?, ?, 1) ON CONFLICT (shop_id, day, customer_id) "
                                               "DO UPDATE SET %1 = 1 WHERE stats_day_customers.%1 = 0")
                                    .arg(flag),
                                {shopId, day, customerId});
    if (!marked)
        return marked.error();
    return marked->numRowsAffected() > 0 ? 1 : 0;
}

// Runs `sql` (an INSERT whose VALUES clause is `%1`) over `values`, `width` values per row, about ValuesPerInsert
// values per statement.
Status insertChunks(const db::Database& database, const QString& sql, int width, const QVariantList& values)
{
    const qsizetype rows = values.size() / width;
    const qsizetype rowsPerInsert = std::max(1, ValuesPerInsert / width);
    QString row = QStringLiteral("(?");
    for (int i = 1; i < width; ++i)
        row += QStringLiteral(", ?");
    row += QLatin1Char(')');
    for (qsizetype first = 0; first < rows; first += rowsPerInsert) {
        const qsizetype count = std::min(rowsPerInsert, rows - first);
        QStringList tuples;
        tuples.reserve(count);
        for (qsizetype i = 0; i < count; ++i)
            tuples << row;
        auto inserted =
            database.exec(sql.arg(tuples.join(QStringLiteral(", "))), values.mid(first * width, count * width));
        if (!inserted)
            return inserted.error();
    }
    return {};
}

// What the rebuild collects for one local day.
struct DayTally
{
    DayFigures figures;
    QHash<QString, int> customers; // customer id -> 1 placed | 2 paid
    QSet<QString> visitors;
    QHash<QString, ProductFigures> products;
};

constexpr int Placed = 1;
constexpr int Paid = 2;

// Tallies the shop's raw rows with at_ms in [startMs, endMs) into `days`: orders placed, money in and out, the lines
// of the orders paid, views. Rows come in time order, so ShopCalendar answers most of them from its cached day.
Status tallyWindow(const db::Database& database,
                   const stats::ShopCalendar& calendar,
                   const QString& shopId,
                   qint64 startMs,
                   qint64 endMs,
                   QMap<int, DayTally>& days,
                   StatsRollup::RebuildSummary& summary)
{
    const QVariantList range{shopId, startMs, endMs};
    // Orders placed, money in and out.
    auto events = database.exec(
        QStringLiteral("SELECT e.action, e.amount_fen, e.at_ms, o.payment_method, o.customer_id "
                       "FROM order_events e JOIN orders o ON o.id = e.order_id "
                       "WHERE e.shop_id = ? AND e.at_ms >= ? AND e.at_ms < ? AND e.action IN ('place', 'pay', "
                       "'mark_collected', 'refund', 'partial_refund', 'cancel') ORDER BY e.at_ms"),
        range);
    if (!events)
        return events.error();
    while (events->next()) {
        const QString actionName = events->value(0).toString();
        const qint64 amountFen = events->value(1).toLongLong();
        const int day = calendar.dayKeyOf(events->value(2).toLongLong());
        const QString customerId = events->value(4).toString();
        if (actionName == QLatin1String("place")) {
            DayTally& tally = days[day];
            tally.figures.ordersPlaced += 1;
            tally.customers[customerId] |= Placed;
            ++summary.eventsRead;
            continue;
        }
        const auto action = parseOrderAction(actionName);
        const MoneyFlow flow = action ? flowOf(*action, amountFen) : MoneyFlow::None;
        if (flow == MoneyFlow::None)
            continue;
        DayTally& tally = days[day];
        addMoney(tally.figures, flow, amountFen, events->value(3).toString());
        if (flow == MoneyFlow::In)
            tally.customers[customerId] |= Paid;
        ++summary.eventsRead;
    }

    // The lines of the orders paid, on the day their money came in; the latest name seen wins.
    auto lines = database.exec(
        QStringLiteral("SELECT e.at_ms, i.product_id, i.product_name, i.quantity, i.line_total_fen - i.discount_fen "
                       "FROM order_events e JOIN order_items i ON i.order_id = e.order_id "
                       "WHERE e.shop_id = ? AND e.at_ms >= ? AND e.at_ms < ? "
                       "AND e.action IN ('pay', 'mark_collected') ORDER BY e.at_ms, e.order_id, i.position"),
        range);
    if (!lines)
        return lines.error();
    while (lines->next()) {
        DayTally& tally = days[calendar.dayKeyOf(lines->value(0).toLongLong())];
        const QString productId = lines->value(1).toString();
        ProductFigures& product = tally.products[productId];
        product.productId = productId;
        product.productName = lines->value(2).toString();
        product.quantity += lines->value(3).toLongLong();
        product.revenueFen += lines->value(4).toLongLong();
    }

    // Views: every row is a PV, distinct visitor keys of a local day its UV.
    auto views = database.exec(QStringLiteral("SELECT at_ms, visitor_key FROM view_events "
                                              "WHERE shop_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms"),
                               range);
    if (!views)
        return views.error();
    while (views->next()) {
        DayTally& tally = days[calendar.dayKeyOf(views->value(0).toLongLong())];
        tally.figures.pv += 1;
        tally.visitors.insert(views->value(1).toString());
        ++summary.viewsRead;
    }
    return {};
}

} // namespace

StatsRollup::StatsRollup(const db::Database& database) : m_database(database) {}

Result<stats::ShopCalendar> StatsRollup::calendarOf(const db::Database& database, const QString& shopId)
{
    auto zone = zoneOf(database, shopId);
    if (!zone)
        return zone.error();
    return calendarFor(*zone); // a copy of the thread's calendar of that zone, with its day already cached
}

QString StatsRollup::dayCountColumns()
{
    QStringList names;
    for (const DayColumn& column : kDayColumns)
        names << QString::fromLatin1(column.name);
    return names.join(QStringLiteral(", "));
}

void StatsRollup::readDayCounts(const QSqlQuery& query, int first, stats::DayFigures& figures)
{
    for (qsizetype i = 0; i < qsizetype(kDayColumns.size()); ++i)
        figures.*kDayColumns[i].field = query.value(first + int(i)).toLongLong();
}

Result<int> StatsRollup::localDay(const QString& shopId, qint64 atMs) const
{
    auto zone = zoneOf(m_database, shopId);
    if (!zone)
        return zone.error();
    return calendarFor(*zone).dayKeyOf(atMs);
}

Status StatsRollup::orderPlaced(const QString& shopId, const QString& customerId, qint64 atMs, qint64 version) const
{
    auto day = localDay(shopId, atMs);
    if (!day)
        return day.error();
    return orderPlacedOn(shopId, customerId, stats::dateOfKey(*day), version);
}

Status
StatsRollup::orderPlacedOn(const QString& shopId, const QString& customerId, QDate localDay, qint64 version) const
{
    const int day = stats::dayKey(localDay);
    auto firstBuy = firstOfDay(m_database, shopId, day, customerId, QStringLiteral("placed"));
    if (!firstBuy)
        return firstBuy.error();
    return addToDay(m_database, shopId, day, {{"orders_placed", 1}, {"buyers", *firstBuy}}, version);
}

Status StatsRollup::orderEvent(const QString& shopId,
                               const QString& orderId,
                               OrderAction action,
                               qint64 amountFen,
                               qint64 atMs,
                               qint64 version) const
{
    const MoneyFlow flow = flowOf(action, amountFen);
    if (flow == MoneyFlow::None)
        return {};
    // The order's facts and its shop's time zone in one read.
    auto order = m_database.exec(QStringLiteral("SELECT o.payment_method, o.customer_id, s.time_zone FROM orders o "
                                                "JOIN shops s ON s.id = o.shop_id WHERE o.id = ? AND o.shop_id = ?"),
                                 {orderId, shopId});
    if (!order)
        return order.error();
    if (!order->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such order"));
    const QString paymentMethod = order->value(0).toString();
    const QString customerId = order->value(1).toString();
    const int day = calendarFor(order->value(2).toString().toUtf8()).dayKeyOf(atMs);

    const char* method = columnOf(methodField(paymentMethod, flow));
    QList<std::pair<const char*, qint64>> amounts;
    if (flow == MoneyFlow::Out) {
        amounts = {{"refund_fen", amountFen}, {"refund_count", 1}};
        if (method)
            amounts.append({method, amountFen});
        return addToDay(m_database, shopId, day, amounts, version);
    }

    auto firstPay = firstOfDay(m_database, shopId, day, customerId, QStringLiteral("paid"));
    if (!firstPay)
        return firstPay.error();
    amounts = {{"paid_orders", 1}, {"payers", *firstPay}, {"gross_fen", amountFen}};
    if (method)
        amounts.append({method, amountFen});
    if (const Status added = addToDay(m_database, shopId, day, amounts, version); !added)
        return added.error();

    // The order's lines, one row per product (two lines of one product add up first: a multi-row upsert may not
    // touch a row twice).
    auto lines =
        m_database.exec(QStringLiteral("SELECT product_id, product_name, quantity, line_total_fen - discount_fen "
                                       "FROM order_items WHERE order_id = ? ORDER BY position"),
                        {orderId});
    if (!lines)
        return lines.error();
    QList<ProductFigures> products;
    while (lines->next()) {
        const QString productId = lines->value(0).toString();
        auto same = std::find_if(products.begin(), products.end(), [&](const ProductFigures& product) {
            return product.productId == productId;
        });
        if (same == products.end())
            same = products.insert(products.end(), ProductFigures{productId, QString(), 0, 0});
        same->productName = lines->value(1).toString();
        same->quantity += lines->value(2).toLongLong();
        same->revenueFen += lines->value(3).toLongLong();
    }
    if (products.isEmpty())
        return {};
    QVariantList values;
    for (const ProductFigures& product : std::as_const(products))
        values << shopId << day << product.productId << product.productName << product.quantity << product.revenueFen
               << version;
    return insertChunks(m_database,
                        QStringLiteral("INSERT INTO stats_product_days (shop_id, day, product_id, product_name, "
                                       "quantity, revenue_fen, version) VALUES %1 "
                                       "ON CONFLICT (shop_id, day, product_id) DO UPDATE SET "
                                       "product_name = excluded.product_name, "
                                       "quantity = stats_product_days.quantity + excluded.quantity, "
                                       "revenue_fen = stats_product_days.revenue_fen + excluded.revenue_fen, "
                                       "version = excluded.version"),
                        7,
                        values);
}

Result<StatsRollup::RebuildSummary>
StatsRollup::rebuild(const QString& shopId, std::optional<stats::Period> period, const Clock& clock) const
{
    if (period && (!period->from.isValid() || !period->to.isValid() || period->to < period->from))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the period is two valid days, the first not after the second"));
    auto calendar = calendarOf(m_database, shopId);
    if (!calendar)
        return calendar.error();
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    // First: the new version, and on PostgreSQL the shop's row lock that every order transaction of the shop takes
    // before it writes -- nothing of the shop changes while the raw rows are read.
    auto version = ShopRepository(m_database, clock).bumpChangeCounter(shopId);
    if (!version)
        return version.error();

    RebuildSummary summary;
    summary.version = *version;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int fromKey = 0;
    int toKey = 99'999'999;
    if (period) {
        fromMs = calendar->startOfDayMs(period->from);
        toMs = calendar->endOfDayMs(period->to);
        fromKey = stats::dayKey(period->from);
        toKey = stats::dayKey(period->to);
    }
    QMap<int, DayTally> days;
    // The raw rows in windows of a month: bounded result sets, whatever the driver buffers.
    if (!period) {
        std::optional<qint64> first;
        std::optional<qint64> last;
        for (const QString& table : {QStringLiteral("order_events"), QStringLiteral("view_events")}) {
            // Two subqueries: each bound is one step down the (shop_id, at_ms) index, on both engines.
            auto bounds = m_database.exec(QStringLiteral("SELECT (SELECT MIN(at_ms) FROM %1 WHERE shop_id = ?), "
                                                         "(SELECT MAX(at_ms) FROM %1 WHERE shop_id = ?)")
                                              .arg(table),
                                          {shopId, shopId});
            if (!bounds)
                return bounds.error();
            if (!bounds->next() || bounds->value(0).isNull())
                continue;
            const qint64 min = bounds->value(0).toLongLong();
            const qint64 max = bounds->value(1).toLongLong();
            first = first ? std::min(*first, min) : min;
            last = last ? std::max(*last, max) : max;
        }
        fromMs = first.value_or(0);
        toMs = last ? *last + 1 : 0;
    }
    for (qint64 windowStart = fromMs; windowStart < toMs; windowStart += WindowMs) {
        const qint64 windowEnd = toMs - windowStart > WindowMs ? windowStart + WindowMs : toMs;
        if (const Status tallied = tallyWindow(m_database, *calendar, shopId, windowStart, windowEnd, days, summary);
            !tallied)
            return tallied.error();
    }
    for (DayTally& tally : days) {
        tally.figures.uv = tally.visitors.size();
        for (auto it = tally.customers.cbegin(); it != tally.customers.cend(); ++it) {
            tally.figures.buyers += (it.value() & Placed) ? 1 : 0;
            tally.figures.payers += (it.value() & Paid) ? 1 : 0;
        }
    }

    // stats_days: write the days whose figures differ from the stored row; zero stored days that have none now.
    const QString columnList = dayCountColumns();
    auto stored = m_database.exec(
        QStringLiteral("SELECT day, %1 FROM stats_days WHERE shop_id = ? AND day >= ? AND day <= ?").arg(columnList),
        {shopId, fromKey, toKey});
    if (!stored)
        return stored.error();
    QMap<int, DayFigures> storedDays;
    while (stored->next()) {
        DayFigures figures;
        readDayCounts(*stored, 1, figures);
        storedDays.insert(stored->value(0).toInt(), figures);
    }
    QVariantList dayValues;
    const auto writeDay = [&](int day, const DayFigures& figures) {
        dayValues << shopId << day;
        for (const DayColumn& column : kDayColumns)
            dayValues << figures.*column.field;
        dayValues << *version;
        ++summary.daysWritten;
    };
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        const auto old = storedDays.constFind(it.key());
        if (old == storedDays.cend() ? !allZero(it->figures) : !sameCounts(*old, it->figures))
            writeDay(it.key(), it->figures);
    }
    for (auto it = storedDays.cbegin(); it != storedDays.cend(); ++it) {
        if (!days.contains(it.key()) && !allZero(*it)) {
            writeDay(it.key(), DayFigures());
            ++summary.daysZeroed;
        }
    }
    QStringList updates;
    for (const DayColumn& column : kDayColumns)
        updates << QStringLiteral("%1 = excluded.%1").arg(QLatin1String(column.name));
    if (const Status written = insertChunks(
            m_database,
            QStringLiteral("INSERT INTO stats_days (shop_id, day, %1, version) VALUES %2 ON CONFLICT (shop_id, day) "
                           "DO UPDATE SET %3, version = excluded.version")
                .arg(columnList, QStringLiteral("%1"), updates.join(QStringLiteral(", "))),
            int(kDayColumns.size()) + 3,
            dayValues);
        !written)
        return written.error();

    // stats_product_days the same way, keyed by day and product.
    auto storedProducts = m_database.exec(QStringLiteral("SELECT day, product_id, product_name, quantity, revenue_fen "
                                                         "FROM stats_product_days WHERE shop_id = ? AND day >= ? "
                                                         "AND day <= ?"),
                                          {shopId, fromKey, toKey});
    if (!storedProducts)
        return storedProducts.error();
    QVariantList productValues;
    const auto writeProduct = [&](int day, const ProductFigures& product) {
        productValues << shopId << day << product.productId << product.productName << product.quantity
                      << product.revenueFen << *version;
        ++summary.productsWritten;
    };
    QHash<int, QSet<QString>> storedIds;
    while (storedProducts->next()) {
        const int day = storedProducts->value(0).toInt();
        const QString productId = storedProducts->value(1).toString();
        storedIds[day].insert(productId);
        const ProductFigures old{productId,
                                 storedProducts->value(2).toString(),
                                 storedProducts->value(3).toLongLong(),
                                 storedProducts->value(4).toLongLong()};
        const auto tally = days.constFind(day);
        const bool present = tally != days.cend() && tally->products.contains(productId);
        if (!present) {
            if (old.quantity != 0 || old.revenueFen != 0) {
                writeProduct(day, ProductFigures{productId, old.productName, 0, 0});
                ++summary.productsZeroed;
            }
            continue;
        }
        const ProductFigures& now = tally->products[productId];
        if (now.productName != old.productName || now.quantity != old.quantity || now.revenueFen != old.revenueFen)
            writeProduct(day, now);
    }
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        const QSet<QString> known = storedIds.value(it.key());
        for (const ProductFigures& product : it->products) {
            if (!known.contains(product.productId))
                writeProduct(it.key(), product);
        }
    }
    if (const Status written = insertChunks(m_database,
                                            QStringLiteral("INSERT INTO stats_product_days (shop_id, day, product_id, "
                                                           "product_name, quantity, revenue_fen, version) VALUES %1 "
                                                           "ON CONFLICT (shop_id, day, product_id) DO UPDATE SET "
                                                           "product_name = excluded.product_name, "
                                                           "quantity = excluded.quantity, "
                                                           "revenue_fen = excluded.revenue_fen, "
                                                           "version = excluded.version"),
                                            7,
                                            productValues);
        !written)
        return written.error();

    // Who counted once per day: not synced, so simply replaced.
    for (const QString& table : {QStringLiteral("stats_day_customers"), QStringLiteral("stats_day_visitors")}) {
        auto cleared =
            m_database.exec(QStringLiteral("DELETE FROM %1 WHERE shop_id = ? AND day >= ? AND day <= ?").arg(table),
                            {shopId, fromKey, toKey});
        if (!cleared)
            return cleared.error();
    }
    QVariantList customerValues;
    QVariantList visitorValues;
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        for (auto customer = it->customers.cbegin(); customer != it->customers.cend(); ++customer)
            customerValues << shopId << it.key() << customer.key() << ((customer.value() & Placed) ? 1 : 0)
                           << ((customer.value() & Paid) ? 1 : 0);
        for (const QString& visitor : it->visitors)
            visitorValues << shopId << it.key() << visitor;
    }
    if (const Status written = insertChunks(m_database,
                                            QStringLiteral("INSERT INTO stats_day_customers (shop_id, day, "
                                                           "customer_id, placed, paid) VALUES %1"),
                                            5,
                                            customerValues);
        !written)
        return written.error();
    if (const Status written =
            insertChunks(m_database,
                         QStringLiteral("INSERT INTO stats_day_visitors (shop_id, day, visitor_key) VALUES %1"),
                         3,
                         visitorValues);
        !written)
        return written.error();

    if (const Status announced = announceShopVersion(m_database, shopId, *version); !announced)
        return announced.error();
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    // A rebuild is the one bulk write of these tables: PostgreSQL's planner statistics (from when they were small,
    // often empty) are then far off until autoanalyze catches up, and a year's report sorted on disk instead of
    // hashing (130 ms instead of 37 ms at 1M orders, docs/performance.md). Refreshing them costs about 0.2 s.
    if (m_database.engine() == db::Engine::Postgres) {
        if (auto analysed = m_database.exec(QStringLiteral("ANALYZE stats_days, stats_product_days")); !analysed)
            qCWarning(lcServer).noquote() << "analysing the statistics tables failed:" << analysed.error().toString();
    }

    if (period) {
        summary.period = *period;
    } else {
        QList<int> keys = days.keys();
        for (auto it = storedDays.cbegin(); it != storedDays.cend(); ++it)
            keys << it.key();
        if (!keys.isEmpty()) {
            summary.period.from = stats::dateOfKey(*std::min_element(keys.cbegin(), keys.cend()));
            summary.period.to = stats::dateOfKey(*std::max_element(keys.cbegin(), keys.cend()));
        }
    }
    return summary;
}

} // namespace xd::server
