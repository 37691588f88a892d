#include "xiaodian/Pricing.h"

#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace xd;

namespace {

PriceLineInput line(const QString& sku, qint64 unitPriceFen, qint64 quantity)
{
    return PriceLineInput{sku, unitPriceFen, quantity};
}

Discount orderDiscount(qint64 fen, const QString& label = QStringLiteral("满减"))
{
    return Discount{label, fen, {}};
}

PricingInput input(const QList<PriceLineInput>& lines,
                   const QList<Discount>& discounts = {},
                   FulfilmentMode mode = FulfilmentMode::Delivery,
                   DeliveryFeeRule delivery = {})
{
    return PricingInput{lines, mode, delivery, discounts};
}

QList<qint64> lineDiscounts(const PriceBreakdown& b)
{
    QList<qint64> out;
    for (const PricedLine& l : b.lines)
        out.append(l.discount.fen());
    return out;
}

// The breakdown's own arithmetic, checked from its parts.
void verifyConsistent(const PriceBreakdown& b)
{
    qint64 gross = 0;
    qint64 discount = 0;
    qint64 net = 0;
    for (const PricedLine& l : b.lines) {
        QCOMPARE(l.gross.fen(), l.unitPriceFen * l.quantity);
        QCOMPARE(l.net.fen(), l.gross.fen() - l.discount.fen());
        QVERIFY(l.discount.fen() >= 0);
        QVERIFY(l.net.fen() >= 0);
        gross += l.gross.fen();
        discount += l.discount.fen();
        net += l.net.fen();
    }
    qint64 applied = 0;
    for (const AppliedDiscount& d : b.discounts) {
        QVERIFY(d.applied.fen() >= 0 && d.applied <= d.requested);
        applied += d.applied.fen();
    }
    QCOMPARE(b.goodsTotal.fen(), gross);
    QCOMPARE(b.discountTotal.fen(), discount);
    QCOMPARE(b.discountTotal.fen(), applied);
    QVERIFY(b.discountTotal <= b.goodsTotal);
    QCOMPARE(b.payable.fen(), net + b.deliveryFee.fen());
}

} // namespace

class tst_Pricing : public QObject
{
    Q_OBJECT

private slots:
    void lines_unitPriceTimesQuantity();
    void discount_tenYuanOverThreeTenYuanLines_addsUpExactly();
    void discount_spendFiveTakeOneOff_addsUpExactly();
    void discount_lineLevel_onlyTouchesItsLines();
    void discount_fullOrLargerThanGoods_isCappedAndNoLineNegative();
    void discount_severalInOrder_laterOnesCapped();
    void discount_zeroPriceLines_getNothing();
    void delivery_thresholdComparedInFenAfterDiscounts_data();
    void delivery_thresholdComparedInFenAfterDiscounts();
    void delivery_pickupAndInStore_payNoFee();
    void quantity_boundaries_data();
    void quantity_boundaries();
    void invalidInput_isRejected_data();
    void invalidInput_isRejected();
    void overflow_isReported();
    void randomCarts_alwaysAddUp();
};

void tst_Pricing::lines_unitPriceTimesQuantity()
{
    // mall #567: the unit price used without its quantity.
    const auto b = Pricing::price(input({line(QStringLiteral("a"), 1250, 2), line(QStringLiteral("b"), 399, 3)}));
    QVERIFY(b.ok());
    QCOMPARE(b->lines.at(0).gross.fen(), 2500);
    QCOMPARE(b->lines.at(1).gross.fen(), 1197);
    QCOMPARE(b->goodsTotal.fen(), 3697);
    QCOMPARE(b->discountTotal.fen(), 0);
    QCOMPARE(b->deliveryFee.fen(), 0);
    QCOMPARE(b->payable.fen(), 3697);
    QVERIFY(b->discounts.isEmpty());
    QCOMPARE(b->lines.at(1).skuId, QStringLiteral("b"));
    QCOMPARE(b->lines.at(1).quantity, 3);
    verifyConsistent(*b);
}

void tst_Pricing::discount_tenYuanOverThreeTenYuanLines_addsUpExactly()
{
    // mall #356: 10 yuan over three 10-yuan items gave 9.99.
    const auto b = Pricing::price(input(
        {line(QStringLiteral("a"), 1000, 1), line(QStringLiteral("b"), 1000, 1), line(QStringLiteral("c"), 1000, 1)},
        {orderDiscount(1000)}));
    QVERIFY(b.ok());
    QCOMPARE(lineDiscounts(*b), QList<qint64>({334, 333, 333}));
    QCOMPARE(b->discountTotal.toString(), QStringLiteral("10.00"));
    QCOMPARE(b->payable.fen(), 2000);
    QCOMPARE(b->discounts.at(0).applied.fen(), 1000);
    verifyConsistent(*b);
}

void tst_Pricing::discount_spendFiveTakeOneOff_addsUpExactly()
{
    // mall #492: "spend 5 get 1 off" over lines of 1.67 + 1.67 + 1.66 ended up 0.98.
    const auto b = Pricing::price(
        input({line(QStringLiteral("a"), 167, 1), line(QStringLiteral("b"), 167, 1), line(QStringLiteral("c"), 166, 1)},
              {orderDiscount(100, QStringLiteral("满5减1"))}));
    QVERIFY(b.ok());
    QCOMPARE(b->goodsTotal.fen(), 500);
    QCOMPARE(b->discountTotal.toString(), QStringLiteral("1.00"));
    QCOMPARE(lineDiscounts(*b), QList<qint64>({34, 33, 33}));
    QCOMPARE(b->payable.fen(), 400);
    QCOMPARE(b->discounts.at(0).label, QStringLiteral("满5减1"));
    verifyConsistent(*b);
}

void tst_Pricing::discount_lineLevel_onlyTouchesItsLines()
{
    const auto b = Pricing::price(input(
        {line(QStringLiteral("a"), 1000, 1), line(QStringLiteral("b"), 300, 2), line(QStringLiteral("c"), 500, 1)},
        {Discount{QStringLiteral("单品券"), 250, {QStringLiteral("b"), QStringLiteral("c")}},
         Discount{QStringLiteral("b only, more than b"), 10'000, {QStringLiteral("b")}}}));
    QVERIFY(b.ok());
    // 250 over b (600) and c (500): 136.36 -> 136, 113.63 -> 114 (largest remainder).
    QCOMPARE(lineDiscounts(*b), QList<qint64>({0, 136 + 464, 114}));
    QCOMPARE(b->lines.at(1).net.fen(), 0);
    QCOMPARE(b->discounts.at(1).applied.fen(), 464); // capped at what b still cost
    QCOMPARE(b->discounts.at(1).requested.fen(), 10'000);
    QCOMPARE(b->payable.fen(), 1000 + 0 + 386);
    verifyConsistent(*b);
}

void tst_Pricing::discount_fullOrLargerThanGoods_isCappedAndNoLineNegative()
{
    const QList<PriceLineInput> lines{line(QStringLiteral("a"), 333, 1), line(QStringLiteral("b"), 667, 2)};
    const DeliveryFeeRule fee{800, 0};
    const auto full = Pricing::price(input(lines, {orderDiscount(1667)}, FulfilmentMode::Delivery, fee));
    QVERIFY(full.ok());
    QCOMPARE(full->discountTotal.fen(), 1667);
    QCOMPARE(full->payable.fen(), 800); // the goods are free; delivery is not
    for (const PricedLine& l : full->lines)
        QCOMPARE(l.net.fen(), 0);
    verifyConsistent(*full);

    const auto more = Pricing::price(
        input(lines, {orderDiscount(std::numeric_limits<qint64>::max())}, FulfilmentMode::Delivery, fee));
    QVERIFY(more.ok());
    QCOMPARE(more->discountTotal.fen(), 1667);
    QCOMPARE(more->discounts.at(0).requested.fen(), std::numeric_limits<qint64>::max());
    QCOMPARE(more->discounts.at(0).applied.fen(), 1667);
    QCOMPARE(more->payable.fen(), 800);
    verifyConsistent(*more);
}

void tst_Pricing::discount_severalInOrder_laterOnesCapped()
{
    const auto b = Pricing::price(input({line(QStringLiteral("a"), 1000, 1), line(QStringLiteral("b"), 1000, 1)},
                                        {orderDiscount(1500), orderDiscount(1000), orderDiscount(0)}));
    QVERIFY(b.ok());
    QCOMPARE(b->discounts.size(), 3);
    QCOMPARE(b->discounts.at(0).applied.fen(), 1500);
    QCOMPARE(b->discounts.at(1).applied.fen(), 500);
    QCOMPARE(b->discounts.at(2).applied.fen(), 0);
    QCOMPARE(b->discountTotal.fen(), 2000);
    QCOMPARE(b->payable.fen(), 0);
    verifyConsistent(*b);
}

void tst_Pricing::discount_zeroPriceLines_getNothing()
{
    const auto mixed = Pricing::price(
        input({line(QStringLiteral("gift"), 0, 3), line(QStringLiteral("a"), 990, 1)}, {orderDiscount(100)}));
    QVERIFY(mixed.ok());
    QCOMPARE(lineDiscounts(*mixed), QList<qint64>({0, 100}));
    QCOMPARE(mixed->payable.fen(), 890);
    verifyConsistent(*mixed);

    const auto allFree = Pricing::price(input({line(QStringLiteral("gift"), 0, 1)}, {orderDiscount(100)}));
    QVERIFY(allFree.ok());
    QCOMPARE(allFree->discountTotal.fen(), 0);
    QCOMPARE(allFree->discounts.at(0).applied.fen(), 0);
    QCOMPARE(allFree->payable.fen(), 0);
    verifyConsistent(*allFree);
}

void tst_Pricing::delivery_thresholdComparedInFenAfterDiscounts_data()
{
    QTest::addColumn<qint64>("unitPriceFen");
    QTest::addColumn<qint64>("discountFen");
    QTest::addColumn<qint64>("feeFen");
    QTest::addColumn<qint64>("freeFromFen");
    QTest::addColumn<qint64>("expectedFee");
    QTest::newRow("exactly the threshold") << qint64(10'000) << qint64(0) << qint64(800) << qint64(10'000) << qint64(0);
    QTest::newRow("1 fen below") << qint64(9'999) << qint64(0) << qint64(800) << qint64(10'000) << qint64(800);
    QTest::newRow("0.50 below spend 100") << qint64(9'950) << qint64(0) << qint64(800) << qint64(10'000) << qint64(800);
    QTest::newRow("above") << qint64(10'001) << qint64(0) << qint64(800) << qint64(10'000) << qint64(0);
    QTest::newRow("discount takes it 1 fen below")
        << qint64(10'000) << qint64(1) << qint64(800) << qint64(10'000) << qint64(800);
    QTest::newRow("no threshold") << qint64(1'000'000) << qint64(0) << qint64(800) << qint64(0) << qint64(800);
    QTest::newRow("no fee") << qint64(100) << qint64(0) << qint64(0) << qint64(10'000) << qint64(0);
}

void tst_Pricing::delivery_thresholdComparedInFenAfterDiscounts()
{
    QFETCH(qint64, unitPriceFen);
    QFETCH(qint64, discountFen);
    QFETCH(qint64, feeFen);
    QFETCH(qint64, freeFromFen);
    QFETCH(qint64, expectedFee);
    const auto b = Pricing::price(input({line(QStringLiteral("a"), unitPriceFen, 1)},
                                        {orderDiscount(discountFen)},
                                        FulfilmentMode::Delivery,
                                        DeliveryFeeRule{feeFen, freeFromFen}));
    QVERIFY(b.ok());
    QCOMPARE(b->deliveryFee.fen(), expectedFee);
    QCOMPARE(b->payable.fen(), unitPriceFen - discountFen + expectedFee);
    verifyConsistent(*b);
}

void tst_Pricing::delivery_pickupAndInStore_payNoFee()
{
    for (FulfilmentMode mode : {FulfilmentMode::Pickup, FulfilmentMode::InStore}) {
        const auto b =
            Pricing::price(input({line(QStringLiteral("a"), 500, 1)}, {}, mode, DeliveryFeeRule{800, 100'000}));
        QVERIFY(b.ok());
        QCOMPARE(b->deliveryFee.fen(), 0);
        QCOMPARE(b->payable.fen(), 500);
    }
    const auto delivered = Pricing::price(
        input({line(QStringLiteral("a"), 500, 1)}, {}, FulfilmentMode::Delivery, DeliveryFeeRule{800, 100'000}));
    QVERIFY(delivered.ok());
    QCOMPARE(delivered->payable.fen(), 1300);
}

void tst_Pricing::quantity_boundaries_data()
{
    QTest::addColumn<qint64>("quantity");
    QTest::addColumn<bool>("ok");
    QTest::newRow("0") << qint64(0) << false;
    QTest::newRow("-1") << qint64(-1) << false;
    QTest::newRow("1") << qint64(1) << true;
    QTest::newRow("9999") << qint64(9999) << true;
    QTest::newRow("10000") << qint64(10'000) << false;
    QTest::newRow("huge") << std::numeric_limits<qint64>::max() << false;
}

void tst_Pricing::quantity_boundaries()
{
    QFETCH(qint64, quantity);
    QFETCH(bool, ok);
    const auto b = Pricing::price(input({line(QStringLiteral("a"), 100, quantity)}));
    QCOMPARE(b.ok(), ok);
    if (ok)
        QCOMPARE(b->payable.fen(), 100 * quantity);
    else
        QCOMPARE(b.error().code, ErrorCode::InvalidArgument);
}

void tst_Pricing::invalidInput_isRejected_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("no lines") << 0;
    QTest::newRow("empty SKU") << 1;
    QTest::newRow("repeated SKU") << 2;
    QTest::newRow("negative price") << 3;
    QTest::newRow("negative fee") << 4;
    QTest::newRow("negative threshold") << 5;
    QTest::newRow("negative discount") << 6;
    QTest::newRow("blank label") << 7;
    QTest::newRow("label too long") << 8;
    QTest::newRow("discount on a SKU not in the order") << 9;
}

void tst_Pricing::invalidInput_isRejected()
{
    QFETCH(int, which);
    PricingInput in = input({line(QStringLiteral("a"), 100, 1), line(QStringLiteral("b"), 200, 1)},
                            {orderDiscount(10)},
                            FulfilmentMode::Delivery,
                            DeliveryFeeRule{500, 1000});
    QVERIFY(Pricing::price(in).ok()); // the base case is valid: each row breaks exactly one thing
    switch (which) {
    case 0:
        in.lines.clear();
        break;
    case 1:
        in.lines[0].skuId.clear();
        break;
    case 2:
        in.lines[1].skuId = QStringLiteral("a");
        break;
    case 3:
        in.lines[1].unitPriceFen = -1;
        break;
    case 4:
        in.delivery.flatFeeFen = -1;
        break;
    case 5:
        in.delivery.freeFromFen = -1;
        break;
    case 6:
        in.discounts[0].amountFen = -1;
        break;
    case 7:
        in.discounts[0].label = QStringLiteral("  ");
        break;
    case 8:
        in.discounts[0].label = QString(Pricing::MaxLabelLength + 1, QLatin1Char('x'));
        break;
    case 9:
        in.discounts[0].skuIds = {QStringLiteral("a"), QStringLiteral("zz")};
        break;
    }
    const auto b = Pricing::price(in);
    QVERIFY(!b.ok());
    QCOMPARE(b.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!b.error().message.isEmpty());
}

void tst_Pricing::overflow_isReported()
{
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    const QList<PricingInput> cases{
        input({line(QStringLiteral("a"), max / 2 + 1, 2)}), // one line's product
        input({line(QStringLiteral("a"), max / 2 + 1, 1), line(QStringLiteral("b"), max / 2 + 1, 1)}),   // the sum
        input({line(QStringLiteral("a"), max, 1)}, {}, FulfilmentMode::Delivery, DeliveryFeeRule{1, 0}), // plus fee
    };
    for (const PricingInput& in : cases) {
        const auto b = Pricing::price(in);
        QVERIFY(!b.ok());
        QCOMPARE(b.error().code, ErrorCode::Overflow);
    }
    // Right at the edge it still fits.
    const auto edge = Pricing::price(
        input({line(QStringLiteral("a"), max - 1, 1)}, {}, FulfilmentMode::Delivery, DeliveryFeeRule{1, 0}));
    QVERIFY(edge.ok());
    QCOMPARE(edge->payable.fen(), max);
    // The largest real cart (catalog prices up to 1,000,000 yuan, 9999 pieces, many lines) is far from the edge.
    QList<PriceLineInput> big;
    for (int i = 0; i < 200; ++i)
        big.append(line(QString::number(i), 100'000'000, Pricing::MaxQuantity));
    const auto large = Pricing::price(input(big, {orderDiscount(1)}));
    QVERIFY(large.ok());
    QCOMPARE(large->goodsTotal.fen(), qint64(200) * 100'000'000 * Pricing::MaxQuantity);
    verifyConsistent(*large);
}

void tst_Pricing::randomCarts_alwaysAddUp()
{
    QRandomGenerator random(20261125);
    for (int round = 0; round < 2000; ++round) {
        QList<PriceLineInput> lines;
        const int lineCount = 1 + random.bounded(8);
        for (int i = 0; i < lineCount; ++i) {
            const qint64 price = random.bounded(4) == 0 ? 0 : random.bounded(1, 50'000);
            lines.append(line(QStringLiteral("s%1").arg(i), price, random.bounded(1, 20)));
        }
        QList<Discount> discounts;
        const int discountCount = random.bounded(4);
        for (int d = 0; d < discountCount; ++d) {
            Discount discount = orderDiscount(random.bounded(0, 200'000));
            if (random.bounded(2) == 0)
                discount.skuIds = {lines.at(random.bounded(lineCount)).skuId};
            discounts.append(discount);
        }
        const auto b = Pricing::price(
            input(lines, discounts, FulfilmentMode::Delivery, DeliveryFeeRule{random.bounded(0, 1000), 20'000}));
        QVERIFY(b.ok());
        verifyConsistent(*b);
        if (QTest::currentTestFailed())
            return;
    }
}

QTEST_APPLESS_MAIN(tst_Pricing)
#include "tst_pricing.moc"
