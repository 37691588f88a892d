#include "ImageApi.h"

#include "AdminRequest.h"
#include "BlobStore.h"
#include "HttpServer.h"
#include "ImageProcessor.h"
#include "ImageStore.h"
#include "Logging.h"
#include "MultipartForm.h"
#include "xiaodian/Id.h"

#include <QElapsedTimer>

namespace xd::server {

namespace {

const QString UploadOperation = QStringLiteral("image.upload");

} // namespace

Result<QByteArray> uploadedImageBytes(const HttpRequest& request)
{
    const QByteArray contentType = request.header("content-type");
    if (MultipartForm::isMultipart(contentType)) {
        auto form = MultipartForm::parse(contentType, request.body);
        if (!form)
            return form.error();
        const QList<MultipartPart> files = form->files();
        if (files.size() != 1)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("a multipart upload has exactly one file part, not %1").arg(files.size()));
        return files.first().data;
    }
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    if (!type.startsWith("image/") && type != "application/octet-stream")
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("send the image as the body (Content-Type image/…) or as multipart/form-data"));
    return request.body;
}

ImageApi::ImageApi(const AuthService& auth, const db::Database& database, const Clock& clock)
    : m_auth(auth), m_database(database), m_clock(clock)
{}

void ImageApi::registerRoutes(HttpServer& http)
{
    http.addRoute("POST",
                  QStringLiteral("/admin/v1/shops/{shopId}/images"),
                  requireStaff(m_auth, [this](const Actor& actor, const HttpRequest& request) {
                      const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
                      if (!Id::isValid(shopId))
                          return HttpResponse::error(
                              makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed shop id")));
                      if (shopId != actor.shopId)
                          return HttpResponse::error(makeError(ErrorCode::PermissionDenied,
                                                               QStringLiteral("you are signed in to another shop")));
                      if (!isAllowed(actor.role, UploadOperation))
                          return HttpResponse::error(makeError(
                              ErrorCode::PermissionDenied,
                              QStringLiteral("a %1 may not run '%2'").arg(roleName(actor.role), UploadOperation)));
                      auto bytes = uploadedImageBytes(request);
                      if (!bytes)
                          return HttpResponse::error(bytes.error());
                      QElapsedTimer timer;
                      timer.start();
                      auto prepared = prepareImage(*bytes);
                      if (!prepared)
                          return HttpResponse::error(prepared.error());
                      const qint64 preparedMs = timer.elapsed();
                      auto image = ImageStore(m_database, m_clock).store(shopId, actor.staffId, *prepared);
                      if (!image)
                          return HttpResponse::error(image.error());
                      qCInfo(lcServer).noquote()
                          << "image" << image->value(QStringLiteral("id")).toString() << "shop" << shopId
                          << QStringLiteral("%1x%2").arg(prepared->original.width).arg(prepared->original.height)
                          << QStringLiteral("decoded and scaled in %1ms").arg(preparedMs);
                      return HttpResponse::json(201, *image);
                  }));

    http.addRoute("GET", QStringLiteral("/api/v1/shops/{shopId}/images/{imageId}"), [this](const HttpRequest& request) {
        const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
        const QString imageId = request.pathParams.value(QStringLiteral("imageId"));
        if (!Id::isValid(shopId) || !Id::isValid(imageId))
            return HttpResponse::error(makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed id")));
        auto size = ImageStore::parseSize(request.query.queryItemValue(QStringLiteral("size")));
        if (!size)
            return HttpResponse::error(size.error());
        auto blob = ImageStore(m_database, m_clock).blob(shopId, imageId, *size);
        if (!blob)
            return HttpResponse::error(blob.error());
        return immutableBlobResponse(request, blob->sha256, blob->contentType, blob->data);
    });
}

} // namespace xd::server
