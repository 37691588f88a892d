#pragma once

#include "ServerConfig.h"

namespace xd {
class Clock;
}

namespace xd::server {

// `syncserver shop create`, `syncserver staff add`, `syncserver images gc` and `syncserver stats rebuild`: the platform
// operator's commands. They open and migrate the configured database, do one thing in one transaction (gc: one per
// shop), print the result, and return the exit code.
int runAdminCommand(const CommandLine& commandLine, const Clock& clock);

} // namespace xd::server
