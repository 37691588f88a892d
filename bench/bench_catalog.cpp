// Catalog list and search speed at scale, in process (no HTTP): generates a shop with N products (Chinese names,
// 1-3 SKUs each, grams indexed the way product.save does) unless the database already has them, then times
// CatalogReader pages for each sort and a set of searches. Server side only.
//   bench_catalog --database sqlite:/tmp/cat.db --products 100000 [--runs 200]
//   bench_catalog --database postgresql://user@host:port/db --products 100000
#include "CatalogReader.h"
#include "ProductSearchIndex.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace xd;
using namespace xd::server;

namespace {

const QString kShopName = QStringLiteral("目录压测店");

QString pick(QRandomGenerator& random, const QStringList& list)
{
    return list.at(int(random.bounded(quint32(list.size()))));
}

bool generate(const db::Database& database, const QString& shopId, int count, const Clock& clock)
{
    const QStringList prefixes{QStringLiteral("经典"),
                               QStringLiteral("招牌"),
                               QStringLiteral("冰镇"),
                               QStringLiteral("手工"),
                               QStringLiteral("有机"),
                               QStringLiteral("进口"),
                               QStringLiteral("新鲜"),
                               QStringLiteral("特浓"),
                               QStringLiteral("低糖"),
                               QStringLiteral("家庭装")};
    const QStringList cores{QStringLiteral("红茶拿铁"),
                            QStringLiteral("乌龙茶"),
                            QStringLiteral("茉莉花茶"),
                            QStringLiteral("美式咖啡"),
                            QStringLiteral("芒果冰沙"),
                            QStringLiteral("草莓蛋糕"),
                            QStringLiteral("牛肉干"),
                            QStringLiteral("猪肉脯"),
                            QStringLiteral("A4复印纸"),
                            QStringLiteral("中性笔"),
                            QStringLiteral("苹果"),
                            QStringLiteral("香蕉"),
                            QStringLiteral("洗衣液"),
                            QStringLiteral("牙膏"),
                            QStringLiteral("抽纸")};
    const QStringList suffixes{QStringLiteral("大杯"),
                               QStringLiteral("500ml"),
                               QStringLiteral("1kg"),
                               QStringLiteral("10包"),
                               QStringLiteral("礼盒"),
                               QStringLiteral("经济装"),
                               QString()};
    const QStringList subtitles{QStringLiteral("当季热卖"),
                                QStringLiteral("买二送一"),
                                QStringLiteral("产地直发"),
                                QStringLiteral("限时特价"),
                                QStringLiteral("")};
    QRandomGenerator random(20261125);
    constexpr int Batch = 2000;
    QElapsedTimer timer;
    timer.start();
    for (int from = 0; from < count; from += Batch) {
        auto tx = db::Transaction::begin(database);
        if (!tx)
            return false;
        auto version = ShopRepository(database, clock).bumpChangeCounter(shopId);
        if (!version)
            return false;
        for (int i = from; i < std::min(count, from + Batch); ++i) {
            const QString id = Id::create(clock);
            // A model number per product makes rare terms (e.g. "X12345") to search for.
            const QString name =
                pick(random, prefixes) + pick(random, cores) + pick(random, suffixes) + QStringLiteral(" X%1").arg(i);
            const QString subtitle = pick(random, subtitles);
            const QString text = ProductSearchIndex::searchText(name, subtitle, QString());
            const int skus = 1 + int(random.bounded(3));
            const qint64 price = 100 + random.bounded(20000);
            auto product = database.exec(
                QStringLiteral(
                    "INSERT INTO products (id, shop_id, name, subtitle, on_shelf, sort_weight, sales_count, "
                    "min_price_fen, stock_total, search_text, version, deleted, created_at_ms, updated_at_ms) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"),
                {id,
                 shopId,
                 name,
                 subtitle,
                 i % 20 == 0 ? 0 : 1,
                 qint64(random.bounded(100)),
                 qint64(random.bounded(5000)),
                 price,
                 qint64(skus * 50),
                 text,
                 *version,
                 clock.nowMs() - i,
                 clock.nowMs()});
            if (!product) {
                std::fprintf(stderr, "%s\n", qPrintable(product.error().toString()));
                return false;
            }
            for (int s = 0; s < skus; ++s) {
                auto sku = database.exec(
                    QStringLiteral(
                        "INSERT INTO product_skus (id, shop_id, product_id, position, specs, price_fen, stock, "
                        "version, deleted, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, 50, ?, 0, ?, ?)"),
                    {Id::create(clock),
                     shopId,
                     id,
                     s + 1,
                     QStringLiteral("{\"规格\":\"%1\"}").arg(s),
                     price + s * 100,
                     *version,
                     clock.nowMs(),
                     clock.nowMs()});
                if (!sku) {
                    std::fprintf(stderr, "%s\n", qPrintable(sku.error().toString()));
                    return false;
                }
            }
            if (!ProductSearchIndex::reindex(database, shopId, id, QString(), text))
                return false;
        }
        if (!tx->commit())
            return false;
        std::printf("\rgenerated %d products (%.0f/s)",
                    std::min(count, from + Batch),
                    std::min(count, from + Batch) / (timer.elapsed() / 1000.0 + 1e-9));
        std::fflush(stdout);
    }
    std::printf("\n");
    return true;
}

struct Figures
{
    double p50 = 0;
    double p99 = 0;
    int items = 0;
};

Figures measure(const CatalogReader& reader, ProductQuery query, int runs)
{
    QList<double> ms;
    int items = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto page = reader.products(query);
        ms << timer.nsecsElapsed() / 1e6;
        items = page ? int(page->items.size()) : -1;
    }
    std::sort(ms.begin(), ms.end());
    return {ms.at(ms.size() / 2), ms.at(std::min<qsizetype>(ms.size() - 1, ms.size() * 99 / 100)), items};
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("database"), QStringLiteral("sqlite:PATH or postgresql://..."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("products"),
                      QStringLiteral("products in the bench shop"),
                      QStringLiteral("n"),
                      QStringLiteral("100000")});
    parser.addOption(
        {QStringLiteral("runs"), QStringLiteral("repetitions per query"), QStringLiteral("n"), QStringLiteral("200")});
    parser.process(app);

    const SystemClock clock;
    auto settings = db::DatabaseSettings::fromUrl(parser.value(QStringLiteral("database")));
    auto database = settings ? db::Database::open(*settings) : Result<db::Database>(settings.error());
    if (!database || !db::Migrator(serverMigrations()).migrate(*database, clock.nowMs())) {
        std::fprintf(stderr, "cannot open or migrate the database\n");
        return 1;
    }
    ShopRepository shops(*database, clock);
    auto shop = shops.findShopByName(kShopName);
    if (!shop)
        shop = shops.createShop(kShopName);
    if (!shop)
        return 1;
    const int wanted = parser.value(QStringLiteral("products")).toInt();
    const qint64 have =
        database->scalar(QStringLiteral("SELECT COUNT(*) FROM products WHERE shop_id = ?"), {shop->id})->toLongLong();
    if (have < wanted && !generate(*database, shop->id, int(wanted - have), clock)) {
        std::fprintf(stderr, "generation failed\n");
        return 1;
    }
    if (database->engine() == db::Engine::Postgres)
        (void)database->exec(QStringLiteral("ANALYZE"));
    const qint64 grams =
        database->scalar(QStringLiteral("SELECT COUNT(*) FROM product_search_grams WHERE shop_id = ?"), {shop->id})
            ->toLongLong();
    std::printf("%s, %lld products, %lld gram rows\n",
                qPrintable(database->dialect().name()),
                qint64(std::max<qint64>(have, wanted)),
                grams);

    const CatalogReader reader(*database);
    const int runs = parser.value(QStringLiteral("runs")).toInt();
    std::printf("%-28s %8s %8s %6s\n", "query (page of 20)", "p50 ms", "p99 ms", "items");
    for (ProductSort sort : {ProductSort::Default,
                             ProductSort::Newest,
                             ProductSort::Sales,
                             ProductSort::PriceAsc,
                             ProductSort::PriceDesc}) {
        ProductQuery query;
        query.shopId = shop->id;
        query.sort = sort;
        const Figures f = measure(reader, query, runs);
        std::printf("list %-23s %8.2f %8.2f %6d\n", qPrintable(CatalogReader::sortName(sort)), f.p50, f.p99, f.items);
    }
    for (const QString& q : {QStringLiteral("茶"),
                             QStringLiteral("红茶"),
                             QStringLiteral("拿铁"),
                             QStringLiteral("复印纸"),
                             QStringLiteral("礼盒 茶"),
                             QStringLiteral("x12345"),
                             QStringLiteral("X9999"),
                             QStringLiteral("茶蛋糕"),
                             QStringLiteral("鲸")}) {
        for (ProductSort sort : {ProductSort::Default, ProductSort::PriceAsc}) {
            ProductQuery query;
            query.shopId = shop->id;
            query.sort = sort;
            query.query = q;
            const Figures f = measure(reader, query, runs);
            std::printf("q=%-12s %-13s %8.2f %8.2f %6d\n",
                        qPrintable(q),
                        qPrintable(CatalogReader::sortName(sort)),
                        f.p50,
                        f.p99,
                        f.items);
        }
    }
    return 0;
}
