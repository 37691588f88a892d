#pragma once

#include "xiaodian/Result.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

// Finance and statistics figures (docs/statistics.md), shared by the server (rollups, REST reports) and the desktop
// (reports from its cache): the shop's calendar days, the figures of one day, periods, and the period report built
// from day rows. Money is integer fen; ratios are integers too (fen, basis points), never floating point.
namespace xd::stats {

// A local calendar day as the integer yyyymmdd (20261125): what the server stores in stats_days.day.
int dayKey(QDate date);
QDate dateOfKey(int key); // invalid QDate for a key that is no real date
// The wire and sync id form of a day: "2026-11-25". parseDay: an invalid QDate unless exactly that form.
QString dayText(QDate date);
QDate parseDay(const QString& text);

// The shop's calendar: which local day an instant falls on in the shop's time zone (IANA id, e.g. "Asia/Shanghai";
// an unknown or empty id means Asia/Shanghai). A day is local midnight to the next local midnight. dayOf() is
// called for every order and view: it keeps the boundaries of the last day it answered, so a run of instants on
// the same day costs two comparisons each. Copyable; not thread-safe (each thread its own copy).
class ShopCalendar
{
public:
    static constexpr const char* DefaultZone = "Asia/Shanghai";

    explicit ShopCalendar(const QByteArray& ianaId = DefaultZone);

    QByteArray zoneId() const { return m_zoneId; } // the zone actually used
    QDate dayOf(qint64 ms) const;
    int dayKeyOf(qint64 ms) const { return dayKey(dayOf(ms)); }
    // The first instant of the local day (local midnight, or the first instant after a gap at midnight).
    qint64 startOfDayMs(QDate day) const;
    // [startOfDayMs(day), startOfDayMs(day + 1))
    qint64 endOfDayMs(QDate day) const { return startOfDayMs(day.addDays(1)); }

private:
    QByteArray m_zoneId;
    QTimeZone m_zone;
    mutable QDate m_cachedDay;
    mutable qint64 m_cachedStartMs = 0;
    mutable qint64 m_cachedEndMs = 0;
};

// The figures of one day (or, summed, of a period). Field meanings in docs/statistics.md.
struct DayFigures
{
    QDate day; // invalid for a period's totals
    qint64 ordersPlaced = 0;
    qint64 buyers = 0;     // distinct customers who placed an order that day
    qint64 paidOrders = 0; // orders whose money was received that day (paid online, or cash collected)
    qint64 payers = 0;     // distinct customers among them
    qint64 grossFen = 0;   // money received
    qint64 refundFen = 0;  // money paid back (refunds and partial refunds decided that day)
    qint64 refundCount = 0;
    qint64 grossWechatFen = 0;
    qint64 grossCodFen = 0;
    qint64 grossBalanceFen = 0; // stored-value balance: 0 until members arrive
    qint64 refundWechatFen = 0;
    qint64 refundCodFen = 0;
    qint64 refundBalanceFen = 0;
    qint64 rechargeFen = 0; // stored-value recharge income: 0 until members arrive
    qint64 pv = 0;
    qint64 uv = 0; // distinct visitors of the day; over a period, the sum of the days' (visitor-days)

    qint64 netFen() const { return grossFen - refundFen; }
    // Net turnover per paid order, rounded half away from zero; 0 when nothing was paid.
    qint64 averageOrderValueFen() const;
    // Paying customers per visitor in basis points (10000 = 100.00%, may exceed it: a customer may pay on a day
    // they did not visit); nothing when there were no visitors.
    std::optional<qint64> purchaseRateBasisPoints() const;

    DayFigures& operator+=(const DayFigures& other); // sums every count; keeps this day
    bool sameFigures(const DayFigures& other) const; // every count equal (day not compared)

    // {"day": "2026-11-25" (absent for totals), "ordersPlaced", "buyers", "paidOrders", "payers", "grossFen",
    //  "refundFen", "refundCount", "netFen", "grossWechatFen", "grossCodFen", "grossBalanceFen", "refundWechatFen",
    //  "refundCodFen", "refundBalanceFen", "rechargeFen", "pv", "uv", "averageOrderValueFen",
    //  "purchaseRateBasisPoints" (null without visitors)} -- integers all; the sync shape of stats_day.
    QJsonObject toJson() const;
    // Reads toJson()'s shape (derived fields ignored); InvalidArgument for a missing or non-integer count, a
    // negative count, or a bad "day".
    static Result<DayFigures> fromJson(const QJsonObject& object);
};

// One product's sales over a day or a period.
struct ProductFigures
{
    QString productId;
    QString productName; // the latest name seen
    qint64 quantity = 0;
    qint64 revenueFen = 0;

    QJsonObject toJson() const; // {"productId", "productName", "quantity", "revenueFen"}
};

// An inclusive range of local days.
struct Period
{
    QDate from;
    QDate to;

    int days() const { return int(from.daysTo(to)) + 1; }
    bool contains(QDate day) const { return day >= from && day <= to; }
    bool operator==(const Period&) const = default;
};

// The longest period one report covers: a leap year. Longer ranges are refused (ask for them in parts).
constexpr int MaxPeriodDays = 366;
// The longest top-products list a report keeps (the REST `top` and the desktop's lists alike).
constexpr int MaxTop = 50;

enum class PeriodKind {
    Day,       // the anchor day
    Week,      // Monday to Sunday around the anchor
    Month,     // the calendar month of the anchor
    Today,     // anchor = today
    Yesterday, // the day before today
    ThisWeek,  // Monday of this week to today
    ThisMonth, // the 1st of this month to today
    LastMonth, // the whole previous month
};
// Wire names: "day", "week", "month", "today", "yesterday", "this_week", "this_month", "last_month".
std::optional<PeriodKind> parsePeriodKind(const QString& name);
QString periodKindName(PeriodKind kind);

// The period of `kind` around `anchor` (Day, Week, Month) or relative to `today` (the rest).
Period periodOf(PeriodKind kind, QDate anchor, QDate today);
// A custom range: InvalidArgument with a plain message for an invalid date, a range that ends before it starts,
// or one longer than MaxPeriodDays.
Result<Period> checkedRange(QDate from, QDate to);

// A period's report: the totals, one DayFigures per day of the period in order (zeros for days without a row), and
// the top products by quantity and by revenue (ties: the other figure, then product id).
struct Report
{
    Period period;
    DayFigures totals;
    QList<DayFigures> days;
    QList<ProductFigures> topByQuantity;
    QList<ProductFigures> topByRevenue;

    // {"from", "to", "days": [DayFigures...], "totals": DayFigures, "topProducts": {"byQuantity": [...],
    //  "byRevenue": [...]}} (docs/openapi.yaml, StatsReport)
    QJsonObject toJson() const;
};

// Builds the report from the day rows that exist (any order; rows outside the period are ignored, so are
// duplicates of a day after the first) and the period's per-product totals (one entry per product; those with
// nothing sold are ignored). top: how many products each list keeps (1..50).
Report buildReport(const Period& period,
                   const QList<DayFigures>& dayRows,
                   const QList<ProductFigures>& productTotals,
                   int top = 10);

} // namespace xd::stats
