// The desktop half of bench_stats (which runs it): stores the stats rows a desktop pulls after the server's rebuild
// in a new encrypted cache, the way SyncClient does (CacheStore::applyPullPage, one page of 500 rows per
// transaction), then times StatsService::report over the period:
//   bench_stats_desktop --pull PAGES.jsonl --from yyyy-MM-dd --to yyyy-MM-dd [--runs 7] --dir DIR
// PAGES.jsonl: one pull page per line, {"rows": [SyncRow...], "cookie", "version", "more"}. Prints its figures and
// the report's totals as "totals: {json}" for bench_stats to compare with the server's.
#include "CacheDatabase.h"
#include "CacheStore.h"
#include "StatsService.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Stats.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace xd;

namespace {

int failed(const QString& message)
{
    std::fprintf(stderr, "bench_stats_desktop: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("pull"), QStringLiteral("pull pages, one JSON object a line"), QStringLiteral("file")});
    parser.addOption({QStringLiteral("from"), QStringLiteral("first day of the report"), QStringLiteral("date")});
    parser.addOption({QStringLiteral("to"), QStringLiteral("last day of the report"), QStringLiteral("date")});
    parser.addOption({QStringLiteral("runs"),
                      QStringLiteral("reports timed after the first"),
                      QStringLiteral("n"),
                      QStringLiteral("7")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("folder for the cache file"), QStringLiteral("dir")});
    parser.process(app);

    const stats::Period period{stats::parseDay(parser.value(QStringLiteral("from"))),
                               stats::parseDay(parser.value(QStringLiteral("to")))};
    if (!period.from.isValid() || !period.to.isValid())
        return failed(QStringLiteral("--from and --to are yyyy-MM-dd"));
    QFile pages(parser.value(QStringLiteral("pull")));
    if (!pages.open(QIODevice::ReadOnly))
        return failed(pages.errorString());

    const SystemClock clock;
    const QString cachePath = QDir(parser.value(QStringLiteral("dir"))).filePath(QStringLiteral("cache.db"));
    QFile::remove(cachePath);
    const QByteArray key = CacheDatabase::generateKey();
    qint64 rowCount = 0;
    double applySeconds = 0;
    {
        CacheDatabase database;
        if (const Status opened = database.open(cachePath, key); !opened)
            return failed(opened.error().toString());
        CacheStore store(database, clock);
        if (const Status initialized = store.initialize(); !initialized)
            return failed(initialized.error().toString());
        // Only the storing is timed, not reading and decoding the file (the network's JSON in real life).
        QElapsedTimer timer;
        while (!pages.atEnd()) {
            const QJsonObject page = QJsonDocument::fromJson(pages.readLine()).object();
            QList<sync::SyncRow> rows;
            for (const QJsonValue& value : page.value(QStringLiteral("rows")).toArray()) {
                auto row = sync::SyncRow::fromJson(value.toObject());
                if (!row)
                    return failed(row.error().toString());
                rows.append(*row);
            }
            timer.start();
            const Status applied = store.applyPullPage(rows,
                                                       page.value(QStringLiteral("cookie")).toString(),
                                                       page.value(QStringLiteral("version")).toInteger(),
                                                       page.value(QStringLiteral("more")).toBool());
            applySeconds += timer.nsecsElapsed() / 1e9;
            if (!applied)
                return failed(applied.error().toString());
            rowCount += rows.size();
        }
        std::printf(
            "desktop cache: %lld rows stored through applyPullPage in %.1f s (%d stats_day, %d stats_product_day)"
            "\n",
            rowCount,
            applySeconds,
            store.rowCount(CacheStore::StatsDayEntity).valueOr(-1),
            store.rowCount(CacheStore::StatsProductDayEntity).valueOr(-1));
    }

    // The report on the cache opened again, as a desktop starting up: the first run is cold but for the OS's cache.
    CacheDatabase database;
    QElapsedTimer openTimer;
    openTimer.start();
    if (const Status opened = database.open(cachePath, key, CacheDatabase::CreateMode::MustExist); !opened)
        return failed(opened.error().toString());
    CacheStore store(database, clock);
    if (const Status initialized = store.initialize(); !initialized)
        return failed(initialized.error().toString());
    const double openMs = openTimer.nsecsElapsed() / 1e6;
    StatsService service(store, clock);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    QList<double> ms;
    stats::Report report;
    for (int i = 0; i <= runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto result = service.report(period, 10);
        ms << timer.nsecsElapsed() / 1e6;
        if (!result)
            return failed(result.error().toString());
        report = *result;
    }
    if (report.days.size() != period.days())
        return failed(QStringLiteral("the report has %1 days, not %2").arg(report.days.size()).arg(period.days()));
    const double first = ms.takeFirst();
    std::sort(ms.begin(), ms.end());
    std::printf("desktop cache file %.1f MiB, opened in %.0f ms\n", QFileInfo(cachePath).size() / 1048576.0, openMs);
    std::printf("desktop report %s … %s (%d days): first %.1f ms, median %.1f ms, max %.1f ms of %d\n",
                qPrintable(stats::dayText(period.from)),
                qPrintable(stats::dayText(period.to)),
                period.days(),
                first,
                ms.at(ms.size() / 2),
                ms.constLast(),
                runs);
    std::printf("totals: %s\n", QJsonDocument(report.totals.toJson()).toJson(QJsonDocument::Compact).constData());
    return 0;
}
