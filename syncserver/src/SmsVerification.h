#pragma once

#include "SmsProvider.h"
#include "xiaodian/Result.h"

#include <QString>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

// The limits of SmsVerification (below); tests shorten them.
struct SmsCodeLimits
{
    qint64 codeLifetimeMs = 5 * 60'000;
    int maxAttempts = 5;
    qint64 phoneIntervalMs = 60'000;
    int phoneDaily = 10;
    int ipHourly = 20;
};

// SMS verification codes and their rate limits (docs/customers.md, "SMS"), all state in the database so that
// several servers agree. A code is 6 digits from the system CSPRNG, stored only as a SHA-256 of its id and
// digits, valid for Limits::codeLifetimeMs, used at most once, and dead after Limits::maxAttempts wrong tries or
// when a newer code for the same subject (shop, phone, purpose, customer) is issued. Sending is limited per phone
// (one per phoneIntervalMs, phoneDaily per 24 h) and per client address (ipHourly per hour), counted over
// sms_sends across all shops: the SMS account and its abusers do not respect shop boundaries.
class SmsVerification
{
public:
    using Limits = SmsCodeLimits;
    // What issue() produced: the code to send (never stored in clear) and the rows to finish with the answer.
    struct Issued
    {
        QString codeId;
        QString sendId;
        QString code;
        qint64 expiresAtMs = 0;
    };
    struct Subject
    {
        QString shopId;
        QString customerId;
        QString phone; // normalised, 11 digits
        QString purpose = QStringLiteral("bind_phone");
    };

    SmsVerification(const db::Database& database, const Clock& clock, Limits limits = {});

    // In its own write transaction: checks the rate limits (RateLimited with a message saying when to retry, and
    // that delay in *retryAfterMs), retires the subject's older codes, stores a new pending code and the pending
    // sms_sends row. `clientIp` '' skips the per-address limit (no address known).
    Result<Issued> issue(const Subject& subject,
                         const QString& clientIp,
                         const QString& provider,
                         const QString& templateCode,
                         qint64* retryAfterMs = nullptr) const;
    // In its own write transaction: the provider's answer. A failure makes the code dead (it never arrived).
    Status recordSend(const Issued& issued, const Result<SmsProvider::Sent>& answer) const;
    // INSIDE the caller's write transaction: checks `code` against the subject's newest code and uses it up.
    // Every well-formed try is counted even when refused, so the caller COMMITS in both cases (writing its own
    // changes only on success). InvalidArgument for a malformed, wrong, expired or spent code; RateLimited once
    // the tries are exhausted.
    Status consume(const Subject& subject, const QString& code) const;

    const Limits& limits() const { return m_limits; }
    // Six decimal digits, uniformly from the system CSPRNG.
    static QString generateCode();

private:
    Status checkLimits(const QString& phone, const QString& clientIp, qint64* retryAfterMs) const;
    // When the `limit`-th newest send in (now - windowMs, now] leaves the window; 0 when under the limit.
    Result<qint64> retryAfter(const QString& column, const QString& value, qint64 windowMs, int limit) const;

    const db::Database& m_database;
    const Clock& m_clock;
    Limits m_limits;
};

} // namespace xd::server
