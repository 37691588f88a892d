#include "xiaodian/ReviewRules.h"

#include "xiaodian/Id.h"
#include "xiaodian/Json.h"

#include <QJsonArray>
#include <QSet>

namespace xd {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Status checkKnown(const QJsonObject& object, const QStringList& known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(ReviewRules::tr("Unknown field '%1'.").arg(it.key()));
    }
    return {};
}

Result<QString> requireId(const QJsonObject& args, const QString& key)
{
    const QJsonValue value = args.value(key);
    if (!value.isString() || !Id::isValid(value.toString()))
        return invalid(ReviewRules::tr("Field '%1' must be an id (a lowercase UUID).").arg(key));
    return value.toString();
}

} // namespace

Result<QString> ReviewRules::plainText(const QJsonValue& value, int minLength, int maxLength, const QString& label)
{
    if ((value.isUndefined() || value.isNull()) && minLength == 0)
        return QStringLiteral("");
    if (!value.isString())
        return invalid(tr("%1 is text.").arg(label));
    QString text = value.toString();
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    text = text.trimmed();
    // Stored and shown as plain text, never as HTML (docs/reviews.md); control characters other than line breaks
    // have no place in it and could confuse a receipt printer or a CSV export later.
    for (const QChar c : std::as_const(text)) {
        if (c != QLatin1Char('\n') && (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) &&
            c != QChar(0x200D)) // zero-width joiner: part of many emoji
            return invalid(tr("%1 contains a control character.").arg(label));
    }
    const qsizetype length = text.toUcs4().size();
    if (length < minLength || length > maxLength)
        return invalid(tr("%1 has %2 to %3 characters.").arg(label).arg(minLength).arg(maxLength));
    return text.isNull() ? QStringLiteral("") : text;
}

Result<QList<ReviewDraft>> ReviewRules::normalizeReviews(const QJsonObject& body)
{
    if (const Status known = checkKnown(body, {QStringLiteral("items")}); !known)
        return known.error();
    const QJsonValue itemsValue = body.value(QStringLiteral("items"));
    const QJsonArray items = itemsValue.toArray();
    if (!itemsValue.isArray() || items.isEmpty() || items.size() > MaxItems)
        return invalid(tr("Field 'items' is a list of 1 to %1 reviews.").arg(MaxItems));
    QList<ReviewDraft> drafts;
    QSet<QString> itemIds;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return invalid(tr("Review %1 is not an object.").arg(i + 1));
        const QJsonObject item = items.at(i).toObject();
        if (const Status known = checkKnown(item,
                                            {QStringLiteral("orderItemId"),
                                             QStringLiteral("rating"),
                                             QStringLiteral("text"),
                                             QStringLiteral("images")});
            !known)
            return known.error();
        ReviewDraft draft;
        const QJsonValue itemId = item.value(QStringLiteral("orderItemId"));
        if (!itemId.isUndefined() && !itemId.isNull()) {
            auto id = requireId(item, QStringLiteral("orderItemId"));
            if (!id)
                return id.error();
            draft.orderItemId = *id;
        }
        if (itemIds.contains(draft.orderItemId))
            return invalid(draft.orderItemId.isEmpty()
                               ? tr("Name the order line of each review (orderItemId).")
                               : tr("The order line %1 is reviewed twice.").arg(draft.orderItemId));
        itemIds.insert(draft.orderItemId);

        const auto rating = Json::wholeNumber(item.value(QStringLiteral("rating")), MinRating, MaxRating);
        if (!rating)
            return invalid(tr("The rating is a whole number from %1 to %2.").arg(MinRating).arg(MaxRating));
        draft.rating = int(*rating);

        auto text = plainText(item.value(QStringLiteral("text")), 0, MaxTextLength, tr("The review text"));
        if (!text)
            return text.error();
        draft.text = *text;

        const QJsonValue images = item.value(QStringLiteral("images"));
        if (!images.isUndefined() && !images.isNull()) {
            if (!images.isArray())
                return invalid(tr("Field 'images' is a list of image ids."));
            const QJsonArray list = images.toArray();
            if (list.size() > MaxImages)
                return invalid(tr("A review shows at most %1 photos.").arg(MaxImages));
            for (const QJsonValue& image : list) {
                if (!image.isString() || !Id::isValid(image.toString()))
                    return invalid(tr("Field 'images' is a list of image ids."));
                if (draft.images.contains(image.toString()))
                    return invalid(tr("The photo %1 appears twice.").arg(image.toString()));
                draft.images << image.toString();
            }
        }
        drafts << draft;
    }
    if (drafts.size() > 1 && itemIds.contains(QString()))
        return invalid(tr("Name the order line of each review (orderItemId)."));
    return drafts;
}

Result<ReviewReplyArgs> ReviewRules::normalizeReply(const QJsonObject& args)
{
    if (const Status known = checkKnown(args, {QStringLiteral("reviewId"), QStringLiteral("reply")}); !known)
        return known.error();
    auto id = requireId(args, QStringLiteral("reviewId"));
    if (!id)
        return id.error();
    auto reply = plainText(args.value(QStringLiteral("reply")), 1, MaxReplyLength, tr("The reply"));
    if (!reply)
        return reply.error();
    return ReviewReplyArgs{*id, *reply};
}

Result<ReviewHiddenArgs> ReviewRules::normalizeSetHidden(const QJsonObject& args)
{
    if (const Status known = checkKnown(args, {QStringLiteral("reviewId"), QStringLiteral("hidden")}); !known)
        return known.error();
    auto id = requireId(args, QStringLiteral("reviewId"));
    if (!id)
        return id.error();
    const QJsonValue hidden = args.value(QStringLiteral("hidden"));
    if (!hidden.isBool())
        return invalid(tr("Field 'hidden' must be true or false."));
    return ReviewHiddenArgs{*id, hidden.toBool()};
}

qint64 ReviewRules::averageTenths(qint64 count, qint64 sum)
{
    if (count <= 0)
        return 0;
    // round(10 * sum / count) half up, exactly: (20 * sum + count) / (2 * count). sum <= 5 * count, so no overflow
    // for any count a shop can reach.
    return (20 * sum + count) / (2 * count);
}

} // namespace xd
