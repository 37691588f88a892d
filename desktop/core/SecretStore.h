#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace xd {

// Where the desktop keeps its secrets: the cache key (32 random bytes) and the session token, per account.
// Reads and writes are asynchronous (the OS keychain may ask the user); `done` runs on the caller's thread, either
// before the call returns or later from the event loop, so callers must handle both.
// Errors: NotFound for a missing entry; Unavailable when there is no keychain (headless Linux without a Secret
// Service) — the caller then offers a passphrase instead.
class SecretStore
{
public:
    using ReadCallback = std::function<void(Result<QByteArray>)>;
    using WriteCallback = std::function<void(Status)>;

    virtual ~SecretStore() = default;

    virtual void read(const QString& key, ReadCallback done) = 0;
    virtual void write(const QString& key, const QByteArray& secret, WriteCallback done) = 0;
    virtual void remove(const QString& key, WriteCallback done) = 0;

    // Key names: "cache-key:<account>" and "token:<account>".
    static QString cacheKeyName(const QString& accountId);
    static QString tokenName(const QString& accountId);
};

} // namespace xd
