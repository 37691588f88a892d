// The statistics rollups (StatsRollup, docs/statistics.md) over a real server database (a temporary SQLite file, or a
// fresh PostgreSQL database): orders are seeded the way CustomerOrderApi::place writes them (with its
// StatsRollup::orderPlaced call) and then moved by applyOrderTransition, the real path, on a ManualClock across
// months. The expected figures are computed here, independently, from orders, order_events and order_items; the
// rebuild must equal the live rows, and so must StatsReader's reports; day boundaries follow each shop's own time zone;
// the CLI runs the real binary.
#include "OrderTransitions.h"
#include "ServerFixture.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "StatsReader.h"
#include "StatsRollup.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/Stats.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <memory>
#include <tuple>

using namespace xd;
using namespace xd::server;
using stats::DayFigures;
using stats::Period;
using stats::ProductFigures;

namespace {

constexpr qint64 MinuteMs = 60'000;
constexpr qint64 HourMs = 60 * MinuteMs;
constexpr qint64 DayMs = 24 * HourMs;

qint64 at(QDate day, QTime time, const char* zone)
{
    return QDateTime(day, time, QTimeZone(QByteArray(zone))).toMSecsSinceEpoch();
}

QByteArray json(const DayFigures& figures)
{
    return QJsonDocument(figures.toJson()).toJson(QJsonDocument::Compact);
}

struct Product
{
    QString id;
    QString name;
    qint64 priceFen = 0;
};

struct Line
{
    int product = 0;
    qint64 quantity = 1;
    qint64 discountFen = 0;
};

// What the figures must be, computed from the raw rows by this test's own code.
struct Expected
{
    QMap<int, DayFigures> days;
    QMap<int, QMap<QString, ProductFigures>> products; // day -> product id -> figures
};

} // namespace

class tst_StatsRollup : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void placeAndTransitions_countOnceAndStampTheOrdersVersion();
    void dayBoundary_shanghai_235959_and_000000_areTwoDays();
    void otherZones_newYorkAcrossDst_andKolkata_haveTheirOwnDays();
    void generatedMonths_everyPeriodEqualsTheOrders_toTheFen_andRebuildEqualsLive();
    void rebuild_repairsDamage_zeroesVanishedRows_neverDeletes();
    void rebuild_ofAPeriod_touchesOnlyItsDays();
    void rebuild_countsViews_pvAndDistinctVisitorsPerLocalDay();
    void rebuild_unknownShop_isNotFound_reversedPeriodIsInvalid();
    void cli_statsRebuild_runsTheRealBinary();

private:
    QString addShop(const QString& name, const QString& zone);
    QString addCustomer(const QString& shopId);
    // An order as CustomerOrderApi::place writes it (order, lines, the place event, the rollup) in one transaction.
    QString placeOrder(const QString& shopId,
                       const QString& customerId,
                       const QString& paymentMethod,
                       const QList<Line>& lines,
                       qint64 deliveryFeeFen = 0);
    Result<OrderTransitionResult> apply(const QString& shopId,
                                        const QString& orderId,
                                        OrderAction action,
                                        OrderActor actor,
                                        qint64 amountFen = 0,
                                        const QString& note = {});
    // One random step of the generated history: a new order, or a random allowed transition of an open order.
    void randomStep(QRandomGenerator& random, QStringList& open);
    void generateHistory(int steps, quint32 seed);

    qint64 count(const QString& sql, const QVariantList& values = {}) const;
    QString state(const QString& orderId) const;
    QMap<int, DayFigures> liveDays(const QString& shopId) const;
    QMap<int, QMap<QString, ProductFigures>> liveProducts(const QString& shopId) const;
    Expected expected(const QString& shopId, const QByteArray& zone) const;
    // Every stats row of the shop as text, versions left out (what the rebuild must reproduce).
    QStringList snapshot(const QString& shopId) const;
    void checkPeriod(const QString& shopId, const Period& period, const Expected& expected);

    QTemporaryDir m_dir;
    QString m_url;
    std::unique_ptr<db::Database> m_database;
    ManualClock m_clock{at(QDate(2026, 2, 1), QTime(9, 0), "Asia/Shanghai")};
    QString m_shopId;
    QString m_staffId;
    QList<QString> m_customers;
    QList<Product> m_products;
    int m_orderNumber = 0;
};

void tst_StatsRollup::init()
{
    QVERIFY(m_dir.isValid());
    m_clock.setNowMs(at(QDate(2026, 2, 1), QTime(9, 0), "Asia/Shanghai"));
    m_url = QStringLiteral("sqlite:") + m_dir.filePath(Id::create() + QStringLiteral(".db"));
    if (ServerFixture::isPostgres()) {
        QString error;
        m_url = createTestDatabase(QStringLiteral("xd_statsrollup"), &error).toString();
        QVERIFY2(!m_url.isEmpty(), qPrintable(error));
    }
    auto settings = db::DatabaseSettings::fromUrl(m_url);
    QVERIFY(settings.ok());
    auto database = db::Database::open(*settings);
    QVERIFY(database.ok());
    m_database = std::make_unique<db::Database>(std::move(*database));
    QVERIFY(db::Migrator(serverMigrations()).migrate(*m_database, m_clock.nowMs()).ok());
    m_shopId = addShop(QStringLiteral("统计店"), QStringLiteral("Asia/Shanghai"));
    QVERIFY(!m_shopId.isEmpty());
    ShopRepository shops(*m_database, m_clock);
    auto staff =
        shops.addStaff(m_shopId, QStringLiteral("owner"), QStringLiteral("店主"), Role::Owner, QStringLiteral("x"));
    QVERIFY(staff.ok());
    m_staffId = *staff;
    m_customers.clear();
    for (int i = 0; i < 7; ++i)
        m_customers << addCustomer(m_shopId);
    // No catalog rows are needed: order lines are snapshots, and a stock return to a missing SKU is skipped.
    m_products = {{Id::create(), QStringLiteral("经典红茶"), 1200},
                  {Id::create(), QStringLiteral("茉莉绿茶"), 990},
                  {Id::create(), QStringLiteral("芝士奶盖"), 1850},
                  {Id::create(), QStringLiteral("杨枝甘露"), 2300},
                  {Id::create(), QStringLiteral("柠檬水"), 600},
                  {Id::create(), QStringLiteral("蛋挞"), 850}};
}

void tst_StatsRollup::cleanup()
{
    m_database.reset();
}

QString tst_StatsRollup::addShop(const QString& name, const QString& zone)
{
    auto tx = db::Transaction::begin(*m_database);
    if (!tx)
        return {};
    auto shop = ShopRepository(*m_database, m_clock).createShop(name, zone);
    if (!shop || !tx->commit())
        return {};
    return shop->id;
}

QString tst_StatsRollup::addCustomer(const QString& shopId)
{
    const QString id = Id::create();
    auto inserted = m_database->exec(
        QStringLiteral("INSERT INTO customers (id, shop_id, openid, nickname, version, created_at_ms, updated_at_ms) "
                       "VALUES (?, ?, ?, '顾客', 1, 1, 1)"),
        {id, shopId, QStringLiteral("openid-") + id});
    return inserted ? id : QString();
}

QString tst_StatsRollup::placeOrder(const QString& shopId,
                                    const QString& customerId,
                                    const QString& paymentMethod,
                                    const QList<Line>& lines,
                                    qint64 deliveryFeeFen)
{
    auto tx = db::Transaction::begin(*m_database);
    if (!tx)
        return {};
    auto version = ShopRepository(*m_database, m_clock).bumpChangeCounter(shopId);
    if (!version)
        return {};
    qint64 goods = 0;
    qint64 discount = 0;
    for (const Line& line : lines) {
        goods += m_products.at(line.product).priceFen * line.quantity;
        discount += line.discountFen;
    }
    const qint64 now = m_clock.nowMs();
    const bool cod = paymentMethod == QLatin1String("cash_on_delivery");
    const QString state = cod ? QStringLiteral("cod_placed") : QStringLiteral("pending_payment");
    const QString id = Id::create();
    auto order = m_database->exec(
        QStringLiteral("INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, fulfilment, "
                       "payment_method, goods_fen, discount_fen, delivery_fee_fen, payable_fen, placed_at_ms, "
                       "version, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, 'delivery', ?, ?, ?, ?, ?, ?, ?, ?)"),
        {id,
         shopId,
         QString::number(++m_orderNumber),
         customerId,
         id,
         state,
         paymentMethod,
         goods,
         discount,
         deliveryFeeFen,
         goods - discount + deliveryFeeFen,
         now,
         *version,
         now});
    if (!order) {
        qWarning() << order.error().toString();
        return {};
    }
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const Product& product = m_products.at(lines.at(i).product);
        auto item = m_database->exec(
            QStringLiteral("INSERT INTO order_items (id, order_id, shop_id, position, product_id, sku_id, "
                           "product_name, unit_price_fen, quantity, line_total_fen, discount_fen) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {Id::create(),
             id,
             shopId,
             int(i),
             product.id,
             product.id + QStringLiteral("-sku"),
             product.name,
             product.priceFen,
             lines.at(i).quantity,
             product.priceFen * lines.at(i).quantity,
             lines.at(i).discountFen});
        if (!item)
            return {};
    }
    auto event = m_database->exec(
        QStringLiteral("INSERT INTO order_events (id, order_id, shop_id, seq, action, from_state, to_state, "
                       "actor_kind, actor_id, note, amount_fen, at_ms) VALUES (?, ?, ?, 1, 'place', '', ?, "
                       "'customer', ?, '', 0, ?)"),
        {Id::create(), id, shopId, state, customerId, now});
    if (!event)
        return {};
    if (!StatsRollup(*m_database).orderPlaced(shopId, customerId, now, *version))
        return {};
    return tx->commit() ? id : QString();
}

Result<OrderTransitionResult> tst_StatsRollup::apply(const QString& shopId,
                                                     const QString& orderId,
                                                     OrderAction action,
                                                     OrderActor actor,
                                                     qint64 amountFen,
                                                     const QString& note)
{
    OrderTransitionRequest request;
    request.shopId = shopId;
    request.orderId = orderId;
    request.action = action;
    request.by.actor = actor;
    if (actor == OrderActor::Customer) {
        auto customer = m_database->scalar(QStringLiteral("SELECT customer_id FROM orders WHERE id = ?"), {orderId});
        request.by.actorId = customer ? customer->toString() : QString();
    } else if (actor == OrderActor::MerchantOwner || actor == OrderActor::MerchantClerk) {
        request.by.actorId = m_staffId;
    }
    request.amountFen = amountFen;
    request.note = note;
    request.carrier = QStringLiteral("顺丰");
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

qint64 tst_StatsRollup::count(const QString& sql, const QVariantList& values) const
{
    auto value = m_database->scalar(sql, values);
    return value ? value->toLongLong() : -1;
}

QString tst_StatsRollup::state(const QString& orderId) const
{
    auto value = m_database->scalar(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {orderId});
    return value ? value->toString() : QString();
}

void tst_StatsRollup::randomStep(QRandomGenerator& random, QStringList& open)
{
    if (open.isEmpty() || random.bounded(100) < 25) {
        QList<Line> lines;
        const int count = 1 + random.bounded(3);
        for (int i = 0; i < count; ++i) {
            Line line{int(random.bounded(m_products.size())), 1 + random.bounded(4), 0};
            if (random.bounded(4) == 0)
                line.discountFen = random.bounded(m_products.at(line.product).priceFen * line.quantity / 2 + 1);
            lines << line;
        }
        const QString method =
            random.bounded(3) == 0 ? QStringLiteral("cash_on_delivery") : QStringLiteral("wechat_pay");
        const QString id = placeOrder(
            m_shopId, m_customers.at(random.bounded(m_customers.size())), method, lines, random.bounded(2) ? 600 : 0);
        QVERIFY(!id.isEmpty());
        open << id;
        return;
    }
    const qsizetype index = random.bounded(open.size());
    const QString orderId = open.at(index);
    auto row = m_database->exec(QStringLiteral("SELECT state, payment_method, payable_fen, paid_fen, refunded_fen, "
                                               "state_before_refund FROM orders WHERE id = ?"),
                                {orderId});
    QVERIFY(row && row->next());
    const OrderState from = *parseOrderState(row->value(0).toString());
    if (OrderStateMachine::isFinal(from)) {
        open.removeAt(index);
        return;
    }
    const bool cod = row->value(1).toString() == QLatin1String("cash_on_delivery");
    const qint64 payable = row->value(2).toLongLong();
    const qint64 refundable = row->value(3).toLongLong() - row->value(4).toLongLong();
    // The table's rows for this order: pick one, and one of its actors.
    QList<OrderTransition> rows;
    for (const OrderTransition& transition : OrderStateMachine::table()) {
        if (transition.from == from && (transition.modes & (1u << unsigned(FulfilmentMode::Delivery))) != 0 &&
            (transition.payments & (1u << unsigned(cod ? PaymentMethod::CashOnDelivery : PaymentMethod::Online))) != 0)
            rows << transition;
    }
    if (rows.isEmpty()) {
        open.removeAt(index);
        return;
    }
    // Mostly forward (pay, accept, ship, collect, complete), as real orders go; the rest spread over the other rows.
    QList<OrderTransition> forward;
    for (const OrderTransition& transition : std::as_const(rows)) {
        if (transition.action == OrderAction::Pay || transition.action == OrderAction::Accept ||
            transition.action == OrderAction::Ship || transition.action == OrderAction::MarkCollected ||
            transition.action == OrderAction::Complete)
            forward << transition;
    }
    if (!forward.isEmpty() && random.bounded(100) < 70)
        rows = forward;
    const OrderTransition& chosen = rows.at(random.bounded(rows.size()));
    QList<OrderActor> actors;
    for (OrderActor actor : {OrderActor::Customer,
                             OrderActor::MerchantOwner,
                             OrderActor::MerchantClerk,
                             OrderActor::SystemTimer,
                             OrderActor::PaymentNotification}) {
        if ((chosen.actors & (1u << unsigned(actor))) != 0)
            actors << actor;
    }
    const OrderActor actor = actors.at(random.bounded(actors.size()));
    qint64 amount = 0;
    if (chosen.action == OrderAction::Pay)
        amount = payable;
    else if (chosen.action == OrderAction::MarkCollected)
        amount = random.bounded(2) ? payable : 0;
    else if (chosen.action == OrderAction::PartialRefund) {
        if (refundable < 2)
            return;
        amount = 1 + random.bounded(refundable - 1);
    } else if (chosen.action == OrderAction::Refund && random.bounded(2) && refundable > 0)
        amount = 1 + random.bounded(refundable);
    auto result = apply(m_shopId, orderId, chosen.action, actor, amount, QStringLiteral("理由"));
    // The only refusal the table cannot foresee: a refund asked after the after-sales window.
    if (!result)
        QVERIFY2(chosen.action == OrderAction::RequestRefund && result.error().code == ErrorCode::Conflict,
                 qPrintable(orderActionName(chosen.action) + QLatin1Char(' ') + result.error().toString()));
}

void tst_StatsRollup::generateHistory(int steps, quint32 seed)
{
    QRandomGenerator random(seed);
    QStringList open;
    for (int step = 0; step < steps; ++step) {
        // Mostly minutes to hours apart; now and then exactly on a local midnight or the last millisecond before.
        const int jump = random.bounded(100);
        if (jump < 4) {
            const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), QTimeZone("Asia/Shanghai")).date();
            m_clock.setNowMs(at(today.addDays(1), QTime(0, 0), "Asia/Shanghai") - (jump < 2 ? 1 : 0));
        } else {
            m_clock.advanceMs(MinuteMs + random.bounded(qint64(3 * HourMs)));
        }
        // A product renamed half-way: its later lines carry the new name (the latest name seen is kept).
        if (step == steps / 2)
            m_products[0].name = QStringLiteral("经典红茶（大杯）");
        randomStep(random, open);
        if (QTest::currentTestFailed())
            return;
    }
}

QMap<int, DayFigures> tst_StatsRollup::liveDays(const QString& shopId) const
{
    QMap<int, DayFigures> days;
    auto rows = m_database->exec(QStringLiteral("SELECT day, orders_placed, buyers, paid_orders, payers, gross_fen, "
                                                "refund_fen, refund_count, gross_wechat_fen, gross_cod_fen, "
                                                "gross_balance_fen, refund_wechat_fen, refund_cod_fen, "
                                                "refund_balance_fen, recharge_fen, pv, uv FROM stats_days "
                                                "WHERE shop_id = ?"),
                                 {shopId});
    if (!rows)
        return days;
    while (rows->next()) {
        DayFigures f;
        f.day = stats::dateOfKey(rows->value(0).toInt());
        qint64* fields[] = {&f.ordersPlaced,
                            &f.buyers,
                            &f.paidOrders,
                            &f.payers,
                            &f.grossFen,
                            &f.refundFen,
                            &f.refundCount,
                            &f.grossWechatFen,
                            &f.grossCodFen,
                            &f.grossBalanceFen,
                            &f.refundWechatFen,
                            &f.refundCodFen,
                            &f.refundBalanceFen,
                            &f.rechargeFen,
                            &f.pv,
                            &f.uv};
        for (int i = 0; i < 16; ++i)
            *fields[i] = rows->value(i + 1).toLongLong();
        days.insert(rows->value(0).toInt(), f);
    }
    return days;
}

QMap<int, QMap<QString, ProductFigures>> tst_StatsRollup::liveProducts(const QString& shopId) const
{
    QMap<int, QMap<QString, ProductFigures>> products;
    auto rows = m_database->exec(QStringLiteral("SELECT day, product_id, product_name, quantity, revenue_fen "
                                                "FROM stats_product_days WHERE shop_id = ?"),
                                 {shopId});
    while (rows && rows->next())
        products[rows->value(0).toInt()].insert(rows->value(1).toString(),
                                                ProductFigures{rows->value(1).toString(),
                                                               rows->value(2).toString(),
                                                               rows->value(3).toLongLong(),
                                                               rows->value(4).toLongLong()});
    return products;
}

Expected tst_StatsRollup::expected(const QString& shopId, const QByteArray& zone) const
{
    // Straight from the definitions, with QDateTime in the zone (not ShopCalendar): money in on pay and
    // mark_collected, money out on refund, partial_refund and the cancel of a paid order.
    const QTimeZone timeZone(zone);
    Expected result;
    QMap<int, QSet<QString>> buyers;
    QMap<int, QSet<QString>> payers;
    auto events = m_database->exec(
        QStringLiteral("SELECT e.action, e.amount_fen, e.at_ms, o.payment_method, o.customer_id, e.order_id "
                       "FROM order_events e JOIN orders o ON o.id = e.order_id WHERE e.shop_id = ? "
                       "ORDER BY e.at_ms, e.seq"),
        {shopId});
    if (!events)
        return result;
    struct Paid
    {
        int day;
        QString orderId;
    };
    QList<Paid> paid;
    while (events->next()) {
        const QString action = events->value(0).toString();
        const qint64 amount = events->value(1).toLongLong();
        const QDate date = QDateTime::fromMSecsSinceEpoch(events->value(2).toLongLong(), timeZone).date();
        const int day = date.year() * 10000 + date.month() * 100 + date.day();
        const QString method = events->value(3).toString();
        const QString customer = events->value(4).toString();
        const bool wechat = method == QLatin1String("wechat_pay");
        if (action == QLatin1String("place")) {
            result.days[day].ordersPlaced += 1;
            buyers[day].insert(customer);
        } else if (action == QLatin1String("pay") || action == QLatin1String("mark_collected")) {
            DayFigures& f = result.days[day];
            f.paidOrders += 1;
            f.grossFen += amount;
            (wechat ? f.grossWechatFen : f.grossCodFen) += amount;
            payers[day].insert(customer);
            paid << Paid{day, events->value(5).toString()};
        } else if ((action == QLatin1String("refund") || action == QLatin1String("partial_refund") ||
                    action == QLatin1String("cancel")) &&
                   amount > 0) {
            DayFigures& f = result.days[day];
            f.refundCount += 1;
            f.refundFen += amount;
            (wechat ? f.refundWechatFen : f.refundCodFen) += amount;
        }
    }
    for (auto it = result.days.begin(); it != result.days.end(); ++it) {
        it->day = stats::dateOfKey(it.key());
        it->buyers = buyers.value(it.key()).size();
        it->payers = payers.value(it.key()).size();
    }
    for (const Paid& order : std::as_const(paid)) {
        auto lines =
            m_database->exec(QStringLiteral("SELECT product_id, product_name, quantity, line_total_fen, "
                                            "discount_fen FROM order_items WHERE order_id = ? ORDER BY position"),
                             {order.orderId});
        while (lines && lines->next()) {
            ProductFigures& p = result.products[order.day][lines->value(0).toString()];
            p.productId = lines->value(0).toString();
            p.productName = lines->value(1).toString();
            p.quantity += lines->value(2).toLongLong();
            p.revenueFen += lines->value(3).toLongLong() - lines->value(4).toLongLong();
        }
    }
    return result;
}

QStringList tst_StatsRollup::snapshot(const QString& shopId) const
{
    QStringList rows;
    const QMap<int, DayFigures> days = liveDays(shopId);
    for (auto it = days.cbegin(); it != days.cend(); ++it)
        rows << QStringLiteral("day %1 ").arg(it.key()) + QString::fromUtf8(json(*it));
    const auto products = liveProducts(shopId);
    for (auto day = products.cbegin(); day != products.cend(); ++day) {
        for (const ProductFigures& p : *day)
            rows << QStringLiteral("product %1 %2 %3 %4 %5")
                        .arg(day.key())
                        .arg(p.productId, p.productName)
                        .arg(p.quantity)
                        .arg(p.revenueFen);
    }
    auto customers = m_database->exec(QStringLiteral("SELECT day, customer_id, placed, paid FROM stats_day_customers "
                                                     "WHERE shop_id = ? ORDER BY day, customer_id"),
                                      {shopId});
    while (customers && customers->next())
        rows << QStringLiteral("customer %1 %2 %3 %4")
                    .arg(customers->value(0).toInt())
                    .arg(customers->value(1).toString())
                    .arg(customers->value(2).toInt())
                    .arg(customers->value(3).toInt());
    auto visitors = m_database->exec(QStringLiteral("SELECT day, visitor_key FROM stats_day_visitors "
                                                    "WHERE shop_id = ? ORDER BY day, visitor_key"),
                                     {shopId});
    while (visitors && visitors->next())
        rows << QStringLiteral("visitor %1 %2").arg(visitors->value(0).toInt()).arg(visitors->value(1).toString());
    return rows;
}

void tst_StatsRollup::checkPeriod(const QString& shopId, const Period& period, const Expected& expected)
{
    // The expected report, from this test's own figures: every day of the period, the totals, each product's sums
    // and its latest name in the period.
    DayFigures want;
    QList<DayFigures> wantDays;
    QMap<QString, ProductFigures> wantProducts;
    for (int i = 0; i < period.days(); ++i) {
        const QDate date = period.from.addDays(i);
        DayFigures day = expected.days.value(stats::dayKey(date));
        day.day = date;
        wantDays << day;
        want += day;
        for (const ProductFigures& p : expected.products.value(stats::dayKey(date))) {
            ProductFigures& sum = wantProducts[p.productId];
            sum.productId = p.productId;
            sum.productName = p.productName;
            sum.quantity += p.quantity;
            sum.revenueFen += p.revenueFen;
        }
    }
    want.day = QDate();

    // Two readers of the stored rows: the server's StatsReader (the REST report), and stats::buildReport over the
    // day rows and per-product sums read here (what the desktop does with its synced copy).
    auto reader = StatsReader(*m_database).report(shopId, period, 50);
    QVERIFY2(reader.ok(), qPrintable(reader ? QString() : reader.error().toString()));
    QList<ProductFigures> totals;
    auto sums = m_database->exec(QStringLiteral("SELECT product_id, MAX(product_name), SUM(quantity), SUM(revenue_fen) "
                                                "FROM stats_product_days WHERE shop_id = ? AND day >= ? AND day <= ? "
                                                "GROUP BY product_id"),
                                 {shopId, stats::dayKey(period.from), stats::dayKey(period.to)});
    QVERIFY(sums.ok());
    while (sums->next())
        totals << ProductFigures{sums->value(0).toString(),
                                 sums->value(1).toString(),
                                 sums->value(2).toLongLong(),
                                 sums->value(3).toLongLong()};
    const stats::Report fromRows = stats::buildReport(period, liveDays(shopId).values(), totals, 50);

    const stats::Report& readerReport = *reader;
    for (const stats::Report* report : {&readerReport, &fromRows}) {
        const bool isReader = report == &readerReport;
        QCOMPARE(report->period, period);
        QCOMPARE(report->days.size(), wantDays.size());
        for (qsizetype i = 0; i < wantDays.size(); ++i)
            QCOMPARE(json(report->days.at(i)), json(wantDays.at(i)));
        QCOMPARE(json(report->totals), json(want));
        // Every product sold in the period is in the (long enough) top lists, with its exact sums, best first.
        QCOMPARE(report->topByQuantity.size(), wantProducts.size());
        QCOMPARE(report->topByRevenue.size(), wantProducts.size());
        for (qsizetype i = 0; i < report->topByQuantity.size(); ++i) {
            const ProductFigures& got = report->topByQuantity.at(i);
            const ProductFigures wanted = wantProducts.value(got.productId);
            QCOMPARE(got.quantity, wanted.quantity);
            QCOMPARE(got.revenueFen, wanted.revenueFen);
            if (isReader)
                QCOMPARE(got.productName, wanted.productName);
            if (i > 0)
                QVERIFY(report->topByQuantity.at(i - 1).quantity >= got.quantity);
        }
        for (qsizetype i = 1; i < report->topByRevenue.size(); ++i)
            QVERIFY(report->topByRevenue.at(i - 1).revenueFen >= report->topByRevenue.at(i).revenueFen);
    }
}

// ---- tests -------------------------------------------------------------------------------------------------------

void tst_StatsRollup::placeAndTransitions_countOnceAndStampTheOrdersVersion()
{
    const QDate day(2026, 2, 1);
    const int key = stats::dayKey(day);
    const QString alice = m_customers.at(0);
    const QString bob = m_customers.at(1);
    const QString first = placeOrder(m_shopId, alice, QStringLiteral("wechat_pay"), {{0, 2, 100}});
    m_clock.advanceMs(MinuteMs);
    const QString second = placeOrder(m_shopId, alice, QStringLiteral("wechat_pay"), {{1, 1, 0}, {1, 2, 0}}, 600);
    m_clock.advanceMs(MinuteMs);
    const QString cod = placeOrder(m_shopId, bob, QStringLiteral("cash_on_delivery"), {{2, 1, 0}});
    const QString unpaid = placeOrder(m_shopId, bob, QStringLiteral("wechat_pay"), {{3, 1, 0}});
    QVERIFY(!first.isEmpty() && !second.isEmpty() && !cod.isEmpty() && !unpaid.isEmpty());
    DayFigures live = liveDays(m_shopId).value(key);
    QCOMPARE(live.ordersPlaced, 4);
    QCOMPARE(live.buyers, 2); // alice twice, bob twice: two buyers
    QCOMPARE(live.paidOrders, 0);
    QCOMPARE(count(QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = ?"), {m_shopId, key}),
             count(QStringLiteral("SELECT version FROM orders WHERE id = ?"), {unpaid}));

    // Money in: both of alice's orders (one payer), bob's cash collected.
    m_clock.advanceMs(MinuteMs);
    auto paid = apply(m_shopId, first, OrderAction::Pay, OrderActor::PaymentNotification, 2300);
    QVERIFY2(paid.ok(), qPrintable(paid ? QString() : paid.error().toString()));
    QCOMPARE(count(QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = ?"), {m_shopId, key}),
             paid->version);
    QCOMPARE(count(QStringLiteral("SELECT version FROM stats_product_days WHERE shop_id = ? AND day = ? AND "
                                  "product_id = ?"),
                   {m_shopId, key, m_products.at(0).id}),
             paid->version);
    QVERIFY(apply(m_shopId, second, OrderAction::Pay, OrderActor::PaymentNotification, 990 * 3 + 600).ok());
    QVERIFY(apply(m_shopId, cod, OrderAction::Accept, OrderActor::MerchantClerk).ok());
    QVERIFY(apply(m_shopId, cod, OrderAction::Ship, OrderActor::MerchantClerk).ok());
    QVERIFY(apply(m_shopId, cod, OrderAction::MarkCollected, OrderActor::MerchantClerk).ok());
    live = liveDays(m_shopId).value(key);
    QCOMPARE(live.paidOrders, 3);
    QCOMPARE(live.payers, 2);
    QCOMPARE(live.grossFen, 2300 + 3570 + 1850);
    QCOMPARE(live.grossWechatFen, 2300 + 3570);
    QCOMPARE(live.grossCodFen, 1850);
    // Two lines of one product make one product row; revenue is after the line discount, without delivery.
    const auto products = liveProducts(m_shopId).value(key);
    QCOMPARE(products.size(), 3);
    QCOMPARE(products.value(m_products.at(0).id).quantity, 2);
    QCOMPARE(products.value(m_products.at(0).id).revenueFen, 2400 - 100);
    QCOMPARE(products.value(m_products.at(1).id).quantity, 3);
    QCOMPARE(products.value(m_products.at(1).id).revenueFen, 2970);
    QCOMPARE(products.value(m_products.at(2).id).productName, m_products.at(2).name);

    // Steps without money change nothing, not even the version: accept, cancel of an unpaid order.
    const QStringList before = snapshot(m_shopId);
    const qint64 versionBefore =
        count(QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = ?"), {m_shopId, key});
    QVERIFY(apply(m_shopId, first, OrderAction::Accept, OrderActor::MerchantOwner).ok());
    QVERIFY(apply(m_shopId, unpaid, OrderAction::Cancel, OrderActor::Customer, 0, QStringLiteral("不要了")).ok());
    // A refused step (a second payment) writes nothing either.
    QVERIFY(!apply(m_shopId, second, OrderAction::Pay, OrderActor::PaymentNotification, 3570).ok());
    QCOMPARE(snapshot(m_shopId), before);
    QCOMPARE(count(QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = ?"), {m_shopId, key}),
             versionBefore);

    // Money out: a partial refund, then the owner cancels the other paid order (the rest goes back).
    m_clock.advanceMs(MinuteMs);
    QVERIFY(apply(m_shopId, first, OrderAction::PartialRefund, OrderActor::MerchantOwner, 300, QStringLiteral("少了"))
                .ok());
    QVERIFY(apply(m_shopId, second, OrderAction::Cancel, OrderActor::MerchantOwner, 0, QStringLiteral("缺货")).ok());
    live = liveDays(m_shopId).value(key);
    QCOMPARE(live.refundCount, 2);
    QCOMPARE(live.refundFen, 300 + 3570);
    QCOMPARE(live.refundWechatFen, 300 + 3570);
    QCOMPARE(live.refundCodFen, 0);
    QCOMPARE(live.netFen(), 2300 + 1850 - 300);
    QCOMPARE(live.paidOrders, 3); // refunds do not un-pay
    // The figures equal what the orders say.
    QCOMPARE(count(QStringLiteral("SELECT SUM(paid_fen) FROM orders WHERE shop_id = ?"), {m_shopId}), live.grossFen);
    QCOMPARE(count(QStringLiteral("SELECT SUM(refunded_fen) FROM orders WHERE shop_id = ?"), {m_shopId}),
             live.refundFen);
    // Another shop's order is not this shop's.
    const QString otherShop = addShop(QStringLiteral("别店"), QStringLiteral("Asia/Shanghai"));
    QCOMPARE(StatsRollup(*m_database)
                 .orderEvent(otherShop, first, OrderAction::PartialRefund, 1, m_clock.nowMs(), 99)
                 .error()
                 .code,
             ErrorCode::NotFound);
    QCOMPARE(StatsRollup(*m_database).orderPlaced(Id::create(), alice, m_clock.nowMs(), 99).error().code,
             ErrorCode::NotFound);
}

void tst_StatsRollup::dayBoundary_shanghai_235959_and_000000_areTwoDays()
{
    const QDate march1(2026, 3, 1);
    m_clock.setNowMs(at(march1, QTime(22, 0), "Asia/Shanghai"));
    const QString late = placeOrder(m_shopId, m_customers.at(0), QStringLiteral("wechat_pay"), {{0, 1, 0}});
    const QString early = placeOrder(m_shopId, m_customers.at(1), QStringLiteral("wechat_pay"), {{1, 1, 0}});
    m_clock.setNowMs(at(march1, QTime(23, 59, 59, 999), "Asia/Shanghai"));
    QVERIFY(apply(m_shopId, late, OrderAction::Pay, OrderActor::PaymentNotification, 1200).ok());
    m_clock.setNowMs(at(march1.addDays(1), QTime(0, 0), "Asia/Shanghai"));
    auto next = apply(m_shopId, early, OrderAction::Pay, OrderActor::PaymentNotification, 990);
    QVERIFY(next.ok());
    const auto days = liveDays(m_shopId);
    QCOMPARE(days.size(), 2);
    QCOMPARE(days.value(20260301).ordersPlaced, 2);
    QCOMPARE(days.value(20260301).paidOrders, 1);
    QCOMPARE(days.value(20260301).grossFen, 1200);
    QCOMPARE(days.value(20260302).ordersPlaced, 0);
    QCOMPARE(days.value(20260302).paidOrders, 1);
    QCOMPARE(days.value(20260302).grossFen, 990);
    QCOMPARE(liveProducts(m_shopId).value(20260302).firstKey(), m_products.at(1).id);
    QCOMPARE(count(QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = 20260302"), {m_shopId}),
             next->version);
    // The rebuild draws the same line.
    const QStringList live = snapshot(m_shopId);
    QVERIFY(m_database->exec(QStringLiteral("DELETE FROM stats_days WHERE shop_id = ?"), {m_shopId}).ok());
    QVERIFY(StatsRollup(*m_database).rebuild(m_shopId, std::nullopt, m_clock).ok());
    QCOMPARE(snapshot(m_shopId), live);
}

void tst_StatsRollup::otherZones_newYorkAcrossDst_andKolkata_haveTheirOwnDays()
{
    const QString newYork = addShop(QStringLiteral("纽约店"), QStringLiteral("America/New_York"));
    const QString kolkata = addShop(QStringLiteral("加尔各答店"), QStringLiteral("Asia/Kolkata"));
    QVERIFY(!newYork.isEmpty() && !kolkata.isEmpty());
    const auto utc = [](int month, int day, int hour, int minute, int second, int ms) {
        return QDateTime(QDate(2026, month, day), QTime(hour, minute, second, ms), QTimeZone::utc())
            .toMSecsSinceEpoch();
    };
    // New York: EST (-5) until 2026-03-08 02:00, then EDT (-4); the 8th has 23 hours, 05:00Z to 04:00Z on the 9th.
    // Back to EST on 2026-11-01: that day has 25 hours, 04:00Z to 05:00Z on the 2nd.
    const QString customer = addCustomer(newYork);
    const QList<std::pair<qint64, int>> newYorkPayments{{utc(3, 8, 4, 59, 59, 999), 20260307},
                                                        {utc(3, 8, 5, 0, 0, 0), 20260308},
                                                        {utc(3, 9, 3, 59, 59, 999), 20260308},
                                                        {utc(3, 9, 4, 0, 0, 0), 20260309},
                                                        {utc(11, 2, 4, 59, 59, 999), 20261101},
                                                        {utc(11, 2, 5, 0, 0, 0), 20261102}};
    for (const auto& [ms, day] : newYorkPayments) {
        m_clock.setNowMs(ms - 1);
        const QString order = placeOrder(newYork, customer, QStringLiteral("wechat_pay"), {{4, 1, 0}});
        m_clock.setNowMs(ms);
        auto paid = apply(newYork, order, OrderAction::Pay, OrderActor::PaymentNotification, 600);
        QVERIFY(paid.ok());
        // The payment's day row is the one its transaction stamped.
        QCOMPARE(count(QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = ?"), {newYork, day}),
                 paid->version);
    }
    auto days = liveDays(newYork);
    QCOMPARE(days.keys(), (QList<int>{20260307, 20260308, 20260309, 20261101, 20261102}));
    QCOMPARE(days.value(20261101).paidOrders, 1);
    QCOMPARE(days.value(20261101).ordersPlaced, 2); // both placed a millisecond before their payment
    QCOMPARE(days.value(20261102).paidOrders, 1);
    QCOMPARE(days.value(20260307).paidOrders, 1);
    QCOMPARE(days.value(20260308).paidOrders, 2);
    QCOMPARE(days.value(20260308).ordersPlaced, 2);
    QCOMPARE(days.value(20260309).grossFen, 600);
    QCOMPARE(days.value(20260309).payers, 1);

    // Kolkata: +05:30, midnight is 18:30Z.
    const QString buyer = addCustomer(kolkata);
    for (const qint64 ms : {utc(3, 1, 18, 29, 59, 999), utc(3, 1, 18, 30, 0, 0)}) {
        m_clock.setNowMs(ms);
        const QString order = placeOrder(kolkata, buyer, QStringLiteral("cash_on_delivery"), {{5, 2, 0}});
        QVERIFY(apply(kolkata, order, OrderAction::Accept, OrderActor::MerchantOwner).ok());
        QVERIFY(apply(kolkata, order, OrderAction::Ship, OrderActor::MerchantOwner).ok());
        QVERIFY(apply(kolkata, order, OrderAction::MarkCollected, OrderActor::MerchantOwner, 1700).ok());
    }
    days = liveDays(kolkata);
    QCOMPARE(days.keys(), (QList<int>{20260301, 20260302}));
    QCOMPARE(days.value(20260301).grossCodFen, 1700);
    QCOMPARE(days.value(20260302).grossCodFen, 1700);
    // The same instants in Shanghai would all be other days: nothing leaked into the default shop.
    QVERIFY(liveDays(m_shopId).isEmpty());
    auto calendar = StatsRollup::calendarOf(*m_database, newYork);
    QVERIFY(calendar.ok());
    QCOMPARE(calendar->zoneId(), QByteArray("America/New_York"));

    // The rebuild agrees, zone by zone.
    for (const QString& shop : {newYork, kolkata}) {
        const QStringList live = snapshot(shop);
        for (const char* table : {"stats_days", "stats_product_days", "stats_day_customers"})
            QVERIFY(
                m_database->exec(QStringLiteral("DELETE FROM %1 WHERE shop_id = ?").arg(QLatin1String(table)), {shop})
                    .ok());
        auto rebuilt = StatsRollup(*m_database).rebuild(shop, std::nullopt, m_clock);
        QVERIFY(rebuilt.ok());
        QCOMPARE(snapshot(shop), live);
    }
}

void tst_StatsRollup::generatedMonths_everyPeriodEqualsTheOrders_toTheFen_andRebuildEqualsLive()
{
    QElapsedTimer timer;
    timer.start();
    generateHistory(2000, 20261125);
    if (QTest::currentTestFailed())
        return;
    const qint64 orders = count(QStringLiteral("SELECT COUNT(*) FROM orders WHERE shop_id = ?"), {m_shopId});
    const qint64 moneyEvents =
        count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE shop_id = ? AND amount_fen > 0"), {m_shopId});
    qInfo() << orders << "orders," << moneyEvents << "money events generated in" << timer.elapsed() << "ms";
    auto actions = m_database->exec(
        QStringLiteral("SELECT action, COUNT(*) FROM order_events WHERE shop_id = ? GROUP BY action ORDER BY action"),
        {m_shopId});
    QStringList mix;
    while (actions && actions->next())
        mix << actions->value(0).toString() + QLatin1Char('=') + actions->value(1).toString();
    qInfo().noquote() << "events:" << mix.join(QLatin1Char(' '));
    // The history must be rich enough to mean something: every kind of money event happened.
    QVERIFY(orders > 400);
    for (const char* action : {"pay", "mark_collected", "refund", "partial_refund", "cancel", "close"})
        QVERIFY2(count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE shop_id = ? AND action = ?"),
                       {m_shopId, QString::fromLatin1(action)}) > 3,
                 action);
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE shop_id = ? AND action = 'cancel' AND "
                                 "amount_fen > 0"),
                  {m_shopId}) > 0);

    const Expected want = expected(m_shopId, "Asia/Shanghai");
    const QMap<int, DayFigures> live = liveDays(m_shopId);
    QCOMPARE(live.keys(), want.days.keys());
    for (auto it = want.days.cbegin(); it != want.days.cend(); ++it)
        QCOMPARE(json(live.value(it.key())), json(*it));
    const auto liveProductRows = liveProducts(m_shopId);
    QCOMPARE(liveProductRows.keys(), want.products.keys());
    for (auto day = want.products.cbegin(); day != want.products.cend(); ++day) {
        const auto got = liveProductRows.value(day.key());
        QCOMPARE(got.keys(), day->keys());
        for (const ProductFigures& p : *day) {
            QCOMPARE(got.value(p.productId).quantity, p.quantity);
            QCOMPARE(got.value(p.productId).revenueFen, p.revenueFen);
            QCOMPARE(got.value(p.productId).productName, p.productName);
        }
    }
    // Independently of the events: all-time sums equal the orders' own columns.
    DayFigures all;
    for (const DayFigures& day : live)
        all += day;
    QCOMPARE(all.ordersPlaced, orders);
    QCOMPARE(all.grossFen, count(QStringLiteral("SELECT SUM(paid_fen) FROM orders WHERE shop_id = ?"), {m_shopId}));
    QCOMPARE(all.refundFen,
             count(QStringLiteral("SELECT SUM(refunded_fen) FROM orders WHERE shop_id = ?"), {m_shopId}));
    QCOMPARE(all.paidOrders,
             count(QStringLiteral("SELECT COUNT(*) FROM orders WHERE shop_id = ? AND paid_at_ms > 0"), {m_shopId}));
    QCOMPARE(all.grossCodFen,
             count(QStringLiteral("SELECT SUM(paid_fen) FROM orders WHERE shop_id = ? AND "
                                  "payment_method = 'cash_on_delivery'"),
                   {m_shopId}));
    QCOMPARE(all.refundWechatFen,
             count(QStringLiteral("SELECT SUM(refunded_fen) FROM orders WHERE shop_id = ? AND "
                                  "payment_method = 'wechat_pay'"),
                   {m_shopId}));
    qint64 sold = 0;
    for (const auto& day : liveProductRows) {
        for (const ProductFigures& p : day)
            sold += p.quantity;
    }
    QCOMPARE(sold,
             count(QStringLiteral("SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o ON "
                                  "o.id = i.order_id WHERE o.shop_id = ? AND o.paid_at_ms > 0"),
                   {m_shopId}));

    // Many periods: random ranges, weeks, months, single days, empty ones before and after the history.
    const QDate first = stats::dateOfKey(want.days.firstKey());
    const QDate last = stats::dateOfKey(want.days.lastKey());
    QVERIFY(first.daysTo(last) > 90);
    QRandomGenerator random(7);
    QList<Period> periods{{first, last},
                          {first.addDays(-40), first.addDays(-1)},
                          {last.addDays(1), last.addDays(30)},
                          {first.addDays(-3), first.addDays(3)}};
    for (int i = 0; i < 25; ++i) {
        const QDate from = first.addDays(random.bounded(int(first.daysTo(last))));
        periods << Period{from, from.addDays(random.bounded(60))};
        periods << Period{from, from};
    }
    for (QDate anchor = first; anchor <= last; anchor = anchor.addDays(11)) {
        periods << stats::periodOf(stats::PeriodKind::Week, anchor, last);
        periods << stats::periodOf(stats::PeriodKind::Month, anchor, last);
    }
    for (const Period& period : std::as_const(periods)) {
        checkPeriod(m_shopId, period, want);
        if (QTest::currentTestFailed()) {
            qWarning() << "period" << period.from << period.to;
            return;
        }
    }

    // The rebuild over live rows finds nothing to change; from nothing it makes the same rows.
    const QStringList liveRows = snapshot(m_shopId);
    timer.restart();
    auto same = StatsRollup(*m_database).rebuild(m_shopId, std::nullopt, m_clock);
    QVERIFY2(same.ok(), qPrintable(same ? QString() : same.error().toString()));
    qInfo() << "rebuild over live rows:" << timer.elapsed() << "ms";
    QCOMPARE(same->daysWritten, 0);
    QCOMPARE(same->productsWritten, 0);
    QCOMPARE(same->period, (Period{first, last}));
    QCOMPARE(snapshot(m_shopId), liveRows);
    for (const char* table : {"stats_days", "stats_product_days", "stats_day_customers"})
        QVERIFY(
            m_database->exec(QStringLiteral("DELETE FROM %1 WHERE shop_id = ?").arg(QLatin1String(table)), {m_shopId})
                .ok());
    auto fresh = StatsRollup(*m_database).rebuild(m_shopId, std::nullopt, m_clock);
    QVERIFY(fresh.ok());
    QCOMPARE(fresh->daysWritten, live.size());
    QCOMPARE(snapshot(m_shopId), liveRows);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stats_days WHERE shop_id = ? AND version <> ?"),
                   {m_shopId, fresh->version}),
             0);
    QCOMPARE(count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}), fresh->version);
}

void tst_StatsRollup::rebuild_repairsDamage_zeroesVanishedRows_neverDeletes()
{
    generateHistory(150, 42);
    if (QTest::currentTestFailed())
        return;
    const QStringList live = snapshot(m_shopId);
    const auto days = liveDays(m_shopId);
    const int damagedDay = days.keys().at(days.size() / 2);
    const qint64 untouchedVersion = count(
        QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = ?"), {m_shopId, days.firstKey()});
    // One wrong figure, a day and a product row that have no orders behind them, a lost buyer mark.
    QVERIFY(m_database
                ->exec(QStringLiteral("UPDATE stats_days SET gross_fen = gross_fen + 1 WHERE shop_id = ? AND day = ?"),
                       {m_shopId, damagedDay})
                .ok());
    QVERIFY(m_database
                ->exec(QStringLiteral("INSERT INTO stats_days (shop_id, day, orders_placed, gross_fen, version) "
                                      "VALUES (?, 20200101, 3, 500, 1)"),
                       {m_shopId})
                .ok());
    QVERIFY(m_database
                ->exec(QStringLiteral("INSERT INTO stats_product_days (shop_id, day, product_id, product_name, "
                                      "quantity, revenue_fen, version) VALUES (?, 20200101, 'gone', '旧品', 2, 40, 1)"),
                       {m_shopId})
                .ok());
    QVERIFY(m_database->exec(QStringLiteral("DELETE FROM stats_day_customers WHERE shop_id = ?"), {m_shopId}).ok());

    auto rebuilt = StatsRollup(*m_database).rebuild(m_shopId, std::nullopt, m_clock);
    QVERIFY2(rebuilt.ok(), qPrintable(rebuilt ? QString() : rebuilt.error().toString()));
    QCOMPARE(rebuilt->daysWritten, 2);
    QCOMPARE(rebuilt->daysZeroed, 1);
    QCOMPARE(rebuilt->productsWritten, 1);
    QCOMPARE(rebuilt->productsZeroed, 1);
    QCOMPARE(rebuilt->period.from, QDate(2020, 1, 1));
    // The vanished rows stay, zeroed, stamped with the new version, so desktops learn of it.
    QCOMPARE(count(QStringLiteral("SELECT orders_placed + gross_fen FROM stats_days WHERE shop_id = ? AND "
                                  "day = 20200101"),
                   {m_shopId}),
             0);
    QCOMPARE(count(QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = 20200101"), {m_shopId}),
             rebuilt->version);
    QCOMPARE(count(QStringLiteral("SELECT quantity + revenue_fen FROM stats_product_days WHERE shop_id = ? AND "
                                  "product_id = 'gone'"),
                   {m_shopId}),
             0);
    QCOMPARE(
        count(QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = ?"), {m_shopId, damagedDay}),
        rebuilt->version);
    // Rows that were right keep their version.
    QCOMPARE(count(QStringLiteral("SELECT version FROM stats_days WHERE shop_id = ? AND day = ?"),
                   {m_shopId, days.firstKey()}),
             untouchedVersion);
    QStringList repaired = snapshot(m_shopId);
    repaired.removeIf([](const QString& row) { return row.contains(QLatin1String("20200101")); });
    QCOMPARE(repaired, live);
    // Live counting goes on from the rebuilt rows (a new buyer is recognised as already counted or not).
    m_clock.advanceMs(HourMs);
    QVERIFY(!placeOrder(m_shopId, m_customers.at(0), QStringLiteral("wechat_pay"), {{0, 1, 0}}).isEmpty());
    const Expected want = expected(m_shopId, "Asia/Shanghai");
    const auto after = liveDays(m_shopId);
    for (auto it = want.days.cbegin(); it != want.days.cend(); ++it)
        QCOMPARE(json(after.value(it.key())), json(*it));
}

void tst_StatsRollup::rebuild_ofAPeriod_touchesOnlyItsDays()
{
    generateHistory(150, 5);
    if (QTest::currentTestFailed())
        return;
    const QStringList live = snapshot(m_shopId);
    const QList<int> keys = liveDays(m_shopId).keys();
    QVERIFY(keys.size() >= 4);
    const int inside = keys.at(1);
    const int outside = keys.at(3);
    for (int day : {inside, outside})
        QVERIFY(m_database
                    ->exec(QStringLiteral("UPDATE stats_days SET paid_orders = paid_orders + 5 WHERE shop_id = ? AND "
                                          "day = ?"),
                           {m_shopId, day})
                    .ok());
    const Period period{stats::dateOfKey(keys.at(0)), stats::dateOfKey(keys.at(2))};
    auto rebuilt = StatsRollup(*m_database).rebuild(m_shopId, period, m_clock);
    QVERIFY(rebuilt.ok());
    QCOMPARE(rebuilt->daysWritten, 1);
    QCOMPARE(rebuilt->period, period);
    const auto days = liveDays(m_shopId);
    const Expected want = expected(m_shopId, "Asia/Shanghai");
    QCOMPARE(json(days.value(inside)), json(want.days.value(inside)));
    QCOMPARE(days.value(outside).paidOrders, want.days.value(outside).paidOrders + 5); // outside: left alone
    // The distinct-counting rows outside the period were not touched either.
    QStringList withoutOutside = snapshot(m_shopId);
    QStringList liveWithoutOutside = live;
    const QString marker = QStringLiteral("day %1 ").arg(outside);
    withoutOutside.removeIf([&](const QString& row) { return row.startsWith(marker); });
    liveWithoutOutside.removeIf([&](const QString& row) { return row.startsWith(marker); });
    QCOMPARE(withoutOutside, liveWithoutOutside);
}

void tst_StatsRollup::rebuild_countsViews_pvAndDistinctVisitorsPerLocalDay()
{
    const QDate march1(2026, 3, 1);
    const QString other = addShop(QStringLiteral("别店"), QStringLiteral("Asia/Shanghai"));
    const QList<std::tuple<QString, qint64, QString>> views{
        {m_shopId, at(march1, QTime(23, 59, 59, 999), "Asia/Shanghai"), QStringLiteral("a")},
        {m_shopId, at(march1.addDays(1), QTime(0, 0), "Asia/Shanghai"), QStringLiteral("a")},
        {m_shopId, at(march1.addDays(1), QTime(9, 0), "Asia/Shanghai"), QStringLiteral("b")},
        {m_shopId, at(march1.addDays(1), QTime(9, 1), "Asia/Shanghai"), QStringLiteral("b")},
        {m_shopId, at(march1.addDays(1), QTime(23, 0), "Asia/Shanghai"), QStringLiteral("c")},
        {other, at(march1.addDays(1), QTime(10, 0), "Asia/Shanghai"), QStringLiteral("a")},
    };
    for (const auto& [shop, ms, visitor] : views)
        QVERIFY(m_database
                    ->exec(QStringLiteral("INSERT INTO view_events (shop_id, kind, target, visitor_key, at_ms) "
                                          "VALUES (?, 'page', 'pages/index', ?, ?)"),
                           {shop, visitor, ms})
                    .ok());
    auto rebuilt = StatsRollup(*m_database).rebuild(m_shopId, std::nullopt, m_clock);
    QVERIFY(rebuilt.ok());
    QCOMPARE(rebuilt->viewsRead, 5);
    const auto days = liveDays(m_shopId);
    QCOMPARE(days.value(20260301).pv, 1);
    QCOMPARE(days.value(20260301).uv, 1);
    QCOMPARE(days.value(20260302).pv, 4);
    QCOMPARE(days.value(20260302).uv, 3);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stats_day_visitors WHERE shop_id = ?"), {m_shopId}), 4);
    QCOMPARE(days.value(20260302).purchaseRateBasisPoints(), std::optional<qint64>(0));
    QVERIFY(liveDays(other).isEmpty()); // only the shop asked for
}

void tst_StatsRollup::rebuild_unknownShop_isNotFound_reversedPeriodIsInvalid()
{
    auto unknown = StatsRollup(*m_database).rebuild(Id::create(), std::nullopt, m_clock);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    const qint64 counter = count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId});
    auto reversed = StatsRollup(*m_database).rebuild(m_shopId, Period{QDate(2026, 3, 2), QDate(2026, 3, 1)}, m_clock);
    QVERIFY(!reversed.ok());
    QCOMPARE(reversed.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}), counter);
    // Nothing to count: the rebuild succeeds and writes nothing.
    auto empty = StatsRollup(*m_database).rebuild(m_shopId, std::nullopt, m_clock);
    QVERIFY(empty.ok());
    QCOMPARE(empty->daysWritten, 0);
    QVERIFY(!empty->period.from.isValid());
    QVERIFY(snapshot(m_shopId).isEmpty());
}

void tst_StatsRollup::cli_statsRebuild_runsTheRealBinary()
{
    generateHistory(60, 9);
    if (QTest::currentTestFailed())
        return;
    const QStringList live = snapshot(m_shopId);
    QVERIFY(m_database->exec(QStringLiteral("UPDATE stats_days SET refund_fen = 12345 WHERE shop_id = ?"), {m_shopId})
                .ok());
    const QStringList base{QStringLiteral("--data-dir"),
                           m_dir.filePath(QStringLiteral("data")),
                           QStringLiteral("--database"),
                           m_url,
                           QStringLiteral("stats"),
                           QStringLiteral("rebuild")};
    QProcess process;
    process.start(QStringLiteral(XD_SYNCSERVER_PATH), base + QStringList{QStringLiteral("--shop"), m_shopId});
    QVERIFY(process.waitForFinished(60'000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(process.exitCode() == 0, qPrintable(out + QString::fromUtf8(process.readAllStandardError())));
    QVERIFY2(out.contains(QStringLiteral("stats rebuilt: shop %1 (time zone Asia/Shanghai)").arg(m_shopId)),
             qPrintable(out));
    QCOMPARE(snapshot(m_shopId), live);
    // By name, for a period; an unknown shop is exit code 1 with the reason.
    process.start(QStringLiteral(XD_SYNCSERVER_PATH),
                  base + QStringList{QStringLiteral("--shop"),
                                     QStringLiteral("统计店"),
                                     QStringLiteral("--from"),
                                     QStringLiteral("2026-02-01"),
                                     QStringLiteral("--to"),
                                     QStringLiteral("2026-02-03")});
    QVERIFY(process.waitForFinished(60'000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(
        QString::fromUtf8(process.readAllStandardOutput()).contains(QStringLiteral("days 2026-02-01 to 2026-02-03")));
    process.start(QStringLiteral(XD_SYNCSERVER_PATH),
                  base + QStringList{QStringLiteral("--shop"), QStringLiteral("无此店")});
    QVERIFY(process.waitForFinished(60'000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("无此店")));
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_StatsRollup>(argc, argv);
}
#include "tst_statsrollup.moc"
