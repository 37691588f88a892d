// The customer's side of orders through the real routes of a real server process, on both engines: checkout preview,
// placing (idempotency, price changes, stock), my orders and customer actions, the cart, and 300 concurrent buyers
// of 50 pieces (on PostgreSQL through two servers sharing the database).
#include "CustomerLogin.h"
#include "FakeWechatServer.h"
#include "ServerFixture.h"
#include "xiaodian/Id.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QtTest>

#include <memory>

namespace {

QJsonObject line(const QString& skuId, qint64 quantity)
{
    return QJsonObject{{QStringLiteral("skuId"), skuId}, {QStringLiteral("quantity"), quantity}};
}

} // namespace

class tst_Orders : public QObject, public ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void preview_pricesLines_andReportsProblemsPerLine();
    void place_takesStock_numbersTheOrder_andIsIdempotent();
    void place_priceChanged_orOutOfStock_writesNothing();
    void place_badInput_isRefused();
    void orders_areTheCustomersOwn_andOtherShopsAreClosed();
    void actions_cancelReturnsStock_confirmReceipt_refundRequest();
    void cart_isKeptWhole_andValidated();
    void cancelPaid_queuesTheFullRefund_inTheSameTransaction();
    void twins_sameClientRequestIdAtOnce_makeOneOrder();
    void concurrentBuyers_takeExactlyTheStock();

private:
    QString addProduct(qint64 priceFen, qint64 stock, bool onShelf = true);
    QString skuOf(const QString& productId) const { return m_skus.value(productId); }
    qint64 stockOf(const QString& skuId) const
    {
        return scalar(QStringLiteral("SELECT stock FROM product_skus WHERE id = ?"), {skuId}).toLongLong();
    }
    qint64 orderCount() const { return scalar(QStringLiteral("SELECT COUNT(*) FROM orders")).toLongLong(); }
    void execSql(const QString& sql, const QVariantList& values = {});
    QJsonObject placeBody(const QString& skuId, qint64 quantity, qint64 expectedFen, const QString& requestId = {});
    ServerProcess::Reply post(const QString& path, const QJsonObject& body, const QString& token) const
    {
        return m_server->requestJson("POST", QStringLiteral("/api/v1/shops/%1/%2").arg(m_shopId, path), body, token);
    }
    ServerProcess::Reply get(const QString& path, const QString& token) const
    {
        return m_server->request("GET", QStringLiteral("/api/v1/shops/%1/%2").arg(m_shopId, path), {}, token);
    }

    FakeWechatServer m_wechat;
    CustomerLogin::Customer m_alice;
    CustomerLogin::Customer m_bob;
    QString m_aliceAddress;
    QHash<QString, QString> m_skus; // product id -> its one SKU
};

void tst_Orders::initTestCase()
{
    QVERIFY(m_wechat.start());
    QString error;
    QVERIFY2(startServer(QStringLiteral("xd_orders"),
                         {QStringLiteral("--wechat-api-base"),
                          m_wechat.baseUrl(),
                          QStringLiteral("--order-timer-interval-ms"),
                          QStringLiteral("100")},
                         &error),
             qPrintable(error));
    QVERIFY(CustomerLogin::configureShop(*m_server, m_shopId, m_token, m_wechat));
    m_alice = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("openid-alice"));
    m_bob = CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("openid-bob"));
    QVERIFY(!m_alice.token.isEmpty() && !m_bob.token.isEmpty());
    const auto address = post(QStringLiteral("me/addresses"),
                              QJsonObject{{QStringLiteral("recipient"), QStringLiteral("爱丽丝")},
                                          {QStringLiteral("phone"), QStringLiteral("13800000001")},
                                          {QStringLiteral("city"), QStringLiteral("杭州")},
                                          {QStringLiteral("detail"), QStringLiteral("西湖路 1 号")}},
                              m_alice.token);
    QCOMPARE(address.status, 201);
    m_aliceAddress = address.json.value(QStringLiteral("id")).toString();
    QVERIFY(!m_aliceAddress.isEmpty());
    // Delivery 8 yuan, free from 100 yuan; pickup and cash on delivery offered; one required checkout question.
    execSql(QStringLiteral("INSERT INTO order_settings (shop_id, pickup_enabled, cod_enabled, delivery_fee_fen, "
                           "free_delivery_threshold_fen, pickup_address, custom_fields, version, updated_at_ms) "
                           "VALUES (?, 1, 1, 800, 10000, '店里', "
                           "'[{\"id\":\"slot\",\"label\":\"时段\",\"type\":\"single_choice\",\"required\":true,"
                           "\"options\":[\"上午\",\"下午\"],\"position\":0}]', 1, 1)"),
            {m_shopId});
}

void tst_Orders::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

void tst_Orders::execSql(const QString& sql, const QVariantList& values)
{
    {
        QSqlDatabase db = openServerDatabase(QStringLiteral("exec"));
        QSqlQuery query(db);
        query.prepare(sql);
        for (const QVariant& value : values)
            query.addBindValue(value);
        if (!query.exec())
            qWarning() << "exec failed:" << sql << query.lastError().text();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("exec"));
}

QString tst_Orders::addProduct(qint64 priceFen, qint64 stock, bool onShelf)
{
    const QString productId = xd::Id::create();
    const QString skuId = xd::Id::create();
    const QJsonObject body{
        {QStringLiteral("id"), productId},
        {QStringLiteral("name"), QStringLiteral("商品 %1").arg(priceFen)},
        {QStringLiteral("onShelf"), onShelf},
        {QStringLiteral("skus"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), skuId},
                                {QStringLiteral("specs"), QJsonObject{{QStringLiteral("规格"), QStringLiteral("大")}}},
                                {QStringLiteral("priceFen"), priceFen},
                                {QStringLiteral("stock"), stock}}}}};
    const auto reply = m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), body, m_token);
    if (reply.status != 200 && reply.status != 201) {
        qWarning() << "product.save:" << reply.status << reply.body;
        return {};
    }
    m_skus.insert(productId, skuId);
    return productId;
}

QJsonObject tst_Orders::placeBody(const QString& skuId, qint64 quantity, qint64 expectedFen, const QString& requestId)
{
    return QJsonObject{{QStringLiteral("clientRequestId"), requestId.isEmpty() ? xd::Id::create() : requestId},
                       {QStringLiteral("items"), QJsonArray{line(skuId, quantity)}},
                       {QStringLiteral("fulfilment"), QStringLiteral("delivery")},
                       {QStringLiteral("paymentMethod"), QStringLiteral("wechat_pay")},
                       {QStringLiteral("addressId"), m_aliceAddress},
                       {QStringLiteral("customFields"), QJsonObject{{QStringLiteral("slot"), QStringLiteral("上午")}}},
                       {QStringLiteral("expectedPayableFen"), expectedFen}};
}

void tst_Orders::preview_pricesLines_andReportsProblemsPerLine()
{
    const QString cheap = skuOf(addProduct(1250, 10));
    const QString hidden = skuOf(addProduct(500, 10, false));
    const QString scarce = skuOf(addProduct(300, 1));
    const QString unknown = xd::Id::create();
    auto reply = post(QStringLiteral("checkout/preview"),
                      QJsonObject{{QStringLiteral("items"),
                                   QJsonArray{line(cheap, 3), line(hidden, 1), line(scarce, 2), line(unknown, 1)}},
                                  {QStringLiteral("fulfilment"), QStringLiteral("delivery")}},
                      m_alice.token);
    QCOMPARE(reply.status, 200);
    const QJsonArray lines = reply.json.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("lineTotalFen")).toInteger(), 3750);
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("skuLabel")).toString(), QStringLiteral("大"));
    QVERIFY(lines.at(0).toObject().value(QStringLiteral("problem")).isNull());
    QCOMPARE(lines.at(1).toObject().value(QStringLiteral("problem")).toString(), QStringLiteral("off_shelf"));
    QCOMPARE(lines.at(2).toObject().value(QStringLiteral("problem")).toString(), QStringLiteral("out_of_stock"));
    QCOMPARE(lines.at(3).toObject().value(QStringLiteral("problem")).toString(), QStringLiteral("unavailable"));
    QVERIFY(!lines.at(2).toObject().contains(QStringLiteral("stock"))); // stock is never shown as a number
    QCOMPARE(reply.json.value(QStringLiteral("goodsFen")).toInteger(), 3750);
    QCOMPARE(reply.json.value(QStringLiteral("deliveryFeeFen")).toInteger(), 800);
    QCOMPARE(reply.json.value(QStringLiteral("payableFen")).toInteger(), 4550);
    QCOMPARE(reply.json.value(QStringLiteral("canPlace")).toBool(), false);
    // Free delivery from exactly 100 yuan; pickup pays no fee.
    reply = post(QStringLiteral("checkout/preview"),
                 QJsonObject{{QStringLiteral("items"), QJsonArray{line(cheap, 8)}},
                             {QStringLiteral("fulfilment"), QStringLiteral("delivery")}},
                 m_alice.token);
    QCOMPARE(reply.json.value(QStringLiteral("deliveryFeeFen")).toInteger(), 0);
    QCOMPARE(reply.json.value(QStringLiteral("payableFen")).toInteger(), 10000);
    QCOMPARE(reply.json.value(QStringLiteral("canPlace")).toBool(), true);
    reply = post(QStringLiteral("checkout/preview"),
                 QJsonObject{{QStringLiteral("items"), QJsonArray{line(cheap, 1)}},
                             {QStringLiteral("fulfilment"), QStringLiteral("pickup")}},
                 m_alice.token);
    QCOMPARE(reply.json.value(QStringLiteral("payableFen")).toInteger(), 1250);
    // A mode the shop does not offer, a repeated SKU, no token.
    reply = post(QStringLiteral("checkout/preview"),
                 QJsonObject{{QStringLiteral("items"), QJsonArray{line(cheap, 1)}},
                             {QStringLiteral("fulfilment"), QStringLiteral("in_store")}},
                 m_alice.token);
    QCOMPARE(reply.status, 400);
    reply = post(QStringLiteral("checkout/preview"),
                 QJsonObject{{QStringLiteral("items"), QJsonArray{line(cheap, 1), line(cheap, 2)}},
                             {QStringLiteral("fulfilment"), QStringLiteral("delivery")}},
                 m_alice.token);
    QCOMPARE(reply.status, 400);
    reply = post(QStringLiteral("checkout/preview"),
                 QJsonObject{{QStringLiteral("items"), QJsonArray{line(cheap, 1)}},
                             {QStringLiteral("fulfilment"), QStringLiteral("delivery")}},
                 QString());
    QCOMPARE(reply.status, 401);
}

void tst_Orders::place_takesStock_numbersTheOrder_andIsIdempotent()
{
    const QString sku = skuOf(addProduct(2000, 10));
    const QString requestId = QStringLiteral("req-") + xd::Id::create();
    const qint64 before = orderCount();
    auto placed = post(QStringLiteral("orders"), placeBody(sku, 2, 4800, requestId), m_alice.token);
    QCOMPARE(placed.status, 201);
    const QString orderId = placed.json.value(QStringLiteral("id")).toString();
    QCOMPARE(placed.json.value(QStringLiteral("state")).toString(), QStringLiteral("pending_payment"));
    QCOMPARE(placed.json.value(QStringLiteral("payableFen")).toInteger(), 4800);
    QCOMPARE(placed.json.value(QStringLiteral("contactName")).toString(), QStringLiteral("爱丽丝"));
    QVERIFY(placed.json.value(QStringLiteral("address")).toString().contains(QStringLiteral("西湖路")));
    QVERIFY(!placed.json.contains(QStringLiteral("merchantRemark")));
    const QString number = placed.json.value(QStringLiteral("number")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{6}\\d{4}$")).match(number).hasMatch(), qPrintable(number));
    const QJsonArray fields = placed.json.value(QStringLiteral("customFields")).toArray();
    QCOMPARE(fields.size(), 1);
    QCOMPARE(fields.at(0).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("上午"));
    const QJsonArray events = placed.json.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).toObject().value(QStringLiteral("action")).toString(), QStringLiteral("place"));
    QCOMPARE(stockOf(sku), 8);
    QVERIFY(scalar(QStringLiteral("SELECT close_at_ms FROM orders WHERE id = ?"), {orderId}).toLongLong() > 0);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE operation = 'order.place' AND detail LIKE ?"),
                    {QStringLiteral("%") + number + QStringLiteral("%")})
                 .toLongLong(),
             1);
    // The same request again: the same order, 200, nothing taken twice.
    auto again = post(QStringLiteral("orders"), placeBody(sku, 2, 4800, requestId), m_alice.token);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("id")).toString(), orderId);
    QCOMPARE(stockOf(sku), 8);
    QCOMPARE(orderCount(), before + 1);
    // Bob may use the same key: it is per customer.
    auto bobs = post(QStringLiteral("orders"), placeBody(sku, 1, 2800, requestId), m_bob.token);
    QCOMPARE(bobs.status, 400); // Bob has no address of his own: Alice's is not his
    // The next order of the day takes the next number.
    auto next = post(QStringLiteral("orders"), placeBody(sku, 1, 2800), m_alice.token);
    QCOMPARE(next.status, 201);
    QCOMPARE(next.json.value(QStringLiteral("number")).toString().toLongLong(), number.toLongLong() + 1);
    // Pickup with cash on delivery: a 6-digit code, no close timer.
    QJsonObject pickup = placeBody(sku, 1, 2000);
    pickup.remove(QStringLiteral("addressId"));
    pickup.insert(QStringLiteral("fulfilment"), QStringLiteral("pickup"));
    pickup.insert(QStringLiteral("paymentMethod"), QStringLiteral("cash_on_delivery"));
    pickup.insert(QStringLiteral("contactName"), QStringLiteral("小爱"));
    pickup.insert(QStringLiteral("contactPhone"), QStringLiteral("13800000002"));
    auto cod = post(QStringLiteral("orders"), pickup, m_alice.token);
    QCOMPARE(cod.status, 201);
    QCOMPARE(cod.json.value(QStringLiteral("state")).toString(), QStringLiteral("cod_placed"));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{6}$"))
                .match(cod.json.value(QStringLiteral("pickupCode")).toString())
                .hasMatch());
    QCOMPARE(scalar(QStringLiteral("SELECT close_at_ms FROM orders WHERE id = ?"),
                    {cod.json.value(QStringLiteral("id")).toString()})
                 .toLongLong(),
             0);
    QCOMPARE(stockOf(sku), 6);
}

void tst_Orders::place_priceChanged_orOutOfStock_writesNothing()
{
    const QString sku = skuOf(addProduct(1000, 3));
    const qint64 before = orderCount();
    const qint64 counter =
        scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}).toLongLong();
    // The customer saw 10 yuan + 8 delivery; the merchant changed the price meanwhile.
    execSql(QStringLiteral("UPDATE product_skus SET price_fen = 1100 WHERE id = ?"), {sku});
    auto changed = post(QStringLiteral("orders"), placeBody(sku, 1, 1800), m_alice.token);
    QCOMPARE(changed.status, 409);
    QCOMPARE(changed.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("conflict"));
    QCOMPARE(changed.json.value(QStringLiteral("checkout")).toObject().value(QStringLiteral("payableFen")).toInteger(),
             1900);
    // Short of stock.
    auto short_ = post(QStringLiteral("orders"), placeBody(sku, 4, 5200), m_alice.token);
    QCOMPARE(short_.status, 409);
    QCOMPARE(short_.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("out_of_stock"));
    QVERIFY(short_.json.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(sku));
    // Off the shelf since the preview.
    execSql(QStringLiteral(
                "UPDATE products SET on_shelf = 0 WHERE id = (SELECT product_id FROM product_skus WHERE id = ?)"),
            {sku});
    auto hidden = post(QStringLiteral("orders"), placeBody(sku, 1, 1900), m_alice.token);
    QCOMPARE(hidden.status, 409);
    QCOMPARE(orderCount(), before);
    QCOMPARE(stockOf(sku), 3);
    QCOMPARE(scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}).toLongLong(), counter);
}

void tst_Orders::place_badInput_isRefused()
{
    const QString sku = skuOf(addProduct(1000, 100));
    const qint64 before = orderCount();
    const auto refused = [&](QJsonObject body, const char* why) {
        const auto reply = post(QStringLiteral("orders"), body, m_alice.token);
        if (reply.status != 400)
            qWarning() << why << reply.status << reply.body;
        return reply.status == 400;
    };
    QJsonObject body = placeBody(sku, 1, 1800);
    body.remove(QStringLiteral("customFields"));
    QVERIFY(refused(body, "required custom field missing"));
    body = placeBody(sku, 1, 1800);
    body.insert(QStringLiteral("customFields"), QJsonObject{{QStringLiteral("slot"), QStringLiteral("半夜")}});
    QVERIFY(refused(body, "not a choice"));
    body = placeBody(sku, 1, 1800);
    body.insert(QStringLiteral("paymentMethod"), QStringLiteral("balance"));
    QVERIFY(refused(body, "balance"));
    body = placeBody(sku, 1, 1800);
    body.insert(QStringLiteral("fulfilment"), QStringLiteral("in_store"));
    QVERIFY(refused(body, "in_store not offered"));
    body = placeBody(sku, 1, 1800);
    body.insert(QStringLiteral("clientRequestId"), QStringLiteral("x"));
    QVERIFY(refused(body, "short request id"));
    body = placeBody(sku, 1, 1800);
    body.insert(QStringLiteral("addressId"), xd::Id::create());
    QVERIFY(refused(body, "unknown address"));
    body = placeBody(sku, 0, 1800);
    QVERIFY(refused(body, "zero quantity"));
    body = placeBody(sku, 1, 1800);
    body.insert(QStringLiteral("surprise"), 1);
    QVERIFY(refused(body, "unknown field"));
    body = placeBody(sku, 1, 1800);
    body.insert(QStringLiteral("buyerNote"), QString(201, QLatin1Char('x')));
    QVERIFY(refused(body, "long note"));
    QCOMPARE(orderCount(), before);
    QCOMPARE(stockOf(sku), 100);
}

void tst_Orders::orders_areTheCustomersOwn_andOtherShopsAreClosed()
{
    const QString sku = skuOf(addProduct(500, 100));
    auto placed = post(QStringLiteral("orders"), placeBody(sku, 1, 1300), m_alice.token);
    QCOMPARE(placed.status, 201);
    const QString orderId = placed.json.value(QStringLiteral("id")).toString();
    QCOMPARE(get(QStringLiteral("orders/") + orderId, m_alice.token).status, 200);
    // Bob: not found, for reading and for acting; his list does not show it.
    QCOMPARE(get(QStringLiteral("orders/") + orderId, m_bob.token).status, 404);
    QCOMPARE(post(QStringLiteral("orders/%1/cancel").arg(orderId), QJsonObject(), m_bob.token).status, 404);
    const auto bobsList = get(QStringLiteral("orders"), m_bob.token);
    QCOMPARE(bobsList.status, 200);
    QVERIFY(!idsOf(bobsList.json.value(QStringLiteral("items")).toArray()).contains(orderId));
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {orderId}).toString(),
             QStringLiteral("pending_payment"));
    // Another shop's path with Alice's token: 401 (tokens belong to one shop).
    QString otherToken;
    const QString otherShop = m_server->createShop(QStringLiteral("别家店"), &otherToken);
    QVERIFY(!otherShop.isEmpty());
    QCOMPARE(
        m_server
            ->request("GET", QStringLiteral("/api/v1/shops/%1/orders/%2").arg(otherShop, orderId), {}, m_alice.token)
            .status,
        401);
    QCOMPARE(m_server
                 ->requestJson("POST",
                               QStringLiteral("/api/v1/shops/%1/orders").arg(otherShop),
                               placeBody(sku, 1, 1300),
                               m_alice.token)
                 .status,
             401);
    QCOMPARE(get(QStringLiteral("orders/") + xd::Id::create(), m_alice.token).status, 404);

    // Paging, newest first.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(QStringLiteral("orders"), placeBody(sku, 1, 1300), m_alice.token).status, 201);
    QStringList seen;
    QString cursor;
    do {
        const auto page =
            get(withQuery(QStringLiteral("orders"),
                          {{QStringLiteral("limit"), QStringLiteral("2")}, {QStringLiteral("cursor"), cursor}}),
                m_alice.token);
        QCOMPARE(page.status, 200);
        seen << idsOf(page.json.value(QStringLiteral("items")).toArray());
        cursor = page.json.value(QStringLiteral("nextCursor")).toString();
    } while (!cursor.isEmpty() && seen.size() < 1000);
    const qint64 total =
        scalar(QStringLiteral("SELECT COUNT(*) FROM orders WHERE customer_id = ?"), {m_alice.id}).toLongLong();
    QCOMPARE(seen.size(), total);
    QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), seen.size());
    QVERIFY(seen.contains(orderId));
    QCOMPARE(get(QStringLiteral("orders?cursor=nonsense"), m_alice.token).status, 400);
    QCOMPARE(get(QStringLiteral("orders?state=lost"), m_alice.token).status, 400);
    const auto pending = get(QStringLiteral("orders?state=pending_payment&limit=50"), m_alice.token);
    for (const QJsonValue& order : pending.json.value(QStringLiteral("items")).toArray())
        QCOMPARE(order.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("pending_payment"));
}

void tst_Orders::actions_cancelReturnsStock_confirmReceipt_refundRequest()
{
    const QString sku = skuOf(addProduct(700, 10));
    auto placed = post(QStringLiteral("orders"), placeBody(sku, 3, 2900), m_alice.token);
    QCOMPARE(placed.status, 201);
    const QString orderId = placed.json.value(QStringLiteral("id")).toString();
    QCOMPARE(stockOf(sku), 7);
    auto cancelled = post(QStringLiteral("orders/%1/cancel").arg(orderId),
                          QJsonObject{{QStringLiteral("reason"), QStringLiteral("拍错了")}},
                          m_alice.token);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.json.value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(stockOf(sku), 10);
    QCOMPARE(cancelled.json.value(QStringLiteral("events")).toArray().size(), 2);
    // Again: a rule of state forbids it.
    QCOMPARE(post(QStringLiteral("orders/%1/cancel").arg(orderId), QJsonObject(), m_alice.token).status, 409);
    // A shipped delivery: the customer confirms receipt, then asks for a refund within the after-sales window.
    auto second = post(QStringLiteral("orders"), placeBody(sku, 1, 1500), m_alice.token);
    const QString shipped = second.json.value(QStringLiteral("id")).toString();
    execSql(QStringLiteral("UPDATE orders SET state = 'shipped', paid_fen = payable_fen, close_at_ms = 0 WHERE id = ?"),
            {shipped});
    QCOMPARE(post(QStringLiteral("orders/%1/refund-request").arg(shipped), QJsonObject(), m_alice.token).status, 400);
    auto received = post(QStringLiteral("orders/%1/confirm-receipt").arg(shipped), QJsonObject(), m_alice.token);
    QCOMPARE(received.status, 200);
    QCOMPARE(received.json.value(QStringLiteral("state")).toString(), QStringLiteral("completed"));
    auto asked = post(QStringLiteral("orders/%1/refund-request").arg(shipped),
                      QJsonObject{{QStringLiteral("reason"), QStringLiteral("有破损")}},
                      m_alice.token);
    QCOMPARE(asked.status, 200);
    QCOMPARE(asked.json.value(QStringLiteral("state")).toString(), QStringLiteral("refund_requested"));
    QCOMPARE(asked.json.value(QStringLiteral("refundReason")).toString(), QStringLiteral("有破损"));
    auto withdrawn = post(QStringLiteral("orders/%1/refund-withdraw").arg(shipped), QJsonObject(), m_alice.token);
    QCOMPARE(withdrawn.status, 200);
    QCOMPARE(withdrawn.json.value(QStringLiteral("state")).toString(), QStringLiteral("completed"));
    // A merchant's remark event never shows in the customer's timeline.
    execSql(QStringLiteral("INSERT INTO order_events (id, order_id, shop_id, seq, action, from_state, to_state, "
                           "actor_kind, actor_id, note, amount_fen, at_ms) VALUES (?, ?, ?, 99, 'remark', 'completed', "
                           "'completed', 'staff', '', '难缠', 0, 1)"),
            {xd::Id::create(), shipped, m_shopId});
    const auto shown = get(QStringLiteral("orders/") + shipped, m_alice.token);
    for (const QJsonValue& event : shown.json.value(QStringLiteral("events")).toArray())
        QVERIFY(event.toObject().value(QStringLiteral("action")).toString() != QLatin1String("remark"));
    QCOMPARE(
        post(QStringLiteral("orders/%1/cancel").arg(shipped), QJsonObject{{QStringLiteral("reason"), 5}}, m_alice.token)
            .status,
        400);
}

void tst_Orders::cart_isKeptWhole_andValidated()
{
    const QString first = skuOf(addProduct(100, 5));
    const QString second = skuOf(addProduct(200, 5, false));
    auto empty = get(QStringLiteral("me/cart"), m_bob.token);
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.json.value(QStringLiteral("lines")).toArray().size(), 0);
    auto saved =
        m_server->requestJson("PUT",
                              QStringLiteral("/api/v1/shops/%1/me/cart").arg(m_shopId),
                              QJsonObject{{QStringLiteral("items"), QJsonArray{line(first, 2), line(second, 1)}}},
                              m_bob.token);
    QCOMPARE(saved.status, 200);
    auto cart = get(QStringLiteral("me/cart"), m_bob.token);
    const QJsonArray lines = cart.json.value(QStringLiteral("lines")).toArray();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).toObject().value(QStringLiteral("quantity")).toInteger(), 2);
    QCOMPARE(lines.at(1).toObject().value(QStringLiteral("problem")).toString(), QStringLiteral("off_shelf"));
    QCOMPARE(cart.json.value(QStringLiteral("goodsFen")).toInteger(), 200);
    // Alice's cart is hers alone.
    QCOMPARE(get(QStringLiteral("me/cart"), m_alice.token).json.value(QStringLiteral("lines")).toArray().size(), 0);
    // Refused whole: an unknown SKU, more than 100 lines; the stored cart stays.
    auto unknown = m_server->requestJson("PUT",
                                         QStringLiteral("/api/v1/shops/%1/me/cart").arg(m_shopId),
                                         QJsonObject{{QStringLiteral("items"), QJsonArray{line(xd::Id::create(), 1)}}},
                                         m_bob.token);
    QCOMPARE(unknown.status, 400);
    QJsonArray many;
    for (int i = 0; i < 101; ++i)
        many.append(line(xd::Id::create(), 1));
    QCOMPARE(m_server
                 ->requestJson("PUT",
                               QStringLiteral("/api/v1/shops/%1/me/cart").arg(m_shopId),
                               QJsonObject{{QStringLiteral("items"), many}},
                               m_bob.token)
                 .status,
             400);
    QCOMPARE(get(QStringLiteral("me/cart"), m_bob.token).json.value(QStringLiteral("lines")).toArray().size(), 2);
}

void tst_Orders::cancelPaid_queuesTheFullRefund_inTheSameTransaction()
{
    const QString sku = skuOf(addProduct(1500, 10));
    auto placed = post(QStringLiteral("orders"), placeBody(sku, 1, 2300), m_alice.token);
    QCOMPARE(placed.status, 201);
    const QString orderId = placed.json.value(QStringLiteral("id")).toString();
    // Paid through WeChat Pay (the payment row WeChat Pay's notification leaves).
    execSql(QStringLiteral("UPDATE orders SET state = 'paid', paid_fen = 2300, close_at_ms = 0 WHERE id = ?"),
            {orderId});
    execSql(
        QStringLiteral("INSERT INTO payments (id, shop_id, order_id, out_trade_no, transaction_id, app_id, mch_id, "
                       "payer_openid, amount_fen, state, applied, created_at_ms, updated_at_ms, succeeded_at_ms) "
                       "VALUES (?, ?, ?, ?, 'tx-1', 'wxapp', 'mch', 'openid-alice', 2300, 'succeeded', 1, 1, 1, 1)"),
        {xd::Id::create(), m_shopId, orderId, QStringLiteral("out-") + orderId.left(8)});
    auto cancelled = post(QStringLiteral("orders/%1/cancel").arg(orderId),
                          QJsonObject{{QStringLiteral("reason"), QStringLiteral("不想要了")}},
                          m_alice.token);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.json.value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(cancelled.json.value(QStringLiteral("refundedFen")).toInteger(), 2300);
    QCOMPARE(stockOf(sku), 10);
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(amount_fen) FROM refunds WHERE order_id = ?"), {orderId}).toLongLong(),
             2300);
    QCOMPARE(scalar(QStringLiteral("SELECT requested_by FROM refunds WHERE order_id = ?"), {orderId}).toString(),
             QStringLiteral("customer:") + m_alice.id);
    // A paid order without a succeeded payment cannot be paid back: the cancel is refused whole.
    auto second = post(QStringLiteral("orders"), placeBody(sku, 1, 2300), m_alice.token);
    const QString unpaidMoney = second.json.value(QStringLiteral("id")).toString();
    execSql(QStringLiteral("UPDATE orders SET state = 'paid', paid_fen = 2300, close_at_ms = 0 WHERE id = ?"),
            {unpaidMoney});
    QCOMPARE(post(QStringLiteral("orders/%1/cancel").arg(unpaidMoney), QJsonObject(), m_alice.token).status, 409);
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {unpaidMoney}).toString(),
             QStringLiteral("paid"));
    QCOMPARE(stockOf(sku), 9);
}

void tst_Orders::twins_sameClientRequestIdAtOnce_makeOneOrder()
{
    const QString sku = skuOf(addProduct(400, 100));
    const QJsonObject body = placeBody(sku, 2, 1600, QStringLiteral("twin-") + xd::Id::create());
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    QHash<int, int> statuses;
    QSet<QString> ids;
    int finished = 0;
    constexpr int Twins = 20;
    for (int i = 0; i < Twins; ++i) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest request(QUrl(m_server->baseUrl() + QStringLiteral("/api/v1/shops/%1/orders").arg(m_shopId)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_alice.token.toUtf8());
        QNetworkReply* reply = managers.back()->post(request, QJsonDocument(body).toJson());
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            ++statuses[reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()];
            ids.insert(QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("id")).toString());
            ++finished;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, Twins, 60'000);
    QCOMPARE(statuses.value(201), 1);
    QCOMPARE(statuses.value(200), Twins - 1);
    QCOMPARE(ids.size(), 1);
    QCOMPARE(stockOf(sku), 98);
}

void tst_Orders::concurrentBuyers_takeExactlyTheStock()
{
    constexpr int Buyers = 300;
    constexpr qint64 Stock = 50;
    const QString sku = skuOf(addProduct(990, Stock));
    QVERIFY(!sku.isEmpty());
    // Each buyer signs in and has an address (pickup needs none: buy for pickup, paid online).
    QList<CustomerLogin::Customer> buyers;
    for (int i = 0; i < Buyers; ++i) {
        buyers.append(CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("openid-buyer-%1").arg(i)));
        QVERIFY2(!buyers.last().token.isEmpty(), qPrintable(QString::number(i)));
    }
    // On PostgreSQL a second server on the same database takes half the buyers.
    std::unique_ptr<ServerProcess> second;
    QStringList bases{m_server->baseUrl()};
    if (isPostgres()) {
        second = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("second")));
        QVERIFY2(second->start({QStringLiteral("--database"),
                                m_postgresUrl.toString(),
                                QStringLiteral("--wechat-api-base"),
                                m_wechat.baseUrl()},
                               0,
                               ServerProcess::Demo::None),
                 qPrintable(second->errorText()));
        bases << second->baseUrl();
    }
    // Many connections at once: several managers, each with its own connection pool.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < 30; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QHash<int, int> statuses;
    QHash<int, int> answeredBy; // server index -> answers 201 or 409
    QElapsedTimer burst;
    burst.start();
    QHash<QString, int> codes;
    int finished = 0;
    for (int i = 0; i < Buyers; ++i) {
        const QJsonObject body{
            {QStringLiteral("clientRequestId"), xd::Id::create()},
            {QStringLiteral("items"), QJsonArray{line(sku, 1)}},
            {QStringLiteral("fulfilment"), QStringLiteral("pickup")},
            {QStringLiteral("paymentMethod"), QStringLiteral("wechat_pay")},
            {QStringLiteral("contactName"), QStringLiteral("买家")},
            {QStringLiteral("contactPhone"), QStringLiteral("13900000000")},
            {QStringLiteral("customFields"), QJsonObject{{QStringLiteral("slot"), QStringLiteral("下午")}}},
            {QStringLiteral("expectedPayableFen"), 990}};
        QNetworkRequest request(
            QUrl(bases.at(i % bases.size()) + QStringLiteral("/api/v1/shops/%1/orders").arg(m_shopId)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + buyers.at(i).token.toUtf8());
        QNetworkReply* reply = managers.at(i % managers.size())->post(request, QJsonDocument(body).toJson());
        const int server = i % bases.size();
        connect(reply, &QNetworkReply::finished, this, [&, reply, server] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            ++statuses[status];
            if (status == 201 || status == 409)
                ++answeredBy[server];
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            ++codes[json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString()];
            ++finished;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, Buyers, 120'000);
    qInfo() << "statuses" << statuses << "codes" << codes << "servers" << bases.size() << "burst ms" << burst.elapsed();
    for (int server = 0; server < bases.size(); ++server) // each server took its share of the buyers
        QCOMPARE(answeredBy.value(server), Buyers / int(bases.size()));
    QCOMPARE(statuses.value(201), int(Stock));
    QCOMPARE(statuses.value(409), Buyers - int(Stock));
    QCOMPARE(codes.value(QStringLiteral("out_of_stock")), Buyers - int(Stock));
    QCOMPARE(stockOf(sku), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM order_items WHERE sku_id = ?"), {sku}).toLongLong(), Stock);
    // Every order number is unique (the counter row serialises them).
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(DISTINCT o.number) FROM orders o JOIN order_items i ON i.order_id = o.id "
                              "WHERE i.sku_id = ?"),
               {sku})
            .toLongLong(),
        Stock);
    if (second)
        second->stop();
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_Orders>(argc, argv);
}
#include "tst_orders.moc"
