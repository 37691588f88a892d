#include "ArticleService.h"

#include "CacheDatabase.h"
#include "CacheQuery.h"
#include "xiaodian/ArticleRules.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"

#include <QSqlQuery>
#include <QVariant>

namespace xd {

namespace {

const QString kSave = QStringLiteral("article.save");
const QString kDelete = QStringLiteral("article.delete");

const QString kListColumns = QStringLiteral("id, title, category, published, publish_at_ms, updated_at_ms");

Article fromWire(const QString& id, const QJsonObject& data)
{
    Article article;
    article.id = id;
    article.title = data.value(QStringLiteral("title")).toString();
    article.cover = data.value(QStringLiteral("cover")).toString();
    article.summary = data.value(QStringLiteral("summary")).toString();
    article.body = data.value(QStringLiteral("body")).toString();
    article.category = data.value(QStringLiteral("category")).toString();
    article.published = data.value(QStringLiteral("published")).toBool();
    article.publishAtMs = data.value(QStringLiteral("publishAtMs")).toInteger();
    article.viewCount = data.value(QStringLiteral("viewCount")).toInteger();
    article.createdAtMs = data.value(QStringLiteral("createdAtMs")).toInteger();
    article.updatedAtMs = data.value(QStringLiteral("updatedAtMs")).toInteger();
    return article;
}

// What the server will store as the publish time (ArticleCommands' publishTime): the time given; for "publish"
// without one, the first publish time of an article that stays published, else the time of the save; a draft keeps
// the time it had.
qint64 publishTime(bool published, qint64 given, const std::optional<Article>& before, qint64 savedAtMs)
{
    if (given > 0)
        return given;
    const qint64 previous = before ? before->publishAtMs : 0;
    if (!published)
        return previous;
    return before && before->published && previous > 0 ? previous : savedAtMs;
}

// SQL LIKE pattern for "contains", with % and _ taken literally.
QString likePattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

struct FilterSql
{
    QString where;
    QVariantList values;
};

FilterSql filterSql(const ArticleQuery& query, qint64 nowMs)
{
    FilterSql f;
    QStringList terms{QStringLiteral("1 = 1")};
    const QString title = query.titleContains.trimmed();
    if (!title.isEmpty()) {
        terms << QStringLiteral("title LIKE ? ESCAPE '\\'");
        f.values << likePattern(title);
    }
    switch (query.state) {
    case ArticleQuery::StateFilter::Any:
        break;
    case ArticleQuery::StateFilter::Published:
        terms << QStringLiteral("published = 1 AND publish_at_ms <= ?");
        f.values << nowMs;
        break;
    case ArticleQuery::StateFilter::Scheduled:
        terms << QStringLiteral("published = 1 AND publish_at_ms > ?");
        f.values << nowMs;
        break;
    case ArticleQuery::StateFilter::Draft:
        terms << QStringLiteral("published = 0");
        break;
    }
    f.where = terms.join(QLatin1String(" AND "));
    return f;
}

QString orderSql(ArticleQuery::Sort sort)
{
    return sort == ArticleQuery::Sort::UpdateTime ? QStringLiteral("updated_at_ms DESC, id DESC")
                                                  : QStringLiteral("publish_at_ms DESC, id DESC");
}

} // namespace

Article::State Article::state(qint64 nowMs) const
{
    if (!published)
        return State::Draft;
    return publishAtMs > nowMs ? State::Scheduled : State::Published;
}

QJsonObject Article::saveArgs() const
{
    QJsonObject args{{QStringLiteral("id"), id},
                     {QStringLiteral("title"), title},
                     {QStringLiteral("cover"), cover},
                     {QStringLiteral("summary"), summary},
                     {QStringLiteral("body"), body},
                     {QStringLiteral("category"), category},
                     {QStringLiteral("published"), published}};
    if (publishAtMs > 0)
        args.insert(QStringLiteral("publishAtMs"), publishAtMs);
    return args;
}

ArticleService::ArticleService(CacheStore& store, const Clock& clock, Role role, QObject* parent)
    : QObject(parent), m_store(store), m_clock(clock), m_role(role)
{
    connect(&m_store, &CacheStore::entitiesChanged, this, [this](const QStringList& entities) {
        if (!entities.contains(CacheStore::ArticleEntity))
            return;
        m_overlayDirty = true; // the overlay's merges read confirmed rows
        emit articlesChanged();
    });
    connect(&m_store, &CacheStore::outboxChanged, this, [this] {
        m_overlayDirty = true;
        emit articlesChanged();
    });
}

ArticleService::~ArticleService() = default;

bool ArticleService::can(const QString& operation) const
{
    return isAllowed(m_role, operation);
}

qint64 ArticleService::nowMs() const
{
    return m_clock.nowMs();
}

Status ArticleService::checkAllowed(const QString& operation) const
{
    if (!can(operation))
        return makeError(ErrorCode::PermissionDenied, tr("Your role may not change articles."));
    return {};
}

Result<std::optional<Article>> ArticleService::confirmedArticle(const QString& id) const
{
    auto row = m_store.row(CacheStore::ArticleEntity, id);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Article>();
    Article article = fromWire(id, (*row)->data);
    article.confirmed = true;
    return std::optional<Article>(article);
}

Status ArticleService::refreshOverlay() const
{
    if (!m_overlayDirty)
        return {};
    auto acknowledged = m_store.acknowledgedOperations();
    if (!acknowledged)
        return acknowledged.error();
    auto pending = m_store.pendingOperations();
    if (!pending)
        return pending.error();

    Overlay overlay;
    // Acknowledged operations first: their mids are all lower than the pending ones'.
    for (const OutboxEntry& entry : *acknowledged + *pending) {
        if (entry.name != kSave && entry.name != kDelete)
            continue;
        const QString id = entry.args.value(QStringLiteral("id")).toString();
        const bool isPending = entry.state == OutboxEntry::State::Pending;
        std::optional<Article> before;
        if (overlay.articles.contains(id)) {
            before = overlay.articles.value(id);
        } else {
            auto confirmed = confirmedArticle(id);
            if (!confirmed)
                return confirmed.error();
            before = *confirmed;
        }
        if (entry.name == kDelete) {
            overlay.articles.insert(id, std::nullopt);
            continue;
        }
        // Acknowledged entries no longer know when they were made; the pull that follows brings the server's times.
        const qint64 savedAtMs = entry.createdAtMs > 0 ? entry.createdAtMs : (before ? before->updatedAtMs : 0);
        Article article = fromWire(id, entry.args);
        article.publishAtMs = publishTime(article.published, article.publishAtMs, before, savedAtMs);
        article.viewCount = before ? before->viewCount : 0;
        article.createdAtMs = before && before->createdAtMs > 0 ? before->createdAtMs : savedAtMs;
        article.updatedAtMs = savedAtMs;
        article.confirmed = before && before->confirmed;
        article.pending = isPending || (before && before->pending);
        overlay.articles.insert(id, article);
    }

    // The overlay's list rows go to a TEMP table (private to this connection, never written to the file), so that one
    // SQL query sorts and pages confirmed and optimistic rows together.
    const QSqlDatabase db = m_store.database().database();
    auto created =
        cache::run(db,
                   QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS article_overlay (id TEXT PRIMARY KEY NOT NULL, "
                                  "deleted INTEGER NOT NULL, pending INTEGER NOT NULL, confirmed INTEGER NOT NULL, "
                                  "title TEXT NOT NULL, category TEXT NOT NULL, published INTEGER NOT NULL, "
                                  "publish_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL)"));
    if (!created)
        return created.error();
    if (auto cleared = cache::run(db, QStringLiteral("DELETE FROM temp.article_overlay")); !cleared)
        return cleared.error();
    QSqlQuery insert(db);
    if (!insert.prepare(QStringLiteral("INSERT INTO temp.article_overlay (deleted, pending, confirmed, %1) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                            .arg(kListColumns)))
        return cache::queryError(insert);
    for (auto it = overlay.articles.cbegin(); it != overlay.articles.cend(); ++it) {
        const Article article = it.value().value_or(Article());
        // Never a null QString: Qt binds those as SQL NULL, and the columns are NOT NULL.
        const QVariantList values{it.value() ? 0 : 1,
                                  article.pending ? 1 : 0,
                                  article.confirmed ? 1 : 0,
                                  it.key(),
                                  article.title.isNull() ? QStringLiteral("") : article.title,
                                  article.category.isNull() ? QStringLiteral("") : article.category,
                                  article.published ? 1 : 0,
                                  article.publishAtMs,
                                  article.updatedAtMs};
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values.at(i));
        if (!insert.exec())
            return cache::queryError(insert);
    }
    m_overlay = overlay;
    m_overlayDirty = false;
    return {};
}

Result<int> ArticleService::count(const ArticleQuery& query) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    const FilterSql f = filterSql(query, m_clock.nowMs());
    auto q = cache::run(m_store.database().database(),
                        QStringLiteral("SELECT (SELECT COUNT(*) FROM article WHERE %1 AND id NOT IN "
                                       "(SELECT id FROM temp.article_overlay)) + "
                                       "(SELECT COUNT(*) FROM temp.article_overlay WHERE deleted = 0 AND %1)")
                            .arg(f.where),
                        QVariantList(f.values) << f.values);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<QList<Article>> ArticleService::list(const ArticleQuery& query, int offset, int limit) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    const FilterSql f = filterSql(query, m_clock.nowMs());
    const QString sql =
        QStringLiteral("SELECT %1, 0 AS pending, 1 AS confirmed FROM article WHERE %2 AND id NOT IN "
                       "(SELECT id FROM temp.article_overlay) "
                       "UNION ALL SELECT %1, pending, confirmed FROM temp.article_overlay WHERE deleted = 0 AND %2 "
                       "ORDER BY %3 LIMIT ? OFFSET ?")
            .arg(kListColumns, f.where, orderSql(query.sort));
    auto q = cache::run(m_store.database().database(), sql, QVariantList(f.values) << f.values << limit << offset);
    if (!q)
        return q.error();
    QList<Article> articles;
    while (q->next()) {
        Article article;
        article.id = q->value(0).toString();
        article.title = q->value(1).toString();
        article.category = q->value(2).toString();
        article.published = q->value(3).toInt() != 0;
        article.publishAtMs = q->value(4).toLongLong();
        article.updatedAtMs = q->value(5).toLongLong();
        article.pending = q->value(6).toInt() != 0;
        article.confirmed = q->value(7).toInt() != 0;
        articles.append(article);
    }
    return articles;
}

Result<int> ArticleService::position(const ArticleQuery& query, const QString& id) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    const FilterSql f = filterSql(query, m_clock.nowMs());
    const QString key = query.sort == ArticleQuery::Sort::UpdateTime ? QStringLiteral("updated_at_ms")
                                                                     : QStringLiteral("publish_at_ms");
    const QSqlDatabase db = m_store.database().database();
    // Is it shown, and with which sort key? One primary-key lookup, in the overlay or in the confirmed rows.
    const bool overlaid = m_overlay.articles.contains(id);
    auto found =
        cache::run(db,
                   overlaid ? QStringLiteral("SELECT %1 FROM temp.article_overlay WHERE id = ? AND deleted = 0 AND %2")
                                  .arg(key, f.where)
                            : QStringLiteral("SELECT %1 FROM article WHERE id = ? AND %2").arg(key, f.where),
                   QVariantList{id} << f.values);
    if (!found)
        return found.error();
    if (!found->next())
        return -1;
    const qint64 keyValue = found->value(0).toLongLong();
    // Newest first, ties by id descending: the rows before it have a larger key, or the same key and a larger id.
    // Written as a range on the key, so each side reads its covering index from the top down to the article only.
    const QString before = QStringLiteral("%1 >= ? AND (%1 > ? OR id > ?)").arg(key);
    auto counted =
        cache::run(db,
                   QStringLiteral("SELECT (SELECT COUNT(*) FROM article WHERE %1 AND %2 AND id NOT IN (SELECT id "
                                  "FROM temp.article_overlay)) + (SELECT COUNT(*) FROM temp.article_overlay "
                                  "WHERE deleted = 0 AND %1 AND %2)")
                       .arg(f.where, before),
                   QVariantList(f.values) << keyValue << keyValue << id << f.values << keyValue << keyValue << id);
    if (!counted)
        return counted.error();
    return counted->next() ? counted->value(0).toInt() : -1;
}

Result<std::optional<Article>> ArticleService::article(const QString& id) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    if (m_overlay.articles.contains(id))
        return m_overlay.articles.value(id);
    return confirmedArticle(id);
}

Result<qint64> ArticleService::saveArticle(const QJsonObject& args, QString* newId)
{
    if (const Status allowed = checkAllowed(kSave); !allowed)
        return allowed.error();
    QJsonObject withId = args;
    if (!withId.contains(QStringLiteral("id")))
        withId.insert(QStringLiteral("id"), Id::create());
    // The shared rules trim, check lengths and sanitize the body exactly as the server will.
    auto draft = ArticleRules::normalizeArticle(withId);
    if (!draft)
        return draft.error();
    Article article;
    article.id = draft->id;
    article.title = draft->title;
    article.cover = draft->cover;
    article.summary = draft->summary;
    article.body = draft->body;
    article.category = draft->category;
    article.published = draft->published;
    article.publishAtMs = draft->publishAtMs;
    auto mid = m_store.enqueue(kSave, article.saveArgs());
    if (mid && newId)
        *newId = article.id;
    return mid;
}

Result<qint64> ArticleService::deleteArticle(const QString& id)
{
    if (const Status allowed = checkAllowed(kDelete); !allowed)
        return allowed.error();
    auto valid = ArticleRules::normalizeDelete(QJsonObject{{QStringLiteral("id"), id}});
    if (!valid)
        return valid.error();
    auto current = article(id);
    if (!current)
        return current.error();
    if (!*current)
        return makeError(ErrorCode::NotFound, tr("There is no such article."));
    return m_store.enqueue(kDelete, QJsonObject{{QStringLiteral("id"), *valid}});
}

Result<qint64> ArticleService::setPublished(const QString& id, bool published, qint64 publishAtMs)
{
    if (const Status allowed = checkAllowed(kSave); !allowed)
        return allowed.error();
    auto current = article(id);
    if (!current)
        return current.error();
    if (!*current)
        return makeError(ErrorCode::NotFound, tr("There is no such article."));
    Article changed = **current;
    changed.published = published;
    // 0 lets the server decide: now for a publish, the time it had for a draft.
    changed.publishAtMs = published ? publishAtMs : 0;
    return saveArticle(changed.saveArgs());
}

Result<qint64> ArticleService::retryRejected(qint64 mid)
{
    auto entry = m_store.operation(mid);
    if (!entry)
        return entry.error();
    if (!*entry || (*entry)->state != OutboxEntry::State::Rejected ||
        !(*entry)->name.startsWith(QLatin1String("article.")))
        return makeError(ErrorCode::NotFound, tr("There is no rejected article change %1.").arg(mid));
    auto retried = (*entry)->name == kDelete ? deleteArticle((*entry)->args.value(QStringLiteral("id")).toString())
                                             : saveArticle((*entry)->args);
    if (!retried)
        return retried;
    if (const Status discarded = m_store.discardRejected(mid); !discarded)
        return discarded.error();
    return retried;
}

} // namespace xd
