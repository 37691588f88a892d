// OrderSettingsService over a real SQLCipher cache: defaults without a row, the confirmed row with queued updates
// merged on top (the server's merge order), checks with the shared rules before anything is queued, clerks refused.
#include "OrderSettingsService.h"
#include "TestCache.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace xd;
using xd::test::TestCache;

namespace {

const QString kShopId = QStringLiteral("01938c1e-0000-7000-8000-000000000001");

sync::SyncRow settingsRow(qint64 version, const OrderSettings& settings)
{
    return sync::SyncRow{CacheStore::OrderSettingsEntity, kShopId, version, false, settings.toJson()};
}

QJsonArray oneTextField(const QString& label)
{
    return QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("slot")},
                                  {QStringLiteral("label"), label},
                                  {QStringLiteral("type"), QStringLiteral("text")},
                                  {QStringLiteral("required"), true}}};
}

} // namespace

class tst_OrderSettingsService final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void noRow_showsDefaults();
    void confirmedRow_isRead_andPendingUpdatesMergeInMidOrder();
    void update_queuesOnlyTheChangedFields_normalised();
    void update_invalidInput_isRefused_andNothingQueued_data();
    void update_invalidInput_isRefused_andNothingQueued();
    void clerk_cannotQueue();
    void acknowledgedUpdate_staysInTheView_untilThePullBringsIt();
    void pendingUpdateBrokenByANewerRow_isLeftOutOfTheView();
    void signals_fireForTheEntityAndTheOutbox();
    void retryRejected_queuesWhatStillDiffers_andDiscardsTheOld();

private:
    std::unique_ptr<TestCache> m_cache;
};

void tst_OrderSettingsService::init()
{
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
}

void tst_OrderSettingsService::cleanup()
{
    m_cache.reset();
}

void tst_OrderSettingsService::noRow_showsDefaults()
{
    OrderSettingsService service(*m_cache->store, Role::Owner);
    QVERIFY(!service.hasConfirmedRow());
    auto settings = service.settings();
    QVERIFY(settings);
    QCOMPARE(*settings, OrderSettings{});
    QVERIFY(service.canEdit());
    QVERIFY(service.pendingFields().isEmpty());
}

void tst_OrderSettingsService::confirmedRow_isRead_andPendingUpdatesMergeInMidOrder()
{
    OrderSettings confirmed;
    confirmed.pickupEnabled = true;
    confirmed.pickupAddress = QStringLiteral("南京西路 1 号");
    confirmed.deliveryFeeFen = 800;
    confirmed.customFields = oneTextField(QStringLiteral("配送时间段"));
    QVERIFY(m_cache->store->applyPullPage({settingsRow(5, confirmed)}, QStringLiteral("c1"), 5, false));

    OrderSettingsService service(*m_cache->store, Role::Owner);
    QVERIFY(service.hasConfirmedRow());
    auto settings = service.settings();
    QVERIFY(settings);
    QCOMPARE(settings->deliveryFeeFen, qint64(800));
    QCOMPARE(settings->pickupAddress, QStringLiteral("南京西路 1 号"));
    QCOMPARE(settings->customFields.size(), 1);

    // Two queued updates: the later one wins for the field both touch; untouched fields stay confirmed.
    QVERIFY(service.update({{QStringLiteral("deliveryFeeFen"), 500}, {QStringLiteral("codEnabled"), true}}));
    QVERIFY(service.update({{QStringLiteral("deliveryFeeFen"), 600}}));
    settings = service.settings();
    QVERIFY(settings);
    QCOMPARE(settings->deliveryFeeFen, qint64(600));
    QCOMPARE(settings->codEnabled, true);
    QCOMPARE(settings->pickupAddress, QStringLiteral("南京西路 1 号"));
    QStringList pending = service.pendingFields();
    pending.sort();
    QCOMPARE(pending, (QStringList{QStringLiteral("codEnabled"), QStringLiteral("deliveryFeeFen")}));
}

void tst_OrderSettingsService::update_queuesOnlyTheChangedFields_normalised()
{
    OrderSettingsService service(*m_cache->store, Role::Owner);
    // deliveryEnabled is already true (a default): not sent. The phone is normalised as the server stores it.
    auto mid = service.update({{QStringLiteral("deliveryEnabled"), true},
                               {QStringLiteral("smsMerchantNewOrder"), true},
                               {QStringLiteral("merchantPhone"), QStringLiteral("+86 138-0013-8000")},
                               {QStringLiteral("customFields"),
                                QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("invoice")},
                                                       {QStringLiteral("label"), QStringLiteral("  发票抬头 ")},
                                                       {QStringLiteral("type"), QStringLiteral("text")}}}}});
    QVERIFY2(mid, mid ? "" : qPrintable(mid.error().message));
    auto pending = m_cache->store->pendingOperations();
    QVERIFY(pending);
    QCOMPARE(pending->size(), 1);
    const OutboxEntry& entry = pending->constFirst();
    QCOMPARE(entry.mid, *mid);
    QCOMPARE(entry.name, QStringLiteral("orderSettings.update"));
    QStringList keys = entry.args.keys();
    QCOMPARE(keys,
             (QStringList{QStringLiteral("customFields"),
                          QStringLiteral("merchantPhone"),
                          QStringLiteral("smsMerchantNewOrder")}));
    QCOMPARE(entry.args.value(QStringLiteral("merchantPhone")).toString(), QStringLiteral("13800138000"));
    const QJsonObject field = entry.args.value(QStringLiteral("customFields")).toArray().first().toObject();
    QCOMPARE(field.value(QStringLiteral("label")).toString(), QStringLiteral("发票抬头"));
    QCOMPARE(field.value(QStringLiteral("required")).toBool(true), false);

    // The same again changes nothing: refused, nothing queued.
    auto again = service.update({{QStringLiteral("merchantPhone"), QStringLiteral("13800138000")}});
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(m_cache->store->pendingCount(), 1);
}

void tst_OrderSettingsService::update_invalidInput_isRefused_andNothingQueued_data()
{
    QTest::addColumn<QJsonObject>("changes");
    QTest::newRow("no fulfilment mode") << QJsonObject{{QStringLiteral("deliveryEnabled"), false}};
    QTest::newRow("pickup without address") << QJsonObject{{QStringLiteral("pickupEnabled"), true}};
    QTest::newRow("negative fee") << QJsonObject{{QStringLiteral("deliveryFeeFen"), -1}};
    QTest::newRow("fee too high") << QJsonObject{{QStringLiteral("deliveryFeeFen"), 1'000'001}};
    QTest::newRow("fee as yuan text") << QJsonObject{{QStringLiteral("deliveryFeeFen"), QStringLiteral("5.00")}};
    QTest::newRow("fractional fen") << QJsonObject{{QStringLiteral("deliveryFeeFen"), 5.5}};
    QTest::newRow("close unpaid 0") << QJsonObject{{QStringLiteral("closeUnpaidMinutes"), 0}};
    QTest::newRow("auto complete 31") << QJsonObject{{QStringLiteral("autoCompleteDays"), 31}};
    QTest::newRow("sms without phone") << QJsonObject{{QStringLiteral("smsMerchantNewOrder"), true}};
    QTest::newRow("landline") << QJsonObject{{QStringLiteral("merchantPhone"), QStringLiteral("021-63212345")}};
    QTest::newRow("unknown field") << QJsonObject{{QStringLiteral("deliveryFee"), 500}};
    QTest::newRow("choice with one option")
        << QJsonObject{{QStringLiteral("customFields"),
                        QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("slot")},
                                               {QStringLiteral("label"), QStringLiteral("时间段")},
                                               {QStringLiteral("type"), QStringLiteral("single_choice")},
                                               {QStringLiteral("options"), QJsonArray{QStringLiteral("上午")}}}}}};
    QTest::newRow("duplicate field ids") << QJsonObject{
        {QStringLiteral("customFields"),
         QJsonArray{oneTextField(QStringLiteral("a")).first(), oneTextField(QStringLiteral("b")).first()}}};
}

void tst_OrderSettingsService::update_invalidInput_isRefused_andNothingQueued()
{
    QFETCH(QJsonObject, changes);
    OrderSettingsService service(*m_cache->store, Role::Owner);
    QVERIFY(!service.check(changes));
    auto mid = service.update(changes);
    QVERIFY(!mid);
    QCOMPARE(mid.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!mid.error().message.isEmpty());
    QCOMPARE(m_cache->store->pendingCount(), 0);
    QCOMPARE(*service.settings(), OrderSettings{});
}

void tst_OrderSettingsService::clerk_cannotQueue()
{
    OrderSettingsService service(*m_cache->store, Role::Clerk);
    QVERIFY(!service.canEdit());
    auto mid = service.update({{QStringLiteral("deliveryFeeFen"), 500}});
    QVERIFY(!mid);
    QCOMPARE(mid.error().code, ErrorCode::PermissionDenied);
    QCOMPARE(m_cache->store->pendingCount(), 0);
    QVERIFY(service.settings()); // reading is fine
    service.setRole(Role::Owner);
    QVERIFY(service.update({{QStringLiteral("deliveryFeeFen"), 500}}));
}

void tst_OrderSettingsService::acknowledgedUpdate_staysInTheView_untilThePullBringsIt()
{
    OrderSettingsService service(*m_cache->store, Role::Owner);
    auto mid = service.update({{QStringLiteral("deliveryFeeFen"), 700}});
    QVERIFY(mid);
    QVERIFY(m_cache->store->applyPushResults(
        {sync::MutationResult{*mid, sync::MutationResult::Status::Accepted, {}, {}}}, *mid));
    QCOMPARE(m_cache->store->pendingCount(), 0);
    QCOMPARE(service.settings()->deliveryFeeFen, qint64(700)); // acknowledged, not yet pulled: still shown
    QVERIFY(service.pendingFields().isEmpty());
    OrderSettings pulled;
    pulled.deliveryFeeFen = 700;
    QVERIFY(m_cache->store->applyPullPage({settingsRow(9, pulled)}, QStringLiteral("c2"), 9, false));
    QCOMPARE(*service.settings(), pulled);
}

void tst_OrderSettingsService::pendingUpdateBrokenByANewerRow_isLeftOutOfTheView()
{
    // This desktop turns off delivery while pickup is on; another desktop meanwhile turned pickup off. Merged, no
    // mode is left: the server will reject the update, and the view shows the confirmed row without it.
    OrderSettings both;
    both.pickupEnabled = true;
    both.pickupAddress = QStringLiteral("门店");
    QVERIFY(m_cache->store->applyPullPage({settingsRow(3, both)}, QStringLiteral("c1"), 3, false));
    OrderSettingsService service(*m_cache->store, Role::Owner);
    QVERIFY(service.update({{QStringLiteral("deliveryEnabled"), false}}));
    QCOMPARE(service.settings()->deliveryEnabled, false);
    OrderSettings deliveryOnly;
    QVERIFY(m_cache->store->applyPullPage({settingsRow(4, deliveryOnly)}, QStringLiteral("c2"), 4, false));
    auto view = service.settings();
    QVERIFY(view);
    QCOMPARE(*view, deliveryOnly);
}

void tst_OrderSettingsService::signals_fireForTheEntityAndTheOutbox()
{
    OrderSettingsService service(*m_cache->store, Role::Owner);
    QSignalSpy spy(&service, &OrderSettingsService::settingsChanged);
    QVERIFY(service.update({{QStringLiteral("codEnabled"), true}}));
    QVERIFY(spy.size() >= 1);
    spy.clear();
    QVERIFY(m_cache->store->applyPullPage({settingsRow(2, OrderSettings{})}, QStringLiteral("c1"), 2, false));
    QVERIFY(spy.size() >= 1);
}

void tst_OrderSettingsService::retryRejected_queuesWhatStillDiffers_andDiscardsTheOld()
{
    OrderSettingsService service(*m_cache->store, Role::Owner);
    auto first = service.update({{QStringLiteral("deliveryFeeFen"), 900}, {QStringLiteral("codEnabled"), true}});
    QVERIFY(first);
    QVERIFY(m_cache->store->applyPushResults(
        {sync::MutationResult{
            *first, sync::MutationResult::Status::Rejected, QStringLiteral("conflict"), QStringLiteral("busy")}},
        *first));
    QCOMPARE(m_cache->store->rejectedCount(), 1);
    QCOMPARE(service.settings()->deliveryFeeFen, qint64(0)); // a rejected change is not part of the view
    // Meanwhile the server's row already has cash on delivery: only the fee is sent again.
    OrderSettings confirmed;
    confirmed.codEnabled = true;
    QVERIFY(m_cache->store->applyPullPage({settingsRow(6, confirmed)}, QStringLiteral("c1"), 6, false));
    auto retried = service.retryRejected(*first);
    QVERIFY2(retried, retried ? "" : qPrintable(retried.error().message));
    QCOMPARE(m_cache->store->rejectedCount(), 0);
    auto pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->constFirst().args, (QJsonObject{{QStringLiteral("deliveryFeeFen"), 900}}));
    // Not a rejected orderSettings.update: NotFound, nothing changes.
    auto wrong = service.retryRejected(*retried);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::NotFound);
    QCOMPARE(m_cache->store->pendingCount(), 1);
}

QTEST_GUILESS_MAIN(tst_OrderSettingsService)
#include "tst_ordersettingsservice.moc"
