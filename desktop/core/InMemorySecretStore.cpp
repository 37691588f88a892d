#include "InMemorySecretStore.h"

namespace xd {

namespace {

Error unavailable()
{
    return makeError(ErrorCode::Unavailable, QStringLiteral("no secret store is available"));
}

} // namespace

void InMemorySecretStore::read(const QString& key, ReadCallback done)
{
    if (!m_available)
        return done(unavailable());
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.cend())
        return done(makeError(ErrorCode::NotFound, QStringLiteral("no secret '%1'").arg(key)));
    done(*it);
}

void InMemorySecretStore::write(const QString& key, const QByteArray& secret, WriteCallback done)
{
    if (!m_available)
        return done(unavailable());
    m_secrets.insert(key, secret);
    done({});
}

void InMemorySecretStore::remove(const QString& key, WriteCallback done)
{
    if (!m_available)
        return done(unavailable());
    m_secrets.remove(key);
    done({});
}

} // namespace xd
