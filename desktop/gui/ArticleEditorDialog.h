#pragma once

#include "ArticleService.h"
#include "RichTextEditor.h"

#include <QDialog>
#include <QJsonObject>

#include <functional>

class QDateTimeEdit;
class QDialogButtonBox;
class QEvent;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace xd {

class ImageThumbnailLoader;

// Writes or edits one article: title, category, cover image, summary, the body in a RichTextEditor, and when it
// shows: saved as a draft, published now, or scheduled. OK is accepted only when the shared ArticleRules accept
// the arguments (the message says what to fix), so arguments() are what article.save gets.
class ArticleEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArticleEditorDialog)

public:
    enum class Publishing { Draft, Now, Scheduled };

    // Uploads a picture file and answers the image id (the cover holds the id).
    using CoverUploader = std::function<void(const QString& filePath, std::function<void(Result<QString>)> done)>;

    explicit ArticleEditorDialog(QWidget* parent = nullptr);
    ~ArticleEditorDialog() override;

    // `nowMs` decides whether a published article is scheduled and what "later" means.
    void setClock(std::function<qint64()> nowMs);
    // Edits `article` (without it the dialog writes a new one).
    void setArticle(const Article& article);
    void setBodyImageUploader(RichTextEditor::ImageUploader uploader);
    void setCoverUploader(CoverUploader uploader);
    // Where pictures load from while editing: the server (body images are server paths) and the shop (the cover's
    // thumbnail is /api/v1/shops/{shopId}/images/{id}?size=thumb).
    void setImageLocation(const QUrl& serverUrl, const QString& shopId);

    // article.save arguments; "id" only when editing.
    QJsonObject arguments() const;
    Publishing publishing() const;
    void setPublishing(Publishing publishing, qint64 atMs = 0);

    // Asked when Cancel would drop changes; true = drop them. The default asks with a message box.
    void setDiscardPrompt(std::function<bool()> confirmDiscard);
    bool isModified() const { return m_modified; }

    RichTextEditor* bodyEditor() const { return m_bodyEditor; }
    QString errorText() const;

public slots:
    void accept() override;
    void reject() override;
    void chooseCover();
    void uploadCover(const QString& filePath);
    void removeCover();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateState();
    void showError(const QString& message);
    void loadCoverPreview();
    void setCoverPreview(const QPixmap& picture);

    std::function<qint64()> m_nowMs;
    std::function<bool()> m_confirmDiscard;
    bool m_modified = false;
    QString m_id;
    QString m_cover;
    bool m_wasPublished = false;
    qint64 m_publishAtMs = 0;
    int m_uploadsInFlight = 0;
    CoverUploader m_coverUploader;
    QUrl m_serverUrl;
    QString m_shopId;
    ImageThumbnailLoader* m_thumbnails = nullptr;

    QLabel* m_titleLabel = nullptr;
    QLineEdit* m_titleLineEdit = nullptr;
    QLabel* m_categoryLabel = nullptr;
    QLineEdit* m_categoryLineEdit = nullptr;
    QLabel* m_coverLabel = nullptr;
    QLabel* m_coverPreviewLabel = nullptr;
    QPushButton* m_coverChoosePushButton = nullptr;
    QPushButton* m_coverRemovePushButton = nullptr;
    QLabel* m_summaryLabel = nullptr;
    QPlainTextEdit* m_summaryPlainTextEdit = nullptr;
    QLabel* m_summaryCountLabel = nullptr;
    QLabel* m_bodyLabel = nullptr;
    RichTextEditor* m_bodyEditor = nullptr;
    QLabel* m_publishingLabel = nullptr;
    QRadioButton* m_draftRadioButton = nullptr;
    QRadioButton* m_publishNowRadioButton = nullptr;
    QRadioButton* m_scheduleRadioButton = nullptr;
    QDateTimeEdit* m_scheduleDateTimeEdit = nullptr;
    QLabel* m_errorLabel = nullptr;
    QDialogButtonBox* m_buttonBox = nullptr;
};

} // namespace xd
