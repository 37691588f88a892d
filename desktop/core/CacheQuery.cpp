#include "CacheQuery.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace xd::cache {

Error queryError(const QSqlQuery& query)
{
    return makeError(ErrorCode::Database, QStringLiteral("cache query: %1").arg(query.lastError().text()));
}

Result<QSqlQuery> run(const QSqlDatabase& db, const QString& sql, const QVariantList& values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return queryError(query);
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return queryError(query);
    return query;
}

} // namespace xd::cache
