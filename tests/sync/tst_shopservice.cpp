#include "ShopService.h"
#include "TestCache.h"
#include "xiaodian/Id.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace xd;
using xd::test::TestCache;

namespace {

const QString kShopId = QStringLiteral("01938c1e-0000-7000-8000-000000000001");

sync::SyncRow shopRow(qint64 version, const QJsonObject& data)
{
    return sync::SyncRow{QStringLiteral("shop"), kShopId, version, false, data};
}

sync::SyncRow staffRow(const QString& id, qint64 version, const QString& login, const QString& role)
{
    return sync::SyncRow{QStringLiteral("staff"),
                         id,
                         version,
                         false,
                         QJsonObject{{QStringLiteral("login"), login},
                                     {QStringLiteral("displayName"), login},
                                     {QStringLiteral("role"), role},
                                     {QStringLiteral("disabled"), false}}};
}

sync::SyncRow photoRow(const QString& id, qint64 version, int position)
{
    return sync::SyncRow{QStringLiteral("shop_photo"),
                         id,
                         version,
                         false,
                         QJsonObject{{QStringLiteral("position"), position},
                                     {QStringLiteral("contentType"), QStringLiteral("image/png")},
                                     {QStringLiteral("width"), 100},
                                     {QStringLiteral("height"), 100}}};
}

sync::MutationResult accepted(qint64 mid)
{
    return sync::MutationResult{mid, sync::MutationResult::Status::Accepted, {}, {}};
}

} // namespace

class tst_ShopService final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void profile_pendingEditsShowOverConfirmed_andConvergeAfterAck();
    void profile_invalidInput_isRefusedLocally_data();
    void profile_invalidInput_isRefusedLocally();
    void profile_normalisesLikeTheServer();
    void clerk_cannotEnqueueOwnerOperations();
    void staff_pendingAddAndUpdate_showInTheList();
    void staff_cannotDemoteSelf_andLoginMustBeFree();
    void photos_pendingReorderAndRemove_apply();
    void retryRejected_needsPasswordAgain();
    void acknowledgedEdit_staysInTheView_untilAPullBringsIt();

private:
    std::unique_ptr<TestCache> m_cache;
    QString m_ownerId;
};

void tst_ShopService::init()
{
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
    m_ownerId = Id::create();
    QVERIFY(m_cache->store->applyPullPage({shopRow(1,
                                                   {{QStringLiteral("name"), QStringLiteral("小店")},
                                                    {QStringLiteral("intro"), QStringLiteral("old")},
                                                    {QStringLiteral("address"), QStringLiteral("上海")}}),
                                           staffRow(m_ownerId, 1, QStringLiteral("owner"), QStringLiteral("owner"))},
                                          QStringLiteral("1.-1."),
                                          1,
                                          false));
}

// Review finding: the server answers push.result after its poke, so for a round trip (or, with the link down,
// for as long as it stays down) the accepted edit was neither pending nor pulled, and the view showed the old value.
void tst_ShopService::acknowledgedEdit_staysInTheView_untilAPullBringsIt()
{
    ShopService service(*m_cache->store, Role::Owner);
    QVERIFY(service.updateProfile({{QStringLiteral("intro"), QStringLiteral("edited")}}));
    QVERIFY(m_cache->store->applyPushResults({accepted(1)}, 1));
    QCOMPARE(m_cache->store->pendingCount(), 0);       // nothing left to send
    QVERIFY(service.pendingProfileFields().isEmpty()); // and nothing shown as unsynced
    QCOMPARE(service.shopProfile()->value(QStringLiteral("intro")).toString(),
             QStringLiteral("edited")); // no snap back
    QCOMPARE(m_cache->store->acknowledgedOperations()->size(), 1);

    // A page that is not the last one does not drop it yet; the completed pull does, and the view is the server's.
    QVERIFY(m_cache->store->applyPullPage({}, QStringLiteral("1.0.") + kShopId, 1, true));
    QCOMPARE(service.shopProfile()->value(QStringLiteral("intro")).toString(), QStringLiteral("edited"));
    QVERIFY(m_cache->store->applyPullPage(
        {shopRow(3,
                 {{QStringLiteral("name"), QStringLiteral("小店")},
                  {QStringLiteral("intro"), QStringLiteral("edited, then changed elsewhere")},
                  {QStringLiteral("address"), QStringLiteral("上海")}})},
        QStringLiteral("3.-1."),
        3,
        false));
    QVERIFY(m_cache->store->acknowledgedOperations()->isEmpty());
    QCOMPARE(service.shopProfile()->value(QStringLiteral("intro")).toString(),
             QStringLiteral("edited, then changed elsewhere"));
}

void tst_ShopService::cleanup()
{
    m_cache.reset();
}

void tst_ShopService::profile_pendingEditsShowOverConfirmed_andConvergeAfterAck()
{
    ShopService service(*m_cache->store, Role::Clerk);
    QSignalSpy changed(&service, &ShopService::shopChanged);
    QVERIFY(service.updateProfile({{QStringLiteral("intro"), QStringLiteral("first")}}));
    QVERIFY(service.updateProfile({{QStringLiteral("intro"), QStringLiteral("second")},
                                   {QStringLiteral("phones"), QJsonArray{QStringLiteral("13800138000")}}}));
    QVERIFY(changed.count() >= 2);
    QJsonObject profile = service.shopProfile().valueOr(QJsonObject());
    QCOMPARE(profile.value(QStringLiteral("id")).toString(), kShopId);
    QCOMPARE(profile.value(QStringLiteral("intro")).toString(), QStringLiteral("second")); // later mid wins
    QCOMPARE(profile.value(QStringLiteral("address")).toString(), QStringLiteral("上海")); // confirmed, untouched
    QCOMPARE(profile.value(QStringLiteral("phones")).toArray().size(), 1);
    QStringList fields = service.pendingProfileFields();
    fields.sort();
    QCOMPARE(fields, (QStringList{QStringLiteral("intro"), QStringLiteral("phones")}));

    // The server acknowledges the first; its pull shows the first applied: the second still shows on top.
    QVERIFY(m_cache->store->applyPushResults({accepted(1)}, 1));
    QVERIFY(m_cache->store->applyPullPage({shopRow(2,
                                                   {{QStringLiteral("name"), QStringLiteral("小店")},
                                                    {QStringLiteral("intro"), QStringLiteral("first")},
                                                    {QStringLiteral("address"), QStringLiteral("上海")}})},
                                          QStringLiteral("2.-1."),
                                          2,
                                          false));
    QCOMPARE(service.shopProfile()->value(QStringLiteral("intro")).toString(), QStringLiteral("second"));

    // Both acknowledged and pulled: the view is the confirmed row.
    QVERIFY(m_cache->store->applyPushResults({accepted(2)}, 2));
    const QJsonObject confirmed{{QStringLiteral("name"), QStringLiteral("小店")},
                                {QStringLiteral("intro"), QStringLiteral("second")},
                                {QStringLiteral("address"), QStringLiteral("上海")},
                                {QStringLiteral("phones"), QJsonArray{QStringLiteral("13800138000")}}};
    QVERIFY(m_cache->store->applyPullPage({shopRow(3, confirmed)}, QStringLiteral("3.-1."), 3, false));
    profile = service.shopProfile().valueOr(QJsonObject());
    profile.remove(QStringLiteral("id"));
    QCOMPARE(profile, confirmed);
    QVERIFY(service.pendingProfileFields().isEmpty());
}

void tst_ShopService::profile_invalidInput_isRefusedLocally_data()
{
    QTest::addColumn<QJsonObject>("changes");
    QTest::newRow("empty") << QJsonObject();
    QTest::newRow("unknown field") << QJsonObject{{QStringLiteral("balance"), 1}};
    QTest::newRow("empty name") << QJsonObject{{QStringLiteral("name"), QStringLiteral("   ")}};
    QTest::newRow("long name") << QJsonObject{{QStringLiteral("name"), QString(101, QLatin1Char('x'))}};
    QTest::newRow("long intro") << QJsonObject{{QStringLiteral("intro"), QString(5001, QLatin1Char('x'))}};
    QTest::newRow("bad phone") << QJsonObject{{QStringLiteral("phones"), QJsonArray{QStringLiteral("call me")}}};
    QTest::newRow("six phones") << QJsonObject{{QStringLiteral("phones"),
                                                QJsonArray{QStringLiteral("110"),
                                                           QStringLiteral("111"),
                                                           QStringLiteral("112"),
                                                           QStringLiteral("113"),
                                                           QStringLiteral("114"),
                                                           QStringLiteral("115")}}};
    QTest::newRow("latitude alone") << QJsonObject{{QStringLiteral("latitudeE6"), 31230416}};
    QTest::newRow("latitude out of range")
        << QJsonObject{{QStringLiteral("latitudeE6"), 91000000}, {QStringLiteral("longitudeE6"), 121473701}};
    QTest::newRow("bad opening hours") << QJsonObject{
        {QStringLiteral("openingHours"),
         QJsonArray{QJsonObject{{QStringLiteral("days"), QJsonArray{1, 1}},
                                {QStringLiteral("open"), QStringLiteral("09:00")},
                                {QStringLiteral("close"), QStringLiteral("18:00")}}}}};
    QTest::newRow("24:00") << QJsonObject{
        {QStringLiteral("openingHours"),
         QJsonArray{QJsonObject{{QStringLiteral("days"), QJsonArray{1}},
                                {QStringLiteral("open"), QStringLiteral("09:00")},
                                {QStringLiteral("close"), QStringLiteral("24:00")}}}}};
    QTest::newRow("greeting too long") << QJsonObject{
        {QStringLiteral("customerService"), QJsonObject{{QStringLiteral("greeting"), QString(201, QLatin1Char('x'))}}}};
}

void tst_ShopService::profile_invalidInput_isRefusedLocally()
{
    QFETCH(QJsonObject, changes);
    ShopService service(*m_cache->store, Role::Owner);
    const auto mid = service.updateProfile(changes);
    QVERIFY(!mid);
    QCOMPARE(mid.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!mid.error().message.isEmpty());
    QCOMPARE(m_cache->store->pendingCount(), 0);
}

void tst_ShopService::profile_normalisesLikeTheServer()
{
    ShopService service(*m_cache->store, Role::Owner);
    QVERIFY(
        service.updateProfile({{QStringLiteral("name"), QStringLiteral("  新名字 ")},
                               {QStringLiteral("customerService"), QJsonObject{{QStringLiteral("enabled"), true}}}}));
    const QJsonObject profile = service.shopProfile().valueOr(QJsonObject());
    QCOMPARE(profile.value(QStringLiteral("name")).toString(), QStringLiteral("新名字"));
    const QJsonObject service_ = profile.value(QStringLiteral("customerService")).toObject();
    QCOMPARE(service_.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(service_.value(QStringLiteral("greeting")).toString(), QString());
    QVERIFY(service_.contains(QStringLiteral("autoReply")));
}

void tst_ShopService::clerk_cannotEnqueueOwnerOperations()
{
    ShopService service(*m_cache->store, Role::Clerk);
    QVERIFY(!service.can(QStringLiteral("staff.add")));
    QVERIFY(service.can(QStringLiteral("shop.updateProfile")));
    const auto added = service.addStaff(QStringLiteral("li"), QString(), Role::Clerk, QStringLiteral("password-1"));
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::PermissionDenied);
    QCOMPARE(service.updateStaff(m_ownerId, {{QStringLiteral("displayName"), QStringLiteral("x")}}).error().code,
             ErrorCode::PermissionDenied);
    QCOMPARE(service.resetStaffPassword(m_ownerId, QStringLiteral("password-2")).error().code,
             ErrorCode::PermissionDenied);
    QCOMPARE(m_cache->store->pendingCount(), 0);
}

void tst_ShopService::staff_pendingAddAndUpdate_showInTheList()
{
    ShopService service(*m_cache->store, Role::Owner);
    QString newId;
    QVERIFY(service.addStaff(
        QStringLiteral("li"), QStringLiteral(" 小李 "), Role::Clerk, QStringLiteral("password-1"), &newId));
    QVERIFY(Id::isValid(newId));
    QVERIFY(service.updateStaff(newId, {{QStringLiteral("disabled"), true}}));
    auto list = service.staff();
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    const StaffMember added = list->at(1);
    QCOMPARE(added.id, newId);
    QCOMPARE(added.displayName, QStringLiteral("小李"));
    QCOMPARE(added.role, QStringLiteral("clerk"));
    QVERIFY(added.disabled);
    QVERIFY(added.pending);
    QVERIFY(!added.confirmed);
    QVERIFY(!list->at(0).pending);
    QVERIFY(list->at(0).confirmed);

    // Acknowledged and pulled: one confirmed row, nothing pending.
    QVERIFY(m_cache->store->applyPushResults({accepted(1), accepted(2)}, 2));
    sync::SyncRow row = staffRow(newId, 2, QStringLiteral("li"), QStringLiteral("clerk"));
    row.data.insert(QStringLiteral("displayName"), QStringLiteral("小李"));
    row.data.insert(QStringLiteral("disabled"), true);
    QVERIFY(m_cache->store->applyPullPage({row}, QStringLiteral("2.-1."), 2, false));
    list = service.staff();
    QCOMPARE(list->size(), 2);
    QVERIFY(std::none_of(list->cbegin(), list->cend(), [](const StaffMember& m) { return m.pending; }));
}

void tst_ShopService::staff_cannotDemoteSelf_andLoginMustBeFree()
{
    ShopService service(*m_cache->store, Role::Owner);
    service.setIdentity(Role::Owner, m_ownerId);
    const auto demoted = service.updateStaff(m_ownerId, {{QStringLiteral("role"), QStringLiteral("clerk")}});
    QVERIFY(!demoted);
    QCOMPARE(demoted.error().code, ErrorCode::Conflict);
    const auto taken = service.addStaff(QStringLiteral("owner"), QString(), Role::Clerk, QStringLiteral("password-1"));
    QVERIFY(!taken);
    QCOMPARE(taken.error().code, ErrorCode::AlreadyExists);
    QCOMPARE(service.addStaff(QStringLiteral("bad login!"), QString(), Role::Clerk, QStringLiteral("password-1"))
                 .error()
                 .code,
             ErrorCode::InvalidArgument);
    QCOMPARE(service.addStaff(QStringLiteral("li"), QString(), Role::Clerk, QStringLiteral("short")).error().code,
             ErrorCode::InvalidArgument);
    QCOMPARE(service.updateStaff(Id::create(), {{QStringLiteral("disabled"), true}}).error().code, ErrorCode::NotFound);
    QCOMPARE(m_cache->store->pendingCount(), 0);
}

void tst_ShopService::photos_pendingReorderAndRemove_apply()
{
    const QString a = Id::create();
    const QString b = Id::create();
    const QString c = Id::create();
    QVERIFY(m_cache->store->applyPullPage(
        {photoRow(a, 2, 1), photoRow(b, 2, 2), photoRow(c, 2, 3)}, QStringLiteral("2.-1."), 2, false));
    ShopService service(*m_cache->store, Role::Clerk);
    QVERIFY(service.reorderPhotos({c, a, b}));
    auto ids = [&] {
        QStringList list;
        for (const ShopPhoto& photo : service.photos().valueOr(QList<ShopPhoto>()))
            list << photo.id;
        return list;
    };
    QCOMPARE(ids(), (QStringList{c, a, b}));
    QVERIFY(service.removePhoto(a));
    QCOMPARE(ids(), (QStringList{c, b}));
    // The next reorder must name exactly what the view shows.
    QCOMPARE(service.reorderPhotos({a, b, c}).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(service.removePhoto(a).error().code, ErrorCode::NotFound);
    QVERIFY(service.reorderPhotos({b, c}));
    QCOMPARE(ids(), (QStringList{b, c}));
}

void tst_ShopService::retryRejected_needsPasswordAgain()
{
    ShopService service(*m_cache->store, Role::Owner);
    QVERIFY(service.resetStaffPassword(m_ownerId, QStringLiteral("password-1")));
    QVERIFY(m_cache->store->applyPushResults(
        {sync::MutationResult{
            1, sync::MutationResult::Status::Rejected, QStringLiteral("internal"), QStringLiteral("x")}},
        1));
    QCOMPARE(service.rejectedOperations().size(), 1);
    QCOMPARE(service.retryRejected(1).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(service.retryRejected(99).error().code, ErrorCode::NotFound);
    auto mid = service.retryRejected(1, {{QStringLiteral("password"), QStringLiteral("password-2")}});
    QVERIFY(mid);
    QCOMPARE(*mid, 2);
    QCOMPARE(service.rejectedOperations().size(), 0);
    QCOMPARE(m_cache->store->pendingCount(), 1);
}

QTEST_GUILESS_MAIN(tst_ShopService)
#include "tst_shopservice.moc"
