#pragma once

#include "xiaodian/Result.h"

#include <QString>
#include <QStringList>

namespace xd::db {
class Database;
}

namespace xd::server {

// `syncserver images gc`: deletes the catalog images that nothing of their shop names any more, and then the blobs
// that no image and no shop photo of any shop names. What may name an image is listed in ONE place, the reference
// sources in ImageCollector.cpp. Images younger than the grace period are kept whatever refers to them: a merchant
// uploads a picture, then saves the product (possibly from an offline desktop's outbox, hours later).
struct ImageGcOptions
{
    QString shopId;                      // empty: every shop
    bool dryRun = false;                 // report what would go, change nothing
    qint64 graceMs = 24LL * 3600 * 1000; // keep images uploaded less than this long ago
};

struct ImageGcReport
{
    int shopsScanned = 0;
    int imagesDeleted = 0; // (dry run: would be deleted)
    int blobsDeleted = 0;
    qint64 bytesFreed = 0; // of the deleted blobs
    QStringList imageIds;  // the deleted images
};

// One write transaction per shop (on PostgreSQL the shop's row is locked first, as every command does), so a
// product.save either commits before the scan, and its images count as used, or waits until the collector is done.
Result<ImageGcReport> collectUnusedImages(const db::Database& database, qint64 nowMs, const ImageGcOptions& options);

} // namespace xd::server
