#pragma once

#include "xiaodian/Permissions.h"

#include <QString>

namespace xd::server {

// Who is calling: a signed-in staff member of one shop. Every query a handler runs is scoped to shopId.
struct Actor
{
    QString shopId;
    QString staffId;
    Role role = Role::Clerk;
};

} // namespace xd::server
