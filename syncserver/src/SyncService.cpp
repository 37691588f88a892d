#include "SyncService.h"

#include "CommandProcessor.h"
#include "EntityReader.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QSqlQuery>

namespace xd::server {

namespace {

bool isTransient(ErrorCode code)
{
    return code == ErrorCode::Database || code == ErrorCode::Unavailable || code == ErrorCode::Internal ||
           code == ErrorCode::Io;
}

} // namespace

SyncService::SyncService(const db::Database& database, CommandProcessor& commands, const Clock& clock)
    : m_database(database), m_commands(commands), m_clock(clock)
{}

Result<PullPage> SyncService::pull(const QString& shopId, const QString& cookie, int limit) const
{
    if (limit < 1 || limit > sync::MaxPullLimit)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("limit must be between 1 and %1").arg(sync::MaxPullLimit));
    auto cursor = sync::Cursor::decode(cookie);
    if (!cursor)
        return cursor.error();

    // One snapshot for the counter and the rows, so the page never shows half of a write.
    auto tx = db::Transaction::begin(m_database, db::Transaction::Mode::ReadSnapshot);
    if (!tx)
        return tx.error();
    auto counter = m_database.scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {shopId});
    if (!counter)
        return counter.error();
    auto rows = EntityReader(m_database).changedSince(shopId, *cursor, limit);
    if (!rows)
        return rows.error();
    if (const Status done = tx->commit(); !done)
        return done.error();

    PullPage page;
    page.version = counter->toLongLong();
    page.more = rows->size() > limit;
    if (page.more)
        rows->resize(limit);
    page.rows = std::move(*rows);
    if (page.more) {
        const sync::SyncRow& last = page.rows.constLast();
        page.cookie = sync::Cursor{last.version, sync::entityOrder(last.entity), last.id}.encode();
    } else {
        page.cookie = sync::Cursor{page.version, -1, QString()}.encode();
    }
    return page;
}

Result<qint64> SyncService::attachClient(const Actor& actor, const QString& clientId)
{
    if (!Id::isValid(clientId))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("clientId must be a UUID"));
    auto row = m_database.exec(
        QStringLiteral("SELECT shop_id, staff_id, last_mutation_id FROM sync_clients WHERE client_id = ?"), {clientId});
    if (!row)
        return row.error();
    if (row->next()) {
        if (row->value(0).toString() != actor.shopId || row->value(1).toString() != actor.staffId)
            return makeError(ErrorCode::PermissionDenied, QStringLiteral("this client id belongs to another account"));
        return row->value(2).toLongLong();
    }
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO sync_clients (client_id, shop_id, staff_id, last_mutation_id, updated_at_ms) "
                       "VALUES (?, ?, ?, 0, ?)"),
        {clientId, actor.shopId, actor.staffId, m_clock.nowMs()});
    if (!inserted)
        return inserted.error();
    return 0;
}

Status SyncService::recordRejection(const QString& clientId, qint64 mid, const QString& code, const QString& message)
{
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    auto advanced = m_database.exec(QStringLiteral("UPDATE sync_clients SET last_mutation_id = ?, updated_at_ms = ? "
                                                   "WHERE client_id = ? AND last_mutation_id = ?"),
                                    {mid, m_clock.nowMs(), clientId, mid - 1});
    if (!advanced)
        return advanced.error();
    if (advanced->numRowsAffected() != 1)
        return makeError(ErrorCode::Conflict, QStringLiteral("another connection of this client pushed meanwhile"));
    auto stored = m_database.exec(
        QStringLiteral("INSERT INTO sync_rejections (client_id, mid, code, message) VALUES (?, ?, ?, ?)"),
        {clientId, mid, code, message});
    if (!stored)
        return stored.error();
    return tx->commit();
}

Result<QList<sync::MutationResult>> SyncService::push(const Actor& actor,
                                                      const QString& clientId,
                                                      const QList<sync::Mutation>& mutations,
                                                      qint64* lastMutationId)
{
    if (mutations.size() > sync::MaxMutationsPerPush)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("at most %1 mutations per push").arg(sync::MaxMutationsPerPush));
    auto last = attachClient(actor, clientId);
    if (!last)
        return last.error();
    qint64 lastId = *last;

    QList<sync::MutationResult> results;
    bool outOfOrder = false;
    for (const sync::Mutation& mutation : mutations) {
        using Status = sync::MutationResult::Status;
        if (outOfOrder || mutation.mid > lastId + 1) {
            outOfOrder = true;
            results.append({mutation.mid,
                            Status::Rejected,
                            QStringLiteral("out_of_order"),
                            QStringLiteral("expected mutation %1 first").arg(lastId + 1)});
            continue;
        }
        if (mutation.mid <= lastId) {
            // Processed before: answer as then, apply nothing.
            auto stored = m_database.exec(
                QStringLiteral("SELECT code, message FROM sync_rejections WHERE client_id = ? AND mid = ?"),
                {clientId, mutation.mid});
            if (!stored)
                return stored.error();
            if (stored->next())
                results.append(
                    {mutation.mid, Status::Rejected, stored->value(0).toString(), stored->value(1).toString()});
            else
                results.append({mutation.mid, Status::Accepted, QString(), QString()});
            continue;
        }

        // uploadPhoto needs the bytes of an HTTP upload; through sync it is unknown like any other name.
        Result<CommandResult> applied =
            makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown operation '%1'").arg(mutation.name));
        if (m_commands.knows(mutation.name) && mutation.name != QLatin1String("shop.uploadPhoto")) {
            applied = m_commands.execute(actor, mutation.name, mutation.args, [&]() -> xd::Status {
                auto advanced =
                    m_database.exec(QStringLiteral("UPDATE sync_clients SET last_mutation_id = ?, updated_at_ms = ? "
                                                   "WHERE client_id = ? AND last_mutation_id = ?"),
                                    {mutation.mid, m_clock.nowMs(), clientId, mutation.mid - 1});
                if (!advanced)
                    return advanced.error();
                if (advanced->numRowsAffected() != 1)
                    return makeError(ErrorCode::Conflict,
                                     QStringLiteral("another connection of this client pushed meanwhile"));
                return {};
            });
        }
        if (applied) {
            results.append({mutation.mid, Status::Accepted, QString(), QString()});
            lastId = mutation.mid;
            continue;
        }
        const Error& error = applied.error();
        if (isTransient(error.code) || error.message.contains(QLatin1String("another connection of this client")))
            return error; // nothing of this mutation was applied; the client pushes it again later
        const QString code =
            error.code == ErrorCode::InvalidArgument && error.message.startsWith(QLatin1String("unknown operation"))
                ? QStringLiteral("unknown_operation")
                : errorCodeName(error.code);
        if (const xd::Status recorded = recordRejection(clientId, mutation.mid, code, error.message); !recorded)
            return recorded.error();
        results.append({mutation.mid, Status::Rejected, code, error.message});
        lastId = mutation.mid;
    }
    *lastMutationId = lastId;
    return results;
}

} // namespace xd::server
