#include "AccountSession.h"

#include <QCryptographicHash>

namespace xd {

QString AccountSession::accountId() const
{
    return accountId(serverUrl, shopId, staffId);
}

QString AccountSession::accountId(const QUrl& serverUrl, const QString& shopId, const QString& staffId)
{
    // "HTTPS://Example.com:443/" and "https://example.com" are the same server.
    QUrl url = serverUrl.adjusted(QUrl::NormalizePathSegments | QUrl::StripTrailingSlash | QUrl::RemoveQuery |
                                  QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    if ((url.scheme() == QLatin1String("https") && url.port() == 443) ||
        (url.scheme() == QLatin1String("http") && url.port() == 80))
        url.setPort(-1);
    const QString server = url.toString(QUrl::FullyEncoded).toLower();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(server.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(shopId.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(staffId.toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(32));
}

} // namespace xd
