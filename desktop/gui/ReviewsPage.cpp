#include "ReviewsPage.h"

#include "PageHeader.h"
#include "xiaodian/ReviewRules.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace xd {

namespace {

enum Column {
    ProductColumn,
    RatingColumn,
    TextColumn,
    CustomerColumn,
    DateColumn,
    PhotosColumn,
    ReplyColumn,
    StatusColumn,
    ColumnCount
};

// Characters as ReviewRules counts them (code points).
int codePoints(const QString& text)
{
    return int(text.toUcs4().size());
}

} // namespace

ReviewsPage::ReviewsPage(QWidget* parent) : QWidget(parent)
{
    m_titleLabel = createPageTitleLabel(this);
    m_descriptionLabel = createPageDescriptionLabel(this);

    m_ratingComboBox = new QComboBox(this);
    m_ratingComboBox->setObjectName(QStringLiteral("ratingComboBox"));
    m_visibilityComboBox = new QComboBox(this);
    m_visibilityComboBox->setObjectName(QStringLiteral("visibilityComboBox"));
    m_answerComboBox = new QComboBox(this);
    m_answerComboBox->setObjectName(QStringLiteral("answerComboBox"));
    for (int i = 0; i <= ReviewRules::MaxRating; ++i)
        m_ratingComboBox->addItem(QString(), i); // texts: retranslateUi
    for (int i = 0; i < 3; ++i) {
        m_visibilityComboBox->addItem(QString(), i);
        m_answerComboBox->addItem(QString(), i);
    }
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_replyPushButton = new QPushButton(this);
    m_replyPushButton->setObjectName(QStringLiteral("replyPushButton"));
    m_hidePushButton = new QPushButton(this);
    m_hidePushButton->setObjectName(QStringLiteral("hidePushButton"));

    auto* filterLayout = new QHBoxLayout;
    filterLayout->addWidget(m_ratingComboBox);
    filterLayout->addWidget(m_visibilityComboBox);
    filterLayout->addWidget(m_answerComboBox);
    filterLayout->addWidget(m_countLabel, 1);
    filterLayout->addWidget(m_replyPushButton);
    filterLayout->addWidget(m_hidePushButton);

    m_reviewsTableWidget = new QTableWidget(0, ColumnCount, this);
    m_reviewsTableWidget->setObjectName(QStringLiteral("reviewsTableWidget"));
    m_reviewsTableWidget->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_reviewsTableWidget->setSelectionMode(QAbstractItemView::SingleSelection);
    m_reviewsTableWidget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reviewsTableWidget->setWordWrap(true);
    m_reviewsTableWidget->verticalHeader()->hide();
    m_reviewsTableWidget->horizontalHeader()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    m_reviewsTableWidget->horizontalHeader()->setSectionResizeMode(ReplyColumn, QHeaderView::Stretch);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_descriptionLabel);
    layout->addLayout(filterLayout);
    layout->addWidget(m_reviewsTableWidget, 1);

    m_prompts.warn = [this](const QString& message) {
        QMessageBox::warning(this, tr("Reviews"), message);
    };
    m_prompts.runDialog = [](QDialog& dialog) {
        return dialog.exec() == QDialog::Accepted;
    };

    for (QComboBox* combo : {m_ratingComboBox, m_visibilityComboBox, m_answerComboBox})
        connect(combo, &QComboBox::currentIndexChanged, this, &ReviewsPage::reload);
    connect(m_replyPushButton, &QPushButton::clicked, this, &ReviewsPage::replySelected);
    connect(m_hidePushButton, &QPushButton::clicked, this, &ReviewsPage::toggleHiddenSelected);
    connect(m_reviewsTableWidget, &QTableWidget::itemSelectionChanged, this, &ReviewsPage::updateActions);
    connect(m_reviewsTableWidget, &QTableWidget::cellDoubleClicked, this, &ReviewsPage::replySelected);

    retranslateUi();
    setService(nullptr);
}

ReviewsPage::~ReviewsPage() = default;

void ReviewsPage::setService(ReviewService* service)
{
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    if (m_service)
        connect(m_service, &ReviewService::reviewsChanged, this, &ReviewsPage::reload);
    setEnabled(m_service != nullptr);
    reload();
}

void ReviewsPage::setPrompts(Prompts prompts)
{
    m_prompts = std::move(prompts);
}

QString ReviewsPage::stars(int rating)
{
    const int filled = std::clamp(rating, 0, ReviewRules::MaxRating);
    return QString(filled, QChar(0x2605)) + QString(ReviewRules::MaxRating - filled, QChar(0x2606));
}

ReviewQuery ReviewsPage::query() const
{
    ReviewQuery query;
    query.rating = m_ratingComboBox->currentData().toInt();
    query.visibility = static_cast<ReviewQuery::Visibility>(m_visibilityComboBox->currentData().toInt());
    query.answer = static_cast<ReviewQuery::Answer>(m_answerComboBox->currentData().toInt());
    return query;
}

void ReviewsPage::reload()
{
    const QString selected = currentReviewId();
    m_reviews.clear();
    if (m_service) {
        const ReviewQuery q = query();
        auto count = m_service->count(q);
        auto reviews = m_service->list(q, 0, PageSize);
        if (count && reviews) {
            m_reviews = *reviews;
            m_countLabel->setText(*count > m_reviews.size()
                                      ? tr("%1 reviews (the newest %2 shown)").arg(*count).arg(m_reviews.size())
                                      : tr("%n review(s)", nullptr, *count));
        } else {
            m_countLabel->setText(count ? reviews.error().message : count.error().message);
        }
    } else {
        m_countLabel->clear();
    }
    const QSignalBlocker blocker(m_reviewsTableWidget);
    m_reviewsTableWidget->setRowCount(int(m_reviews.size()));
    for (int row = 0; row < m_reviews.size(); ++row) {
        const Review& review = m_reviews.at(row);
        QStringList status;
        if (review.hidden)
            status << tr("Hidden");
        if (review.pending)
            status << tr("Not sent yet");
        const QStringList cells{
            review.skuLabel.isEmpty() ? review.productName
                                      : QStringLiteral("%1 (%2)").arg(review.productName, review.skuLabel),
            stars(review.rating),
            review.text,
            review.customerNickname,
            QDateTime::fromMSecsSinceEpoch(review.createdAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            review.images.isEmpty() ? QString() : QString::number(review.images.size()),
            review.reply,
            status.join(QStringLiteral("、")),
        };
        for (int column = 0; column < ColumnCount; ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, review.id);
            if (column == RatingColumn)
                item->setToolTip(tr("%n star(s)", nullptr, review.rating));
            if (review.hidden)
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            m_reviewsTableWidget->setItem(row, column, item);
        }
    }
    selectReview(selected);
    updateActions();
}

QString ReviewsPage::currentReviewId() const
{
    const int row = m_reviewsTableWidget->currentRow();
    if (row < 0 || row >= m_reviews.size() || m_reviewsTableWidget->selectedItems().isEmpty())
        return {};
    return m_reviews.at(row).id;
}

void ReviewsPage::selectReview(const QString& id)
{
    for (int row = 0; row < m_reviews.size(); ++row) {
        if (m_reviews.at(row).id == id) {
            m_reviewsTableWidget->selectRow(row);
            return;
        }
    }
    m_reviewsTableWidget->clearSelection();
}

std::optional<Review> ReviewsPage::currentReview() const
{
    const QString id = currentReviewId();
    for (const Review& review : m_reviews) {
        if (review.id == id)
            return review;
    }
    return std::nullopt;
}

void ReviewsPage::updateActions()
{
    const auto review = currentReview();
    const bool canReply = m_service && m_service->can(ReviewService::ReplyOperation);
    const bool canHide = m_service && m_service->can(ReviewService::SetHiddenOperation);
    m_replyPushButton->setEnabled(review && canReply);
    m_hidePushButton->setVisible(canHide); // the owner's decision: a clerk does not see it
    m_hidePushButton->setEnabled(review && canHide);
    m_hidePushButton->setText(review && review->hidden ? tr("Show on product page") : tr("Hide from product page"));
}

void ReviewsPage::report(const Status& status)
{
    if (!status)
        m_prompts.warn(status.error().message);
}

void ReviewsPage::replySelected()
{
    const auto review = currentReview();
    if (!review || !m_service || !m_service->can(ReviewService::ReplyOperation))
        return;
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("replyDialog"));
    dialog.setWindowTitle(tr("Reply to %1").arg(review->customerNickname));
    auto* quote = new QLabel(QStringLiteral("%1  %2").arg(stars(review->rating), review->text), &dialog);
    quote->setWordWrap(true);
    quote->setTextFormat(Qt::PlainText);
    auto* edit = new QPlainTextEdit(&dialog);
    edit->setObjectName(QStringLiteral("replyTextEdit"));
    edit->setPlaceholderText(tr("Your answer, shown under the review on the product page"));
    edit->setPlainText(review->reply);
    auto* counter = new QLabel(&dialog);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Reply"));
    const auto update = [edit, counter, ok] {
        const int used = codePoints(edit->toPlainText().trimmed());
        counter->setText(tr("%1 / %2").arg(used).arg(ReviewRules::MaxReplyLength));
        ok->setEnabled(used >= 1 && used <= ReviewRules::MaxReplyLength);
    };
    connect(edit, &QPlainTextEdit::textChanged, &dialog, update);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(quote);
    layout->addWidget(edit);
    layout->addWidget(counter, 0, Qt::AlignRight);
    layout->addWidget(buttons);
    update();
    if (!m_prompts.runDialog(dialog) || !m_service)
        return;
    auto mid = m_service->reply(review->id, edit->toPlainText());
    report(mid ? Status() : Status(mid.error()));
}

void ReviewsPage::toggleHiddenSelected()
{
    const auto review = currentReview();
    if (!review || !m_service)
        return;
    auto mid = m_service->setHidden(review->id, !review->hidden);
    report(mid ? Status() : Status(mid.error()));
}

void ReviewsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ReviewsPage::retranslateUi()
{
    m_titleLabel->setText(tr("Reviews"));
    m_descriptionLabel->setText(tr("What customers wrote about their orders. Answer them, or take a review off the "
                                   "product page; changes made without a connection are sent when the shop is "
                                   "online again."));
    m_ratingComboBox->setItemText(0, tr("All ratings"));
    for (int i = 1; i <= ReviewRules::MaxRating; ++i)
        m_ratingComboBox->setItemText(i, tr("%n star(s)", nullptr, i));
    m_visibilityComboBox->setItemText(0, tr("Shown and hidden"));
    m_visibilityComboBox->setItemText(1, tr("Shown"));
    m_visibilityComboBox->setItemText(2, tr("Hidden"));
    m_answerComboBox->setItemText(0, tr("Answered or not"));
    m_answerComboBox->setItemText(1, tr("Answered"));
    m_answerComboBox->setItemText(2, tr("Not answered"));
    m_replyPushButton->setText(tr("Reply…"));
    m_reviewsTableWidget->setHorizontalHeaderLabels({tr("Product"),
                                                     tr("Rating"),
                                                     tr("Review"),
                                                     tr("Customer"),
                                                     tr("Date"),
                                                     tr("Photos"),
                                                     tr("Reply"),
                                                     tr("Status")});
    updateActions();
    if (m_service)
        reload(); // the count and status words
}

} // namespace xd
