// Product CSV export and import at the contract's scale (100,000 products) over a real encrypted cache.
// Usage: bench_productcsv [products=100000]. Prints times, file size and peak memory; see docs/performance.md.
#include "CacheStore.h"
#include "ProductCsv.h"
#include "TestCache.h"
#include "xiaodian/Id.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>

#include <cstdio>
#include <sys/resource.h>

using namespace xd;

namespace {

long peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// User + system CPU time of this process in ms: on a shared machine it says more than the wall clock.
qint64 cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (qint64(usage.ru_utime.tv_sec) + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// Like the catalog benchmarks' shops: 3.5 SKUs per product on average (2 × 2 specifications, or one plain SKU).
QList<sync::SyncRow> productRows(int from, int to, const QStringList& categories)
{
    QList<sync::SyncRow> rows;
    for (int n = from; n < to; ++n) {
        QJsonArray skus;
        const int variants = n % 2 == 0 ? 4 : 3;
        for (int v = 0; v < variants; ++v) {
            const QJsonObject specs =
                variants == 1
                    ? QJsonObject()
                    : QJsonObject{{QStringLiteral("规格"), v < 2 ? QStringLiteral("大杯") : QStringLiteral("中杯")},
                                  {QStringLiteral("温度"), v % 2 == 0 ? QStringLiteral("冰") : QStringLiteral("热")}};
            skus.append(
                QJsonObject{{QStringLiteral("id"), Id::create()},
                            {QStringLiteral("position"), v},
                            {QStringLiteral("specs"), specs},
                            {QStringLiteral("priceFen"), 990 + n % 5000 + v * 100},
                            {QStringLiteral("originalPriceFen"), v == 0 ? 1990 : 0},
                            {QStringLiteral("stock"), n % 300},
                            {QStringLiteral("code"), QStringLiteral("69%1%2").arg(n, 8, 10, QLatin1Char('0')).arg(v)},
                            {QStringLiteral("image"), QString()}});
        }
        rows.append(
            sync::SyncRow{QStringLiteral("product"),
                          Id::create(),
                          2,
                          false,
                          QJsonObject{{QStringLiteral("categoryId"), categories.at(n % categories.size())},
                                      {QStringLiteral("name"), QStringLiteral("经典红茶拿铁 %1 号, \"招牌\"").arg(n)},
                                      {QStringLiteral("subtitle"), QStringLiteral("香浓顺滑")},
                                      {QStringLiteral("keywords"), QStringLiteral("奶茶 红茶")},
                                      {QStringLiteral("description"), QStringLiteral("<p>每日现煮</p>")},
                                      {QStringLiteral("images"), QJsonArray()},
                                      {QStringLiteral("onShelf"), n % 7 != 0},
                                      {QStringLiteral("sortWeight"), n % 100},
                                      {QStringLiteral("salesCount"), 0},
                                      {QStringLiteral("createdAtMs"), 1},
                                      {QStringLiteral("updatedAtMs"), 1},
                                      {QStringLiteral("skus"), skus}}});
    }
    return rows;
}

bool check(const Status& status, const char* what)
{
    if (!status) {
        std::fprintf(stderr, "%s: %s\n", what, qPrintable(status.error().toString()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int count = app.arguments().value(1, QStringLiteral("100000")).toInt();
    test::TestCache cache;
    if (!check(cache.open(), "open"))
        return 1;

    // Twenty categories under two parents; products in pull pages of 1,000.
    QList<sync::SyncRow> categoryRows;
    QStringList categoryIds;
    const QString drinks = Id::create();
    categoryRows.append(sync::SyncRow{
        QStringLiteral("category"),
        drinks,
        1,
        false,
        QJsonObject{{QStringLiteral("parentId"), QJsonValue()}, {QStringLiteral("name"), QStringLiteral("饮品")}}});
    for (int c = 0; c < 20; ++c) {
        categoryIds << Id::create();
        categoryRows.append(sync::SyncRow{QStringLiteral("category"),
                                          categoryIds.constLast(),
                                          1,
                                          false,
                                          QJsonObject{{QStringLiteral("parentId"), drinks},
                                                      {QStringLiteral("name"), QStringLiteral("分类%1").arg(c)}}});
    }
    if (!check(cache.store->applyPullPage(categoryRows, QStringLiteral("c"), 1, true), "categories"))
        return 1;
    QElapsedTimer timer;
    timer.start();
    for (int from = 0; from < count; from += 1000) {
        if (!check(cache.store->applyPullPage(productRows(from, std::min(count, from + 1000), categoryIds),
                                              QStringLiteral("c"),
                                              2,
                                              from + 1000 < count),
                   "seed"))
            return 1;
    }
    std::printf("seeded %d products in %.1f s\n", count, timer.elapsed() / 1000.0);

    const QString path = cache.dir.filePath(QStringLiteral("products.csv"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        int calls = 0;
        timer.restart();
        const qint64 cpuBefore = cpuMs();
        const auto exported = ProductCsv::exportProducts(
            *cache.store, file, ProductCsv::Language::Chinese, {}, [&calls](qint64, qint64) { return ++calls > 0; });
        if (!exported) {
            std::fprintf(stderr, "export: %s\n", qPrintable(exported.error().toString()));
            return 1;
        }
        std::printf("export: %d products, %d lines, %.1f MiB in %.2f s (CPU %.2f s; %d progress calls), peak RSS %ld "
                    "KiB\n",
                    exported->products,
                    exported->lines,
                    file.size() / 1048576.0,
                    timer.elapsed() / 1000.0,
                    (cpuMs() - cpuBefore) / 1000.0,
                    calls,
                    peakRssKiB());
    }

    auto runImport = [&](const char* label, const QString& csvPath) -> bool {
        QFile file(csvPath);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const int pendingBefore = cache.store->pendingCount();
        ProductCsv::ImportOptions options;
        int calls = 0;
        options.progress = [&calls](qint64, qint64) {
            return ++calls > 0;
        };
        timer.restart();
        const qint64 cpuBefore = cpuMs();
        const auto imported = ProductCsv::importProducts(*cache.store, file, options);
        if (!imported) {
            std::fprintf(stderr, "import: %s\n", qPrintable(imported.error().toString()));
            return false;
        }
        std::printf("import %s: %d products read, %d new, %d changed, %d unchanged, %lld rejected, %d queued "
                    "in %.2f s (CPU %.2f s; %d progress calls), peak RSS %ld KiB\n",
                    label,
                    imported->productsRead,
                    imported->productsCreated,
                    imported->productsChanged,
                    imported->productsUnchanged,
                    qlonglong(imported->rejections.size()),
                    cache.store->pendingCount() - pendingBefore,
                    timer.elapsed() / 1000.0,
                    (cpuMs() - cpuBefore) / 1000.0,
                    calls,
                    peakRssKiB());
        return true;
    };
    if (!runImport("unchanged (round trip)", path))
        return 1;

    // Every price up by 1 fen: one product.save per product, queued in batches.
    const QString changedPath = cache.dir.filePath(QStringLiteral("changed.csv"));
    {
        QFile in(path);
        QFile out(changedPath);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
            return 1;
        // The price is the 10th column; the names hold a quoted comma, so split on the fixed tail instead:
        // ",price,original,stock,code\r\n" — price is the 4th field from the end.
        while (!in.atEnd()) {
            QByteArray line = in.readLine();
            QList<QByteArray> tail = line.split(',');
            if (tail.size() > 4 && tail.at(tail.size() - 4).contains('.')) {
                const qsizetype i = tail.size() - 4;
                const QList<QByteArray> parts = tail.at(i).split('.');
                const qint64 fen = parts.at(0).toLongLong() * 100 + parts.at(1).toLongLong() + 1;
                tail[i] = QByteArray::number(fen / 100) + '.' + QByteArray::number(fen % 100).rightJustified(2, '0');
                line = tail.join(',');
            }
            out.write(line);
        }
    }
    if (!runImport("every price changed", changedPath))
        return 1;
    return 0;
}
