#pragma once

#include "CatalogService.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace xd {

// The products grid over the CatalogService, windowed: rowCount() is the filtered total from one COUNT, and rows are
// fetched a page at a time when the view asks for them; at most MaxPages pages are kept (least recently used go), so
// a table over 100,000 products holds a few hundred rows whatever the user scrolls through.
class ProductTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, CategoryColumn, PriceColumn, StockColumn, ShelfColumn, UpdatedColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole, PendingRole, OnShelfRole };
    static constexpr int PageSize = 100;
    static constexpr int MaxPages = 6;

    explicit ProductTableModel(QObject* parent = nullptr);
    ~ProductTableModel() override;
    Q_DISABLE_COPY_MOVE(ProductTableModel)

    void setCatalog(CatalogService* catalog);
    void setFilter(const ProductFilter& filter);
    ProductFilter filter() const { return m_filter; }
    ProductSort sortOrder() const { return m_sort; }
    // Re-counts and drops the cached pages (after an edit or a pull).
    void reload();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QString idAt(int row) const;
    // How many rows the model holds in memory now (for tests and the memory figure).
    int cachedRowCount() const;
    QString lastError() const { return m_lastError; }

private:
    const ProductListRow* rowAt(int row) const;
    void refreshCategoryNames();

    CatalogService* m_catalog = nullptr;
    ProductFilter m_filter;
    ProductSort m_sort;
    int m_count = 0;
    QHash<QString, QString> m_categoryNames;
    mutable QHash<int, QList<ProductListRow>> m_pages;
    mutable QList<int> m_pageUse; // most recently used last
    mutable QString m_lastError;
};

} // namespace xd
