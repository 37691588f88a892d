#include "ArticleEditorDialog.h"

#include "ImageThumbnailLoader.h"
#include "xiaodian/ArticleRules.h"
#include "xiaodian/Id.h"

#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace xd {

namespace {

constexpr int CoverPreviewWidth = 160;
constexpr int CoverPreviewHeight = 90;

} // namespace

ArticleEditorDialog::ArticleEditorDialog(QWidget* parent)
    : QDialog(parent), m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_titleLabel = new QLabel(this);
    m_titleLineEdit = new QLineEdit(this);
    m_titleLineEdit->setObjectName(QStringLiteral("titleLineEdit"));
    m_titleLineEdit->setMaxLength(ArticleRules::MaxTitleLength);
    m_titleLabel->setBuddy(m_titleLineEdit);

    m_categoryLabel = new QLabel(this);
    m_categoryLineEdit = new QLineEdit(this);
    m_categoryLineEdit->setObjectName(QStringLiteral("categoryLineEdit"));
    m_categoryLineEdit->setMaxLength(ArticleRules::MaxCategoryLength);
    m_categoryLabel->setBuddy(m_categoryLineEdit);

    m_coverLabel = new QLabel(this);
    m_coverPreviewLabel = new QLabel(this);
    m_coverPreviewLabel->setObjectName(QStringLiteral("coverPreviewLabel"));
    m_coverPreviewLabel->setFixedSize(CoverPreviewWidth, CoverPreviewHeight);
    m_coverPreviewLabel->setAlignment(Qt::AlignCenter);
    m_coverPreviewLabel->setFrameShape(QFrame::StyledPanel);
    m_coverPreviewLabel->setWordWrap(true);
    m_coverChoosePushButton = new QPushButton(this);
    m_coverChoosePushButton->setObjectName(QStringLiteral("coverChoosePushButton"));
    m_coverRemovePushButton = new QPushButton(this);
    m_coverRemovePushButton->setObjectName(QStringLiteral("coverRemovePushButton"));
    auto* coverButtons = new QVBoxLayout;
    coverButtons->addWidget(m_coverChoosePushButton);
    coverButtons->addWidget(m_coverRemovePushButton);
    coverButtons->addStretch(1);
    // Fixed-height rows: the body editor takes the dialog's spare height.
    auto* coverWidget = new QWidget(this);
    coverWidget->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto* coverRow = new QHBoxLayout(coverWidget);
    coverRow->setContentsMargins(0, 0, 0, 0);
    coverRow->addWidget(m_coverPreviewLabel);
    coverRow->addLayout(coverButtons);
    coverRow->addStretch(1);

    m_summaryLabel = new QLabel(this);
    m_summaryPlainTextEdit = new QPlainTextEdit(this);
    m_summaryPlainTextEdit->setObjectName(QStringLiteral("summaryPlainTextEdit"));
    m_summaryPlainTextEdit->setFixedHeight(m_summaryPlainTextEdit->fontMetrics().lineSpacing() * 3 + 12);
    m_summaryPlainTextEdit->setTabChangesFocus(true);
    m_summaryLabel->setBuddy(m_summaryPlainTextEdit);
    m_summaryCountLabel = new QLabel(this);
    m_summaryCountLabel->setObjectName(QStringLiteral("summaryCountLabel"));
    m_summaryCountLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* summaryWidget = new QWidget(this);
    summaryWidget->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto* summaryColumn = new QVBoxLayout(summaryWidget);
    summaryColumn->setContentsMargins(0, 0, 0, 0);
    summaryColumn->setSpacing(2);
    summaryColumn->addWidget(m_summaryPlainTextEdit);
    summaryColumn->addWidget(m_summaryCountLabel, 0, Qt::AlignRight);

    m_bodyLabel = new QLabel(this);
    m_bodyEditor = new RichTextEditor(this);
    m_bodyEditor->setObjectName(QStringLiteral("bodyEditor"));
    m_bodyEditor->setMinimumHeight(260);
    m_bodyEditor->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

    m_publishingLabel = new QLabel(this);
    m_draftRadioButton = new QRadioButton(this);
    m_draftRadioButton->setObjectName(QStringLiteral("draftRadioButton"));
    m_publishNowRadioButton = new QRadioButton(this);
    m_publishNowRadioButton->setObjectName(QStringLiteral("publishNowRadioButton"));
    m_scheduleRadioButton = new QRadioButton(this);
    m_scheduleRadioButton->setObjectName(QStringLiteral("scheduleRadioButton"));
    m_scheduleDateTimeEdit = new QDateTimeEdit(this);
    m_scheduleDateTimeEdit->setObjectName(QStringLiteral("scheduleDateTimeEdit"));
    m_scheduleDateTimeEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_scheduleDateTimeEdit->setCalendarPopup(true);
    m_draftRadioButton->setChecked(true);
    auto* publishingRow = new QHBoxLayout;
    publishingRow->addWidget(m_draftRadioButton);
    publishingRow->addWidget(m_publishNowRadioButton);
    publishingRow->addWidget(m_scheduleRadioButton);
    publishingRow->addWidget(m_scheduleDateTimeEdit);
    publishingRow->addStretch(1);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #cf1322;"));
    m_errorLabel->hide();

    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttonBox->setObjectName(QStringLiteral("buttonBox"));

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_titleLabel, m_titleLineEdit);
    form->addRow(m_categoryLabel, m_categoryLineEdit);
    form->addRow(m_coverLabel, coverWidget);
    form->addRow(m_summaryLabel, summaryWidget);
    form->addRow(m_bodyLabel, m_bodyEditor);
    form->addRow(m_publishingLabel, publishingRow);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttonBox);

    connect(m_buttonBox, &QDialogButtonBox::accepted, this, &ArticleEditorDialog::accept);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &ArticleEditorDialog::reject);
    connect(m_coverChoosePushButton, &QPushButton::clicked, this, &ArticleEditorDialog::chooseCover);
    connect(m_coverRemovePushButton, &QPushButton::clicked, this, &ArticleEditorDialog::removeCover);
    connect(m_summaryPlainTextEdit, &QPlainTextEdit::textChanged, this, &ArticleEditorDialog::updateState);
    const auto modified = [this] {
        m_modified = true;
    };
    connect(m_titleLineEdit, &QLineEdit::textEdited, this, modified);
    connect(m_categoryLineEdit, &QLineEdit::textEdited, this, modified);
    connect(m_summaryPlainTextEdit, &QPlainTextEdit::textChanged, this, modified);
    connect(m_bodyEditor, &RichTextEditor::changed, this, modified);
    connect(m_scheduleDateTimeEdit, &QDateTimeEdit::dateTimeChanged, this, modified);
    for (QRadioButton* button : {m_draftRadioButton, m_publishNowRadioButton, m_scheduleRadioButton})
        connect(button, &QRadioButton::clicked, this, modified);
    m_confirmDiscard = [this] {
        return QMessageBox::question(this,
                                     tr("Discard changes"),
                                     tr("Close the editor and discard the changes to this article?"),
                                     QMessageBox::Discard | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Discard;
    };
    for (QRadioButton* button : {m_draftRadioButton, m_publishNowRadioButton, m_scheduleRadioButton})
        connect(button, &QRadioButton::toggled, this, &ArticleEditorDialog::updateState);
    connect(m_bodyEditor, &RichTextEditor::imageUploadFailed, this, [this](const QString& message) {
        showError(tr("The picture was not uploaded: %1").arg(message));
    });

    resize(820, 760);
    retranslateUi();
    setPublishing(Publishing::Draft);
    m_modified = false;
}

ArticleEditorDialog::~ArticleEditorDialog() = default;

void ArticleEditorDialog::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
    updateState();
}

void ArticleEditorDialog::setArticle(const Article& article)
{
    m_id = article.id;
    m_cover = article.cover;
    m_wasPublished = article.published;
    m_publishAtMs = article.publishAtMs;
    m_titleLineEdit->setText(article.title);
    m_categoryLineEdit->setText(article.category);
    m_summaryPlainTextEdit->setPlainText(article.summary);
    m_bodyEditor->setHtml(article.body);
    m_coverPreviewLabel->setPixmap(QPixmap());
    loadCoverPreview();
    switch (article.state(m_nowMs())) {
    case Article::State::Draft:
        setPublishing(Publishing::Draft);
        break;
    case Article::State::Scheduled:
        setPublishing(Publishing::Scheduled, article.publishAtMs);
        break;
    case Article::State::Published:
        setPublishing(Publishing::Now);
        break;
    }
    retranslateUi();
    m_modified = false;
}

void ArticleEditorDialog::setDiscardPrompt(std::function<bool()> confirmDiscard)
{
    m_confirmDiscard = std::move(confirmDiscard);
}

void ArticleEditorDialog::reject()
{
    if (m_modified && m_confirmDiscard && !m_confirmDiscard())
        return;
    QDialog::reject();
}

void ArticleEditorDialog::setBodyImageUploader(RichTextEditor::ImageUploader uploader)
{
    m_bodyEditor->setImageUploader(std::move(uploader));
}

void ArticleEditorDialog::setCoverUploader(CoverUploader uploader)
{
    m_coverUploader = std::move(uploader);
    updateState();
}

void ArticleEditorDialog::setImageLocation(const QUrl& serverUrl, const QString& shopId)
{
    m_serverUrl = serverUrl;
    m_shopId = shopId;
    m_bodyEditor->setImageBaseUrl(serverUrl);
    loadCoverPreview();
}

void ArticleEditorDialog::loadCoverPreview()
{
    if (m_cover.isEmpty() || !m_serverUrl.isValid() || m_shopId.isEmpty() || !Id::isValid(m_cover))
        return;
    if (!m_thumbnails) {
        m_thumbnails = new ImageThumbnailLoader(this);
        connect(m_thumbnails, &ImageThumbnailLoader::loaded, this, [this](const QString& id, const QPixmap& picture) {
            if (id == m_cover) // the user may have chosen another cover meanwhile
                setCoverPreview(picture);
        });
    }
    m_thumbnails->setImageLocation(m_serverUrl, m_shopId);
    if (const QPixmap cached = m_thumbnails->thumbnail(m_cover); !cached.isNull())
        setCoverPreview(cached);
}

void ArticleEditorDialog::setCoverPreview(const QPixmap& picture)
{
    m_coverPreviewLabel->setPixmap(
        picture.scaled(CoverPreviewWidth, CoverPreviewHeight, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    updateState();
}

QJsonObject ArticleEditorDialog::arguments() const
{
    QJsonObject args{{QStringLiteral("title"), m_titleLineEdit->text().trimmed()},
                     {QStringLiteral("cover"), m_cover.isNull() ? QStringLiteral("") : m_cover},
                     {QStringLiteral("summary"), m_summaryPlainTextEdit->toPlainText().trimmed()},
                     {QStringLiteral("body"), m_bodyEditor->html()},
                     {QStringLiteral("category"), m_categoryLineEdit->text().trimmed()},
                     {QStringLiteral("published"), publishing() != Publishing::Draft}};
    if (!m_id.isEmpty())
        args.insert(QStringLiteral("id"), m_id);
    // "Now" sends no time: the server stamps a first publish and keeps the time of one already published.
    if (publishing() == Publishing::Scheduled)
        args.insert(QStringLiteral("publishAtMs"), m_scheduleDateTimeEdit->dateTime().toMSecsSinceEpoch());
    return args;
}

ArticleEditorDialog::Publishing ArticleEditorDialog::publishing() const
{
    if (m_scheduleRadioButton->isChecked())
        return Publishing::Scheduled;
    return m_publishNowRadioButton->isChecked() ? Publishing::Now : Publishing::Draft;
}

void ArticleEditorDialog::setPublishing(Publishing publishing, qint64 atMs)
{
    m_draftRadioButton->setChecked(publishing == Publishing::Draft);
    m_publishNowRadioButton->setChecked(publishing == Publishing::Now);
    m_scheduleRadioButton->setChecked(publishing == Publishing::Scheduled);
    // A new schedule starts tomorrow at this hour; minutes are enough for a publish time.
    const qint64 start = atMs > 0 ? atMs : m_nowMs() + 24 * 3'600'000LL;
    QDateTime when = QDateTime::fromMSecsSinceEpoch(start);
    when.setTime(QTime(when.time().hour(), when.time().minute()));
    m_scheduleDateTimeEdit->setDateTime(when);
    updateState();
}

QString ArticleEditorDialog::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

void ArticleEditorDialog::accept()
{
    if (m_uploadsInFlight > 0)
        return showError(tr("Wait until the cover picture is uploaded."));
    if (m_titleLineEdit->text().trimmed().isEmpty()) {
        m_titleLineEdit->setFocus();
        return showError(tr("Give the article a title."));
    }
    if (publishing() == Publishing::Scheduled && m_scheduleDateTimeEdit->dateTime().toMSecsSinceEpoch() <= m_nowMs()) {
        m_scheduleDateTimeEdit->setFocus();
        return showError(tr("The scheduled time has passed. Choose a later time, or publish now."));
    }
    // The shared rules judge exactly as the server will; an id is made up only to ask them.
    QJsonObject args = arguments();
    if (!args.contains(QStringLiteral("id")))
        args.insert(QStringLiteral("id"), Id::create());
    if (auto valid = ArticleRules::normalizeArticle(args); !valid)
        return showError(valid.error().message);
    m_errorLabel->hide();
    QDialog::accept();
}

void ArticleEditorDialog::chooseCover()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a cover picture"), QString(), tr("Pictures (*.png *.jpg *.jpeg)"));
    if (!path.isEmpty())
        uploadCover(path);
}

void ArticleEditorDialog::uploadCover(const QString& filePath)
{
    if (!m_coverUploader)
        return;
    QPixmap preview(filePath);
    if (preview.isNull())
        return showError(tr("This file is not a picture Xiaodian can read."));
    ++m_uploadsInFlight;
    m_errorLabel->hide();
    updateState();
    m_coverUploader(filePath, [self = QPointer<ArticleEditorDialog>(this), preview](Result<QString> id) {
        if (!self)
            return;
        --self->m_uploadsInFlight;
        if (!id) {
            self->showError(tr("The cover was not uploaded: %1").arg(id.error().message));
        } else {
            self->m_cover = *id;
            self->m_modified = true;
            self->setCoverPreview(preview);
        }
        self->updateState();
    });
}

void ArticleEditorDialog::removeCover()
{
    m_modified = m_modified || !m_cover.isEmpty();
    m_cover.clear();
    m_coverPreviewLabel->setPixmap(QPixmap());
    updateState();
}

void ArticleEditorDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ArticleEditorDialog::retranslateUi()
{
    setWindowTitle(m_id.isEmpty() ? tr("New article") : tr("Edit article"));
    m_titleLabel->setText(tr("&Title:"));
    m_titleLineEdit->setPlaceholderText(tr("Up to %1 characters").arg(ArticleRules::MaxTitleLength));
    m_categoryLabel->setText(tr("&Category:"));
    m_categoryLineEdit->setPlaceholderText(tr("Optional, e.g. News or Recipes"));
    m_coverLabel->setText(tr("Cover:"));
    m_coverChoosePushButton->setText(tr("C&hoose picture…"));
    m_coverRemovePushButton->setText(tr("Re&move"));
    m_summaryLabel->setText(tr("&Summary:"));
    m_summaryPlainTextEdit->setPlaceholderText(tr("Shown under the title in the list"));
    m_bodyLabel->setText(tr("Body:"));
    m_bodyEditor->setPlaceholderText(tr("Write the article here"));
    m_publishingLabel->setText(tr("Publishing:"));
    m_draftRadioButton->setText(tr("Save as &draft"));
    m_publishNowRadioButton->setText(m_wasPublished ? tr("&Published") : tr("Publish &now"));
    m_scheduleRadioButton->setText(tr("Sc&hedule at"));
    updateState();
}

void ArticleEditorDialog::updateState()
{
    const int summaryLength = int(m_summaryPlainTextEdit->toPlainText().trimmed().size());
    m_summaryCountLabel->setText(tr("%1 / %2").arg(summaryLength).arg(ArticleRules::MaxSummaryLength));
    m_summaryCountLabel->setForegroundRole(summaryLength > ArticleRules::MaxSummaryLength ? QPalette::Highlight
                                                                                          : QPalette::PlaceholderText);
    m_scheduleDateTimeEdit->setEnabled(m_scheduleRadioButton->isChecked());
    m_coverChoosePushButton->setVisible(bool(m_coverUploader));
    m_coverChoosePushButton->setEnabled(m_uploadsInFlight == 0);
    m_coverRemovePushButton->setEnabled(!m_cover.isEmpty() && m_uploadsInFlight == 0);
    if (m_uploadsInFlight > 0)
        m_coverPreviewLabel->setText(tr("Uploading…"));
    else if (m_cover.isEmpty())
        m_coverPreviewLabel->setText(tr("No cover"));
    else if (m_coverPreviewLabel->pixmap().isNull()) // setText() would drop a preview
        m_coverPreviewLabel->setText(tr("Cover set"));
}

void ArticleEditorDialog::showError(const QString& message)
{
    m_errorLabel->setText(message);
    m_errorLabel->show();
}

} // namespace xd
