// The catalog of a real syncserver process: merchant REST writes (the catalog operations) and the mini-program's
// categories, product list (filters, sorts, search, cursor paging) and product detail, on SQLite or PostgreSQL.
#include "ServerFixture.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/Id.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

namespace {

QJsonObject sku(qint64 priceFen, qint64 stock, const QJsonObject& specs = {}, qint64 originalFen = 0)
{
    return QJsonObject{{QStringLiteral("id"), xd::Id::create()},
                       {QStringLiteral("specs"), specs},
                       {QStringLiteral("priceFen"), priceFen},
                       {QStringLiteral("originalPriceFen"), originalFen},
                       {QStringLiteral("stock"), stock}};
}

QJsonObject product(const QString& name, const QString& categoryId, qint64 priceFen = 1000, qint64 weight = 0)
{
    return QJsonObject{{QStringLiteral("id"), xd::Id::create()},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("categoryId"), categoryId},
                       {QStringLiteral("onShelf"), true},
                       {QStringLiteral("sortWeight"), weight},
                       {QStringLiteral("skus"), QJsonArray{sku(priceFen, 100)}}};
}

QSet<QString> namesOf(const QJsonArray& items)
{
    QSet<QString> names;
    for (const QJsonValue& item : items)
        names.insert(item.toObject().value(QStringLiteral("name")).toString());
    return names;
}

} // namespace

class tst_Catalog : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void publicList_pagesWithoutGapsOrDuplicates_whileProductsAreEdited_data();
    void publicList_pagesWithoutGapsOrDuplicates_whileProductsAreEdited();
    void publicList_sortsByEachKey_data();
    void publicList_sortsByEachKey();
    void publicApi_neverShowsOffShelfDeletedOrOtherShopsProducts();
    void publicApi_invalidParameters_are400WithCode_data();
    void publicApi_invalidParameters_are400WithCode();
    void search_findsSubstrings_mixedScripts_andWildcardsLiterally_data();
    void search_findsSubstrings_mixedScripts_andWildcardsLiterally();
    void search_pagesAndCombinesWithCategoryAndSort();
    void categories_areNestedAndOrdered_andATopCategoryListsItsChildren();
    void categoryDelete_inUse_isRefusedWithConflict();
    void productSave_invalid_isRejected_andChangesNothing_data();
    void productSave_invalid_isRejected_andChangesNothing();
    void productDetail_moneyIsExact_stockIsAState_andSkusAreReplaced();
    void setShelf_bulk_isAllOrNothing();
    void productSave_keepsStockOfExistingSkus_andSetsNewOnes();
    void adjustStock_isRelative_oneVersion_andRefusesWholeListOnBadItem_data();
    void adjustStock_isRelative_oneVersion_andRefusesWholeListOnBadItem();
    void setPrice_bulk_movesThePriceSortKey_andIsAllOrNothing();
    void clerk_mayEditTheCatalog();

private:
    // The merchant's view of a product's SKUs: id → {stock, priceFen, …}.
    QHash<QString, QJsonObject> merchantSkus(const QString& productId) const;
    QString createCategory(const QString& name, const QString& parentId = {}, const QString& token = {});
    QString createProduct(const QJsonObject& body, const QString& token = {});
    QJsonObject page(const QString& shopId, const QList<std::pair<QString, QString>>& params) const;
    // Every page of a list, following nextCursor; `betweenPages` runs after each page but the last.
    QStringList allPages(const QString& shopId,
                         QList<std::pair<QString, QString>> params,
                         const std::function<void(const QStringList& seen)>& betweenPages = {});
    qint64 changeCounter(const QString& shopId) const;
    QString createShopB(QString* ownerToken);
};

void tst_Catalog::initTestCase()
{
    QString error;
    QVERIFY2(startServer(QStringLiteral("xd_catalog"), {}, &error), qPrintable(error));
    QVERIFY(xd::Id::isValid(m_shopId));
    QVERIFY(xd::Id::isValid(m_shopId));
}

void tst_Catalog::cleanupTestCase()
{
    m_server->stop();
}

QString tst_Catalog::createCategory(const QString& name, const QString& parentId, const QString& token)
{
    QJsonObject body{{QStringLiteral("name"), name}};
    if (!parentId.isEmpty())
        body.insert(QStringLiteral("parentId"), parentId);
    const auto reply =
        m_server->requestJson("POST", QStringLiteral("/admin/v1/categories"), body, token.isEmpty() ? m_token : token);
    if (reply.status != 201)
        qWarning() << reply.status << reply.body;
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toString() : QString();
}

QString tst_Catalog::createProduct(const QJsonObject& body, const QString& token)
{
    const auto reply =
        m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), body, token.isEmpty() ? m_token : token);
    if (reply.status != 201)
        qWarning() << reply.status << reply.body;
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toString() : QString();
}

QJsonObject tst_Catalog::page(const QString& shopId, const QList<std::pair<QString, QString>>& params) const
{
    const auto reply =
        m_server->request("GET", withQuery(QStringLiteral("/api/v1/shops/%1/products").arg(shopId), params));
    if (reply.status != 200)
        qWarning() << reply.status << reply.body;
    return reply.json;
}

QStringList tst_Catalog::allPages(const QString& shopId,
                                  QList<std::pair<QString, QString>> params,
                                  const std::function<void(const QStringList& seen)>& betweenPages)
{
    QStringList seen;
    QString cursor;
    for (int guard = 0; guard < 1000; ++guard) {
        auto withCursor = params;
        if (!cursor.isEmpty())
            withCursor.append({QStringLiteral("cursor"), cursor});
        const QJsonObject reply = page(shopId, withCursor);
        seen << idsOf(reply.value(QStringLiteral("items")).toArray());
        cursor = reply.value(QStringLiteral("nextCursor")).toString();
        if (cursor.isEmpty())
            break;
        if (betweenPages)
            betweenPages(seen);
    }
    return seen;
}

qint64 tst_Catalog::changeCounter(const QString& shopId) const
{
    const QVariant counter = scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {shopId});
    return counter.isValid() ? counter.toLongLong() : -1;
}

QString tst_Catalog::createShopB(QString* ownerToken)
{
    static int n = 0;
    return m_server->createShop(QStringLiteral("对面店%1").arg(++n), ownerToken);
}

void tst_Catalog::publicList_pagesWithoutGapsOrDuplicates_whileProductsAreEdited_data()
{
    QTest::addColumn<QString>("sort");
    for (const char* sort : {"default", "newest", "sales", "price_asc", "price_desc"})
        QTest::newRow(sort) << QString::fromLatin1(sort);
}

void tst_Catalog::publicList_pagesWithoutGapsOrDuplicates_whileProductsAreEdited()
{
    QFETCH(QString, sort);
    const QString category = createCategory(QStringLiteral("翻页") + sort);
    QVERIFY(!category.isEmpty());
    QHash<QString, QJsonObject> bodies;
    QStringList created;
    for (int i = 0; i < 23; ++i) {
        // Few distinct keys, so that page boundaries fall inside runs of equal keys (the id breaks the tie).
        const QJsonObject body = product(QStringLiteral("商品%1").arg(i), category, 100 * (i % 4), i % 3);
        const QString id = createProduct(body);
        QVERIFY(!id.isEmpty());
        bodies.insert(id, body);
        created << id;
    }
    QSet<QString> hidden;
    QSet<QString> changedVisibility;
    int round = 0;
    const QList<std::pair<QString, QString>> params{{QStringLiteral("category"), category},
                                                    {QStringLiteral("sort"), sort},
                                                    {QStringLiteral("limit"), QStringLiteral("4")}};
    const QStringList seen = allPages(m_shopId, params, [&](const QStringList& seenSoFar) {
        ++round;
        // Edit products already shown and not yet shown, without touching this sort's own key.
        for (const QString& id : {seenSoFar.first(), created.at((round * 7) % created.size())}) {
            QJsonObject body = bodies.value(id);
            body.insert(QStringLiteral("name"), QStringLiteral("改名%1").arg(round));
            if (!sort.startsWith(QLatin1String("price")))
                body.insert(QStringLiteral("skus"), QJsonArray{sku(999 + round, 5)});
            if (sort != QLatin1String("default"))
                body.insert(QStringLiteral("sortWeight"), round);
            const auto reply =
                m_server->requestJson("PUT", QStringLiteral("/admin/v1/products/%1").arg(id), body, m_token);
            QCOMPARE(reply.status, 200);
        }
        // A new product arrives, and an unseen one leaves the shelf, and another is deleted.
        const QString added = createProduct(product(QStringLiteral("新品%1").arg(round), category, 150, 1));
        changedVisibility.insert(added);
        for (const QString& id : std::as_const(created)) {
            if (seenSoFar.contains(id) || changedVisibility.contains(id))
                continue;
            changedVisibility.insert(id);
            hidden.insert(id);
            if (round % 2) {
                QCOMPARE(m_server
                             ->requestJson("POST",
                                           QStringLiteral("/admin/v1/products/shelf"),
                                           QJsonObject{{QStringLiteral("ids"), QJsonArray{id}},
                                                       {QStringLiteral("onShelf"), false}},
                                           m_token)
                             .status,
                         200);
            } else {
                QCOMPARE(
                    m_server->request("DELETE", QStringLiteral("/admin/v1/products/%1").arg(id), {}, m_token).status,
                    200);
            }
            break;
        }
    });
    QVERIFY(round >= 4);
    QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), seen.size()); // no duplicates
    for (const QString& id : std::as_const(created)) {
        if (hidden.contains(id))
            QVERIFY2(!seen.contains(id), "a product hidden before its page was shown");
        else if (!changedVisibility.contains(id))
            QVERIFY2(seen.contains(id), "a gap: a product visible all along was skipped");
    }
}

void tst_Catalog::publicList_sortsByEachKey_data()
{
    publicList_pagesWithoutGapsOrDuplicates_whileProductsAreEdited_data();
}

void tst_Catalog::publicList_sortsByEachKey()
{
    QFETCH(QString, sort);
    const QString category = createCategory(QStringLiteral("排序") + sort);
    QStringList ids;
    for (int i = 0; i < 6; ++i) {
        ids << createProduct(product(QStringLiteral("排%1").arg(i), category, 100 + 10 * (i % 3), i % 2));
        QVERIFY(!ids.last().isEmpty());
    }
    const QJsonArray items = page(m_shopId, {{QStringLiteral("category"), category}, {QStringLiteral("sort"), sort}})
                                 .value(QStringLiteral("items"))
                                 .toArray();
    QCOMPARE(items.size(), 6);
    auto key = [&](const QJsonObject& item) -> qint64 {
        if (sort.startsWith(QLatin1String("price")))
            return item.value(QStringLiteral("priceFen")).toInteger();
        if (sort == QLatin1String("sales"))
            return item.value(QStringLiteral("salesCount")).toInteger();
        if (sort == QLatin1String("newest"))
            return ids.indexOf(item.value(QStringLiteral("id")).toString());
        return ids.indexOf(item.value(QStringLiteral("id")).toString()) % 2; // the sort weight
    };
    const bool ascending = sort == QLatin1String("price_asc");
    for (int i = 1; i < items.size(); ++i) {
        const qint64 previous = key(items.at(i - 1).toObject());
        const qint64 current = key(items.at(i).toObject());
        QVERIFY2(ascending ? previous <= current : previous >= current, qPrintable(QStringLiteral("at %1").arg(i)));
    }
}

void tst_Catalog::publicApi_neverShowsOffShelfDeletedOrOtherShopsProducts()
{
    const QString category = createCategory(QStringLiteral("可见性"));
    const QString visible = createProduct(product(QStringLiteral("隐身测试上架"), category));
    QJsonObject offBody = product(QStringLiteral("隐身测试下架"), category);
    offBody.insert(QStringLiteral("onShelf"), false);
    const QString off = createProduct(offBody);
    const QString gone = createProduct(product(QStringLiteral("隐身测试删除"), category));
    QVERIFY(!visible.isEmpty() && !off.isEmpty() && !gone.isEmpty());
    QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/products/%1").arg(gone), {}, m_token).status, 200);

    QString tokenB;
    const QString shopB = createShopB(&tokenB);
    QVERIFY(!shopB.isEmpty() && !tokenB.isEmpty());
    const QString categoryB = createCategory(QStringLiteral("可见性"), {}, tokenB);
    const QString productB = createProduct(product(QStringLiteral("隐身测试别家"), categoryB), tokenB);
    QVERIFY(!productB.isEmpty());

    for (const QString& q : {QStringLiteral("隐身测试"), QString()}) {
        QList<std::pair<QString, QString>> params{{QStringLiteral("limit"), QStringLiteral("50")}};
        if (!q.isEmpty())
            params.append({QStringLiteral("q"), q});
        const QStringList ids = allPages(m_shopId, params);
        QVERIFY(ids.contains(visible));
        QVERIFY(!ids.contains(off));
        QVERIFY(!ids.contains(gone));
        QVERIFY(!ids.contains(productB));
        const QStringList idsB = allPages(shopB, params);
        QCOMPARE(idsB, QStringList{productB});
    }
    // Another shop's category filters nothing in: it is not this shop's.
    QCOMPARE(m_server
                 ->request("GET",
                           withQuery(QStringLiteral("/api/v1/shops/%1/products").arg(m_shopId),
                                     {{QStringLiteral("category"), categoryB}}))
                 .status,
             404);
    const QString detail = QStringLiteral("/api/v1/shops/%1/products/%2");
    QCOMPARE(m_server->request("GET", detail.arg(m_shopId, visible)).status, 200);
    QCOMPARE(m_server->request("GET", detail.arg(m_shopId, off)).status, 404);
    QCOMPARE(m_server->request("GET", detail.arg(m_shopId, gone)).status, 404);
    QCOMPARE(m_server->request("GET", detail.arg(m_shopId, productB)).status, 404);
    QCOMPARE(m_server->request("GET", detail.arg(shopB, productB)).status, 200);
    // The merchant sees the off-shelf product, but never another shop's.
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/products/%1").arg(off), {}, m_token).status, 200);
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/products/%1").arg(productB), {}, m_token).status, 404);
    // And cannot write it: the id is taken by the other shop.
    QJsonObject steal = product(QStringLiteral("抢"), category);
    steal.insert(QStringLiteral("id"), productB);
    QCOMPARE(m_server->requestJson("PUT", QStringLiteral("/admin/v1/products/%1").arg(productB), steal, m_token).status,
             409);
    QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/products/%1").arg(productB), {}, m_token).status,
             404);
}

void tst_Catalog::publicApi_invalidParameters_are400WithCode_data()
{
    QTest::addColumn<QString>("path");
    const QString list = QStringLiteral("/api/v1/shops/{shop}/products");
    auto with = [&](const QString& key, const QString& value) {
        return withQuery(list, {{key, value}});
    };
    QTest::newRow("negative limit") << with(QStringLiteral("limit"), QStringLiteral("-1"));
    QTest::newRow("zero limit") << with(QStringLiteral("limit"), QStringLiteral("0"));
    QTest::newRow("huge limit") << with(QStringLiteral("limit"), QStringLiteral("100000"));
    QTest::newRow("overflowing limit") << with(QStringLiteral("limit"), QStringLiteral("99999999999999999999"));
    QTest::newRow("text limit") << with(QStringLiteral("limit"), QStringLiteral("ten"));
    QTest::newRow("bad sort") << with(QStringLiteral("sort"), QStringLiteral("cheapest"));
    QTest::newRow("sql in sort") << with(QStringLiteral("sort"), QStringLiteral("price_asc; DROP TABLE products"));
    QTest::newRow("malformed category") << with(QStringLiteral("category"), QStringLiteral("abc"));
    QTest::newRow("malformed cursor") << with(QStringLiteral("cursor"), QStringLiteral("!!!"));
    QTest::newRow("cursor of garbage") << with(QStringLiteral("cursor"),
                                               QString::fromLatin1(QByteArray("1|default|x|y").toBase64()));
    QTest::newRow("cursor of another sort") << withQuery(
        list,
        {{QStringLiteral("sort"), QStringLiteral("newest")},
         {QStringLiteral("cursor"),
          QString::fromLatin1(QByteArray("1|default|5|01890a5d-ac96-774b-bcce-b302099a8057")
                                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))}});
    QTest::newRow("long query") << with(QStringLiteral("q"), QString(51, QChar(0x8336)));
    QTest::newRow("malformed shop") << QStringLiteral("/api/v1/shops/not-an-id/products");
    QTest::newRow("malformed shop, categories") << QStringLiteral("/api/v1/shops/not-an-id/categories");
    QTest::newRow("malformed product") << QStringLiteral("/api/v1/shops/{shop}/products/123");
}

void tst_Catalog::publicApi_invalidParameters_are400WithCode()
{
    QFETCH(QString, path);
    const auto reply = m_server->request("GET", QString(path).replace(QStringLiteral("{shop}"), m_shopId));
    QCOMPARE(reply.status, 400);
    const QJsonObject error = reply.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
}

void tst_Catalog::search_findsSubstrings_mixedScripts_andWildcardsLiterally_data()
{
    QTest::addColumn<QString>("q");
    QTest::addColumn<QStringList>("expected");
    const QString latte = QStringLiteral("经典红茶拿铁");
    QTest::newRow("two characters in the middle") << QStringLiteral("红茶") << QStringList{latte};
    QTest::newRow("one character") << QStringLiteral("茶")
                                   << QStringList{latte, QStringLiteral("普通绿茶"), QStringLiteral("under_score 茶")};
    QTest::newRow("three characters") << QStringLiteral("红茶拿") << QStringList{latte};
    QTest::newRow("reversed finds nothing") << QStringLiteral("茶红") << QStringList{};
    QTest::newRow("latin and chinese terms") << QStringLiteral("latte 拿铁") << QStringList{QStringLiteral("冰美式")};
    QTest::newRow("latin case folds") << QStringLiteral("LATTE") << QStringList{QStringLiteral("冰美式")};
    QTest::newRow("mixed in one term") << QStringLiteral("A4纸") << QStringList{QStringLiteral("A4纸 70g 500张")};
    QTest::newRow("full width input") << QStringLiteral("Ａ４纸") << QStringList{QStringLiteral("A4纸 70g 500张")};
    QTest::newRow("keywords") << QStringLiteral("奶茶") << QStringList{latte};
    QTest::newRow("percent is literal") << QStringLiteral("%") << QStringList{QStringLiteral("100%纯果汁")};
    QTest::newRow("percent pair") << QStringLiteral("0%纯") << QStringList{QStringLiteral("100%纯果汁")};
    QTest::newRow("underscore is literal") << QStringLiteral("_") << QStringList{QStringLiteral("under_score 茶")};
    QTest::newRow("backslash is literal") << QStringLiteral("\\") << QStringList{};
    QTest::newRow("like pattern") << QStringLiteral("%茶%") << QStringList{};
    QTest::newRow("spaces only is no search") << QStringLiteral("   ")
                                              << QStringList{latte,
                                                             QStringLiteral("普通绿茶"),
                                                             QStringLiteral("under_score 茶"),
                                                             QStringLiteral("冰美式"),
                                                             QStringLiteral("A4纸 70g 500张"),
                                                             QStringLiteral("100%纯果汁")};
}

void tst_Catalog::search_findsSubstrings_mixedScripts_andWildcardsLiterally()
{
    QFETCH(QString, q);
    QFETCH(QStringList, expected);
    static QString category;
    if (category.isEmpty()) {
        category = createCategory(QStringLiteral("搜索"));
        QJsonObject latte = product(QStringLiteral("经典红茶拿铁"), category);
        latte.insert(QStringLiteral("keywords"), QStringLiteral("奶茶 下午茶"));
        QJsonObject americano = product(QStringLiteral("冰美式"), category);
        americano.insert(QStringLiteral("subtitle"), QStringLiteral("Iced Latte 拿铁风味"));
        for (const QJsonObject& body : {latte,
                                        americano,
                                        product(QStringLiteral("普通绿茶"), category),
                                        product(QStringLiteral("A4纸 70g 500张"), category),
                                        product(QStringLiteral("100%纯果汁"), category),
                                        product(QStringLiteral("under_score 茶"), category)})
            QVERIFY(!createProduct(body).isEmpty());
    }
    const QStringList ids = allPages(m_shopId,
                                     {{QStringLiteral("category"), category},
                                      {QStringLiteral("q"), q},
                                      {QStringLiteral("limit"), QStringLiteral("50")}});
    const QJsonArray items = page(m_shopId,
                                  {{QStringLiteral("category"), category},
                                   {QStringLiteral("q"), q},
                                   {QStringLiteral("limit"), QStringLiteral("50")}})
                                 .value(QStringLiteral("items"))
                                 .toArray();
    QCOMPARE(namesOf(items), QSet<QString>(expected.cbegin(), expected.cend()));
    QCOMPARE(ids.size(), expected.size());
}

void tst_Catalog::search_pagesAndCombinesWithCategoryAndSort()
{
    const QString top = createCategory(QStringLiteral("茶饮"));
    const QString child = createCategory(QStringLiteral("红茶类"), top);
    const QString other = createCategory(QStringLiteral("别的"));
    QStringList teas;
    for (int i = 0; i < 7; ++i)
        teas << createProduct(product(QStringLiteral("翻页红茶%1号").arg(i), i % 2 ? child : top, 500 - i * 10));
    QVERIFY(!createProduct(product(QStringLiteral("翻页红茶别类"), other)).isEmpty());
    QVERIFY(!createProduct(product(QStringLiteral("翻页咖啡"), top)).isEmpty());
    const QStringList found = allPages(m_shopId,
                                       {{QStringLiteral("q"), QStringLiteral("翻页红茶")},
                                        {QStringLiteral("category"), top},
                                        {QStringLiteral("sort"), QStringLiteral("price_asc")},
                                        {QStringLiteral("limit"), QStringLiteral("2")}});
    QStringList cheapestFirst = teas;
    std::reverse(cheapestFirst.begin(), cheapestFirst.end());
    QCOMPARE(found, cheapestFirst);
    const QStringList inChild = allPages(m_shopId,
                                         {{QStringLiteral("q"), QStringLiteral("红")},
                                          {QStringLiteral("category"), child},
                                          {QStringLiteral("limit"), QStringLiteral("1")}});
    QCOMPARE(inChild.size(), 3);
}

void tst_Catalog::categories_areNestedAndOrdered_andATopCategoryListsItsChildren()
{
    QString tokenB;
    const QString shopB = createShopB(&tokenB);
    QVERIFY(!shopB.isEmpty());
    const QString drinks = createCategory(QStringLiteral("饮品"), {}, tokenB);
    const QString snacks = createCategory(QStringLiteral("小食"), {}, tokenB);
    const QString coffee = createCategory(QStringLiteral("咖啡"), drinks, tokenB);
    const QString tea = createCategory(QStringLiteral("茶"), drinks, tokenB);
    QVERIFY(!drinks.isEmpty() && !snacks.isEmpty() && !coffee.isEmpty() && !tea.isEmpty());
    // Three levels are refused.
    QCOMPARE(createCategory(QStringLiteral("深"), coffee, tokenB), QString());
    QCOMPARE(m_server
                 ->requestJson("PUT",
                               QStringLiteral("/admin/v1/categories/order"),
                               QJsonObject{{QStringLiteral("ids"), QJsonArray{snacks, drinks}}},
                               tokenB)
                 .status,
             200);
    QCOMPARE(
        m_server
            ->requestJson("PUT",
                          QStringLiteral("/admin/v1/categories/order"),
                          QJsonObject{{QStringLiteral("parentId"), drinks}, {QStringLiteral("ids"), QJsonArray{tea}}},
                          tokenB)
            .json.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString(),
        QStringLiteral("conflict"));
    const auto reply = m_server->request("GET", QStringLiteral("/api/v1/shops/%1/categories").arg(shopB));
    QCOMPARE(reply.status, 200);
    const QJsonArray tree = reply.json.value(QStringLiteral("categories")).toArray();
    QCOMPARE(idsOf(tree), (QStringList{snacks, drinks}));
    QCOMPARE(idsOf(tree.at(1).toObject().value(QStringLiteral("children")).toArray()), (QStringList{coffee, tea}));

    const QString latte = createProduct(product(QStringLiteral("拿铁"), coffee), tokenB);
    const QString cake = createProduct(product(QStringLiteral("蛋糕"), snacks), tokenB);
    QVERIFY(!latte.isEmpty() && !cake.isEmpty());
    QCOMPARE(allPages(shopB, {{QStringLiteral("category"), drinks}}), QStringList{latte});
    QCOMPARE(allPages(shopB, {{QStringLiteral("category"), coffee}}), QStringList{latte});
    QCOMPARE(allPages(shopB, {{QStringLiteral("category"), tea}}), QStringList{});
    // Moving the coffee category under snacks moves its products with it.
    QCOMPARE(m_server
                 ->requestJson("PUT",
                               QStringLiteral("/admin/v1/categories/%1").arg(coffee),
                               QJsonObject{{QStringLiteral("name"), QStringLiteral("咖啡")},
                                           {QStringLiteral("parentId"), snacks}},
                               tokenB)
                 .status,
             200);
    QCOMPARE(allPages(shopB, {{QStringLiteral("category"), drinks}}), QStringList{});
    const QStringList inSnacks = allPages(shopB, {{QStringLiteral("category"), snacks}});
    QCOMPARE(QSet<QString>(inSnacks.cbegin(), inSnacks.cend()), (QSet<QString>{latte, cake}));
}

void tst_Catalog::categoryDelete_inUse_isRefusedWithConflict()
{
    const QString parent = createCategory(QStringLiteral("要删的"));
    const QString child = createCategory(QStringLiteral("子类"), parent);
    const QString used = createProduct(product(QStringLiteral("占着"), child));
    QVERIFY(!used.isEmpty());
    const qint64 before = changeCounter(m_shopId);
    for (const QString& id : {parent, child}) {
        const auto reply = m_server->request("DELETE", QStringLiteral("/admin/v1/categories/%1").arg(id), {}, m_token);
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("conflict"));
    }
    QCOMPARE(changeCounter(m_shopId), before);
    QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/products/%1").arg(used), {}, m_token).status, 200);
    QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/categories/%1").arg(child), {}, m_token).status,
             200);
    QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/categories/%1").arg(parent), {}, m_token).status,
             200);
    QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/categories/%1").arg(parent), {}, m_token).status,
             404);
    const QJsonArray tree = m_server->request("GET", QStringLiteral("/api/v1/shops/%1/categories").arg(m_shopId))
                                .json.value(QStringLiteral("categories"))
                                .toArray();
    QVERIFY(!idsOf(tree).contains(parent));
    // A product cannot be filed under a deleted category.
    QCOMPARE(
        m_server
            ->requestJson("POST", QStringLiteral("/admin/v1/products"), product(QStringLiteral("迷路"), child), m_token)
            .status,
        400);
}

void tst_Catalog::productSave_invalid_isRejected_andChangesNothing_data()
{
    QTest::addColumn<QJsonObject>("patch");
    auto skus = [](const QJsonArray& list) {
        return QJsonObject{{QStringLiteral("skus"), list}};
    };
    QTest::newRow("empty name") << QJsonObject{{QStringLiteral("name"), QStringLiteral("  ")}};
    QTest::newRow("name too long") << QJsonObject{{QStringLiteral("name"), QString(101, QChar(0x8336))}};
    QTest::newRow("name not text") << QJsonObject{{QStringLiteral("name"), 5}};
    QTest::newRow("unknown field") << QJsonObject{{QStringLiteral("price"), 5}};
    QTest::newRow("unknown category") << QJsonObject{{QStringLiteral("categoryId"), xd::Id::create()}};
    QTest::newRow("malformed category") << QJsonObject{{QStringLiteral("categoryId"), QStringLiteral("x")}};
    QTest::newRow("no skus") << skus({});
    QTest::newRow("negative price") << skus({sku(-1, 1)});
    QTest::newRow("price too high") << skus({sku(100'000'001, 1)});
    QTest::newRow("fractional price") << skus({QJsonObject{
        {QStringLiteral("id"), xd::Id::create()}, {QStringLiteral("priceFen"), 1.5}, {QStringLiteral("stock"), 1}}});
    QTest::newRow("price as text") << skus({QJsonObject{{QStringLiteral("id"), xd::Id::create()},
                                                        {QStringLiteral("priceFen"), QStringLiteral("12.00")},
                                                        {QStringLiteral("stock"), 1}}});
    QTest::newRow("negative original") << skus({sku(100, 1, {}, -5)});
    QTest::newRow("negative stock") << skus({sku(100, -1)});
    QTest::newRow("same specs twice") << skus({sku(100, 1, {{QStringLiteral("规格"), QStringLiteral("大杯")}}),
                                               sku(200, 1, {{QStringLiteral("规格"), QStringLiteral("大杯")}})});
    QTest::newRow("uneven specs") << skus({sku(100, 1, {{QStringLiteral("规格"), QStringLiteral("大杯")}}),
                                           sku(200, 1, {{QStringLiteral("温度"), QStringLiteral("冰")}})});
    QJsonArray many;
    for (int i = 0; i < 201; ++i)
        many.append(sku(100, 1, {{QStringLiteral("编号"), QString::number(i)}}));
    QTest::newRow("201 skus") << skus(many);
}

void tst_Catalog::productSave_invalid_isRejected_andChangesNothing()
{
    QFETCH(QJsonObject, patch);
    static QString category;
    static QString existing;
    static QJsonObject original;
    if (existing.isEmpty()) {
        category = createCategory(QStringLiteral("校验"));
        original = product(QStringLiteral("原样"), category, 1234);
        existing = createProduct(original);
        QVERIFY(!existing.isEmpty());
    }
    const qint64 before = changeCounter(m_shopId);
    const QByteArray detailBefore =
        m_server->request("GET", QStringLiteral("/admin/v1/products/%1").arg(existing), {}, m_token).body;

    QJsonObject created = product(QStringLiteral("新的"), category);
    QJsonObject updated = original;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        created.insert(it.key(), it.value());
        updated.insert(it.key(), it.value());
    }
    const auto post = m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), created, m_token);
    QCOMPARE(post.status, 400);
    QCOMPARE(post.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("invalid_argument"));
    const auto put =
        m_server->requestJson("PUT", QStringLiteral("/admin/v1/products/%1").arg(existing), updated, m_token);
    QCOMPARE(put.status, 400);

    QCOMPARE(changeCounter(m_shopId), before);
    QCOMPARE(m_server
                 ->request("GET",
                           QStringLiteral("/admin/v1/products/%1").arg(created.value(QStringLiteral("id")).toString()),
                           {},
                           m_token)
                 .status,
             404);
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/products/%1").arg(existing), {}, m_token).body,
             detailBefore);
}

void tst_Catalog::productDetail_moneyIsExact_stockIsAState_andSkusAreReplaced()
{
    const QString category = createCategory(QStringLiteral("钱"));
    const QJsonObject bigHot =
        sku(100'000'000,
            0,
            {{QStringLiteral("规格"), QStringLiteral("大杯")}, {QStringLiteral("温度"), QStringLiteral("热")}},
            100'000'000);
    const QJsonObject bigIced =
        sku(1999,
            3,
            {{QStringLiteral("规格"), QStringLiteral("大杯")}, {QStringLiteral("温度"), QStringLiteral("冰")}},
            2500);
    const QJsonObject smallIced =
        sku(1, 500, {{QStringLiteral("规格"), QStringLiteral("中杯")}, {QStringLiteral("温度"), QStringLiteral("冰")}});
    QJsonObject body = product(QStringLiteral("精确到分"), category);
    body.insert(QStringLiteral("skus"), QJsonArray{bigHot, bigIced, smallIced});
    // Images are ids of uploads (tst_images covers them); without any, the detail shows none.
    body.insert(QStringLiteral("images"), QJsonArray());
    body.insert(QStringLiteral("description"), QStringLiteral("好喝"));
    const QString id = createProduct(body);
    QVERIFY(!id.isEmpty());

    const auto reply = m_server->request("GET", QStringLiteral("/api/v1/shops/%1/products/%2").arg(m_shopId, id));
    QCOMPARE(reply.status, 200);
    const QJsonObject detail = reply.json;
    QCOMPARE(detail.value(QStringLiteral("priceFen")).toInteger(), 1);
    QCOMPARE(detail.value(QStringLiteral("price")).toString(), QStringLiteral("0.01"));
    QCOMPARE(detail.value(QStringLiteral("images")).toArray().size(), 0);
    QVERIFY(detail.value(QStringLiteral("image")).isNull());
    QCOMPARE(detail.value(QStringLiteral("description")).toString(), QStringLiteral("<p>好喝</p>")); // sanitized
    QCOMPARE(detail.value(QStringLiteral("stockState")).toString(), QStringLiteral("in_stock"));
    const QJsonArray skus = detail.value(QStringLiteral("skus")).toArray();
    QCOMPARE(skus.size(), 3);
    const QJsonObject first = skus.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("priceFen")).toInteger(), 100'000'000);
    QCOMPARE(first.value(QStringLiteral("price")).toString(), QStringLiteral("1000000.00"));
    QCOMPARE(first.value(QStringLiteral("stockState")).toString(), QStringLiteral("sold_out"));
    QVERIFY(!first.contains(QStringLiteral("stock"))); // customers see a state, never the number
    QCOMPARE(skus.at(1).toObject().value(QStringLiteral("price")).toString(), QStringLiteral("19.99"));
    QCOMPARE(skus.at(1).toObject().value(QStringLiteral("originalPrice")).toString(), QStringLiteral("25.00"));
    QCOMPARE(skus.at(1).toObject().value(QStringLiteral("stockState")).toString(), QStringLiteral("low"));
    QCOMPARE(skus.at(2).toObject().value(QStringLiteral("stockState")).toString(), QStringLiteral("in_stock"));
    QCOMPARE(skus.at(1).toObject().value(QStringLiteral("specs")).toObject().value(QStringLiteral("温度")).toString(),
             QStringLiteral("冰"));
    const QJsonArray specs = detail.value(QStringLiteral("specs")).toArray();
    QCOMPARE(specs.size(), 2);
    for (const QJsonValue& spec : specs)
        QCOMPARE(spec.toObject().value(QStringLiteral("values")).toArray().size(), 2);

    // The merchant sees exact stock; replacing the SKU list drops the missing ones.
    const QJsonObject merchant =
        m_server->request("GET", QStringLiteral("/admin/v1/products/%1").arg(id), {}, m_token).json;
    QCOMPARE(
        merchant.value(QStringLiteral("skus")).toArray().at(1).toObject().value(QStringLiteral("stock")).toInteger(),
        3);
    body.insert(QStringLiteral("skus"), QJsonArray{bigIced});
    QCOMPARE(m_server->requestJson("PUT", QStringLiteral("/admin/v1/products/%1").arg(id), body, m_token).status, 200);
    const QJsonObject after =
        m_server->request("GET", QStringLiteral("/api/v1/shops/%1/products/%2").arg(m_shopId, id)).json;
    QCOMPARE(idsOf(after.value(QStringLiteral("skus")).toArray()),
             QStringList{bigIced.value(QStringLiteral("id")).toString()});
    QCOMPARE(after.value(QStringLiteral("priceFen")).toInteger(), 1999);
    QCOMPARE(after.value(QStringLiteral("stockState")).toString(), QStringLiteral("low"));
    // A SKU id belongs to its product for good.
    QJsonObject thief = product(QStringLiteral("偷SKU"), category);
    thief.insert(QStringLiteral("skus"), QJsonArray{bigIced});
    QCOMPARE(m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), thief, m_token).status, 409);
}

void tst_Catalog::setShelf_bulk_isAllOrNothing()
{
    const QString category = createCategory(QStringLiteral("批量"));
    QStringList ids;
    for (int i = 0; i < 3; ++i)
        ids << createProduct(product(QStringLiteral("批量%1").arg(i), category));
    const qint64 before = changeCounter(m_shopId);
    auto shelf = [&](const QJsonArray& list, bool on) {
        return m_server->requestJson("POST",
                                     QStringLiteral("/admin/v1/products/shelf"),
                                     QJsonObject{{QStringLiteral("ids"), list}, {QStringLiteral("onShelf"), on}},
                                     m_token);
    };
    QCOMPARE(shelf(QJsonArray{ids[0], xd::Id::create()}, false).status, 404);
    QCOMPARE(shelf(QJsonArray{ids[0], ids[0]}, false).status, 400);
    QCOMPARE(shelf(QJsonArray{}, false).status, 400);
    QCOMPARE(changeCounter(m_shopId), before);
    QCOMPARE(allPages(m_shopId, {{QStringLiteral("category"), category}}).size(), 3);
    const auto off = shelf(QJsonArray{ids[0], ids[1]}, false);
    QCOMPARE(off.status, 200);
    QCOMPARE(changeCounter(m_shopId), before + 1); // one operation, one version
    QCOMPARE(allPages(m_shopId, {{QStringLiteral("category"), category}}), QStringList{ids[2]});
    const QJsonArray offList = m_server
                                   ->request("GET",
                                             withQuery(QStringLiteral("/admin/v1/products"),
                                                       {{QStringLiteral("category"), category},
                                                        {QStringLiteral("shelf"), QStringLiteral("off")}}),
                                             {},
                                             m_token)
                                   .json.value(QStringLiteral("items"))
                                   .toArray();
    const QStringList offIds = idsOf(offList);
    QCOMPARE(QSet<QString>(offIds.cbegin(), offIds.cend()), (QSet<QString>{ids[0], ids[1]}));
}

QHash<QString, QJsonObject> tst_Catalog::merchantSkus(const QString& productId) const
{
    QHash<QString, QJsonObject> skus;
    const QJsonObject detail =
        m_server->request("GET", QStringLiteral("/admin/v1/products/%1").arg(productId), {}, m_token).json;
    for (const QJsonValue& value : detail.value(QStringLiteral("skus")).toArray())
        skus.insert(value.toObject().value(QStringLiteral("id")).toString(), value.toObject());
    return skus;
}

void tst_Catalog::productSave_keepsStockOfExistingSkus_andSetsNewOnes()
{
    const QString category = createCategory(QStringLiteral("库存意图"));
    QJsonObject body = product(QStringLiteral("库存不被覆盖"), category);
    const QJsonObject first = sku(500, 5, {{QStringLiteral("规格"), QStringLiteral("大")}});
    const QJsonObject second = sku(300, 9, {{QStringLiteral("规格"), QStringLiteral("小")}});
    body.insert(QStringLiteral("skus"), QJsonArray{first, second});
    const QString id = createProduct(body);
    QVERIFY(!id.isEmpty());
    const QString firstId = first.value(QStringLiteral("id")).toString();
    const QString secondId = second.value(QStringLiteral("id")).toString();

    // A sale (here: an adjustment) happens on the server while a desktop still shows 5.
    QCOMPARE(m_server
                 ->requestJson("POST",
                               QStringLiteral("/admin/v1/products/stock"),
                               QJsonObject{{QStringLiteral("adjustments"),
                                            QJsonArray{QJsonObject{{QStringLiteral("productId"), id},
                                                                   {QStringLiteral("skuId"), firstId},
                                                                   {QStringLiteral("delta"), -2}}}}},
                               m_token)
                 .status,
             200);
    // The desktop saves the product with its old copy (stock 40 typed over 5) and a new SKU with 7.
    QJsonObject stale = first;
    stale.insert(QStringLiteral("stock"), 40);
    const QJsonObject added = sku(700, 7, {{QStringLiteral("规格"), QStringLiteral("中")}});
    body.insert(QStringLiteral("skus"), QJsonArray{stale, added});
    QCOMPARE(m_server->requestJson("PUT", QStringLiteral("/admin/v1/products/%1").arg(id), body, m_token).status, 200);
    auto skus = merchantSkus(id);
    QCOMPARE(skus.size(), 2);
    QCOMPARE(skus.value(firstId).value(QStringLiteral("stock")).toInteger(), 3); // kept, not 40
    QCOMPARE(skus.value(added.value(QStringLiteral("id")).toString()).value(QStringLiteral("stock")).toInteger(), 7);

    // A SKU removed and sent again is new again: it starts with the stock given.
    QJsonObject revived = second;
    revived.insert(QStringLiteral("stock"), 11);
    body.insert(QStringLiteral("skus"), QJsonArray{stale, added, revived});
    QCOMPARE(m_server->requestJson("PUT", QStringLiteral("/admin/v1/products/%1").arg(id), body, m_token).status, 200);
    skus = merchantSkus(id);
    QCOMPARE(skus.value(secondId).value(QStringLiteral("stock")).toInteger(), 11);

    // The product's total is what is stored (3 + 7 + 11), as the sold-out state shows: 21 pieces is "in stock".
    qint64 total = -1;
    {
        QSqlDatabase db = openServerDatabase(QStringLiteral("total"));
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT stock_total FROM products WHERE id = ?"));
        query.addBindValue(id);
        if (query.exec() && query.next())
            total = query.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("total"));
    QCOMPARE(total, 21);
}

void tst_Catalog::adjustStock_isRelative_oneVersion_andRefusesWholeListOnBadItem_data()
{
    QTest::addColumn<QString>("badItem"); // what the second adjustment of the list is
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("below zero") << QStringLiteral("below") << 409 << QStringLiteral("out_of_stock");
    QTest::newRow("above the maximum") << QStringLiteral("above") << 422 << QStringLiteral("overflow");
    QTest::newRow("unknown SKU") << QStringLiteral("unknown") << 404 << QStringLiteral("not_found");
    QTest::newRow("another shop's SKU") << QStringLiteral("foreign") << 404 << QStringLiteral("not_found");
    QTest::newRow("deleted product's SKU") << QStringLiteral("deleted") << 404 << QStringLiteral("not_found");
    QTest::newRow("SKU of another product") << QStringLiteral("wrongProduct") << 404 << QStringLiteral("not_found");
    QTest::newRow("same SKU twice") << QStringLiteral("twice") << 400 << QStringLiteral("invalid_argument");
    QTest::newRow("zero delta") << QStringLiteral("zero") << 400 << QStringLiteral("invalid_argument");
    QTest::newRow("fractional delta") << QStringLiteral("fraction") << 400 << QStringLiteral("invalid_argument");
    QTest::newRow("malformed SKU id") << QStringLiteral("malformed") << 400 << QStringLiteral("invalid_argument");
    QTest::newRow("1001 items") << QStringLiteral("oversized") << 400 << QStringLiteral("invalid_argument");
    QTest::newRow("unknown field") << QStringLiteral("field") << 400 << QStringLiteral("invalid_argument");
}

void tst_Catalog::adjustStock_isRelative_oneVersion_andRefusesWholeListOnBadItem()
{
    QFETCH(QString, badItem);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QString category = createCategory(QStringLiteral("调库存") + badItem);
    QJsonObject body = product(QStringLiteral("调库存A"), category);
    const QJsonObject skuA = sku(100, 10);
    body.insert(QStringLiteral("skus"), QJsonArray{skuA});
    const QString productA = createProduct(body);
    body = product(QStringLiteral("调库存B"), category);
    const QJsonObject skuB = sku(100, 3);
    body.insert(QStringLiteral("skus"), QJsonArray{skuB});
    const QString productB = createProduct(body);
    QVERIFY(!productA.isEmpty() && !productB.isEmpty());
    const QString a = skuA.value(QStringLiteral("id")).toString();
    const QString b = skuB.value(QStringLiteral("id")).toString();
    QHash<QString, QString> productOf;
    auto item = [&productOf](const QString& skuId, const QJsonValue& delta) {
        return QJsonObject{{QStringLiteral("productId"), productOf.value(skuId, xd::Id::create())},
                           {QStringLiteral("skuId"), skuId},
                           {QStringLiteral("delta"), delta}};
    };
    productOf.insert(a, productA);
    productOf.insert(b, productB);
    auto adjust = [&](const QJsonObject& args) {
        return m_server->requestJson("POST", QStringLiteral("/admin/v1/products/stock"), args, m_token);
    };

    QJsonArray list{item(a, -4)};
    QJsonObject args;
    if (badItem == QLatin1String("below")) {
        list.append(item(b, -4));
    } else if (badItem == QLatin1String("above")) {
        list.append(item(b, xd::CatalogRules::MaxStock - 2));
    } else if (badItem == QLatin1String("unknown")) {
        list.append(item(xd::Id::create(), 1));
    } else if (badItem == QLatin1String("foreign")) {
        QString tokenB;
        QVERIFY(!createShopB(&tokenB).isEmpty());
        QJsonObject theirs = product(QStringLiteral("别家的"), QString());
        const QJsonObject theirSku = sku(100, 50);
        theirs.insert(QStringLiteral("skus"), QJsonArray{theirSku});
        const QString theirProduct = createProduct(theirs, tokenB);
        QVERIFY(!theirProduct.isEmpty());
        productOf.insert(theirSku.value(QStringLiteral("id")).toString(), theirProduct);
        list.append(item(theirSku.value(QStringLiteral("id")).toString(), -1));
    } else if (badItem == QLatin1String("deleted")) {
        QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/products/%1").arg(productB), {}, m_token).status,
                 200);
        list.append(item(b, 1));
    } else if (badItem == QLatin1String("wrongProduct")) {
        QJsonObject wrong = item(b, 1);
        wrong.insert(QStringLiteral("productId"), productA);
        list.append(wrong);
    } else if (badItem == QLatin1String("twice")) {
        list.append(item(a, 1));
    } else if (badItem == QLatin1String("zero")) {
        list.append(item(b, 0));
    } else if (badItem == QLatin1String("fraction")) {
        list.append(item(b, 1.5));
    } else if (badItem == QLatin1String("malformed")) {
        list.append(item(QStringLiteral("sku-1"), 1));
    } else if (badItem == QLatin1String("oversized")) {
        while (list.size() < xd::CatalogRules::MaxBulkIds + 1)
            list.append(item(xd::Id::create(), 1));
    } else if (badItem == QLatin1String("field")) {
        args.insert(QStringLiteral("reason"), QStringLiteral("盘点"));
    }
    args.insert(QStringLiteral("adjustments"), list);

    const qint64 before = changeCounter(m_shopId);
    const auto refused = adjust(args);
    QCOMPARE(refused.status, status);
    QCOMPARE(refused.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), code);
    const QJsonObject error = refused.json.value(QStringLiteral("error")).toObject();
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(changeCounter(m_shopId), before);
    QCOMPARE(merchantSkus(productA).value(a).value(QStringLiteral("stock")).toInteger(), 10); // first item not applied

    if (badItem != QLatin1String("below"))
        return;
    // The good list: relative to what is stored, both SKUs, one version; down to exactly 0 is allowed.
    const auto done = adjust(QJsonObject{{QStringLiteral("adjustments"), QJsonArray{item(a, -4), item(b, -3)}}});
    QCOMPARE(done.status, 200);
    QCOMPARE(changeCounter(m_shopId), before + 1);
    QCOMPARE(merchantSkus(productA).value(a).value(QStringLiteral("stock")).toInteger(), 6);
    QCOMPARE(merchantSkus(productB).value(b).value(QStringLiteral("stock")).toInteger(), 0);
    // The product's row moved with its SKU (desktops pull it), and customers see the new state.
    const QJsonObject detail =
        m_server->request("GET", QStringLiteral("/api/v1/shops/%1/products/%2").arg(m_shopId, productB)).json;
    QCOMPARE(detail.value(QStringLiteral("stockState")).toString(), QStringLiteral("sold_out"));
    QCOMPARE(adjust(QJsonObject{{QStringLiteral("adjustments"), QJsonArray{item(a, 94)}}}).status, 200);
    QCOMPARE(merchantSkus(productA).value(a).value(QStringLiteral("stock")).toInteger(), 100);
}

void tst_Catalog::setPrice_bulk_movesThePriceSortKey_andIsAllOrNothing()
{
    const QString category = createCategory(QStringLiteral("调价"));
    QJsonObject body = product(QStringLiteral("调价甲"), category);
    const QJsonObject cup = sku(1000, 5, {{QStringLiteral("规格"), QStringLiteral("杯")}}, 1500);
    const QJsonObject pot = sku(3000, 5, {{QStringLiteral("规格"), QStringLiteral("壶")}});
    body.insert(QStringLiteral("skus"), QJsonArray{cup, pot});
    const QString first = createProduct(body);
    const QString second = createProduct(product(QStringLiteral("调价乙"), category, 2000));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    const QString cupId = cup.value(QStringLiteral("id")).toString();
    const QString potId = pot.value(QStringLiteral("id")).toString();
    auto change = [&](const QString& skuId, const QJsonValue& priceFen) {
        return QJsonObject{{QStringLiteral("productId"), first},
                           {QStringLiteral("skuId"), skuId},
                           {QStringLiteral("priceFen"), priceFen}};
    };
    auto setPrices = [&](const QJsonArray& items) {
        return m_server->requestJson("POST",
                                     QStringLiteral("/admin/v1/products/prices"),
                                     QJsonObject{{QStringLiteral("items"), items}},
                                     m_token);
    };
    const QList<std::pair<QString, QString>> byPrice{{QStringLiteral("category"), category},
                                                     {QStringLiteral("sort"), QStringLiteral("price_asc")}};
    QCOMPARE(allPages(m_shopId, byPrice), (QStringList{first, second}));

    const qint64 before = changeCounter(m_shopId);
    QCOMPARE(setPrices({change(cupId, 2500), change(xd::Id::create(), 100)}).status, 404);
    QCOMPARE(setPrices({change(cupId, -1)}).status, 400);
    QCOMPARE(setPrices({change(cupId, xd::CatalogRules::MaxPriceFen + 1)}).status, 400);
    QCOMPARE(setPrices({change(cupId, QStringLiteral("25.00"))}).status, 400);
    QCOMPARE(setPrices({change(cupId, 2500), change(cupId, 2600)}).status, 400);
    QCOMPARE(setPrices({}).status, 400);
    QJsonArray oversized;
    for (int i = 0; i <= xd::CatalogRules::MaxBulkIds; ++i)
        oversized.append(change(xd::Id::create(), 100));
    QCOMPARE(setPrices(oversized).status, 400);
    QCOMPARE(changeCounter(m_shopId), before);
    QCOMPARE(merchantSkus(first).value(cupId).value(QStringLiteral("priceFen")).toInteger(), 1000);

    // Both SKUs of the first product go up: its cheapest price (the sort key) is now 25.00 > 20.00.
    QJsonObject withOriginal = change(potId, 3300);
    withOriginal.insert(QStringLiteral("originalPriceFen"), 0);
    QCOMPARE(setPrices({change(cupId, 2500), withOriginal}).status, 200);
    QCOMPARE(changeCounter(m_shopId), before + 1);
    const auto skus = merchantSkus(first);
    QCOMPARE(skus.value(cupId).value(QStringLiteral("priceFen")).toInteger(), 2500);
    QCOMPARE(skus.value(cupId).value(QStringLiteral("originalPriceFen")).toInteger(), 1500); // not given: kept
    QCOMPARE(skus.value(potId).value(QStringLiteral("priceFen")).toInteger(), 3300);
    QCOMPARE(skus.value(potId).value(QStringLiteral("originalPriceFen")).toInteger(), 0);
    QCOMPARE(skus.value(cupId).value(QStringLiteral("stock")).toInteger(), 5); // prices only
    QCOMPARE(allPages(m_shopId, byPrice), (QStringList{second, first}));
}

void tst_Catalog::clerk_mayEditTheCatalog()
{
    const auto added = m_server->requestJson("POST",
                                             QStringLiteral("/admin/v1/staff"),
                                             QJsonObject{{QStringLiteral("login"), QStringLiteral("catclerk")},
                                                         {QStringLiteral("displayName"), QStringLiteral("店员")},
                                                         {QStringLiteral("role"), QStringLiteral("clerk")},
                                                         {QStringLiteral("password"), QStringLiteral("clerkpass123")}},
                                             m_token);
    QCOMPARE(added.status, 201);
    const QString clerk =
        m_server->login(m_server->demoShopName(), QStringLiteral("catclerk"), QStringLiteral("clerkpass123"));
    QVERIFY(!clerk.isEmpty());
    const QString category = createCategory(QStringLiteral("店员建的"), {}, clerk);
    QVERIFY(!category.isEmpty());
    QVERIFY(!createProduct(product(QStringLiteral("店员上架"), category), clerk).isEmpty());
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/products"), {}, QStringLiteral("bad-token")).status,
             401);
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_Catalog>(argc, argv);
}
#include "tst_catalog.moc"
