// The merchant side of orders against a real syncserver process, on SQLite or PostgreSQL: the order operations
// (REST and sync push), every transition the table refuses, partial and full refunds, permissions, another shop's
// orders, the order list's filters and paging, the order settings, and the "order" / "order_settings" sync rows.
// Most orders are written into the server's database directly (every state at once); one case places them as a
// customer through the mini-program API (WeChat login against FakeWechatServer) and walks them through the merchant.
#include "CustomerLogin.h"
#include "FakeWechatServer.h"
#include "ServerFixture.h"
#include "TestSocket.h"
#include "xiaodian/Id.h"
#include "xiaodian/OrderState.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace xd;

namespace {

// One seeded order: where it stands and how it is handed over and paid.
struct Seed
{
    QString state;
    QString fulfilment = QStringLiteral("delivery");
    QString payment = QStringLiteral("wechat_pay");
    qint64 payableFen = 10000;
    qint64 refundedFen = 0;
    qint64 placedAtMs = 0; // 0: now
    QString stateBeforeRefund = QStringLiteral("completed");
    QString phone = QStringLiteral("13800138000");
    QString nickname = QStringLiteral("小明");
};

// A merchant action as the REST path names it, with the body that lets only the state decide.
struct MerchantAction
{
    QString path;
    OrderAction action;
    bool ownerOnly = false; // in the permission table
};

const QList<MerchantAction> kActions{
    {QStringLiteral("accept"), OrderAction::Accept},
    {QStringLiteral("ship"), OrderAction::Ship},
    {QStringLiteral("ready-for-pickup"), OrderAction::ReadyForPickup},
    {QStringLiteral("start-service"), OrderAction::StartService},
    {QStringLiteral("complete"), OrderAction::Complete},
    {QStringLiteral("mark-collected"), OrderAction::MarkCollected},
    {QStringLiteral("cancel"), OrderAction::Cancel},
    {QStringLiteral("refund"), OrderAction::Refund, true},
    {QStringLiteral("refund"), OrderAction::PartialRefund, true},
    {QStringLiteral("reject-refund"), OrderAction::RejectRefund, true},
};

// The states an order of this mode and payment method can reach.
QStringList reachableStates(const QString& fulfilment, const QString& payment)
{
    const QString handedOver = fulfilment == QLatin1String("delivery") ? QStringLiteral("shipped")
                               : fulfilment == QLatin1String("pickup") ? QStringLiteral("ready_for_pickup")
                                                                       : QStringLiteral("in_service");
    if (payment == QLatin1String("cash_on_delivery"))
        return {QStringLiteral("cod_placed"),
                QStringLiteral("accepted"),
                handedOver,
                QStringLiteral("completed"),
                QStringLiteral("cancelled"),
                QStringLiteral("refund_requested"),
                QStringLiteral("refunded")};
    return {QStringLiteral("pending_payment"),
            QStringLiteral("paid"),
            QStringLiteral("accepted"),
            handedOver,
            QStringLiteral("completed"),
            QStringLiteral("cancelled"),
            QStringLiteral("closed"),
            QStringLiteral("refund_requested"),
            QStringLiteral("refunded")};
}

// Whether the shop holds the customer's money in this state (paid online, or collected on delivery).
bool holdsMoney(const Seed& seed)
{
    static const QStringList unpaid{QStringLiteral("pending_payment"),
                                    QStringLiteral("closed"),
                                    QStringLiteral("cancelled"),
                                    QStringLiteral("cod_placed")};
    if (unpaid.contains(seed.state))
        return false;
    if (seed.payment == QLatin1String("cash_on_delivery"))
        return seed.state == QLatin1String("completed") || seed.state == QLatin1String("refund_requested") ||
               seed.state == QLatin1String("refunded");
    return true;
}

} // namespace

class tst_OrdersAdmin : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void operations_walkEachPath_andAppendStaffEvents();
    void customerApi_placedOrder_walksThroughTheMerchant_andALateStepIsRejected();
    void everyMerchantAction_inEveryState_isAppliedOrRefusedWithItsCode_data();
    void everyMerchantAction_inEveryState_isAppliedOrRefusedWithItsCode();
    void pickupCode_mustMatch();
    void refund_partialThenFull_addsUp_andNeverPassesWhatWasPaid();
    void refund_partialAnswersARefundRequest();
    void cancelPaidOrder_paysEverythingBack_andReturnsStock();
    void clerk_cannotRefundNorCancelPaidOrders_butDoesDailyWork();
    void anotherShop_ordersAreNotFound();
    void badArguments_areRejected_andChangeNothing_data();
    void badArguments_areRejected_andChangeNothing();
    void remark_isKeptAsAnEvent_andUnchangedWritesNothing();
    void list_filtersByStateDateModePaymentAndText_andPagesNewestFirst();
    void list_badParameters_are400();
    void orderSettings_defaults_update_andValidation_data();
    void orderSettings_defaults_update_andValidation();
    void orderSettings_clerkMayReadButNotChange();
    void sync_pushRunsOperations_andPullCarriesOrdersWithItemsAndEvents();
    void sync_initialPullOfManyOrders_isCompleteInFullPages();

private:
    QString seedOrder(const Seed& seed, const QString& shopId = {});
    QString orderPath(const QString& orderId, const QString& action = {}) const;
    ServerProcess::Reply
    act(const QString& orderId, const QString& action, const QJsonObject& body = {}, const QString& token = {}) const;
    QJsonObject order(const QString& orderId) const;
    qint64 count(const QString& sql, const QVariantList& values) const;
    QJsonObject bodyFor(const MerchantAction& action, const QString& orderId) const;
    QString clerkToken();

    QString m_productId;
    QString m_skuA;
    QString m_skuB;
    QHash<QString, QString> m_customers; // shop id → its customer
    int m_numbers = 0;
    QString m_clerk;
    FakeWechatServer m_wechat;
};

void tst_OrdersAdmin::initTestCase()
{
    QVERIFY(m_wechat.start());
    QString error;
    QVERIFY2(startServer(
                 QStringLiteral("xd_ordersadmin"), {QStringLiteral("--wechat-api-base"), m_wechat.baseUrl()}, &error),
             qPrintable(error));
    m_skuA = Id::create();
    m_skuB = Id::create();
    const auto created = m_server->requestJson(
        "POST",
        QStringLiteral("/admin/v1/products"),
        QJsonObject{
            {QStringLiteral("name"), QStringLiteral("拿铁")},
            {QStringLiteral("onShelf"), true},
            {QStringLiteral("skus"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("id"), m_skuA},
                             {QStringLiteral("specs"), QJsonObject{{QStringLiteral("杯"), QStringLiteral("大")}}},
                             {QStringLiteral("priceFen"), 3000},
                             {QStringLiteral("stock"), 100}},
                 QJsonObject{{QStringLiteral("id"), m_skuB},
                             {QStringLiteral("specs"), QJsonObject{{QStringLiteral("杯"), QStringLiteral("中")}}},
                             {QStringLiteral("priceFen"), 4000},
                             {QStringLiteral("stock"), 100}}}}},
        m_token);
    QCOMPARE(created.status, 201);
    m_productId = created.json.value(QStringLiteral("id")).toString();
}

void tst_OrdersAdmin::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

qint64 tst_OrdersAdmin::count(const QString& sql, const QVariantList& values) const
{
    const QVariant value = scalar(sql, values);
    return value.isValid() ? value.toLongLong() : -1;
}

// An order as the customer API would have left it: two lines of the test product (2 × 30 + 1 × 40 yuan), a "place"
// event, the money received when the state says so (with WeChat Pay's payment row), at a fresh version of the shop.
QString tst_OrdersAdmin::seedOrder(const Seed& seed, const QString& shopIdArg)
{
    const QString shopId = shopIdArg.isEmpty() ? m_shopId : shopIdArg;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_customers.contains(shopId)) {
        const QString customer = Id::create();
        if (!exec(QStringLiteral("INSERT INTO customers (id, shop_id, openid, nickname, version, created_at_ms, "
                                 "updated_at_ms) VALUES (?, ?, ?, ?, 1, ?, ?)"),
                  {customer, shopId, QStringLiteral("openid-") + customer, QStringLiteral("小明"), now, now}))
            return {};
        m_customers.insert(shopId, customer);
    }
    if (!exec(QStringLiteral("UPDATE shops SET change_counter = change_counter + 1 WHERE id = ?"), {shopId}))
        return {};
    const qint64 version = count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {shopId});
    const QString id = Id::create();
    const qint64 paid = holdsMoney(seed) ? seed.payableFen : 0;
    const qint64 refunded = seed.state == QLatin1String("refunded") ? paid : seed.refundedFen;
    const QString number = QStringLiteral("T%1").arg(++m_numbers, 5, 10, QLatin1Char('0'));
    const bool ok = exec(
        QStringLiteral("INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, fulfilment, "
                       "payment_method, goods_fen, payable_fen, paid_fen, refunded_fen, customer_nickname, "
                       "contact_name, contact_phone, address, pickup_code, buyer_note, custom_fields, "
                       "state_before_refund, refund_reason, placed_at_ms, paid_at_ms, version, updated_at_ms) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '王五', ?, '上海市某路1号', ?, '少冰', ?, ?, ?, "
                       "?, ?, ?, ?)"),
        {id,
         shopId,
         number,
         m_customers.value(shopId),
         Id::create(),
         seed.state,
         seed.fulfilment,
         seed.payment,
         seed.payableFen,
         seed.payableFen,
         paid,
         refunded,
         seed.nickname,
         seed.phone,
         seed.fulfilment == QLatin1String("pickup") ? QStringLiteral("246810") : QStringLiteral(""),
         QStringLiteral("[{\"id\":\"f1\",\"label\":\"桌号\",\"type\":\"text\",\"value\":\"8\"}]"),
         seed.state == QLatin1String("refund_requested") ? seed.stateBeforeRefund : QStringLiteral(""),
         seed.state == QLatin1String("refund_requested") ? QStringLiteral("不想要了") : QStringLiteral(""),
         seed.placedAtMs > 0 ? seed.placedAtMs : now,
         paid > 0 ? now : 0,
         version,
         now});
    if (!ok)
        return {};
    const QList<std::tuple<QString, qint64, qint64>> lines{{m_skuA, 3000, 2}, {m_skuB, 4000, 1}};
    for (int i = 0; i < lines.size(); ++i) {
        const auto& [sku, price, quantity] = lines.at(i);
        if (!exec(QStringLiteral("INSERT INTO order_items (id, order_id, shop_id, position, product_id, sku_id, "
                                 "product_name, sku_label, unit_price_fen, quantity, line_total_fen) "
                                 "VALUES (?, ?, ?, ?, ?, ?, '拿铁', ?, ?, ?, ?)"),
                  {Id::create(),
                   id,
                   shopId,
                   i + 1,
                   m_productId,
                   sku,
                   i == 0 ? QStringLiteral("大") : QStringLiteral("中"),
                   price,
                   quantity,
                   price * quantity}))
            return {};
    }
    if (!exec(QStringLiteral("INSERT INTO order_events (id, order_id, shop_id, seq, action, from_state, to_state, "
                             "actor_kind, actor_id, at_ms) VALUES (?, ?, ?, 1, 'place', '', ?, 'customer', ?, ?)"),
              {Id::create(),
               id,
               shopId,
               seed.payment == QLatin1String("cash_on_delivery") ? QStringLiteral("cod_placed")
                                                                 : QStringLiteral("pending_payment"),
               m_customers.value(shopId),
               now}))
        return {};
    if (paid > 0 && seed.payment == QLatin1String("wechat_pay") &&
        !exec(QStringLiteral("INSERT INTO payments (id, shop_id, order_id, out_trade_no, transaction_id, app_id, "
                             "mch_id, payer_openid, amount_fen, state, applied, created_at_ms, updated_at_ms, "
                             "succeeded_at_ms) VALUES (?, ?, ?, ?, ?, 'wxapp', '1900000001', 'openid', ?, "
                             "'succeeded', 1, ?, ?, ?)"),
              {Id::create(), shopId, id, QStringLiteral("XD") + id, QStringLiteral("420") + id, paid, now, now, now}))
        return {};
    return id;
}

QString tst_OrdersAdmin::orderPath(const QString& orderId, const QString& action) const
{
    const QString path = QStringLiteral("/admin/v1/shops/%1/orders/%2").arg(m_shopId, orderId);
    return action.isEmpty() ? path : path + QLatin1Char('/') + action;
}

ServerProcess::Reply
tst_OrdersAdmin::act(const QString& orderId, const QString& action, const QJsonObject& body, const QString& token) const
{
    return m_server->requestJson("POST", orderPath(orderId, action), body, token.isEmpty() ? m_token : token);
}

QJsonObject tst_OrdersAdmin::order(const QString& orderId) const
{
    const auto reply = m_server->request("GET", orderPath(orderId), {}, m_token);
    if (reply.status != 200)
        qWarning() << reply.status << reply.body;
    return reply.json;
}

QJsonObject tst_OrdersAdmin::bodyFor(const MerchantAction& action, const QString& orderId) const
{
    const QJsonObject current = order(orderId);
    const qint64 refundable =
        current.value(QStringLiteral("paidFen")).toInteger() - current.value(QStringLiteral("refundedFen")).toInteger();
    switch (action.action) {
    case OrderAction::Ship:
        return {{QStringLiteral("carrier"), QStringLiteral("顺丰")},
                {QStringLiteral("trackingNo"), QStringLiteral("SF1")}};
    case OrderAction::Complete:
        return {{QStringLiteral("pickupCode"), current.value(QStringLiteral("pickupCode")).toString()}};
    case OrderAction::Cancel:
        return {{QStringLiteral("reason"), QStringLiteral("缺货")}};
    case OrderAction::Refund:
        return {{QStringLiteral("amountFen"), refundable}, {QStringLiteral("reason"), QStringLiteral("退款")}};
    case OrderAction::PartialRefund:
        return {{QStringLiteral("amountFen"), 1}, {QStringLiteral("reason"), QStringLiteral("少了一杯")}};
    case OrderAction::RejectRefund:
        return {{QStringLiteral("note"), QStringLiteral("已出餐")}};
    default:
        return {};
    }
}

QString tst_OrdersAdmin::clerkToken()
{
    if (!m_clerk.isEmpty())
        return m_clerk;
    const auto added = m_server->requestJson("POST",
                                             QStringLiteral("/admin/v1/staff"),
                                             QJsonObject{{QStringLiteral("login"), QStringLiteral("orderclerk")},
                                                         {QStringLiteral("displayName"), QStringLiteral("店员")},
                                                         {QStringLiteral("role"), QStringLiteral("clerk")},
                                                         {QStringLiteral("password"), QStringLiteral("clerkpass123")}},
                                             m_token);
    if (added.status != 201)
        qWarning() << added.status << added.body;
    m_clerk = m_server->login(m_server->demoShopName(), QStringLiteral("orderclerk"), QStringLiteral("clerkpass123"));
    return m_clerk;
}

void tst_OrdersAdmin::operations_walkEachPath_andAppendStaffEvents()
{
    // Online delivery: paid → accepted → shipped → completed.
    const QString delivery = seedOrder({QStringLiteral("paid")});
    QVERIFY(!delivery.isEmpty());
    auto reply = act(delivery, QStringLiteral("accept"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json[QStringLiteral("order")][QStringLiteral("state")].toString(), QStringLiteral("accepted"));
    QVERIFY(reply.json.value(QStringLiteral("version")).toInteger() > 0);
    QCOMPARE(reply.json[QStringLiteral("order")][QStringLiteral("version")].toInteger(),
             reply.json.value(QStringLiteral("version")).toInteger());
    reply = act(delivery,
                QStringLiteral("ship"),
                {{QStringLiteral("carrier"), QStringLiteral(" 顺丰速运 ")},
                 {QStringLiteral("trackingNo"), QStringLiteral("SF123")}});
    QCOMPARE(reply.status, 200);
    QJsonObject shipped = reply.json.value(QStringLiteral("order")).toObject();
    QCOMPARE(shipped.value(QStringLiteral("state")).toString(), QStringLiteral("shipped"));
    QCOMPARE(shipped.value(QStringLiteral("carrier")).toString(), QStringLiteral("顺丰速运"));
    QCOMPARE(shipped.value(QStringLiteral("trackingNo")).toString(), QStringLiteral("SF123"));
    reply = act(delivery, QStringLiteral("complete"));
    QCOMPARE(reply.status, 200);
    const QJsonObject done = reply.json.value(QStringLiteral("order")).toObject();
    QCOMPARE(done.value(QStringLiteral("state")).toString(), QStringLiteral("completed"));
    QVERIFY(done.value(QStringLiteral("completedAtMs")).toInteger() > 0);
    const QJsonArray events = done.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), 4); // place + accept + ship + complete
    QStringList actions;
    for (int i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        QCOMPARE(event.value(QStringLiteral("seq")).toInt(), i + 1);
        actions << event.value(QStringLiteral("action")).toString();
        if (i > 0) {
            QCOMPARE(event.value(QStringLiteral("actorKind")).toString(), QStringLiteral("staff"));
            QVERIFY(Id::isValid(event.value(QStringLiteral("actorId")).toString()));
        }
    }
    QCOMPARE(
        actions,
        QStringList(
            {QStringLiteral("place"), QStringLiteral("accept"), QStringLiteral("ship"), QStringLiteral("complete")}));
    QCOMPARE(events.at(2)[QStringLiteral("from")].toString(), QStringLiteral("accepted"));
    QCOMPARE(events.at(2)[QStringLiteral("to")].toString(), QStringLiteral("shipped"));
    // The trail: one audit row per operation, naming the order.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE shop_id = ? AND operation LIKE 'order.%' "
                                  "AND detail LIKE ?"),
                   {m_shopId, QStringLiteral("order %1 %").arg(done.value(QStringLiteral("number")).toString())}),
             3);

    // Cash on delivery, in store: accepted → in service → collected (the money comes in with the collection).
    const QString inStore =
        seedOrder({QStringLiteral("cod_placed"), QStringLiteral("in_store"), QStringLiteral("cash_on_delivery"), 8800});
    QCOMPARE(act(inStore, QStringLiteral("accept")).status, 200);
    QCOMPARE(act(inStore, QStringLiteral("start-service")).status, 200);
    reply = act(inStore, QStringLiteral("mark-collected"));
    QCOMPARE(reply.status, 200);
    const QJsonObject collected = reply.json.value(QStringLiteral("order")).toObject();
    QCOMPARE(collected.value(QStringLiteral("state")).toString(), QStringLiteral("completed"));
    QCOMPARE(collected.value(QStringLiteral("paidFen")).toInteger(), 8800);
    QCOMPARE(collected.value(QStringLiteral("events")).toArray().last()[QStringLiteral("amountFen")].toInteger(), 8800);

    // Pickup paid online: accepted → ready → completed against the code.
    const QString pickup = seedOrder({QStringLiteral("accepted"), QStringLiteral("pickup")});
    QCOMPARE(act(pickup, QStringLiteral("ready-for-pickup")).status, 200);
    QCOMPARE(act(pickup, QStringLiteral("complete"), {{QStringLiteral("pickupCode"), QStringLiteral("246810")}}).status,
             200);
    QCOMPARE(order(pickup).value(QStringLiteral("state")).toString(), QStringLiteral("completed"));
}

void tst_OrdersAdmin::customerApi_placedOrder_walksThroughTheMerchant_andALateStepIsRejected()
{
    // The shop offers pickup and cash on delivery; a customer signs in through WeChat and orders.
    const QString settingsPath = QStringLiteral("/admin/v1/shops/%1/order-settings").arg(m_shopId);
    QCOMPARE(m_server
                 ->requestJson("PUT",
                               settingsPath,
                               {{QStringLiteral("pickupEnabled"), true},
                                {QStringLiteral("pickupAddress"), QStringLiteral("本店柜台")},
                                {QStringLiteral("codEnabled"), true}},
                               m_token)
                 .status,
             200);
    QVERIFY(CustomerLogin::configureShop(*m_server, m_shopId, m_token, m_wechat));
    const CustomerLogin::Customer alice =
        CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("openid-alice"));
    QVERIFY2(!alice.token.isEmpty(), alice.reply.body.constData());
    const QString customerOrders = QStringLiteral("/api/v1/shops/%1/orders").arg(m_shopId);
    const auto place = [&](const QString& requestId) {
        return m_server->requestJson(
            "POST",
            customerOrders,
            {{QStringLiteral("clientRequestId"), requestId},
             {QStringLiteral("items"),
              QJsonArray{QJsonObject{{QStringLiteral("skuId"), m_skuA}, {QStringLiteral("quantity"), 2}}}},
             {QStringLiteral("fulfilment"), QStringLiteral("pickup")},
             {QStringLiteral("paymentMethod"), QStringLiteral("cash_on_delivery")},
             {QStringLiteral("contactName"), QStringLiteral("Alice")},
             {QStringLiteral("contactPhone"), QStringLiteral("13800138000")},
             {QStringLiteral("expectedPayableFen"), 6000}},
            alice.token);
    };
    const qint64 stockBefore = count(QStringLiteral("SELECT stock FROM product_skus WHERE id = ?"), {m_skuA});
    const auto placed = place(Id::create());
    QVERIFY2(placed.status == 201, placed.body.constData());
    const QString id = placed.json.value(QStringLiteral("id")).toString();
    QVERIFY(Id::isValid(id));
    QCOMPARE(count(QStringLiteral("SELECT stock FROM product_skus WHERE id = ?"), {m_skuA}), stockBefore - 2);

    // The merchant sees it as placed, with the customer's contact and lines.
    QJsonObject seen = order(id);
    QCOMPARE(seen.value(QStringLiteral("state")).toString(), QStringLiteral("cod_placed"));
    QCOMPARE(seen.value(QStringLiteral("payableFen")).toInteger(), 6000);
    QCOMPARE(seen.value(QStringLiteral("contactName")).toString(), QStringLiteral("Alice"));
    QCOMPARE(seen.value(QStringLiteral("items")).toArray().size(), 1);
    const QString code = seen.value(QStringLiteral("pickupCode")).toString();
    QCOMPARE(code.size(), 6);

    QCOMPARE(act(id, QStringLiteral("accept")).status, 200);
    QCOMPARE(act(id, QStringLiteral("ready-for-pickup")).status, 200);
    auto reply = act(id, QStringLiteral("mark-collected"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json[QStringLiteral("order")][QStringLiteral("paidFen")].toInteger(), 6000);
    QCOMPARE(reply.json[QStringLiteral("order")][QStringLiteral("state")].toString(), QStringLiteral("completed"));

    // The customer asks for money back; the owner pays part (back to completed), then the customer asks again and
    // the owner pays the rest: 6,000 fen in two manual (cash) refunds, never more.
    const auto requestRefund = [&]() {
        return m_server->requestJson("POST",
                                     customerOrders + QLatin1Char('/') + id + QStringLiteral("/refund-request"),
                                     {{QStringLiteral("reason"), QStringLiteral("少了一杯")}},
                                     alice.token);
    };
    auto asked = requestRefund();
    QVERIFY2(asked.status == 200, asked.body.constData());
    reply = act(id,
                QStringLiteral("refund"),
                {{QStringLiteral("amountFen"), 2500}, {QStringLiteral("reason"), QStringLiteral("补一杯的钱")}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json[QStringLiteral("order")][QStringLiteral("state")].toString(), QStringLiteral("completed"));
    asked = requestRefund();
    QVERIFY2(asked.status == 200, asked.body.constData());
    QCOMPARE(act(id,
                 QStringLiteral("refund"),
                 {{QStringLiteral("amountFen"), 3501}, {QStringLiteral("reason"), QStringLiteral("x")}})
                 .status,
             400);
    reply = act(id,
                QStringLiteral("refund"),
                {{QStringLiteral("amountFen"), 3500}, {QStringLiteral("reason"), QStringLiteral("全部退")}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json[QStringLiteral("order")][QStringLiteral("state")].toString(), QStringLiteral("refunded"));
    QCOMPARE(reply.json[QStringLiteral("order")][QStringLiteral("refundedFen")].toInteger(), 6000);
    QCOMPARE(count(QStringLiteral("SELECT SUM(amount_fen) FROM refunds WHERE order_id = ? AND state = 'manual'"), {id}),
             6000);
    // The customer's own view agrees.
    const auto mine = m_server->request("GET", customerOrders + QLatin1Char('/') + id, {}, alice.token);
    QCOMPARE(mine.status, 200);
    QCOMPARE(mine.json.value(QStringLiteral("state")).toString(), QStringLiteral("refunded"));

    // The customer cancels a second order before the merchant's queued "accept" reaches the server: the accept is
    // refused with the state's reason, and the stock the cancel returned stays returned.
    const auto second = place(Id::create());
    QCOMPARE(second.status, 201);
    const QString late = second.json.value(QStringLiteral("id")).toString();
    const auto cancelled = m_server->requestJson("POST",
                                                 customerOrders + QLatin1Char('/') + late + QStringLiteral("/cancel"),
                                                 {{QStringLiteral("reason"), QStringLiteral("不要了")}},
                                                 alice.token);
    QVERIFY2(cancelled.status == 200, cancelled.body.constData());
    const qint64 stockAfterCancel = count(QStringLiteral("SELECT stock FROM product_skus WHERE id = ?"), {m_skuA});
    reply = act(late, QStringLiteral("accept"));
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(), QStringLiteral("conflict"));
    QVERIFY(reply.json[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
        QStringLiteral("cancelled")));
    QCOMPARE(count(QStringLiteral("SELECT stock FROM product_skus WHERE id = ?"), {m_skuA}), stockAfterCancel);
    // Another customer cannot see the merchant's order of Alice.
    const CustomerLogin::Customer bob =
        CustomerLogin::signIn(*m_server, m_wechat, m_shopId, QStringLiteral("openid-bob"));
    QCOMPARE(m_server->request("GET", customerOrders + QLatin1Char('/') + id, {}, bob.token).status, 404);
}

void tst_OrdersAdmin::everyMerchantAction_inEveryState_isAppliedOrRefusedWithItsCode_data()
{
    QTest::addColumn<bool>("asClerk");
    QTest::newRow("owner") << false;
    QTest::newRow("clerk") << true;
}

void tst_OrdersAdmin::everyMerchantAction_inEveryState_isAppliedOrRefusedWithItsCode()
{
    QFETCH(bool, asClerk);
    const QString token = asClerk ? clerkToken() : m_token;
    QVERIFY(!token.isEmpty());
    int refused = 0;
    int applied = 0;
    for (const QString& fulfilment :
         {QStringLiteral("delivery"), QStringLiteral("pickup"), QStringLiteral("in_store")}) {
        for (const QString& payment : {QStringLiteral("wechat_pay"), QStringLiteral("cash_on_delivery")}) {
            for (const QString& state : reachableStates(fulfilment, payment)) {
                Seed seed{state, fulfilment, payment};
                // One order per state takes every refusal; an accepted action gets an order of its own.
                const QString refusing = seedOrder(seed);
                QVERIFY(!refusing.isEmpty());
                for (const MerchantAction& action : kActions) {
                    TransitionContext context;
                    context.actor = asClerk ? OrderActor::MerchantClerk : OrderActor::MerchantOwner;
                    context.mode = *parseFulfilmentMode(fulfilment);
                    context.payment = payment == QLatin1String("cash_on_delivery") ? PaymentMethod::CashOnDelivery
                                                                                   : PaymentMethod::Online;
                    if (state == QLatin1String("refund_requested"))
                        context.stateBeforeRefund = OrderState::Completed;
                    const auto resolved = OrderStateMachine::resolve(*parseOrderState(state), action.action, context);
                    const qint64 refundable =
                        holdsMoney(seed) && state != QLatin1String("refunded") ? seed.payableFen : 0;
                    const QString where =
                        QStringLiteral("%1 %2 %3: %4 %5")
                            .arg(fulfilment, payment, state, action.path, orderActionName(action.action));
                    // What the server must answer: the permission table first, then the arguments (a partial
                    // refund needs money to part), then the state machine.
                    QString expectedCode;
                    if (asClerk && action.ownerOnly)
                        expectedCode = QStringLiteral("permission_denied");
                    else if (action.action == OrderAction::PartialRefund && refundable < 2)
                        expectedCode = QStringLiteral("invalid_argument");
                    else if (!resolved)
                        expectedCode = errorCodeName(resolved.error().code);

                    if (expectedCode.isEmpty()) {
                        const QString fresh = seedOrder(seed);
                        const auto reply = act(fresh, action.path, bodyFor(action, fresh), token);
                        QVERIFY2(reply.status == 200,
                                 qPrintable(where + QStringLiteral(" → ") + QString::fromUtf8(reply.body)));
                        const QJsonObject after = reply.json.value(QStringLiteral("order")).toObject();
                        QVERIFY2(after.value(QStringLiteral("state")).toString() == orderStateName(resolved->to),
                                 qPrintable(where));
                        const QJsonObject last = after.value(QStringLiteral("events")).toArray().last().toObject();
                        QCOMPARE(last.value(QStringLiteral("action")).toString(), orderActionName(action.action));
                        QCOMPARE(last.value(QStringLiteral("from")).toString(), state);
                        ++applied;
                        continue;
                    }
                    const QJsonObject before = order(refusing);
                    const auto reply = act(refusing, action.path, bodyFor(action, refusing), token);
                    const QString code = reply.json[QStringLiteral("error")][QStringLiteral("code")].toString();
                    QVERIFY2(code == expectedCode,
                             qPrintable(where + QStringLiteral(": expected ") + expectedCode +
                                        QStringLiteral(", got ") + QString::number(reply.status) + QLatin1Char(' ') +
                                        QString::fromUtf8(reply.body)));
                    QCOMPARE(reply.status,
                             expectedCode == QLatin1String("conflict")            ? 409
                             : expectedCode == QLatin1String("permission_denied") ? 403
                                                                                  : 400);
                    QVERIFY2(order(refusing) == before, qPrintable(where + QStringLiteral(" changed the order")));
                    ++refused;
                }
            }
        }
    }
    QVERIFY(refused > 100);
    QVERIFY(applied > 10);
    qInfo("%d refused, %d applied", refused, applied);
}

void tst_OrdersAdmin::pickupCode_mustMatch()
{
    const QString pickup = seedOrder({QStringLiteral("ready_for_pickup"), QStringLiteral("pickup")});
    const QJsonObject before = order(pickup);
    for (const QString& code : {QString(), QStringLiteral("000000"), QStringLiteral("24681")}) {
        const auto reply = act(pickup, QStringLiteral("complete"), {{QStringLiteral("pickupCode"), code}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(),
                 QStringLiteral("invalid_argument"));
    }
    QCOMPARE(order(pickup), before);
    QCOMPARE(
        act(pickup, QStringLiteral("complete"), {{QStringLiteral("pickupCode"), QStringLiteral(" 246810 ")}}).status,
        200);
}

void tst_OrdersAdmin::refund_partialThenFull_addsUp_andNeverPassesWhatWasPaid()
{
    const QString id = seedOrder({QStringLiteral("completed")});
    const auto refund = [this, &id](qint64 amount) {
        return act(id,
                   QStringLiteral("refund"),
                   {{QStringLiteral("amountFen"), amount}, {QStringLiteral("reason"), QStringLiteral("破损")}});
    };
    auto reply = refund(3000);
    QCOMPARE(reply.status, 200);
    QJsonObject now = reply.json.value(QStringLiteral("order")).toObject();
    QCOMPARE(now.value(QStringLiteral("state")).toString(), QStringLiteral("completed"));
    QCOMPARE(now.value(QStringLiteral("refundedFen")).toInteger(), 3000);
    QJsonObject last = now.value(QStringLiteral("events")).toArray().last().toObject();
    QCOMPARE(last.value(QStringLiteral("action")).toString(), QStringLiteral("partial_refund"));
    QCOMPARE(last.value(QStringLiteral("amountFen")).toInteger(), 3000);
    QCOMPARE(last.value(QStringLiteral("note")).toString(), QStringLiteral("破损"));
    QCOMPARE(count(QStringLiteral(
                       "SELECT COALESCE(SUM(amount_fen), 0) FROM refunds WHERE order_id = ? AND state = 'pending'"),
                   {id}),
             3000);

    QCOMPARE(refund(2500).status, 200);
    QCOMPARE(order(id).value(QStringLiteral("refundedFen")).toInteger(), 5500);

    // More than what is left, a negative or zero amount: 400; the whole rest without a request: 409.
    const QJsonObject before = order(id);
    for (const qint64 bad : {4501LL, 10000LL, 0LL, -1LL}) {
        reply = refund(bad);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(),
                 QStringLiteral("invalid_argument"));
    }
    reply = refund(4500);
    QCOMPARE(reply.status, 409);
    QCOMPARE(order(id), before);

    // The customer asks for the rest (the customer API does this; here the row is set as it would): the full refund.
    QVERIFY(exec(
        QStringLiteral("UPDATE orders SET state = 'refund_requested', state_before_refund = 'completed' WHERE id = ?"),
        {id}));
    reply = refund(4500);
    QCOMPARE(reply.status, 200);
    now = reply.json.value(QStringLiteral("order")).toObject();
    QCOMPARE(now.value(QStringLiteral("state")).toString(), QStringLiteral("refunded"));
    QCOMPARE(now.value(QStringLiteral("refundedFen")).toInteger(), 10000);
    QCOMPARE(now.value(QStringLiteral("paidFen")).toInteger(), 10000);
    QCOMPARE(now.value(QStringLiteral("events")).toArray().last()[QStringLiteral("amountFen")].toInteger(), 4500);
    QCOMPARE(count(QStringLiteral("SELECT COALESCE(SUM(amount_fen), 0) FROM refunds WHERE order_id = ?"), {id}), 10000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ?"), {id}), 3);
    // Nothing is left: every further refund is refused.
    QCOMPARE(refund(1).status, 400);
    QCOMPARE(count(QStringLiteral("SELECT COALESCE(SUM(amount_fen), 0) FROM refunds WHERE order_id = ?"), {id}), 10000);

    // Cash on delivery, collected: a partial refund is paid back by hand (a 'manual' refund row).
    const QString cod =
        seedOrder({QStringLiteral("completed"), QStringLiteral("delivery"), QStringLiteral("cash_on_delivery")});
    reply = act(cod,
                QStringLiteral("refund"),
                {{QStringLiteral("amountFen"), 1000}, {QStringLiteral("reason"), QStringLiteral("少送一杯")}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(count(QStringLiteral(
                       "SELECT COUNT(*) FROM refunds WHERE order_id = ? AND state = 'manual' AND amount_fen = 1000"),
                   {cod}),
             1);
}

void tst_OrdersAdmin::refund_partialAnswersARefundRequest()
{
    const QString id = seedOrder({QStringLiteral("refund_requested"),
                                  QStringLiteral("delivery"),
                                  QStringLiteral("wechat_pay"),
                                  10000,
                                  0,
                                  0,
                                  QStringLiteral("shipped")});
    const auto reply = act(id,
                           QStringLiteral("refund"),
                           {{QStringLiteral("amountFen"), 2000}, {QStringLiteral("reason"), QStringLiteral("补偿")}});
    QCOMPARE(reply.status, 200);
    const QJsonObject now = reply.json.value(QStringLiteral("order")).toObject();
    QCOMPARE(now.value(QStringLiteral("state")).toString(), QStringLiteral("shipped")); // back where it was
    QCOMPARE(now.value(QStringLiteral("stateBeforeRefund")).toString(), QString());
    QCOMPARE(now.value(QStringLiteral("refundedFen")).toInteger(), 2000);

    // Rejecting a request: back where it was, the note kept, no money.
    const QString rejected = seedOrder({QStringLiteral("refund_requested"),
                                        QStringLiteral("pickup"),
                                        QStringLiteral("wechat_pay"),
                                        10000,
                                        0,
                                        0,
                                        QStringLiteral("ready_for_pickup")});
    const auto no =
        act(rejected, QStringLiteral("reject-refund"), {{QStringLiteral("note"), QStringLiteral("已出餐")}});
    QCOMPARE(no.status, 200);
    QCOMPARE(no.json[QStringLiteral("order")][QStringLiteral("state")].toString(), QStringLiteral("ready_for_pickup"));
    QCOMPARE(no.json[QStringLiteral("order")][QStringLiteral("refundedFen")].toInteger(), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ?"), {rejected}), 0);
}

void tst_OrdersAdmin::cancelPaidOrder_paysEverythingBack_andReturnsStock()
{
    const auto stockOf = [this](const QString& sku) {
        return count(QStringLiteral("SELECT stock FROM product_skus WHERE id = ?"), {sku});
    };
    const QString id = seedOrder({QStringLiteral("accepted")});
    const qint64 a = stockOf(m_skuA);
    const qint64 b = stockOf(m_skuB);
    const auto reply = act(id, QStringLiteral("cancel"), {{QStringLiteral("reason"), QStringLiteral("缺货")}});
    QCOMPARE(reply.status, 200);
    const QJsonObject now = reply.json.value(QStringLiteral("order")).toObject();
    QCOMPARE(now.value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(now.value(QStringLiteral("refundedFen")).toInteger(), 10000);
    QCOMPARE(now.value(QStringLiteral("events")).toArray().last()[QStringLiteral("amountFen")].toInteger(), 10000);
    QCOMPARE(
        count(QStringLiteral("SELECT SUM(amount_fen) FROM refunds WHERE order_id = ? AND state = 'pending'"), {id}),
        10000);
    QCOMPARE(stockOf(m_skuA), a + 2);
    QCOMPARE(stockOf(m_skuB), b + 1);

    // Unpaid: cancelled without any money moving.
    const QString unpaid = seedOrder({QStringLiteral("pending_payment")});
    QCOMPARE(act(unpaid, QStringLiteral("cancel"), {{QStringLiteral("reason"), QStringLiteral("顾客电话取消")}}).status,
             200);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ?"), {unpaid}), 0);
    QCOMPARE(order(unpaid).value(QStringLiteral("refundedFen")).toInteger(), 0);
}

void tst_OrdersAdmin::clerk_cannotRefundNorCancelPaidOrders_butDoesDailyWork()
{
    const QString clerk = clerkToken();
    QVERIFY(!clerk.isEmpty());
    const QString completed = seedOrder({QStringLiteral("completed")});
    auto reply = act(completed,
                     QStringLiteral("refund"),
                     {{QStringLiteral("amountFen"), 100}, {QStringLiteral("reason"), QStringLiteral("x")}},
                     clerk);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("permission_denied"));
    const QString paid = seedOrder({QStringLiteral("paid")});
    reply = act(paid, QStringLiteral("cancel"), {{QStringLiteral("reason"), QStringLiteral("x")}}, clerk);
    QCOMPARE(reply.status, 403);
    QCOMPARE(order(paid).value(QStringLiteral("state")).toString(), QStringLiteral("paid"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id IN (?, ?)"), {completed, paid}), 0);
    QCOMPARE(act(paid, QStringLiteral("accept"), {}, clerk).status, 200);
    // A clerk's step is recorded as the clerk's.
    const QJsonObject last = order(paid).value(QStringLiteral("events")).toArray().last().toObject();
    QCOMPARE(last.value(QStringLiteral("actorKind")).toString(), QStringLiteral("staff"));
    QCOMPARE(last.value(QStringLiteral("actorId")).toString(),
             scalar(QStringLiteral("SELECT id FROM staff WHERE login = 'orderclerk'")).toString());
}

void tst_OrdersAdmin::anotherShop_ordersAreNotFound()
{
    QString otherToken;
    const QString otherShop = m_server->createShop(QStringLiteral("对面的店"), &otherToken);
    QVERIFY(!otherShop.isEmpty() && !otherToken.isEmpty());
    const QString ours = seedOrder({QStringLiteral("paid")});
    const QString theirs = seedOrder({QStringLiteral("paid")}, otherShop);
    QVERIFY(!theirs.isEmpty());
    const auto expectNotFound = [](const ServerProcess::Reply& reply) {
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(), QStringLiteral("not_found"));
    };
    // Their order through our shop's path, our order through theirs, and their path with our token.
    expectNotFound(m_server->request("GET", orderPath(theirs), {}, m_token));
    expectNotFound(act(theirs, QStringLiteral("accept")));
    expectNotFound(
        m_server->request("GET", QStringLiteral("/admin/v1/shops/%1/orders/%2").arg(otherShop, ours), {}, otherToken));
    expectNotFound(m_server->requestJson(
        "POST", QStringLiteral("/admin/v1/shops/%1/orders/%2/accept").arg(otherShop, ours), {}, otherToken));
    expectNotFound(m_server->request("GET", QStringLiteral("/admin/v1/shops/%1/orders").arg(otherShop), {}, m_token));
    expectNotFound(
        m_server->request("GET", QStringLiteral("/admin/v1/shops/%1/order-settings").arg(otherShop), {}, m_token));
    // A well-formed id that names nothing; an unknown action.
    expectNotFound(act(Id::create(), QStringLiteral("accept")));
    expectNotFound(act(ours, QStringLiteral("explode")));
    QCOMPARE(order(ours).value(QStringLiteral("state")).toString(), QStringLiteral("paid"));
    // Their list holds their order only.
    const auto list =
        m_server->request("GET", QStringLiteral("/admin/v1/shops/%1/orders").arg(otherShop), {}, otherToken);
    QCOMPARE(list.status, 200);
    QCOMPARE(idsOf(list.json.value(QStringLiteral("items")).toArray()), QStringList{theirs});
    QCOMPARE(m_server->request("GET", orderPath(ours), {}, QStringLiteral("nope")).status, 401);
}

void tst_OrdersAdmin::badArguments_areRejected_andChangeNothing_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("unknown field") << "paid"
                                   << "accept" << QJsonObject{{QStringLiteral("force"), true}} << 400;
    QTest::newRow("ship without carrier")
        << "accepted"
        << "ship" << QJsonObject{{QStringLiteral("trackingNo"), QStringLiteral("1")}} << 400;
    QTest::newRow("ship carrier too long")
        << "accepted"
        << "ship" << QJsonObject{{QStringLiteral("carrier"), QString(51, QLatin1Char('x'))}} << 400;
    QTest::newRow("ship carrier not text") << "accepted"
                                           << "ship" << QJsonObject{{QStringLiteral("carrier"), 5}} << 400;
    QTest::newRow("cancel without reason") << "paid"
                                           << "cancel" << QJsonObject{} << 400;
    QTest::newRow("cancel blank reason") << "paid"
                                         << "cancel" << QJsonObject{{QStringLiteral("reason"), QStringLiteral("  ")}}
                                         << 400;
    QTest::newRow("refund without amount")
        << "completed"
        << "refund" << QJsonObject{{QStringLiteral("reason"), QStringLiteral("x")}} << 400;
    QTest::newRow("refund fractional amount")
        << "completed"
        << "refund" << QJsonObject{{QStringLiteral("amountFen"), 10.5}, {QStringLiteral("reason"), QStringLiteral("x")}}
        << 400;
    QTest::newRow("refund amount as text") << "completed"
                                           << "refund"
                                           << QJsonObject{{QStringLiteral("amountFen"), QStringLiteral("100")},
                                                          {QStringLiteral("reason"), QStringLiteral("x")}}
                                           << 400;
    QTest::newRow("refund without reason") << "completed"
                                           << "refund" << QJsonObject{{QStringLiteral("amountFen"), 100}} << 400;
    QTest::newRow("reject without note") << "refund_requested"
                                         << "reject-refund" << QJsonObject{} << 400;
    QTest::newRow("remark too long") << "paid"
                                     << "remark"
                                     << QJsonObject{{QStringLiteral("remark"), QString(501, QLatin1Char('x'))}} << 400;
    QTest::newRow("remark missing") << "paid"
                                    << "remark" << QJsonObject{} << 400;
    QTest::newRow("orderId in body ignored for path")
        << "paid"
        << "accept" << QJsonObject{{QStringLiteral("orderId"), QStringLiteral("x")}} << 200;
}

void tst_OrdersAdmin::badArguments_areRejected_andChangeNothing()
{
    QFETCH(QString, state);
    QFETCH(QString, action);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    const QString id = seedOrder({state});
    const QJsonObject before = order(id);
    const auto reply = act(id, action, body);
    QCOMPARE(reply.status, status);
    if (status == 400) {
        QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(),
                 QStringLiteral("invalid_argument"));
        QVERIFY(!reply.json[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());
        QCOMPARE(order(id), before);
    }
    // Not JSON at all.
    const auto garbage = m_server->request("POST", orderPath(id, QStringLiteral("accept")), "{nope", m_token);
    QCOMPARE(garbage.status, 400);
    // A malformed id in the path.
    QCOMPARE(m_server->request("GET", orderPath(QStringLiteral("not-an-id")), {}, m_token).status, 400);
}

void tst_OrdersAdmin::remark_isKeptAsAnEvent_andUnchangedWritesNothing()
{
    const QString id = seedOrder({QStringLiteral("accepted")});
    auto reply = act(id, QStringLiteral("remark"), {{QStringLiteral("remark"), QStringLiteral(" 老顾客，多送纸巾 ")}});
    QCOMPARE(reply.status, 200);
    const QJsonObject now = reply.json.value(QStringLiteral("order")).toObject();
    QCOMPARE(now.value(QStringLiteral("merchantRemark")).toString(), QStringLiteral("老顾客，多送纸巾"));
    QCOMPARE(now.value(QStringLiteral("state")).toString(), QStringLiteral("accepted"));
    const QJsonObject last = now.value(QStringLiteral("events")).toArray().last().toObject();
    QCOMPARE(last.value(QStringLiteral("action")).toString(), QStringLiteral("remark"));
    QCOMPARE(last.value(QStringLiteral("from")).toString(), QStringLiteral("accepted"));
    QCOMPARE(last.value(QStringLiteral("to")).toString(), QStringLiteral("accepted"));
    // The same text again: no version, no event.
    reply = act(id, QStringLiteral("remark"), {{QStringLiteral("remark"), QStringLiteral("老顾客，多送纸巾")}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("version")).toInteger(), 0);
    QCOMPARE(order(id), now);
    // Cleared.
    QCOMPARE(act(id, QStringLiteral("remark"), {{QStringLiteral("remark"), QString()}}).status, 200);
    QCOMPARE(order(id).value(QStringLiteral("merchantRemark")).toString(), QString());
}

void tst_OrdersAdmin::list_filtersByStateDateModePaymentAndText_andPagesNewestFirst()
{
    // A shop of its own, so that the other tests' orders do not count.
    QString token;
    const QString shop = m_server->createShop(QStringLiteral("列表店"), &token);
    QVERIFY(!shop.isEmpty());
    const QTimeZone shanghai(QByteArrayLiteral("Asia/Shanghai"));
    const auto at = [&shanghai](int day, int hour) {
        return QDateTime(QDate(2026, 11, day), QTime(hour, 0), shanghai).toMSecsSinceEpoch();
    };
    struct Row
    {
        Seed seed;
        QString id;
    };
    QList<Row> rows{
        {{QStringLiteral("paid"), QStringLiteral("delivery"), QStringLiteral("wechat_pay"), 100, 0, at(20, 0)}, {}},
        {{QStringLiteral("paid"), QStringLiteral("pickup"), QStringLiteral("wechat_pay"), 100, 0, at(20, 23)}, {}},
        {{QStringLiteral("accepted"),
          QStringLiteral("delivery"),
          QStringLiteral("cash_on_delivery"),
          100,
          0,
          at(21, 9)},
         {}},
        {{QStringLiteral("completed"), QStringLiteral("in_store"), QStringLiteral("wechat_pay"), 100, 0, at(22, 12)},
         {}},
        {{QStringLiteral("cancelled"), QStringLiteral("delivery"), QStringLiteral("wechat_pay"), 100, 0, at(23, 8)},
         {}},
    };
    rows[3].seed.phone = QStringLiteral("13912345678");
    rows[4].seed.nickname = QStringLiteral("100%_老王");
    // Two orders at the very same instant: the id breaks the tie.
    rows.append(
        Row{{QStringLiteral("paid"), QStringLiteral("delivery"), QStringLiteral("wechat_pay"), 100, 0, at(21, 9)}, {}});
    for (Row& row : rows) {
        row.id = seedOrder(row.seed, shop);
        QVERIFY(!row.id.isEmpty());
    }
    const auto list = [&](const QList<std::pair<QString, QString>>& params) {
        const auto reply = m_server->request(
            "GET", withQuery(QStringLiteral("/admin/v1/shops/%1/orders").arg(shop), params), {}, token);
        if (reply.status != 200)
            qWarning() << reply.status << reply.body;
        return idsOf(reply.json.value(QStringLiteral("items")).toArray());
    };
    // Newest first, ties by id descending.
    QList<Row> sorted = rows;
    std::sort(sorted.begin(), sorted.end(), [](const Row& a, const Row& b) {
        return a.seed.placedAtMs != b.seed.placedAtMs ? a.seed.placedAtMs > b.seed.placedAtMs : a.id > b.id;
    });
    QStringList expected;
    for (const Row& row : sorted)
        expected << row.id;
    QCOMPARE(list({}), expected);
    // Every filter against the brute-force answer.
    const auto where = [&](const std::function<bool(const Seed&)>& keep) {
        QStringList ids;
        for (const Row& row : sorted) {
            if (keep(row.seed))
                ids << row.id;
        }
        return ids;
    };
    QCOMPARE(list({{QStringLiteral("state"), QStringLiteral("paid")}}),
             where([](const Seed& s) { return s.state == QLatin1String("paid"); }));
    QCOMPARE(list({{QStringLiteral("state"), QStringLiteral("paid,accepted")}}), where([](const Seed& s) {
                 return s.state == QLatin1String("paid") || s.state == QLatin1String("accepted");
             }));
    QCOMPARE(list({{QStringLiteral("fulfilment"), QStringLiteral("delivery")}}),
             where([](const Seed& s) { return s.fulfilment == QLatin1String("delivery"); }));
    QCOMPARE(list({{QStringLiteral("paymentMethod"), QStringLiteral("cash_on_delivery")}}),
             where([](const Seed& s) { return s.payment == QLatin1String("cash_on_delivery"); }));
    // Days are the shop's (Asia/Shanghai): the 20th runs from 00:00 to 23:59 there; both bounds inclusive.
    QCOMPARE(list({{QStringLiteral("from"), QStringLiteral("2026-11-20")},
                   {QStringLiteral("to"), QStringLiteral("2026-11-20")}}),
             where([&](const Seed& s) { return s.placedAtMs < at(21, 0); }));
    QCOMPARE(list({{QStringLiteral("from"), QStringLiteral("2026-11-21")},
                   {QStringLiteral("to"), QStringLiteral("2026-11-22")}}),
             where([&](const Seed& s) { return s.placedAtMs >= at(21, 0) && s.placedAtMs < at(23, 0); }));
    QCOMPARE(list({{QStringLiteral("from"), QStringLiteral("2026-11-23")}}), QStringList{rows[4].id});
    // Text: order number, phone, nickname; wildcards are plain characters.
    const QString number = scalar(QStringLiteral("SELECT number FROM orders WHERE id = ?"), {rows[2].id}).toString();
    QCOMPARE(list({{QStringLiteral("q"), number}}), QStringList{rows[2].id});
    QCOMPARE(list({{QStringLiteral("q"), QStringLiteral("1234567")}}), QStringList{rows[3].id});
    QCOMPARE(list({{QStringLiteral("q"), QStringLiteral("100%_")}}), QStringList{rows[4].id});
    QCOMPARE(list({{QStringLiteral("q"), QStringLiteral("%")}}), QStringList{rows[4].id});
    QCOMPARE(list({{QStringLiteral("q"), QStringLiteral("老王")}, {QStringLiteral("state"), QStringLiteral("paid")}}),
             QStringList());
    // Combined.
    QCOMPARE(list({{QStringLiteral("state"), QStringLiteral("paid")},
                   {QStringLiteral("fulfilment"), QStringLiteral("pickup")}}),
             QStringList{rows[1].id});

    // Pages of 2 without gaps or repeats, also when a new order arrives between pages (it is newer: not in the walk).
    QStringList seen;
    QString cursor;
    for (int guard = 0; guard < 10; ++guard) {
        QList<std::pair<QString, QString>> params{{QStringLiteral("limit"), QStringLiteral("2")}};
        if (!cursor.isEmpty())
            params.append({QStringLiteral("cursor"), cursor});
        const auto reply = m_server->request(
            "GET", withQuery(QStringLiteral("/admin/v1/shops/%1/orders").arg(shop), params), {}, token);
        QCOMPARE(reply.status, 200);
        const QStringList page = idsOf(reply.json.value(QStringLiteral("items")).toArray());
        QVERIFY(page.size() <= 2);
        seen << page;
        if (guard == 0)
            QVERIFY(!seedOrder({QStringLiteral("paid")}, shop).isEmpty());
        cursor = reply.json.value(QStringLiteral("nextCursor")).toString();
        if (cursor.isEmpty())
            break;
    }
    QCOMPARE(seen, expected);
    // Items and events ride along in the list.
    const auto one = m_server->request(
        "GET",
        withQuery(QStringLiteral("/admin/v1/shops/%1/orders").arg(shop), {{QStringLiteral("q"), number}}),
        {},
        token);
    const QJsonObject item = one.json.value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(item.value(QStringLiteral("items")).toArray().size(), 2);
    QCOMPARE(item.value(QStringLiteral("events")).toArray().size(), 1);
}

void tst_OrdersAdmin::list_badParameters_are400()
{
    const QList<QList<std::pair<QString, QString>>> bad{
        {{QStringLiteral("state"), QStringLiteral("shipping")}},
        {{QStringLiteral("state"), QStringLiteral("paid,")}},
        {{QStringLiteral("fulfilment"), QStringLiteral("drone")}},
        {{QStringLiteral("paymentMethod"), QStringLiteral("cash")}},
        {{QStringLiteral("from"), QStringLiteral("2026-13-01")}},
        {{QStringLiteral("to"), QStringLiteral("yesterday")}},
        {{QStringLiteral("from"), QStringLiteral("2026-11-02")}, {QStringLiteral("to"), QStringLiteral("2026-11-01")}},
        {{QStringLiteral("limit"), QStringLiteral("0")}},
        {{QStringLiteral("limit"), QStringLiteral("101")}},
        {{QStringLiteral("cursor"), QStringLiteral("garbage")}},
        {{QStringLiteral("q"), QString(51, QLatin1Char('x'))}},
        {{QStringLiteral("sort"), QStringLiteral("oldest")}},
    };
    for (const auto& params : bad) {
        const auto reply = m_server->request(
            "GET", withQuery(QStringLiteral("/admin/v1/shops/%1/orders").arg(m_shopId), params), {}, m_token);
        QVERIFY2(reply.status == 400, qPrintable(params.first().first + QLatin1Char('=') + params.first().second));
        QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(),
                 QStringLiteral("invalid_argument"));
    }
}

void tst_OrdersAdmin::orderSettings_defaults_update_andValidation_data()
{
    QTest::addColumn<QJsonObject>("patch");
    QTest::newRow("no fulfilment mode") << QJsonObject{{QStringLiteral("deliveryEnabled"), false},
                                                       {QStringLiteral("pickupEnabled"), false},
                                                       {QStringLiteral("inStoreEnabled"), false}};
    QTest::newRow("negative fee") << QJsonObject{{QStringLiteral("deliveryFeeFen"), -1}};
    QTest::newRow("fractional fee") << QJsonObject{{QStringLiteral("deliveryFeeFen"), 0.5}};
    QTest::newRow("huge fee") << QJsonObject{{QStringLiteral("deliveryFeeFen"), 1'000'001}};
    QTest::newRow("fee as text") << QJsonObject{{QStringLiteral("deliveryFeeFen"), QStringLiteral("5")}};
    QTest::newRow("negative threshold") << QJsonObject{{QStringLiteral("freeDeliveryThresholdFen"), -100}};
    QTest::newRow("pickup without address")
        << QJsonObject{{QStringLiteral("pickupEnabled"), true}, {QStringLiteral("pickupAddress"), QStringLiteral(" ")}};
    QTest::newRow("close after 0 minutes") << QJsonObject{{QStringLiteral("closeUnpaidMinutes"), 0}};
    QTest::newRow("close after two days") << QJsonObject{{QStringLiteral("closeUnpaidMinutes"), 2880}};
    QTest::newRow("auto-complete 0 days") << QJsonObject{{QStringLiteral("autoCompleteDays"), 0}};
    QTest::newRow("after-sales 31 days") << QJsonObject{{QStringLiteral("afterSalesDays"), 31}};
    QTest::newRow("sms without phone") << QJsonObject{{QStringLiteral("smsMerchantNewOrder"), true},
                                                      {QStringLiteral("merchantPhone"), QString()}};
    QTest::newRow("landline") << QJsonObject{{QStringLiteral("merchantPhone"), QStringLiteral("021-12345678")}};
    QTest::newRow("flag as number") << QJsonObject{{QStringLiteral("codEnabled"), 1}};
    QTest::newRow("unknown field") << QJsonObject{{QStringLiteral("tipsEnabled"), true}};
    QTest::newRow("fields not a list") << QJsonObject{{QStringLiteral("customFields"), QStringLiteral("桌号")}};
    const auto field = [](const QString& type, const QJsonArray& options = {}) {
        QJsonObject f{{QStringLiteral("id"), QStringLiteral("f1")},
                      {QStringLiteral("label"), QStringLiteral("桌号")},
                      {QStringLiteral("type"), type}};
        if (!options.isEmpty())
            f.insert(QStringLiteral("options"), options);
        return f;
    };
    QTest::newRow("field of unknown type")
        << QJsonObject{{QStringLiteral("customFields"), QJsonArray{field(QStringLiteral("color"))}}};
    QTest::newRow("choice without options")
        << QJsonObject{{QStringLiteral("customFields"), QJsonArray{field(QStringLiteral("single_choice"))}}};
    QTest::newRow("two fields, one id") << QJsonObject{
        {QStringLiteral("customFields"), QJsonArray{field(QStringLiteral("text")), field(QStringLiteral("date"))}}};
}

void tst_OrdersAdmin::orderSettings_defaults_update_andValidation()
{
    QFETCH(QJsonObject, patch);
    const QString path = QStringLiteral("/admin/v1/shops/%1/order-settings").arg(m_shopId);
    const auto before = m_server->request("GET", path, {}, m_token);
    QCOMPARE(before.status, 200);
    if (QByteArray(QTest::currentDataTag()) == "no fulfilment mode") {
        // A shop that never saved any has the schema's defaults, at version 0.
        QString freshToken;
        const QString fresh = m_server->createShop(QStringLiteral("新开的店"), &freshToken);
        const auto defaults =
            m_server->request("GET", QStringLiteral("/admin/v1/shops/%1/order-settings").arg(fresh), {}, freshToken);
        QCOMPARE(defaults.status, 200);
        QCOMPARE(defaults.json.value(QStringLiteral("version")).toInteger(), 0);
        QCOMPARE(defaults.json.value(QStringLiteral("deliveryEnabled")).toBool(), true);
        QCOMPARE(defaults.json.value(QStringLiteral("pickupEnabled")).toBool(), false);
        QCOMPARE(defaults.json.value(QStringLiteral("codEnabled")).toBool(), false);
        QCOMPARE(defaults.json.value(QStringLiteral("closeUnpaidMinutes")).toInt(), 30);
        QCOMPARE(defaults.json.value(QStringLiteral("autoCompleteDays")).toInt(), 7);
        QCOMPARE(defaults.json.value(QStringLiteral("pickupAddress")).toString(), QString());
        QCOMPARE(defaults.json.value(QStringLiteral("customFields")).toArray(), QJsonArray());
        // Its first save (an empty address, a null-free row) works from the defaults.
        const auto first = m_server->requestJson("PUT",
                                                 QStringLiteral("/admin/v1/shops/%1/order-settings").arg(fresh),
                                                 {{QStringLiteral("codEnabled"), true}},
                                                 freshToken);
        QCOMPARE(first.status, 200);
        QVERIFY(first.json.value(QStringLiteral("version")).toInteger() > 0);
    }
    const qint64 counter = count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId});
    const auto reply = m_server->requestJson("PUT", path, patch, m_token);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("invalid_argument"));
    QVERIFY(!reply.json[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());
    QCOMPARE(m_server->request("GET", path, {}, m_token).json, before.json);
    QCOMPARE(count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}), counter);

    // A valid change: applied at a new version, merged over what was there; the same again writes nothing.
    const QJsonObject good{
        {QStringLiteral("deliveryEnabled"), true},
        {QStringLiteral("pickupEnabled"), true},
        {QStringLiteral("pickupAddress"), QStringLiteral(" 上海市徐汇区某路2号 ")},
        {QStringLiteral("deliveryFeeFen"), 800},
        {QStringLiteral("freeDeliveryThresholdFen"), 5000},
        {QStringLiteral("smsMerchantNewOrder"), true},
        {QStringLiteral("merchantPhone"), QStringLiteral("+86 138-0013-8000")},
        {QStringLiteral("closeUnpaidMinutes"), 15},
        {QStringLiteral("customFields"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("table")},
                                {QStringLiteral("label"), QStringLiteral(" 桌号 ")},
                                {QStringLiteral("type"), QStringLiteral("single_choice")},
                                {QStringLiteral("options"), QJsonArray{QStringLiteral("A1"), QStringLiteral("A2")}},
                                {QStringLiteral("required"), true}}}}};
    const auto saved = m_server->requestJson("PUT", path, good, m_token);
    QCOMPARE(saved.status, 200);
    QCOMPARE(saved.json.value(QStringLiteral("pickupAddress")).toString(), QStringLiteral("上海市徐汇区某路2号"));
    QCOMPARE(saved.json.value(QStringLiteral("merchantPhone")).toString(), QStringLiteral("13800138000"));
    QCOMPARE(saved.json.value(QStringLiteral("deliveryFeeFen")).toInteger(), 800);
    QCOMPARE(saved.json.value(QStringLiteral("deliveryEnabled")).toBool(), true);
    const QJsonObject stored = saved.json.value(QStringLiteral("customFields")).toArray().first().toObject();
    QCOMPARE(stored.value(QStringLiteral("label")).toString(), QStringLiteral("桌号")); // normalised
    QCOMPARE(stored.value(QStringLiteral("position")).toInt(), 0);
    QVERIFY(saved.json.value(QStringLiteral("version")).toInteger() > 0);
    const auto again = m_server->requestJson("PUT", path, good, m_token);
    QCOMPARE(again.json.value(QStringLiteral("version")), saved.json.value(QStringLiteral("version")));
}

void tst_OrdersAdmin::orderSettings_clerkMayReadButNotChange()
{
    const QString path = QStringLiteral("/admin/v1/shops/%1/order-settings").arg(m_shopId);
    const QString clerk = clerkToken();
    QCOMPARE(m_server->request("GET", path, {}, clerk).status, 200);
    const auto reply = m_server->requestJson("PUT", path, {{QStringLiteral("deliveryFeeFen"), 0}}, clerk);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.json[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("permission_denied"));
}

void tst_OrdersAdmin::sync_pushRunsOperations_andPullCarriesOrdersWithItemsAndEvents()
{
    const QString id = seedOrder({QStringLiteral("paid")});
    const QString gone = seedOrder({QStringLiteral("pending_payment")});
    TestSocket socket;
    QVERIFY(socket.open(m_server->webSocketUrl()));
    QCOMPARE(socket.authenticate(m_token, Id::create()).value(QStringLiteral("type")).toString(),
             QStringLiteral("auth.ok"));
    const auto mutation = [](qint64 mid, const QString& name, const QJsonObject& args) {
        return QJsonObject{
            {QStringLiteral("mid"), mid}, {QStringLiteral("name"), name}, {QStringLiteral("args"), args}};
    };
    // The customer cancelled meanwhile (here: the timer closed it): the queued ship is rejected with the reason.
    QVERIFY(exec(QStringLiteral("UPDATE orders SET state = 'closed' WHERE id = ?"), {gone}));
    QJsonArray mutations;
    mutations.append(mutation(1, QStringLiteral("order.accept"), QJsonObject{{QStringLiteral("orderId"), id}}));
    mutations.append(mutation(2,
                              QStringLiteral("order.ship"),
                              QJsonObject{{QStringLiteral("orderId"), id},
                                          {QStringLiteral("carrier"), QStringLiteral("京东")},
                                          {QStringLiteral("trackingNo"), QStringLiteral("JD9")}}));
    mutations.append(mutation(3, QStringLiteral("order.accept"), QJsonObject{{QStringLiteral("orderId"), gone}}));
    QJsonObject push{{QStringLiteral("type"), QStringLiteral("push")}, {QStringLiteral("id"), QStringLiteral("u1")}};
    push.insert(QStringLiteral("mutations"), mutations);
    socket.sendJson(push);
    const QJsonObject result = socket.waitFor(QStringLiteral("push.result"));
    const QJsonArray results = result.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 3);
    QCOMPARE(results.at(0)[QStringLiteral("status")].toString(), QStringLiteral("accepted"));
    QCOMPARE(results.at(1)[QStringLiteral("status")].toString(), QStringLiteral("accepted"));
    QCOMPARE(results.at(2)[QStringLiteral("status")].toString(), QStringLiteral("rejected"));
    QCOMPARE(results.at(2)[QStringLiteral("code")].toString(), QStringLiteral("conflict"));
    QCOMPARE(order(id).value(QStringLiteral("state")).toString(), QStringLiteral("shipped"));

    QVERIFY(m_server
                ->requestJson("PUT",
                              QStringLiteral("/admin/v1/shops/%1/order-settings").arg(m_shopId),
                              {{QStringLiteral("codEnabled"), true}},
                              m_token)
                .status == 200);
    // A fresh client pulls everything, in small pages so that orders fall across page boundaries.
    TestSocket reader;
    QVERIFY(reader.open(m_server->webSocketUrl()));
    reader.authenticate(m_token, Id::create());
    QHash<QString, QJsonObject> orders;
    QJsonObject settings;
    QString cookie;
    for (int guard = 0; guard < 1000; ++guard) {
        reader.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")},
                                    {QStringLiteral("id"), QStringLiteral("p")},
                                    {QStringLiteral("cookie"), cookie},
                                    {QStringLiteral("limit"), 7}});
        const QJsonObject page = reader.waitFor(QStringLiteral("pull.result"));
        QVERIFY(!page.isEmpty());
        const QJsonArray rows = page.value(QStringLiteral("rows")).toArray();
        QVERIFY(rows.size() <= 7);
        for (const QJsonValue& row : rows) {
            const QString entity = row[QStringLiteral("entity")].toString();
            if (entity == QLatin1String("order")) {
                QVERIFY2(!orders.contains(row[QStringLiteral("id")].toString()), "an order came twice");
                orders.insert(row[QStringLiteral("id")].toString(), row.toObject());
            } else if (entity == QLatin1String("order_settings")) {
                settings = row.toObject();
            }
        }
        cookie = page.value(QStringLiteral("cookie")).toString();
        if (!page.value(QStringLiteral("more")).toBool())
            break;
    }
    QCOMPARE(orders.size(), count(QStringLiteral("SELECT COUNT(*) FROM orders WHERE shop_id = ?"), {m_shopId}));
    const QJsonObject row = orders.value(id);
    const QJsonObject data = row.value(QStringLiteral("data")).toObject();
    QCOMPARE(row.value(QStringLiteral("version")).toInteger(), order(id).value(QStringLiteral("version")).toInteger());
    QCOMPARE(data.value(QStringLiteral("state")).toString(), QStringLiteral("shipped"));
    QCOMPARE(data.value(QStringLiteral("carrier")).toString(), QStringLiteral("京东"));
    QCOMPARE(data.value(QStringLiteral("payableFen")).toInteger(), 10000);
    QCOMPARE(data.value(QStringLiteral("paidFen")).toInteger(), 10000);
    QCOMPARE(data.value(QStringLiteral("customerNickname")).toString(), QStringLiteral("小明"));
    QCOMPARE(data.value(QStringLiteral("contactPhone")).toString(), QStringLiteral("13800138000"));
    QCOMPARE(data.value(QStringLiteral("customFields")).toArray().first()[QStringLiteral("label")].toString(),
             QStringLiteral("桌号"));
    QVERIFY(!data.contains(QStringLiteral("id")));
    const QJsonArray items = data.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0)[QStringLiteral("skuId")].toString(), m_skuA);
    QCOMPARE(items.at(0)[QStringLiteral("quantity")].toInt(), 2);
    QCOMPARE(items.at(0)[QStringLiteral("lineTotalFen")].toInteger(), 6000);
    QCOMPARE(items.at(1)[QStringLiteral("position")].toInt(), 2);
    const QJsonArray events = data.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(1)[QStringLiteral("action")].toString(), QStringLiteral("accept"));
    QCOMPARE(events.at(2)[QStringLiteral("action")].toString(), QStringLiteral("ship"));
    QCOMPARE(settings.value(QStringLiteral("id")).toString(), m_shopId);
    QCOMPARE(settings[QStringLiteral("data")][QStringLiteral("codEnabled")].toBool(), true);
    QVERIFY(settings.value(QStringLiteral("version")).toInteger() > 0);

    // The next pull from the end has nothing; a step moves the order to a new version, and only it comes.
    QCOMPARE(act(id, QStringLiteral("complete")).status, 200);
    reader.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")},
                                {QStringLiteral("id"), QStringLiteral("p2")},
                                {QStringLiteral("cookie"), cookie}});
    const QJsonObject next = reader.waitFor(QStringLiteral("pull.result"));
    const QJsonArray changed = next.value(QStringLiteral("rows")).toArray();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0)[QStringLiteral("id")].toString(), id);
    QCOMPARE(changed.at(0)[QStringLiteral("data")][QStringLiteral("state")].toString(), QStringLiteral("completed"));
}

void tst_OrdersAdmin::sync_initialPullOfManyOrders_isCompleteInFullPages()
{
    // A shop of its own with 3,000 orders of two lines and two events each, written in one transaction.
    constexpr int Orders = 3000;
    QString token;
    const QString shop = m_server->createShop(QStringLiteral("大店"), &token);
    QVERIFY(!shop.isEmpty() && !token.isEmpty());
    const QString customer = Id::create();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSet<QString> seeded;
    {
        QSqlDatabase db = openServerDatabase(QStringLiteral("bulk"));
        QVERIFY(db.transaction());
        QSqlQuery q(db);
        QVERIFY(
            q.exec(QStringLiteral("INSERT INTO customers (id, shop_id, openid, version, created_at_ms, updated_at_ms) "
                                  "VALUES ('%1', '%2', 'bulk', 1, 0, 0)")
                       .arg(customer, shop)));
        QVERIFY(q.exec(QStringLiteral("UPDATE shops SET change_counter = change_counter + %1 WHERE id = '%2'")
                           .arg(Orders)
                           .arg(shop)));
        QVERIFY(q.exec(QStringLiteral("SELECT change_counter FROM shops WHERE id = '%1'").arg(shop)) && q.next());
        const qint64 top = q.value(0).toLongLong(); // read in this transaction: the counter after the bump
        QSqlQuery order(db);
        order.prepare(
            QStringLiteral("INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, "
                           "fulfilment, payment_method, "
                           "goods_fen, payable_fen, paid_fen, placed_at_ms, version, updated_at_ms) "
                           "VALUES (?, ?, ?, ?, ?, 'paid', 'delivery', 'wechat_pay', 10000, 10000, 10000, ?, ?, ?)"));
        QSqlQuery line(db);
        line.prepare(QStringLiteral("INSERT INTO order_items (id, order_id, shop_id, position, product_id, sku_id, "
                                    "product_name, unit_price_fen, quantity, line_total_fen) "
                                    "VALUES (?, ?, ?, ?, ?, ?, '拿铁', 5000, 1, 5000)"));
        QSqlQuery event(db);
        event.prepare(QStringLiteral("INSERT INTO order_events (id, order_id, shop_id, seq, action, from_state, "
                                     "to_state, actor_kind, at_ms) VALUES (?, ?, ?, ?, ?, '', 'paid', 'customer', ?)"));
        for (int i = 0; i < Orders; ++i) {
            const QString id = Id::create();
            seeded.insert(id);
            // A few orders share a version (one version may touch many rows: the cursor resumes inside it).
            const qint64 version = top - Orders + 1 + i - i % 3;
            for (const QVariant& value :
                 QVariantList{id, shop, QStringLiteral("B%1").arg(i), customer, id, now + i, version, now})
                order.addBindValue(value);
            QVERIFY2(order.exec(), qPrintable(order.lastError().text()));
            for (int position = 1; position <= 2; ++position) {
                for (const QVariant& value : QVariantList{Id::create(), id, shop, position, m_productId, m_skuA})
                    line.addBindValue(value);
                QVERIFY(line.exec());
                for (const QVariant& value :
                     QVariantList{Id::create(),
                                  id,
                                  shop,
                                  position,
                                  position == 1 ? QStringLiteral("place") : QStringLiteral("pay"),
                                  now})
                    event.addBindValue(value);
                QVERIFY(event.exec());
            }
        }
        QVERIFY(db.commit());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bulk"));

    TestSocket reader;
    QVERIFY(reader.open(m_server->webSocketUrl()));
    reader.authenticate(token, Id::create());
    QSet<QString> pulled;
    QString cookie;
    int pages = 0;
    QElapsedTimer timer;
    timer.start();
    for (int guard = 0; guard < 100; ++guard) {
        reader.sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("pull")},
                                    {QStringLiteral("id"), QStringLiteral("p")},
                                    {QStringLiteral("cookie"), cookie},
                                    {QStringLiteral("limit"), 500}});
        const QJsonObject page = reader.waitFor(QStringLiteral("pull.result"), 60000);
        QVERIFY(!page.isEmpty());
        ++pages;
        const QJsonArray rows = page.value(QStringLiteral("rows")).toArray();
        const bool more = page.value(QStringLiteral("more")).toBool();
        QVERIFY(rows.size() == 500 || !more);
        for (const QJsonValue& row : rows) {
            if (row[QStringLiteral("entity")].toString() != QLatin1String("order"))
                continue;
            const QString id = row[QStringLiteral("id")].toString();
            QVERIFY2(!pulled.contains(id), "an order came twice");
            pulled.insert(id);
            const QJsonObject data = row[QStringLiteral("data")].toObject();
            QCOMPARE(data.value(QStringLiteral("items")).toArray().size(), 2);
            QCOMPARE(data.value(QStringLiteral("events")).toArray().size(), 2);
        }
        cookie = page.value(QStringLiteral("cookie")).toString();
        if (!more)
            break;
    }
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(pulled, seeded);
    qInfo("initial pull of %d orders (2 lines, 2 events each): %lld ms in %d pages of 500 (%s)",
          Orders,
          elapsed,
          pages,
          qPrintable(engine()));
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_OrdersAdmin>(argc, argv);
}
#include "tst_ordersadmin.moc"
