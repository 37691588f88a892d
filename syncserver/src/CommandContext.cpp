#include "CommandContext.h"

#include "xiaodian/Clock.h"
#include "xiaodian/db/Database.h"

namespace xd::server {

CommandContext::CommandContext(const db::Database& database,
                               const Clock& clock,
                               const PasswordHasher& hasher,
                               const Actor& actor,
                               QByteArray attachment)
    : m_database(database), m_clock(clock), m_hasher(hasher), m_actor(actor), m_attachment(std::move(attachment))
{}

qint64 CommandContext::now() const
{
    return m_clock.nowMs();
}

Result<qint64> CommandContext::version()
{
    if (m_version > 0)
        return m_version;
    auto updated = m_database.exec(
        QStringLiteral("UPDATE shops SET change_counter = change_counter + 1, updated_at_ms = ? WHERE id = ?"),
        {now(), m_actor.shopId});
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("the shop no longer exists"));
    auto counter = m_database.scalar(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_actor.shopId});
    if (!counter)
        return counter.error();
    m_version = counter->toLongLong();
    return m_version;
}

} // namespace xd::server
