#include "BlobStore.h"

#include "xiaodian/db/Database.h"

#include <QSqlQuery>

namespace xd::server {

Status storeBlob(const db::Database& database,
                 const QString& sha256,
                 const QString& contentType,
                 const QByteArray& data,
                 qint64 nowMs)
{
    auto stored = database.exec(QStringLiteral("INSERT INTO blobs (sha256, content_type, bytes, data, created_at_ms) "
                                               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"),
                                {sha256, contentType, qint64(data.size()), data, nowMs});
    if (!stored)
        return stored.error();
    return {};
}

HttpResponse immutableBlobResponse(const HttpRequest& request,
                                   const QString& sha256,
                                   const QString& contentType,
                                   const QByteArray& data)
{
    const QByteArray etag = '"' + sha256.toLatin1() + '"';
    HttpResponse response;
    response.contentType = contentType.toLatin1();
    response.addHeader("ETag", etag);
    response.addHeader("Cache-Control", "public, max-age=31536000, immutable");
    // If-None-Match may list several tags ("a", "b") or be "*".
    const QByteArray wanted = request.header("if-none-match");
    for (const QByteArray& tag : wanted.split(',')) {
        const QByteArray trimmed = tag.trimmed();
        if (trimmed == etag || trimmed == "W/" + etag || trimmed == "*") {
            response.status = 304;
            return response;
        }
    }
    response.body = data;
    return response;
}

} // namespace xd::server
