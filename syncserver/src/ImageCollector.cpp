#include "ImageCollector.h"

#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

namespace xd::server {

namespace {

// EVERY place that may name a catalog image: a text column of a shop's live rows. Any image id found anywhere in such
// a text (a JSON list of ids, a bare id, or an <img src="/api/v1/shops/…/images/<id>?size=…"> inside rich text) keeps
// that image. Reading ids out of the text, rather than parsing each format, errs on the safe side: an id that merely
// looks like a reference keeps an image, never the other way round. A new table that holds image ids or image URLs
// must be added here, or the collector will delete its pictures.
struct ReferenceSource
{
    const char* table;
    const char* column;
};
constexpr ReferenceSource ReferenceSources[] = {
    {"products", "images"},      // the product's pictures, a JSON list of ids
    {"products", "description"}, // rich text; may show our image URLs
    {"product_skus", "image"},   // a SKU's picture, an id or ""
    {"categories", "icon"},      // free text today; an image id once the desktop uploads icons
    {"articles", "cover"},       // an id or "" (articles, migration 7)
    {"articles", "body"},        // sanitized HTML with <img src> of our image URLs
    {"reviews", "images"},       // a customer's review photos, a JSON list of ids (hidden reviews keep theirs)
};
// Shop photos (shop_photos) are not images; they name blobs directly, and a blob they name is never deleted.

const QRegularExpression& idPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

Result<QSet<QString>> referencedIds(const db::Database& database, const QString& shopId)
{
    QSet<QString> ids;
    for (const ReferenceSource& source : ReferenceSources) {
        const QString table = QString::fromLatin1(source.table);
        auto rows = database.exec(QStringLiteral("SELECT %1 FROM %2 WHERE shop_id = ? AND deleted = 0 AND %1 <> ''")
                                      .arg(QString::fromLatin1(source.column), table),
                                  {shopId});
        if (!rows)
            return rows.error();
        while (rows->next()) {
            const QString text = rows->value(0).toString();
            for (auto match = idPattern().globalMatch(text); match.hasNext();)
                ids.insert(match.next().captured(0).toLower());
        }
    }
    return ids;
}

Result<QStringList> shopsToScan(const db::Database& database, const QString& shopId)
{
    auto rows = shopId.isEmpty() ? database.exec(QStringLiteral("SELECT id FROM shops ORDER BY id"))
                                 : database.exec(QStringLiteral("SELECT id FROM shops WHERE id = ?"), {shopId});
    if (!rows)
        return rows.error();
    QStringList shops;
    while (rows->next())
        shops << rows->value(0).toString();
    if (!shopId.isEmpty() && shops.isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("no shop with id %1").arg(shopId));
    return shops;
}

// Deletes the blob unless an image (of any shop) or a shop photo still names it; adds what it freed to `report`.
Status dropBlobIfUnused(const db::Database& database, const QString& sha256, ImageGcReport& report)
{
    auto dropped = database.exec(
        QStringLiteral("DELETE FROM blobs WHERE sha256 = ? "
                       "AND NOT EXISTS (SELECT 1 FROM images WHERE blob_sha256 = ?) "
                       "AND NOT EXISTS (SELECT 1 FROM images WHERE medium_sha256 = ?) "
                       "AND NOT EXISTS (SELECT 1 FROM images WHERE thumb_sha256 = ?) "
                       "AND NOT EXISTS (SELECT 1 FROM shop_photos WHERE blob_sha256 = ?) RETURNING bytes"),
        {sha256, sha256, sha256, sha256, sha256});
    if (!dropped)
        return dropped.error();
    while (dropped->next()) {
        ++report.blobsDeleted;
        report.bytesFreed += dropped->value(0).toLongLong();
    }
    return {};
}

Status collectShop(const db::Database& database,
                   const QString& shopId,
                   qint64 nowMs,
                   const ImageGcOptions& options,
                   ImageGcReport& report)
{
    auto tx = db::Transaction::begin(database);
    if (!tx)
        return tx.error();
    if (database.engine() == db::Engine::Postgres) {
        auto locked = database.exec(QStringLiteral("SELECT id FROM shops WHERE id = ? FOR UPDATE"), {shopId});
        if (!locked)
            return locked.error();
    }
    auto candidates = database.exec(QStringLiteral("SELECT id, blob_sha256, medium_sha256, thumb_sha256 FROM images "
                                                   "WHERE shop_id = ? AND last_upload_at_ms <= ? ORDER BY id"),
                                    {shopId, nowMs - options.graceMs});
    if (!candidates)
        return candidates.error();
    QList<QStringList> old;
    while (candidates->next())
        old.append({candidates->value(0).toString(),
                    candidates->value(1).toString(),
                    candidates->value(2).toString(),
                    candidates->value(3).toString()});
    ++report.shopsScanned;
    if (old.isEmpty())
        return {};
    auto referenced = referencedIds(database, shopId);
    if (!referenced)
        return referenced.error();

    QStringList blobs;
    for (const QStringList& image : std::as_const(old)) {
        if (referenced->contains(image.at(0)))
            continue;
        // The age again: on PostgreSQL an upload of the same bytes may have renewed it since the scan.
        auto deleted =
            database.exec(QStringLiteral("DELETE FROM images WHERE id = ? AND shop_id = ? AND last_upload_at_ms <= ?"),
                          {image.at(0), shopId, nowMs - options.graceMs});
        if (!deleted)
            return deleted.error();
        if (deleted->numRowsAffected() != 1)
            continue;
        ++report.imagesDeleted;
        report.imageIds << image.at(0);
        for (int i = 1; i < image.size(); ++i) {
            if (!blobs.contains(image.at(i)))
                blobs << image.at(i);
        }
    }
    for (const QString& sha256 : std::as_const(blobs)) {
        if (const Status dropped = dropBlobIfUnused(database, sha256, report); !dropped)
            return dropped;
    }
    // A dry run does exactly the same inside the transaction, then rolls it back: its report cannot differ from a
    // real run's at the same moment.
    if (options.dryRun)
        return {};
    return tx->commit();
}

} // namespace

Result<ImageGcReport> collectUnusedImages(const db::Database& database, qint64 nowMs, const ImageGcOptions& options)
{
    if (options.graceMs < 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the grace period cannot be negative"));
    auto shops = shopsToScan(database, options.shopId);
    if (!shops)
        return shops.error();
    ImageGcReport report;
    for (const QString& shopId : std::as_const(*shops)) {
        if (const Status done = collectShop(database, shopId, nowMs, options, report); !done)
            return done.error();
    }
    return report;
}

} // namespace xd::server
