#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace xd {
class Clock;
struct ReviewDraft;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class ChangeNotifier;

// What a customer writes about reviews (docs/reviews.md): the reviews of a completed order and the photos they show.
// Not merchant operations, so not CommandProcessor's: each write is still one transaction with the shop's version,
// an audit row and, after the commit, ChangeNotifier::shopChanged (desktops pull the review, caches forget).
class ReviewWriter
{
public:
    ReviewWriter(const db::Database& database, const Clock& clock, ChangeNotifier& notifier);

    // The reviews of order `orderId`, all or nothing: the customer's own completed order (anything else of the shop
    // or of another customer is NotFound), within ReviewRules::ReviewWindowMs of completion, reviewed once
    // (Conflict afterwards), every photo an upload of this customer. Answers the reviews in the merchant's shape.
    Result<QList<QJsonObject>> post(const QString& shopId,
                                    const QString& customerId,
                                    const QString& orderId,
                                    const QList<ReviewDraft>& drafts) const;

    // A photo for a review: checked and stored by the catalog's image pipeline (ImageProcessor, ImageStore) and
    // linked to the customer. At most DailyImageLimit new photos per customer in any 24 hours (RateLimited).
    Result<QJsonObject> uploadImage(const QString& shopId, const QString& customerId, const QByteArray& bytes) const;

    static constexpr int DailyImageLimit = 60;

private:
    const db::Database& m_database;
    const Clock& m_clock;
    ChangeNotifier& m_notifier;
};

} // namespace xd::server
