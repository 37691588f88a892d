#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace xd::Json {

// Largest integer a JSON number carries exactly through an IEEE double (JavaScript's Number.MAX_SAFE_INTEGER).
// Money and counters beyond it must not travel as JSON numbers.
inline constexpr qint64 MaxSafeInteger = 9007199254740991LL;

// Parses a request body that must be a JSON object; errors are InvalidArgument with the parser's offset.
Result<QJsonObject> parseObject(const QByteArray& bytes);

// Compact UTF-8 serialisation.
QByteArray toBytes(const QJsonObject& object);

// Field readers: a missing required field, a value of the wrong type, or a non-integral / unsafe number is
// an InvalidArgument error naming the field.
Result<QString> requireString(const QJsonObject& object, const QString& key);
Result<qint64> requireInt64(const QJsonObject& object, const QString& key);
Result<bool> requireBool(const QJsonObject& object, const QString& key);
// Optional variants return `fallback` when the key is absent or null, and an error when it has the wrong type.
Result<QString> optionalString(const QJsonObject& object, const QString& key, const QString& fallback = {});
Result<qint64> optionalInt64(const QJsonObject& object, const QString& key, qint64 fallback = 0);

// The integer a JSON value holds when it is a number without a fraction within [min, max] (and within
// ±MaxSafeInteger); nothing otherwise, for callers that word their own message. Never casts an out-of-range double.
std::optional<qint64> wholeNumber(const QJsonValue& value, qint64 min, qint64 max);

// {"error": {"code": "...", "message": "..."}} -- the one error body of the HTTP API.
QJsonObject errorBody(const Error& error);

} // namespace xd::Json
