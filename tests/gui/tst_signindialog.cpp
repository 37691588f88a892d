#include "GuiTestHelpers.h"
#include "LanguageManager.h"
#include "SignInDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>

using Credentials = xd::SignInDialog::Credentials;
using Callback = std::function<void(const QString&)>;
using xd::test::saveScreenshot;

namespace {

// Records the attempts and keeps the answer for later, as a network call would.
struct FakeSignIn
{
    int calls = 0;
    std::optional<Credentials> last;
    Callback answer;

    xd::SignInDialog::SignInFunction function()
    {
        return [this](const Credentials& credentials, Callback done) {
            ++calls;
            last = credentials;
            answer = std::move(done);
        };
    }
};

void fill(xd::SignInDialog& dialog, const QString& shop, const QString& login, const QString& password)
{
    xd::test::typeText(dialog.findChild<QLineEdit*>(QStringLiteral("shopLineEdit")), shop);
    xd::test::typeText(dialog.findChild<QLineEdit*>(QStringLiteral("loginLineEdit")), login);
    xd::test::typeText(dialog.findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")), password);
}

QPushButton* signInButton(xd::SignInDialog& dialog)
{
    return dialog.findChild<QPushButton*>(QStringLiteral("signInPushButton"));
}

} // namespace

class TestSignInDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void opens_withDefaultServer_passwordHidden();
    void validation_data();
    void validation();
    void signIn_busyWhileWaiting_thenAccepts();
    void signIn_error_shownAndFieldsBack();
    void signIn_enterKey_submits();
    void wrongCredentialsMessage_namesNoField();
    void cancelWhileBusy_lateAnswerIgnored();
    void synchronousAnswer_works();
    void setCredentials_fillsAndFocusesFirstEmpty();
    void screenshots();

private:
    QTemporaryDir m_dir;
};

void TestSignInDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("XiaodianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_signindialog"));
}

void TestSignInDialog::opens_withDefaultServer_passwordHidden()
{
    FakeSignIn fake;
    xd::SignInDialog dialog(fake.function());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("serverLineEdit"))->text(),
             QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("passwordLineEdit"))->echoMode(), QLineEdit::Password);
    QVERIFY(!dialog.findChild<QCheckBox*>(QStringLiteral("rememberCheckBox"))->isChecked());
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("errorLabel"))->isVisible());
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("busyLabel"))->isVisible());
    QVERIFY(!dialog.isBusy());
    QCOMPARE(QApplication::focusWidget(), dialog.findChild<QLineEdit*>(QStringLiteral("shopLineEdit")));
}

void TestSignInDialog::validation_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("shop");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("focus");
    const QString ok = QStringLiteral("http://127.0.0.1:8080");
    QTest::newRow("no server") << QString() << QStringLiteral("小店") << QStringLiteral("owner") << QStringLiteral("pw")
                               << QStringLiteral("Enter the server address, e.g. %1.").arg(ok)
                               << QStringLiteral("serverLineEdit");
    QTest::newRow("ftp server")
        << QStringLiteral("ftp://shop.example.com") << QStringLiteral("小店") << QStringLiteral("owner")
        << QStringLiteral("pw")
        << QStringLiteral("The server address must start with http:// or https://, e.g. %1.").arg(ok)
        << QStringLiteral("serverLineEdit");
    QTest::newRow("no scheme")
        << QStringLiteral("shop.example.com") << QStringLiteral("小店") << QStringLiteral("owner")
        << QStringLiteral("pw")
        << QStringLiteral("The server address must start with http:// or https://, e.g. %1.").arg(ok)
        << QStringLiteral("serverLineEdit");
    QTest::newRow("no host")
        << QStringLiteral("https://") << QStringLiteral("小店") << QStringLiteral("owner") << QStringLiteral("pw")
        << QStringLiteral("The server address must start with http:// or https://, e.g. %1.").arg(ok)
        << QStringLiteral("serverLineEdit");
    QTest::newRow("no shop") << ok << QStringLiteral("   ") << QStringLiteral("owner") << QStringLiteral("pw")
                             << QStringLiteral("Enter the shop's name or ID.") << QStringLiteral("shopLineEdit");
    QTest::newRow("no login") << ok << QStringLiteral("小店") << QString() << QStringLiteral("pw")
                              << QStringLiteral("Enter your user name.") << QStringLiteral("loginLineEdit");
    QTest::newRow("no password") << ok << QStringLiteral("小店") << QStringLiteral("owner") << QString()
                                 << QStringLiteral("Enter your password.") << QStringLiteral("passwordLineEdit");
}

void TestSignInDialog::validation()
{
    QFETCH(QString, server);
    QFETCH(QString, shop);
    QFETCH(QString, login);
    QFETCH(QString, password);
    QFETCH(QString, error);
    QFETCH(QString, focus);
    FakeSignIn fake;
    xd::SignInDialog dialog(fake.function());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* serverEdit = dialog.findChild<QLineEdit*>(QStringLiteral("serverLineEdit"));
    serverEdit->clear();
    xd::test::typeText(serverEdit, server);
    fill(dialog, shop, login, password);
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);

    QCOMPARE(fake.calls, 0);
    QVERIFY(dialog.isVisible());
    auto* errorLabel = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    QVERIFY(errorLabel->isVisible());
    QCOMPARE(errorLabel->text(), error);
    QCOMPARE(QApplication::focusWidget()->objectName(), focus);
    QVERIFY(!dialog.isBusy());
}

void TestSignInDialog::signIn_busyWhileWaiting_thenAccepts()
{
    FakeSignIn fake;
    xd::SignInDialog dialog(fake.function());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* server = dialog.findChild<QLineEdit*>(QStringLiteral("serverLineEdit"));
    server->clear();
    xd::test::typeText(server, QStringLiteral(" https://shop.example.com:8443 "));
    fill(dialog, QStringLiteral(" 小店演示店 "), QStringLiteral("owner "), QStringLiteral(" s3cret pw "));
    QTest::mouseClick(
        dialog.findChild<QCheckBox*>(QStringLiteral("rememberCheckBox")), Qt::LeftButton, {}, QPoint(4, 4));
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);

    QCOMPARE(fake.calls, 1);
    QVERIFY(fake.last.has_value());
    QCOMPARE(fake.last->serverUrl, QUrl(QStringLiteral("https://shop.example.com:8443")));
    QCOMPARE(fake.last->shop, QStringLiteral("小店演示店"));
    QCOMPARE(fake.last->login, QStringLiteral("owner"));
    // Passwords are taken as typed: spaces may be part of them.
    QCOMPARE(fake.last->password, QStringLiteral(" s3cret pw "));
    QVERIFY(fake.last->remember);

    // Busy: everything is locked, the spinner and its words show.
    QVERIFY(dialog.isBusy());
    QVERIFY(!server->isEnabled());
    QVERIFY(!dialog.findChild<QLineEdit*>(QStringLiteral("passwordLineEdit"))->isEnabled());
    QVERIFY(!dialog.findChild<QCheckBox*>(QStringLiteral("rememberCheckBox"))->isEnabled());
    QVERIFY(!signInButton(dialog)->isEnabled());
    QVERIFY(dialog.findChild<QProgressBar*>(QStringLiteral("busyProgressBar"))->isVisible());
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("busyLabel"))->text(), QStringLiteral("Signing in…"));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("busyLabel"))->isVisible());
    // A second click while busy does not sign in twice.
    dialog.signIn();
    QCOMPARE(fake.calls, 1);

    fake.answer(QString());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
}

void TestSignInDialog::signIn_error_shownAndFieldsBack()
{
    FakeSignIn fake;
    xd::SignInDialog dialog(fake.function());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    fill(dialog, QStringLiteral("小店"), QStringLiteral("owner"), QStringLiteral("wrong"));
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QVERIFY(dialog.isBusy());

    fake.answer(xd::SignInDialog::wrongCredentialsMessage());
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.isVisible());
    auto* errorLabel = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    QVERIFY(errorLabel->isVisible());
    QCOMPARE(errorLabel->text(), xd::SignInDialog::wrongCredentialsMessage());
    auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordLineEdit"));
    QVERIFY(password->isEnabled());
    QVERIFY(signInButton(dialog)->isEnabled());
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("busyLabel"))->isVisible());
    QCOMPARE(QApplication::focusWidget(), password);
    QCOMPARE(password->selectedText(), QStringLiteral("wrong"));

    // Typing again hides the old error; the next attempt goes through.
    xd::test::typeText(password, QStringLiteral("right-one"));
    QVERIFY(!errorLabel->isVisible());
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QCOMPARE(fake.calls, 2);
    QCOMPARE(fake.last->password, QStringLiteral("right-one"));
    fake.answer(QString());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestSignInDialog::signIn_enterKey_submits()
{
    FakeSignIn fake;
    xd::SignInDialog dialog(fake.function());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    fill(dialog, QStringLiteral("小店"), QStringLiteral("owner"), QStringLiteral("pw"));
    QTest::keyClick(dialog.findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")), Qt::Key_Return);
    QCOMPARE(fake.calls, 1);
}

void TestSignInDialog::wrongCredentialsMessage_namesNoField()
{
    const QString message = xd::SignInDialog::wrongCredentialsMessage();
    // It names all three together, never one of them alone.
    QVERIFY(message.contains(QStringLiteral("shop")));
    QVERIFY(message.contains(QStringLiteral("user name")));
    QVERIFY(message.contains(QStringLiteral("password")));
    QVERIFY(!message.contains(QStringLiteral("unknown"), Qt::CaseInsensitive));
    QVERIFY(!message.contains(QStringLiteral("does not exist"), Qt::CaseInsensitive));

    xd::LanguageManager languageManager;
    QVERIFY(languageManager.useLanguageForSession(QStringLiteral("zh_CN")));
    const QString chinese = xd::SignInDialog::wrongCredentialsMessage();
    QCOMPARE(chinese, QStringLiteral("店铺、用户名或密码不正确，或该账号已被停用。"));
}

void TestSignInDialog::cancelWhileBusy_lateAnswerIgnored()
{
    FakeSignIn fake;
    auto* dialog = new xd::SignInDialog(fake.function());
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    fill(*dialog, QStringLiteral("小店"), QStringLiteral("owner"), QStringLiteral("pw"));
    QTest::mouseClick(signInButton(*dialog), Qt::LeftButton);
    QVERIFY(dialog->isBusy());
    auto* cancel = dialog->findChild<QPushButton*>(QStringLiteral("cancelPushButton"));
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    QVERIFY(!dialog->isBusy());

    // The answer comes after all: a success must not turn the cancelled dialog into an accepted one.
    fake.answer(QString());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    // And after the dialog is gone, the answer finds nothing to touch.
    delete dialog;
    fake.answer(QStringLiteral("too late"));
}

void TestSignInDialog::synchronousAnswer_works()
{
    int calls = 0;
    xd::SignInDialog dialog([&calls](const Credentials&, const Callback& done) {
        ++calls;
        done(calls == 1 ? xd::SignInDialog::serverUnreachableMessage() : QString());
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    fill(dialog, QStringLiteral("小店"), QStringLiteral("owner"), QStringLiteral("pw"));
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("errorLabel"))->text(),
             xd::SignInDialog::serverUnreachableMessage());
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestSignInDialog::setCredentials_fillsAndFocusesFirstEmpty()
{
    FakeSignIn fake;
    xd::SignInDialog dialog(fake.function());
    Credentials saved;
    saved.serverUrl = QUrl(QStringLiteral("https://xiaodian.example.cn"));
    saved.shop = QStringLiteral("小店演示店");
    saved.login = QStringLiteral("owner");
    saved.remember = true;
    dialog.setCredentials(saved);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("serverLineEdit"))->text(),
             QStringLiteral("https://xiaodian.example.cn"));
    QVERIFY(dialog.findChild<QCheckBox*>(QStringLiteral("rememberCheckBox"))->isChecked());
    QCOMPARE(QApplication::focusWidget(), dialog.findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")));
    const Credentials current = dialog.credentials();
    QCOMPARE(current.shop, saved.shop);
    QCOMPARE(current.login, saved.login);
    QVERIFY(current.password.isEmpty());
}

void TestSignInDialog::screenshots()
{
    xd::LanguageManager languageManager;
    QVERIFY(languageManager.useLanguageForSession(QStringLiteral("zh_CN")));
    FakeSignIn fake;
    xd::SignInDialog dialog(fake.function());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    fill(dialog, QStringLiteral("小店演示店"), QStringLiteral("owner"), QStringLiteral("password"));
    QVERIFY(saveScreenshot(&dialog, QStringLiteral("signin_zh_CN")));
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("busyLabel"))->text(), QStringLiteral("正在登录…"));
    QVERIFY(saveScreenshot(&dialog, QStringLiteral("signin_busy_zh_CN")));
    fake.answer(xd::SignInDialog::wrongCredentialsMessage());
    QCoreApplication::processEvents();
    QVERIFY(saveScreenshot(&dialog, QStringLiteral("signin_error_zh_CN")));
}

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
