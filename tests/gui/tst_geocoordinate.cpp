#include "GeoCoordinate.h"

#include <QTest>

#include <optional>

using namespace xd;

class TestGeoCoordinate : public QObject
{
    Q_OBJECT

private slots:
    void parseDegrees_data();
    void parseDegrees();
    void formatDegrees_data();
    void formatDegrees();
    void formatThenParse_roundTripsExactly();
    void parsePair_accepted_data();
    void parsePair_accepted();
    void parsePair_rejected_data();
    void parsePair_rejected();
};

void TestGeoCoordinate::parseDegrees_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("shanghai lat") << QStringLiteral("31.230416") << true << qint64(31230416);
    QTest::newRow("shanghai lng") << QStringLiteral("121.473701") << true << qint64(121473701);
    // 0.1 + 0.2 style surprises: as doubles these do not multiply back to the same integer.
    QTest::newRow("float trap 1") << QStringLiteral("0.000001") << true << qint64(1);
    QTest::newRow("float trap 2") << QStringLiteral("39.909187") << true << qint64(39909187);
    QTest::newRow("float trap 3") << QStringLiteral("4.35") << true << qint64(4350000);
    QTest::newRow("negative") << QStringLiteral("-33.868820") << true << qint64(-33868820);
    QTest::newRow("unicode minus") << QStringLiteral("\u221233.5") << true << qint64(-33500000);
    QTest::newRow("plus") << QStringLiteral("+1.5") << true << qint64(1500000);
    QTest::newRow("integer") << QStringLiteral("90") << true << qint64(90000000);
    QTest::newRow("spaces") << QStringLiteral("  31.2 ") << true << qint64(31200000);
    QTest::newRow("degree sign") << QStringLiteral("31.230416°") << true << qint64(31230416);
    QTest::newRow("seventh digit rounds up") << QStringLiteral("31.2304165") << true << qint64(31230417);
    QTest::newRow("seventh digit rounds down") << QStringLiteral("31.2304164999") << true << qint64(31230416);
    QTest::newRow("negative rounds away") << QStringLiteral("-0.0000005") << true << qint64(-1);
    QTest::newRow("empty") << QString() << false << qint64(0);
    QTest::newRow("dot only") << QStringLiteral(".") << false << qint64(0);
    QTest::newRow("no integer part") << QStringLiteral(".5") << false << qint64(0);
    QTest::newRow("trailing dot") << QStringLiteral("31.") << false << qint64(0);
    QTest::newRow("exponent") << QStringLiteral("3e1") << false << qint64(0);
    QTest::newRow("comma decimal") << QStringLiteral("31,23") << false << qint64(0);
    QTest::newRow("letters") << QStringLiteral("abc") << false << qint64(0);
    QTest::newRow("two dots") << QStringLiteral("1.2.3") << false << qint64(0);
    QTest::newRow("huge") << QStringLiteral("123456789") << false << qint64(0);
    QTest::newRow("sign only") << QStringLiteral("-") << false << qint64(0);
}

void TestGeoCoordinate::parseDegrees()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, expected);
    const std::optional<qint64> parsed = GeoCoordinate::parseDegreesE6(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(*parsed, expected);
    }
}

void TestGeoCoordinate::formatDegrees_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lat") << qint64(31230416) << QStringLiteral("31.230416");
    QTest::newRow("lng") << qint64(121473701) << QStringLiteral("121.473701");
    QTest::newRow("small") << qint64(1) << QStringLiteral("0.000001");
    QTest::newRow("negative small") << qint64(-500000) << QStringLiteral("-0.500000");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0.000000");
    QTest::newRow("max") << qint64(-180000000) << QStringLiteral("-180.000000");
}

void TestGeoCoordinate::formatDegrees()
{
    QFETCH(qint64, value);
    QFETCH(QString, expected);
    QCOMPARE(GeoCoordinate::formatDegreesE6(value), expected);
}

void TestGeoCoordinate::formatThenParse_roundTripsExactly()
{
    for (qint64 value = -180'000'000; value <= 180'000'000; value += 7'777'777) {
        QCOMPARE(GeoCoordinate::parseDegreesE6(GeoCoordinate::formatDegreesE6(value)), value);
    }
    for (qint64 value = -1000; value <= 1000; ++value) {
        QCOMPARE(GeoCoordinate::parseDegreesE6(GeoCoordinate::formatDegreesE6(value)), value);
    }
}

void TestGeoCoordinate::parsePair_accepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("latitude");
    QTest::addColumn<qint64>("longitude");
    QTest::addColumn<bool>("swapped");
    QTest::newRow("comma") << QStringLiteral("31.230416,121.473701") << qint64(31230416) << qint64(121473701) << false;
    QTest::newRow("comma space") << QStringLiteral("31.230416, 121.473701") << qint64(31230416) << qint64(121473701)
                                 << false;
    QTest::newRow("full-width comma") << QStringLiteral("31.230416，121.473701") << qint64(31230416)
                                      << qint64(121473701) << false;
    QTest::newRow("space only") << QStringLiteral(" 31.230416 121.473701 ") << qint64(31230416) << qint64(121473701)
                                << false;
    QTest::newRow("semicolon") << QStringLiteral("31.230416;121.473701") << qint64(31230416) << qint64(121473701)
                               << false;
    QTest::newRow("amap lng,lat") << QStringLiteral("121.473701,31.230416") << qint64(31230416) << qint64(121473701)
                                  << true;
    QTest::newRow("southern west") << QStringLiteral("-33.868820, -151.209296") << qint64(-33868820)
                                   << qint64(-151209296) << false;
    QTest::newRow("southern west lng first")
        << QStringLiteral("-151.209296 -33.868820") << qint64(-33868820) << qint64(-151209296) << true;
    QTest::newRow("ambiguous stays lat,lng")
        << QStringLiteral("40.1,80.2") << qint64(40100000) << qint64(80200000) << false;
}

void TestGeoCoordinate::parsePair_accepted()
{
    QFETCH(QString, text);
    QFETCH(qint64, latitude);
    QFETCH(qint64, longitude);
    QFETCH(bool, swapped);
    GeoCoordinate::PairError error = GeoCoordinate::PairError::NotAPair;
    const auto pair = GeoCoordinate::parsePair(text, &error);
    QVERIFY(pair.has_value());
    QCOMPARE(error, GeoCoordinate::PairError::None);
    QCOMPARE(pair->latitudeE6, latitude);
    QCOMPARE(pair->longitudeE6, longitude);
    QCOMPARE(pair->swapped, swapped);
}

void TestGeoCoordinate::parsePair_rejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<GeoCoordinate::PairError>("error");
    QTest::newRow("one number") << QStringLiteral("31.230416") << GeoCoordinate::PairError::NotAPair;
    QTest::newRow("three numbers") << QStringLiteral("1,2,3") << GeoCoordinate::PairError::NotAPair;
    QTest::newRow("double comma") << QStringLiteral("31.2,,121.4") << GeoCoordinate::PairError::NotAPair;
    QTest::newRow("empty") << QString() << GeoCoordinate::PairError::NotAPair;
    QTest::newRow("words") << QStringLiteral("上海 人民广场") << GeoCoordinate::PairError::NotANumber;
    QTest::newRow("url") << QStringLiteral("https://uri.amap.com/marker?position=121.4,31.2")
                         << GeoCoordinate::PairError::NotANumber;
    QTest::newRow("lat out of range") << QStringLiteral("91.0,100.0") << GeoCoordinate::PairError::LatitudeOutOfRange;
    QTest::newRow("lng out of range") << QStringLiteral("31.0,181.0") << GeoCoordinate::PairError::LongitudeOutOfRange;
    QTest::newRow("both too big") << QStringLiteral("200,300") << GeoCoordinate::PairError::LatitudeOutOfRange;
}

void TestGeoCoordinate::parsePair_rejected()
{
    QFETCH(QString, text);
    QFETCH(GeoCoordinate::PairError, error);
    GeoCoordinate::PairError actual = GeoCoordinate::PairError::None;
    QVERIFY(!GeoCoordinate::parsePair(text, &actual).has_value());
    QCOMPARE(actual, error);
}

QTEST_APPLESS_MAIN(TestGeoCoordinate)
#include "tst_geocoordinate.moc"
