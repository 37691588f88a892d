#pragma once

#include "Actor.h"
#include "xiaodian/Result.h"
#include "xiaodian/sync/Protocol.h"

#include <QList>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class CommandProcessor;

struct PullPage
{
    QList<sync::SyncRow> rows;
    QString cookie;
    bool more = false;
    qint64 version = 0; // the shop's counter in the snapshot the page was read from
};

// Pull and push, independent of the transport (the WebSocket endpoint calls these; so can tests).
class SyncService
{
public:
    SyncService(const db::Database& database, CommandProcessor& commands, const Clock& clock);

    Result<PullPage> pull(const QString& shopId, const QString& cookie, int limit) const;

    // Registers the client id on first use; a client id belongs to one shop and one staff account.
    // Returns the last mutation id processed for it.
    Result<qint64> attachClient(const Actor& actor, const QString& clientId);

    // Applies the mutations in order, each exactly once (see docs/sync-protocol.md, Push). A transient failure
    // (database) stops the batch with an error so that the client retries; rule violations are final rejections.
    Result<QList<sync::MutationResult>>
    push(const Actor& actor, const QString& clientId, const QList<sync::Mutation>& mutations, qint64* lastMutationId);

private:
    Status recordRejection(const QString& clientId, qint64 mid, const QString& code, const QString& message);

    const db::Database& m_database;
    CommandProcessor& m_commands;
    const Clock& m_clock;
};

} // namespace xd::server
