// Reviews against a real syncserver process, on SQLite or PostgreSQL: customers' photo uploads and reviews of their
// completed orders (every refusal changes nothing), a product's public review list and rating, the merchant's list,
// reply and hide (permissions, other shops), and reviews pulled by a WebSocket client.
//
// Most cases write customers, their sessions and completed orders into the server's database directly (as the login
// and the order routes would leave them): the reviews' rules are under test there, not the way orders get done. One
// case goes the whole real way: WeChat login (FakeWechatServer), placing, the merchant's operations, then the review.
#include "CustomerLogin.h"
#include "ServerFixture.h"
#include "TestSocket.h"
#include "xiaodian/Id.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

constexpr qint64 DayMs = 24LL * 3600 * 1000;

QJsonObject review(const QString& orderItemId, int rating, const QString& text = {}, const QStringList& images = {})
{
    QJsonObject item{{QStringLiteral("rating"), rating}};
    if (!orderItemId.isEmpty())
        item.insert(QStringLiteral("orderItemId"), orderItemId);
    if (!text.isEmpty())
        item.insert(QStringLiteral("text"), text);
    if (!images.isEmpty())
        item.insert(QStringLiteral("images"), QJsonArray::fromStringList(images));
    return item;
}

QJsonObject reviews(const QList<QJsonObject>& items)
{
    QJsonArray list;
    for (const QJsonObject& item : items)
        list.append(item);
    return QJsonObject{{QStringLiteral("items"), list}};
}

QByteArray png(int seed)
{
    QImage image(40, 30, QImage::Format_RGB32);
    image.fill(QColor::fromRgb(QRgb(0xff000000u | quint32(seed * 2654435761u) >> 8)));
    image.setPixel(seed % 40, 0, qRgb(seed % 256, 0, 0)); // distinct bytes for every seed
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QString errorCode(const ServerProcess::Reply& reply)
{
    return reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

} // namespace

class tst_Reviews : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void post_completedOrder_storesReviews_ratesProducts_andShowsThemPublicly();
    void post_invalid_isRejected_andChangesNothing_data();
    void post_invalid_isRejected_andChangesNothing();
    void post_orderNotReviewable_isRefusedWithCode_data();
    void post_orderNotReviewable_isRefusedWithCode();
    void post_twice_isConflict_andTheFirstStays();
    void post_oneLineOrder_mayLeaveOutTheLine();
    void post_twentyAtOnce_onTwoServers_oneWins_restConflict();
    void customerRoutes_withoutOrWithAnotherShopsToken_are401();
    void upload_checksTheImage_andLimitsPerDay();
    void hide_removesFromPublicListAndRating_showRestores_ownerOnly();
    void reply_showsPublicly_andMerchantFiltersFindIt();
    void publicList_pagesWithoutGapsOrDuplicates();
    void lists_invalidParameters_are400_data();
    void lists_invalidParameters_are400();
    void merchant_anotherShopsReviews_are404();
    void sync_pullCarriesReviewRows();
    void endToEnd_loginPlaceDeliverCollect_thenReview();
    void imagesGc_keepsReviewPhotos_collectsUnusedUploads();

private:
    QString product(const QString& name);
    // A customer of `shopId` with a session: its id; *token receives the bearer token.
    QString addCustomer(const QString& shopId, const QString& nickname, QString* token);
    // An order of `customerId` with one line per product: its id; *itemIds receives the lines' ids.
    QString addOrder(const QString& shopId,
                     const QString& customerId,
                     const QStringList& productIds,
                     QStringList* itemIds,
                     const QString& state = QStringLiteral("completed"),
                     qint64 completedAtMs = 0);
    QString upload(const QString& shopId, const QString& token, int seed);
    ServerProcess::Reply
    post(const QString& shopId, const QString& orderId, const QJsonObject& body, const QString& token);
    QJsonObject publicPage(const QString& productId, const QList<std::pair<QString, QString>>& params = {});
    QJsonObject rating(const QString& productId);
    qint64 reviewCount() const { return scalar(QStringLiteral("SELECT COUNT(*) FROM reviews")).toLongLong(); }
    qint64 changeCounter() const
    {
        return scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}).toLongLong();
    }
    // A completed one-line order of a fresh customer for `productId`, reviewed with `rating`: the review's id.
    QString reviewed(const QString& productId, int rating, const QString& text = {});

    FakeWechatServer m_wechat;
    QHash<QString, QString> m_skus; // product id -> its SKU's id
    QString m_customer;
    QString m_customerToken;
    QString m_shopB;
    QString m_tokenB;
    int m_seed = 0;
};

void tst_Reviews::initTestCase()
{
    QString error;
    QVERIFY(m_wechat.start());
    QVERIFY2(
        startServer(QStringLiteral("xd_reviews"), {QStringLiteral("--wechat-api-base"), m_wechat.baseUrl()}, &error),
        qPrintable(error));
    m_customer = addCustomer(m_shopId, QStringLiteral("小王"), &m_customerToken);
    QVERIFY(!m_customer.isEmpty());
    m_shopB = m_server->createShop(QStringLiteral("对面店"), &m_tokenB);
    QVERIFY(!m_shopB.isEmpty());
}

void tst_Reviews::cleanupTestCase()
{
    m_server->stop();
}

QString tst_Reviews::product(const QString& name)
{
    const QString skuId = xd::Id::create();
    const QJsonObject body{{QStringLiteral("id"), xd::Id::create()},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("onShelf"), true},
                           {QStringLiteral("skus"),
                            QJsonArray{QJsonObject{{QStringLiteral("id"), skuId},
                                                   {QStringLiteral("specs"), QJsonObject()},
                                                   {QStringLiteral("priceFen"), 1200},
                                                   {QStringLiteral("stock"), 10}}}}};
    const auto reply = m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), body, m_token);
    if (reply.status != 201)
        qWarning() << reply.status << reply.body;
    m_skus.insert(reply.json.value(QStringLiteral("id")).toString(), skuId);
    return reply.json.value(QStringLiteral("id")).toString();
}

QString tst_Reviews::addCustomer(const QString& shopId, const QString& nickname, QString* token)
{
    const QString id = xd::Id::create();
    const qint64 now = nowMs();
    *token = QString::number(QRandomGenerator::system()->generate64(), 36) + xd::Id::create();
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(token->toUtf8(), QCryptographicHash::Sha256).toHex());
    if (!exec(QStringLiteral("INSERT INTO customers (id, shop_id, openid, nickname, avatar, version, created_at_ms, "
                             "updated_at_ms) VALUES (?, ?, ?, ?, ?, 1, ?, ?)"),
              {id,
               shopId,
               QStringLiteral("openid-") + id,
               nickname,
               QStringLiteral("https://img.example/a.png"),
               now,
               now}) ||
        !exec(QStringLiteral("INSERT INTO customer_sessions (token_sha256, customer_id, shop_id, created_at_ms, "
                             "expires_at_ms, last_seen_at_ms) VALUES (?, ?, ?, ?, ?, ?)"),
              {hash, id, shopId, now, now + DayMs, now}))
        return {};
    return id;
}

QString tst_Reviews::addOrder(const QString& shopId,
                              const QString& customerId,
                              const QStringList& productIds,
                              QStringList* itemIds,
                              const QString& state,
                              qint64 completedAtMs)
{
    const QString id = xd::Id::create();
    const qint64 now = nowMs();
    if (completedAtMs == 0 && state == QLatin1String("completed"))
        completedAtMs = now - 1000;
    const qint64 goods = 1200 * productIds.size();
    if (!exec(QStringLiteral("INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, "
                             "fulfilment, payment_method, goods_fen, payable_fen, paid_fen, placed_at_ms, "
                             "completed_at_ms, version, updated_at_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?, 'delivery', 'wechat_pay', ?, ?, ?, ?, ?, 1, ?)"),
              {id, shopId, id, customerId, id, state, goods, goods, goods, now - 5 * DayMs, completedAtMs, now}))
        return {};
    itemIds->clear();
    for (int i = 0; i < productIds.size(); ++i) {
        const QString itemId = xd::Id::create();
        if (!exec(QStringLiteral("INSERT INTO order_items (id, order_id, shop_id, position, product_id, sku_id, "
                                 "product_name, sku_label, unit_price_fen, quantity, line_total_fen) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1200, 1, 1200)"),
                  {itemId,
                   id,
                   shopId,
                   i,
                   productIds.at(i),
                   xd::Id::create(),
                   QStringLiteral("商品%1").arg(i),
                   QStringLiteral("大杯")}))
            return {};
        *itemIds << itemId;
    }
    return id;
}

QString tst_Reviews::upload(const QString& shopId, const QString& token, int seed)
{
    const auto reply = m_server->request("POST",
                                         QStringLiteral("/api/v1/shops/%1/me/images").arg(shopId),
                                         png(seed),
                                         token,
                                         {{"Content-Type", "image/png"}});
    if (reply.status != 201)
        qWarning() << reply.status << reply.body;
    return reply.json.value(QStringLiteral("id")).toString();
}

ServerProcess::Reply
tst_Reviews::post(const QString& shopId, const QString& orderId, const QJsonObject& body, const QString& token)
{
    return m_server->requestJson(
        "POST", QStringLiteral("/api/v1/shops/%1/orders/%2/reviews").arg(shopId, orderId), body, token);
}

QJsonObject tst_Reviews::publicPage(const QString& productId, const QList<std::pair<QString, QString>>& params)
{
    const auto reply = m_server->request(
        "GET", withQuery(QStringLiteral("/api/v1/shops/%1/products/%2/reviews").arg(m_shopId, productId), params));
    if (reply.status != 200)
        qWarning() << reply.status << reply.body;
    return reply.json;
}

QJsonObject tst_Reviews::rating(const QString& productId)
{
    const auto reply =
        m_server->request("GET", QStringLiteral("/api/v1/shops/%1/products/%2").arg(m_shopId, productId));
    if (reply.status != 200)
        qWarning() << reply.status << reply.body;
    return reply.json.value(QStringLiteral("rating")).toObject();
}

QString tst_Reviews::reviewed(const QString& productId, int rating, const QString& text)
{
    QString token;
    const QString customer = addCustomer(m_shopId, QStringLiteral("顾客"), &token);
    QStringList items;
    const QString order = addOrder(m_shopId, customer, {productId}, &items);
    const auto reply = post(m_shopId, order, reviews({review(items.first(), rating, text)}), token);
    if (reply.status != 201)
        qWarning() << reply.status << reply.body;
    return reply.json.value(QStringLiteral("items"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("id"))
        .toString();
}

void tst_Reviews::post_completedOrder_storesReviews_ratesProducts_andShowsThemPublicly()
{
    const QString tea = product(QStringLiteral("红茶"));
    const QString cake = product(QStringLiteral("蛋糕"));
    QVERIFY(!tea.isEmpty() && !cake.isEmpty());
    QCOMPARE(rating(tea),
             (QJsonObject{{QStringLiteral("count"), 0},
                          {QStringLiteral("sum"), 0},
                          {QStringLiteral("averageTenths"), 0},
                          {QStringLiteral("stars"), QJsonArray{0, 0, 0, 0, 0}}}));
    QStringList items;
    const QString order = addOrder(m_shopId, m_customer, {tea, cake}, &items);
    QVERIFY(!order.isEmpty());
    const QString photo1 = upload(m_shopId, m_customerToken, ++m_seed);
    const QString photo2 = upload(m_shopId, m_customerToken, ++m_seed);
    QVERIFY(!photo1.isEmpty() && !photo2.isEmpty());

    const qint64 before = changeCounter();
    const auto reply =
        post(m_shopId,
             order,
             reviews({review(items.at(0), 5, QStringLiteral("  好喝\r\n<b>不甜</b>  "), {photo2, photo1}),
                      review(items.at(1), 4)}),
             m_customerToken);
    QCOMPARE(reply.status, 201);
    const QJsonArray answered = reply.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(answered.size(), 2);
    QCOMPARE(changeCounter(), before + 1); // one version for the whole post
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE operation = 'review.post' AND version = ?"),
                    {before + 1})
                 .toInt(),
             1);

    // The public list: plain text kept as typed (trimmed, line break normalised, markup not interpreted), photos in
    // order with their URLs, the customer's snapshot, no order or customer id.
    const QJsonObject page = publicPage(tea);
    const QJsonArray list = page.value(QStringLiteral("items")).toArray();
    QCOMPARE(list.size(), 1);
    const QJsonObject shown = list.first().toObject();
    QCOMPARE(shown.value(QStringLiteral("rating")).toInt(), 5);
    QCOMPARE(shown.value(QStringLiteral("text")).toString(), QStringLiteral("好喝\n<b>不甜</b>"));
    QCOMPARE(shown.value(QStringLiteral("skuLabel")).toString(), QStringLiteral("大杯"));
    const QJsonArray images = shown.value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), 2);
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("id")).toString(), photo2);
    QCOMPARE(images.at(1).toObject().value(QStringLiteral("thumbnailUrl")).toString(),
             QStringLiteral("/api/v1/shops/%1/images/%2?size=thumb").arg(m_shopId, photo1));
    QCOMPARE(shown.value(QStringLiteral("customer")).toObject().value(QStringLiteral("nickname")).toString(),
             QStringLiteral("小王"));
    QVERIFY(shown.value(QStringLiteral("reply")).isNull());
    QVERIFY(!shown.contains(QStringLiteral("orderId")) && !shown.contains(QStringLiteral("customerId")));
    QCOMPARE(m_server->request("GET", images.at(0).toObject().value(QStringLiteral("url")).toString()).status, 200);

    // Ratings: one row per product, in integers.
    const QJsonObject teaRating = rating(tea);
    QCOMPARE(teaRating.value(QStringLiteral("count")).toInt(), 1);
    QCOMPARE(teaRating.value(QStringLiteral("averageTenths")).toInt(), 50);
    QCOMPARE(teaRating.value(QStringLiteral("stars")).toArray(), (QJsonArray{0, 0, 0, 0, 1}));
    QCOMPARE(page.value(QStringLiteral("rating")).toObject(), teaRating);
    QCOMPARE(rating(cake).value(QStringLiteral("sum")).toInt(), 4);
    // 5 + 4 + 4 = 13 over 3: 4.333 stars is 43 tenths; 5 + 4 + 4 + 5 = 18 over 4: 4.5 is 45.
    reviewed(cake, 4);
    reviewed(tea, 4);
    reviewed(tea, 4);
    QCOMPARE(rating(tea).value(QStringLiteral("averageTenths")).toInt(), 43);
    reviewed(tea, 5);
    QCOMPARE(rating(tea).value(QStringLiteral("averageTenths")).toInt(), 45);
    QCOMPARE(rating(tea).value(QStringLiteral("stars")).toArray(), (QJsonArray{0, 0, 0, 2, 2}));
}

void tst_Reviews::post_invalid_isRejected_andChangesNothing_data()
{
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"rating0",
                             "rating6",
                             "ratingFraction",
                             "ratingText",
                             "textTooLong",
                             "controlCharacter",
                             "tenPhotos",
                             "samePhotoTwice",
                             "anotherCustomersPhoto",
                             "unknownImage",
                             "unknownField",
                             "noItems",
                             "sameLineTwice",
                             "lineLeftOutOnATwoLineOrder",
                             "lineOfAnotherOrder",
                             "notJson"})
        QTest::newRow(kind) << QString::fromLatin1(kind);
}

void tst_Reviews::post_invalid_isRejected_andChangesNothing()
{
    QFETCH(QString, kind);
    const QString tea = product(QStringLiteral("绿茶"));
    QStringList items;
    const QString order = addOrder(m_shopId, m_customer, {tea, tea}, &items);
    QStringList otherItems;
    addOrder(m_shopId, m_customer, {tea}, &otherItems);
    const QString mine = upload(m_shopId, m_customerToken, ++m_seed);
    QString otherToken;
    addCustomer(m_shopId, QStringLiteral("别人"), &otherToken);
    const QString theirs = upload(m_shopId, otherToken, ++m_seed);
    QVERIFY(!mine.isEmpty() && !theirs.isEmpty());

    QJsonObject good = review(items.at(0), 5, QStringLiteral("好"), {mine});
    QJsonObject bad = good;
    QJsonObject body;
    if (kind == QLatin1String("rating0"))
        bad.insert(QStringLiteral("rating"), 0);
    else if (kind == QLatin1String("rating6"))
        bad.insert(QStringLiteral("rating"), 6);
    else if (kind == QLatin1String("ratingFraction"))
        bad.insert(QStringLiteral("rating"), 4.5);
    else if (kind == QLatin1String("ratingText"))
        bad.insert(QStringLiteral("rating"), QStringLiteral("5"));
    else if (kind == QLatin1String("textTooLong"))
        bad.insert(QStringLiteral("text"), QString(501, QChar(0x597D)));
    else if (kind == QLatin1String("controlCharacter"))
        bad.insert(QStringLiteral("text"), QStringLiteral("好\x01"));
    else if (kind == QLatin1String("tenPhotos")) {
        QStringList ten;
        for (int i = 0; i < 10; ++i)
            ten << upload(m_shopId, m_customerToken, ++m_seed);
        bad.insert(QStringLiteral("images"), QJsonArray::fromStringList(ten));
    } else if (kind == QLatin1String("samePhotoTwice"))
        bad.insert(QStringLiteral("images"), QJsonArray{mine, mine});
    else if (kind == QLatin1String("anotherCustomersPhoto"))
        bad.insert(QStringLiteral("images"), QJsonArray{mine, theirs});
    else if (kind == QLatin1String("unknownImage"))
        bad.insert(QStringLiteral("images"), QJsonArray{xd::Id::create()});
    else if (kind == QLatin1String("unknownField"))
        bad.insert(QStringLiteral("stars"), 5);
    else if (kind == QLatin1String("sameLineTwice"))
        body = reviews({good, review(items.at(0), 3)});
    else if (kind == QLatin1String("lineLeftOutOnATwoLineOrder"))
        body = reviews({review({}, 5)});
    else if (kind == QLatin1String("lineOfAnotherOrder"))
        body = reviews({good, review(otherItems.at(0), 3)});
    if (kind == QLatin1String("noItems"))
        body = QJsonObject{{QStringLiteral("items"), QJsonArray()}};
    else if (body.isEmpty())
        body = reviews({review(items.at(1), 4), bad}); // the good one must not be stored either

    const qint64 before = changeCounter();
    const qint64 count = reviewCount();
    const auto reply =
        kind == QLatin1String("notJson")
            ? m_server->request("POST",
                                QStringLiteral("/api/v1/shops/%1/orders/%2/reviews").arg(m_shopId, order),
                                "{\"items\": [",
                                m_customerToken)
            : post(m_shopId, order, body, m_customerToken);
    QCOMPARE(reply.status, 400);
    QCOMPARE(errorCode(reply), QStringLiteral("invalid_argument"));
    QVERIFY(
        !reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(reviewCount(), count);
    QCOMPARE(changeCounter(), before);
    QCOMPARE(rating(tea).value(QStringLiteral("count")).toInt(), 0);
}

void tst_Reviews::post_orderNotReviewable_isRefusedWithCode_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("shipped") << QStringLiteral("shipped") << 409 << QStringLiteral("conflict");
    QTest::newRow("refund requested") << QStringLiteral("refund_requested") << 409 << QStringLiteral("conflict");
    QTest::newRow("review window over") << QStringLiteral("late") << 409 << QStringLiteral("conflict");
    QTest::newRow("another customer's order") << QStringLiteral("theirs") << 404 << QStringLiteral("not_found");
    QTest::newRow("another shop's order") << QStringLiteral("otherShop") << 404 << QStringLiteral("not_found");
    QTest::newRow("unknown order") << QStringLiteral("unknown") << 404 << QStringLiteral("not_found");
    QTest::newRow("malformed order id") << QStringLiteral("malformed") << 400 << QStringLiteral("invalid_argument");
}

void tst_Reviews::post_orderNotReviewable_isRefusedWithCode()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QString tea = product(QStringLiteral("乌龙"));
    QStringList items;
    QString order;
    if (kind == QLatin1String("shipped") || kind == QLatin1String("refund_requested")) {
        order = addOrder(m_shopId, m_customer, {tea}, &items, kind);
    } else if (kind == QLatin1String("late")) {
        // One minute past 30 days after completion (a day more than the window would be too easy).
        order =
            addOrder(m_shopId, m_customer, {tea}, &items, QStringLiteral("completed"), nowMs() - 30 * DayMs - 60'000);
    } else if (kind == QLatin1String("theirs")) {
        QString token;
        const QString other = addCustomer(m_shopId, QStringLiteral("别人"), &token);
        order = addOrder(m_shopId, other, {tea}, &items);
    } else if (kind == QLatin1String("otherShop")) {
        QString token;
        const QString other = addCustomer(m_shopB, QStringLiteral("对面的顾客"), &token);
        order = addOrder(m_shopB, other, {tea}, &items);
    } else if (kind == QLatin1String("unknown")) {
        order = xd::Id::create();
        items << xd::Id::create();
    } else {
        order = QStringLiteral("not-an-id");
        items << xd::Id::create();
    }
    const qint64 before = changeCounter();
    const qint64 count = reviewCount();
    const auto reply = post(m_shopId, order, reviews({review(items.first(), 5)}), m_customerToken);
    QCOMPARE(reply.status, status);
    QCOMPARE(errorCode(reply), code);
    QCOMPARE(reviewCount(), count);
    QCOMPARE(changeCounter(), before);
}

void tst_Reviews::post_twice_isConflict_andTheFirstStays()
{
    const QString tea = product(QStringLiteral("普洱"));
    QStringList items;
    const QString order = addOrder(m_shopId, m_customer, {tea, tea}, &items);
    QCOMPARE(post(m_shopId, order, reviews({review(items.at(0), 2)}), m_customerToken).status, 201);
    // Again, and with the line left out the first time: the order is reviewed once.
    for (const QJsonObject& again : {reviews({review(items.at(0), 5)}), reviews({review(items.at(1), 5)})}) {
        const auto reply = post(m_shopId, order, again, m_customerToken);
        QCOMPARE(reply.status, 409);
        QCOMPARE(errorCode(reply), QStringLiteral("conflict"));
    }
    const QJsonArray list = publicPage(tea).value(QStringLiteral("items")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(QStringLiteral("rating")).toInt(), 2);
    QCOMPARE(rating(tea).value(QStringLiteral("sum")).toInt(), 2);
}

void tst_Reviews::post_oneLineOrder_mayLeaveOutTheLine()
{
    const QString tea = product(QStringLiteral("花茶"));
    QStringList items;
    const QString order = addOrder(m_shopId, m_customer, {tea}, &items);
    const auto reply = post(m_shopId, order, reviews({review({}, 3)}), m_customerToken);
    QCOMPARE(reply.status, 201);
    QCOMPARE(
        reply.json.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("orderItemId")),
        QJsonValue(items.first()));
}

void tst_Reviews::post_twentyAtOnce_onTwoServers_oneWins_restConflict()
{
    const QString tea = product(QStringLiteral("抢评茶"));
    QStringList items;
    const QString order = addOrder(m_shopId, m_customer, {tea, tea}, &items);
    // On PostgreSQL a second server on the same database takes half of the posts (the shop's row lock decides).
    std::unique_ptr<ServerProcess> second;
    QStringList bases{m_server->baseUrl()};
    if (isPostgres()) {
        second = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("second")));
        QVERIFY2(second->start({QStringLiteral("--database"), m_postgresUrl.toString()}, 0, ServerProcess::Demo::None),
                 qPrintable(second->errorText()));
        bases << second->baseUrl();
    }
    constexpr int Posts = 20;
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    QHash<int, int> statuses;
    int finished = 0;
    for (int i = 0; i < Posts; ++i) {
        // Each post names another subset of the lines: whichever wins, the order is reviewed once.
        const QJsonObject body = i % 2 == 0 ? reviews({review(items.at(0), 1 + i % 5)})
                                            : reviews({review(items.at(0), 2), review(items.at(1), 3)});
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest request(QUrl(bases.at(i % bases.size()) +
                                     QStringLiteral("/api/v1/shops/%1/orders/%2/reviews").arg(m_shopId, order)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_customerToken.toUtf8());
        QNetworkReply* reply = managers.back()->post(request, QJsonDocument(body).toJson());
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            ++statuses[reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()];
            ++finished;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, Posts, 60'000);
    QCOMPARE(statuses.value(201), 1);
    QCOMPARE(statuses.value(409), Posts - 1);
    const qint64 stored =
        scalar(QStringLiteral("SELECT COUNT(*) FROM reviews WHERE order_id = ?"), {order}).toLongLong();
    QVERIFY(stored == 1 || stored == 2);
    QCOMPARE(rating(tea).value(QStringLiteral("count")).toInteger(), stored);
    if (second)
        second->stop();
}

void tst_Reviews::customerRoutes_withoutOrWithAnotherShopsToken_are401()
{
    const QString tea = product(QStringLiteral("白茶"));
    QStringList items;
    const QString order = addOrder(m_shopId, m_customer, {tea}, &items);
    QString tokenOfB;
    addCustomer(m_shopB, QStringLiteral("对面的"), &tokenOfB);
    for (const QString& token : {QString(), QStringLiteral("made-up"), tokenOfB, m_token /* staff, not a customer */}) {
        const auto reply = post(m_shopId, order, reviews({review(items.first(), 5)}), token);
        QCOMPARE(reply.status, 401);
        QCOMPARE(errorCode(reply), QStringLiteral("unauthenticated"));
        const auto uploaded = m_server->request("POST",
                                                QStringLiteral("/api/v1/shops/%1/me/images").arg(m_shopId),
                                                png(++m_seed),
                                                token,
                                                {{"Content-Type", "image/png"}});
        QCOMPARE(uploaded.status, 401);
    }
    QCOMPARE(publicPage(tea).value(QStringLiteral("items")).toArray().size(), 0);
}

void tst_Reviews::upload_checksTheImage_andLimitsPerDay()
{
    QString token;
    const QString customer = addCustomer(m_shopId, QStringLiteral("爱拍照"), &token);
    // Not a picture, and a header that lies: refused by the catalog's checks, nothing stored.
    const qint64 images = scalar(QStringLiteral("SELECT COUNT(*) FROM images")).toLongLong();
    for (const QByteArray& body : {QByteArray("not an image"), png(1).left(60)}) {
        const auto reply = m_server->request("POST",
                                             QStringLiteral("/api/v1/shops/%1/me/images").arg(m_shopId),
                                             body,
                                             token,
                                             {{"Content-Type", "image/png"}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(errorCode(reply), QStringLiteral("invalid_argument"));
    }
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM images")).toLongLong(), images);

    // The same bytes twice are one image and count once.
    const QString first = upload(m_shopId, token, 9000);
    QCOMPARE(upload(m_shopId, token, 9000), first);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM customer_images WHERE customer_id = ?"), {customer}).toInt(),
             1);
    // 60 new photos in 24 hours; the 61st waits. Uploads older than a day no longer count.
    for (int i = 1; i < 60; ++i)
        QVERIFY(!upload(m_shopId, token, 9000 + i).isEmpty());
    auto refused = m_server->request("POST",
                                     QStringLiteral("/api/v1/shops/%1/me/images").arg(m_shopId),
                                     png(9100),
                                     token,
                                     {{"Content-Type", "image/png"}});
    QCOMPARE(refused.status, 429);
    QCOMPARE(errorCode(refused), QStringLiteral("rate_limited"));
    QVERIFY(exec(QStringLiteral("UPDATE customer_images SET created_at_ms = ? WHERE customer_id = ? AND image_id = ?"),
                 {nowMs() - DayMs - 1000, customer, first}));
    QVERIFY(!upload(m_shopId, token, 9100).isEmpty());
}

void tst_Reviews::hide_removesFromPublicListAndRating_showRestores_ownerOnly()
{
    const QString tea = product(QStringLiteral("抹茶"));
    const QString good = reviewed(tea, 5);
    const QString abusive = reviewed(tea, 1, QStringLiteral("骂人的话"));
    QVERIFY(!good.isEmpty() && !abusive.isEmpty());
    QCOMPARE(rating(tea).value(QStringLiteral("averageTenths")).toInt(), 30);

    // A clerk may reply but not hide.
    const auto added = m_server->requestJson("POST",
                                             QStringLiteral("/admin/v1/staff"),
                                             QJsonObject{{QStringLiteral("login"), QStringLiteral("reviewclerk")},
                                                         {QStringLiteral("displayName"), QStringLiteral("店员")},
                                                         {QStringLiteral("role"), QStringLiteral("clerk")},
                                                         {QStringLiteral("password"), QStringLiteral("clerkpass123")}},
                                             m_token);
    QCOMPARE(added.status, 201);
    const QString clerk =
        m_server->login(m_server->demoShopName(), QStringLiteral("reviewclerk"), QStringLiteral("clerkpass123"));
    const QString hidePath = QStringLiteral("/admin/v1/shops/%1/reviews/%2/hidden").arg(m_shopId, abusive);
    const QJsonObject hide{{QStringLiteral("hidden"), true}};
    const auto denied = m_server->requestJson("POST", hidePath, hide, clerk);
    QCOMPARE(denied.status, 403);
    QCOMPARE(errorCode(denied), QStringLiteral("permission_denied"));

    const qint64 before = changeCounter();
    const auto hidden = m_server->requestJson("POST", hidePath, hide, m_token);
    QCOMPARE(hidden.status, 200);
    QCOMPARE(hidden.json.value(QStringLiteral("review")).toObject().value(QStringLiteral("hidden")).toBool(), true);
    QCOMPARE(changeCounter(), before + 1);
    QCOMPARE(idsOf(publicPage(tea).value(QStringLiteral("items")).toArray()), QStringList{good});
    QCOMPARE(rating(tea),
             (QJsonObject{{QStringLiteral("count"), 1},
                          {QStringLiteral("sum"), 5},
                          {QStringLiteral("averageTenths"), 50},
                          {QStringLiteral("stars"), QJsonArray{0, 0, 0, 0, 1}}}));
    // Hiding again changes nothing (no version).
    QCOMPARE(m_server->requestJson("POST", hidePath, hide, m_token).status, 200);
    QCOMPARE(changeCounter(), before + 1);
    QCOMPARE(rating(tea).value(QStringLiteral("count")).toInt(), 1);
    // The merchant still sees it, marked.
    const auto merchant = m_server->request("GET",
                                            withQuery(QStringLiteral("/admin/v1/shops/%1/reviews").arg(m_shopId),
                                                      {{QStringLiteral("hidden"), QStringLiteral("true")}}),
                                            {},
                                            m_token);
    QCOMPARE(merchant.status, 200);
    QVERIFY(idsOf(merchant.json.value(QStringLiteral("items")).toArray()).contains(abusive));
    QVERIFY(!idsOf(merchant.json.value(QStringLiteral("items")).toArray()).contains(good));

    // Shown again: back in the list and the rating.
    QCOMPARE(m_server->requestJson("POST", hidePath, QJsonObject{{QStringLiteral("hidden"), false}}, m_token).status,
             200);
    QCOMPARE(publicPage(tea).value(QStringLiteral("items")).toArray().size(), 2);
    QCOMPARE(rating(tea).value(QStringLiteral("averageTenths")).toInt(), 30);
    // Bad arguments change nothing.
    const auto malformed = m_server->requestJson(
        "POST", hidePath, QJsonObject{{QStringLiteral("hidden"), QStringLiteral("yes")}}, m_token);
    QCOMPARE(malformed.status, 400);
    QCOMPARE(errorCode(malformed), QStringLiteral("invalid_argument"));
}

void tst_Reviews::reply_showsPublicly_andMerchantFiltersFindIt()
{
    const QString tea = product(QStringLiteral("奶茶"));
    const QString answered = reviewed(tea, 2, QStringLiteral("太甜"));
    const QString open = reviewed(tea, 4);
    const QString replyPath = QStringLiteral("/admin/v1/shops/%1/reviews/%2/reply").arg(m_shopId, answered);
    for (const QJsonValue& bad :
         {QJsonValue(QStringLiteral("   ")), QJsonValue(QString(501, QLatin1Char('x'))), QJsonValue(5), QJsonValue()}) {
        const auto reply =
            m_server->requestJson("POST", replyPath, QJsonObject{{QStringLiteral("reply"), bad}}, m_token);
        QCOMPARE(reply.status, 400);
        QCOMPARE(errorCode(reply), QStringLiteral("invalid_argument"));
    }
    const auto replied = m_server->requestJson(
        "POST", replyPath, QJsonObject{{QStringLiteral("reply"), QStringLiteral(" 下次少放糖 ")}}, m_token);
    QCOMPARE(replied.status, 200);
    QVERIFY(replied.json.value(QStringLiteral("version")).toInteger() > 0);

    QJsonObject shown;
    for (const QJsonValue& item : publicPage(tea).value(QStringLiteral("items")).toArray()) {
        if (item[QStringLiteral("id")].toString() == answered)
            shown = item.toObject();
    }
    const QJsonObject reply = shown.value(QStringLiteral("reply")).toObject();
    QCOMPARE(reply.value(QStringLiteral("text")).toString(), QStringLiteral("下次少放糖"));
    QVERIFY(reply.value(QStringLiteral("atMs")).toInteger() > 0);

    const auto merchantIds = [this, tea](const QList<std::pair<QString, QString>>& filters) {
        auto params = filters;
        params.append({QStringLiteral("productId"), tea});
        const auto page = m_server->request(
            "GET", withQuery(QStringLiteral("/admin/v1/shops/%1/reviews").arg(m_shopId), params), {}, m_token);
        if (page.status != 200)
            qWarning() << page.status << page.body;
        return idsOf(page.json.value(QStringLiteral("items")).toArray());
    };
    QCOMPARE(merchantIds({}), (QStringList{open, answered}));
    QCOMPARE(merchantIds({{QStringLiteral("replied"), QStringLiteral("true")}}), QStringList{answered});
    QCOMPARE(merchantIds({{QStringLiteral("replied"), QStringLiteral("false")}}), QStringList{open});
    QCOMPARE(merchantIds({{QStringLiteral("rating"), QStringLiteral("2")}}), QStringList{answered});
    QCOMPARE(merchantIds({{QStringLiteral("rating"), QStringLiteral("5")}}), QStringList());
    QCOMPARE(merchantIds({{QStringLiteral("hidden"), QStringLiteral("false")},
                          {QStringLiteral("rating"), QStringLiteral("4")}}),
             QStringList{open});
}

void tst_Reviews::publicList_pagesWithoutGapsOrDuplicates()
{
    const QString tea = product(QStringLiteral("柠檬茶"));
    QStringList written;
    for (int i = 0; i < 7; ++i)
        written.prepend(reviewed(tea, 1 + i % 5)); // newest first
    QStringList seen;
    QString cursor;
    int pages = 0;
    for (; pages < 10; ++pages) {
        QList<std::pair<QString, QString>> params{{QStringLiteral("limit"), QStringLiteral("3")}};
        if (!cursor.isEmpty())
            params.append({QStringLiteral("cursor"), cursor});
        const QJsonObject page = publicPage(tea, params);
        seen << idsOf(page.value(QStringLiteral("items")).toArray());
        cursor = page.value(QStringLiteral("nextCursor")).toString();
        if (cursor.isEmpty())
            break;
        if (pages == 0)
            reviewed(tea, 5); // a new review meanwhile sorts before the cursor: not shown, nothing repeated
    }
    QCOMPARE(pages, 2);
    QCOMPARE(seen, written);
}

void tst_Reviews::lists_invalidParameters_are400_data()
{
    QTest::addColumn<bool>("merchant");
    QTest::addColumn<QString>("query");
    QTest::newRow("limit 0") << false << QStringLiteral("limit=0");
    QTest::newRow("limit 51") << false << QStringLiteral("limit=51");
    QTest::newRow("garbage cursor") << false << QStringLiteral("cursor=abc");
    QTest::newRow("merchant filter on the public list") << false << QStringLiteral("rating=5");
    QTest::newRow("rating 6") << true << QStringLiteral("rating=6");
    QTest::newRow("hidden maybe") << true << QStringLiteral("hidden=maybe");
    QTest::newRow("replied 1") << true << QStringLiteral("replied=1");
    QTest::newRow("malformed productId") << true << QStringLiteral("productId=x");
    QTest::newRow("unknown parameter") << true << QStringLiteral("sort=best");
}

void tst_Reviews::lists_invalidParameters_are400()
{
    QFETCH(bool, merchant);
    QFETCH(QString, query);
    const QString tea = product(QStringLiteral("参数茶"));
    const QString path = merchant ? QStringLiteral("/admin/v1/shops/%1/reviews?%2").arg(m_shopId, query)
                                  : QStringLiteral("/api/v1/shops/%1/products/%2/reviews?%3").arg(m_shopId, tea, query);
    const auto reply = m_server->request("GET", path, {}, merchant ? m_token : QString());
    QCOMPARE(reply.status, 400);
    QCOMPARE(errorCode(reply), QStringLiteral("invalid_argument"));
}

void tst_Reviews::merchant_anotherShopsReviews_are404()
{
    const QString tea = product(QStringLiteral("隔壁茶"));
    const QString id = reviewed(tea, 3);
    // Shop B's owner, on shop A's path and on their own path with shop A's review id.
    const auto list =
        m_server->request("GET", QStringLiteral("/admin/v1/shops/%1/reviews").arg(m_shopId), {}, m_tokenB);
    QCOMPARE(list.status, 404);
    for (const QString& shop : {m_shopId, m_shopB}) {
        const auto reply = m_server->requestJson("POST",
                                                 QStringLiteral("/admin/v1/shops/%1/reviews/%2/reply").arg(shop, id),
                                                 QJsonObject{{QStringLiteral("reply"), QStringLiteral("抢答")}},
                                                 m_tokenB);
        QCOMPARE(reply.status, 404);
        QCOMPARE(errorCode(reply), QStringLiteral("not_found"));
        const auto hide = m_server->requestJson("POST",
                                                QStringLiteral("/admin/v1/shops/%1/reviews/%2/hidden").arg(shop, id),
                                                QJsonObject{{QStringLiteral("hidden"), true}},
                                                m_tokenB);
        QCOMPARE(hide.status, 404);
    }
    // Shop A's product through shop B's public path.
    QCOMPARE(m_server->request("GET", QStringLiteral("/api/v1/shops/%1/products/%2/reviews").arg(m_shopB, tea)).status,
             404);
    QCOMPARE(publicPage(tea).value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("reply")),
             QJsonValue());
}

void tst_Reviews::sync_pullCarriesReviewRows()
{
    const QString tea = product(QStringLiteral("同步茶"));
    const QString id = reviewed(tea, 4, QStringLiteral("同步的评价"));
    QVERIFY(m_server
                ->requestJson("POST",
                              QStringLiteral("/admin/v1/shops/%1/reviews/%2/reply").arg(m_shopId, id),
                              QJsonObject{{QStringLiteral("reply"), QStringLiteral("谢谢")}},
                              m_token)
                .status == 200);
    TestSocket reader;
    QVERIFY(reader.open(m_server->webSocketUrl()));
    reader.authenticate(m_token, xd::Id::create());
    QHash<QString, QJsonObject> rows;
    QString cookie;
    for (int guard = 0; guard < 100; ++guard) {
        reader.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")},
                                    {QStringLiteral("id"), QStringLiteral("p")},
                                    {QStringLiteral("cookie"), cookie},
                                    {QStringLiteral("limit"), 50}});
        const QJsonObject page = reader.waitFor(QStringLiteral("pull.result"));
        QVERIFY(!page.isEmpty());
        for (const QJsonValue& row : page.value(QStringLiteral("rows")).toArray()) {
            if (row[QStringLiteral("entity")].toString() == QLatin1String("review"))
                rows.insert(row[QStringLiteral("id")].toString(), row.toObject());
        }
        cookie = page.value(QStringLiteral("cookie")).toString();
        if (!page.value(QStringLiteral("more")).toBool())
            break;
    }
    QCOMPARE(qint64(rows.size()), reviewCount());
    const QJsonObject data = rows.value(id).value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("productId")).toString(), tea);
    QCOMPARE(data.value(QStringLiteral("rating")).toInt(), 4);
    QCOMPARE(data.value(QStringLiteral("text")).toString(), QStringLiteral("同步的评价"));
    QCOMPARE(data.value(QStringLiteral("reply")).toString(), QStringLiteral("谢谢"));
    QCOMPARE(data.value(QStringLiteral("hidden")).toBool(), false);
    QVERIFY(!data.value(QStringLiteral("orderId")).toString().isEmpty());
    QVERIFY(!data.value(QStringLiteral("customerId")).toString().isEmpty());
    QCOMPARE(data.value(QStringLiteral("images")).toArray(), QJsonArray());
}

void tst_Reviews::endToEnd_loginPlaceDeliverCollect_thenReview()
{
    QVERIFY(CustomerLogin::configureShop(*m_server, m_shopId, m_token, m_wechat));
    const CustomerLogin::Customer alice =
        CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("openid-review-alice"));
    QVERIFY2(!alice.token.isEmpty(), alice.reply.body.constData());
    const QString api = QStringLiteral("/api/v1/shops/%1/").arg(m_shopId);
    const QString admin = QStringLiteral("/admin/v1/shops/%1/").arg(m_shopId);
    QCOMPARE(m_server
                 ->requestJson("PUT",
                               admin + QStringLiteral("order-settings"),
                               QJsonObject{{QStringLiteral("codEnabled"), true}},
                               m_token)
                 .status,
             200);
    const auto address = m_server->requestJson("POST",
                                               api + QStringLiteral("me/addresses"),
                                               QJsonObject{{QStringLiteral("recipient"), QStringLiteral("爱丽丝")},
                                                           {QStringLiteral("phone"), QStringLiteral("13800000001")},
                                                           {QStringLiteral("detail"), QStringLiteral("西湖路 1 号")}},
                                               alice.token);
    QCOMPARE(address.status, 201);
    const QString tea = product(QStringLiteral("端到端茶"));
    const auto placed = m_server->requestJson(
        "POST",
        api + QStringLiteral("orders"),
        QJsonObject{
            {QStringLiteral("clientRequestId"), xd::Id::create()},
            {QStringLiteral("items"),
             QJsonArray{QJsonObject{{QStringLiteral("skuId"), m_skus.value(tea)}, {QStringLiteral("quantity"), 2}}}},
            {QStringLiteral("fulfilment"), QStringLiteral("delivery")},
            {QStringLiteral("paymentMethod"), QStringLiteral("cash_on_delivery")},
            {QStringLiteral("addressId"), address.json.value(QStringLiteral("id")).toString()},
            {QStringLiteral("expectedPayableFen"), 2400}},
        alice.token);
    QVERIFY2(placed.status == 201, placed.body.constData());
    const QString order = placed.json.value(QStringLiteral("id")).toString();
    const QString line =
        placed.json.value(QStringLiteral("items")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!order.isEmpty() && !line.isEmpty());
    const QString photo = upload(m_shopId, alice.token, 8001);
    const QJsonObject body = reviews({review(line, 5, QStringLiteral("送得快"), {photo})});

    // Not yet: placed, accepted, shipped are all "not completed".
    const QList<std::pair<QString, QJsonObject>> steps{
        {QStringLiteral("accept"), QJsonObject()},
        {QStringLiteral("ship"), QJsonObject{{QStringLiteral("carrier"), QStringLiteral("顺丰")}}},
        {QStringLiteral("mark-collected"), QJsonObject()}};
    for (const auto& [action, args] : steps) {
        const auto early = post(m_shopId, order, body, alice.token);
        QCOMPARE(early.status, 409);
        QCOMPARE(errorCode(early), QStringLiteral("conflict"));
        const auto done =
            m_server->requestJson("POST", admin + QStringLiteral("orders/%1/%2").arg(order, action), args, m_token);
        QVERIFY2(done.status == 200, done.body.constData());
    }
    // Collected: the order is completed and the customer reviews it.
    const auto written = post(m_shopId, order, body, alice.token);
    QVERIFY2(written.status == 201, written.body.constData());
    const QJsonObject stored = written.json.value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(stored.value(QStringLiteral("customerId")).toString(), alice.id);
    QCOMPARE(stored.value(QStringLiteral("productName")).toString(), QStringLiteral("端到端茶"));
    const QJsonArray list = publicPage(tea).value(QStringLiteral("items")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(QStringLiteral("text")).toString(), QStringLiteral("送得快"));
    QCOMPARE(rating(tea).value(QStringLiteral("averageTenths")).toInt(), 50);
}

void tst_Reviews::imagesGc_keepsReviewPhotos_collectsUnusedUploads()
{
    const QString tea = product(QStringLiteral("回收茶"));
    QString token;
    const QString customer = addCustomer(m_shopId, QStringLiteral("留图"), &token);
    QStringList items;
    const QString order = addOrder(m_shopId, customer, {tea}, &items);
    const QString kept = upload(m_shopId, token, 7001);
    const QString unused = upload(m_shopId, token, 7002);
    QCOMPARE(post(m_shopId, order, reviews({review(items.first(), 5, {}, {kept})}), token).status, 201);
    // Hidden reviews keep their photos too (the merchant may show the review again).
    const QString reviewId = scalar(QStringLiteral("SELECT id FROM reviews WHERE order_id = ?"), {order}).toString();
    QCOMPARE(m_server
                 ->requestJson("POST",
                               QStringLiteral("/admin/v1/shops/%1/reviews/%2/hidden").arg(m_shopId, reviewId),
                               QJsonObject{{QStringLiteral("hidden"), true}},
                               m_token)
                 .status,
             200);
    int exitCode = -1;
    const QString output = m_server->runCommand(
        {QStringLiteral("images"), QStringLiteral("gc"), QStringLiteral("--grace-hours"), QStringLiteral("0")},
        {},
        &exitCode);
    QVERIFY2(exitCode == 0, qPrintable(output));
    const QString imagePath = QStringLiteral("/api/v1/shops/%1/images/%2");
    QCOMPARE(m_server->request("GET", imagePath.arg(m_shopId, kept)).status, 200);
    QCOMPARE(m_server->request("GET", imagePath.arg(m_shopId, unused)).status, 404);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM customer_images WHERE image_id = ?"), {unused}).toInt(), 0);
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_Reviews>(argc, argv);
}

#include "tst_reviews.moc"
