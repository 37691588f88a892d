#pragma once

#include "xiaodian/Result.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

class QSqlDatabase;

// Running one statement on the desktop's cache, as the services that read it do (catalog, articles, orders, reviews,
// statistics): prepared, bound in order, forward only.
namespace xd::cache {

// ErrorCode::Database with the driver's message.
Error queryError(const QSqlQuery& query);

Result<QSqlQuery> run(const QSqlDatabase& db, const QString& sql, const QVariantList& values = {});

} // namespace xd::cache
