// The desktop back office: everything lives in the core and gui libraries; this only wires them up.
#include "LanguageManager.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QIcon>

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
    mainWindow.show();
    return QApplication::exec();
}
