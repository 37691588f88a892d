#pragma once

#include "xiaodian/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>

namespace xd::db {
class Database;
}

namespace xd::server {

struct ArticleQuery
{
    enum class Audience { Customer, Merchant };

    QString shopId;
    Audience audience = Audience::Customer;
    QString category; // the label; empty: every category
    QString cursor;   // opaque, from the previous page's nextCursor
    int limit = 20;
    int offset = 0; // page-number paging (PageNumber); 0 with a cursor
    qint64 nowMs = 0;
};

struct ArticlePage
{
    QList<QJsonObject> items;
    QString nextCursor; // empty on the last page
};

// Reads articles for the mini-program (published, publish time come, newest publish time first) and the merchant
// API (every live article, drafts too, newest created first). Lists page by keyset like CatalogReader -- the cursor
// holds the sort key and id of the last row shown -- or by page number (PageNumber).
class ArticleReader
{
public:
    static constexpr int MaxLimit = 50;
    static constexpr int DefaultLimit = 20;

    explicit ArticleReader(const db::Database& database);

    // category, cursor, limit, page, pageSize: each checked; malformed is InvalidArgument naming the parameter.
    static Result<ArticleQuery> parseListQuery(const QUrlQuery& url, ArticleQuery::Audience audience);

    Result<ArticlePage> articles(const ArticleQuery& query) const;
    // With the body. NotFound when the article is not there for this audience (customers: a draft, scheduled,
    // deleted or another shop's).
    Result<QJsonObject>
    article(const QString& shopId, const QString& id, ArticleQuery::Audience audience, qint64 nowMs) const;

private:
    const db::Database& m_database;
};

} // namespace xd::server
