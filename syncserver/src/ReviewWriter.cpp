#include "ReviewWriter.h"

#include "ChangeNotifier.h"
#include "ImageProcessor.h"
#include "ImageStore.h"
#include "Logging.h"
#include "PgChangeRelay.h"
#include "ReviewCommands.h"
#include "ReviewReader.h"
#include "ShopRepository.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/OrderState.h"
#include "xiaodian/ReviewRules.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

struct OrderLine
{
    QString id;
    QString productId;
    QString productName;
    QString skuLabel;
};

// OK when every id is a photo this customer uploaded to this shop.
Status checkCustomerImages(const db::Database& database,
                           const QString& shopId,
                           const QString& customerId,
                           const QList<ReviewDraft>& drafts)
{
    QStringList wanted;
    for (const ReviewDraft& draft : drafts) {
        for (const QString& id : draft.images) {
            if (!wanted.contains(id))
                wanted << id;
        }
    }
    if (wanted.isEmpty())
        return {};
    QVariantList values{customerId, shopId};
    for (const QString& id : std::as_const(wanted))
        values << id;
    auto rows = database.exec(
        QStringLiteral(
            "SELECT image_id FROM customer_images WHERE customer_id = ? AND shop_id = ? AND image_id IN (%1)")
            .arg(QStringList(wanted.size(), QStringLiteral("?")).join(QLatin1Char(','))),
        values);
    if (!rows)
        return rows.error();
    QSet<QString> found;
    while (rows->next())
        found.insert(rows->value(0).toString());
    for (const QString& id : std::as_const(wanted)) {
        // Another customer's photo is refused like an unknown id: nobody learns what others uploaded.
        if (!found.contains(id))
            return invalid(QStringLiteral("%1 is not a photo you uploaded: upload it first").arg(id));
    }
    return {};
}

} // namespace

ReviewWriter::ReviewWriter(const db::Database& database, const Clock& clock, ChangeNotifier& notifier)
    : m_database(database), m_clock(clock), m_notifier(notifier)
{}

Result<QList<QJsonObject>> ReviewWriter::post(const QString& shopId,
                                              const QString& customerId,
                                              const QString& orderId,
                                              const QList<ReviewDraft>& drafts) const
{
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    const bool postgres = m_database.engine() == db::Engine::Postgres;
    // As every merchant command does (CommandProcessor): the shop's row first, so that two posts of one order, or a
    // post beside a merchant's hide, run one after the other on PostgreSQL; SQLite's BEGIN IMMEDIATE already does.
    if (postgres) {
        auto locked = m_database.exec(QStringLiteral("SELECT id FROM shops WHERE id = ? FOR UPDATE"), {shopId});
        if (!locked)
            return locked.error();
    }
    auto order = m_database.exec(
        QStringLiteral("SELECT customer_id, state, completed_at_ms FROM orders WHERE id = ? AND shop_id = ?") +
            (postgres ? QStringLiteral(" FOR UPDATE") : QString()),
        {orderId, shopId});
    if (!order)
        return order.error();
    // Another customer's order looks like no order at all.
    if (!order->next() || order->value(0).toString() != customerId)
        return makeError(ErrorCode::NotFound, QStringLiteral("no such order"));
    if (order->value(1).toString() != orderStateName(OrderState::Completed))
        return makeError(ErrorCode::Conflict, QStringLiteral("only a completed order can be reviewed"));
    const qint64 now = m_clock.nowMs();
    if (now > order->value(2).toLongLong() + ReviewRules::ReviewWindowMs)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("an order can be reviewed within %1 days of its completion")
                             .arg(ReviewRules::ReviewWindowMs / (24 * 3600 * 1000)));
    auto reviewed = m_database.exec(QStringLiteral("SELECT 1 FROM reviews WHERE order_id = ? LIMIT 1"), {orderId});
    if (!reviewed)
        return reviewed.error();
    if (reviewed->next())
        return makeError(ErrorCode::Conflict, QStringLiteral("this order has been reviewed"));

    auto itemRows = m_database.exec(QStringLiteral("SELECT id, product_id, product_name, sku_label FROM order_items "
                                                   "WHERE order_id = ? ORDER BY position"),
                                    {orderId});
    if (!itemRows)
        return itemRows.error();
    QList<OrderLine> lines;
    QHash<QString, qsizetype> lineIndex;
    while (itemRows->next()) {
        lineIndex.insert(itemRows->value(0).toString(), lines.size());
        lines << OrderLine{itemRows->value(0).toString(),
                           itemRows->value(1).toString(),
                           itemRows->value(2).toString(),
                           itemRows->value(3).toString()};
    }
    QList<const OrderLine*> reviewedLines;
    for (const ReviewDraft& draft : drafts) {
        if (draft.orderItemId.isEmpty()) {
            if (lines.size() != 1)
                return invalid(
                    QStringLiteral("the order has several lines: name the line of each review (orderItemId)"));
            reviewedLines << &lines.first();
        } else if (!lineIndex.contains(draft.orderItemId)) {
            return invalid(QStringLiteral("%1 is not a line of this order").arg(draft.orderItemId));
        } else {
            reviewedLines << &lines.at(lineIndex.value(draft.orderItemId));
        }
    }
    if (const Status images = checkCustomerImages(m_database, shopId, customerId, drafts); !images)
        return images.error();

    auto customer = m_database.exec(
        QStringLiteral("SELECT nickname, avatar FROM customers WHERE id = ? AND shop_id = ?"), {customerId, shopId});
    if (!customer)
        return customer.error();
    if (!customer->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such customer"));
    const QString nickname = customer->value(0).toString();
    const QString avatar = customer->value(1).toString();

    auto version = ShopRepository(m_database, m_clock).bumpChangeCounter(shopId);
    if (!version)
        return version.error();
    QStringList ids;
    for (qsizetype i = 0; i < drafts.size(); ++i) {
        const ReviewDraft& draft = drafts.at(i);
        const OrderLine& line = *reviewedLines.at(i);
        const QString id = Id::create(m_clock);
        auto inserted = m_database.exec(
            QStringLiteral(
                "INSERT INTO reviews (id, shop_id, order_id, order_item_id, product_id, product_name, "
                "sku_label, customer_id, customer_nickname, customer_avatar, rating, text, images, "
                "version, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {id,
             shopId,
             orderId,
             line.id,
             line.productId,
             line.productName,
             line.skuLabel,
             customerId,
             nickname,
             avatar,
             draft.rating,
             draft.text,
             QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(draft.images)).toJson(QJsonDocument::Compact)),
             *version,
             now,
             now});
        if (!inserted)
            return inserted.error();
        if (const Status rated = adjustProductRating(m_database, shopId, line.productId, draft.rating, 1); !rated)
            return rated.error();
        ids << id;
    }
    // The audit trail of the shop also records what customers changed in it (staff_id NULL: not a staff member).
    auto audited = m_database.exec(
        QStringLiteral("INSERT INTO audit_log (id, shop_id, staff_id, operation, detail, version, at_ms) "
                       "VALUES (?, ?, NULL, ?, ?, ?, ?)"),
        {Id::create(m_clock),
         shopId,
         QStringLiteral("review.post"),
         QStringLiteral("order %1 by customer %2: %3 review(s)").arg(orderId, customerId).arg(ids.size()),
         *version,
         now});
    if (!audited)
        return audited.error();
    // Other servers on this database drop their remembered catalog answers and poke their desktops.
    if (const Status announced = announceShopVersion(m_database, shopId, *version); !announced)
        return announced.error();
    QList<QJsonObject> answer;
    const ReviewReader reader(m_database);
    for (const QString& id : std::as_const(ids)) {
        auto review = reader.merchantReview(shopId, id);
        if (!review)
            return review.error();
        answer << *review;
    }
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    qCInfo(lcServer).noquote() << "review.post order" << orderId << "shop" << shopId << "version" << *version;
    emit m_notifier.shopChanged(shopId, *version);
    return answer;
}

Result<QJsonObject>
ReviewWriter::uploadImage(const QString& shopId, const QString& customerId, const QByteArray& bytes) const
{
    // Counted before the decode, which is the expensive part; two uploads racing at the limit may both pass (the
    // limit bounds abuse, it is not an account balance).
    const qint64 now = m_clock.nowMs();
    auto recent = m_database.scalar(
        QStringLiteral("SELECT COUNT(*) FROM customer_images WHERE customer_id = ? AND created_at_ms > ?"),
        {customerId, now - 24LL * 3600 * 1000});
    if (!recent)
        return recent.error();
    if (recent->toLongLong() >= DailyImageLimit)
        return makeError(ErrorCode::RateLimited,
                         QStringLiteral("at most %1 photos a day: try again tomorrow").arg(DailyImageLimit));
    auto prepared = prepareImage(bytes);
    if (!prepared)
        return prepared.error();
    auto image = ImageStore(m_database, m_clock).store(shopId, QString(), *prepared);
    if (!image)
        return image.error();
    // The same bytes again are the same image (ImageStore); the link exists once and counts once.
    auto linked = m_database.exec(
        QStringLiteral(
            "INSERT INTO customer_images (customer_id, image_id, shop_id, created_at_ms) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (customer_id, image_id) DO NOTHING"),
        {customerId, image->value(QStringLiteral("id")).toString(), shopId, now});
    if (!linked)
        return linked.error();
    return image;
}

} // namespace xd::server
