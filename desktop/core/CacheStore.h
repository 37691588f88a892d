#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/sync/Protocol.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace xd {

class CacheDatabase;
class Clock;

// One operation of the durable outbox.
struct OutboxEntry
{
    enum class State {
        Pending,
        Rejected,
        Acknowledged, // accepted; kept in the view until a completed pull has brought the result
    };
    qint64 mid = 0;
    QString name;
    QJsonObject args;
    qint64 createdAtMs = 0;
    State state = State::Pending;
    QString rejectCode; // rejected only
    QString rejectMessage;
};

// One confirmed row of a synced entity, as the server last sent it.
struct CachedRow
{
    QString id;
    qint64 version = 0;
    QJsonObject data;
};

// The cache's schema and every read/write of it: sync state (meta), the confirmed entity tables and the outbox.
// It sits on an open CacheDatabase and is the one place that writes the cache, so the invariants live here:
//  - a pull page (rows, tombstones, cookie, version) is stored in one transaction;
//  - enqueue assigns the next mutation id durably, in the same transaction as the outbox row;
//  - a pending operation leaves the outbox only when the server acknowledged it; rejected ones stay until discarded;
//  - passwords in staff.add / staff.resetPassword args are kept only while the operation is pending.
// All SQL runs on SQLite 3.15.2 (Debian's SQLCipher): no UPSERT, RETURNING, window functions or JSON1.
class CacheStore final : public QObject
{
    Q_OBJECT

public:
    // Entity names as on the wire.
    static const QString ShopEntity;
    static const QString StaffEntity;
    static const QString PhotoEntity;
    static const QString CategoryEntity;
    static const QString ProductEntity;
    static const QString ArticleEntity;
    static const QString OrderEntity;         // table "order" (quoted: a keyword) + order_list
    static const QString OrderSettingsEntity; // one row, id = shop id
    static const QString ReviewEntity;        // table review (migration 7)
    // Finance and statistics rollups (migration 8), read by StatsService. stats_day is keyed by the day number
    // (yyyymmdd) and stats_product_day keeps its fields in columns; the generic row reads give both back in their
    // wire shape (id "yyyy-MM-dd" and "yyyy-MM-dd:<productId>").
    static const QString StatsDayEntity;
    static const QString StatsProductDayEntity;

    CacheStore(CacheDatabase& database, const Clock& clock, QObject* parent = nullptr);
    ~CacheStore() override;
    Q_DISABLE_COPY_MOVE(CacheStore)

    // Runs the cache's migrations and creates the client id on first use. Call once after opening.
    // SchemaTooNew when the cache was written by a newer program.
    Status initialize();
    static int latestSchemaVersion();
    Result<int> schemaVersion() const;

    // A file that exists while the outbox holds operations. It is not encrypted and says nothing but "there is
    // unsynced work", so that a cache whose key is lost is never wiped silently (see CacheLocator).
    void setOutboxMarkerPath(const QString& path);

    // Sync state (meta table).
    QString clientId() const;
    QString cookie() const;
    qint64 serverVersion() const;  // the shop's version the confirmed tables are complete up to
    qint64 lastMutationId() const; // the server's last processed mid of this client, as last heard
    qint64 nextMutationId() const; // the mid the next enqueue gets
    bool initialSyncDone() const;  // a pull has once reached more == false
    QString metaValue(const QString& key) const;
    Status setMetaValue(const QString& key, const QString& value);

    // Stores one pull page in one transaction. `more` false marks the cache up to date with `version`.
    Status applyPullPage(const QList<sync::SyncRow>& rows, const QString& cookie, qint64 version, bool more);

    // Confirmed rows.
    Result<std::optional<CachedRow>> row(const QString& entity, const QString& id) const;
    // Every row of an entity: staff by display name, photos by position, otherwise by id.
    Result<QList<CachedRow>> rows(const QString& entity) const;
    Result<int> rowCount(const QString& entity) const;
    // The open cache, for read-only views that query it in SQL (CatalogService's product list).
    CacheDatabase& database() const { return m_database; }
    // Up to `limit` rows with ids after `afterId` ("" = from the first), in id order: a large table read in chunks.
    Result<QList<CachedRow>> rowsAfter(const QString& entity, const QString& afterId, int limit) const;

    // Outbox.
    Result<qint64> enqueue(const QString& name, const QJsonObject& args);
    // Enqueues (name, args) pairs in one transaction, all or none, with consecutive mids and one outboxChanged.
    Result<QList<qint64>> enqueueBatch(const QList<std::pair<QString, QJsonObject>>& operations);
    Result<QList<OutboxEntry>> pendingOperations(int limit = -1) const;
    // Accepted by the server but not yet seen in a completed pull: still part of the optimistic view.
    Result<QList<OutboxEntry>> acknowledgedOperations() const;
    Result<QList<OutboxEntry>> rejectedOperations() const;
    Result<std::optional<OutboxEntry>> operation(qint64 mid) const;
    int pendingCount() const;
    int rejectedCount() const;
    // Applies a push.result in one transaction: accepted → removed, rejected → kept with its reason (out_of_order
    // results are not outcomes and change nothing), and records lastMutationId.
    Status applyPushResults(const QList<sync::MutationResult>& results, qint64 lastMutationId);
    // Records the server's lastMutationId from auth.ok and moves the next mid beyond it.
    Status recordLastMutationId(qint64 lastMutationId);
    // Removes a rejected operation; NotFound if there is none with that mid, Conflict if it is still pending.
    Status discardRejected(qint64 mid);

signals:
    void outboxChanged();
    void entitiesChanged(const QStringList& entities);
    // Orders a pull brought that are new to the merchant: first seen paid or placed for cash on delivery, or paid
    // since they were last seen pending payment. Never from a pull that starts from scratch. After entitiesChanged.
    void ordersArrived(const QStringList& orderIds);
    void syncStateChanged();

private:
    Status migrate();
    Result<qint64> metaInt(const QString& key) const;
    Status writeMeta(const QString& key, const QString& value);
    void updateOutboxMarker();

    CacheDatabase& m_database;
    const Clock& m_clock;
    QString m_markerPath;
};

} // namespace xd
