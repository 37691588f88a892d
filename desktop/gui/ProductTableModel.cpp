#include "ProductTableModel.h"

#include "xiaodian/Money.h"

#include <QDateTime>
#include <QFont>

namespace xd {

ProductTableModel::ProductTableModel(QObject* parent) : QAbstractTableModel(parent) {}

ProductTableModel::~ProductTableModel() = default;

void ProductTableModel::setCatalog(CatalogService* catalog)
{
    m_catalog = catalog;
    reload();
}

void ProductTableModel::setFilter(const ProductFilter& filter)
{
    m_filter = filter;
    reload();
}

void ProductTableModel::reload()
{
    beginResetModel();
    m_pages.clear();
    m_pageUse.clear();
    m_count = 0;
    m_lastError.clear();
    if (m_catalog) {
        refreshCategoryNames();
        auto count = m_catalog->productCount(m_filter);
        if (count)
            m_count = *count;
        else
            m_lastError = count.error().message;
    }
    endResetModel();
}

void ProductTableModel::refreshCategoryNames()
{
    m_categoryNames.clear();
    const auto categories = m_catalog->categories().valueOr(QList<CatalogCategory>());
    QHash<QString, QString> names;
    for (const CatalogCategory& c : categories)
        names.insert(c.id, c.name);
    for (const CatalogCategory& c : categories)
        m_categoryNames.insert(
            c.id, c.parentId.isEmpty() ? c.name : names.value(c.parentId) + QStringLiteral(" / ") + c.name);
}

int ProductTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int ProductTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ProductListRow* ProductTableModel::rowAt(int row) const
{
    if (!m_catalog || row < 0 || row >= m_count)
        return nullptr;
    const int page = row / PageSize;
    if (!m_pages.contains(page)) {
        auto rows = m_catalog->products(m_filter, m_sort, page * PageSize, PageSize);
        if (!rows) {
            m_lastError = rows.error().message;
            return nullptr;
        }
        m_pages.insert(page, *rows);
        while (m_pageUse.size() >= MaxPages)
            m_pages.remove(m_pageUse.takeFirst());
    }
    m_pageUse.removeAll(page);
    m_pageUse.append(page);
    const QList<ProductListRow>& rows = m_pages[page];
    const int offset = row - page * PageSize;
    // The list shrank since the count (another edit in between): the reload that follows fixes the count.
    return offset < rows.size() ? &rows.at(offset) : nullptr;
}

QString ProductTableModel::idAt(int row) const
{
    const ProductListRow* r = rowAt(row);
    return r ? r->id : QString();
}

int ProductTableModel::cachedRowCount() const
{
    int rows = 0;
    for (const auto& page : m_pages)
        rows += int(page.size());
    return rows;
}

QVariant ProductTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const ProductListRow* row = rowAt(index.row());
    if (!row)
        return {};
    switch (role) {
    case IdRole:
        return row->id;
    case PendingRole:
        return row->pending;
    case OnShelfRole:
        return row->onShelf;
    case Qt::ToolTipRole:
        return row->pending ? tr("Changed on this computer; not synced yet") : QVariant();
    case Qt::FontRole:
        if (row->pending) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PriceColumn || index.column() == StockColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case NameColumn:
            // The pending marker: a dot before the name until the server has it.
            return row->pending ? QStringLiteral("● ") + row->name : row->name;
        case CategoryColumn:
            return row->categoryId.isEmpty() ? tr("Uncategorised") : m_categoryNames.value(row->categoryId);
        case PriceColumn:
            // Yuan from fen, exactly; "from" when the SKUs differ is left to the editor.
            return QStringLiteral("¥") + Money::fromFen(row->minPriceFen).toString();
        case StockColumn:
            return row->stockTotal;
        case ShelfColumn:
            return row->onShelf ? tr("On shelf") : tr("Off shelf");
        case UpdatedColumn:
            return row->updatedAtMs > 0
                       ? QDateTime::fromMSecsSinceEpoch(row->updatedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                       : QString();
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant ProductTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case CategoryColumn:
        return tr("Category");
    case PriceColumn:
        return tr("Price");
    case StockColumn:
        return tr("Stock");
    case ShelfColumn:
        return tr("Shelf");
    case UpdatedColumn:
        return tr("Updated");
    case ColumnCount:
        break;
    }
    return {};
}

void ProductTableModel::sort(int column, Qt::SortOrder order)
{
    ProductSort sort;
    sort.descending = order == Qt::DescendingOrder;
    switch (Column(column)) {
    case NameColumn:
        sort.key = ProductSort::Key::Name;
        break;
    case CategoryColumn:
        sort.key = ProductSort::Key::Category;
        break;
    case PriceColumn:
        sort.key = ProductSort::Key::Price;
        break;
    case StockColumn:
        sort.key = ProductSort::Key::Stock;
        break;
    case ShelfColumn:
        sort.key = ProductSort::Key::Shelf;
        break;
    case UpdatedColumn:
    case ColumnCount:
        sort.key = ProductSort::Key::Updated;
        break;
    }
    m_sort = sort;
    reload();
}

} // namespace xd
