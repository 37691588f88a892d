#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace xd {

// Decimal degrees as the merchant types or pastes them, converted to and from the integer millionths of a degree
// (`latitudeE6`/`longitudeE6`) the shop stores. Parsing works on the digits, never through a double, so
// "31.230416" is exactly 31230416.
namespace GeoCoordinate {

inline constexpr qint64 MaxLatitudeE6 = 90'000'000;
inline constexpr qint64 MaxLongitudeE6 = 180'000'000;

// "31.230416", "-0.5", "+121.4737011" (a seventh or later decimal rounds half away from zero), an optional
// trailing degree sign. No exponent, no thousands separators. Returns nothing when the text is not a number.
std::optional<qint64> parseDegreesE6(QStringView text);
// Always six decimals: 31230416 -> "31.230416", -500000 -> "-0.500000".
QString formatDegreesE6(qint64 valueE6);

bool isLatitudeE6(qint64 valueE6);
bool isLongitudeE6(qint64 valueE6);

struct Pair
{
    qint64 latitudeE6 = 0;
    qint64 longitudeE6 = 0;
    // The text gave longitude first (as Amap's coordinate picker does); told apart only when the first number
    // cannot be a latitude.
    bool swapped = false;
};

enum class PairError { None, NotAPair, NotANumber, LatitudeOutOfRange, LongitudeOutOfRange };

// "31.230416,121.473701", "31.230416, 121.473701", a full-width comma, or a semicolon/space between the two.
std::optional<Pair> parsePair(QStringView text, PairError* error = nullptr);

} // namespace GeoCoordinate

} // namespace xd
