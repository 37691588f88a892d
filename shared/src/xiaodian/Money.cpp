#include "xiaodian/Money.h"

#include <QtNumeric>

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>

namespace xd {

namespace {

Error overflowError(const char* what)
{
    return makeError(ErrorCode::Overflow, QStringLiteral("money %1 overflows").arg(QLatin1String(what)));
}

Error invalidAmount(const QString& text, const QString& why)
{
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not a valid amount: %2").arg(text, why));
}

// Computes round-half-away-from-zero(value * numerator / denominator) without intermediate overflow,
// for denominator > 0 and numerator >= 0. Splits value into quotient and remainder by the denominator so
// the only products formed are bounded by |value| * numerator / denominator and denominator * numerator.
std::optional<qint64> mulDivRound(qint64 value, qint64 numerator, qint64 denominator)
{
    const bool negative = value < 0;
    if (value == std::numeric_limits<qint64>::min())
        return std::nullopt;
    const qint64 magnitude = negative ? -value : value;
    const qint64 q = magnitude / denominator;
    const qint64 r = magnitude % denominator;
    qint64 whole = 0;
    qint64 partNumerator = 0;
    if (qMulOverflow(q, numerator, &whole) || qMulOverflow(r, numerator, &partNumerator))
        return std::nullopt;
    qint64 part = partNumerator / denominator;
    const qint64 rest = partNumerator % denominator;
    if (rest * 2 >= denominator) // rest < denominator, so rest * 2 cannot overflow for sane denominators
        ++part;
    qint64 result = 0;
    if (qAddOverflow(whole, part, &result))
        return std::nullopt;
    return negative ? -result : result;
}

} // namespace

Result<Money> Money::parse(const QString& yuan)
{
    const QString text = yuan.trimmed();
    if (text.isEmpty())
        return invalidAmount(yuan, QStringLiteral("empty"));

    qsizetype pos = 0;
    bool negative = false;
    if (text.at(0) == QLatin1Char('-') || text.at(0) == QLatin1Char('+')) {
        negative = text.at(0) == QLatin1Char('-');
        ++pos;
    }

    qint64 whole = 0;
    qsizetype wholeDigits = 0;
    for (; pos < text.size() && text.at(pos).isDigit(); ++pos, ++wholeDigits) {
        const int digit = text.at(pos).unicode() - u'0';
        if (digit < 0 || digit > 9) // isDigit() accepts non-ASCII digits; we don't
            return invalidAmount(yuan, QStringLiteral("unexpected character"));
        if (qMulOverflow(whole, qint64(10), &whole) || qAddOverflow(whole, qint64(digit), &whole))
            return overflowError("parse");
    }

    qint64 cents = 0;
    qsizetype decimals = 0;
    if (pos < text.size() && text.at(pos) == QLatin1Char('.')) {
        ++pos;
        for (; pos < text.size() && text.at(pos).isDigit(); ++pos, ++decimals) {
            const int digit = text.at(pos).unicode() - u'0';
            if (digit < 0 || digit > 9)
                return invalidAmount(yuan, QStringLiteral("unexpected character"));
            if (decimals >= 2)
                return invalidAmount(yuan, QStringLiteral("more than two decimals"));
            cents = cents * 10 + digit;
        }
        if (decimals == 0)
            return invalidAmount(yuan, QStringLiteral("no digits after the decimal point"));
        if (decimals == 1)
            cents *= 10;
    }
    if (pos != text.size())
        return invalidAmount(yuan, QStringLiteral("unexpected character"));
    if (wholeDigits == 0 && decimals == 0)
        return invalidAmount(yuan, QStringLiteral("no digits"));

    qint64 fen = 0;
    if (qMulOverflow(whole, qint64(100), &fen) || qAddOverflow(fen, cents, &fen))
        return overflowError("parse");
    return Money(negative ? -fen : fen);
}

QString Money::toString() const
{
    // Work on the magnitude as unsigned so that the most negative value formats too.
    const bool negative = m_fen < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(m_fen) : quint64(m_fen);
    return QStringLiteral("%1%2.%3")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(magnitude / 100)
        .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

Result<Money> Money::add(Money other) const
{
    qint64 out = 0;
    if (qAddOverflow(m_fen, other.m_fen, &out))
        return overflowError("addition");
    return Money(out);
}

Result<Money> Money::subtract(Money other) const
{
    qint64 out = 0;
    if (qSubOverflow(m_fen, other.m_fen, &out))
        return overflowError("subtraction");
    return Money(out);
}

Result<Money> Money::multiply(qint64 quantity) const
{
    qint64 out = 0;
    if (qMulOverflow(m_fen, quantity, &out))
        return overflowError("multiplication");
    return Money(out);
}

Result<Money> Money::percentOf(qint64 basisPoints) const
{
    if (basisPoints < 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("a percentage cannot be negative"));
    const auto fen = mulDivRound(m_fen, basisPoints, 10000);
    if (!fen)
        return overflowError("percentage");
    return Money(*fen);
}

Result<QList<Money>> Money::allocate(Money total, const QList<qint64>& weights)
{
    if (weights.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("nothing to allocate over"));
    qint64 weightSum = 0;
    for (const qint64 w : weights) {
        if (w < 0)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("allocation weights cannot be negative"));
        if (qAddOverflow(weightSum, w, &weightSum))
            return overflowError("allocation");
    }
    if (weightSum == 0)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("allocation weights are all zero"));
    if (total.m_fen == std::numeric_limits<qint64>::min())
        return overflowError("allocation");

    // Allocate the magnitude, then restore the sign, so that negative totals split symmetrically.
    const bool negative = total.m_fen < 0;
    const qint64 magnitude = negative ? -total.m_fen : total.m_fen;
    const qint64 q = magnitude / weightSum;
    const qint64 r = magnitude % weightSum;

    QList<qint64> parts(weights.size());
    QList<qint64> remainders(weights.size());
    qint64 assigned = 0;
    for (qsizetype i = 0; i < weights.size(); ++i) {
        // part = floor(magnitude * w / weightSum) = q * w + floor(r * w / weightSum), with r < weightSum.
        qint64 whole = 0;
        qint64 partNumerator = 0;
        if (qMulOverflow(q, weights[i], &whole) || qMulOverflow(r, weights[i], &partNumerator))
            return overflowError("allocation");
        parts[i] = whole + partNumerator / weightSum;
        remainders[i] = partNumerator % weightSum;
        assigned += parts[i];
    }

    QList<qsizetype> order(weights.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(
        order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return remainders[a] > remainders[b]; });
    // The fen left over are fewer than the number of parts: at most one extra fen per part.
    for (qint64 left = magnitude - assigned, k = 0; left > 0; --left, ++k)
        ++parts[order[k]];

    QList<Money> result;
    result.reserve(parts.size());
    for (const qint64 p : parts)
        result.append(Money(negative ? -p : p));
    return result;
}

Result<Money> sum(const QList<Money>& amounts)
{
    Money total;
    for (const Money m : amounts) {
        auto next = total.add(m);
        if (!next)
            return next.error();
        total = *next;
    }
    return total;
}

} // namespace xd
