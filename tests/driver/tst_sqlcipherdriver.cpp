// Tests of the QSQLCIPHER driver and CacheDatabase against the real libsqlcipher (Debian 12: SQLCipher 3.4.1 on
// SQLite 3.15.2). This executable must never load Qt's QSQLITE plugin; the last test checks that it did not.

#include "CacheDatabase.h"
#include "SqlCipherDriver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QVersionNumber>

#include <limits>
#include <memory>

using xd::CacheDatabase;
using xd::ErrorCode;
using xd::SqlCipherDriver;

namespace {

const QString chineseText = QStringLiteral("经典红茶拿铁");
const QString asciiCanary = QStringLiteral("PLAINTEXT-CANARY-7f3a9c");

QByteArray keyFromByte(char byte)
{
    return QByteArray(SqlCipherDriver::rawKeySize, byte);
}

// One QSqlDatabase connection for the length of a test, removed again at the end. Declare it before any QSqlQuery so
// that the queries are destroyed first; it holds only the connection's name, so removeDatabase() finds no copies.
class ScopedConnection
{
public:
    ScopedConnection(const QString& path, const QString& options, const QString& password = QString())
        : m_name(QStringLiteral("tst-%1").arg(++s_counter))
    {
        SqlCipherDriver::registerDriver();
        QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::driverName), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(options);
        db.setPassword(password);
    }
    ~ScopedConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(ScopedConnection)

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    bool open() const
    {
        QSqlDatabase database = db();
        return database.open();
    }
    QString name() const { return m_name; }

private:
    static inline int s_counter = 0;
    QString m_name;
};

QString keyOptions(const QByteArray& key, const QString& extra = QString())
{
    const QString option = SqlCipherDriver::rawKeyOption(key);
    return extra.isEmpty() ? option : option + u';' + extra;
}

bool exec(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

// Creates items(id, name, price) with the given names; price = 100 * position.
bool createItems(const QSqlDatabase& db, const QStringList& names)
{
    if (!exec(db, QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price INTEGER)")))
        return false;
    QSqlQuery insert(db);
    if (!insert.prepare(QStringLiteral("INSERT INTO items (name, price) VALUES (?, ?)")))
        return false;
    for (qsizetype i = 0; i < names.size(); ++i) {
        insert.bindValue(0, names.at(i));
        insert.bindValue(1, qint64(100 * (i + 1)));
        if (!insert.exec())
            return false;
    }
    return true;
}

QStringList itemNames(const QSqlDatabase& db)
{
    QStringList names;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT name FROM items ORDER BY id")))
        return {QStringLiteral("<query failed: %1>").arg(query.lastError().text())};
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

QByteArray fileHash(const QString& path)
{
    return QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256);
}

QString sqlcipherProgram()
{
    const QString found = QStandardPaths::findExecutable(QStringLiteral("sqlcipher"));
    if (!found.isEmpty())
        return found;
    return QFile::exists(QStringLiteral("/usr/bin/sqlcipher")) ? QStringLiteral("/usr/bin/sqlcipher") : QString();
}

struct CliOutput
{
    bool started = false;
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs Debian's sqlcipher shell on `path` with `script` on stdin.
CliOutput runSqlcipherCli(const QString& path, const QString& script)
{
    CliOutput output;
    QProcess process;
    process.start(sqlcipherProgram(), {path});
    if (!process.waitForStarted(10000))
        return output;
    output.started = true;
    process.write(script.toUtf8());
    process.closeWriteChannel();
    process.waitForFinished(30000);
    output.exitCode = process.exitCode();
    output.out = QString::fromUtf8(process.readAllStandardOutput());
    output.err = QString::fromUtf8(process.readAllStandardError());
    return output;
}

QString cliKeyPragma(const QByteArray& key)
{
    return QStringLiteral("PRAGMA key = \"x'%1'\";\n").arg(QString::fromLatin1(key.toHex()));
}

} // namespace

class tst_SqlCipherDriver : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void registerDriver_isIdempotent();
    void connectOptions_invalid_areRejected_data();
    void connectOptions_invalid_areRejected();
    void generateKey_is32RandomBytes();

    void values_roundTrip_data();
    void values_roundTrip();
    void null_hasDeclaredColumnType_data();
    void null_hasDeclaredColumnType();
    void precisionPolicy_narrowsNumbers();
    void preparedStatement_positional_isReusable();
    void preparedStatement_named_isReusable();
    void execBatch_insertsEveryRow();
    void lastInsertId_andRowsAffected_areReported();
    void pragmaStatements_execute();
    void multipleStatements_inOneQuery_areRejected();
    void syntaxError_isReported();

    void transaction_commit_keepsRows();
    void transaction_rollback_dropsRows();

    void file_isEncryptedOnDisk();
    void wrongKey_isRejectedClearly_data();
    void wrongKey_isRejectedClearly();
    void wrongKey_throughCacheDatabase_isWrongKeyError();
    void plainSqliteFile_isRejectedAndUntouched();
    void rekey_oldKeyRejected_newKeyReads();
    void rekey_ofNewEmptyCache_usesNewKey();
    void rekey_insideTransaction_failsAndKeepsOldKey();
    void passphrase_opensAndRejectsOthers();
    void sqlcipherCli_readsRowsWrittenByDriver();
    void sqlcipherCli_fileWrittenByCli_opensInDriver();

    void cipherVersion_isReported();
    void sqliteVersion_isTheLinkedLibrary();
    void sqlSubset_runsOnTheCacheSqlite();
    void sqlOutsideSubset_failsOnSqlite315_data();
    void sqlOutsideSubset_failsOnSqlite315();
    void foreignKeys_areEnforced();
    void catalogue_tablesRecordAndPrimaryIndex();

    void missingFile_withCreateDisabled_isError();
    void missingFile_throughCacheDatabase_isIoError();
    void query_outlivingClose_doesNotCrash();
    void query_outlivingConnectionRemoval_doesNotCrash();
    void fetchLoop_thousandsOfRows_data();
    void fetchLoop_thousandsOfRows();
    void scrollableQuery_seeksBothWays();
    void forwardOnlyQuery_neverGoesBack();

    // Keep last: it inspects what the tests above loaded.
    void process_neverLoadsQtSqlite();

private:
    QString newPath(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QByteArray m_key = keyFromByte('\x5a');
};

void tst_SqlCipherDriver::initTestCase()
{
    QVERIFY(m_dir.isValid());
    SqlCipherDriver::registerDriver();
}

void tst_SqlCipherDriver::registerDriver_isIdempotent()
{
    SqlCipherDriver::registerDriver();
    SqlCipherDriver::registerDriver();
    ScopedConnection connection(newPath(QStringLiteral("register.db")), keyOptions(m_key));
    QVERIFY(connection.db().isValid());
    QCOMPARE(connection.db().driverName(), QStringLiteral("QSQLCIPHER"));
    QVERIFY(qobject_cast<SqlCipherDriver*>(connection.db().driver()));
    QVERIFY2(connection.open(), qPrintable(connection.db().lastError().text()));
}

void tst_SqlCipherDriver::connectOptions_invalid_areRejected_data()
{
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("expectedText");

    const QString hex = QString::fromLatin1(m_key.toHex());
    QTest::newRow("no key") << QString() << QString() << QStringLiteral("No key given");
    QTest::newRow("short key") << QStringLiteral("QSQLCIPHER_KEY=abcd") << QString()
                               << QStringLiteral("64 hexadecimal digits");
    QTest::newRow("key not hex") << QStringLiteral("QSQLCIPHER_KEY=") + QString(64, u'g') << QString()
                                 << QStringLiteral("64 hexadecimal digits");
    QTest::newRow("key and passphrase") << QStringLiteral("QSQLCIPHER_KEY=%1;QSQLCIPHER_PASSPHRASE=x").arg(hex)
                                        << QString() << QStringLiteral("exactly one");
    QTest::newRow("key and password") << QStringLiteral("QSQLCIPHER_KEY=%1").arg(hex) << QStringLiteral("secret")
                                      << QStringLiteral("exactly one");
    QTest::newRow("unknown option") << QStringLiteral("QSQLCIPHER_KEY=%1;QSQLCIPHER_CRATE=0").arg(hex) << QString()
                                    << QStringLiteral("Unknown connect option");
    QTest::newRow("bad busy timeout") << QStringLiteral("QSQLCIPHER_KEY=%1;QSQLCIPHER_BUSY_TIMEOUT=soon").arg(hex)
                                      << QString() << QStringLiteral("milliseconds");
    QTest::newRow("bad create flag") << QStringLiteral("QSQLCIPHER_KEY=%1;QSQLCIPHER_CREATE=no").arg(hex) << QString()
                                     << QStringLiteral("0 or 1");
}

void tst_SqlCipherDriver::connectOptions_invalid_areRejected()
{
    QFETCH(QString, options);
    QFETCH(QString, password);
    QFETCH(QString, expectedText);

    const QString path = newPath(QStringLiteral("options-%1.db").arg(QString::fromLatin1(QTest::currentDataTag())));
    ScopedConnection connection(path, options, password);
    QVERIFY(!connection.open());
    QVERIFY(!connection.db().isOpen());
    QVERIFY(connection.db().isOpenError());
    QVERIFY2(connection.db().lastError().text().contains(expectedText, Qt::CaseInsensitive),
             qPrintable(connection.db().lastError().text()));
    QVERIFY(!QFile::exists(path));
}

void tst_SqlCipherDriver::generateKey_is32RandomBytes()
{
    const QByteArray first = CacheDatabase::generateKey();
    const QByteArray second = CacheDatabase::generateKey();
    QCOMPARE(first.size(), 32);
    QCOMPARE(second.size(), 32);
    QVERIFY(first != second);
    QVERIFY(first != QByteArray(32, '\0'));
    QCOMPARE(SqlCipherDriver::rawKeyOption(first),
             QStringLiteral("QSQLCIPHER_KEY=") + QString::fromLatin1(first.toHex()));
    QVERIFY(SqlCipherDriver::rawKeyOption(QByteArray(16, 'x')).isEmpty());
}

void tst_SqlCipherDriver::values_roundTrip_data()
{
    QTest::addColumn<QVariant>("input");
    QTest::addColumn<QVariant>("expected");
    QTest::addColumn<QString>("storageClass");

    const QByteArray blob("\0\x01\0\xff\0zero\0", 10);
    QTest::newRow("null") << QVariant() << QVariant() << QStringLiteral("null");
    QTest::newRow("null string") << QVariant(QString()) << QVariant() << QStringLiteral("null");
    QTest::newRow("int64 min") << QVariant(std::numeric_limits<qint64>::min())
                               << QVariant(std::numeric_limits<qint64>::min()) << QStringLiteral("integer");
    QTest::newRow("int64 max") << QVariant(std::numeric_limits<qint64>::max())
                               << QVariant(std::numeric_limits<qint64>::max()) << QStringLiteral("integer");
    QTest::newRow("int zero") << QVariant(0) << QVariant(qint64(0)) << QStringLiteral("integer");
    QTest::newRow("bool true") << QVariant(true) << QVariant(qint64(1)) << QStringLiteral("integer");
    QTest::newRow("bool false") << QVariant(false) << QVariant(qint64(0)) << QStringLiteral("integer");
    QTest::newRow("double pi") << QVariant(3.141592653589793) << QVariant(3.141592653589793) << QStringLiteral("real");
    QTest::newRow("double tiny") << QVariant(1e-300) << QVariant(1e-300) << QStringLiteral("real");
    QTest::newRow("double huge negative") << QVariant(-1.5e300) << QVariant(-1.5e300) << QStringLiteral("real");
    QTest::newRow("double money-like") << QVariant(0.1 + 0.2) << QVariant(0.1 + 0.2) << QStringLiteral("real");
    QTest::newRow("chinese text") << QVariant(chineseText) << QVariant(chineseText) << QStringLiteral("text");
    QTest::newRow("mixed text") << QVariant(QStringLiteral("Latte ☕ 拿铁 — €4.50"))
                                << QVariant(QStringLiteral("Latte ☕ 拿铁 — €4.50")) << QStringLiteral("text");
    QTest::newRow("empty text") << QVariant(QString(QLatin1String(""))) << QVariant(QString(QLatin1String("")))
                                << QStringLiteral("text");
    QTest::newRow("blob with zero bytes") << QVariant(blob) << QVariant(blob) << QStringLiteral("blob");
    QTest::newRow("empty blob") << QVariant(QByteArray("")) << QVariant(QByteArray("")) << QStringLiteral("blob");
    const QDateTime when(QDate(2024, 5, 1), QTime(13, 45, 30, 123), Qt::UTC);
    QTest::newRow("datetime as ISO text")
        << QVariant(when) << QVariant(QStringLiteral("2024-05-01T13:45:30.123Z")) << QStringLiteral("text");
}

void tst_SqlCipherDriver::values_roundTrip()
{
    QFETCH(QVariant, input);
    QFETCH(QVariant, expected);
    QFETCH(QString, storageClass);

    ScopedConnection connection(newPath(QStringLiteral("values.db")), keyOptions(m_key));
    QVERIFY2(connection.open(), qPrintable(connection.db().lastError().text()));
    const QSqlDatabase db = connection.db();
    // No declared type: the column keeps whatever storage class the value was bound with.
    QVERIFY(exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS roundtrip (id INTEGER PRIMARY KEY, v)")));

    QSqlQuery insert(db);
    QVERIFY(insert.prepare(QStringLiteral("INSERT INTO roundtrip (v) VALUES (?)")));
    insert.addBindValue(input);
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    const QVariant id = insert.lastInsertId();
    QVERIFY(id.isValid());

    QSqlQuery select(db);
    QVERIFY(select.prepare(QStringLiteral("SELECT v, typeof(v) FROM roundtrip WHERE id = ?")));
    select.addBindValue(id);
    QVERIFY2(select.exec(), qPrintable(select.lastError().text()));
    QVERIFY(select.next());
    const QVariant actual = select.value(0);
    QCOMPARE(select.value(1).toString(), storageClass);
    QCOMPARE(select.isNull(0), !expected.isValid());
    QCOMPARE(actual.typeId(), expected.typeId());
    QCOMPARE(actual, expected);
    if (expected.typeId() == QMetaType::QString)
        QCOMPARE(actual.toString().isNull(), false);
    if (expected.typeId() == QMetaType::QByteArray)
        QCOMPARE(actual.toByteArray().size(), expected.toByteArray().size());
    QVERIFY(!select.next());
}

void tst_SqlCipherDriver::null_hasDeclaredColumnType_data()
{
    QTest::addColumn<QString>("declaredType");
    QTest::addColumn<int>("expectedType");

    QTest::newRow("INTEGER") << QStringLiteral("INTEGER") << int(QMetaType::LongLong);
    QTest::newRow("BIGINT") << QStringLiteral("BIGINT") << int(QMetaType::LongLong);
    QTest::newRow("TEXT") << QStringLiteral("TEXT") << int(QMetaType::QString);
    QTest::newRow("VARCHAR(20)") << QStringLiteral("VARCHAR(20)") << int(QMetaType::QString);
    QTest::newRow("REAL") << QStringLiteral("REAL") << int(QMetaType::Double);
    QTest::newRow("DOUBLE PRECISION") << QStringLiteral("DOUBLE PRECISION") << int(QMetaType::Double);
    QTest::newRow("BLOB") << QStringLiteral("BLOB") << int(QMetaType::QByteArray);
    QTest::newRow("DATETIME") << QStringLiteral("DATETIME") << int(QMetaType::QString);
    QTest::newRow("BOOLEAN") << QStringLiteral("BOOLEAN") << int(QMetaType::Bool);
}

void tst_SqlCipherDriver::null_hasDeclaredColumnType()
{
    QFETCH(QString, declaredType);
    QFETCH(int, expectedType);

    ScopedConnection connection(newPath(QStringLiteral("nulls.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    const QSqlDatabase db = connection.db();
    QVERIFY(exec(db, QStringLiteral("DROP TABLE IF EXISTS nulls")));
    QVERIFY(exec(db, QStringLiteral("CREATE TABLE nulls (v %1)").arg(declaredType)));
    QVERIFY(exec(db, QStringLiteral("INSERT INTO nulls (v) VALUES (NULL)")));

    QSqlQuery select(db);
    QVERIFY(select.exec(QStringLiteral("SELECT v FROM nulls")));
    QCOMPARE(select.record().field(0).metaType().id(), expectedType);
    QVERIFY(select.next());
    QVERIFY(select.isNull(0));
    QVERIFY(select.value(0).isNull());
    QCOMPARE(select.value(0).typeId(), expectedType);
    QCOMPARE(db.record(QStringLiteral("nulls")).field(0).metaType().id(), expectedType);
}

void tst_SqlCipherDriver::precisionPolicy_narrowsNumbers()
{
    ScopedConnection connection(newPath(QStringLiteral("precision.db")), keyOptions(m_key));
    QVERIFY(connection.open());

    QSqlQuery query(connection.db());
    query.setNumericalPrecisionPolicy(QSql::LowPrecisionInt32);
    QVERIFY(query.exec(QStringLiteral("SELECT 42, 2.75")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).typeId(), int(QMetaType::Int));
    QCOMPARE(query.value(0).toInt(), 42);
    QCOMPARE(query.value(1).typeId(), int(QMetaType::Int));

    query.setNumericalPrecisionPolicy(QSql::LowPrecisionInt64);
    QVERIFY(query.exec(QStringLiteral("SELECT 42, 2.75")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).typeId(), int(QMetaType::LongLong));
    QCOMPARE(query.value(1).typeId(), int(QMetaType::LongLong));
    QCOMPARE(query.value(1).toLongLong(), 2);

    // Qt's default policy: doubles as double, integers stay exact 64-bit.
    query.setNumericalPrecisionPolicy(QSql::LowPrecisionDouble);
    QVERIFY(query.exec(QStringLiteral("SELECT 9007199254740993, 2.75")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).typeId(), int(QMetaType::LongLong));
    QCOMPARE(query.value(0).toLongLong(), Q_INT64_C(9007199254740993));
    QCOMPARE(query.value(1).toDouble(), 2.75);

    query.setNumericalPrecisionPolicy(QSql::HighPrecision);
    QVERIFY(query.exec(QStringLiteral("SELECT 42, 2.75")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).typeId(), int(QMetaType::LongLong));
    QCOMPARE(query.value(1).typeId(), int(QMetaType::Double));
}

void tst_SqlCipherDriver::preparedStatement_positional_isReusable()
{
    ScopedConnection connection(newPath(QStringLiteral("positional.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    const QSqlDatabase db = connection.db();
    QVERIFY(exec(db, QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price INTEGER)")));

    QSqlQuery insert(db);
    QVERIFY(insert.prepare(QStringLiteral("INSERT INTO items (name, price) VALUES (?, ?)")));
    const QStringList names = {chineseText, QStringLiteral("Americano"), QStringLiteral("抹茶")};
    for (int i = 0; i < names.size(); ++i) {
        insert.bindValue(0, names.at(i));
        insert.bindValue(1, 1000 + i);
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        QCOMPARE(insert.numRowsAffected(), 1);
    }

    QSqlQuery select(db);
    QVERIFY(select.prepare(QStringLiteral("SELECT name FROM items WHERE price >= ? AND price < ? ORDER BY id")));
    select.addBindValue(1000);
    select.addBindValue(1002);
    QVERIFY(select.exec());
    QStringList found;
    while (select.next())
        found.append(select.value(0).toString());
    QCOMPARE(found, names.mid(0, 2));

    // The same prepared statement with new values, before and after reading to the end.
    select.bindValue(0, 1002);
    select.bindValue(1, 2000);
    QVERIFY(select.exec());
    QVERIFY(select.next());
    QCOMPARE(select.value(0).toString(), names.at(2));
    QVERIFY(!select.next());

    // Too few values is an error, not a silent NULL.
    QSqlQuery missing(db);
    QVERIFY(missing.prepare(QStringLiteral("SELECT ? + ?")));
    missing.addBindValue(1);
    QVERIFY(!missing.exec());
    QVERIFY(missing.lastError().text().contains(QStringLiteral("mismatch")));
}

void tst_SqlCipherDriver::preparedStatement_named_isReusable()
{
    ScopedConnection connection(newPath(QStringLiteral("named.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    const QSqlDatabase db = connection.db();
    QVERIFY(exec(db, QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, alias TEXT, price INT)")));

    QSqlQuery insert(db);
    // :name appears twice; ':' inside the string literal is not a placeholder.
    QVERIFY(insert.prepare(
        QStringLiteral("INSERT INTO items (name, alias, price) VALUES (:name, :name || ' (x:y)', :price)")));
    insert.bindValue(QStringLiteral(":name"), chineseText);
    insert.bindValue(QStringLiteral(":price"), 1800);
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    insert.bindValue(QStringLiteral(":price"), 2200);
    insert.bindValue(QStringLiteral(":name"), QStringLiteral("Flat white"));
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));

    QSqlQuery select(db);
    QVERIFY(select.prepare(QStringLiteral("SELECT alias, price FROM items WHERE name = :name")));
    select.bindValue(QStringLiteral(":name"), chineseText);
    QVERIFY(select.exec());
    QVERIFY(select.next());
    QCOMPARE(select.value(0).toString(), chineseText + QStringLiteral(" (x:y)"));
    QCOMPARE(select.value(1).toLongLong(), 1800);

    select.bindValue(QStringLiteral(":name"), QStringLiteral("Flat white"));
    QVERIFY(select.exec());
    QVERIFY(select.next());
    QCOMPARE(select.value(1).toLongLong(), 2200);
    QVERIFY(!select.next());
}

void tst_SqlCipherDriver::execBatch_insertsEveryRow()
{
    ScopedConnection connection(newPath(QStringLiteral("batch.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    const QSqlDatabase db = connection.db();
    QVERIFY(exec(db, QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price INTEGER)")));

    QSqlQuery insert(db);
    QVERIFY(insert.prepare(QStringLiteral("INSERT INTO items (name, price) VALUES (?, ?)")));
    insert.addBindValue(QVariantList{QStringLiteral("a"), chineseText, QStringLiteral("c")});
    insert.addBindValue(QVariantList{1, 2, QVariant()});
    QVERIFY2(insert.execBatch(), qPrintable(insert.lastError().text()));
    QCOMPARE(itemNames(db), (QStringList{QStringLiteral("a"), chineseText, QStringLiteral("c")}));
}

void tst_SqlCipherDriver::lastInsertId_andRowsAffected_areReported()
{
    ScopedConnection connection(newPath(QStringLiteral("affected.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    const QSqlDatabase db = connection.db();
    QVERIFY(db.driver()->hasFeature(QSqlDriver::LastInsertId));
    QVERIFY(!db.driver()->hasFeature(QSqlDriver::QuerySize));

    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price INTEGER)")));
    QCOMPARE(query.numRowsAffected(), 0);
    QVERIFY(query.exec(QStringLiteral("INSERT INTO items (id, name, price) VALUES (41, 'a', 1)")));
    QCOMPARE(query.lastInsertId().toLongLong(), 41);
    QVERIFY(query.exec(QStringLiteral("INSERT INTO items (name, price) VALUES ('b', 2), ('c', 3), ('d', 4)")));
    QCOMPARE(query.numRowsAffected(), 3);
    QCOMPARE(query.lastInsertId().toLongLong(), 44);
    QVERIFY(query.exec(QStringLiteral("UPDATE items SET price = price + 1 WHERE price >= 2")));
    QCOMPARE(query.numRowsAffected(), 3);
    QVERIFY(query.exec(QStringLiteral("DELETE FROM items WHERE price > 100")));
    QCOMPARE(query.numRowsAffected(), 0);
    QVERIFY(query.exec(QStringLiteral("SELECT * FROM items")));
    QCOMPARE(query.size(), -1);
}

void tst_SqlCipherDriver::pragmaStatements_execute()
{
    ScopedConnection connection(newPath(QStringLiteral("pragma.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    QSqlQuery query(connection.db());
    QVERIFY2(query.exec(QStringLiteral("PRAGMA user_version = 7")), qPrintable(query.lastError().text()));
    QVERIFY(!query.isSelect());
    QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")));
    QVERIFY(query.isSelect());
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 7);
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")));
    QVERIFY(query.next());
    QVERIFY(!query.value(0).toString().isEmpty());
}

void tst_SqlCipherDriver::multipleStatements_inOneQuery_areRejected()
{
    ScopedConnection connection(newPath(QStringLiteral("multi.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    QSqlQuery query(connection.db());
    QVERIFY(!query.exec(QStringLiteral("CREATE TABLE a (x); CREATE TABLE b (y)")));
    QVERIFY(query.lastError().text().contains(QStringLiteral("multiple statements")));
    QVERIFY(!connection.db().tables().contains(QStringLiteral("a")));
    // Trailing semicolons, blanks and comments are not a second statement.
    QVERIFY2(query.exec(QStringLiteral("SELECT 1; ;  -- done\n")), qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 1);
}

void tst_SqlCipherDriver::syntaxError_isReported()
{
    ScopedConnection connection(newPath(QStringLiteral("syntax.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    QSqlQuery query(connection.db());
    QVERIFY(!query.exec(QStringLiteral("SELEC 1")));
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QVERIFY2(query.lastError().databaseText().contains(QStringLiteral("syntax error")),
             qPrintable(query.lastError().text()));
    QVERIFY(!query.isActive());
    QVERIFY(!query.exec(QStringLiteral("SELECT * FROM no_such_table")));
    QVERIFY(query.lastError().databaseText().contains(QStringLiteral("no such table")));
}

void tst_SqlCipherDriver::transaction_commit_keepsRows()
{
    const QString path = newPath(QStringLiteral("commit.db"));
    {
        ScopedConnection connection(path, keyOptions(m_key));
        QVERIFY(connection.open());
        QSqlDatabase db = connection.db();
        QVERIFY(db.driver()->hasFeature(QSqlDriver::Transactions));
        QVERIFY(createItems(db, {}));
        QVERIFY(db.transaction());
        QVERIFY(exec(db, QStringLiteral("INSERT INTO items (name) VALUES ('kept-1'), ('kept-2')")));
        QVERIFY(db.commit());
    }
    ScopedConnection reopened(path, keyOptions(m_key));
    QVERIFY(reopened.open());
    QCOMPARE(itemNames(reopened.db()), (QStringList{QStringLiteral("kept-1"), QStringLiteral("kept-2")}));
}

void tst_SqlCipherDriver::transaction_rollback_dropsRows()
{
    const QString path = newPath(QStringLiteral("rollback.db"));
    {
        ScopedConnection connection(path, keyOptions(m_key));
        QVERIFY(connection.open());
        QSqlDatabase db = connection.db();
        QVERIFY(createItems(db, {QStringLiteral("before")}));
        QVERIFY(db.transaction());
        QVERIFY(exec(db, QStringLiteral("INSERT INTO items (name) VALUES ('rolled-back-1'), ('rolled-back-2')")));
        QVERIFY(exec(db, QStringLiteral("UPDATE items SET name = 'changed' WHERE name = 'before'")));
        QCOMPARE(itemNames(db).size(), 3);
        QVERIFY(db.rollback());
        QCOMPARE(itemNames(db), QStringList{QStringLiteral("before")});
        QVERIFY(!db.commit()); // nothing left to commit
        QCOMPARE(db.driver()->lastError().type(), QSqlError::TransactionError);
    }
    ScopedConnection reopened(path, keyOptions(m_key));
    QVERIFY(reopened.open());
    QCOMPARE(itemNames(reopened.db()), QStringList{QStringLiteral("before")});
}

void tst_SqlCipherDriver::file_isEncryptedOnDisk()
{
    const QString path = newPath(QStringLiteral("encrypted.db"));
    {
        ScopedConnection connection(path, keyOptions(m_key));
        QVERIFY(connection.open());
        QVERIFY(createItems(connection.db(), {asciiCanary, chineseText}));
        QSqlQuery blob(connection.db());
        QVERIFY(blob.exec(QStringLiteral("CREATE TABLE blobs (b BLOB)")));
        QVERIFY(blob.prepare(QStringLiteral("INSERT INTO blobs (b) VALUES (?)")));
        blob.addBindValue(asciiCanary.toUtf8() + QByteArray(8, '\0') + chineseText.toUtf8());
        QVERIFY(blob.exec());
    }
    const QByteArray bytes = fileBytes(path);
    QVERIFY(bytes.size() >= 1024);
    QVERIFY2(!bytes.startsWith(QByteArray("SQLite format 3\0", 16)), "the file has a plaintext SQLite header");
    QVERIFY2(!bytes.contains(asciiCanary.toUtf8()), "ASCII text found in the file");
    QVERIFY2(!bytes.contains(chineseText.toUtf8()), "UTF-8 Chinese text found in the file");
    QVERIFY2(!bytes.contains(QByteArray("CREATE TABLE")), "the schema is readable in the file");
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
}

void tst_SqlCipherDriver::wrongKey_isRejectedClearly_data()
{
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("password");

    QTest::newRow("another raw key") << keyOptions(keyFromByte('\x5b')) << QString();
    QTest::newRow("passphrase option") << QStringLiteral("QSQLCIPHER_PASSPHRASE=letmein") << QString();
    QTest::newRow("password") << QString() << QStringLiteral("letmein; or not");
    // The right key's hex digits used as a passphrase go through PBKDF2 and give a different key.
    QTest::newRow("raw key as passphrase") << QString() << QString::fromLatin1(m_key.toHex());
}

void tst_SqlCipherDriver::wrongKey_isRejectedClearly()
{
    QFETCH(QString, options);
    QFETCH(QString, password);

    const QString path = newPath(QStringLiteral("wrongkey.db"));
    QFile::remove(path);
    {
        ScopedConnection connection(path, keyOptions(m_key));
        QVERIFY(connection.open());
        QVERIFY(createItems(connection.db(), {chineseText, QStringLiteral("second")}));
    }
    const qint64 sizeBefore = QFileInfo(path).size();
    const QByteArray hashBefore = fileHash(path);

    {
        ScopedConnection wrong(path, options, password);
        QVERIFY(!wrong.open());
        QSqlDatabase db = wrong.db();
        QVERIFY(!db.isOpen());
        QVERIFY(db.isOpenError());
        const QSqlError error = db.lastError();
        QCOMPARE(error.type(), QSqlError::ConnectionError);
        QVERIFY2(error.text().contains(QStringLiteral("Wrong key or not a SQLCipher database")),
                 qPrintable(error.text()));
        QVERIFY(SqlCipherDriver::isWrongKeyError(error));
        QVERIFY(!SqlCipherDriver::isFileError(error));
        // Using the failed connection is an error, not a crash.
        QSqlQuery query(db);
        QTest::ignoreMessage(QtWarningMsg, "QSqlQuery::exec: database not open");
        QVERIFY(!query.exec(QStringLiteral("SELECT count(*) FROM items")));
        QVERIFY(db.tables().isEmpty());
    }

    QCOMPARE(QFileInfo(path).size(), sizeBefore);
    QCOMPARE(fileHash(path), hashBefore);
    ScopedConnection right(path, keyOptions(m_key));
    QVERIFY2(right.open(), qPrintable(right.db().lastError().text()));
    QCOMPARE(itemNames(right.db()), (QStringList{chineseText, QStringLiteral("second")}));
}

void tst_SqlCipherDriver::wrongKey_throughCacheDatabase_isWrongKeyError()
{
    const QString path = newPath(QStringLiteral("cache-wrongkey.db"));
    const QByteArray key = CacheDatabase::generateKey();
    {
        CacheDatabase cache;
        const xd::Status opened = cache.open(path, key);
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
        QVERIFY(cache.isOpen());
        QVERIFY(createItems(cache.database(), {chineseText}));
    }
    const QByteArray hashBefore = fileHash(path);

    CacheDatabase cache;
    const xd::Status wrong = cache.open(path, CacheDatabase::generateKey());
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code, ErrorCode::WrongKey);
    QVERIFY2(wrong.error().message.contains(QStringLiteral("Wrong key")), qPrintable(wrong.error().message));
    QVERIFY(!cache.isOpen());
    QVERIFY(!cache.database().isValid());
    QCOMPARE(fileHash(path), hashBefore);

    const xd::Status malformed = cache.open(path, QByteArray(5, 'k'));
    QVERIFY(!malformed.ok());
    QCOMPARE(malformed.error().code, ErrorCode::InvalidArgument);

    QVERIFY(cache.open(path, key).ok());
    QCOMPARE(itemNames(cache.database()), QStringList{chineseText});
}

void tst_SqlCipherDriver::plainSqliteFile_isRejectedAndUntouched()
{
    const QString program = sqlcipherProgram();
    if (program.isEmpty())
        QFAIL("The sqlcipher command-line tool is missing: apt-get install sqlcipher");
    const QString path = newPath(QStringLiteral("plain.db"));
    // No key: the shell writes an ordinary, unencrypted SQLite file.
    const CliOutput created = runSqlcipherCli(path, QStringLiteral("CREATE TABLE t (x); INSERT INTO t VALUES (1);\n"));
    QVERIFY2(created.started && created.exitCode == 0, qPrintable(created.err));
    QVERIFY(fileBytes(path).startsWith(QByteArray("SQLite format 3\0", 16)));
    const QByteArray hashBefore = fileHash(path);

    ScopedConnection connection(path, keyOptions(m_key));
    QVERIFY(!connection.open());
    QVERIFY(SqlCipherDriver::isWrongKeyError(connection.db().lastError()));
    QCOMPARE(fileHash(path), hashBefore);
}

void tst_SqlCipherDriver::rekey_oldKeyRejected_newKeyReads()
{
    const QString path = newPath(QStringLiteral("rekey.db"));
    const QByteArray oldKey = keyFromByte('\x01');
    const QByteArray newKey = CacheDatabase::generateKey();
    {
        ScopedConnection connection(path, keyOptions(oldKey));
        QVERIFY(connection.open());
        QSqlDatabase db = connection.db();
        QVERIFY(createItems(db, {chineseText, asciiCanary}));
        QVERIFY2(SqlCipherDriver::rekey(db, newKey), qPrintable(db.driver()->lastError().text()));
        // The connection keeps working under the new key.
        QCOMPARE(itemNames(db), (QStringList{chineseText, asciiCanary}));
        QVERIFY(exec(db, QStringLiteral("INSERT INTO items (name) VALUES ('after rekey')")));
        QVERIFY(!SqlCipherDriver::rekey(db, QByteArray(3, 'x')));
    }
    {
        ScopedConnection old(path, keyOptions(oldKey));
        QVERIFY(!old.open());
        QVERIFY(SqlCipherDriver::isWrongKeyError(old.db().lastError()));
    }
    {
        ScopedConnection current(path, keyOptions(newKey));
        QVERIFY2(current.open(), qPrintable(current.db().lastError().text()));
        QCOMPARE(itemNames(current.db()), (QStringList{chineseText, asciiCanary, QStringLiteral("after rekey")}));
    }
    const QByteArray bytes = fileBytes(path);
    QVERIFY(!bytes.contains(asciiCanary.toUtf8()));
    QVERIFY(!bytes.startsWith(QByteArray("SQLite format 3\0", 16)));

    // CacheDatabase::rekey() does the same.
    const QByteArray thirdKey = CacheDatabase::generateKey();
    {
        CacheDatabase cache;
        QVERIFY(cache.open(path, newKey, CacheDatabase::CreateMode::MustExist).ok());
        const xd::Status rekeyed = cache.rekey(thirdKey);
        QVERIFY2(rekeyed.ok(), rekeyed.ok() ? "" : qPrintable(rekeyed.error().toString()));
    }
    CacheDatabase cache;
    QCOMPARE(cache.open(path, newKey).error().code, ErrorCode::WrongKey);
    QVERIFY(cache.open(path, thirdKey).ok());
    QCOMPARE(itemNames(cache.database()).size(), 3);
}

void tst_SqlCipherDriver::rekey_ofNewEmptyCache_usesNewKey()
{
    const QString path = newPath(QStringLiteral("rekey-empty.db"));
    const QByteArray newKey = CacheDatabase::generateKey();
    {
        CacheDatabase cache;
        QVERIFY(cache.open(path, m_key).ok());
        const xd::Status rekeyed = cache.rekey(newKey);
        QVERIFY2(rekeyed.ok(), rekeyed.ok() ? "" : qPrintable(rekeyed.error().toString()));
        QVERIFY(createItems(cache.database(), {asciiCanary}));
    }
    CacheDatabase cache;
    QCOMPARE(cache.open(path, m_key).error().code, ErrorCode::WrongKey);
    QVERIFY(cache.open(path, newKey).ok());
    QCOMPARE(itemNames(cache.database()), QStringList{asciiCanary});
}

void tst_SqlCipherDriver::rekey_insideTransaction_failsAndKeepsOldKey()
{
    const QString path = newPath(QStringLiteral("rekey-tx.db"));
    {
        ScopedConnection connection(path, keyOptions(m_key));
        QVERIFY(connection.open());
        QSqlDatabase db = connection.db();
        QVERIFY(createItems(db, {QStringLiteral("one")}));
        QVERIFY(db.transaction());
        QVERIFY(!SqlCipherDriver::rekey(db, keyFromByte('\x02')));
        QVERIFY(db.driver()->lastError().text().contains(QStringLiteral("transaction")));
        QVERIFY(db.rollback());
    }
    ScopedConnection reopened(path, keyOptions(m_key));
    QVERIFY(reopened.open());
    QCOMPARE(itemNames(reopened.db()), QStringList{QStringLiteral("one")});
}

void tst_SqlCipherDriver::passphrase_opensAndRejectsOthers()
{
    const QString path = newPath(QStringLiteral("passphrase.db"));
    const QString passphrase = QStringLiteral("茶; with a semicolon = and spaces ");
    {
        CacheDatabase cache;
        const xd::Status opened = cache.openWithPassphrase(path, passphrase);
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
        QVERIFY(createItems(cache.database(), {chineseText}));
    }
    {
        CacheDatabase cache;
        QCOMPARE(cache.openWithPassphrase(path, passphrase.trimmed()).error().code, ErrorCode::WrongKey);
        QVERIFY(cache.openWithPassphrase(path, passphrase, CacheDatabase::CreateMode::MustExist).ok());
        QCOMPARE(itemNames(cache.database()), QStringList{chineseText});
    }
    // QSQLCIPHER_PASSPHRASE and the password derive the same key.
    const QString simplePath = newPath(QStringLiteral("passphrase-option.db"));
    {
        ScopedConnection connection(simplePath, QStringLiteral("QSQLCIPHER_PASSPHRASE=green tea"));
        QVERIFY(connection.open());
        QVERIFY(createItems(connection.db(), {QStringLiteral("x")}));
    }
    {
        ScopedConnection viaPassword(simplePath, QStringLiteral("QSQLCIPHER_CREATE=0"), QStringLiteral("green tea"));
        QVERIFY2(viaPassword.open(), qPrintable(viaPassword.db().lastError().text()));
        QCOMPARE(itemNames(viaPassword.db()), QStringList{QStringLiteral("x")});
        // A passphrase can be changed like a raw key.
        QSqlDatabase db = viaPassword.db();
        QVERIFY(!SqlCipherDriver::rekeyWithPassphrase(db, QString()));
        QVERIFY2(SqlCipherDriver::rekeyWithPassphrase(db, QStringLiteral("black tea")),
                 qPrintable(db.driver()->lastError().text()));
    }
    {
        ScopedConnection old(simplePath, QString(), QStringLiteral("green tea"));
        QVERIFY(!old.open());
        QVERIFY(SqlCipherDriver::isWrongKeyError(old.db().lastError()));
    }
    ScopedConnection current(simplePath, QString(), QStringLiteral("black tea"));
    QVERIFY2(current.open(), qPrintable(current.db().lastError().text()));
    QCOMPARE(itemNames(current.db()), QStringList{QStringLiteral("x")});
}

void tst_SqlCipherDriver::sqlcipherCli_readsRowsWrittenByDriver()
{
    if (sqlcipherProgram().isEmpty())
        QFAIL("The sqlcipher command-line tool is missing (/usr/bin/sqlcipher): apt-get install sqlcipher");
    const QString path = newPath(QStringLiteral("cli-read.db"));
    const QByteArray key = CacheDatabase::generateKey();
    {
        CacheDatabase cache;
        QVERIFY(cache.open(path, key).ok());
        QVERIFY(createItems(cache.database(), {chineseText, asciiCanary}));
    }

    const CliOutput output =
        runSqlcipherCli(path, cliKeyPragma(key) + QStringLiteral("SELECT id, name, price FROM items ORDER BY id;\n"));
    QVERIFY2(output.started, "could not start the sqlcipher shell");
    QVERIFY2(output.exitCode == 0 && output.err.isEmpty(), qPrintable(output.err));
    QVERIFY2(output.out.contains(QStringLiteral("1|%1|100").arg(chineseText)), qPrintable(output.out));
    QVERIFY2(output.out.contains(QStringLiteral("2|%1|200").arg(asciiCanary)), qPrintable(output.out));

    // And the shell with another key cannot.
    const CliOutput wrong = runSqlcipherCli(
        path, cliKeyPragma(CacheDatabase::generateKey()) + QStringLiteral("SELECT count(*) FROM items;\n"));
    QVERIFY(!wrong.out.contains(asciiCanary));
    QVERIFY2(wrong.err.contains(QStringLiteral("not a database")), qPrintable(wrong.err));
}

void tst_SqlCipherDriver::sqlcipherCli_fileWrittenByCli_opensInDriver()
{
    if (sqlcipherProgram().isEmpty())
        QFAIL("The sqlcipher command-line tool is missing (/usr/bin/sqlcipher): apt-get install sqlcipher");
    const QString path = newPath(QStringLiteral("cli-write.db"));
    const QByteArray key = CacheDatabase::generateKey();
    const CliOutput created = runSqlcipherCli(
        path,
        cliKeyPragma(key) + QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price INTEGER);\n"
                                           "INSERT INTO items (name, price) VALUES ('%1', 1800);\n")
                                .arg(chineseText));
    QVERIFY2(created.started && created.exitCode == 0 && created.err.isEmpty(), qPrintable(created.err));

    CacheDatabase cache;
    const xd::Status opened = cache.open(path, key, CacheDatabase::CreateMode::MustExist);
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
    QCOMPARE(itemNames(cache.database()), QStringList{chineseText});
}

void tst_SqlCipherDriver::cipherVersion_isReported()
{
    CacheDatabase cache;
    QVERIFY(cache.cipherVersion().isEmpty());
    QVERIFY(cache.open(newPath(QStringLiteral("version.db")), m_key).ok());
    const QString version = cache.cipherVersion();
    qInfo("SQLCipher %s on SQLite %s", qPrintable(version), qPrintable(cache.sqliteVersion()));
    QVERIFY(!version.isEmpty());
    QVERIFY(version.startsWith(QLatin1String("3.")) || version.startsWith(QLatin1String("4.")));

    QSqlQuery query(cache.database());
    QVERIFY(query.exec(QStringLiteral("PRAGMA cipher_version")));
    QVERIFY2(query.next(), "PRAGMA cipher_version gave no row: plain SQLite is linked");
    QCOMPARE(query.value(0).toString(), version);
    const auto* driver = qobject_cast<const SqlCipherDriver*>(cache.database().driver());
    QVERIFY(driver);
    // Debian's SQLCipher 3 reads its own files natively; only SQLCipher 4 ever needs the compatibility mode.
    QCOMPARE(driver->cipherCompatibility(), 0);
}

void tst_SqlCipherDriver::sqliteVersion_isTheLinkedLibrary()
{
    CacheDatabase cache;
    QVERIFY(cache.open(newPath(QStringLiteral("version.db")), m_key).ok());
    const QString sqlite = cache.sqliteVersion();
    QVERIFY(!sqlite.isEmpty());
    QCOMPARE(sqlite, SqlCipherDriver::sqliteLibraryVersion());
    QVERIFY2(QVersionNumber::fromString(sqlite) >= QVersionNumber(3, 15, 2), qPrintable(sqlite));
    // Debian 12's libsqlcipher 3.4.1 is built on SQLite 3.15.2: the floor the cache's SQL is written for.
    if (cache.cipherVersion() == QLatin1String("3.4.1"))
        QCOMPARE(sqlite, QStringLiteral("3.15.2"));
}

void tst_SqlCipherDriver::sqlSubset_runsOnTheCacheSqlite()
{
    ScopedConnection connection(newPath(QStringLiteral("subset.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    const QSqlDatabase db = connection.db();
    QVERIFY(exec(db, QStringLiteral("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID")));
    QVERIFY(exec(db, QStringLiteral("CREATE INDEX kv_big ON kv (v) WHERE v > 100")));

    // Upsert the 3.15 way: INSERT OR REPLACE ...
    QSqlQuery upsert(db);
    QVERIFY(upsert.prepare(QStringLiteral("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)")));
    for (int v : {1, 2, 3}) {
        upsert.bindValue(0, chineseText);
        upsert.bindValue(1, v);
        QVERIFY2(upsert.exec(), qPrintable(upsert.lastError().text()));
    }
    // ... or update, then insert when nothing was updated.
    QSqlQuery update(db);
    QVERIFY(update.prepare(QStringLiteral("UPDATE kv SET v = v + ? WHERE k = ?")));
    update.addBindValue(10);
    update.addBindValue(QStringLiteral("missing"));
    QVERIFY(update.exec());
    QCOMPARE(update.numRowsAffected(), 0);
    QVERIFY(exec(db, QStringLiteral("INSERT OR IGNORE INTO kv (k, v) VALUES ('missing', 10)")));
    QVERIFY(exec(db, QStringLiteral("INSERT OR IGNORE INTO kv (k, v) VALUES ('missing', 99)")));

    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("SELECT k, v FROM kv ORDER BY v")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), chineseText);
    QCOMPARE(query.value(1).toLongLong(), 3);
    QVERIFY(query.next());
    QCOMPARE(query.value(1).toLongLong(), 10);
    QVERIFY(!query.next());

    // Recursive CTEs (3.8.3), printf(), instr() and FTS4 are available.
    QVERIFY(query.exec(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT sum(i) FROM n")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 55);
    QVERIFY(query.exec(QStringLiteral("SELECT printf('%05.2f', 3.14159), instr('经典红茶', '红茶')")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("03.14"));
    QCOMPARE(query.value(1).toLongLong(), 3);
    QVERIFY(exec(db, QStringLiteral("CREATE VIRTUAL TABLE notes USING fts4 (body)")));
    QVERIFY(exec(db, QStringLiteral("INSERT INTO notes (body) VALUES ('oat milk latte'), ('black tea')")));
    QVERIFY(query.exec(QStringLiteral("SELECT body FROM notes WHERE notes MATCH 'latte'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("oat milk latte"));
}

void tst_SqlCipherDriver::sqlOutsideSubset_failsOnSqlite315_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("upsert") << QStringLiteral(
        "INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET v = 2");
    QTest::newRow("returning") << QStringLiteral("INSERT INTO kv (k, v) VALUES ('b', 1) RETURNING v");
    QTest::newRow("window function") << QStringLiteral("SELECT k, row_number() OVER (ORDER BY v) FROM kv");
    QTest::newRow("json1") << QStringLiteral("SELECT json_object('k', 1)");
    QTest::newRow("fts5") << QStringLiteral("CREATE VIRTUAL TABLE f5 USING fts5 (body)");
}

void tst_SqlCipherDriver::sqlOutsideSubset_failsOnSqlite315()
{
    QFETCH(QString, sql);
    if (!SqlCipherDriver::sqliteLibraryVersion().startsWith(QLatin1String("3.15.")))
        QSKIP("These limits are those of SQLite 3.15 (Debian's SQLCipher 3.4.1)");
    ScopedConnection connection(newPath(QStringLiteral("outside.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    QVERIFY(exec(connection.db(), QStringLiteral("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v INTEGER)")));
    QSqlQuery query(connection.db());
    QVERIFY(!query.exec(sql));
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
}

void tst_SqlCipherDriver::foreignKeys_areEnforced()
{
    ScopedConnection connection(newPath(QStringLiteral("fk.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    const QSqlDatabase db = connection.db();
    QVERIFY(exec(db, QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY)")));
    QVERIFY(exec(db,
                 QStringLiteral("CREATE TABLE order_lines (id INTEGER PRIMARY KEY, "
                                "order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE)")));
    QVERIFY(exec(db, QStringLiteral("INSERT INTO orders (id) VALUES (1)")));
    QVERIFY(exec(db, QStringLiteral("INSERT INTO order_lines (order_id) VALUES (1)")));

    QSqlQuery query(db);
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO order_lines (order_id) VALUES (2)")));
    QVERIFY2(query.lastError().databaseText().contains(QStringLiteral("FOREIGN KEY")),
             qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("DELETE FROM orders WHERE id = 1")));
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM order_lines")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 0);
}

void tst_SqlCipherDriver::catalogue_tablesRecordAndPrimaryIndex()
{
    ScopedConnection connection(newPath(QStringLiteral("catalogue.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    const QSqlDatabase db = connection.db();
    QVERIFY(exec(db,
                 QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
                                "price REAL DEFAULT 0, photo BLOB)")));
    QVERIFY(exec(db,
                 QStringLiteral("CREATE TABLE \"order \"\"lines\"\"\" (order_id INTEGER, line INTEGER, qty INT, "
                                "PRIMARY KEY (order_id, line))")));
    QVERIFY(exec(db, QStringLiteral("CREATE VIEW cheap AS SELECT * FROM items WHERE price < 10")));
    QVERIFY(exec(db, QStringLiteral("INSERT INTO items (name) VALUES ('x')"))); // creates sqlite_sequence

    QCOMPARE(db.tables(), (QStringList{QStringLiteral("items"), QStringLiteral("order \"lines\"")}));
    QCOMPARE(db.tables(QSql::Views), QStringList{QStringLiteral("cheap")});
    QVERIFY(db.tables(QSql::SystemTables).contains(QStringLiteral("sqlite_master")));
    QVERIFY(db.tables(QSql::SystemTables).contains(QStringLiteral("sqlite_sequence")));
    QCOMPARE(db.tables(QSql::AllTables).size(), 5);

    const QSqlRecord items = db.record(QStringLiteral("items"));
    QCOMPARE(items.count(), 4);
    QCOMPARE(items.fieldName(0), QStringLiteral("id"));
    QCOMPARE(items.field(0).metaType().id(), int(QMetaType::LongLong));
    QVERIFY(items.field(0).isAutoValue());
    QCOMPARE(items.field(1).metaType().id(), int(QMetaType::QString));
    QCOMPARE(items.field(1).requiredStatus(), QSqlField::Required);
    QCOMPARE(items.field(2).metaType().id(), int(QMetaType::Double));
    QCOMPARE(items.field(2).defaultValue().toString(), QStringLiteral("0"));
    QCOMPARE(items.field(3).metaType().id(), int(QMetaType::QByteArray));
    QVERIFY(db.record(QStringLiteral("no_such_table")).isEmpty());

    const QSqlIndex itemsKey = db.primaryIndex(QStringLiteral("items"));
    QCOMPARE(itemsKey.count(), 1);
    QCOMPARE(itemsKey.fieldName(0), QStringLiteral("id"));
    const QSqlIndex linesKey = db.primaryIndex(QStringLiteral("order \"lines\""));
    QCOMPARE(linesKey.count(), 2);
    QCOMPARE(linesKey.fieldName(0), QStringLiteral("order_id"));
    QCOMPARE(linesKey.fieldName(1), QStringLiteral("line"));
    QVERIFY(!db.record(QStringLiteral("order \"lines\"")).field(0).isAutoValue());

    const QSqlDriver* driver = db.driver();
    QCOMPARE(driver->escapeIdentifier(QStringLiteral("a\"b"), QSqlDriver::TableName), QStringLiteral("\"a\"\"b\""));
    QCOMPARE(driver->escapeIdentifier(QStringLiteral("\"done\""), QSqlDriver::FieldName), QStringLiteral("\"done\""));
    QSqlField blob(QStringLiteral("b"), QMetaType(QMetaType::QByteArray));
    blob.setValue(QByteArray("\0\xab", 2));
    QCOMPARE(driver->formatValue(blob), QStringLiteral("X'00ab'"));
}

void tst_SqlCipherDriver::missingFile_withCreateDisabled_isError()
{
    const QString path = newPath(QStringLiteral("missing.db"));
    ScopedConnection connection(path, keyOptions(m_key, QStringLiteral("QSQLCIPHER_CREATE=0")));
    QVERIFY(!connection.open());
    const QSqlError error = connection.db().lastError();
    QVERIFY2(error.text().contains(QStringLiteral("does not exist")), qPrintable(error.text()));
    QVERIFY(SqlCipherDriver::isFileError(error));
    QVERIFY(!SqlCipherDriver::isWrongKeyError(error));
    QVERIFY(!QFile::exists(path));

    // With creation allowed (the default) the same options open a new, empty cache.
    ScopedConnection creating(path,
                              keyOptions(m_key, QStringLiteral("QSQLCIPHER_CREATE=1;QSQLCIPHER_BUSY_TIMEOUT=250")));
    QVERIFY2(creating.open(), qPrintable(creating.db().lastError().text()));
    QVERIFY(creating.db().tables().isEmpty());
}

void tst_SqlCipherDriver::missingFile_throughCacheDatabase_isIoError()
{
    const QString path = newPath(QStringLiteral("cache-missing.db"));
    CacheDatabase cache;
    const xd::Status opened = cache.open(path, m_key, CacheDatabase::CreateMode::MustExist);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Io);
    QVERIFY(!QFile::exists(path));

    // A directory cannot be opened as a database.
    const xd::Status directory = cache.open(m_dir.path(), m_key);
    QVERIFY(!directory.ok());
    QVERIFY(directory.error().code == ErrorCode::Io || directory.error().code == ErrorCode::Database);
}

void tst_SqlCipherDriver::query_outlivingClose_doesNotCrash()
{
    ScopedConnection connection(newPath(QStringLiteral("outlive-close.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    QSqlDatabase db = connection.db();
    QStringList names;
    for (int i = 0; i < 20; ++i)
        names.append(QStringLiteral("row %1").arg(i));
    QVERIFY(createItems(db, names));

    QSqlQuery scrolling(db);
    QVERIFY(scrolling.exec(QStringLiteral("SELECT name FROM items ORDER BY id")));
    QVERIFY(scrolling.next());
    QSqlQuery forward(db);
    forward.setForwardOnly(true);
    QVERIFY(forward.exec(QStringLiteral("SELECT name FROM items ORDER BY id")));
    QVERIFY(forward.next());
    QSqlQuery prepared(db);
    QVERIFY(prepared.prepare(QStringLiteral("SELECT name FROM items WHERE id = ?")));

    db.close(); // with three statements still unfinalized
    QVERIFY(!db.isOpen());
    QVERIFY(!scrolling.isActive());
    QVERIFY(!scrolling.next());
    QVERIFY(!forward.next());
    prepared.addBindValue(1);
    QVERIFY(!prepared.exec());

    // The same query objects work again once the connection is reopened.
    QVERIFY(db.open());
    QVERIFY(scrolling.exec(QStringLiteral("SELECT count(*) FROM items")));
    QVERIFY(scrolling.next());
    QCOMPARE(scrolling.value(0).toLongLong(), 20);
    QVERIFY(prepared.prepare(QStringLiteral("SELECT name FROM items WHERE id = ?")));
    prepared.addBindValue(3);
    QVERIFY(prepared.exec());
    QVERIFY(prepared.next());
    QCOMPARE(prepared.value(0).toString(), QStringLiteral("row 2"));
    db.close();
}

void tst_SqlCipherDriver::query_outlivingConnectionRemoval_doesNotCrash()
{
    auto cache = std::make_unique<CacheDatabase>();
    QVERIFY(cache->open(newPath(QStringLiteral("outlive-remove.db")), m_key).ok());
    QVERIFY(createItems(cache->database(), {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QSqlQuery query(cache->database());
    QVERIFY(query.exec(QStringLiteral("SELECT name FROM items ORDER BY id")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("a"));

    cache.reset(); // closes and removes the connection: the driver is deleted under the live query
    QVERIFY(!query.isActive());
    QVERIFY(!query.next());
    QVERIFY(!query.isValid());
}

void tst_SqlCipherDriver::fetchLoop_thousandsOfRows_data()
{
    QTest::addColumn<bool>("forwardOnly");
    QTest::newRow("forward-only") << true;
    QTest::newRow("scrollable") << false;
}

void tst_SqlCipherDriver::fetchLoop_thousandsOfRows()
{
    QFETCH(bool, forwardOnly);
    const int rowCount = 5000;
    const QString path = newPath(QStringLiteral("many.db"));
    ScopedConnection connection(path, keyOptions(m_key));
    QVERIFY(connection.open());
    QSqlDatabase db = connection.db();
    if (!db.tables().contains(QStringLiteral("items"))) {
        QVERIFY(createItems(db, {}));
        QVERIFY(db.transaction());
        QSqlQuery insert(db);
        QVERIFY(insert.prepare(QStringLiteral("INSERT INTO items (id, name, price) VALUES (?, ?, ?)")));
        for (int i = 1; i <= rowCount; ++i) {
            insert.bindValue(0, i);
            insert.bindValue(1, QStringLiteral("%1 #%2").arg(chineseText).arg(i));
            insert.bindValue(2, qint64(i) * 3);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
        QVERIFY(db.commit());
    }

    QSqlQuery query(db);
    query.setForwardOnly(forwardOnly);
    QVERIFY(query.exec(QStringLiteral("SELECT id, name, price FROM items ORDER BY id")));
    QCOMPARE(query.at(), int(QSql::BeforeFirstRow));
    int count = 0;
    qint64 priceSum = 0;
    while (query.next()) {
        ++count;
        QCOMPARE(query.at(), count - 1);
        QCOMPARE(query.value(0).toLongLong(), qint64(count));
        if (count % 997 == 0)
            QCOMPARE(query.value(1).toString(), QStringLiteral("%1 #%2").arg(chineseText).arg(count));
        priceSum += query.value(2).toLongLong();
    }
    QVERIFY(!query.lastError().isValid());
    QCOMPARE(count, rowCount);
    QCOMPARE(priceSum, qint64(3) * rowCount * (rowCount + 1) / 2);
    QCOMPARE(query.at(), int(QSql::AfterLastRow));
    QVERIFY(!query.next());

    // Re-executing the statement starts again from the top.
    QVERIFY(query.exec(QStringLiteral("SELECT id FROM items ORDER BY id")));
    QVERIFY(query.seek(2499));
    QCOMPARE(query.value(0).toLongLong(), 2500);
    QVERIFY(query.last());
    QCOMPARE(query.at(), rowCount - 1);
    QCOMPARE(query.value(0).toLongLong(), qint64(rowCount));
    if (!forwardOnly) {
        QVERIFY(query.first());
        QCOMPARE(query.value(0).toLongLong(), 1);
        QVERIFY(query.seek(4000));
        QVERIFY(query.previous());
        QCOMPARE(query.value(0).toLongLong(), 4000);
    }
    query.finish();
    QVERIFY(!query.isActive());
    // finish() released the read lock: a write from the same connection works and nothing is left pending.
    QVERIFY(exec(db, QStringLiteral("UPDATE items SET price = price WHERE id = 1")));
}

void tst_SqlCipherDriver::scrollableQuery_seeksBothWays()
{
    ScopedConnection connection(newPath(QStringLiteral("scroll.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    const QStringList names = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    QVERIFY(createItems(connection.db(), names));

    QSqlQuery query(connection.db());
    QVERIFY(!query.isForwardOnly());
    QVERIFY(query.exec(QStringLiteral("SELECT name FROM items ORDER BY id")));
    QVERIFY(query.last());
    QCOMPARE(query.at(), 3);
    QCOMPARE(query.value(0).toString(), QStringLiteral("d"));
    QVERIFY(query.first());
    QCOMPARE(query.value(0).toString(), QStringLiteral("a"));
    QVERIFY(query.seek(2));
    QCOMPARE(query.value(0).toString(), QStringLiteral("c"));
    QVERIFY(query.previous());
    QCOMPARE(query.value(0).toString(), QStringLiteral("b"));
    QVERIFY(query.seek(1, true));
    QCOMPARE(query.value(0).toString(), QStringLiteral("c"));
    QVERIFY(!query.seek(10));
    QVERIFY(!query.isValid());
    QVERIFY(query.seek(0));
    QCOMPARE(query.value(0).toString(), QStringLiteral("a"));
    QVERIFY(!query.previous());
    QCOMPARE(query.record().fieldName(0), QStringLiteral("name"));

    // An empty result.
    QVERIFY(query.exec(QStringLiteral("SELECT name FROM items WHERE id < 0")));
    QVERIFY(query.isSelect());
    QVERIFY(!query.next());
    QVERIFY(!query.last());
    QVERIFY(!query.first());
}

void tst_SqlCipherDriver::forwardOnlyQuery_neverGoesBack()
{
    ScopedConnection connection(newPath(QStringLiteral("forward.db")), keyOptions(m_key));
    QVERIFY(connection.open());
    QVERIFY(createItems(connection.db(), {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));

    QSqlQuery query(connection.db());
    query.setForwardOnly(true);
    QVERIFY(query.exec(QStringLiteral("SELECT name FROM items ORDER BY id")));
    QVERIFY(query.next());
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("b"));
    QTest::ignoreMessage(QtWarningMsg, "QSqlQuery::seek: cannot seek backwards in a forward only query");
    QVERIFY(!query.previous());
    QVERIFY(query.last());
    QCOMPARE(query.value(0).toString(), QStringLiteral("c"));
    QCOMPARE(query.at(), 2);
    QVERIFY(!query.next());
}

void tst_SqlCipherDriver::process_neverLoadsQtSqlite()
{
#ifdef Q_OS_LINUX
    QFile maps(QStringLiteral("/proc/self/maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    QVERIFY2(!mapped.contains("libqsqlite"), "Qt's QSQLITE plugin was loaded into the process");
    QVERIFY2(!mapped.contains("libsqlite3.so"), "plain libsqlite3 was loaded next to libsqlcipher");
    QVERIFY(mapped.contains("libsqlcipher"));
#else
    QSKIP("Reads /proc/self/maps");
#endif
}

QTEST_GUILESS_MAIN(tst_SqlCipherDriver)

#include "tst_sqlcipherdriver.moc"
