#pragma once

#include <QJsonObject>
#include <QList>
#include <QPixmap>
#include <QStringList>
#include <QWidget>

class QEvent;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace xd {

// The shop's environment photos as thumbnails, in the order customers see them. It only shows and asks: adding,
// removing and reordering are signals; the list changes when setPhotos() brings the new state.
class PhotoStripWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PhotoStripWidget)

public:
    // What the server accepts (syncserver ShopCommands): the shop's limit and an upload's size.
    static constexpr int MaximumPhotos = 20;
    static constexpr qint64 MaximumPhotoBytes = 5 * 1024 * 1024;

    explicit PhotoStripWidget(QWidget* parent = nullptr);
    ~PhotoStripWidget() override;

    // `shop_photo` rows, each with "id" and the entity's fields ("position", "width", "height", "bytes",
    // "contentType"); shown by position.
    void setPhotos(const QList<QJsonObject>& photos);
    // The image for a photo once it is downloaded or read from the cache; until then a placeholder shows.
    void setPhotoPixmap(const QString& id, const QPixmap& pixmap);
    QStringList photoIds() const;
    QString selectedPhotoId() const;
    void selectPhoto(const QString& id);

signals:
    void uploadRequested(const QString& filePath);
    void removeRequested(const QString& id);
    void reorderRequested(const QStringList& ids);

public slots:
    // Checks the file (JPEG or PNG, at most 5 MiB, room left) and asks for the upload; says why not otherwise.
    bool requestUpload(const QString& filePath);

protected:
    void changeEvent(QEvent* event) override;

private slots:
    void chooseFiles();
    void removeSelected();
    void moveSelected(int delta);
    void updateButtons();

private:
    void retranslateUi();
    void showProblem(const QString& problem);
    QPixmap placeholderPixmap() const;
    QListWidgetItem* itemForId(const QString& id) const;
    void updateToolTips();

    QListWidget* m_photosListWidget = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_problemLabel = nullptr;
    QPushButton* m_addPushButton = nullptr;
    QPushButton* m_removePushButton = nullptr;
    QPushButton* m_moveLeftPushButton = nullptr;
    QPushButton* m_moveRightPushButton = nullptr;
    QList<QJsonObject> m_photos;
    QString m_lastDirectory;
    bool m_updating = false;
};

} // namespace xd
