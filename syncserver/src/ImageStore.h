#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

struct PreparedImage;

// The shops' catalog images (table `images`, migration 6): ids that product `images`, SKU `image` and article
// `cover` hold, each with an original and two renditions stored as blobs. See docs/catalog.md, "Images".
class ImageStore
{
public:
    enum class Size { Original, Medium, Thumbnail };

    ImageStore(const db::Database& database, const Clock& clock);

    // The image of `shopId` with these bytes: created from `image` (blobs and row in one transaction), or the one the
    // shop uploaded before (the same bytes are the same image). Answers the API's image object.
    Result<QJsonObject> store(const QString& shopId, const QString& staffId, const PreparedImage& image) const;

    struct Blob
    {
        QString sha256;
        QString contentType;
        QByteArray data;
    };
    // NotFound unless `imageId` is an image of `shopId`.
    Result<Blob> blob(const QString& shopId, const QString& imageId, Size size) const;

    // OK when every id names an image of `shopId`; InvalidArgument naming the first that does not. Runs in the
    // caller's transaction (product.save).
    static Status checkOwned(const db::Database& database, const QString& shopId, const QStringList& imageIds);
    // The image ids a rich text (product description, article body) shows: RichText keeps only our image paths and
    // bare ids. A path of another shop is InvalidArgument: `images gc` looks at the shop's own rows only, so that
    // picture could vanish under this shop's page.
    static Result<QStringList> richTextImageIds(const QString& shopId, const QString& html);

    static Result<Size> parseSize(const QString& name); // "" or "original", "medium", "thumb"
    // Where the mini-program fetches an image: "/api/v1/shops/<shop>/images/<id>[?size=…]".
    static QString url(const QString& shopId, const QString& imageId, Size size = Size::Original);
    // {"id","url","mediumUrl","thumbnailUrl"} for an id held by a product or SKU; null for "".
    static QJsonValue reference(const QString& shopId, const QString& imageId);

private:
    const db::Database& m_database;
    const Clock& m_clock;
};

} // namespace xd::server
