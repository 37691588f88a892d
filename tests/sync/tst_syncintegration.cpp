// The real desktop sync code (CacheStore, SyncClient, ShopService over SQLCipher caches) against a real syncserver
// process. This executable links the desktop core and no SQL driver of Qt's: the server runs as its own process.
#include "ShopService.h"
#include "SyncFixture.h"
#include "xiaodian/sync/Protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace xd;

namespace {

// One desktop: its encrypted cache, its sync client and its shop service.
struct Desktop : test::SyncedDesktop
{
    std::unique_ptr<ShopService> shop;

    bool open(const QString& baseUrl, const QString& token, Role role)
    {
        if (!openSync(baseUrl, token))
            return false;
        shop = std::make_unique<ShopService>(*cache.store, role);
        return true;
    }

    // Every confirmed row of every entity, as text: two caches are equal when these are equal.
    QStringList snapshot() const
    {
        QStringList lines;
        for (const QString& entity : sync::entities()) {
            const auto rows = cache.store->rows(entity);
            if (!rows)
                return {QStringLiteral("error: ") + rows.error().message};
            for (const CachedRow& row : *rows)
                lines << QStringLiteral("%1/%2@%3 %4")
                             .arg(entity, row.id)
                             .arg(row.version)
                             .arg(QString::fromUtf8(QJsonDocument(row.data).toJson(QJsonDocument::Compact)));
        }
        lines.sort();
        return lines;
    }
};

} // namespace

class tst_SyncIntegration : public QObject, private test::SyncServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void twoDesktops_editOffline_reconnectInEitherOrder_converge_data();
    void twoDesktops_editOffline_reconnectInEitherOrder_converge();
    void serverKilledWhilePushing500_everyOperationAppliedExactlyOnce();
    void productEditedOnOneDesktop_appearsOnTheOther_andUsedCategoryCannotBeDeleted();
};

void tst_SyncIntegration::initTestCase()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
}

void tst_SyncIntegration::cleanupTestCase()
{
    m_server->stop();
}

void tst_SyncIntegration::twoDesktops_editOffline_reconnectInEitherOrder_converge_data()
{
    QTest::addColumn<bool>("firstReconnectsFirst");
    QTest::newRow("first, then second") << true;
    QTest::newRow("second, then first") << false;
}

void tst_SyncIntegration::twoDesktops_editOffline_reconnectInEitherOrder_converge()
{
    QFETCH(bool, firstReconnectsFirst);
    Desktop first, second;
    QVERIFY(first.open(m_server->baseUrl(), m_token, Role::Owner));
    QVERIFY(second.open(m_server->baseUrl(), m_token, Role::Owner));
    first.client->start();
    second.client->start();
    QVERIFY(first.waitSettled());
    QVERIFY(second.waitSettled());
    QCOMPARE(first.snapshot(), second.snapshot());

    // Both go offline and edit: some edits touch different fields, one field both.
    first.client->stop();
    second.client->stop();
    const QString tag = firstReconnectsFirst ? QStringLiteral("甲") : QStringLiteral("乙");
    QVERIFY(first.shop->updateProfile({{QStringLiteral("intro"), QStringLiteral("一号机写的介绍") + tag}}));
    QVERIFY(first.shop->updateProfile({{QStringLiteral("phones"), QJsonArray{QStringLiteral("021-11112222")}}}));
    QString newStaffId;
    QVERIFY(first.shop->addStaff(QStringLiteral("offline") +
                                     (firstReconnectsFirst ? QStringLiteral("a") : QStringLiteral("b")),
                                 QStringLiteral("离线新增"),
                                 Role::Clerk,
                                 QStringLiteral("offline-pass1"),
                                 &newStaffId));
    QVERIFY(second.shop->updateProfile({{QStringLiteral("intro"), QStringLiteral("二号机写的介绍") + tag}}));
    QVERIFY(second.shop->updateProfile({{QStringLiteral("address"), QStringLiteral("上海市静安区") + tag}}));
    QCOMPARE(first.client->pendingCount(), 3);
    QCOMPARE(second.client->pendingCount(), 2);
    // The optimistic views show each desktop's own edits before any server saw them.
    QCOMPARE(first.shop->shopProfile()->value(QStringLiteral("intro")).toString(),
             QStringLiteral("一号机写的介绍") + tag);
    QCOMPARE(second.shop->shopProfile()->value(QStringLiteral("intro")).toString(),
             QStringLiteral("二号机写的介绍") + tag);

    Desktop& early = firstReconnectsFirst ? first : second;
    Desktop& late = firstReconnectsFirst ? second : first;
    early.client->start();
    QVERIFY(early.waitSettled());
    late.client->start();
    QVERIFY(late.waitSettled());
    const qint64 finalVersion = serverVersion();
    QVERIFY(early.waitSettled(finalVersion)); // poked by the late pusher, pulled
    QVERIFY(late.waitSettled(finalVersion));

    // Identical caches, equal to what a fresh desktop pulls from the server.
    Desktop fresh;
    QVERIFY(fresh.open(m_server->baseUrl(), m_token, Role::Owner));
    fresh.client->start();
    QVERIFY(fresh.waitSettled(finalVersion));
    QCOMPARE(first.snapshot(), second.snapshot());
    QCOMPARE(first.snapshot(), fresh.snapshot());

    // The server applied every operation once; for the field both edited, the later push wins.
    const auto shop = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, m_token).json;
    const QString lateIntro =
        firstReconnectsFirst ? QStringLiteral("二号机写的介绍") : QStringLiteral("一号机写的介绍");
    QCOMPARE(shop.value(QStringLiteral("intro")).toString(), lateIntro + tag);
    QCOMPARE(shop.value(QStringLiteral("address")).toString(), QStringLiteral("上海市静安区") + tag);
    QCOMPARE(shop.value(QStringLiteral("phones")).toArray().at(0).toString(), QStringLiteral("021-11112222"));
    QCOMPARE(first.shop->shopProfile()->value(QStringLiteral("intro")).toString(), lateIntro + tag);
    const auto staff = first.shop->staff();
    QVERIFY(staff);
    bool found = false;
    for (const StaffMember& member : *staff)
        found |= member.id == newStaffId && member.confirmed && !member.pending;
    QVERIFY(found);
}

void tst_SyncIntegration::serverKilledWhilePushing500_everyOperationAppliedExactlyOnce()
{
    Desktop desktop;
    QVERIFY(desktop.open(m_server->baseUrl(), m_token, Role::Owner));
    desktop.client->start();
    QVERIFY(desktop.waitSettled());
    desktop.client->stop();

    // 500 operations made offline; each moves the shop's counter by exactly one when applied.
    constexpr int kOperations = 500;
    const qint64 before = serverVersion();
    for (int i = 0; i < kOperations; ++i)
        QVERIFY(desktop.shop->updateProfile({{QStringLiteral("intro"), QStringLiteral("第%1次修改").arg(i)}}));
    QCOMPARE(desktop.client->pendingCount(), kOperations);

    // Start pushing, and SIGKILL the server in the middle of it.
    desktop.client->start();
    QVERIFY(QTest::qWaitFor([&] { return desktop.client->pendingCount() < kOperations - 50; }, 30000));
    const quint16 port = m_server->port();
    m_server->kill();
    const int pendingAtKill = desktop.client->pendingCount();
    QVERIFY2(pendingAtKill > 0, "the kill came after the last push: nothing was tested");
    QVERIFY(QTest::qWaitFor(
        [&] {
            return desktop.client->state() != SyncClient::State::Online &&
                   desktop.client->state() != SyncClient::State::Syncing;
        },
        10000));

    // Restart on the same port and database (no --demo: that would end the sessions), let the client reconnect.
    QVERIFY2(m_server->start({}, port, ServerProcess::Demo::None), qPrintable(m_server->errorText()));
    QVERIFY(desktop.waitSettled(0, 60000));
    const qint64 after = serverVersion();
    QCOMPARE(after - before, qint64(kOperations)); // not one lost, not one twice
    QVERIFY(desktop.waitSettled(after));
    QCOMPARE(desktop.shop->shopProfile()->value(QStringLiteral("intro")).toString(),
             QStringLiteral("第%1次修改").arg(kOperations - 1));
    QCOMPARE(desktop.cache.store->lastMutationId(), desktop.cache.store->nextMutationId() - 1);
    qInfo("killed with %d of %d operations pending; all applied once after restart", pendingAtKill, kOperations);
}

void tst_SyncIntegration::productEditedOnOneDesktop_appearsOnTheOther_andUsedCategoryCannotBeDeleted()
{
    Desktop first, second;
    QVERIFY(first.open(m_server->baseUrl(), m_token, Role::Owner));
    QVERIFY(second.open(m_server->baseUrl(), m_token, Role::Owner));
    first.client->start();
    second.client->start();
    QVERIFY(first.waitSettled());
    QVERIFY(second.waitSettled());

    // The catalog editor arrives later; its operations already travel through the outbox like any other.
    const QString categoryId = Id::create();
    const QString productId = Id::create();
    const QString skuId = Id::create();
    auto product = [&](qint64 priceFen) {
        return QJsonObject{{QStringLiteral("id"), productId},
                           {QStringLiteral("name"), QStringLiteral("经典红茶拿铁")},
                           {QStringLiteral("categoryId"), categoryId},
                           {QStringLiteral("onShelf"), true},
                           {QStringLiteral("skus"),
                            QJsonArray{QJsonObject{{QStringLiteral("id"), skuId},
                                                   {QStringLiteral("specs"),
                                                    QJsonObject{{QStringLiteral("规格"), QStringLiteral("大杯")}}},
                                                   {QStringLiteral("priceFen"), priceFen},
                                                   {QStringLiteral("stock"), 10}}}}};
    };
    QVERIFY(first.cache.store->enqueue(QStringLiteral("category.save"),
                                       {{QStringLiteral("id"), categoryId},
                                        {QStringLiteral("name"), QStringLiteral("奶茶")},
                                        {QStringLiteral("position"), 1}}));
    QVERIFY(first.cache.store->enqueue(QStringLiteral("product.save"), product(1800)));
    QVERIFY(first.waitSettled(0));
    qint64 version = serverVersion();
    QVERIFY(second.waitSettled(version));
    auto seen = second.cache.store->row(QStringLiteral("product"), productId);
    QVERIFY(seen && seen->has_value());
    QCOMPARE((*seen)->data.value(QStringLiteral("name")).toString(), QStringLiteral("经典红茶拿铁"));
    QCOMPARE((*seen)->data.value(QStringLiteral("skus")).toArray().at(0)[QStringLiteral("priceFen")].toInteger(), 1800);
    QVERIFY(second.cache.store->row(QStringLiteral("category"), categoryId)->has_value());

    // An edit of the price on the first desktop reaches the second, to the fen.
    QVERIFY(first.cache.store->enqueue(QStringLiteral("product.save"), product(1750)));
    QVERIFY(first.waitSettled(0));
    version = serverVersion();
    QVERIFY(second.waitSettled(version));
    seen = second.cache.store->row(QStringLiteral("product"), productId);
    QCOMPARE((*seen)->data.value(QStringLiteral("skus")).toArray().at(0)[QStringLiteral("priceFen")].toInteger(), 1750);

    // Deleting the category while the product uses it is refused, with a reason the desktop keeps for the user.
    auto mid = first.cache.store->enqueue(QStringLiteral("category.delete"), {{QStringLiteral("id"), categoryId}});
    QVERIFY(mid);
    QVERIFY(QTest::qWaitFor([&] { return first.cache.store->rejectedCount() == 1; }, 20000));
    const auto rejected = first.cache.store->rejectedOperations();
    QVERIFY(rejected && rejected->size() == 1);
    QCOMPARE(rejected->at(0).rejectCode, QStringLiteral("conflict"));
    QVERIFY(!rejected->at(0).rejectMessage.isEmpty());
    QVERIFY(second.cache.store->row(QStringLiteral("category"), categoryId)->has_value());
}

QTEST_GUILESS_MAIN(tst_SyncIntegration)
#include "tst_syncintegration.moc"
