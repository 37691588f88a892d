// The normalisation and gram splitting behind product search (xd::SearchText).
#include "xiaodian/SearchText.h"

#include <QTest>

using namespace xd;

class tst_SearchText : public QObject
{
    Q_OBJECT

private slots:
    void normalize_foldsWidthCaseAndSpaces_data();
    void normalize_foldsWidthCaseAndSpaces();
    void grams_areUnigramsAndBigrams_notAcrossSpaces();
    void grams_ofCharacterOutsideBmp_isOneCharacter();
    void terms_splitAtSpaces_withoutDuplicates();
    void queryGrams_oneCharacterTerm_isItsUnigram();
    void queryGrams_longerTerm_isItsBigrams();
    void queryGrams_ofATerm_areAlwaysGramsOfATextContainingIt_data();
    void queryGrams_ofATerm_areAlwaysGramsOfATextContainingIt();
};

void tst_SearchText::normalize_foldsWidthCaseAndSpaces_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("chinese unchanged") << QStringLiteral("经典红茶拿铁") << QStringLiteral("经典红茶拿铁");
    QTest::newRow("latin lowercased") << QStringLiteral("Latte 拿铁") << QStringLiteral("latte 拿铁");
    QTest::newRow("full-width latin and digits") << QStringLiteral("Ａ４纸") << QStringLiteral("a4纸");
    QTest::newRow("full-width space and runs")
        << QStringLiteral("  红茶\u3000\t 绿茶  ") << QStringLiteral("红茶 绿茶");
    QTest::newRow("full-width percent") << QStringLiteral("１００％") << QStringLiteral("100%");
    QTest::newRow("empty") << QString() << QString();
}

void tst_SearchText::normalize_foldsWidthCaseAndSpaces()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(SearchText::normalize(input), expected);
}

void tst_SearchText::grams_areUnigramsAndBigrams_notAcrossSpaces()
{
    const QSet<QString> grams = SearchText::grams(QStringLiteral("红茶 ab"));
    const QSet<QString> expected{QStringLiteral("红"),
                                 QStringLiteral("茶"),
                                 QStringLiteral("红茶"),
                                 QStringLiteral("a"),
                                 QStringLiteral("b"),
                                 QStringLiteral("ab")};
    QCOMPARE(grams, expected);
    QVERIFY(SearchText::grams(QString()).isEmpty());
    QCOMPARE(SearchText::grams(QStringLiteral("茶茶茶")),
             (QSet<QString>{QStringLiteral("茶"), QStringLiteral("茶茶")}));
}

void tst_SearchText::grams_ofCharacterOutsideBmp_isOneCharacter()
{
    const QString rare = QString::fromUcs4(U"\U00020000"); // CJK extension B: a surrogate pair in UTF-16
    const QSet<QString> grams = SearchText::grams(rare + QStringLiteral("茶"));
    QCOMPARE(grams, (QSet<QString>{rare, QStringLiteral("茶"), rare + QStringLiteral("茶")}));
    QCOMPARE(SearchText::queryGrams(rare), QSet<QString>{rare});
}

void tst_SearchText::terms_splitAtSpaces_withoutDuplicates()
{
    QCOMPARE(SearchText::terms(QStringLiteral(" Latte  拿铁 latte ")),
             (QStringList{QStringLiteral("latte"), QStringLiteral("拿铁")}));
    QCOMPARE(SearchText::terms(QStringLiteral("\u3000 ")), QStringList());
    QCOMPARE(SearchText::terms(QStringLiteral("%_\\")), QStringList{QStringLiteral("%_\\")});
}

void tst_SearchText::queryGrams_oneCharacterTerm_isItsUnigram()
{
    QCOMPARE(SearchText::queryGrams(QStringLiteral("茶")), QSet<QString>{QStringLiteral("茶")});
    QCOMPARE(SearchText::queryGrams(QStringLiteral("%")), QSet<QString>{QStringLiteral("%")});
}

void tst_SearchText::queryGrams_longerTerm_isItsBigrams()
{
    QCOMPARE(SearchText::queryGrams(QStringLiteral("红茶")), QSet<QString>{QStringLiteral("红茶")});
    QCOMPARE(SearchText::queryGrams(QStringLiteral("红茶拿铁")),
             (QSet<QString>{QStringLiteral("红茶"), QStringLiteral("茶拿"), QStringLiteral("拿铁")}));
}

void tst_SearchText::queryGrams_ofATerm_areAlwaysGramsOfATextContainingIt_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("query");
    QTest::newRow("middle") << QStringLiteral("经典红茶拿铁") << QStringLiteral("红茶");
    QTest::newRow("one character") << QStringLiteral("经典红茶拿铁") << QStringLiteral("铁");
    QTest::newRow("mixed") << QStringLiteral("A4纸 70g 500张") << QStringLiteral("a4纸");
    QTest::newRow("full width query") << QStringLiteral("A4纸") << QStringLiteral("Ａ４");
    QTest::newRow("wildcards") << QStringLiteral("100%纯果汁_大瓶") << QStringLiteral("%纯");
}

void tst_SearchText::queryGrams_ofATerm_areAlwaysGramsOfATextContainingIt()
{
    QFETCH(QString, text);
    QFETCH(QString, query);
    const QString normalized = SearchText::normalize(text);
    const QSet<QString> indexed = SearchText::grams(normalized);
    for (const QString& term : SearchText::terms(query)) {
        QVERIFY(normalized.contains(term));
        for (const QString& gram : SearchText::queryGrams(term))
            QVERIFY2(indexed.contains(gram), qPrintable(gram));
    }
}

QTEST_GUILESS_MAIN(tst_SearchText)
#include "tst_searchtext.moc"
