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

enum class ProductSort { Default, Newest, Sales, PriceAsc, PriceDesc };

struct ProductQuery
{
    enum class Audience { Customer, Merchant };
    enum class Shelf { Any, On, Off }; // the merchant's filter; customers always see on-shelf only

    QString shopId;
    Audience audience = Audience::Customer;
    Shelf shelf = Shelf::Any;
    ProductSort sort = ProductSort::Default;
    QString categoryId; // empty: every category
    QString query;      // the search box, as typed (at most MaxQueryLength characters)
    QString cursor;     // opaque, from the previous page's nextCursor
    int limit = 20;
    int offset = 0; // page-number paging (PageNumber: ?page=&pageSize=); 0 with a cursor
};

struct ProductPage
{
    QList<QJsonObject> items;
    QString nextCursor; // empty on the last page
};

// Reads the catalog for the mini-program and the merchant API. Lists page by keyset: the cursor holds the sort key
// and id of the last row shown, so edits between two page requests neither skip nor repeat a product whose sort key
// did not change (an offset would do both). Search goes through the gram index (xd::SearchText).
class CatalogReader
{
public:
    static constexpr int MaxLimit = 50;
    // How many grams besides the rarest narrow a gram-driven search before products are read.
    static constexpr int MaxNarrowingGrams = 3;
    static constexpr int DefaultLimit = 20;
    static constexpr int MaxQueryLength = 50;
    // Up to this many products containing the rarest gram of the query, the search starts from the gram index and
    // sorts the candidates; beyond it the term is common, and walking the sort index finds a page sooner.
    static constexpr int GramDrivenLimit = 5000;

    // `gramDrivenLimit` is GramDrivenLimit except in tests, which force one search plan or the other.
    explicit CatalogReader(const db::Database& database, int gramDrivenLimit = GramDrivenLimit);

    static Result<ProductSort> parseSort(const QString& name); // "" is the default
    static QString sortName(ProductSort sort);
    // The list parameters of a request (category, sort, q, cursor, limit or page and pageSize; and shelf for
    // merchants), each checked:
    // anything malformed is InvalidArgument naming the parameter. Unknown parameters are ignored.
    static Result<ProductQuery> parseListQuery(const QUrlQuery& url, ProductQuery::Audience audience);

    // Live categories of the shop, top-level ones first by position, each followed by nothing: the caller nests.
    Result<QList<QJsonObject>> categories(const QString& shopId) const;
    Result<ProductPage> products(const ProductQuery& query) const;
    // NotFound when the product is not there for this audience (customers: deleted or off the shelf).
    Result<QJsonObject> product(const QString& shopId, const QString& productId, ProductQuery::Audience audience) const;

private:
    const db::Database& m_database;
    int m_gramDrivenLimit;
};

} // namespace xd::server
