#include "ArticlesPage.h"

#include "ArticleService.h"
#include "ArticleTableModel.h"
#include "PageHeader.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QShowEvent>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace xd {

namespace {

constexpr int FilterDelayMs = 250;
constexpr int ReloadDelayMs = 150;

} // namespace

ArticlesPage::ArticlesPage(QWidget* parent) : QWidget(parent)
{
    m_model = new ArticleTableModel(this);

    m_titleLabel = createPageTitleLabel(this);
    m_descriptionLabel = createPageDescriptionLabel(this);

    m_searchLineEdit = new QLineEdit(this);
    m_searchLineEdit->setObjectName(QStringLiteral("searchLineEdit"));
    m_searchLineEdit->setClearButtonEnabled(true);
    m_searchLineEdit->setMaximumWidth(280);
    m_stateComboBox = new QComboBox(this);
    m_stateComboBox->setObjectName(QStringLiteral("stateComboBox"));
    for (const auto state : {ArticleQuery::StateFilter::Any,
                             ArticleQuery::StateFilter::Published,
                             ArticleQuery::StateFilter::Scheduled,
                             ArticleQuery::StateFilter::Draft})
        m_stateComboBox->addItem(QString(), int(state));
    m_sortComboBox = new QComboBox(this);
    m_sortComboBox->setObjectName(QStringLiteral("sortComboBox"));
    m_sortComboBox->addItem(QString(), int(ArticleQuery::Sort::PublishTime));
    m_sortComboBox->addItem(QString(), int(ArticleQuery::Sort::UpdateTime));
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* filterLayout = new QHBoxLayout;
    filterLayout->addWidget(m_searchLineEdit, 1);
    filterLayout->addWidget(m_stateComboBox);
    filterLayout->addWidget(m_sortComboBox);
    filterLayout->addStretch(1);
    filterLayout->addWidget(m_countLabel);

    m_newPushButton = new QPushButton(this);
    m_newPushButton->setObjectName(QStringLiteral("newPushButton"));
    m_editPushButton = new QPushButton(this);
    m_editPushButton->setObjectName(QStringLiteral("editPushButton"));
    m_deletePushButton = new QPushButton(this);
    m_deletePushButton->setObjectName(QStringLiteral("deletePushButton"));
    m_publishPushButton = new QPushButton(this);
    m_publishPushButton->setObjectName(QStringLiteral("publishPushButton"));
    m_unpublishPushButton = new QPushButton(this);
    m_unpublishPushButton->setObjectName(QStringLiteral("unpublishPushButton"));
    auto* actionsLayout = new QHBoxLayout;
    actionsLayout->addWidget(m_newPushButton);
    actionsLayout->addSpacing(12);
    actionsLayout->addWidget(m_editPushButton);
    actionsLayout->addWidget(m_publishPushButton);
    actionsLayout->addWidget(m_unpublishPushButton);
    actionsLayout->addWidget(m_deletePushButton);
    actionsLayout->addStretch(1);

    m_articlesTableView = new QTableView(this);
    m_articlesTableView->setObjectName(QStringLiteral("articlesTableView"));
    m_articlesTableView->setModel(m_model);
    m_articlesTableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_articlesTableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_articlesTableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_articlesTableView->setAlternatingRowColors(true);
    m_articlesTableView->setShowGrid(false);
    m_articlesTableView->setWordWrap(false);
    // Fixed row heights: a view that measured rows would read every page of a 100,000-row model.
    m_articlesTableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_articlesTableView->verticalHeader()->hide();
    m_articlesTableView->horizontalHeader()->setHighlightSections(false);
    m_articlesTableView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_articlesTableView->horizontalHeader()->setStretchLastSection(true);
    m_articlesTableView->setColumnWidth(ArticleTableModel::Title, 360);
    m_articlesTableView->setColumnWidth(ArticleTableModel::Category, 120);
    m_articlesTableView->setColumnWidth(ArticleTableModel::State, 150);
    m_articlesTableView->setColumnWidth(ArticleTableModel::PublishTime, 150);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(8);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_descriptionLabel);
    layout->addLayout(filterLayout);
    layout->addLayout(actionsLayout);
    layout->addWidget(m_articlesTableView, 1);

    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &ArticlesPage::applyFilter);
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(ReloadDelayMs);
    connect(m_reloadTimer, &QTimer::timeout, this, &ArticlesPage::reload);
    connect(m_searchLineEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_searchLineEdit, &QLineEdit::returnPressed, this, &ArticlesPage::applyFilter);
    connect(m_stateComboBox, &QComboBox::currentIndexChanged, this, &ArticlesPage::applyFilter);
    connect(m_sortComboBox, &QComboBox::currentIndexChanged, this, &ArticlesPage::applyFilter);
    connect(m_newPushButton, &QPushButton::clicked, this, &ArticlesPage::newArticle);
    connect(m_editPushButton, &QPushButton::clicked, this, &ArticlesPage::editSelected);
    connect(m_deletePushButton, &QPushButton::clicked, this, &ArticlesPage::deleteSelected);
    connect(m_publishPushButton, &QPushButton::clicked, this, &ArticlesPage::publishSelected);
    connect(m_unpublishPushButton, &QPushButton::clicked, this, &ArticlesPage::unpublishSelected);
    connect(m_articlesTableView, &QTableView::doubleClicked, this, &ArticlesPage::editSelected);
    auto* deleteAction = new QAction(m_articlesTableView);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_articlesTableView->addAction(deleteAction);
    connect(deleteAction, &QAction::triggered, this, [this] {
        if (m_deletePushButton->isEnabled())
            deleteSelected();
    });
    connect(m_articlesTableView->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &ArticlesPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ArticlesPage::updateActions);

    m_prompts.confirmDelete = [this](const QString& title) {
        QMessageBox question(QMessageBox::Question,
                             tr("Delete article"),
                             tr("Delete “%1”? It disappears from the mini-program.").arg(title),
                             QMessageBox::NoButton,
                             this);
        question.setObjectName(QStringLiteral("confirmMessageBox"));
        QPushButton* remove = question.addButton(tr("Delete"), QMessageBox::DestructiveRole);
        question.addButton(QMessageBox::Cancel);
        question.setDefaultButton(QMessageBox::Cancel);
        question.exec();
        return question.clickedButton() == remove;
    };
    m_prompts.warn = [this](const QString& message) {
        QMessageBox::warning(this, tr("Articles"), message);
    };
    m_prompts.runEditor = [](ArticleEditorDialog& dialog) {
        return dialog.exec() == QDialog::Accepted;
    };

    retranslateUi();
    updateActions();
}

ArticlesPage::~ArticlesPage() = default;

void ArticlesPage::setService(ArticleService* service)
{
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    if (m_service)
        connect(m_service, &ArticleService::articlesChanged, this, &ArticlesPage::scheduleReload);
    m_model->setService(service);
    setEnabled(service != nullptr);
    updateActions();
}

void ArticlesPage::setPrompts(Prompts prompts)
{
    if (prompts.confirmDelete)
        m_prompts.confirmDelete = std::move(prompts.confirmDelete);
    if (prompts.warn)
        m_prompts.warn = std::move(prompts.warn);
    if (prompts.runEditor)
        m_prompts.runEditor = std::move(prompts.runEditor);
}

void ArticlesPage::setUploaders(RichTextEditor::ImageUploader bodyImages, ArticleEditorDialog::CoverUploader covers)
{
    m_bodyUploader = std::move(bodyImages);
    m_coverUploader = std::move(covers);
}

void ArticlesPage::setImageLocation(const QUrl& serverUrl, const QString& shopId)
{
    m_serverUrl = serverUrl;
    m_shopId = shopId;
}

QString ArticlesPage::selectedArticleId() const
{
    const QModelIndexList rows = m_articlesTableView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(ArticleTableModel::IdRole).toString();
}

void ArticlesPage::selectArticle(const QString& id)
{
    const QModelIndex index = m_model->indexFromId(id);
    if (!index.isValid()) {
        m_articlesTableView->clearSelection();
        return;
    }
    m_articlesTableView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_articlesTableView->scrollTo(index);
}

void ArticlesPage::scheduleReload()
{
    m_reloadPending = true;
    if (isVisible() && !m_reloadTimer->isActive())
        m_reloadTimer->start();
}

void ArticlesPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_reloadPending)
        reload();
}

void ArticlesPage::reload()
{
    m_reloadPending = false;
    m_reloadTimer->stop();
    // Every change resets the model; the selection follows the article and the view keeps its place.
    const QString selectedId = selectedArticleId();
    const int scroll = m_articlesTableView->verticalScrollBar()->value();
    m_model->reload();
    m_articlesTableView->verticalScrollBar()->setValue(scroll);
    if (const QModelIndex index = m_model->indexFromId(selectedId); index.isValid())
        m_articlesTableView->selectionModel()->select(index,
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateActions();
}

void ArticlesPage::applyFilter()
{
    m_filterTimer->stop();
    ArticleQuery query;
    query.titleContains = m_searchLineEdit->text().trimmed();
    query.state = ArticleQuery::StateFilter(m_stateComboBox->currentData().toInt());
    query.sort = ArticleQuery::Sort(m_sortComboBox->currentData().toInt());
    m_model->setQuery(query);
    m_articlesTableView->scrollToTop();
    updateActions();
}

void ArticlesPage::newArticle()
{
    if (!m_service || !m_service->can(QStringLiteral("article.save")))
        return;
    ArticleEditorDialog dialog(this);
    runEditor(dialog);
}

void ArticlesPage::editSelected()
{
    const QString id = selectedArticleId();
    if (!m_service || id.isEmpty())
        return;
    auto article = m_service->article(id);
    if (!article)
        return report(article.error());
    if (!*article)
        return m_prompts.warn(tr("This article was deleted meanwhile."));
    ArticleEditorDialog dialog(this);
    dialog.setArticle(**article);
    runEditor(dialog);
}

void ArticlesPage::runEditor(ArticleEditorDialog& dialog)
{
    dialog.setObjectName(QStringLiteral("articleEditorDialog"));
    // The session may end while the dialog is open (the service goes with it).
    dialog.setClock([service = m_service] { return service ? service->nowMs() : QDateTime::currentMSecsSinceEpoch(); });
    if (m_bodyUploader)
        dialog.setBodyImageUploader(m_bodyUploader);
    if (m_coverUploader)
        dialog.setCoverUploader(m_coverUploader);
    dialog.setImageLocation(m_serverUrl, m_shopId);
    if (!m_prompts.runEditor(dialog) || !m_service)
        return;
    QString id;
    auto mid = m_service->saveArticle(dialog.arguments(), &id);
    if (!mid)
        return report(mid.error());
    reload(); // at once: the user wants to see what they did
    selectArticle(id);
}

void ArticlesPage::deleteSelected()
{
    const QString id = selectedArticleId();
    if (!m_service || id.isEmpty())
        return;
    const QString title = m_model->indexFromId(id).data(ArticleTableModel::TitleRole).toString();
    if (!m_prompts.confirmDelete(title))
        return;
    auto mid = m_service->deleteArticle(id);
    if (mid)
        reload();
    report(mid ? Status() : Status(mid.error()));
}

void ArticlesPage::publishSelected()
{
    const QString id = selectedArticleId();
    if (!m_service || id.isEmpty())
        return;
    auto mid = m_service->setPublished(id, true);
    if (mid)
        reload();
    report(mid ? Status() : Status(mid.error()));
}

void ArticlesPage::unpublishSelected()
{
    const QString id = selectedArticleId();
    if (!m_service || id.isEmpty())
        return;
    auto mid = m_service->setPublished(id, false);
    if (mid)
        reload();
    report(mid ? Status() : Status(mid.error()));
}

void ArticlesPage::report(const Status& status)
{
    if (!status)
        m_prompts.warn(status.error().message);
}

void ArticlesPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ArticlesPage::updateActions()
{
    const QModelIndex index = m_model->indexFromId(selectedArticleId());
    const bool selected = index.isValid();
    const auto state = Article::State(index.data(ArticleTableModel::StateRole).toInt());
    const bool mayEdit = m_service && m_service->can(QStringLiteral("article.save"));
    const bool mayDelete = m_service && m_service->can(QStringLiteral("article.delete"));
    m_newPushButton->setEnabled(mayEdit);
    m_editPushButton->setEnabled(mayEdit && selected);
    m_publishPushButton->setEnabled(mayEdit && selected && state == Article::State::Draft);
    m_unpublishPushButton->setEnabled(mayEdit && selected && state != Article::State::Draft);
    m_deletePushButton->setEnabled(mayDelete && selected);
    const int count = m_model->rowCount();
    m_countLabel->setText(tr("%n article(s)", nullptr, count));
}

void ArticlesPage::retranslateUi()
{
    m_titleLabel->setText(tr("Articles"));
    m_descriptionLabel->setText(tr("News and articles for the mini-program. Scheduled articles appear by themselves "
                                   "at their time."));
    m_searchLineEdit->setPlaceholderText(tr("Search titles"));
    m_stateComboBox->setItemText(0, tr("All states"));
    m_stateComboBox->setItemText(1, tr("Published"));
    m_stateComboBox->setItemText(2, tr("Scheduled"));
    m_stateComboBox->setItemText(3, tr("Drafts"));
    m_sortComboBox->setItemText(0, tr("Newest published first"));
    m_sortComboBox->setItemText(1, tr("Last edited first"));
    m_newPushButton->setText(tr("&New article…"));
    m_editPushButton->setText(tr("&Edit…"));
    m_deletePushButton->setText(tr("&Delete"));
    m_publishPushButton->setText(tr("&Publish"));
    m_unpublishPushButton->setText(tr("&Unpublish"));
    m_articlesTableView->setAccessibleName(tr("Articles"));
    m_model->retranslate();
    updateActions();
}

} // namespace xd
