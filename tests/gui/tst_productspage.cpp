// The products and categories pages, offscreen, as real widgets over a real SQLCipher cache seeded with many products:
// filtering and sorting the windowed table (which never holds every row), the editor's SKU generation and round trip,
// bulk shelf / price / stock changes queued as intention operations, and category reordering.
#include "CatalogSeed.h"
#include "CatalogService.h"
#include "CategoriesPage.h"
#include "GuiTestHelpers.h"
#include "ProductEditorDialog.h"
#include "ProductTableModel.h"
#include "ProductsPage.h"
#include "TestCache.h"
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
