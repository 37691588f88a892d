#include "xiaodian/Money.h"

#include <QTest>

#include <limits>

using xd::ErrorCode;
using xd::Money;

class tst_Money : public QObject
{
    Q_OBJECT

private slots:
    void parse_validText_givesFen_data();
    void parse_validText_givesFen();
    void parse_invalidText_isRejected_data();
    void parse_invalidText_isRejected();
    void parse_overflow_isRejected();
    void toString_roundTripsThroughParse_data();
    void toString_roundTripsThroughParse();
    void toString_extremes_format();
    void arithmetic_overflow_isReported();
    void percentOf_roundsHalfAwayFromZero_data();
    void percentOf_roundsHalfAwayFromZero();
    void percentOf_negativeOrOverflow_isRejected();
    void allocate_partsAlwaysSumToTotal_data();
    void allocate_partsAlwaysSumToTotal();
    void allocate_tenYuanOverThreeTenYuanLines_isExact();
    void allocate_spendFiveTakeOneOff_isExact();
    void allocate_randomCases_sumExactlyAndStayProportional();
    void allocate_badWeights_isRejected();
};

void tst_Money::parse_validText_givesFen_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("fen");
    QTest::newRow("whole") << QStringLiteral("12") << qint64(1200);
    QTest::newRow("one decimal") << QStringLiteral("12.3") << qint64(1230);
    QTest::newRow("two decimals") << QStringLiteral("12.30") << qint64(1230);
    QTest::newRow("negative fen") << QStringLiteral("-0.05") << qint64(-5);
    QTest::newRow("plus sign") << QStringLiteral("+1.00") << qint64(100);
    QTest::newRow("leading dot") << QStringLiteral(".5") << qint64(50);
    QTest::newRow("zero") << QStringLiteral("0") << qint64(0);
    QTest::newRow("trimmed") << QStringLiteral("  7.01 ") << qint64(701);
    QTest::newRow("largest") << QStringLiteral("92233720368547758.07") << std::numeric_limits<qint64>::max();
    QTest::newRow("most negative but one")
        << QStringLiteral("-92233720368547758.07") << -std::numeric_limits<qint64>::max();
}

void tst_Money::parse_validText_givesFen()
{
    QFETCH(QString, text);
    QFETCH(qint64, fen);
    const auto parsed = Money::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->fen(), fen);
}

void tst_Money::parse_invalidText_isRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("three decimals") << QStringLiteral("1.234");
    QTest::newRow("letters") << QStringLiteral("abc");
    QTest::newRow("empty") << QString();
    QTest::newRow("only sign") << QStringLiteral("-");
    QTest::newRow("trailing dot") << QStringLiteral("1.");
    QTest::newRow("only dot") << QStringLiteral(".");
    QTest::newRow("comma decimal") << QStringLiteral("1,50");
    QTest::newRow("grouping") << QStringLiteral("1,000.00");
    QTest::newRow("exponent") << QStringLiteral("1e3");
    QTest::newRow("currency sign") << QStringLiteral("¥12");
    QTest::newRow("two signs") << QStringLiteral("--1");
    QTest::newRow("inner space") << QStringLiteral("1 2");
    QTest::newRow("fullwidth digits") << QStringLiteral("１２");
    QTest::newRow("arabic-indic digits") << QStringLiteral("\u0661\u0662");
}

void tst_Money::parse_invalidText_isRejected()
{
    QFETCH(QString, text);
    const auto parsed = Money::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!parsed.error().message.isEmpty());
}

void tst_Money::parse_overflow_isRejected()
{
    for (const QString& text : {QStringLiteral("92233720368547758.08"),
                                QStringLiteral("99999999999999999999"),
                                QStringLiteral("-92233720368547758.09")}) {
        const auto parsed = Money::parse(text);
        QVERIFY2(!parsed.ok(), qPrintable(text));
        QCOMPARE(parsed.error().code, ErrorCode::Overflow);
    }
}

void tst_Money::toString_roundTripsThroughParse_data()
{
    QTest::addColumn<qint64>("fen");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0.00");
    QTest::newRow("one fen") << qint64(1) << QStringLiteral("0.01");
    QTest::newRow("minus five fen") << qint64(-5) << QStringLiteral("-0.05");
    QTest::newRow("ordinary") << qint64(1230) << QStringLiteral("12.30");
    QTest::newRow("minus ordinary") << qint64(-123456) << QStringLiteral("-1234.56");
}

void tst_Money::toString_roundTripsThroughParse()
{
    QFETCH(qint64, fen);
    QFETCH(QString, text);
    QCOMPARE(Money::fromFen(fen).toString(), text);
    QCOMPARE(Money::parse(text)->fen(), fen);
}

void tst_Money::toString_extremes_format()
{
    QCOMPARE(Money::fromFen(std::numeric_limits<qint64>::max()).toString(), QStringLiteral("92233720368547758.07"));
    QCOMPARE(Money::fromFen(std::numeric_limits<qint64>::min()).toString(), QStringLiteral("-92233720368547758.08"));
}

void tst_Money::arithmetic_overflow_isReported()
{
    const Money max = Money::fromFen(std::numeric_limits<qint64>::max());
    const Money min = Money::fromFen(std::numeric_limits<qint64>::min());
    QCOMPARE(max.add(Money::fromFen(1)).error().code, ErrorCode::Overflow);
    QCOMPARE(min.subtract(Money::fromFen(1)).error().code, ErrorCode::Overflow);
    QCOMPARE(max.multiply(2).error().code, ErrorCode::Overflow);
    QCOMPARE(min.multiply(-1).error().code, ErrorCode::Overflow);
    QCOMPARE(Money::fromFen(250).add(Money::fromFen(-300))->fen(), qint64(-50));
    QCOMPARE(Money::fromFen(1999).multiply(3)->fen(), qint64(5997));
    QCOMPARE(xd::sum({Money::fromFen(1), Money::fromFen(2), Money::fromFen(3)})->fen(), qint64(6));
    QCOMPARE(xd::sum({max, Money::fromFen(1)}).error().code, ErrorCode::Overflow);
    QVERIFY(Money::fromFen(-1) < Money::fromFen(0));
    QCOMPARE(-Money::fromFen(5), Money::fromFen(-5));
}

void tst_Money::percentOf_roundsHalfAwayFromZero_data()
{
    QTest::addColumn<qint64>("fen");
    QTest::addColumn<qint64>("basisPoints");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("exact") << qint64(1000) << qint64(8500) << qint64(850);
    QTest::newRow("half rounds up") << qint64(5) << qint64(5000) << qint64(3);
    QTest::newRow("negative half rounds away") << qint64(-5) << qint64(5000) << qint64(-3);
    QTest::newRow("below half rounds down") << qint64(1) << qint64(4999) << qint64(0);
    QTest::newRow("8.8 zhe of 19.99") << qint64(1999) << qint64(8800) << qint64(1759); // 1759.12
    QTest::newRow("zero percent") << qint64(1999) << qint64(0) << qint64(0);
    QTest::newRow("hundred percent") << qint64(1999) << qint64(10000) << qint64(1999);
    QTest::newRow("surcharge") << qint64(1000) << qint64(10600) << qint64(1060);
    QTest::newRow("huge amount, no intermediate overflow")
        << std::numeric_limits<qint64>::max() << qint64(5000) << qint64(4611686018427387904LL);
}

void tst_Money::percentOf_roundsHalfAwayFromZero()
{
    QFETCH(qint64, fen);
    QFETCH(qint64, basisPoints);
    QFETCH(qint64, expected);
    const auto result = Money::fromFen(fen).percentOf(basisPoints);
    QVERIFY(result.ok());
    QCOMPARE(result->fen(), expected);
}

void tst_Money::percentOf_negativeOrOverflow_isRejected()
{
    QCOMPARE(Money::fromFen(100).percentOf(-1).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(Money::fromFen(std::numeric_limits<qint64>::max()).percentOf(20000).error().code, ErrorCode::Overflow);
}

void tst_Money::allocate_partsAlwaysSumToTotal_data()
{
    QTest::addColumn<qint64>("total");
    QTest::addColumn<QList<qint64>>("weights");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::newRow("even") << qint64(300) << QList<qint64>{1, 1, 1} << QList<qint64>{100, 100, 100};
    QTest::newRow("one fen left, first wins tie") << qint64(100) << QList<qint64>{1, 1, 1} << QList<qint64>{34, 33, 33};
    QTest::newRow("largest remainder wins")
        << qint64(100) << QList<qint64>{1, 2, 3} << QList<qint64>{17, 33, 50}; // 16.67, 33.33, 50
    QTest::newRow("zero weight gets nothing") << qint64(7) << QList<qint64>{0, 5, 0} << QList<qint64>{0, 7, 0};
    QTest::newRow("negative total is symmetric")
        << qint64(-100) << QList<qint64>{1, 1, 1} << QList<qint64>{-34, -33, -33};
    QTest::newRow("zero total") << qint64(0) << QList<qint64>{3, 4} << QList<qint64>{0, 0};
    QTest::newRow("single part") << qint64(12345) << QList<qint64>{9} << QList<qint64>{12345};
}

void tst_Money::allocate_partsAlwaysSumToTotal()
{
    QFETCH(qint64, total);
    QFETCH(QList<qint64>, weights);
    QFETCH(QList<qint64>, expected);
    const auto parts = Money::allocate(Money::fromFen(total), weights);
    QVERIFY(parts.ok());
    QList<qint64> fens;
    for (const Money m : *parts)
        fens.append(m.fen());
    QCOMPARE(fens, expected);
}

// lessons-from-peers: 10 yuan off spread over three 10-yuan lines gave 9.99 (mall #356).
void tst_Money::allocate_tenYuanOverThreeTenYuanLines_isExact()
{
    const auto parts = Money::allocate(Money::parse(QStringLiteral("10.00")).value(), {1000, 1000, 1000});
    QVERIFY(parts.ok());
    QCOMPARE(parts->size(), 3);
    QCOMPARE(xd::sum(*parts)->toString(), QStringLiteral("10.00"));
    QCOMPARE(parts->at(0).toString(), QStringLiteral("3.34"));
    QCOMPARE(parts->at(1).toString(), QStringLiteral("3.33"));
    QCOMPARE(parts->at(2).toString(), QStringLiteral("3.33"));
    // What each line then costs adds up to the order total less the discount: 30.00 - 10.00 = 20.00.
    qint64 paid = 0;
    for (const Money discount : *parts)
        paid += 1000 - discount.fen();
    QCOMPARE(paid, qint64(2000));
}

// lessons-from-peers: "spend 5 take 1 off" ended up 0.98 (mall #492).
void tst_Money::allocate_spendFiveTakeOneOff_isExact()
{
    // A 5.00 cart of three lines that do not divide evenly: 1.67 + 1.67 + 1.66, with 1.00 off.
    const QList<qint64> lines{167, 167, 166};
    const auto parts = Money::allocate(Money::fromFen(100), lines);
    QVERIFY(parts.ok());
    QCOMPARE(xd::sum(*parts)->fen(), qint64(100));
    qint64 paid = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QVERIFY(parts->at(i).fen() >= 33 && parts->at(i).fen() <= 34);
        paid += lines[i] - parts->at(i).fen();
    }
    QCOMPARE(Money::fromFen(paid).toString(), QStringLiteral("4.00"));

    // And over five 1.00 lines: 0.20 each, exactly.
    const auto even = Money::allocate(Money::fromFen(100), {100, 100, 100, 100, 100});
    QVERIFY(even.ok());
    for (const Money m : *even)
        QCOMPARE(m.fen(), qint64(20));
}

void tst_Money::allocate_randomCases_sumExactlyAndStayProportional()
{
    // Deterministic pseudo-random cases: each part is within one fen of its exact proportional share.
    quint64 state = 0x9E3779B97F4A7C15ull;
    auto next = [&state](quint64 bound) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state % bound;
    };
    for (int round = 0; round < 2000; ++round) {
        const qint64 total = qint64(next(2000000)) - 1000000;
        QList<qint64> weights;
        const int n = int(next(12)) + 1;
        for (int i = 0; i < n; ++i)
            weights.append(qint64(next(100000)));
        weights[int(next(quint64(n)))] += 1; // never all zero
        qint64 weightSum = 0;
        for (const qint64 w : weights)
            weightSum += w;

        const auto parts = Money::allocate(Money::fromFen(total), weights);
        QVERIFY(parts.ok());
        QCOMPARE(xd::sum(*parts)->fen(), total);
        for (int i = 0; i < n; ++i) {
            const long double exact = static_cast<long double>(total) * weights[i] / weightSum;
            QVERIFY2(std::abs(static_cast<long double>(parts->at(i).fen()) - exact) < 1.0L,
                     qPrintable(QStringLiteral("round %1 part %2").arg(round).arg(i)));
        }
    }
}

void tst_Money::allocate_badWeights_isRejected()
{
    QCOMPARE(Money::allocate(Money::fromFen(100), {}).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(Money::allocate(Money::fromFen(100), {0, 0}).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(Money::allocate(Money::fromFen(100), {5, -1}).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(
        Money::allocate(Money::fromFen(std::numeric_limits<qint64>::max()), {std::numeric_limits<qint64>::max(), 1})
            .error()
            .code,
        ErrorCode::Overflow);
}

QTEST_GUILESS_MAIN(tst_Money)
#include "tst_money.moc"
