// The sync endpoint and the REST APIs of a real syncserver process, spoken to as clients would.
#include "ServerFixture.h"
#include "TestPng.h"
#include "TestSocket.h"
#include "xiaodian/Id.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

QJsonObject pull(TestSocket& socket, const QString& cookie, int limit, const QString& id = QStringLiteral("p"))
{
    socket.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")},
                                {QStringLiteral("id"), id},
                                {QStringLiteral("cookie"), cookie},
                                {QStringLiteral("limit"), limit}});
    return socket.waitFor(QStringLiteral("pull.result"));
}

QJsonObject mutation(qint64 mid, const QString& name, const QJsonObject& args)
{
    return QJsonObject{{QStringLiteral("mid"), mid}, {QStringLiteral("name"), name}, {QStringLiteral("args"), args}};
}

QJsonObject push(TestSocket& socket, const QJsonArray& mutations)
{
    socket.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("push")},
                                {QStringLiteral("id"), QStringLiteral("u")},
                                {QStringLiteral("mutations"), mutations}});
    QJsonObject result = socket.waitFor(QStringLiteral("push.result"));
    return result;
}

QString statusOf(const QJsonObject& pushResult, int index)
{
    return pushResult.value(QStringLiteral("results"))
        .toArray()
        .at(index)
        .toObject()
        .value(QStringLiteral("status"))
        .toString();
}

QString codeOf(const QJsonObject& pushResult, int index)
{
    return pushResult.value(QStringLiteral("results"))
        .toArray()
        .at(index)
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

} // namespace

class tst_SyncServer : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void auth_badToken_isRefusedWith4401();
    void auth_missingInTime_closesTheSocket();
    void auth_firstMessageNotAuth_closesWith4400();
    void pull_pagesWithoutGapsOrDuplicates_andTombstones();
    void pull_badCookieOrLimit_isRejectedCleanly();
    void push_appliesOnce_andARetryChangesNothing();
    void push_outOfOrder_isRejectedAndNothingApplied();
    void push_clerkRunningOwnerOperation_isRejectedWithReason();
    void push_invalidArguments_rejectedFinal_andNothingWritten();
    void poke_reachesSameShopOnly();
    void shopIsolation_tokenOfShopA_cannotTouchShopB();
    void expiredAndRevokedTokens_areRefused();
    void passwordReset_closesTheLiveSocket();
    void badMessages_rejectOrClose_andServerKeepsServing();
    void deadPeer_thatStopsAnsweringPings_isDropped();
    void login_repeatedFailures_areSlowedThenLocked_withoutSayingWhy();
    void login_throttling_countsTheAccountNotItsSpelling_andTheClientBehindTheProxy();
    void logout_endsReadsOnAnOpenSocketToo();
    void photos_areCheckedByContent_andServedWithCachingHeaders();
    void publicShopPage_hasNavigationAndPhoneData();
    void cli_createsShopAndStaff();
    void twoServersOnOnePostgres_pokeAndRevokeAcrossServers();

private:
    QString ownerToken();
    QString createShopB(QString* ownerPassword);
    QString addClerk(const QString& ownerToken, const QString& login, const QString& password);
};

void tst_SyncServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString config = m_dir.filePath(QStringLiteral("syncserver.ini"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[sync]\nauth_timeout_ms = 800\nheartbeat_ms = 200\npeer_timeout_ms = 1500\n");
    file.close();
    const QStringList args{
        QStringLiteral("--config"), config, QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1")};
    QString error;
    QVERIFY2(startServer(QStringLiteral("xd_sync"), args, &error), qPrintable(error));
    const auto health = m_server->request("GET", QStringLiteral("/healthz"));
    QCOMPARE(health.json.value(QStringLiteral("database")).toString(),
             isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
}

void tst_SyncServer::cleanupTestCase()
{
    m_server->stop();
}

QString tst_SyncServer::ownerToken()
{
    return m_token;
}

QString tst_SyncServer::createShopB(QString* ownerPassword)
{
    static int n = 0;
    return m_server->createShop(QStringLiteral("隔壁店%1").arg(++n), nullptr, ownerPassword);
}

QString tst_SyncServer::addClerk(const QString& token, const QString& login, const QString& password)
{
    const auto reply = m_server->requestJson("POST",
                                             QStringLiteral("/admin/v1/staff"),
                                             QJsonObject{{QStringLiteral("login"), login},
                                                         {QStringLiteral("displayName"), QStringLiteral("小李")},
                                                         {QStringLiteral("role"), QStringLiteral("clerk")},
                                                         {QStringLiteral("password"), password}},
                                             token);
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toString() : QString();
}

void tst_SyncServer::auth_badToken_isRefusedWith4401()
{
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    const QJsonObject answer = socket.authenticate(QStringLiteral("not-a-token"), xd::Id::create());
    QCOMPARE(answer.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(answer.value(QStringLiteral("code")).toString(), QStringLiteral("unauthenticated"));
    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.closeCode(), 4401);
}

void tst_SyncServer::auth_missingInTime_closesTheSocket()
{
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    QVERIFY(socket.waitForDisconnected(5000)); // auth_timeout_ms = 800 in this test's config
    QCOMPARE(socket.closeCode(), 4401);
}

void tst_SyncServer::auth_firstMessageNotAuth_closesWith4400()
{
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    socket.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")}});
    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.closeCode(), 4400);
}

void tst_SyncServer::pull_pagesWithoutGapsOrDuplicates_andTombstones()
{
    // Thirty staff accounts (thirty versions) plus a rename of five of them and one disabled: many rows, many versions.
    QStringList created;
    for (int i = 0; i < 12; ++i) {
        const QString id =
            addClerk(ownerToken(), QStringLiteral("pager%1").arg(i), QStringLiteral("password%1").arg(i));
        QVERIFY(!id.isEmpty());
        created << id;
    }
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(m_server
                     ->requestJson("PATCH",
                                   QStringLiteral("/admin/v1/staff/%1").arg(created[i]),
                                   QJsonObject{{QStringLiteral("displayName"), QStringLiteral("改名%1").arg(i)}},
                                   ownerToken())
                     .status,
                 200);
    }

    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    const QJsonObject ok = socket.authenticate(ownerToken(), xd::Id::create());
    QCOMPARE(ok.value(QStringLiteral("type")).toString(), QStringLiteral("auth.ok"));
    const qint64 serverVersion = ok.value(QStringLiteral("version")).toInteger();

    QSet<QString> seen;
    QString cookie;
    qint64 lastVersion = 0;
    int pages = 0;
    for (;;) {
        const QJsonObject page = pull(socket, cookie, 3);
        QCOMPARE(page.value(QStringLiteral("id")).toString(), QStringLiteral("p"));
        ++pages;
        for (const QJsonValue& value : page.value(QStringLiteral("rows")).toArray()) {
            const QJsonObject row = value.toObject();
            const QString key = row.value(QStringLiteral("entity")).toString() + QLatin1Char('/') +
                                row.value(QStringLiteral("id")).toString();
            QVERIFY2(!seen.contains(key), qPrintable(QStringLiteral("duplicate %1").arg(key)));
            seen.insert(key);
            QVERIFY(row.value(QStringLiteral("version")).toInteger() >= lastVersion);
            lastVersion = row.value(QStringLiteral("version")).toInteger();
        }
        QVERIFY(page.value(QStringLiteral("rows")).toArray().size() <= 3);
        cookie = page.value(QStringLiteral("cookie")).toString();
        if (!page.value(QStringLiteral("more")).toBool()) {
            QCOMPARE(page.value(QStringLiteral("version")).toInteger(), serverVersion);
            break;
        }
        QVERIFY(pages < 100);
    }
    QVERIFY(pages >= 5);
    for (const QString& id : created)
        QVERIFY(seen.contains(QStringLiteral("staff/") + id));
    QVERIFY(seen.contains(QStringLiteral("shop/") + m_server->demoShopId()));

    // Up to date: the next pull is empty. Then one change brings exactly that row, and a removed photo
    // comes back as a tombstone.
    QCOMPARE(pull(socket, cookie, 3).value(QStringLiteral("rows")).toArray().size(), 0);
    QCOMPARE(m_server
                 ->requestJson("PATCH",
                               QStringLiteral("/admin/v1/shop"),
                               QJsonObject{{QStringLiteral("intro"), QStringLiteral("新的介绍")}},
                               ownerToken())
                 .status,
             200);
    const QJsonObject next = pull(socket, cookie, 3);
    const QJsonArray rows = next.value(QStringLiteral("rows")).toArray();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0)[QStringLiteral("entity")].toString(), QStringLiteral("shop"));
    QCOMPARE(rows.at(0)[QStringLiteral("data")][QStringLiteral("intro")].toString(), QStringLiteral("新的介绍"));
}

void tst_SyncServer::pull_badCookieOrLimit_isRejectedCleanly()
{
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    QCOMPARE(socket.authenticate(ownerToken(), xd::Id::create()).value(QStringLiteral("type")).toString(),
             QStringLiteral("auth.ok"));
    for (const QJsonObject& bad : {QJsonObject{{QStringLiteral("cookie"), QStringLiteral("garbage")}},
                                   QJsonObject{{QStringLiteral("cookie"), QStringLiteral("5.99.x")}},
                                   QJsonObject{{QStringLiteral("limit"), 0}},
                                   QJsonObject{{QStringLiteral("limit"), 100000}},
                                   QJsonObject{{QStringLiteral("limit"), QStringLiteral("many")}}}) {
        QJsonObject message = bad;
        message.insert(QStringLiteral("type"), QStringLiteral("pull"));
        message.insert(QStringLiteral("id"), QStringLiteral("bad"));
        socket.sendJson(message);
        const QJsonObject error = socket.waitFor(QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("id")).toString(), QStringLiteral("bad"));
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_message"));
    }
    QVERIFY(socket.isConnected());
    QVERIFY(!pull(socket, QString(), 10).isEmpty());
}

void tst_SyncServer::push_appliesOnce_andARetryChangesNothing()
{
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    const QString clientId = xd::Id::create();
    const QJsonObject ok = socket.authenticate(ownerToken(), clientId);
    QCOMPARE(ok.value(QStringLiteral("lastMutationId")).toInteger(), 0);
    const QString staffId = xd::Id::create();
    const QJsonArray batch{
        mutation(
            1, QStringLiteral("shop.updateProfile"), {{QStringLiteral("address"), QStringLiteral("上海市黄浦区")}}),
        mutation(2,
                 QStringLiteral("staff.add"),
                 {{QStringLiteral("id"), staffId},
                  {QStringLiteral("login"), QStringLiteral("retry")},
                  {QStringLiteral("role"), QStringLiteral("clerk")},
                  {QStringLiteral("password"), QStringLiteral("12345678")}}),
        mutation(3, QStringLiteral("no.such.thing"), {}),
    };
    const QJsonObject first = push(socket, batch);
    QCOMPARE(statusOf(first, 0), QStringLiteral("accepted"));
    QCOMPARE(statusOf(first, 1), QStringLiteral("accepted"));
    QCOMPARE(statusOf(first, 2), QStringLiteral("rejected"));
    QCOMPARE(codeOf(first, 2), QStringLiteral("unknown_operation"));
    QCOMPARE(first.value(QStringLiteral("lastMutationId")).toInteger(), 3);
    const auto shopBefore = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken());

    // The same batch again, on a new socket (the client lost the answer): same answers, nothing applied.
    TestSocket again;
    QVERIFY(again.open(m_server->webSocketUrl()));
    QCOMPARE(again.authenticate(ownerToken(), clientId).value(QStringLiteral("lastMutationId")).toInteger(), 3);
    const QJsonObject second = push(again, batch);
    QCOMPARE(second.value(QStringLiteral("results")), first.value(QStringLiteral("results")));
    const auto shopAfter = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken());
    QCOMPARE(shopAfter.json.value(QStringLiteral("version")), shopBefore.json.value(QStringLiteral("version")));
    const auto staff = m_server->request("GET", QStringLiteral("/admin/v1/staff"), {}, ownerToken());
    int retries = 0;
    for (const QJsonValue& person : staff.json.value(QStringLiteral("staff")).toArray())
        retries += person[QStringLiteral("login")].toString() == QLatin1String("retry") ? 1 : 0;
    QCOMPARE(retries, 1);
}

void tst_SyncServer::push_outOfOrder_isRejectedAndNothingApplied()
{
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    socket.authenticate(ownerToken(), xd::Id::create());
    const auto before = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken());
    const QJsonObject result =
        push(socket,
             {mutation(2, QStringLiteral("shop.updateProfile"), {{QStringLiteral("intro"), QStringLiteral("跳号")}})});
    QCOMPARE(statusOf(result, 0), QStringLiteral("rejected"));
    QCOMPARE(codeOf(result, 0), QStringLiteral("out_of_order"));
    QCOMPARE(result.value(QStringLiteral("lastMutationId")).toInteger(), 0);
    const auto after = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken());
    QCOMPARE(after.json.value(QStringLiteral("intro")), before.json.value(QStringLiteral("intro")));
}

void tst_SyncServer::push_clerkRunningOwnerOperation_isRejectedWithReason()
{
    QVERIFY(!addClerk(ownerToken(), QStringLiteral("clerk1"), QStringLiteral("clerkpass1")).isEmpty());
    const QString clerkToken =
        m_server->login(m_server->demoShopName(), QStringLiteral("clerk1"), QStringLiteral("clerkpass1"));
    QVERIFY(!clerkToken.isEmpty());
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    QCOMPARE(socket.authenticate(clerkToken, xd::Id::create()).value(QStringLiteral("role")).toString(),
             QStringLiteral("clerk"));
    const QJsonObject result = push(socket,
                                    {mutation(1,
                                              QStringLiteral("staff.add"),
                                              {{QStringLiteral("id"), xd::Id::create()},
                                               {QStringLiteral("login"), QStringLiteral("sneaky")},
                                               {QStringLiteral("role"), QStringLiteral("owner")},
                                               {QStringLiteral("password"), QStringLiteral("12345678")}}),
                                     mutation(2,
                                              QStringLiteral("shop.updateProfile"),
                                              {{QStringLiteral("intro"), QStringLiteral("店员可以改介绍")}})});
    QCOMPARE(statusOf(result, 0), QStringLiteral("rejected"));
    QCOMPARE(codeOf(result, 0), QStringLiteral("permission_denied"));
    QVERIFY(!result.value(QStringLiteral("results")).toArray().at(0)[QStringLiteral("message")].toString().isEmpty());
    QCOMPARE(statusOf(result, 1), QStringLiteral("accepted"));
    // The same over REST.
    const auto rest = m_server->requestJson("POST",
                                            QStringLiteral("/admin/v1/staff"),
                                            QJsonObject{{QStringLiteral("login"), QStringLiteral("sneaky2")},
                                                        {QStringLiteral("role"), QStringLiteral("owner")},
                                                        {QStringLiteral("password"), QStringLiteral("12345678")}},
                                            clerkToken);
    QCOMPARE(rest.status, 403);
    QCOMPARE(rest.json[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("permission_denied"));
}

void tst_SyncServer::push_invalidArguments_rejectedFinal_andNothingWritten()
{
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    socket.authenticate(ownerToken(), xd::Id::create());
    const auto before = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken());
    const QJsonObject result =
        push(socket,
             {mutation(1,
                       QStringLiteral("shop.updateProfile"),
                       {{QStringLiteral("intro"), QStringLiteral("ok")},
                        {QStringLiteral("phones"), QJsonArray{QStringLiteral("call me")}}}),
              mutation(2, QStringLiteral("shop.updateProfile"), {{QStringLiteral("latitudeE6"), 1}}),
              mutation(3, QStringLiteral("shop.updateProfile"), {{QStringLiteral("bogus"), 1}}),
              mutation(4,
                       QStringLiteral("shop.updateProfile"),
                       {{QStringLiteral("openingHours"),
                         QJsonArray{QJsonObject{{QStringLiteral("days"), QJsonArray{8}},
                                                {QStringLiteral("open"), QStringLiteral("09:00")},
                                                {QStringLiteral("close"), QStringLiteral("18:00")}}}}})});
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(statusOf(result, i), QStringLiteral("rejected"));
        QCOMPARE(codeOf(result, i), QStringLiteral("invalid_argument"));
    }
    const auto after = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken());
    QCOMPARE(after.json, before.json); // not even the valid intro of mutation 1 was written
}

void tst_SyncServer::poke_reachesSameShopOnly()
{
    QString passwordB;
    const QString shopB = createShopB(&passwordB);
    QVERIFY(!shopB.isEmpty());
    const QString tokenB = m_server->login(shopB, QStringLiteral("bob"), passwordB);
    QVERIFY(!tokenB.isEmpty());

    TestSocket a1, a2, b;
    for (auto [socket, token] : {std::pair{&a1, ownerToken()}, std::pair{&a2, ownerToken()}, std::pair{&b, tokenB}}) {
        QVERIFY(socket->open(m_server->webSocketUrl()));
        QCOMPARE(socket->authenticate(token, xd::Id::create()).value(QStringLiteral("type")).toString(),
                 QStringLiteral("auth.ok"));
    }
    const QJsonObject result = push(
        a1, {mutation(1, QStringLiteral("shop.updateProfile"), {{QStringLiteral("intro"), QStringLiteral("戳一下")}})});
    QCOMPARE(statusOf(result, 0), QStringLiteral("accepted"));
    const QJsonObject poke = a2.waitFor(QStringLiteral("poke"), 3000);
    QVERIFY(poke.value(QStringLiteral("version")).toInteger() > 0);
    QVERIFY(!a1.waitFor(QStringLiteral("poke"), 3000).isEmpty()); // the pusher too
    QVERIFY(b.waitFor(QStringLiteral("poke"), 500).isEmpty());
}

void tst_SyncServer::shopIsolation_tokenOfShopA_cannotTouchShopB()
{
    QString passwordB;
    const QString shopB = createShopB(&passwordB);
    QVERIFY(!shopB.isEmpty());
    const QString tokenB = m_server->login(shopB, QStringLiteral("bob"), passwordB);
    QVERIFY(!tokenB.isEmpty());

    // REST: every admin call is scoped to the token's shop; shop A's token sees shop A only.
    const auto shopSeenByA = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken());
    QCOMPARE(shopSeenByA.json.value(QStringLiteral("id")).toString(), m_server->demoShopId());
    const auto staffB = m_server->request("GET", QStringLiteral("/admin/v1/staff"), {}, tokenB);
    const QString bobId = staffB.json.value(QStringLiteral("staff")).toArray().at(0)[QStringLiteral("id")].toString();
    QVERIFY(!bobId.isEmpty());
    const auto crossPatch = m_server->requestJson("PATCH",
                                                  QStringLiteral("/admin/v1/staff/%1").arg(bobId),
                                                  QJsonObject{{QStringLiteral("disabled"), true}},
                                                  ownerToken());
    QCOMPARE(crossPatch.status, 404);
    const auto crossReset =
        m_server->requestJson("POST",
                              QStringLiteral("/admin/v1/staff/%1/password").arg(bobId),
                              QJsonObject{{QStringLiteral("password"), QStringLiteral("hijacked1")}},
                              ownerToken());
    QCOMPARE(crossReset.status, 404);
    QVERIFY(!m_server->login(shopB, QStringLiteral("bob"), passwordB).isEmpty()); // bob's password still works

    // Socket: shop A's pull never contains shop B's rows; a staff update aimed at B's staff is NotFound.
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    socket.authenticate(ownerToken(), xd::Id::create());
    QString cookie;
    for (;;) {
        const QJsonObject page = pull(socket, cookie, 1000);
        for (const QJsonValue& row : page.value(QStringLiteral("rows")).toArray()) {
            QVERIFY(row[QStringLiteral("id")].toString() != shopB);
            QVERIFY(row[QStringLiteral("id")].toString() != bobId);
        }
        cookie = page.value(QStringLiteral("cookie")).toString();
        if (!page.value(QStringLiteral("more")).toBool())
            break;
    }
    const QJsonObject result = push(socket,
                                    {mutation(1,
                                              QStringLiteral("staff.update"),
                                              {{QStringLiteral("id"), bobId}, {QStringLiteral("disabled"), true}})});
    QCOMPARE(codeOf(result, 0), QStringLiteral("not_found"));
    // And a client id registered by shop B cannot be reused by shop A's token.
    const QString clientOfB = xd::Id::create();
    TestSocket bSocket;
    QVERIFY(bSocket.open(m_server->webSocketUrl()));
    QCOMPARE(bSocket.authenticate(tokenB, clientOfB).value(QStringLiteral("type")).toString(),
             QStringLiteral("auth.ok"));
    TestSocket thief;
    QVERIFY(thief.open(m_server->webSocketUrl()));
    QCOMPARE(thief.authenticate(ownerToken(), clientOfB).value(QStringLiteral("code")).toString(),
             QStringLiteral("permission_denied"));
    QVERIFY(thief.waitForDisconnected());
}

void tst_SyncServer::expiredAndRevokedTokens_areRefused()
{
    const QString expiring =
        m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    const QString revoked =
        m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    QVERIFY(!expiring.isEmpty() && !revoked.isEmpty());
    QCOMPARE(m_server->request("POST", QStringLiteral("/admin/v1/auth/logout"), {}, revoked).status, 200);

    { // Age one session past its expiry directly in the database (the server reads it on every use).
        QSqlDatabase db = openServerDatabase(QStringLiteral("expire"));
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE staff_sessions SET expires_at_ms = 1 WHERE token_hash = ?"));
        query.addBindValue(
            QString::fromLatin1(QCryptographicHash::hash(expiring.toUtf8(), QCryptographicHash::Sha256).toHex()));
        QVERIFY(query.exec());
        QCOMPARE(query.numRowsAffected(), 1);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("expire"));

    for (const QString& token : {expiring, revoked}) {
        QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, token).status, 401);
        TestSocket socket;
        QVERIFY(socket.open(m_server->webSocketUrl()));
        QCOMPARE(socket.authenticate(token, xd::Id::create()).value(QStringLiteral("code")).toString(),
                 QStringLiteral("unauthenticated"));
        QVERIFY(socket.waitForDisconnected());
        QCOMPARE(socket.closeCode(), 4401);
    }
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken()).status, 200);
}

void tst_SyncServer::passwordReset_closesTheLiveSocket()
{
    const QString clerkId = addClerk(ownerToken(), QStringLiteral("resetme"), QStringLiteral("firstpass1"));
    QVERIFY(!clerkId.isEmpty());
    const QString clerkToken =
        m_server->login(m_server->demoShopName(), QStringLiteral("resetme"), QStringLiteral("firstpass1"));
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    QCOMPARE(socket.authenticate(clerkToken, xd::Id::create()).value(QStringLiteral("type")).toString(),
             QStringLiteral("auth.ok"));
    QCOMPARE(m_server
                 ->requestJson("POST",
                               QStringLiteral("/admin/v1/staff/%1/password").arg(clerkId),
                               QJsonObject{{QStringLiteral("password"), QStringLiteral("secondpass2")}},
                               ownerToken())
                 .status,
             200);
    QVERIFY(socket.waitForDisconnected(5000));
    QCOMPARE(socket.closeCode(), 4401);
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, clerkToken).status, 401);

    // Disabling ends the session with 4403 for a fresh socket of a fresh sign-in too.
    const QString second =
        m_server->login(m_server->demoShopName(), QStringLiteral("resetme"), QStringLiteral("secondpass2"));
    QVERIFY(!second.isEmpty());
    TestSocket live;
    QVERIFY(live.open(m_server->webSocketUrl()));
    live.authenticate(second, xd::Id::create());
    QCOMPARE(m_server
                 ->requestJson("PATCH",
                               QStringLiteral("/admin/v1/staff/%1").arg(clerkId),
                               QJsonObject{{QStringLiteral("disabled"), true}},
                               ownerToken())
                 .status,
             200);
    QVERIFY(live.waitForDisconnected(5000));
    QVERIFY(
        m_server->login(m_server->demoShopName(), QStringLiteral("resetme"), QStringLiteral("secondpass2")).isEmpty());
}

void tst_SyncServer::badMessages_rejectOrClose_andServerKeepsServing()
{
    TestSocket bystander;
    QVERIFY(bystander.open(m_server->webSocketUrl()));
    bystander.authenticate(ownerToken(), xd::Id::create());

    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    socket.authenticate(ownerToken(), xd::Id::create());
    socket.sendRaw(QStringLiteral("{not json"));
    QCOMPARE(socket.waitFor(QStringLiteral("error")).value(QStringLiteral("code")).toString(),
             QStringLiteral("invalid_message"));
    socket.sendJson(
        QJsonObject{{QStringLiteral("type"), QStringLiteral("teleport")}, {QStringLiteral("id"), QStringLiteral("t")}});
    QCOMPARE(socket.waitFor(QStringLiteral("error")).value(QStringLiteral("code")).toString(),
             QStringLiteral("unknown_message"));
    socket.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("push")}, {QStringLiteral("mutations"), 5}});
    QCOMPARE(socket.waitFor(QStringLiteral("error")).value(QStringLiteral("code")).toString(),
             QStringLiteral("invalid_message"));
    QJsonArray tooMany;
    for (int i = 1; i <= 101; ++i)
        tooMany.append(
            mutation(i, QStringLiteral("shop.updateProfile"), {{QStringLiteral("intro"), QStringLiteral("x")}}));
    socket.sendJson(
        QJsonObject{{QStringLiteral("type"), QStringLiteral("push")}, {QStringLiteral("mutations"), tooMany}});
    QCOMPARE(socket.waitFor(QStringLiteral("error")).value(QStringLiteral("code")).toString(),
             QStringLiteral("invalid_message"));
    QVERIFY(socket.isConnected());

    // Binary frames and oversized messages close the socket.
    socket.socket().sendBinaryMessage(QByteArray("\x00\x01", 2));
    QVERIFY(socket.waitForDisconnected());
    TestSocket big;
    QVERIFY(big.open(m_server->webSocketUrl()));
    big.authenticate(ownerToken(), xd::Id::create());
    big.sendRaw(QString(2 * 1024 * 1024, QLatin1Char('x')));
    QVERIFY(big.waitForDisconnected());
    QCOMPARE(big.closeCode(), 1009);

    // The others never noticed.
    QVERIFY(bystander.isConnected());
    QVERIFY(!pull(bystander, QString(), 5).isEmpty());
    QCOMPARE(m_server->request("GET", QStringLiteral("/healthz")).status, 200);
}

void tst_SyncServer::deadPeer_thatStopsAnsweringPings_isDropped()
{
    // A peer that authenticates and then goes silent (never answers the server's pings), spoken to over a raw
    // TCP socket because QWebSocket always answers pings.
    QTcpSocket tcp;
    tcp.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(tcp.waitForConnected(5000));
    tcp.write(QStringLiteral("GET /sync/v1 HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nUpgrade: websocket\r\n"
                             "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                             "Sec-WebSocket-Version: 13\r\n\r\n")
                  .arg(m_server->port())
                  .toLatin1());
    QByteArray handshake;
    QVERIFY(QTest::qWaitFor([&] {
        handshake += tcp.readAll();
        return handshake.contains("\r\n\r\n");
    }));
    QVERIFY2(handshake.startsWith("HTTP/1.1 101"), handshake.constData());

    const QByteArray payload = QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("auth")},
                                                         {QStringLiteral("protocol"), 1},
                                                         {QStringLiteral("token"), ownerToken()},
                                                         {QStringLiteral("clientId"), xd::Id::create()}})
                                   .toJson(QJsonDocument::Compact);
    QVERIFY(payload.size() > 125 && payload.size() < 65536);
    QByteArray frame;
    frame.append(char(0x81)).append(char(0x80 | 126));
    frame.append(char(payload.size() >> 8)).append(char(payload.size() & 0xFF));
    const QByteArray mask("\x11\x22\x33\x44", 4);
    frame.append(mask);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    tcp.write(frame);
    QVERIFY(QTest::qWaitFor([&] { return tcp.bytesAvailable() > 0; }, 5000)); // auth.ok (and pings) arrive

    // Silent from now on: peer_timeout_ms is 1500 in this test's config.
    QElapsedTimer silent;
    silent.start();
    QVERIFY(QTest::qWaitFor(
        [&] {
            tcp.readAll();
            return tcp.state() == QAbstractSocket::UnconnectedState;
        },
        10000));
    QVERIFY2(silent.elapsed() >= 1000, "dropped only after the peer timeout, not at once");
}

void tst_SyncServer::login_repeatedFailures_areSlowedThenLocked_withoutSayingWhy()
{
    QString passwordB;
    const QString shopB = createShopB(&passwordB);
    QVERIFY(!shopB.isEmpty());
    auto attempt = [&](const QString& shop, const QString& user, const QString& password) {
        return m_server->requestJson("POST",
                                     QStringLiteral("/admin/v1/auth/login"),
                                     QJsonObject{{QStringLiteral("shop"), shop},
                                                 {QStringLiteral("login"), user},
                                                 {QStringLiteral("password"), password}});
    };
    // Wrong shop, wrong user and wrong password read the same.
    const auto wrongShop = attempt(QStringLiteral("不存在的店"), QStringLiteral("bob"), passwordB);
    const auto wrongUser = attempt(shopB, QStringLiteral("nobody"), passwordB);
    const auto wrongPassword = attempt(shopB, QStringLiteral("bob"), QStringLiteral("wrong-password"));
    QCOMPARE(wrongShop.status, 401);
    QCOMPARE(wrongShop.json, wrongUser.json);
    QCOMPARE(wrongUser.json, wrongPassword.json);

    for (int i = 0; i < 4; ++i)
        attempt(shopB, QStringLiteral("bob"), QStringLiteral("wrong-again"));
    // Five failures: now slowed -- even the right password waits.
    const auto slowed = attempt(shopB, QStringLiteral("bob"), passwordB);
    QCOMPARE(slowed.status, 429);
    QCOMPARE(slowed.json[QStringLiteral("error")][QStringLiteral("code")].toString(), QStringLiteral("rate_limited"));
    // After the back-off (1 s at this count) it works again and clears the count.
    QTest::qWait(1200);
    QVERIFY(!m_server->login(shopB, QStringLiteral("bob"), passwordB).isEmpty());
}

void tst_SyncServer::login_throttling_countsTheAccountNotItsSpelling_andTheClientBehindTheProxy()
{
    QString passwordB;
    const QString shopB = createShopB(&passwordB);
    QVERIFY(!shopB.isEmpty());
    auto attempt = [&](const QString& shop, const QString& password, const QByteArray& clientAddress) {
        return m_server->request("POST",
                                 QStringLiteral("/admin/v1/auth/login"),
                                 QJsonDocument(QJsonObject{{QStringLiteral("shop"), shop},
                                                           {QStringLiteral("login"), QStringLiteral("bob")},
                                                           {QStringLiteral("password"), password}})
                                     .toJson(QJsonDocument::Compact),
                                 {},
                                 {{"X-Real-IP", clientAddress}});
    };
    // Five wrong passwords from five different clients: the account is slowed whoever asks next.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(attempt(shopB, QStringLiteral("wrong-%1").arg(i), QByteArray("192.0.2.") + QByteArray::number(i + 1))
                     .status,
                 401);
    QCOMPARE(attempt(shopB, passwordB, "192.0.2.99").status, 429);

    // Many failures of unknown accounts from one client do not stop another client behind the same proxy.
    for (int i = 0; i < 60; ++i)
        attempt(QStringLiteral("没有这家店"), QStringLiteral("x"), "198.51.100.7");
    QCOMPARE(attempt(QStringLiteral("没有这家店"), QStringLiteral("x"), "198.51.100.7").status, 429);
    QTest::qWait(1100); // the account's 1 s back-off
    const auto other = attempt(shopB, passwordB, "203.0.113.5");
    QCOMPARE(other.status, 200);
}

void tst_SyncServer::logout_endsReadsOnAnOpenSocketToo()
{
    const QString token = m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    QCOMPARE(socket.authenticate(token, xd::Id::create()).value(QStringLiteral("type")).toString(),
             QStringLiteral("auth.ok"));
    QVERIFY(!pull(socket, QString(), 5).isEmpty());
    QCOMPARE(m_server->request("POST", QStringLiteral("/admin/v1/auth/logout"), {}, token).status, 200);
    socket.sendJson(
        QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")}, {QStringLiteral("id"), QStringLiteral("after")}});
    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.closeCode(), 4401);
    for (const QJsonObject& message : socket.takeReceived())
        QVERIFY(message.value(QStringLiteral("type")).toString() != QLatin1String("pull.result"));
}

void tst_SyncServer::photos_areCheckedByContent_andServedWithCachingHeaders()
{
    const QByteArray png = testSolidPng(40, 30); // made byte by byte

    const auto before = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken());
    const auto fake =
        m_server->request("POST", QStringLiteral("/admin/v1/shop/photos"), "this is text, named .jpg", ownerToken());
    QCOMPARE(fake.status, 400);
    const auto truncated =
        m_server->request("POST", QStringLiteral("/admin/v1/shop/photos"), png.left(60), ownerToken());
    QCOMPARE(truncated.status, 400);
    const auto huge = m_server->request(
        "POST", QStringLiteral("/admin/v1/shop/photos"), png + QByteArray(6 * 1024 * 1024, '\0'), ownerToken());
    QCOMPARE(huge.status, 400);
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, ownerToken()).json, before.json);

    const auto uploaded = m_server->request("POST", QStringLiteral("/admin/v1/shop/photos"), png, ownerToken());
    QCOMPARE(uploaded.status, 201);
    const QString photoId = uploaded.json.value(QStringLiteral("id")).toString();
    QVERIFY(xd::Id::isValid(photoId));
    const QString url = QStringLiteral("/api/v1/shops/%1/photos/%2").arg(m_server->demoShopId(), photoId);
    const auto served = m_server->request("GET", url);
    QCOMPARE(served.status, 200);
    QCOMPARE(served.body, png);
    QCOMPARE(served.header("content-type"), QByteArray("image/png"));
    QVERIFY(served.header("cache-control").contains("max-age"));
    const QByteArray etag = served.header("etag");
    QVERIFY(!etag.isEmpty());
    QCOMPARE(m_server->request("GET", url, {}, {}, {{"If-None-Match", etag}}).status, 304);
    // Another shop's id in the path finds nothing.
    QString passwordB;
    const QString shopB = createShopB(&passwordB);
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v1/shops/%1/photos/%2").arg(shopB, photoId)).status, 404);

    QCOMPARE(
        m_server->request("DELETE", QStringLiteral("/admin/v1/shop/photos/%1").arg(photoId), {}, ownerToken()).status,
        200);
    QCOMPARE(m_server->request("GET", url).status, 404);
}

void tst_SyncServer::publicShopPage_hasNavigationAndPhoneData()
{
    QCOMPARE(m_server
                 ->requestJson("PATCH",
                               QStringLiteral("/admin/v1/shop"),
                               QJsonObject{{QStringLiteral("address"), QStringLiteral("上海市黄浦区南京东路1号")},
                                           {QStringLiteral("latitudeE6"), 31230416},
                                           {QStringLiteral("longitudeE6"), 121473701},
                                           {QStringLiteral("phones"), QJsonArray{QStringLiteral("021-63212345")}},
                                           {QStringLiteral("serviceItems"),
                                            QJsonArray{QStringLiteral("堂食"), QStringLiteral("外卖")}}},
                               ownerToken())
                 .status,
             200);
    const auto page = m_server->request("GET", QStringLiteral("/api/v1/shops/%1").arg(m_server->demoShopId()));
    QCOMPARE(page.status, 200);
    const QJsonObject location = page.json.value(QStringLiteral("location")).toObject();
    QCOMPARE(location.value(QStringLiteral("latitude")).toString(), QStringLiteral("31.230416"));
    QCOMPARE(location.value(QStringLiteral("longitude")).toString(), QStringLiteral("121.473701"));
    QCOMPARE(location.value(QStringLiteral("coordinateSystem")).toString(), QStringLiteral("gcj02"));
    QCOMPARE(page.json.value(QStringLiteral("phones")).toArray().at(0).toString(), QStringLiteral("021-63212345"));
    QCOMPARE(page.json.value(QStringLiteral("serviceItems")).toArray().size(), 2);
    QVERIFY(!page.json.value(QStringLiteral("customerService")).toObject().contains(QStringLiteral("autoReply")));
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v1/shops/not-an-id")).status, 400);
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v1/shops/%1").arg(xd::Id::create())).status, 404);
}

void tst_SyncServer::cli_createsShopAndStaff()
{
    int exitCode = -1;
    const QString out = m_server->runCommand({QStringLiteral("shop"),
                                              QStringLiteral("create"),
                                              QStringLiteral("--name"),
                                              QStringLiteral("命令行小店"),
                                              QStringLiteral("--owner"),
                                              QStringLiteral("zhang"),
                                              QStringLiteral("--password-stdin")},
                                             "zhangpass123\n",
                                             &exitCode);
    QCOMPARE(exitCode, 0);
    QVERIFY2(!out.contains(QStringLiteral("zhangpass123")), qPrintable(out));
    QVERIFY(!m_server->login(QStringLiteral("命令行小店"), QStringLiteral("zhang"), QStringLiteral("zhangpass123"))
                 .isEmpty());
    const QString staffOut = m_server->runCommand({QStringLiteral("staff"),
                                                   QStringLiteral("add"),
                                                   QStringLiteral("--shop"),
                                                   QStringLiteral("命令行小店"),
                                                   QStringLiteral("--login"),
                                                   QStringLiteral("wang"),
                                                   QStringLiteral("--role"),
                                                   QStringLiteral("clerk")},
                                                  {},
                                                  &exitCode);
    QCOMPARE(exitCode, 0);
    const QString generated = QRegularExpression(QStringLiteral("password: (\\S+)")).match(staffOut).captured(1);
    QVERIFY(generated.size() >= 12);
    QVERIFY(!m_server->login(QStringLiteral("命令行小店"), QStringLiteral("wang"), generated).isEmpty());
    m_server->runCommand({QStringLiteral("staff"),
                          QStringLiteral("add"),
                          QStringLiteral("--shop"),
                          QStringLiteral("命令行小店"),
                          QStringLiteral("--login"),
                          QStringLiteral("wang")},
                         {},
                         &exitCode);
    QCOMPARE(exitCode, 1); // taken
    m_server->runCommand(
        {QStringLiteral("shop"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("x")},
        {},
        &exitCode);
    QCOMPARE(exitCode, 2); // --owner missing
}

void tst_SyncServer::twoServersOnOnePostgres_pokeAndRevokeAcrossServers()
{
    if (m_postgresUrl.isEmpty())
        QSKIP("several servers share one database on PostgreSQL only");
    ServerProcess second(m_dir.filePath(QStringLiteral("data-second")));
    QVERIFY2(second.start({QStringLiteral("--database"), m_postgresUrl.toString()}, 0, ServerProcess::Demo::None),
             qPrintable(second.errorText()));

    TestSocket onSecond;
    QVERIFY(onSecond.open(second.webSocketUrl()));
    const QJsonObject authed = onSecond.authenticate(ownerToken(), xd::Id::create());
    QCOMPARE(authed.value(QStringLiteral("type")).toString(), QStringLiteral("auth.ok"));
    // A write through the first server pokes a desktop connected to the second.
    QCOMPARE(m_server
                 ->requestJson("PATCH",
                               QStringLiteral("/admin/v1/shop"),
                               QJsonObject{{QStringLiteral("intro"), QStringLiteral("跨服务器")}},
                               ownerToken())
                 .status,
             200);
    const QJsonObject poke = onSecond.waitFor(QStringLiteral("poke"), 5000);
    QVERIFY(poke.value(QStringLiteral("version")).toInteger() > 0);
    const QJsonObject page = pull(onSecond, QString(), 1000);
    bool sawIntro = false;
    for (const QJsonValue& row : page.value(QStringLiteral("rows")).toArray())
        sawIntro |= row[QStringLiteral("data")][QStringLiteral("intro")].toString() == QStringLiteral("跨服务器");
    QVERIFY(sawIntro);

    // A password reset on the first server closes that person's socket on the second.
    const QString clerkId = addClerk(ownerToken(), QStringLiteral("roamer"), QStringLiteral("roamerpass1"));
    QVERIFY(!clerkId.isEmpty());
    const QString clerkToken =
        second.login(m_server->demoShopName(), QStringLiteral("roamer"), QStringLiteral("roamerpass1"));
    TestSocket clerk;
    QVERIFY(clerk.open(second.webSocketUrl()));
    QCOMPARE(clerk.authenticate(clerkToken, xd::Id::create()).value(QStringLiteral("type")).toString(),
             QStringLiteral("auth.ok"));
    QCOMPARE(m_server
                 ->requestJson("POST",
                               QStringLiteral("/admin/v1/staff/%1/password").arg(clerkId),
                               QJsonObject{{QStringLiteral("password"), QStringLiteral("changed-pass2")}},
                               ownerToken())
                 .status,
             200);
    QVERIFY(clerk.waitForDisconnected(5000));
    QCOMPARE(clerk.closeCode(), 4401);
    second.stop();
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_SyncServer>(argc, argv);
}
#include "tst_syncserver.moc"
