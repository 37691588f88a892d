#include "ReviewService.h"

#include "CacheDatabase.h"
#include "CacheQuery.h"
#include "xiaodian/ReviewRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace xd {

const QString ReviewService::ReplyOperation = QStringLiteral("review.reply");
const QString ReviewService::SetHiddenOperation = QStringLiteral("review.setHidden");

namespace {

struct FilterSql
{
    QString where;
    QVariantList values;
};

FilterSql filterSql(const ReviewQuery& query)
{
    FilterSql f;
    QStringList terms{QStringLiteral("1 = 1")};
    if (query.rating > 0) {
        terms << QStringLiteral("rating = ?");
        f.values << query.rating;
    }
    if (query.visibility != ReviewQuery::Visibility::Any)
        terms << QStringLiteral("hidden = %1").arg(query.visibility == ReviewQuery::Visibility::Hidden ? 1 : 0);
    if (query.answer != ReviewQuery::Answer::Any)
        terms << QStringLiteral("replied = %1").arg(query.answer == ReviewQuery::Answer::Replied ? 1 : 0);
    f.where = terms.join(QLatin1String(" AND "));
    return f;
}

} // namespace

Review Review::fromWire(const QString& id, const QJsonObject& data)
{
    auto str = [&data](const char* key) {
        return data.value(QLatin1String(key)).toString();
    };
    Review review;
    review.id = id;
    review.orderId = str("orderId");
    review.orderItemId = str("orderItemId");
    review.productId = str("productId");
    review.productName = str("productName");
    review.skuLabel = str("skuLabel");
    review.customerId = str("customerId");
    review.customerNickname = str("customerNickname");
    review.rating = data.value(QStringLiteral("rating")).toInt();
    review.text = str("text");
    for (const QJsonValue& image : data.value(QStringLiteral("images")).toArray())
        review.images << image.toString();
    review.reply = str("reply");
    review.repliedAtMs = data.value(QStringLiteral("repliedAtMs")).toInteger();
    review.hidden = data.value(QStringLiteral("hidden")).toBool();
    review.createdAtMs = data.value(QStringLiteral("createdAtMs")).toInteger();
    review.updatedAtMs = data.value(QStringLiteral("updatedAtMs")).toInteger();
    return review;
}

ReviewService::ReviewService(CacheStore& store, Role role, QObject* parent)
    : QObject(parent), m_store(store), m_role(role)
{
    connect(&m_store, &CacheStore::entitiesChanged, this, [this](const QStringList& entities) {
        if (!entities.contains(CacheStore::ReviewEntity))
            return;
        m_overlayDirty = true; // the overlay's merges read confirmed rows
        emit reviewsChanged();
    });
    connect(&m_store, &CacheStore::outboxChanged, this, [this] {
        m_overlayDirty = true;
        emit reviewsChanged();
    });
}

ReviewService::~ReviewService() = default;

void ReviewService::setRole(Role role)
{
    if (role == m_role)
        return;
    m_role = role;
    emit reviewsChanged(); // what the page offers changes
}

bool ReviewService::can(const QString& operation) const
{
    return isAllowed(m_role, operation);
}

Result<std::optional<Review>> ReviewService::confirmedReview(const QString& id) const
{
    auto row = m_store.row(CacheStore::ReviewEntity, id);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Review>();
    return std::optional<Review>(Review::fromWire(id, (*row)->data));
}

Status ReviewService::refreshOverlay() const
{
    if (!m_overlayDirty)
        return {};
    auto acknowledged = m_store.acknowledgedOperations();
    if (!acknowledged)
        return acknowledged.error();
    auto pending = m_store.pendingOperations();
    if (!pending)
        return pending.error();

    QHash<QString, Review> overlay;
    // Acknowledged operations first: their mids are all lower than the pending ones'.
    for (const OutboxEntry& entry : *acknowledged + *pending) {
        if (entry.name != ReplyOperation && entry.name != SetHiddenOperation)
            continue;
        const QString id = entry.args.value(QStringLiteral("reviewId")).toString();
        Review review;
        if (overlay.contains(id)) {
            review = overlay.value(id);
        } else {
            auto confirmed = confirmedReview(id);
            if (!confirmed)
                return confirmed.error();
            if (!*confirmed)
                continue; // not synced (yet), or deleted meanwhile: nothing to show it on
            review = **confirmed;
        }
        review.pending = review.pending || entry.state == OutboxEntry::State::Pending;
        if (entry.name == ReplyOperation) {
            review.reply = entry.args.value(QStringLiteral("reply")).toString();
            review.repliedAtMs = entry.createdAtMs;
        } else {
            review.hidden = entry.args.value(QStringLiteral("hidden")).toBool();
        }
        overlay.insert(id, review);
    }

    // The overlay's list columns go to a TEMP table (private to this connection, never written to the file).
    const QSqlDatabase db = m_store.database().database();
    auto created =
        cache::run(db,
                   QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS review_overlay (id TEXT PRIMARY KEY NOT NULL, "
                                  "rating INTEGER NOT NULL, hidden INTEGER NOT NULL, replied INTEGER NOT NULL, "
                                  "created_at_ms INTEGER NOT NULL)"));
    if (!created)
        return created.error();
    if (auto cleared = cache::run(db, QStringLiteral("DELETE FROM temp.review_overlay")); !cleared)
        return cleared.error();
    for (const Review& review : std::as_const(overlay)) {
        auto inserted = cache::run(
            db,
            QStringLiteral("INSERT INTO temp.review_overlay (id, rating, hidden, replied, "
                           "created_at_ms) VALUES (?, ?, ?, ?, ?)"),
            {review.id, review.rating, review.hidden ? 1 : 0, review.reply.isEmpty() ? 0 : 1, review.createdAtMs});
        if (!inserted)
            return inserted.error();
    }
    m_overlay = overlay;
    m_overlayDirty = false;
    return {};
}

Result<int> ReviewService::count(const ReviewQuery& query) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    const FilterSql f = filterSql(query);
    auto q = cache::run(m_store.database().database(),
                        QStringLiteral("SELECT (SELECT COUNT(*) FROM review WHERE %1 AND id NOT IN "
                                       "(SELECT id FROM temp.review_overlay)) + "
                                       "(SELECT COUNT(*) FROM temp.review_overlay WHERE %1)")
                            .arg(f.where),
                        QVariantList(f.values) << f.values);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<QList<Review>> ReviewService::list(const ReviewQuery& query, int offset, int limit) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    const FilterSql f = filterSql(query);
    // Confirmed rows bring their JSON; overlay rows (data NULL) come from m_overlay.
    const QString sql = QStringLiteral("SELECT id, created_at_ms, data FROM review WHERE %1 AND id NOT IN "
                                       "(SELECT id FROM temp.review_overlay) "
                                       "UNION ALL SELECT id, created_at_ms, NULL FROM temp.review_overlay WHERE %1 "
                                       "ORDER BY created_at_ms DESC, id DESC LIMIT ? OFFSET ?")
                            .arg(f.where);
    auto q = cache::run(m_store.database().database(), sql, QVariantList(f.values) << f.values << limit << offset);
    if (!q)
        return q.error();
    QList<Review> reviews;
    while (q->next()) {
        const QString id = q->value(0).toString();
        if (q->value(2).isNull())
            reviews.append(m_overlay.value(id));
        else
            reviews.append(Review::fromWire(id, QJsonDocument::fromJson(q->value(2).toString().toUtf8()).object()));
    }
    return reviews;
}

Result<std::optional<Review>> ReviewService::review(const QString& id) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    if (m_overlay.contains(id))
        return std::optional<Review>(m_overlay.value(id));
    return confirmedReview(id);
}

Result<qint64> ReviewService::reply(const QString& reviewId, const QString& reply)
{
    if (!can(ReplyOperation))
        return makeError(ErrorCode::PermissionDenied, tr("Your role may not answer reviews."));
    // The server's own rules: the same limits and the same trimming.
    auto args = ReviewRules::normalizeReply(
        QJsonObject{{QStringLiteral("reviewId"), reviewId}, {QStringLiteral("reply"), reply}});
    if (!args)
        return args.error();
    auto found = review(reviewId);
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::NotFound, tr("There is no such review."));
    return m_store.enqueue(
        ReplyOperation,
        QJsonObject{{QStringLiteral("reviewId"), args->reviewId}, {QStringLiteral("reply"), args->reply}});
}

Result<qint64> ReviewService::setHidden(const QString& reviewId, bool hidden)
{
    if (!can(SetHiddenOperation))
        return makeError(ErrorCode::PermissionDenied, tr("Only the owner may hide or show reviews."));
    auto args = ReviewRules::normalizeSetHidden(
        QJsonObject{{QStringLiteral("reviewId"), reviewId}, {QStringLiteral("hidden"), hidden}});
    if (!args)
        return args.error();
    auto found = review(reviewId);
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::NotFound, tr("There is no such review."));
    return m_store.enqueue(
        SetHiddenOperation,
        QJsonObject{{QStringLiteral("reviewId"), args->reviewId}, {QStringLiteral("hidden"), args->hidden}});
}

} // namespace xd
