#pragma once

#include "Actor.h"
#include "PasswordHasher.h"
#include "xiaodian/Result.h"

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

struct Session
{
    QString token; // shown once, to the client that signed in; only its SHA-256 is stored
    qint64 expiresAtMs = 0;
    Actor actor;
    QString displayName;
};

// Staff sign-in: password check, sessions, revocation, and throttling of repeated failures.
//
// Throttling: failures are counted per account (the staff id when the account exists, else the shop and login as
// typed) and per client address. From the 5th consecutive failure of an account on, the next attempt must wait
// 2^(n-5) s (capped at 60 s); the 10th locks the account for 15 minutes. An address is slowed the same way from its
// 50th failure but never locked (behind a proxy one address may be everybody). A success clears the account's count.
// Every refusal of a sign-in says only "wrong shop, user or password" (or rate_limited), never which part was wrong,
// and unknown accounts cost the same password-hash work as known ones.
class AuthService
{
public:
    static constexpr qint64 SessionLifetimeMs = 30LL * 24 * 3600 * 1000;
    static constexpr int AccountSlowdownAfter = 5;
    static constexpr int AccountLockAfter = 10;
    static constexpr int AddressSlowdownAfter = 50;
    static constexpr qint64 LockMs = 15LL * 60 * 1000;

    AuthService(const db::Database& database, const Clock& clock, PasswordHasher hasher);

    // `shop` is the shop's id or its exact name. Runs its own transactions.
    Result<Session> login(const QString& shop, const QString& login, const QString& password, const QString& address);
    // The actor behind a token: Unauthenticated when unknown, expired or revoked; PermissionDenied when the
    // account was disabled.
    Result<Actor> authenticate(const QString& token) const;
    Status logout(const QString& token);
    // Ends every session of a staff member (password reset, disabled). Runs inside the caller's transaction.
    static Status revokeAll(const db::Database& database, const QString& staffId, qint64 nowMs);

    static QString hashToken(const QString& token);

private:
    Status checkThrottle(const QString& key, qint64 now) const;
    Status recordFailure(const QString& key, bool isAddress, qint64 now);

    const db::Database& m_database;
    const Clock& m_clock;
    PasswordHasher m_hasher;
    QString m_decoyHash; // verified against for unknown accounts, so they cost as much time as known ones
};

} // namespace xd::server
