#pragma once

#include "xiaodian/Result.h"

#include <QString>

namespace xd::server {

// Where a keyset-paged list continues: the last row's sort key and id.
struct KeysetCursor
{
    qint64 key = 0;
    QString id;
};

// The cursor every keyset-paged list hands out: "<tag>|<key>|<id>" in base64url, opaque to clients. The tag names the
// list (and, where it matters, its sort order: "1|price_asc"), so a cursor of one list is refused by another, whose key
// would mean something else there. Refusals are `invalid_argument`: "malformed cursor" for what no list hands out,
// "the cursor belongs to another list or sort order" for a well-formed cursor with another tag.
QString encodeKeysetCursor(const QString& tag, qint64 key, const QString& id);
Result<KeysetCursor> decodeKeysetCursor(const QString& cursor, const QString& tag);

} // namespace xd::server
