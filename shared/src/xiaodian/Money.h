#pragma once

#include "xiaodian/Result.h"

#include <QList>
#include <QString>
#include <QtGlobal>

namespace xd {

// An amount of money in fen (分), the smallest unit of the yuan: 100 fen = 1 yuan.
// Integer only -- there is no floating point anywhere on the money path. Arithmetic that can overflow
// is checked and returns a Result; comparisons and negation are plain.
class Money
{
public:
    constexpr Money() = default;
    static constexpr Money fromFen(qint64 fen) { return Money(fen); }

    constexpr qint64 fen() const { return m_fen; }
    constexpr bool isZero() const { return m_fen == 0; }
    constexpr bool isNegative() const { return m_fen < 0; }

    // Parses a yuan amount written the way people and CSV files write it: "12", "12.3", "12.30", "-0.05",
    // "+1.00". At most two decimals ("1.234" is rejected rather than silently rounded); no grouping
    // separators, no currency sign, no exponent, no surrounding spaces other than trimmed whitespace.
    static Result<Money> parse(const QString& yuan);

    // "12.30", "-0.05", "0.00": always two decimals, no grouping, '.' separator -- the wire and CSV form.
    QString toString() const;

    Result<Money> add(Money other) const;
    Result<Money> subtract(Money other) const;
    Result<Money> multiply(qint64 quantity) const;

    // The share of this amount given in basis points (1/100 of a percent): 8.5 折 is 8500, 100% is 10000.
    // Rounding rule: half away from zero on the exact rational result (商业四舍五入), so 0.05 * 50% = 0.03 and
    // -0.05 * 50% = -0.03. Basis points may exceed 10000 (a surcharge) but may not be negative.
    Result<Money> percentOf(qint64 basisPoints) const;

    // Splits `total` across `weights` (e.g. line amounts in fen) so that the parts are proportional to the
    // weights and always sum to `total` exactly: each part is first rounded toward zero, then the fen left
    // over go one each to the parts with the largest remainders (ties: the earlier part). Weights must be
    // non-negative and not all zero. Used to spread an order-level discount over its lines.
    static Result<QList<Money>> allocate(Money total, const QList<qint64>& weights);

    friend constexpr bool operator==(Money a, Money b) { return a.m_fen == b.m_fen; }
    friend constexpr auto operator<=>(Money a, Money b) { return a.m_fen <=> b.m_fen; }
    constexpr Money operator-() const { return Money(-m_fen); }

private:
    constexpr explicit Money(qint64 fen) : m_fen(fen) {}

    qint64 m_fen = 0;
};

// Sums amounts with overflow checking.
Result<Money> sum(const QList<Money>& amounts);

} // namespace xd
