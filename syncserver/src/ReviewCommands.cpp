#include "ReviewCommands.h"

#include "xiaodian/ReviewRules.h"
#include "xiaodian/db/Database.h"

#include <QSqlQuery>

namespace xd::server {

namespace {

struct StoredReview
{
    QString productId;
    int rating = 0;
    bool hidden = false;
};

// Another shop's review, or none, is the same answer: not found.
Result<StoredReview> findReview(const CommandContext& context, const QString& reviewId)
{
    auto row = context.database().exec(
        QStringLiteral("SELECT product_id, rating, hidden FROM reviews WHERE id = ? AND shop_id = ? AND deleted = 0"),
        {reviewId, context.actor().shopId});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such review"));
    return StoredReview{row->value(0).toString(), row->value(1).toInt(), row->value(2).toInt() != 0};
}

Status replyToReview(CommandContext& context, const QJsonObject& args)
{
    auto reply = ReviewRules::normalizeReply(args);
    if (!reply)
        return reply.error();
    auto review = findReview(context, reply->reviewId);
    if (!review)
        return review.error();
    auto version = context.version();
    if (!version)
        return version.error();
    const qint64 now = context.now();
    // A new reply replaces the earlier one (the merchant corrects a typo); the time is the latest answer's.
    auto updated = context.database().exec(
        QStringLiteral("UPDATE reviews SET reply = ?, replied_at_ms = ?, replied_by = ?, version = ?, "
                       "updated_at_ms = ? WHERE id = ?"),
        {reply->reply, now, context.actor().staffId, *version, now, reply->reviewId});
    if (!updated)
        return updated.error();
    context.setAuditDetail(reply->reviewId);
    return {};
}

Status setReviewHidden(CommandContext& context, const QJsonObject& args)
{
    auto hidden = ReviewRules::normalizeSetHidden(args);
    if (!hidden)
        return hidden.error();
    auto review = findReview(context, hidden->reviewId);
    if (!review)
        return review.error();
    if (review->hidden == hidden->hidden)
        return {}; // nothing changes: no version, no audit row
    auto version = context.version();
    if (!version)
        return version.error();
    auto updated = context.database().exec(
        QStringLiteral("UPDATE reviews SET hidden = ?, version = ?, updated_at_ms = ? WHERE id = ?"),
        {hidden->hidden ? 1 : 0, *version, context.now(), hidden->reviewId});
    if (!updated)
        return updated.error();
    // A hidden review no longer counts in the product's rating; shown again, it counts again.
    if (const Status rated = adjustProductRating(
            context.database(), context.actor().shopId, review->productId, review->rating, hidden->hidden ? -1 : 1);
        !rated)
        return rated;
    context.setAuditDetail(QStringLiteral("%1 %2").arg(
        hidden->reviewId, hidden->hidden ? QStringLiteral("hidden") : QStringLiteral("shown")));
    return {};
}

} // namespace

Status adjustProductRating(
    const db::Database& database, const QString& shopId, const QString& productId, int rating, int delta)
{
    if (rating < ReviewRules::MinRating || rating > ReviewRules::MaxRating || (delta != 1 && delta != -1))
        return makeError(ErrorCode::Internal, QStringLiteral("bad rating change"));
    const QString star = QStringLiteral("star%1").arg(rating);
    if (delta < 0) {
        // The row exists (the review counted in it). The CHECKs (>= 0) turn a bug that would take away more than was
        // added into a failed transaction rather than a wrong rating. Not an upsert: PostgreSQL checks the proposed
        // row's CHECKs before it finds the conflict, and a proposed count of -1 fails them.
        auto updated = database.exec(QStringLiteral("UPDATE product_ratings SET review_count = review_count - 1, "
                                                    "rating_sum = rating_sum - ?, %1 = %1 - 1 WHERE product_id = ?")
                                         .arg(star),
                                     {rating, productId});
        if (!updated)
            return updated.error();
        if (updated->numRowsAffected() != 1)
            return makeError(ErrorCode::Internal, QStringLiteral("the product has no rating to take from"));
        return {};
    }
    // One statement on both engines: the row appears with the product's first review.
    auto upserted =
        database.exec(QStringLiteral("INSERT INTO product_ratings (product_id, shop_id, review_count, rating_sum, %1) "
                                     "VALUES (?, ?, 1, ?, 1) ON CONFLICT (product_id) DO UPDATE SET "
                                     "review_count = product_ratings.review_count + 1, "
                                     "rating_sum = product_ratings.rating_sum + excluded.rating_sum, "
                                     "%1 = product_ratings.%1 + 1")
                          .arg(star),
                      {productId, shopId, rating});
    if (!upserted)
        return upserted.error();
    return {};
}

void registerReviewCommands(QHash<QString, CommandHandler>& handlers)
{
    handlers.insert(QStringLiteral("review.reply"), &replyToReview);
    handlers.insert(QStringLiteral("review.setHidden"), &setReviewHidden);
}

} // namespace xd::server
