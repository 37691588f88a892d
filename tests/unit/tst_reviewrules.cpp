// xd::ReviewRules: the integer average, plain-text checks and the shapes of the review arguments (docs/reviews.md).
#include "xiaodian/ReviewRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using xd::ReviewRules;

class tst_ReviewRules : public QObject
{
    Q_OBJECT

private slots:
    void averageTenths_roundsHalfUp_inIntegers_data();
    void averageTenths_roundsHalfUp_inIntegers();
    void plainText_trimsAndNormalisesLineBreaks_refusesControls_countsCodePoints();
    void normalizeReviews_acceptsAndRefuses();
    void reply_andSetHidden_checkTheirArguments();
};

void tst_ReviewRules::averageTenths_roundsHalfUp_inIntegers_data()
{
    QTest::addColumn<qint64>("count");
    QTest::addColumn<qint64>("sum");
    QTest::addColumn<qint64>("tenths");
    QTest::newRow("none") << qint64(0) << qint64(0) << qint64(0);
    QTest::newRow("one five") << qint64(1) << qint64(5) << qint64(50);
    QTest::newRow("4.333 down") << qint64(3) << qint64(13) << qint64(43);
    QTest::newRow("4.666 up") << qint64(3) << qint64(14) << qint64(47);
    QTest::newRow("4.65 exactly half, up") << qint64(20) << qint64(93) << qint64(47);
    QTest::newRow("4.45 exactly half, up") << qint64(20) << qint64(89) << qint64(45);
    QTest::newRow("1.0") << qint64(7) << qint64(7) << qint64(10);
    // A huge count stays exact: 10^12 reviews of 4 stars and one of 5.
    QTest::newRow("huge") << qint64(1'000'000'000'001LL) << qint64(4'000'000'000'005LL) << qint64(40);
}

void tst_ReviewRules::averageTenths_roundsHalfUp_inIntegers()
{
    QFETCH(qint64, count);
    QFETCH(qint64, sum);
    QFETCH(qint64, tenths);
    QCOMPARE(ReviewRules::averageTenths(count, sum), tenths);
}

void tst_ReviewRules::plainText_trimsAndNormalisesLineBreaks_refusesControls_countsCodePoints()
{
    const QString label = QStringLiteral("The text");
    QCOMPARE(*ReviewRules::plainText(QStringLiteral("  好\r\n喝\r了 "), 0, 10, label), QStringLiteral("好\n喝\n了"));
    QCOMPARE(*ReviewRules::plainText(QJsonValue(), 0, 10, label), QString());
    QVERIFY(!ReviewRules::plainText(QJsonValue(), 1, 10, label));
    QVERIFY(!ReviewRules::plainText(QStringLiteral("   "), 1, 10, label)); // only spaces is empty
    QVERIFY(!ReviewRules::plainText(QStringLiteral("a\tb"), 0, 10, label));
    QVERIFY(!ReviewRules::plainText(QStringLiteral("a") + QChar(0x202E) + QStringLiteral("b"), 0, 10, label));
    QVERIFY(!ReviewRules::plainText(5, 0, 10, label));
    // Markup is text: kept as typed.
    QCOMPARE(*ReviewRules::plainText(QStringLiteral("<b>好</b>"), 0, 10, label), QStringLiteral("<b>好</b>"));
    // Ten emoji are ten characters (twenty UTF-16 units); a joined family emoji keeps its joiners.
    const QString face = QString::fromUcs4(U"\U0001F600");
    QVERIFY(ReviewRules::plainText(face.repeated(10), 0, 10, label));
    QVERIFY(!ReviewRules::plainText(face.repeated(11), 0, 10, label));
    QVERIFY(ReviewRules::plainText(QString::fromUcs4(U"\U0001F468\u200D\U0001F469"), 0, 10, label));
}

void tst_ReviewRules::normalizeReviews_acceptsAndRefuses()
{
    const QString line = QStringLiteral("01938c1e-0000-7000-8000-000000000001");
    const QString image = QStringLiteral("01938c1e-0000-7000-8000-0000000000aa");
    auto one = [](const QJsonObject& item) {
        return QJsonObject{{QStringLiteral("items"), QJsonArray{item}}};
    };
    auto ok = ReviewRules::normalizeReviews(one({{QStringLiteral("orderItemId"), line},
                                                 {QStringLiteral("rating"), 4},
                                                 {QStringLiteral("text"), QStringLiteral(" 好 ")},
                                                 {QStringLiteral("images"), QJsonArray{image}}}));
    QVERIFY(ok);
    QCOMPARE(ok->size(), 1);
    QCOMPARE(ok->first().orderItemId, line);
    QCOMPARE(ok->first().rating, 4);
    QCOMPARE(ok->first().text, QStringLiteral("好"));
    QCOMPARE(ok->first().images, QStringList{image});
    QVERIFY(ReviewRules::normalizeReviews(one({{QStringLiteral("rating"), 1}}))); // the only line, left out

    const QList<QJsonObject> bad{
        QJsonObject{},
        QJsonObject{{QStringLiteral("items"), QJsonArray()}},
        one({{QStringLiteral("rating"), 0}}),
        one({{QStringLiteral("rating"), 6}}),
        one({{QStringLiteral("rating"), 3.5}}),
        one({{QStringLiteral("rating"), QStringLiteral("3")}}),
        one({{QStringLiteral("rating"), 3}, {QStringLiteral("orderItemId"), QStringLiteral("x")}}),
        one({{QStringLiteral("rating"), 3}, {QStringLiteral("images"), QJsonArray{image, image}}}),
        one({{QStringLiteral("rating"), 3}, {QStringLiteral("images"), QStringLiteral("not a list")}}),
        one({{QStringLiteral("rating"), 3}, {QStringLiteral("extra"), 1}}),
        QJsonObject{
            {QStringLiteral("items"),
             QJsonArray{QJsonObject{{QStringLiteral("rating"), 3}}, QJsonObject{{QStringLiteral("rating"), 4}}}}},
    };
    for (const QJsonObject& body : bad) {
        const auto refused = ReviewRules::normalizeReviews(body);
        QVERIFY2(!refused, QJsonDocument(body).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(refused.error().code, xd::ErrorCode::InvalidArgument);
    }
    QJsonArray ten;
    for (int i = 0; i < 10; ++i)
        ten.append(QStringLiteral("01938c1e-0000-7000-8000-0000000000%1").arg(i, 2, 10, QLatin1Char('0')));
    QVERIFY(!ReviewRules::normalizeReviews(one({{QStringLiteral("rating"), 3}, {QStringLiteral("images"), ten}})));
    ten.removeLast();
    QVERIFY(ReviewRules::normalizeReviews(one({{QStringLiteral("rating"), 3}, {QStringLiteral("images"), ten}})));
}

void tst_ReviewRules::reply_andSetHidden_checkTheirArguments()
{
    const QString id = QStringLiteral("01938c1e-0000-7000-8000-000000000001");
    const auto reply = ReviewRules::normalizeReply(
        {{QStringLiteral("reviewId"), id}, {QStringLiteral("reply"), QStringLiteral(" 谢谢 ")}});
    QVERIFY(reply);
    QCOMPARE(reply->reply, QStringLiteral("谢谢"));
    QVERIFY(!ReviewRules::normalizeReply({{QStringLiteral("reviewId"), id}, {QStringLiteral("reply"), QString()}}));
    QVERIFY(!ReviewRules::normalizeReply({{QStringLiteral("reviewId"), id}}));
    QVERIFY(!ReviewRules::normalizeReply({{QStringLiteral("reply"), QStringLiteral("好")}}));
    QVERIFY(!ReviewRules::normalizeReply(
        {{QStringLiteral("reviewId"), id}, {QStringLiteral("reply"), QString(501, QLatin1Char('x'))}}));
    QVERIFY(ReviewRules::normalizeReply(
        {{QStringLiteral("reviewId"), id}, {QStringLiteral("reply"), QString(500, QLatin1Char('x'))}}));
    const auto hidden =
        ReviewRules::normalizeSetHidden({{QStringLiteral("reviewId"), id}, {QStringLiteral("hidden"), true}});
    QVERIFY(hidden && hidden->hidden);
    QVERIFY(!ReviewRules::normalizeSetHidden({{QStringLiteral("reviewId"), id}, {QStringLiteral("hidden"), 1}}));
    QVERIFY(!ReviewRules::normalizeSetHidden({{QStringLiteral("reviewId"), id}}));
}

QTEST_GUILESS_MAIN(tst_ReviewRules)
#include "tst_reviewrules.moc"
