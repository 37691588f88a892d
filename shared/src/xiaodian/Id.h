#pragma once

#include <QString>

namespace xd {

class Clock;

// Identifiers for rows that a desktop may create while offline: UUID version 7 (RFC 9562), a 48-bit
// millisecond timestamp followed by random bits. They are unique without asking the server, and they
// sort by creation time, which keeps B-tree inserts local for large tables. Canonical text form:
// 36 lowercase characters, e.g. "01890a5d-ac96-774b-bcce-b302099a8057".
namespace Id {

QString create();
// The same, with the timestamp taken from `clock` (tests use a manual clock).
QString create(const Clock& clock);
// True for any canonical lowercase UUID (any version); ids from outside are validated with this.
bool isValid(const QString& id);

} // namespace Id
} // namespace xd
