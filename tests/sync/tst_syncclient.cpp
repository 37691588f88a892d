#include "FakeSyncServer.h"
#include "ShopService.h"
#include "SyncClient.h"
#include "TcpProxy.h"
#include "TestCache.h"
#include "xiaodian/Id.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace xd;
using xd::test::FakeSyncServer;
using xd::test::TcpProxy;
using xd::test::TestCache;

namespace {

const QString kToken = QStringLiteral("owner-token");

// Short intervals keep the suite fast; jitter at its ceiling makes delays exact.
SyncClient::Settings fastSettings(const QUrl& url)
{
    SyncClient::Settings settings;
    settings.serverUrl = url;
    settings.heartbeatIntervalMs = 50;
    settings.peerTimeoutMs = 400;
    settings.backoffInitialMs = 20;
    settings.backoffMaxMs = 160;
    settings.pullLimit = 100;
    settings.jitter = [](int bound) {
        return bound;
    };
    return settings;
}

bool waitOnline(const SyncClient& client, int timeoutMs = 5000)
{
    return QTest::qWaitFor([&] { return client.state() == SyncClient::State::Online; }, timeoutMs);
}

} // namespace

class tst_SyncClient final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void auth_badToken_4401_endsSessionAndStopsReconnecting();
    void auth_disabledAccount_4403_endsSession();
    void initialPull_severalPages_landsAllRowsAndCookie();
    void initialPull_interrupted_resumesFromStoredCookieWithoutResending();
    void initialPull_pipelined_storeFailureDropsThePrefetchedPage();
    void offlineEdits_queue_surviveReopen_andDrainOnConnect();
    void reconnectBetweenApplyAndAck_neverAppliesTwice();
    void rejected_keepsReason_discardAndRetry();
    void poke_beyondLocalVersion_pulls();
    void enqueue_whileOnline_pushesAtOnce();
    void deadPeer_isDetected_andClientReconnects();
    void reconnect_backoffDoublesToCeiling_andResetsAfterAuth();
    void push_largeBatches_splitAt100();

private:
    std::unique_ptr<FakeSyncServer> m_server;
    std::unique_ptr<TestCache> m_cache;
};

void tst_SyncClient::init()
{
    m_server = std::make_unique<FakeSyncServer>();
    QVERIFY(m_server->listen());
    m_server->addToken(kToken, QStringLiteral("owner"));
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
}

void tst_SyncClient::cleanup()
{
    m_cache.reset();
    m_server.reset();
}

void tst_SyncClient::auth_badToken_4401_endsSessionAndStopsReconnecting()
{
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    QSignalSpy ended(&client, &SyncClient::sessionEnded);
    client.setToken(QStringLiteral("wrong"));
    client.start();
    QVERIFY(ended.wait(5000));
    QCOMPARE(ended.constFirst().at(0).toInt(), 4401);
    QCOMPARE(client.state(), SyncClient::State::Offline);
    QVERIFY(!client.isRunning());
    QVERIFY(!client.lastError().isEmpty());
    // Backoff would have retried within 20–160 ms; nothing may come.
    QTest::qWait(400);
    QCOMPARE(m_server->connectionCount(), 1);
    QCOMPARE(client.scheduledReconnectMs(), -1);
}

void tst_SyncClient::auth_disabledAccount_4403_endsSession()
{
    m_server->disableToken(kToken);
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    QSignalSpy ended(&client, &SyncClient::sessionEnded);
    client.setToken(kToken);
    client.start();
    QVERIFY(ended.wait(5000));
    QCOMPARE(ended.constFirst().at(0).toInt(), 4403);
    QTest::qWait(300);
    QCOMPARE(m_server->connectionCount(), 1);
}

void tst_SyncClient::initialPull_severalPages_landsAllRowsAndCookie()
{
    m_server->putManyRows(QStringLiteral("staff"), 350);
    m_server->putRow(QStringLiteral("shop_photo"), Id::create(), {{QStringLiteral("position"), 1}});
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    QList<SyncClient::Progress> progress;
    connect(&client, &SyncClient::progressChanged, this, [&](const SyncClient::Progress& p) { progress.append(p); });
    client.setToken(kToken);
    client.start();
    QVERIFY(waitOnline(client));
    QCOMPARE(m_cache->store->rowCount(CacheStore::StaffEntity).valueOr(-1), 350);
    QCOMPARE(m_cache->store->rowCount(CacheStore::ShopEntity).valueOr(-1), 1);
    QCOMPARE(m_cache->store->rowCount(CacheStore::PhotoEntity).valueOr(-1), 1);
    QCOMPARE(m_cache->store->serverVersion(), m_server->version());
    QCOMPARE(m_cache->store->cookie(), QStringLiteral("%1.-1.").arg(m_server->version()));
    QVERIFY(m_cache->store->initialSyncDone());
    QCOMPARE(m_server->pullCookies().size(), 4); // 352 rows in pages of 100
    // Progress: the first report is the start of the initial sync, the last one its end.
    QVERIFY(progress.size() >= 5);
    QVERIFY(progress.constFirst().initial);
    QCOMPARE(progress.constFirst().targetVersion, m_server->version());
    QCOMPARE(progress.constLast().currentVersion, m_server->version());
    QCOMPARE(progress.constLast().rowsReceived, 352);
    QVERIFY(!progress.constLast().initial);
}

void tst_SyncClient::initialPull_interrupted_resumesFromStoredCookieWithoutResending()
{
    m_server->putManyRows(QStringLiteral("staff"), 450);
    m_server->closeAfterPullPages(2);
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    client.setToken(kToken);
    client.start();
    QVERIFY(waitOnline(client));
    QCOMPARE(m_server->authOkCount(), 2);
    const QStringList cookies = m_server->pullCookies();
    QCOMPARE(cookies.size(), 5); // pages 1–2, then (after reconnect) 3–5
    QVERIFY(cookies.at(0).isEmpty());
    QVERIFY(!cookies.at(2).isEmpty()); // the second connection starts where the first stopped…
    QVERIFY(cookies.at(2) != cookies.at(1));
    QCOMPARE(m_server->rowsSent(), 451); // …so no row came twice
    QCOMPARE(m_cache->store->rowCount(CacheStore::StaffEntity).valueOr(-1), 450);
    QVERIFY(m_cache->store->initialSyncDone());
}

void tst_SyncClient::initialPull_pipelined_storeFailureDropsThePrefetchedPage()
{
    // The client asks for page n+1 before it stores page n. When storing page 2 fails, the answer already on its way
    // (page 3) must be dropped and the pull must start again from the stored cookie (page 1's): applying page 3 on top
    // of page 1 would lose page 2's rows for good.
    m_server->putManyRows(QStringLiteral("staff"), 350); // pages of 100: the 151st staff row arrives on page 2
    QSqlDatabase db = m_cache->database->database();
    QSqlQuery setup(db);
    QVERIFY(setup.exec(QStringLiteral("CREATE TEMP TABLE inject (armed INTEGER NOT NULL)")));
    QVERIFY(setup.exec(QStringLiteral("INSERT INTO inject (armed) VALUES (1)")));
    QVERIFY(setup.exec(QStringLiteral("CREATE TEMP TRIGGER inject_failure BEFORE INSERT ON staff "
                                      "WHEN (SELECT armed FROM inject) = 1 AND (SELECT COUNT(*) FROM staff) >= 150 "
                                      "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")));
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    int failures = 0;
    connect(&client, &SyncClient::lastErrorChanged, this, [&](const QString& message) {
        if (message.contains(QStringLiteral("injected failure")) && failures++ == 0)
            QSqlQuery(db).exec(QStringLiteral("UPDATE inject SET armed = 0")); // the next attempt succeeds
    });
    client.setToken(kToken);
    client.start();
    QVERIFY(waitOnline(client));
    QCOMPARE(failures, 1);
    QCOMPARE(m_cache->store->rowCount(CacheStore::StaffEntity).valueOr(-1), 350);
    QVERIFY(m_cache->store->initialSyncDone());
    QCOMPARE(m_cache->store->serverVersion(), m_server->version());
    // Pulls: "", c1, c2 (prefetched while page 2 was being stored, its answer dropped), then c1 again, c2, c3.
    const QStringList cookies = m_server->pullCookies();
    QCOMPARE(cookies.size(), 6);
    QVERIFY(cookies.at(0).isEmpty());
    QCOMPARE(cookies.at(3), cookies.at(1));
    QCOMPARE(cookies.at(4), cookies.at(2));
    QVERIFY(cookies.at(5) != cookies.at(4));
    QVERIFY(QSqlQuery(db).exec(QStringLiteral("DROP TRIGGER inject_failure")));
}

void tst_SyncClient::offlineEdits_queue_surviveReopen_andDrainOnConnect()
{
    {
        ShopService service(*m_cache->store, Role::Owner);
        QVERIFY(service.updateProfile({{QStringLiteral("intro"), QStringLiteral("早上七点开门")}}));
        QVERIFY(service.updateProfile({{QStringLiteral("phones"), QJsonArray{QStringLiteral("021-5555 0101")}}}));
        QVERIFY(
            service.addStaff(QStringLiteral("li"), QStringLiteral("小李"), Role::Clerk, QStringLiteral("password-1")));
    }
    QCOMPARE(m_cache->store->pendingCount(), 3);
    const QString clientId = m_cache->store->clientId();
    m_cache->close();
    QVERIFY(m_cache->open());
    QCOMPARE(m_cache->store->pendingCount(), 3);

    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    QCOMPARE(client.pendingCount(), 3);
    QSignalSpy pendingChanged(&client, &SyncClient::pendingCountChanged);
    client.setToken(kToken);
    client.start();
    QVERIFY(QTest::qWaitFor([&] { return client.pendingCount() == 0 && client.state() == SyncClient::State::Online; },
                            5000));
    QVERIFY(!pendingChanged.isEmpty());
    QCOMPARE(pendingChanged.constLast().at(0).toInt(), 0);
    for (qint64 mid = 1; mid <= 3; ++mid)
        QCOMPARE(m_server->applications(clientId, mid), 1);
    QCOMPARE(m_server->lastMutationId(clientId), 3);
    QCOMPARE(m_server->rowData(QStringLiteral("shop"), m_server->shopId()).value(QStringLiteral("intro")).toString(),
             QStringLiteral("早上七点开门"));
    // The push poked; the pull brought the result back into the confirmed tables.
    QVERIFY(QTest::qWaitFor([&] { return m_cache->store->rowCount(CacheStore::StaffEntity).valueOr(0) == 1; }, 5000));
}

void tst_SyncClient::reconnectBetweenApplyAndAck_neverAppliesTwice()
{
    QVERIFY(m_cache->store->enqueue(QStringLiteral("shop.updateProfile"),
                                    {{QStringLiteral("intro"), QStringLiteral("a")}}));
    QVERIFY(m_cache->store->enqueue(QStringLiteral("shop.updateProfile"),
                                    {{QStringLiteral("intro"), QStringLiteral("b")}}));
    m_server->dropNextPushResult();
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    client.setToken(kToken);
    client.start();
    QVERIFY(QTest::qWaitFor([&] { return client.pendingCount() == 0 && client.state() == SyncClient::State::Online; },
                            5000));
    QCOMPARE(m_server->authOkCount(), 2);
    QVERIFY(m_server->pushCount() >= 2); // the operations were sent again…
    const QString clientId = m_cache->store->clientId();
    QCOMPARE(m_server->applications(clientId, 1), 1); // …and applied once
    QCOMPARE(m_server->applications(clientId, 2), 1);
    QCOMPARE(m_server->totalApplications(), 2);
    QCOMPARE(m_cache->store->rejectedCount(), 0);
}

void tst_SyncClient::rejected_keepsReason_discardAndRetry()
{
    m_server->putRow(QStringLiteral("staff"),
                     Id::create(),
                     {{QStringLiteral("login"), QStringLiteral("li")},
                      {QStringLiteral("displayName"), QStringLiteral("Li")},
                      {QStringLiteral("role"), QStringLiteral("clerk")},
                      {QStringLiteral("disabled"), false}});
    ShopService service(*m_cache->store, Role::Owner);
    // The local view does not know "li" yet (never synced), so the server is the one to refuse.
    QVERIFY(service.addStaff(QStringLiteral("li"), QString(), Role::Clerk, QStringLiteral("password-1")));
    QVERIFY(service.addStaff(QStringLiteral("wang"), QString(), Role::Clerk, QStringLiteral("password-2")));
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    QSignalSpy rejectedChanged(&client, &SyncClient::rejectedOperationsChanged);
    client.setToken(kToken);
    client.start();
    QVERIFY(QTest::qWaitFor([&] { return client.pendingCount() == 0 && client.state() == SyncClient::State::Online; },
                            5000));
    QVERIFY(!rejectedChanged.isEmpty());
    QList<OutboxEntry> rejectedOps = client.rejectedOperations();
    QCOMPARE(rejectedOps.size(), 1);
    QCOMPARE(rejectedOps.constFirst().mid, 1);
    QCOMPARE(rejectedOps.constFirst().name, QStringLiteral("staff.add"));
    QCOMPARE(rejectedOps.constFirst().rejectCode, QStringLiteral("already_exists"));
    QVERIFY(rejectedOps.constFirst().rejectMessage.contains(QStringLiteral("li")));
    QVERIFY(!rejectedOps.constFirst().args.contains(QStringLiteral("password")));

    // Retrying needs the password again, and a different login here.
    const auto noPassword = service.retryRejected(1, {{QStringLiteral("login"), QStringLiteral("li2")}});
    QVERIFY(!noPassword);
    QCOMPARE(noPassword.error().code, ErrorCode::InvalidArgument);
    auto retried = service.retryRejected(
        1,
        {{QStringLiteral("login"), QStringLiteral("li2")}, {QStringLiteral("password"), QStringLiteral("password-3")}});
    QVERIFY(retried);
    QCOMPARE(*retried, 3);
    QVERIFY(QTest::qWaitFor([&] { return client.pendingCount() == 0 && client.state() == SyncClient::State::Online; },
                            5000));
    QCOMPARE(client.rejectedOperations().size(), 0);
    QCOMPARE(m_server->applications(m_cache->store->clientId(), 3), 1);

    // A second rejection, discarded by the user.
    m_server->rejectOperation(QStringLiteral("shop.updateProfile"), QStringLiteral("conflict"), QStringLiteral("busy"));
    QVERIFY(service.updateProfile({{QStringLiteral("intro"), QStringLiteral("x")}}));
    QVERIFY(QTest::qWaitFor([&] { return client.rejectedOperations().size() == 1; }, 5000));
    QCOMPARE(client.rejectedOperations().constFirst().rejectMessage, QStringLiteral("busy"));
    QVERIFY(service.discardRejected(client.rejectedOperations().constFirst().mid));
    QCOMPARE(client.rejectedOperations().size(), 0);
}

void tst_SyncClient::poke_beyondLocalVersion_pulls()
{
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    client.setToken(kToken);
    client.start();
    QVERIFY(waitOnline(client));
    const int pullsBefore = int(m_server->pullCookies().size());
    const QString photo = Id::create();
    m_server->putRow(QStringLiteral("shop_photo"), photo, {{QStringLiteral("position"), 1}}, /*poke=*/true);
    QVERIFY(QTest::qWaitFor(
        [&] { return m_cache->store->row(CacheStore::PhotoEntity, photo).valueOr(std::nullopt).has_value(); }, 2000));
    QCOMPARE(m_server->pullCookies().size(), pullsBefore + 1);
    QCOMPARE(m_cache->store->serverVersion(), m_server->version());

    // A poke for what we already have does not pull.
    QVERIFY(waitOnline(client));
    m_server->pokeAll();
    QTest::qWait(150);
    QCOMPARE(m_server->pullCookies().size(), pullsBefore + 1);
}

void tst_SyncClient::enqueue_whileOnline_pushesAtOnce()
{
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    client.setToken(kToken);
    client.start();
    QVERIFY(waitOnline(client));
    QVERIFY(m_cache->store->enqueue(QStringLiteral("shop.updateProfile"),
                                    {{QStringLiteral("intro"), QStringLiteral("now")}}));
    QVERIFY(QTest::qWaitFor([&] { return m_server->totalApplications() == 1; }, 2000));
    QVERIFY(QTest::qWaitFor([&] { return client.pendingCount() == 0; }, 2000));
}

void tst_SyncClient::deadPeer_isDetected_andClientReconnects()
{
    TcpProxy proxy(m_server->port());
    QVERIFY(proxy.listen());
    QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
    SyncClient client(*m_cache->store, fastSettings(url));
    QList<int> delays;
    connect(&client, &SyncClient::stateChanged, this, [&](SyncClient::State state) {
        if (state == SyncClient::State::Offline)
            delays.append(client.scheduledReconnectMs());
    });
    client.setToken(kToken);
    client.start();
    QVERIFY(waitOnline(client));
    QCOMPARE(m_server->authOkCount(), 1);

    QElapsedTimer silentFor;
    silentFor.start();
    proxy.setBlackhole(true); // pongs stop; the TCP connection stays up
    QVERIFY(QTest::qWaitFor([&] { return client.state() != SyncClient::State::Online; }, 3000));
    // Not before the peer timeout (400 ms), and not much after it.
    QVERIFY2(silentFor.elapsed() >= 350, qPrintable(QString::number(silentFor.elapsed())));
    QVERIFY(!client.lastError().isEmpty());
    QCOMPARE(delays.value(0), 20); // backoff starts over after a successful auth

    QTest::qWait(500); // reconnect attempts hang in the blackhole and time out again
    proxy.setBlackhole(false);
    QVERIFY(waitOnline(client, 5000));
    QVERIFY(m_server->authOkCount() >= 2);
    QVERIFY(proxy.connectionCount() >= 3);
    QVERIFY(delays.size() >= 2);
    QVERIFY(delays.at(1) > delays.at(0)); // consecutive failures back off further
}

void tst_SyncClient::reconnect_backoffDoublesToCeiling_andResetsAfterAuth()
{
    // A port nobody listens on: every attempt fails at once.
    const quint16 port = m_server->port();
    m_server.reset();
    SyncClient client(*m_cache->store, fastSettings(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port))));
    QList<int> delays;
    connect(&client, &SyncClient::stateChanged, this, [&](SyncClient::State state) {
        if (state == SyncClient::State::Offline && client.scheduledReconnectMs() >= 0)
            delays.append(client.scheduledReconnectMs());
    });
    client.setToken(kToken);
    client.start();
    QVERIFY(QTest::qWaitFor([&] { return delays.size() >= 6; }, 5000));
    client.stop();
    QCOMPARE(delays.mid(0, 6), (QList<int>{20, 40, 80, 160, 160, 160}));

    // Full jitter: the delay is drawn from [0, ceiling].
    SyncClient::Settings jittered = fastSettings(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    QList<int> bounds;
    jittered.jitter = [&](int bound) {
        bounds.append(bound);
        return 0;
    };
    SyncClient other(*m_cache->store, jittered);
    other.setToken(kToken);
    other.start();
    QVERIFY(QTest::qWaitFor([&] { return bounds.size() >= 3; }, 5000));
    other.stop();
    QCOMPARE(bounds.mid(0, 3), (QList<int>{20, 40, 80}));
}

void tst_SyncClient::push_largeBatches_splitAt100()
{
    for (int i = 0; i < 230; ++i)
        QVERIFY(m_cache->store->enqueue(QStringLiteral("shop.updateProfile"),
                                        {{QStringLiteral("intro"), QString::number(i)}}));
    SyncClient client(*m_cache->store, fastSettings(m_server->url()));
    client.setToken(kToken);
    client.start();
    QVERIFY(QTest::qWaitFor([&] { return client.pendingCount() == 0 && client.state() == SyncClient::State::Online; },
                            10000));
    QCOMPARE(m_server->pushCount(), 3);
    QCOMPARE(m_server->totalApplications(), 230);
    QCOMPARE(m_server->rowData(QStringLiteral("shop"), m_server->shopId()).value(QStringLiteral("intro")).toString(),
             QStringLiteral("229"));
}

QTEST_GUILESS_MAIN(tst_SyncClient)
#include "tst_syncclient.moc"
