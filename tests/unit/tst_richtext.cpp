// The rich-text sanitizer (shared/src/xiaodian/RichText) and the article rules built on it: what survives, what
// goes, and that the output is stable when sanitized again.
#include "xiaodian/ArticleRules.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/RichText.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QtTest>

using namespace xd;

class TestRichText : public QObject
{
    Q_OBJECT

private slots:
    void sanitize_data();
    void sanitize();
    void sanitize_isIdempotent_data();
    void sanitize_isIdempotent();
    void sanitize_bigInput_isFastAndComplete();
    void sanitize_deepNesting_keepsText();
    void sanitize_randomTagSoup_isStableAndSafe();
    void plainText_dropsMarkup();
    void imageRefs_listsKeptImages();
    void normalizeArticle_sanitizesAndChecks();
    void normalizeArticle_rejectsBadInput_data();
    void normalizeArticle_rejectsBadInput();
    void normalizeProduct_sanitizesDescription();
    void isPublic_respectsScheduleAndDraft();
};

void TestRichText::sanitize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("blank") << "  \n "
                           << "";
    QTest::newRow("plain text becomes a paragraph") << "hello"
                                                    << "<p>hello</p>";
    QTest::newRow("allowed tags kept") << "<p><strong>a</strong><b>b</b><em>c</em><i>d</i><u>e</u><s>f</s></p>"
                                       << "<p><strong>a</strong><b>b</b><em>c</em><i>d</i><u>e</u><s>f</s></p>";
    QTest::newRow("headings") << "<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4>"
                              << "<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4>";
    QTest::newRow("h5 becomes a paragraph") << "<h5>five</h5>"
                                            << "<p>five</p>";
    QTest::newRow("script dropped with its code") << "<p>a<script>alert(1)</script>b</p>"
                                                  << "<p>ab</p>";
    QTest::newRow("script at top") << "<script>alert('x')</script>安全"
                                   << "<p>安全</p>";
    QTest::newRow("style dropped") << "<style>p{color:red}</style><p>x</p>"
                                   << "<p>x</p>";
    QTest::newRow("iframe and object dropped")
        << "<p>a<iframe src=\"https://evil\">in</iframe><object data=\"x\">o</object>b</p>"
        << "<p>ab</p>";
    QTest::newRow("event handlers dropped") << "<p onclick=\"x()\" onmouseover=\"y()\">t</p>"
                                            << "<p>t</p>";
    QTest::newRow("img onerror, foreign src") << "<img src=x onerror=alert(1)>"
                                              << "<img src=\"x\"/>";
    QTest::newRow("img javascript src dropped") << "<p><img src=\"javascript:alert(1)\">t</p>"
                                                << "<p>t</p>";
    QTest::newRow("img data src dropped") << "<p><img src=\"data:image/png;base64,AAAA\">t</p>"
                                          << "<p>t</p>";
    QTest::newRow("img other host dropped") << "<p><img src=\"https://evil.example/a.png\">t</p>"
                                            << "<p>t</p>";
    QTest::newRow("img other path on a host dropped")
        << "<p><img src=\"https://shop.example/api/v1/shops/s1/photos/p1\"></p>"
        << "<p></p>";
    QTest::newRow("img our url reduced to the path")
        << "<p><img src=\"https://shop.example/api/v1/shops/s-1/images/i_2?size=medium\" alt=\"x\" width=\"5\"></p>"
        << "<p><img src=\"/api/v1/shops/s-1/images/i_2?size=medium\"/></p>";
    QTest::newRow("img our path kept") << "<p><img src=\"/api/v1/shops/abc/images/def\"></p>"
                                       << "<p><img src=\"/api/v1/shops/abc/images/def\"/></p>";
    QTest::newRow("img path traversal dropped") << "<p><img src=\"/api/v1/shops/a/images/../../admin\"></p>"
                                                << "<p></p>";
    QTest::newRow("javascript link keeps text") << "<p><a href=\"javascript:alert(1)\">click</a></p>"
                                                << "<p>click</p>";
    QTest::newRow("unknown attributes dropped") << "<p class=\"x\" id=\"y\" data-x=\"1\" title=\"t\">t</p>"
                                                << "<p>t</p>";
    QTest::newRow("unclosed tags closed") << "<p><b>bold <i>both"
                                          << "<p><b>bold <i>both</i></b></p>";
    QTest::newRow("stray closing tags") << "</b></p>text</div>"
                                        << "<p>text</p>";
    QTest::newRow("nested lists") << "<ul><li>a<ol><li>b</li><li>c<ul><li>d</li></ul></li></ol></li><li>e</li></ul>"
                                  << "<ul><li>a<ol><li>b</li><li>c<ul><li>d</li></ul></li></ol></li><li>e</li></ul>";
    QTest::newRow("unclosed list items") << "<ul><li>a<li>b</ul>"
                                         << "<ul><li>a</li><li>b</li></ul>";
    QTest::newRow("entities decoded and reencoded")
        << "<p>&lt;b&gt; &amp; &quot;q&quot; &copy; &#x4E2D;&#25991; &nbsp;x</p>"
        << "<p>&lt;b&gt; &amp; &quot;q&quot; © 中文 &nbsp;x</p>";
    QTest::newRow("bare ampersand and lt") << "<p>a & b < c</p>"
                                           << "<p>a &amp; b &lt; c</p>";
    QTest::newRow("comments dropped") << "<p>a<!-- secret -->b</p>"
                                      << "<p>ab</p>";
    QTest::newRow("br is void") << "<p>a<br>b<br/>c</p>"
                                << "<p>a<br/>b<br/>c</p>";
    QTest::newRow("blockquote") << "<blockquote><p>q</p></blockquote>"
                                << "<blockquote><p>q</p></blockquote>";
    QTest::newRow("div becomes paragraph") << "<div>a</div><div>b</div>"
                                           << "<p>a</p><p>b</p>";
    QTest::newRow("div inside paragraph unwrapped") << "<p><span><div>x</div></span></p>"
                                                    << "<p><span>x</span></p>";
    QTest::newRow("empty div leaves nothing") << "<div></div><p>x</p>"
                                              << "<p>x</p>";
    QTest::newRow("safe styles kept")
        << "<p style=\"text-align:center\"><span style=\"color:#FF0000;background-color:rgb(1,2,3);font-weight:bold;"
           "font-style:italic;text-decoration:underline line-through\">x</span></p>"
        << "<p style=\"text-align: center\"><span style=\"color: #ff0000; background-color: rgb(1,2,3); font-weight: "
           "bold; font-style: italic; text-decoration: underline line-through\">x</span></p>";
    QTest::newRow("unsafe styles dropped")
        << "<span style=\"background-image:url(javascript:x);color:expression(alert(1));position:fixed;"
           "color:red\">x</span>"
        << "<span style=\"color: red\">x</span>";
    QTest::newRow("style escapes dropped") << "<span style=\"color:\\72 ed\">x</span>"
                                           << "<span>x</span>";
    QTest::newRow("style on strong dropped") << "<p><strong style=\"color:red\">x</strong></p>"
                                             << "<p><strong>x</strong></p>";
    QTest::newRow("attribute breaking out") << "<p><img src=\"x\" \"><script>alert(1)</script>\"></p>"
                                            << "<p><img src=\"x\"/>&quot;&gt;</p>";
    QTest::newRow("uppercase tags") << "<P><B>X</B><SCRIPT>y</SCRIPT></P>"
                                    << "<p><b>X</b></p>";
    QTest::newRow("svg with script dropped") << "<p>a<svg><script>alert(1)</script><text>t</text></svg>b</p>"
                                             << "<p>ab</p>";
    QTest::newRow("control characters dropped") << QString::fromUtf8("<p>a\x01\x02"
                                                                     "b</p>")
                                                << "<p>ab</p>";
    QTest::newRow("chinese text") << "<h2>新品上市</h2><p>本店<strong>招牌</strong>奶茶，买一送一！</p>"
                                  << "<h2>新品上市</h2><p>本店<strong>招牌</strong>奶茶，买一送一！</p>";
    QTest::newRow("whole document") << "<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>"
                                    << "<p>x</p>";
    QTest::newRow("Qt rich text export")
        << "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0//EN\"><html><head><meta name=\"qrichtext\" content=\"1\" />"
           "<style type=\"text/css\">p, li { white-space: pre-wrap; }</style></head><body style=\" "
           "font-family:'Sans'\">"
           "<p style=\" margin-top:0px; -qt-block-indent:0;\"><span style=\" "
           "font-weight:700;\">粗</span></p></body></html>"
        << "<p><span style=\"font-weight: 700\">粗</span></p>";
}

void TestRichText::sanitize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(RichText::sanitize(input), expected);
}

void TestRichText::sanitize_isIdempotent_data()
{
    sanitize_data();
}

void TestRichText::sanitize_isIdempotent()
{
    QFETCH(QString, input);
    const QString once = RichText::sanitize(input);
    QCOMPARE(RichText::sanitize(once), once);
}

void TestRichText::sanitize_bigInput_isFastAndComplete()
{
    // ~200 KB of mixed markup, with a script in every block.
    QString input;
    int blocks = 0;
    while (input.size() < 200'000) {
        input += QStringLiteral("<div onclick=\"x()\"><p>段落 %1 <b>粗体</b> &amp; <script>evil(%1)</script>"
                                "<img src=\"javascript:%1\"></p><ul><li>项</li></ul></div>")
                     .arg(blocks);
        ++blocks;
    }
    QElapsedTimer timer;
    timer.start();
    const QString out = RichText::sanitize(input);
    const qint64 ms = timer.elapsed();
    qInfo("sanitize of %lld characters (%d blocks) took %lld ms", qint64(input.size()), blocks, ms);
    QVERIFY(ms < 2000);
    QVERIFY(!out.contains(QLatin1String("script")));
    QVERIFY(!out.contains(QLatin1String("javascript")));
    QVERIFY(!out.contains(QLatin1String("onclick")));
    QCOMPARE(out.count(QStringLiteral("<b>粗体</b>")), blocks);
    QVERIFY(out.contains(QStringLiteral("段落 %1 ").arg(blocks - 1)));
}

void TestRichText::sanitize_deepNesting_keepsText()
{
    // 200 levels: below libxml2's nesting limit (256), beyond ours (64), where only text is kept.
    QString input;
    for (int i = 0; i < 100; ++i)
        input += QLatin1String("<span><b>");
    input += QLatin1String("deep<script>x</script><i>er</i>");
    QString out = RichText::sanitize(input);
    QVERIFY(out.contains(QLatin1String("deeper")));
    QVERIFY(!out.contains(QLatin1String("script")));
    QCOMPARE(out.count(QLatin1String("<span>")), out.count(QLatin1String("</span>")));
    QCOMPARE(RichText::sanitize(out), out);

    // Beyond libxml2's limit the parser stops: the rest is lost, but the output is still safe and well-formed.
    input.clear();
    for (int i = 0; i < 5000; ++i)
        input += QLatin1String("<span><b>");
    input += QLatin1String("<script>x</script>");
    out = RichText::sanitize(input);
    QVERIFY(!out.contains(QLatin1String("script")));
    QCOMPARE(out.count(QLatin1String("<span>")), out.count(QLatin1String("</span>")));
    QCOMPARE(RichText::sanitize(out), out);
}

void TestRichText::sanitize_randomTagSoup_isStableAndSafe()
{
    // Random sequences of openers, closers and text from allowed and forbidden tags: whatever the nesting, the output
    // holds no forbidden markup and sanitizing it again changes nothing.
    const char* const pieces[] = {"<p>",
                                  "</p>",
                                  "<b>",
                                  "</b>",
                                  "<i>",
                                  "</i>",
                                  "<ul>",
                                  "</ul>",
                                  "<ol>",
                                  "<li>",
                                  "</li>",
                                  "<h2>",
                                  "</h2>",
                                  "<blockquote>",
                                  "</blockquote>",
                                  "<span style=\"color:red\">",
                                  "</span>",
                                  "<div>",
                                  "</div>",
                                  "<br>",
                                  "<table><tr><td>",
                                  "</td></tr></table>",
                                  "<a href=\"javascript:x\">",
                                  "</a>",
                                  "<script>",
                                  "</script>",
                                  "<img src=\"ok1\">",
                                  "<img src=javascript:x>",
                                  "文字",
                                  "a&amp;b",
                                  "<",
                                  ">",
                                  "&",
                                  "<!--",
                                  "-->",
                                  "<s>",
                                  "<u>",
                                  "<em>",
                                  "</em>",
                                  "<strong>",
                                  "</strong>",
                                  "<h1>",
                                  "<font color=red>",
                                  "</font>",
                                  "<pre>",
                                  "</pre>"};
    QRandomGenerator random(42);
    for (int round = 0; round < 3000; ++round) {
        QString input;
        const int length = 1 + random.bounded(25);
        for (int i = 0; i < length; ++i)
            input += QString::fromUtf8(pieces[random.bounded(int(std::size(pieces)))]);
        const QString once = RichText::sanitize(input);
        const QString twice = RichText::sanitize(once);
        QVERIFY2(twice == once, qPrintable(QStringLiteral("input: %1\nonce:  %2\ntwice: %3").arg(input, once, twice)));
        for (const char* forbidden : {"<script", "javascript", "<a ", "<div", "<table", "<font", "href", "<!--"})
            QVERIFY2(!once.contains(QLatin1String(forbidden)), qPrintable(input + QStringLiteral(" -> ") + once));
    }
}

void TestRichText::plainText_dropsMarkup()
{
    QCOMPARE(RichText::plainText(QStringLiteral("<p>a &amp; <b>b</b></p><p>c<br/>d</p><script>x</script>")),
             QStringLiteral("a & b c d"));
    QCOMPARE(RichText::plainText(QStringLiteral("")), QStringLiteral(""));
}

void TestRichText::imageRefs_listsKeptImages()
{
    const QString html = RichText::sanitize(
        QStringLiteral("<p><img src=\"abc\"><img src=\"javascript:x\"><img src=\"/api/v1/shops/s/images/i\"></p>"));
    QCOMPARE(RichText::imageRefs(html),
             QStringList({QStringLiteral("abc"), QStringLiteral("/api/v1/shops/s/images/i")}));
}

namespace {

QJsonObject article()
{
    return {{QStringLiteral("id"), QStringLiteral("5f0c3f4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f")},
            {QStringLiteral("title"), QStringLiteral("  开业公告  ")},
            {QStringLiteral("cover"), QStringLiteral("img-1")},
            {QStringLiteral("summary"), QStringLiteral("欢迎光临")},
            {QStringLiteral("body"), QStringLiteral("<p>欢迎<script>alert(1)</script></p>")},
            {QStringLiteral("category"), QStringLiteral("公告")},
            {QStringLiteral("published"), true},
            {QStringLiteral("publishAtMs"), 1700000000000LL}};
}

} // namespace

void TestRichText::normalizeArticle_sanitizesAndChecks()
{
    auto draft = ArticleRules::normalizeArticle(article());
    QVERIFY2(draft.ok(), qPrintable(draft.ok() ? QString() : draft.error().message));
    QCOMPARE(draft->title, QStringLiteral("开业公告"));
    QCOMPARE(draft->body, QStringLiteral("<p>欢迎</p>"));
    QCOMPARE(draft->publishAtMs, 1700000000000LL);
    QVERIFY(draft->published);

    QJsonObject minimal{{QStringLiteral("id"), article().value(QStringLiteral("id"))},
                        {QStringLiteral("title"), QStringLiteral("t")}};
    auto draft2 = ArticleRules::normalizeArticle(minimal);
    QVERIFY(draft2.ok());
    QVERIFY(!draft2->published);
    QCOMPARE(draft2->publishAtMs, 0);
    QVERIFY(!draft2->body.isNull());
    QVERIFY(draft2->body.isEmpty());

    // Markup the sanitizer drops does not count against the limit; what is stored does.
    QJsonObject padded = article();
    padded[QStringLiteral("body")] = QStringLiteral("<p>x</p>") + QStringLiteral("<!--") +
                                     QString(ArticleRules::MaxBodyLength, QLatin1Char('c')) + QStringLiteral("-->");
    QVERIFY(ArticleRules::normalizeArticle(padded).ok());
    QJsonObject tooLong = article();
    tooLong[QStringLiteral("body")] = QString(ArticleRules::MaxBodyLength, QLatin1Char('c'));
    QVERIFY(!ArticleRules::normalizeArticle(tooLong).ok());
}

void TestRichText::normalizeArticle_rejectsBadInput_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("bad id") << "id" << QJsonValue(QStringLiteral("ABC"));
    QTest::newRow("empty title") << "title" << QJsonValue(QStringLiteral("   "));
    QTest::newRow("long title") << "title" << QJsonValue(QString(101, QLatin1Char('t')));
    QTest::newRow("long summary") << "summary" << QJsonValue(QString(301, QLatin1Char('s')));
    QTest::newRow("long category") << "category" << QJsonValue(QString(31, QLatin1Char('c')));
    QTest::newRow("body not text") << "body" << QJsonValue(42);
    QTest::newRow("published not bool") << "published" << QJsonValue(QStringLiteral("yes"));
    QTest::newRow("negative publish time") << "publishAtMs" << QJsonValue(-1);
    QTest::newRow("publish time a fraction") << "publishAtMs" << QJsonValue(1.5);
    QTest::newRow("unknown field") << "viewCount" << QJsonValue(5);
}

void TestRichText::normalizeArticle_rejectsBadInput()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QJsonObject args = article();
    args[key] = value;
    auto draft = ArticleRules::normalizeArticle(args);
    QVERIFY(!draft.ok());
    QCOMPARE(draft.error().code, ErrorCode::InvalidArgument);
}

void TestRichText::normalizeProduct_sanitizesDescription()
{
    QJsonObject sku{{QStringLiteral("id"), QStringLiteral("6f0c3f4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f")},
                    {QStringLiteral("priceFen"), 100},
                    {QStringLiteral("stock"), 1}};
    QJsonObject product{{QStringLiteral("id"), QStringLiteral("7f0c3f4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f")},
                        {QStringLiteral("name"), QStringLiteral("奶茶")},
                        {QStringLiteral("description"),
                         QStringLiteral("<p onclick=\"x\">好喝<img src=x onerror=alert(1)><script>1</script></p>")},
                        {QStringLiteral("skus"), QJsonArray{sku}}};
    auto draft = CatalogRules::normalizeProduct(product);
    QVERIFY(draft.ok());
    QCOMPARE(draft->description, QStringLiteral("<p>好喝<img src=\"x\"/></p>"));

    product[QStringLiteral("description")] = QString(CatalogRules::MaxDescriptionLength + 1, QLatin1Char('d'));
    QVERIFY(!CatalogRules::normalizeProduct(product).ok());
}

void TestRichText::isPublic_respectsScheduleAndDraft()
{
    QVERIFY(ArticleRules::isPublic(true, 1000, 1000));
    QVERIFY(!ArticleRules::isPublic(true, 1001, 1000));
    QVERIFY(!ArticleRules::isPublic(false, 0, 1000));
}

QTEST_GUILESS_MAIN(TestRichText)
#include "tst_richtext.moc"
