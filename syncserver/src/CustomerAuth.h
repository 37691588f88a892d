#pragma once

#include "HttpTypes.h"
#include "xiaodian/Result.h"

#include <QString>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

// A signed-in mini-program customer, as the customer API sees them.
struct CustomerPrincipal
{
    QString customerId;
    QString shopId;
};

// Customer bearer tokens ("Authorization: Bearer <token>"), issued by the WeChat login (docs/customers.md).
// Only the token's SHA-256 is stored. A token belongs to one shop: a request for another shop's path with it is
// `unauthenticated` (401), exactly like an unknown or expired token, so tokens never probe other shops.
class CustomerAuth
{
public:
    CustomerAuth(const db::Database& database, const Clock& clock);

    // The customer behind the request's bearer token, for the shop in the path.
    Result<CustomerPrincipal> authenticate(const HttpRequest& request, const QString& shopId) const;

    // A new session for `customerId` (inside or outside a transaction): the token to hand to the mini-program.
    Result<QString> createSession(const QString& shopId, const QString& customerId) const;
    // Sign-out: ends the request's session (401 when it is not a valid one of this shop).
    Status endSession(const HttpRequest& request, const QString& shopId) const;

    static constexpr qint64 SessionLifetimeMs = 30LL * 24 * 3600 * 1000;

private:
    const db::Database& m_database;
    const Clock& m_clock;
};

} // namespace xd::server
