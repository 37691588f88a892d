#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace xd::server {

enum class LogFormat { Text, Json };

// Installs the process-wide log format. Text: "2026-11-25T12:00:00.123Z info xd.http GET /healthz 200 1ms".
// Json: one object a line ({"ts","level","category","msg"}) for log shippers. `rules` are
// QLoggingCategory filter rules, e.g. "xd.db.debug=true".
void installLogging(LogFormat format, const QString& rules);

} // namespace xd::server
