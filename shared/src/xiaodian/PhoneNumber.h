#pragma once

#include <QString>

#include <optional>

namespace xd {

// Mainland China mobile numbers, the only numbers our SMS provider reaches (docs/customers.md, "SMS").
// Accepted: 11 digits starting 13-19, optionally written with a +86 / 0086 / 86 prefix and with spaces or
// hyphens between digit groups ("+86 138-0013-8000"). The normalised form is the bare 11 digits, which is what
// is stored, compared and sent. Anything else (landlines, other countries, letters) is nothing.
std::optional<QString> normalizeMainlandMobile(const QString& text);

// "138****8000": for logs and messages that must not carry a whole number. Short input is masked entirely.
QString maskPhone(const QString& phone);

} // namespace xd
