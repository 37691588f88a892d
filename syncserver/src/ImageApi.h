#pragma once

#include "HttpTypes.h"
#include "xiaodian/Result.h"

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class AuthService;
class HttpServer;

// The image bytes of an upload: the whole body when it is declared an image (or octet-stream), or the one file part
// of a multipart/form-data body. The declared type only chooses how to read the body; the bytes decide the rest.
// Also the customers' review photos (ReviewApi).
Result<QByteArray> uploadedImageBytes(const HttpRequest& request);

// Catalog images over HTTP (docs/openapi.yaml): the merchant's upload, POST /admin/v1/shops/{shopId}/images (the raw
// bytes or multipart/form-data as wx.uploadFile sends it), and the public GET /api/v1/shops/{shopId}/images/{imageId}
// in three sizes with immutable caching.
//
// The upload decodes and scales on the server thread: our HttpServer adapter answers every request synchronously
// (handlers return an HttpResponse), so other requests wait meanwhile. docs/catalog.md has the measured cost.
class ImageApi
{
public:
    ImageApi(const AuthService& auth, const db::Database& database, const Clock& clock);
    void registerRoutes(HttpServer& http);

private:
    const AuthService& m_auth;
    const db::Database& m_database;
    const Clock& m_clock;
};

} // namespace xd::server
