// The products and categories pages, offscreen, as real widgets over a real SQLCipher cache seeded with many products:
// filtering and sorting the windowed table (which never holds every row), the editor's SKU generation and round trip,
// bulk shelf / price / stock changes queued as intention operations, and category reordering.
#include "CatalogSeed.h"
#include "CatalogService.h"
#include "CategoriesPage.h"
#include "GuiTestHelpers.h"
#include "ImageThumbnailLoader.h"
#include "ProductEditorDialog.h"
#include "ProductTableModel.h"
#include "ProductsPage.h"
#include "TestCache.h"
#include "TestPictureServer.h"
#include "xiaodian/Id.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace xd;
using xd::test::CatalogSeed;
using xd::test::TestCache;
using xd::test::whenModalDialogShows;

class tst_ProductsPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void table_filtersAndSorts_overManyRows_withoutHoldingThemAll();
    void editor_generatesSkus_andKeepsSurvivorsOnRegenerate();
    void editor_roundTrip_enqueuesProductSave_andStockAsDelta();
    void editor_images_uploadInOrder_moveAndFail();
    void editor_images_showThumbnails_placeholderWhenMissingOrOffline();
    void page_editorLoadsUploadedImageThumbnail();
    void bulkActions_enqueueIntentionOperations();
    void categoriesPage_reorder_enqueuesCategoryReorder_andDeleteInUseShowsReason();

private:
    QList<OutboxEntry> pending() const { return m_cache.store->pendingOperations().valueOr(QList<OutboxEntry>()); }
    void selectRows(ProductsPage& page, const QList<int>& rows);

    TestCache m_cache;
    CatalogSeed m_seed;
    std::unique_ptr<CatalogService> m_catalog;
    static constexpr int SeedCount = 20'000;
};

void tst_ProductsPage::initTestCase()
{
    QVERIFY(m_cache.open());
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_seed.seed(*m_cache.store, SeedCount));
    qInfo("seeded %d products in %lld ms", SeedCount, timer.elapsed());
    m_catalog = std::make_unique<CatalogService>(*m_cache.store, *m_cache.database, Role::Clerk);
}

void tst_ProductsPage::cleanupTestCase()
{
    m_catalog.reset();
    m_cache.close();
}

void tst_ProductsPage::selectRows(ProductsPage& page, const QList<int>& rows)
{
    auto* view = page.findChild<QTableView*>(QStringLiteral("productsTableView"));
    view->clearSelection();
    QItemSelection selection;
    for (int row : rows)
        selection.select(page.model()->index(row, 0), page.model()->index(row, ProductTableModel::ColumnCount - 1));
    view->selectionModel()->select(selection, QItemSelectionModel::Select);
}

void tst_ProductsPage::table_filtersAndSorts_overManyRows_withoutHoldingThemAll()
{
    ProductsPage page;
    page.resize(1000, 700);
    page.setCatalog(m_catalog.get());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto* view = page.findChild<QTableView*>(QStringLiteral("productsTableView"));
    QCOMPARE(page.model()->rowCount(), SeedCount);
    // Newest first by default: product 19999 on top.
    QCOMPARE(page.model()->idAt(0), m_seed.productIds.at(SeedCount - 1));
    // Scrolling to the end fetches the last pages only.
    view->scrollToBottom();
    QCoreApplication::processEvents();
    QCOMPARE(page.model()->idAt(SeedCount - 1), m_seed.productIds.at(0));
    QVERIFY(page.model()->cachedRowCount() <= ProductTableModel::PageSize * ProductTableModel::MaxPages);
    QVERIFY(page.model()->cachedRowCount() < SeedCount / 10);

    // Text: debounced, not applied per keystroke.
    auto* search = page.findChild<QLineEdit*>(QStringLiteral("searchLineEdit"));
    search->setText(QStringLiteral("商品1234"));
    QCOMPARE(page.model()->rowCount(), SeedCount); // not yet
    QTRY_COMPARE(page.model()->rowCount(), 11);    // 1234, 12340..12349
    // Price ascending: 商品1234 costs 235.00 (its small SKU), 12340 costs 341.00, ... 12349 350.00.
    view->sortByColumn(ProductTableModel::PriceColumn, Qt::AscendingOrder);
    QCOMPARE(page.model()->idAt(0), m_seed.productIds.at(1234));
    QCOMPARE(page.model()->index(0, ProductTableModel::PriceColumn).data().toString(), QStringLiteral("¥235.00"));
    QCOMPARE(page.model()->idAt(1), m_seed.productIds.at(12'340));
    QCOMPARE(page.model()->index(1, ProductTableModel::PriceColumn).data().toString(), QStringLiteral("¥341.00"));
    QCOMPARE(page.model()->idAt(10), m_seed.productIds.at(12'349));
    view->sortByColumn(ProductTableModel::PriceColumn, Qt::DescendingOrder);
    QCOMPARE(page.model()->idAt(0), m_seed.productIds.at(12'349));

    // Category (a top-level one includes its children) and shelf.
    search->clear();
    auto* category = page.findChild<QComboBox*>(QStringLiteral("categoryComboBox"));
    auto* shelf = page.findChild<QComboBox*>(QStringLiteral("shelfComboBox"));
    category->setCurrentIndex(category->findData(m_seed.topCategoryIds.at(1)));
    emit category->activated(category->currentIndex());
    shelf->setCurrentIndex(2); // off shelf
    emit shelf->activated(2);
    int expected = 0;
    for (int i = 0; i < SeedCount; ++i) {
        const QString child = CatalogSeed::childOf(i);
        expected += !child.isEmpty() && child.toInt() >= 2 && i % 3 == 0;
    }
    QCOMPARE(page.model()->rowCount(), expected);
    for (int row = 0; row < std::min(expected, 50); ++row) {
        const int i = int(m_seed.productIds.indexOf(page.model()->idAt(row)));
        QCOMPARE(i % 3, 0);
        QVERIFY(CatalogSeed::childOf(i) == QStringLiteral("2") || CatalogSeed::childOf(i) == QStringLiteral("3"));
        QCOMPARE(page.model()->index(row, ProductTableModel::ShelfColumn).data().toString(), tr("Off shelf"));
    }
    // Name descending inside the filter.
    view->sortByColumn(ProductTableModel::NameColumn, Qt::DescendingOrder);
    QVERIFY(page.model()->index(0, 0).data().toString() >= page.model()->index(1, 0).data().toString());
    QVERIFY(page.model()->cachedRowCount() <= ProductTableModel::PageSize * ProductTableModel::MaxPages);
    xd::test::saveScreenshot(&page, QStringLiteral("productspage"));
}

void tst_ProductsPage::editor_generatesSkus_andKeepsSurvivorsOnRegenerate()
{
    ProductEditorDialog dialog;
    dialog.setSpecifications({{QStringLiteral("规格"), {QStringLiteral("大杯"), QStringLiteral("中杯")}},
                              {QStringLiteral("温度"), {QStringLiteral("热"), QStringLiteral("冰")}}});
    QVERIFY(dialog.generateSkus());
    auto* skus = dialog.findChild<QTableWidget*>(QStringLiteral("skuTableWidget"));
    QCOMPARE(skus->rowCount(), 4);
    QCOMPARE(skus->item(0, 0)->text(), QStringLiteral("大杯 / 热"));
    QCOMPARE(skus->item(3, 0)->text(), QStringLiteral("中杯 / 冰"));
    dialog.show();
    xd::test::saveScreenshot(&dialog, QStringLiteral("producteditor"));
    // Prices typed per SKU; the ids they got.
    QStringList ids;
    for (int r = 0; r < 4; ++r) {
        skus->setItem(r, ProductEditorDialog::PriceColumn, new QTableWidgetItem(QStringLiteral("1%1.50").arg(r)));
        ids << skus->item(r, 0)->data(Qt::UserRole).toString();
    }
    // 中杯 goes: the two 大杯 SKUs keep their ids and prices.
    dialog.setSpecifications({{QStringLiteral("规格"), {QStringLiteral("大杯")}},
                              {QStringLiteral("温度"), {QStringLiteral("热"), QStringLiteral("冰")}}});
    QVERIFY(dialog.generateSkus());
    QCOMPARE(skus->rowCount(), 2);
    QCOMPARE(skus->item(0, 0)->data(Qt::UserRole).toString(), ids.at(0));
    QCOMPARE(skus->item(1, 0)->data(Qt::UserRole).toString(), ids.at(1));
    QCOMPARE(skus->item(0, ProductEditorDialog::PriceColumn)->text(), QStringLiteral("10.50"));
    QCOMPARE(skus->item(1, ProductEditorDialog::PriceColumn)->text(), QStringLiteral("11.50"));
    // A value added back is a new SKU (new id, empty price): the old 中杯 ids are not revived.
    dialog.setSpecifications({{QStringLiteral("规格"), {QStringLiteral("大杯"), QStringLiteral("小杯")}},
                              {QStringLiteral("温度"), {QStringLiteral("热"), QStringLiteral("冰")}}});
    QVERIFY(dialog.generateSkus());
    QCOMPARE(skus->rowCount(), 4);
    QVERIFY(!ids.contains(skus->item(2, 0)->data(Qt::UserRole).toString()));
    QVERIFY(skus->item(2, ProductEditorDialog::PriceColumn)->text().isEmpty());
    // Too many combinations are refused with the reason, and the table stays.
    QStringList many;
    for (int i = 0; i < 15; ++i)
        many << QString::number(i);
    dialog.setSpecifications({{QStringLiteral("A"), many}, {QStringLiteral("B"), many}});
    QVERIFY(!dialog.generateSkus());
    QVERIFY(dialog.errorText().contains(QStringLiteral("225")));
    QCOMPARE(skus->rowCount(), 4);
    // Saving with an empty price is refused inline.
    auto built = dialog.product();
    QVERIFY(!built);
}

void tst_ProductsPage::editor_roundTrip_enqueuesProductSave_andStockAsDelta()
{
    const int before = int(pending().size());
    ProductsPage page;
    page.setCatalog(m_catalog.get());
    page.show();
    // Product 7 has 7 pieces per SKU; the user renames it, sets the 大 SKU to 12 pieces and 9.99 yuan.
    bool edited = false;
    whenModalDialogShows([&](QWidget* widget) {
        auto* dialog = qobject_cast<ProductEditorDialog*>(widget);
        QVERIFY(dialog);
        auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("nameLineEdit"));
        QCOMPARE(name->text(), QStringLiteral("商品7"));
        name->setText(QStringLiteral("招牌拿铁"));
        auto* skus = dialog->findChild<QTableWidget*>(QStringLiteral("skuTableWidget"));
        QCOMPARE(skus->rowCount(), 2);
        QCOMPARE(skus->item(0, ProductEditorDialog::StockColumn)->text(), QStringLiteral("7"));
        QCOMPARE(skus->item(0, ProductEditorDialog::PriceColumn)->text(), QStringLiteral("9.00"));
        skus->item(0, ProductEditorDialog::StockColumn)->setText(QStringLiteral("12"));
        skus->item(0, ProductEditorDialog::PriceColumn)->setText(QStringLiteral("9.99"));
        // A bad price first: refused inline, the dialog stays.
        skus->item(1, ProductEditorDialog::PriceColumn)->setText(QStringLiteral("8.001"));
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save)->click();
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->errorText().isEmpty());
        skus->item(1, ProductEditorDialog::PriceColumn)->setText(QStringLiteral("8.00"));
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Save)->click();
        edited = true;
    });
    page.editProduct(m_seed.productIds.at(7));
    QTRY_VERIFY(edited);
    const QList<OutboxEntry> ops = pending();
    QCOMPARE(ops.size(), before + 2);
    const OutboxEntry save = ops.at(before);
    QCOMPARE(save.name, QStringLiteral("product.save"));
    QCOMPARE(save.args.value(QStringLiteral("name")).toString(), QStringLiteral("招牌拿铁"));
    const QJsonArray skus = save.args.value(QStringLiteral("skus")).toArray();
    QCOMPARE(skus.at(0).toObject().value(QStringLiteral("priceFen")).toInteger(), 999);
    QCOMPARE(skus.at(0).toObject().value(QStringLiteral("stock")).toInteger(), 7); // the save never moves stock
    const OutboxEntry adjust = ops.at(before + 1);
    QCOMPARE(adjust.name, QStringLiteral("product.adjustStock"));
    const QJsonArray adjustments = adjust.args.value(QStringLiteral("adjustments")).toArray();
    QCOMPARE(adjustments.size(), 1);
    QCOMPARE(adjustments.at(0).toObject().value(QStringLiteral("delta")).toInteger(), 5);
    // The table shows the edit at once, marked pending.
    auto* search = page.findChild<QLineEdit*>(QStringLiteral("searchLineEdit"));
    search->setText(QStringLiteral("招牌拿铁"));
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QVERIFY(page.model()->index(0, 0).data(ProductTableModel::PendingRole).toBool());
    QCOMPARE(page.model()->index(0, 0).data().toString(), QStringLiteral("● 招牌拿铁"));
    QCOMPARE(page.model()->index(0, ProductTableModel::StockColumn).data().toLongLong(), 12 + 7);
}

void tst_ProductsPage::editor_images_uploadInOrder_moveAndFail()
{
    ProductEditorDialog dialog;
    // The uploader seam: answers later, as the network does, with the image's id; a file named "bad" is refused as
    // the server would.
    QHash<QString, QString> ids{{QStringLiteral("/photos/a.jpg"), Id::create()},
                                {QStringLiteral("/photos/b.png"), Id::create()}};
    dialog.setImageUploader([ids](const QString& path, std::function<void(Result<QString>)> done) {
        QTimer::singleShot(5, [ids, path, done] {
            if (path.contains(QStringLiteral("bad")))
                done(makeError(ErrorCode::InvalidArgument, QStringLiteral("not a JPEG or PNG image")));
            else
                done(ids.value(path));
        });
    });
    const QString a = ids.value(QStringLiteral("/photos/a.jpg"));
    const QString b = ids.value(QStringLiteral("/photos/b.png"));
    dialog.addImageFile(QStringLiteral("/photos/a.jpg"));
    QTRY_COMPARE(dialog.images(), QStringList{a});
    dialog.addImageFile(QStringLiteral("/photos/b.png"));
    QTRY_COMPARE(dialog.images(), (QStringList{a, b}));
    dialog.addImageFile(QStringLiteral("/photos/bad.gif"));
    QTRY_VERIFY(dialog.errorText().contains(QStringLiteral("not a JPEG")));
    QCOMPARE(dialog.images().size(), 2);
    // Down on the first: b, a; then remove the current one (a).
    auto* list = dialog.findChild<QListWidget*>(QStringLiteral("imagesListWidget"));
    list->setCurrentRow(0);
    dialog.findChild<QPushButton*>(QStringLiteral("imageDownButton"))->click();
    QCOMPARE(dialog.images(), (QStringList{b, a}));
    dialog.findChild<QPushButton*>(QStringLiteral("removeImageButton"))->click();
    QCOMPARE(dialog.images(), QStringList{b});
    // The product carries them in that order.
    dialog.findChild<QLineEdit*>(QStringLiteral("nameLineEdit"))->setText(QStringLiteral("有图"));
    auto* skus = dialog.findChild<QTableWidget*>(QStringLiteral("skuTableWidget"));
    QCOMPARE(skus->rowCount(), 1); // a new product: one SKU without specifications
    skus->setItem(0, ProductEditorDialog::PriceColumn, new QTableWidgetItem(QStringLiteral("3")));
    auto built = dialog.product();
    QVERIFY2(built, built ? "" : qPrintable(built.error().message));
    QCOMPARE(built->value(QStringLiteral("images")).toArray(), QJsonArray{b});
    QCOMPARE(
        built->value(QStringLiteral("skus")).toArray().at(0).toObject().value(QStringLiteral("priceFen")).toInteger(),
        300);
}

namespace {

// The centre and top-middle pixels of an image's icon at the list's icon size.
std::pair<QRgb, int /*top alpha*/> iconPixels(const QIcon& icon)
{
    const int side = ProductEditorDialog::ThumbnailSize;
    const QImage picture = icon.pixmap(side, side).toImage();
    return {picture.pixelColor(side / 2, side / 2).rgb(), picture.pixelColor(side / 2, 2).alpha()};
}

} // namespace

void tst_ProductsPage::editor_images_showThumbnails_placeholderWhenMissingOrOffline()
{
    // A wide picture in a colour the placeholder does not have; the second image is not on the server (404).
    const QColor colour(0x20, 0x80, 0xc0);
    PictureServer server(QSize(120, 60), colour);
    const QString shopId = Id::create();
    const QString a = Id::create();
    const QString gone = Id::create();
    const QString b = Id::create();
    server.missing << gone;
    // SKUs with their own images (a, the missing one, none) ask for nothing more: the same ids are in flight.
    const auto sku = [](const QString& size, const QString& image) {
        return QJsonObject{{QStringLiteral("id"), Id::create()},
                           {QStringLiteral("specs"), QJsonObject{{QStringLiteral("规格"), size}}},
                           {QStringLiteral("priceFen"), 100},
                           {QStringLiteral("stock"), 1},
                           {QStringLiteral("image"), image}};
    };
    const QJsonObject product{{QStringLiteral("id"), Id::create()},
                              {QStringLiteral("name"), QStringLiteral("有图")},
                              {QStringLiteral("images"), QJsonArray{a, gone, b}},
                              {QStringLiteral("skus"),
                               QJsonArray{sku(QStringLiteral("大"), a),
                                          sku(QStringLiteral("中"), gone),
                                          sku(QStringLiteral("小"), QString())}}};
    const int side = ProductEditorDialog::ThumbnailSize;
    ImageThumbnailLoader loader;
    QSignalSpy failed(&loader, &ImageThumbnailLoader::failed);

    // Offline (no location): placeholders with the ids as tooltips, nothing asked for, the list works.
    {
        ProductEditorDialog dialog;
        dialog.setThumbnailLoader(&loader);
        dialog.setProduct(product);
        auto* list = dialog.findChild<QListWidget*>(QStringLiteral("imagesListWidget"));
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->iconSize(), QSize(side, side));
        const qint64 placeholder = list->item(0)->icon().cacheKey();
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!list->item(i)->icon().isNull());
            QCOMPARE(list->item(i)->icon().cacheKey(), placeholder);
            QCOMPARE(list->item(i)->toolTip(), (QStringList{a, gone, b}.at(i)));
        }
        QTest::qWait(50);
        QVERIFY(server.paths.isEmpty());
        QCOMPARE(dialog.images(), (QStringList{a, gone, b}));
    }

    // Online: a and b get their thumbnails, scaled into the square keeping proportions (120 x 60 → 64 x 32, centred:
    // the top rows stay transparent); the missing one keeps the placeholder and its tooltip.
    loader.setImageLocation(server.url(), shopId);
    ProductEditorDialog dialog;
    dialog.setThumbnailLoader(&loader);
    dialog.setProduct(product);
    dialog.show();
    auto* list = dialog.findChild<QListWidget*>(QStringLiteral("imagesListWidget"));
    const qint64 placeholder = list->item(1)->icon().cacheKey();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), gone);
    QTRY_VERIFY(list->item(0)->icon().cacheKey() != placeholder && list->item(2)->icon().cacheKey() != placeholder);
    for (const int row : {0, 2}) {
        QCOMPARE(list->item(row)->icon().availableSizes(), QList<QSize>{QSize(side, side)});
        QCOMPARE(iconPixels(list->item(row)->icon()), std::make_pair(colour.rgb(), 0));
    }
    QCOMPARE(list->item(1)->icon().cacheKey(), placeholder);
    QCOMPARE(list->item(1)->toolTip(), gone);
    QVERIFY(iconPixels(list->item(1)->icon()).first != colour.rgb());
    auto* skus = dialog.findChild<QTableWidget*>(QStringLiteral("skuTableWidget"));
    QCOMPARE(skus->rowCount(), 3);
    QCOMPARE(iconPixels(skus->item(0, ProductEditorDialog::SpecsColumn)->icon()).first, colour.rgb());
    QCOMPARE(skus->item(1, ProductEditorDialog::SpecsColumn)->icon().cacheKey(), placeholder);
    QCOMPARE(skus->item(1, ProductEditorDialog::SpecsColumn)->toolTip(), gone);
    QVERIFY(skus->item(2, ProductEditorDialog::SpecsColumn)->icon().isNull());
    QVERIFY(server.paths.contains(QStringLiteral("/api/v1/shops/%1/images/%2?size=thumb").arg(shopId, a)));
    QCOMPARE(server.paths.size(), 3);
    QVERIFY(dialog.grab().save(QStringLiteral(XD_SCREENSHOT_DIR "/producteditor_thumbnails.png")));

    // Order operations move the items with their icons, and images() is what it was before thumbnails.
    list->setCurrentRow(2);
    dialog.findChild<QPushButton*>(QStringLiteral("imageUpButton"))->click();
    QCOMPARE(dialog.images(), (QStringList{a, b, gone}));
    QCOMPARE(iconPixels(list->item(1)->icon()).first, colour.rgb());
    QCOMPARE(list->item(2)->icon().cacheKey(), placeholder);
    dialog.findChild<QPushButton*>(QStringLiteral("imageUpButton"))->click();
    dialog.findChild<QPushButton*>(QStringLiteral("imageUpButton"))->click(); // already first: nothing moves
    QCOMPARE(dialog.images(), (QStringList{b, a, gone}));
    dialog.findChild<QPushButton*>(QStringLiteral("removeImageButton"))->click();
    QCOMPARE(dialog.images(), (QStringList{a, gone}));
    QCOMPARE(list->item(0)->toolTip(), a);

    // Another editor in the session: cached thumbnails show at once without asking again; the failure was not
    // remembered, so only the missing one is asked for again.
    ProductEditorDialog again;
    again.setThumbnailLoader(&loader);
    again.setProduct(product);
    auto* againList = again.findChild<QListWidget*>(QStringLiteral("imagesListWidget"));
    QCOMPARE(iconPixels(againList->item(0)->icon()).first, colour.rgb());
    QCOMPARE(iconPixels(againList->item(2)->icon()).first, colour.rgb());
    auto* againSkus = again.findChild<QTableWidget*>(QStringLiteral("skuTableWidget"));
    QCOMPARE(iconPixels(againSkus->item(0, ProductEditorDialog::SpecsColumn)->icon()).first, colour.rgb());
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(server.paths.size(), 4);
    QVERIFY(iconPixels(againList->item(1)->icon()).first != colour.rgb());

    // Signed out (the location cleared): the cache is dropped with it.
    loader.setImageLocation(QUrl(), QString());
    QVERIFY(loader.thumbnail(a).isNull());
}

void tst_ProductsPage::page_editorLoadsUploadedImageThumbnail()
{
    PictureServer server;
    const QString shopId = Id::create();
    const QString uploaded = Id::create();
    ProductsPage page;
    page.setCatalog(m_catalog.get());
    page.setImageUploader([uploaded](const QString&, std::function<void(Result<QString>)> done) {
        QTimer::singleShot(5, [uploaded, done] { done(uploaded); });
    });
    page.setImageLocation(server.url(), shopId);
    page.show();
    bool checked = false;
    whenModalDialogShows([&](QWidget* widget) {
        auto* dialog = qobject_cast<ProductEditorDialog*>(widget);
        QVERIFY(dialog);
        dialog->addImageFile(QStringLiteral("/photos/new.png"));
        auto* list = dialog->findChild<QListWidget*>(QStringLiteral("imagesListWidget"));
        QTRY_COMPARE(list->count(), 1);
        QTRY_COMPARE(iconPixels(list->item(0)->icon()).first, QColor(Qt::darkCyan).rgb());
        QCOMPARE(list->item(0)->toolTip(), uploaded);
        QCOMPARE(server.paths,
                 QStringList{QStringLiteral("/api/v1/shops/%1/images/%2?size=thumb").arg(shopId, uploaded)});
        QCOMPARE(dialog->images(), QStringList{uploaded});
        dialog->reject();
        checked = true;
    });
    page.newProduct();
    QTRY_VERIFY(checked);
}

void tst_ProductsPage::bulkActions_enqueueIntentionOperations()
{
    ProductsPage page;
    page.setCatalog(m_catalog.get());
    page.show();
    auto* search = page.findChild<QLineEdit*>(QStringLiteral("searchLineEdit"));
    search->setText(QStringLiteral("商品1999"));
    QTRY_COMPARE(page.model()->rowCount(), 11); // 1999, 19990..19999
    selectRows(page, {0, 1, 2});
    QCOMPARE(page.selectedIds().size(), 3);
    const QStringList chosen = page.selectedIds();

    int before = int(pending().size());
    page.findChild<QPushButton*>(QStringLiteral("offShelfButton"))->click();
    QCOMPARE(pending().size(), before + 1);
    QCOMPARE(pending().last().name, QStringLiteral("product.setShelf"));
    QCOMPARE(pending().last().args.value(QStringLiteral("ids")).toArray().size(), 3);
    QCOMPARE(pending().last().args.value(QStringLiteral("onShelf")).toBool(), false);

    // Price: 80% of every SKU.
    before = int(pending().size());
    whenModalDialogShows([](QWidget* dialog) {
        QCOMPARE(dialog->objectName(), QStringLiteral("priceDialog"));
        dialog->findChild<QSpinBox*>(QStringLiteral("percentSpinBox"))->setValue(80);
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    selectRows(page, {0});
    const QString first = page.selectedIds().first();
    const qint64 priceBefore = page.model()
                                   ->index(0, ProductTableModel::PriceColumn)
                                   .data()
                                   .toString()
                                   .mid(1)
                                   .remove(QLatin1Char('.'))
                                   .toLongLong();
    page.findChild<QPushButton*>(QStringLiteral("priceButton"))->click();
    QTRY_COMPARE(pending().size(), before + 1);
    QCOMPARE(pending().last().name, QStringLiteral("product.setPrice"));
    const QJsonArray items = pending().last().args.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    for (const QJsonValue& item : items)
        QCOMPARE(item.toObject().value(QStringLiteral("productId")).toString(), first);
    auto product = m_catalog->product(first);
    const qint64 cheapest = std::min((*product)
                                         ->value(QStringLiteral("skus"))
                                         .toArray()
                                         .at(0)
                                         .toObject()
                                         .value(QStringLiteral("priceFen"))
                                         .toInteger(),
                                     (*product)
                                         ->value(QStringLiteral("skus"))
                                         .toArray()
                                         .at(1)
                                         .toObject()
                                         .value(QStringLiteral("priceFen"))
                                         .toInteger());
    QCOMPARE(cheapest, priceBefore * 8 / 10);

    // Stock: taking away more than a SKU holds is refused in the dialog; then +3 is queued as deltas.
    before = int(pending().size());
    whenModalDialogShows([](QWidget* dialog) {
        QCOMPARE(dialog->objectName(), QStringLiteral("stockDialog"));
        auto* spin = dialog->findChild<QSpinBox*>(QStringLiteral("stockDeltaSpinBox"));
        spin->setValue(-1000);
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->findChild<QLabel*>(QStringLiteral("stockErrorLabel"))->text().isEmpty());
        spin->setValue(3);
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    selectRows(page, {0, 1});
    page.findChild<QPushButton*>(QStringLiteral("stockButton"))->click();
    QTRY_COMPARE(pending().size(), before + 1);
    QCOMPARE(pending().last().name, QStringLiteral("product.adjustStock"));
    const QJsonArray adjustments = pending().last().args.value(QStringLiteral("adjustments")).toArray();
    QCOMPARE(adjustments.size(), 4);
    for (const QJsonValue& a : adjustments)
        QCOMPARE(a.toObject().value(QStringLiteral("delta")).toInteger(), 3);
    // Delete, confirmed: one product.delete per product, and they leave the table at once.
    before = int(pending().size());
    const int rowsBefore = page.model()->rowCount();
    selectRows(page, {0, 1});
    const QStringList doomed = page.selectedIds();
    whenModalDialogShows([](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
    });
    page.findChild<QPushButton*>(QStringLiteral("deleteProductButton"))->click();
    QTRY_COMPARE(pending().size(), before + 2);
    QCOMPARE(pending().last().name, QStringLiteral("product.delete"));
    QVERIFY(doomed.contains(pending().last().args.value(QStringLiteral("id")).toString()));
    QTRY_COMPARE(page.model()->rowCount(), rowsBefore - 2);
}

void tst_ProductsPage::categoriesPage_reorder_enqueuesCategoryReorder_andDeleteInUseShowsReason()
{
    CategoriesPage page;
    page.setCatalog(m_catalog.get());
    page.show();
    QTreeWidget* tree = page.tree();
    QCOMPARE(tree->topLevelItemCount(), 2);
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("饮品"));
    QCOMPARE(tree->topLevelItem(0)->child(1)->text(0), QStringLiteral("茶"));

    const int before = int(pending().size());
    // Down on 咖啡: 茶 first among 饮品's children.
    tree->setCurrentItem(tree->topLevelItem(0)->child(0));
    page.findChild<QPushButton*>(QStringLiteral("moveDownButton"))->click();
    QCOMPARE(pending().size(), before + 1);
    QCOMPARE(pending().last().name, QStringLiteral("category.reorder"));
    QCOMPARE(pending().last().args.value(QStringLiteral("parentId")).toString(), m_seed.topCategoryIds.at(0));
    QCOMPARE(pending().last().args.value(QStringLiteral("ids")).toArray(),
             (QJsonArray{m_seed.childCategoryIds.at(1), m_seed.childCategoryIds.at(0)}));
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), QStringLiteral("● 茶"));
    // Top level: 甜点 before 饮品.
    page.moveCategory(m_seed.topCategoryIds.at(1), 0);
    QCOMPARE(pending().last().args.value(QStringLiteral("ids")).toArray(),
             (QJsonArray{m_seed.topCategoryIds.at(1), m_seed.topCategoryIds.at(0)}));
    QVERIFY(pending().last().args.value(QStringLiteral("parentId")).isNull());
    QCOMPARE(tree->topLevelItem(0)->data(0, Qt::UserRole).toString(), m_seed.topCategoryIds.at(1));

    // Deleting a category that holds products: refused here, with the reason shown.
    const int count = int(pending().size());
    tree->setCurrentItem(tree->topLevelItem(0)->child(0)); // 蛋糕, which holds products
    page.deleteSelected();
    QCOMPARE(pending().size(), count);
    // The seeded cakes, less those deleted (pending) by the tests before: the check counts what this computer shows.
    QStringList deleted;
    for (const OutboxEntry& entry : pending()) {
        if (entry.name == QLatin1String("product.delete"))
            deleted << entry.args.value(QStringLiteral("id")).toString();
    }
    int cakes = 0;
    for (int i = 0; i < SeedCount; ++i)
        cakes += CatalogSeed::childOf(i) == QStringLiteral("2") && !deleted.contains(m_seed.productIds.at(i));
    QVERIFY2(page.errorText().contains(QStringLiteral("%1 products").arg(cakes)), qPrintable(page.errorText()));
    // A new empty subcategory can be added and deleted.
    page.addCategory(true, QStringLiteral("新口味"));
    QCOMPARE(pending().last().name, QStringLiteral("category.save"));
    QVERIFY(page.errorText().isEmpty());
}

QTEST_MAIN(tst_ProductsPage)
#include "tst_productspage.moc"
