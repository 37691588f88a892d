#include "SqlCipherDriver.h"

#include "SqlCipherResult.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriverCreator>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlRecord>

#include <algorithm>
#include <mutex>
#include <sqlite3.h>

namespace xd {

namespace {

const auto keyOption = QLatin1String("QSQLCIPHER_KEY");
const auto passphraseOption = QLatin1String("QSQLCIPHER_PASSPHRASE");
const auto busyTimeoutOption = QLatin1String("QSQLCIPHER_BUSY_TIMEOUT");
const auto createOption = QLatin1String("QSQLCIPHER_CREATE");

struct ConnectOptions
{
    QByteArray keyMaterial; // what sqlite3_key() gets: "x'<hex>'" for a raw key, UTF-8 for a passphrase
    int keySources = 0;
    int busyTimeoutMs = 5000;
    bool create = true;
    QString error;
};

bool isHex(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    });
}

// SQLCipher recognises the exact form x'<64 hex digits>' as a raw key and then skips PBKDF2.
QByteArray rawKeyMaterial(const QByteArray& rawKey)
{
    return "x'" + rawKey.toHex() + '\'';
}

ConnectOptions parseConnectOptions(const QString& text, const QString& password)
{
    ConnectOptions options;
    if (!password.isEmpty()) {
        options.keyMaterial = password.toUtf8();
        ++options.keySources;
    }
    const QStringList parts = text.split(u';', Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        if (part.trimmed().isEmpty())
            continue;
        const qsizetype equals = part.indexOf(u'=');
        const QString name = part.left(equals).trimmed();
        // The passphrase is taken verbatim (spaces are part of it); other values are trimmed.
        const QString rawValue = equals < 0 ? QString() : part.mid(equals + 1);
        const QString value = rawValue.trimmed();
        if (name == keyOption) {
            if (value.size() != 2 * SqlCipherDriver::rawKeySize || !isHex(value)) {
                options.error = SqlCipherDriver::tr("%1 must be %2 hexadecimal digits")
                                    .arg(keyOption)
                                    .arg(2 * SqlCipherDriver::rawKeySize);
                return options;
            }
            options.keyMaterial = rawKeyMaterial(QByteArray::fromHex(value.toLatin1()));
            ++options.keySources;
        } else if (name == passphraseOption) {
            if (rawValue.isEmpty()) {
                options.error = SqlCipherDriver::tr("%1 must not be empty").arg(passphraseOption);
                return options;
            }
            options.keyMaterial = rawValue.toUtf8();
            ++options.keySources;
        } else if (name == busyTimeoutOption) {
            bool ok = false;
            options.busyTimeoutMs = value.toInt(&ok);
            if (!ok || options.busyTimeoutMs < 0) {
                options.error = SqlCipherDriver::tr("%1 must be a number of milliseconds").arg(busyTimeoutOption);
                return options;
            }
        } else if (name == createOption) {
            if (value != QLatin1String("0") && value != QLatin1String("1")) {
                options.error = SqlCipherDriver::tr("%1 must be 0 or 1").arg(createOption);
                return options;
            }
            options.create = value == QLatin1String("1");
        } else {
            options.error = SqlCipherDriver::tr("Unknown connect option \"%1\"").arg(name);
            return options;
        }
    }
    if (options.keySources == 0)
        options.error = SqlCipherDriver::tr("No key given: set %1, %2 or a password").arg(keyOption, passphraseOption);
    else if (options.keySources > 1)
        options.error =
            SqlCipherDriver::tr("Give exactly one of %1, %2 or a password").arg(keyOption, passphraseOption);
    return options;
}

// Prepares and steps `sql` once. Returns SQLITE_ROW (with the first column in *text), SQLITE_DONE or an error code.
int stepOnce(sqlite3* db, const char* sql, QString* text = nullptr)
{
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK && stmt) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW && text)
            *text = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    return rc;
}

bool isErrorCode(int rc)
{
    return rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE;
}

// A connection that is open, keyed and proven to decrypt the file -- or the reason it is not.
struct Connection
{
    sqlite3* db = nullptr;
    QString cipherVersion;
    int rc = SQLITE_OK;
    QString message;
    QString databaseText;
};

void closeConnection(Connection& connection)
{
    sqlite3_close_v2(connection.db);
    connection.db = nullptr;
}

Connection openKeyedConnection(const QString& path, const ConnectOptions& options, bool compatibility3)
{
    Connection c;
    const int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
    // SQLite takes UTF-8 file names on every platform (on Windows it converts them to UTF-16 itself).
    c.rc = sqlite3_open_v2(path.toUtf8().constData(), &c.db, flags, nullptr);
    if (c.rc != SQLITE_OK) {
        c.message = SqlCipherDriver::tr("Unable to open the database file");
        c.databaseText = c.db ? QString::fromUtf8(sqlite3_errmsg(c.db)) : QString::fromUtf8(sqlite3_errstr(c.rc));
        closeConnection(c);
        return c;
    }
    sqlite3_extended_result_codes(c.db, 1);
    sqlite3_busy_timeout(c.db, options.busyTimeoutMs);

    c.rc = sqlite3_key(c.db, options.keyMaterial.constData(), int(options.keyMaterial.size()));
    if (c.rc != SQLITE_OK) {
        c.message = SqlCipherDriver::tr("Unable to set the key");
        c.databaseText = QString::fromUtf8(sqlite3_errmsg(c.db));
        closeConnection(c);
        return c;
    }

    // Only SQLCipher knows this pragma. Plain SQLite answers with no row -- then pages would be written in the clear.
    if (stepOnce(c.db, "PRAGMA cipher_version", &c.cipherVersion) != SQLITE_ROW || c.cipherVersion.isEmpty()) {
        c.rc = SQLITE_MISUSE;
        c.message = SqlCipherDriver::tr("The SQLite library in use has no encryption (PRAGMA cipher_version gave no "
                                        "row); refusing to open the cache unencrypted");
        closeConnection(c);
        return c;
    }

    if (compatibility3) {
        // SQLCipher 4 reading a file written by SQLCipher 3 (1 KiB pages, SHA1 HMAC, 64,000 PBKDF2 iterations).
        c.rc = stepOnce(c.db, "PRAGMA cipher_compatibility = 3");
        if (isErrorCode(c.rc)) {
            c.message = SqlCipherDriver::tr("Unable to select SQLCipher 3 compatibility");
            c.databaseText = QString::fromUtf8(sqlite3_errmsg(c.db));
            closeConnection(c);
            return c;
        }
    }

    // Keys are checked lazily on the first page read; this read forces it. A wrong key fails the HMAC of page 1 and
    // SQLite reports SQLITE_NOTADB. Nothing has been written yet, so a failure leaves the file as it was.
    c.rc = stepOnce(c.db, "SELECT count(*) FROM sqlite_master");
    if (c.rc != SQLITE_ROW) {
        if ((c.rc & 0xff) == SQLITE_NOTADB) {
            c.rc = SQLITE_NOTADB;
            c.message = SqlCipherDriver::tr("Wrong key or not a SQLCipher database");
        } else {
            c.message = SqlCipherDriver::tr("Unable to read the database");
        }
        c.databaseText = QString::fromUtf8(sqlite3_errmsg(c.db));
        closeConnection(c);
        return c;
    }
    c.rc = SQLITE_OK;
    return c;
}

} // namespace

SqlCipherDriver::SqlCipherDriver(QObject* parent) : QSqlDriver(parent) {}

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

void SqlCipherDriver::registerDriver()
{
    static std::once_flag once;
    std::call_once(once, [] {
        QSqlDatabase::registerSqlDriver(QLatin1String(driverName), new QSqlDriverCreator<SqlCipherDriver>);
    });
}

QString SqlCipherDriver::rawKeyOption(const QByteArray& rawKey)
{
    if (rawKey.size() != rawKeySize)
        return QString();
    return keyOption + u'=' + QString::fromLatin1(rawKey.toHex());
}

bool SqlCipherDriver::isWrongKeyError(const QSqlError& error)
{
    return error.type() == QSqlError::ConnectionError && error.nativeErrorCode() == QString::number(SQLITE_NOTADB);
}

bool SqlCipherDriver::isFileError(const QSqlError& error)
{
    if (error.type() != QSqlError::ConnectionError)
        return false;
    bool ok = false;
    const int primary = error.nativeErrorCode().toInt(&ok) & 0xff;
    return ok && (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_PERM ||
                  primary == SQLITE_READONLY || primary == SQLITE_FULL);
}

QString SqlCipherDriver::sqliteLibraryVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

QString SqlCipherDriver::cipherVersion() const
{
    return m_cipherVersion;
}

int SqlCipherDriver::cipherCompatibility() const
{
    return m_cipherCompatibility;
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case LastInsertId:
    case SimpleLocking:
    case LowPrecisionNumbers:
    case FinishQuery:
        return true;
    case QuerySize:
    // QSqlResult rewrites :name to '?' and maps the names itself; one binding path is simpler to get right.
    case NamedPlaceholders:
    // QSqlResult::execBatch() emulates batches with repeated exec() of the prepared statement, which is what
    // SQLite would do anyway.
    case BatchOperations:
    case EventNotifications:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

bool SqlCipherDriver::failOpen(const QString& message, const QString& databaseText, int sqliteCode)
{
    setLastError(QSqlError(message, databaseText, QSqlError::ConnectionError, QString::number(sqliteCode)));
    setOpenError(true);
    return false;
}

bool SqlCipherDriver::open(const QString& db,
                           const QString& user,
                           const QString& password,
                           const QString& host,
                           int port,
                           const QString& connectOptions)
{
    Q_UNUSED(user)
    Q_UNUSED(host)
    Q_UNUSED(port)
    if (isOpen())
        close();

    ConnectOptions options = parseConnectOptions(connectOptions, password);
    if (!options.error.isEmpty())
        return failOpen(options.error, QString(), SQLITE_MISUSE);

    const bool inMemory = db.isEmpty() || db == QLatin1String(":memory:");
    const bool existed = !inMemory && QFileInfo::exists(db);
    if (!inMemory && !existed && !options.create)
        return failOpen(tr("The database file does not exist: %1").arg(db), QString(), SQLITE_CANTOPEN);

    Connection connection = openKeyedConnection(db, options, false);
    // SQLCipher 4 cannot read SQLCipher 3 files with its defaults; its 3.x compatibility mode can. Only reached by the
    // Windows/macOS builds: Debian's libsqlcipher is 3.4.1.
    if (connection.rc == SQLITE_NOTADB && connection.cipherVersion.startsWith(QLatin1String("4."))) {
        Connection compatible = openKeyedConnection(db, options, true);
        if (compatible.rc == SQLITE_OK) {
            connection = compatible;
            m_cipherCompatibility = 3;
        }
    }
    options.keyMaterial.fill('\0');

    if (connection.rc != SQLITE_OK) {
        // Opening may have created an empty file; do not leave it behind for a connection that never opened.
        if (!inMemory && !existed && QFileInfo(db).size() == 0)
            QFile::remove(db);
        return failOpen(connection.message, connection.databaseText, connection.rc);
    }

    m_db = connection.db;
    if (!execute("PRAGMA foreign_keys = ON", QSqlError::ConnectionError)) {
        const QSqlError error = lastError();
        close();
        setLastError(error);
        setOpenError(true);
        return false;
    }
    m_cipherVersion = connection.cipherVersion;
    setOpen(true);
    setOpenError(false);
    return true;
}

void SqlCipherDriver::close()
{
    // Queries may outlive the connection; their statements must be finalized before the handle goes away.
    for (SqlCipherResult* result : std::as_const(m_results))
        result->detachFromConnection();
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    m_cipherVersion.clear();
    m_cipherCompatibility = 0;
    if (isOpen()) {
        setOpen(false);
        setOpenError(false);
    }
}

QSqlResult* SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

void SqlCipherDriver::attachResult(SqlCipherResult* result) const
{
    m_results.append(result);
}

void SqlCipherDriver::detachResult(SqlCipherResult* result) const
{
    m_results.removeOne(result);
}

bool SqlCipherDriver::execute(const char* sql, QSqlError::ErrorType errorType)
{
    if (!m_db) {
        setLastError(QSqlError(tr("The database connection is closed"), QString(), errorType));
        return false;
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        setLastError(QSqlError(tr("Unable to execute \"%1\"").arg(QString::fromUtf8(sql)),
                               QString::fromUtf8(message ? message : sqlite3_errstr(rc)),
                               errorType,
                               QString::number(rc)));
        sqlite3_free(message);
        return false;
    }
    return true;
}

bool SqlCipherDriver::beginTransaction()
{
    // IMMEDIATE takes the write lock at once, so two writers queue on the busy timeout instead of one failing with
    // SQLITE_BUSY when it upgrades a read lock (the same choice as the shared Dialect::beginWrite()).
    return execute("BEGIN IMMEDIATE", QSqlError::TransactionError);
}

bool SqlCipherDriver::commitTransaction()
{
    return execute("COMMIT", QSqlError::TransactionError);
}

bool SqlCipherDriver::rollbackTransaction()
{
    return execute("ROLLBACK", QSqlError::TransactionError);
}

bool SqlCipherDriver::rekey(QSqlDatabase& db, const QByteArray& newRawKey)
{
    auto* driver = qobject_cast<SqlCipherDriver*>(db.driver());
    return driver && driver->rekey(newRawKey);
}

bool SqlCipherDriver::rekeyWithPassphrase(QSqlDatabase& db, const QString& newPassphrase)
{
    auto* driver = qobject_cast<SqlCipherDriver*>(db.driver());
    return driver && driver->rekeyWithPassphrase(newPassphrase);
}

bool SqlCipherDriver::rekey(const QByteArray& newRawKey)
{
    if (newRawKey.size() != rawKeySize) {
        setLastError(QSqlError(tr("A raw key must be %1 bytes").arg(rawKeySize),
                               QString(),
                               QSqlError::UnknownError,
                               QString::number(SQLITE_MISUSE)));
        return false;
    }
    QByteArray material = rawKeyMaterial(newRawKey);
    const bool ok = applyRekey(material);
    material.fill('\0');
    return ok;
}

bool SqlCipherDriver::rekeyWithPassphrase(const QString& newPassphrase)
{
    if (newPassphrase.isEmpty()) {
        setLastError(QSqlError(tr("The passphrase must not be empty"),
                               QString(),
                               QSqlError::UnknownError,
                               QString::number(SQLITE_MISUSE)));
        return false;
    }
    QByteArray material = newPassphrase.toUtf8();
    const bool ok = applyRekey(material);
    material.fill('\0');
    return ok;
}

bool SqlCipherDriver::applyRekey(const QByteArray& keyMaterial)
{
    if (!m_db) {
        setLastError(QSqlError(tr("The database connection is closed"), QString(), QSqlError::ConnectionError));
        return false;
    }
    if (!sqlite3_get_autocommit(m_db)) {
        // sqlite3_rekey() rewrites every page in a transaction of its own.
        setLastError(QSqlError(tr("Cannot change the key inside a transaction"),
                               QString(),
                               QSqlError::TransactionError,
                               QString::number(SQLITE_MISUSE)));
        return false;
    }
    const int rc = sqlite3_rekey(m_db, keyMaterial.constData(), int(keyMaterial.size()));
    // SQLCipher 3 reports some failures only through the connection's error state, so read the file back as well.
    const int check = rc == SQLITE_OK ? stepOnce(m_db, "SELECT count(*) FROM sqlite_master") : rc;
    if (check != SQLITE_ROW) {
        setLastError(QSqlError(tr("Unable to change the key"),
                               QString::fromUtf8(sqlite3_errmsg(m_db)),
                               QSqlError::UnknownError,
                               QString::number(check)));
        return false;
    }
    return true;
}

bool SqlCipherDriver::selectRows(const QString& sql, QList<QStringList>* rows) const
{
    if (!m_db)
        return false;
    sqlite3_stmt* stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()) + 1, &stmt, nullptr) != SQLITE_OK || !stmt) {
        sqlite3_finalize(stmt);
        return false;
    }
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        QStringList row;
        for (int column = 0; column < sqlite3_column_count(stmt); ++column) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
            row.append(text ? QString::fromUtf8(text) : QString());
        }
        rows->append(row);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList filters;
    if (type & QSql::Tables)
        filters.append(QStringLiteral("(type = 'table' AND substr(name, 1, 7) <> 'sqlite_')"));
    if (type & QSql::Views)
        filters.append(QStringLiteral("type = 'view'"));
    if (type & QSql::SystemTables)
        filters.append(QStringLiteral("(type = 'table' AND substr(name, 1, 7) = 'sqlite_')"));

    QStringList names;
    if (!m_db || filters.isEmpty())
        return names;
    QList<QStringList> rows;
    selectRows(QStringLiteral("SELECT name FROM sqlite_master WHERE %1 ORDER BY name").arg(filters.join(u" OR ")),
               &rows);
    for (const QStringList& row : std::as_const(rows))
        names.append(row.constFirst());
    // The catalogue does not list itself.
    if (type & QSql::SystemTables)
        names.append(QStringLiteral("sqlite_master"));
    return names;
}

QSqlRecord SqlCipherDriver::record(const QString& tableName) const
{
    QSqlRecord result;
    QList<QStringList> rows;
    // table_info columns: cid, name, type, notnull, dflt_value, pk
    if (!selectRows(QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName)), &rows))
        return result;
    int primaryKeyColumns = 0;
    for (const QStringList& row : std::as_const(rows))
        primaryKeyColumns += row.at(5).toInt() > 0 ? 1 : 0;
    const QString table = stripDelimiters(tableName, TableName);
    for (const QStringList& row : std::as_const(rows)) {
        QSqlField field(row.at(1), SqlCipherResult::metaTypeForDeclaredType(row.at(2)), table);
        field.setRequiredStatus(row.at(3).toInt() != 0 ? QSqlField::Required : QSqlField::Optional);
        if (!row.at(4).isNull())
            field.setDefaultValue(row.at(4));
        // Only a single INTEGER PRIMARY KEY column is an alias of the rowid, filled in by SQLite.
        field.setAutoValue(primaryKeyColumns == 1 && row.at(5).toInt() > 0 &&
                           row.at(2).compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0);
        result.append(field);
    }
    return result;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString& tableName) const
{
    const QString table = stripDelimiters(tableName, TableName);
    QSqlIndex index(table);
    QList<QStringList> rows;
    if (!selectRows(QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName)), &rows))
        return index;
    QList<QStringList> keyColumns;
    for (const QStringList& row : std::as_const(rows)) {
        if (row.at(5).toInt() > 0)
            keyColumns.append(row);
    }
    std::sort(keyColumns.begin(), keyColumns.end(), [](const QStringList& a, const QStringList& b) {
        return a.at(5).toInt() < b.at(5).toInt();
    });
    for (const QStringList& row : std::as_const(keyColumns))
        index.append(QSqlField(row.at(1), SqlCipherResult::metaTypeForDeclaredType(row.at(2)), table));
    if (!index.isEmpty())
        index.setName(QStringLiteral("sqlite_autoindex_%1").arg(table));
    return index;
}

QString SqlCipherDriver::escapeIdentifier(const QString& identifier, IdentifierType type) const
{
    if (identifier.isEmpty() || isIdentifierEscaped(identifier, type))
        return identifier;
    QString escaped = identifier;
    escaped.replace(u'"', QLatin1String("\"\""));
    return u'"' + escaped + u'"';
}

QString SqlCipherDriver::formatValue(const QSqlField& field, bool trimStrings) const
{
    if (field.isNull())
        return QSqlDriver::formatValue(field, trimStrings);
    switch (field.metaType().id()) {
    case QMetaType::QByteArray:
        return QLatin1String("X'") + QString::fromLatin1(field.value().toByteArray().toHex()) + u'\'';
    case QMetaType::Bool:
        return field.value().toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case QMetaType::QDateTime: {
        // The same ISO form the prepared path binds, so both kinds of statement compare equal.
        const QDateTime value = field.value().toDateTime();
        return value.isValid() ? u'\'' + value.toString(Qt::ISODateWithMs) + u'\'' : QStringLiteral("NULL");
    }
    default:
        return QSqlDriver::formatValue(field, trimStrings);
    }
}

} // namespace xd
