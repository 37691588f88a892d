#include "StringListEditor.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace xd {

StringListEditor::StringListEditor(QWidget* parent) : QWidget(parent)
{
    m_inputLineEdit = new QLineEdit(this);
    m_inputLineEdit->setObjectName(QStringLiteral("inputLineEdit"));
    m_inputLineEdit->setClearButtonEnabled(true);
    m_inputLineEdit->setMaxLength(m_maximumItemLength);

    m_addToolButton = new QToolButton(this);
    m_addToolButton->setObjectName(QStringLiteral("addToolButton"));
    m_addToolButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_itemsListWidget = new QListWidget(this);
    m_itemsListWidget->setObjectName(QStringLiteral("itemsListWidget"));
    m_itemsListWidget->setSelectionMode(QAbstractItemView::SingleSelection);
    m_itemsListWidget->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);

    m_removeToolButton = new QToolButton(this);
    m_removeToolButton->setObjectName(QStringLiteral("removeToolButton"));
    m_upToolButton = new QToolButton(this);
    m_upToolButton->setObjectName(QStringLiteral("upToolButton"));
    m_upToolButton->setArrowType(Qt::UpArrow);
    m_downToolButton = new QToolButton(this);
    m_downToolButton->setObjectName(QStringLiteral("downToolButton"));
    m_downToolButton->setArrowType(Qt::DownArrow);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #d93026;"));
    m_problemLabel->hide();

    auto* inputLayout = new QHBoxLayout;
    inputLayout->setContentsMargins(0, 0, 0, 0);
    inputLayout->addWidget(m_inputLineEdit, 1);
    inputLayout->addWidget(m_addToolButton);

    auto* buttonsLayout = new QVBoxLayout;
    buttonsLayout->setContentsMargins(0, 0, 0, 0);
    buttonsLayout->addWidget(m_upToolButton);
    buttonsLayout->addWidget(m_downToolButton);
    buttonsLayout->addWidget(m_removeToolButton);
    buttonsLayout->addStretch(1);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(inputLayout, 0, 0);
    layout->addWidget(m_itemsListWidget, 1, 0, Qt::AlignTop);
    layout->addLayout(buttonsLayout, 1, 1);
    layout->addWidget(m_problemLabel, 2, 0, 1, 2);

    connect(m_addToolButton, &QToolButton::clicked, this, &StringListEditor::addPendingItem);
    connect(m_inputLineEdit, &QLineEdit::returnPressed, this, &StringListEditor::addPendingItem);
    connect(m_inputLineEdit, &QLineEdit::textChanged, this, [this] {
        showProblem(QString());
        updateButtons();
    });
    connect(m_removeToolButton, &QToolButton::clicked, this, &StringListEditor::removeSelected);
    connect(m_upToolButton, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_downToolButton, &QToolButton::clicked, this, [this] { moveSelected(1); });
    connect(m_itemsListWidget, &QListWidget::itemSelectionChanged, this, &StringListEditor::updateButtons);
    // Edits in place land here: the entry is checked and tidied, then announced if the list changed.
    connect(m_itemsListWidget->model(), &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& index) {
        if (m_updating) {
            return;
        }
        QListWidgetItem* item = m_itemsListWidget->item(index.row());
        const QString text = item->text().trimmed();
        const QString problem = problemWith(text, index.row());
        if (!problem.isEmpty()) {
            showProblem(problem);
            // Put back what was there: an item never becomes blank, too long or a duplicate.
            m_updating = true;
            item->setText(m_lastItems.value(index.row()));
            m_updating = false;
            return;
        }
        if (text != item->text()) {
            m_updating = true;
            item->setText(text);
            m_updating = false;
        }
        showProblem(QString());
        if (items() != m_lastItems) {
            m_lastItems = items();
            emit itemsChanged();
        }
    });

    retranslateUi();
    setVisibleRows(4);
    updateButtons();
}

StringListEditor::~StringListEditor() = default;

QStringList StringListEditor::items() const
{
    QStringList result;
    result.reserve(m_itemsListWidget->count());
    for (int row = 0; row < m_itemsListWidget->count(); ++row) {
        result.append(m_itemsListWidget->item(row)->text());
    }
    return result;
}

void StringListEditor::setItems(const QStringList& items)
{
    m_updating = true;
    m_itemsListWidget->clear();
    for (const QString& text : items) {
        auto* item = new QListWidgetItem(text, m_itemsListWidget);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_updating = false;
    m_lastItems = this->items();
    m_inputLineEdit->clear();
    showProblem(QString());
    updateButtons();
}

void StringListEditor::setMaximumItems(int maximum)
{
    m_maximumItems = maximum;
    updateButtons();
}

void StringListEditor::setMaximumItemLength(int maximum)
{
    m_maximumItemLength = maximum;
    m_inputLineEdit->setMaxLength(maximum);
}

void StringListEditor::setItemPattern(const QRegularExpression& pattern, const QString& hint)
{
    m_itemPattern = pattern;
    m_itemPatternHint = hint;
}

void StringListEditor::setPlaceholderText(const QString& text)
{
    m_inputLineEdit->setPlaceholderText(text);
}

void StringListEditor::setVisibleRows(int rows)
{
    // Row height as the view draws it: the text line plus the item's padding.
    const int rowHeight = std::max(m_itemsListWidget->sizeHintForRow(0), m_itemsListWidget->fontMetrics().height() + 4);
    m_itemsListWidget->setFixedHeight(rows * rowHeight + 2 * m_itemsListWidget->frameWidth() + 4);
}

void StringListEditor::addPendingItem()
{
    const QString text = m_inputLineEdit->text().trimmed();
    if (text.isEmpty()) {
        return;
    }
    if (m_itemsListWidget->count() >= m_maximumItems) {
        showProblem(tr("At most %n entries.", nullptr, m_maximumItems));
        return;
    }
    const QString problem = problemWith(text, -1);
    if (!problem.isEmpty()) {
        showProblem(problem);
        return;
    }
    m_updating = true;
    auto* item = new QListWidgetItem(text, m_itemsListWidget);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_updating = false;
    m_itemsListWidget->setCurrentItem(item);
    m_inputLineEdit->clear();
    m_lastItems = items();
    updateButtons();
    emit itemsChanged();
}

void StringListEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void StringListEditor::removeSelected()
{
    const int row = m_itemsListWidget->currentRow();
    if (row < 0) {
        return;
    }
    m_updating = true;
    delete m_itemsListWidget->takeItem(row);
    m_updating = false;
    m_lastItems = items();
    updateButtons();
    emit itemsChanged();
}

void StringListEditor::moveSelected(int delta)
{
    const int row = m_itemsListWidget->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_itemsListWidget->count()) {
        return;
    }
    m_updating = true;
    QListWidgetItem* item = m_itemsListWidget->takeItem(row);
    m_itemsListWidget->insertItem(target, item);
    m_updating = false;
    m_itemsListWidget->setCurrentItem(item);
    m_lastItems = items();
    updateButtons();
    emit itemsChanged();
}

void StringListEditor::updateButtons()
{
    const int row = m_itemsListWidget->currentRow();
    const bool selected = row >= 0 && m_itemsListWidget->currentItem()->isSelected();
    m_removeToolButton->setEnabled(selected);
    m_upToolButton->setEnabled(selected && row > 0);
    m_downToolButton->setEnabled(selected && row < m_itemsListWidget->count() - 1);
    const bool full = m_itemsListWidget->count() >= m_maximumItems;
    m_addToolButton->setEnabled(!full && !m_inputLineEdit->text().trimmed().isEmpty());
    m_inputLineEdit->setEnabled(!full);
}

void StringListEditor::retranslateUi()
{
    m_addToolButton->setText(tr("Add"));
    m_removeToolButton->setText(tr("Remove"));
    m_removeToolButton->setToolTip(tr("Remove the selected entry"));
    m_upToolButton->setToolTip(tr("Move up"));
    m_downToolButton->setToolTip(tr("Move down"));
    m_itemsListWidget->setToolTip(tr("Double-click an entry to edit it."));
}

void StringListEditor::showProblem(const QString& problem)
{
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
}

QString StringListEditor::problemWith(const QString& text, int exceptRow) const
{
    if (text.isEmpty()) {
        return tr("An entry cannot be empty.");
    }
    if (text.size() > m_maximumItemLength) {
        return tr("An entry has at most %n characters.", nullptr, m_maximumItemLength);
    }
    if (m_itemPattern.isValid() && !m_itemPattern.pattern().isEmpty() && !m_itemPattern.match(text).hasMatch()) {
        return m_itemPatternHint;
    }
    for (int row = 0; row < m_itemsListWidget->count(); ++row) {
        if (row != exceptRow && m_itemsListWidget->item(row)->text() == text) {
            return tr("\"%1\" is already in the list.").arg(text);
        }
    }
    return QString();
}

} // namespace xd
