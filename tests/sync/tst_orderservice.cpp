#include "CacheDatabase.h"
#include "OrderSeed.h"
#include "OrderService.h"
#include "TestCache.h"
#include "xiaodian/OrderState.h"

#include <QBuffer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace xd;
using xd::test::TestCache;
using xd::test::WireOrder;

namespace {

constexpr qint64 Day = 86'400'000;
const qint64 Start = QDateTime(QDate(2026, 10, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();

const QStringList States{QStringLiteral("pending_payment"),
                         QStringLiteral("cod_placed"),
                         QStringLiteral("paid"),
                         QStringLiteral("accepted"),
                         QStringLiteral("shipped"),
                         QStringLiteral("ready_for_pickup"),
                         QStringLiteral("in_service"),
                         QStringLiteral("completed"),
                         QStringLiteral("cancelled"),
                         QStringLiteral("closed"),
                         QStringLiteral("refund_requested"),
                         QStringLiteral("refunded")};
const QStringList Modes{QStringLiteral("delivery"), QStringLiteral("pickup"), QStringLiteral("in_store")};
const QStringList Payments{QStringLiteral("wechat_pay"), QStringLiteral("balance"), QStringLiteral("cash_on_delivery")};

sync::MutationResult accepted(qint64 mid)
{
    return sync::MutationResult{mid, sync::MutationResult::Status::Accepted, {}, {}};
}

QStringList ids(const QList<Order>& orders)
{
    QStringList list;
    for (const Order& order : orders)
        list << order.id;
    return list;
}

} // namespace

class tst_OrderService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void migration6_createsTheOrderTables();
    void actionText_namesEveryStepOfTheHistory();
    void filters_matchBruteForce();
    void overlay_showsQueuedOperationsUntilThePullBringsThem();
    void operations_areCheckedBeforeQueueing();
    void refunds_fullOnlyForARequest_partialOtherwise();
    void batch_allOrNone();
    void rejection_dropsTheOptimisticState();
    void ordersArrived_onlyForNewReadyOrders();
    void csv_quotesGuardsAndFollowsTheFilter();
    void tombstone_removesTheOrder();
    void largeShop_countsPagesAndFiltersAreExact();

private:
    Status seed(const QList<WireOrder>& orders, const QString& cookie = QStringLiteral("1.0.x"), bool more = false);
    WireOrder make(const QString& state,
                   const QString& mode = QStringLiteral("delivery"),
                   const QString& payment = QStringLiteral("wechat_pay"));
    qint64 mid(const Result<qint64>& result) { return result ? *result : -1; }

    std::unique_ptr<TestCache> m_cache;
    QList<WireOrder> m_seeded;
    int m_next = 0;
};

void tst_OrderService::init()
{
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
    m_seeded.clear();
    m_next = 0;
}

void tst_OrderService::cleanup()
{
    m_cache.reset();
}

Status tst_OrderService::seed(const QList<WireOrder>& orders, const QString& cookie, bool more)
{
    QList<sync::SyncRow> rows;
    for (const WireOrder& order : orders)
        rows.append(order.row());
    m_seeded += orders;
    return m_cache->store->applyPullPage(rows, cookie, 1, more);
}

WireOrder tst_OrderService::make(const QString& state, const QString& mode, const QString& payment)
{
    WireOrder order;
    ++m_next;
    order.id = QStringLiteral("o%1").arg(m_next, 5, 10, QLatin1Char('0'));
    order.number = QStringLiteral("261125%1").arg(m_next, 4, 10, QLatin1Char('0'));
    order.state = state;
    order.fulfilment = mode;
    order.paymentMethod = payment;
    order.placedAtMs = Start + m_next * 3'600'000;
    if (mode == QLatin1String("pickup"))
        order.pickupCode = QStringLiteral("8%1").arg(m_next, 5, 10, QLatin1Char('0'));
    return order;
}

void tst_OrderService::migration6_createsTheOrderTables()
{
    QCOMPARE(m_cache->store->schemaVersion().valueOr(-1), CacheStore::latestSchemaVersion());
    QSqlQuery q(m_cache->database->database());
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND "
                                  "(name LIKE 'order%') ORDER BY name")));
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    QCOMPARE(names,
             (QStringList{QStringLiteral("order"),
                          QStringLiteral("order_list"),
                          QStringLiteral("order_list_by_placed"),
                          QStringLiteral("order_list_by_state"),
                          QStringLiteral("order_settings")}));
    // The generic row access copes with the keyword table name.
    WireOrder order = make(QStringLiteral("paid"));
    QVERIFY(seed({order}));
    QCOMPARE(m_cache->store->rowCount(CacheStore::OrderEntity).valueOr(-1), 1);
    auto row = m_cache->store->row(CacheStore::OrderEntity, order.id);
    QVERIFY(row && *row);
    QCOMPARE((*row)->data.value(QStringLiteral("number")).toString(), order.number);
    QVERIFY(m_cache->store->applyPullPage({sync::SyncRow{CacheStore::OrderSettingsEntity,
                                                         QStringLiteral("shop1"),
                                                         2,
                                                         false,
                                                         QJsonObject{{QStringLiteral("deliveryFeeFen"), 800}}}},
                                          QStringLiteral("2.0.x"),
                                          2,
                                          false));
    auto settings = m_cache->store->row(CacheStore::OrderSettingsEntity, QStringLiteral("shop1"));
    QVERIFY(settings && *settings);
    QCOMPARE((*settings)->data.value(QStringLiteral("deliveryFeeFen")).toInt(), 800);
    // A row without the optional fields (a newer or older server) still stores, with '' in the list columns.
    QVERIFY(
        m_cache->store->applyPullPage({sync::SyncRow{QStringLiteral("order"),
                                                     QStringLiteral("bare"),
                                                     3,
                                                     false,
                                                     QJsonObject{{QStringLiteral("state"), QStringLiteral("paid")}}}},
                                      QStringLiteral("3.0.x"),
                                      3,
                                      false));
    OrderService service(*m_cache->store, Role::Owner);
    QCOMPARE(service.count({}).valueOr(-1), 2);
    OrderQuery search;
    search.search = order.contactPhone;
    QCOMPARE(ids(service.list(search, 0, 10).value()), QStringList{order.id});
}

void tst_OrderService::filters_matchBruteForce()
{
    QRandomGenerator random(20261125);
    QList<WireOrder> orders;
    const QStringList nicknames{QStringLiteral("Alice"),
                                QStringLiteral("小李"),
                                QStringLiteral("ALICE B"),
                                QStringLiteral("王_五"),
                                QStringLiteral("100%好评")};
    for (int i = 0; i < 400; ++i) {
        WireOrder order = make(States.at(random.bounded(States.size())),
                               Modes.at(random.bounded(Modes.size())),
                               Payments.at(random.bounded(Payments.size())));
        order.placedAtMs = Start + random.bounded(30) * Day + random.bounded(Day);
        if (i % 7 == 0)
            order.placedAtMs = Start + 5 * Day; // ties on the sort key: by id, descending
        order.nickname = nicknames.at(random.bounded(nicknames.size()));
        order.contactPhone = QStringLiteral("139%1").arg(random.bounded(100'000'000), 8, 10, QLatin1Char('0'));
        orders.append(order);
    }
    QVERIFY(seed(orders));
    OrderService service(*m_cache->store, Role::Owner);

    auto bruteForce = [this](const OrderQuery& q) {
        QList<WireOrder> hits;
        const QString needle = q.search.trimmed().toLower();
        for (const WireOrder& o : std::as_const(m_seeded)) {
            if (!q.states.isEmpty() && !q.states.contains(o.state))
                continue;
            if (q.placedFromMs > 0 && o.placedAtMs < q.placedFromMs)
                continue;
            if (q.placedBeforeMs > 0 && o.placedAtMs >= q.placedBeforeMs)
                continue;
            if (!q.fulfilment.isEmpty() && o.fulfilment != q.fulfilment)
                continue;
            if (!q.paymentMethod.isEmpty() && o.paymentMethod != q.paymentMethod)
                continue;
            if (!needle.isEmpty() && !o.number.toLower().contains(needle) &&
                !o.contactPhone.toLower().contains(needle) && !o.contactName.toLower().contains(needle) &&
                !o.nickname.toLower().contains(needle))
                continue;
            hits.append(o);
        }
        std::sort(hits.begin(), hits.end(), [](const WireOrder& a, const WireOrder& b) {
            return a.placedAtMs != b.placedAtMs ? a.placedAtMs > b.placedAtMs : a.id > b.id;
        });
        QStringList list;
        for (const WireOrder& o : hits)
            list << o.id;
        return list;
    };

    QList<OrderQuery> queries;
    queries << OrderQuery{};
    OrderQuery q;
    q.states = {QStringLiteral("paid"), QStringLiteral("cod_placed")};
    queries << q;
    q = {};
    q.placedFromMs = Start + 3 * Day;
    q.placedBeforeMs = Start + 10 * Day;
    queries << q;
    q.states = {QStringLiteral("shipped")};
    q.fulfilment = QStringLiteral("delivery");
    queries << q;
    q = {};
    q.paymentMethod = QStringLiteral("cash_on_delivery");
    q.fulfilment = QStringLiteral("pickup");
    queries << q;
    q = {};
    q.search = QStringLiteral("alice"); // case-insensitive, matches "Alice" and "ALICE B"
    queries << q;
    q.search = QStringLiteral("_"); // literal, not a wildcard
    queries << q;
    q.search = QStringLiteral("100%");
    queries << q;
    q.search = orders.at(17).number;
    queries << q;
    q.search = orders.at(42).contactPhone.right(6);
    queries << q;
    q = {};
    q.placedFromMs = Start + 5 * Day;
    q.placedBeforeMs = Start + 5 * Day + 1; // exactly the tied instant
    queries << q;
    q.states = {QStringLiteral("no_such_state")};
    queries << q;

    for (const OrderQuery& query : std::as_const(queries)) {
        const QStringList expected = bruteForce(query);
        QCOMPARE(service.count(query).valueOr(-1), int(expected.size()));
        QCOMPARE(ids(service.list(query, 0, 1000).value()), expected);
        // Paging: a window in the middle.
        QCOMPARE(ids(service.list(query, 11, 37).value()), expected.mid(11, 37));
    }
    // The queries above must have found something, or they prove little.
    QVERIFY(bruteForce(queries.at(5)).size() > 50);
    QCOMPARE(bruteForce(queries.at(8)).size(), 1);
    QVERIFY(bruteForce(queries.at(10)).size() > 10);
}

void tst_OrderService::overlay_showsQueuedOperationsUntilThePullBringsThem()
{
    WireOrder order = make(QStringLiteral("paid"));
    QVERIFY(seed({order, make(QStringLiteral("paid")), make(QStringLiteral("accepted"))}));
    OrderService service(*m_cache->store, Role::Clerk);
    QSignalSpy changed(&service, &OrderService::ordersChanged);
    OrderQuery toAccept;
    toAccept.states = {QStringLiteral("paid")};
    OrderQuery acceptedOnly;
    acceptedOnly.states = {QStringLiteral("accepted")};
    QCOMPARE(service.count(toAccept).valueOr(-1), 2);

    const qint64 acceptMid = mid(service.accept(order.id));
    QVERIFY(acceptMid > 0);
    QVERIFY(changed.count() > 0);
    auto shown = service.order(order.id);
    QVERIFY(shown && *shown);
    QCOMPARE((*shown)->state, QStringLiteral("accepted"));
    QVERIFY((*shown)->pending);
    QCOMPARE((*shown)->items.size(), 2); // the overlay keeps the whole order
    QCOMPARE(service.count(toAccept).valueOr(-1), 1);
    QCOMPARE(service.count(acceptedOnly).valueOr(-1), 2);
    const QList<Order> listed = service.list(acceptedOnly, 0, 10).value();
    QCOMPARE(ids(listed).count(order.id), 1);
    QVERIFY(std::find_if(listed.cbegin(), listed.cend(), [&](const Order& o) { return o.id == order.id; })->pending);

    // Offline, the next step builds on the optimistic state.
    const qint64 shipMid = mid(service.ship(order.id, QStringLiteral(" 顺丰速运 "), QStringLiteral("SF1234567890")));
    QVERIFY(shipMid > acceptMid);
    auto queued = m_cache->store->operation(shipMid);
    QVERIFY(queued && *queued);
    QCOMPARE((*queued)->name, QStringLiteral("order.ship"));
    QCOMPARE((*queued)->args,
             (QJsonObject{{QStringLiteral("orderId"), order.id},
                          {QStringLiteral("carrier"), QStringLiteral("顺丰速运")},
                          {QStringLiteral("trackingNo"), QStringLiteral("SF1234567890")}}));
    shown = service.order(order.id);
    QCOMPARE((*shown)->state, QStringLiteral("shipped"));
    QCOMPARE((*shown)->trackingNo, QStringLiteral("SF1234567890"));
    QVERIFY(mid(service.remark(order.id, QStringLiteral("送到前台"))) > 0);
    QCOMPARE(service.order(order.id).value()->merchantRemark, QStringLiteral("送到前台"));

    // Acknowledged: still shown (no snapping back) but no longer pending.
    QVERIFY(
        m_cache->store->applyPushResults({accepted(acceptMid), accepted(shipMid), accepted(shipMid + 1)}, shipMid + 1));
    shown = service.order(order.id);
    QCOMPARE((*shown)->state, QStringLiteral("shipped"));
    QVERIFY(!(*shown)->pending);

    // The pull brings the server's row: the overlay is gone, the confirmed row says the same.
    WireOrder onServer = order;
    onServer.state = QStringLiteral("shipped");
    QJsonObject data = onServer.data();
    data.insert(QStringLiteral("carrier"), QStringLiteral("顺丰速运"));
    data.insert(QStringLiteral("trackingNo"), QStringLiteral("SF1234567890"));
    QVERIFY(m_cache->store->applyPullPage(
        {sync::SyncRow{QStringLiteral("order"), order.id, 5, false, data}}, QStringLiteral("5.0.x"), 5, false));
    QVERIFY(m_cache->store->acknowledgedOperations().value().isEmpty());
    shown = service.order(order.id);
    QCOMPARE((*shown)->state, QStringLiteral("shipped"));
    QCOMPARE((*shown)->carrier, QStringLiteral("顺丰速运"));
    QCOMPARE((*shown)->merchantRemark, QString()); // the server's row decides now
    OrderQuery shippedOnly;
    shippedOnly.states = {QStringLiteral("shipped")};
    QCOMPARE(service.count(shippedOnly).valueOr(-1), 1);
}

void tst_OrderService::operations_areCheckedBeforeQueueing()
{
    WireOrder paid = make(QStringLiteral("paid"));
    WireOrder pickup = make(QStringLiteral("ready_for_pickup"), QStringLiteral("pickup"));
    WireOrder cod = make(QStringLiteral("shipped"), QStringLiteral("delivery"), QStringLiteral("cash_on_delivery"));
    WireOrder done = make(QStringLiteral("cancelled"));
    QVERIFY(seed({paid, pickup, cod, done}));
    OrderService clerk(*m_cache->store, Role::Clerk);
    const int before = m_cache->store->pendingCount();

    auto code = [](const auto& result) {
        return result ? ErrorCode::Internal : result.error().code;
    };
    // Not the state for it: the state machine says no, and says where the order is.
    auto shipPaid = clerk.ship(paid.id, QStringLiteral("顺丰"), QStringLiteral("SF1"));
    QCOMPARE(code(shipPaid), ErrorCode::Conflict);
    QVERIFY(shipPaid.error().message.contains(paid.number));
    QCOMPARE(code(clerk.accept(done.id)), ErrorCode::Conflict);
    QCOMPARE(code(clerk.accept(QStringLiteral("nope"))), ErrorCode::NotFound);
    // A clerk never moves money out: cancelling a paid order is the owner's.
    QVERIFY(!clerk.allowedActions(clerk.order(paid.id).value().value()).contains(OrderAction::Cancel));
    QCOMPARE(code(clerk.cancel(paid.id, QStringLiteral("缺货"))), ErrorCode::Conflict);
    QCOMPARE(code(clerk.refund(paid.id, 100, QStringLiteral("少发"))), ErrorCode::PermissionDenied);
    // Bad input.
    QCOMPARE(code(clerk.ship(cod.id, QString(), QStringLiteral("SF1"))), ErrorCode::InvalidArgument);
    QCOMPARE(code(clerk.ship(cod.id, QStringLiteral("顺丰"), QString(51, QLatin1Char('1')))),
             ErrorCode::InvalidArgument);
    QCOMPARE(code(clerk.cancel(cod.id, QStringLiteral("   "))), ErrorCode::InvalidArgument);
    QCOMPARE(code(clerk.remark(paid.id, QString(501, QLatin1Char('x')))), ErrorCode::InvalidArgument);
    // Pickup: the customer's code, and the right one.
    QCOMPARE(code(clerk.complete(pickup.id)), ErrorCode::InvalidArgument);
    QCOMPARE(code(clerk.complete(pickup.id, QStringLiteral("000000"))), ErrorCode::InvalidArgument);
    QCOMPARE(m_cache->store->pendingCount(), before); // nothing of the above was queued

    const qint64 completed = mid(clerk.complete(pickup.id, QStringLiteral(" %1 ").arg(pickup.pickupCode)));
    QVERIFY(completed > 0);
    QCOMPARE(m_cache->store->operation(completed).value()->args.value(QStringLiteral("pickupCode")).toString(),
             pickup.pickupCode);
    QCOMPARE(clerk.order(pickup.id).value()->state, QStringLiteral("completed"));
    // Cash on delivery: collected at the door completes the order.
    QVERIFY(clerk.allowedActions(clerk.order(cod.id).value().value()).contains(OrderAction::MarkCollected));
    QVERIFY(mid(clerk.markCollected(cod.id)) > 0);
    QCOMPARE(clerk.order(cod.id).value()->state, QStringLiteral("completed"));
    // Queued twice: the second is judged on the optimistic state.
    QCOMPARE(code(clerk.markCollected(cod.id)), ErrorCode::Conflict);
    QCOMPARE(m_cache->store->pendingCount(), before + 2);
}

void tst_OrderService::refunds_fullOnlyForARequest_partialOtherwise()
{
    WireOrder requested = make(QStringLiteral("refund_requested"));
    requested.stateBeforeRefund = QStringLiteral("shipped");
    WireOrder paid = make(QStringLiteral("paid"));
    WireOrder requested2 = make(QStringLiteral("refund_requested"));
    requested2.stateBeforeRefund = QStringLiteral("completed");
    QVERIFY(seed({requested, paid, requested2}));
    OrderService owner(*m_cache->store, Role::Owner);
    auto code = [](const auto& result) {
        return result ? ErrorCode::Internal : result.error().code;
    };

    const QList<OrderAction> forRequest = owner.allowedActions(owner.order(requested.id).value().value());
    QVERIFY(forRequest.contains(OrderAction::Refund));
    QVERIFY(forRequest.contains(OrderAction::RejectRefund));
    QCOMPARE(code(owner.refund(requested.id, 0, QStringLiteral("ok"))), ErrorCode::InvalidArgument);
    QCOMPARE(code(owner.refund(requested.id, requested.payableFen + 1, QStringLiteral("ok"))),
             ErrorCode::InvalidArgument);
    QCOMPARE(code(owner.refund(requested.id, requested.payableFen, QString())), ErrorCode::InvalidArgument);
    // All of it: refunded.
    const qint64 full = mid(owner.refund(requested.id, requested.payableFen, QStringLiteral("同意")));
    QVERIFY(full > 0);
    QCOMPARE(m_cache->store->operation(full).value()->args,
             (QJsonObject{{QStringLiteral("orderId"), requested.id},
                          {QStringLiteral("amountFen"), requested.payableFen},
                          {QStringLiteral("reason"), QStringLiteral("同意")}}));
    Order shown = owner.order(requested.id).value().value();
    QCOMPARE(shown.state, QStringLiteral("refunded"));
    QCOMPARE(shown.refundedFen, requested.payableFen);

    // No request: only a part (all of it would be a cancellation); the state stays.
    QVERIFY(owner.allowedActions(owner.order(paid.id).value().value()).contains(OrderAction::PartialRefund));
    QCOMPARE(code(owner.refund(paid.id, paid.payableFen, QStringLiteral("全退"))), ErrorCode::InvalidArgument);
    QVERIFY(mid(owner.refund(paid.id, 150, QStringLiteral("少送一个"))) > 0);
    shown = owner.order(paid.id).value().value();
    QCOMPARE(shown.state, QStringLiteral("paid"));
    QCOMPARE(shown.refundedFen, 150);
    QCOMPARE(shown.refundableFen(), paid.payableFen - 150);

    // A part of a requested refund answers it: back to where the order was.
    QVERIFY(mid(owner.refund(requested2.id, 100, QStringLiteral("部分"))) > 0);
    QCOMPARE(owner.order(requested2.id).value()->state, QStringLiteral("completed"));

    // Rejecting needs a note, and is the owner's.
    WireOrder requested3 = make(QStringLiteral("refund_requested"));
    requested3.stateBeforeRefund = QStringLiteral("accepted");
    QVERIFY(seed({requested3}, QStringLiteral("1.1.x")));
    OrderService clerk(*m_cache->store, Role::Clerk);
    QVERIFY(clerk.allowedActions(clerk.order(requested3.id).value().value()).isEmpty());
    QCOMPARE(code(clerk.rejectRefund(requested3.id, QStringLiteral("no"))), ErrorCode::PermissionDenied);
    QCOMPARE(code(owner.rejectRefund(requested3.id, QString())), ErrorCode::InvalidArgument);
    QVERIFY(mid(owner.rejectRefund(requested3.id, QStringLiteral("已发货"))) > 0);
    QCOMPARE(owner.order(requested3.id).value()->state, QStringLiteral("accepted"));
}

void tst_OrderService::batch_allOrNone()
{
    WireOrder a = make(QStringLiteral("paid"));
    WireOrder b = make(QStringLiteral("cod_placed"), QStringLiteral("delivery"), QStringLiteral("cash_on_delivery"));
    WireOrder c = make(QStringLiteral("completed"));
    QVERIFY(seed({a, b, c}));
    OrderService service(*m_cache->store, Role::Clerk);
    const int before = m_cache->store->pendingCount();
    QVERIFY(!service.acceptAll({a.id, b.id, c.id}));
    QCOMPARE(m_cache->store->pendingCount(), before);
    auto mids = service.acceptAll({a.id, b.id});
    QVERIFY(mids);
    QCOMPARE(mids->size(), 2);
    QCOMPARE(mids->at(1), mids->at(0) + 1);
    auto noNumber = service.shipAll({{a.id, QStringLiteral("YT1")}, {b.id, QString()}}, QStringLiteral("圆通"));
    QVERIFY(!noNumber);
    QVERIFY(noNumber.error().message.contains(b.number));
    QCOMPARE(m_cache->store->pendingCount(), before + 2);
    QVERIFY(service.shipAll({{a.id, QStringLiteral("YT1")}, {b.id, QStringLiteral("YT2")}}, QStringLiteral("圆通")));
    QCOMPARE(service.order(a.id).value()->state, QStringLiteral("shipped"));
    QCOMPARE(service.order(b.id).value()->trackingNo, QStringLiteral("YT2"));
}

void tst_OrderService::rejection_dropsTheOptimisticState()
{
    WireOrder order = make(QStringLiteral("paid"));
    QVERIFY(seed({order}));
    OrderService service(*m_cache->store, Role::Owner);
    const qint64 acceptMid = mid(service.accept(order.id));
    QCOMPARE(service.order(order.id).value()->state, QStringLiteral("accepted"));
    // Meanwhile the customer cancelled: the server refuses the accept.
    WireOrder cancelled = order;
    cancelled.state = QStringLiteral("cancelled");
    QVERIFY(m_cache->store->applyPullPage({cancelled.row(3)}, QStringLiteral("3.0.x"), 3, false));
    QVERIFY(m_cache->store->applyPushResults({sync::MutationResult{acceptMid,
                                                                   sync::MutationResult::Status::Rejected,
                                                                   QStringLiteral("conflict"),
                                                                   QStringLiteral("The order is cancelled.")}},
                                             acceptMid));
    QCOMPARE(m_cache->store->rejectedCount(), 1);
    const Order shown = service.order(order.id).value().value();
    QCOMPARE(shown.state, QStringLiteral("cancelled"));
    QVERIFY(!shown.pending);
    QVERIFY(service.allowedActions(shown).isEmpty());
    QCOMPARE(service.orderNumber(order.id), order.number); // what the rejected-operations list names it by
}

void tst_OrderService::ordersArrived_onlyForNewReadyOrders()
{
    OrderService service(*m_cache->store, Role::Owner);
    QSignalSpy arrived(&service, &OrderService::ordersArrived);
    // The first sync brings history, not news.
    QVERIFY(seed({make(QStringLiteral("paid")), make(QStringLiteral("accepted"))}, QStringLiteral("1.0.x"), true));
    QVERIFY(seed({make(QStringLiteral("paid"))}, QStringLiteral("1.1.x"), false));
    QCOMPARE(arrived.count(), 0);

    WireOrder online = make(QStringLiteral("pending_payment"));
    WireOrder cod = make(QStringLiteral("cod_placed"), QStringLiteral("pickup"), QStringLiteral("cash_on_delivery"));
    QVERIFY(seed({online, cod}, QStringLiteral("2.0.x")));
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(arrived.takeFirst().at(0).toStringList(), QStringList{cod.id});
    // Its payment arrives: now it is news.
    online.state = QStringLiteral("paid");
    QVERIFY(seed({online}, QStringLiteral("3.0.x")));
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(arrived.takeFirst().at(0).toStringList(), QStringList{online.id});
    // Seen again paid (a remark changed it), or accepted: not news any more.
    QVERIFY(seed({online}, QStringLiteral("4.0.x")));
    online.state = QStringLiteral("accepted");
    QVERIFY(seed({online}, QStringLiteral("5.0.x")));
    QCOMPARE(arrived.count(), 0);
}

void tst_OrderService::csv_quotesGuardsAndFollowsTheFilter()
{
    WireOrder a = make(QStringLiteral("completed"));
    a.nickname = QStringLiteral("=HYPERLINK(\"x\")");
    a.placedAtMs = Start + 2 * Day;
    WireOrder b = make(QStringLiteral("paid"));
    b.placedAtMs = Start + 3 * Day;
    WireOrder c = make(QStringLiteral("paid"));
    c.placedAtMs = Start + 9 * Day; // outside the range
    QVERIFY(seed({a, b, c}));
    OrderService service(*m_cache->store, Role::Owner);
    OrderQuery range;
    range.placedFromMs = Start + Day;
    range.placedBeforeMs = Start + 5 * Day;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    auto written = service.exportCsv(range, buffer);
    QVERIFY(written);
    QCOMPARE(*written, 2);
    const QByteArray bytes = buffer.data();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const QString text = QString::fromUtf8(bytes.mid(3));
    QVERIFY(text.endsWith(QLatin1String("\r\n")));
    const QStringList lines = text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);                                    // header + 2: no bare LF breaks a record
    QVERIFY(lines.at(1).startsWith(b.number + QLatin1Char(','))); // newest first
    QVERIFY(lines.at(2).startsWith(a.number + QLatin1Char(',')));
    QVERIFY(!text.contains(c.number));
    // RFC 4180 quoting, formula guard, yuan from fen.
    QVERIFY(lines.at(2).contains(QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"")));
    QVERIFY(lines.at(2).contains(QStringLiteral("Croissant, \"\"butter\"\"")));
    QVERIFY(lines.at(2).contains(QStringLiteral(",36.50,")));
}

void tst_OrderService::tombstone_removesTheOrder()
{
    WireOrder order = make(QStringLiteral("paid"));
    QVERIFY(seed({order}));
    OrderService service(*m_cache->store, Role::Owner);
    QCOMPARE(service.count({}).valueOr(-1), 1);
    QVERIFY(m_cache->store->applyPullPage(
        {sync::SyncRow{QStringLiteral("order"), order.id, 2, true, {}}}, QStringLiteral("2.0.x"), 2, false));
    QCOMPARE(service.count({}).valueOr(-1), 0);
    QVERIFY(!service.order(order.id).value().has_value());
}

void tst_OrderService::largeShop_countsPagesAndFiltersAreExact()
{
    // Orders of two lines and one event each, stored in pages of 1,000 as the sync client stores them: 5,000 in the
    // suite; XD_LARGE_ORDERS=50000 gives the figures in docs/performance.md (printed, never asserted: timing belongs in
    // measurements, not in pass/fail).
    const int Total = std::max(1000,
                               qEnvironmentVariableIntValue("XD_LARGE_ORDERS") / 1000 * 1000 > 0
                                   ? qEnvironmentVariableIntValue("XD_LARGE_ORDERS") / 1000 * 1000
                                   : 5'000);
    QElapsedTimer timer;
    timer.start();
    for (int page = 0; page < Total / 1000; ++page) {
        QList<WireOrder> orders;
        for (int i = 0; i < 1000; ++i) {
            WireOrder order = make(States.at(m_next % States.size()), Modes.at(m_next % 2), Payments.at(m_next % 3));
            order.contactPhone = QStringLiteral("139%1").arg(m_next, 8, 10, QLatin1Char('0'));
            orders.append(order);
        }
        QVERIFY(seed(orders, QStringLiteral("1.0.%1").arg(page), page + 1 < Total / 1000));
    }
    const qint64 storeMs = timer.elapsed();
    OrderService service(*m_cache->store, Role::Owner);
    QVERIFY(service.remark(m_seeded.at(2).id, QStringLiteral("VIP"))); // one optimistic row in the overlay

    auto timed = [&](const OrderQuery& query, int offset, int expectedCount) {
        QElapsedTimer t;
        t.start();
        const int counted = service.count(query).valueOr(-1);
        const QList<Order> rows = service.list(query, offset, 200).value();
        const qint64 ms = t.elapsed();
        if (counted != expectedCount)
            qWarning("count %d, expected %d", counted, expectedCount);
        return counted == expectedCount && !rows.isEmpty() ? ms : qint64(-1);
    };
    const qint64 all = timed({}, 0, Total);
    const qint64 deep = timed({}, Total - 300, Total);
    OrderQuery toAccept;
    toAccept.states = {QStringLiteral("paid"), QStringLiteral("cod_placed")};
    const int toAcceptCount = int(std::count_if(m_seeded.cbegin(), m_seeded.cend(), [](const WireOrder& o) {
        return o.state == QLatin1String("paid") || o.state == QLatin1String("cod_placed");
    }));
    const qint64 tab = timed(toAccept, 0, toAcceptCount);
    OrderQuery byPhone;
    byPhone.search = m_seeded.at(m_seeded.size() - Total / 2).contactPhone; // each order of the batch has its own
    const qint64 search = timed(byPhone, 0, 1);
    qInfo("%d orders: stored in %lld ms; count + first page %lld ms, deepest page %lld ms, state tab %lld ms, "
          "phone search %lld ms",
          Total,
          storeMs,
          all,
          deep,
          tab,
          search);
    for (const qint64 ms : {all, deep, tab, search})
        QVERIFY(ms >= 0); // -1: a count was wrong or a page came back empty
}

// Every step the server can write into an order's history reads as words on the desktop, never as its wire name.
void tst_OrderService::actionText_namesEveryStepOfTheHistory()
{
    QStringList names{QStringLiteral("place"), QStringLiteral("remark"), QStringLiteral("payment_anomaly")};
    for (int action = int(OrderAction::Pay); action <= int(OrderAction::PartialRefund); ++action)
        names << orderActionName(OrderAction(action));
    for (const QString& name : std::as_const(names))
        QVERIFY2(OrderService::actionText(name) != name, qPrintable(name));
}

QTEST_GUILESS_MAIN(tst_OrderService)
#include "tst_orderservice.moc"
