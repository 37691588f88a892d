// Sync benchmarks with the real desktop client code and a real syncserver process on 127.0.0.1:
//   bench_sync poke [--desktops 20] [--rounds 50]   write through REST, time until every desktop's cache has it
//   bench_sync initial [--rows 20000] [--entity staff|product]
//                                                   initial sync of N rows into an empty encrypted cache
#include "CacheDatabase.h"
#include "CacheStore.h"
#include "ServerProcess.h"
#include "SyncClient.h"
#include "TestSocket.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace xd;

namespace {

struct Desktop
{
    QTemporaryDir dir;
    SystemClock clock;
    std::unique_ptr<CacheDatabase> database;
    std::unique_ptr<CacheStore> store;
    std::unique_ptr<SyncClient> client;

    bool open(const QString& baseUrl, const QString& token)
    {
        database = std::make_unique<CacheDatabase>();
        if (!database->open(dir.filePath(QStringLiteral("cache.db")), CacheDatabase::generateKey()))
            return false;
        store = std::make_unique<CacheStore>(*database, clock);
        if (!store->initialize())
            return false;
        SyncClient::Settings settings;
        settings.serverUrl = QUrl(baseUrl);
        settings.backoffInitialMs = 100;
        client = std::make_unique<SyncClient>(*store, settings);
        client->setToken(token);
        return true;
    }
    bool settled(qint64 version) const
    {
        return client->state() == SyncClient::State::Online && store->serverVersion() >= version;
    }
};

qint64 percentile(QList<qint64> samples, double p)
{
    std::sort(samples.begin(), samples.end());
    const qsizetype index = std::min(samples.size() - 1, qsizetype(p * double(samples.size() - 1) + 0.5));
    return samples.at(index);
}

qint64 counterOf(const ServerProcess& server, const QString& token)
{
    TestSocket socket;
    if (!socket.open(server.webSocketUrl()))
        return -1;
    return socket.authenticate(token, Id::create()).value(QStringLiteral("version")).toInteger(-1);
}

long rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

int benchPoke(int desktops, int rounds)
{
    QTemporaryDir dir;
    ServerProcess server(dir.filePath(QStringLiteral("server")));
    if (!server.start())
        return std::fprintf(stderr, "server did not start: %s\n", qPrintable(server.errorText())), 1;
    const QString token = server.login(server.demoShopName(), QStringLiteral("owner"), server.demoPassword());
    std::vector<std::unique_ptr<Desktop>> clients;
    for (int i = 0; i < desktops; ++i) {
        clients.push_back(std::make_unique<Desktop>());
        if (!clients.back()->open(server.baseUrl(), token))
            return std::fprintf(stderr, "cannot open cache %d\n", i), 1;
        clients.back()->client->start();
    }
    if (!QTest::qWaitFor(
            [&] { return std::all_of(clients.begin(), clients.end(), [](auto& d) { return d->settled(0); }); }, 60000))
        return std::fprintf(stderr, "desktops did not come online\n"), 1;

    QList<qint64> samplesUs;
    for (int round = 0; round < rounds; ++round) {
        const qint64 target = counterOf(server, token) + 1;
        std::vector<qint64> doneAt(clients.size(), -1);
        QElapsedTimer timer;
        timer.start();
        for (size_t i = 0; i < clients.size(); ++i) {
            QObject::connect(
                clients[i]->store.get(), &CacheStore::syncStateChanged, clients[i]->store.get(), [&, i, target] {
                    if (doneAt[i] < 0 && clients[i]->store->serverVersion() >= target)
                        doneAt[i] = timer.nsecsElapsed() / 1000;
                });
        }
        const auto reply =
            server.requestJson("PATCH",
                               QStringLiteral("/admin/v1/shop"),
                               QJsonObject{{QStringLiteral("intro"), QStringLiteral("round %1").arg(round)}},
                               token);
        if (reply.status != 200)
            return std::fprintf(stderr, "write failed: %d\n", reply.status), 1;
        if (!QTest::qWaitFor([&] { return std::all_of(doneAt.begin(), doneAt.end(), [](qint64 t) { return t >= 0; }); },
                             30000))
            return std::fprintf(stderr, "round %d: not every desktop pulled\n", round), 1;
        for (auto& client : clients)
            QObject::disconnect(client->store.get(), &CacheStore::syncStateChanged, nullptr, nullptr);
        for (const qint64 t : doneAt)
            samplesUs.append(t);
    }
    std::printf("poke-to-pulled, %d desktops x %d writes (%lld samples): median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                desktops,
                rounds,
                static_cast<long long>(samplesUs.size()),
                percentile(samplesUs, 0.5) / 1000.0,
                percentile(samplesUs, 0.99) / 1000.0,
                percentile(samplesUs, 1.0) / 1000.0);
    return 0;
}

int benchInitial(int rows, const QString& entity)
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("server"));
    ServerProcess server(dataDir);
    if (!server.start())
        return std::fprintf(stderr, "server did not start\n"), 1;
    server.stop(); // seed while it is down: one writer
    QProcess seed;
    seed.start(QStringLiteral(XD_BENCH_SEED_PATH),
               {QStringLiteral("--data-dir"),
                dataDir,
                QStringLiteral("--rows"),
                QString::number(rows),
                QStringLiteral("--entity"),
                entity});
    if (!seed.waitForFinished(600000) || seed.exitCode() != 0)
        return std::fprintf(stderr, "seeding failed: %s\n", seed.readAllStandardError().constData()), 1;
    std::printf("%s", seed.readAllStandardOutput().constData());
    if (!server.start())
        return std::fprintf(stderr, "server did not restart\n"), 1;
    const QString token = server.login(server.demoShopName(), QStringLiteral("owner"), server.demoPassword());
    const qint64 target = counterOf(server, token);

    Desktop desktop;
    if (!desktop.open(server.baseUrl(), token))
        return std::fprintf(stderr, "cannot open the cache\n"), 1;
    QElapsedTimer timer;
    timer.start();
    desktop.client->start();
    if (!QTest::qWaitFor([&] { return desktop.settled(target); }, 600000))
        return std::fprintf(stderr, "initial sync did not finish\n"), 1;
    const qint64 ms = timer.elapsed();
    const auto synced = desktop.store->rowCount(entity);
    const qint64 fileBytes = QFileInfo(desktop.dir.filePath(QStringLiteral("cache.db"))).size();
    std::printf("initial sync: %lld %s rows into an empty encrypted cache in %lld ms = %.0f rows/s; "
                "cache file %.1f MiB; client RSS %ld KiB\n",
                static_cast<long long>(synced ? *synced : -1),
                qPrintable(entity),
                static_cast<long long>(ms),
                ms > 0 ? 1000.0 * double(rows) / double(ms) : 0.0,
                double(fileBytes) / (1024.0 * 1024.0),
                rssKiB(QCoreApplication::applicationPid()));
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("poke or initial"));
    parser.addOption(
        {QStringLiteral("desktops"), QStringLiteral("connected desktops"), QStringLiteral("n"), QStringLiteral("20")});
    parser.addOption(
        {QStringLiteral("rounds"), QStringLiteral("writes to time"), QStringLiteral("n"), QStringLiteral("50")});
    parser.addOption(
        {QStringLiteral("rows"), QStringLiteral("rows to sync"), QStringLiteral("n"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("entity"),
                      QStringLiteral("staff or product"),
                      QStringLiteral("entity"),
                      QStringLiteral("staff")});
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    if (mode == QLatin1String("poke"))
        return benchPoke(parser.value(QStringLiteral("desktops")).toInt(),
                         parser.value(QStringLiteral("rounds")).toInt());
    if (mode == QLatin1String("initial"))
        return benchInitial(parser.value(QStringLiteral("rows")).toInt(), parser.value(QStringLiteral("entity")));
    parser.showHelp(2);
}
