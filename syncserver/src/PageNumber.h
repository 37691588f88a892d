#pragma once

#include "xiaodian/Result.h"

#include <QUrlQuery>

#include <optional>

namespace xd::server {

// Page-number paging (?page=N&pageSize=M), the alternative to a list's cursor for mini-program screens that show
// page numbers. It reads with OFFSET, which walks and throws away every row before the page, and it skips or repeats
// rows when the list changes between two requests; so it only reaches MaxDepth rows deep, and beyond that the client
// must follow the cursor (every page also answers nextCursor). See docs/catalog.md.
struct PageNumber
{
    static constexpr int MaxDepth = 10'000; // page * pageSize

    int page = 1;     // from 1
    int pageSize = 0; // rows per page

    int offset() const { return (page - 1) * pageSize; }

    // Absent "page": nullopt (cursor paging). Present: checked -- a whole number from 1, not together with
    // "cursor", pageSize (or else limit, or else `defaultSize`) from 1 to `maxSize`, page * pageSize <= MaxDepth.
    // Anything else is InvalidArgument naming the parameter.
    static Result<std::optional<PageNumber>> parse(const QUrlQuery& query, int defaultSize, int maxSize);
};

} // namespace xd::server
