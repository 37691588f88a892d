#pragma once

#include "ArticleService.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>

namespace xd {

// The articles list as a windowed model: rowCount() is the query's count, and rows are read from the
// ArticleService a page at a time when a view asks for them; only a few pages are held, so a shop's 100,000 articles
// are never in memory at once.
class ArticleTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArticleTableModel)

public:
    enum Column { Title, Category, State, PublishTime, UpdateTime, ColumnCount };
    Q_ENUM(Column)

    enum ItemRole {
        IdRole = Qt::UserRole,
        TitleRole,
        PublishedRole,
        StateRole, // Article::State as int
        PendingRole,
    };
    Q_ENUM(ItemRole)

    static constexpr int PageSize = 200;
    static constexpr int MaxCachedPages = 6;

    explicit ArticleTableModel(QObject* parent = nullptr);
    ~ArticleTableModel() override;

    // nullptr when signed out: the model is empty.
    void setService(ArticleService* service);
    void setQuery(const ArticleQuery& query);
    const ArticleQuery& query() const { return m_query; }
    // Reads the count again and drops the cached pages (after any change of the articles).
    void reload();
    void retranslate();

    int rowFromIndex(const QModelIndex& index) const;
    // Searches the cached pages, then asks the service where the article is; invalid when the query hides it.
    QModelIndex indexFromId(const QString& id, int column = Title) const;
    // The row's summary (no body); an empty Article for a row that cannot be read.
    Article articleAt(int row) const;
    // How many list reads the model made (tests check that it pages).
    int pageLoads() const { return m_pageLoads; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const QList<Article>* page(int pageIndex) const;

    QPointer<ArticleService> m_service;
    ArticleQuery m_query;
    int m_count = 0;
    mutable QHash<int, QList<Article>> m_pages;
    mutable QList<int> m_pageOrder; // least recently used first
    mutable int m_pageLoads = 0;
};

} // namespace xd
