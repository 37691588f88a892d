#include "AuthService.h"

#include "Logging.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <algorithm>

namespace xd::server {

namespace {

Error badCredentials()
{
    return makeError(ErrorCode::Unauthenticated, QStringLiteral("wrong shop, user or password"));
}

Error invalidToken()
{
    return makeError(ErrorCode::Unauthenticated, QStringLiteral("the session is unknown, expired or revoked"));
}

QString accountKey(const QString& shop, const QString& login)
{
    return QStringLiteral("account:%1/%2").arg(shop.trimmed().toLower(), login.trimmed().toLower());
}

} // namespace

AuthService::AuthService(const db::Database& database, const Clock& clock, PasswordHasher hasher)
    : m_database(database), m_clock(clock), m_hasher(hasher),
      m_decoyHash(m_hasher.hash(QStringLiteral("decoy")).valueOr(QString()))
{}

QString AuthService::hashToken(const QString& token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Status AuthService::checkThrottle(const QString& key, qint64 now) const
{
    auto row = m_database.exec(
        QStringLiteral(
            "SELECT failures, last_failure_at_ms, locked_until_ms FROM login_failures WHERE throttle_key = ?"),
        {key});
    if (!row)
        return row.error();
    if (!row->next())
        return {};
    const int failures = row->value(0).toInt();
    const qint64 lastFailure = row->value(1).toLongLong();
    const qint64 lockedUntil = row->value(2).toLongLong();
    qint64 waitMs = 0;
    if (lockedUntil > now) {
        waitMs = lockedUntil - now;
    } else if (!key.startsWith(QLatin1String("ip:")) && failures >= AccountSlowdownAfter &&
               now - lastFailure < LockMs) {
        const qint64 backoffMs = std::min<qint64>(60'000, 1000LL << std::min(failures - AccountSlowdownAfter, 6));
        waitMs = lastFailure + backoffMs - now;
    }
    if (waitMs > 0)
        return makeError(ErrorCode::RateLimited,
                         QStringLiteral("too many failed sign-ins; try again in %1 s").arg((waitMs + 999) / 1000));
    return {};
}

Status AuthService::recordFailure(const QString& key, bool isAddress, qint64 now)
{
    auto row = m_database.exec(
        QStringLiteral("SELECT failures, last_failure_at_ms FROM login_failures WHERE throttle_key = ?"), {key});
    if (!row)
        return row.error();
    int failures = 0;
    const bool exists = row->next();
    // Failures older than the lock window are forgotten.
    if (exists && now - row->value(1).toLongLong() < LockMs)
        failures = row->value(0).toInt();
    ++failures;
    // Accounts lock; addresses only slow down: behind a proxy that does not pass the client's address, one
    // address is everybody, and a lock there would lock every merchant out.
    const qint64 lockedUntil = !isAddress && failures >= AccountLockAfter ? now + LockMs : 0;
    if (lockedUntil > 0)
        qCWarning(lcServer).noquote() << "sign-in locked for" << key;
    auto written = m_database.exec(
        QStringLiteral("INSERT INTO login_failures (throttle_key, failures, last_failure_at_ms, locked_until_ms) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, "
                       "last_failure_at_ms = excluded.last_failure_at_ms, locked_until_ms = excluded.locked_until_ms"),
        {key, failures, now, lockedUntil});
    if (!written)
        return written.error();
    return {};
}

Result<Session>
AuthService::login(const QString& shop, const QString& login, const QString& password, const QString& address)
{
    const qint64 now = m_clock.nowMs();
    const QString addressKey = QStringLiteral("ip:") + address;
    if (const Status throttled = checkThrottle(addressKey, now); !throttled)
        return throttled.error();

    // Find the account by shop id, or by exact shop name when that name is unambiguous.
    auto found = m_database.exec(
        QStringLiteral("SELECT st.id, st.shop_id, st.role, st.password_hash, st.display_name, st.disabled "
                       "FROM staff st JOIN shops sh ON sh.id = st.shop_id "
                       "WHERE st.login = ? AND st.deleted = 0 AND (sh.id = ? OR sh.name = ?)"),
        {login.trimmed(), shop.trimmed(), shop.trimmed()});
    if (!found)
        return found.error();
    QString staffId, shopId, roleText, storedHash, displayName;
    bool disabled = false;
    int matches = 0;
    while (found->next()) {
        ++matches;
        staffId = found->value(0).toString();
        shopId = found->value(1).toString();
        roleText = found->value(2).toString();
        storedHash = found->value(3).toString();
        displayName = found->value(4).toString();
        disabled = found->value(5).toInt() != 0;
    }
    // A known account is counted under its staff id, whichever way (shop name or id) the caller spelled it, so
    // spelling it the other way does not buy more guesses.
    const QString account = matches == 1 ? QStringLiteral("staff:") + staffId : accountKey(shop, login);
    if (const Status throttled = checkThrottle(account, now); !throttled)
        return throttled.error();

    // Unknown and ambiguous accounts verify against a throwaway hash so that timing does not tell them apart.
    // The decoy is made with this service's own strength: verifying costs what the hash's parameters say.
    const bool passwordOk = m_hasher.verify(password, matches == 1 ? storedHash : m_decoyHash);
    Role role = Role::Clerk;
    if (matches != 1 || !passwordOk || disabled || !parseRole(roleText, &role)) {
        auto tx = db::Transaction::begin(m_database);
        if (!tx)
            return tx.error();
        if (const Status recorded = recordFailure(account, false, now); !recorded)
            return recorded.error();
        if (const Status recorded = recordFailure(addressKey, true, now); !recorded)
            return recorded.error();
        if (const Status committed = tx->commit(); !committed)
            return committed.error();
        qCInfo(lcServer).noquote() << "sign-in refused for" << account << "from" << address;
        return badCredentials();
    }

    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(random.data()), int(random.size() / 4));
    Session session;
    session.token =
        QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    session.expiresAtMs = now + SessionLifetimeMs;
    session.actor = Actor{shopId, staffId, role};
    session.displayName = displayName;

    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO staff_sessions (token_hash, staff_id, shop_id, created_at_ms, expires_at_ms) "
                       "VALUES (?, ?, ?, ?, ?)"),
        {hashToken(session.token), staffId, shopId, now, session.expiresAtMs});
    if (!inserted)
        return inserted.error();
    auto cleared = m_database.exec(QStringLiteral("DELETE FROM login_failures WHERE throttle_key = ?"), {account});
    if (!cleared)
        return cleared.error();
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    qCInfo(lcServer).noquote() << "signed in" << staffId << "of shop" << shopId;
    return session;
}

Result<Actor> AuthService::authenticate(const QString& token) const
{
    if (token.isEmpty() || token.size() > 200)
        return invalidToken();
    auto row = m_database.exec(
        QStringLiteral(
            "SELECT s.staff_id, s.shop_id, st.role, st.disabled, st.deleted, s.expires_at_ms, s.revoked_at_ms "
            "FROM staff_sessions s JOIN staff st ON st.id = s.staff_id WHERE s.token_hash = ?"),
        {hashToken(token)});
    if (!row)
        return row.error();
    if (!row->next())
        return invalidToken();
    if (!row->value(6).isNull() || row->value(5).toLongLong() <= m_clock.nowMs() || row->value(4).toInt() != 0)
        return invalidToken();
    if (row->value(3).toInt() != 0)
        return makeError(ErrorCode::PermissionDenied, QStringLiteral("this staff account is disabled"));
    Actor actor{row->value(1).toString(), row->value(0).toString(), Role::Clerk};
    if (!parseRole(row->value(2).toString(), &actor.role))
        return invalidToken();
    return actor;
}

Status AuthService::logout(const QString& token)
{
    auto updated = m_database.exec(
        QStringLiteral("UPDATE staff_sessions SET revoked_at_ms = ? WHERE token_hash = ? AND revoked_at_ms IS NULL"),
        {m_clock.nowMs(), hashToken(token)});
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return invalidToken();
    return {};
}

Status AuthService::revokeAll(const db::Database& database, const QString& staffId, qint64 nowMs)
{
    auto updated = database.exec(
        QStringLiteral("UPDATE staff_sessions SET revoked_at_ms = ? WHERE staff_id = ? AND revoked_at_ms IS NULL"),
        {nowMs, staffId});
    if (!updated)
        return updated.error();
    return {};
}

} // namespace xd::server
