#pragma once

#include "xiaodian/db/Migration.h"

#include <QList>

namespace xd::server {

// The server database's migrations, oldest first. Append new ones; never edit a released one.
QList<db::Migration> serverMigrations();

} // namespace xd::server
