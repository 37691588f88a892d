#include "xiaodian/db/SqlError.h"

namespace xd::db {

Error sqlError(const QString& context, const QSqlError& error)
{
    QString detail = error.databaseText();
    if (detail.isEmpty())
        detail = error.driverText();
    if (!error.nativeErrorCode().isEmpty())
        detail += QStringLiteral(" [%1]").arg(error.nativeErrorCode());
    return makeError(ErrorCode::Database, QStringLiteral("%1: %2").arg(context, detail.trimmed()));
}

} // namespace xd::db
