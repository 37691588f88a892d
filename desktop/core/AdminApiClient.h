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

// The merchant REST calls the desktop makes outside sync: sign in, sign out, photo upload (photos are too large for
// a sync mutation). Errors follow the API body {"error":{"code","message"}}: Unauthenticated (401), RateLimited
// (429), InvalidArgument, …; a server that cannot be reached is Unavailable.
// Callbacks run on this object's thread from the event loop; none runs after this object is destroyed.
class AdminApiClient final : public QObject
{
    Q_OBJECT

public:
    explicit AdminApiClient(QObject* parent = nullptr);
    ~AdminApiClient() override;
    Q_DISABLE_COPY_MOVE(AdminApiClient)

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

private:
    using ReplyHandler = std::function<void(Result<QJsonObject>)>;
    void post(const QUrl& url,
              const QString& token,
              const QByteArray& body,
              const QString& contentType,
              ReplyHandler handler);
    static QUrl endpoint(const QUrl& serverUrl, const QString& path);

    QNetworkAccessManager* m_network;
    int m_timeoutMs = 30'000;
};

} // namespace xd
