#include "CacheDatabase.h"

#include "SqlCipherDriver.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <array>
#include <atomic>
#include <cstring>

namespace xd {

namespace {

QString connectOptions(const QString& keyOption, CacheDatabase::CreateMode mode)
{
    QStringList options;
    if (!keyOption.isEmpty())
        options.append(keyOption);
    if (mode == CacheDatabase::CreateMode::MustExist)
        options.append(QStringLiteral("QSQLCIPHER_CREATE=0"));
    return options.join(u';');
}

} // namespace

CacheDatabase::CacheDatabase() = default;

CacheDatabase::~CacheDatabase()
{
    close();
}

QByteArray CacheDatabase::generateKey()
{
    std::array<quint32, SqlCipherDriver::rawKeySize / sizeof(quint32)> words{};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    QByteArray key(SqlCipherDriver::rawKeySize, Qt::Uninitialized);
    std::memcpy(key.data(), words.data(), sizeof(words));
    words.fill(0);
    return key;
}

Status CacheDatabase::open(const QString& path, const QByteArray& rawKey, CreateMode mode)
{
    if (rawKey.size() != SqlCipherDriver::rawKeySize) {
        return makeError(
            ErrorCode::InvalidArgument,
            tr("The cache key must be %1 bytes, not %2").arg(SqlCipherDriver::rawKeySize).arg(rawKey.size()));
    }
    return openConnection(path, connectOptions(SqlCipherDriver::rawKeyOption(rawKey), mode), QString());
}

Status CacheDatabase::openWithPassphrase(const QString& path, const QString& passphrase, CreateMode mode)
{
    if (passphrase.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("The cache passphrase must not be empty"));
    // The passphrase goes in as the password: unlike a connect option it may contain any character, ';' included.
    return openConnection(path, connectOptions(QString(), mode), passphrase);
}

Status CacheDatabase::openConnection(const QString& path, const QString& connectOptions, const QString& passphrase)
{
    close();
    SqlCipherDriver::registerDriver();

    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("xd-cache-%1").arg(++counter);
    QSqlError error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::driverName), name);
        db.setDatabaseName(path);
        db.setConnectOptions(connectOptions);
        db.setPassword(passphrase);
        if (db.open()) {
            m_connectionName = name;
            m_path = path;
            return {};
        }
        error = db.lastError();
    }
    QSqlDatabase::removeDatabase(name);

    const QString where = QDir::toNativeSeparators(path);
    if (SqlCipherDriver::isWrongKeyError(error))
        return makeError(ErrorCode::WrongKey, tr("Cannot decrypt the cache %1: %2").arg(where, error.driverText()));
    const ErrorCode code = SqlCipherDriver::isFileError(error) ? ErrorCode::Io : ErrorCode::Database;
    return makeError(code, tr("Cannot open the cache %1: %2").arg(where, error.text()));
}

void CacheDatabase::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_path.clear();
}

bool CacheDatabase::isOpen() const
{
    return database().isOpen();
}

Status CacheDatabase::rekey(const QByteArray& newRawKey)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return makeError(ErrorCode::Database, tr("The cache is not open"));
    if (newRawKey.size() != SqlCipherDriver::rawKeySize) {
        return makeError(
            ErrorCode::InvalidArgument,
            tr("The cache key must be %1 bytes, not %2").arg(SqlCipherDriver::rawKeySize).arg(newRawKey.size()));
    }
    if (!SqlCipherDriver::rekey(db, newRawKey))
        return makeError(ErrorCode::Database,
                         tr("Cannot change the cache key: %1").arg(db.driver()->lastError().text()));
    return {};
}

QString CacheDatabase::cipherVersion() const
{
    const QSqlDatabase db = database();
    const auto* driver = qobject_cast<const SqlCipherDriver*>(db.driver());
    return driver ? driver->cipherVersion() : QString();
}

QString CacheDatabase::sqliteVersion() const
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return QString();
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT sqlite_version()")) || !query.next())
        return QString();
    return query.value(0).toString();
}

QString CacheDatabase::path() const
{
    return m_path;
}

QString CacheDatabase::connectionName() const
{
    return m_connectionName;
}

QSqlDatabase CacheDatabase::database() const
{
    // An empty name would mean Qt's default connection, which is not ours.
    if (m_connectionName.isEmpty())
        return QSqlDatabase();
    return QSqlDatabase::database(m_connectionName, false);
}

} // namespace xd
