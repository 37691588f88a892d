#include "SqlCipherResult.h"

#include "SqlCipherDriver.h"

#include <QDate>
#include <QDateTime>
#include <QSqlError>
#include <QSqlField>
#include <QTime>

#include <cstdint>
#include <limits>
#include <sqlite3.h>

namespace xd {

namespace {

// SQLITE_TRANSIENT spelled without the header's C-style cast: SQLite copies the bound data before the call returns.
sqlite3_destructor_type transientData()
{
    return reinterpret_cast<sqlite3_destructor_type>(static_cast<intptr_t>(-1));
}

// Qt's convention for "bind SQL NULL": an invalid or null variant, and also a null string, byte array or date.
bool isNullValue(const QVariant& value)
{
    if (!value.isValid() || value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return value.value<QString>().isNull();
    case QMetaType::QByteArray:
        return value.value<QByteArray>().isNull();
    case QMetaType::QDateTime:
        return !value.value<QDateTime>().isValid();
    case QMetaType::QDate:
        return !value.value<QDate>().isValid();
    case QMetaType::QTime:
        return !value.value<QTime>().isValid();
    default:
        return false;
    }
}

int bindText(sqlite3_stmt* stmt, int position, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    return sqlite3_bind_text64(stmt, position, utf8.constData(), quint64(utf8.size()), transientData(), SQLITE_UTF8);
}

int bindVariant(sqlite3_stmt* stmt, int position, const QVariant& value)
{
    if (isNullValue(value))
        return sqlite3_bind_null(stmt, position);
    switch (value.typeId()) {
    case QMetaType::Bool:
        return sqlite3_bind_int64(stmt, position, value.toBool() ? 1 : 0);
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
        return sqlite3_bind_int64(stmt, position, value.toLongLong());
    case QMetaType::ULongLong: {
        const qulonglong unsignedValue = value.toULongLong();
        // SQLite integers are signed 64-bit; refusing beats silently wrapping to a negative number.
        if (unsignedValue > qulonglong(std::numeric_limits<qint64>::max()))
            return SQLITE_RANGE;
        return sqlite3_bind_int64(stmt, position, qint64(unsignedValue));
    }
    case QMetaType::Double:
    case QMetaType::Float:
        return sqlite3_bind_double(stmt, position, value.toDouble());
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        return sqlite3_bind_blob64(stmt, position, bytes.constData(), quint64(bytes.size()), transientData());
    }
    case QMetaType::QString:
        return bindText(stmt, position, value.toString());
    case QMetaType::QDateTime:
        // ISO 8601 sorts as text and round-trips through QDateTime::fromString(..., Qt::ISODateWithMs).
        return bindText(stmt, position, value.toDateTime().toString(Qt::ISODateWithMs));
    case QMetaType::QDate:
        return bindText(stmt, position, value.toDate().toString(Qt::ISODate));
    case QMetaType::QTime:
        return bindText(stmt, position, value.toTime().toString(Qt::ISODateWithMs));
    default:
        if (value.canConvert<QString>())
            return bindText(stmt, position, value.toString());
        return SQLITE_MISMATCH;
    }
}

// Towards zero like SQLite's CAST(x AS INTEGER), clamped to the range: a plain cast of an out-of-range double is UB.
qint64 truncated(double value, qint64 lowest, qint64 highest)
{
    if (!(value > double(lowest)))
        return lowest;
    if (!(value < double(highest)))
        return highest;
    return qint64(value);
}

} // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver* driver) : QSqlResult(driver)
{
    driver->attachResult(this);
}

SqlCipherResult::~SqlCipherResult()
{
    // The driver may be gone already (QSqlResult tracks it with a QPointer); then it finalized us in its close().
    if (const SqlCipherDriver* driver = cipherDriver())
        driver->detachResult(this);
    finalizeStatement();
}

QMetaType SqlCipherResult::metaTypeForDeclaredType(const QString& declaredType)
{
    // SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1), in their order; plus dates and booleans,
    // which have NUMERIC affinity in SQLite but which we store as ISO text and 0/1.
    const QString type = declaredType.toUpper();
    if (type.contains(QLatin1String("INT")))
        return QMetaType(QMetaType::LongLong);
    if (type.contains(QLatin1String("CHAR")) || type.contains(QLatin1String("CLOB")) ||
        type.contains(QLatin1String("TEXT")))
        return QMetaType(QMetaType::QString);
    if (type.contains(QLatin1String("BLOB")))
        return QMetaType(QMetaType::QByteArray);
    if (type.isEmpty())
        return QMetaType();
    if (type.contains(QLatin1String("REAL")) || type.contains(QLatin1String("FLOA")) ||
        type.contains(QLatin1String("DOUB")))
        return QMetaType(QMetaType::Double);
    if (type.contains(QLatin1String("DATE")) || type.contains(QLatin1String("TIME")))
        return QMetaType(QMetaType::QString);
    if (type.contains(QLatin1String("BOOL")))
        return QMetaType(QMetaType::Bool);
    return QMetaType(QMetaType::Double);
}

void SqlCipherResult::detachFromConnection()
{
    finalizeStatement();
    clearRows();
    setAt(QSql::BeforeFirstRow);
    setActive(false);
}

const SqlCipherDriver* SqlCipherResult::cipherDriver() const
{
    return static_cast<const SqlCipherDriver*>(driver());
}

void SqlCipherResult::finalizeStatement()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

void SqlCipherResult::clearRows()
{
    m_rows.clear();
    m_firstRow = 0;
    m_done = true;
}

void SqlCipherResult::setSqliteError(const QString& what, int code, QSqlError::ErrorType type)
{
    const SqlCipherDriver* driver = cipherDriver();
    sqlite3* db = m_stmt ? sqlite3_db_handle(m_stmt) : (driver ? driver->connection() : nullptr);
    const QString databaseText = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(code));
    setLastError(QSqlError(what, databaseText, type, QString::number(code)));
}

bool SqlCipherResult::prepare(const QString& query)
{
    finalizeStatement();
    clearRows();
    m_record.clear();
    m_rowsAffected = -1;
    m_lastInsertId = QVariant();
    setSelect(false);

    const SqlCipherDriver* driver = cipherDriver();
    sqlite3* db = driver ? driver->connection() : nullptr;
    if (!db) {
        setLastError(QSqlError(tr("The database connection is closed"), QString(), QSqlError::ConnectionError));
        return false;
    }

    const QByteArray sql = query.toUtf8();
    const char* tail = nullptr;
    // Passing the size including the terminating NUL spares SQLite a copy of the statement text.
    int rc = sqlite3_prepare_v2(db, sql.constData(), int(sql.size()) + 1, &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        setSqliteError(tr("Unable to prepare the statement"), rc, QSqlError::StatementError);
        finalizeStatement();
        return false;
    }
    if (!m_stmt) {
        setLastError(QSqlError(tr("The query contains no SQL statement"), QString(), QSqlError::StatementError));
        return false;
    }
    // Only one statement per query: anything after it but whitespace, ';' and comments would be silently ignored.
    while (tail && *tail) {
        sqlite3_stmt* extra = nullptr;
        const char* next = nullptr;
        rc = sqlite3_prepare_v2(db, tail, -1, &extra, &next);
        if (extra || rc != SQLITE_OK) {
            sqlite3_finalize(extra);
            finalizeStatement();
            setLastError(QSqlError(tr("Unable to execute multiple statements at a time"),
                                   QString(),
                                   QSqlError::StatementError,
                                   QString::number(SQLITE_MISUSE)));
            return false;
        }
        if (next == tail)
            break;
        tail = next;
    }

    const int columns = sqlite3_column_count(m_stmt);
    for (int column = 0; column < columns; ++column) {
        const QString name = QString::fromUtf8(sqlite3_column_name(m_stmt, column));
        const QString declared = QString::fromUtf8(sqlite3_column_decltype(m_stmt, column));
        QSqlField field(name, metaTypeForDeclaredType(declared));
        m_record.append(field);
    }
    return true;
}

bool SqlCipherResult::bindValues()
{
    const QList<QVariant>& values = boundValues();
    const int expected = sqlite3_bind_parameter_count(m_stmt);
    if (values.size() != expected) {
        setLastError(QSqlError(tr("Parameter count mismatch: the statement has %1 placeholders, %2 values were bound")
                                   .arg(expected)
                                   .arg(values.size()),
                               QString(),
                               QSqlError::StatementError,
                               QString::number(SQLITE_RANGE)));
        return false;
    }
    for (int i = 0; i < expected; ++i) {
        const int rc = bindVariant(m_stmt, i + 1, values.at(i));
        if (rc != SQLITE_OK) {
            setSqliteError(
                tr("Unable to bind value %1 (%2)").arg(i + 1).arg(QString::fromLatin1(values.at(i).typeName())),
                rc,
                QSqlError::StatementError);
            return false;
        }
    }
    return true;
}

bool SqlCipherResult::exec()
{
    clearRows();
    m_rowsAffected = -1;
    m_lastInsertId = QVariant();
    setAt(QSql::BeforeFirstRow);
    setActive(false);
    if (!m_stmt) {
        setLastError(QSqlError(tr("No prepared statement to execute"), QString(), QSqlError::StatementError));
        return false;
    }
    setLastError(QSqlError());

    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (!bindValues())
        return false;

    sqlite3* db = sqlite3_db_handle(m_stmt);
    // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE even across other statements; comparing the
    // connection's running total tells whether this statement changed anything at all.
    const int totalBefore = sqlite3_total_changes(db);
    m_done = false;
    stepRow();
    if (lastError().isValid())
        return false;

    const bool changed = sqlite3_total_changes(db) != totalBefore;
    m_rowsAffected = changed ? sqlite3_changes(db) : 0;
    if (changed)
        m_lastInsertId = QVariant(qint64(sqlite3_last_insert_rowid(db)));

    // Expressions have no declared type: their first value tells what they are.
    if (!m_rows.isEmpty()) {
        const QVariantList& first = m_rows.constFirst();
        for (int column = 0; column < m_record.count(); ++column) {
            QSqlField field = m_record.field(column);
            if (!field.metaType().isValid() && first.at(column).metaType().isValid()) {
                field.setMetaType(first.at(column).metaType());
                m_record.replace(column, field);
            }
        }
    }

    setSelect(sqlite3_column_count(m_stmt) > 0);
    setActive(true);
    return true;
}

bool SqlCipherResult::reset(const QString& query)
{
    return prepare(query) && exec();
}

QVariantList SqlCipherResult::readRow() const
{
    const int columns = sqlite3_column_count(m_stmt);
    QVariantList row;
    row.reserve(columns);
    for (int column = 0; column < columns; ++column) {
        switch (sqlite3_column_type(m_stmt, column)) {
        case SQLITE_INTEGER:
            row.append(QVariant(qint64(sqlite3_column_int64(m_stmt, column))));
            break;
        case SQLITE_FLOAT:
            row.append(QVariant(sqlite3_column_double(m_stmt, column)));
            break;
        case SQLITE_TEXT: {
            // text before bytes: sqlite3_column_bytes() then reports the size of the UTF-8 form.
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
            const int bytes = sqlite3_column_bytes(m_stmt, column);
            row.append(QVariant(text ? QString::fromUtf8(text, bytes) : QString(QLatin1String(""))));
            break;
        }
        case SQLITE_BLOB: {
            const void* blob = sqlite3_column_blob(m_stmt, column);
            const int bytes = sqlite3_column_bytes(m_stmt, column);
            // A zero-length blob comes back as a null pointer; it is still an empty value, not SQL NULL.
            row.append(QVariant(blob ? QByteArray(static_cast<const char*>(blob), bytes) : QByteArray("")));
            break;
        }
        default:
            row.append(QVariant(m_record.field(column).metaType()));
            break;
        }
    }
    return row;
}

bool SqlCipherResult::stepRow()
{
    if (m_done || !m_stmt)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        m_rows.append(readRow());
        return true;
    }
    m_done = true;
    if (rc != SQLITE_DONE)
        setSqliteError(tr("Unable to fetch the row"), rc, QSqlError::StatementError);
    // Resetting at the end releases the statement's read lock at once instead of when the query is destroyed.
    sqlite3_reset(m_stmt);
    return false;
}

const QVariantList* SqlCipherResult::currentRow() const
{
    const int index = at() - m_firstRow;
    if (at() < 0 || index < 0 || index >= m_rows.size())
        return nullptr;
    return &m_rows.at(index);
}

bool SqlCipherResult::fetch(int index)
{
    if (!isActive() || !isSelect() || index < 0)
        return false;
    if (isForwardOnly() && index < at())
        return false;
    if (index < m_firstRow)
        return false;
    while (index >= m_firstRow + m_rows.size()) {
        if (isForwardOnly() && !m_rows.isEmpty()) {
            m_firstRow += int(m_rows.size());
            m_rows.clear();
        }
        if (!stepRow())
            return false;
    }
    if (isForwardOnly() && index > m_firstRow) {
        m_rows.remove(0, index - m_firstRow);
        m_firstRow = index;
    }
    setAt(index);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (!isActive() || !isSelect())
        return false;
    while (stepRow()) {
        if (isForwardOnly() && m_rows.size() > 1) {
            m_rows.removeFirst();
            ++m_firstRow;
        }
    }
    if (lastError().isValid() || m_rows.isEmpty())
        return false;
    setAt(m_firstRow + int(m_rows.size()) - 1);
    return true;
}

QVariant SqlCipherResult::data(int index)
{
    const QVariantList* row = currentRow();
    if (!row || index < 0 || index >= row->size())
        return QVariant();
    const QVariant& value = row->at(index);
    if (value.isNull())
        return value;
    switch (value.typeId()) {
    case QMetaType::LongLong:
        // LowPrecisionDouble (Qt's default policy) concerns floating-point values only: integers stay exact.
        return numericalPrecisionPolicy() == QSql::LowPrecisionInt32 ? QVariant(value.toInt()) : value;
    case QMetaType::Double:
        switch (numericalPrecisionPolicy()) {
        case QSql::LowPrecisionInt32:
            return QVariant(
                int(truncated(value.toDouble(), std::numeric_limits<int>::min(), std::numeric_limits<int>::max())));
        case QSql::LowPrecisionInt64:
            return QVariant(
                truncated(value.toDouble(), std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()));
        default:
            return value;
        }
    default:
        return value;
    }
}

bool SqlCipherResult::isNull(int index)
{
    const QVariantList* row = currentRow();
    return !row || index < 0 || index >= row->size() || row->at(index).isNull();
}

int SqlCipherResult::size()
{
    // SQLite cannot know the row count without stepping through all rows (QuerySize is false).
    return -1;
}

int SqlCipherResult::numRowsAffected()
{
    return isSelect() ? -1 : m_rowsAffected;
}

QSqlRecord SqlCipherResult::record() const
{
    if (!isActive() || !isSelect())
        return QSqlRecord();
    return m_record;
}

QVariant SqlCipherResult::lastInsertId() const
{
    return isActive() ? m_lastInsertId : QVariant();
}

void SqlCipherResult::detachFromResultSet()
{
    // QSqlQuery::finish(): stop reading, release the lock, keep the statement for the next exec().
    if (m_stmt)
        sqlite3_reset(m_stmt);
    clearRows();
}

} // namespace xd
