// Desktop memory with a big cache open: opens an encrypted cache that bench_sync left behind (--keep-cache), the
// CatalogService over it and the real ProductsPage (offscreen), scrolls the table to its end and back, and prints the
// process's RSS after each step.
//   bench_sync initial --entity product --rows 100000 --keep-cache /tmp/xd-cache
//   QT_QPA_PLATFORM=offscreen bench_desktop_memory --cache /tmp/xd-cache
#include "CacheDatabase.h"
#include "CacheStore.h"
#include "CatalogService.h"
#include "ProductTableModel.h"
#include "ProductsPage.h"
#include "xiaodian/Clock.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

#include <cstdio>

using namespace xd;

namespace {

// VmRSS and VmHWM of this process, in KiB.
std::pair<long, long> memoryKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return {-1, -1};
    long rss = -1;
    long hwm = -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            rss = line.mid(6).trimmed().split(' ').value(0).toLong();
        if (line.startsWith("VmHWM:"))
            hwm = line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return {rss, hwm};
}

void report(const char* step, const QElapsedTimer& timer)
{
    const auto [rss, hwm] = memoryKiB();
    std::printf("%-44s RSS %6.1f MiB  peak %6.1f MiB  (%lld ms)\n",
                step,
                double(rss) / 1024.0,
                double(hwm) / 1024.0,
                static_cast<long long>(timer.elapsed()));
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("cache"),
                      QStringLiteral("folder with cache.db and cache.key (bench_sync --keep-cache)"),
                      QStringLiteral("dir")});
    parser.process(app);
    const QString dir = parser.value(QStringLiteral("cache"));
    QFile keyFile(dir + QStringLiteral("/cache.key"));
    if (!keyFile.open(QIODevice::ReadOnly))
        return std::fprintf(stderr, "no %s\n", qPrintable(keyFile.fileName())), 1;
    const QByteArray key = QByteArray::fromHex(keyFile.readAll().trimmed());

    QElapsedTimer timer;
    timer.start();
    report("started (QApplication, offscreen)", timer);
    SystemClock clock;
    CacheDatabase database;
    if (const Status opened = database.open(dir + QStringLiteral("/cache.db"), key); !opened)
        return std::fprintf(stderr, "%s\n", qPrintable(opened.error().message)), 1;
    CacheStore store(database, clock);
    if (const Status ready = store.initialize(); !ready)
        return std::fprintf(stderr, "%s\n", qPrintable(ready.error().message)), 1;
    const int products = store.rowCount(CacheStore::ProductEntity).valueOr(-1);
    std::printf("cache: %d products\n", products);
    report("cache open, rows counted", timer);

    CatalogService catalog(store, database, Role::Owner);
    ProductsPage page;
    page.resize(1280, 800);
    page.setCatalog(&catalog);
    page.show();
    QTest::qWait(ProductsPage::FilterDelayMs + 200);
    std::printf("products page: %d rows in the model\n", page.model()->rowCount());
    report("ProductsPage shown with the first rows", timer);

    auto* table = page.findChild<QTableView*>();
    if (table) {
        // Scroll to the end and back in steps, as a user dragging the scroll bar would.
        QScrollBar* bar = table->verticalScrollBar();
        for (int step = 0; step <= 20; ++step) {
            bar->setValue(bar->maximum() * step / 20);
            QTest::qWait(20);
        }
        report("scrolled to the end", timer);
        bar->setValue(0);
        QTest::qWait(50);
    }
    page.setCatalog(nullptr);
    report("page emptied", timer);
    return 0;
}
