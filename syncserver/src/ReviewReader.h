#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/sync/Protocol.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace xd::db {
class Database;
}

namespace xd::server {

struct ReviewQuery
{
    enum class Audience { Customer, Merchant };

    QString shopId;
    Audience audience = Audience::Customer;
    QString productId;         // customers: required; the merchant: optional filter
    std::optional<int> rating; // merchant filters
    std::optional<bool> hidden;
    std::optional<bool> replied;
    QString cursor; // opaque, from the previous page's nextCursor
    int limit = 20;
};

struct ReviewPage
{
    QList<QJsonObject> items;
    QString nextCursor; // empty on the last page
};

// Reads reviews (docs/reviews.md): a product's visible reviews for the mini-program and the merchant's list with
// filters, newest first, paged by keyset (the cursor holds the creation time and id of the last row shown); the
// product's rating summary; and the rows of sync entity "review".
class ReviewReader
{
public:
    static constexpr int MaxLimit = 50;
    static constexpr int DefaultLimit = 20;

    explicit ReviewReader(const db::Database& database);

    // cursor and limit (both audiences); rating, hidden, replied, productId (merchant). Malformed: InvalidArgument.
    static Result<ReviewQuery> parseListQuery(const QUrlQuery& url, ReviewQuery::Audience audience);

    Result<ReviewPage> reviews(const ReviewQuery& query) const;
    // One review in the merchant's shape; NotFound unless it is a review of `shopId`.
    Result<QJsonObject> merchantReview(const QString& shopId, const QString& reviewId) const;

    // {"count", "sum", "averageTenths", "stars": [count of 1 star, ..., of 5 stars]} over the product's visible
    // reviews: one row of product_ratings (zeros when there is none).
    static Result<QJsonObject> ratingSummary(const db::Database& database, const QString& productId);

    // Sync rows of entity "review" matching `where` (built by EntityReader from the pull cursor; its binds follow
    // the shop id in `values`), appended to `rows`.
    static Status appendSyncRows(const db::Database& database,
                                 const QString& where,
                                 const QVariantList& values,
                                 const QString& orderAndLimit,
                                 QList<sync::SyncRow>& rows);

private:
    const db::Database& m_database;
};

} // namespace xd::server
