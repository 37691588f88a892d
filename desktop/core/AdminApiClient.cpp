#include "AdminApiClient.h"

#include "xiaodian/Json.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <optional>

namespace xd {

namespace {

ErrorCode codeFromName(const QString& name, int httpStatus)
{
    for (int i = 0; i <= int(ErrorCode::Internal); ++i) {
        const auto code = ErrorCode(i);
        if (errorCodeName(code) == name)
            return code;
    }
    if (httpStatus == 401)
        return ErrorCode::Unauthenticated;
    if (httpStatus == 403)
        return ErrorCode::PermissionDenied;
    if (httpStatus == 429)
        return ErrorCode::RateLimited;
    if (httpStatus == 404)
        return ErrorCode::NotFound;
    if (httpStatus >= 400 && httpStatus < 500)
        return ErrorCode::InvalidArgument;
    return ErrorCode::Unavailable;
}

} // namespace

AdminApiClient::AdminApiClient(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

AdminApiClient::~AdminApiClient() = default;

QUrl AdminApiClient::endpoint(const QUrl& serverUrl, const QString& path)
{
    QUrl url = serverUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

void AdminApiClient::post(
    const QUrl& url, const QString& token, const QByteArray& body, const QString& contentType, ReplyHandler handler)
{
    send("POST", url, token, body, contentType, std::move(handler));
}

void AdminApiClient::send(const QByteArray& method,
                          const QUrl& url,
                          const QString& token,
                          const QByteArray& body,
                          const QString& contentType,
                          ReplyHandler handler)
{
    QNetworkRequest request(url);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setRawHeader("Accept", "application/json");
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(m_timeoutMs);
    // Redirects could carry the password or token to another host: refuse them.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply* reply =
        method == "GET" ? m_network->get(request) : m_network->sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, this, [reply, handler = std::move(handler)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        if (status == 0) {
            return handler(
                makeError(ErrorCode::Unavailable, tr("The server cannot be reached: %1").arg(reply->errorString())));
        }
        auto object = Json::parseObject(bytes);
        if (status >= 200 && status < 300) {
            if (!object)
                return handler(makeError(ErrorCode::Internal, tr("The server sent an unreadable answer.")));
            return handler(*object);
        }
        const QJsonObject error = object ? object->value(QStringLiteral("error")).toObject() : QJsonObject();
        const QString message = error.value(QStringLiteral("message")).toString();
        handler(makeError(codeFromName(error.value(QStringLiteral("code")).toString(), status),
                          message.isEmpty() ? tr("The server answered with HTTP status %1.").arg(status) : message));
    });
}

void AdminApiClient::login(const QUrl& serverUrl,
                           const QString& shop,
                           const QString& login,
                           const QString& password,
                           std::function<void(Result<AccountSession>)> done)
{
    const QByteArray body = Json::toBytes(QJsonObject{
        {QStringLiteral("shop"), shop}, {QStringLiteral("login"), login}, {QStringLiteral("password"), password}});
    post(endpoint(serverUrl, QStringLiteral("/admin/v1/auth/login")),
         QString(),
         body,
         QStringLiteral("application/json"),
         [serverUrl, done = std::move(done)](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             AccountSession session;
             session.serverUrl = serverUrl;
             session.token = answer->value(QStringLiteral("token")).toString();
             session.expiresAtMs = answer->value(QStringLiteral("expiresAtMs")).toInteger();
             session.shopId = answer->value(QStringLiteral("shopId")).toString();
             session.staffId = answer->value(QStringLiteral("staffId")).toString();
             session.displayName = answer->value(QStringLiteral("displayName")).toString();
             if (session.token.isEmpty() || session.shopId.isEmpty() || session.staffId.isEmpty() ||
                 !parseRole(answer->value(QStringLiteral("role")).toString(), &session.role))
                 return done(makeError(ErrorCode::Internal, tr("The server sent an incomplete sign-in answer.")));
             done(session);
         });
}

void AdminApiClient::logout(const AccountSession& session, std::function<void(Status)> done)
{
    post(endpoint(session.serverUrl, QStringLiteral("/admin/v1/auth/logout")),
         session.token,
         QByteArray("{}"),
         QStringLiteral("application/json"),
         [done = std::move(done)](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             done({});
         });
}

void AdminApiClient::uploadPhoto(const AccountSession& session,
                                 const QByteArray& image,
                                 const QString& contentType,
                                 std::function<void(Result<qint64>)> done)
{
    post(endpoint(session.serverUrl, QStringLiteral("/admin/v1/shop/photos")),
         session.token,
         image,
         contentType,
         [done = std::move(done)](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             done(answer->value(QStringLiteral("version")).toInteger());
         });
}

void AdminApiClient::uploadImage(const AccountSession& session,
                                 const QByteArray& image,
                                 std::function<void(Result<UploadedImage>)> done)
{
    // The declared type is a courtesy: the server decides by the bytes, and refuses what is not JPEG or PNG.
    const QString contentType = image.startsWith("\xFF\xD8\xFF")        ? QStringLiteral("image/jpeg")
                                : image.startsWith("\x89PNG\r\n\x1A\n") ? QStringLiteral("image/png")
                                                                        : QStringLiteral("application/octet-stream");
    post(endpoint(session.serverUrl, QStringLiteral("/admin/v1/shops/%1/images").arg(session.shopId)),
         session.token,
         image,
         contentType,
         [done = std::move(done)](Result<QJsonObject> answer) {
             if (!answer)
                 return done(answer.error());
             UploadedImage uploaded;
             uploaded.id = answer->value(QStringLiteral("id")).toString();
             uploaded.url = answer->value(QStringLiteral("url")).toString();
             uploaded.thumbnailUrl = answer->value(QStringLiteral("thumbnailUrl")).toString();
             uploaded.mediumUrl = answer->value(QStringLiteral("mediumUrl")).toString();
             uploaded.contentType = answer->value(QStringLiteral("contentType")).toString();
             uploaded.width = answer->value(QStringLiteral("width")).toInt();
             uploaded.height = answer->value(QStringLiteral("height")).toInt();
             uploaded.bytes = answer->value(QStringLiteral("bytes")).toInteger();
             if (uploaded.id.isEmpty() || uploaded.url.isEmpty())
                 return done(makeError(ErrorCode::Internal, tr("The server sent an incomplete upload answer.")));
             done(uploaded);
         });
}

void AdminApiClient::wechatCredentials(const AccountSession& session, std::function<void(Result<QJsonObject>)> done)
{
    send("GET",
         endpoint(session.serverUrl, QStringLiteral("/admin/v1/shops/%1/wechat").arg(session.shopId)),
         session.token,
         QByteArray(),
         QString(),
         std::move(done));
}

void AdminApiClient::updateWechatCredentials(const AccountSession& session,
                                             const QJsonObject& changes,
                                             std::function<void(Result<QJsonObject>)> done)
{
    send("PUT",
         endpoint(session.serverUrl, QStringLiteral("/admin/v1/shops/%1/wechat").arg(session.shopId)),
         session.token,
         Json::toBytes(changes),
         QStringLiteral("application/json"),
         std::move(done));
}

QUrl AdminApiClient::imageUrl(const QUrl& serverUrl, const QString& shopId, const QString& imageId, const QString& size)
{
    QUrl url = endpoint(serverUrl, QStringLiteral("/api/v1/shops/%1/images/%2").arg(shopId, imageId));
    if (size != QLatin1String("original"))
        url.setQuery(QStringLiteral("size=%1").arg(size));
    return url;
}

void AdminApiClient::uploadImageFile(const AccountSession& session,
                                     const QString& filePath,
                                     std::function<void(Result<UploadedImage>)> done)
{
    QFile file(filePath);
    std::optional<Error> problem;
    if (!file.open(QIODevice::ReadOnly))
        problem = makeError(ErrorCode::Io, tr("\"%1\" cannot be read: %2").arg(filePath, file.errorString()));
    else if (file.size() > MaxImageUploadBytes) // the server's limit: no need to send what it will refuse
        problem = makeError(ErrorCode::InvalidArgument,
                            tr("An image is at most %1 MiB.").arg(MaxImageUploadBytes / (1024 * 1024)));
    if (problem) {
        // Callbacks come from the event loop, as for a request that failed.
        QMetaObject::invokeMethod(
            this, [done = std::move(done), error = *problem] { done(error); }, Qt::QueuedConnection);
        return;
    }
    uploadImage(session, file.readAll(), std::move(done));
}

} // namespace xd
