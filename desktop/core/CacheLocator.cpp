#include "CacheLocator.h"

#include "CacheDatabase.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace xd {

namespace {

bool removeCacheFiles(const QString& path)
{
    bool ok = true;
    // SQLCipher 3 uses a rollback journal; the others appear only if someone switched the mode.
    for (const QString& suffix :
         {QString(), QStringLiteral("-journal"), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFile::exists(path + suffix))
            ok = QFile::remove(path + suffix) && ok;
    }
    return ok;
}

} // namespace

CacheLocator::CacheLocator(SecretStore& secrets, QString directory)
    : m_secrets(secrets), m_directory(std::move(directory))
{
    if (m_directory.isEmpty())
        m_directory =
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/caches");
}

QString CacheLocator::cachePath(const QString& accountId) const
{
    return QDir(m_directory).filePath(QStringLiteral("cache-%1.db").arg(accountId));
}

QString CacheLocator::outboxMarkerPath(const QString& accountId) const
{
    return cachePath(accountId) + QStringLiteral(".unsynced");
}

QString CacheLocator::passphraseMarkerPath(const QString& accountId) const
{
    return cachePath(accountId) + QStringLiteral(".passphrase");
}

bool CacheLocator::usesPassphrase(const QString& accountId) const
{
    return QFile::exists(passphraseMarkerPath(accountId));
}

bool CacheLocator::exists(const QString& accountId) const
{
    return QFile::exists(cachePath(accountId));
}

bool CacheLocator::hasUnsyncedOperations(const QString& accountId) const
{
    return QFile::exists(outboxMarkerPath(accountId));
}

Status CacheLocator::wipe(const QString& accountId, LostKeyPolicy policy)
{
    if (policy == LostKeyPolicy::KeepPendingOperations && hasUnsyncedOperations(accountId))
        return makeError(PendingOperationsAtRisk,
                         tr("The local data still holds changes that were never sent to the server."));
    if (!removeCacheFiles(cachePath(accountId)))
        return makeError(ErrorCode::Io, tr("Cannot delete %1.").arg(cachePath(accountId)));
    QFile::remove(outboxMarkerPath(accountId));
    QFile::remove(passphraseMarkerPath(accountId));
    return {};
}

void CacheLocator::openWithKeychain(CacheDatabase& cache,
                                    const QString& accountId,
                                    LostKeyPolicy policy,
                                    std::function<void(Result<Outcome>)> done)
{
    if (!QDir().mkpath(m_directory))
        return done(makeError(ErrorCode::Io, tr("Cannot create the folder %1.").arg(m_directory)));
    if (exists(accountId) && usesPassphrase(accountId))
        return done(makeError(ErrorCode::WrongKey, tr("This local data is protected by a passphrase.")));
    m_secrets.read(SecretStore::cacheKeyName(accountId),
                   [this, &cache, accountId, policy, done = std::move(done)](Result<QByteArray> key) mutable {
                       if (!key) {
                           if (key.error().code != ErrorCode::NotFound)
                               return done(key.error());
                           if (!exists(accountId))
                               return createFresh(cache, accountId, Outcome::Created, std::move(done));
                           return handleLostKey(cache, accountId, policy, std::move(done));
                       }
                       const Status opened = cache.open(cachePath(accountId), *key);
                       if (opened)
                           return done(Outcome::Opened);
                       if (opened.error().code == ErrorCode::WrongKey)
                           return handleLostKey(cache, accountId, policy, std::move(done));
                       done(opened.error());
                   });
}

void CacheLocator::handleLostKey(CacheDatabase& cache,
                                 const QString& accountId,
                                 LostKeyPolicy policy,
                                 std::function<void(Result<Outcome>)> done)
{
    if (policy == LostKeyPolicy::KeepPendingOperations && hasUnsyncedOperations(accountId))
        return done(makeError(PendingOperationsAtRisk,
                              tr("The key of the local data is lost, and it holds changes that were never sent to the "
                                 "server. Starting over would drop them.")));
    if (const Status wiped = wipe(accountId, LostKeyPolicy::DiscardPendingOperations); !wiped)
        return done(wiped.error());
    createFresh(cache, accountId, Outcome::Recreated, std::move(done));
}

void CacheLocator::createFresh(CacheDatabase& cache,
                               const QString& accountId,
                               Outcome outcome,
                               std::function<void(Result<Outcome>)> done)
{
    // The key is stored before the file exists, so there is never a cache whose key was not kept.
    const QByteArray key = CacheDatabase::generateKey();
    m_secrets.write(SecretStore::cacheKeyName(accountId),
                    key,
                    [this, &cache, accountId, key, outcome, done = std::move(done)](Status written) {
                        if (!written)
                            return done(written.error());
                        const Status opened = cache.open(cachePath(accountId), key);
                        if (!opened)
                            return done(opened.error());
                        done(outcome);
                    });
}

Result<CacheLocator::Outcome>
CacheLocator::openWithPassphrase(CacheDatabase& cache, const QString& accountId, const QString& passphrase)
{
    if (!QDir().mkpath(m_directory))
        return makeError(ErrorCode::Io, tr("Cannot create the folder %1.").arg(m_directory));
    const bool existed = exists(accountId);
    const Status opened = cache.openWithPassphrase(cachePath(accountId), passphrase);
    if (!opened)
        return opened.error();
    if (!existed) {
        // Tells openWithKeychain() that a missing keychain entry is not a lost key for this file.
        QFile marker(passphraseMarkerPath(accountId));
        if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            cache.close();
            removeCacheFiles(cachePath(accountId));
            return makeError(ErrorCode::Io, tr("Cannot write %1.").arg(marker.fileName()));
        }
    }
    return existed ? Outcome::Opened : Outcome::Created;
}

} // namespace xd
