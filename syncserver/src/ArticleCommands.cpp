#include "ArticleCommands.h"

#include "ImageStore.h"
#include "xiaodian/ArticleRules.h"
#include "xiaodian/db/Database.h"

#include <QSqlQuery>

#include <optional>

namespace xd::server {

namespace {

struct StoredArticle
{
    QString shopId;
    bool deleted = false;
    bool published = false;
    qint64 publishAtMs = 0;
};

Result<std::optional<StoredArticle>> findArticle(const db::Database& database, const QString& id)
{
    auto row = database.exec(
        QStringLiteral("SELECT shop_id, deleted, published, publish_at_ms FROM articles WHERE id = ?"), {id});
    if (!row)
        return row.error();
    if (!row->next())
        return std::optional<StoredArticle>();
    return std::optional<StoredArticle>(StoredArticle{
        row->value(0).toString(), row->value(1).toInt() != 0, row->value(2).toInt() != 0, row->value(3).toLongLong()});
}

// When the article shows: the time given; or, for "publish" without one, the time it was first published (an edit
// of a published article does not move it to the top of the list) or now. A draft keeps the time it had.
qint64 publishTime(const ArticleDraft& draft, const std::optional<StoredArticle>& existing, qint64 now)
{
    if (draft.publishAtMs > 0)
        return draft.publishAtMs;
    const qint64 previous = existing ? existing->publishAtMs : 0;
    if (!draft.published)
        return previous;
    return existing && existing->published && previous > 0 ? previous : now;
}

// The cover and every picture of the body are uploads of this shop (like a product's images): another shop's image
// or free text would break when that image is collected (`syncserver images gc` looks at this shop's rows only).
Status checkImages(const CommandContext& context, const ArticleDraft& draft)
{
    const QString shopId = context.actor().shopId;
    QStringList ids;
    if (!draft.cover.isEmpty())
        ids << draft.cover;
    auto bodyImages = ImageStore::richTextImageIds(shopId, draft.body);
    if (!bodyImages)
        return bodyImages.error();
    ids << *bodyImages;
    return ImageStore::checkOwned(context.database(), shopId, ids);
}

Status saveArticle(CommandContext& context, const QJsonObject& args)
{
    auto draft = ArticleRules::normalizeArticle(args);
    if (!draft)
        return draft.error();
    // The shop's write lock first (see CatalogCommands' lockShop): the checks below then see every earlier command.
    auto version = context.version();
    if (!version)
        return version.error();
    const db::Database& database = context.database();
    const QString shopId = context.actor().shopId;

    auto existing = findArticle(database, draft->id);
    if (!existing)
        return existing.error();
    if (*existing && (*existing)->shopId != shopId)
        return makeError(ErrorCode::AlreadyExists, QStringLiteral("the id %1 is taken").arg(draft->id));
    if (*existing && (*existing)->deleted)
        return makeError(ErrorCode::NotFound, QStringLiteral("the article was deleted"));
    if (const Status images = checkImages(context, *draft); !images)
        return images;

    const qint64 now = context.now();
    const QVariantList common{draft->title,
                              draft->cover,
                              draft->summary,
                              draft->body,
                              draft->category,
                              draft->published ? 1 : 0,
                              publishTime(*draft, *existing, now),
                              *version,
                              now};
    if (*existing) {
        auto updated = database.exec(
            QStringLiteral("UPDATE articles SET title = ?, cover = ?, summary = ?, body = ?, category = ?, "
                           "published = ?, publish_at_ms = ?, version = ?, updated_at_ms = ? WHERE id = ?"),
            QVariantList(common) << draft->id);
        if (!updated)
            return updated.error();
    } else {
        auto inserted = database.exec(
            QStringLiteral("INSERT INTO articles (title, cover, summary, body, category, published, publish_at_ms, "
                           "version, updated_at_ms, id, shop_id, created_at_ms, view_count, deleted) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)"),
            QVariantList(common) << draft->id << shopId << now);
        if (!inserted)
            return inserted.error();
        context.setCreatedId(draft->id);
    }
    context.setAuditDetail(
        QStringLiteral("%1 %2 (%3)")
            .arg(draft->id, draft->title, draft->published ? QStringLiteral("published") : QStringLiteral("draft")));
    return {};
}

Status deleteArticle(CommandContext& context, const QJsonObject& args)
{
    auto id = ArticleRules::normalizeDelete(args);
    if (!id)
        return id.error();
    auto version = context.version();
    if (!version)
        return version.error();
    auto existing = findArticle(context.database(), *id);
    if (!existing)
        return existing.error();
    // Another shop's article looks like no article at all.
    if (!*existing || (*existing)->shopId != context.actor().shopId || (*existing)->deleted)
        return makeError(ErrorCode::NotFound, QStringLiteral("no such article"));
    auto deleted = context.database().exec(
        QStringLiteral("UPDATE articles SET deleted = 1, version = ?, updated_at_ms = ? WHERE id = ? AND deleted = 0"),
        {*version, context.now(), *id});
    if (!deleted)
        return deleted.error();
    context.setAuditDetail(*id);
    return {};
}

} // namespace

void registerArticleCommands(QHash<QString, CommandHandler>& handlers)
{
    handlers.insert(QStringLiteral("article.save"), &saveArticle);
    handlers.insert(QStringLiteral("article.delete"), &deleteArticle);
}

} // namespace xd::server
