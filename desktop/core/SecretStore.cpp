#include "SecretStore.h"

namespace xd {

QString SecretStore::cacheKeyName(const QString& accountId)
{
    return QStringLiteral("cache-key:") + accountId;
}

QString SecretStore::tokenName(const QString& accountId)
{
    return QStringLiteral("token:") + accountId;
}

} // namespace xd
