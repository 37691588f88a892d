#pragma once

#include "CommandContext.h"

#include <QHash>

namespace xd::server {

// staff.add, staff.update, staff.resetPassword (owner only, by the permission table). A shop always keeps at
// least one enabled owner; nobody disables or demotes themselves; a reset password or a disabled account ends
// that person's sessions at once.
void registerStaffCommands(QHash<QString, CommandHandler>& handlers);

} // namespace xd::server
