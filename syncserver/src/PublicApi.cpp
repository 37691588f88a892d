#include "PublicApi.h"

#include "BlobStore.h"
#include "EntityReader.h"
#include "HttpServer.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace xd::server {

namespace {

HttpResponse notFound(const QString& what)
{
    return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such %1").arg(what)));
}

// "31.230416" from 31230416: exact decimal text, no floating point on the way.
QString degrees(qint64 e6)
{
    const bool negative = e6 < 0;
    const qint64 magnitude = negative ? -e6 : e6;
    return QStringLiteral("%1%2.%3")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(magnitude / 1'000'000)
        .arg(magnitude % 1'000'000, 6, 10, QLatin1Char('0'));
}

} // namespace

PublicApi::PublicApi(const db::Database& database, const EntityReader& reader) : m_database(database), m_reader(reader)
{}

void PublicApi::registerRoutes(HttpServer& http)
{
    http.addRoute("GET", QStringLiteral("/api/v1/shops/{shopId}"), [this](const HttpRequest& request) {
        const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
        if (!Id::isValid(shopId))
            return HttpResponse::error(makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed shop id")));
        auto shop = m_reader.shop(shopId);
        if (!shop)
            return shop.error().code == ErrorCode::NotFound ? notFound(QStringLiteral("shop"))
                                                            : HttpResponse::error(shop.error());
        auto photos = m_reader.livePhotos(shopId);
        if (!photos)
            return HttpResponse::error(photos.error());
        QJsonArray photoList;
        for (const QJsonObject& photo : *photos) {
            photoList.append(QJsonObject{{QStringLiteral("id"), photo.value(QStringLiteral("id"))},
                                         {QStringLiteral("url"), photo.value(QStringLiteral("url"))},
                                         {QStringLiteral("width"), photo.value(QStringLiteral("width"))},
                                         {QStringLiteral("height"), photo.value(QStringLiteral("height"))}});
        }
        const QJsonObject service = shop->value(QStringLiteral("customerService")).toObject();
        QJsonObject location; // shaped for wx.openLocation
        if (!shop->value(QStringLiteral("latitudeE6")).isNull()) {
            const qint64 lat = shop->value(QStringLiteral("latitudeE6")).toInteger();
            const qint64 lng = shop->value(QStringLiteral("longitudeE6")).toInteger();
            location = QJsonObject{{QStringLiteral("latitudeE6"), lat},
                                   {QStringLiteral("longitudeE6"), lng},
                                   {QStringLiteral("latitude"), degrees(lat)},
                                   {QStringLiteral("longitude"), degrees(lng)},
                                   {QStringLiteral("coordinateSystem"), QStringLiteral("gcj02")},
                                   {QStringLiteral("name"), shop->value(QStringLiteral("name"))},
                                   {QStringLiteral("address"), shop->value(QStringLiteral("address"))}};
        }
        HttpResponse response = HttpResponse::json(
            200,
            QJsonObject{{QStringLiteral("id"), shopId},
                        {QStringLiteral("name"), shop->value(QStringLiteral("name"))},
                        {QStringLiteral("intro"), shop->value(QStringLiteral("intro"))},
                        {QStringLiteral("serviceItems"), shop->value(QStringLiteral("serviceItems"))},
                        {QStringLiteral("openingHours"), shop->value(QStringLiteral("openingHours"))},
                        {QStringLiteral("address"), shop->value(QStringLiteral("address"))},
                        {QStringLiteral("location"), location.isEmpty() ? QJsonValue() : QJsonValue(location)},
                        {QStringLiteral("phones"), shop->value(QStringLiteral("phones"))},
                        {QStringLiteral("customerService"),
                         QJsonObject{{QStringLiteral("enabled"), service.value(QStringLiteral("enabled"))},
                                     {QStringLiteral("greeting"), service.value(QStringLiteral("greeting"))}}},
                        {QStringLiteral("photos"), photoList}});
        response.addHeader("Cache-Control", "public, max-age=60");
        return response;
    });

    http.addRoute("GET", QStringLiteral("/api/v1/shops/{shopId}/photos/{photoId}"), [this](const HttpRequest& request) {
        const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
        const QString photoId = request.pathParams.value(QStringLiteral("photoId"));
        if (!Id::isValid(shopId) || !Id::isValid(photoId))
            return HttpResponse::error(makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed id")));
        auto photo = m_database.exec(
            QStringLiteral(
                "SELECT b.sha256, b.content_type, b.data FROM shop_photos p JOIN blobs b ON b.sha256 = p.blob_sha256 "
                "WHERE p.id = ? AND p.shop_id = ? AND p.deleted = 0"),
            {photoId, shopId});
        if (!photo)
            return HttpResponse::error(photo.error());
        if (!photo->next())
            return notFound(QStringLiteral("photo"));
        // A photo id always names the same bytes, so clients may keep it forever.
        return immutableBlobResponse(
            request, photo->value(0).toString(), photo->value(1).toString(), photo->value(2).toByteArray());
    });
}

} // namespace xd::server
