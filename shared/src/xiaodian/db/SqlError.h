#pragma once

#include "xiaodian/Result.h"

#include <QSqlError>

namespace xd::db {

// Turns a driver error into our Error (code Database), with what we were doing in front.
Error sqlError(const QString& context, const QSqlError& error);

} // namespace xd::db
