// Articles of a real syncserver process, on SQLite or PostgreSQL: merchant REST and sync-push writes (the article
// operations), the mini-program's list (cursor and page-number paging) and detail, what the public never sees,
// the body sanitized on save, view events (recorded, flushed, kept over a clean SIGTERM), page-number paging of the
// product list, and articles pulled by a WebSocket client.
#include "ServerFixture.h"
#include "TestSocket.h"
#include "xiaodian/Id.h"

#include <QBuffer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

namespace {

QJsonObject article(const QString& title, bool published, qint64 publishAtMs = 0, const QString& category = {})
{
    QJsonObject body{{QStringLiteral("id"), xd::Id::create()},
                     {QStringLiteral("title"), title},
                     {QStringLiteral("summary"), QStringLiteral("摘要")},
                     {QStringLiteral("body"), QStringLiteral("<p>正文</p>")},
                     {QStringLiteral("category"), category},
                     {QStringLiteral("published"), published}};
    if (publishAtMs > 0)
        body.insert(QStringLiteral("publishAtMs"), publishAtMs);
    return body;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

class tst_Articles : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void crud_viaRest_listsDraftsForTheMerchant();
    void save_sanitizesTheBody();
    void save_invalid_isRejected_andChangesNothing_data();
    void save_invalid_isRejected_andChangesNothing();
    void save_coverAndBodyImages_mustBeThisShopsUploads();
    void publicApi_neverShowsDraftsScheduledDeletedOrOtherShops();
    void publicList_cursorAndPagePaging_noGapsNoDuplicates_andCategoryFilter();
    void publicApi_invalidParameters_are400WithCode_data();
    void publicApi_invalidParameters_are400WithCode();
    void productList_pageNumbers_matchTheCursorWalk();
    void syncPush_savesAndDeletes_andAWebSocketClientPullsTheRows();
    void views_areRecordedInBatches_countArticles_andBumpNoVersion();
    void views_invalidPageView_is400();
    void views_queuedAtSigterm_areWritten(); // last: stops the server

private:
    qint64 changeCounter() const
    {
        return scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}).toLongLong();
    }
    QString create(const QJsonObject& body, const QString& token = {});
    QStringList walk(const QString& path, QList<std::pair<QString, QString>> params, bool byPage);
    QString createShopB(QString* ownerToken);
    QString uploadImage(const QString& shopId, const QString& token, QColor color);
    QString m_shopB;
    QString m_tokenB;
};

void tst_Articles::initTestCase()
{
    QString error;
    QVERIFY2(startServer(QStringLiteral("xd_articles"), {}, &error), qPrintable(error));
}

void tst_Articles::cleanupTestCase()
{
    m_server->stop();
}

QString tst_Articles::create(const QJsonObject& body, const QString& token)
{
    const auto reply =
        m_server->requestJson("POST", QStringLiteral("/admin/v1/articles"), body, token.isEmpty() ? m_token : token);
    if (reply.status != 201)
        qWarning() << reply.status << reply.body;
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toString() : QString();
}

// Every page of a list: following nextCursor, or asking page 1, 2, ... until a short page.
QStringList tst_Articles::walk(const QString& path, QList<std::pair<QString, QString>> params, bool byPage)
{
    QStringList seen;
    QString cursor;
    for (int page = 1; page < 1000; ++page) {
        auto query = params;
        if (byPage)
            query.append({QStringLiteral("page"), QString::number(page)});
        else if (!cursor.isEmpty())
            query.append({QStringLiteral("cursor"), cursor});
        const auto reply = m_server->request("GET", withQuery(path, query));
        if (reply.status != 200) {
            qWarning() << reply.status << reply.body;
            return {};
        }
        const QJsonArray items = reply.json.value(QStringLiteral("items")).toArray();
        seen << idsOf(items);
        cursor = reply.json.value(QStringLiteral("nextCursor")).toString();
        if (cursor.isEmpty())
            break;
    }
    return seen;
}

QString tst_Articles::createShopB(QString* ownerToken)
{
    return m_server->createShop(QStringLiteral("隔壁店"), ownerToken);
}

QString tst_Articles::uploadImage(const QString& shopId, const QString& token, QColor color)
{
    QImage image(40, 30, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    const auto reply = m_server->request(
        "POST", QStringLiteral("/admin/v1/shops/%1/images").arg(shopId), bytes, token, {{"Content-Type", "image/png"}});
    if (reply.status != 201)
        qWarning() << reply.status << reply.body;
    return reply.json.value(QStringLiteral("id")).toString();
}

void tst_Articles::save_coverAndBodyImages_mustBeThisShopsUploads()
{
    if (m_shopB.isEmpty())
        m_shopB = createShopB(&m_tokenB);
    QVERIFY(!m_shopB.isEmpty());
    const QString mine = uploadImage(m_shopId, m_token, Qt::red);
    const QString theirs = uploadImage(m_shopB, m_tokenB, Qt::blue);
    QVERIFY(xd::Id::isValid(mine) && xd::Id::isValid(theirs));

    QJsonObject good = article(QStringLiteral("有图"), true);
    good.insert(QStringLiteral("cover"), mine);
    good.insert(QStringLiteral("body"),
                QStringLiteral("<p><img src=\"https://shop.example/api/v1/shops/%1/images/%2?size=medium\"></p>")
                    .arg(m_shopId, mine));
    const QString id = create(good);
    QVERIFY(!id.isEmpty());
    const auto detail = m_server->request("GET", QStringLiteral("/api/v1/shops/%1/articles/%2").arg(m_shopId, id));
    QCOMPARE(detail.json.value(QStringLiteral("body")).toString(),
             QStringLiteral("<p><img src=\"/api/v1/shops/%1/images/%2?size=medium\"/></p>").arg(m_shopId, mine));
    QCOMPARE(detail.json.value(QStringLiteral("coverImage")).toObject().value(QStringLiteral("url")).toString(),
             QStringLiteral("/api/v1/shops/%1/images/%2").arg(m_shopId, mine));

    const qint64 counter = changeCounter();
    const QList<std::pair<QString, QString>> bad{
        {QStringLiteral("cover"), theirs},
        {QStringLiteral("cover"), xd::Id::create()},
        {QStringLiteral("cover"), QStringLiteral("img-1")},
        {QStringLiteral("body"), QStringLiteral("<img src=\"/api/v1/shops/%1/images/%2\">").arg(m_shopB, theirs)},
        {QStringLiteral("body"), QStringLiteral("<img src=\"/api/v1/shops/%1/images/%2\">").arg(m_shopId, theirs)},
        {QStringLiteral("body"), QStringLiteral("<img src=\"%1\">").arg(xd::Id::create())},
    };
    for (const auto& [field, value] : bad) {
        QJsonObject body = article(QStringLiteral("坏图"), true);
        body.insert(field, value);
        const auto reply = m_server->requestJson("POST", QStringLiteral("/admin/v1/articles"), body, m_token);
        QVERIFY2(reply.status == 400, qPrintable(value));
        QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("invalid_argument"));
    }
    QCOMPARE(changeCounter(), counter);
}

void tst_Articles::crud_viaRest_listsDraftsForTheMerchant()
{
    QJsonObject body = article(QStringLiteral("  开业公告 "), false);
    body.remove(QStringLiteral("id")); // REST callers may leave it out
    const QString id = create(body);
    QVERIFY(xd::Id::isValid(id));

    auto got = m_server->request("GET", QStringLiteral("/admin/v1/articles/%1").arg(id), {}, m_token);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json.value(QStringLiteral("title")).toString(), QStringLiteral("开业公告"));
    QCOMPARE(got.json.value(QStringLiteral("state")).toString(), QStringLiteral("draft"));
    QCOMPARE(got.json.value(QStringLiteral("publishAtMs")).toInteger(), 0);
    QCOMPARE(got.json.value(QStringLiteral("body")).toString(), QStringLiteral("<p>正文</p>"));

    const auto list = m_server->request("GET", QStringLiteral("/admin/v1/articles?limit=50"), {}, m_token);
    QCOMPARE(list.status, 200);
    QVERIFY(idsOf(list.json.value(QStringLiteral("items")).toArray()).contains(id));

    // Publishing without a time publishes now; editing it later keeps that time.
    body.insert(QStringLiteral("published"), true);
    const qint64 before = nowMs();
    auto put = m_server->requestJson("PUT", QStringLiteral("/admin/v1/articles/%1").arg(id), body, m_token);
    QCOMPARE(put.status, 200);
    got = m_server->request("GET", QStringLiteral("/admin/v1/articles/%1").arg(id), {}, m_token);
    const qint64 publishedAt = got.json.value(QStringLiteral("publishAtMs")).toInteger();
    QVERIFY(publishedAt >= before - 1000 && publishedAt <= nowMs() + 1000);
    QCOMPARE(got.json.value(QStringLiteral("state")).toString(), QStringLiteral("published"));
    QTest::qWait(5);
    body.insert(QStringLiteral("title"), QStringLiteral("开业公告（更新）"));
    QCOMPARE(m_server->requestJson("PUT", QStringLiteral("/admin/v1/articles/%1").arg(id), body, m_token).status, 200);
    got = m_server->request("GET", QStringLiteral("/admin/v1/articles/%1").arg(id), {}, m_token);
    QCOMPARE(got.json.value(QStringLiteral("publishAtMs")).toInteger(), publishedAt);
    QCOMPARE(got.json.value(QStringLiteral("title")).toString(), QStringLiteral("开业公告（更新）"));

    QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/articles/%1").arg(id), {}, m_token).status, 200);
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/articles/%1").arg(id), {}, m_token).status, 404);
    const auto again = m_server->request("DELETE", QStringLiteral("/admin/v1/articles/%1").arg(id), {}, m_token);
    QCOMPARE(again.status, 404);
    // A deleted id stays taken: saving it again is refused, not a silent revival.
    QCOMPARE(m_server->requestJson("PUT", QStringLiteral("/admin/v1/articles/%1").arg(id), body, m_token).status, 404);
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/articles"), {}, QStringLiteral("bad")).status, 401);
}

void tst_Articles::save_sanitizesTheBody()
{
    const QString image = uploadImage(m_shopId, m_token, Qt::yellow);
    QJsonObject body = article(QStringLiteral("消毒"), true);
    body.insert(QStringLiteral("body"),
                QStringLiteral("<p onclick=\"steal()\">好<script>alert(1)</script><img src=%1 onerror=alert(2)>"
                               "<a href=\"javascript:alert(3)\">链接</a><iframe src=\"https://evil\"></iframe>"
                               "<img src=\"javascript:alert(4)\"></p>")
                    .arg(image));
    const QString id = create(body);
    QVERIFY(!id.isEmpty());
    const QString stored = scalar(QStringLiteral("SELECT body FROM articles WHERE id = ?"), {id}).toString();
    QCOMPARE(stored, QStringLiteral("<p>好<img src=\"%1\"/>链接</p>").arg(image));
    QVERIFY(!stored.contains(QLatin1String("script")));
    const auto detail = m_server->request("GET", QStringLiteral("/api/v1/shops/%1/articles/%2").arg(m_shopId, id));
    QCOMPARE(detail.status, 200);
    QCOMPARE(detail.json.value(QStringLiteral("body")).toString(), stored);
}

void tst_Articles::save_invalid_isRejected_andChangesNothing_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty title") << "title" << QJsonValue(QStringLiteral("  ")) << "invalid_argument";
    QTest::newRow("long title") << "title" << QJsonValue(QString(101, QLatin1Char('t'))) << "invalid_argument";
    QTest::newRow("long summary") << "summary" << QJsonValue(QString(301, QLatin1Char('s'))) << "invalid_argument";
    QTest::newRow("long body") << "body" << QJsonValue(QString(200'001, QLatin1Char('b'))) << "invalid_argument";
    QTest::newRow("published text") << "published" << QJsonValue(QStringLiteral("yes")) << "invalid_argument";
    QTest::newRow("negative time") << "publishAtMs" << QJsonValue(-5) << "invalid_argument";
    QTest::newRow("unknown field") << "viewCount" << QJsonValue(1000) << "invalid_argument";
    QTest::newRow("bad id") << "id" << QJsonValue(QStringLiteral("not-an-id")) << "invalid_argument";
}

void tst_Articles::save_invalid_isRejected_andChangesNothing()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, code);
    const qint64 counter = changeCounter();
    const qint64 rows = scalar(QStringLiteral("SELECT COUNT(*) FROM articles")).toLongLong();
    QJsonObject body = article(QStringLiteral("坏的"), true);
    body.insert(field, value);
    const auto reply = m_server->requestJson("POST", QStringLiteral("/admin/v1/articles"), body, m_token);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), code);
    QCOMPARE(changeCounter(), counter);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM articles")).toLongLong(), rows);
}

void tst_Articles::publicApi_neverShowsDraftsScheduledDeletedOrOtherShops()
{
    const QString category = QStringLiteral("可见性");
    const QString visible = create(article(QStringLiteral("看得见"), true, 0, category));
    const QString draft = create(article(QStringLiteral("草稿"), false, 0, category));
    const QString scheduled = create(article(QStringLiteral("定时"), true, nowMs() + 3'600'000, category));
    const QString deleted = create(article(QStringLiteral("删了"), true, 0, category));
    QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/articles/%1").arg(deleted), {}, m_token).status,
             200);
    if (m_shopB.isEmpty())
        m_shopB = createShopB(&m_tokenB);
    const QString shopB = m_shopB;
    const QString tokenB = m_tokenB;
    QVERIFY(!shopB.isEmpty() && !tokenB.isEmpty());
    const QString otherShops = create(article(QStringLiteral("别家的"), true, 0, category), tokenB);
    for (const QString& id : {visible, draft, scheduled, deleted, otherShops})
        QVERIFY(!id.isEmpty());

    const QString listPath = QStringLiteral("/api/v1/shops/%1/articles").arg(m_shopId);
    for (const auto& params : {QList<std::pair<QString, QString>>{},
                               QList<std::pair<QString, QString>>{{QStringLiteral("category"), category}}}) {
        for (const bool byPage : {false, true}) {
            const QStringList ids = walk(listPath, params, byPage);
            QVERIFY(ids.contains(visible));
            for (const QString& hidden : {draft, scheduled, deleted, otherShops})
                QVERIFY2(!ids.contains(hidden), qPrintable(hidden));
        }
    }
    const auto detail = [this](const QString& shop, const QString& id) {
        return m_server->request("GET", QStringLiteral("/api/v1/shops/%1/articles/%2").arg(shop, id)).status;
    };
    QCOMPARE(detail(m_shopId, visible), 200);
    for (const QString& hidden : {draft, scheduled, deleted, otherShops})
        QCOMPARE(detail(m_shopId, hidden), 404);
    QCOMPARE(detail(shopB, otherShops), 200);
    QCOMPARE(detail(shopB, visible), 404);
    // The merchant sees its scheduled article as such; shop B cannot read shop A's.
    const auto mine = m_server->request("GET", QStringLiteral("/admin/v1/articles/%1").arg(scheduled), {}, m_token);
    QCOMPARE(mine.json.value(QStringLiteral("state")).toString(), QStringLiteral("scheduled"));
    QCOMPARE(m_server->request("GET", QStringLiteral("/admin/v1/articles/%1").arg(visible), {}, tokenB).status, 404);
    QCOMPARE(m_server->request("DELETE", QStringLiteral("/admin/v1/articles/%1").arg(visible), {}, tokenB).status, 404);
    // Saving shop A's id from shop B is refused; A's article is untouched.
    QJsonObject steal = article(QStringLiteral("抢"), true);
    steal.insert(QStringLiteral("id"), visible);
    QCOMPARE(m_server->requestJson("POST", QStringLiteral("/admin/v1/articles"), steal, tokenB).status, 409);
    QCOMPARE(scalar(QStringLiteral("SELECT title FROM articles WHERE id = ?"), {visible}).toString(),
             QStringLiteral("看得见"));
}

void tst_Articles::publicList_cursorAndPagePaging_noGapsNoDuplicates_andCategoryFilter()
{
    // 23 articles over 4 distinct publish times, so page boundaries fall inside runs of equal keys.
    const qint64 base = nowMs() - 100'000;
    const QString category = QStringLiteral("翻页");
    QHash<QString, qint64> timeOf;
    for (int i = 0; i < 23; ++i) {
        const qint64 at = base + (i % 4) * 1000;
        const QString id = create(article(QStringLiteral("第%1篇").arg(i), true, at, category));
        QVERIFY(!id.isEmpty());
        timeOf.insert(id, at);
    }
    create(article(QStringLiteral("别的栏目"), true, base, QStringLiteral("其他")));
    const QString path = QStringLiteral("/api/v1/shops/%1/articles").arg(m_shopId);
    const QList<std::pair<QString, QString>> params{{QStringLiteral("category"), category},
                                                    {QStringLiteral("limit"), QStringLiteral("4")}};
    const QStringList byCursor = walk(path, params, false);
    QCOMPARE(byCursor.size(), 23);
    QCOMPARE(QSet<QString>(byCursor.cbegin(), byCursor.cend()), QSet<QString>(timeOf.keyBegin(), timeOf.keyEnd()));
    for (int i = 1; i < byCursor.size(); ++i) {
        const qint64 previous = timeOf.value(byCursor.at(i - 1));
        const qint64 current = timeOf.value(byCursor.at(i));
        QVERIFY(previous > current || (previous == current && byCursor.at(i - 1) > byCursor.at(i)));
    }
    const QStringList byPage =
        walk(path, {{QStringLiteral("category"), category}, {QStringLiteral("pageSize"), QStringLiteral("4")}}, true);
    QCOMPARE(byPage, byCursor);

    // A page answers a cursor too, to go on from there; page 6 of 4 is the last (3 rows).
    const auto page2 = m_server->request("GET",
                                         withQuery(path,
                                                   {{QStringLiteral("category"), category},
                                                    {QStringLiteral("page"), QStringLiteral("2")},
                                                    {QStringLiteral("pageSize"), QStringLiteral("4")}}));
    QCOMPARE(idsOf(page2.json.value(QStringLiteral("items")).toArray()), byCursor.mid(4, 4));
    const QString cursor = page2.json.value(QStringLiteral("nextCursor")).toString();
    const auto page3 = m_server->request("GET",
                                         withQuery(path,
                                                   {{QStringLiteral("category"), category},
                                                    {QStringLiteral("cursor"), cursor},
                                                    {QStringLiteral("limit"), QStringLiteral("4")}}));
    QCOMPARE(idsOf(page3.json.value(QStringLiteral("items")).toArray()), byCursor.mid(8, 4));
    const auto last = m_server->request("GET",
                                        withQuery(path,
                                                  {{QStringLiteral("category"), category},
                                                   {QStringLiteral("page"), QStringLiteral("6")},
                                                   {QStringLiteral("pageSize"), QStringLiteral("4")}}));
    QCOMPARE(last.json.value(QStringLiteral("items")).toArray().size(), 3);
    QVERIFY(last.json.value(QStringLiteral("nextCursor")).isNull());
    const auto beyond = m_server->request("GET",
                                          withQuery(path,
                                                    {{QStringLiteral("category"), category},
                                                     {QStringLiteral("page"), QStringLiteral("7")},
                                                     {QStringLiteral("pageSize"), QStringLiteral("4")}}));
    QCOMPARE(beyond.status, 200);
    QVERIFY(beyond.json.value(QStringLiteral("items")).toArray().isEmpty());
}

void tst_Articles::publicApi_invalidParameters_are400WithCode_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("query");
    for (const char* list : {"articles", "products"}) {
        const QString l = QString::fromLatin1(list);
        QTest::addRow("%s limit 0", list) << l << "limit=0";
        QTest::addRow("%s limit 51", list) << l << "limit=51";
        QTest::addRow("%s page 0", list) << l << "page=0";
        QTest::addRow("%s page negative", list) << l << "page=-1";
        QTest::addRow("%s page text", list) << l << "page=abc";
        QTest::addRow("%s page empty", list) << l << "page=";
        QTest::addRow("%s page fraction", list) << l << "page=1.5";
        QTest::addRow("%s pageSize 0", list) << l << "page=1&pageSize=0";
        QTest::addRow("%s pageSize 51", list) << l << "page=1&pageSize=51";
        QTest::addRow("%s pageSize without page", list) << l << "pageSize=10";
        QTest::addRow("%s too deep", list) << l << "page=201&pageSize=50";
        QTest::addRow("%s too deep default size", list) << l << "page=501";
        QTest::addRow("%s huge page", list) << l << "page=99999999999999999999";
        QTest::addRow("%s page and cursor", list) << l << "page=2&cursor=abc";
        QTest::addRow("%s bad cursor", list) << l << "cursor=%21%21%21";
    }
    QTest::newRow("articles long category")
        << "articles" << QStringLiteral("category=") + QString(31, QLatin1Char('c'));
    QTest::newRow("articles product cursor")
        << "articles"
        << "cursor=MXxkZWZhdWx0fDB8MDE5MzhhYmMtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAw";
}

void tst_Articles::publicApi_invalidParameters_are400WithCode()
{
    QFETCH(QString, list);
    QFETCH(QString, query);
    const auto reply = m_server->request("GET", QStringLiteral("/api/v1/shops/%1/%2?%3").arg(m_shopId, list, query));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("invalid_argument"));
    QVERIFY(
        !reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
    if (query.startsWith(QLatin1String("page=201")))
        QVERIFY(reply.body.contains("nextCursor"));
    // The deepest page allowed is answered.
    QCOMPARE(
        m_server->request("GET", QStringLiteral("/api/v1/shops/%1/%2?page=200&pageSize=50").arg(m_shopId, list)).status,
        200);
}

void tst_Articles::productList_pageNumbers_matchTheCursorWalk()
{
    const auto category = m_server->requestJson("POST",
                                                QStringLiteral("/admin/v1/categories"),
                                                QJsonObject{{QStringLiteral("name"), QStringLiteral("分页")}},
                                                m_token);
    QCOMPARE(category.status, 201);
    const QString categoryId = category.json.value(QStringLiteral("id")).toString();
    for (int i = 0; i < 11; ++i) {
        const QJsonObject product{
            {QStringLiteral("name"), QStringLiteral("分页商品%1").arg(i)},
            {QStringLiteral("categoryId"), categoryId},
            {QStringLiteral("onShelf"), true},
            {QStringLiteral("sortWeight"), i % 3},
            {QStringLiteral("skus"),
             QJsonArray{QJsonObject{{QStringLiteral("priceFen"), 100 * (i % 2)}, {QStringLiteral("stock"), 5}}}}};
        QCOMPARE(m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), product, m_token).status, 201);
    }
    const QString path = QStringLiteral("/api/v1/shops/%1/products").arg(m_shopId);
    for (const char* sort : {"default", "price_asc"}) {
        const QList<std::pair<QString, QString>> common{{QStringLiteral("category"), categoryId},
                                                        {QStringLiteral("sort"), QString::fromLatin1(sort)}};
        const QStringList byCursor = walk(
            path, common + QList<std::pair<QString, QString>>{{QStringLiteral("limit"), QStringLiteral("3")}}, false);
        QCOMPARE(byCursor.size(), 11);
        const QStringList byPage = walk(
            path, common + QList<std::pair<QString, QString>>{{QStringLiteral("pageSize"), QStringLiteral("3")}}, true);
        QCOMPARE(byPage, byCursor);
    }
}

void tst_Articles::syncPush_savesAndDeletes_andAWebSocketClientPullsTheRows()
{
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    QCOMPARE(socket.authenticate(m_token, xd::Id::create()).value(QStringLiteral("type")).toString(),
             QStringLiteral("auth.ok"));
    QJsonObject saved = article(QStringLiteral("同步来的"), true, 1'700'000'000'000LL, QStringLiteral("公告"));
    saved.insert(QStringLiteral("body"), QStringLiteral("<h2>标题</h2><script>x()</script><ul><li>一</li></ul>"));
    saved.insert(QStringLiteral("cover"), uploadImage(m_shopId, m_token, Qt::green));
    const QJsonObject gone = article(QStringLiteral("同步后删"), false);
    const auto mutation = [](qint64 mid, const QString& name, const QJsonObject& args) {
        return QJsonObject{
            {QStringLiteral("mid"), mid}, {QStringLiteral("name"), name}, {QStringLiteral("args"), args}};
    };
    socket.sendJson(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("push")},
        {QStringLiteral("id"), QStringLiteral("u")},
        {QStringLiteral("mutations"),
         QJsonArray{
             mutation(1, QStringLiteral("article.save"), saved),
             mutation(2, QStringLiteral("article.save"), gone),
             mutation(3, QStringLiteral("article.delete"), {{QStringLiteral("id"), gone.value(QStringLiteral("id"))}}),
             mutation(4, QStringLiteral("article.save"), QJsonObject{{QStringLiteral("id"), xd::Id::create()}})}}});
    const QJsonObject result = socket.waitFor(QStringLiteral("push.result"));
    const QJsonArray results = result.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 4);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(results.at(i).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("accepted"));
    QCOMPARE(results.at(3).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(results.at(3).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("invalid_argument"));

    // A fresh client pulls everything: the saved article in its wire shape, the deleted one as a tombstone.
    TestSocket reader;
    QVERIFY(reader.open(m_server->webSocketUrl()));
    reader.authenticate(m_token, xd::Id::create());
    QHash<QString, QJsonObject> articles;
    QString cookie;
    for (int guard = 0; guard < 100; ++guard) {
        reader.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")},
                                    {QStringLiteral("id"), QStringLiteral("p")},
                                    {QStringLiteral("cookie"), cookie},
                                    {QStringLiteral("limit"), 50}});
        const QJsonObject page = reader.waitFor(QStringLiteral("pull.result"));
        QVERIFY(!page.isEmpty());
        for (const QJsonValue& row : page.value(QStringLiteral("rows")).toArray()) {
            if (row[QStringLiteral("entity")].toString() == QLatin1String("article"))
                articles.insert(row[QStringLiteral("id")].toString(), row.toObject());
        }
        cookie = page.value(QStringLiteral("cookie")).toString();
        if (!page.value(QStringLiteral("more")).toBool())
            break;
    }
    const QJsonObject row = articles.value(saved.value(QStringLiteral("id")).toString());
    QCOMPARE(row.value(QStringLiteral("deleted")).toBool(), false);
    const QJsonObject data = row.value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("title")).toString(), QStringLiteral("同步来的"));
    QCOMPARE(data.value(QStringLiteral("body")).toString(), QStringLiteral("<h2>标题</h2><ul><li>一</li></ul>"));
    QCOMPARE(data.value(QStringLiteral("cover")).toString(), saved.value(QStringLiteral("cover")).toString());
    QCOMPARE(data.value(QStringLiteral("summary")).toString(), QStringLiteral("摘要"));
    QCOMPARE(data.value(QStringLiteral("category")).toString(), QStringLiteral("公告"));
    QCOMPARE(data.value(QStringLiteral("published")).toBool(), true);
    QCOMPARE(data.value(QStringLiteral("publishAtMs")).toInteger(), 1'700'000'000'000LL);
    QCOMPARE(data.value(QStringLiteral("viewCount")).toInteger(), 0);
    QVERIFY(data.value(QStringLiteral("createdAtMs")).toInteger() > 0);
    QVERIFY(data.value(QStringLiteral("updatedAtMs")).toInteger() > 0);
    const QJsonObject tombstone = articles.value(gone.value(QStringLiteral("id")).toString());
    QCOMPARE(tombstone.value(QStringLiteral("deleted")).toBool(), true);
    QVERIFY(!tombstone.contains(QStringLiteral("data")));
}

void tst_Articles::views_areRecordedInBatches_countArticles_andBumpNoVersion()
{
    const QString id = create(article(QStringLiteral("被看的"), true));
    QVERIFY(!id.isEmpty());
    const qint64 counter = changeCounter();
    const QString visitor =
        QStringLiteral("visitor_%1").arg(QString(xd::Id::create()).remove(QLatin1Char('-')).left(20));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 3; ++i) {
        const auto reply = m_server->request("GET",
                                             QStringLiteral("/api/v1/shops/%1/articles/%2").arg(m_shopId, id),
                                             {},
                                             {},
                                             {{"X-Visitor-Id", visitor.toLatin1()}});
        QCOMPARE(reply.status, 200);
    }
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v1/shops/%1/articles/%2").arg(m_shopId, id)).status, 200);
    const auto pageView =
        m_server->requestJson("POST",
                              QStringLiteral("/api/v1/shops/%1/views").arg(m_shopId),
                              QJsonObject{{QStringLiteral("page"), QStringLiteral("pages/index/index?from=share")},
                                          {QStringLiteral("visitorId"), visitor}});
    QCOMPARE(pageView.status, 202);
    QCOMPARE(pageView.json.value(QStringLiteral("recorded")).toBool(), true);
    // A detail that is not shown is no view.
    QCOMPARE(
        m_server->request("GET", QStringLiteral("/api/v1/shops/%1/articles/%2").arg(m_shopId, xd::Id::create())).status,
        404);
    qInfo("5 view requests took %lld ms", timer.elapsed());

    // Written within about a second, in one batch.
    QTRY_COMPARE_WITH_TIMEOUT(
        scalar(QStringLiteral("SELECT view_count FROM articles WHERE id = ?"), {id}).toLongLong(), 4, 5000);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM view_events WHERE shop_id = ? AND kind = 'article' AND "
                                   "target = ?"),
                    {m_shopId, id})
                 .toLongLong(),
             4);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM view_events WHERE target = ? AND visitor_key = ?"),
                    {id, QStringLiteral("v:") + visitor})
                 .toLongLong(),
             3);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM view_events WHERE kind = 'page' AND target = ? AND "
                                   "visitor_key = ?"),
                    {QStringLiteral("pages/index/index"), QStringLiteral("v:") + visitor})
                 .toLongLong(),
             1);
    // The view without a visitor id has a hashed key: no address is stored anywhere.
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(*) FROM view_events WHERE visitor_key LIKE 'h:%' AND target = ?"), {id})
            .toLongLong(),
        1);
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(*) FROM view_events WHERE visitor_key LIKE '%127.0.0.1%'")).toLongLong(),
        0);
    // Views do not move the shop's version: desktops are not made to pull by them.
    QCOMPARE(changeCounter(), counter);
    const auto detail = m_server->request("GET", QStringLiteral("/api/v1/shops/%1/articles/%2").arg(m_shopId, id));
    QCOMPARE(detail.json.value(QStringLiteral("viewCount")).toInteger(), 4);
}

void tst_Articles::views_invalidPageView_is400()
{
    const QString path = QStringLiteral("/api/v1/shops/%1/views").arg(m_shopId);
    for (const QJsonObject& body :
         {QJsonObject{},
          QJsonObject{{QStringLiteral("page"), QString()}},
          QJsonObject{{QStringLiteral("page"), 5}},
          QJsonObject{{QStringLiteral("page"), QStringLiteral("pages/<script>")}},
          QJsonObject{{QStringLiteral("page"), QString(201, QLatin1Char('p'))}},
          QJsonObject{{QStringLiteral("page"), QStringLiteral("pages/a")},
                      {QStringLiteral("ip"), QStringLiteral("1.2.3.4")}},
          QJsonObject{{QStringLiteral("page"), QStringLiteral("pages/a")}, {QStringLiteral("visitorId"), 5}}}) {
        const auto reply = m_server->requestJson("POST", path, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("invalid_argument"));
    }
    QCOMPARE(m_server->request("POST", path, "not json").status, 400);
    QCOMPARE(m_server
                 ->requestJson("POST",
                               QStringLiteral("/api/v1/shops/%1/views").arg(xd::Id::create()),
                               QJsonObject{{QStringLiteral("page"), QStringLiteral("pages/a")}})
                 .status,
             404);
}

void tst_Articles::views_queuedAtSigterm_areWritten()
{
    const QString page = QStringLiteral("pages/sigterm/%1").arg(QString(xd::Id::create()).left(8));
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(m_server
                     ->requestJson("POST",
                                   QStringLiteral("/api/v1/shops/%1/views").arg(m_shopId),
                                   QJsonObject{{QStringLiteral("page"), page}})
                     .status,
                 202);
    }
    // Stopped at once, well within the flush interval: only the flush at shutdown can have written them.
    m_server->stop();
    QVERIFY(!m_server->isRunning());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM view_events WHERE target = ?"), {page}).toLongLong(), 5);
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_Articles>(argc, argv);
}
#include "tst_articles.moc"
