// applyOrderTransition over a real server database (a temporary SQLite file, or a fresh PostgreSQL database): the
// columns each step sets, stock returned with its audit row, refusals that write nothing, other shops' and other
// customers' orders. The rows are made directly; the routes that place orders are tested in tst_orders.
#include "ChangeNotifier.h"
#include "OrderTimerJob.h"
#include "OrderTransitions.h"
#include "ServerFixture.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace xd;
using namespace xd::server;

namespace {
constexpr qint64 DayMs = 86'400'000;
}

class tst_OrderTransitions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void pay_setsPaidColumns_endsTheCloseTimer_andAppendsTheEvent();
    void pay_wrongAmount_orRepeated_isRefused_andWritesNothing();
    void close_returnsStock_withAnAuditRow_andBumpsProducts();
    void cancel_byTheCustomer_ofACodOrder_returnsStock_noMoney();
    void otherShop_orOtherCustomer_isNotFound();
    void ship_setsCarrierAndAutoCompleteTimer_fromTheShopSettings();
    void completePickup_needsTheRightCode();
    void refundRequest_withinAfterSales_thenReject_returnsToCompleted();
    void refundRequest_afterTheAfterSalesWindow_isConflict();
    void refund_fromAccepted_returnsStock_fromShipped_doesNot();
    void partialRefund_addsUp_keepsTheStateAndTheAutoCompleteWait();
    void cancelPaid_recordsTheRefundDecision();
    void givenVersion_isUsed_withoutASecondBump();
    void stockReturn_toADeletedSku_isSkipped_notBlocking();
    void timerJob_closesUnpaidOnTime_returnsStock_andCompletesDueDeliveries();

private:
    qint64 count(const QString& sql, const QVariantList& values = {}) const;
    QString text(const QString& sql, const QVariantList& values = {}) const;
    QString addCustomer(const QString& shopId);
    // An order of one line of `quantity` pieces of m_skuId (stock already taken), with a "place" event.
    QString addOrder(const QString& state,
                     const QString& fulfilment = QStringLiteral("delivery"),
                     const QString& payment = QStringLiteral("wechat_pay"),
                     qint64 quantity = 2,
                     const QString& customerId = {});
    Result<OrderTransitionResult> apply(OrderTransitionRequest request);
    OrderTransitionRequest request(const QString& orderId, OrderAction action, OrderActor actor) const;
    qint64 stock() const { return count(QStringLiteral("SELECT stock FROM product_skus WHERE id = ?"), {m_skuId}); }
    qint64 counter() const
    {
        return count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId});
    }

    QTemporaryDir m_dir;
    std::unique_ptr<db::Database> m_database;
    ManualClock m_clock{1'700'000'000'000LL};
    QString m_shopId;
    QString m_otherShopId;
    QString m_customerId;
    QString m_otherCustomerId;
    QString m_productId;
    QString m_skuId;
    QString m_staffId;
};

void tst_OrderTransitions::init()
{
    QVERIFY(m_dir.isValid());
    QString url = QStringLiteral("sqlite:") + m_dir.filePath(Id::create() + QStringLiteral(".db"));
    if (ServerFixture::isPostgres()) {
        QString error;
        url = createTestDatabase(QStringLiteral("xd_ordertransitions"), &error).toString();
        QVERIFY2(!url.isEmpty(), qPrintable(error));
    }
    auto settings = db::DatabaseSettings::fromUrl(url);
    QVERIFY(settings.ok());
    auto database = db::Database::open(*settings);
    QVERIFY(database.ok());
    m_database = std::make_unique<db::Database>(std::move(*database));
    QVERIFY(db::Migrator(serverMigrations()).migrate(*m_database, m_clock.nowMs()).ok());
    ShopRepository shops(*m_database, m_clock);
    auto tx = db::Transaction::begin(*m_database);
    QVERIFY(tx.ok());
    auto shop = shops.createShop(QStringLiteral("订单店"));
    auto other = shops.createShop(QStringLiteral("别店"));
    QVERIFY(shop.ok() && other.ok());
    m_shopId = shop->id;
    m_otherShopId = other->id;
    auto staff =
        shops.addStaff(m_shopId, QStringLiteral("owner"), QStringLiteral("店主"), Role::Owner, QStringLiteral("x"));
    QVERIFY(staff.ok());
    m_staffId = *staff;
    QVERIFY(tx->commit().ok());
    m_customerId = addCustomer(m_shopId);
    m_otherCustomerId = addCustomer(m_shopId);
    m_productId = Id::create();
    m_skuId = Id::create();
    QVERIFY(m_database
                ->exec(QStringLiteral("INSERT INTO products (id, shop_id, name, on_shelf, min_price_fen, stock_total, "
                                      "search_text, version, created_at_ms, updated_at_ms) "
                                      "VALUES (?, ?, '苹果', 1, 500, 10, '苹果', 1, 1, 1)"),
                       {m_productId, m_shopId})
                .ok());
    QVERIFY(m_database
                ->exec(QStringLiteral("INSERT INTO product_skus (id, shop_id, product_id, position, price_fen, stock, "
                                      "version, created_at_ms, updated_at_ms) VALUES (?, ?, ?, 0, 500, 10, 1, 1, 1)"),
                       {m_skuId, m_shopId, m_productId})
                .ok());
}

void tst_OrderTransitions::cleanup()
{
    m_database.reset();
}

qint64 tst_OrderTransitions::count(const QString& sql, const QVariantList& values) const
{
    auto value = m_database->scalar(sql, values);
    return value ? value->toLongLong() : -1;
}

QString tst_OrderTransitions::text(const QString& sql, const QVariantList& values) const
{
    auto value = m_database->scalar(sql, values);
    return value ? value->toString() : QStringLiteral("<none>");
}

QString tst_OrderTransitions::addCustomer(const QString& shopId)
{
    const QString id = Id::create();
    auto inserted = m_database->exec(
        QStringLiteral("INSERT INTO customers (id, shop_id, openid, nickname, version, created_at_ms, updated_at_ms) "
                       "VALUES (?, ?, ?, '顾客', 1, 1, 1)"),
        {id, shopId, QStringLiteral("openid-") + id});
    return inserted ? id : QString();
}

QString tst_OrderTransitions::addOrder(
    const QString& state, const QString& fulfilment, const QString& payment, qint64 quantity, const QString& customerId)
{
    const QString id = Id::create();
    const qint64 goods = 500 * quantity;
    const qint64 paid = state == QLatin1String("pending_payment") || state == QLatin1String("cod_placed") ? 0 : goods;
    const qint64 completedAt = state == QLatin1String("completed") ? m_clock.nowMs() : 0;
    auto order = m_database->exec(
        QStringLiteral(
            "INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, fulfilment, "
            "payment_method, goods_fen, payable_fen, paid_fen, pickup_code, placed_at_ms, completed_at_ms, "
            "close_at_ms, version, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"),
        {id,
         m_shopId,
         id.right(10),
         customerId.isEmpty() ? m_customerId : customerId,
         id,
         state,
         fulfilment,
         payment,
         goods,
         goods,
         paid,
         fulfilment == QLatin1String("pickup") ? QStringLiteral("123456") : QStringLiteral(""),
         m_clock.nowMs(),
         completedAt,
         state == QLatin1String("pending_payment") ? m_clock.nowMs() + 30 * 60'000 : 0,
         m_clock.nowMs()});
    if (!order) {
        qWarning() << order.error().toString();
        return {};
    }
    auto item = m_database->exec(
        QStringLiteral("INSERT INTO order_items (id, order_id, shop_id, position, product_id, sku_id, product_name, "
                       "unit_price_fen, quantity, line_total_fen) VALUES (?, ?, ?, 0, ?, ?, '苹果', 500, ?, ?)"),
        {Id::create(), id, m_shopId, m_productId, m_skuId, quantity, goods});
    auto event = m_database->exec(
        QStringLiteral("INSERT INTO order_events (id, order_id, shop_id, seq, action, from_state, to_state, "
                       "actor_kind, actor_id, at_ms) VALUES (?, ?, ?, 1, 'place', '', ?, 'customer', ?, ?)"),
        {Id::create(), id, m_shopId, state, m_customerId, m_clock.nowMs()});
    return item && event ? id : QString();
}

OrderTransitionRequest tst_OrderTransitions::request(const QString& orderId, OrderAction action, OrderActor actor) const
{
    OrderTransitionRequest request;
    request.shopId = m_shopId;
    request.orderId = orderId;
    request.action = action;
    request.by.actor = actor;
    if (actor == OrderActor::Customer)
        request.by.actorId = m_customerId;
    else if (actor == OrderActor::MerchantOwner || actor == OrderActor::MerchantClerk)
        request.by.actorId = m_staffId;
    return request;
}

// Runs one transition in its own transaction, committed only when it succeeded (as every caller does).
Result<OrderTransitionResult> tst_OrderTransitions::apply(OrderTransitionRequest request)
{
    auto tx = db::Transaction::begin(*m_database);
    if (!tx)
        return tx.error();
    auto result = applyOrderTransition(*m_database, m_clock, request);
    if (!result)
        return result;
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    return result;
}

void tst_OrderTransitions::pay_setsPaidColumns_endsTheCloseTimer_andAppendsTheEvent()
{
    const QString order = addOrder(QStringLiteral("pending_payment"));
    QVERIFY(!order.isEmpty());
    const qint64 before = counter();
    m_clock.advanceMs(60'000);
    auto pay = request(order, OrderAction::Pay, OrderActor::PaymentNotification);
    pay.amountFen = 1000;
    auto result = apply(pay);
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(result->from, OrderState::PendingPayment);
    QCOMPARE(result->to, OrderState::Paid);
    QCOMPARE(result->version, before + 1);
    QCOMPARE(counter(), before + 1);
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}), QStringLiteral("paid"));
    QCOMPARE(count(QStringLiteral("SELECT paid_fen FROM orders WHERE id = ?"), {order}), 1000);
    QCOMPARE(count(QStringLiteral("SELECT paid_at_ms FROM orders WHERE id = ?"), {order}), m_clock.nowMs());
    QCOMPARE(count(QStringLiteral("SELECT close_at_ms FROM orders WHERE id = ?"), {order}), 0);
    QCOMPARE(count(QStringLiteral("SELECT version FROM orders WHERE id = ?"), {order}), before + 1);
    QCOMPARE(count(QStringLiteral("SELECT updated_at_ms FROM orders WHERE id = ?"), {order}), m_clock.nowMs());
    // The event: seq after the place event, who, from, to, the money.
    auto event = m_database->exec(QStringLiteral("SELECT seq, action, from_state, to_state, actor_kind, actor_id, "
                                                 "amount_fen, at_ms FROM order_events WHERE order_id = ? AND seq = 2"),
                                  {order});
    QVERIFY(event.ok() && event->next());
    QCOMPARE(event->value(1).toString(), QStringLiteral("pay"));
    QCOMPARE(event->value(2).toString(), QStringLiteral("pending_payment"));
    QCOMPARE(event->value(3).toString(), QStringLiteral("paid"));
    QCOMPARE(event->value(4).toString(), QStringLiteral("payment"));
    QCOMPARE(event->value(5).toString(), QString());
    QCOMPARE(event->value(6).toLongLong(), 1000);
    QCOMPARE(event->value(7).toLongLong(), m_clock.nowMs());
    QCOMPARE(stock(), 10); // paying moves no stock
}

void tst_OrderTransitions::pay_wrongAmount_orRepeated_isRefused_andWritesNothing()
{
    const QString order = addOrder(QStringLiteral("pending_payment"));
    const qint64 before = counter();
    auto pay = request(order, OrderAction::Pay, OrderActor::PaymentNotification);
    pay.amountFen = 999;
    auto wrong = apply(pay);
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(counter(), before);
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}), QStringLiteral("pending_payment"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ?"), {order}), 1);
    pay.amountFen = 1000;
    QVERIFY(apply(pay).ok());
    // A repeated notification finds the order paid: conflict, nothing written.
    auto again = apply(pay);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(counter(), before + 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ?"), {order}), 2);
    // A customer cannot pay by saying so.
    auto byCustomer = request(order, OrderAction::Accept, OrderActor::Customer);
    auto refused = apply(byCustomer);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
}

void tst_OrderTransitions::close_returnsStock_withAnAuditRow_andBumpsProducts()
{
    const QString order =
        addOrder(QStringLiteral("pending_payment"), QStringLiteral("delivery"), QStringLiteral("wechat_pay"), 3);
    QCOMPARE(stock(), 10);
    auto result = apply(request(order, OrderAction::Close, OrderActor::SystemTimer));
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}), QStringLiteral("closed"));
    QCOMPARE(stock(), 13);
    QCOMPARE(count(QStringLiteral("SELECT version FROM product_skus WHERE id = ?"), {m_skuId}), result->version);
    QCOMPARE(count(QStringLiteral("SELECT stock_total FROM products WHERE id = ?"), {m_productId}), 13);
    QCOMPARE(count(QStringLiteral("SELECT version FROM products WHERE id = ?"), {m_productId}), result->version);
    QCOMPARE(count(QStringLiteral("SELECT close_at_ms FROM orders WHERE id = ?"), {order}), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE shop_id = ? AND operation = "
                                  "'order.returnStock' AND version = ? AND staff_id IS NULL"),
                   {m_shopId, result->version}),
             1);
    QVERIFY(text(QStringLiteral("SELECT detail FROM audit_log WHERE operation = 'order.returnStock'"))
                .contains(m_skuId + QStringLiteral(" +3")));
    QCOMPARE(text(QStringLiteral("SELECT actor_kind FROM order_events WHERE order_id = ? AND seq = 2"), {order}),
             QStringLiteral("system"));
    // Closed is final: a second close (another server's timer) is a conflict and returns nothing twice.
    auto again = apply(request(order, OrderAction::Close, OrderActor::SystemTimer));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(stock(), 13);
}

void tst_OrderTransitions::cancel_byTheCustomer_ofACodOrder_returnsStock_noMoney()
{
    const QString order =
        addOrder(QStringLiteral("cod_placed"), QStringLiteral("delivery"), QStringLiteral("cash_on_delivery"), 4);
    auto cancel = request(order, OrderAction::Cancel, OrderActor::Customer);
    cancel.note = QStringLiteral("不要了");
    auto result = apply(cancel);
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(result->to, OrderState::Cancelled);
    QCOMPARE(stock(), 14);
    QCOMPARE(count(QStringLiteral("SELECT refunded_fen FROM orders WHERE id = ?"), {order}), 0);
    QCOMPARE(text(QStringLiteral("SELECT note FROM order_events WHERE order_id = ? AND seq = 2"), {order}),
             QStringLiteral("不要了"));
    QCOMPARE(text(QStringLiteral("SELECT actor_id FROM order_events WHERE order_id = ? AND seq = 2"), {order}),
             m_customerId);
}

void tst_OrderTransitions::otherShop_orOtherCustomer_isNotFound()
{
    const QString order = addOrder(QStringLiteral("pending_payment"));
    const qint64 before = counter();
    auto elsewhere = request(order, OrderAction::Cancel, OrderActor::MerchantOwner);
    elsewhere.shopId = m_otherShopId;
    auto result = apply(elsewhere);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::NotFound);
    auto stranger = request(order, OrderAction::Cancel, OrderActor::Customer);
    stranger.by.actorId = m_otherCustomerId;
    result = apply(stranger);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::NotFound);
    result = apply(request(Id::create(), OrderAction::Cancel, OrderActor::Customer));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::NotFound);
    QCOMPARE(counter(), before);
    QCOMPARE(stock(), 10);
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}), QStringLiteral("pending_payment"));
}

void tst_OrderTransitions::ship_setsCarrierAndAutoCompleteTimer_fromTheShopSettings()
{
    // No settings row: the default of 7 days.
    const QString first = addOrder(QStringLiteral("accepted"));
    auto ship = request(first, OrderAction::Ship, OrderActor::MerchantClerk);
    ship.carrier = QStringLiteral(" 顺丰 ");
    ship.trackingNo = QStringLiteral("SF123");
    QVERIFY(apply(ship).ok());
    QCOMPARE(text(QStringLiteral("SELECT carrier FROM orders WHERE id = ?"), {first}), QStringLiteral("顺丰"));
    QCOMPARE(text(QStringLiteral("SELECT tracking_no FROM orders WHERE id = ?"), {first}), QStringLiteral("SF123"));
    QCOMPARE(count(QStringLiteral("SELECT auto_complete_at_ms FROM orders WHERE id = ?"), {first}),
             m_clock.nowMs() + 7 * DayMs);
    QCOMPARE(text(QStringLiteral("SELECT actor_kind FROM order_events WHERE order_id = ? AND seq = 2"), {first}),
             QStringLiteral("staff"));
    // The shop's own setting.
    QVERIFY(
        m_database
            ->exec(QStringLiteral("INSERT INTO order_settings (shop_id, auto_complete_days, version, updated_at_ms) "
                                  "VALUES (?, 3, 1, 1)"),
                   {m_shopId})
            .ok());
    const QString second = addOrder(QStringLiteral("accepted"));
    QVERIFY(apply(request(second, OrderAction::Ship, OrderActor::MerchantOwner)).ok());
    QCOMPARE(count(QStringLiteral("SELECT auto_complete_at_ms FROM orders WHERE id = ?"), {second}),
             m_clock.nowMs() + 3 * DayMs);
    // Completing (the timer) ends the timer and stamps completed_at_ms.
    m_clock.advanceMs(3 * DayMs);
    QVERIFY(apply(request(second, OrderAction::Complete, OrderActor::SystemTimer)).ok());
    QCOMPARE(count(QStringLiteral("SELECT auto_complete_at_ms FROM orders WHERE id = ?"), {second}), 0);
    QCOMPARE(count(QStringLiteral("SELECT completed_at_ms FROM orders WHERE id = ?"), {second}), m_clock.nowMs());
    // A pickup order cannot be shipped.
    const QString pickup = addOrder(QStringLiteral("accepted"), QStringLiteral("pickup"));
    auto refused = apply(request(pickup, OrderAction::Ship, OrderActor::MerchantOwner));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
}

void tst_OrderTransitions::completePickup_needsTheRightCode()
{
    const QString order = addOrder(QStringLiteral("ready_for_pickup"), QStringLiteral("pickup"));
    auto complete = request(order, OrderAction::Complete, OrderActor::MerchantClerk);
    complete.pickupCode = QStringLiteral("654321");
    auto wrong = apply(complete);
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code, ErrorCode::InvalidArgument);
    complete.pickupCode.clear();
    QVERIFY(!apply(complete).ok());
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}),
             QStringLiteral("ready_for_pickup"));
    complete.pickupCode = QStringLiteral("123456");
    QVERIFY(apply(complete).ok());
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}), QStringLiteral("completed"));
}

void tst_OrderTransitions::refundRequest_withinAfterSales_thenReject_returnsToCompleted()
{
    const QString order = addOrder(QStringLiteral("completed"));
    m_clock.advanceMs(7 * DayMs); // exactly at the end of the default window: still allowed
    auto ask = request(order, OrderAction::RequestRefund, OrderActor::Customer);
    auto blank = apply(ask);
    QVERIFY(!blank.ok()); // a reason is required
    QCOMPARE(blank.error().code, ErrorCode::InvalidArgument);
    ask.note = QStringLiteral("坏了");
    QVERIFY(apply(ask).ok());
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}),
             QStringLiteral("refund_requested"));
    QCOMPARE(text(QStringLiteral("SELECT state_before_refund FROM orders WHERE id = ?"), {order}),
             QStringLiteral("completed"));
    QCOMPARE(text(QStringLiteral("SELECT refund_reason FROM orders WHERE id = ?"), {order}), QStringLiteral("坏了"));
    // A clerk may not decide refunds; the owner rejects: back to completed, the step kept in the log.
    auto byClerk = apply(request(order, OrderAction::RejectRefund, OrderActor::MerchantClerk));
    QVERIFY(!byClerk.ok());
    QCOMPARE(byClerk.error().code, ErrorCode::PermissionDenied);
    auto reject = request(order, OrderAction::RejectRefund, OrderActor::MerchantOwner);
    reject.note = QStringLiteral("人为损坏");
    auto rejected = apply(reject);
    QVERIFY(rejected.ok());
    QCOMPARE(rejected->to, OrderState::Completed);
    QCOMPARE(text(QStringLiteral("SELECT state_before_refund FROM orders WHERE id = ?"), {order}), QString());
    QCOMPARE(count(QStringLiteral("SELECT completed_at_ms FROM orders WHERE id = ?"), {order}),
             m_clock.nowMs() - 7 * DayMs); // completion time kept
    QCOMPARE(text(QStringLiteral("SELECT action FROM order_events WHERE order_id = ? AND seq = 3"), {order}),
             QStringLiteral("reject_refund"));
}

void tst_OrderTransitions::refundRequest_afterTheAfterSalesWindow_isConflict()
{
    QVERIFY(m_database
                ->exec(QStringLiteral("INSERT INTO order_settings (shop_id, after_sales_days, version, updated_at_ms) "
                                      "VALUES (?, 2, 1, 1)"),
                       {m_shopId})
                .ok());
    const QString order = addOrder(QStringLiteral("completed"));
    m_clock.advanceMs(2 * DayMs + 1);
    auto ask = request(order, OrderAction::RequestRefund, OrderActor::Customer);
    ask.note = QStringLiteral("晚了");
    auto late = apply(ask);
    QVERIFY(!late.ok());
    QCOMPARE(late.error().code, ErrorCode::Conflict);
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}), QStringLiteral("completed"));
}

void tst_OrderTransitions::refund_fromAccepted_returnsStock_fromShipped_doesNot()
{
    const QString accepted = addOrder(QStringLiteral("accepted"));
    auto ask = request(accepted, OrderAction::RequestRefund, OrderActor::Customer);
    ask.note = QStringLiteral("买错了");
    QVERIFY(apply(ask).ok());
    auto refund = request(accepted, OrderAction::Refund, OrderActor::MerchantOwner);
    refund.amountFen = 1001; // more than paid
    auto tooMuch = apply(refund);
    QVERIFY(!tooMuch.ok());
    QCOMPARE(tooMuch.error().code, ErrorCode::InvalidArgument);
    refund.amountFen = 0; // the whole remainder
    auto done = apply(refund);
    QVERIFY2(done.ok(), qPrintable(done ? QString() : done.error().toString()));
    QCOMPARE(done->to, OrderState::Refunded);
    QCOMPARE(stock(), 12);
    QCOMPARE(count(QStringLiteral("SELECT refunded_fen FROM orders WHERE id = ?"), {accepted}), 1000);
    QCOMPARE(count(QStringLiteral("SELECT amount_fen FROM order_events WHERE order_id = ? AND seq = 3"), {accepted}),
             1000);

    const QString shipped = addOrder(QStringLiteral("shipped"));
    ask.orderId = shipped;
    QVERIFY(apply(ask).ok());
    refund.orderId = shipped;
    refund.amountFen = 300; // a partial refund
    QVERIFY(apply(refund).ok());
    QCOMPARE(stock(), 12); // the goods had left the shop
    QCOMPARE(count(QStringLiteral("SELECT refunded_fen FROM orders WHERE id = ?"), {shipped}), 300);
}

void tst_OrderTransitions::partialRefund_addsUp_keepsTheStateAndTheAutoCompleteWait()
{
    const QString order = addOrder(QStringLiteral("accepted"));
    QVERIFY(apply(request(order, OrderAction::Ship, OrderActor::MerchantOwner)).ok());
    const qint64 due = count(QStringLiteral("SELECT auto_complete_at_ms FROM orders WHERE id = ?"), {order});
    QVERIFY(due > m_clock.nowMs());
    m_clock.advanceMs(DayMs);
    auto part = request(order, OrderAction::PartialRefund, OrderActor::MerchantOwner);
    for (const qint64 bad : {0LL, -5LL, 1000LL, 1001LL}) { // the whole rest is `refund`, not a partial one
        part.amountFen = bad;
        auto refused = apply(part);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    }
    part.amountFen = 400;
    QVERIFY(apply(part).ok());
    part.amountFen = 599;
    QVERIFY(apply(part).ok());
    QCOMPARE(count(QStringLiteral("SELECT refunded_fen FROM orders WHERE id = ?"), {order}), 999);
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}), QStringLiteral("shipped"));
    QCOMPARE(count(QStringLiteral("SELECT auto_complete_at_ms FROM orders WHERE id = ?"), {order}), due);
    part.amountFen = 1; // 1 fen left: only a full refund may take it
    QVERIFY(!apply(part).ok());
    auto byClerk = request(order, OrderAction::PartialRefund, OrderActor::MerchantClerk);
    byClerk.amountFen = 100;
    QCOMPARE(apply(byClerk).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(stock(), 10);
}

void tst_OrderTransitions::cancelPaid_recordsTheRefundDecision()
{
    const QString order = addOrder(QStringLiteral("paid"));
    auto byClerk = apply(request(order, OrderAction::Cancel, OrderActor::MerchantClerk));
    QVERIFY(!byClerk.ok());
    QCOMPARE(byClerk.error().code, ErrorCode::PermissionDenied);
    auto cancel = request(order, OrderAction::Cancel, OrderActor::Customer);
    auto result = apply(cancel);
    QVERIFY(result.ok());
    QCOMPARE(count(QStringLiteral("SELECT refunded_fen FROM orders WHERE id = ?"), {order}), 1000);
    QCOMPARE(count(QStringLiteral("SELECT amount_fen FROM order_events WHERE order_id = ? AND seq = 2"), {order}),
             1000);
    QCOMPARE(stock(), 12);
}

void tst_OrderTransitions::givenVersion_isUsed_withoutASecondBump()
{
    const QString order = addOrder(QStringLiteral("paid"));
    auto tx = db::Transaction::begin(*m_database);
    QVERIFY(tx.ok());
    auto version = ShopRepository(*m_database, m_clock).bumpChangeCounter(m_shopId);
    QVERIFY(version.ok());
    auto accept = request(order, OrderAction::Accept, OrderActor::MerchantOwner);
    accept.version = *version;
    auto result = applyOrderTransition(*m_database, m_clock, accept);
    QVERIFY(result.ok());
    QVERIFY(tx->commit().ok());
    QCOMPARE(result->version, *version);
    QCOMPARE(counter(), *version);
    QCOMPARE(count(QStringLiteral("SELECT version FROM orders WHERE id = ?"), {order}), *version);
}

void tst_OrderTransitions::stockReturn_toADeletedSku_isSkipped_notBlocking()
{
    const QString order = addOrder(QStringLiteral("pending_payment"));
    QVERIFY(m_database->exec(QStringLiteral("DELETE FROM product_skus WHERE id = ?"), {m_skuId}).ok());
    auto result = apply(request(order, OrderAction::Close, OrderActor::SystemTimer));
    QVERIFY(result.ok());
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {order}), QStringLiteral("closed"));
    QVERIFY(text(QStringLiteral("SELECT detail FROM audit_log WHERE operation = 'order.returnStock'"))
                .contains(QStringLiteral("skipped")));
}

void tst_OrderTransitions::timerJob_closesUnpaidOnTime_returnsStock_andCompletesDueDeliveries()
{
    const QString unpaid = addOrder(QStringLiteral("pending_payment"),
                                    QStringLiteral("delivery"),
                                    QStringLiteral("wechat_pay"),
                                    4); // close_at_ms = now + 30 min
    const QString shipped = addOrder(QStringLiteral("accepted"));
    QVERIFY(apply(request(shipped, OrderAction::Ship, OrderActor::MerchantOwner)).ok()); // completes in 7 days
    const QString cod =
        addOrder(QStringLiteral("cod_placed"), QStringLiteral("delivery"), QStringLiteral("cash_on_delivery"));
    ChangeNotifier notifier;
    QSignalSpy moved(&notifier, &ChangeNotifier::orderTransitioned);
    OrderTimerJob job(*m_database, m_clock, notifier, 60'000);
    // Not before its time: one millisecond early nothing happens.
    m_clock.advanceMs(30 * 60'000 - 1);
    QCOMPARE(job.runOnce(), 0);
    QCOMPARE(stock(), 10);
    m_clock.advanceMs(1);
    QCOMPARE(job.runOnce(), 1);
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {unpaid}), QStringLiteral("closed"));
    QCOMPARE(stock(), 14);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.at(0).at(1).toString(), unpaid);
    QCOMPARE(moved.at(0).at(2).toString(), QStringLiteral("close"));
    QCOMPARE(job.runOnce(), 0); // closed once
    QCOMPARE(stock(), 14);
    // An order paid meanwhile is not closed even if its (stale) due time says so: the state decides.
    const QString paidLate = addOrder(QStringLiteral("pending_payment"));
    QVERIFY(
        m_database->exec(QStringLiteral("UPDATE orders SET state = 'paid', close_at_ms = 1 WHERE id = ?"), {paidLate})
            .ok());
    m_clock.advanceMs(7 * DayMs);
    QCOMPARE(job.runOnce(), 1); // the shipped delivery only
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {shipped}), QStringLiteral("completed"));
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {paidLate}), QStringLiteral("paid"));
    QCOMPARE(text(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {cod}), QStringLiteral("cod_placed"));
    QCOMPARE(text(QStringLiteral("SELECT actor_kind FROM order_events WHERE order_id = ? ORDER BY seq DESC LIMIT 1"),
                  {shipped}),
             QStringLiteral("system"));
    // A row that becomes due later is closed on the next pass, once.
    const QString raced = addOrder(QStringLiteral("pending_payment"));
    QVERIFY(m_database->exec(QStringLiteral("UPDATE orders SET close_at_ms = 1 WHERE id = ?"), {raced}).ok());
    QCOMPARE(job.runOnce(), 1);
    QCOMPARE(job.runOnce(), 0);
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_OrderTransitions>(argc, argv);
}
#include "tst_ordertransitions.moc"
