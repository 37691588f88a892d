// The desktop back office: everything lives in the core and gui libraries; this only wires them up.
#include "DesktopSession.h"
#include "KeychainSecretStore.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "SessionController.h"
#include "xiaodian/Clock.h"

#include <QApplication>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>
#include <QUrl>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Xiaodian"));
    QApplication::setApplicationName(QStringLiteral("Xiaodian"));
    QApplication::setApplicationVersion(QStringLiteral(XD_VERSION));

    // Installed before parsing so --help speaks the merchant's language.
    xd::LanguageManager languageManager;

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Back office for the Xiaodian WeChat mini-program shop."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QString languages = xd::LanguageManager::availableLanguages().join(QStringLiteral(", "));
    const QCommandLineOption languageOption(
        QStringLiteral("language"),
        QCoreApplication::translate("main", "Use this interface language for this run (%1).").arg(languages),
        QCoreApplication::translate("main", "language"));
    parser.addOption(languageOption);
    // Pre-fill the sign-in dialog (scripts/run.sh uses these to sign in to the demo shop at once).
    const QCommandLineOption serverOption(QStringLiteral("server"),
                                          QCoreApplication::translate("main", "Shop server address to sign in to."),
                                          QStringLiteral("url"));
    const QCommandLineOption shopOption(
        QStringLiteral("shop"), QCoreApplication::translate("main", "Shop name or id."), QStringLiteral("shop"));
    const QCommandLineOption userOption(
        QStringLiteral("user"), QCoreApplication::translate("main", "User name."), QStringLiteral("user"));
    const QCommandLineOption passwordStdinOption(
        QStringLiteral("password-stdin"),
        QCoreApplication::translate("main", "Read the password from the first line of standard input and sign in."));
    parser.addOptions({serverOption, shopOption, userOption, passwordStdinOption});
    parser.process(app);

    if (parser.isSet(languageOption)) {
        const QString language = parser.value(languageOption);
        if (!languageManager.useLanguageForSession(language)) {
            const QString message = QCoreApplication::translate("main", "Unknown language \"%1\". Choose one of: %2.")
                                        .arg(language, languages);
            std::fprintf(stderr, "%s\n", qUtf8Printable(message));
            return 1;
        }
    }

    Q_INIT_RESOURCE(xiaodian);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/xiaodian.png")));

    xd::MainWindow mainWindow(&languageManager);
    xd::KeychainSecretStore keychain;
    const xd::SystemClock clock;
    xd::DesktopSession session(keychain, clock);
    xd::SessionController controller(mainWindow, session);
    QString password;
    if (parser.isSet(passwordStdinOption)) {
        QTextStream in(stdin);
        password = in.readLine();
    }
    controller.setSignInPrefill(
        QUrl(parser.value(serverOption)), parser.value(shopOption), parser.value(userOption), password);
    mainWindow.show();
    if (password.isEmpty())
        controller.start(); // the remembered account, or the sign-in dialog
    else
        controller.showSignIn(); // signs in with the given credentials at once
    return QApplication::exec();
}
