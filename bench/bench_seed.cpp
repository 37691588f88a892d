// Seeds a server database with many synced rows for the sync benchmarks, written directly in one transaction:
//   bench_seed --data-dir DIR --rows N                  N staff accounts (one shared hash: staff.add would spend
//                                                        N Argon2id hashes)
//   bench_seed --data-dir DIR --rows N --entity product  N products with 1-6 SKUs each and Chinese names
// Server side only (links the server library and Qt's SQLite). The products skip the search index: this feeds the
// sync benchmark, not search.
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

namespace {

int seedProducts(const xd::db::Database& database,
                 const xd::Clock& clock,
                 xd::server::ShopRepository& shops,
                 const QString& shopId,
                 int rows)
{
    using namespace xd;
    static const QStringList flavours{QStringLiteral("经典"),
                                      QStringLiteral("招牌"),
                                      QStringLiteral("鲜榨"),
                                      QStringLiteral("手作"),
                                      QStringLiteral("冰镇"),
                                      QStringLiteral("浓香"),
                                      QStringLiteral("低糖"),
                                      QStringLiteral("芝士")};
    static const QStringList bases{QStringLiteral("红茶"),
                                   QStringLiteral("乌龙"),
                                   QStringLiteral("抹茶"),
                                   QStringLiteral("茉莉"),
                                   QStringLiteral("普洱"),
                                   QStringLiteral("柠檬"),
                                   QStringLiteral("芒果"),
                                   QStringLiteral("草莓")};
    static const QStringList kinds{QStringLiteral("拿铁"),
                                   QStringLiteral("奶盖"),
                                   QStringLiteral("果茶"),
                                   QStringLiteral("冰沙"),
                                   QStringLiteral("奶茶"),
                                   QStringLiteral("气泡水")};
    static const QStringList sizes{QStringLiteral("小杯"), QStringLiteral("中杯"), QStringLiteral("大杯")};
    static const QStringList temperatures{QStringLiteral("热"), QStringLiteral("冰")};
    QElapsedTimer timer;
    timer.start();
    auto tx = db::Transaction::begin(database);
    const qint64 version = *shops.bumpChangeCounter(shopId);
    const QString categoryId = Id::create(clock);
    const qint64 now = clock.nowMs();
    if (!database.exec(
            QStringLiteral("INSERT INTO categories (id, shop_id, parent_id, name, icon, position, version, "
                           "deleted, created_at_ms, updated_at_ms) VALUES (?, ?, NULL, ?, '', 1, ?, 0, ?, ?)"),
            {categoryId, shopId, QStringLiteral("饮品"), version, now, now}))
        return 1;
    qint64 skus = 0;
    for (int i = 0; i < rows; ++i) {
        const QString id = Id::create(clock);
        const QString name = flavours[i % flavours.size()] + bases[(i / 8) % bases.size()] +
                             kinds[(i / 64) % kinds.size()] + QStringLiteral(" %1号").arg(i);
        const int skuCount = 1 + i % 6;
        const qint64 basePrice = 900 + (i % 30) * 100;
        auto product = database.exec(
            QStringLiteral("INSERT INTO products (id, shop_id, category_id, top_category_id, name, subtitle, keywords, "
                           "description, images, on_shelf, sort_weight, sales_count, min_price_fen, stock_total, "
                           "search_text, version, deleted, created_at_ms, updated_at_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, '', '[]', 1, 0, 0, ?, ?, ?, ?, 0, ?, ?)"),
            {id,
             shopId,
             categoryId,
             categoryId,
             name,
             QStringLiteral("店长推荐"),
             QStringLiteral("茶饮"),
             basePrice,
             qint64(skuCount) * 50,
             name,
             version,
             now,
             now});
        if (!product) {
            std::fprintf(stderr, "%s\n", qPrintable(product.error().toString()));
            return 1;
        }
        for (int k = 0; k < skuCount; ++k) {
            const QString specs =
                QStringLiteral("{\"温度\":\"%1\",\"规格\":\"%2\"}").arg(temperatures[k % 2], sizes[k / 2]);
            auto sku = database.exec(
                QStringLiteral(
                    "INSERT INTO product_skus (id, shop_id, product_id, position, specs, price_fen, "
                    "original_price_fen, stock, code, image, version, deleted, created_at_ms, updated_at_ms) "
                    "VALUES (?, ?, ?, ?, ?, ?, 0, 50, '', '', ?, 0, ?, ?)"),
                {Id::create(clock), shopId, id, k + 1, specs, basePrice + k * 200, version, now, now});
            if (!sku) {
                std::fprintf(stderr, "%s\n", qPrintable(sku.error().toString()));
                return 1;
            }
            ++skus;
        }
    }
    if (!tx->commit())
        return 1;
    std::printf("seeded %d products with %lld SKUs at version %lld in %lld ms\n",
                rows,
                static_cast<long long>(skus),
                static_cast<long long>(version),
                static_cast<long long>(timer.elapsed()));
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("syncserver's data folder"), QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("rows"), QStringLiteral("rows to add"), QStringLiteral("n"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("entity"),
                      QStringLiteral("staff (default) or product"),
                      QStringLiteral("entity"),
                      QStringLiteral("staff")});
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
    if (parser.value(QStringLiteral("entity")) == QLatin1String("product"))
        return seedProducts(*database, clock, shops, shop->id, parser.value(QStringLiteral("rows")).toInt());
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
