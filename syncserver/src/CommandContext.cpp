#include "CommandContext.h"

#include "ShopRepository.h"
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
    auto bumped = ShopRepository(m_database, m_clock).bumpChangeCounter(m_actor.shopId);
    if (!bumped)
        return bumped.error();
    m_version = *bumped;
    return m_version;
}

} // namespace xd::server
