// Catalog list and search speed at scale, in process (no HTTP): generates a shop with N products (Chinese names,
// 1-3 SKUs each, grams indexed the way product.save does) unless the database already has them, then times
// CatalogReader pages for each sort and a set of searches. Server side only.
//   bench_catalog --database sqlite:/tmp/cat.db --products 100000 [--runs 200]
//   bench_catalog --database postgresql://user@host:port/db --products 100000
//   bench_catalog --database postgresql://user@host:port/db --products 1000000 --bulk
// --bulk (PostgreSQL, empty bench shop only) loads the same kind of products with multi-row INSERTs and fills the
// grams in one INSERT ... SELECT inside PostgreSQL, checked against SearchText::indexGrams (see docs/performance.md).
#include "CatalogReader.h"
#include "ProductSearchIndex.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/SearchText.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>

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

// One generated product: a Chinese name from prefix x product x size lists plus a model number "X<i>" (rare terms such
// as "X12345" to search for), a subtitle, 1-3 SKUs, price, weight and sales. Drawn in a fixed order, so a seed gives
// the same shop on both loaders.
struct Sample
{
    QString name;
    QString subtitle;
    int skus = 1;
    qint64 price = 0;
    qint64 weight = 0;
    qint64 sales = 0;
};

Sample sample(QRandomGenerator& random, int i)
{
    static const QStringList prefixes{QStringLiteral("经典"),
                                      QStringLiteral("招牌"),
                                      QStringLiteral("冰镇"),
                                      QStringLiteral("手工"),
                                      QStringLiteral("有机"),
                                      QStringLiteral("进口"),
                                      QStringLiteral("新鲜"),
                                      QStringLiteral("特浓"),
                                      QStringLiteral("低糖"),
                                      QStringLiteral("家庭装")};
    static const QStringList cores{QStringLiteral("红茶拿铁"),
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
    static const QStringList suffixes{QStringLiteral("大杯"),
                                      QStringLiteral("500ml"),
                                      QStringLiteral("1kg"),
                                      QStringLiteral("10包"),
                                      QStringLiteral("礼盒"),
                                      QStringLiteral("经济装"),
                                      QString()};
    static const QStringList subtitles{QStringLiteral("当季热卖"),
                                       QStringLiteral("买二送一"),
                                       QStringLiteral("产地直发"),
                                       QStringLiteral("限时特价"),
                                       QStringLiteral("")};
    Sample s;
    const QString prefix = pick(random, prefixes);
    const QString core = pick(random, cores);
    const QString suffix = pick(random, suffixes);
    s.name = prefix + core + suffix + QStringLiteral(" X%1").arg(i);
    s.subtitle = pick(random, subtitles);
    s.skus = 1 + int(random.bounded(3));
    s.price = 100 + random.bounded(20000);
    s.weight = qint64(random.bounded(100));
    s.sales = qint64(random.bounded(5000));
    return s;
}

bool generate(const db::Database& database, const QString& shopId, int count, const Clock& clock)
{
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
            const Sample generated = sample(random, i);
            const QString& name = generated.name;
            const QString& subtitle = generated.subtitle;
            const QString text = ProductSearchIndex::searchText(name, subtitle, QString());
            const int skus = generated.skus;
            const qint64 price = generated.price;
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
                 generated.weight,
                 generated.sales,
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

// The grams of SearchText::indexGrams in SQL, for the products that `where` selects (alias p): every substring of
// 1-3 characters (code points: PostgreSQL's substr and length count characters in a UTF8 database) holding no space.
QString gramSelect(const QString& where)
{
    return QStringLiteral("SELECT p.shop_id, g.gram, p.id FROM products p CROSS JOIN LATERAL ("
                          "SELECT DISTINCT substr(p.search_text, i, n) AS gram "
                          "FROM generate_series(1, length(p.search_text)) AS i, generate_series(1, 3) AS n "
                          "WHERE i + n - 1 <= length(p.search_text) "
                          "AND strpos(substr(p.search_text, i, n), ' ') = 0) g WHERE %1")
        .arg(where);
}

QString marks(int rows, int columns)
{
    QStringList row;
    for (int c = 0; c < columns; ++c)
        row << QStringLiteral("?");
    const QString one = QLatin1Char('(') + row.join(QStringLiteral(", ")) + QLatin1Char(')');
    QStringList all;
    for (int r = 0; r < rows; ++r)
        all << one;
    return all.join(QStringLiteral(", "));
}

// The bulk loader for PostgreSQL: the same products as generate() (same lists and shapes), written 1,000 per INSERT
// in transactions of 20,000; then the gram table's primary key is dropped, all grams are filled by one INSERT ...
// SELECT (gramSelect) and the key is built again. Fails loudly when the SQL grams of a sample of products differ
// from SearchText::indexGrams or the row total differs from the sum of indexGrams sizes.
bool generateBulk(const db::Database& database, const QString& shopId, int count, const Clock& clock)
{
    QRandomGenerator random(20261125);
    constexpr int PerInsert = 1000;
    constexpr int PerTransaction = 20000;
    qint64 expectedGrams = 0;
    QElapsedTimer timer;
    timer.start();
    const auto fail = [](const Error& error) {
        std::fprintf(stderr, "\n%s\n", qPrintable(error.toString()));
        return false;
    };
    for (int from = 0; from < count; from += PerTransaction) {
        auto tx = db::Transaction::begin(database);
        if (!tx)
            return fail(tx.error());
        auto version = ShopRepository(database, clock).bumpChangeCounter(shopId);
        if (!version)
            return fail(version.error());
        const int to = std::min(count, from + PerTransaction);
        for (int batch = from; batch < to; batch += PerInsert) {
            const int end = std::min(to, batch + PerInsert);
            QVariantList products;
            QVariantList skus;
            int skuRows = 0;
            for (int i = batch; i < end; ++i) {
                const Sample s = sample(random, i);
                const QString id = Id::create(clock);
                const QString text = ProductSearchIndex::searchText(s.name, s.subtitle, QString());
                expectedGrams += SearchText::indexGrams(text).size();
                products << id << shopId << s.name << s.subtitle << (i % 20 == 0 ? 0 : 1) << s.weight << s.sales
                         << s.price << qint64(s.skus * 50) << text << *version << clock.nowMs() - i << clock.nowMs();
                for (int k = 0; k < s.skus; ++k) {
                    skus << Id::create(clock) << shopId << id << k + 1 << QStringLiteral("{\"规格\":\"%1\"}").arg(k)
                         << s.price + k * 100 << *version << clock.nowMs() << clock.nowMs();
                    ++skuRows;
                }
            }
            auto inserted = database.exec(
                QStringLiteral("INSERT INTO products (id, shop_id, name, subtitle, on_shelf, sort_weight, sales_count, "
                               "min_price_fen, stock_total, search_text, version, created_at_ms, updated_at_ms) "
                               "VALUES %1")
                    .arg(marks(end - batch, 13)),
                products);
            if (!inserted)
                return fail(inserted.error());
            inserted = database.exec(
                QStringLiteral("INSERT INTO product_skus (id, shop_id, product_id, position, specs, price_fen, stock, "
                               "version, created_at_ms, updated_at_ms) VALUES %1")
                    .arg(QString(marks(skuRows, 9))
                             .replace(QStringLiteral("?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                                      QStringLiteral("?, ?, ?, ?, ?, ?, 50, ?, ?, ?)"))),
                skus);
            if (!inserted)
                return fail(inserted.error());
        }
        if (!tx->commit())
            return fail(makeError(ErrorCode::Database, QStringLiteral("commit failed")));
        std::printf("\rinserted %d products (%.0f/s)", to, to / (timer.elapsed() / 1000.0 + 1e-9));
        std::fflush(stdout);
    }
    const double insertSeconds = timer.elapsed() / 1000.0;
    std::printf("\n");

    // Check the SQL against SearchText on a sample before filling the table with it.
    auto sampled = database.exec(
        QStringLiteral("SELECT id, search_text FROM products WHERE shop_id = ? ORDER BY md5(id) LIMIT 500"), {shopId});
    if (!sampled)
        return fail(sampled.error());
    // Read the sample out first: a PostgreSQL connection has one result open at a time.
    QList<std::pair<QString, QString>> texts;
    while (sampled->next())
        texts.append({sampled->value(0).toString(), sampled->value(1).toString()});
    int checked = 0;
    for (const auto& [id, text] : texts) {
        const QSet<QString> expected = SearchText::indexGrams(text);
        auto got = database.exec(gramSelect(QStringLiteral("p.id = ?")), {id});
        if (!got)
            return fail(got.error());
        QSet<QString> actual;
        while (got->next())
            actual.insert(got->value(1).toString());
        if (actual != expected) {
            std::fprintf(stderr,
                         "SQL grams differ from SearchText::indexGrams for %s (%s): %lld vs %lld\n",
                         qPrintable(id),
                         qPrintable(text),
                         qint64(actual.size()),
                         qint64(expected.size()));
            return false;
        }
        ++checked;
    }
    if (checked == 0)
        return fail(makeError(ErrorCode::Internal, QStringLiteral("no products sampled")));

    // One transaction: a failure leaves the table with its key and without these rows. Building the key once over
    // the sorted rows is much faster than 43 million insertions into it.
    timer.restart();
    auto tx = db::Transaction::begin(database);
    if (!tx)
        return fail(tx.error());
    for (const QString& sql :
         {QStringLiteral("SET LOCAL maintenance_work_mem = '1GB'"),
          QStringLiteral("ALTER TABLE product_search_grams DROP CONSTRAINT product_search_grams_pkey"),
          QStringLiteral("INSERT INTO product_search_grams (shop_id, gram, product_id) ") +
              gramSelect(QStringLiteral("p.shop_id = ? AND p.deleted = 0")),
          QStringLiteral("ALTER TABLE product_search_grams ADD PRIMARY KEY (shop_id, gram, product_id)")}) {
        auto done = database.exec(sql, sql.contains(QLatin1Char('?')) ? QVariantList{shopId} : QVariantList{});
        if (!done)
            return fail(done.error());
    }
    if (!tx->commit())
        return fail(makeError(ErrorCode::Database, QStringLiteral("commit failed")));
    const qint64 rows =
        database.scalar(QStringLiteral("SELECT COUNT(*) FROM product_search_grams WHERE shop_id = ?"), {shopId})
            ->toLongLong();
    std::printf("grams: %lld rows in %.1f s (products: %.1f s, %.0f/s); %d sampled products match SearchText\n",
                rows,
                timer.elapsed() / 1000.0,
                insertSeconds,
                count / insertSeconds,
                checked);
    if (rows != expectedGrams) {
        std::fprintf(stderr, "gram rows %lld, SearchText::indexGrams gives %lld\n", rows, expectedGrams);
        return false;
    }
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
    parser.addOption(
        {QStringLiteral("bulk"),
         QStringLiteral("PostgreSQL, empty shop: multi-row INSERTs, grams filled in SQL (1,000,000 runs)")});
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
    const bool bulk = parser.isSet(QStringLiteral("bulk"));
    if (bulk && (database->engine() != db::Engine::Postgres || (have > 0 && have < wanted))) {
        std::fprintf(stderr, "--bulk needs PostgreSQL and an empty bench shop\n");
        return 1;
    }
    if (have < wanted && !(bulk ? generateBulk(*database, shop->id, int(wanted), clock)
                                : generate(*database, shop->id, int(wanted - have), clock))) {
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
