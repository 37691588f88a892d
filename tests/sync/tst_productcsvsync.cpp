// Product CSV import against a real syncserver process: what the importer queues is what the server accepts, and a
// sheet edited in a spreadsheet comes back from the server as edited. Links the desktop core and no Qt SQL driver.
#include "ProductCsvTestHelpers.h"
#include "SyncFixture.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace xd;
using xd::test::exportAll;
using xd::test::importBytes;
using xd::test::rejectionsText;

class tst_ProductCsvSync final : public QObject, private test::SyncServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void importedSheet_isAcceptedByTheServer_andEditsComeBackAsEdited();

private:
    bool waitSettled(int timeoutMs = 60000);

    test::TestCache m_cache;
    std::unique_ptr<SyncClient> m_client;
};

void tst_ProductCsvSync::initTestCase()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
    QVERIFY(m_cache.open());
    m_client = std::make_unique<SyncClient>(*m_cache.store, test::testSyncSettings(m_server->baseUrl(), 5000));
    m_client->setToken(m_token);
    m_client->start();
    QVERIFY(waitSettled());
}

void tst_ProductCsvSync::cleanupTestCase()
{
    m_client.reset();
    m_cache.close();
    m_server->stop();
}

// Online, nothing pending, nothing rejected, and the last pull complete.
bool tst_ProductCsvSync::waitSettled(int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            return m_client->state() == SyncClient::State::Online && m_cache.store->pendingCount() == 0 &&
                   m_cache.store->acknowledgedOperations().value().isEmpty();
        },
        timeoutMs);
}

void tst_ProductCsvSync::importedSheet_isAcceptedByTheServer_andEditsComeBackAsEdited()
{
    const QString drinks = Id::create();
    const QString milkTea = Id::create();
    QVERIFY(m_cache.store->enqueue(QStringLiteral("category.save"),
                                   {{QStringLiteral("id"), drinks}, {QStringLiteral("name"), QStringLiteral("饮品")}}));
    QVERIFY(m_cache.store->enqueue(QStringLiteral("category.save"),
                                   {{QStringLiteral("id"), milkTea},
                                    {QStringLiteral("parentId"), drinks},
                                    {QStringLiteral("name"), QStringLiteral("奶茶")}}));
    QVERIFY(waitSettled());

    // 200 new products of three SKUs each, as a merchant's own sheet (no ids).
    QString sheet = QStringLiteral("商品名称,分类,规格,价格(元),库存,上架\r\n");
    for (int n = 0; n < 200; ++n) {
        for (const QString& size : {QStringLiteral("大杯"), QStringLiteral("中杯"), QStringLiteral("小杯")})
            sheet += QStringLiteral("\"奶茶 %1, 招牌\",饮品/奶茶,规格:%2,%3.50,%4,是\r\n")
                         .arg(n)
                         .arg(size)
                         .arg(10 + n)
                         .arg(n);
    }
    auto imported = importBytes(*m_cache.store, sheet.toUtf8());
    QVERIFY(imported);
    QVERIFY2(imported->rejections.isEmpty(), qPrintable(rejectionsText(*imported)));
    QCOMPARE(imported->productsCreated, 200);
    QVERIFY(waitSettled());
    QCOMPARE(m_cache.store->rejectedCount(), 0);
    QCOMPARE(*m_cache.store->rowCount(CacheStore::ProductEntity), 200);

    // The server's data, exported, imports as no change at all — and so does the merchant's own sheet again.
    const QByteArray exported = exportAll(*m_cache.store);
    auto again = importBytes(*m_cache.store, exported);
    QVERIFY(again);
    QCOMPARE(again->productsUnchanged, 200);
    QCOMPARE(again->operations, 0);
    again = importBytes(*m_cache.store, sheet.toUtf8());
    QVERIFY(again);
    QVERIFY2(again->rejections.isEmpty(), qPrintable(rejectionsText(*again)));
    QCOMPARE(again->productsUnchanged, 200);
    QCOMPARE(again->operations, 0);

    // Edited in the spreadsheet: product 7's 中杯 costs 18.80 and has 5 more in stock; product 9 loses its 小杯.
    QStringList lines = QString::fromUtf8(exported).split(QStringLiteral("\r\n"));
    int edited = 0;
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        QString& line = lines[i];
        if (line.contains(QStringLiteral("奶茶 7, 招牌")) && line.contains(QStringLiteral("规格:中杯"))) {
            QVERIFY(line.endsWith(QStringLiteral(",17.50,,7,")));
            line.replace(QStringLiteral(",17.50,,7,"), QStringLiteral(",18.80,,12,"));
            ++edited;
        }
        if (line.contains(QStringLiteral("奶茶 9, 招牌")) && line.contains(QStringLiteral("规格:小杯"))) {
            lines.removeAt(i);
            ++edited;
        }
    }
    QCOMPARE(edited, 2);
    const QByteArray editedSheet = lines.join(QStringLiteral("\r\n")).toUtf8();
    auto changes = importBytes(*m_cache.store, editedSheet);
    QVERIFY(changes);
    QVERIFY2(changes->rejections.isEmpty(), qPrintable(rejectionsText(*changes)));
    QCOMPARE(changes->productsChanged, 2);
    QCOMPARE(changes->operations, 3); // two saves and one stock delta
    QVERIFY(waitSettled());
    QCOMPARE(m_cache.store->rejectedCount(), 0);

    // What the server now holds, exported again, is the edited sheet, byte for byte.
    QCOMPARE(QString::fromUtf8(exportAll(*m_cache.store)), QString::fromUtf8(editedSheet));
}

QTEST_GUILESS_MAIN(tst_ProductCsvSync)
#include "tst_productcsvsync.moc"
