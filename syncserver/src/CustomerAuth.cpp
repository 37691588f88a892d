#include "CustomerAuth.h"

#include "AdminRequest.h"
#include "AuthService.h"
#include "xiaodian/Clock.h"
#include "xiaodian/db/Database.h"

#include <QRandomGenerator>

namespace xd::server {

namespace {

Error invalidToken()
{
    return makeError(ErrorCode::Unauthenticated, QStringLiteral("sign in again: the session is unknown or expired"));
}

// last_seen_at_ms is refreshed at most this often, so that reading pages costs no write per request.
constexpr qint64 LastSeenResolutionMs = 3600LL * 1000;

} // namespace

CustomerAuth::CustomerAuth(const db::Database& database, const Clock& clock) : m_database(database), m_clock(clock) {}

Result<CustomerPrincipal> CustomerAuth::authenticate(const HttpRequest& request, const QString& shopId) const
{
    const QString token = bearerToken(request);
    if (token.isEmpty() || token.size() > 200)
        return invalidToken();
    const QString hash = AuthService::hashToken(token);
    auto row = m_database.exec(
        QStringLiteral("SELECT s.customer_id, s.shop_id, s.expires_at_ms, s.last_seen_at_ms, c.deleted "
                       "FROM customer_sessions s JOIN customers c ON c.id = s.customer_id WHERE s.token_sha256 = ?"),
        {hash});
    if (!row)
        return row.error();
    if (!row->next())
        return invalidToken();
    const qint64 now = m_clock.nowMs();
    // Another shop's token is as unknown as a made-up one: the answer must not tell that it exists elsewhere.
    if (row->value(1).toString() != shopId || row->value(2).toLongLong() <= now || row->value(4).toInt() != 0)
        return invalidToken();
    CustomerPrincipal principal{row->value(0).toString(), shopId};
    if (now - row->value(3).toLongLong() >= LastSeenResolutionMs) {
        // Best effort: a failed refresh of the "last seen" time does not refuse the request.
        (void)m_database.exec(QStringLiteral("UPDATE customer_sessions SET last_seen_at_ms = ? WHERE token_sha256 = ?"),
                              {now, hash});
    }
    return principal;
}

Result<QString> CustomerAuth::createSession(const QString& shopId, const QString& customerId) const
{
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(random.data()), int(random.size() / 4));
    const QString token =
        QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const qint64 now = m_clock.nowMs();
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO customer_sessions (token_sha256, customer_id, shop_id, created_at_ms, "
                       "expires_at_ms, last_seen_at_ms) VALUES (?, ?, ?, ?, ?, ?)"),
        {AuthService::hashToken(token), customerId, shopId, now, now + SessionLifetimeMs, now});
    if (!inserted)
        return inserted.error();
    // Expired sessions of this customer go with each new one, so the table does not grow with every login.
    auto pruned =
        m_database.exec(QStringLiteral("DELETE FROM customer_sessions WHERE customer_id = ? AND expires_at_ms <= ?"),
                        {customerId, now});
    if (!pruned)
        return pruned.error();
    return token;
}

Status CustomerAuth::endSession(const HttpRequest& request, const QString& shopId) const
{
    if (auto principal = authenticate(request, shopId); !principal)
        return principal.error();
    auto deleted = m_database.exec(QStringLiteral("DELETE FROM customer_sessions WHERE token_sha256 = ?"),
                                   {AuthService::hashToken(bearerToken(request))});
    if (!deleted)
        return deleted.error();
    return {};
}

} // namespace xd::server
