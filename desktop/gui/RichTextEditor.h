#pragma once

#include "xiaodian/Result.h"

#include <QString>
#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QEvent;
class QTextCharFormat;
class QTextDocument;
class QTextEdit;
class QToolBar;

namespace xd {

// A rich-text editor for what the mini-program shows with <rich-text> (article bodies, product descriptions):
// a toolbar (bold, italic, underline, headings, lists, alignment, text colour, image, clear formatting) over a
// QTextEdit. html() is a body fragment built from the document's structure (p, h1–h3, strong, em, u, ul/ol/li,
// img, br, span colour, text-align), never QTextEdit::toHtml()'s whole document with its Qt CSS; pasted HTML
// keeps only its structure (no scripts, styles, colours, fonts, links or foreign images).
class RichTextEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RichTextEditor)

public:
    // Uploads a picture file and answers the URL the mini-program loads it from (relative to the server is fine).
    using ImageUploader =
        std::function<void(const QString& filePath, std::function<void(Result<QString /*image url*/>)> done)>;

    explicit RichTextEditor(QWidget* parent = nullptr);
    ~RichTextEditor() override;

    void setHtml(const QString& html);
    // The clean body fragment; empty for an empty document.
    QString html() const;
    bool isEmpty() const;
    void setPlaceholderText(const QString& text);
    // Without an uploader the image button is hidden.
    void setImageUploader(ImageUploader uploader);
    // Where relative image URLs (e.g. "/api/v1/...") are loaded from while editing.
    void setImageBaseUrl(const QUrl& baseUrl);

    QTextEdit* textEdit() const { return m_textEdit; }
    QToolBar* toolBar() const { return m_toolBar; }

    // The fragment writer behind html(): a clean fragment of `document`. `structureOnly` drops colours,
    // alignment and images (used for pasted content).
    static QString fragmentHtml(const QTextDocument& document, bool structureOnly = false);
    // Foreign HTML (a paste, a stored body) reduced to what html() can produce.
    static QString cleanHtml(const QString& html, bool structureOnly);

signals:
    void changed();
    // An image upload failed; the message is for the user.
    void imageUploadFailed(const QString& message);

public slots:
    void setHeadingLevel(int level); // 0 = body text, 1..3
    void toggleList(bool numbered);
    void setTextColor(const QColor& color);
    void clearFormatting();
    // Uploads `filePath` through the uploader and inserts the image at the cursor once it has a URL.
    void insertImageFile(const QString& filePath);

protected:
    void changeEvent(QEvent* event) override;

private:
    void createToolBar();
    void retranslateUi();
    void updateToolBar();
    void mergeFormat(const QTextCharFormat& format);
    void chooseColor();
    void chooseImage();

    QToolBar* m_toolBar = nullptr;
    QTextEdit* m_textEdit = nullptr;
    QComboBox* m_headingComboBox = nullptr;
    QAction* m_boldAction = nullptr;
    QAction* m_italicAction = nullptr;
    QAction* m_underlineAction = nullptr;
    QAction* m_bulletListAction = nullptr;
    QAction* m_numberedListAction = nullptr;
    QAction* m_alignLeftAction = nullptr;
    QAction* m_alignCenterAction = nullptr;
    QAction* m_alignRightAction = nullptr;
    QAction* m_colorAction = nullptr;
    QAction* m_imageAction = nullptr;
    QAction* m_clearAction = nullptr;
    ImageUploader m_uploader;
    bool m_loading = false;
    int m_uploadsInFlight = 0;
};

} // namespace xd
