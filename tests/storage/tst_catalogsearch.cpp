// Catalog lists and search (CatalogReader) against a brute-force model, on `sqlite` or `postgres`: both search plans
// (from the gram index, or walking the sort index) must return exactly the products a substring scan finds, in
// exactly the sort order, page after page.
#include "CatalogReader.h"
#include "ChangeNotifier.h"
#include "CommandProcessor.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "TestPostgres.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/SearchText.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"

#include <QJsonArray>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <climits>
#include <memory>
#include <thread>

using namespace xd;
using namespace xd::server;

namespace {

QString g_engine;

struct ModelProduct
{
    QString id;
    QString categoryId;
    QString topCategoryId;
    QString searchText;
    qint64 weight = 0;
    qint64 createdAt = 0;
    qint64 price = 0;
    bool visible = true;
};

} // namespace

class tst_CatalogSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void bothPlans_matchASubstringScan_inSortOrder_data();
    void bothPlans_matchASubstringScan_inSortOrder();
    void concurrentRenames_leaveTheGramIndexExact();
    void migration5_givesExistingProductsTheirTrigrams();

private:
    QStringList expected(const QString& q, ProductSort sort, const QString& categoryId) const;
    QStringList pages(const CatalogReader& reader, const QString& q, ProductSort sort, const QString& categoryId) const;

    QTemporaryDir m_dir;
    db::DatabaseSettings m_settings;
    QString m_pgDatabase;
    std::unique_ptr<db::Database> m_database;
    ManualClock m_clock{1'764'000'000'000};
    ChangeNotifier m_notifier;
    QString m_shopId;
    QString m_top;
    QString m_child;
    QList<ModelProduct> m_products;
};

void tst_CatalogSearch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    db::DatabaseSettings settings;
    if (g_engine == QLatin1String("sqlite")) {
        settings.engine = db::Engine::Sqlite;
        settings.sqlitePath = m_dir.filePath(QStringLiteral("catalog.db"));
    } else {
        QUrl url(testPostgresUrl());
        QVERIFY2(!url.isEmpty(), "no PostgreSQL: set XD_TEST_POSTGRES_URL or run through ctest");
        // A database of its own: the storage suite drops tables in the fixture's database meanwhile.
        auto admin = db::Database::open(*db::DatabaseSettings::fromUrl(url.toString()), QStringLiteral("admin"));
        QVERIFY(admin);
        m_pgDatabase = QStringLiteral("xd_catalogsearch_%1").arg(QCoreApplication::applicationPid());
        QVERIFY(admin->exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_pgDatabase)));
        QVERIFY(admin->exec(QStringLiteral("CREATE DATABASE %1").arg(m_pgDatabase)));
        url.setPath(QLatin1Char('/') + m_pgDatabase);
        auto parsed = db::DatabaseSettings::fromUrl(url.toString());
        QVERIFY(parsed);
        settings = *parsed;
    }
    m_settings = settings;
    auto database = db::Database::open(settings);
    QVERIFY2(database, qPrintable(database ? QString() : database.error().toString()));
    m_database = std::make_unique<db::Database>(std::move(*database));
    QVERIFY(db::Migrator(serverMigrations()).migrate(*m_database, m_clock.nowMs()));
    auto shop = ShopRepository(*m_database, m_clock).createShop(QStringLiteral("搜索店"));
    QVERIFY(shop);
    m_shopId = shop->id;

    CommandProcessor commands(*m_database, m_clock, m_notifier, PasswordHasher());
    const Actor owner{m_shopId, QString(), Role::Owner};
    m_top = Id::create();
    m_child = Id::create();
    QVERIFY(commands.execute(owner,
                             QStringLiteral("category.save"),
                             {{QStringLiteral("id"), m_top}, {QStringLiteral("name"), QStringLiteral("饮品")}}));
    QVERIFY(commands.execute(owner,
                             QStringLiteral("category.save"),
                             {{QStringLiteral("id"), m_child},
                              {QStringLiteral("parentId"), m_top},
                              {QStringLiteral("name"), QStringLiteral("茶")}}));
    const QStringList first{QStringLiteral("经典"),
                            QStringLiteral("冰"),
                            QStringLiteral("Ａ４"),
                            QStringLiteral("100%"),
                            QStringLiteral("under_"),
                            QStringLiteral("Latte")};
    const QStringList second{QStringLiteral("红茶拿铁"),
                             QStringLiteral("绿茶"),
                             QStringLiteral("纸"),
                             QStringLiteral("果汁"),
                             QStringLiteral("茶茶"),
                             QStringLiteral("美式")};
    for (int i = 0; i < 180; ++i) {
        m_clock.advanceMs(i % 4 == 0 ? 0 : 1); // equal creation times too
        ModelProduct model;
        model.id = Id::create(m_clock);
        const QString name = first.at(i % first.size()) + second.at((i / first.size()) % second.size());
        // Model numbers mixing Latin, digits and Chinese: long terms whose pairs ("12", "23") are all common.
        const QString keywords = i % 5 == 0   ? QStringLiteral("奶茶 LATTE")
                                 : i % 2 == 0 ? QStringLiteral("Ｘ%1茶%2").arg(12 + (i % 23) * 111).arg(i % 7)
                                              : QString();
        model.searchText = SearchText::normalize(name + QLatin1Char(' ') + QLatin1Char(' ') + keywords);
        model.weight = i % 3;
        model.createdAt = m_clock.nowMs();
        model.price = 100 * (i % 7);
        model.categoryId = i % 3 == 0 ? QString() : (i % 3 == 1 ? m_top : m_child);
        model.topCategoryId = model.categoryId.isEmpty() ? QString() : m_top;
        const QJsonObject product{
            {QStringLiteral("id"), model.id},
            {QStringLiteral("name"), name},
            {QStringLiteral("keywords"), keywords},
            {QStringLiteral("categoryId"), model.categoryId.isEmpty() ? QJsonValue() : QJsonValue(model.categoryId)},
            {QStringLiteral("onShelf"), i % 11 != 0},
            {QStringLiteral("sortWeight"), model.weight},
            {QStringLiteral("skus"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), Id::create()},
                                    {QStringLiteral("priceFen"), model.price},
                                    {QStringLiteral("stock"), 5}}}}};
        auto saved = commands.execute(owner, QStringLiteral("product.save"), product);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
        model.visible = i % 11 != 0;
        if (i % 13 == 0) {
            QVERIFY(commands.execute(owner, QStringLiteral("product.delete"), {{QStringLiteral("id"), model.id}}));
            model.visible = false;
        }
        m_products.append(model);
    }
}

void tst_CatalogSearch::cleanupTestCase()
{
    m_database.reset();
    if (!m_pgDatabase.isEmpty()) {
        auto admin = db::Database::open(*db::DatabaseSettings::fromUrl(testPostgresUrl()), QStringLiteral("admin2"));
        if (admin)
            (void)admin->exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_pgDatabase));
    }
}

QStringList tst_CatalogSearch::expected(const QString& q, ProductSort sort, const QString& categoryId) const
{
    QList<ModelProduct> matches;
    const QStringList terms = SearchText::terms(q);
    for (const ModelProduct& product : m_products) {
        if (!product.visible)
            continue;
        if (!categoryId.isEmpty() && product.categoryId != categoryId && product.topCategoryId != categoryId)
            continue;
        if (std::all_of(terms.cbegin(), terms.cend(), [&](const QString& t) { return product.searchText.contains(t); }))
            matches.append(product);
    }
    auto key = [sort](const ModelProduct& p) {
        switch (sort) {
        case ProductSort::Default:
            return p.weight;
        case ProductSort::Newest:
            return p.createdAt;
        case ProductSort::Sales:
            return qint64(0);
        case ProductSort::PriceAsc:
        case ProductSort::PriceDesc:
            return p.price;
        }
        return qint64(0);
    };
    const bool ascending = sort == ProductSort::PriceAsc;
    std::sort(matches.begin(), matches.end(), [&](const ModelProduct& a, const ModelProduct& b) {
        if (key(a) != key(b))
            return ascending ? key(a) < key(b) : key(a) > key(b);
        return ascending ? a.id < b.id : a.id > b.id;
    });
    QStringList ids;
    for (const ModelProduct& product : std::as_const(matches))
        ids << product.id;
    return ids;
}

QStringList tst_CatalogSearch::pages(const CatalogReader& reader,
                                     const QString& q,
                                     ProductSort sort,
                                     const QString& categoryId) const
{
    ProductQuery query;
    query.shopId = m_shopId;
    query.query = q;
    query.sort = sort;
    query.categoryId = categoryId;
    query.limit = 7;
    QStringList ids;
    for (int guard = 0; guard < 100; ++guard) {
        auto page = reader.products(query);
        if (!page) {
            qWarning() << page.error().toString();
            return {QStringLiteral("error")};
        }
        for (const QJsonObject& item : std::as_const(page->items))
            ids << item.value(QStringLiteral("id")).toString();
        if (page->nextCursor.isEmpty())
            break;
        query.cursor = page->nextCursor;
    }
    return ids;
}

void tst_CatalogSearch::bothPlans_matchASubstringScan_inSortOrder_data()
{
    QTest::addColumn<QString>("q");
    for (const QString& q : {QString(),
                             QStringLiteral("茶"),
                             QStringLiteral("红茶"),
                             QStringLiteral("红茶拿"),
                             QStringLiteral("拿铁 冰"),
                             QStringLiteral("latte"),
                             QStringLiteral("Ａ4纸"),
                             QStringLiteral("%"),
                             QStringLiteral("_绿"),
                             QStringLiteral("茶茶"),
                             QStringLiteral("zz"),
                             QStringLiteral("%茶%"),
                             QStringLiteral("x12"),
                             QStringLiteral("x123"),
                             QStringLiteral("Ｘ1233茶"),
                             QStringLiteral("123"),
                             QStringLiteral("23茶"),
                             QStringLiteral("3茶4"),
                             QStringLiteral("x2334茶5"),
                             QStringLiteral("x9999"),
                             QStringLiteral("冰红茶拿铁"),
                             QStringLiteral("经典红茶拿铁"),
                             QStringLiteral("100%红"),
                             QStringLiteral("r_红"),
                             QStringLiteral("x12 茶 23")})
        QTest::newRow(qPrintable(q.isEmpty() ? QStringLiteral("(all)") : q)) << q;
}

void tst_CatalogSearch::bothPlans_matchASubstringScan_inSortOrder()
{
    QFETCH(QString, q);
    const CatalogReader walkSortIndex(*m_database, 0);
    const CatalogReader fromGrams(*m_database, INT_MAX / 2);
    for (ProductSort sort : {ProductSort::Default,
                             ProductSort::Newest,
                             ProductSort::Sales,
                             ProductSort::PriceAsc,
                             ProductSort::PriceDesc}) {
        for (const QString& category : {QString(), m_top, m_child}) {
            const QStringList want = expected(q, sort, category);
            const QString where = CatalogReader::sortName(sort) + QLatin1Char('/') + category;
            QVERIFY2(pages(walkSortIndex, q, sort, category) == want, qPrintable(where));
            QVERIFY2(pages(fromGrams, q, sort, category) == want, qPrintable(where));
        }
    }
}

void tst_CatalogSearch::concurrentRenames_leaveTheGramIndexExact()
{
    // Several writers rename one product at once, each through its own connection. Each diffs the grams from the
    // stored text it read; a writer that read it before another committed would leave stale or missing grams.
    const QString productId = Id::create();
    const Actor owner{m_shopId, QString(), Role::Owner};
    auto productNamed = [&](const QString& name) {
        return QJsonObject{{QStringLiteral("id"), productId},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("onShelf"), true},
                           {QStringLiteral("skus"),
                            QJsonArray{QJsonObject{{QStringLiteral("id"), Id::create()},
                                                   {QStringLiteral("priceFen"), 100},
                                                   {QStringLiteral("stock"), 1}}}}};
    };
    {
        CommandProcessor commands(*m_database, m_clock, m_notifier, PasswordHasher());
        QVERIFY(commands.execute(owner, QStringLiteral("product.save"), productNamed(QStringLiteral("红茶拿铁"))));
    }
    const QStringList names{QStringLiteral("红茶拿铁"),
                            QStringLiteral("拿铁红茶"),
                            QStringLiteral("绿茶拿铁"),
                            QStringLiteral("红绿茶铁"),
                            QStringLiteral("茶拿红")};
    constexpr int Threads = 4;
    constexpr int Renames = 15;
    QStringList errors;
    QMutex errorsMutex;
    std::vector<std::thread> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back([&, t] {
            auto database = db::Database::open(m_settings, QStringLiteral("renamer%1").arg(t));
            const SystemClock clock;
            ChangeNotifier notifier;
            if (!database) {
                QMutexLocker lock(&errorsMutex);
                errors << database.error().toString();
                return;
            }
            CommandProcessor commands(*database, clock, notifier, PasswordHasher());
            for (int i = 0; i < Renames; ++i) {
                const QString name = names.at((t + i) % names.size()) + QString::number(t);
                auto saved = commands.execute(owner, QStringLiteral("product.save"), productNamed(name));
                if (!saved) {
                    QMutexLocker lock(&errorsMutex);
                    errors << saved.error().toString();
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));

    const QString text =
        m_database->scalar(QStringLiteral("SELECT search_text FROM products WHERE id = ?"), {productId})->toString();
    auto rows =
        m_database->exec(QStringLiteral("SELECT gram FROM product_search_grams WHERE shop_id = ? AND product_id = ?"),
                         {m_shopId, productId});
    QVERIFY(rows);
    QSet<QString> stored;
    while (rows->next())
        stored.insert(rows->value(0).toString());
    QCOMPARE(stored, SearchText::indexGrams(text));
}

void tst_CatalogSearch::migration5_givesExistingProductsTheirTrigrams()
{
    // The state before migration 5: no trigram rows (length counts characters on both engines).
    QVERIFY(m_database->exec(QStringLiteral("DELETE FROM product_search_grams WHERE length(gram) = 3")));
    const QList<db::Migration> migrations = serverMigrations();
    const auto fifth =
        std::find_if(migrations.cbegin(), migrations.cend(), [](const db::Migration& m) { return m.version == 5; });
    QVERIFY(fifth != migrations.cend());
    for (const QString& statement : fifth->statements) {
        auto done = m_database->exec(statement);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().toString()));
    }
    auto rows = m_database->exec(
        QStringLiteral("SELECT p.id, p.search_text, p.deleted, g.gram FROM products p LEFT JOIN product_search_grams g "
                       "ON g.shop_id = p.shop_id AND g.product_id = p.id WHERE p.shop_id = ?"),
        {m_shopId});
    QVERIFY(rows);
    QHash<QString, QSet<QString>> stored;
    QHash<QString, QSet<QString>> want;
    while (rows->next()) {
        const QString id = rows->value(0).toString();
        want[id] = rows->value(2).toInt() != 0 ? QSet<QString>() : SearchText::indexGrams(rows->value(1).toString());
        if (!rows->value(3).isNull())
            stored[id].insert(rows->value(3).toString());
        else
            stored[id];
    }
    QVERIFY(want.size() > 100);
    for (auto it = want.cbegin(); it != want.cend(); ++it)
        QVERIFY2(stored.value(it.key()) == it.value(), qPrintable(it.key()));
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || (args.at(1) != QLatin1String("sqlite") && args.at(1) != QLatin1String("postgres"))) {
        qCritical("first argument must be 'sqlite' or 'postgres'");
        return 2;
    }
    g_engine = args.takeAt(1);
    tst_CatalogSearch test;
    return QTest::qExec(&test, args);
}
#include "tst_catalogsearch.moc"
