#include "SmsVerification.h"

#include "SmsTrail.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <sodium.h>

namespace xd::server {

namespace {

// PostgreSQL: every code issue of every server queues on this one transaction-scoped lock, so two requests for
// the same phone or address cannot both count "under the limit" and both send. Issues are rare and short. SQLite's
// write transaction (BEGIN IMMEDIATE) already serialises them.
constexpr qint64 IssueLockKey = 0x78645F736D73LL; // "xd_sms"

constexpr qint64 DayMs = 24 * 3600'000LL;
constexpr qint64 HourMs = 3600'000LL;

QString codeHash(const QString& codeId, const QString& code)
{
    return QString::fromLatin1(
        QCryptographicHash::hash((codeId + QLatin1Char(':') + code).toUtf8(), QCryptographicHash::Sha256).toHex());
}

// "42 s", "15 min": when to come back, rounded up.
QString delayText(qint64 ms)
{
    if (ms <= 120'000)
        return QStringLiteral("%1 s").arg((ms + 999) / 1000);
    return QStringLiteral("%1 min").arg((ms + 59'999) / 60'000);
}

// '' for a subject without a customer (a null QString would bind as NULL).
QString customerKey(const SmsVerification::Subject& subject)
{
    return subject.customerId.isNull() ? QStringLiteral("") : subject.customerId;
}

Error refused(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

} // namespace

SmsVerification::SmsVerification(const db::Database& database, const Clock& clock, Limits limits)
    : m_database(database), m_clock(clock), m_limits(limits)
{}

QString SmsVerification::generateCode()
{
    static const bool ready = sodium_init() >= 0;
    Q_ASSERT(ready);
    return QStringLiteral("%1").arg(randombytes_uniform(1'000'000), 6, 10, QLatin1Char('0'));
}

Result<qint64>
SmsVerification::retryAfter(const QString& column, const QString& value, qint64 windowMs, int limit) const
{
    Q_ASSERT(column == QLatin1String("phone") || column == QLatin1String("client_ip"));
    const qint64 now = m_clock.nowMs();
    const QString where =
        QStringLiteral("FROM sms_sends WHERE kind = 'verification_code' AND %1 = ? AND at_ms > ?").arg(column);
    auto count = m_database.scalar(QStringLiteral("SELECT COUNT(*) ") + where, {value, now - windowMs});
    if (!count)
        return count.error();
    const qint64 sent = count->toLongLong();
    if (sent < limit)
        return qint64(0);
    // The send whose leaving the window brings the count under the limit.
    auto oldest = m_database.scalar(QStringLiteral("SELECT at_ms ") + where +
                                        QStringLiteral(" ORDER BY at_ms ASC LIMIT 1 OFFSET %1").arg(sent - limit),
                                    {value, now - windowMs});
    if (!oldest)
        return oldest.error();
    return qMax<qint64>(1, oldest->toLongLong() + windowMs - now);
}

Status SmsVerification::checkLimits(const QString& phone, const QString& clientIp, qint64* retryAfterMs) const
{
    struct Check
    {
        QString column;
        QString value;
        qint64 windowMs;
        int limit;
        QString why;
    };
    QList<Check> checks{
        {QStringLiteral("phone"),
         phone,
         m_limits.phoneIntervalMs,
         1,
         QStringLiteral("a code was just sent to this number")},
        {QStringLiteral("phone"),
         phone,
         DayMs,
         m_limits.phoneDaily,
         QStringLiteral("this number has had %1 codes in 24 hours").arg(m_limits.phoneDaily)},
    };
    if (!clientIp.isEmpty())
        checks.append({QStringLiteral("client_ip"),
                       clientIp,
                       HourMs,
                       m_limits.ipHourly,
                       QStringLiteral("too many codes were asked for from your network")});
    // The longest wait of all the limits hit: retrying earlier would only be refused again.
    qint64 wait = 0;
    QString why;
    for (const Check& check : std::as_const(checks)) {
        auto after = retryAfter(check.column, check.value, check.windowMs, check.limit);
        if (!after)
            return after.error();
        if (*after > wait) {
            wait = *after;
            why = check.why;
        }
    }
    if (wait == 0)
        return {};
    if (retryAfterMs)
        *retryAfterMs = wait;
    return makeError(ErrorCode::RateLimited, QStringLiteral("%1; try again in %2").arg(why, delayText(wait)));
}

Result<SmsVerification::Issued> SmsVerification::issue(const Subject& subject,
                                                       const QString& clientIp,
                                                       const QString& provider,
                                                       const QString& templateCode,
                                                       qint64* retryAfterMs) const
{
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    if (m_database.engine() == db::Engine::Postgres) {
        auto locked = m_database.exec(QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {IssueLockKey});
        if (!locked)
            return locked.error();
    }
    if (const Status allowed = checkLimits(subject.phone, clientIp, retryAfterMs); !allowed)
        return allowed.error();

    const qint64 now = m_clock.nowMs();
    // Expired codes are of no use a day later; the sends stay as the trail.
    auto purged = m_database.exec(QStringLiteral("DELETE FROM sms_codes WHERE expires_at_ms < ?"), {now - DayMs});
    if (!purged)
        return purged.error();
    // Only the newest code of a subject counts: the older ones die, so a code read from an old message fails.
    auto retired = m_database.exec(
        QStringLiteral("UPDATE sms_codes SET state = 'dead' WHERE shop_id = ? AND phone = ? AND purpose = ? AND "
                       "customer_id = ? AND state IN ('pending', 'sent')"),
        {subject.shopId, subject.phone, subject.purpose, customerKey(subject)});
    if (!retired)
        return retired.error();

    Issued issued;
    issued.codeId = Id::create();
    issued.code = generateCode();
    issued.expiresAtMs = now + m_limits.codeLifetimeMs;
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO sms_codes (id, shop_id, customer_id, phone, purpose, code_sha256, state, "
                       "created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)"),
        {issued.codeId,
         subject.shopId,
         customerKey(subject),
         subject.phone,
         subject.purpose,
         codeHash(issued.codeId, issued.code),
         now,
         issued.expiresAtMs});
    if (!inserted)
        return inserted.error();
    auto send = smstrail::start(
        m_database,
        m_clock,
        smstrail::Send{
            subject.shopId, subject.phone, clientIp, QStringLiteral("verification_code"), {}, templateCode, provider});
    if (!send)
        return send.error();
    issued.sendId = *send;
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    return issued;
}

Status SmsVerification::recordSend(const Issued& issued, const Result<SmsProvider::Sent>& answer) const
{
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    if (const Status finished = smstrail::finish(m_database, m_clock, issued.sendId, answer); !finished)
        return finished;
    auto updated = m_database.exec(QStringLiteral("UPDATE sms_codes SET state = ? WHERE id = ? AND state = 'pending'"),
                                   {answer ? QStringLiteral("sent") : QStringLiteral("dead"), issued.codeId});
    if (!updated)
        return updated.error();
    return tx->commit();
}

Status SmsVerification::consume(const Subject& subject, const QString& code) const
{
    static const QRegularExpression sixDigits(QStringLiteral("^[0-9]{6}$"));
    if (!sixDigits.match(code).hasMatch())
        return refused(QStringLiteral("the code is 6 digits"));
    auto newest = m_database.exec(
        QStringLiteral("SELECT id, code_sha256, state, attempts, expires_at_ms FROM sms_codes WHERE shop_id = ? AND "
                       "phone = ? AND purpose = ? AND customer_id = ? ORDER BY created_at_ms DESC, id DESC LIMIT 1"),
        {subject.shopId, subject.phone, subject.purpose, customerKey(subject)});
    if (!newest)
        return newest.error();
    if (!newest->next())
        return refused(QStringLiteral("no code was sent to this number; request one first"));
    const QString codeId = newest->value(0).toString();
    const QByteArray storedHash = newest->value(1).toString().toLatin1();
    const QString state = newest->value(2).toString();
    const int attempts = newest->value(3).toInt();
    const qint64 expiresAtMs = newest->value(4).toLongLong();
    const qint64 now = m_clock.nowMs();
    if (state == QLatin1String("used"))
        return refused(QStringLiteral("this code was already used; request a new one"));
    if (attempts >= m_limits.maxAttempts)
        return makeError(ErrorCode::RateLimited, QStringLiteral("too many wrong codes; request a new one"));
    if (state == QLatin1String("dead"))
        return refused(QStringLiteral("this code cannot be used (it was not delivered); request a new one"));
    if (expiresAtMs <= now)
        return refused(QStringLiteral("the code has expired; request a new one"));

    // Count the try first, atomically: concurrent tries cannot exceed the limit between them.
    auto counted = m_database.exec(
        QStringLiteral("UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ? AND state IN ('pending', 'sent') "
                       "AND attempts < ? AND expires_at_ms > ? RETURNING attempts"),
        {codeId, m_limits.maxAttempts, now});
    if (!counted)
        return counted.error();
    if (!counted->next())
        return refused(QStringLiteral("this code cannot be used any more; request a new one"));
    const int tries = counted->value(0).toInt();

    const QByteArray given = codeHash(codeId, code).toLatin1();
    if (given.size() == storedHash.size() &&
        sodium_memcmp(given.constData(), storedHash.constData(), size_t(given.size())) == 0) {
        auto used = m_database.exec(QStringLiteral("UPDATE sms_codes SET state = 'used', used_at_ms = ? WHERE id = ? "
                                                   "AND state IN ('pending', 'sent')"),
                                    {now, codeId});
        if (!used)
            return used.error();
        if (used->numRowsAffected() != 1) // another request used it at the same moment
            return refused(QStringLiteral("this code was already used; request a new one"));
        return {};
    }
    const int left = m_limits.maxAttempts - tries;
    if (left <= 0) {
        auto dead = m_database.exec(QStringLiteral("UPDATE sms_codes SET state = 'dead' WHERE id = ?"), {codeId});
        if (!dead)
            return dead.error();
        return makeError(ErrorCode::RateLimited, QStringLiteral("wrong code, and no tries left; request a new one"));
    }
    return refused(QStringLiteral("wrong code; %1 tries left").arg(left));
}

} // namespace xd::server
