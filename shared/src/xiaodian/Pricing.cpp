#include "xiaodian/Pricing.h"

#include <QSet>

namespace xd {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Status checkInput(const PricingInput& input)
{
    if (input.lines.isEmpty())
        return invalid(Pricing::tr("An order needs at least one line."));
    QSet<QString> skus;
    for (const PriceLineInput& line : input.lines) {
        if (line.skuId.isEmpty())
            return invalid(Pricing::tr("Every line needs a SKU."));
        if (skus.contains(line.skuId))
            return invalid(Pricing::tr("SKU '%1' is on more than one line.").arg(line.skuId));
        skus.insert(line.skuId);
        if (line.unitPriceFen < 0)
            return invalid(Pricing::tr("The price of SKU '%1' is negative.").arg(line.skuId));
        if (line.quantity < 1 || line.quantity > Pricing::MaxQuantity)
            return invalid(Pricing::tr("The quantity of SKU '%1' must be from 1 to %2.")
                               .arg(line.skuId)
                               .arg(Pricing::MaxQuantity));
    }
    if (input.delivery.flatFeeFen < 0 || input.delivery.freeFromFen < 0)
        return invalid(Pricing::tr("The delivery fee and its free-delivery threshold cannot be negative."));
    for (const Discount& discount : input.discounts) {
        const QString label = discount.label.trimmed();
        if (label.isEmpty() || label.size() > Pricing::MaxLabelLength)
            return invalid(Pricing::tr("A discount needs a label of 1 to %1 characters.").arg(Pricing::MaxLabelLength));
        if (discount.amountFen < 0)
            return invalid(Pricing::tr("Discount '%1' is negative.").arg(label));
        for (const QString& sku : discount.skuIds) {
            if (!skus.contains(sku))
                return invalid(Pricing::tr("Discount '%1' names SKU '%2', which is not in the order.").arg(label, sku));
        }
    }
    return {};
}

// Spreads one discount over its lines in `lines`, never more than what they still cost; returns what it applied.
Result<Money> applyDiscount(const Discount& discount, QList<PricedLine>& lines)
{
    QList<qsizetype> targets;
    QList<qint64> weights;
    qint64 remaining = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!discount.skuIds.isEmpty() && !discount.skuIds.contains(lines[i].skuId))
            continue;
        targets.append(i);
        weights.append(lines[i].net.fen());
        if (qAddOverflow(remaining, lines[i].net.fen(), &remaining))
            return makeError(ErrorCode::Overflow, QStringLiteral("money addition overflows"));
    }
    const Money applied = Money::fromFen(qMin(discount.amountFen, remaining));
    if (applied.isZero())
        return applied; // nothing left to discount (or a zero discount): allocate() rejects all-zero weights
    // applied <= sum(weights), so each largest-remainder part stays <= its weight: no line goes negative.
    auto parts = Money::allocate(applied, weights);
    if (!parts)
        return parts.error();
    for (qsizetype k = 0; k < targets.size(); ++k) {
        PricedLine& line = lines[targets[k]];
        auto lineDiscount = line.discount.add(parts->at(k));
        auto net = line.net.subtract(parts->at(k));
        if (!lineDiscount || !net)
            return makeError(ErrorCode::Overflow, QStringLiteral("money arithmetic overflows"));
        line.discount = *lineDiscount;
        line.net = *net;
    }
    return applied;
}

} // namespace

Result<PriceBreakdown> Pricing::price(const PricingInput& input)
{
    if (auto checked = checkInput(input); !checked)
        return checked.error();

    PriceBreakdown out;
    QList<Money> grosses;
    for (const PriceLineInput& in : input.lines) {
        auto gross = Money::fromFen(in.unitPriceFen).multiply(in.quantity);
        if (!gross)
            return gross.error();
        out.lines.append(PricedLine{in.skuId, in.unitPriceFen, in.quantity, *gross, Money(), *gross});
        grosses.append(*gross);
    }
    auto goods = sum(grosses);
    if (!goods)
        return goods.error();
    out.goodsTotal = *goods;

    QList<Money> applied;
    for (const Discount& discount : input.discounts) {
        auto amount = applyDiscount(discount, out.lines);
        if (!amount)
            return amount.error();
        out.discounts.append(
            AppliedDiscount{discount.label.trimmed(), discount.skuIds, Money::fromFen(discount.amountFen), *amount});
        applied.append(*amount);
    }
    // Each discount is capped at what its lines still cost, so the total never exceeds the goods.
    auto discountTotal = sum(applied);
    if (!discountTotal)
        return discountTotal.error();
    out.discountTotal = *discountTotal;
    auto netGoods = out.goodsTotal.subtract(out.discountTotal);
    if (!netGoods)
        return netGoods.error();

    const DeliveryFeeRule& rule = input.delivery;
    const bool free = rule.freeFromFen > 0 && netGoods->fen() >= rule.freeFromFen;
    out.deliveryFee = Money::fromFen(input.mode == FulfilmentMode::Delivery && !free ? rule.flatFeeFen : 0);

    auto payable = netGoods->add(out.deliveryFee);
    if (!payable)
        return payable.error();
    out.payable = *payable;
    return out;
}

} // namespace xd
