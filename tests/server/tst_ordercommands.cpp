// The merchant's order operations in process (CommandProcessor over a real server database: a temporary SQLite file,
// or a fresh PostgreSQL database): the signals other parts listen to after the commit (orderTransitioned for SMS
// notices and the WeChat Pay jobs, shopChanged for desktops), and that a refused step -- also one refused by the money
// path after the state already moved -- leaves nothing behind. The HTTP and sync sides are in tst_ordersadmin.
#include "ChangeNotifier.h"
#include "CommandProcessor.h"
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

class tst_OrderCommands : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void step_emitsOrderTransitionedAndShopChanged_afterTheCommit();
    void refusedStep_emitsNothing_andChangesNothing();
    void refundTheMoneyPathRefuses_isRolledBackWhole();
    void remarkAndSettings_moveTheShopButNoOrderState();

private:
    QString seedOrder(const QString& state, const QString& payment, qint64 paidFen);
    qint64 count(const QString& sql, const QVariantList& values) const;
    Actor owner() const { return Actor{m_shopId, m_ownerId, Role::Owner}; }

    QTemporaryDir m_dir;
    std::unique_ptr<db::Database> m_database;
    ManualClock m_clock{1'764'000'000'000LL};
    std::unique_ptr<ChangeNotifier> m_notifier;
    std::unique_ptr<CommandProcessor> m_commands;
    QString m_shopId;
    QString m_ownerId;
    QString m_customerId;
};

void tst_OrderCommands::init()
{
    QVERIFY(m_dir.isValid());
    QString url = QStringLiteral("sqlite:") + m_dir.filePath(Id::create() + QStringLiteral(".db"));
    if (ServerFixture::isPostgres()) {
        QString error;
        url = createTestDatabase(QStringLiteral("xd_ordercommands"), &error).toString();
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
    QVERIFY(shop.ok());
    auto staff =
        shops.addStaff(shop->id, QStringLiteral("owner"), QStringLiteral("店主"), Role::Owner, QStringLiteral("x"));
    QVERIFY(staff.ok());
    m_shopId = shop->id;
    m_ownerId = *staff;
    m_customerId = Id::create();
    QVERIFY(
        m_database
            ->exec(QStringLiteral("INSERT INTO customers (id, shop_id, openid, version, created_at_ms, updated_at_ms) "
                                  "VALUES (?, ?, 'o', 1, 0, 0)"),
                   {m_customerId, m_shopId})
            .ok());
    QVERIFY(tx->commit().ok());
    m_notifier = std::make_unique<ChangeNotifier>();
    m_commands = std::make_unique<CommandProcessor>(*m_database, m_clock, *m_notifier, PasswordHasher());
}

void tst_OrderCommands::cleanup()
{
    m_commands.reset();
    m_notifier.reset();
    m_database.reset();
}

qint64 tst_OrderCommands::count(const QString& sql, const QVariantList& values) const
{
    auto value = m_database->scalar(sql, values);
    return value.ok() ? value->toLongLong() : -1;
}

// An order without lines (no stock moves) at the shop's current version, with its "place" event.
QString tst_OrderCommands::seedOrder(const QString& state, const QString& payment, qint64 paidFen)
{
    const QString id = Id::create();
    const bool ok =
        m_database
            ->exec(QStringLiteral("INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, "
                                  "fulfilment, payment_method, goods_fen, payable_fen, paid_fen, placed_at_ms, "
                                  "version, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, 'delivery', ?, 10000, 10000, ?, "
                                  "?, 1, ?)"),
                   {id,
                    m_shopId,
                    id.right(8),
                    m_customerId,
                    id,
                    state,
                    payment,
                    paidFen,
                    m_clock.nowMs(),
                    m_clock.nowMs()})
            .ok() &&
        m_database
            ->exec(QStringLiteral("INSERT INTO order_events (id, order_id, shop_id, seq, action, from_state, to_state, "
                                  "actor_kind, at_ms) VALUES (?, ?, ?, 1, 'place', '', ?, 'customer', ?)"),
                   {Id::create(), id, m_shopId, state, m_clock.nowMs()})
            .ok();
    return ok ? id : QString();
}

void tst_OrderCommands::step_emitsOrderTransitionedAndShopChanged_afterTheCommit()
{
    const QString id = seedOrder(QStringLiteral("paid"), QStringLiteral("wechat_pay"), 10000);
    QVERIFY(!id.isEmpty());
    QSignalSpy transitioned(m_notifier.get(), &ChangeNotifier::orderTransitioned);
    QSignalSpy changed(m_notifier.get(), &ChangeNotifier::shopChanged);
    // The listener runs after the commit: it sees the new state from the database.
    QString seenState;
    connect(m_notifier.get(), &ChangeNotifier::orderTransitioned, this, [&](const QString&, const QString& orderId) {
        seenState = m_database->scalar(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {orderId})->toString();
    });
    auto done = m_commands->execute(owner(), QStringLiteral("order.accept"), {{QStringLiteral("orderId"), id}});
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().toString()));
    QCOMPARE(transitioned.size(), 1);
    QCOMPARE(transitioned.at(0).at(0).toString(), m_shopId);
    QCOMPARE(transitioned.at(0).at(1).toString(), id);
    QCOMPARE(transitioned.at(0).at(2).toString(), QStringLiteral("accept"));
    QCOMPARE(seenState, QStringLiteral("accepted"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(1).toLongLong(), done->version);
    // One version for the operation: the order, the audit row and the shop's counter agree.
    QCOMPARE(count(QStringLiteral("SELECT version FROM orders WHERE id = ?"), {id}), done->version);
    QCOMPARE(count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}), done->version);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE operation = 'order.accept' AND version = ?"),
                   {done->version}),
             1);

    // A partial refund is a transition too (the refund dispatcher wakes on it).
    QVERIFY(m_database
                ->exec(QStringLiteral("INSERT INTO payments (id, shop_id, order_id, out_trade_no, app_id, mch_id, "
                                      "payer_openid, amount_fen, state, applied, created_at_ms, updated_at_ms) "
                                      "VALUES (?, ?, ?, ?, 'wx', '1', 'o', 10000, 'succeeded', 1, 0, 0)"),
                       {Id::create(), m_shopId, id, QStringLiteral("XD") + id})
                .ok());
    done = m_commands->execute(owner(),
                               QStringLiteral("order.refund"),
                               {{QStringLiteral("orderId"), id},
                                {QStringLiteral("amountFen"), 1200},
                                {QStringLiteral("reason"), QStringLiteral("少一杯")}});
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().toString()));
    QCOMPARE(transitioned.size(), 2);
    QCOMPARE(transitioned.at(1).at(2).toString(), QStringLiteral("partial_refund"));
    QCOMPARE(count(QStringLiteral("SELECT refunded_fen FROM orders WHERE id = ?"), {id}), 1200);
}

void tst_OrderCommands::refusedStep_emitsNothing_andChangesNothing()
{
    const QString id = seedOrder(QStringLiteral("pending_payment"), QStringLiteral("wechat_pay"), 0);
    QSignalSpy transitioned(m_notifier.get(), &ChangeNotifier::orderTransitioned);
    QSignalSpy changed(m_notifier.get(), &ChangeNotifier::shopChanged);
    const qint64 counter = count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId});
    auto refused = m_commands->execute(owner(), QStringLiteral("order.accept"), {{QStringLiteral("orderId"), id}});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    refused = m_commands->execute(Actor{m_shopId, m_ownerId, Role::Clerk},
                                  QStringLiteral("order.refund"),
                                  {{QStringLiteral("orderId"), id},
                                   {QStringLiteral("amountFen"), 1},
                                   {QStringLiteral("reason"), QStringLiteral("x")}});
    QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
    refused = m_commands->execute(Actor{Id::create(), m_ownerId, Role::Owner},
                                  QStringLiteral("order.accept"),
                                  {{QStringLiteral("orderId"), id}}); // another shop's caller
    QVERIFY(!refused.ok());
    QCOMPARE(transitioned.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}), counter);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ?"), {id}), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE operation LIKE 'order.%'"), {}), 0);
}

void tst_OrderCommands::refundTheMoneyPathRefuses_isRolledBackWhole()
{
    // Paid by stored balance: queueRefund cannot pay it back yet (conflict) -- after applyOrderTransition already
    // wrote the state, the event and refunded_fen. The whole operation must go.
    const QString id = seedOrder(QStringLiteral("accepted"), QStringLiteral("balance"), 10000);
    QSignalSpy transitioned(m_notifier.get(), &ChangeNotifier::orderTransitioned);
    const qint64 counter = count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId});
    auto refused =
        m_commands->execute(owner(),
                            QStringLiteral("order.cancel"),
                            {{QStringLiteral("orderId"), id}, {QStringLiteral("reason"), QStringLiteral("缺货")}});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QCOMPARE(m_database->scalar(QStringLiteral("SELECT state FROM orders WHERE id = ?"), {id})->toString(),
             QStringLiteral("accepted"));
    QCOMPARE(count(QStringLiteral("SELECT refunded_fen FROM orders WHERE id = ?"), {id}), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM order_events WHERE order_id = ?"), {id}), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE order_id = ?"), {id}), 0);
    QCOMPARE(count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}), counter);
    QCOMPARE(transitioned.size(), 0);
}

void tst_OrderCommands::remarkAndSettings_moveTheShopButNoOrderState()
{
    const QString id = seedOrder(QStringLiteral("paid"), QStringLiteral("wechat_pay"), 10000);
    QSignalSpy transitioned(m_notifier.get(), &ChangeNotifier::orderTransitioned);
    QSignalSpy changed(m_notifier.get(), &ChangeNotifier::shopChanged);
    QVERIFY(m_commands
                ->execute(owner(),
                          QStringLiteral("order.remark"),
                          {{QStringLiteral("orderId"), id}, {QStringLiteral("remark"), QStringLiteral("VIP")}})
                .ok());
    QVERIFY(m_commands->execute(owner(), QStringLiteral("orderSettings.update"), {{QStringLiteral("codEnabled"), true}})
                .ok());
    QCOMPARE(transitioned.size(), 0);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(count(QStringLiteral("SELECT cod_enabled FROM order_settings WHERE shop_id = ?"), {m_shopId}), 1);
    QCOMPARE(count(QStringLiteral("SELECT version FROM order_settings WHERE shop_id = ?"), {m_shopId}),
             changed.at(1).at(1).toLongLong());
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_OrderCommands>(argc, argv);
}
#include "tst_ordercommands.moc"
