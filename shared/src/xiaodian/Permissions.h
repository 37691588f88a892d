#pragma once

#include <QString>

namespace xd {

enum class Role { Owner, Clerk };

QString roleName(Role role); // "owner" | "clerk"
bool parseRole(const QString& name, Role* role);

// The permission table: which roles may run an operation (a sync mutation name or the REST operation of the
// same name). The server checks it for every operation; the desktop uses it to hide what a clerk cannot do.
// Clerks cannot touch money settings, staff or refunds. Unknown operations are allowed to nobody.
bool isAllowed(Role role, const QString& operation);

} // namespace xd
