// The one-year statistics report over 1,000,000 orders (docs/performance.md, "Statistics report"):
//   bench_stats [--database sqlite:PATH | postgresql://…] [--orders 1000000] [--views 2000000] [--runs 7]
// 1. generates one shop's year directly into a fresh server database (default: SQLite in a temporary folder):
//    customers, 500 products, the orders of 365 local days with 1-3 lines each and their event history (place,
//    pay or mark_collected, accept, complete; some closed or cancelled unpaid, some refunded or partly refunded),
//    and page/product/article views; multi-row INSERTs in transactions of 20,000 orders;
// 2. times StatsRollup::rebuild for the whole shop and the one-year report on the server (StatsReader);
// 3. exports the stats rows as a desktop pulls them (EntityReader::changedSince, pages of 500) and runs
//    bench_stats_desktop, which stores them in a new SQLCipher cache through CacheStore::applyPullPage and times
//    StatsService::report for the same year. A separate process: the desktop links SQLCipher (SQLite 3.15), whose
//    sqlite3_* symbols would otherwise also serve the server's QSQLITE driver in this process.
// The run fails (exit 1) when a step fails or the desktop's totals differ from the server's.
#include "EntityReader.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "StatsReader.h"
#include "StatsRollup.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Stats.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

using namespace xd;
using namespace xd::server;

namespace {

const QString kShopName = QStringLiteral("统计基准店");
constexpr int Products = 500;
constexpr int Customers = 60'000;
constexpr int Visitors = 400'000;
constexpr int OrdersPerTransaction = 20'000;
constexpr qint64 DayMs = 86'400'000;

// Qt binds a null QString as NULL: "" must stay an empty text.
QString text(const char* latin1)
{
    return *latin1 ? QString::fromLatin1(latin1) : QStringLiteral("");
}

bool fail(const Error& error)
{
    std::fprintf(stderr, "\n%s\n", qPrintable(error.toString()));
    return false;
}

// A UUID v7 of the instant the row was written at, as Id::create makes (rows of one order share its instants), from
// the bench's own seeded generator: repeatable, and no system call per id.
QString idAt(qint64 ms, QRandomGenerator& random)
{
    std::array<quint8, 16> bytes{};
    random.fillRange(reinterpret_cast<quint32*>(bytes.data()), 4);
    for (int i = 0; i < 6; ++i)
        bytes[i] = quint8(quint64(ms) >> (40 - 8 * i));
    bytes[6] = quint8(0x70 | (bytes[6] & 0x0F));
    bytes[8] = quint8(0x80 | (bytes[8] & 0x3F));
    return QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char*>(bytes.data()), 16))
        .toString(QUuid::WithoutBraces);
}

// Rows of one table gathered and written as multi-row INSERTs of at most `perStatement` rows. Each statement shape
// (row count) is prepared once and reused: SQLite's parser spends time quadratic in the number of parameters of a
// statement (30,000 parameters took seconds to prepare), so statements stay small and are never parsed twice.
class BulkInsert
{
public:
    BulkInsert(const db::Database& database, const QString& table, const QStringList& columns)
        : m_database(database),
          m_head(QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table, columns.join(QStringLiteral(", ")))),
          m_columns(int(columns.size())), m_perStatement(std::max(1, 2'000 / int(columns.size())))
    {
        QStringList marks(m_columns, QStringLiteral("?"));
        m_rowMarks = QLatin1Char('(') + marks.join(QStringLiteral(", ")) + QLatin1Char(')');
    }

    void add(std::initializer_list<QVariant> row)
    {
        Q_ASSERT(int(row.size()) == m_columns);
        for (const QVariant& value : row)
            m_values.append(value);
        ++m_rows;
        ++m_total;
    }
    qint64 total() const { return m_total; }

    Status flush()
    {
        for (int from = 0; from < m_rows; from += m_perStatement) {
            const int rows = std::min(m_perStatement, m_rows - from);
            auto query = statement(rows);
            if (!query)
                return query.error();
            const qsizetype first = qsizetype(from) * m_columns;
            for (qsizetype i = first; i < first + qsizetype(rows) * m_columns; ++i)
                (*query)->addBindValue(m_values.at(i));
            if (!(*query)->exec())
                return makeError(ErrorCode::Database, (*query)->lastError().text());
        }
        m_values.clear();
        m_rows = 0;
        return {};
    }

private:
    Result<QSqlQuery*> statement(int rows)
    {
        auto found = m_prepared.find(rows);
        if (found != m_prepared.end())
            return &*found;
        QSqlQuery query(m_database.handle());
        const QString sql =
            m_database.dialect().expand(m_head + QStringList(rows, m_rowMarks).join(QStringLiteral(", ")));
        if (!query.prepare(sql))
            return makeError(ErrorCode::Database, query.lastError().text());
        return &*m_prepared.insert(rows, std::move(query));
    }

    const db::Database& m_database;
    QString m_head;
    QString m_rowMarks;
    int m_columns;
    int m_perStatement;
    QHash<int, QSqlQuery> m_prepared;
    QVariantList m_values;
    int m_rows = 0;
    qint64 m_total = 0;
};

struct Product
{
    QString id;
    QString skuId;
    QString name;
    qint64 priceFen = 0;
};

struct Year
{
    QDate first;
    QDate last;
};

// The generated shop: what the report should cover and what was written.
struct Generated
{
    QString shopId;
    Year year;
    qint64 orders = 0;
    qint64 items = 0;
    qint64 events = 0;
    qint64 views = 0;
    double seconds = 0;
};

const QStringList& productWords()
{
    static const QStringList words =
        QString::fromUtf8("红茶拿铁 乌龙奶茶 抹茶拿铁 茉莉花茶 杨枝甘露 美式咖啡 拿铁咖啡 卡布奇诺 "
                          "牛肉干 每日坚果 芒果干 薯片 苹果 脐橙 车厘子 草莓 洗衣液 "
                          "抽纸 牙膏 中性笔 笔记本 芝士蛋糕 可颂 蛋挞 吐司 大米 花生油 酱油")
            .split(u' ');
    return words;
}

// Orders of each day of the year: more at weekends, growing through the year, adding up to `total` exactly.
QList<int> ordersPerDay(const Year& year, qint64 total)
{
    QList<double> weights;
    double sum = 0;
    const int days = int(year.first.daysTo(year.last)) + 1;
    for (int d = 0; d < days; ++d) {
        const QDate day = year.first.addDays(d);
        const double weekend = day.dayOfWeek() >= 6 ? 1.35 : 1.0;
        const double growth = 0.7 + 0.6 * d / std::max(1, days - 1);
        weights << weekend * growth;
        sum += weights.constLast();
    }
    QList<int> counts;
    qint64 given = 0;
    for (double w : weights) {
        counts << int(std::floor(double(total) * w / sum));
        given += counts.constLast();
    }
    for (int d = 0; given < total; d = (d + 1) % days, ++given)
        ++counts[d];
    return counts;
}

qint64 startOfDay(QDate day, const QTimeZone& zone)
{
    return QDateTime(day, QTime(0, 0), zone).toMSecsSinceEpoch();
}

// The events of one order and the order row they leave behind, for a random customer at `placedAt`.
struct OrderPlan
{
    struct Event
    {
        const char* action;
        const char* from;
        const char* to;
        const char* actor;
        qint64 atMs;
        qint64 amountFen;
    };
    QList<Event> events;
    const char* state = "";
    qint64 paidFen = 0;
    qint64 refundedFen = 0;
    qint64 paidAtMs = 0;
    qint64 completedAtMs = 0;
};

OrderPlan planOrder(QRandomGenerator& random, bool cod, qint64 placedAt, qint64 payable)
{
    OrderPlan plan;
    const double r = random.generateDouble();
    const auto after = [&](qint64 minMs, qint64 maxMs) {
        return minMs + qint64(random.bounded(double(maxMs - minMs)));
    };
    if (!cod) {
        plan.events.append({"place", "", "pending_payment", "customer", placedAt, 0});
        if (r < 0.04) { // never paid: the close timer ends it
            plan.events.append({"close", "pending_payment", "closed", "system", placedAt + 15 * 60'000, 0});
            plan.state = "closed";
            return plan;
        }
        if (r < 0.07) {
            plan.events.append(
                {"cancel", "pending_payment", "cancelled", "customer", placedAt + after(30'000, 600'000), 0});
            plan.state = "cancelled";
            return plan;
        }
        plan.paidAtMs = placedAt + after(5'000, 300'000);
        plan.paidFen = payable;
        plan.events.append({"pay", "pending_payment", "paid", "payment", plan.paidAtMs, payable});
        const qint64 accepted = plan.paidAtMs + after(60'000, 1'800'000);
        plan.events.append({"accept", "paid", "accepted", "staff", accepted, 0});
        if (r < 0.09) { // refunded in full on the customer's request
            const qint64 requested = accepted + after(60'000, 7'200'000);
            plan.events.append({"request_refund", "accepted", "refund_requested", "customer", requested, 0});
            plan.events.append(
                {"refund", "refund_requested", "refunded", "staff", requested + after(60'000, 86'400'000), payable});
            plan.refundedFen = payable;
            plan.state = "refunded";
            return plan;
        }
        plan.completedAtMs = accepted + after(600'000, 2 * DayMs);
        plan.events.append({"complete", "accepted", "completed", "staff", plan.completedAtMs, 0});
        plan.state = "completed";
        if (r < 0.12 && payable > 1) { // part of the money paid back afterwards
            plan.refundedFen = 1 + qint64(random.bounded(double(payable / 2)));
            plan.events.append({"partial_refund",
                                "completed",
                                "completed",
                                "staff",
                                plan.completedAtMs + after(60'000, 3 * DayMs),
                                plan.refundedFen});
        }
        return plan;
    }
    plan.events.append({"place", "", "cod_placed", "customer", placedAt, 0});
    if (r < 0.05) {
        plan.events.append({"cancel", "cod_placed", "cancelled", "staff", placedAt + after(60'000, 1'800'000), 0});
        plan.state = "cancelled";
        return plan;
    }
    const qint64 accepted = placedAt + after(60'000, 1'800'000);
    plan.events.append({"accept", "cod_placed", "accepted", "staff", accepted, 0});
    plan.paidAtMs = accepted + after(600'000, 6 * 3'600'000);
    plan.paidFen = payable;
    plan.completedAtMs = plan.paidAtMs;
    plan.events.append({"mark_collected", "accepted", "completed", "staff", plan.paidAtMs, payable});
    plan.state = "completed";
    if (r < 0.065 && payable > 1) {
        plan.refundedFen = 1 + qint64(random.bounded(double(payable / 2)));
        plan.events.append({"partial_refund",
                            "completed",
                            "completed",
                            "staff",
                            plan.paidAtMs + after(60'000, 2 * DayMs),
                            plan.refundedFen});
    }
    return plan;
}

// Writes the shop's year. Deterministic for a given --orders/--views (seeded generator).
bool generate(const db::Database& database, const Clock& clock, qint64 orderCount, qint64 viewCount, Generated& out)
{
    QElapsedTimer timer;
    timer.start();
    QRandomGenerator random(20261125);
    ShopRepository shops(database, clock);
    auto shop = shops.createShop(kShopName);
    if (!shop)
        return fail(shop.error());
    out.shopId = shop->id;
    const QTimeZone zone(QByteArray(stats::ShopCalendar::DefaultZone));
    // The year: the 365 local days up to yesterday.
    const QDate today = QDateTime::fromMSecsSinceEpoch(clock.nowMs(), zone).date();
    out.year = {today.addDays(-365), today.addDays(-1)};
    const qint64 yearStart = startOfDay(out.year.first, zone);

    // Products and customers, one transaction.
    QList<Product> products;
    QList<QString> customers;
    {
        auto tx = db::Transaction::begin(database);
        if (!tx)
            return fail(tx.error());
        auto version = shops.bumpChangeCounter(out.shopId);
        if (!version)
            return fail(version.error());
        BulkInsert productRows(database,
                               QStringLiteral("products"),
                               {QStringLiteral("id"),
                                QStringLiteral("shop_id"),
                                QStringLiteral("name"),
                                QStringLiteral("on_shelf"),
                                QStringLiteral("min_price_fen"),
                                QStringLiteral("stock_total"),
                                QStringLiteral("search_text"),
                                QStringLiteral("version"),
                                QStringLiteral("created_at_ms"),
                                QStringLiteral("updated_at_ms")});
        BulkInsert skuRows(database,
                           QStringLiteral("product_skus"),
                           {QStringLiteral("id"),
                            QStringLiteral("shop_id"),
                            QStringLiteral("product_id"),
                            QStringLiteral("position"),
                            QStringLiteral("price_fen"),
                            QStringLiteral("stock"),
                            QStringLiteral("version"),
                            QStringLiteral("created_at_ms"),
                            QStringLiteral("updated_at_ms")});
        for (int i = 0; i < Products; ++i) {
            Product p;
            p.id = idAt(yearStart - DayMs + i, random);
            p.skuId = idAt(yearStart - DayMs + i, random);
            p.name = productWords().at(i % productWords().size()) + QStringLiteral(" %1号").arg(i + 1);
            p.priceFen = 300 + qint64(random.bounded(97)) * 100 + (i % 3 == 0 ? 90 : 0);
            productRows.add({p.id,
                             out.shopId,
                             p.name,
                             1,
                             p.priceFen,
                             100'000,
                             p.name,
                             *version,
                             yearStart - DayMs,
                             yearStart - DayMs});
            skuRows.add(
                {p.skuId, out.shopId, p.id, 1, p.priceFen, 100'000, *version, yearStart - DayMs, yearStart - DayMs});
            products << p;
        }
        BulkInsert customerRows(database,
                                QStringLiteral("customers"),
                                {QStringLiteral("id"),
                                 QStringLiteral("shop_id"),
                                 QStringLiteral("openid"),
                                 QStringLiteral("nickname"),
                                 QStringLiteral("version"),
                                 QStringLiteral("created_at_ms"),
                                 QStringLiteral("updated_at_ms")});
        for (int i = 0; i < Customers; ++i) {
            customers << idAt(yearStart - DayMs + i, random);
            customerRows.add({customers.constLast(),
                              out.shopId,
                              QStringLiteral("o-bench-%1").arg(i),
                              QStringLiteral("顾客%1").arg(i),
                              *version,
                              yearStart - DayMs,
                              yearStart - DayMs});
        }
        for (BulkInsert* rows : {&productRows, &skuRows, &customerRows})
            if (auto done = rows->flush(); !done)
                return fail(done.error());
        if (auto done = tx->commit(); !done)
            return fail(done.error());
    }

    // Orders, day by day in time order, OrdersPerTransaction per transaction (one version each).
    BulkInsert orderRows(
        database,
        QStringLiteral("orders"),
        {QStringLiteral("id"),           QStringLiteral("shop_id"),           QStringLiteral("number"),
         QStringLiteral("customer_id"),  QStringLiteral("client_request_id"), QStringLiteral("state"),
         QStringLiteral("fulfilment"),   QStringLiteral("payment_method"),    QStringLiteral("goods_fen"),
         QStringLiteral("discount_fen"), QStringLiteral("delivery_fee_fen"),  QStringLiteral("payable_fen"),
         QStringLiteral("paid_fen"),     QStringLiteral("refunded_fen"),      QStringLiteral("customer_nickname"),
         QStringLiteral("contact_name"), QStringLiteral("contact_phone"),     QStringLiteral("address"),
         QStringLiteral("placed_at_ms"), QStringLiteral("paid_at_ms"),        QStringLiteral("completed_at_ms"),
         QStringLiteral("version"),      QStringLiteral("updated_at_ms")});
    BulkInsert itemRows(database,
                        QStringLiteral("order_items"),
                        {QStringLiteral("id"),
                         QStringLiteral("order_id"),
                         QStringLiteral("shop_id"),
                         QStringLiteral("position"),
                         QStringLiteral("product_id"),
                         QStringLiteral("sku_id"),
                         QStringLiteral("product_name"),
                         QStringLiteral("unit_price_fen"),
                         QStringLiteral("quantity"),
                         QStringLiteral("line_total_fen"),
                         QStringLiteral("discount_fen")});
    BulkInsert eventRows(database,
                         QStringLiteral("order_events"),
                         {QStringLiteral("id"),
                          QStringLiteral("order_id"),
                          QStringLiteral("shop_id"),
                          QStringLiteral("seq"),
                          QStringLiteral("action"),
                          QStringLiteral("from_state"),
                          QStringLiteral("to_state"),
                          QStringLiteral("actor_kind"),
                          QStringLiteral("amount_fen"),
                          QStringLiteral("at_ms")});
    const QList<int> perDay = ordersPerDay(out.year, orderCount);
    const QString delivery = QStringLiteral("delivery");
    const QString pickup = QStringLiteral("pickup");
    const QString wechat = QStringLiteral("wechat_pay");
    const QString codMethod = QStringLiteral("cash_on_delivery");
    std::optional<db::Transaction> tx;
    qint64 version = 0;
    qint64 written = 0;
    const auto flushAll = [&]() -> Status {
        // Orders first: their lines and events refer to them.
        for (BulkInsert* rows : {&orderRows, &itemRows, &eventRows})
            if (auto done = rows->flush(); !done)
                return done;
        return {};
    };
    for (int d = 0; d < perDay.size(); ++d) {
        const QDate day = out.year.first.addDays(d);
        const qint64 dayStart = startOfDay(day, zone);
        // Orders from 07:00 to 23:00 local, in time order.
        QList<qint64> times;
        for (int i = 0; i < perDay[d]; ++i)
            times << dayStart + 7 * 3'600'000 + qint64(random.bounded(16.0 * 3'600'000));
        std::sort(times.begin(), times.end());
        const QString dayPrefix = day.toString(QStringLiteral("yyMMdd"));
        for (int i = 0; i < times.size(); ++i) {
            if (!tx) {
                auto begun = db::Transaction::begin(database);
                if (!begun)
                    return fail(begun.error());
                tx.emplace(std::move(*begun));
                auto bumped = shops.bumpChangeCounter(out.shopId);
                if (!bumped)
                    return fail(bumped.error());
                version = *bumped;
            }
            const qint64 placedAt = times[i];
            const QString orderId = idAt(placedAt, random);
            // Returning customers: a few order often, most now and then.
            const double u = random.generateDouble();
            const qsizetype customer = qsizetype(double(Customers) * u * u);
            const bool cod = random.bounded(100) < 35;
            const bool toDeliver = random.bounded(100) < 45;
            const int lines = 1 + int(random.bounded(3));
            const bool discounted = random.bounded(100) < 15;
            qint64 goods = 0;
            qint64 discount = 0;
            for (int l = 0; l < lines; ++l) {
                // Popular products sell more: the first ones of the list are picked most.
                const double v = random.generateDouble();
                const Product& p = products.at(qsizetype(double(Products) * v * std::sqrt(v)));
                const int quantity = random.bounded(100) < 80 ? 1 : 2 + int(random.bounded(2));
                const qint64 lineTotal = p.priceFen * quantity;
                const qint64 lineDiscount = discounted ? lineTotal / 10 : 0;
                goods += lineTotal;
                discount += lineDiscount;
                itemRows.add({idAt(placedAt, random),
                              orderId,
                              out.shopId,
                              l,
                              p.id,
                              p.skuId,
                              p.name,
                              p.priceFen,
                              quantity,
                              lineTotal,
                              lineDiscount});
            }
            const qint64 fee = toDeliver ? 500 : 0;
            const qint64 payable = goods - discount + fee;
            const OrderPlan plan = planOrder(random, cod, placedAt, payable);
            orderRows.add({orderId,
                           out.shopId,
                           dayPrefix + QStringLiteral("%1").arg(i + 1, 4, 10, QLatin1Char('0')),
                           customers.at(customer),
                           QStringLiteral("r%1").arg(written),
                           text(plan.state),
                           toDeliver ? delivery : pickup,
                           cod ? codMethod : wechat,
                           goods,
                           discount,
                           fee,
                           payable,
                           plan.paidFen,
                           plan.refundedFen,
                           QStringLiteral("顾客%1").arg(customer),
                           QStringLiteral("张三"),
                           QStringLiteral("13800000000"),
                           toDeliver ? QStringLiteral("上海市浦东新区世纪大道100号") : QStringLiteral(""),
                           placedAt,
                           plan.paidAtMs,
                           plan.completedAtMs,
                           version,
                           plan.events.constLast().atMs});
            for (int e = 0; e < plan.events.size(); ++e) {
                const OrderPlan::Event& event = plan.events.at(e);
                eventRows.add({idAt(event.atMs, random),
                               orderId,
                               out.shopId,
                               e + 1,
                               text(event.action),
                               text(event.from),
                               text(event.to),
                               text(event.actor),
                               event.amountFen,
                               event.atMs});
            }
            ++written;
            if (written % 100 == 0)
                if (auto done = flushAll(); !done)
                    return fail(done.error());
            if (written % OrdersPerTransaction == 0 || written == orderCount) {
                if (auto done = flushAll(); !done)
                    return fail(done.error());
                if (auto done = tx->commit(); !done)
                    return fail(done.error());
                tx.reset();
                std::printf("\rorders: %lld (%.0f/s)", written, written / (timer.elapsed() / 1000.0 + 1e-9));
                std::fflush(stdout);
            }
        }
    }
    std::printf("\n");
    out.orders = orderRows.total();
    out.items = itemRows.total();
    out.events = eventRows.total();

    // Views: about viewCount over the year, in proportion to the day's orders, in visits of 1-8 views a minute
    // apart by one visitor (about 4.5 views per visitor and day) from a pool of whom some come back often; product
    // pages half of them. Far fewer views per order than a real shop (tens of millions a year would take hours to
    // generate here); the report does not depend on their number (one stats_days row a day), the rebuild does.
    BulkInsert viewRows(database,
                        QStringLiteral("view_events"),
                        {QStringLiteral("shop_id"),
                         QStringLiteral("kind"),
                         QStringLiteral("target"),
                         QStringLiteral("visitor_key"),
                         QStringLiteral("at_ms")});
    const QString kinds[] = {QStringLiteral("page"), QStringLiteral("product"), QStringLiteral("article")};
    const QString pages[] = {QStringLiteral("pages/index/index"),
                             QStringLiteral("pages/category/category"),
                             QStringLiteral("pages/cart/cart"),
                             QStringLiteral("pages/shop/shop")};
    for (int d = 0; d < perDay.size(); ++d) {
        const qint64 dayStart = startOfDay(out.year.first.addDays(d), zone);
        const qint64 views = viewCount * perDay[d] / std::max<qint64>(1, orderCount);
        auto begun = db::Transaction::begin(database);
        if (!begun)
            return fail(begun.error());
        for (qint64 v = 0; v < views;) {
            const double u = random.generateDouble();
            const QString visitor =
                QStringLiteral("vk%1").arg(qint64(double(Visitors) * u * u), 8, 16, QLatin1Char('0'));
            const qint64 visitAt = dayStart + 6 * 3'600'000 + qint64(random.bounded(17.0 * 3'600'000));
            for (int k = 1 + int(random.bounded(8)); k > 0 && v < views; --k, ++v) {
                const int kind = random.bounded(100) < 40 ? 0 : (random.bounded(100) < 85 ? 1 : 2);
                const QString target = kind == 0   ? pages[random.bounded(4)]
                                       : kind == 1 ? products.at(random.bounded(Products)).id
                                                   : QStringLiteral("a%1").arg(random.bounded(40));
                viewRows.add({out.shopId, kinds[kind], target, visitor, visitAt + k * 60'000});
            }
        }
        if (auto done = viewRows.flush(); !done)
            return fail(done.error());
        if (auto done = begun->commit(); !done)
            return fail(done.error());
    }
    out.views = viewRows.total();
    if (database.engine() == db::Engine::Postgres)
        if (auto analysed = database.exec(QStringLiteral("ANALYZE")); !analysed)
            return fail(analysed.error());
    out.seconds = timer.elapsed() / 1000.0;
    std::printf("generated %lld orders, %lld lines, %lld events, %lld views (%s … %s) in %.1f s\n",
                out.orders,
                out.items,
                out.events,
                out.views,
                qPrintable(out.year.first.toString(Qt::ISODate)),
                qPrintable(out.year.last.toString(Qt::ISODate)),
                out.seconds);
    return true;
}

struct Timings
{
    double firstMs = 0;
    double medianMs = 0;
    double maxMs = 0;
};

// The first run alone (cold: a connection just opened), then the median and maximum of `runs` more.
template <typename Run> std::optional<Timings> timeRuns(int runs, Run run)
{
    QList<double> ms;
    for (int i = 0; i <= runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        if (!run())
            return std::nullopt;
        ms << timer.nsecsElapsed() / 1e6;
    }
    Timings t;
    t.firstMs = ms.takeFirst();
    std::sort(ms.begin(), ms.end());
    t.medianMs = ms.at(ms.size() / 2);
    t.maxMs = ms.constLast();
    return t;
}

qint64 count(const db::Database& database, const QString& table, const QString& shopId)
{
    auto n = database.scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE shop_id = ?").arg(table), {shopId});
    return n ? n->toLongLong() : -1;
}

// The year's money straight from the order events (not from the rollups): what the report's totals must say.
bool checkMoney(const db::Database& database, const QString& shopId, const Year& year, const stats::DayFigures& totals)
{
    const QTimeZone zone(QByteArray(stats::ShopCalendar::DefaultZone));
    auto sums = database.exec(
        QStringLiteral("SELECT "
                       "SUM(CASE WHEN action IN ('pay', 'mark_collected') THEN amount_fen ELSE 0 END), "
                       "SUM(CASE WHEN action IN ('pay', 'mark_collected') THEN 1 ELSE 0 END), "
                       "SUM(CASE WHEN action IN ('refund', 'partial_refund', 'cancel') THEN amount_fen ELSE 0 END), "
                       "SUM(CASE WHEN action = 'place' THEN 1 ELSE 0 END) "
                       "FROM order_events WHERE shop_id = ? AND at_ms >= ? AND at_ms < ?"),
        {shopId, startOfDay(year.first, zone), startOfDay(year.last.addDays(1), zone)});
    if (!sums || !sums->next())
        return fail(sums ? makeError(ErrorCode::Internal, QStringLiteral("no sums")) : sums.error());
    const qint64 gross = sums->value(0).toLongLong();
    const qint64 paid = sums->value(1).toLongLong();
    const qint64 refund = sums->value(2).toLongLong();
    const qint64 placed = sums->value(3).toLongLong();
    std::printf("year from the order events: placed %lld, paid %lld, gross %lld fen, refunds %lld fen\n",
                placed,
                paid,
                gross,
                refund);
    if (gross != totals.grossFen || paid != totals.paidOrders || refund != totals.refundFen ||
        placed != totals.ordersPlaced) {
        std::fprintf(stderr,
                     "the report's totals differ: placed %lld, paid %lld, gross %lld, refunds %lld\n",
                     totals.ordersPlaced,
                     totals.paidOrders,
                     totals.grossFen,
                     totals.refundFen);
        return false;
    }
    return true;
}

// What a desktop that has every version up to sinceVersion pulls next, one JSON page per line.
bool exportPull(
    const db::Database& database, const QString& shopId, qint64 sinceVersion, const QString& path, qint64& rowCount)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(makeError(ErrorCode::Io, file.errorString()));
    const EntityReader reader(database);
    constexpr int PageSize = 500; // the sync server's page
    sync::Cursor cursor{sinceVersion, -1, QString()};
    for (bool more = true; more;) {
        auto rows = reader.changedSince(shopId, cursor, PageSize);
        if (!rows)
            return fail(rows.error());
        more = rows->size() > PageSize;
        if (more)
            rows->resize(PageSize);
        QJsonArray page;
        for (const sync::SyncRow& row : *rows)
            page.append(row.toJson());
        if (!rows->isEmpty()) {
            const sync::SyncRow& last = rows->constLast();
            cursor = {last.version, int(sync::entities().indexOf(last.entity)), last.id};
        }
        const QJsonObject line{{QStringLiteral("rows"), page},
                               {QStringLiteral("cookie"), cursor.encode()},
                               {QStringLiteral("version"), cursor.version},
                               {QStringLiteral("more"), more}};
        file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
        rowCount += rows->size();
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // the figures in order with the logs on stderr
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("database"),
                      QStringLiteral("sqlite:PATH or postgresql://… (an empty database; default: SQLite in a "
                                     "temporary folder)"),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("orders"),
                      QStringLiteral("orders over the year"),
                      QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("views"),
                      QStringLiteral("views over the year"),
                      QStringLiteral("n"),
                      QStringLiteral("2000000")});
    parser.addOption(
        {QStringLiteral("runs"), QStringLiteral("reports timed per side"), QStringLiteral("n"), QStringLiteral("7")});
    parser.addOption({QStringLiteral("generate-only"), QStringLiteral("stop after generating")});
    parser.process(app);

    const SystemClock clock;
    QTemporaryDir temp;
    const QString url = parser.isSet(QStringLiteral("database"))
                            ? parser.value(QStringLiteral("database"))
                            : QStringLiteral("sqlite:") + temp.filePath(QStringLiteral("stats.db"));
    auto settings = db::DatabaseSettings::fromUrl(url);
    auto database = settings ? db::Database::open(*settings) : Result<db::Database>(settings.error());
    if (!database || !db::Migrator(serverMigrations()).migrate(*database, clock.nowMs())) {
        std::fprintf(stderr, "cannot open or migrate the database %s\n", qPrintable(url));
        return 1;
    }
    std::printf("%s: %s\n", qPrintable(database->dialect().name()), qPrintable(url));
    Generated generated;
    // A database that already holds the bench shop (a previous run's --database) is reused as it is: only the
    // rebuild and the reports are timed again.
    if (auto existing = ShopRepository(*database, clock).findShopByName(kShopName)) {
        generated.shopId = existing->id;
        auto first = database->scalar(QStringLiteral("SELECT MIN(placed_at_ms) FROM orders WHERE shop_id = ?"),
                                      {generated.shopId});
        if (!first) {
            (void)fail(first.error());
            return 1;
        }
        const QTimeZone zone(QByteArray(stats::ShopCalendar::DefaultZone));
        generated.year.first = QDateTime::fromMSecsSinceEpoch(first->toLongLong(), zone).date();
        generated.year.last = generated.year.first.addDays(364);
        std::printf("reusing the bench shop of this database (%s … %s)\n",
                    qPrintable(stats::dayText(generated.year.first)),
                    qPrintable(stats::dayText(generated.year.last)));
    } else if (!generate(*database,
                         clock,
                         parser.value(QStringLiteral("orders")).toLongLong(),
                         parser.value(QStringLiteral("views")).toLongLong(),
                         generated)) {
        return 1;
    }
    if (parser.isSet(QStringLiteral("generate-only")))
        return 0;
    const QString shopId = generated.shopId;
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    // The rebuild, on a connection of its own.
    database->close();
    database = db::Database::open(*settings, QStringLiteral("rebuild"));
    if (!database) {
        (void)fail(database.error());
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    auto rebuilt = StatsRollup(*database).rebuild(shopId, std::nullopt, clock);
    if (!rebuilt) {
        (void)fail(rebuilt.error());
        return 1;
    }
    const double rebuildSeconds = timer.elapsed() / 1000.0;
    std::printf("rebuild: %.1f s (%s … %s, version %lld, %lld events, %lld views read; %d days, %d product-days "
                "written)\n",
                rebuildSeconds,
                qPrintable(stats::dayText(rebuilt->period.from)),
                qPrintable(stats::dayText(rebuilt->period.to)),
                rebuilt->version,
                rebuilt->eventsRead,
                rebuilt->viewsRead,
                rebuilt->daysWritten,
                rebuilt->productsWritten);
    for (const char* table : {"shops",
                              "customers",
                              "products",
                              "orders",
                              "order_items",
                              "order_events",
                              "view_events",
                              "stats_days",
                              "stats_product_days",
                              "stats_day_customers",
                              "stats_day_visitors"}) {
        const QString name = QString::fromLatin1(table);
        std::printf("  %-20s %10lld rows\n",
                    table,
                    name == QLatin1String("shops")
                        ? database->scalar(QStringLiteral("SELECT COUNT(*) FROM shops"))->toLongLong()
                        : count(*database, name, shopId));
    }

    // The server's one-year report, on a fresh connection (its first run is cold but for the OS's file cache).
    database->close();
    database = db::Database::open(*settings, QStringLiteral("report"));
    if (!database) {
        (void)fail(database.error());
        return 1;
    }
    const stats::Period year{generated.year.first, generated.year.last};
    const StatsReader reader(*database);
    stats::Report serverReport;
    const auto server = timeRuns(runs, [&] {
        auto report = reader.report(shopId, year, 10);
        if (!report)
            return fail(report.error());
        serverReport = *report;
        return true;
    });
    if (!server || serverReport.days.size() != year.days())
        return 1;
    std::printf("server report %s … %s (%d days): first %.1f ms, median %.1f ms, max %.1f ms of %d\n",
                qPrintable(stats::dayText(year.from)),
                qPrintable(stats::dayText(year.to)),
                year.days(),
                server->firstMs,
                server->medianMs,
                server->maxMs,
                runs);
    std::printf("totals: %s\n", QJsonDocument(serverReport.totals.toJson()).toJson(QJsonDocument::Compact).constData());
    if (!checkMoney(*database, shopId, generated.year, serverReport.totals))
        return 1;

    // What a desktop pulls after the rebuild, stored and reported by the desktop's own code in another process:
    // every version from the oldest stats row on (the generated orders are older; a reused database's rebuild may
    // have changed nothing, so not just its version).
    auto oldest =
        database->scalar(QStringLiteral("SELECT MIN(version) FROM stats_product_days WHERE shop_id = ?"), {shopId});
    if (!oldest) {
        (void)fail(oldest.error());
        return 1;
    }
    const qint64 since = std::min(oldest->toLongLong(), rebuilt->version) - 1;
    const QString pullPath = temp.filePath(QStringLiteral("pull.jsonl"));
    qint64 pulled = 0;
    timer.restart();
    if (!exportPull(*database, shopId, since, pullPath, pulled))
        return 1;
    std::printf("pull pages read (EntityReader::changedSince, 500 a page): %lld rows in %.1f s\n",
                pulled,
                timer.elapsed() / 1000.0);
    database->close();
    QProcess desktop;
    desktop.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    desktop.start(QStringLiteral(XD_BENCH_STATS_DESKTOP_PATH),
                  {QStringLiteral("--pull"),
                   pullPath,
                   QStringLiteral("--from"),
                   stats::dayText(year.from),
                   QStringLiteral("--to"),
                   stats::dayText(year.to),
                   QStringLiteral("--runs"),
                   QString::number(runs),
                   QStringLiteral("--dir"),
                   temp.path()});
    if (!desktop.waitForFinished(30 * 60'000)) {
        std::fprintf(stderr, "bench_stats_desktop did not finish\n");
        return 1;
    }
    const QByteArray output = desktop.readAllStandardOutput();
    std::fwrite(output.constData(), 1, size_t(output.size()), stdout);
    if (desktop.exitStatus() != QProcess::NormalExit || desktop.exitCode() != 0) {
        std::fprintf(stderr, "bench_stats_desktop failed\n");
        return 1;
    }
    const QByteArray serverTotals =
        "totals: " + QJsonDocument(serverReport.totals.toJson()).toJson(QJsonDocument::Compact);
    if (!output.contains(serverTotals + '\n')) {
        std::fprintf(stderr, "the desktop's totals differ from the server's\n");
        return 1;
    }
    std::printf("desktop totals == server totals\n");
    return 0;
}
