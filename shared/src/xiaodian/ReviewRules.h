#pragma once

#include "xiaodian/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace xd {

// One line's review as the customer sends it (POST .../orders/{orderId}/reviews), checked and trimmed.
struct ReviewDraft
{
    QString orderItemId; // "" when left out: allowed only for an order of one line
    int rating = 0;      // 1..5
    QString text;        // plain text, "" allowed
    QStringList images;  // image ids, distinct, in display order
};

struct ReviewReplyArgs
{
    QString reviewId;
    QString reply;
};

struct ReviewHiddenArgs
{
    QString reviewId;
    bool hidden = false;
};

// The rules of reviews for both sides (docs/reviews.md): the server judges the customer's reviews and the merchant's
// operations with them; a desktop reply box checks with them before it queues review.reply.
class ReviewRules
{
    Q_DECLARE_TR_FUNCTIONS(ReviewRules)

public:
    static constexpr int MinRating = 1;
    static constexpr int MaxRating = 5;
    static constexpr int MaxTextLength = 500; // characters (code points), after trimming
    static constexpr int MaxReplyLength = 500;
    static constexpr int MaxImages = 9;  // per review
    static constexpr int MaxItems = 100; // reviews in one request (an order has at most 100 lines)
    // A completed order can be reviewed for this long after its completion.
    static constexpr qint64 ReviewWindowMs = 30LL * 24 * 3600 * 1000;

    // {"items": [{"orderItemId"?, "rating", "text"?, "images"?}, ...]}: 1..MaxItems entries, item ids distinct.
    static Result<QList<ReviewDraft>> normalizeReviews(const QJsonObject& body);
    // review.reply {reviewId, reply}: reply 1..MaxReplyLength characters of plain text.
    static Result<ReviewReplyArgs> normalizeReply(const QJsonObject& args);
    // review.setHidden {reviewId, hidden}.
    static Result<ReviewHiddenArgs> normalizeSetHidden(const QJsonObject& args);
    // Plain text: trimmed, CR LF and CR turned into LF, no other control characters, at most `maxLength` code points.
    static Result<QString> plainText(const QJsonValue& value, int minLength, int maxLength, const QString& label);

    // The average rating in tenths of a star, rounded half up, in integers: 4.65 stars is 47. 0 without reviews.
    static qint64 averageTenths(qint64 count, qint64 sum);
};

} // namespace xd
