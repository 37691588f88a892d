#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace xd {

// The desktop's encrypted cache file: one QSqlDatabase connection of its own, through the "QSQLCIPHER" driver.
// Schema and data live in the layers above; this class opens, proves and closes the encrypted file.
//
// Ownership: the connection is removed from QSqlDatabase's registry when this object closes. Callers may run
// QSqlQuery on database() but must not keep QSqlDatabase copies beyond close(); queries that do outlive it become
// inactive (their statements are finalized by the driver), they do not crash.
class CacheDatabase
{
    Q_DECLARE_TR_FUNCTIONS(CacheDatabase)

public:
    enum class CreateMode { CreateIfMissing, MustExist };

    CacheDatabase();
    ~CacheDatabase();
    Q_DISABLE_COPY_MOVE(CacheDatabase)

    // A new raw key: 32 bytes from the system's cryptographically secure generator.
    static QByteArray generateKey();

    // Opens (or creates) the cache at `path` with a raw 32-byte key. Errors: WrongKey when the key does not decrypt the
    // file (or it is not a SQLCipher file), Io when the file is missing (MustExist) or unreadable, InvalidArgument for
    // a malformed key, Database otherwise.
    Status open(const QString& path, const QByteArray& rawKey, CreateMode mode = CreateMode::CreateIfMissing);
    // The same with a passphrase, for machines without a keychain.
    Status
    openWithPassphrase(const QString& path, const QString& passphrase, CreateMode mode = CreateMode::CreateIfMissing);
    void close();
    bool isOpen() const;

    // Re-encrypts the whole file with a new raw key; on failure the old key still opens it.
    Status rekey(const QByteArray& newRawKey);

    // "3.4.1" on Debian 12; "4.x.y community" with SQLCipher 4.
    QString cipherVersion() const;
    // The SQLite inside SQLCipher, from `SELECT sqlite_version()`: "3.15.2" on Debian 12.
    QString sqliteVersion() const;
    QString path() const;
    QString connectionName() const;
    // The open connection, or an invalid QSqlDatabase when closed.
    QSqlDatabase database() const;

private:
    Status openConnection(const QString& path, const QString& connectOptions, const QString& passphrase);

    QString m_connectionName;
    QString m_path;
};

} // namespace xd
