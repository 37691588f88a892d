#include "xiaodian/Json.h"
#include "xiaodian/Stats.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace xd;
using namespace xd::stats;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(xd::stats::PeriodKind)

namespace {

// The counts of DayFigures::toJson(), as the wire names them (docs/statistics.md).
const QStringList kCountNames = {
    QStringLiteral("ordersPlaced"),
    QStringLiteral("buyers"),
    QStringLiteral("paidOrders"),
    QStringLiteral("payers"),
    QStringLiteral("grossFen"),
    QStringLiteral("refundFen"),
    QStringLiteral("refundCount"),
    QStringLiteral("grossWechatFen"),
    QStringLiteral("grossCodFen"),
    QStringLiteral("grossBalanceFen"),
    QStringLiteral("refundWechatFen"),
    QStringLiteral("refundCodFen"),
    QStringLiteral("refundBalanceFen"),
    QStringLiteral("rechargeFen"),
    QStringLiteral("pv"),
    QStringLiteral("uv"),
};

qint64 utcMs(QDate date, QTime time)
{
    return QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch();
}

qint64 localMs(const char* zone, QDate date, QTime time)
{
    return QDateTime(date, time, QTimeZone(zone)).toMSecsSinceEpoch();
}

QJsonObject zeroFiguresJson()
{
    QJsonObject object;
    for (const QString& name : kCountNames)
        object.insert(name, 0);
    return object;
}

DayFigures dayRow(QDate day, qint64 grossFen, qint64 paidOrders = 1)
{
    DayFigures row;
    row.day = day;
    row.grossFen = grossFen;
    row.grossCodFen = grossFen;
    row.paidOrders = paidOrders;
    return row;
}

ProductFigures product(const char* id, qint64 quantity, qint64 revenueFen)
{
    const QString productId = QString::fromUtf8(id);
    return ProductFigures{productId, QStringLiteral("商品 ") + productId, quantity, revenueFen};
}

QStringList idsOf(const QList<ProductFigures>& products)
{
    QStringList ids;
    for (const ProductFigures& p : products)
        ids.append(p.productId);
    return ids;
}

} // namespace

class tst_Stats : public QObject
{
    Q_OBJECT

private slots:
    void dayKey_roundTripsAndRefusesNonDates();
    void dayText_isIsoWithFourDigitYear();
    void parseDay_acceptsExactlyIsoDate_data();
    void parseDay_acceptsExactlyIsoDate();

    void calendar_shanghai_lastMillisecondAndMidnightAreDifferentDays();
    void calendar_unknownOrEmptyZone_isShanghai();
    void calendar_newYork_dstDaysAre23And25Hours();
    void calendar_kolkata_halfHourOffset();
    void calendar_gapAtMidnight_dayStartsAfterGap();
    void calendar_randomInstants_agreeWithBoundariesAndFreshCalendar();

    void periodKind_namesRoundTrip();
    void periodOf_data();
    void periodOf();
    void checkedRange_refusesBadRanges_data();
    void checkedRange_refusesBadRanges();
    void checkedRange_acceptsUpTo366Days();

    void averageOrderValue_roundsHalfAwayFromZero_data();
    void averageOrderValue_roundsHalfAwayFromZero();
    void purchaseRate_basisPoints_data();
    void purchaseRate_basisPoints();
    void purchaseRate_noVisitors_isNothing();
    void sumAndSameFigures_coverEveryCount();

    void json_roundTripKeepsEveryCount();
    void json_totalsHaveNoDay();
    void fromJson_refusesBadInput_data();
    void fromJson_refusesBadInput();

    void buildReport_fillsZeroDaysAndIgnoresOutsiders();
    void buildReport_invalidPeriod_isEmpty();
    void buildReport_topListsOrderAndTies();
    void buildReport_topIsClamped();
    void report_toJson_shape();
};

// ---- day keys and texts

void tst_Stats::dayKey_roundTripsAndRefusesNonDates()
{
    QCOMPARE(dayKey(QDate(2026, 11, 25)), 20261125);
    QCOMPARE(dayKey(QDate(2024, 2, 29)), 20240229);
    QCOMPARE(dayKey(QDate(1, 1, 1)), 10101);
    QCOMPARE(dayKey(QDate(9999, 12, 31)), 99991231);
    QCOMPARE(dayKey(QDate()), 0);
    QCOMPARE(dayKey(QDate(10000, 1, 1)), 0);
    QCOMPARE(dayKey(QDate(-1, 1, 1)), 0);

    QCOMPARE(dateOfKey(20261125), QDate(2026, 11, 25));
    QCOMPARE(dateOfKey(20240229), QDate(2024, 2, 29));
    QCOMPARE(dateOfKey(10101), QDate(1, 1, 1));
    for (int bad : {0, -20261125, 20250229, 20261301, 20261100, 20261131, 20260001, 2026112, 202611250, 10100})
        QVERIFY2(!dateOfKey(bad).isValid(), qPrintable(QString::number(bad)));

    // Every day of a leap year and a normal one survives the round trip, and keys sort like dates.
    int previous = 0;
    for (QDate d(2023, 1, 1); d <= QDate(2024, 12, 31); d = d.addDays(1)) {
        const int key = dayKey(d);
        QCOMPARE(dateOfKey(key), d);
        QVERIFY(key > previous);
        previous = key;
    }
}

void tst_Stats::dayText_isIsoWithFourDigitYear()
{
    QCOMPARE(dayText(QDate(2026, 11, 25)), QStringLiteral("2026-11-25"));
    QCOMPARE(dayText(QDate(2026, 1, 5)), QStringLiteral("2026-01-05"));
    QCOMPARE(dayText(QDate(999, 3, 4)), QStringLiteral("0999-03-04"));
    QCOMPARE(dayText(QDate()), QString());
    QCOMPARE(dayText(QDate(10000, 1, 1)), QString());
    QCOMPARE(parseDay(dayText(QDate(999, 3, 4))), QDate(999, 3, 4));
}

void tst_Stats::parseDay_acceptsExactlyIsoDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("expected");
    QTest::newRow("plain") << "2026-11-25" << QDate(2026, 11, 25);
    QTest::newRow("leap day") << "2024-02-29" << QDate(2024, 2, 29);
    QTest::newRow("first year") << "0001-01-01" << QDate(1, 1, 1);
    QTest::newRow("not leap") << "2025-02-29" << QDate();
    QTest::newRow("31 November") << "2026-11-31" << QDate();
    QTest::newRow("month 13") << "2026-13-01" << QDate();
    QTest::newRow("month 00") << "2026-00-10" << QDate();
    QTest::newRow("day 00") << "2026-11-00" << QDate();
    QTest::newRow("year 0") << "0000-01-01" << QDate();
    QTest::newRow("short month") << "2026-1-25" << QDate();
    QTest::newRow("short day") << "2026-11-5" << QDate();
    QTest::newRow("leading space") << " 2026-11-25" << QDate();
    QTest::newRow("trailing space") << "2026-11-25 " << QDate();
    QTest::newRow("slashes") << "2026/11/25" << QDate();
    QTest::newRow("compact") << "20261125" << QDate();
    QTest::newRow("with time") << "2026-11-25T00:00" << QDate();
    QTest::newRow("signed year") << "+026-11-25" << QDate();
    QTest::newRow("negative year") << "-026-11-25" << QDate();
    QTest::newRow("letter") << "2026-11-2a" << QDate();
    QTest::newRow("full-width digits") << QStringLiteral("２０２６-11-25") << QDate();
    QTest::newRow("arabic-indic digits") << QStringLiteral("٢٠٢٦-11-25") << QDate();
    QTest::newRow("empty") << "" << QDate();
    QTest::newRow("null") << QString() << QDate();
}

void tst_Stats::parseDay_acceptsExactlyIsoDate()
{
    QFETCH(QString, text);
    QFETCH(QDate, expected);
    QCOMPARE(parseDay(text), expected);
    if (expected.isValid())
        QCOMPARE(dayText(parseDay(text)), text);
}

// ---- the shop's calendar

void tst_Stats::calendar_shanghai_lastMillisecondAndMidnightAreDifferentDays()
{
    const ShopCalendar calendar; // the default zone
    QCOMPARE(calendar.zoneId(), QByteArray("Asia/Shanghai"));
    const QDate day(2026, 11, 25);
    // Shanghai is UTC+8 all year: the local day 11-25 is [11-24 16:00Z, 11-25 16:00Z).
    QCOMPARE(calendar.startOfDayMs(day), utcMs(QDate(2026, 11, 24), QTime(16, 0)));
    QCOMPARE(calendar.endOfDayMs(day), utcMs(day, QTime(16, 0)));

    const qint64 lastMs = localMs("Asia/Shanghai", day, QTime(23, 59, 59, 999));
    const qint64 midnightMs = localMs("Asia/Shanghai", day.addDays(1), QTime(0, 0));
    QCOMPARE(midnightMs - lastMs, 1);
    QCOMPARE(calendar.dayOf(lastMs), day);
    QCOMPARE(calendar.dayOf(midnightMs), day.addDays(1));
    QCOMPARE(calendar.dayKeyOf(lastMs), 20261125);
    QCOMPARE(calendar.dayKeyOf(midnightMs), 20261126);
    // Back again: the cached day must not answer for an instant before it.
    QCOMPARE(calendar.dayOf(lastMs), day);
    QCOMPARE(calendar.dayOf(localMs("Asia/Shanghai", day, QTime(0, 0))), day);
    QCOMPARE(calendar.dayOf(localMs("Asia/Shanghai", day, QTime(0, 0)) - 1), day.addDays(-1));
    // A UTC calendar would put 23:59:59.999 Shanghai (15:59:59.999Z) on the same day, but midnight too.
    const ShopCalendar utc("UTC");
    QCOMPARE(utc.dayOf(lastMs), day);
    QCOMPARE(utc.dayOf(midnightMs), day);
}

void tst_Stats::calendar_unknownOrEmptyZone_isShanghai()
{
    for (const QByteArray& id : {QByteArray(), QByteArray("Nowhere/Atlantis"), QByteArray("asia/shanghai ")}) {
        const ShopCalendar calendar(id);
        QCOMPARE(calendar.zoneId(), QByteArray(ShopCalendar::DefaultZone));
        QCOMPARE(calendar.startOfDayMs(QDate(2026, 6, 1)), utcMs(QDate(2026, 5, 31), QTime(16, 0)));
    }
    QCOMPARE(ShopCalendar("Europe/Berlin").zoneId(), QByteArray("Europe/Berlin"));

    // Instants beyond the calendar's years have no day (key 0) and leave the remembered day alone.
    const ShopCalendar calendar;
    const qint64 noon = localMs("Asia/Shanghai", QDate(2026, 11, 25), QTime(12, 0));
    QCOMPARE(calendar.dayKeyOf(noon), 20261125);
    for (qint64 far : {std::numeric_limits<qint64>::max(),
                       std::numeric_limits<qint64>::min(),
                       utcMs(QDate(9999, 12, 31), QTime(23, 0))}) {
        QCOMPARE(calendar.dayKeyOf(far), 0);
        QCOMPARE(calendar.dayKeyOf(noon), 20261125);
    }
    QCOMPARE(calendar.dayKeyOf(-1), 19700101); // 08:00 in Shanghai
}

void tst_Stats::calendar_newYork_dstDaysAre23And25Hours()
{
    const ShopCalendar calendar("America/New_York");
    QCOMPARE(calendar.zoneId(), QByteArray("America/New_York"));
    constexpr qint64 hour = 3600 * 1000;
    const QDate spring(2026, 3, 8);  // 02:00 EST -> 03:00 EDT
    const QDate autumn(2026, 11, 1); // 02:00 EDT -> 01:00 EST
    QCOMPARE(calendar.endOfDayMs(spring) - calendar.startOfDayMs(spring), 23 * hour);
    QCOMPARE(calendar.endOfDayMs(autumn) - calendar.startOfDayMs(autumn), 25 * hour);
    QCOMPARE(calendar.endOfDayMs(QDate(2026, 3, 9)) - calendar.startOfDayMs(QDate(2026, 3, 9)), 24 * hour);

    // Midnight is 05:00Z in winter, 04:00Z in summer.
    QCOMPARE(calendar.startOfDayMs(spring), utcMs(spring, QTime(5, 0)));
    QCOMPARE(calendar.startOfDayMs(spring.addDays(1)), utcMs(spring.addDays(1), QTime(4, 0)));
    QCOMPARE(calendar.startOfDayMs(autumn), utcMs(autumn, QTime(4, 0)));
    QCOMPARE(calendar.startOfDayMs(autumn.addDays(1)), utcMs(autumn.addDays(1), QTime(5, 0)));

    // The repeated hour 01:00-02:00 of 11-01 belongs to 11-01 both times; 23:59:59.999 EST ends it.
    QCOMPARE(calendar.dayOf(utcMs(autumn, QTime(5, 30))), autumn); // 01:30 EDT
    QCOMPARE(calendar.dayOf(utcMs(autumn, QTime(6, 30))), autumn); // 01:30 EST
    QCOMPARE(calendar.dayOf(utcMs(autumn.addDays(1), QTime(4, 59, 59, 999))), autumn);
    QCOMPARE(calendar.dayOf(utcMs(autumn.addDays(1), QTime(5, 0))), autumn.addDays(1));
    // 03-08 23:59:59.999 EDT is 03:59:59.999Z on 03-09.
    QCOMPARE(calendar.dayOf(utcMs(spring.addDays(1), QTime(3, 59, 59, 999))), spring);
    QCOMPARE(calendar.dayOf(utcMs(spring.addDays(1), QTime(4, 0))), spring.addDays(1));
    // A Shanghai calendar sees the same instants on other days.
    QCOMPARE(ShopCalendar().dayOf(utcMs(spring.addDays(1), QTime(3, 59, 59, 999))), spring.addDays(1));
}

void tst_Stats::calendar_kolkata_halfHourOffset()
{
    const ShopCalendar calendar("Asia/Kolkata");
    const QDate day(2026, 11, 25);
    QCOMPARE(calendar.startOfDayMs(day), utcMs(QDate(2026, 11, 24), QTime(18, 30)));
    QCOMPARE(calendar.dayOf(utcMs(QDate(2026, 11, 24), QTime(18, 29, 59, 999))), day.addDays(-1));
    QCOMPARE(calendar.dayOf(utcMs(QDate(2026, 11, 24), QTime(18, 30))), day);
    QCOMPARE(calendar.dayOf(utcMs(day, QTime(18, 29, 59, 999))), day);
    QCOMPARE(calendar.dayOf(utcMs(day, QTime(18, 30))), day.addDays(1));
    // 16:10Z is already the next day in Shanghai (00:10) but still 21:40 of the same day in Kolkata.
    QCOMPARE(calendar.dayOf(utcMs(day, QTime(16, 10))), day);
    QCOMPARE(ShopCalendar().dayOf(utcMs(day, QTime(16, 10))), day.addDays(1));
}

void tst_Stats::calendar_gapAtMidnight_dayStartsAfterGap()
{
    // Chile springs forward at local midnight: 2026-09-06 has no 00:00-01:00 and starts at 01:00 -03 (04:00Z);
    // on 2026-04-05 it falls back at midnight, so 2026-04-04 has 25 hours.
    const ShopCalendar calendar("America/Santiago");
    const QDate spring(2026, 9, 6);
    QCOMPARE(calendar.startOfDayMs(spring), utcMs(spring, QTime(4, 0)));
    QCOMPARE(calendar.endOfDayMs(spring) - calendar.startOfDayMs(spring), qint64(23) * 3600 * 1000);
    QCOMPARE(calendar.dayOf(utcMs(spring, QTime(3, 59, 59, 999))), spring.addDays(-1));
    QCOMPARE(calendar.dayOf(utcMs(spring, QTime(4, 0))), spring);
    const QDate autumn(2026, 4, 4);
    QCOMPARE(calendar.endOfDayMs(autumn) - calendar.startOfDayMs(autumn), qint64(25) * 3600 * 1000);
    QCOMPARE(calendar.dayOf(utcMs(autumn.addDays(1), QTime(3, 30))), autumn); // the repeated 23:30
}

void tst_Stats::calendar_randomInstants_agreeWithBoundariesAndFreshCalendar()
{
    // One long-lived calendar per zone answers instants in sorted runs and in random jumps; every answer must
    // agree with a fresh calendar (no cache) and with the day's boundaries.
    QRandomGenerator random(20261125);
    for (const char* zone : {"Asia/Shanghai", "America/New_York", "Asia/Kolkata", "America/Santiago"}) {
        const ShopCalendar calendar(zone);
        const qint64 yearStart = utcMs(QDate(2026, 1, 1), QTime(0, 0));
        const qint64 yearMs = qint64(365) * 24 * 3600 * 1000;
        qint64 instant = yearStart;
        for (int i = 0; i < 3000; ++i) {
            if (i % 3 == 0)
                instant = yearStart + qint64(random.bounded(quint64(yearMs)));
            else
                instant += qint64(random.bounded(3 * 3600 * 1000)); // a run, often crossing midnight
            const QDate day = calendar.dayOf(instant);
            QVERIFY(day.isValid());
            QCOMPARE(ShopCalendar(zone).dayOf(instant), day);
            QVERIFY2(calendar.startOfDayMs(day) <= instant && instant < calendar.endOfDayMs(day),
                     qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(zone)).arg(instant)));
            QCOMPARE(day, QDateTime::fromMSecsSinceEpoch(instant, QTimeZone(zone)).date());
        }
    }
}

// ---- periods

void tst_Stats::periodKind_namesRoundTrip()
{
    const QList<PeriodKind> kinds = {PeriodKind::Day,
                                     PeriodKind::Week,
                                     PeriodKind::Month,
                                     PeriodKind::Today,
                                     PeriodKind::Yesterday,
                                     PeriodKind::ThisWeek,
                                     PeriodKind::ThisMonth,
                                     PeriodKind::LastMonth};
    QStringList names;
    for (PeriodKind kind : kinds) {
        names.append(periodKindName(kind));
        QCOMPARE(parsePeriodKind(periodKindName(kind)), std::optional<PeriodKind>(kind));
    }
    QCOMPARE(names,
             QStringList({u"day"_s,
                          u"week"_s,
                          u"month"_s,
                          u"today"_s,
                          u"yesterday"_s,
                          u"this_week"_s,
                          u"this_month"_s,
                          u"last_month"_s}));
    for (const char* bad : {"Day", "", "this-week", "range", " day", "lastmonth", "custom"})
        QVERIFY2(!parsePeriodKind(QString::fromLatin1(bad)), bad);
}

void tst_Stats::periodOf_data()
{
    QTest::addColumn<PeriodKind>("kind");
    QTest::addColumn<QDate>("anchor");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    const QDate wednesday(2026, 11, 25);
    const QDate today(2026, 12, 3);
    QTest::newRow("day") << PeriodKind::Day << wednesday << today << wednesday << wednesday;
    QTest::newRow("week of a Wednesday") << PeriodKind::Week << wednesday << today << QDate(2026, 11, 23)
                                         << QDate(2026, 11, 29);
    QTest::newRow("week of a Monday") << PeriodKind::Week << QDate(2026, 11, 23) << today << QDate(2026, 11, 23)
                                      << QDate(2026, 11, 29);
    QTest::newRow("week of a Sunday") << PeriodKind::Week << QDate(2026, 11, 29) << today << QDate(2026, 11, 23)
                                      << QDate(2026, 11, 29);
    QTest::newRow("week across New Year")
        << PeriodKind::Week << QDate(2026, 1, 1) << today << QDate(2025, 12, 29) << QDate(2026, 1, 4);
    QTest::newRow("month") << PeriodKind::Month << wednesday << today << QDate(2026, 11, 1) << QDate(2026, 11, 30);
    QTest::newRow("leap February") << PeriodKind::Month << QDate(2024, 2, 10) << today << QDate(2024, 2, 1)
                                   << QDate(2024, 2, 29);
    QTest::newRow("February") << PeriodKind::Month << QDate(2026, 2, 28) << today << QDate(2026, 2, 1)
                              << QDate(2026, 2, 28);
    QTest::newRow("today ignores anchor") << PeriodKind::Today << wednesday << today << today << today;
    QTest::newRow("yesterday across New Year")
        << PeriodKind::Yesterday << wednesday << QDate(2027, 1, 1) << QDate(2026, 12, 31) << QDate(2026, 12, 31);
    QTest::newRow("this week ends today")
        << PeriodKind::ThisWeek << wednesday << QDate(2026, 12, 3) << QDate(2026, 11, 30) << QDate(2026, 12, 3);
    QTest::newRow("this week on a Monday")
        << PeriodKind::ThisWeek << wednesday << QDate(2026, 11, 30) << QDate(2026, 11, 30) << QDate(2026, 11, 30);
    QTest::newRow("this week on a Sunday")
        << PeriodKind::ThisWeek << wednesday << QDate(2026, 12, 6) << QDate(2026, 11, 30) << QDate(2026, 12, 6);
    QTest::newRow("this month ends today")
        << PeriodKind::ThisMonth << wednesday << today << QDate(2026, 12, 1) << today;
    QTest::newRow("this month on the 1st")
        << PeriodKind::ThisMonth << wednesday << QDate(2026, 12, 1) << QDate(2026, 12, 1) << QDate(2026, 12, 1);
    QTest::newRow("last month across New Year")
        << PeriodKind::LastMonth << wednesday << QDate(2027, 1, 15) << QDate(2026, 12, 1) << QDate(2026, 12, 31);
    QTest::newRow("last month from the 31st")
        << PeriodKind::LastMonth << wednesday << QDate(2026, 3, 31) << QDate(2026, 2, 1) << QDate(2026, 2, 28);
    QTest::newRow("last month on the 1st")
        << PeriodKind::LastMonth << wednesday << QDate(2024, 3, 1) << QDate(2024, 2, 1) << QDate(2024, 2, 29);
}

void tst_Stats::periodOf()
{
    QFETCH(PeriodKind, kind);
    QFETCH(QDate, anchor);
    QFETCH(QDate, today);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    const Period period = stats::periodOf(kind, anchor, today);
    QCOMPARE(period.from, from);
    QCOMPARE(period.to, to);
    QCOMPARE(period.days(), int(from.daysTo(to)) + 1);
    QVERIFY(period.contains(from) && period.contains(to));
    QVERIFY(!period.contains(from.addDays(-1)) && !period.contains(to.addDays(1)));
    if (kind == PeriodKind::Week || kind == PeriodKind::ThisWeek)
        QCOMPARE(period.from.dayOfWeek(), 1);
}

void tst_Stats::checkedRange_refusesBadRanges_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::newRow("reversed by a day") << QDate(2026, 11, 25) << QDate(2026, 11, 24);
    QTest::newRow("reversed by years") << QDate(2026, 11, 25) << QDate(2020, 1, 1);
    QTest::newRow("367 days") << QDate(2025, 1, 1) << QDate(2026, 1, 2);
    QTest::newRow("367 days in a leap year") << QDate(2024, 1, 1) << QDate(2025, 1, 1);
    QTest::newRow("ten years") << QDate(2016, 1, 1) << QDate(2026, 1, 1);
    QTest::newRow("invalid from") << QDate() << QDate(2026, 11, 25);
    QTest::newRow("invalid to") << QDate(2026, 11, 25) << QDate();
    QTest::newRow("impossible date") << QDate(2026, 2, 30) << QDate(2026, 3, 1);
    QTest::newRow("both invalid") << QDate() << QDate();
}

void tst_Stats::checkedRange_refusesBadRanges()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    const Result<Period> range = checkedRange(from, to);
    QVERIFY(!range);
    QCOMPARE(range.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!range.error().message.isEmpty());
}

void tst_Stats::checkedRange_acceptsUpTo366Days()
{
    const Result<Period> leapYear = checkedRange(QDate(2024, 1, 1), QDate(2024, 12, 31));
    QVERIFY(leapYear);
    QCOMPARE(leapYear->days(), 366);
    const Result<Period> across = checkedRange(QDate(2025, 11, 25), QDate(2026, 11, 25));
    QVERIFY(across);
    QCOMPARE(across->days(), 366);
    const Result<Period> oneDay = checkedRange(QDate(2026, 11, 25), QDate(2026, 11, 25));
    QVERIFY(oneDay);
    QCOMPARE(oneDay->days(), 1);
    QCOMPARE(*oneDay, (Period{QDate(2026, 11, 25), QDate(2026, 11, 25)}));
    // The refusal names the limit.
    const Result<Period> tooLong = checkedRange(QDate(2025, 11, 25), QDate(2026, 11, 26));
    QVERIFY(!tooLong);
    QVERIFY2(tooLong.error().message.contains(QLatin1String("366")), qPrintable(tooLong.error().message));
}

// ---- derived figures

void tst_Stats::averageOrderValue_roundsHalfAwayFromZero_data()
{
    QTest::addColumn<qint64>("grossFen");
    QTest::addColumn<qint64>("refundFen");
    QTest::addColumn<qint64>("paidOrders");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("nothing paid") << qint64(0) << qint64(0) << qint64(0) << qint64(0);
    QTest::newRow("refunds only, nothing paid") << qint64(0) << qint64(500) << qint64(0) << qint64(0);
    QTest::newRow("exact") << qint64(3000) << qint64(0) << qint64(3) << qint64(1000);
    QTest::newRow("2.25 down") << qint64(9) << qint64(0) << qint64(4) << qint64(2);
    QTest::newRow("2.5 up") << qint64(10) << qint64(0) << qint64(4) << qint64(3);
    QTest::newRow("2.75 up") << qint64(11) << qint64(0) << qint64(4) << qint64(3);
    QTest::newRow("0.5 up") << qint64(1) << qint64(0) << qint64(2) << qint64(1);
    QTest::newRow("1/3 down") << qint64(1) << qint64(0) << qint64(3) << qint64(0);
    QTest::newRow("2/3 up") << qint64(2) << qint64(0) << qint64(3) << qint64(1);
    QTest::newRow("net after refund") << qint64(10000) << qint64(2500) << qint64(2) << qint64(3750);
    QTest::newRow("negative -2.25") << qint64(1) << qint64(10) << qint64(4) << qint64(-2);
    QTest::newRow("negative -2.5 away") << qint64(0) << qint64(10) << qint64(4) << qint64(-3);
    QTest::newRow("negative -2.75") << qint64(0) << qint64(11) << qint64(4) << qint64(-3);
    QTest::newRow("negative -0.5 away") << qint64(0) << qint64(1) << qint64(2) << qint64(-1);
    QTest::newRow("negative -1/3") << qint64(0) << qint64(1) << qint64(3) << qint64(0);
    QTest::newRow("huge") << Json::MaxSafeInteger << qint64(0) << qint64(1) << Json::MaxSafeInteger;
    QTest::newRow("huge odd split") << Json::MaxSafeInteger << qint64(0) << qint64(2) << (Json::MaxSafeInteger / 2 + 1);
    const qint64 max = std::numeric_limits<qint64>::max();
    QTest::newRow("no overflow near max") << max << qint64(0) << (max / 2 + 1) << qint64(2);
}

void tst_Stats::averageOrderValue_roundsHalfAwayFromZero()
{
    QFETCH(qint64, grossFen);
    QFETCH(qint64, refundFen);
    QFETCH(qint64, paidOrders);
    QFETCH(qint64, expected);
    DayFigures figures;
    figures.grossFen = grossFen;
    figures.refundFen = refundFen;
    figures.paidOrders = paidOrders;
    QCOMPARE(figures.netFen(), grossFen - refundFen);
    QCOMPARE(figures.averageOrderValueFen(), expected);
    QCOMPARE(figures.toJson().value(QStringLiteral("averageOrderValueFen")).toInteger(), expected);
}

void tst_Stats::purchaseRate_basisPoints_data()
{
    QTest::addColumn<qint64>("payers");
    QTest::addColumn<qint64>("uv");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("nobody paid") << qint64(0) << qint64(5) << qint64(0);
    QTest::newRow("everyone") << qint64(5) << qint64(5) << qint64(10000);
    QTest::newRow("a third") << qint64(1) << qint64(3) << qint64(3333);
    QTest::newRow("two thirds") << qint64(2) << qint64(3) << qint64(6667);
    QTest::newRow("an eighth") << qint64(1) << qint64(8) << qint64(1250);
    QTest::newRow("half a basis point rounds up") << qint64(1) << qint64(20000) << qint64(1);
    QTest::newRow("less than half") << qint64(1) << qint64(20001) << qint64(0);
    QTest::newRow("more payers than visitors") << qint64(3) << qint64(2) << qint64(15000);
    // payers * 10000 would overflow qint64 here.
    QTest::newRow("huge") << Json::MaxSafeInteger << qint64(1000000) << qint64(90071992547410);
}

void tst_Stats::purchaseRate_basisPoints()
{
    QFETCH(qint64, payers);
    QFETCH(qint64, uv);
    QFETCH(qint64, expected);
    DayFigures figures;
    figures.payers = payers;
    figures.uv = uv;
    QCOMPARE(figures.purchaseRateBasisPoints(), std::optional<qint64>(expected));
    QCOMPARE(figures.toJson().value(QStringLiteral("purchaseRateBasisPoints")).toInteger(), expected);
}

void tst_Stats::purchaseRate_noVisitors_isNothing()
{
    DayFigures figures;
    figures.payers = 4; // paid without a recorded visit (e.g. views not flushed yet)
    figures.pv = 12;
    QVERIFY(!figures.purchaseRateBasisPoints());
    const QJsonObject json = figures.toJson();
    QVERIFY(json.contains(QStringLiteral("purchaseRateBasisPoints")));
    QVERIFY(json.value(QStringLiteral("purchaseRateBasisPoints")).isNull());
}

void tst_Stats::sumAndSameFigures_coverEveryCount()
{
    // Each count on its own: fromJson maps the name to its own member, sameFigures sees it, += adds it.
    DayFigures zero;
    for (const QString& name : kCountNames) {
        QJsonObject object = zeroFiguresJson();
        object.insert(name, 7);
        const Result<DayFigures> one = DayFigures::fromJson(object);
        QVERIFY2(one, qPrintable(name));
        QVERIFY2(!one->sameFigures(zero), qPrintable(name));
        QVERIFY(one->sameFigures(*one));
        DayFigures sum = *one;
        sum.day = QDate(2026, 11, 25);
        sum += *one;
        QCOMPARE(sum.day, QDate(2026, 11, 25));
        const QJsonObject summed = sum.toJson();
        for (const QString& other : kCountNames)
            QCOMPARE(summed.value(other).toInteger(), other == name ? 14 : 0);
    }
    // The day is not a figure.
    DayFigures a = dayRow(QDate(2026, 1, 1), 100);
    DayFigures b = dayRow(QDate(2026, 1, 2), 100);
    QVERIFY(a.sameFigures(b));
}

// ---- JSON

void tst_Stats::json_roundTripKeepsEveryCount()
{
    QJsonObject object = zeroFiguresJson();
    qint64 value = 1;
    for (const QString& name : kCountNames)
        object.insert(name, value++ * 1001);
    object.insert(QStringLiteral("day"), QStringLiteral("2026-11-25"));
    object.insert(QStringLiteral("grossFen"), Json::MaxSafeInteger); // the largest exact JSON integer survives
    const Result<DayFigures> figures = DayFigures::fromJson(object);
    QVERIFY(figures);
    QCOMPARE(figures->day, QDate(2026, 11, 25));
    QCOMPARE(figures->grossFen, Json::MaxSafeInteger);
    QCOMPARE(figures->uv, 16 * 1001);

    const QJsonObject json = figures->toJson();
    QStringList expectedKeys = kCountNames;
    expectedKeys << u"day"_s << u"netFen"_s << u"averageOrderValueFen"_s << u"purchaseRateBasisPoints"_s;
    expectedKeys.sort();
    QCOMPARE(json.keys(), expectedKeys);
    for (const QString& name : kCountNames)
        QCOMPARE(json.value(name).toInteger(), object.value(name).toInteger());
    QCOMPARE(json.value(QStringLiteral("netFen")).toInteger(), figures->grossFen - figures->refundFen);

    const Result<DayFigures> back = DayFigures::fromJson(json);
    QVERIFY(back);
    QVERIFY(back->sameFigures(*figures));
    QCOMPARE(back->day, figures->day);

    // Derived fields are read-only: wrong ones are ignored, not trusted.
    QJsonObject tampered = json;
    tampered.insert(QStringLiteral("netFen"), 1);
    tampered.insert(QStringLiteral("averageOrderValueFen"), u"x"_s);
    const Result<DayFigures> fromTampered = DayFigures::fromJson(tampered);
    QVERIFY(fromTampered);
    QCOMPARE(fromTampered->netFen(), figures->netFen());
}

void tst_Stats::json_totalsHaveNoDay()
{
    DayFigures totals;
    totals.refundFen = 300;
    totals.refundCount = 1;
    const QJsonObject json = totals.toJson();
    QVERIFY(!json.contains(QStringLiteral("day")));
    QCOMPARE(json.value(QStringLiteral("netFen")).toInteger(), -300);
    const Result<DayFigures> back = DayFigures::fromJson(json);
    QVERIFY(back);
    QVERIFY(!back->day.isValid());
    QVERIFY(back->sameFigures(totals));
    QJsonObject withNullDay = json;
    withNullDay.insert(QStringLiteral("day"), QJsonValue::Null);
    QVERIFY(DayFigures::fromJson(withNullDay));
}

void tst_Stats::fromJson_refusesBadInput_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value"); // undefined: removed
    QTest::newRow("missing count") << "refundFen" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("null count") << "uv" << QJsonValue(QJsonValue::Null);
    QTest::newRow("string count") << "grossFen" << QJsonValue(u"100"_s);
    QTest::newRow("bool count") << "pv" << QJsonValue(true);
    QTest::newRow("fraction") << "grossFen" << QJsonValue(100.5);
    QTest::newRow("beyond 2^53") << "grossFen" << QJsonValue(9007199254740994.0);
    QTest::newRow("huge double") << "refundFen" << QJsonValue(1e300);
    QTest::newRow("negative count") << "paidOrders" << QJsonValue(-1);
    QTest::newRow("negative money") << "grossCodFen" << QJsonValue(-100);
    QTest::newRow("array count") << "buyers" << QJsonValue(QJsonArray{1});
    QTest::newRow("impossible day") << "day" << QJsonValue(u"2026-11-31"_s);
    QTest::newRow("day as key") << "day" << QJsonValue(20261125);
    QTest::newRow("day with time") << "day" << QJsonValue(u"2026-11-25T00:00:00"_s);
    QTest::newRow("empty day") << "day" << QJsonValue(u""_s);
}

void tst_Stats::fromJson_refusesBadInput()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QJsonObject object = zeroFiguresJson();
    object.insert(QStringLiteral("day"), QStringLiteral("2026-11-25"));
    QVERIFY(DayFigures::fromJson(object)); // the base is good
    if (value.isUndefined())
        object.remove(field);
    else
        object.insert(field, value);
    const Result<DayFigures> figures = DayFigures::fromJson(object);
    QVERIFY(!figures);
    QCOMPARE(figures.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(figures.error().message.contains(field), qPrintable(figures.error().message));
}

// ---- reports

void tst_Stats::buildReport_fillsZeroDaysAndIgnoresOutsiders()
{
    const Period period{QDate(2026, 11, 28), QDate(2026, 12, 3)}; // across a month end
    DayFigures first = dayRow(QDate(2026, 12, 1), 1000, 2);
    first.refundFen = 300;
    first.refundCount = 1;
    first.uv = 4;
    first.payers = 2;
    const QList<DayFigures> rows = {
        dayRow(QDate(2026, 12, 3), 50),      // out of order
        dayRow(QDate(2026, 11, 27), 999999), // the day before: ignored
        first,                               // the first row of 12-01 wins
        dayRow(QDate(2026, 12, 1), 777777),  // a duplicate: ignored
        dayRow(QDate(2026, 11, 28), 20),     // the first day
        dayRow(QDate(2026, 12, 4), 888888),  // the day after: ignored
        dayRow(QDate(), 666666),             // no day: ignored
    };
    const Report report = buildReport(period, rows, {});
    QCOMPARE(report.period, period);
    QCOMPARE(report.days.size(), 6);
    const QList<qint64> expectedGross = {20, 0, 0, 1000, 0, 50};
    for (int i = 0; i < report.days.size(); ++i) {
        QCOMPARE(report.days[i].day, period.from.addDays(i));
        QCOMPARE(report.days[i].grossFen, expectedGross[i]);
    }
    QVERIFY(report.days[1].sameFigures(DayFigures()));
    QVERIFY(report.days[3].sameFigures(first));
    QVERIFY(!report.totals.day.isValid());
    QCOMPARE(report.totals.grossFen, 1070);
    QCOMPARE(report.totals.grossCodFen, 1070);
    QCOMPARE(report.totals.paidOrders, 4);
    QCOMPARE(report.totals.refundFen, 300);
    QCOMPARE(report.totals.netFen(), 770);
    QCOMPARE(report.totals.averageOrderValueFen(), 193); // 770 / 4 = 192.5
    QCOMPARE(report.totals.purchaseRateBasisPoints(), std::optional<qint64>(5000));
    QVERIFY(report.topByQuantity.isEmpty());
    QVERIFY(report.topByRevenue.isEmpty());

    // No rows at all: every day is there, all zero; the totals have no purchase rate.
    const Report empty = buildReport(period, {}, {});
    QCOMPARE(empty.days.size(), 6);
    QCOMPARE(empty.days.last().day, period.to);
    QVERIFY(empty.totals.sameFigures(DayFigures()));
    QVERIFY(!empty.totals.purchaseRateBasisPoints());
}

void tst_Stats::buildReport_invalidPeriod_isEmpty()
{
    const QList<DayFigures> rows = {dayRow(QDate(2026, 11, 25), 100)};
    for (const Period& period : {Period{QDate(2026, 11, 26), QDate(2026, 11, 25)},
                                 Period{QDate(), QDate(2026, 11, 25)},
                                 Period{QDate(2026, 11, 25), QDate()}}) {
        const Report report = buildReport(period, rows, {product("p1", 1, 100)});
        QVERIFY(report.days.isEmpty());
        QVERIFY(report.totals.sameFigures(DayFigures()));
    }
}

void tst_Stats::buildReport_topListsOrderAndTies()
{
    const Period period{QDate(2026, 11, 1), QDate(2026, 11, 30)};
    const QList<ProductFigures> products = {
        product("e", 5, 500),
        product("a", 10, 100),
        product("c", 10, 300), // ties a on quantity: more revenue first
        product("b", 10, 300), // ties c on both: id order
        product("d", 1, 9000),
        product("z", 0, 0),   // nothing sold: ignored
        product("f", 2, 0),   // free gift: sold, no revenue
        product("g", 5, 500), // ties e on both
    };
    const Report report = buildReport(period, {}, products, 10);
    QCOMPARE(idsOf(report.topByQuantity), QStringList({u"b"_s, u"c"_s, u"a"_s, u"e"_s, u"g"_s, u"f"_s, u"d"_s}));
    QCOMPARE(idsOf(report.topByRevenue), QStringList({u"d"_s, u"e"_s, u"g"_s, u"b"_s, u"c"_s, u"a"_s, u"f"_s}));
    QCOMPARE(report.topByQuantity.first().productName, QStringLiteral("商品 b"));

    const Report three = buildReport(period, {}, products, 3);
    QCOMPARE(idsOf(three.topByQuantity), QStringList({u"b"_s, u"c"_s, u"a"_s}));
    QCOMPARE(idsOf(three.topByRevenue), QStringList({u"d"_s, u"e"_s, u"g"_s}));

    // The input order does not matter.
    QList<ProductFigures> reversed(products.crbegin(), products.crend());
    const Report again = buildReport(period, {}, reversed, 10);
    QCOMPARE(idsOf(again.topByQuantity), idsOf(report.topByQuantity));
    QCOMPARE(idsOf(again.topByRevenue), idsOf(report.topByRevenue));
}

void tst_Stats::buildReport_topIsClamped()
{
    const Period period{QDate(2026, 11, 1), QDate(2026, 11, 1)};
    QList<ProductFigures> products;
    for (int i = 0; i < 60; ++i)
        products.append(ProductFigures{u"p%1"_s.arg(i, 2, 10, QLatin1Char('0')), u"name"_s, i + 1, 1000 - i});
    QCOMPARE(buildReport(period, {}, products, 0).topByQuantity.size(), 1);
    QCOMPARE(buildReport(period, {}, products, -5).topByRevenue.size(), 1);
    QCOMPARE(buildReport(period, {}, products, 50).topByQuantity.size(), 50);
    const Report many = buildReport(period, {}, products, 1000);
    QCOMPARE(many.topByQuantity.size(), 50);
    QCOMPARE(many.topByRevenue.size(), 50);
    QCOMPARE(many.topByQuantity.first().productId, QStringLiteral("p59"));
    QCOMPARE(many.topByRevenue.first().productId, QStringLiteral("p00"));
    QCOMPARE(buildReport(period, {}, products).topByQuantity.size(), 10); // the default
    QCOMPARE(buildReport(period, {}, products.mid(0, 4), 10).topByQuantity.size(), 4);
}

void tst_Stats::report_toJson_shape()
{
    const Period period{QDate(2026, 11, 24), QDate(2026, 11, 25)};
    const Report report =
        buildReport(period, {dayRow(QDate(2026, 11, 25), 1234)}, {product("p1", 3, 1234), product("p2", 1, 50)});
    const QJsonObject json = report.toJson();
    QCOMPARE(json.keys(), QStringList({u"days"_s, u"from"_s, u"to"_s, u"topProducts"_s, u"totals"_s}));
    QCOMPARE(json.value(u"from"_s).toString(), QStringLiteral("2026-11-24"));
    QCOMPARE(json.value(u"to"_s).toString(), QStringLiteral("2026-11-25"));
    const QJsonArray days = json.value(u"days"_s).toArray();
    QCOMPARE(days.size(), 2);
    QCOMPARE(days.at(0).toObject().value(u"day"_s).toString(), QStringLiteral("2026-11-24"));
    QCOMPARE(days.at(0).toObject().value(u"grossFen"_s).toInteger(), 0);
    QCOMPARE(days.at(1).toObject().value(u"grossFen"_s).toInteger(), 1234);
    const QJsonObject totals = json.value(u"totals"_s).toObject();
    QVERIFY(!totals.contains(u"day"_s));
    QCOMPARE(totals.value(u"grossFen"_s).toInteger(), 1234);
    const Result<DayFigures> totalsBack = DayFigures::fromJson(totals);
    QVERIFY(totalsBack);
    QVERIFY(totalsBack->sameFigures(report.totals));
    const QJsonObject top = json.value(u"topProducts"_s).toObject();
    QCOMPARE(top.keys(), QStringList({u"byQuantity"_s, u"byRevenue"_s}));
    const QJsonObject best = top.value(u"byQuantity"_s).toArray().at(0).toObject();
    QCOMPARE(best.keys(), QStringList({u"productId"_s, u"productName"_s, u"quantity"_s, u"revenueFen"_s}));
    QCOMPARE(best.value(u"productId"_s).toString(), QStringLiteral("p1"));
    QCOMPARE(best.value(u"productName"_s).toString(), QStringLiteral("商品 p1"));
    QCOMPARE(best.value(u"quantity"_s).toInteger(), 3);
    QCOMPARE(best.value(u"revenueFen"_s).toInteger(), 1234);
    QCOMPARE(top.value(u"byRevenue"_s).toArray().size(), 2);
}

QTEST_APPLESS_MAIN(tst_Stats)
#include "tst_stats.moc"
