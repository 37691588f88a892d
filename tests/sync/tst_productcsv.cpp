#include "CacheStore.h"
#include "ProductCsv.h"
#include "ProductCsvTestHelpers.h"
#include "TestCache.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"

#include <QBuffer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStringEncoder>
#include <QTest>

using namespace xd;
using xd::test::exportAll;
using xd::test::importBytes;
using xd::test::rejectionsText;
using xd::test::TestCache;

namespace {

const QString kDrinks = QStringLiteral("01890a5d-ac96-774b-bcce-000000000001");
const QString kMilkTea = QStringLiteral("01890a5d-ac96-774b-bcce-000000000002");
const QString kSnacks = QStringLiteral("01890a5d-ac96-774b-bcce-000000000003");

sync::SyncRow categoryRow(const QString& id, const QString& parentId, const QString& name)
{
    return sync::SyncRow{QStringLiteral("category"),
                         id,
                         1,
                         false,
                         QJsonObject{{QStringLiteral("parentId"), parentId.isEmpty() ? QJsonValue() : parentId},
                                     {QStringLiteral("name"), name},
                                     {QStringLiteral("icon"), QString()},
                                     {QStringLiteral("position"), 0}}};
}

// Images are ids of uploads.
QString imageId(int n)
{
    return QStringLiteral("01890a5d-ac96-774b-bcce-%1").arg(n + 100, 12, 10, QLatin1Char('0'));
}

QJsonObject skuData(const QString& id, const QJsonObject& specs, qint64 priceFen, qint64 stock, int position)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("position"), position},
                       {QStringLiteral("specs"), specs},
                       {QStringLiteral("priceFen"), priceFen},
                       {QStringLiteral("originalPriceFen"), position == 0 ? priceFen + 500 : 0},
                       {QStringLiteral("stock"), stock},
                       {QStringLiteral("code"), QStringLiteral("690%1").arg(position)},
                       {QStringLiteral("image"), imageId(position)}};
}

sync::SyncRow productRow(const QString& id, const QString& categoryId, const QString& name, const QJsonArray& skus)
{
    return sync::SyncRow{QStringLiteral("product"),
                         id,
                         2,
                         false,
                         QJsonObject{{QStringLiteral("categoryId"), categoryId.isEmpty() ? QJsonValue() : categoryId},
                                     {QStringLiteral("name"), name},
                                     {QStringLiteral("subtitle"), QStringLiteral("副标题, with \"quotes\"")},
                                     {QStringLiteral("keywords"), QStringLiteral("奶茶 珍珠")},
                                     {QStringLiteral("description"), QStringLiteral("<p>描述</p>")},
                                     {QStringLiteral("images"), QJsonArray{imageId(99)}},
                                     {QStringLiteral("onShelf"), true},
                                     {QStringLiteral("sortWeight"), -7},
                                     {QStringLiteral("salesCount"), 3},
                                     {QStringLiteral("createdAtMs"), 1},
                                     {QStringLiteral("updatedAtMs"), 2},
                                     {QStringLiteral("skus"), skus}}};
}

// A product with 2 × 2 specifications (4 SKUs) or, every third one, a single SKU without specifications.
sync::SyncRow sampleProduct(int n, const QString& name)
{
    QJsonArray skus;
    if (n % 3 == 2) {
        skus.append(skuData(Id::create(), {}, 990 + n, n, 0));
    } else {
        int position = 0;
        for (const QString& size : {QStringLiteral("大杯"), QStringLiteral("中:杯;")}) {
            for (const QString& temperature : {QStringLiteral("冰"), QStringLiteral("热")}) {
                skus.append(skuData(Id::create(),
                                    QJsonObject{{QStringLiteral("规格"), size}, {QStringLiteral("温度"), temperature}},
                                    1200 + position * 101 + n,
                                    position * 7,
                                    position));
                ++position;
            }
        }
    }
    const QString category = n % 4 == 0 ? kMilkTea : n % 4 == 1 ? kSnacks : n % 4 == 2 ? kDrinks : QString();
    return productRow(Id::create(), category, name, skus);
}

Status seed(CacheStore& store, int products)
{
    QList<sync::SyncRow> rows{categoryRow(kDrinks, {}, QStringLiteral("饮品")),
                              categoryRow(kMilkTea, kDrinks, QStringLiteral("奶茶")),
                              categoryRow(kSnacks, {}, QStringLiteral("小吃"))};
    for (int n = 0; n < products; ++n) {
        // Names that need quoting, guarding and line breaks, among ordinary ones.
        const QString name = n % 5 == 0   ? QStringLiteral("珍珠奶茶 %1, \"招牌\"").arg(n)
                             : n % 5 == 1 ? QStringLiteral("=SUM(A%1)").arg(n)
                             : n % 5 == 2 ? QStringLiteral("两行\n名字 %1").arg(n)
                                          : QStringLiteral("Product %1").arg(n);
        rows.append(sampleProduct(n, name));
        if (rows.size() >= 500) {
            if (const Status s = store.applyPullPage(rows, QStringLiteral("c"), 2, true); !s)
                return s;
            rows.clear();
        }
    }
    return store.applyPullPage(rows, QStringLiteral("c"), 2, false);
}

QByteArray utf8Csv(const QString& text)
{
    return text.toUtf8();
}

const QString kHeader =
    QStringLiteral("商品ID,SKU ID,分类,商品名称,副标题,关键词,上架,排序权重,规格,价格(元),原价(元),库存,编码\n");

} // namespace

class tst_ProductCsv final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cacheStore_enqueueBatch_isOneTransaction_andRowsAfterPages();
    void export_writesBomCrlfQuotingAndOneLinePerSku();
    void export_givenIds_writesOnlyThose();
    void export_cancel_stopsAfterAChunk();
    void roundTrip_1200Products_queuesNothing_data();
    void roundTrip_1200Products_queuesNothing();
    void roundTrip_editedCells_queueOnlyTheChangedProducts();
    void import_newProducts_queueSavesThatPassCatalogRules();
    void import_encodingsAndLineEnds_readTheSame_data();
    void import_encodingsAndLineEnds_readTheSame();
    void import_badLine_isRejectedWithItsLineNumber_data();
    void import_badLine_isRejectedWithItsLineNumber();
    void import_linesOfOneProductApart_rejectTheWholeProduct();
    void import_headerProblems_failTheFile_data();
    void import_headerProblems_failTheFile();
    void import_sameNewProductsTwice_queuesThemOnce();
    void import_extraColumnsAndMissingOptionalColumns();
    void import_skuLeftOut_isRemovedBySave();
    void import_checkOnly_queuesNothing();
    void import_cancel_leavesNoPartialProduct();

private:
    TestCache m_cache;
};

void tst_ProductCsv::init()
{
    m_cache.close();
    QVERIFY(m_cache.open());
}

void tst_ProductCsv::cleanup()
{
    m_cache.close();
    QFile::remove(m_cache.path());
}

void tst_ProductCsv::cacheStore_enqueueBatch_isOneTransaction_andRowsAfterPages()
{
    QVERIFY(seed(*m_cache.store, 25));
    QSignalSpy outboxChanged(m_cache.store.get(), &CacheStore::outboxChanged);
    const QJsonObject args{{QStringLiteral("ids"), QJsonArray{Id::create()}}, {QStringLiteral("onShelf"), true}};
    const auto mids = m_cache.store->enqueueBatch({{QStringLiteral("product.setShelf"), args},
                                                   {QStringLiteral("product.setShelf"), args},
                                                   {QStringLiteral("x"), {}}});
    QVERIFY(mids);
    QCOMPARE(*mids, (QList<qint64>{1, 2, 3}));
    QCOMPARE(outboxChanged.size(), 1);
    QCOMPARE(m_cache.store->nextMutationId(), 4);
    // An invalid entry anywhere: nothing of the batch is queued.
    const auto refused = m_cache.store->enqueueBatch({{QStringLiteral("y"), {}}, {QString(), {}}});
    QVERIFY(!refused);
    QCOMPARE(m_cache.store->pendingCount(), 3);
    QCOMPARE(*m_cache.store->enqueue(QStringLiteral("z"), {}), 4);

    QStringList paged;
    QString after;
    while (true) {
        const auto chunk = m_cache.store->rowsAfter(CacheStore::ProductEntity, after, 7);
        QVERIFY(chunk);
        if (chunk->isEmpty())
            break;
        QVERIFY(chunk->size() <= 7);
        for (const CachedRow& row : *chunk)
            paged << row.id;
        after = chunk->constLast().id;
    }
    QStringList all;
    const auto rows = m_cache.store->rows(CacheStore::ProductEntity);
    QVERIFY(rows);
    for (const CachedRow& row : *rows)
        all << row.id;
    QCOMPARE(paged, all);
    QCOMPARE(paged.size(), 25);
}

void tst_ProductCsv::export_writesBomCrlfQuotingAndOneLinePerSku()
{
    QVERIFY(seed(*m_cache.store, 3)); // products 0 (4 SKUs), 1 (4 SKUs), 2 (1 SKU)
    const QByteArray bytes = exportAll(*m_cache.store);
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    QVERIFY(bytes.startsWith(QByteArray("\xEF\xBB\xBF") + kHeader.trimmed().toUtf8() + "\r\n"));
    QVERIFY(bytes.endsWith("\r\n"));
    QCOMPARE(bytes.count("\n"), bytes.count("\r\n") + 1); // the one LF alone is inside product 2's quoted name
    const QString text = QString::fromUtf8(bytes);
    QVERIFY(text.contains(QStringLiteral("\"珍珠奶茶 0, \"\"招牌\"\"\"")));
    QVERIFY(text.contains(QStringLiteral(",'=SUM(A1),")));
    QVERIFY(text.contains(QStringLiteral("\"两行\n名字 2\"")));
    QVERIFY(text.contains(QStringLiteral(",饮品/奶茶,")));
    QVERIFY(text.contains(QStringLiteral("温度:冰;规格:中\\:杯\\;")));
    QVERIFY(text.contains(QStringLiteral(",12.00,17.00,0,6900\r\n")));
    QVERIFY(text.contains(QStringLiteral(",\"副标题, with \"\"quotes\"\"\",")));

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto result = ProductCsv::exportProducts(*m_cache.store, buffer, ProductCsv::Language::English);
    QVERIFY(result);
    QCOMPARE(result->products, 3);
    QCOMPARE(result->lines, 9);
    QVERIFY(buffer.data().mid(3).startsWith("Product ID,SKU ID,Category,Name,"));
}

void tst_ProductCsv::export_givenIds_writesOnlyThose()
{
    QVERIFY(seed(*m_cache.store, 6));
    const auto products = m_cache.store->rows(CacheStore::ProductEntity);
    QVERIFY(products);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const QStringList ids{products->at(4).id, products->at(2).id, Id::create()};
    const auto result = ProductCsv::exportProducts(*m_cache.store, buffer, ProductCsv::Language::Chinese, ids);
    QVERIFY(result);
    QCOMPARE(result->products, 2); // the unknown id is skipped
    const QString text = QString::fromUtf8(buffer.data());
    QVERIFY(text.contains(products->at(4).id));
    QVERIFY(text.contains(products->at(2).id));
    QVERIFY(!text.contains(products->at(0).id));
}

void tst_ProductCsv::export_cancel_stopsAfterAChunk()
{
    QVERIFY(seed(*m_cache.store, 1200));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QList<qint64> calls;
    const auto result = ProductCsv::exportProducts(
        *m_cache.store, buffer, ProductCsv::Language::Chinese, {}, [&](qint64 done, qint64 total) {
            calls << done;
            return total == 1200 && calls.size() < 2;
        });
    QVERIFY(result);
    QVERIFY(result->cancelled);
    QCOMPARE(calls, (QList<qint64>{500, 1000}));
    QCOMPARE(result->products, 1000);
}

void tst_ProductCsv::roundTrip_1200Products_queuesNothing_data()
{
    QTest::addColumn<int>("language");
    QTest::newRow("zh") << int(ProductCsv::Language::Chinese);
    QTest::newRow("en") << int(ProductCsv::Language::English);
}

void tst_ProductCsv::roundTrip_1200Products_queuesNothing()
{
    QFETCH(int, language);
    QVERIFY(seed(*m_cache.store, 1200));
    const QByteArray bytes = exportAll(*m_cache.store, ProductCsv::Language(language));
    const auto result = importBytes(*m_cache.store, bytes);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
    QVERIFY2(result->rejections.isEmpty(), qPrintable(rejectionsText(*result)));
    QCOMPARE(result->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(result->productsRead, 1200);
    QCOMPARE(result->productsUnchanged, 1200);
    QCOMPARE(result->operations, 0);
    QCOMPARE(m_cache.store->pendingCount(), 0);
    // 800 products × 4 SKUs + 400 × 1, plus the header, plus the second line of every fifth name.
    QCOMPARE(result->lines, 800 * 4 + 400 + 1 + (800 / 5) * 4 + (400 / 5) * 1);
}

void tst_ProductCsv::roundTrip_editedCells_queueOnlyTheChangedProducts()
{
    QVERIFY(seed(*m_cache.store, 9));
    QString text = QString::fromUtf8(exportAll(*m_cache.store));
    const auto products = m_cache.store->rows(CacheStore::ProductEntity);
    QVERIFY(products);
    // "Product 3" (4 SKUs): its first SKU's price 12.03 → 15.50 and its second SKU's stock 7 → 9.
    const auto p3Row = std::find_if(products->cbegin(), products->cend(), [](const CachedRow& row) {
        return row.data.value(QStringLiteral("name")).toString() == QStringLiteral("Product 3");
    });
    QVERIFY(p3Row != products->cend());
    const QJsonObject p3 = p3Row->data;
    const QJsonArray p3Skus = p3.value(QStringLiteral("skus")).toArray();
    QStringList lines = text.split(QStringLiteral("\r\n"));
    bool priced = false;
    bool stocked = false;
    for (QString& line : lines) {
        if (line.contains(p3Skus.at(0).toObject().value(QStringLiteral("id")).toString())) {
            QVERIFY(line.contains(QStringLiteral(",12.03,17.03,0,")));
            line.replace(QStringLiteral(",12.03,17.03,0,"), QStringLiteral(",15.5,17.03,0,"));
            priced = true;
        }
        if (line.contains(p3Skus.at(1).toObject().value(QStringLiteral("id")).toString())) {
            QVERIFY(line.contains(QStringLiteral(",,7,6901")));
            line.replace(QStringLiteral(",,7,6901"), QStringLiteral(",,9,6901"));
            stocked = true;
        }
    }
    QVERIFY(priced && stocked);
    const auto result = importBytes(*m_cache.store, lines.join(QStringLiteral("\r\n")).toUtf8());
    QVERIFY(result);
    QVERIFY2(result->rejections.isEmpty(), qPrintable(rejectionsText(*result)));
    QCOMPARE(result->productsChanged, 1);
    QCOMPARE(result->productsUnchanged, 8);
    const auto pending = m_cache.store->pendingOperations();
    QVERIFY(pending);
    QCOMPARE(pending->size(), 2);
    const QJsonObject args = pending->at(0).args;
    QCOMPARE(pending->at(0).name, QStringLiteral("product.save"));
    QCOMPARE(args.value(QStringLiteral("id")).toString(), p3Row->id);
    const auto draft = CatalogRules::normalizeProduct(args);
    QVERIFY2(draft, qPrintable(draft ? QString() : draft.error().message));
    QCOMPARE(draft->skus.at(0).priceFen, 1550);
    // Columns the CSV does not carry come from the cache.
    QCOMPARE(draft->description, QStringLiteral("<p>描述</p>"));
    QCOMPARE(draft->images, QStringList{imageId(99)});
    QCOMPARE(draft->skus.at(1).image, imageId(1));
    // The stock goes as a delta beside the save, which keeps the cached stock.
    QCOMPARE(draft->skus.at(1).stock, 7);
    QCOMPARE(pending->at(1).name, QStringLiteral("product.adjustStock"));
    const auto adjustments = CatalogRules::normalizeStockAdjustments(pending->at(1).args);
    QVERIFY(adjustments);
    QCOMPARE(adjustments->size(), 1);
    QCOMPARE(adjustments->at(0).productId, p3Row->id);
    QCOMPARE(adjustments->at(0).skuId, p3Skus.at(1).toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(adjustments->at(0).delta, 2);
}

void tst_ProductCsv::import_newProducts_queueSavesThatPassCatalogRules()
{
    QVERIFY(seed(*m_cache.store, 0));
    const QString csv = kHeader + QStringLiteral(",,饮品/奶茶,珍珠奶茶,,,是,5,规格:大杯;温度:冰,12.5,,10,A1\n"
                                                 ",,饮品 / 奶茶,珍珠奶茶,,,是,5,规格:大杯;温度:热,13,,0,A2\n"
                                                 ",,饮品／奶茶,珍珠奶茶,,,是,5,规格：小杯；温度：冰,9.90,,3,A3\n"
                                                 ",,小吃,薯条,,,0,,,6,8,,\n");
    // The category path is spelled three ways; all mean 饮品/奶茶, so the three lines are one product.
    const auto result = importBytes(*m_cache.store, utf8Csv(csv));
    QVERIFY(result);
    QVERIFY2(result->rejections.isEmpty(), qPrintable(rejectionsText(*result)));
    QCOMPARE(result->productsCreated, 2);
    const auto pending = m_cache.store->pendingOperations();
    QVERIFY(pending);
    QCOMPARE(pending->size(), 2);
    for (const OutboxEntry& entry : *pending) {
        QCOMPARE(entry.name, QStringLiteral("product.save"));
        QVERIFY2(CatalogRules::normalizeProduct(entry.args), Json::toBytes(entry.args).constData());
    }
    const auto fries = CatalogRules::normalizeProduct(pending->at(1).args);
    QCOMPARE(fries->name, QStringLiteral("薯条"));
    QCOMPARE(fries->categoryId, kSnacks);
    QCOMPARE(fries->onShelf, false);
    QCOMPARE(fries->skus.size(), 1);
    QCOMPARE(fries->skus.at(0).priceFen, 600);
    QCOMPARE(fries->skus.at(0).originalPriceFen, 800);
    QVERIFY(fries->skus.at(0).specs.isEmpty());
    const auto tea = CatalogRules::normalizeProduct(pending->at(0).args);
    QCOMPARE(tea->categoryId, kMilkTea);
    QCOMPARE(tea->onShelf, true);
    QCOMPARE(tea->sortWeight, 5);
    QCOMPARE(tea->skus.size(), 3);
    QCOMPARE(tea->skus.at(2).specsJson, QStringLiteral("{\"温度\":\"冰\",\"规格\":\"小杯\"}"));
    QCOMPARE(tea->skus.at(2).priceFen, 990);
    QCOMPARE(tea->skus.at(0).stock, 10);
    QVERIFY(Id::isValid(tea->id));
    QVERIFY(tea->id != fries->id);
}

void tst_ProductCsv::import_encodingsAndLineEnds_readTheSame_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoding");
    const QString body = kHeader + QStringLiteral("\n,,饮品/奶茶,珍珠奶茶,,,1,,规格:大杯,12,,1,\n\n"
                                                  ",,小吃,\"薯条,\n大份\",,,1,,,6,,1,\n");
    QTest::newRow("utf8 LF") << body.toUtf8() << QStringLiteral("UTF-8");
    QTest::newRow("utf8 BOM CRLF") << QByteArray("\xEF\xBB\xBF") +
                                          QString(body).replace(u'\n', QStringLiteral("\r\n")).toUtf8()
                                   << QStringLiteral("UTF-8");
    QTest::newRow("utf8 CR") << QString(body).replace(u'\n', u'\r').toUtf8() << QStringLiteral("UTF-8");
    QStringEncoder gb18030("GB18030");
    QVERIFY(gb18030.isValid());
    const QByteArray gb = gb18030.encode(QString(body).replace(u'\n', QStringLiteral("\r\n")));
    QVERIFY(!gb.contains(body.toUtf8().mid(0, 6))); // really not UTF-8
    QTest::newRow("gb18030 CRLF") << gb << QStringLiteral("GB18030");
}

void tst_ProductCsv::import_encodingsAndLineEnds_readTheSame()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoding);
    QVERIFY(seed(*m_cache.store, 0));
    const auto result = importBytes(*m_cache.store, bytes);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
    QVERIFY2(result->rejections.isEmpty(), qPrintable(rejectionsText(*result)));
    QCOMPARE(result->encoding, encoding);
    QCOMPARE(result->productsCreated, 2);
    QCOMPARE(result->lines, 6);
    const auto pending = m_cache.store->pendingOperations();
    QVERIFY(pending);
    QCOMPARE(pending->size(), 2);
    QCOMPARE(pending->at(0).args.value(QStringLiteral("name")).toString(), QStringLiteral("珍珠奶茶"));
    QCOMPARE(pending->at(1).args.value(QStringLiteral("name")).toString(), QStringLiteral("薯条,\n大份"));
    QCOMPARE(pending->at(1).args.value(QStringLiteral("categoryId")).toString(), kSnacks);
}

void tst_ProductCsv::import_badLine_isRejectedWithItsLineNumber_data()
{
    QTest::addColumn<QString>("lines"); // after the header (line 1); line 2 is always a good product
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("created");
    const QString good = QStringLiteral(",,小吃,Good,,,1,,,6,,1,\n");
    QTest::newRow("three decimals") << good + QStringLiteral(",,小吃,A,,,1,,,12.345,,1,\n") << 3
                                    << QStringLiteral("at most two decimals") << 1;
    QTest::newRow("letters") << good + QStringLiteral(",,小吃,A,,,1,,,abc,,1,\n") << 3
                             << QStringLiteral("'abc' is not an amount") << 1;
    QTest::newRow("negative") << good + QStringLiteral(",,小吃,A,,,1,,,-1,,1,\n") << 3
                              << QStringLiteral("must be from 0") << 1;
    QTest::newRow("no price") << good + QStringLiteral(",,小吃,A,,,1,,,,,1,\n") << 3
                              << QStringLiteral("price is missing") << 1;
    QTest::newRow("bad original") << good + QStringLiteral(",,小吃,A,,,1,,,1,1.2.3,1,\n") << 3
                                  << QStringLiteral("'1.2.3' is not") << 1;
    QTest::newRow("bad stock") << good + QStringLiteral(",,小吃,A,,,1,,,1,,-3,\n") << 3
                               << QStringLiteral("stock must be a whole number") << 1;
    QTest::newRow("unknown category") << good + QStringLiteral(",,饮品/果汁,A,,,1,,,1,,1,\n") << 3
                                      << QStringLiteral("no category '饮品/果汁'") << 1;
    QTest::newRow("bad shelf") << good + QStringLiteral(",,小吃,A,,,maybe,,,1,,1,\n") << 3
                               << QStringLiteral("On shelf is 1 or 0") << 1;
    QTest::newRow("too long name") << good + QStringLiteral(",,小吃,%1,,,1,,,1,,1,\n").arg(QString(101, u'名')) << 3
                                   << QStringLiteral("1 to 100 characters") << 1;
    QTest::newRow("duplicate combination")
        << good + QStringLiteral(
                      ",,小吃,A,,,1,,规格:大,1,,1,\n,,小吃,A,,,1,,规格:小,1,,1,\n,,小吃,A,,,1,,规格：大,2,,1,\n")
        << 5 << QStringLiteral("already on line 3") << 1;
    QTest::newRow("different spec names")
        << good + QStringLiteral(",,小吃,A,,,1,,规格:大,1,,1,\n,,小吃,A,,,1,,温度:冰,1,,1,\n") << 4
        << QStringLiteral("same specifications") << 1;
    QTest::newRow("bad specs") << good + QStringLiteral(",,小吃,A,,,1,,大杯,1,,1,\n") << 3
                               << QStringLiteral("must look like") << 1;
    QTest::newRow("missing columns") << good + QStringLiteral(",,小吃,A,,,1,,,1\n") << 3
                                     << QStringLiteral("has 10 fields; the header has 13") << 1;
    QTest::newRow("extra columns") << good + QStringLiteral(",,小吃,A,,,1,,,1,,1,,oops\n") << 3
                                   << QStringLiteral("has 14 fields; the header has 13") << 1;
    QTest::newRow("empty extra columns are fine")
        << good + QStringLiteral(",,小吃,A,,,1,,,1,,1,,,\n") << 0 << QString() << 2;
    // Line 3 holds a name over three physical lines (LF, then CRLF), then an empty line 6: the bad product is on 7.
    QTest::newRow("line numbers after embedded line breaks")
        << good + QStringLiteral(",,小吃,\"三\n行\r\n名\",,,1,,,1,,1,\n\n,,小吃,B,,,1,,,x,,1,\n") << 7
        << QStringLiteral("'x' is not") << 2;
    QTest::newRow("quote in the middle") << good + QStringLiteral(",,小吃,\"A\"B,,,1,,,1,,1,\n") << 3
                                         << QStringLiteral("closing quote") << 1;
    QTest::newRow("unterminated quote") << good + QStringLiteral(",,小吃,\"A,,,1,,,1,,1,\n,,小吃,B,,,1,,,1,,1,\n") << 3
                                        << QStringLiteral("starts on line 3 never ends") << 1;
    QTest::newRow("unknown product id") << good + QStringLiteral("%1,,小吃,A,,,1,,,1,,1,\n").arg(Id::create()) << 3
                                        << QStringLiteral("no product with the id") << 1;
    QTest::newRow("malformed product id")
        << good + QStringLiteral("P-1,,小吃,A,,,1,,,1,,1,\n") << 3 << QStringLiteral("not a product id") << 1;
    QTest::newRow("sku id on a new product") << good + QStringLiteral(",%1,小吃,A,,,1,,,1,,1,\n").arg(Id::create()) << 3
                                             << QStringLiteral("cannot name SKU ids") << 1;
    QTest::newRow("differing product columns")
        << good + QStringLiteral(",,小吃,A,,,1,,规格:大,1,,1,\n,,小吃,A,,,0,,规格:小,1,,1,\n") << 4
        << QStringLiteral("differs from line 3") << 1;
}

void tst_ProductCsv::import_badLine_isRejectedWithItsLineNumber()
{
    QFETCH(QString, lines);
    QFETCH(int, line);
    QFETCH(QString, reason);
    QFETCH(int, created);
    QVERIFY(seed(*m_cache.store, 0));
    const auto result = importBytes(*m_cache.store, utf8Csv(kHeader + lines));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
    if (line == 0) {
        QVERIFY2(result->rejections.isEmpty(), qPrintable(rejectionsText(*result)));
    } else {
        QVERIFY2(result->rejections.size() == 1, qPrintable(rejectionsText(*result)));
        QCOMPARE(result->rejections.at(0).line, line);
        QVERIFY2(result->rejections.at(0).reason.contains(reason), qPrintable(result->rejections.at(0).reason));
        QCOMPARE(result->productsRejected(), 1);
    }
    QCOMPARE(result->productsCreated, created);
    // Only the good products are queued, each whole.
    const auto pending = m_cache.store->pendingOperations();
    QVERIFY(pending);
    QCOMPARE(pending->size(), created);
    QCOMPARE(pending->at(0).args.value(QStringLiteral("name")).toString(), QStringLiteral("Good"));
}

void tst_ProductCsv::import_linesOfOneProductApart_rejectTheWholeProduct()
{
    QVERIFY(seed(*m_cache.store, 0));
    // A sheet sorted by another column: product A's two SKUs are on lines 2 and 4, with B between them.
    const auto result = importBytes(
        *m_cache.store,
        utf8Csv(kHeader +
                QStringLiteral(",,小吃,A,,,1,,规格:大,1,,1,\n,,小吃,B,,,1,,,1,,1,\n,,小吃,A,,,1,,规格:小,1,,1,\n")));
    QVERIFY(result);
    QCOMPARE(result->rejections.size(), 2);
    QCOMPARE(result->rejections.at(0).line, 2);
    QCOMPARE(result->rejections.at(1).line, 4);
    QVERIFY(result->rejections.at(1).reason.contains(QStringLiteral("first on line 2")));
    QCOMPARE(result->productsCreated, 1);
    const auto pending = m_cache.store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->at(0).args.value(QStringLiteral("name")).toString(), QStringLiteral("B"));
}

void tst_ProductCsv::import_headerProblems_failTheFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("only blank lines") << QByteArray("\r\n\r\n,,\r\n") << QStringLiteral("empty");
    QTest::newRow("no price column") << QByteArray("Name,Stock\r\nA,1\r\n") << QStringLiteral("价格(元)/Price (yuan)");
    QTest::newRow("ids without sku ids") << QByteArray("Product ID,Name,Price (yuan)\r\n,A,1\r\n")
                                         << QStringLiteral("SKU ID");
    QTest::newRow("column twice") << QByteArray("Name,名称,商品名称,Price (yuan)\r\nA,B,C,1\r\n")
                                  << QStringLiteral("appears twice");
}

void tst_ProductCsv::import_headerProblems_failTheFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    QVERIFY(seed(*m_cache.store, 0));
    const auto result = importBytes(*m_cache.store, bytes);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(reason), qPrintable(result.error().message));
    QCOMPARE(m_cache.store->pendingCount(), 0);
}

void tst_ProductCsv::import_sameNewProductsTwice_queuesThemOnce()
{
    QVERIFY(seed(*m_cache.store, 0));
    const QByteArray csv =
        utf8Csv(kHeader + QStringLiteral(",,小吃,薯条,,,1,,规格:大,6,,1,\n,,小吃,薯条,,,1,,规格:小,4,,1,\n"
                                         ",,,薯条,,,1,,,5,,1,\n"));
    const auto first = importBytes(*m_cache.store, csv);
    QVERIFY(first);
    QCOMPARE(first->productsCreated, 2); // 小吃/薯条 and an uncategorised 薯条
    QCOMPARE(m_cache.store->pendingCount(), 2);

    // Again, while the first import is still queued: the products are recognised by category and name.
    const auto second = importBytes(*m_cache.store, csv);
    QVERIFY(second);
    QVERIFY2(second->rejections.isEmpty(), qPrintable(rejectionsText(*second)));
    QCOMPARE(second->productsCreated, 0);
    QCOMPARE(second->productsUnchanged, 2);
    QCOMPARE(m_cache.store->pendingCount(), 2);

    // A changed price updates the queued product, keeping its id and its SKU ids (matched by specifications).
    const auto pending = m_cache.store->pendingOperations();
    const QJsonObject queued = pending->at(0).args;
    const auto third = importBytes(
        *m_cache.store,
        utf8Csv(kHeader + QStringLiteral(",,小吃,薯条,,,1,,规格:小,4.5,,1,\n,,小吃,薯条,,,1,,规格:大,6,,1,\n")));
    QVERIFY(third);
    QCOMPARE(third->productsChanged, 1);
    const auto after = m_cache.store->pendingOperations();
    QCOMPARE(after->size(), 3);
    const auto draft = CatalogRules::normalizeProduct(after->at(2).args);
    QVERIFY(draft);
    QCOMPARE(draft->id, queued.value(QStringLiteral("id")).toString());
    const QJsonArray queuedSkus = queued.value(QStringLiteral("skus")).toArray();
    QCOMPARE(draft->skus.at(0).id, queuedSkus.at(1).toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(draft->skus.at(0).priceFen, 450);
    QCOMPARE(draft->skus.at(1).id, queuedSkus.at(0).toObject().value(QStringLiteral("id")).toString());
}

void tst_ProductCsv::import_extraColumnsAndMissingOptionalColumns()
{
    QVERIFY(seed(*m_cache.store, 0));
    // A hand-made sheet: columns in another order, English and Chinese names mixed, a notes column of its own.
    const QByteArray csv = "price（yuan）, 备注 ,NAME,库存\r\n12.00,给老板看,Tea,3\r\n";
    const auto result = importBytes(*m_cache.store, csv);
    QVERIFY(result);
    QVERIFY2(result->rejections.isEmpty(), qPrintable(rejectionsText(*result)));
    QCOMPARE(result->ignoredColumns, QStringList{QStringLiteral("备注")});
    QCOMPARE(result->productsCreated, 1);
    const auto pending = m_cache.store->pendingOperations();
    const auto draft = CatalogRules::normalizeProduct(pending->at(0).args);
    QVERIFY(draft);
    QCOMPARE(draft->name, QStringLiteral("Tea"));
    QCOMPARE(draft->skus.at(0).priceFen, 1200);
    QCOMPARE(draft->skus.at(0).stock, 3);
    QVERIFY(draft->categoryId.isEmpty());
}

void tst_ProductCsv::import_skuLeftOut_isRemovedBySave()
{
    QVERIFY(seed(*m_cache.store, 1)); // product 0: 4 SKUs
    QStringList lines = QString::fromUtf8(exportAll(*m_cache.store)).split(QStringLiteral("\r\n"));
    // Lines: header, SKU 1 (name over two lines? no: product 0's name has no line break), SKU 2, 3, 4, "".
    QCOMPARE(lines.size(), 6);
    lines.removeAt(2);
    const auto result = importBytes(*m_cache.store, lines.join(QStringLiteral("\r\n")).toUtf8());
    QVERIFY(result);
    QCOMPARE(result->productsChanged, 1);
    const auto pending = m_cache.store->pendingOperations();
    QCOMPARE(pending->at(0).args.value(QStringLiteral("skus")).toArray().size(), 3);
}

void tst_ProductCsv::import_checkOnly_queuesNothing()
{
    QVERIFY(seed(*m_cache.store, 0));
    ProductCsv::ImportOptions options;
    options.checkOnly = true;
    const auto result = importBytes(
        *m_cache.store, utf8Csv(kHeader + QStringLiteral(",,小吃,A,,,1,,,1,,1,\n,,小吃,B,,,1,,,x,,1,\n")), options);
    QVERIFY(result);
    QCOMPARE(result->productsCreated, 1);
    QCOMPARE(result->rejections.size(), 1);
    QCOMPARE(m_cache.store->pendingCount(), 0);
}

void tst_ProductCsv::import_cancel_leavesNoPartialProduct()
{
    QVERIFY(seed(*m_cache.store, 0));
    // 50 new products of 3 SKUs each; the user cancels at the second progress report.
    QString csv = kHeader;
    for (int n = 0; n < 50; ++n) {
        for (const QString& size : {QStringLiteral("大"), QStringLiteral("中"), QStringLiteral("小")})
            csv += QStringLiteral(",,小吃,P%1,,,1,,规格:%2,1,,1,\n").arg(n).arg(size);
    }
    ProductCsv::ImportOptions options;
    options.batchSize = 7;
    int calls = 0;
    options.progress = [&](qint64 done, qint64 total) {
        ++calls;
        Q_UNUSED(done);
        Q_UNUSED(total);
        return calls < 2;
    };
    const auto result = importBytes(*m_cache.store, utf8Csv(csv), options);
    QVERIFY(result);
    QVERIFY(result->cancelled);
    QCOMPARE(calls, 2);
    const auto pending = m_cache.store->pendingOperations();
    QVERIFY(pending);
    QCOMPARE(pending->size(), 14);
    QCOMPARE(result->productsCreated, 14);
    for (int i = 0; i < pending->size(); ++i) {
        QCOMPARE(pending->at(i).args.value(QStringLiteral("name")).toString(), QStringLiteral("P%1").arg(i));
        QCOMPARE(pending->at(i).args.value(QStringLiteral("skus")).toArray().size(), 3);
    }
}

QTEST_GUILESS_MAIN(tst_ProductCsv)
#include "tst_productcsv.moc"
