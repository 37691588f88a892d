// Seeds a server database with many synced rows for the sync benchmarks: N staff accounts in the demo shop,
// written directly (one transaction, one shared password hash) because going through staff.add would spend
// N Argon2id hashes. Server side only (links the server library and Qt's SQLite).
//   bench_seed --data-dir DIR --rows N
#include "PasswordHasher.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("syncserver's data folder"), QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("rows"), QStringLiteral("staff rows to add"), QStringLiteral("n"), QStringLiteral("10000")});
    parser.process(app);

    using namespace xd;
    const SystemClock clock;
    QDir().mkpath(parser.value(QStringLiteral("data-dir")));
    auto settings = db::DatabaseSettings::fromUrl(
        QStringLiteral("sqlite:") +
        QDir(parser.value(QStringLiteral("data-dir"))).filePath(QStringLiteral("xiaodian.db")));
    auto database = db::Database::open(*settings);
    if (!database || !db::Migrator(server::serverMigrations()).migrate(*database, clock.nowMs())) {
        std::fprintf(stderr, "cannot open or migrate the database\n");
        return 1;
    }
    server::ShopRepository shops(*database, clock);
    auto shop = shops.findShopByName(QStringLiteral("小店演示店"));
    if (!shop) {
        std::fprintf(stderr, "start syncserver --demo once first\n");
        return 1;
    }
    const QString hash =
        *server::PasswordHasher(server::PasswordHasher::Strength::Fast).hash(QStringLiteral("bench-pass"));
    const int rows = parser.value(QStringLiteral("rows")).toInt();
    QElapsedTimer timer;
    timer.start();
    auto tx = db::Transaction::begin(*database);
    const qint64 version = *shops.bumpChangeCounter(shop->id);
    for (int i = 0; i < rows; ++i) {
        auto inserted = database->exec(
            QStringLiteral(
                "INSERT INTO staff (id, shop_id, login, display_name, role, password_hash, disabled, version, "
                "deleted, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, 'clerk', ?, 0, ?, 0, ?, ?)"),
            {Id::create(clock),
             shop->id,
             QStringLiteral("bench%1").arg(i),
             QStringLiteral("店员%1").arg(i),
             hash,
             version,
             clock.nowMs(),
             clock.nowMs()});
        if (!inserted) {
            std::fprintf(stderr, "%s\n", qPrintable(inserted.error().toString()));
            return 1;
        }
    }
    if (!tx->commit()) {
        std::fprintf(stderr, "commit failed\n");
        return 1;
    }
    std::printf("seeded %d staff rows at version %lld in %lld ms\n",
                rows,
                static_cast<long long>(version),
                static_cast<long long>(timer.elapsed()));
    return 0;
}
