#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/Result.h"
#include "xiaodian/db/DatabaseSettings.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QUuid>

#include <limits>

using namespace xd;

class tst_Core : public QObject
{
    Q_OBJECT

private slots:
    void result_holdsValueOrError();
    void errorCodeName_isStableSnakeCase();
    void id_isVersion7_unique_andTimeOrdered();
    void id_isValid_rejectsMalformed_data();
    void id_isValid_rejectsMalformed();
    void manualClock_movesOnlyWhenTold();
    void json_parseObject_rejectsMalformedBodies_data();
    void json_parseObject_rejectsMalformedBodies();
    void json_fieldReaders_checkTypesAndRange();
    void json_wholeNumber_isIntegralAndInRange();
    void json_errorBody_hasCodeAndMessage();
    void databaseSettings_fromUrl_data();
    void databaseSettings_fromUrl();
    void databaseSettings_badUrl_isRejected();
};

void tst_Core::result_holdsValueOrError()
{
    Result<int> good = 42;
    QVERIFY(good.ok());
    QCOMPARE(*good, 42);
    QCOMPARE(good.valueOr(7), 42);

    Result<int> bad = makeError(ErrorCode::NotFound, QStringLiteral("no such shop"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::NotFound);
    QCOMPARE(bad.valueOr(7), 7);
    QCOMPARE(bad.error().toString(), QStringLiteral("not_found: no such shop"));

    Status done;
    QVERIFY(done.ok());
    Status failed = makeError(ErrorCode::Conflict, QStringLiteral("x"));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::Conflict);
}

void tst_Core::errorCodeName_isStableSnakeCase()
{
    // These names are API: clients branch on them. Changing one is a breaking change.
    QCOMPARE(errorCodeName(ErrorCode::InvalidArgument), QStringLiteral("invalid_argument"));
    QCOMPARE(errorCodeName(ErrorCode::OutOfStock), QStringLiteral("out_of_stock"));
    QCOMPARE(errorCodeName(ErrorCode::WrongKey), QStringLiteral("wrong_key"));
    QCOMPARE(errorCodeName(ErrorCode::SchemaTooNew), QStringLiteral("schema_too_new"));
    QSet<QString> seen;
    for (int c = int(ErrorCode::InvalidArgument); c <= int(ErrorCode::Internal); ++c) {
        const QString name = errorCodeName(ErrorCode(c));
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
        QVERIFY(QRegularExpression(QStringLiteral("^[a-z]+(_[a-z]+)*$")).match(name).hasMatch());
    }
}

void tst_Core::id_isVersion7_unique_andTimeOrdered()
{
    ManualClock clock(1'700'000'000'000);
    QSet<QString> ids;
    QString previous;
    for (int i = 0; i < 1000; ++i) {
        clock.advanceMs(1);
        const QString id = Id::create(clock);
        QVERIFY2(Id::isValid(id), qPrintable(id));
        // Qt 6.4's QUuid::version() knows versions 1-5 only, so read the nibbles: version 7, RFC variant.
        QCOMPARE(id.at(14), QLatin1Char('7'));
        QVERIFY(QStringLiteral("89ab").contains(id.at(19)));
        QVERIFY(!QUuid::fromString(id).isNull());
        QVERIFY2(id > previous, "ids from a later millisecond sort after earlier ones");
        QVERIFY(!ids.contains(id));
        ids.insert(id);
        previous = id;
    }
    // Ids made in the same millisecond still differ (74 random bits).
    QVERIFY(Id::create(clock) != Id::create(clock));
    // The timestamp is readable from the first 48 bits.
    const QString id = Id::create(clock);
    QCOMPARE(id.left(8) + id.mid(9, 4), QStringLiteral("%1").arg(clock.nowMs(), 12, 16, QLatin1Char('0')));
    QVERIFY(Id::isValid(Id::create()));
}

void tst_Core::id_isValid_rejectsMalformed_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("empty") << QString();
    QTest::newRow("braces") << QStringLiteral("{01890a5d-ac96-774b-bcce-b302099a8057}");
    QTest::newRow("uppercase") << QStringLiteral("01890A5D-AC96-774B-BCCE-B302099A8057");
    QTest::newRow("no dashes") << QStringLiteral("01890a5dac96774bbcceb302099a8057abcd");
    QTest::newRow("sql") << QStringLiteral("1' OR '1'='1");
    QTest::newRow("not hex") << QStringLiteral("01890a5d-ac96-774b-bcce-b302099a805z");
}

void tst_Core::id_isValid_rejectsMalformed()
{
    QFETCH(QString, id);
    QVERIFY(!Id::isValid(id));
}

void tst_Core::manualClock_movesOnlyWhenTold()
{
    ManualClock clock(1000);
    QCOMPARE(clock.nowMs(), qint64(1000));
    clock.advanceMs(500);
    QCOMPARE(clock.nowMs(), qint64(1500));
    clock.setNowMs(0);
    QCOMPARE(clock.nowUtc(), QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
    SystemClock system;
    QVERIFY(qAbs(system.nowMs() - QDateTime::currentMSecsSinceEpoch()) < 5000);
}

void tst_Core::json_parseObject_rejectsMalformedBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"a":)");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("string") << QByteArray(R"("x")");
    QTest::newRow("garbage") << QByteArray("\xff\xfe\x00", 3);
}

void tst_Core::json_parseObject_rejectsMalformedBodies()
{
    QFETCH(QByteArray, body);
    const auto parsed = Json::parseObject(body);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
}

void tst_Core::json_fieldReaders_checkTypesAndRange()
{
    const auto object =
        Json::parseObject(R"({"name":"红茶","qty":3,"half":1.5,"big":9007199254740993,"flag":true,"nothing":null})");
    QVERIFY(object);
    QCOMPARE(*Json::requireString(*object, QStringLiteral("name")), QStringLiteral("红茶"));
    QCOMPARE(*Json::requireInt64(*object, QStringLiteral("qty")), qint64(3));
    QCOMPARE(*Json::requireBool(*object, QStringLiteral("flag")), true);
    QCOMPARE(Json::requireInt64(*object, QStringLiteral("half")).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(Json::requireInt64(*object, QStringLiteral("big")).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(Json::requireInt64(*object, QStringLiteral("name")).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(Json::requireString(*object, QStringLiteral("qty")).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(Json::requireString(*object, QStringLiteral("missing")).error().code, ErrorCode::InvalidArgument);
    QVERIFY(
        Json::requireString(*object, QStringLiteral("missing")).error().message.contains(QStringLiteral("missing")));
    QCOMPARE(*Json::optionalString(*object, QStringLiteral("nothing"), QStringLiteral("d")), QStringLiteral("d"));
    QCOMPARE(*Json::optionalInt64(*object, QStringLiteral("missing"), 9), qint64(9));
    QCOMPARE(Json::optionalInt64(*object, QStringLiteral("flag")).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(Json::toBytes(QJsonObject{{QStringLiteral("a"), 1}}), QByteArray(R"({"a":1})"));
}

void tst_Core::json_wholeNumber_isIntegralAndInRange()
{
    QCOMPARE(Json::wholeNumber(QJsonValue(3), 1, 5), std::optional<qint64>(3));
    QCOMPARE(Json::wholeNumber(QJsonValue(1), 1, 5), std::optional<qint64>(1)); // both ends are inside
    QCOMPARE(Json::wholeNumber(QJsonValue(5), 1, 5), std::optional<qint64>(5));
    QCOMPARE(Json::wholeNumber(QJsonValue(3.0), 1, 5), std::optional<qint64>(3)); // a double without a fraction
    QVERIFY(!Json::wholeNumber(QJsonValue(0), 1, 5));
    QVERIFY(!Json::wholeNumber(QJsonValue(6), 1, 5));
    QVERIFY(!Json::wholeNumber(QJsonValue(2.5), 1, 5));
    QVERIFY(!Json::wholeNumber(QJsonValue(QStringLiteral("3")), 1, 5));
    QVERIFY(!Json::wholeNumber(QJsonValue(true), 0, 5));
    QVERIFY(!Json::wholeNumber(QJsonValue(), 0, 5));
    // Far outside any integer type: refused, never cast (the old checks cast first, which is undefined).
    QVERIFY(!Json::wholeNumber(QJsonValue(1e300), 0, 5));
    QVERIFY(!Json::wholeNumber(QJsonValue(-1e300), -5, 5));
    QVERIFY(!Json::wholeNumber(QJsonValue(double(Json::MaxSafeInteger) + 2), 0, std::numeric_limits<qint64>::max()));
    QCOMPARE(Json::wholeNumber(QJsonValue(double(Json::MaxSafeInteger)), 0, Json::MaxSafeInteger),
             std::optional<qint64>(Json::MaxSafeInteger));
}

void tst_Core::json_errorBody_hasCodeAndMessage()
{
    const QJsonObject body = Json::errorBody(makeError(ErrorCode::OutOfStock, QStringLiteral("only 2 left")));
    QCOMPARE(body.value(QStringLiteral("error"))[QStringLiteral("code")].toString(), QStringLiteral("out_of_stock"));
    QCOMPARE(body.value(QStringLiteral("error"))[QStringLiteral("message")].toString(), QStringLiteral("only 2 left"));
}

void tst_Core::databaseSettings_fromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("pathOrDb");
    QTest::addColumn<QString>("redacted");
    QTest::newRow("sqlite absolute") << QStringLiteral("sqlite:///var/lib/xd/x.db") << int(db::Engine::Sqlite)
                                     << QStringLiteral("/var/lib/xd/x.db") << QStringLiteral("sqlite:/var/lib/xd/x.db");
    QTest::newRow("sqlite relative") << QStringLiteral("sqlite:data/x.db") << int(db::Engine::Sqlite)
                                     << QStringLiteral("data/x.db") << QStringLiteral("sqlite:data/x.db");
    QTest::newRow("sqlite memory") << QStringLiteral("sqlite::memory:") << int(db::Engine::Sqlite)
                                   << QStringLiteral(":memory:") << QStringLiteral("sqlite::memory:");
    QTest::newRow("postgres") << QStringLiteral("postgresql://xd:s3cret@127.0.0.1:5433/shop")
                              << int(db::Engine::Postgres) << QStringLiteral("shop")
                              << QStringLiteral("postgresql://xd:***@127.0.0.1:5433/shop");
}

void tst_Core::databaseSettings_fromUrl()
{
    QFETCH(QString, url);
    QFETCH(int, engine);
    QFETCH(QString, pathOrDb);
    QFETCH(QString, redacted);
    const auto settings = db::DatabaseSettings::fromUrl(url);
    QVERIFY2(settings, settings ? "" : qPrintable(settings.error().toString()));
    QCOMPARE(int(settings->engine), engine);
    QCOMPARE(settings->engine == db::Engine::Sqlite ? settings->sqlitePath : settings->databaseName, pathOrDb);
    QCOMPARE(settings->redactedUrl(), redacted);
    QVERIFY(!settings->redactedUrl().contains(QStringLiteral("s3cret")));
}

void tst_Core::databaseSettings_badUrl_isRejected()
{
    for (const QString& url : {QStringLiteral("mysql://x/y"),
                               QStringLiteral("sqlite:"),
                               QStringLiteral("postgresql://h:1/"),
                               QStringLiteral("nonsense")}) {
        const auto settings = db::DatabaseSettings::fromUrl(url);
        QVERIFY2(!settings, qPrintable(url));
        QCOMPARE(settings.error().code, ErrorCode::InvalidArgument);
    }
}

QTEST_GUILESS_MAIN(tst_Core)
#include "tst_core.moc"
