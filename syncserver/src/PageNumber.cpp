#include "PageNumber.h"

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

// A whole number in [min, max], or nullopt.
std::optional<int> wholeNumber(const QString& text, int min, int max)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || text.startsWith(QLatin1Char('+')) || value < min || value > max)
        return std::nullopt;
    return int(value);
}

} // namespace

Result<std::optional<PageNumber>> PageNumber::parse(const QUrlQuery& query, int defaultSize, int maxSize)
{
    const auto param = [&query](const char* key) {
        return query.queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
    };
    const bool hasPageSize = query.hasQueryItem(QStringLiteral("pageSize"));
    if (!query.hasQueryItem(QStringLiteral("page"))) {
        if (hasPageSize)
            return invalid(QStringLiteral("pageSize goes with page"));
        return std::optional<PageNumber>();
    }
    if (!param("cursor").isEmpty())
        return invalid(QStringLiteral("page and cursor exclude each other"));
    const auto page = wholeNumber(param("page"), 1, MaxDepth);
    if (!page)
        return invalid(QStringLiteral("page is a whole number from 1"));
    PageNumber out;
    out.page = *page;
    out.pageSize = defaultSize;
    const QString sizeText = hasPageSize ? param("pageSize") : param("limit");
    if (hasPageSize || !sizeText.isEmpty()) {
        const auto size = wholeNumber(sizeText, 1, maxSize);
        if (!size)
            return invalid(QStringLiteral("pageSize is a whole number from 1 to %1").arg(maxSize));
        out.pageSize = *size;
    }
    if (qint64(out.page) * out.pageSize > MaxDepth)
        return invalid(
            QStringLiteral("page * pageSize may be at most %1: further on, follow nextCursor").arg(MaxDepth));
    return std::optional<PageNumber>(out);
}

} // namespace xd::server
