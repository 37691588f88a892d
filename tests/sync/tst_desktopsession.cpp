// Signing in, remembering, the encrypted cache per account, passphrases, lost keys and ended sessions, with the real
// desktop code against a real syncserver process.
#include "CacheStore.h"
#include "DesktopSession.h"
#include "InMemorySecretStore.h"
#include "SecretStore.h"
#include "ServerProcess.h"
#include "ShopService.h"
#include "StatsService.h"
#include "xiaodian/Clock.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace xd;

namespace {

SyncClient::Settings fastSync()
{
    SyncClient::Settings settings;
    settings.heartbeatIntervalMs = 500;
    settings.peerTimeoutMs = 3000;
    settings.backoffInitialMs = 50;
    settings.backoffMaxMs = 400;
    return settings;
}

Status waitFor(const std::function<void(DesktopSession::Done)>& call)
{
    std::optional<Status> result;
    call([&](Status status) { result = status; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return makeError(ErrorCode::Internal, QStringLiteral("no answer"));
    return *result;
}

bool online(const DesktopSession& session)
{
    return QTest::qWaitFor(
        [&] {
            return session.syncClient() && session.syncClient()->state() == SyncClient::State::Online &&
                   session.syncClient()->pendingCount() == 0;
        },
        20000);
}

} // namespace

class tst_DesktopSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void signIn_remembered_resumesAfterRestartWithoutPassword();
    void signIn_wrongPassword_isClearError_andNothingOpens();
    void noKeychain_asksForPassphrase_andTheCacheIsEncrypted();
    void lostKey_withUnsyncedWork_isNeverDroppedSilently();
    void passwordResetElsewhere_endsTheSession();
    void signOut_withUnsyncedWork_keepsItUnlessConfirmed();
    void signInAgainBeforeTheFirstFinished_onlyTheLastOneOpens();
    void unreachableServer_isNotMistakenForAMissingKeychain();

private:
    Status signIn(DesktopSession& session, const QString& password, bool remember = true);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    SystemClock m_clock;
    QString m_cacheDir;
};

void tst_DesktopSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("server")));
    QVERIFY2(m_server->start(), qPrintable(m_server->errorText()));
}

void tst_DesktopSession::init()
{
    QSettings().clear();
    m_cacheDir = m_dir.filePath(QStringLiteral("caches-%1").arg(QLatin1String(QTest::currentTestFunction())));
}

Status tst_DesktopSession::signIn(DesktopSession& session, const QString& password, bool remember)
{
    return waitFor([&](DesktopSession::Done done) {
        session.signIn(
            QUrl(m_server->baseUrl()), m_server->demoShopName(), QStringLiteral("owner"), password, remember, done);
    });
}

void tst_DesktopSession::signIn_remembered_resumesAfterRestartWithoutPassword()
{
    InMemorySecretStore keychain;
    QString accountId;
    {
        DesktopSession session(keychain, m_clock, m_cacheDir, fastSync());
        const Status signedIn = signIn(session, m_server->demoPassword());
        QVERIFY2(signedIn, qPrintable(signedIn ? QString() : signedIn.error().toString()));
        QVERIFY(session.isActive());
        QVERIFY(online(session));
        QCOMPARE(session.shop()->shopProfile()->value(QStringLiteral("name")).toString(), m_server->demoShopName());
        // The session's reports run on the synced shop's calendar.
        QVERIFY(session.stats());
        QCOMPARE(session.stats()->calendar().zoneId(), QByteArray("Asia/Shanghai"));
        QVERIFY(session.stats()->report(session.stats()->period(stats::PeriodKind::ThisMonth)));
        accountId = session.account().accountId();
        QVERIFY(keychain.contains(SecretStore::tokenName(accountId)));
        QVERIFY(keychain.contains(SecretStore::cacheKeyName(accountId)));
        QVERIFY(session.shop()->updateProfile({{QStringLiteral("intro"), QStringLiteral("重启前写的")}}));
        QVERIFY(online(session));
    }
    // The file on disk is encrypted and named without the shop or the person in it.
    const QStringList files = QDir(m_cacheDir).entryList(QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString& name : files)
        QVERIFY(!name.contains(QStringLiteral("owner")) && !name.contains(m_server->demoShopId()));
    QFile cacheFile(QDir(m_cacheDir).filePath(files.filter(QStringLiteral(".db")).value(0)));
    QVERIFY(cacheFile.open(QIODevice::ReadOnly));
    const QByteArray bytes = cacheFile.readAll();
    QVERIFY(!bytes.startsWith("SQLite format 3"));
    QVERIFY(!bytes.contains(QStringLiteral("重启前写的").toUtf8()));

    // A new process (a new session object) with the same keychain: no password needed, the same cache.
    DesktopSession restarted(keychain, m_clock, m_cacheDir, fastSync());
    QCOMPARE(DesktopSession::remembered().login, QStringLiteral("owner"));
    const Status resumed = waitFor([&](DesktopSession::Done done) { restarted.resume(done); });
    QVERIFY2(resumed, qPrintable(resumed ? QString() : resumed.error().toString()));
    QCOMPARE(restarted.account().accountId(), accountId);
    QCOMPARE(restarted.shop()->shopProfile()->value(QStringLiteral("intro")).toString(), QStringLiteral("重启前写的"));
    QVERIFY(online(restarted));
}

void tst_DesktopSession::signIn_wrongPassword_isClearError_andNothingOpens()
{
    InMemorySecretStore keychain;
    DesktopSession session(keychain, m_clock, m_cacheDir, fastSync());
    const Status refused = signIn(session, QStringLiteral("not-the-password"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Unauthenticated);
    QVERIFY(!session.isActive());
    QVERIFY(QDir(m_cacheDir).entryList(QDir::Files).isEmpty());
    const Status nothingRemembered = waitFor([&](DesktopSession::Done done) { session.resume(done); });
    QVERIFY(!nothingRemembered);
}

void tst_DesktopSession::noKeychain_asksForPassphrase_andTheCacheIsEncrypted()
{
    InMemorySecretStore keychain;
    keychain.setAvailable(false);
    DesktopSession session(keychain, m_clock, m_cacheDir, fastSync());
    const Status needsPassphrase = signIn(session, m_server->demoPassword(), false);
    QVERIFY(!needsPassphrase);
    QCOMPARE(needsPassphrase.error().code, ErrorCode::Unavailable);
    QVERIFY(!session.isActive());
    QVERIFY(session.openWithPassphrase(QStringLiteral("我的口令 correct horse")));
    QVERIFY(session.isActive());
    QVERIFY(online(session));
    session.signOut(false, false, [](Status) {});
    QVERIFY(!session.isActive());
    QVERIFY(!session.stats());

    // Next time: a wrong passphrase is WrongKey and changes nothing; the right one opens the synced cache.
    DesktopSession again(keychain, m_clock, m_cacheDir, fastSync());
    QVERIFY(!signIn(again, m_server->demoPassword(), false));
    const Status wrong = again.openWithPassphrase(QStringLiteral("wrong"));
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::WrongKey);
    QVERIFY(again.openWithPassphrase(QStringLiteral("我的口令 correct horse")));
    QCOMPARE(again.shop()->shopProfile()->value(QStringLiteral("name")).toString(), m_server->demoShopName());
}

void tst_DesktopSession::lostKey_withUnsyncedWork_isNeverDroppedSilently()
{
    InMemorySecretStore keychain;
    QString accountId;
    {
        DesktopSession session(keychain, m_clock, m_cacheDir, fastSync());
        QVERIFY(signIn(session, m_server->demoPassword()));
        QVERIFY(online(session));
        session.syncClient()->stop(); // offline
        QVERIFY(session.shop()->updateProfile({{QStringLiteral("address"), QStringLiteral("未同步的地址")}}));
        QCOMPARE(session.syncClient()->pendingCount(), 1);
        accountId = session.account().accountId();
    }
    // The keychain entry is lost (another user profile, a reinstalled system...).
    keychain.remove(SecretStore::cacheKeyName(accountId), [](Status) {});

    DesktopSession session(keychain, m_clock, m_cacheDir, fastSync());
    const Status atRisk = waitFor([&](DesktopSession::Done done) { session.resume(done); });
    QVERIFY(!atRisk);
    QCOMPARE(atRisk.error().code, CacheLocator::PendingOperationsAtRisk);
    QVERIFY(!session.isActive());
    QVERIFY(!QDir(m_cacheDir).entryList(QDir::Files).isEmpty()); // nothing was deleted

    // Only when the user says so: start over from the server.
    const Status discarded = waitFor([&](DesktopSession::Done done) { session.discardUnreadableCache(done); });
    QVERIFY2(discarded, qPrintable(discarded ? QString() : discarded.error().toString()));
    QVERIFY(online(session));
    QCOMPARE(session.syncClient()->pendingCount(), 0);
}

void tst_DesktopSession::passwordResetElsewhere_endsTheSession()
{
    const QString ownerToken =
        m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    const auto created = m_server->requestJson("POST",
                                               QStringLiteral("/admin/v1/staff"),
                                               QJsonObject{{QStringLiteral("login"), QStringLiteral("clerkdesk")},
                                                           {QStringLiteral("role"), QStringLiteral("clerk")},
                                                           {QStringLiteral("password"), QStringLiteral("clerkdesk1")}},
                                               ownerToken);
    QCOMPARE(created.status, 201);
    InMemorySecretStore keychain;
    DesktopSession session(keychain, m_clock, m_cacheDir, fastSync());
    const Status signedIn = waitFor([&](DesktopSession::Done done) {
        session.signIn(QUrl(m_server->baseUrl()),
                       m_server->demoShopName(),
                       QStringLiteral("clerkdesk"),
                       QStringLiteral("clerkdesk1"),
                       true,
                       done);
    });
    QVERIFY(signedIn);
    QVERIFY(online(session));
    QVERIFY(!session.shop()->can(QStringLiteral("staff.add")));
    QSignalSpy ended(&session, &DesktopSession::sessionEnded);
    QCOMPARE(m_server
                 ->requestJson(
                     "POST",
                     QStringLiteral("/admin/v1/staff/%1/password").arg(created.json[QStringLiteral("id")].toString()),
                     QJsonObject{{QStringLiteral("password"), QStringLiteral("newclerk22")}},
                     ownerToken)
                 .status,
             200);
    QVERIFY(!ended.isEmpty() || ended.wait(5000)); // it may already have come during the request
    QVERIFY(!keychain.contains(SecretStore::tokenName(session.account().accountId())));
}

void tst_DesktopSession::signOut_withUnsyncedWork_keepsItUnlessConfirmed()
{
    InMemorySecretStore keychain;
    DesktopSession session(keychain, m_clock, m_cacheDir, fastSync());
    QVERIFY(signIn(session, m_server->demoPassword()));
    QVERIFY(online(session));
    session.syncClient()->stop();
    QVERIFY(session.shop()->updateProfile({{QStringLiteral("intro"), QStringLiteral("还没同步")}}));
    const Status refused = waitFor([&](DesktopSession::Done done) { session.signOut(true, false, done); });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, CacheLocator::PendingOperationsAtRisk);
    QVERIFY(session.isActive()); // nothing happened
    QCOMPARE(session.syncClient()->pendingCount(), 1);
    QVERIFY(waitFor([&](DesktopSession::Done done) { session.signOut(true, true, done); }));
    QVERIFY(!session.isActive());
    QVERIFY(QDir(m_cacheDir).entryList(QDir::Files).filter(QStringLiteral(".db")).isEmpty());
}

void tst_DesktopSession::signInAgainBeforeTheFirstFinished_onlyTheLastOneOpens()
{
    InMemorySecretStore keychain;
    DesktopSession session(keychain, m_clock, m_cacheDir, fastSync());
    QSignalSpy activated(&session, &DesktopSession::activated);
    int firstAnswers = 0;
    std::optional<Status> second;
    // The user presses Sign in, cancels, and signs in again before the first answer came.
    session.signIn(QUrl(m_server->baseUrl()),
                   m_server->demoShopName(),
                   QStringLiteral("owner"),
                   m_server->demoPassword(),
                   true,
                   [&](Status) { ++firstAnswers; });
    session.signIn(QUrl(m_server->baseUrl()),
                   m_server->demoShopName(),
                   QStringLiteral("owner"),
                   m_server->demoPassword(),
                   true,
                   [&](Status status) { second = status; });
    QVERIFY(QTest::qWaitFor([&] { return second.has_value(); }, 20000));
    QVERIFY(*second);
    QTest::qWait(300); // a late first answer would arrive now
    QCOMPARE(firstAnswers, 0);
    QCOMPARE(activated.count(), 1);
    QVERIFY(online(session));
}

void tst_DesktopSession::unreachableServer_isNotMistakenForAMissingKeychain()
{
    InMemorySecretStore keychain;
    DesktopSession session(keychain, m_clock, m_cacheDir, fastSync());
    QVERIFY(signIn(session, m_server->demoPassword()));
    QVERIFY(online(session));
    // Signing in again with a mistyped host: the old account is closed, and nothing suggests a passphrase.
    const Status unreachable = waitFor([&](DesktopSession::Done done) {
        session.signIn(QUrl(QStringLiteral("http://127.0.0.1:1")),
                       m_server->demoShopName(),
                       QStringLiteral("owner"),
                       m_server->demoPassword(),
                       true,
                       done);
    });
    QVERIFY(!unreachable);
    QCOMPARE(unreachable.error().code, ErrorCode::Unavailable);
    QVERIFY(!session.needsPassphrase());
    QVERIFY(!session.isActive());
    QVERIFY(session.account().token.isEmpty());
    QVERIFY(!session.openWithPassphrase(QStringLiteral("anything")));
}

QTEST_GUILESS_MAIN(tst_DesktopSession)
#include "tst_desktopsession.moc"
