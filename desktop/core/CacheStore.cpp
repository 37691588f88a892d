#include "CacheStore.h"

#include "CacheDatabase.h"
#include "ProductListEntry.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/Stats.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace xd {

const QString CacheStore::ShopEntity = QStringLiteral("shop");
const QString CacheStore::StaffEntity = QStringLiteral("staff");
const QString CacheStore::PhotoEntity = QStringLiteral("shop_photo");
const QString CacheStore::CategoryEntity = QStringLiteral("category");
const QString CacheStore::ProductEntity = QStringLiteral("product");
const QString CacheStore::ArticleEntity = QStringLiteral("article");
const QString CacheStore::OrderEntity = QStringLiteral("order");
const QString CacheStore::OrderSettingsEntity = QStringLiteral("order_settings");
const QString CacheStore::ReviewEntity = QStringLiteral("review");
const QString CacheStore::StatsDayEntity = QStringLiteral("stats_day");
const QString CacheStore::StatsProductDayEntity = QStringLiteral("stats_product_day");

namespace {

// Numbered, forward-only; a released step is never edited (a changed name is refused at start-up).
struct CacheMigration
{
    int version;
    const char* name;
    QStringList statements;
};

const QList<CacheMigration>& migrations()
{
    static const QList<CacheMigration> list{
        {1,
         "sync core: meta, entities, outbox",
         {
             QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE shop (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "name TEXT NOT NULL DEFAULT '', data TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE staff (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "login TEXT NOT NULL DEFAULT '', display_name TEXT NOT NULL DEFAULT '', "
                            "role TEXT NOT NULL DEFAULT '', disabled INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX staff_by_name ON staff (display_name, id)"),
             QStringLiteral("CREATE TABLE shop_photo (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "position INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX shop_photo_by_position ON shop_photo (position, id)"),
             QStringLiteral("CREATE TABLE outbox (mid INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, "
                            "args TEXT NOT NULL, created_at_ms INTEGER NOT NULL, "
                            "state TEXT NOT NULL CHECK (state IN ('pending', 'rejected')), "
                            "reject_code TEXT, reject_message TEXT)"),
         }},
        {2,
         "acknowledged operations stay in the view until a pull brings their result",
         {
             QStringLiteral("CREATE TABLE acked_outbox (mid INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, "
                            "args TEXT NOT NULL)"),
         }},
        {3,
         "catalog: categories and products",
         {
             QStringLiteral("CREATE TABLE category (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "parent_id TEXT, position INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL DEFAULT '', "
                            "data TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX category_by_position ON category (parent_id, position, id)"),
             QStringLiteral("CREATE TABLE product (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "category_id TEXT, name TEXT NOT NULL DEFAULT '', on_shelf INTEGER NOT NULL DEFAULT 0, "
                            "data TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX product_by_category ON product (category_id, name, id)"),
             QStringLiteral("CREATE INDEX product_by_name ON product (name, id)"),
             // Pulls of older builds skipped these entities while their cookie moved on: pull everything again.
             QStringLiteral("UPDATE meta SET value = '' WHERE key = 'cookie'"),
         }},
        {4,
         "products page: columns to filter and sort by",
         {
             // The products page filters and sorts 100,000+ rows in SQL. Its columns live in a narrow table of their
             // own, not beside `data` in `product`: SQLite reads whole rows, and a product's JSON (SKUs, description)
             // would make every scan and every index lookup read ten times the pages. Filled by applyPullPage.
             QStringLiteral("CREATE TABLE product_list (id TEXT PRIMARY KEY NOT NULL, category_id TEXT, "
                            "name TEXT NOT NULL DEFAULT '', on_shelf INTEGER NOT NULL DEFAULT 0, "
                            "min_price_fen INTEGER NOT NULL DEFAULT 0, stock_total INTEGER NOT NULL DEFAULT 0, "
                            "updated_at_ms INTEGER NOT NULL DEFAULT 0, sales_count INTEGER NOT NULL DEFAULT 0, "
                            "sku_count INTEGER NOT NULL DEFAULT 0, search_text TEXT NOT NULL DEFAULT '')"),
             QStringLiteral("CREATE INDEX product_list_by_name ON product_list (name, id)"),
             QStringLiteral("CREATE INDEX product_list_by_price ON product_list (min_price_fen, id)"),
             QStringLiteral("CREATE INDEX product_list_by_stock ON product_list (stock_total, id)"),
             QStringLiteral("CREATE INDEX product_list_by_updated ON product_list (updated_at_ms, id)"),
             QStringLiteral("CREATE INDEX product_list_by_sales ON product_list (sales_count, id)"),
             QStringLiteral("CREATE INDEX product_list_by_category ON product_list (category_id, on_shelf, name, id)"),
             // Products already cached have no list row yet: pull everything again (as migration 3 did).
             QStringLiteral("UPDATE meta SET value = '' WHERE key = 'cookie'"),
         }},
        {5,
         "articles",
         {
             // The articles page filters by title and state and sorts by publish or update time over 100,000 rows.
             // Its columns sit before `data` (bodies reach 200,000 characters), and each sort order has an index that
             // covers every column the list shows, so counting, filtering and paging read only the index.
             QStringLiteral("CREATE TABLE article (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "title TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '', "
                            "published INTEGER NOT NULL DEFAULT 0, publish_at_ms INTEGER NOT NULL DEFAULT 0, "
                            "updated_at_ms INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX article_by_publish_time ON article "
                            "(publish_at_ms, id, published, updated_at_ms, title, category)"),
             QStringLiteral("CREATE INDEX article_by_update_time ON article "
                            "(updated_at_ms, id, published, publish_at_ms, title, category)"),
             // Pulls of older builds skipped articles while their cookie moved on: pull everything again.
             QStringLiteral("UPDATE meta SET value = '' WHERE key = 'cookie'"),
         }},
        {6,
         "orders and order settings",
         {
             // "order" is an SQL keyword: the generic row queries quote every table name. The orders page filters
             // and pages in SQL over a narrow list table of its own (like product_list): an order's JSON carries its
             // items, custom fields and event log. search_text is the lower-cased number, contact phone, contact
             // name and nickname, for "contains" search. Filled by applyPullPage.
             QStringLiteral("CREATE TABLE \"order\" (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "data TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE order_list (id TEXT PRIMARY KEY NOT NULL, number TEXT NOT NULL DEFAULT '', "
                            "state TEXT NOT NULL DEFAULT '', fulfilment TEXT NOT NULL DEFAULT '', "
                            "payment_method TEXT NOT NULL DEFAULT '', placed_at_ms INTEGER NOT NULL DEFAULT 0, "
                            "payable_fen INTEGER NOT NULL DEFAULT 0, customer_nickname TEXT NOT NULL DEFAULT '', "
                            "contact_name TEXT NOT NULL DEFAULT '', contact_phone TEXT NOT NULL DEFAULT '', "
                            "search_text TEXT NOT NULL DEFAULT '')"),
             // Newest first, and the state tabs: each reads its index from the top.
             QStringLiteral("CREATE INDEX order_list_by_placed ON order_list (placed_at_ms, id)"),
             QStringLiteral("CREATE INDEX order_list_by_state ON order_list (state, placed_at_ms, id)"),
             QStringLiteral("CREATE TABLE order_settings (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "data TEXT NOT NULL)"),
             // Pulls of older builds skipped orders while their cookie moved on: pull everything again.
             QStringLiteral("UPDATE meta SET value = '' WHERE key = 'cookie'"),
         }},
        {7,
         "reviews",
         {
             // The reviews page lists newest first and filters by rating, hidden and replied: those sit in columns
             // beside the row's JSON (a shop's reviews are few; one index serves the order). Filled by applyPullPage.
             QStringLiteral("CREATE TABLE review (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "rating INTEGER NOT NULL DEFAULT 0, hidden INTEGER NOT NULL DEFAULT 0, "
                            "replied INTEGER NOT NULL DEFAULT 0, created_at_ms INTEGER NOT NULL DEFAULT 0, "
                            "data TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX review_by_created ON review (created_at_ms, id)"),
             // Pulls of older builds skipped reviews while their cookie moved on: pull everything again.
             QStringLiteral("UPDATE meta SET value = '' WHERE key = 'cookie'"),
         }},
        {8,
         "finance and statistics rollups",
         {
             // The server's daily rollups (docs/statistics.md), for reports that work offline (StatsService). A day
             // row is keyed by its local day as yyyymmdd and keeps DayFigures' JSON. The product rows keep their
             // figures in columns: a report sums them GROUP BY product over a day range (a big shop's year: ~180,000
             // rows), and two covering indexes serve it without reading the table: by day for a short period (the
             // range is small, its sort cheap), by product for a long one (one pass in group order, no sort of
             // 180,000 rows: a fifth of the time). StatsService picks one. Filled by applyPullPage.
             QStringLiteral("CREATE TABLE stats_day (day INTEGER PRIMARY KEY NOT NULL, version INTEGER NOT NULL, "
                            "data TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE stats_product_day (id TEXT PRIMARY KEY NOT NULL, day INTEGER NOT NULL, "
                            "product_id TEXT NOT NULL, product_name TEXT NOT NULL, quantity INTEGER NOT NULL, "
                            "revenue_fen INTEGER NOT NULL, version INTEGER NOT NULL)"),
             QStringLiteral("CREATE INDEX stats_product_day_by_day ON stats_product_day "
                            "(day, product_id, quantity, revenue_fen)"),
             QStringLiteral("CREATE INDEX stats_product_day_by_product ON stats_product_day "
                            "(product_id, day, quantity, revenue_fen)"),
             // Pulls of older builds skipped the stats entities while their cookie moved on: pull everything again.
             QStringLiteral("UPDATE meta SET value = '' WHERE key = 'cookie'"),
         }},
    };
    return list;
}

const QString kMigrationsTable = QStringLiteral("cache_migrations");
const QString kClientId = QStringLiteral("client_id");
const QString kCookie = QStringLiteral("cookie");
const QString kServerVersion = QStringLiteral("server_version");
const QString kLastMutationId = QStringLiteral("last_mutation_id");
const QString kNextMutationId = QStringLiteral("next_mutation_id");
const QString kInitialSyncDone = QStringLiteral("initial_sync_done");
const QString kDeferredIndexes = QStringLiteral("deferred_indexes");

// Arguments that must not outlive the operation's acknowledgement.
const QStringList& secretArgs()
{
    static const QStringList keys{QStringLiteral("password")};
    return keys;
}

Error sqlError(const QSqlQuery& query, const QString& what)
{
    return makeError(ErrorCode::Database, QStringLiteral("%1: %2").arg(what, query.lastError().text()));
}

Result<QSqlQuery> run(const QSqlDatabase& db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(db);
    if (!query.prepare(sql))
        return sqlError(query, QStringLiteral("prepare"));
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return sqlError(query, sql.left(60));
    return query;
}

// Statements prepared once and bound again for each row, for the life of one transaction: a pull page of 500
// products prepared every INSERT anew, a fifth of the initial sync's client time (docs/performance.md).
class StatementCache
{
public:
    explicit StatementCache(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<QSqlQuery> run(const QString& sql, const QVariantList& values = {})
    {
        auto it = m_queries.find(sql);
        if (it == m_queries.end()) {
            QSqlQuery query(m_db);
            if (!query.prepare(sql))
                return sqlError(query, QStringLiteral("prepare"));
            it = m_queries.insert(sql, query);
        }
        QSqlQuery& query = it.value();
        for (qsizetype i = 0; i < values.size(); ++i)
            query.bindValue(int(i), values.at(i));
        if (!query.exec())
            return sqlError(query, sql.left(60));
        return query;
    }

private:
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_queries;
};

// Rolls back unless committed; BEGIN IMMEDIATE through the driver, so writers queue instead of failing.
class WriteTransaction
{
public:
    explicit WriteTransaction(QSqlDatabase db) : m_db(std::move(db)) { m_active = m_db.transaction(); }
    ~WriteTransaction()
    {
        if (m_active)
            m_db.rollback();
    }
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    bool isActive() const { return m_active; }
    Error beginError() const
    {
        return makeError(ErrorCode::Database, QStringLiteral("begin: %1").arg(m_db.lastError().text()));
    }
    Status commit()
    {
        m_active = false;
        if (!m_db.commit())
            return makeError(ErrorCode::Database, QStringLiteral("commit: %1").arg(m_db.lastError().text()));
        return {};
    }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

QString toText(const QJsonObject& object)
{
    return QString::fromUtf8(Json::toBytes(object));
}

QJsonObject fromText(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// The initial sync of a big shop writes its rows without the secondary indexes of the synced tables and builds them
// once, with its last page: keeping 100,000 products' indexes in step row by row was four fifths of the client's
// time (docs/performance.md). The indexes' DDL waits in meta in between, in the same transactions as the pages, so
// a crash or a restart mid-sync rebuilds them (CacheStore::initialize) and never loses one. Unique indexes stay:
// they are constraints.
Status deferIndexes(const QSqlDatabase& db)
{
    auto list = run(db,
                    QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                   "AND sql NOT LIKE 'CREATE UNIQUE%' "
                                   "AND tbl_name NOT IN ('meta', 'outbox', 'acked_outbox', '%1') ORDER BY name")
                        .arg(kMigrationsTable));
    if (!list)
        return list.error();
    QStringList names;
    QJsonArray statements;
    while (list->next()) {
        names << list->value(0).toString();
        statements.append(list->value(1).toString());
    }
    list->finish(); // SQLite drops no index under a running statement
    if (names.isEmpty())
        return {};
    auto saved = run(db,
                     QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"),
                     {kDeferredIndexes, QString::fromUtf8(QJsonDocument(statements).toJson(QJsonDocument::Compact))});
    if (!saved)
        return saved.error();
    for (const QString& name : std::as_const(names)) {
        auto dropped = run(db, QStringLiteral("DROP INDEX \"%1\"").arg(name));
        if (!dropped)
            return dropped.error();
    }
    return {};
}

// Builds what deferIndexes() dropped, if anything waits (inside the caller's transaction).
Status restoreIndexes(const QSqlDatabase& db)
{
    auto stored = run(db, QStringLiteral("SELECT value FROM meta WHERE key = ?"), {kDeferredIndexes});
    if (!stored)
        return stored.error();
    if (!stored->next())
        return {};
    const QJsonArray statements = QJsonDocument::fromJson(stored->value(0).toString().toUtf8()).array();
    stored->finish();
    for (const QJsonValue& statement : statements) {
        auto created = run(db, statement.toString());
        if (!created)
            return created.error();
    }
    auto cleared = run(db, QStringLiteral("DELETE FROM meta WHERE key = ?"), {kDeferredIndexes});
    if (!cleared)
        return cleared.error();
    return {};
}

// At start-up, before migrating: an initial sync that was cut off left its indexes in meta; a migration may need them.
Status restoreDeferredIndexes(const QSqlDatabase& db)
{
    auto meta = run(db, QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"));
    if (!meta)
        return meta.error();
    if (!meta->next())
        return {}; // a new cache
    meta->finish();
    WriteTransaction tx(db);
    if (!tx.isActive())
        return tx.beginError();
    if (const Status restored = restoreIndexes(db); !restored)
        return restored;
    return tx.commit();
}

OutboxEntry entryFrom(const QSqlQuery& q)
{
    OutboxEntry entry;
    entry.mid = q.value(0).toLongLong();
    entry.name = q.value(1).toString();
    entry.args = fromText(q.value(2).toString());
    entry.createdAtMs = q.value(3).toLongLong();
    entry.state =
        q.value(4).toString() == QLatin1String("rejected") ? OutboxEntry::State::Rejected : OutboxEntry::State::Pending;
    entry.rejectCode = q.value(5).toString();
    entry.rejectMessage = q.value(6).toString();
    return entry;
}

const QString kOutboxColumns = QStringLiteral("mid, name, args, created_at_ms, state, reject_code, reject_message");

bool isKnownEntity(const QString& entity)
{
    return entity == CacheStore::ShopEntity || entity == CacheStore::StaffEntity || entity == CacheStore::PhotoEntity ||
           entity == CacheStore::CategoryEntity || entity == CacheStore::ProductEntity ||
           entity == CacheStore::ArticleEntity || entity == CacheStore::OrderEntity ||
           entity == CacheStore::OrderSettingsEntity || entity == CacheStore::ReviewEntity ||
           entity == CacheStore::StatsDayEntity || entity == CacheStore::StatsProductDayEntity;
}

// The generic row reads (row, rows, rowsAfter) of a table: stats_day is keyed by its day number, stats_product_day
// has no data column; both are given back in their wire shape.
QString rowColumns(const QString& entity)
{
    if (entity == CacheStore::StatsDayEntity)
        return QStringLiteral("day, version, data");
    if (entity == CacheStore::StatsProductDayEntity)
        return QStringLiteral("id, version, day, product_id, product_name, quantity, revenue_fen");
    return QStringLiteral("id, version, data");
}

QString keyColumn(const QString& entity)
{
    return entity == CacheStore::StatsDayEntity ? QStringLiteral("day") : QStringLiteral("id");
}

// The key column's value of a wire id; for stats_day 0 for "" (before every day) and -1 for no real day.
QVariant keyValue(const QString& entity, const QString& id)
{
    if (entity != CacheStore::StatsDayEntity)
        return id.isNull() ? QStringLiteral("") : id; // a null QString binds as NULL
    if (id.isEmpty())
        return 0;
    const QDate day = stats::parseDay(id);
    return day.isValid() ? stats::dayKey(day) : -1;
}

QString dayTextOfKey(int key)
{
    return stats::dayText(stats::dateOfKey(key));
}

CachedRow cachedRowFrom(const QString& entity, const QSqlQuery& q)
{
    if (entity == CacheStore::StatsDayEntity)
        return CachedRow{dayTextOfKey(q.value(0).toInt()), q.value(1).toLongLong(), fromText(q.value(2).toString())};
    if (entity == CacheStore::StatsProductDayEntity)
        return CachedRow{q.value(0).toString(),
                         q.value(1).toLongLong(),
                         QJsonObject{{QStringLiteral("day"), dayTextOfKey(q.value(2).toInt())},
                                     {QStringLiteral("productId"), q.value(3).toString()},
                                     {QStringLiteral("productName"), q.value(4).toString()},
                                     {QStringLiteral("quantity"), q.value(5).toLongLong()},
                                     {QStringLiteral("revenueFen"), q.value(6).toLongLong()}}};
    return CachedRow{q.value(0).toString(), q.value(1).toLongLong(), fromText(q.value(2).toString())};
}

// The day of a stats row: stats_day's id is "yyyy-MM-dd", stats_product_day's data has "day" (its id begins with
// it). Invalid for a row without a real day.
QDate statsRowDay(const sync::SyncRow& row)
{
    if (row.entity == CacheStore::StatsDayEntity)
        return stats::parseDay(row.id);
    const QDate day = stats::parseDay(row.data.value(QStringLiteral("day")).toString());
    return day.isValid() ? day : stats::parseDay(row.id.section(QLatin1Char(':'), 0, 0));
}

// The orders page's list row of a synced order (migration 6).
QVariantList orderListValues(const QString& id, const QJsonObject& data)
{
    // Never a null QString: Qt binds it as SQL NULL, and the columns are NOT NULL (a field the row lacks is '').
    const auto text = [&data](const char* key) {
        return data.value(QLatin1String(key)).toString(QStringLiteral(""));
    };
    const QString number = text("number");
    const QString nickname = text("customerNickname");
    const QString contactName = text("contactName");
    const QString phone = text("contactPhone");
    return {id,
            number,
            text("state"),
            text("fulfilment"),
            text("paymentMethod"),
            data.value(QStringLiteral("placedAtMs")).toInteger(),
            data.value(QStringLiteral("payableFen")).toInteger(),
            nickname,
            contactName,
            phone,
            QStringList{number, phone, contactName, nickname}.join(QLatin1Char(' ')).toLower()};
}

// A merchant hears of an order when it first shows up ready for them: paid online, or placed for cash on delivery.
// An order seen before while pending payment counts when its payment arrives.
bool isNewForMerchant(const QString& before, const QString& now)
{
    const bool ready = now == QLatin1String("paid") || now == QLatin1String("cod_placed");
    return ready && (before.isEmpty() || before == QLatin1String("pending_payment"));
}

} // namespace

CacheStore::CacheStore(CacheDatabase& database, const Clock& clock, QObject* parent)
    : QObject(parent), m_database(database), m_clock(clock)
{}

CacheStore::~CacheStore() = default;

int CacheStore::latestSchemaVersion()
{
    return migrations().constLast().version;
}

Result<int> CacheStore::schemaVersion() const
{
    auto q =
        run(m_database.database(), QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM %1").arg(kMigrationsTable));
    if (!q)
        return q.error();
    if (!q->next())
        return 0;
    return q->value(0).toInt();
}

Status CacheStore::migrate()
{
    const QSqlDatabase db = m_database.database();
    auto created = run(db,
                       QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (version INTEGER PRIMARY KEY NOT NULL, "
                                      "name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)")
                           .arg(kMigrationsTable));
    if (!created)
        return created.error();

    WriteTransaction tx(db);
    if (!tx.isActive())
        return tx.beginError();
    auto recorded = run(db, QStringLiteral("SELECT version, name FROM %1 ORDER BY version").arg(kMigrationsTable));
    if (!recorded)
        return recorded.error();
    int current = 0;
    while (recorded->next()) {
        const int version = recorded->value(0).toInt();
        const QString name = recorded->value(1).toString();
        if (version > latestSchemaVersion())
            return makeError(ErrorCode::SchemaTooNew,
                             tr("This cache was written by a newer version of Xiaodian (schema %1).").arg(version));
        const CacheMigration& known = migrations().at(version - 1);
        if (name != QLatin1String(known.name))
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("cache migration %1 is recorded as '%2', expected '%3'")
                                 .arg(version)
                                 .arg(name, QLatin1String(known.name)));
        current = version;
    }
    // DDL is transactional in SQLite: the schema moves to the latest version or not at all.
    for (const CacheMigration& migration : migrations()) {
        if (migration.version <= current)
            continue;
        for (const QString& statement : migration.statements) {
            auto done = run(db, statement);
            if (!done)
                return done.error();
        }
        auto noted =
            run(db,
                QStringLiteral("INSERT INTO %1 (version, name, applied_at_ms) VALUES (?, ?, ?)").arg(kMigrationsTable),
                {migration.version, QString::fromLatin1(migration.name), m_clock.nowMs()});
        if (!noted)
            return noted.error();
    }
    return tx.commit();
}

Status CacheStore::initialize()
{
    if (!m_database.isOpen())
        return makeError(ErrorCode::Internal, QStringLiteral("the cache is not open"));
    if (const Status rebuilt = restoreDeferredIndexes(m_database.database()); !rebuilt)
        return rebuilt;
    if (const Status migrated = migrate(); !migrated)
        return migrated;
    if (!clientId().isEmpty())
        return {};
    // The client id is made once per cache: the server keys lastMutationId by it.
    WriteTransaction tx(m_database.database());
    if (!tx.isActive())
        return tx.beginError();
    const QList<std::pair<QString, QString>> defaults{{kClientId, Id::create(m_clock)},
                                                      {kCookie, QString()},
                                                      {kServerVersion, QStringLiteral("0")},
                                                      {kLastMutationId, QStringLiteral("0")},
                                                      {kNextMutationId, QStringLiteral("1")},
                                                      {kInitialSyncDone, QStringLiteral("0")}};
    for (const auto& [key, value] : defaults) {
        auto inserted = run(m_database.database(),
                            QStringLiteral("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)"),
                            {key, value});
        if (!inserted)
            return inserted.error();
    }
    return tx.commit();
}

void CacheStore::setOutboxMarkerPath(const QString& path)
{
    m_markerPath = path;
    updateOutboxMarker();
}

void CacheStore::updateOutboxMarker()
{
    if (m_markerPath.isEmpty())
        return;
    const bool needed = pendingCount() + rejectedCount() > 0;
    if (needed == QFile::exists(m_markerPath))
        return;
    if (needed) {
        QFile marker(m_markerPath);
        if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
            marker.write("unsynced operations\n");
    } else {
        QFile::remove(m_markerPath);
    }
}

QString CacheStore::metaValue(const QString& key) const
{
    auto q = run(m_database.database(), QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key});
    if (!q || !q->next())
        return {};
    return q->value(0).toString();
}

Result<qint64> CacheStore::metaInt(const QString& key) const
{
    auto q = run(m_database.database(), QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key});
    if (!q)
        return q.error();
    if (!q->next())
        return qint64(0);
    return q->value(0).toString().toLongLong();
}

Status CacheStore::writeMeta(const QString& key, const QString& value)
{
    auto q = run(
        m_database.database(), QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"), {key, value});
    if (!q)
        return q.error();
    return {};
}

Status CacheStore::setMetaValue(const QString& key, const QString& value)
{
    return writeMeta(key, value);
}

QString CacheStore::clientId() const
{
    return metaValue(kClientId);
}

QString CacheStore::cookie() const
{
    return metaValue(kCookie);
}

qint64 CacheStore::serverVersion() const
{
    return metaInt(kServerVersion).valueOr(0);
}

qint64 CacheStore::lastMutationId() const
{
    return metaInt(kLastMutationId).valueOr(0);
}

qint64 CacheStore::nextMutationId() const
{
    return metaInt(kNextMutationId).valueOr(1);
}

bool CacheStore::initialSyncDone() const
{
    return metaValue(kInitialSyncDone) == QLatin1String("1");
}

Status CacheStore::applyPullPage(const QList<sync::SyncRow>& rows, const QString& cookie, qint64 version, bool more)
{
    const QSqlDatabase db = m_database.database();
    QStringList touched;
    QStringList arrived;
    {
        WriteTransaction tx(db);
        if (!tx.isActive())
            return tx.beginError();
        // The first page of an initial sync that spans several: the indexes wait for the last one (deferIndexes).
        if (more && !initialSyncDone() && this->cookie().isEmpty()) {
            if (const Status deferred = deferIndexes(db); !deferred)
                return deferred;
        }
        // New orders are announced only by pulls that continue a completed one: a pull from the start (first sign-in,
        // or a migration that reset the cookie) brings old orders, not news.
        const bool alertable = initialSyncDone() && !this->cookie().isEmpty();
        StatementCache statements(db);
        for (const sync::SyncRow& row : rows) {
            if (!isKnownEntity(row.entity))
                continue; // an entity of a newer protocol revision: the cookie still moves past it
            const bool statsRow = row.entity == StatsDayEntity || row.entity == StatsProductDayEntity;
            const QDate statsDay = statsRow ? statsRowDay(row) : QDate();
            if (statsRow && !statsDay.isValid()) {
                // A stats row without a real day cannot be stored in its table; refusing the page would stop sync
                // for good, so it is skipped like an unknown entity (the server never sends one).
                qWarning("sync: skipped %s row '%s' without a valid day", qPrintable(row.entity), qPrintable(row.id));
                continue;
            }
            if (!touched.contains(row.entity))
                touched.append(row.entity);
            Result<QSqlQuery> written = QSqlQuery();
            if (row.deleted && row.entity == StatsDayEntity) { // never sent (rows are zeroed, not deleted)
                written =
                    statements.run(QStringLiteral("DELETE FROM stats_day WHERE day = ?"), {stats::dayKey(statsDay)});
            } else if (row.deleted) {
                written = statements.run(QStringLiteral("DELETE FROM \"%1\" WHERE id = ?").arg(row.entity), {row.id});
                if (written && row.entity == ProductEntity)
                    written = statements.run(QStringLiteral("DELETE FROM product_list WHERE id = ?"), {row.id});
                if (written && row.entity == OrderEntity)
                    written = statements.run(QStringLiteral("DELETE FROM order_list WHERE id = ?"), {row.id});
            } else if (row.entity == ShopEntity) {
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO shop (id, version, name, data) VALUES (?, ?, ?, ?)"),
                    {row.id, row.version, row.data.value(QStringLiteral("name")).toString(), toText(row.data)});
            } else if (row.entity == StaffEntity) {
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO staff (id, version, login, display_name, role, "
                                   "disabled, data) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    {row.id,
                     row.version,
                     row.data.value(QStringLiteral("login")).toString(),
                     row.data.value(QStringLiteral("displayName")).toString(),
                     row.data.value(QStringLiteral("role")).toString(),
                     row.data.value(QStringLiteral("disabled")).toBool() ? 1 : 0,
                     toText(row.data)});
            } else if (row.entity == CategoryEntity) {
                const QJsonValue parent = row.data.value(QStringLiteral("parentId"));
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO category (id, version, parent_id, position, name, "
                                   "data) VALUES (?, ?, ?, ?, ?, ?)"),
                    {row.id,
                     row.version,
                     parent.isString() ? QVariant(parent.toString()) : QVariant(QMetaType::fromType<QString>()),
                     row.data.value(QStringLiteral("position")).toInt(),
                     row.data.value(QStringLiteral("name")).toString(),
                     toText(row.data)});
            } else if (row.entity == ProductEntity) {
                const QJsonValue category = row.data.value(QStringLiteral("categoryId"));
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO product (id, version, category_id, name, on_shelf, "
                                   "data) VALUES (?, ?, ?, ?, ?, ?)"),
                    {row.id,
                     row.version,
                     category.isString() ? QVariant(category.toString()) : QVariant(QMetaType::fromType<QString>()),
                     row.data.value(QStringLiteral("name")).toString(),
                     row.data.value(QStringLiteral("onShelf")).toBool() ? 1 : 0,
                     toText(row.data)});
                if (written)
                    written = statements.run(ProductListEntry::replaceSql(),
                                             ProductListEntry::fromWire(row.id, row.data).values());
            } else if (row.entity == ArticleEntity) {
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO article (id, version, title, category, published, "
                                   "publish_at_ms, updated_at_ms, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                    {row.id,
                     row.version,
                     row.data.value(QStringLiteral("title")).toString(),
                     row.data.value(QStringLiteral("category")).toString(),
                     row.data.value(QStringLiteral("published")).toBool() ? 1 : 0,
                     row.data.value(QStringLiteral("publishAtMs")).toInteger(),
                     row.data.value(QStringLiteral("updatedAtMs")).toInteger(),
                     toText(row.data)});
            } else if (row.entity == OrderEntity) {
                if (alertable) {
                    auto before = statements.run(QStringLiteral("SELECT state FROM order_list WHERE id = ?"), {row.id});
                    if (!before)
                        return before.error();
                    const QString previous = before->next() ? before->value(0).toString() : QString();
                    before->finish();
                    if (isNewForMerchant(previous, row.data.value(QStringLiteral("state")).toString()))
                        arrived.append(row.id);
                }
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO \"order\" (id, version, data) VALUES (?, ?, ?)"),
                    {row.id, row.version, toText(row.data)});
                if (written)
                    written = statements.run(
                        QStringLiteral("INSERT OR REPLACE INTO order_list (id, number, state, fulfilment, "
                                       "payment_method, placed_at_ms, payable_fen, customer_nickname, contact_name, "
                                       "contact_phone, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        orderListValues(row.id, row.data));
            } else if (row.entity == OrderSettingsEntity) {
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO order_settings (id, version, data) VALUES (?, ?, ?)"),
                    {row.id, row.version, toText(row.data)});
            } else if (row.entity == ReviewEntity) {
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO review (id, version, rating, hidden, replied, "
                                   "created_at_ms, data) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    {row.id,
                     row.version,
                     row.data.value(QStringLiteral("rating")).toInt(),
                     row.data.value(QStringLiteral("hidden")).toBool() ? 1 : 0,
                     row.data.value(QStringLiteral("reply")).toString().isEmpty() ? 0 : 1,
                     row.data.value(QStringLiteral("createdAtMs")).toInteger(),
                     toText(row.data)});
            } else if (row.entity == StatsDayEntity) {
                // The figures stay JSON (DayFigures::toJson); a row StatsService cannot read is skipped there.
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO stats_day (day, version, data) VALUES (?, ?, ?)"),
                    {stats::dayKey(statsDay), row.version, toText(row.data)});
            } else if (row.entity == StatsProductDayEntity) {
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO stats_product_day (id, day, product_id, product_name, "
                                   "quantity, revenue_fen, version) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    {row.id,
                     stats::dayKey(statsDay),
                     row.data.value(QStringLiteral("productId")).toString(row.id.section(QLatin1Char(':'), 1)),
                     row.data.value(QStringLiteral("productName")).toString(QStringLiteral("")),
                     row.data.value(QStringLiteral("quantity")).toInteger(),
                     row.data.value(QStringLiteral("revenueFen")).toInteger(),
                     row.version});
            } else {
                written = statements.run(
                    QStringLiteral("INSERT OR REPLACE INTO shop_photo (id, version, position, data) "
                                   "VALUES (?, ?, ?, ?)"),
                    {row.id, row.version, row.data.value(QStringLiteral("position")).toInt(), toText(row.data)});
            }
            if (!written)
                return written.error();
        }
        const Status cookieWritten = writeMeta(kCookie, cookie);
        if (!cookieWritten)
            return cookieWritten;
        bool ackedDropped = false;
        if (!more) {
            // A pull that completes after an operation's acknowledgement contains its result (the server commits
            // before it answers, and pages run in version order), so the acknowledged overlay is no longer needed.
            auto dropped = run(db, QStringLiteral("DELETE FROM acked_outbox"));
            if (!dropped)
                return dropped.error();
            ackedDropped = dropped->numRowsAffected() > 0;
            if (const Status rebuilt = restoreIndexes(db); !rebuilt)
                return rebuilt;
            // Only a complete pull makes the confirmed tables a snapshot of `version`.
            if (const Status s = writeMeta(kServerVersion, QString::number(version)); !s)
                return s;
            if (const Status s = writeMeta(kInitialSyncDone, QStringLiteral("1")); !s)
                return s;
        }
        if (const Status committed = tx.commit(); !committed)
            return committed;
        if (ackedDropped)
            emit outboxChanged();
    }
    if (!touched.isEmpty())
        emit entitiesChanged(touched);
    if (!arrived.isEmpty())
        emit ordersArrived(arrived);
    emit syncStateChanged();
    return {};
}

Result<std::optional<CachedRow>> CacheStore::row(const QString& entity, const QString& id) const
{
    if (!isKnownEntity(entity))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown entity '%1'").arg(entity));
    auto q =
        run(m_database.database(),
            QStringLiteral("SELECT %1 FROM \"%2\" WHERE %3 = ?").arg(rowColumns(entity), entity, keyColumn(entity)),
            {keyValue(entity, id)});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<CachedRow>();
    return std::optional<CachedRow>(cachedRowFrom(entity, *q));
}

Result<QList<CachedRow>> CacheStore::rows(const QString& entity) const
{
    if (!isKnownEntity(entity))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown entity '%1'").arg(entity));
    const QString order = entity == StaffEntity   ? QStringLiteral("display_name, id")
                          : entity == PhotoEntity ? QStringLiteral("position, id")
                                                  : keyColumn(entity);
    auto q = run(m_database.database(),
                 QStringLiteral("SELECT %1 FROM \"%2\" ORDER BY %3").arg(rowColumns(entity), entity, order));
    if (!q)
        return q.error();
    QList<CachedRow> list;
    while (q->next())
        list.append(cachedRowFrom(entity, *q));
    return list;
}

Result<int> CacheStore::rowCount(const QString& entity) const
{
    if (!isKnownEntity(entity))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown entity '%1'").arg(entity));
    auto q = run(m_database.database(), QStringLiteral("SELECT COUNT(*) FROM \"%1\"").arg(entity));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<qint64> CacheStore::enqueue(const QString& name, const QJsonObject& args)
{
    auto mids = enqueueBatch({{name, args}});
    if (!mids)
        return mids.error();
    return mids->constFirst();
}

Result<QList<qint64>> CacheStore::enqueueBatch(const QList<std::pair<QString, QJsonObject>>& operations)
{
    for (const auto& operation : operations) {
        if (operation.first.isEmpty())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("an operation needs a name"));
    }
    if (operations.isEmpty())
        return QList<qint64>();
    // The marker goes first: a crash after the commit must still leave it behind.
    if (!m_markerPath.isEmpty() && !QFile::exists(m_markerPath)) {
        QFile marker(m_markerPath);
        if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(m_markerPath, marker.errorString()));
        marker.write("unsynced operations\n");
    }
    const QSqlDatabase db = m_database.database();
    QList<qint64> mids;
    mids.reserve(operations.size());
    {
        WriteTransaction tx(db);
        if (!tx.isActive())
            return tx.beginError();
        auto next = metaInt(kNextMutationId);
        if (!next)
            return next.error();
        // Never reuse a mid the server may have seen: stay beyond the outbox and the server's last one.
        auto highest = run(db, QStringLiteral("SELECT COALESCE(MAX(mid), 0) FROM outbox"));
        if (!highest)
            return highest.error();
        const qint64 outboxMax = highest->next() ? highest->value(0).toLongLong() : 0;
        auto last = metaInt(kLastMutationId);
        if (!last)
            return last.error();
        qint64 mid = std::max({*next, outboxMax + 1, *last + 1, qint64(1)});
        // One prepared statement for the whole batch: a CSV import queues 100,000 operations in a few seconds.
        QSqlQuery insert(db);
        if (!insert.prepare(QStringLiteral("INSERT INTO outbox (mid, name, args, created_at_ms, state) "
                                           "VALUES (?, ?, ?, ?, 'pending')")))
            return sqlError(insert, QStringLiteral("prepare"));
        const qint64 now = m_clock.nowMs();
        for (const auto& [name, args] : operations) {
            insert.bindValue(0, mid);
            insert.bindValue(1, name);
            insert.bindValue(2, toText(args));
            insert.bindValue(3, now);
            if (!insert.exec())
                return sqlError(insert, QStringLiteral("insert into outbox"));
            mids.append(mid++);
        }
        if (const Status s = writeMeta(kNextMutationId, QString::number(mid)); !s)
            return s.error();
        if (const Status committed = tx.commit(); !committed)
            return committed.error();
    }
    emit outboxChanged();
    return mids;
}

Result<QList<CachedRow>> CacheStore::rowsAfter(const QString& entity, const QString& afterId, int limit) const
{
    if (!isKnownEntity(entity))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown entity '%1'").arg(entity));
    auto q = run(m_database.database(),
                 QStringLiteral("SELECT %1 FROM \"%2\" WHERE %3 > ? ORDER BY %3 LIMIT ?")
                     .arg(rowColumns(entity), entity, keyColumn(entity)),
                 {keyValue(entity, afterId), limit});
    if (!q)
        return q.error();
    QList<CachedRow> list;
    while (q->next())
        list.append(cachedRowFrom(entity, *q));
    return list;
}

Result<QList<OutboxEntry>> CacheStore::acknowledgedOperations() const
{
    auto q = run(m_database.database(), QStringLiteral("SELECT mid, name, args FROM acked_outbox ORDER BY mid"));
    if (!q)
        return q.error();
    QList<OutboxEntry> entries;
    while (q->next()) {
        OutboxEntry entry;
        entry.mid = q->value(0).toLongLong();
        entry.name = q->value(1).toString();
        entry.args = QJsonDocument::fromJson(q->value(2).toString().toUtf8()).object();
        entry.state = OutboxEntry::State::Acknowledged;
        entries.append(entry);
    }
    return entries;
}

Result<QList<OutboxEntry>> CacheStore::pendingOperations(int limit) const
{
    auto q =
        run(m_database.database(),
            QStringLiteral("SELECT %1 FROM outbox WHERE state = 'pending' ORDER BY mid LIMIT ?").arg(kOutboxColumns),
            {limit});
    if (!q)
        return q.error();
    QList<OutboxEntry> list;
    while (q->next())
        list.append(entryFrom(*q));
    return list;
}

Result<QList<OutboxEntry>> CacheStore::rejectedOperations() const
{
    auto q = run(m_database.database(),
                 QStringLiteral("SELECT %1 FROM outbox WHERE state = 'rejected' ORDER BY mid").arg(kOutboxColumns));
    if (!q)
        return q.error();
    QList<OutboxEntry> list;
    while (q->next())
        list.append(entryFrom(*q));
    return list;
}

Result<std::optional<OutboxEntry>> CacheStore::operation(qint64 mid) const
{
    auto q =
        run(m_database.database(), QStringLiteral("SELECT %1 FROM outbox WHERE mid = ?").arg(kOutboxColumns), {mid});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<OutboxEntry>();
    return std::optional<OutboxEntry>(entryFrom(*q));
}

int CacheStore::pendingCount() const
{
    auto q = run(m_database.database(), QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'"));
    return q && q->next() ? q->value(0).toInt() : 0;
}

int CacheStore::rejectedCount() const
{
    auto q = run(m_database.database(), QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'rejected'"));
    return q && q->next() ? q->value(0).toInt() : 0;
}

Status CacheStore::applyPushResults(const QList<sync::MutationResult>& results, qint64 lastMutationId)
{
    const QSqlDatabase db = m_database.database();
    bool changed = false;
    {
        WriteTransaction tx(db);
        if (!tx.isActive())
            return tx.beginError();
        for (const sync::MutationResult& result : results) {
            if (result.status == sync::MutationResult::Status::Accepted) {
                // Until a pull brings the result, the view keeps showing the edit (without its secrets): otherwise
                // it would snap back to the old value for a round trip, or for as long as the link is down.
                auto current = operation(result.mid);
                if (!current)
                    return current.error();
                if (*current && (*current)->state == OutboxEntry::State::Pending) {
                    QJsonObject args = (*current)->args;
                    for (const QString& key : secretArgs())
                        args.remove(key);
                    auto kept =
                        run(db,
                            QStringLiteral("INSERT OR REPLACE INTO acked_outbox (mid, name, args) VALUES (?, ?, ?)"),
                            {result.mid, (*current)->name, toText(args)});
                    if (!kept)
                        return kept.error();
                }
                auto removed =
                    run(db, QStringLiteral("DELETE FROM outbox WHERE mid = ? AND state = 'pending'"), {result.mid});
                if (!removed)
                    return removed.error();
                changed = changed || removed->numRowsAffected() > 0;
                continue;
            }
            if (result.code == QLatin1String("out_of_order"))
                continue; // not an outcome: the operation was not looked at
            auto current = operation(result.mid);
            if (!current)
                return current.error();
            if (!*current || (*current)->state != OutboxEntry::State::Pending)
                continue;
            // A rejected operation stays for the user, but its secrets do not.
            QJsonObject args = (*current)->args;
            for (const QString& key : secretArgs())
                args.remove(key);
            auto marked =
                run(db,
                    QStringLiteral("UPDATE outbox SET state = 'rejected', reject_code = ?, reject_message = ?, "
                                   "args = ? WHERE mid = ?"),
                    {result.code, result.message, toText(args), result.mid});
            if (!marked)
                return marked.error();
            changed = true;
        }
        if (lastMutationId > this->lastMutationId()) {
            if (const Status s = writeMeta(kLastMutationId, QString::number(lastMutationId)); !s)
                return s;
        }
        if (const Status committed = tx.commit(); !committed)
            return committed;
    }
    if (changed) {
        updateOutboxMarker();
        emit outboxChanged();
    }
    emit syncStateChanged();
    return {};
}

Status CacheStore::recordLastMutationId(qint64 lastMutationId)
{
    WriteTransaction tx(m_database.database());
    if (!tx.isActive())
        return tx.beginError();
    if (const Status s = writeMeta(kLastMutationId, QString::number(lastMutationId)); !s)
        return s;
    // A cache restored from a backup may be behind the server: new operations must not reuse processed mids.
    if (nextMutationId() <= lastMutationId) {
        if (const Status s = writeMeta(kNextMutationId, QString::number(lastMutationId + 1)); !s)
            return s;
    }
    if (const Status committed = tx.commit(); !committed)
        return committed;
    emit syncStateChanged();
    return {};
}

Status CacheStore::discardRejected(qint64 mid)
{
    auto current = operation(mid);
    if (!current)
        return current.error();
    if (!*current)
        return makeError(ErrorCode::NotFound, tr("There is no operation %1.").arg(mid));
    if ((*current)->state != OutboxEntry::State::Rejected)
        return makeError(ErrorCode::Conflict, tr("Operation %1 is not synced yet and cannot be discarded.").arg(mid));
    auto removed =
        run(m_database.database(), QStringLiteral("DELETE FROM outbox WHERE mid = ? AND state = 'rejected'"), {mid});
    if (!removed)
        return removed.error();
    updateOutboxMarker();
    emit outboxChanged();
    return {};
}

} // namespace xd
