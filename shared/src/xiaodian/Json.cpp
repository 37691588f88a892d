#include "xiaodian/Json.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

namespace xd::Json {

namespace {

Error fieldError(const QString& key, const QString& what)
{
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("field '%1' %2").arg(key, what));
}

Result<qint64> toInt64(const QJsonValue& value, const QString& key)
{
    if (const auto number = wholeNumber(value, -MaxSafeInteger, MaxSafeInteger))
        return *number;
    // Which of the two: an integer too large to travel exactly, or no integer at all.
    const double d = value.toDouble();
    if (value.isDouble() && std::isfinite(d) && std::trunc(d) == d)
        return fieldError(key, QStringLiteral("is out of range"));
    return fieldError(key, QStringLiteral("must be an integer"));
}

} // namespace

Result<QJsonObject> parseObject(const QByteArray& bytes)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("malformed JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the body must be a JSON object"));
    return doc.object();
}

QByteArray toBytes(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<QString> requireString(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fieldError(key, QStringLiteral("is required"));
    if (!value.isString())
        return fieldError(key, QStringLiteral("must be a string"));
    return value.toString();
}

Result<qint64> requireInt64(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fieldError(key, QStringLiteral("is required"));
    return toInt64(value, key);
}

std::optional<qint64> wholeNumber(const QJsonValue& value, qint64 min, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    // The range first (in doubles): casting a double outside qint64 to an integer is undefined.
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > double(MaxSafeInteger))
        return std::nullopt;
    if (d < double(min) || d > double(max))
        return std::nullopt;
    return qint64(d);
}

Result<bool> requireBool(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fieldError(key, QStringLiteral("is required"));
    if (!value.isBool())
        return fieldError(key, QStringLiteral("must be true or false"));
    return value.toBool();
}

Result<QString> optionalString(const QJsonObject& object, const QString& key, const QString& fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isString())
        return fieldError(key, QStringLiteral("must be a string"));
    return value.toString();
}

Result<qint64> optionalInt64(const QJsonObject& object, const QString& key, qint64 fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    return toInt64(value, key);
}

QJsonObject errorBody(const Error& error)
{
    return QJsonObject{
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("code"), errorCodeName(error.code)}, {QStringLiteral("message"), error.message}}}};
}

} // namespace xd::Json
