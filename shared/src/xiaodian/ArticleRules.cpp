#include "xiaodian/ArticleRules.h"

#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/RichText.h"

#include <QStringList>

namespace xd {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Result<QString> text(const QJsonObject& args, const QString& key, int minLength, int maxLength, const QString& label)
{
    const QJsonValue value = args.value(key);
    // Never a null QString: Qt binds those as SQL NULL, and the text columns are NOT NULL.
    if ((value.isUndefined() || value.isNull()) && minLength == 0)
        return QStringLiteral("");
    const QString trimmed = value.toString().trimmed();
    if (!value.isString() || trimmed.size() < minLength || trimmed.size() > maxLength)
        return invalid(ArticleRules::tr("%1 has %2 to %3 characters.").arg(label).arg(minLength).arg(maxLength));
    return trimmed.isNull() ? QStringLiteral("") : trimmed;
}

Result<QString> requireId(const QJsonObject& args)
{
    const QJsonValue value = args.value(QStringLiteral("id"));
    if (!value.isString() || !Id::isValid(value.toString()))
        return invalid(ArticleRules::tr("Field 'id' must be an id (a lowercase UUID)."));
    return value.toString();
}

} // namespace

Result<ArticleDraft> ArticleRules::normalizeArticle(const QJsonObject& args)
{
    static const QStringList known{QStringLiteral("id"),
                                   QStringLiteral("title"),
                                   QStringLiteral("cover"),
                                   QStringLiteral("summary"),
                                   QStringLiteral("body"),
                                   QStringLiteral("category"),
                                   QStringLiteral("published"),
                                   QStringLiteral("publishAtMs")};
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(tr("Unknown field '%1'.").arg(it.key()));
    }
    auto id = requireId(args);
    auto title = text(args, QStringLiteral("title"), 1, MaxTitleLength, tr("The title"));
    auto cover = text(args, QStringLiteral("cover"), 0, MaxCoverLength, tr("The cover image"));
    auto summary = text(args, QStringLiteral("summary"), 0, MaxSummaryLength, tr("The summary"));
    auto category = text(args, QStringLiteral("category"), 0, MaxCategoryLength, tr("The category"));
    for (const Result<QString>* field : {&id, &title, &cover, &summary, &category}) {
        if (!*field)
            return field->error();
    }

    const QJsonValue body = args.value(QStringLiteral("body"));
    if (!body.isUndefined() && !body.isNull() && !body.isString())
        return invalid(tr("Field 'body' must be text (HTML)."));
    // The raw text may be longer than what is stored (a paste from a web page brings much markup that the
    // sanitizer drops), but not without bound: parsing costs time.
    if (body.toString().size() > RichText::MaxInputLength)
        return invalid(tr("The body has at most %1 characters.").arg(MaxBodyLength));
    const QString sanitized = RichText::sanitize(body.toString());
    if (sanitized.size() > MaxBodyLength)
        return invalid(tr("The body has at most %1 characters.").arg(MaxBodyLength));

    const QJsonValue published = args.value(QStringLiteral("published"));
    if (!published.isUndefined() && !published.isNull() && !published.isBool())
        return invalid(tr("Field 'published' must be true or false."));
    auto publishAtMs = Json::optionalInt64(args, QStringLiteral("publishAtMs"), 0);
    if (!publishAtMs)
        return publishAtMs.error();
    if (*publishAtMs < 0 || *publishAtMs > MaxPublishAtMs)
        return invalid(tr("Field 'publishAtMs' must be from 0 to %1.").arg(MaxPublishAtMs));

    ArticleDraft draft;
    draft.id = *id;
    draft.title = *title;
    draft.cover = *cover;
    draft.summary = *summary;
    draft.body = sanitized.isNull() ? QStringLiteral("") : sanitized;
    draft.category = *category;
    draft.published = published.toBool(false);
    draft.publishAtMs = *publishAtMs;
    return draft;
}

Result<QString> ArticleRules::normalizeDelete(const QJsonObject& args)
{
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (it.key() != QLatin1String("id"))
            return invalid(tr("Unknown field '%1'.").arg(it.key()));
    }
    return requireId(args);
}

bool ArticleRules::isPublic(bool published, qint64 publishAtMs, qint64 nowMs)
{
    return published && publishAtMs <= nowMs;
}

} // namespace xd
