#include "CacheDatabase.h"
#include "CacheLocator.h"
#include "CacheStore.h"
#include "InMemorySecretStore.h"
#include "TestCache.h"
#include "xiaodian/Id.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace xd;
using xd::test::TestCache;

namespace {

sync::SyncRow staffRow(const QString& id, qint64 version, const QString& name)
{
    return sync::SyncRow{QStringLiteral("staff"),
                         id,
                         version,
                         false,
                         QJsonObject{{QStringLiteral("login"), name},
                                     {QStringLiteral("displayName"), name},
                                     {QStringLiteral("role"), QStringLiteral("clerk")},
                                     {QStringLiteral("disabled"), false}}};
}

sync::MutationResult accepted(qint64 mid)
{
    return sync::MutationResult{mid, sync::MutationResult::Status::Accepted, {}, {}};
}

sync::MutationResult rejected(qint64 mid, const QString& code, const QString& message)
{
    return sync::MutationResult{mid, sync::MutationResult::Status::Rejected, code, message};
}

// Runs a CacheLocator open and waits for its callback (the in-memory store answers at once).
Result<CacheLocator::Outcome>
openViaLocator(CacheLocator& locator, CacheDatabase& cache, const QString& account, CacheLocator::LostKeyPolicy policy)
{
    std::optional<Result<CacheLocator::Outcome>> result;
    locator.openWithKeychain(cache, account, policy, [&](Result<CacheLocator::Outcome> r) { result.emplace(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000))
        return makeError(ErrorCode::Internal, QStringLiteral("no callback"));
    return *result;
}

} // namespace

class tst_CacheStore final : public QObject
{
    Q_OBJECT

private slots:
    void initialize_createsClientIdOnce_andRecordsMigrations();
    void initialize_newerSchema_isRefused();
    void cache_runsOnDebiansSqlite();
    void applyPullPage_storesRowsTombstonesAndCookieTogether();
    void applyPullPage_more_doesNotMoveTheVersion();
    void applyPullPage_reusedStatements_bindEveryRow_andAFailedRowUndoesThePage();
    void initialSync_defersIndexesToItsLastPage_andARestartRebuildsThem();
    void enqueue_assignsConsecutiveMids_durably();
    void enqueue_afterServerAheadOfCache_skipsProcessedMids();
    void pushResults_acceptedRemoved_rejectedKeptWithReason_passwordForgotten();
    void pushResults_outOfOrder_changesNothing();
    void discardRejected_onlyRejected();
    void outboxMarker_followsUnsyncedOperations();
    void secretStore_inMemory_roundTripsTheCacheKey();
    void locator_lostKeyWithPendingOperations_isDistinctError();
    void locator_lostKeyWithoutPendingOperations_recreates();
    void locator_passphrase_opensAndIsNotWipedByKeychainPath();
    void process_neverLoadsQtsSqlite();
};

void tst_CacheStore::initialize_createsClientIdOnce_andRecordsMigrations()
{
    TestCache cache;
    QVERIFY(cache.open());
    const QString clientId = cache.store->clientId();
    QVERIFY(Id::isValid(clientId));
    QCOMPARE(cache.store->schemaVersion().valueOr(-1), CacheStore::latestSchemaVersion());
    QCOMPARE(cache.store->nextMutationId(), 1);
    cache.close();
    QVERIFY(cache.open());
    QCOMPARE(cache.store->clientId(), clientId);
}

void tst_CacheStore::initialize_newerSchema_isRefused()
{
    TestCache cache;
    QVERIFY(cache.open());
    QSqlQuery q(cache.database->database());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO cache_migrations (version, name, applied_at_ms) VALUES (99, 'x', 0)")));
    cache.close();
    cache.database = std::make_unique<CacheDatabase>();
    QVERIFY(cache.database->open(cache.path(), cache.key));
    CacheStore store(*cache.database, cache.clock);
    const Status s = store.initialize();
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::SchemaTooNew);
}

void tst_CacheStore::cache_runsOnDebiansSqlite()
{
    TestCache cache;
    QVERIFY(cache.open());
    // Debian 12 builds against SQLCipher 3.4.1 on SQLite 3.15.2; the other tests here run the cache's SQL on it.
    qInfo() << "SQLite in SQLCipher:" << cache.database->sqliteVersion();
    QVERIFY(!cache.database->sqliteVersion().isEmpty());
}

void tst_CacheStore::applyPullPage_storesRowsTombstonesAndCookieTogether()
{
    TestCache cache;
    QVERIFY(cache.open());
    QSignalSpy changed(cache.store.get(), &CacheStore::entitiesChanged);
    const QString a = Id::create();
    const QString b = Id::create();
    QVERIFY(cache.store->applyPullPage(
        {staffRow(a, 1, QStringLiteral("a")), staffRow(b, 2, QStringLiteral("b"))}, QStringLiteral("2.-1."), 2, false));
    QCOMPARE(cache.store->rowCount(CacheStore::StaffEntity).valueOr(-1), 2);
    QCOMPARE(cache.store->cookie(), QStringLiteral("2.-1."));
    QCOMPARE(cache.store->serverVersion(), 2);
    QVERIFY(cache.store->initialSyncDone());
    QCOMPARE(changed.count(), 1);

    sync::SyncRow tombstone{QStringLiteral("staff"), a, 3, true, {}};
    QVERIFY(cache.store->applyPullPage(
        {tombstone, staffRow(b, 3, QStringLiteral("bee"))}, QStringLiteral("3.-1."), 3, false));
    QCOMPARE(cache.store->rowCount(CacheStore::StaffEntity).valueOr(-1), 1);
    auto row = cache.store->row(CacheStore::StaffEntity, b);
    QVERIFY(row && row->has_value());
    QCOMPARE((*row)->data.value(QStringLiteral("login")).toString(), QStringLiteral("bee"));
    QCOMPARE((*row)->version, 3);
}

void tst_CacheStore::applyPullPage_more_doesNotMoveTheVersion()
{
    TestCache cache;
    QVERIFY(cache.open());
    QVERIFY(
        cache.store->applyPullPage({staffRow(Id::create(), 5, QStringLiteral("a"))}, QStringLiteral("5.1.x"), 9, true));
    QCOMPARE(cache.store->cookie(), QStringLiteral("5.1.x"));
    QCOMPARE(cache.store->serverVersion(), 0);
    QVERIFY(!cache.store->initialSyncDone());
}

void tst_CacheStore::applyPullPage_reusedStatements_bindEveryRow_andAFailedRowUndoesThePage()
{
    // applyPullPage prepares each statement once per page and binds it again for every row: a value of one row
    // (here a category id) must never leak into the next, and a row that fails must still undo the whole page.
    TestCache cache;
    QVERIFY(cache.open());
    const auto product = [](const QString& id, const QJsonValue& category, const QString& name) {
        return sync::SyncRow{QStringLiteral("product"),
                             id,
                             4,
                             false,
                             QJsonObject{{QStringLiteral("categoryId"), category},
                                         {QStringLiteral("name"), name},
                                         {QStringLiteral("onShelf"), true},
                                         {QStringLiteral("skus"), QJsonArray()}}};
    };
    const QString a = Id::create();
    const QString b = Id::create();
    const QString c = Id::create();
    const QString category = Id::create();
    QVERIFY(cache.store->applyPullPage({product(a, category, QStringLiteral("红茶")),
                                        staffRow(Id::create(), 4, QStringLiteral("s")),
                                        product(b, QJsonValue(), QStringLiteral("绿茶")),
                                        product(c, category, QStringLiteral("乌龙"))},
                                       QStringLiteral("4.-1."),
                                       4,
                                       false));
    QSqlQuery q(cache.database->database());
    QVERIFY(q.exec(QStringLiteral("SELECT id, category_id, name FROM product ORDER BY name")));
    QStringList seen;
    while (q.next())
        seen << q.value(2).toString() + QLatin1Char('=') +
                    (q.value(1).isNull() ? QStringLiteral("null") : q.value(1).toString());
    QCOMPARE(
        seen,
        QStringList(
            {QStringLiteral("乌龙=") + category, QStringLiteral("红茶=") + category, QStringLiteral("绿茶=null")}));
    q.finish();

    // The third row of the next page fails inside SQLite: nothing of the page stays, the cookie does not move.
    QVERIFY(q.exec(QStringLiteral("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.product "
                                  "WHEN NEW.name = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END")));
    const QString d = Id::create();
    QVERIFY(!cache.store->applyPullPage({product(d, category, QStringLiteral("d")),
                                         product(a, QJsonValue(), QStringLiteral("renamed")),
                                         product(Id::create(), category, QStringLiteral("boom"))},
                                        QStringLiteral("5.-1."),
                                        5,
                                        false));
    QCOMPARE(cache.store->cookie(), QStringLiteral("4.-1."));
    QCOMPARE(cache.store->rowCount(CacheStore::ProductEntity).valueOr(-1), 3);
    auto kept = cache.store->row(CacheStore::ProductEntity, a);
    QVERIFY(kept && kept->has_value());
    QCOMPARE((*kept)->data.value(QStringLiteral("name")).toString(), QStringLiteral("红茶"));
    QVERIFY(!cache.store->row(CacheStore::ProductEntity, d).valueOr(std::nullopt).has_value());

    // The same page without the failing row goes in (new statements for the new transaction).
    QVERIFY(cache.store->applyPullPage(
        {product(d, category, QStringLiteral("d")), product(a, QJsonValue(), QStringLiteral("renamed"))},
        QStringLiteral("5.-1."),
        5,
        false));
    QCOMPARE(cache.store->rowCount(CacheStore::ProductEntity).valueOr(-1), 4);
    QVERIFY(q.exec(QStringLiteral("SELECT category_id FROM product WHERE id = '%1'").arg(a)));
    QVERIFY(q.next());
    QVERIFY(q.value(0).isNull());
}

namespace {

// Every index of the cache with its DDL, by name (the primary keys' automatic indexes have no DDL).
QStringList indexes(TestCache& cache)
{
    QSqlQuery q(cache.database->database());
    if (!q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                               "ORDER BY name")))
        return {QStringLiteral("error")};
    QStringList list;
    while (q.next())
        list << q.value(0).toString() + QStringLiteral(": ") + q.value(1).toString();
    return list;
}

} // namespace

void tst_CacheStore::initialSync_defersIndexesToItsLastPage_andARestartRebuildsThem()
{
    TestCache cache;
    QVERIFY(cache.open());
    const QStringList all = indexes(cache);
    QVERIFY(all.size() >= 4);
    QVERIFY(all.join(u'\n').contains(QStringLiteral("product_by_name")));

    // Page 1 of several: written without the secondary indexes, whose DDL waits in meta.
    QVERIFY(cache.store->applyPullPage(
        {staffRow(Id::create(), 3, QStringLiteral("a")), staffRow(Id::create(), 3, QStringLiteral("b"))},
        QStringLiteral("3.1.x"),
        7,
        true));
    QCOMPARE(indexes(cache), QStringList());
    QVERIFY(!cache.store->metaValue(QStringLiteral("deferred_indexes")).isEmpty());

    // A restart mid-sync rebuilds them before anything else, and the sync resumes from its cookie with them.
    cache.close();
    QVERIFY(cache.open());
    QCOMPARE(indexes(cache), all);
    QVERIFY(cache.store->metaValue(QStringLiteral("deferred_indexes")).isEmpty());
    QCOMPARE(cache.store->cookie(), QStringLiteral("3.1.x"));
    QVERIFY(
        cache.store->applyPullPage({staffRow(Id::create(), 5, QStringLiteral("c"))}, QStringLiteral("5.1.y"), 7, true));
    QCOMPARE(indexes(cache), all); // not the first page: nothing is dropped again
    QVERIFY(cache.store->applyPullPage({}, QStringLiteral("7.-1."), 7, false));
    QCOMPARE(indexes(cache), all);
    QCOMPARE(cache.store->rowCount(CacheStore::StaffEntity).valueOr(-1), 3);

    // Uninterrupted: the last page builds the indexes in its own transaction, and the staff index is usable.
    TestCache fresh;
    QVERIFY(fresh.open());
    QVERIFY(
        fresh.store->applyPullPage({staffRow(Id::create(), 3, QStringLiteral("z"))}, QStringLiteral("3.1.x"), 4, true));
    QCOMPARE(indexes(fresh), QStringList());
    QVERIFY(fresh.store->applyPullPage(
        {staffRow(Id::create(), 4, QStringLiteral("y"))}, QStringLiteral("4.-1."), 4, false));
    QCOMPARE(indexes(fresh), all);
    QVERIFY(fresh.store->initialSyncDone());
    QVERIFY(fresh.store->metaValue(QStringLiteral("deferred_indexes")).isEmpty());
    QSqlQuery plan(fresh.database->database());
    QVERIFY(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM staff ORDER BY display_name, id")));
    QVERIFY(plan.next());
    QVERIFY2(plan.value(3).toString().contains(QStringLiteral("staff_by_name")), qPrintable(plan.value(3).toString()));

    // A later pull that starts from an empty cookie (a migration re-pulls everything) keeps the indexes: the cache
    // is no longer empty, and the desktop is in use.
    QVERIFY(fresh.store->setMetaValue(QStringLiteral("cookie"), QStringLiteral("")));
    QVERIFY(
        fresh.store->applyPullPage({staffRow(Id::create(), 5, QStringLiteral("x"))}, QStringLiteral("5.1.x"), 6, true));
    QCOMPARE(indexes(fresh), all);
}

void tst_CacheStore::enqueue_assignsConsecutiveMids_durably()
{
    TestCache cache;
    QVERIFY(cache.open());
    QSignalSpy outbox(cache.store.get(), &CacheStore::outboxChanged);
    for (qint64 expected = 1; expected <= 3; ++expected) {
        auto mid = cache.store->enqueue(QStringLiteral("shop.updateProfile"),
                                        QJsonObject{{QStringLiteral("intro"), QString::number(expected)}});
        QVERIFY(mid);
        QCOMPARE(*mid, expected);
    }
    QCOMPARE(outbox.count(), 3);
    cache.close();
    QVERIFY(cache.open());
    QCOMPARE(cache.store->pendingCount(), 3);
    auto pending = cache.store->pendingOperations();
    QVERIFY(pending);
    QCOMPARE(pending->size(), 3);
    QCOMPARE(pending->at(2).args.value(QStringLiteral("intro")).toString(), QStringLiteral("3"));
    QCOMPARE(cache.store->enqueue(QStringLiteral("shop.removePhoto"), {}).valueOr(-1), 4);
}

void tst_CacheStore::enqueue_afterServerAheadOfCache_skipsProcessedMids()
{
    TestCache cache;
    QVERIFY(cache.open());
    QVERIFY(cache.store->recordLastMutationId(41));
    QCOMPARE(cache.store->enqueue(QStringLiteral("shop.updateProfile"), {}).valueOr(-1), 42);
}

void tst_CacheStore::pushResults_acceptedRemoved_rejectedKeptWithReason_passwordForgotten()
{
    TestCache cache;
    QVERIFY(cache.open());
    QVERIFY(
        cache.store->enqueue(QStringLiteral("shop.updateProfile"), {{QStringLiteral("intro"), QStringLiteral("x")}}));
    QVERIFY(cache.store->enqueue(
        QStringLiteral("staff.add"),
        {{QStringLiteral("login"), QStringLiteral("li")}, {QStringLiteral("password"), QStringLiteral("secret-123")}}));
    QVERIFY(cache.store->applyPushResults(
        {accepted(1), rejected(2, QStringLiteral("already_exists"), QStringLiteral("the login 'li' is taken"))}, 2));
    QCOMPARE(cache.store->pendingCount(), 0);
    QCOMPARE(cache.store->lastMutationId(), 2);
    auto rejectedOps = cache.store->rejectedOperations();
    QVERIFY(rejectedOps);
    QCOMPARE(rejectedOps->size(), 1);
    const OutboxEntry entry = rejectedOps->constFirst();
    QCOMPARE(entry.mid, 2);
    QCOMPARE(entry.rejectCode, QStringLiteral("already_exists"));
    QCOMPARE(entry.rejectMessage, QStringLiteral("the login 'li' is taken"));
    QCOMPARE(entry.args.value(QStringLiteral("login")).toString(), QStringLiteral("li"));
    QVERIFY(!entry.args.contains(QStringLiteral("password")));
    // The password is gone from the file too, not only from the parsed view.
    QSqlQuery q(cache.database->database());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE args LIKE '%secret-123%'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);
}

void tst_CacheStore::pushResults_outOfOrder_changesNothing()
{
    TestCache cache;
    QVERIFY(cache.open());
    QVERIFY(cache.store->enqueue(QStringLiteral("shop.updateProfile"), {}));
    QVERIFY(cache.store->applyPushResults({rejected(1, QStringLiteral("out_of_order"), QStringLiteral("x"))}, 0));
    QCOMPARE(cache.store->pendingCount(), 1);
    QCOMPARE(cache.store->rejectedCount(), 0);
}

void tst_CacheStore::discardRejected_onlyRejected()
{
    TestCache cache;
    QVERIFY(cache.open());
    QVERIFY(cache.store->enqueue(QStringLiteral("shop.updateProfile"), {}));
    QVERIFY(cache.store->enqueue(QStringLiteral("shop.updateProfile"), {}));
    QVERIFY(cache.store->applyPushResults({rejected(1, QStringLiteral("invalid_argument"), QStringLiteral("no"))}, 1));
    const Status pendingOne = cache.store->discardRejected(2);
    QVERIFY(!pendingOne);
    QCOMPARE(pendingOne.error().code, ErrorCode::Conflict);
    QCOMPARE(cache.store->discardRejected(7).error().code, ErrorCode::NotFound);
    QVERIFY(cache.store->discardRejected(1));
    QCOMPARE(cache.store->rejectedCount(), 0);
    QCOMPARE(cache.store->pendingCount(), 1);
}

void tst_CacheStore::outboxMarker_followsUnsyncedOperations()
{
    TestCache cache;
    QVERIFY(cache.open());
    const QString marker = cache.path() + QStringLiteral(".unsynced");
    cache.store->setOutboxMarkerPath(marker);
    QVERIFY(!QFile::exists(marker));
    QVERIFY(cache.store->enqueue(QStringLiteral("shop.updateProfile"), {}));
    QVERIFY(QFile::exists(marker));
    QVERIFY(cache.store->applyPushResults({rejected(1, QStringLiteral("invalid_argument"), QStringLiteral("no"))}, 1));
    QVERIFY(QFile::exists(marker)); // a rejection the user has not seen is unsynced work too
    QVERIFY(cache.store->discardRejected(1));
    QVERIFY(!QFile::exists(marker));
}

void tst_CacheStore::secretStore_inMemory_roundTripsTheCacheKey()
{
    QTemporaryDir dir;
    InMemorySecretStore secrets;
    CacheLocator locator(secrets, dir.path());
    const QString account = QStringLiteral("acc1");
    {
        CacheDatabase cache;
        auto outcome = openViaLocator(locator, cache, account, CacheLocator::LostKeyPolicy::KeepPendingOperations);
        QVERIFY(outcome);
        QCOMPARE(*outcome, CacheLocator::Outcome::Created);
        QVERIFY(secrets.contains(SecretStore::cacheKeyName(account)));
        SystemClock clock;
        CacheStore store(cache, clock);
        QVERIFY(store.initialize());
        QVERIFY(store.enqueue(QStringLiteral("shop.updateProfile"), {}));
    }
    std::optional<QByteArray> key;
    secrets.read(SecretStore::cacheKeyName(account), [&](Result<QByteArray> r) { key = r.valueOr(QByteArray()); });
    QVERIFY(key.has_value());
    QCOMPARE(key->size(), 32);
    CacheDatabase cache;
    auto outcome = openViaLocator(locator, cache, account, CacheLocator::LostKeyPolicy::KeepPendingOperations);
    QVERIFY(outcome);
    QCOMPARE(*outcome, CacheLocator::Outcome::Opened);
    SystemClock clock;
    CacheStore store(cache, clock);
    QVERIFY(store.initialize());
    QCOMPARE(store.pendingCount(), 1);
}

void tst_CacheStore::locator_lostKeyWithPendingOperations_isDistinctError()
{
    QTemporaryDir dir;
    InMemorySecretStore secrets;
    CacheLocator locator(secrets, dir.path());
    const QString account = QStringLiteral("acc2");
    {
        CacheDatabase cache;
        QVERIFY(openViaLocator(locator, cache, account, CacheLocator::LostKeyPolicy::KeepPendingOperations));
        SystemClock clock;
        CacheStore store(cache, clock);
        QVERIFY(store.initialize());
        store.setOutboxMarkerPath(locator.outboxMarkerPath(account));
        QVERIFY(store.enqueue(QStringLiteral("shop.updateProfile"), {{QStringLiteral("intro"), QStringLiteral("x")}}));
    }
    secrets.remove(SecretStore::cacheKeyName(account), [](Status) {});
    const QByteArray before = [&] {
        QFile f(locator.cachePath(account));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();

    CacheDatabase cache;
    auto outcome = openViaLocator(locator, cache, account, CacheLocator::LostKeyPolicy::KeepPendingOperations);
    QVERIFY(!outcome);
    QCOMPARE(outcome.error().code, CacheLocator::PendingOperationsAtRisk);
    QVERIFY(!cache.isOpen());
    QFile f(locator.cachePath(account));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before); // untouched: the user may still find the key

    // The same for a key that no longer decrypts the file.
    secrets.write(SecretStore::cacheKeyName(account), CacheDatabase::generateKey(), [](Status) {});
    outcome = openViaLocator(locator, cache, account, CacheLocator::LostKeyPolicy::KeepPendingOperations);
    QVERIFY(!outcome);
    QCOMPARE(outcome.error().code, CacheLocator::PendingOperationsAtRisk);

    // Once the user agrees, the cache starts over.
    outcome = openViaLocator(locator, cache, account, CacheLocator::LostKeyPolicy::DiscardPendingOperations);
    QVERIFY(outcome);
    QCOMPARE(*outcome, CacheLocator::Outcome::Recreated);
    QVERIFY(!locator.hasUnsyncedOperations(account));
}

void tst_CacheStore::locator_lostKeyWithoutPendingOperations_recreates()
{
    QTemporaryDir dir;
    InMemorySecretStore secrets;
    CacheLocator locator(secrets, dir.path());
    const QString account = QStringLiteral("acc3");
    {
        CacheDatabase cache;
        QVERIFY(openViaLocator(locator, cache, account, CacheLocator::LostKeyPolicy::KeepPendingOperations));
    }
    secrets.remove(SecretStore::cacheKeyName(account), [](Status) {});
    CacheDatabase cache;
    auto outcome = openViaLocator(locator, cache, account, CacheLocator::LostKeyPolicy::KeepPendingOperations);
    QVERIFY(outcome);
    QCOMPARE(*outcome, CacheLocator::Outcome::Recreated);
    QVERIFY(cache.isOpen());

    // No keychain at all: a distinct error that sends the GUI to the passphrase path.
    secrets.setAvailable(false);
    CacheDatabase other;
    outcome =
        openViaLocator(locator, other, QStringLiteral("acc4"), CacheLocator::LostKeyPolicy::KeepPendingOperations);
    QVERIFY(!outcome);
    QCOMPARE(outcome.error().code, ErrorCode::Unavailable);
}

void tst_CacheStore::locator_passphrase_opensAndIsNotWipedByKeychainPath()
{
    QTemporaryDir dir;
    InMemorySecretStore secrets;
    CacheLocator locator(secrets, dir.path());
    const QString account = QStringLiteral("acc5");
    {
        CacheDatabase cache;
        auto created = locator.openWithPassphrase(cache, account, QStringLiteral("my long passphrase"));
        QVERIFY(created);
        QCOMPARE(*created, CacheLocator::Outcome::Created);
        // SQLCipher writes the first page only with the first table: an empty file opens with any key.
        SystemClock clock;
        CacheStore store(cache, clock);
        QVERIFY(store.initialize());
    }
    {
        CacheDatabase cache;
        auto wrong = locator.openWithPassphrase(cache, account, QStringLiteral("typo"));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, ErrorCode::WrongKey);
    }
    CacheDatabase cache;
    auto viaKeychain = openViaLocator(locator, cache, account, CacheLocator::LostKeyPolicy::KeepPendingOperations);
    QVERIFY(!viaKeychain);
    QCOMPARE(viaKeychain.error().code, ErrorCode::WrongKey);
    QVERIFY(locator.exists(account));
    auto reopened = locator.openWithPassphrase(cache, account, QStringLiteral("my long passphrase"));
    QVERIFY(reopened);
    QCOMPARE(*reopened, CacheLocator::Outcome::Opened);
}

void tst_CacheStore::process_neverLoadsQtsSqlite()
{
#ifdef Q_OS_LINUX
    QFile maps(QStringLiteral("/proc/self/maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    QVERIFY(!mapped.contains("libqsqlite"));
    QVERIFY(!mapped.contains("libsqlite3.so"));
#else
    QSKIP("Linux only");
#endif
}

QTEST_GUILESS_MAIN(tst_CacheStore)
#include "tst_cachestore.moc"
