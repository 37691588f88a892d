#include "ImageThumbnailLoader.h"

#include "AdminApiClient.h"
#include "xiaodian/Id.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>

namespace xd {

ImageThumbnailLoader::ImageThumbnailLoader(QObject* parent) : QObject(parent) {}

ImageThumbnailLoader::~ImageThumbnailLoader() = default;

void ImageThumbnailLoader::setImageLocation(const QUrl& serverUrl, const QString& shopId)
{
    // Another shop's images share no ids with this one's, but a cached picture must never show for the wrong shop.
    if (serverUrl != m_serverUrl || shopId != m_shopId) {
        m_cache.clear();
        m_inFlight.clear(); // answers still on their way are dropped when they arrive
    }
    m_serverUrl = serverUrl;
    m_shopId = shopId;
}

bool ImageThumbnailLoader::hasLocation() const
{
    return m_serverUrl.isValid() && !m_serverUrl.isEmpty() && !m_shopId.isEmpty();
}

QPixmap ImageThumbnailLoader::thumbnail(const QString& imageId)
{
    if (const QPixmap* cached = m_cache.object(imageId))
        return *cached;
    if (!hasLocation() || m_inFlight.contains(imageId))
        return QPixmap();
    if (!Id::isValid(imageId)) {
        // Reported after the caller has its placeholder in place, as a failed fetch would be.
        QTimer::singleShot(0, this, [this, imageId] { emit failed(imageId); });
        return QPixmap();
    }
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    QNetworkRequest request(AdminApiClient::imageUrl(m_serverUrl, m_shopId, imageId, QStringLiteral("thumb")));
    request.setTransferTimeout(15000);
    QNetworkReply* reply = m_network->get(request);
    m_inFlight.insert(imageId);
    const QUrl serverUrl = m_serverUrl;
    const QString shopId = m_shopId;
    connect(reply, &QNetworkReply::finished, this, [this, reply, imageId, serverUrl, shopId] {
        reply->deleteLater();
        m_inFlight.remove(imageId);
        if (serverUrl != m_serverUrl || shopId != m_shopId)
            return; // signed out or into another shop meanwhile: the picture is not this location's
        QPixmap picture;
        if (reply->error() != QNetworkReply::NoError || !picture.loadFromData(reply->readAll())) {
            emit failed(imageId);
            return;
        }
        const qint64 bytes = qint64(picture.width()) * picture.height() * std::max(1, picture.depth() / 8);
        m_cache.insert(imageId, new QPixmap(picture), qsizetype(std::max<qint64>(1, bytes / 1024)));
        emit loaded(imageId, picture);
    });
    return QPixmap();
}

} // namespace xd
