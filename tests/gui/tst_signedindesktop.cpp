// The whole desktop as a merchant meets it, against a real syncserver process: sign in through the dialog, edit the
// shop page while the server is down, see the unsynced count, get the server back, see the count drain.
#include "DashboardPage.h"
#include "DesktopFixture.h"
#include "DesktopSession.h"
#include "FinancePage.h"
#include "GuiTestHelpers.h"
#include "InMemorySecretStore.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "ServerProcess.h"
#include "SessionController.h"
#include "ShopService.h"
#include "ShopSettingsPage.h"
#include "SignInDialog.h"
#include "StatisticsPage.h"
#include "StatsService.h"
#include "SyncClient.h"
#include "SyncStatusWidget.h"
#include "xiaodian/Clock.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace xd;

class tst_SignedInDesktop : public QObject, private test::DesktopServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signIn_editOffline_seeUnsyncedCount_goOnline_seeItDrain();
    void noKeychain_asksForAPassphrase_wrongOneAsksAgain_thenOpens();
    void signOut_tellsHowManyChangesDeletingDrops_andDoesWhatWasChosen();
};

void tst_SignedInDesktop::initTestCase()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
}

void tst_SignedInDesktop::signIn_editOffline_seeUnsyncedCount_goOnline_seeItDrain()
{
    test::WiredDesktop desktop(m_dir.filePath(QStringLiteral("caches")));
    MainWindow& window = desktop.window;
    SessionController& controller = desktop.controller;
    const QStringList& warnings = desktop.warnings;
    QVERIFY(desktop.show());

    // Nobody is remembered: the sign-in dialog opens. Type into it as a person would.
    controller.start();
    SignInDialog* dialog = nullptr;
    QVERIFY(
        QTest::qWaitFor([&] { return (dialog = window.findChild<SignInDialog*>(QStringLiteral("signInDialog"))); }));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto* server = dialog->findChild<QLineEdit*>(QStringLiteral("serverLineEdit"));
    server->selectAll();
    QTest::keyClicks(server, m_server->baseUrl());
    test::typeText(dialog->findChild<QLineEdit*>(QStringLiteral("shopLineEdit")), m_server->demoShopName());
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("loginLineEdit")), QStringLiteral("owner"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")), m_server->demoPassword());
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("signInPushButton")), Qt::LeftButton);

    auto* stateLabel = window.findChild<QLabel*>(QStringLiteral("stateLabel"));
    auto* pendingLabel = window.findChild<QLabel*>(QStringLiteral("pendingLabel"));
    QVERIFY(stateLabel && pendingLabel);
    const QString onlineText = SyncStatusWidget::stateText(SyncStatusWidget::State::Online);
    QVERIFY2(QTest::qWaitFor([&] { return stateLabel->text() == onlineText; }, 20000),
             qPrintable(stateLabel->text() + warnings.join(QLatin1Char('\n'))));
    QVERIFY(window.findChild<SignInDialog*>(QStringLiteral("signInDialog")) == nullptr ||
            !window.findChild<SignInDialog*>(QStringLiteral("signInDialog"))->isVisible());

    // The shop settings module shows what the server has.
    window.setCurrentModule(MainWindow::Module::ShopSettings);
    auto* nameLineEdit = window.findChild<QLineEdit*>(QStringLiteral("nameLineEdit"));
    QVERIFY(nameLineEdit);
    QVERIFY(QTest::qWaitFor([&] { return nameLineEdit->text() == m_server->demoShopName(); }));
    // The report modules read the session's StatsService: enabled, today is the shop's day.
    QVERIFY(controller.dashboardPage()->isEnabled());
    QCOMPARE(controller.dashboardPage()->shownDay(), desktop.session.stats()->today());
    QVERIFY(controller.financePage()->isEnabled());
    QVERIFY(controller.statisticsPage()->isEnabled());
    QVERIFY(controller.statisticsPage()->report());

    // The server goes away: the desktop says it is offline and keeps working.
    const quint16 port = m_server->port();
    m_server->kill();
    QVERIFY(QTest::qWaitFor([&] { return stateLabel->text() != onlineText; }, 10000));
    auto* offlineNotice = window.findChild<QWidget*>(QStringLiteral("offlineNoticeFrame"));
    QVERIFY(QTest::qWaitFor([&] { return offlineNotice->isVisible(); }));

    auto* intro = window.findChild<QPlainTextEdit*>(QStringLiteral("introPlainTextEdit"));
    intro->setFocus();
    intro->selectAll();
    test::typeText(intro, QStringLiteral("离线时写的介绍"));
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("savePushButton")), Qt::LeftButton);
    QVERIFY2(
        QTest::qWaitFor([&] { return pendingLabel->isVisible() && pendingLabel->text().contains(QLatin1Char('1')); }),
        qPrintable(pendingLabel->text()));
    QVERIFY(warnings.isEmpty());
    QPixmap offlineShot = window.grab();
    QVERIFY(offlineShot.save(QStringLiteral(XD_SCREENSHOT_DIR "/signedin_offline_zh_CN.png")));

    // The server is back (same port, same database): the count drains and the server has the change.
    QVERIFY2(m_server->start({}, port, ServerProcess::Demo::None), qPrintable(m_server->errorText()));
    QVERIFY(QTest::qWaitFor([&] { return stateLabel->text() == onlineText && !pendingLabel->isVisible(); }, 20000));
    const QString token = m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    const auto shop = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, token);
    QCOMPARE(shop.json.value(QStringLiteral("intro")).toString(), QStringLiteral("离线时写的介绍"));
    QVERIFY(!offlineNotice->isVisible());
    QPixmap onlineShot = window.grab();
    QVERIFY(onlineShot.save(QStringLiteral(XD_SCREENSHOT_DIR "/signedin_online_zh_CN.png")));
}

void tst_SignedInDesktop::noKeychain_asksForAPassphrase_wrongOneAsksAgain_thenOpens()
{
    if (!m_server->isRunning())
        QVERIFY(m_server->start({}, 0, ServerProcess::Demo::None));
    const QString cacheDir = m_dir.filePath(QStringLiteral("caches-passphrase"));
    InMemorySecretStore keychain;
    keychain.setAvailable(false); // e.g. a Linux desktop without a Secret Service
    const SystemClock clock;
    QStringList warnings;
    QList<bool> asked;

    auto signInWith = [&](const QStringList& answers) {
        LanguageManager languages;
        MainWindow window(&languages);
        DesktopSession session(keychain, clock, cacheDir);
        SessionController controller(window, session);
        int next = 0;
        SessionController::Prompts prompts;
        prompts.passphrase = [&](bool firstTime) {
            asked << firstTime;
            return next < answers.size() ? answers[next++] : QString();
        };
        prompts.warn = [&](const QString& message) {
            warnings << message;
        };
        controller.setPrompts(prompts);
        controller.setSignInPrefill(
            QUrl(m_server->baseUrl()), m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
        window.show();
        controller.showSignIn(); // signs in with the pre-filled password at once
        // Done when synced, or when the prompt was asked once more than there were answers (the user cancelled).
        (void)QTest::qWaitFor(
            [&] {
                return (session.isActive() && session.syncClient()->state() == SyncClient::State::Online) ||
                       asked.size() > answers.size();
            },
            20000);
        const bool opened = session.isActive() && session.syncClient()->state() == SyncClient::State::Online;
        const QString name =
            opened ? session.shop()->shopProfile()->value(QStringLiteral("name")).toString() : QString();
        return std::pair{opened, name};
    };

    // First sign-in on this computer: a passphrase is chosen, the cache is created with it.
    QVERIFY(signInWith({QStringLiteral("口令 one two three")}).first);
    QCOMPARE(asked, QList<bool>{true});
    QVERIFY(warnings.isEmpty());

    // Next time: a wrong passphrase is asked again (not a crash, not an empty shop), the right one opens it.
    asked.clear();
    const auto [opened, name] = signInWith({QStringLiteral("wrong"), QStringLiteral("口令 one two three")});
    QVERIFY(opened);
    QCOMPARE(asked, (QList<bool>{false, false})); // "enter the passphrase", not "choose one", both times
    QCOMPARE(name, m_server->demoShopName());

    // Cancelling the prompt leaves the shop closed, with a clear message.
    asked.clear();
    warnings.clear();
    QVERIFY(!signInWith({}).first);
    QCOMPARE(asked.size(), 1);
    QVERIFY(warnings.isEmpty()); // the reason is shown in the sign-in dialog, which stays open
}

void tst_SignedInDesktop::signOut_tellsHowManyChangesDeletingDrops_andDoesWhatWasChosen()
{
    if (!m_server->isRunning())
        QVERIFY(m_server->start({}, 0, ServerProcess::Demo::None));
    const QString cacheDir = m_dir.filePath(QStringLiteral("caches-signout"));
    InMemorySecretStore keychain;
    const SystemClock clock;
    LanguageManager languages;
    MainWindow window(&languages);
    DesktopSession session(keychain, clock, cacheDir);
    SessionController controller(window, session);
    QList<int> toldUnsynced;
    QList<SessionController::Prompts::SignOutChoice> answers{SessionController::Prompts::SignOutChoice::Cancel,
                                                             SessionController::Prompts::SignOutChoice::DeleteCache};
    SessionController::Prompts prompts;
    prompts.signOut = [&](int unsynced) {
        toldUnsynced << unsynced;
        return answers.takeFirst();
    };
    prompts.warn = [](const QString&) {
    };
    controller.setPrompts(prompts);
    controller.setSignInPrefill(
        QUrl(m_server->baseUrl()), m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    window.show();
    controller.showSignIn();
    QVERIFY(QTest::qWaitFor(
        [&] { return session.isActive() && session.syncClient()->state() == SyncClient::State::Online; }, 20000));
    session.syncClient()->stop();
    QVERIFY(session.shop()->updateProfile({{QStringLiteral("intro"), QStringLiteral("退出前没同步的修改")}}));

    auto* signOutAction = window.findChild<QAction*>(QStringLiteral("signOutAction"));
    QVERIFY(signOutAction && signOutAction->isEnabled());
    signOutAction->trigger(); // cancelled: nothing happens
    QVERIFY(session.isActive());
    signOutAction->trigger(); // delete the copy, knowing one change is dropped
    QCOMPARE(toldUnsynced, (QList<int>{1, 1}));
    QVERIFY(QTest::qWaitFor([&] { return !session.isActive(); }));
    QVERIFY(QDir(cacheDir).entryList(QDir::Files).filter(QStringLiteral(".db")).isEmpty());
    QVERIFY(!signOutAction->isEnabled());
}

QTEST_MAIN(tst_SignedInDesktop)
#include "tst_signedindesktop.moc"
