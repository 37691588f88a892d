// The database layer and the server schema, run once per engine: `tst_storage sqlite` / `tst_storage postgres`.
// The PostgreSQL URL comes from XD_TEST_POSTGRES_URL, or from the file named by XD_TEST_POSTGRES_ENV that the
// ctest fixture writes. A missing PostgreSQL is a failure, not a skip: both engines are part of the product.
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "TestPostgres.h"
#include "xiaodian/Clock.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QFile>
#include <QMutex>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVersionNumber>

#include <atomic>
#include <limits>
#include <thread>

using namespace xd;
using namespace xd::db;

namespace {

QString g_engine;

} // namespace

class tst_Storage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void open_appliesSessionSettings();
    void open_unreachableDatabase_isClearError();
    void migrate_emptyDatabase_appliesAllAndRecordsThem();
    void migrate_again_changesNothing();
    void migrate_failingStep_rollsBackEveryPendingStep();
    void migrate_databaseFromNewerProgram_isRefused();
    void migrate_editedHistory_isRefused();
    void migrate_badNumbering_isRejected();
    void schema_foreignKeysAndChecksAreEnforced();
    void values_roundTripExactly();
    void upsert_sameSqlOnBothEngines();
    void changeCounter_movesOnlyWithCommittedWrites();
    void transaction_notCommitted_rollsBack();
    void changeCounter_concurrentWriters_loseNoUpdate();
    void shopRepository_rejectsBadInput();

private:
    Result<Database> openDatabase(const QString& purpose = QStringLiteral("test")) const;
    void dropEverything(const Database& database);

    DatabaseSettings m_settings;
    QTemporaryDir m_dir;
    ManualClock m_clock{1'764'000'000'000};
};

void tst_Storage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (g_engine == QLatin1String("sqlite")) {
        m_settings.engine = Engine::Sqlite;
        m_settings.sqlitePath = m_dir.filePath(QStringLiteral("server.db"));
    } else if (g_engine == QLatin1String("postgres")) {
        const QString url = testPostgresUrl();
        QVERIFY2(!url.isEmpty(),
                 "no PostgreSQL: set XD_TEST_POSTGRES_URL or run through ctest (its fixture starts a cluster)");
        auto settings = DatabaseSettings::fromUrl(url);
        QVERIFY2(settings, qPrintable(settings ? QString() : settings.error().toString()));
        m_settings = *settings;
    } else {
        QFAIL("first argument must be 'sqlite' or 'postgres'");
    }
    qInfo("engine: %s", qPrintable(m_settings.redactedUrl()));
}

Result<Database> tst_Storage::openDatabase(const QString& purpose) const
{
    return Database::open(m_settings, purpose);
}

void tst_Storage::dropEverything(const Database& database)
{
    // Children before parents (foreign keys), newest migrations first.
    for (const char* table : {"server_secrets",
                              "stats_day_visitors",
                              "stats_day_customers",
                              "stats_product_days",
                              "stats_days",
                              "customer_images",
                              "product_ratings",
                              "reviews",
                              "payment_anomalies",
                              "refunds",
                              "payments",
                              "carts",
                              "order_number_counters",
                              "order_events",
                              "order_items",
                              "orders",
                              "order_settings",
                              "sms_sends",
                              "sms_codes",
                              "shop_wechat",
                              "customer_addresses",
                              "customer_sessions",
                              "customers",
                              "view_events",
                              "articles",
                              "product_search_grams",
                              "product_skus",
                              "products",
                              "categories",
                              "audit_log",
                              "sync_rejections",
                              "sync_clients",
                              "login_failures",
                              "staff_sessions",
                              "images",
                              "shop_photos",
                              "blobs",
                              "shop_profiles",
                              "staff",
                              "shops",
                              "schema_migrations",
                              "probe_a",
                              "probe_b",
                              "kv",
                              "vals"})
        QVERIFY(database.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(QLatin1String(table))));
}

void tst_Storage::init()
{
    auto database = openDatabase();
    QVERIFY(database);
    dropEverything(*database);
}

void tst_Storage::cleanup()
{
    auto database = openDatabase();
    QVERIFY(database);
    dropEverything(*database);
}

void tst_Storage::open_appliesSessionSettings()
{
    auto database = openDatabase();
    QVERIFY(database);
    if (database->engine() == Engine::Sqlite) {
        QCOMPARE(database->scalar(QStringLiteral("PRAGMA journal_mode"))->toString(), QStringLiteral("wal"));
        QCOMPARE(database->scalar(QStringLiteral("PRAGMA foreign_keys"))->toInt(), 1);
        // The server's SQLite must be modern (RETURNING, UPSERT): not the 3.15 inside SQLCipher.
        const QString version = database->scalar(QStringLiteral("SELECT sqlite_version()"))->toString();
        QVERIFY2(QVersionNumber::fromString(version) >= QVersionNumber(3, 35), qPrintable(version));
    } else {
        QCOMPARE(database->scalar(QStringLiteral("SHOW TimeZone"))->toString(), QStringLiteral("UTC"));
        QCOMPARE(database->scalar(QStringLiteral("SHOW client_encoding"))->toString(), QStringLiteral("UTF8"));
    }
}

void tst_Storage::open_unreachableDatabase_isClearError()
{
    DatabaseSettings bad = m_settings;
    if (bad.engine == Engine::Sqlite)
        bad.sqlitePath = m_dir.filePath(QStringLiteral("no/such/folder/x.db"));
    else
        bad.databaseName = QStringLiteral("no_such_database_here");
    auto database = Database::open(bad);
    QVERIFY(!database);
    QCOMPARE(database.error().code, ErrorCode::Database);
    QVERIFY(!database.error().message.isEmpty());
    if (bad.engine == Engine::Postgres)
        QVERIFY(!database.error().message.contains(bad.password.isEmpty() ? QStringLiteral("\x01") : bad.password));
}

void tst_Storage::migrate_emptyDatabase_appliesAllAndRecordsThem()
{
    auto database = openDatabase();
    QVERIFY(database);
    QCOMPARE(*Migrator::currentVersion(*database), 0);
    const Migrator migrator(server::serverMigrations());
    auto version = migrator.migrate(*database, m_clock.nowMs());
    QVERIFY2(version, qPrintable(version ? QString() : version.error().toString()));
    QCOMPARE(*version, migrator.latestVersion());
    QVERIFY(migrator.latestVersion() >= 1);
    QCOMPARE(*Migrator::currentVersion(*database), migrator.latestVersion());
    QVERIFY(database->tableExists(QStringLiteral("shops")));
    QVERIFY(database->tableExists(QStringLiteral("staff")));
    QCOMPARE(database->scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"))->toInt(),
             migrator.latestVersion());
    QCOMPARE(
        database->scalar(QStringLiteral("SELECT applied_at_ms FROM schema_migrations WHERE version = 1"))->toLongLong(),
        m_clock.nowMs());
}

void tst_Storage::migrate_again_changesNothing()
{
    auto database = openDatabase();
    QVERIFY(database);
    const Migrator migrator(server::serverMigrations());
    QVERIFY(migrator.migrate(*database, 1));
    QVERIFY(migrator.migrate(*database, 2));
    // A second process (a fresh connection) sees the same and does nothing either.
    auto second = openDatabase(QStringLiteral("second"));
    QVERIFY(second);
    QCOMPARE(*migrator.migrate(*second, 3), migrator.latestVersion());
    QCOMPARE(database->scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"))->toInt(),
             migrator.latestVersion());
    QCOMPARE(database->scalar(QStringLiteral("SELECT MAX(applied_at_ms) FROM schema_migrations"))->toLongLong(), 1);
}

void tst_Storage::migrate_failingStep_rollsBackEveryPendingStep()
{
    auto database = openDatabase();
    QVERIFY(database);
    const Migrator migrator({
        Migration{1, QStringLiteral("a"), {QStringLiteral("CREATE TABLE probe_a (id INTEGER PRIMARY KEY)")}},
        Migration{2,
                  QStringLiteral("b"),
                  {QStringLiteral("CREATE TABLE probe_b (id INTEGER PRIMARY KEY)"),
                   QStringLiteral("INSERT INTO probe_a (id) VALUES (1)"),
                   QStringLiteral("THIS IS NOT SQL")}},
    });
    auto version = migrator.migrate(*database, 1);
    QVERIFY(!version);
    QCOMPARE(version.error().code, ErrorCode::Database);
    QVERIFY2(version.error().message.contains(QStringLiteral("migration 2")), qPrintable(version.error().message));
    // Nothing of either step survived, and nothing was recorded.
    auto fresh = openDatabase(QStringLiteral("fresh"));
    QVERIFY(fresh);
    QVERIFY(!fresh->tableExists(QStringLiteral("probe_a")));
    QVERIFY(!fresh->tableExists(QStringLiteral("probe_b")));
    QCOMPARE(*Migrator::currentVersion(*fresh), 0);
    // The connection is usable afterwards (no transaction left open).
    QVERIFY(Migrator({Migration{1, QStringLiteral("a"), {QStringLiteral("CREATE TABLE probe_a (id INTEGER)")}}})
                .migrate(*database, 1));
}

void tst_Storage::migrate_databaseFromNewerProgram_isRefused()
{
    auto database = openDatabase();
    QVERIFY(database);
    const Migration one{1, QStringLiteral("a"), {QStringLiteral("CREATE TABLE probe_a (id INTEGER)")}};
    const Migration two{2, QStringLiteral("b"), {QStringLiteral("CREATE TABLE probe_b (id INTEGER)")}};
    QCOMPARE(*Migrator({one, two}).migrate(*database, 1), 2);
    auto older = Migrator({one}).migrate(*database, 2);
    QVERIFY(!older);
    QCOMPARE(older.error().code, ErrorCode::SchemaTooNew);
    QCOMPARE(*Migrator::currentVersion(*database), 2);
}

void tst_Storage::migrate_editedHistory_isRefused()
{
    auto database = openDatabase();
    QVERIFY(database);
    QVERIFY(Migrator({Migration{1, QStringLiteral("a"), {QStringLiteral("CREATE TABLE probe_a (id INTEGER)")}}})
                .migrate(*database, 1));
    auto edited =
        Migrator({Migration{1, QStringLiteral("renamed"), {QStringLiteral("CREATE TABLE probe_a (id INTEGER)")}}})
            .migrate(*database, 2);
    QVERIFY(!edited);
    QCOMPARE(edited.error().code, ErrorCode::Conflict);
}

void tst_Storage::migrate_badNumbering_isRejected()
{
    auto database = openDatabase();
    QVERIFY(database);
    auto gap = Migrator({Migration{2, QStringLiteral("a"), {QStringLiteral("CREATE TABLE probe_a (id INTEGER)")}}})
                   .migrate(*database, 1);
    QVERIFY(!gap);
    QCOMPARE(gap.error().code, ErrorCode::Internal);
    QVERIFY(!database->tableExists(QStringLiteral("probe_a")));
}

void tst_Storage::schema_foreignKeysAndChecksAreEnforced()
{
    auto database = openDatabase();
    QVERIFY(database);
    QVERIFY(Migrator(server::serverMigrations()).migrate(*database, 1));
    const QString insertStaff = QStringLiteral(
        "INSERT INTO staff (id, shop_id, login, display_name, role, password_hash, version, created_at_ms, "
        "updated_at_ms) VALUES (?, ?, ?, 'x', ?, 'h', 1, 0, 0)");
    // Staff of a shop that does not exist.
    QVERIFY(!database->exec(
        insertStaff, {QStringLiteral("s1"), QStringLiteral("nope"), QStringLiteral("a"), QStringLiteral("owner")}));
    server::ShopRepository shops(*database, m_clock);
    auto shop = shops.createShop(QStringLiteral("茶饮小铺"));
    QVERIFY(shop);
    // A role outside the permission table.
    QVERIFY(
        !database->exec(insertStaff, {QStringLiteral("s2"), shop->id, QStringLiteral("b"), QStringLiteral("admin")}));
    QVERIFY(
        database->exec(insertStaff, {QStringLiteral("s3"), shop->id, QStringLiteral("c"), QStringLiteral("clerk")}));
    // The same login twice in one shop.
    QVERIFY(
        !database->exec(insertStaff, {QStringLiteral("s4"), shop->id, QStringLiteral("c"), QStringLiteral("clerk")}));
    // A shop with staff cannot be deleted out from under them.
    QVERIFY(!database->exec(QStringLiteral("DELETE FROM shops WHERE id = ?"), {shop->id}));
    QCOMPARE(database->scalar(QStringLiteral("SELECT COUNT(*) FROM staff"))->toInt(), 1);
}

void tst_Storage::values_roundTripExactly()
{
    auto database = openDatabase();
    QVERIFY(database);
    QVERIFY(
        database->exec(QStringLiteral("CREATE TABLE vals (id INTEGER PRIMARY KEY, big BIGINT, txt TEXT, bin {blob})")));
    const QByteArray blob("\x00\x01\xff\xfe zero inside", 16);
    const QList<qint64> values{
        std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min(), 0, -1, 9007199254740993LL};
    for (int i = 0; i < values.size(); ++i) {
        QVERIFY(database->exec(QStringLiteral("INSERT INTO vals (id, big, txt, bin) VALUES (?, ?, ?, ?)"),
                               {i, values[i], QStringLiteral("经典红茶拿铁 %1").arg(i), blob}));
    }
    auto rows = database->exec(QStringLiteral("SELECT id, big, txt, bin FROM vals ORDER BY id"));
    QVERIFY(rows);
    int seen = 0;
    while (rows->next()) {
        const int i = rows->value(0).toInt();
        QCOMPARE(rows->value(1).toLongLong(), values[i]);
        QCOMPARE(rows->value(2).toString(), QStringLiteral("经典红茶拿铁 %1").arg(i));
        QCOMPARE(rows->value(3).toByteArray(), blob);
        ++seen;
    }
    QCOMPARE(seen, values.size());
    // Substring search on Chinese text behaves the same on both engines.
    QCOMPARE(database->scalar(QStringLiteral("SELECT COUNT(*) FROM vals WHERE txt LIKE ?"), {QStringLiteral("%红茶%")})
                 ->toInt(),
             values.size());
}

void tst_Storage::upsert_sameSqlOnBothEngines()
{
    auto database = openDatabase();
    QVERIFY(database);
    QVERIFY(database->exec(QStringLiteral("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL)")));
    const QString upsert = QStringLiteral(
        "INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = kv.v + excluded.v RETURNING v");
    auto first = database->exec(upsert, {QStringLiteral("a"), 5});
    QVERIFY(first && first->next());
    QCOMPARE(first->value(0).toLongLong(), 5);
    auto second = database->exec(upsert, {QStringLiteral("a"), 7});
    QVERIFY(second && second->next());
    QCOMPARE(second->value(0).toLongLong(), 12);
}

void tst_Storage::changeCounter_movesOnlyWithCommittedWrites()
{
    auto database = openDatabase();
    QVERIFY(database);
    QVERIFY(Migrator(server::serverMigrations()).migrate(*database, 1));
    server::ShopRepository shops(*database, m_clock);
    auto shop = shops.createShop(QStringLiteral("面包房"));
    QVERIFY(shop);
    QCOMPARE(shop->changeCounter, 1); // the new shop's profile row is version 1
    {
        auto tx = Transaction::begin(*database);
        QVERIFY(tx);
        auto staff = shops.addStaff(
            shop->id, QStringLiteral("wang"), QStringLiteral("王店长"), Role::Owner, QStringLiteral("hash"));
        QVERIFY(staff);
        QCOMPARE(*shops.bumpChangeCounter(shop->id), 3);
        QVERIFY(tx->commit());
    }
    QCOMPARE(shops.findShop(shop->id)->changeCounter, 3);
    QCOMPARE(database->scalar(QStringLiteral("SELECT version FROM staff WHERE login = 'wang'"))->toLongLong(), 2);
    {
        auto tx = Transaction::begin(*database);
        QVERIFY(tx);
        QVERIFY(shops.addStaff(shop->id, QStringLiteral("li"), QString(), Role::Clerk, QStringLiteral("h")));
        QVERIFY(tx->rollback());
    }
    QCOMPARE(shops.findShop(shop->id)->changeCounter, 3);
    QCOMPARE(database->scalar(QStringLiteral("SELECT COUNT(*) FROM staff"))->toInt(), 1);
    QCOMPARE(shops.bumpChangeCounter(QStringLiteral("no-such-shop")).error().code, ErrorCode::NotFound);
}

void tst_Storage::transaction_notCommitted_rollsBack()
{
    auto database = openDatabase();
    QVERIFY(database);
    QVERIFY(database->exec(QStringLiteral("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL)")));
    {
        auto tx = Transaction::begin(*database);
        QVERIFY(tx);
        QVERIFY(database->exec(QStringLiteral("INSERT INTO kv (k, v) VALUES ('x', 1)")));
        // Leaves scope without commit: an early return on error must not keep half of the work.
    }
    QCOMPARE(database->scalar(QStringLiteral("SELECT COUNT(*) FROM kv"))->toInt(), 0);
    auto tx = Transaction::begin(*database);
    QVERIFY(tx);
    QVERIFY(tx->commit());
    QCOMPARE(tx->commit().error().code, ErrorCode::Internal); // a second commit is a bug, reported as such
}

void tst_Storage::changeCounter_concurrentWriters_loseNoUpdate()
{
    QString shopId;
    {
        auto database = openDatabase();
        QVERIFY(database);
        QVERIFY(Migrator(server::serverMigrations()).migrate(*database, 1));
        auto shop = server::ShopRepository(*database, m_clock).createShop(QStringLiteral("并发测试"));
        QVERIFY(shop);
        shopId = shop->id;
    }
    // Each thread has its own connection (a QSqlDatabase belongs to the thread that opened it) and bumps the
    // counter in its own write transactions. Read-modify-write done wrong would lose updates here.
    constexpr int kThreads = 4;
    constexpr int kBumps = 50;
    std::atomic<int> failures{0};
    QStringList errors;
    QMutex errorsMutex;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            auto database = Database::open(m_settings, QStringLiteral("writer%1").arg(t));
            if (!database) {
                ++failures;
                return;
            }
            const SystemClock clock;
            server::ShopRepository shops(*database, clock);
            for (int i = 0; i < kBumps; ++i) {
                auto tx = Transaction::begin(*database);
                auto bumped = tx ? shops.bumpChangeCounter(shopId) : Result<qint64>(tx.error());
                const Status committed = bumped ? tx->commit() : Status(bumped.error());
                if (!committed) {
                    ++failures;
                    QMutexLocker lock(&errorsMutex);
                    errors.append(committed.error().toString());
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    QVERIFY2(failures == 0, qPrintable(errors.join(QLatin1Char('\n'))));
    auto database = openDatabase();
    QVERIFY(database);
    QCOMPARE(database->scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {shopId})->toLongLong(),
             qint64(1 + kThreads * kBumps));
}

void tst_Storage::shopRepository_rejectsBadInput()
{
    auto database = openDatabase();
    QVERIFY(database);
    QVERIFY(Migrator(server::serverMigrations()).migrate(*database, 1));
    server::ShopRepository shops(*database, m_clock);
    QCOMPARE(shops.createShop(QStringLiteral("   ")).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(shops.createShop(QStringLiteral("ok"), QStringLiteral("Mars/Olympus")).error().code,
             ErrorCode::InvalidArgument);
    auto shop = shops.createShop(QStringLiteral("ok"), QStringLiteral("Europe/Berlin"));
    QVERIFY(shop);
    QCOMPARE(shops.addStaff(shop->id, QString(), QString(), Role::Clerk, QStringLiteral("h")).error().code,
             ErrorCode::InvalidArgument);
    QVERIFY(shops.addStaff(shop->id, QStringLiteral("a"), QString(), Role::Clerk, QStringLiteral("h")));
    QCOMPARE(shops.addStaff(shop->id, QStringLiteral("a"), QString(), Role::Clerk, QStringLiteral("h")).error().code,
             ErrorCode::AlreadyExists);
    QCOMPARE(shops.findShop(QStringLiteral("missing")).error().code, ErrorCode::NotFound);
    QCOMPARE(database->scalar(QStringLiteral("SELECT COUNT(*) FROM shops"))->toInt(), 1);
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.at(1).startsWith(QLatin1Char('-'))) {
        std::fprintf(stderr, "usage: tst_storage sqlite|postgres [Qt Test options]\n");
        return 2;
    }
    g_engine = args.takeAt(1);
    tst_Storage test;
    return QTest::qExec(&test, args);
}

#include "tst_storage.moc"
