#pragma once

#include "AccountSession.h"
#include "xiaodian/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace xd {

// A catalog image the server keeps (POST /admin/v1/shops/{shopId}/images). `id` is what product `images` and SKU
// `image` hold; the URLs are paths on the server ("/api/v1/shops/…/images/…"), the same for every size request.
struct UploadedImage
{
    QString id;
    QString url;          // the original
    QString thumbnailUrl; // at most 240 px on the longer side (lists)
    QString mediumUrl;    // at most 750 px (product detail)
    QString contentType;  // decided by the server from the bytes
    int width = 0;
    int height = 0;
    qint64 bytes = 0;
};

// The merchant REST calls the desktop makes outside sync: sign in, sign out, photo and image uploads (files are too
// large for a sync mutation). Errors follow the API body {"error":{"code","message"}}: Unauthenticated (401),
// RateLimited (429), InvalidArgument, …; a server that cannot be reached is Unavailable.
// Callbacks run on this object's thread from the event loop; none runs after this object is destroyed.
class AdminApiClient final : public QObject
{
    Q_OBJECT

public:
    explicit AdminApiClient(QObject* parent = nullptr);
    ~AdminApiClient() override;
    Q_DISABLE_COPY_MOVE(AdminApiClient)

    // The server's limit for one image (docs/catalog.md): larger files are refused before they are sent.
    static constexpr qint64 MaxImageUploadBytes = 5 * 1024 * 1024;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // POST /admin/v1/auth/login {"shop","login","password"}.
    void login(const QUrl& serverUrl,
               const QString& shop,
               const QString& login,
               const QString& password,
               std::function<void(Result<AccountSession>)> done);
    // POST /admin/v1/auth/logout: ends the token on the server.
    void logout(const AccountSession& session, std::function<void(Status)> done);
    // POST /admin/v1/shop/photos with the image bytes as the body; returns the shop's new version. The photo row
    // itself arrives through sync (the upload pokes every desktop of the shop).
    void uploadPhoto(const AccountSession& session,
                     const QByteArray& image,
                     const QString& contentType,
                     std::function<void(Result<qint64>)> done);
    // POST /admin/v1/shops/{shopId}/images with the bytes as the body. The server judges the type by content (JPEG
    // or PNG), so any file may be offered: a bad one comes back as InvalidArgument with the server's reason. The same
    // bytes uploaded twice give the same image.
    void uploadImage(const AccountSession& session,
                     const QByteArray& image,
                     std::function<void(Result<UploadedImage>)> done);
    // The same for a file; a file that cannot be read is an Io error (no request is made).
    void uploadImageFile(const AccountSession& session,
                         const QString& filePath,
                         std::function<void(Result<UploadedImage>)> done);
    // GET /admin/v1/shops/{shopId}/wechat (owner only): what is configured of the shop's mini-program and WeChat Pay
    // credentials: appId, mchId, the serials and booleans appSecretSet, mchPrivateKeySet, apiV3KeySet,
    // platformPublicKeySet, loginConfigured, payConfigured. Never a secret (docs/customers.md).
    void wechatCredentials(const AccountSession& session, std::function<void(Result<QJsonObject>)> done);
    // PUT the same path with any subset of appId, appSecret, mchId, mchSerialNo, mchPrivateKeyPem, apiV3Key,
    // platformSerialNo, platformPublicKeyPem ("" clears one); answers like GET. Online only: secrets never go into
    // the outbox or the cache.
    void updateWechatCredentials(const AccountSession& session,
                                 const QJsonObject& changes,
                                 std::function<void(Result<QJsonObject>)> done);
    // Where an image id held by a synced product (or SKU, article) is shown: `size` is "thumb" (≤ 240 px), "medium"
    // (≤ 750 px) or "original". Public and cached for a year (the bytes of an id never change).
    static QUrl imageUrl(const QUrl& serverUrl,
                         const QString& shopId,
                         const QString& imageId,
                         const QString& size = QStringLiteral("thumb"));

private:
    using ReplyHandler = std::function<void(Result<QJsonObject>)>;
    void post(const QUrl& url,
              const QString& token,
              const QByteArray& body,
              const QString& contentType,
              ReplyHandler handler);
    // Any method ("GET", "PUT", …), with the same reply handling as post().
    void send(const QByteArray& method,
              const QUrl& url,
              const QString& token,
              const QByteArray& body,
              const QString& contentType,
              ReplyHandler handler);
    static QUrl endpoint(const QUrl& serverUrl, const QString& path);

    QNetworkAccessManager* m_network;
    int m_timeoutMs = 30'000;
};

} // namespace xd
