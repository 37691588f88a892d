#include "CacheStore.h"
#include "GuiTestHelpers.h"
#include "ProductCsvActions.h"
#include "ProductCsvReportDialog.h"
#include "TestCache.h"
#include "xiaodian/Id.h"

#include <QClipboard>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>

using namespace xd;
using xd::test::saveScreenshot;
using xd::test::TestCache;

namespace {

const QString kSnacks = QStringLiteral("01890a5d-ac96-774b-bcce-000000000003");

// Watches the modal dialogs while an action runs on the GUI thread: the progress dialog's values, and the report,
// which `onReport` inspects before it is closed. A zero timer fires whenever the progress dialog lets events through.
class DialogWatcher
{
public:
    std::function<void(QProgressDialog*)> onProgress;
    std::function<void(ProductCsvReportDialog*)> onReport;
    QList<int> progressValues;
    bool progressWasVisible = false;
    bool reportShown = false;

    DialogWatcher()
    {
        m_timer.setInterval(0);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { look(); });
        m_timer.start();
    }

private:
    void look()
    {
        QWidget* modal = QApplication::activeModalWidget();
        if (auto* progress = qobject_cast<QProgressDialog*>(modal)) {
            progressWasVisible = progressWasVisible || progress->isVisible();
            if (progressValues.isEmpty() || progressValues.constLast() != progress->value()) {
                progressValues << progress->value();
                if (onProgress)
                    onProgress(progress);
            }
        } else if (auto* report = qobject_cast<ProductCsvReportDialog*>(modal)) {
            if (reportShown)
                return;
            reportShown = true;
            if (onReport)
                onReport(report);
            report->reject();
        }
    }

    QTimer m_timer;
};

// `products` new products of two SKUs each (lines 2.., two per product); the lines in `badLines` get a bad price.
QByteArray newProductsCsv(int products, const QList<int>& badLines)
{
    QString csv =
        QStringLiteral("商品ID,SKU ID,分类,商品名称,副标题,关键词,上架,排序权重,规格,价格(元),原价(元),库存,编码\r\n");
    int line = 2;
    for (int n = 0; n < products; ++n) {
        for (const QString& size : {QStringLiteral("大"), QStringLiteral("小")}) {
            const QString price = badLines.contains(line) ? QStringLiteral("1.999") : QStringLiteral("8.50");
            csv += QStringLiteral(",,小吃,商品 %1,,,1,,规格:%2,%3,,5,\r\n").arg(n).arg(size, price);
            ++line;
        }
    }
    return csv.toUtf8();
}

} // namespace

class tst_ProductCsvActions final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void import_showsProgressThenTheRejectedLinesReport();
    void import_cancel_queuesOnlyWholeProducts();
    void export_writesTheFile_andCancelLeavesNone();

private:
    QString writeFile(const QString& name, const QByteArray& bytes);

    TestCache m_cache;
    std::unique_ptr<QWidget> m_window;
};

void tst_ProductCsvActions::init()
{
    QVERIFY(m_cache.open());
    QVERIFY(m_cache.store->applyPullPage({sync::SyncRow{QStringLiteral("category"),
                                                        kSnacks,
                                                        1,
                                                        false,
                                                        QJsonObject{{QStringLiteral("parentId"), QJsonValue()},
                                                                    {QStringLiteral("name"), QStringLiteral("小吃")}}}},
                                         QStringLiteral("c"),
                                         1,
                                         false));
    m_window = std::make_unique<QWidget>();
    m_window->resize(800, 600);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_ProductCsvActions::cleanup()
{
    m_window.reset();
    m_cache.close();
    QFile::remove(m_cache.path());
}

QString tst_ProductCsvActions::writeFile(const QString& name, const QByteArray& bytes)
{
    const QString path = m_cache.dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void tst_ProductCsvActions::import_showsProgressThenTheRejectedLinesReport()
{
    // 3,000 products on 6,000 lines (≈ 300 KB, several read chunks and batches); lines 5 and 4,001 are bad.
    const QString path = writeFile(QStringLiteral("products.csv"), newProductsCsv(3000, {5, 4001}));
    QVERIFY(!path.isEmpty());
    ProductCsvActions actions(*m_cache.store, m_window.get());

    DialogWatcher watcher;
    QString summary;
    QList<std::pair<QString, QString>> rows;
    QString copied;
    QString saved;
    watcher.onReport = [&](ProductCsvReportDialog* report) {
        saveScreenshot(report, QStringLiteral("productcsv-report"));
        summary = report->findChild<QLabel*>(QStringLiteral("summaryLabel"))->text();
        auto* table = report->findChild<QTableWidget*>(QStringLiteral("rejectionsTableWidget"));
        for (int row = 0; row < table->rowCount(); ++row)
            rows << std::pair{table->item(row, ProductCsvReportDialog::LineColumn)->text(),
                              table->item(row, ProductCsvReportDialog::ReasonColumn)->text()};
        QTest::mouseClick(report->findChild<QPushButton*>(QStringLiteral("copyPushButton")), Qt::LeftButton);
        copied = QApplication::clipboard()->text();
        const QString rejectedPath = m_cache.dir.filePath(QStringLiteral("rejected.csv"));
        if (report->saveRejections(rejectedPath)) {
            QFile file(rejectedPath);
            if (file.open(QIODevice::ReadOnly)) {
                const QByteArray bom = file.read(3); // QString::fromUtf8 would drop it
                saved = QString::fromLatin1(bom.toHex()) + QString::fromUtf8(file.readAll());
            }
        }
    };
    QSignalSpy finished(&actions, &ProductCsvActions::importFinished);
    actions.importFrom(path);

    QVERIFY(watcher.progressWasVisible);
    QVERIFY2(watcher.progressValues.size() >= 3, qPrintable(QString::number(watcher.progressValues.size())));
    QVERIFY(std::is_sorted(watcher.progressValues.cbegin(), watcher.progressValues.cend()));
    QVERIFY(watcher.reportShown);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).first, QStringLiteral("5"));
    QVERIFY(rows.at(0).second.contains(QStringLiteral("'1.999' is not an amount")));
    QCOMPARE(rows.at(1).first, QStringLiteral("4001"));
    QVERIFY2(summary.contains(QStringLiteral("New: 2998.")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("Rejected: 2.")), qPrintable(summary));
    QVERIFY(copied.startsWith(QStringLiteral("Line\tProduct\tReason\n5\t商品 1\t")));
    QVERIFY2(saved.startsWith(QStringLiteral("efbbbfLine,Product,Reason\r\n5,商品 1,")), qPrintable(saved));
    QCOMPARE(m_cache.store->pendingCount(), 2998);
}

void tst_ProductCsvActions::import_cancel_queuesOnlyWholeProducts()
{
    const QString path = writeFile(QStringLiteral("products.csv"), newProductsCsv(6000, {}));
    QVERIFY(!path.isEmpty());
    ProductCsvActions actions(*m_cache.store, m_window.get());
    DialogWatcher watcher;
    // Cancel once the second pass (queuing) is under way: past the half of the bar.
    watcher.onProgress = [](QProgressDialog* progress) {
        if (progress->value() > progress->maximum() / 2)
            progress->cancel();
    };
    QString summary;
    watcher.onReport = [&](ProductCsvReportDialog* report) {
        summary = report->findChild<QLabel*>(QStringLiteral("summaryLabel"))->text();
    };
    actions.importFrom(path);
    QVERIFY(watcher.reportShown);
    QVERIFY2(summary.contains(QStringLiteral("cancelled")), qPrintable(summary));
    const auto pending = m_cache.store->pendingOperations();
    QVERIFY(pending);
    QVERIFY2(!pending->isEmpty() && pending->size() < 6000, qPrintable(QString::number(pending->size())));
    QCOMPARE(pending->size() % 500, 0); // whole batches only
    for (const OutboxEntry& entry : *pending)
        QCOMPARE(entry.args.value(QStringLiteral("skus")).toArray().size(), 2);
}

void tst_ProductCsvActions::export_writesTheFile_andCancelLeavesNone()
{
    const QString source = writeFile(QStringLiteral("source.csv"), newProductsCsv(10, {}));
    // The cache gets products through a pull, as in use: turn the queued saves into pulled rows.
    ProductCsvActions actions(*m_cache.store, m_window.get());
    DialogWatcher importWatcher;
    actions.importFrom(source);
    const auto pending = m_cache.store->pendingOperations();
    QVERIFY(pending);
    QList<sync::SyncRow> rows;
    for (int copy = 0; copy < 120; ++copy) { // 1,200 products: three export chunks
        for (const OutboxEntry& entry : *pending) {
            QJsonObject data = entry.args;
            const QString id = copy == 0 ? data.take(QStringLiteral("id")).toString() : Id::create();
            data.remove(QStringLiteral("id"));
            rows << sync::SyncRow{QStringLiteral("product"), id, 2, false, data};
        }
    }
    QVERIFY(m_cache.store->applyPullPage(rows, QStringLiteral("c2"), 2, false));

    const QString target = m_cache.dir.filePath(QStringLiteral("export.csv"));
    {
        DialogWatcher watcher;
        actions.setLanguage(ProductCsv::Language::English);
        QVERIFY(actions.exportTo(target));
        QVERIFY(watcher.progressWasVisible);
    }
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"
                             "Product ID,SKU ID,Category,Name,"));
    QCOMPARE(bytes.count("\r\n"), 1 + 1200 * 2);
    file.close();

    const QString cancelled = m_cache.dir.filePath(QStringLiteral("cancelled.csv"));
    {
        DialogWatcher watcher;
        watcher.onProgress = [](QProgressDialog* progress) {
            if (progress->value() > 0)
                progress->cancel();
        };
        QVERIFY(!actions.exportTo(cancelled));
    }
    QVERIFY(!QFile::exists(cancelled));
}

QTEST_MAIN(tst_ProductCsvActions)
#include "tst_productcsvactions.moc"
