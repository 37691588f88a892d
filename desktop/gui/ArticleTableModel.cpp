#include "ArticleTableModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>

namespace xd {

namespace {

QString timeText(qint64 ms)
{
    if (ms <= 0)
        return QStringLiteral("—");
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

ArticleTableModel::ArticleTableModel(QObject* parent) : QAbstractTableModel(parent) {}

ArticleTableModel::~ArticleTableModel() = default;

void ArticleTableModel::setService(ArticleService* service)
{
    m_service = service;
    reload();
}

void ArticleTableModel::setQuery(const ArticleQuery& query)
{
    m_query = query;
    reload();
}

void ArticleTableModel::reload()
{
    beginResetModel();
    m_pages.clear();
    m_pageOrder.clear();
    m_count = 0;
    if (m_service) {
        auto counted = m_service->count(m_query);
        m_count = counted ? *counted : 0;
    }
    endResetModel();
}

void ArticleTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_count > 0)
        emit dataChanged(index(0, 0), index(m_count - 1, ColumnCount - 1));
}

const QList<Article>* ArticleTableModel::page(int pageIndex) const
{
    if (auto it = m_pages.find(pageIndex); it != m_pages.end()) {
        m_pageOrder.removeOne(pageIndex);
        m_pageOrder.append(pageIndex);
        return &it.value();
    }
    if (!m_service)
        return nullptr;
    auto rows = m_service->list(m_query, pageIndex * PageSize, PageSize);
    ++m_pageLoads;
    if (!rows)
        return nullptr;
    while (m_pageOrder.size() >= MaxCachedPages)
        m_pages.remove(m_pageOrder.takeFirst());
    m_pageOrder.append(pageIndex);
    return &m_pages.insert(pageIndex, *rows).value();
}

int ArticleTableModel::rowFromIndex(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_count)
        return -1;
    return index.row();
}

QModelIndex ArticleTableModel::indexFromId(const QString& id, int column) const
{
    if (id.isEmpty())
        return {};
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (int i = 0; i < it.value().size(); ++i) {
            if (it.value().at(i).id == id) {
                const int row = it.key() * PageSize + i;
                return row < m_count ? index(row, column) : QModelIndex();
            }
        }
    }
    if (!m_service)
        return {};
    const int row = m_service->position(m_query, id).valueOr(-1);
    return row >= 0 && row < m_count ? index(row, column) : QModelIndex();
}

Article ArticleTableModel::articleAt(int row) const
{
    if (row < 0 || row >= m_count)
        return {};
    const QList<Article>* rows = page(row / PageSize);
    const int offset = row % PageSize;
    return rows && offset < rows->size() ? rows->at(offset) : Article();
}

int ArticleTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int ArticleTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArticleTableModel::data(const QModelIndex& index, int role) const
{
    const int row = rowFromIndex(index);
    if (row < 0)
        return {};
    const Article article = articleAt(row);
    if (article.id.isEmpty())
        return {};
    const Article::State state = article.state(m_service ? m_service->nowMs() : 0);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title:
            return article.title;
        case Category:
            return article.category;
        case State: {
            const QString text = state == Article::State::Draft       ? tr("Draft")
                                 : state == Article::State::Scheduled ? tr("Scheduled")
                                                                      : tr("Published");
            return article.pending ? tr("%1 (not synced)").arg(text) : text;
        }
        case PublishTime:
            return article.published ? timeText(article.publishAtMs) : QStringLiteral("—");
        case UpdateTime:
            return timeText(article.updatedAtMs);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (article.pending)
            return tr("Changed on this computer; not on the server yet.");
        if (index.column() == State && state == Article::State::Scheduled)
            return tr("Shows in the mini-program from %1.").arg(timeText(article.publishAtMs));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == State && state == Article::State::Published)
            return QBrush(QColor(0x07, 0x8a, 0x45));
        if (index.column() == State && state == Article::State::Scheduled)
            return QBrush(QColor(0x1d, 0x4e, 0xd8));
        if (state == Article::State::Draft)
            return QBrush(QColor(0x8f, 0x95, 0x9e));
        return {};
    case Qt::FontRole:
        if (article.pending) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case IdRole:
        return article.id;
    case TitleRole:
        return article.title;
    case PublishedRole:
        return article.published;
    case StateRole:
        return int(state);
    case PendingRole:
        return article.pending;
    default:
        return {};
    }
}

QVariant ArticleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Title:
        return tr("Title");
    case Category:
        return tr("Category");
    case State:
        return tr("State");
    case PublishTime:
        return tr("Published at");
    case UpdateTime:
        return tr("Last edited");
    default:
        return {};
    }
}

} // namespace xd
