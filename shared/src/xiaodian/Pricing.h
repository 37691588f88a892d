#pragma once

#include "xiaodian/Money.h"
#include "xiaodian/OrderState.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace xd {

// One cart or buy-now line, priced at the SKU's current price (the server reads it; the desktop shows it).
struct PriceLineInput
{
    QString skuId;
    qint64 unitPriceFen = 0;
    qint64 quantity = 0;
};

// The shop's delivery fee setting. Pickup and in-store orders never pay a fee.
struct DeliveryFeeRule
{
    qint64 flatFeeFen = 0;
    // 0: never free. Otherwise delivery is free when the goods after discounts reach this amount (>=, in fen).
    qint64 freeFromFen = 0;
};

// A discount the marketing module (coupons, full reductions, member prices) grants. Empty `skuIds`: on the whole
// order; otherwise only on those lines. Its amount is spread over the lines it applies to by largest remainder,
// weighted by what each line still costs, and capped at that so no line goes below zero.
struct Discount
{
    QString label; // shown to the customer: "满100减10"
    qint64 amountFen = 0;
    QStringList skuIds;
};

struct PricingInput
{
    QList<PriceLineInput> lines;
    FulfilmentMode mode = FulfilmentMode::Delivery;
    DeliveryFeeRule delivery;
    QList<Discount> discounts; // applied in this order
};

struct PricedLine
{
    QString skuId;
    qint64 unitPriceFen = 0;
    qint64 quantity = 0;
    Money gross;    // unit price x quantity
    Money discount; // this line's share of all discounts
    Money net;      // gross - discount, never negative
};

struct AppliedDiscount
{
    QString label;
    QStringList skuIds;
    Money requested;
    Money applied; // less than requested when the lines it applies to cost less
};

struct PriceBreakdown
{
    QList<PricedLine> lines;
    QList<AppliedDiscount> discounts;
    Money goodsTotal; // sum of gross
    Money discountTotal;
    Money deliveryFee;
    Money payable; // goodsTotal - discountTotal + deliveryFee
};

// The checkout price engine: the server's checkout preview and order placement and the desktop use this one
// computation, so both show the same fen. Integer fen throughout, every sum overflow-checked.
class Pricing
{
    Q_DECLARE_TR_FUNCTIONS(Pricing)

public:
    static constexpr qint64 MaxQuantity = 9999;
    static constexpr int MaxLabelLength = 50;

    // invalid_argument: no lines, an empty or repeated SKU id, a negative price, a quantity outside
    // 1..MaxQuantity, a negative fee or threshold, a discount with an empty label, a negative amount or an unknown
    // SKU. overflow: a product or sum that does not fit in qint64.
    static Result<PriceBreakdown> price(const PricingInput& input);
};

} // namespace xd
