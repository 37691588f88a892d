#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QSqlError>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

struct sqlite3_stmt;

namespace xd {

class SqlCipherDriver;

// One statement of a SqlCipherDriver connection. Each exec() steps the statement once so that DML runs and errors
// show at exec() time; further rows are stepped on demand. Rows are converted to QVariants as they are stepped:
//  - forward-only queries keep only the current row, so a loop over 100,000 rows uses constant memory;
//  - scrollable queries (QSqlQuery's default) keep every row stepped so far, which makes seek()/previous()/first()/
//    last() exact. Use setForwardOnly(true) for large results.
// Values: INTEGER -> qint64, FLOAT -> double, TEXT -> QString, BLOB -> QByteArray, NULL -> a null QVariant of the
// column's declared type. Precision policies: LowPrecisionInt32 narrows integers to int; LowPrecisionInt32/Int64
// truncate floating-point values; Qt's default LowPrecisionDouble leaves both as they are.
// Named placeholders are rewritten to '?' by QSqlResult (the driver does not claim NamedPlaceholders).
class SqlCipherResult final : public QSqlResult
{
    Q_DECLARE_TR_FUNCTIONS(SqlCipherResult)

public:
    explicit SqlCipherResult(const SqlCipherDriver* driver);
    ~SqlCipherResult() override;
    Q_DISABLE_COPY_MOVE(SqlCipherResult)

    // The Qt type a column declared as `declaredType` gets, after SQLite's affinity rules ("VARCHAR(20)" -> QString).
    static QMetaType metaTypeForDeclaredType(const QString& declaredType);

    // Called by the driver's close(): finalizes the statement so the connection can close; the result goes inactive.
    void detachFromConnection();

protected:
    bool prepare(const QString& query) override;
    bool exec() override;
    bool reset(const QString& query) override;
    QVariant data(int index) override;
    bool isNull(int index) override;
    bool fetch(int index) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    QVariant lastInsertId() const override;
    void detachFromResultSet() override;

private:
    const SqlCipherDriver* cipherDriver() const;
    void finalizeStatement();
    void clearRows();
    bool bindValues();
    // One sqlite3_step(): appends the row and returns true, or returns false at the end or on an error (lastError set).
    bool stepRow();
    QVariantList readRow() const;
    const QVariantList* currentRow() const;
    void setSqliteError(const QString& what, int code, QSqlError::ErrorType type);

    sqlite3_stmt* m_stmt = nullptr;
    QSqlRecord m_record;
    QList<QVariantList> m_rows; // rows stepped and kept; m_rows[0] is row number m_firstRow
    int m_firstRow = 0;
    bool m_done = true; // no more rows to step
    int m_rowsAffected = -1;
    QVariant m_lastInsertId;
};

} // namespace xd
