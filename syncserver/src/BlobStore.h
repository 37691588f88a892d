#pragma once

#include "HttpTypes.h"
#include "xiaodian/Result.h"

#include <QByteArray>
#include <QString>

namespace xd::db {
class Database;
}

namespace xd::server {

// Uploaded files live in `blobs`, addressed by the SHA-256 of their bytes: the same bytes are stored once, whoever
// uploads them (shop photos, catalog images and their renditions). A blob is deleted only by the image collector
// (ImageCollector), and only when no photo and no image of any shop names it.

// Inserts the blob unless it is there already (same key, same bytes). Runs in the caller's transaction.
Status storeBlob(const db::Database& database,
                 const QString& sha256,
                 const QString& contentType,
                 const QByteArray& data,
                 qint64 nowMs);

// The answer for a GET of a blob: its key never names other bytes, so the ETag is the key and clients and proxies may
// keep it for a year; If-None-Match with that ETag is 304 without a body.
HttpResponse immutableBlobResponse(const HttpRequest& request,
                                   const QString& sha256,
                                   const QString& contentType,
                                   const QByteArray& data);

} // namespace xd::server
