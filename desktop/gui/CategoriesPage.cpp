#include "CategoriesPage.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace xd {

namespace {

constexpr int IdRole = Qt::UserRole;

} // namespace

CategoriesPage::CategoriesPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("categoriesPage"));
    m_categoriesTreeWidget = new QTreeWidget(this);
    m_categoriesTreeWidget->setObjectName(QStringLiteral("categoriesTreeWidget"));
    m_categoriesTreeWidget->setColumnCount(1);
    m_categoriesTreeWidget->header()->hide();
    m_categoriesTreeWidget->setDragDropMode(QAbstractItemView::InternalMove);
    m_categoriesTreeWidget->setDefaultDropAction(Qt::MoveAction);
    m_categoriesTreeWidget->viewport()->installEventFilter(this);
    auto makeButton = [this](const char* name) {
        auto* button = new QPushButton(this);
        button->setObjectName(QString::fromLatin1(name));
        return button;
    };
    m_addButton = makeButton("addCategoryButton");
    m_addChildButton = makeButton("addSubcategoryButton");
    m_renameButton = makeButton("renameCategoryButton");
    m_deleteButton = makeButton("deleteCategoryButton");
    m_upButton = makeButton("moveUpButton");
    m_downButton = makeButton("moveDownButton");
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020"));
    m_errorLabel->hide();

    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_addButton, m_addChildButton, m_renameButton, m_deleteButton, m_upButton, m_downButton})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_categoriesTreeWidget, 1);

    connect(m_addButton, &QPushButton::clicked, this, [this] { addCategory(false); });
    connect(m_addChildButton, &QPushButton::clicked, this, [this] { addCategory(true); });
    connect(m_renameButton, &QPushButton::clicked, this, [this] { renameSelected(); });
    connect(m_deleteButton, &QPushButton::clicked, this, &CategoriesPage::deleteSelected);
    auto step = [this](int delta) {
        const QTreeWidgetItem* item = m_categoriesTreeWidget->currentItem();
        if (!item)
            return;
        const int index = item->parent()
                              ? item->parent()->indexOfChild(const_cast<QTreeWidgetItem*>(item))
                              : m_categoriesTreeWidget->indexOfTopLevelItem(const_cast<QTreeWidgetItem*>(item));
        moveCategory(item->data(0, IdRole).toString(), index + delta);
    };
    connect(m_upButton, &QPushButton::clicked, this, [step] { step(-1); });
    connect(m_downButton, &QPushButton::clicked, this, [step] { step(1); });
    retranslateUi();
    setCatalog(nullptr);
}

CategoriesPage::~CategoriesPage() = default;

void CategoriesPage::setCatalog(CatalogService* catalog)
{
    if (m_catalog)
        disconnect(m_catalog, nullptr, this, nullptr);
    m_catalog = catalog;
    setEnabled(catalog != nullptr);
    if (catalog)
        connect(catalog, &CatalogService::categoriesChanged, this, &CategoriesPage::refresh);
    refresh();
}

QString CategoriesPage::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

void CategoriesPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CategoriesPage::retranslateUi()
{
    m_addButton->setText(tr("Add category"));
    m_addChildButton->setText(tr("Add subcategory"));
    m_renameButton->setText(tr("Rename"));
    m_deleteButton->setText(tr("Delete"));
    m_upButton->setText(tr("Up"));
    m_downButton->setText(tr("Down"));
}

void CategoriesPage::refresh()
{
    const QString selected = selectedId();
    m_categoriesTreeWidget->clear();
    m_categories = m_catalog ? m_catalog->categories().valueOr(QList<CatalogCategory>()) : QList<CatalogCategory>();
    QHash<QString, QTreeWidgetItem*> tops;
    for (const CatalogCategory& c : std::as_const(m_categories)) {
        QTreeWidgetItem* parent = c.parentId.isEmpty() ? nullptr : tops.value(c.parentId);
        auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_categoriesTreeWidget);
        item->setText(0, c.pending ? QStringLiteral("● ") + c.name : c.name);
        item->setData(0, IdRole, c.id);
        if (c.pending)
            item->setToolTip(0, tr("Changed on this computer; not synced yet"));
        // Two levels: subcategories take no children, and only siblings are reordered (checked after a drop).
        if (!parent)
            tops.insert(c.id, item);
        else
            item->setFlags(item->flags() & ~Qt::ItemIsDropEnabled);
        if (c.id == selected)
            m_categoriesTreeWidget->setCurrentItem(item);
    }
    m_categoriesTreeWidget->expandAll();
}

QString CategoriesPage::selectedId() const
{
    const QTreeWidgetItem* item = m_categoriesTreeWidget->currentItem();
    return item ? item->data(0, IdRole).toString() : QString();
}

void CategoriesPage::showResult(const Result<qint64>& result)
{
    if (result) {
        m_errorLabel->hide();
        return;
    }
    m_errorLabel->setText(result.error().message);
    m_errorLabel->show();
}

void CategoriesPage::addCategory(bool underSelected, const QString& name)
{
    if (!m_catalog)
        return;
    QString parentId;
    if (underSelected) {
        parentId = selectedId();
        const auto it = std::find_if(
            m_categories.cbegin(), m_categories.cend(), [&](const CatalogCategory& c) { return c.id == parentId; });
        if (it != m_categories.cend() && !it->parentId.isEmpty())
            parentId = it->parentId; // a subcategory selected: a sibling of it
    }
    QString text = name;
    if (text.isEmpty())
        text = QInputDialog::getText(this, tr("New category"), tr("Name:"));
    if (text.trimmed().isEmpty())
        return;
    QJsonObject args{{QStringLiteral("name"), text}};
    if (!parentId.isEmpty())
        args.insert(QStringLiteral("parentId"), parentId);
    showResult(m_catalog->saveCategory(args));
}

void CategoriesPage::renameSelected(const QString& name)
{
    const QString id = selectedId();
    const auto it =
        std::find_if(m_categories.cbegin(), m_categories.cend(), [&](const CatalogCategory& c) { return c.id == id; });
    if (!m_catalog || it == m_categories.cend())
        return;
    QString text = name;
    if (text.isEmpty())
        text = QInputDialog::getText(this, tr("Rename category"), tr("Name:"), QLineEdit::Normal, it->name);
    if (text.trimmed().isEmpty())
        return;
    QJsonObject args{
        {QStringLiteral("id"), it->id}, {QStringLiteral("name"), text}, {QStringLiteral("icon"), it->icon}};
    if (!it->parentId.isEmpty())
        args.insert(QStringLiteral("parentId"), it->parentId);
    showResult(m_catalog->saveCategory(args));
}

void CategoriesPage::deleteSelected()
{
    const QString id = selectedId();
    if (m_catalog && !id.isEmpty())
        showResult(m_catalog->deleteCategory(id));
}

void CategoriesPage::moveCategory(const QString& id, int index)
{
    const auto it =
        std::find_if(m_categories.cbegin(), m_categories.cend(), [&](const CatalogCategory& c) { return c.id == id; });
    if (!m_catalog || it == m_categories.cend())
        return;
    QStringList siblings;
    for (const CatalogCategory& c : std::as_const(m_categories)) {
        if (c.parentId == it->parentId)
            siblings << c.id;
    }
    if (index < 0 || index >= siblings.size() || siblings.indexOf(id) == index)
        return;
    siblings.move(siblings.indexOf(id), index);
    showResult(m_catalog->reorderCategories(it->parentId, siblings));
}

bool CategoriesPage::eventFilter(QObject* watched, QEvent* event)
{
    // QTreeWidget moves the item itself; we read where it landed once the drop is done.
    if (watched == m_categoriesTreeWidget->viewport() && event->type() == QEvent::Drop)
        QTimer::singleShot(0, this, &CategoriesPage::afterDrop);
    return QWidget::eventFilter(watched, event);
}

void CategoriesPage::afterDrop()
{
    // Only a move among siblings is a reorder; anything else (a change of level) is undone by the refresh.
    for (int t = 0; t < m_categoriesTreeWidget->topLevelItemCount(); ++t) {
        QTreeWidgetItem* top = m_categoriesTreeWidget->topLevelItem(t);
        const QString id = top->data(0, IdRole).toString();
        const auto it = std::find_if(
            m_categories.cbegin(), m_categories.cend(), [&](const CatalogCategory& c) { return c.id == id; });
        if (it == m_categories.cend() || !it->parentId.isEmpty()) {
            refresh();
            return;
        }
    }
    auto order = [&](QTreeWidgetItem* parent) {
        QStringList ids;
        const int count = parent ? parent->childCount() : m_categoriesTreeWidget->topLevelItemCount();
        for (int i = 0; i < count; ++i)
            ids << (parent ? parent->child(i) : m_categoriesTreeWidget->topLevelItem(i))->data(0, IdRole).toString();
        return ids;
    };
    QList<std::pair<QString, QStringList>> levels{{QString(), order(nullptr)}};
    for (int t = 0; t < m_categoriesTreeWidget->topLevelItemCount(); ++t) {
        QTreeWidgetItem* top = m_categoriesTreeWidget->topLevelItem(t);
        levels.append({top->data(0, IdRole).toString(), order(top)});
    }
    for (const auto& [parentId, ids] : levels) {
        QStringList before;
        for (const CatalogCategory& c : std::as_const(m_categories)) {
            if (c.parentId == parentId)
                before << c.id;
        }
        if (ids == before)
            continue;
        QStringList a = ids;
        QStringList b = before;
        a.sort();
        b.sort();
        if (a != b) {
            refresh(); // moved to another parent: not a reorder
            return;
        }
        showResult(m_catalog->reorderCategories(parentId, ids));
        return;
    }
}

} // namespace xd
