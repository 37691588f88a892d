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
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <unistd.h>

using namespace xd;

namespace {

struct Desktop
{
    QTemporaryDir dir;
    SystemClock clock;
    std::unique_ptr<CacheDatabase> database;
    std::unique_ptr<CacheStore> store;
    std::unique_ptr<SyncClient> client;
    QByteArray key = CacheDatabase::generateKey();

    bool open(const QString& baseUrl, const QString& token)
    {
        database = std::make_unique<CacheDatabase>();
        if (!database->open(dir.filePath(QStringLiteral("cache.db")), key))
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

// User + system CPU time of a process (default: this one, the client side of a sync), in milliseconds.
qint64 cpuMs(const QString& pid = QStringLiteral("self"))
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are 14 and 15.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const long ticks = sysconf(_SC_CLK_TCK);
    return ticks > 0 ? (fields.value(11).toLongLong() + fields.value(12).toLongLong()) * 1000 / ticks : -1;
}

// CPU time of this process's children (the syncserver), in milliseconds.
qint64 childrenCpuMs()
{
    qint64 total = 0;
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& task : tasks) {
        QFile children(QStringLiteral("/proc/self/task/%1/children").arg(task));
        if (!children.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& pid : children.readAll().split(' ')) {
            if (!pid.trimmed().isEmpty())
                total += std::max<qint64>(0, cpuMs(QString::fromLatin1(pid.trimmed())));
        }
    }
    return total;
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

int benchInitial(int rows, const QString& entity, const QString& keptDataDir, int cacheKiB, const QString& keptCacheDir)
{
    QTemporaryDir dir;
    // --data-dir keeps the seeded server between runs: seeding 100,000 products takes longer than syncing them.
    const bool reuse = !keptDataDir.isEmpty() && QFileInfo::exists(keptDataDir + QStringLiteral("/xiaodian.db"));
    const QString dataDir = keptDataDir.isEmpty() ? dir.filePath(QStringLiteral("server")) : keptDataDir;
    ServerProcess server(dataDir);
    if (!server.start())
        return std::fprintf(stderr, "server did not start\n"), 1;
    server.stop(); // seed while it is down: one writer
    QProcess seed;
    if (reuse)
        std::printf("reusing the seeded server in %s\n", qPrintable(dataDir));
    else
        seed.start(QStringLiteral(XD_BENCH_SEED_PATH),
                   {QStringLiteral("--data-dir"),
                    dataDir,
                    QStringLiteral("--rows"),
                    QString::number(rows),
                    QStringLiteral("--entity"),
                    entity});
    if (!reuse && (!seed.waitForFinished(600000) || seed.exitCode() != 0))
        return std::fprintf(stderr, "seeding failed: %s\n", seed.readAllStandardError().constData()), 1;
    if (!reuse)
        std::printf("%s", seed.readAllStandardOutput().constData());
    if (!server.start())
        return std::fprintf(stderr, "server did not restart\n"), 1;
    const QString token = server.login(server.demoShopName(), QStringLiteral("owner"), server.demoPassword());
    const qint64 target = counterOf(server, token);

    Desktop desktop;
    if (!desktop.open(server.baseUrl(), token))
        return std::fprintf(stderr, "cannot open the cache\n"), 1;
    if (cacheKiB > 0) // an experiment: SQLite's page cache for this connection
        QSqlQuery(desktop.database->database()).exec(QStringLiteral("PRAGMA cache_size = -%1").arg(cacheKiB));
    if (qEnvironmentVariableIsSet("XD_BENCH_DROP_INDEXES")) { // an experiment: the cost of index maintenance
        QSqlQuery names(desktop.database->database());
        names.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"));
        QStringList indexes;
        while (names.next())
            indexes << names.value(0).toString();
        names.finish();
        for (const QString& name : std::as_const(indexes))
            QSqlQuery(desktop.database->database()).exec(QStringLiteral("DROP INDEX ") + name);
        std::printf("dropped %lld indexes\n", static_cast<long long>(indexes.size()));
    }
    QElapsedTimer timer;
    timer.start();
    const qint64 cpuBefore = cpuMs();
    const qint64 serverCpuBefore = childrenCpuMs();
    desktop.client->start();
    if (!QTest::qWaitFor([&] { return desktop.settled(target); }, 600000))
        return std::fprintf(stderr, "initial sync did not finish\n"), 1;
    const qint64 ms = timer.elapsed();
    const qint64 clientCpuMs = cpuMs() - cpuBefore;
    const qint64 serverCpuMs = childrenCpuMs() - serverCpuBefore;
    const auto synced = desktop.store->rowCount(entity);
    const qint64 fileBytes = QFileInfo(desktop.dir.filePath(QStringLiteral("cache.db"))).size();
    std::printf("initial sync: %lld %s rows into an empty encrypted cache in %lld ms = %.0f rows/s; "
                "CPU: client %lld ms, server %lld ms; cache file %.1f MiB; client RSS %ld KiB\n",
                static_cast<long long>(synced ? *synced : -1),
                qPrintable(entity),
                static_cast<long long>(ms),
                ms > 0 && synced ? 1000.0 * double(*synced) / double(ms) : 0.0,
                static_cast<long long>(clientCpuMs),
                static_cast<long long>(serverCpuMs),
                double(fileBytes) / (1024.0 * 1024.0),
                rssKiB(QCoreApplication::applicationPid()));
    if (!keptCacheDir.isEmpty()) { // for bench_desktop_memory: the cache file and its key (this is a benchmark)
        desktop.client.reset();
        desktop.store.reset();
        desktop.database.reset();
        QDir().mkpath(keptCacheDir);
        QFile::remove(keptCacheDir + QStringLiteral("/cache.db"));
        QFile keyFile(keptCacheDir + QStringLiteral("/cache.key"));
        if (!QFile::copy(desktop.dir.filePath(QStringLiteral("cache.db")),
                         keptCacheDir + QStringLiteral("/cache.db")) ||
            !keyFile.open(QIODevice::WriteOnly | QIODevice::Truncate) || keyFile.write(desktop.key.toHex()) < 0)
            return std::fprintf(stderr, "cannot keep the cache in %s\n", qPrintable(keptCacheDir)), 1;
        std::printf("cache kept in %s\n", qPrintable(keptCacheDir));
    }
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
    parser.addOption({QStringLiteral("data-dir"),
                      QStringLiteral("initial: keep the seeded server in <dir> and reuse it next time"),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("keep-cache"),
                      QStringLiteral("initial: copy the synced cache and its key into <dir> (bench_desktop_memory)"),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("cache-kib"),
                      QStringLiteral("initial: PRAGMA cache_size of the client's cache, in KiB (experiments)"),
                      QStringLiteral("kib"),
                      QStringLiteral("0")});
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    if (mode == QLatin1String("poke"))
        return benchPoke(parser.value(QStringLiteral("desktops")).toInt(),
                         parser.value(QStringLiteral("rounds")).toInt());
    if (mode == QLatin1String("initial"))
        return benchInitial(parser.value(QStringLiteral("rows")).toInt(),
                            parser.value(QStringLiteral("entity")),
                            parser.value(QStringLiteral("data-dir")),
                            parser.value(QStringLiteral("cache-kib")).toInt(),
                            parser.value(QStringLiteral("keep-cache")));
    parser.showHelp(2);
}
