// The public catalog's remembered answers (CatalogPublicApi::setChangeNotifier), in process on a real SQLite database:
// a list page or category tree is answered from memory until its shop changes, and never after. The end-to-end side
// (edits between pages through a real server) is tst_catalog's.
#include "CatalogPublicApi.h"
#include "CatalogReader.h"
#include "ChangeNotifier.h"
#include "HttpServer.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace xd;
using namespace xd::server;

class tst_CatalogCache final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void list_isRemembered_untilItsShopChanges_andOtherShopsKeepTheirs();
    void errors_areNeverRemembered();
    void withoutNotifier_everyRequestReads();

private:
    HttpResponse get(const QString& path, const QList<std::pair<QString, QString>>& query = {}) const;
    QString addProduct(const QString& shopId, const QString& name);
    void rename(const QString& productId, const QString& name);
    QStringList names(const HttpResponse& response) const;

    QTemporaryDir m_dir;
    SystemClock m_clock;
    std::optional<db::Database> m_database;
    std::unique_ptr<CatalogReader> m_reader;
    std::unique_ptr<CatalogPublicApi> m_api;
    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<ChangeNotifier> m_notifier;
    QString m_shopA;
    QString m_shopB;
};

void tst_CatalogCache::init()
{
    static int run = 0;
    auto settings = db::DatabaseSettings::fromUrl(QStringLiteral("sqlite:") +
                                                  m_dir.filePath(QStringLiteral("catalog-%1.db").arg(++run)));
    QVERIFY(settings);
    auto database = db::Database::open(*settings);
    QVERIFY(database);
    m_database.emplace(std::move(*database));
    QVERIFY(db::Migrator(serverMigrations()).migrate(*m_database, m_clock.nowMs()));
    ShopRepository shops(*m_database, m_clock);
    auto a = shops.createShop(QStringLiteral("甲店"));
    auto b = shops.createShop(QStringLiteral("乙店"));
    QVERIFY(a && b);
    m_shopA = a->id;
    m_shopB = b->id;
    m_reader = std::make_unique<CatalogReader>(*m_database);
    m_api = std::make_unique<CatalogPublicApi>(*m_database, *m_reader);
    m_notifier = std::make_unique<ChangeNotifier>();
    m_api->setChangeNotifier(m_notifier.get());
    m_http = std::make_unique<HttpServer>();
    m_api->registerRoutes(*m_http);
}

void tst_CatalogCache::cleanup()
{
    m_http.reset();
    m_api.reset();
    m_notifier.reset();
    m_reader.reset();
    m_database.reset();
}

HttpResponse tst_CatalogCache::get(const QString& path, const QList<std::pair<QString, QString>>& query) const
{
    HttpRequest request;
    request.method = "GET";
    request.path = path;
    for (const auto& [key, value] : query)
        request.query.addQueryItem(key, value);
    return m_http->dispatch(request);
}

// Written straight into the database, past CommandProcessor: nothing notifies, which is what shows the memory.
QString tst_CatalogCache::addProduct(const QString& shopId, const QString& name)
{
    const QString id = Id::create();
    auto inserted = m_database->exec(
        QStringLiteral(
            "INSERT INTO products (id, shop_id, name, subtitle, keywords, description, images, on_shelf, "
            "sort_weight, sales_count, min_price_fen, stock_total, search_text, version, deleted, "
            "created_at_ms, updated_at_ms) VALUES (?, ?, ?, '', '', '', '[]', 1, 0, 0, 990, 5, ?, 1, 0, ?, ?)"),
        {id, shopId, name, name, m_clock.nowMs(), m_clock.nowMs()});
    return inserted ? id : QString();
}

void tst_CatalogCache::rename(const QString& productId, const QString& name)
{
    QVERIFY(m_database->exec(QStringLiteral("UPDATE products SET name = ?, search_text = ? WHERE id = ?"),
                             {name, name, productId}));
}

QStringList tst_CatalogCache::names(const HttpResponse& response) const
{
    QStringList list;
    const QJsonArray items = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("items")).toArray();
    for (const QJsonValue& item : items)
        list << item.toObject().value(QStringLiteral("name")).toString();
    list.sort();
    return list;
}

void tst_CatalogCache::list_isRemembered_untilItsShopChanges_andOtherShopsKeepTheirs()
{
    const QString tea = addProduct(m_shopA, QStringLiteral("红茶"));
    const QString coffee = addProduct(m_shopB, QStringLiteral("咖啡"));
    QVERIFY(!tea.isEmpty() && !coffee.isEmpty());
    const QString listA = QStringLiteral("/api/v1/shops/%1/products").arg(m_shopA);
    const QString listB = QStringLiteral("/api/v1/shops/%1/products").arg(m_shopB);
    const HttpResponse first = get(listA);
    QCOMPARE(first.status, 200);
    QCOMPARE(names(first), QStringList{QStringLiteral("红茶")});
    QCOMPARE(names(get(listB)), QStringList{QStringLiteral("咖啡")});
    QCOMPARE(names(get(listA, {{QStringLiteral("sort"), QStringLiteral("price_asc")}})),
             QStringList{QStringLiteral("红茶")});

    // Changed behind the server's back: the remembered pages stay, byte for byte, headers included.
    rename(tea, QStringLiteral("乌龙茶"));
    rename(coffee, QStringLiteral("拿铁"));
    const HttpResponse again = get(listA);
    QCOMPARE(again.body, first.body);
    QCOMPARE(again.headers, first.headers);
    QCOMPARE(names(get(listB)), QStringList{QStringLiteral("咖啡")});

    // Shop A changes: every page of A is read again (both sorts), B's are kept.
    emit m_notifier->shopChanged(m_shopA, 2);
    QCOMPARE(names(get(listA)), QStringList{QStringLiteral("乌龙茶")});
    QCOMPARE(names(get(listA, {{QStringLiteral("sort"), QStringLiteral("price_asc")}})),
             QStringList{QStringLiteral("乌龙茶")});
    QCOMPARE(names(get(listB)), QStringList{QStringLiteral("咖啡")});
    emit m_notifier->shopChanged(m_shopB, 2);
    QCOMPARE(names(get(listB)), QStringList{QStringLiteral("拿铁")});

    // A different query is a different page: a product added unnoticed shows on a page not asked for before.
    QVERIFY(!addProduct(m_shopA, QStringLiteral("绿茶")).isEmpty());
    QCOMPARE(names(get(listA)), QStringList{QStringLiteral("乌龙茶")});
    QCOMPARE(names(get(listA, {{QStringLiteral("limit"), QStringLiteral("5")}})),
             QStringList({QStringLiteral("乌龙茶"), QStringLiteral("绿茶")}));

    // The same parameters in another order are the same page; a parameter the catalog does not read is answered
    // fresh every time and never remembered (made-up parameters cannot crowd real pages out).
    const QList<std::pair<QString, QString>> twoParams{{QStringLiteral("limit"), QStringLiteral("5")},
                                                       {QStringLiteral("sort"), QStringLiteral("newest")}};
    QCOMPARE(names(get(listA, twoParams)), QStringList({QStringLiteral("乌龙茶"), QStringLiteral("绿茶")}));
    rename(tea, QStringLiteral("普洱茶"));
    QCOMPARE(names(get(listA, {twoParams.at(1), twoParams.at(0)})),
             QStringList({QStringLiteral("乌龙茶"), QStringLiteral("绿茶")})); // the same page, remembered
    QCOMPARE(
        names(get(listA, {{QStringLiteral("limit"), QStringLiteral("5")}, {QStringLiteral("x"), QStringLiteral("1")}})),
        QStringList({QStringLiteral("普洱茶"), QStringLiteral("绿茶")})); // never remembered: read fresh
    rename(tea, QStringLiteral("白茶"));
    QCOMPARE(
        names(get(listA, {{QStringLiteral("limit"), QStringLiteral("5")}, {QStringLiteral("x"), QStringLiteral("1")}})),
        QStringList({QStringLiteral("白茶"), QStringLiteral("绿茶")}));
}

void tst_CatalogCache::errors_areNeverRemembered()
{
    const QString list = QStringLiteral("/api/v1/shops/%1/products").arg(m_shopA);
    QCOMPARE(get(QStringLiteral("/api/v1/shops/%1/products").arg(Id::create())).status, 404);
    QCOMPARE(get(list, {{QStringLiteral("sort"), QStringLiteral("bogus")}}).status, 400);
    // An unknown category is a 404 -- until the category exists (again behind the server's back: no notification).
    const QString category = Id::create();
    QCOMPARE(get(list, {{QStringLiteral("category"), category}}).status, 404);
    QVERIFY(m_database->exec(QStringLiteral("INSERT INTO categories (id, shop_id, parent_id, name, icon, position, "
                                            "version, deleted, created_at_ms, updated_at_ms) "
                                            "VALUES (?, ?, NULL, '饮品', '', 1, 1, 0, 0, 0)"),
                             {category, m_shopA}));
    QCOMPARE(get(list, {{QStringLiteral("category"), category}}).status, 200);
}

void tst_CatalogCache::withoutNotifier_everyRequestReads()
{
    m_api->setChangeNotifier(nullptr);
    const QString tea = addProduct(m_shopA, QStringLiteral("红茶"));
    const QString list = QStringLiteral("/api/v1/shops/%1/products").arg(m_shopA);
    QCOMPARE(names(get(list)), QStringList{QStringLiteral("红茶")});
    rename(tea, QStringLiteral("普洱"));
    QCOMPARE(names(get(list)), QStringList{QStringLiteral("普洱")});
}

QTEST_GUILESS_MAIN(tst_CatalogCache)
#include "tst_catalogcache.moc"
