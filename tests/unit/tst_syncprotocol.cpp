#include "xiaodian/Permissions.h"
#include "xiaodian/sync/Protocol.h"

#include <QTest>

using namespace xd;
using namespace xd::sync;

class tst_SyncProtocol : public QObject
{
    Q_OBJECT

private slots:
    void cursor_roundTrips_data();
    void cursor_roundTrips();
    void cursor_malformed_isRejected_data();
    void cursor_malformed_isRejected();
    void cursor_orderMatchesPullOrder();
    void mutation_fromJson_validates();
    void mutationResult_roundTrips();
    void syncRow_tombstoneHasNoData();
    void permissions_clerkCannotTouchStaff_unknownIsDenied();
};

void tst_SyncProtocol::cursor_roundTrips_data()
{
    QTest::addColumn<qint64>("version");
    QTest::addColumn<int>("entity");
    QTest::addColumn<QString>("id");
    QTest::newRow("start") << qint64(0) << -1 << QString();
    QTest::newRow("whole version") << qint64(42) << -1 << QString();
    QTest::newRow("mid version") << qint64(42) << 1 << QStringLiteral("01938c1e-0000-7000-8000-000000000001");
}

void tst_SyncProtocol::cursor_roundTrips()
{
    QFETCH(qint64, version);
    QFETCH(int, entity);
    QFETCH(QString, id);
    const Cursor cursor{version, entity, id};
    auto decoded = Cursor::decode(cursor.encode());
    QVERIFY(decoded);
    QCOMPARE(decoded->version, version);
    QCOMPARE(decoded->entity, entity);
    QCOMPARE(decoded->id, id);
}

void tst_SyncProtocol::cursor_malformed_isRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("garbage") << QStringLiteral("garbage");
    QTest::newRow("one dot") << QStringLiteral("5.1");
    QTest::newRow("negative version") << QStringLiteral("-5.-1.");
    QTest::newRow("entity out of range") << QStringLiteral("5.99.x");
    QTest::newRow("entity without id") << QStringLiteral("5.1.");
    QTest::newRow("not a number") << QStringLiteral("five.-1.");
    QTest::newRow("long id") << QStringLiteral("5.1.") + QString(100, QLatin1Char('a'));
}

void tst_SyncProtocol::cursor_malformed_isRejected()
{
    QFETCH(QString, text);
    auto decoded = Cursor::decode(text);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, ErrorCode::InvalidArgument);
}

void tst_SyncProtocol::cursor_orderMatchesPullOrder()
{
    const Cursor middle{10, 1, QStringLiteral("m")};
    QVERIFY(!middle.precedes(9, 2, QStringLiteral("z")));  // older version
    QVERIFY(!middle.precedes(10, 0, QStringLiteral("z"))); // same version, earlier entity
    QVERIFY(!middle.precedes(10, 1, QStringLiteral("a"))); // same entity, earlier id
    QVERIFY(!middle.precedes(10, 1, QStringLiteral("m"))); // the row itself
    QVERIFY(middle.precedes(10, 1, QStringLiteral("n")));
    QVERIFY(middle.precedes(10, 2, QStringLiteral("a")));
    QVERIFY(middle.precedes(11, 0, QStringLiteral("a")));
    const Cursor whole{10, -1, QString()};
    QVERIFY(!whole.precedes(10, 2, QStringLiteral("z")));
    QVERIFY(whole.precedes(11, 0, QStringLiteral("a")));
    QCOMPARE(entityOrder(QStringLiteral("shop")), 0);
    QCOMPARE(entityOrder(QStringLiteral("nope")), -1);
}

void tst_SyncProtocol::mutation_fromJson_validates()
{
    auto good = Mutation::fromJson(QJsonObject{{QStringLiteral("mid"), 3},
                                               {QStringLiteral("name"), QStringLiteral("shop.updateProfile")},
                                               {QStringLiteral("args"), QJsonObject{{QStringLiteral("intro"), 1}}}});
    QVERIFY(good);
    QCOMPARE(good->mid, 3);
    QCOMPARE(good->toJson().value(QStringLiteral("name")).toString(), QStringLiteral("shop.updateProfile"));
    QVERIFY(
        !Mutation::fromJson(QJsonObject{{QStringLiteral("mid"), 0}, {QStringLiteral("name"), QStringLiteral("x")}}));
    QVERIFY(
        !Mutation::fromJson(QJsonObject{{QStringLiteral("mid"), 1.5}, {QStringLiteral("name"), QStringLiteral("x")}}));
    QVERIFY(!Mutation::fromJson(QJsonObject{{QStringLiteral("mid"), 1}}));
    QVERIFY(!Mutation::fromJson(QJsonObject{
        {QStringLiteral("mid"), 1}, {QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("args"), 5}}));
}

void tst_SyncProtocol::mutationResult_roundTrips()
{
    const MutationResult rejected{
        7, MutationResult::Status::Rejected, QStringLiteral("permission_denied"), QStringLiteral("no")};
    auto back = MutationResult::fromJson(rejected.toJson());
    QVERIFY(back);
    QCOMPARE(back->status, MutationResult::Status::Rejected);
    QCOMPARE(back->code, QStringLiteral("permission_denied"));
    QVERIFY(!MutationResult::fromJson(
        QJsonObject{{QStringLiteral("mid"), 1}, {QStringLiteral("status"), QStringLiteral("maybe")}}));
}

void tst_SyncProtocol::syncRow_tombstoneHasNoData()
{
    const SyncRow tombstone{QStringLiteral("staff"), QStringLiteral("x"), 5, true, {}};
    QVERIFY(!tombstone.toJson().contains(QStringLiteral("data")));
    QVERIFY(SyncRow::fromJson(tombstone.toJson()));
    QJsonObject live =
        SyncRow{QStringLiteral("staff"), QStringLiteral("y"), 6, false, {{QStringLiteral("a"), 1}}}.toJson();
    QVERIFY(SyncRow::fromJson(live));
    live.remove(QStringLiteral("data"));
    QVERIFY(!SyncRow::fromJson(live));
}

void tst_SyncProtocol::permissions_clerkCannotTouchStaff_unknownIsDenied()
{
    for (const char* operation : {"staff.add", "staff.update", "staff.resetPassword", "shopWechat.update"}) {
        QVERIFY(isAllowed(Role::Owner, QLatin1String(operation)));
        QVERIFY2(!isAllowed(Role::Clerk, QLatin1String(operation)), operation);
    }
    // Money out and the order settings (fees) are the owner's; the daily order work is everyone's.
    for (const char* operation : {"order.refund", "order.rejectRefund", "orderSettings.update"}) {
        QVERIFY(isAllowed(Role::Owner, QLatin1String(operation)));
        QVERIFY2(!isAllowed(Role::Clerk, QLatin1String(operation)), operation);
    }
    for (const char* operation : {"order.accept", "order.ship", "order.complete", "order.cancel", "order.remark"})
        QVERIFY2(isAllowed(Role::Clerk, QLatin1String(operation)), operation);
    QVERIFY(isAllowed(Role::Clerk, QStringLiteral("shop.updateProfile")));
    QVERIFY(!isAllowed(Role::Owner, QStringLiteral("shop.dropEverything")));
    Role role = Role::Owner;
    QVERIFY(parseRole(QStringLiteral("clerk"), &role));
    QCOMPARE(role, Role::Clerk);
    QVERIFY(!parseRole(QStringLiteral("admin"), &role));
    QCOMPARE(roleName(Role::Owner), QStringLiteral("owner"));
}

QTEST_GUILESS_MAIN(tst_SyncProtocol)
#include "tst_syncprotocol.moc"
