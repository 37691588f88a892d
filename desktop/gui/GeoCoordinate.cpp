#include "GeoCoordinate.h"

#include <QChar>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace xd::GeoCoordinate {

namespace {

constexpr int Decimals = 6;
// Enough for any real coordinate and far from overflowing qint64 in millionths.
constexpr int MaxIntegerDigits = 4;
constexpr int MaxFractionDigits = 15;

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

} // namespace

std::optional<qint64> parseDegreesE6(QStringView text)
{
    text = text.trimmed();
    if (text.endsWith(QChar(0x00B0))) {
        text.chop(1);
        text = text.trimmed();
    }
    if (text.isEmpty()) {
        return std::nullopt;
    }
    bool negative = false;
    if (text.front() == QLatin1Char('-') || text.front() == QChar(0x2212)) {
        negative = true;
        text = text.mid(1);
    } else if (text.front() == QLatin1Char('+')) {
        text = text.mid(1);
    }

    qint64 whole = 0;
    int integerDigits = 0;
    qsizetype i = 0;
    for (; i < text.size() && isAsciiDigit(text[i]); ++i) {
        if (++integerDigits > MaxIntegerDigits) {
            return std::nullopt;
        }
        whole = whole * 10 + (text[i].unicode() - '0');
    }

    qint64 fraction = 0;
    int fractionDigits = 0;
    bool roundUp = false;
    if (i < text.size() && text[i] == QLatin1Char('.')) {
        ++i;
        for (; i < text.size() && isAsciiDigit(text[i]); ++i) {
            const int digit = text[i].unicode() - '0';
            if (++fractionDigits > MaxFractionDigits) {
                return std::nullopt;
            }
            if (fractionDigits <= Decimals) {
                fraction = fraction * 10 + digit;
            } else if (fractionDigits == Decimals + 1) {
                roundUp = digit >= 5;
            }
        }
        if (fractionDigits == 0) {
            return std::nullopt;
        }
    }
    if (i != text.size() || integerDigits == 0) {
        return std::nullopt;
    }
    for (int d = std::min(fractionDigits, Decimals); d < Decimals; ++d) {
        fraction *= 10;
    }
    qint64 value = whole * 1'000'000 + fraction + (roundUp ? 1 : 0);
    return negative ? -value : value;
}

QString formatDegreesE6(qint64 valueE6)
{
    const qint64 magnitude = valueE6 < 0 ? -valueE6 : valueE6;
    const QString sign = valueE6 < 0 ? QStringLiteral("-") : QString();
    return sign + QString::number(magnitude / 1'000'000) + QLatin1Char('.') +
           QStringLiteral("%1").arg(magnitude % 1'000'000, Decimals, 10, QLatin1Char('0'));
}

bool isLatitudeE6(qint64 valueE6)
{
    return valueE6 >= -MaxLatitudeE6 && valueE6 <= MaxLatitudeE6;
}

bool isLongitudeE6(qint64 valueE6)
{
    return valueE6 >= -MaxLongitudeE6 && valueE6 <= MaxLongitudeE6;
}

std::optional<Pair> parsePair(QStringView text, PairError* error)
{
    const auto fail = [error](PairError reason) -> std::optional<Pair> {
        if (error) {
            *error = reason;
        }
        return std::nullopt;
    };
    if (error) {
        *error = PairError::None;
    }

    // Map tools and chat apps separate the two with ",", "，" (full width), ";" or just spaces.
    QString normalized = text.trimmed().toString();
    normalized.replace(QChar(0xFF0C), QLatin1Char(',')).replace(QChar(0xFF1B), QLatin1Char(';'));
    static const QRegularExpression separator(QStringLiteral("\\s*[,;]\\s*|\\s+"));
    const QStringList parts = normalized.split(separator);
    if (parts.size() != 2) {
        return fail(PairError::NotAPair);
    }
    const std::optional<qint64> first = parseDegreesE6(parts.at(0));
    const std::optional<qint64> second = parseDegreesE6(parts.at(1));
    if (!first || !second) {
        return fail(PairError::NotANumber);
    }
    Pair pair{*first, *second, false};
    if (!isLatitudeE6(pair.latitudeE6) && isLatitudeE6(pair.longitudeE6) && isLongitudeE6(pair.latitudeE6)) {
        pair = Pair{*second, *first, true};
    }
    if (!isLatitudeE6(pair.latitudeE6)) {
        return fail(PairError::LatitudeOutOfRange);
    }
    if (!isLongitudeE6(pair.longitudeE6)) {
        return fail(PairError::LongitudeOutOfRange);
    }
    return pair;
}

} // namespace xd::GeoCoordinate
