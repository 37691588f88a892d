#pragma once

#include "SecretStore.h"
#include "xiaodian/Result.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace xd {

class CacheDatabase;

// Finds and opens the encrypted cache of one account (server, shop, staff member): one file per account under
// QStandardPaths::AppLocalDataLocation (or a directory given for tests), named after AccountSession::accountId().
//
// The key is 32 random bytes kept in the SecretStore as "cache-key:<account>". A cache whose key is lost (no entry,
// or the entry no longer decrypts the file) is wiped and created afresh, to be re-synced — unless it still holds
// operations the server has not acknowledged (or rejected ones the user has not seen): those are never dropped
// silently. Then opening fails with ErrorCode::Conflict (PendingOperationsAtRisk) and the GUI asks the user, who may
// find the key or passphrase, or open again with LostKeyPolicy::DiscardPendingOperations.
// Whether the outbox is empty is known without the key from a marker file beside the cache (see CacheStore).
//
// Where no keychain works, openWithPassphrase() opens (or creates) the cache with a passphrase the user chose.
class CacheLocator
{
    Q_DECLARE_TR_FUNCTIONS(CacheLocator)

public:
    enum class Outcome {
        Opened,    // an existing cache
        Created,   // a new, empty cache: sync from scratch
        Recreated, // the old cache was unreadable and has been wiped: sync from scratch
    };
    enum class LostKeyPolicy { KeepPendingOperations, DiscardPendingOperations };
    // The error code that means "the key is lost and unsynced operations would be dropped".
    static constexpr ErrorCode PendingOperationsAtRisk = ErrorCode::Conflict;

    // `directory` empty: QStandardPaths::AppLocalDataLocation + "/caches".
    explicit CacheLocator(SecretStore& secrets, QString directory = {});

    QString directory() const { return m_directory; }
    QString cachePath(const QString& accountId) const;
    QString outboxMarkerPath(const QString& accountId) const;
    bool exists(const QString& accountId) const;
    // True when the cache was created with a passphrase (then openWithKeychain() refuses with WrongKey).
    bool usesPassphrase(const QString& accountId) const;
    // True when the cache (readable or not) holds operations not yet acknowledged, or rejected ones not discarded.
    bool hasUnsyncedOperations(const QString& accountId) const;

    // Opens `cache` with the key from the SecretStore, creating the key and the cache on first use. `cache` and
    // this locator must outlive the callback. Errors: Unavailable (no keychain: use a passphrase),
    // PendingOperationsAtRisk (see above), or what CacheDatabase::open reports.
    void openWithKeychain(CacheDatabase& cache,
                          const QString& accountId,
                          LostKeyPolicy policy,
                          std::function<void(Result<Outcome>)> done);
    // Opens or creates the cache with a passphrase. A wrong passphrase is WrongKey and changes nothing (it is more
    // likely a typo than a lost key); starting over is wipe().
    Result<Outcome> openWithPassphrase(CacheDatabase& cache, const QString& accountId, const QString& passphrase);

    // Deletes the cache file and its marker. PendingOperationsAtRisk when it holds unsynced operations and `policy`
    // keeps them.
    Status wipe(const QString& accountId, LostKeyPolicy policy);

private:
    QString passphraseMarkerPath(const QString& accountId) const;
    void createFresh(CacheDatabase& cache,
                     const QString& accountId,
                     Outcome outcome,
                     std::function<void(Result<Outcome>)> done);
    void handleLostKey(CacheDatabase& cache,
                       const QString& accountId,
                       LostKeyPolicy policy,
                       std::function<void(Result<Outcome>)> done);

    SecretStore& m_secrets;
    QString m_directory;
};

} // namespace xd
