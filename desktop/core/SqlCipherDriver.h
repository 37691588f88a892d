#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QString>

struct sqlite3;

namespace xd {

class SqlCipherResult;

// A QSqlDriver over SQLCipher's C API, registered as "QSQLCIPHER", so the encrypted desktop cache is used through
// QSqlDatabase/QSqlQuery like any other database. Qt's QSQLITE must never share the process: both libraries export
// the same sqlite3_* symbols and whichever loads first wins, silently (see docs/cache-encryption.md).
//
// Opening: the database name is the file path. Exactly one key source is required, so an unencrypted file is never
// created by accident:
//   QSQLCIPHER_KEY=<64 hex digits>     a raw 32-byte key, applied as x'...' (no key derivation)
//   QSQLCIPHER_PASSPHRASE=<text>       a passphrase without ';' (derived by SQLCipher's PBKDF2)
//   QSqlDatabase::setPassword(text)    a passphrase with any characters
// Further connect options (separated by ';'):
//   QSQLCIPHER_BUSY_TIMEOUT=<ms>       how long to wait for another connection's lock (default 5000)
//   QSQLCIPHER_CREATE=0                fail if the file does not exist instead of creating it
// Unknown options are an error: a mistyped option must not silently weaken how the cache is opened.
class SqlCipherDriver final : public QSqlDriver
{
    Q_OBJECT

public:
    explicit SqlCipherDriver(QObject* parent = nullptr);
    ~SqlCipherDriver() override;
    Q_DISABLE_COPY_MOVE(SqlCipherDriver)

    static constexpr const char* driverName = "QSQLCIPHER";
    static constexpr int rawKeySize = 32;

    // Makes "QSQLCIPHER" available to QSqlDatabase::addDatabase(). Safe to call more than once, from any thread.
    static void registerDriver();
    // "QSQLCIPHER_KEY=<hex>" for setConnectOptions(); empty if rawKey is not rawKeySize bytes.
    static QString rawKeyOption(const QByteArray& rawKey);
    // True when an open() failed because the key does not decrypt the file (or it is not a SQLCipher file).
    static bool isWrongKeyError(const QSqlError& error);
    // True when an open() failed at the file level: missing (QSQLCIPHER_CREATE=0), unreadable, read-only, disk full.
    static bool isFileError(const QSqlError& error);
    // Version of the SQLite library this driver is linked against (sqlite3_libversion()).
    static QString sqliteLibraryVersion();

    // Re-encrypts the open database of `db` (which must use this driver) with a new key. On failure the old key stays.
    static bool rekey(QSqlDatabase& db, const QByteArray& newRawKey);
    static bool rekeyWithPassphrase(QSqlDatabase& db, const QString& newPassphrase);
    bool rekey(const QByteArray& newRawKey);
    bool rekeyWithPassphrase(const QString& newPassphrase);

    // What `PRAGMA cipher_version` reported on open, e.g. "3.4.1"; empty when closed.
    QString cipherVersion() const;
    // 3 when a SQLCipher 4 library opened a 3.x-format file through `PRAGMA cipher_compatibility = 3`, else 0.
    int cipherCompatibility() const;

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString& db,
              const QString& user,
              const QString& password,
              const QString& host,
              int port,
              const QString& connectOptions) override;
    void close() override;
    QSqlResult* createResult() const override;

    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString& tableName) const override;
    QSqlIndex primaryIndex(const QString& tableName) const override;
    QString escapeIdentifier(const QString& identifier, IdentifierType type) const override;
    QString formatValue(const QSqlField& field, bool trimStrings) const override;

    // For SqlCipherResult: the connection handle (null when closed) and the bookkeeping that lets close() finalize
    // statements of queries that outlive the connection.
    sqlite3* connection() const { return m_db; }
    void attachResult(SqlCipherResult* result) const;
    void detachResult(SqlCipherResult* result) const;

private:
    bool failOpen(const QString& message, const QString& databaseText, int sqliteCode);
    bool execute(const char* sql, QSqlError::ErrorType errorType);
    bool applyRekey(const QByteArray& keyMaterial);
    // Runs `sql` and returns the rows' columns as text; false on failure. For the const catalogue functions.
    bool selectRows(const QString& sql, QList<QStringList>* rows) const;

    sqlite3* m_db = nullptr;
    QString m_cipherVersion;
    int m_cipherCompatibility = 0;
    // Results created by this driver that are still alive. mutable: createResult() is const in QSqlDriver's API.
    mutable QList<SqlCipherResult*> m_results;
};

} // namespace xd
