#pragma once

#include <QString>

namespace xd::csv {

// One CSV field for spreadsheets (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
// Text (isText) that a spreadsheet would run as a formula ("CSV injection": it starts with = + - @ ' tab or CR) gets a
// leading apostrophe; the product import takes one leading apostrophe off again, so text round-trips. Numbers pass
// as they are (a negative amount is not a formula).
QString field(const QString& value, bool isText = true);

} // namespace xd::csv
