#include "ImageStore.h"

#include "BlobStore.h"
#include "ImageProcessor.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/RichText.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QSet>
#include <QSqlQuery>

namespace xd::server {

namespace {

const QString ImageColumns =
    QStringLiteral("id, content_type, width, height, bytes, medium_width, medium_height, thumb_width, thumb_height");

QJsonObject describe(const QString& shopId, const QSqlQuery& row)
{
    const QString id = row.value(0).toString();
    QJsonObject image = ImageStore::reference(shopId, id).toObject();
    image.insert(QStringLiteral("contentType"), row.value(1).toString());
    image.insert(QStringLiteral("width"), row.value(2).toInt());
    image.insert(QStringLiteral("height"), row.value(3).toInt());
    image.insert(QStringLiteral("bytes"), row.value(4).toLongLong());
    image.insert(
        QStringLiteral("medium"),
        QJsonObject{{QStringLiteral("width"), row.value(5).toInt()}, {QStringLiteral("height"), row.value(6).toInt()}});
    image.insert(
        QStringLiteral("thumbnail"),
        QJsonObject{{QStringLiteral("width"), row.value(7).toInt()}, {QStringLiteral("height"), row.value(8).toInt()}});
    return image;
}

Result<QJsonObject> existing(const db::Database& database, const QString& shopId, const QString& sha256)
{
    auto row =
        database.exec(QStringLiteral("SELECT %1 FROM images WHERE shop_id = ? AND blob_sha256 = ?").arg(ImageColumns),
                      {shopId, sha256});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such image"));
    return describe(shopId, *row);
}

} // namespace

ImageStore::ImageStore(const db::Database& database, const Clock& clock) : m_database(database), m_clock(clock) {}

Result<QJsonObject> ImageStore::store(const QString& shopId, const QString& staffId, const PreparedImage& image) const
{
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    const qint64 now = m_clock.nowMs();
    // The same bytes again (a retry, the same file picked for another product) are the shop's earlier image. Its
    // grace period starts again: the collector must not take it before the product that wants it is saved.
    auto renewed =
        m_database.exec(QStringLiteral("UPDATE images SET last_upload_at_ms = ? WHERE shop_id = ? AND blob_sha256 = ?"),
                        {now, shopId, image.original.sha256});
    if (!renewed)
        return renewed.error();
    if (renewed->numRowsAffected() == 0) {
        for (const ImageRendition* rendition : {&image.original, &image.medium, &image.thumbnail}) {
            if (const Status stored =
                    storeBlob(m_database, rendition->sha256, rendition->contentType, rendition->data, now);
                !stored)
                return stored.error();
        }
        // Two uploads of the same bytes at once (PostgreSQL): the second insert does nothing; both answer one row.
        auto inserted = m_database.exec(
            QStringLiteral(
                "INSERT INTO images (id, shop_id, blob_sha256, content_type, width, height, bytes, medium_sha256, "
                "medium_width, medium_height, thumb_sha256, thumb_width, thumb_height, uploaded_by, created_at_ms, "
                "last_upload_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (shop_id, blob_sha256) DO NOTHING"),
            {Id::create(m_clock),
             shopId,
             image.original.sha256,
             image.original.contentType,
             image.original.width,
             image.original.height,
             qint64(image.original.data.size()),
             image.medium.sha256,
             image.medium.width,
             image.medium.height,
             image.thumbnail.sha256,
             image.thumbnail.width,
             image.thumbnail.height,
             staffId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(staffId),
             now,
             now});
        if (!inserted)
            return inserted.error();
    }
    auto after = existing(m_database, shopId, image.original.sha256);
    if (!after)
        return after.error();
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    return after;
}

Result<ImageStore::Blob> ImageStore::blob(const QString& shopId, const QString& imageId, Size size) const
{
    const QString column = size == Size::Original ? QStringLiteral("blob_sha256")
                           : size == Size::Medium ? QStringLiteral("medium_sha256")
                                                  : QStringLiteral("thumb_sha256");
    auto row = m_database.exec(QStringLiteral("SELECT b.sha256, b.content_type, b.data FROM images i "
                                              "JOIN blobs b ON b.sha256 = i.%1 WHERE i.id = ? AND i.shop_id = ?")
                                   .arg(column),
                               {imageId, shopId});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such image"));
    return Blob{row->value(0).toString(), row->value(1).toString(), row->value(2).toByteArray()};
}

Result<QStringList> ImageStore::richTextImageIds(const QString& shopId, const QString& html)
{
    QStringList ids;
    const QString ourImages = QStringLiteral("/api/v1/shops/");
    for (const QString& source : RichText::imageRefs(html)) {
        if (!source.startsWith(ourImages)) {
            ids << source; // a bare image id
            continue;
        }
        // "/api/v1/shops/<shop>/images/<id>[?size=…]": the form RichText keeps.
        const QStringList parts = source.section(QLatin1Char('?'), 0, 0).split(QLatin1Char('/'));
        if (parts.size() != 7 || parts.at(4) != shopId)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("the text shows an image of another shop: upload it to this shop first"));
        ids << parts.at(6);
    }
    return ids;
}

Status ImageStore::checkOwned(const db::Database& database, const QString& shopId, const QStringList& imageIds)
{
    QStringList wanted;
    for (const QString& id : imageIds) {
        if (!id.isEmpty() && !wanted.contains(id))
            wanted << id;
    }
    if (wanted.isEmpty())
        return {};
    QVariantList values{shopId};
    for (const QString& id : std::as_const(wanted))
        values << id;
    auto rows = database.exec(QStringLiteral("SELECT id FROM images WHERE shop_id = ? AND id IN (%1)")
                                  .arg(QStringList(wanted.size(), QStringLiteral("?")).join(QLatin1Char(','))),
                              values);
    if (!rows)
        return rows.error();
    QSet<QString> found;
    while (rows->next())
        found.insert(rows->value(0).toString());
    for (const QString& id : std::as_const(wanted)) {
        if (!found.contains(id))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 is not an image of this shop: upload it first").arg(id));
    }
    return {};
}

Result<ImageStore::Size> ImageStore::parseSize(const QString& name)
{
    if (name.isEmpty() || name == QLatin1String("original"))
        return Size::Original;
    if (name == QLatin1String("medium"))
        return Size::Medium;
    if (name == QLatin1String("thumb"))
        return Size::Thumbnail;
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("size is original, medium or thumb"));
}

QString ImageStore::url(const QString& shopId, const QString& imageId, Size size)
{
    const QString path = QStringLiteral("/api/v1/shops/%1/images/%2").arg(shopId, imageId);
    switch (size) {
    case Size::Original:
        return path;
    case Size::Medium:
        return path + QStringLiteral("?size=medium");
    case Size::Thumbnail:
        return path + QStringLiteral("?size=thumb");
    }
    return path;
}

QJsonValue ImageStore::reference(const QString& shopId, const QString& imageId)
{
    // Products saved before images were ids (migration 6) may hold other text: shown as no image.
    if (!Id::isValid(imageId))
        return QJsonValue();
    return QJsonObject{{QStringLiteral("id"), imageId},
                       {QStringLiteral("url"), url(shopId, imageId)},
                       {QStringLiteral("mediumUrl"), url(shopId, imageId, Size::Medium)},
                       {QStringLiteral("thumbnailUrl"), url(shopId, imageId, Size::Thumbnail)}};
}

} // namespace xd::server
