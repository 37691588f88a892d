#include "xiaodian/Stats.h"

#include "xiaodian/Json.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace xd::stats {

namespace {

// The messages reach people (REST errors, the desktop's period picker): each is translated in context "xd::stats"
// where a translator is installed.
Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

// Keys and texts cover the years 1..9999: four digits, and no year 0 (QDate has none).
bool representable(QDate date)
{
    return date.isValid() && date.year() >= 1 && date.year() <= 9999;
}

bool asciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Field names of DayFigures::toJson(), in the order they are written; the counts are read back by fromJson().
struct CountField
{
    const char* name;
    qint64 DayFigures::*member;
};
constexpr CountField kCounts[] = {
    {"ordersPlaced", &DayFigures::ordersPlaced},
    {"buyers", &DayFigures::buyers},
    {"paidOrders", &DayFigures::paidOrders},
    {"payers", &DayFigures::payers},
    {"grossFen", &DayFigures::grossFen},
    {"refundFen", &DayFigures::refundFen},
    {"refundCount", &DayFigures::refundCount},
    {"grossWechatFen", &DayFigures::grossWechatFen},
    {"grossCodFen", &DayFigures::grossCodFen},
    {"grossBalanceFen", &DayFigures::grossBalanceFen},
    {"refundWechatFen", &DayFigures::refundWechatFen},
    {"refundCodFen", &DayFigures::refundCodFen},
    {"refundBalanceFen", &DayFigures::refundBalanceFen},
    {"rechargeFen", &DayFigures::rechargeFen},
    {"pv", &DayFigures::pv},
    {"uv", &DayFigures::uv},
};

QDate mondayOf(QDate day)
{
    return day.addDays(1 - day.dayOfWeek());
}

QDate firstOfMonth(QDate day)
{
    return QDate(day.year(), day.month(), 1);
}

QDate lastOfMonth(QDate day)
{
    return QDate(day.year(), day.month(), day.daysInMonth());
}

// Best first; ties by the other figure, then by product id so the order never depends on the input order.
bool moreByQuantity(const ProductFigures& a, const ProductFigures& b)
{
    if (a.quantity != b.quantity)
        return a.quantity > b.quantity;
    if (a.revenueFen != b.revenueFen)
        return a.revenueFen > b.revenueFen;
    return a.productId < b.productId;
}

bool moreByRevenue(const ProductFigures& a, const ProductFigures& b)
{
    if (a.revenueFen != b.revenueFen)
        return a.revenueFen > b.revenueFen;
    if (a.quantity != b.quantity)
        return a.quantity > b.quantity;
    return a.productId < b.productId;
}

QList<ProductFigures>
topOf(QList<ProductFigures> products, qsizetype top, bool (*better)(const ProductFigures&, const ProductFigures&))
{
    const qsizetype kept = std::min(top, products.size());
    std::partial_sort(products.begin(), products.begin() + kept, products.end(), better);
    products.resize(kept);
    return products;
}

QJsonArray productsJson(const QList<ProductFigures>& products)
{
    QJsonArray array;
    for (const ProductFigures& product : products)
        array.append(product.toJson());
    return array;
}

} // namespace

int dayKey(QDate date)
{
    if (!representable(date))
        return 0;
    return date.year() * 10000 + date.month() * 100 + date.day();
}

QDate dateOfKey(int key)
{
    if (key < 10101 || key > 99991231)
        return {};
    const QDate date(key / 10000, key / 100 % 100, key % 100);
    return date.isValid() ? date : QDate();
}

QString dayText(QDate date)
{
    if (!representable(date))
        return {};
    return QString::asprintf("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

QDate parseDay(const QString& text)
{
    if (text.size() != 10 || text.at(4) != QLatin1Char('-') || text.at(7) != QLatin1Char('-'))
        return {};
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (i != 4 && i != 7 && !asciiDigit(text.at(i)))
            return {};
    }
    const QDate date(text.left(4).toInt(), text.mid(5, 2).toInt(), text.mid(8, 2).toInt());
    return representable(date) ? date : QDate();
}

// ---- ShopCalendar

ShopCalendar::ShopCalendar(const QByteArray& ianaId)
{
    QTimeZone zone = ianaId.isEmpty() ? QTimeZone() : QTimeZone(ianaId);
    if (!zone.isValid())
        zone = QTimeZone(DefaultZone);
    m_zone = zone;
    m_zoneId = zone.id();
}

QDate ShopCalendar::dayOf(qint64 ms) const
{
    if (m_cachedDay.isValid() && ms >= m_cachedStartMs && ms < m_cachedEndMs)
        return m_cachedDay;

    // The local date first, then the day whose [start, end) holds the instant: the answer always agrees with
    // startOfDayMs(), even where a transition moves the clock across midnight.
    QDate day = QDateTime::fromMSecsSinceEpoch(ms, m_zone).date();
    qint64 start = startOfDayMs(day);
    qint64 end = startOfDayMs(day.addDays(1));
    for (int step = 0; step < 2 && ms < start; ++step) {
        day = day.addDays(-1);
        end = start;
        start = startOfDayMs(day);
    }
    for (int step = 0; step < 2 && ms >= end; ++step) {
        day = day.addDays(1);
        start = end;
        end = startOfDayMs(day.addDays(1));
    }
    if (ms >= start && ms < end) {
        m_cachedDay = day;
        m_cachedStartMs = start;
        m_cachedEndMs = end;
    }
    return day;
}

qint64 ShopCalendar::startOfDayMs(QDate day) const
{
    // QDate::startOfDay() skips a gap at midnight (a zone that springs forward at 00:00 starts its day at 01:00).
    return day.startOfDay(m_zone).toMSecsSinceEpoch();
}

// ---- DayFigures

qint64 DayFigures::averageOrderValueFen() const
{
    if (paidOrders <= 0)
        return 0;
    const qint64 net = netFen();
    const qint64 quotient = net / paidOrders;
    const qint64 remainder = net % paidOrders; // carries the sign of net
    const qint64 absRemainder = remainder < 0 ? -remainder : remainder;
    // |remainder| >= paidOrders / 2, written so that nothing overflows.
    if (absRemainder >= paidOrders - absRemainder)
        return quotient + (net < 0 ? -1 : 1);
    return quotient;
}

std::optional<qint64> DayFigures::purchaseRateBasisPoints() const
{
    if (uv <= 0)
        return std::nullopt;
    // payers * 10000 / uv rounded half up, split so that payers * 10000 cannot overflow.
    const qint64 whole = payers / uv;
    const qint64 remainder = payers % uv;
    const qint64 scaled = remainder * 10000;
    qint64 fraction = scaled / uv;
    if ((scaled % uv) * 2 >= uv)
        ++fraction;
    return whole * 10000 + fraction;
}

DayFigures& DayFigures::operator+=(const DayFigures& other)
{
    for (const CountField& field : kCounts)
        this->*field.member += other.*field.member;
    return *this;
}

bool DayFigures::sameFigures(const DayFigures& other) const
{
    for (const CountField& field : kCounts) {
        if (this->*field.member != other.*field.member)
            return false;
    }
    return true;
}

QJsonObject DayFigures::toJson() const
{
    QJsonObject object;
    if (day.isValid())
        object.insert(QStringLiteral("day"), dayText(day));
    for (const CountField& field : kCounts)
        object.insert(QLatin1String(field.name), this->*field.member);
    object.insert(QStringLiteral("netFen"), netFen());
    object.insert(QStringLiteral("averageOrderValueFen"), averageOrderValueFen());
    const std::optional<qint64> rate = purchaseRateBasisPoints();
    object.insert(QStringLiteral("purchaseRateBasisPoints"), rate ? QJsonValue(*rate) : QJsonValue());
    return object;
}

Result<DayFigures> DayFigures::fromJson(const QJsonObject& object)
{
    DayFigures figures;
    const QJsonValue dayValue = object.value(QStringLiteral("day"));
    if (!dayValue.isUndefined() && !dayValue.isNull()) {
        figures.day = dayValue.isString() ? parseDay(dayValue.toString()) : QDate();
        if (!figures.day.isValid())
            return invalid(
                QCoreApplication::translate("xd::stats", "Field 'day' must be a date written as yyyy-MM-dd."));
    }
    for (const CountField& field : kCounts) {
        const QString name = QLatin1String(field.name);
        const Result<qint64> count = Json::requireInt64(object, name);
        if (!count)
            return count.error();
        if (*count < 0)
            return invalid(QCoreApplication::translate("xd::stats", "Field '%1' must not be negative.").arg(name));
        figures.*field.member = *count;
    }
    return figures;
}

QJsonObject ProductFigures::toJson() const
{
    return QJsonObject{{QStringLiteral("productId"), productId},
                       {QStringLiteral("productName"), productName},
                       {QStringLiteral("quantity"), quantity},
                       {QStringLiteral("revenueFen"), revenueFen}};
}

// ---- Periods

std::optional<PeriodKind> parsePeriodKind(const QString& name)
{
    static const QHash<QString, PeriodKind> kinds = {
        {QStringLiteral("day"), PeriodKind::Day},
        {QStringLiteral("week"), PeriodKind::Week},
        {QStringLiteral("month"), PeriodKind::Month},
        {QStringLiteral("today"), PeriodKind::Today},
        {QStringLiteral("yesterday"), PeriodKind::Yesterday},
        {QStringLiteral("this_week"), PeriodKind::ThisWeek},
        {QStringLiteral("this_month"), PeriodKind::ThisMonth},
        {QStringLiteral("last_month"), PeriodKind::LastMonth},
    };
    const auto found = kinds.constFind(name);
    if (found == kinds.cend())
        return std::nullopt;
    return *found;
}

QString periodKindName(PeriodKind kind)
{
    switch (kind) {
    case PeriodKind::Day:
        return QStringLiteral("day");
    case PeriodKind::Week:
        return QStringLiteral("week");
    case PeriodKind::Month:
        return QStringLiteral("month");
    case PeriodKind::Today:
        return QStringLiteral("today");
    case PeriodKind::Yesterday:
        return QStringLiteral("yesterday");
    case PeriodKind::ThisWeek:
        return QStringLiteral("this_week");
    case PeriodKind::ThisMonth:
        return QStringLiteral("this_month");
    case PeriodKind::LastMonth:
        return QStringLiteral("last_month");
    }
    return {};
}

Period periodOf(PeriodKind kind, QDate anchor, QDate today)
{
    switch (kind) {
    case PeriodKind::Day:
        return {anchor, anchor};
    case PeriodKind::Week:
        return {mondayOf(anchor), mondayOf(anchor).addDays(6)};
    case PeriodKind::Month:
        return {firstOfMonth(anchor), lastOfMonth(anchor)};
    case PeriodKind::Today:
        return {today, today};
    case PeriodKind::Yesterday:
        return {today.addDays(-1), today.addDays(-1)};
    case PeriodKind::ThisWeek:
        return {mondayOf(today), today};
    case PeriodKind::ThisMonth:
        return {firstOfMonth(today), today};
    case PeriodKind::LastMonth: {
        const QDate inLastMonth = firstOfMonth(today).addDays(-1);
        return {firstOfMonth(inLastMonth), lastOfMonth(inLastMonth)};
    }
    }
    return {};
}

Result<Period> checkedRange(QDate from, QDate to)
{
    if (!representable(from))
        return invalid(QCoreApplication::translate("xd::stats", "The start of the period is not a valid date."));
    if (!representable(to))
        return invalid(QCoreApplication::translate("xd::stats", "The end of the period is not a valid date."));
    if (to < from)
        return invalid(QCoreApplication::translate("xd::stats", "The period ends (%1) before it starts (%2).")
                           .arg(dayText(to), dayText(from)));
    const Period period{from, to};
    if (period.days() > MaxPeriodDays)
        return invalid(
            QCoreApplication::translate(
                "xd::stats", "The period covers %1 days; a report covers at most %2 days. Ask for it in parts.")
                .arg(period.days())
                .arg(MaxPeriodDays));
    return period;
}

// ---- Report

Report
buildReport(const Period& period, const QList<DayFigures>& dayRows, const QList<ProductFigures>& productTotals, int top)
{
    Report report;
    report.period = period;
    if (!period.from.isValid() || !period.to.isValid() || period.to < period.from)
        return report;

    const int dayCount = period.days();
    report.days.resize(dayCount);
    QList<bool> filled(dayCount, false);
    for (const DayFigures& row : dayRows) {
        if (!period.contains(row.day))
            continue;
        const int index = int(period.from.daysTo(row.day));
        if (filled[index])
            continue;
        filled[index] = true;
        report.days[index] = row;
    }
    for (int index = 0; index < dayCount; ++index) {
        DayFigures& day = report.days[index];
        day.day = period.from.addDays(index);
        report.totals += day;
    }

    QList<ProductFigures> sold;
    sold.reserve(productTotals.size());
    for (const ProductFigures& product : productTotals) {
        if (product.quantity != 0 || product.revenueFen != 0)
            sold.append(product);
    }
    const qsizetype kept = std::clamp(top, 1, MaxTop);
    report.topByQuantity = topOf(sold, kept, moreByQuantity);
    report.topByRevenue = topOf(std::move(sold), kept, moreByRevenue);
    return report;
}

QJsonObject Report::toJson() const
{
    QJsonArray dayArray;
    for (const DayFigures& day : days)
        dayArray.append(day.toJson());
    return QJsonObject{
        {QStringLiteral("from"), dayText(period.from)},
        {QStringLiteral("to"), dayText(period.to)},
        {QStringLiteral("days"), dayArray},
        {QStringLiteral("totals"), totals.toJson()},
        {QStringLiteral("topProducts"),
         QJsonObject{{QStringLiteral("byQuantity"), productsJson(topByQuantity)},
                     {QStringLiteral("byRevenue"), productsJson(topByRevenue)}}},
    };
}

} // namespace xd::stats
