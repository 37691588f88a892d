#include "ArticleReader.h"

#include "ImageStore.h"
#include "KeysetCursor.h"
#include "PageNumber.h"
#include "xiaodian/ArticleRules.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"

#include <QSqlQuery>

#include <optional>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

// "a1|<key>|<id>" for the public list (key: publish time), "a2|..." for the merchant's (key: creation time),
// base64url: opaque, and not replayable in the other list where the key means something else.
QString cursorTag(ArticleQuery::Audience audience)
{
    return audience == ArticleQuery::Audience::Customer ? QStringLiteral("a1") : QStringLiteral("a2");
}

const QString ListColumns = QStringLiteral("id, title, cover, summary, category, published, publish_at_ms, "
                                           "view_count, created_at_ms, updated_at_ms, version, shop_id");

QJsonObject item(const QSqlQuery& row, ArticleQuery::Audience audience, qint64 nowMs)
{
    const QString cover = row.value(2).toString();
    QJsonObject out{{QStringLiteral("id"), row.value(0).toString()},
                    {QStringLiteral("title"), row.value(1).toString()},
                    {QStringLiteral("cover"), cover},
                    // The cover's URLs, as products show their images; null without one.
                    {QStringLiteral("coverImage"), ImageStore::reference(row.value(11).toString(), cover)},
                    {QStringLiteral("summary"), row.value(3).toString()},
                    {QStringLiteral("category"), row.value(4).toString()},
                    {QStringLiteral("publishAtMs"), row.value(6).toLongLong()},
                    {QStringLiteral("viewCount"), row.value(7).toLongLong()}};
    if (audience == ArticleQuery::Audience::Merchant) {
        const bool published = row.value(5).toInt() != 0;
        out.insert(QStringLiteral("published"), published);
        // What the mini-program shows now: draft, scheduled (published, time not come) or published.
        out.insert(QStringLiteral("state"),
                   !published                                                            ? QStringLiteral("draft")
                   : ArticleRules::isPublic(published, row.value(6).toLongLong(), nowMs) ? QStringLiteral("published")
                                                                                         : QStringLiteral("scheduled"));
        out.insert(QStringLiteral("createdAtMs"), row.value(8).toLongLong());
        out.insert(QStringLiteral("updatedAtMs"), row.value(9).toLongLong());
        out.insert(QStringLiteral("version"), row.value(10).toLongLong());
    }
    return out;
}

} // namespace

ArticleReader::ArticleReader(const db::Database& database) : m_database(database) {}

Result<ArticleQuery> ArticleReader::parseListQuery(const QUrlQuery& url, ArticleQuery::Audience audience)
{
    const auto param = [&url](const QString& key) {
        return url.queryItemValue(key, QUrl::FullyDecoded);
    };
    ArticleQuery query;
    query.audience = audience;
    auto page = PageNumber::parse(url, DefaultLimit, MaxLimit);
    if (!page)
        return page.error();
    if (*page) {
        query.limit = (*page)->pageSize;
        query.offset = (*page)->offset();
    } else if (const QString limit = param(QStringLiteral("limit")); !limit.isEmpty()) {
        bool ok = false;
        query.limit = limit.toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > MaxLimit)
            return invalid(QStringLiteral("limit is a whole number from 1 to %1").arg(MaxLimit));
    }
    query.category = param(QStringLiteral("category")).trimmed();
    if (query.category.size() > ArticleRules::MaxCategoryLength)
        return invalid(QStringLiteral("category has at most %1 characters").arg(ArticleRules::MaxCategoryLength));
    query.cursor = param(QStringLiteral("cursor"));
    return query;
}

Result<ArticlePage> ArticleReader::articles(const ArticleQuery& query) const
{
    const bool customer = query.audience == ArticleQuery::Audience::Customer;
    std::optional<KeysetCursor> after;
    if (!query.cursor.isEmpty()) {
        auto cursor = decodeKeysetCursor(query.cursor, cursorTag(query.audience));
        if (!cursor)
            return cursor.error();
        after = *cursor;
    }
    // Literal "published = 1" and "deleted = 0": the partial indexes are chosen by them.
    QStringList where{QStringLiteral("shop_id = ?"), QStringLiteral("deleted = 0")};
    QVariantList values{query.shopId};
    const QString keyColumn = customer ? QStringLiteral("publish_at_ms") : QStringLiteral("created_at_ms");
    if (customer) {
        where << QStringLiteral("published = 1") << QStringLiteral("publish_at_ms <= ?");
        values << query.nowMs;
    }
    if (!query.category.isEmpty()) {
        where << QStringLiteral("category = ?");
        values << query.category;
    }
    if (after) {
        where << QStringLiteral("(%1, id) < (?, ?)").arg(keyColumn);
        values << after->key << after->id;
    }
    const int limit = qBound(1, query.limit, MaxLimit);
    const QString sql =
        QStringLiteral("SELECT %1, %2 FROM articles WHERE %3 ORDER BY %2 DESC, id DESC LIMIT %4 OFFSET %5")
            .arg(ListColumns, keyColumn, where.join(QStringLiteral(" AND ")))
            .arg(limit + 1)
            .arg(qMax(0, query.offset));
    auto rows = m_database.exec(sql, values);
    if (!rows)
        return rows.error();
    ArticlePage page;
    qint64 lastKey = 0;
    QString lastId;
    while (rows->next()) {
        if (page.items.size() == limit) {
            page.nextCursor = encodeKeysetCursor(cursorTag(query.audience), lastKey, lastId);
            break;
        }
        page.items.append(item(*rows, query.audience, query.nowMs));
        lastKey = rows->value(12).toLongLong();
        lastId = rows->value(0).toString();
    }
    return page;
}

Result<QJsonObject>
ArticleReader::article(const QString& shopId, const QString& id, ArticleQuery::Audience audience, qint64 nowMs) const
{
    auto row = m_database.exec(
        QStringLiteral("SELECT %1, body FROM articles WHERE id = ? AND shop_id = ? AND deleted = 0").arg(ListColumns),
        {id, shopId});
    if (!row)
        return row.error();
    const bool customer = audience == ArticleQuery::Audience::Customer;
    if (!row->next() ||
        (customer && !ArticleRules::isPublic(row->value(5).toInt() != 0, row->value(6).toLongLong(), nowMs)))
        return makeError(ErrorCode::NotFound, QStringLiteral("no such article"));
    QJsonObject out = item(*row, audience, nowMs);
    out.insert(QStringLiteral("body"), row->value(12).toString());
    return out;
}

} // namespace xd::server
