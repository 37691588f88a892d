// syncserver: parses flags, starts the Server, stops it on SIGTERM/SIGINT. All logic lives in xd_server.
#include "AdminCli.h"
#include "Logging.h"
#include "Server.h"
#include "SignalWatcher.h"
#include "xiaodian/Clock.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("syncserver"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XD_VERSION));

    auto commandLine = xd::server::parseCommandLine(QCoreApplication::arguments());
    if (!commandLine) {
        std::fprintf(stderr, "syncserver: %s\nTry 'syncserver --help'.\n", qPrintable(commandLine.error().message));
        return 2;
    }
    if (commandLine->action == xd::server::CommandLine::Action::ShowHelp) {
        std::fputs(qPrintable(commandLine->helpText), stdout);
        return 0;
    }
    if (commandLine->action == xd::server::CommandLine::Action::ShowVersion) {
        std::printf("syncserver %s\n", XD_VERSION);
        return 0;
    }

    const xd::server::ServerConfig& config = commandLine->config;
    xd::server::installLogging(config.logFormat, config.logRules);
    const xd::SystemClock clock;
    if (commandLine->action == xd::server::CommandLine::Action::ShopCreate ||
        commandLine->action == xd::server::CommandLine::Action::StaffAdd ||
        commandLine->action == xd::server::CommandLine::Action::ImagesGc ||
        commandLine->action == xd::server::CommandLine::Action::StatsRebuild)
        return xd::server::runAdminCommand(*commandLine, clock);

    xd::server::Server server(config, clock);
    xd::server::SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &xd::server::SignalWatcher::terminationRequested, &app, [&](int signalNumber) {
        qCInfo(lcServer) << "signal" << signalNumber << "received, shutting down";
        server.stop();
        QCoreApplication::quit();
    });

    auto port = server.start();
    if (!port) {
        qCCritical(lcServer).noquote() << "cannot start:" << port.error().toString();
        return 1;
    }
    // Machine-readable lines on stdout (scripts and tests read them); logs go to stderr.
    std::printf("syncserver listening on http://%s:%u\n", qPrintable(config.listenAddress.toString()), unsigned(*port));
    if (const auto& demo = server.demoCredentials()) {
        std::printf("demo shop: %s (id %s)\ndemo login: shop \"%s\", user \"%s\", password \"%s\"\n",
                    qPrintable(demo->shopName),
                    qPrintable(demo->shopId),
                    qPrintable(demo->shopName),
                    qPrintable(demo->login),
                    qPrintable(demo->password));
    }
    std::fflush(stdout);
    const int code = QCoreApplication::exec();
    server.stop();
    return code;
}
