#include "RichTextEditor.h"

#include "xiaodian/RichText.h"

#include <QAction>
#include <QActionGroup>
#include <QColorDialog>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QImage>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QTextList>
#include <QToolBar>
#include <QVBoxLayout>

namespace xd {

namespace {

// Wide enough for a phone screen's worth of picture while editing; the mini-program scales images itself.
constexpr int MaxImageDisplayWidth = 560;

// Only images the mini-program can load from our server or the web; never data:, file: or javascript: URLs.
bool isSafeImageUrl(const QString& url)
{
    if (url.startsWith(QLatin1Char('/')))
        return !url.startsWith(QLatin1String("//"));
    const QUrl parsed(url);
    return parsed.isValid() && (parsed.scheme() == QLatin1String("https") || parsed.scheme() == QLatin1String("http"));
}

bool isOrderedList(const QTextList* list)
{
    switch (list->format().style()) {
    case QTextListFormat::ListDecimal:
    case QTextListFormat::ListLowerAlpha:
    case QTextListFormat::ListUpperAlpha:
    case QTextListFormat::ListLowerRoman:
    case QTextListFormat::ListUpperRoman:
        return true;
    default:
        return false;
    }
}

QString alignmentStyle(Qt::Alignment alignment)
{
    const Qt::Alignment horizontal = alignment & Qt::AlignHorizontal_Mask;
    if (horizontal & Qt::AlignHCenter)
        return QStringLiteral(" style=\"text-align: center\"");
    if (horizontal & Qt::AlignJustify)
        return QStringLiteral(" style=\"text-align: justify\"");
    if (horizontal & (Qt::AlignRight | Qt::AlignTrailing))
        return QStringLiteral(" style=\"text-align: right\"");
    return {};
}

// The inline formatting html() keeps; everything else (fonts, sizes, backgrounds) is dropped.
struct Run
{
    bool bold = false;
    bool italic = false;
    bool underline = false;
    QString color; // "#rrggbb" or empty
    QString text;  // escaped

    bool sameLook(const Run& other) const
    {
        return bold == other.bold && italic == other.italic && underline == other.underline && color == other.color;
    }
    QString html() const
    {
        QString open;
        QString close;
        if (!color.isEmpty()) {
            open += QStringLiteral("<span style=\"color: %1\">").arg(color);
            close.prepend(QStringLiteral("</span>"));
        }
        if (bold) {
            open += QStringLiteral("<strong>");
            close.prepend(QStringLiteral("</strong>"));
        }
        if (italic) {
            open += QStringLiteral("<em>");
            close.prepend(QStringLiteral("</em>"));
        }
        if (underline) {
            open += QStringLiteral("<u>");
            close.prepend(QStringLiteral("</u>"));
        }
        return open + text + close;
    }
};

QString escapedText(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '<':
            out += QStringLiteral("&lt;");
            break;
        case '>':
            out += QStringLiteral("&gt;");
            break;
        case '&':
            out += QStringLiteral("&amp;");
            break;
        case '"':
            out += QStringLiteral("&quot;");
            break;
        case QChar::LineSeparator:
        case QChar::ParagraphSeparator:
            out += QStringLiteral("<br/>");
            break;
        case QChar::Nbsp:
            out += QStringLiteral("&nbsp;");
            break;
        case QChar::ObjectReplacementCharacter:
            break;
        default:
            if (c.unicode() >= 0x20 || c == QLatin1Char('\t'))
                out += c;
        }
    }
    return out;
}

QString inlineHtml(const QTextBlock& block, bool structureOnly, bool heading)
{
    QString out;
    QList<Run> runs;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        if (!fragment.isValid())
            continue;
        const QTextCharFormat format = fragment.charFormat();
        if (format.isImageFormat()) {
            const QString url = format.toImageFormat().name();
            if (!structureOnly && isSafeImageUrl(url)) {
                for (const Run& run : std::as_const(runs))
                    out += run.html();
                runs.clear();
                // One image per object character in the fragment.
                for (int i = 0; i < fragment.length(); ++i)
                    out += QStringLiteral("<img src=\"%1\"/>").arg(escapedText(url));
            }
            continue;
        }
        Run run;
        run.bold = !heading && format.fontWeight() >= QFont::DemiBold;
        run.italic = format.fontItalic();
        run.underline = format.fontUnderline();
        if (!structureOnly && format.hasProperty(QTextFormat::ForegroundBrush) &&
            format.foreground().style() != Qt::NoBrush)
            run.color = format.foreground().color().name();
        run.text = escapedText(fragment.text());
        if (run.text.isEmpty())
            continue;
        if (!runs.isEmpty() && runs.last().sameLook(run))
            runs.last().text += run.text;
        else
            runs.append(run);
    }
    for (const Run& run : std::as_const(runs))
        out += run.html();
    return out;
}

bool blockIsBlank(const QTextBlock& block)
{
    if (!block.text().trimmed().isEmpty())
        return false;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        if (it.fragment().charFormat().isImageFormat())
            return false;
    }
    return true;
}

// Selects from the start of the selection's first block to the end of its last one.
QTextCursor wholeBlocks(const QTextCursor& cursor)
{
    QTextDocument* document = cursor.document();
    const QTextBlock first = document->findBlock(cursor.selectionStart());
    const QTextBlock last = document->findBlock(cursor.selectionEnd());
    QTextCursor range(document);
    range.setPosition(first.position());
    range.setPosition(last.position() + last.length() - 1, QTextCursor::KeepAnchor);
    return range;
}

QList<QTextBlock> blocksOf(const QTextCursor& cursor)
{
    QList<QTextBlock> blocks;
    QTextDocument* document = cursor.document();
    const QTextBlock last = document->findBlock(cursor.selectionEnd());
    for (QTextBlock block = document->findBlock(cursor.selectionStart()); block.isValid(); block = block.next()) {
        blocks.append(block);
        if (block == last)
            break;
    }
    return blocks;
}

// The QTextEdit under the toolbar: pastes keep only structure, and relative images load from the server.
class CleanTextEdit final : public QTextEdit
{
public:
    explicit CleanTextEdit(QWidget* parent) : QTextEdit(parent) {}

    QUrl baseUrl;
    bool refreshing = false;

protected:
    void insertFromMimeData(const QMimeData* source) override
    {
        // Word and web pages bring scripts, style sheets, fonts and colours; only the structure comes through.
        if (source->hasHtml()) {
            const QString clean = RichTextEditor::cleanHtml(source->html(), true);
            if (!clean.isEmpty()) {
                textCursor().insertHtml(clean);
                ensureCursorVisible();
                return;
            }
        }
        if (source->hasText()) {
            textCursor().insertText(source->text());
            ensureCursorVisible();
        }
    }

    bool canInsertFromMimeData(const QMimeData* source) const override
    {
        return source->hasHtml() || source->hasText();
    }

    QVariant loadResource(int type, const QUrl& name) override
    {
        if (type != QTextDocument::ImageResource || !baseUrl.isValid() || !name.isRelative() ||
            !isSafeImageUrl(name.toString()))
            return {};
        if (m_requested.contains(name))
            return {};
        m_requested.insert(name);
        if (!m_network)
            m_network = new QNetworkAccessManager(this);
        QNetworkReply* reply = m_network->get(QNetworkRequest(baseUrl.resolved(name)));
        connect(reply, &QNetworkReply::finished, this, [this, reply, name] {
            reply->deleteLater();
            QImage image;
            if (reply->error() != QNetworkReply::NoError || !image.loadFromData(reply->readAll()))
                return;
            document()->addResource(QTextDocument::ImageResource, name, image);
            // Lay the document out again with the picture; this is not an edit.
            refreshing = true;
            document()->markContentsDirty(0, document()->characterCount());
            refreshing = false;
        });
        return {};
    }

private:
    QNetworkAccessManager* m_network = nullptr;
    QSet<QUrl> m_requested;
};

} // namespace

RichTextEditor::RichTextEditor(QWidget* parent) : QWidget(parent)
{
    auto* textEdit = new CleanTextEdit(this);
    m_textEdit = textEdit;
    m_textEdit->setObjectName(QStringLiteral("richTextEdit"));
    m_textEdit->setAcceptRichText(true);
    m_textEdit->setTabChangesFocus(true);
    createToolBar();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_textEdit, 1);

    connect(m_textEdit->document(), &QTextDocument::contentsChanged, this, [this, textEdit] {
        if (!m_loading && !textEdit->refreshing)
            emit changed();
    });
    connect(m_textEdit, &QTextEdit::currentCharFormatChanged, this, &RichTextEditor::updateToolBar);
    connect(m_textEdit, &QTextEdit::cursorPositionChanged, this, &RichTextEditor::updateToolBar);

    retranslateUi();
    updateToolBar();
}

RichTextEditor::~RichTextEditor() = default;

void RichTextEditor::createToolBar()
{
    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("richTextToolBar"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_headingComboBox = new QComboBox(m_toolBar);
    m_headingComboBox->setObjectName(QStringLiteral("headingComboBox"));
    for (int level = 0; level <= 3; ++level)
        m_headingComboBox->addItem(QString(), level);
    m_toolBar->addWidget(m_headingComboBox);
    connect(m_headingComboBox, &QComboBox::activated, this, [this](int index) {
        setHeadingLevel(m_headingComboBox->itemData(index).toInt());
        m_textEdit->setFocus();
    });
    m_toolBar->addSeparator();

    const auto addToggle = [this](const char* objectName, const QString& text, auto apply) {
        auto* action = m_toolBar->addAction(text);
        action->setObjectName(QLatin1String(objectName));
        action->setCheckable(true);
        connect(action, &QAction::triggered, this, apply);
        return action;
    };
    m_boldAction = addToggle("boldAction", QStringLiteral("B"), [this](bool on) {
        QTextCharFormat format;
        format.setFontWeight(on ? QFont::Bold : QFont::Normal);
        mergeFormat(format);
    });
    QFont font = m_boldAction->font();
    font.setBold(true);
    m_boldAction->setFont(font);
    m_boldAction->setShortcut(QKeySequence::Bold);
    m_italicAction = addToggle("italicAction", QStringLiteral("I"), [this](bool on) {
        QTextCharFormat format;
        format.setFontItalic(on);
        mergeFormat(format);
    });
    font = m_italicAction->font();
    font.setItalic(true);
    m_italicAction->setFont(font);
    m_italicAction->setShortcut(QKeySequence::Italic);
    m_underlineAction = addToggle("underlineAction", QStringLiteral("U"), [this](bool on) {
        QTextCharFormat format;
        format.setFontUnderline(on);
        mergeFormat(format);
    });
    font = m_underlineAction->font();
    font.setUnderline(true);
    m_underlineAction->setFont(font);
    m_underlineAction->setShortcut(QKeySequence::Underline);
    m_colorAction = m_toolBar->addAction(QString());
    m_colorAction->setObjectName(QStringLiteral("colorAction"));
    connect(m_colorAction, &QAction::triggered, this, &RichTextEditor::chooseColor);
    m_toolBar->addSeparator();

    m_bulletListAction = addToggle("bulletListAction", QString(), [this] { toggleList(false); });
    m_numberedListAction = addToggle("numberedListAction", QString(), [this] { toggleList(true); });
    m_toolBar->addSeparator();

    auto* alignGroup = new QActionGroup(this);
    const auto addAlign = [this, alignGroup](const char* objectName, Qt::Alignment alignment) {
        auto* action = m_toolBar->addAction(QString());
        action->setObjectName(QLatin1String(objectName));
        action->setCheckable(true);
        alignGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, alignment] { m_textEdit->setAlignment(alignment); });
        return action;
    };
    m_alignLeftAction = addAlign("alignLeftAction", Qt::AlignLeft | Qt::AlignAbsolute);
    m_alignCenterAction = addAlign("alignCenterAction", Qt::AlignHCenter);
    m_alignRightAction = addAlign("alignRightAction", Qt::AlignRight | Qt::AlignAbsolute);
    m_toolBar->addSeparator();

    m_imageAction = m_toolBar->addAction(QString());
    m_imageAction->setObjectName(QStringLiteral("imageAction"));
    m_imageAction->setVisible(false);
    connect(m_imageAction, &QAction::triggered, this, &RichTextEditor::chooseImage);
    m_clearAction = m_toolBar->addAction(QString());
    m_clearAction->setObjectName(QStringLiteral("clearFormattingAction"));
    connect(m_clearAction, &QAction::triggered, this, &RichTextEditor::clearFormatting);
}

void RichTextEditor::retranslateUi()
{
    m_headingComboBox->setItemText(0, tr("Body text"));
    m_headingComboBox->setItemText(1, tr("Heading 1"));
    m_headingComboBox->setItemText(2, tr("Heading 2"));
    m_headingComboBox->setItemText(3, tr("Heading 3"));
    m_headingComboBox->setToolTip(tr("Paragraph style"));
    m_boldAction->setToolTip(tr("Bold"));
    m_italicAction->setToolTip(tr("Italic"));
    m_underlineAction->setToolTip(tr("Underline"));
    m_colorAction->setText(tr("Colour"));
    m_colorAction->setToolTip(tr("Text colour"));
    m_bulletListAction->setText(tr("• List"));
    m_bulletListAction->setToolTip(tr("Bulleted list"));
    m_numberedListAction->setText(tr("1. List"));
    m_numberedListAction->setToolTip(tr("Numbered list"));
    m_alignLeftAction->setText(tr("Left"));
    m_alignLeftAction->setToolTip(tr("Align left"));
    m_alignCenterAction->setText(tr("Centre"));
    m_alignCenterAction->setToolTip(tr("Centre"));
    m_alignRightAction->setText(tr("Right"));
    m_alignRightAction->setToolTip(tr("Align right"));
    m_imageAction->setText(tr("Image…"));
    m_imageAction->setToolTip(tr("Insert a picture"));
    m_clearAction->setText(tr("Clear"));
    m_clearAction->setToolTip(tr("Clear formatting"));
    m_textEdit->setAccessibleName(tr("Rich text"));
}

void RichTextEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RichTextEditor::setHtml(const QString& html)
{
    m_loading = true;
    m_textEdit->setHtml(cleanHtml(html, false));
    m_loading = false;
    updateToolBar();
}

QString RichTextEditor::html() const
{
    // The shared sanitizer has the last word, as on the server: what the editor writes is what gets stored.
    return RichText::sanitize(fragmentHtml(*m_textEdit->document()));
}

bool RichTextEditor::isEmpty() const
{
    return html().isEmpty();
}

void RichTextEditor::setPlaceholderText(const QString& text)
{
    m_textEdit->setPlaceholderText(text);
}

void RichTextEditor::setImageUploader(ImageUploader uploader)
{
    m_uploader = std::move(uploader);
    m_imageAction->setVisible(bool(m_uploader));
}

void RichTextEditor::setImageBaseUrl(const QUrl& baseUrl)
{
    static_cast<CleanTextEdit*>(m_textEdit)->baseUrl = baseUrl;
}

QString RichTextEditor::fragmentHtml(const QTextDocument& document, bool structureOnly)
{
    // Trailing empty paragraphs are noise; empty ones inside are kept as a line of space.
    QTextBlock end = document.end();
    QTextBlock last = document.lastBlock();
    while (last.isValid() && blockIsBlank(last) && !last.textList()) {
        end = last;
        last = last.previous();
    }
    QString out;
    const QTextList* openList = nullptr;
    for (QTextBlock block = document.begin(); block.isValid() && block != end; block = block.next()) {
        const QTextList* list = block.textList();
        if (list != openList) {
            if (openList)
                out += isOrderedList(openList) ? QStringLiteral("</ol>") : QStringLiteral("</ul>");
            if (list)
                out += isOrderedList(list) ? QStringLiteral("<ol>") : QStringLiteral("<ul>");
            openList = list;
        }
        const int heading = list ? 0 : std::clamp(block.blockFormat().headingLevel(), 0, 6);
        const QString style = structureOnly ? QString() : alignmentStyle(block.blockFormat().alignment());
        QString inner = inlineHtml(block, structureOnly, heading > 0);
        if (list) {
            out += QStringLiteral("<li%1>%2</li>").arg(style, inner);
            continue;
        }
        if (inner.trimmed().isEmpty())
            inner = QStringLiteral("<br/>");
        const QString tag = heading > 0 ? QStringLiteral("h%1").arg(heading) : QStringLiteral("p");
        out += QStringLiteral("<%1%2>%3</%1>").arg(tag, style, inner);
    }
    if (openList)
        out += isOrderedList(openList) ? QStringLiteral("</ol>") : QStringLiteral("</ul>");
    return out;
}

QString RichTextEditor::cleanHtml(const QString& html, bool structureOnly)
{
    // Qt's HTML reader would apply a pasted style sheet (p { font-weight: bold }) and keeps the text of unknown
    // elements, so what must never count as content goes before it parses.
    static const QRegularExpression unwanted(
        QStringLiteral(R"(<!--.*?-->|<(script|style|head|title|xml|template|noscript|iframe|object)\b.*?</\1\s*>)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    QString stripped = html;
    stripped.remove(unwanted);
    QTextDocument document;
    document.setHtml(stripped);
    return fragmentHtml(document, structureOnly);
}

void RichTextEditor::mergeFormat(const QTextCharFormat& format)
{
    m_textEdit->mergeCurrentCharFormat(format);
    m_textEdit->setFocus();
}

void RichTextEditor::setHeadingLevel(int level)
{
    level = std::clamp(level, 0, 3);
    QTextCursor cursor = m_textEdit->textCursor();
    cursor.beginEditBlock();
    QTextBlockFormat blockFormat;
    blockFormat.setHeadingLevel(level);
    cursor.mergeBlockFormat(blockFormat);
    // The look of a heading while editing; html() writes the level as <hN> and ignores sizes.
    QTextCharFormat charFormat;
    charFormat.setFontWeight(level > 0 ? QFont::Bold : QFont::Normal);
    charFormat.setProperty(QTextFormat::FontSizeAdjustment, level > 0 ? 4 - level : 0);
    QTextCursor range = wholeBlocks(cursor);
    range.mergeCharFormat(charFormat);
    cursor.mergeBlockCharFormat(charFormat);
    cursor.endEditBlock();
    m_textEdit->mergeCurrentCharFormat(charFormat);
    updateToolBar();
}

void RichTextEditor::toggleList(bool numbered)
{
    const QTextListFormat::Style style = numbered ? QTextListFormat::ListDecimal : QTextListFormat::ListDisc;
    QTextCursor cursor = m_textEdit->textCursor();
    const QList<QTextBlock> blocks = blocksOf(cursor);
    QTextList* list = cursor.currentList();
    cursor.beginEditBlock();
    if (list && list->format().style() == style) {
        for (const QTextBlock& block : blocks) {
            if (QTextList* own = block.textList()) {
                own->remove(block);
                QTextCursor at(block);
                QTextBlockFormat format = block.blockFormat();
                format.setIndent(0);
                at.setBlockFormat(format);
            }
        }
    } else if (list) {
        QTextListFormat format = list->format();
        format.setStyle(style);
        list->setFormat(format);
    } else {
        if (cursor.blockFormat().headingLevel() > 0)
            setHeadingLevel(0);
        QTextListFormat format;
        format.setStyle(style);
        QTextCursor first(blocks.constFirst());
        QTextList* created = first.createList(format);
        for (qsizetype i = 1; i < blocks.size(); ++i)
            created->add(blocks.at(i));
    }
    cursor.endEditBlock();
    updateToolBar();
}

void RichTextEditor::setTextColor(const QColor& color)
{
    QTextCharFormat format;
    format.setForeground(color);
    mergeFormat(format);
}

void RichTextEditor::chooseColor()
{
    const QColor color = QColorDialog::getColor(m_textEdit->textColor(), this, tr("Text colour"));
    if (color.isValid())
        setTextColor(color);
}

void RichTextEditor::clearFormatting()
{
    QTextCursor cursor = m_textEdit->textCursor();
    const QTextCursor range = cursor.hasSelection() ? cursor : wholeBlocks(cursor);
    const int from = range.selectionStart();
    const int to = range.selectionEnd();
    cursor.beginEditBlock();
    for (const QTextBlock& block : blocksOf(range)) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid() || fragment.charFormat().isImageFormat())
                continue; // an image's format is the image
            const int start = std::max(from, fragment.position());
            const int stop = std::min(to, fragment.position() + fragment.length());
            if (start >= stop)
                continue;
            QTextCursor part(m_textEdit->document());
            part.setPosition(start);
            part.setPosition(stop, QTextCursor::KeepAnchor);
            part.setCharFormat(QTextCharFormat());
        }
        if (QTextList* list = block.textList())
            list->remove(block);
        QTextCursor at(block);
        at.setBlockFormat(QTextBlockFormat());
        at.setBlockCharFormat(QTextCharFormat());
    }
    cursor.endEditBlock();
    m_textEdit->setCurrentCharFormat(QTextCharFormat());
    updateToolBar();
}

void RichTextEditor::chooseImage()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Insert a picture"), QString(), tr("Pictures (*.png *.jpg *.jpeg)"));
    if (!path.isEmpty())
        insertImageFile(path);
}

void RichTextEditor::insertImageFile(const QString& filePath)
{
    if (!m_uploader)
        return;
    const QImage image(filePath);
    if (image.isNull()) {
        emit imageUploadFailed(tr("This file is not a picture Xiaodian can read."));
        return;
    }
    // The cursor follows later edits, so the picture lands where it was asked for even if the user types on.
    QTextCursor at = m_textEdit->textCursor();
    ++m_uploadsInFlight;
    m_uploader(filePath, [self = QPointer<RichTextEditor>(this), at, image](Result<QString> url) mutable {
        if (!self)
            return;
        --self->m_uploadsInFlight;
        if (!url) {
            emit self->imageUploadFailed(url.error().message);
            return;
        }
        if (!isSafeImageUrl(*url)) {
            emit self->imageUploadFailed(tr("The server answered an unusable picture address."));
            return;
        }
        self->m_textEdit->document()->addResource(QTextDocument::ImageResource, QUrl(*url), image);
        QTextImageFormat format;
        format.setName(*url);
        if (image.width() > MaxImageDisplayWidth) {
            format.setWidth(MaxImageDisplayWidth);
            format.setHeight(double(image.height()) * MaxImageDisplayWidth / image.width());
        }
        at.insertImage(format);
    });
}

void RichTextEditor::updateToolBar()
{
    const QTextCharFormat format = m_textEdit->currentCharFormat();
    const QTextCursor cursor = m_textEdit->textCursor();
    const int heading = cursor.blockFormat().headingLevel();
    m_boldAction->setChecked(heading == 0 && format.fontWeight() >= QFont::DemiBold);
    m_italicAction->setChecked(format.fontItalic());
    m_underlineAction->setChecked(format.fontUnderline());
    const QTextList* list = cursor.currentList();
    m_bulletListAction->setChecked(list && !isOrderedList(list));
    m_numberedListAction->setChecked(list && isOrderedList(list));
    m_headingComboBox->setCurrentIndex(list ? 0 : std::clamp(heading, 0, 3));
    const Qt::Alignment alignment = m_textEdit->alignment() & Qt::AlignHorizontal_Mask;
    m_alignCenterAction->setChecked(alignment & Qt::AlignHCenter);
    m_alignRightAction->setChecked(!(alignment & Qt::AlignHCenter) &&
                                   (alignment & (Qt::AlignRight | Qt::AlignTrailing)));
    m_alignLeftAction->setChecked(!m_alignCenterAction->isChecked() && !m_alignRightAction->isChecked());
}

} // namespace xd
