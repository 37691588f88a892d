#include "PhotoStripWidget.h"

#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace xd {

namespace {

constexpr QSize ThumbnailSize(128, 96);
constexpr int IdRole = Qt::UserRole;

// The first bytes say what the file is; the name may lie.
bool looksLikeJpegOrPng(const QString& filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray head = file.read(8);
    return head.startsWith("\xFF\xD8\xFF") || head.startsWith("\x89PNG\r\n\x1A\n");
}

QPixmap fitted(const QPixmap& pixmap)
{
    // Cropped to fill the frame, so a strip of mixed portrait and landscape photos stays tidy.
    const QPixmap scaled = pixmap.scaled(ThumbnailSize, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    const QPoint offset((scaled.width() - ThumbnailSize.width()) / 2, (scaled.height() - ThumbnailSize.height()) / 2);
    return scaled.copy(QRect(offset, ThumbnailSize));
}

} // namespace

PhotoStripWidget::PhotoStripWidget(QWidget* parent) : QWidget(parent)
{
    m_photosListWidget = new QListWidget(this);
    m_photosListWidget->setObjectName(QStringLiteral("photosListWidget"));
    m_photosListWidget->setViewMode(QListView::ListMode);
    m_photosListWidget->setFlow(QListView::LeftToRight);
    m_photosListWidget->setWrapping(false);
    m_photosListWidget->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_photosListWidget->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_photosListWidget->setUniformItemSizes(true);
    m_photosListWidget->setIconSize(ThumbnailSize);
    m_photosListWidget->setSpacing(4);
    m_photosListWidget->setSelectionMode(QAbstractItemView::SingleSelection);
    // Dragging a thumbnail reorders, like the move buttons.
    m_photosListWidget->setDragDropMode(QAbstractItemView::InternalMove);
    m_photosListWidget->setDefaultDropAction(Qt::MoveAction);
    // One row of thumbnails with room for the sideways scroll bar.
    m_photosListWidget->setFixedHeight(ThumbnailSize.height() + 2 * 4 + 2 * m_photosListWidget->frameWidth() +
                                       m_photosListWidget->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 8);

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setWordWrap(true);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #d93026;"));
    m_problemLabel->hide();

    m_addPushButton = new QPushButton(this);
    m_addPushButton->setObjectName(QStringLiteral("addPhotoPushButton"));
    m_removePushButton = new QPushButton(this);
    m_removePushButton->setObjectName(QStringLiteral("removePhotoPushButton"));
    m_moveLeftPushButton = new QPushButton(this);
    m_moveLeftPushButton->setObjectName(QStringLiteral("moveLeftPushButton"));
    m_moveRightPushButton = new QPushButton(this);
    m_moveRightPushButton->setObjectName(QStringLiteral("moveRightPushButton"));

    auto* buttonsLayout = new QHBoxLayout;
    buttonsLayout->setContentsMargins(0, 0, 0, 0);
    buttonsLayout->addWidget(m_addPushButton);
    buttonsLayout->addWidget(m_removePushButton);
    buttonsLayout->addSpacing(12);
    buttonsLayout->addWidget(m_moveLeftPushButton);
    buttonsLayout->addWidget(m_moveRightPushButton);
    buttonsLayout->addStretch(1);
    buttonsLayout->addWidget(m_countLabel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_photosListWidget);
    layout->addWidget(m_emptyLabel);
    layout->addLayout(buttonsLayout);
    layout->addWidget(m_problemLabel);

    connect(m_addPushButton, &QPushButton::clicked, this, &PhotoStripWidget::chooseFiles);
    connect(m_removePushButton, &QPushButton::clicked, this, &PhotoStripWidget::removeSelected);
    connect(m_moveLeftPushButton, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_moveRightPushButton, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_photosListWidget, &QListWidget::itemSelectionChanged, this, &PhotoStripWidget::updateButtons);
    connect(m_photosListWidget->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_updating) {
            emit reorderRequested(photoIds());
        }
        updateButtons();
    });

    m_lastDirectory = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    retranslateUi();
    updateButtons();
}

PhotoStripWidget::~PhotoStripWidget() = default;

void PhotoStripWidget::setPhotos(const QList<QJsonObject>& photos)
{
    const QString selectedId = selectedPhotoId();
    QHash<QString, QIcon> icons;
    for (int row = 0; row < m_photosListWidget->count(); ++row) {
        const QListWidgetItem* item = m_photosListWidget->item(row);
        icons.insert(item->data(IdRole).toString(), item->icon());
    }

    m_photos = photos;
    std::stable_sort(m_photos.begin(), m_photos.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return a.value(QStringLiteral("position")).toInt() < b.value(QStringLiteral("position")).toInt();
    });

    m_updating = true;
    m_photosListWidget->clear();
    const QIcon placeholder(placeholderPixmap());
    for (const QJsonObject& photo : std::as_const(m_photos)) {
        const QString id = photo.value(QStringLiteral("id")).toString();
        auto* item = new QListWidgetItem(icons.value(id, placeholder), QString(), m_photosListWidget);
        item->setData(IdRole, id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    m_updating = false;
    updateToolTips();
    selectPhoto(selectedId);
    updateButtons();
}

void PhotoStripWidget::setPhotoPixmap(const QString& id, const QPixmap& pixmap)
{
    if (QListWidgetItem* item = itemForId(id)) {
        item->setIcon(QIcon(pixmap.isNull() ? placeholderPixmap() : fitted(pixmap)));
    }
}

QStringList PhotoStripWidget::photoIds() const
{
    QStringList ids;
    for (int row = 0; row < m_photosListWidget->count(); ++row) {
        ids.append(m_photosListWidget->item(row)->data(IdRole).toString());
    }
    return ids;
}

QString PhotoStripWidget::selectedPhotoId() const
{
    const QList<QListWidgetItem*> selected = m_photosListWidget->selectedItems();
    return selected.isEmpty() ? QString() : selected.constFirst()->data(IdRole).toString();
}

void PhotoStripWidget::selectPhoto(const QString& id)
{
    if (QListWidgetItem* item = itemForId(id)) {
        m_photosListWidget->setCurrentItem(item);
    } else {
        m_photosListWidget->clearSelection();
    }
}

bool PhotoStripWidget::requestUpload(const QString& filePath)
{
    const QFileInfo info(filePath);
    if (m_photosListWidget->count() >= MaximumPhotos) {
        showProblem(tr("A shop has at most %n photos. Remove one first.", nullptr, MaximumPhotos));
        return false;
    }
    if (!info.isFile() || !info.isReadable()) {
        showProblem(tr("Cannot read \"%1\".").arg(info.fileName()));
        return false;
    }
    if (info.size() > MaximumPhotoBytes) {
        showProblem(tr("\"%1\" is larger than %2 MB. Choose a smaller photo.")
                        .arg(info.fileName())
                        .arg(MaximumPhotoBytes / (1024 * 1024)));
        return false;
    }
    if (!looksLikeJpegOrPng(filePath)) {
        showProblem(tr("\"%1\" is not a JPEG or PNG image.").arg(info.fileName()));
        return false;
    }
    showProblem(QString());
    emit uploadRequested(info.absoluteFilePath());
    return true;
}

void PhotoStripWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void PhotoStripWidget::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add shop photos"), m_lastDirectory, tr("Images (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"));
    if (files.isEmpty()) {
        return;
    }
    m_lastDirectory = QFileInfo(files.constFirst()).absolutePath();
    int room = MaximumPhotos - m_photosListWidget->count();
    for (const QString& file : files) {
        if (room <= 0) {
            showProblem(tr("A shop has at most %n photos. Remove one first.", nullptr, MaximumPhotos));
            break;
        }
        if (requestUpload(file)) {
            --room;
        }
    }
}

void PhotoStripWidget::removeSelected()
{
    const QString id = selectedPhotoId();
    if (id.isEmpty()) {
        return;
    }
    QMessageBox question(QMessageBox::Question,
                         tr("Remove photo"),
                         tr("Remove this photo from the shop? Customers will no longer see it."),
                         QMessageBox::NoButton,
                         this);
    QPushButton* removeButton = question.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    question.addButton(QMessageBox::Cancel);
    question.setDefaultButton(QMessageBox::Cancel);
    question.exec();
    if (question.clickedButton() == removeButton) {
        emit removeRequested(id);
    }
}

void PhotoStripWidget::moveSelected(int delta)
{
    const int row = m_photosListWidget->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_photosListWidget->count()) {
        return;
    }
    m_updating = true;
    QListWidgetItem* item = m_photosListWidget->takeItem(row);
    m_photosListWidget->insertItem(target, item);
    m_updating = false;
    m_photosListWidget->setCurrentItem(item);
    updateToolTips();
    updateButtons();
    emit reorderRequested(photoIds());
}

void PhotoStripWidget::updateButtons()
{
    const int count = m_photosListWidget->count();
    const int row = m_photosListWidget->currentRow();
    const bool selected = !selectedPhotoId().isEmpty();
    m_removePushButton->setEnabled(selected);
    m_moveLeftPushButton->setEnabled(selected && row > 0);
    m_moveRightPushButton->setEnabled(selected && row < count - 1);
    m_addPushButton->setEnabled(count < MaximumPhotos);
    m_emptyLabel->setVisible(count == 0);
    m_photosListWidget->setVisible(count > 0);
    m_countLabel->setText(tr("%1 of %2 photos").arg(count).arg(MaximumPhotos));
}

void PhotoStripWidget::retranslateUi()
{
    m_emptyLabel->setText(
        tr("No photos yet. Photos of the shop front and the inside help customers find you and trust you."));
    m_addPushButton->setText(tr("Add photos…"));
    m_addPushButton->setToolTip(tr("JPEG or PNG, at most %1 MB each").arg(MaximumPhotoBytes / (1024 * 1024)));
    m_removePushButton->setText(tr("Remove"));
    m_moveLeftPushButton->setText(tr("Move left"));
    m_moveRightPushButton->setText(tr("Move right"));
    m_photosListWidget->setToolTip(tr("The first photo is the cover. Drag a photo or use the buttons to reorder."));
    updateToolTips();
    updateButtons();
}

void PhotoStripWidget::showProblem(const QString& problem)
{
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
}

QPixmap PhotoStripWidget::placeholderPixmap() const
{
    QPixmap pixmap(ThumbnailSize);
    pixmap.fill(QColor(0xf2, 0xf3, 0xf5));
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0xc9, 0xcd, 0xd4), 2));
    // A simple picture glyph: a frame with a hill and a sun.
    const QRect frame(ThumbnailSize.width() / 2 - 20, ThumbnailSize.height() / 2 - 15, 40, 30);
    painter.drawRoundedRect(frame, 3, 3);
    painter.drawPolyline(QPolygon({frame.bottomLeft() + QPoint(4, -4),
                                   frame.center() + QPoint(-4, 2),
                                   frame.center() + QPoint(4, 8),
                                   frame.bottomRight() + QPoint(-4, -10)}));
    painter.drawEllipse(frame.topRight() + QPoint(-12, 6), 3, 3);
    return pixmap;
}

QListWidgetItem* PhotoStripWidget::itemForId(const QString& id) const
{
    if (id.isEmpty()) {
        return nullptr;
    }
    for (int row = 0; row < m_photosListWidget->count(); ++row) {
        if (m_photosListWidget->item(row)->data(IdRole).toString() == id) {
            return m_photosListWidget->item(row);
        }
    }
    return nullptr;
}

void PhotoStripWidget::updateToolTips()
{
    const QLocale locale;
    for (int row = 0; row < m_photosListWidget->count(); ++row) {
        QListWidgetItem* item = m_photosListWidget->item(row);
        const QString id = item->data(IdRole).toString();
        const auto photo = std::find_if(m_photos.cbegin(), m_photos.cend(), [&id](const QJsonObject& p) {
            return p.value(QStringLiteral("id")).toString() == id;
        });
        if (photo == m_photos.cend()) {
            continue;
        }
        const QString size = tr("%1 × %2 pixels, %3")
                                 .arg(photo->value(QStringLiteral("width")).toInt())
                                 .arg(photo->value(QStringLiteral("height")).toInt())
                                 .arg(locale.formattedDataSize(photo->value(QStringLiteral("bytes")).toInteger()));
        item->setToolTip(row == 0 ? tr("Cover photo") + QLatin1Char('\n') + size : size);
    }
}

} // namespace xd
