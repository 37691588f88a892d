#pragma once

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;

namespace xd {

// Fetches the thumbnails (?size=thumb, at most 240 px) of a shop's images from the server's public image route,
// asynchronously, and keeps the decoded pictures in memory for as long as it lives (bounded; the least recently used
// go first). Failures are not remembered: the next request tries again. Without a location nothing is fetched, so an
// offline editor simply keeps its placeholders.
class ImageThumbnailLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageThumbnailLoader)

public:
    // The cache's bound in KiB of decoded pixels (a 240 x 240 thumbnail is about 225 KiB).
    static constexpr int DefaultCacheKiB = 16 * 1024;

    explicit ImageThumbnailLoader(QObject* parent = nullptr);
    ~ImageThumbnailLoader() override;

    // The server and the shop the images belong to; an empty or invalid location stops fetching.
    void setImageLocation(const QUrl& serverUrl, const QString& shopId);
    bool hasLocation() const;

    // The cached thumbnail of `imageId`, or a null pixmap (then it is fetched unless it already is, and loaded() or
    // failed() follows). A malformed id fails at once.
    QPixmap thumbnail(const QString& imageId);

signals:
    void loaded(const QString& imageId, const QPixmap& picture);
    void failed(const QString& imageId);

private:
    QUrl m_serverUrl;
    QString m_shopId;
    QNetworkAccessManager* m_network = nullptr;
    QCache<QString, QPixmap> m_cache{DefaultCacheKiB};
    QSet<QString> m_inFlight;
};

} // namespace xd
