#include "StaffCommands.h"

#include "AuthService.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/ShopRules.h"
#include "xiaodian/db/Database.h"

#include <QSqlQuery>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Status checkPassword(const QString& password)
{
    return ShopRules::checkPassword(password);
}

struct StaffRow
{
    QString role;
    bool disabled = false;
};

Result<StaffRow> findStaff(const CommandContext& context, const QString& id)
{
    auto row = context.database().exec(
        QStringLiteral("SELECT role, disabled FROM staff WHERE id = ? AND shop_id = ? AND deleted = 0"),
        {id, context.actor().shopId});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such staff member in this shop"));
    return StaffRow{row->value(0).toString(), row->value(1).toInt() != 0};
}

Status addStaff(CommandContext& context, const QJsonObject& args)
{
    auto id = Json::requireString(args, QStringLiteral("id"));
    auto login = Json::requireString(args, QStringLiteral("login"));
    auto displayName = Json::optionalString(args, QStringLiteral("displayName"));
    auto roleText = Json::requireString(args, QStringLiteral("role"));
    auto password = Json::requireString(args, QStringLiteral("password"));
    for (const auto* field : {&id, &login, &displayName, &roleText, &password}) {
        if (!*field)
            return field->error();
    }
    if (!Id::isValid(*id))
        return invalid(QStringLiteral("field 'id' must be a UUID"));
    if (const Status ok = ShopRules::checkLogin(*login); !ok)
        return ok;
    if (const Status ok = ShopRules::checkDisplayName(displayName->trimmed(), false); !ok)
        return ok;
    Role role = Role::Clerk;
    if (!parseRole(*roleText, &role))
        return invalid(QStringLiteral("role must be 'owner' or 'clerk'"));
    if (const Status ok = checkPassword(*password); !ok)
        return ok;

    const db::Database& database = context.database();
    auto taken =
        database.scalar(QStringLiteral("SELECT COUNT(*) FROM staff WHERE (shop_id = ? AND login = ?) OR id = ?"),
                        {context.actor().shopId, *login, *id});
    if (!taken)
        return taken.error();
    if (taken->toInt() > 0)
        return makeError(ErrorCode::AlreadyExists, QStringLiteral("the login '%1' is taken").arg(*login));
    auto hash = context.hasher().hash(*password);
    if (!hash)
        return hash.error();
    auto version = context.version();
    if (!version)
        return version.error();
    auto inserted = database.exec(
        QStringLiteral("INSERT INTO staff (id, shop_id, login, display_name, role, password_hash, disabled, version, "
                       "deleted, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?)"),
        {*id,
         context.actor().shopId,
         *login,
         displayName->trimmed().isEmpty() ? *login : displayName->trimmed(),
         roleName(role),
         *hash,
         *version,
         context.now(),
         context.now()});
    if (!inserted)
        return inserted.error();
    context.setCreatedId(*id);
    context.setAuditDetail(QStringLiteral("%1 (%2)").arg(*login, roleName(role)));
    return {};
}

Status updateStaff(CommandContext& context, const QJsonObject& args)
{
    auto id = Json::requireString(args, QStringLiteral("id"));
    if (!id)
        return id.error();
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (it.key() != QLatin1String("id") && it.key() != QLatin1String("displayName") &&
            it.key() != QLatin1String("role") && it.key() != QLatin1String("disabled"))
            return invalid(QStringLiteral("unknown field '%1'").arg(it.key()));
    }
    if (args.size() < 2)
        return invalid(QStringLiteral("nothing to update"));
    auto current = findStaff(context, *id);
    if (!current)
        return current.error();

    QStringList sets;
    QVariantList values;
    QString newRole = current->role;
    bool newDisabled = current->disabled;
    if (args.contains(QStringLiteral("displayName"))) {
        auto name = Json::requireString(args, QStringLiteral("displayName"));
        if (!name)
            return name.error();
        if (const Status ok = ShopRules::checkDisplayName(name->trimmed(), true); !ok)
            return ok;
        sets << QStringLiteral("display_name = ?");
        values << name->trimmed();
    }
    if (args.contains(QStringLiteral("role"))) {
        auto roleText = Json::requireString(args, QStringLiteral("role"));
        Role role = Role::Clerk;
        if (!roleText || !parseRole(*roleText, &role))
            return invalid(QStringLiteral("role must be 'owner' or 'clerk'"));
        newRole = roleName(role);
        sets << QStringLiteral("role = ?");
        values << newRole;
    }
    if (args.contains(QStringLiteral("disabled"))) {
        auto disabled = Json::requireBool(args, QStringLiteral("disabled"));
        if (!disabled)
            return disabled.error();
        newDisabled = *disabled;
        sets << QStringLiteral("disabled = ?");
        values << (newDisabled ? 1 : 0);
    }
    const bool losesOwnerRights = current->role == QLatin1String("owner") && !current->disabled &&
                                  (newRole != QLatin1String("owner") || newDisabled);
    if (losesOwnerRights && *id == context.actor().staffId)
        return makeError(ErrorCode::Conflict, QStringLiteral("you cannot disable or demote yourself"));
    if (losesOwnerRights) {
        auto owners = context.database().scalar(
            QStringLiteral(
                "SELECT COUNT(*) FROM staff WHERE shop_id = ? AND role = 'owner' AND disabled = 0 AND deleted = 0"),
            {context.actor().shopId});
        if (!owners)
            return owners.error();
        if (owners->toInt() <= 1)
            return makeError(ErrorCode::Conflict, QStringLiteral("a shop keeps at least one enabled owner"));
    }

    auto version = context.version();
    if (!version)
        return version.error();
    sets << QStringLiteral("version = ?") << QStringLiteral("updated_at_ms = ?");
    values << *version << context.now() << *id << context.actor().shopId;
    auto updated = context.database().exec(
        QStringLiteral("UPDATE staff SET %1 WHERE id = ? AND shop_id = ?").arg(sets.join(QStringLiteral(", "))),
        values);
    if (!updated)
        return updated.error();
    if (newDisabled && !current->disabled) {
        if (const Status revoked = AuthService::revokeAll(context.database(), *id, context.now()); !revoked)
            return revoked;
        context.sessionsRevokedFor(*id);
    }
    context.setAuditDetail(QStringLiteral("%1: %2").arg(*id, QStringList(args.keys()).join(QStringLiteral(", "))));
    return {};
}

Status resetPassword(CommandContext& context, const QJsonObject& args)
{
    auto id = Json::requireString(args, QStringLiteral("id"));
    auto password = Json::requireString(args, QStringLiteral("password"));
    if (!id)
        return id.error();
    if (!password)
        return password.error();
    if (const Status ok = checkPassword(*password); !ok)
        return ok;
    auto current = findStaff(context, *id);
    if (!current)
        return current.error();
    auto hash = context.hasher().hash(*password);
    if (!hash)
        return hash.error();
    auto version = context.version();
    if (!version)
        return version.error();
    auto updated = context.database().exec(
        QStringLiteral(
            "UPDATE staff SET password_hash = ?, version = ?, updated_at_ms = ? WHERE id = ? AND shop_id = ?"),
        {*hash, *version, context.now(), *id, context.actor().shopId});
    if (!updated)
        return updated.error();
    if (const Status revoked = AuthService::revokeAll(context.database(), *id, context.now()); !revoked)
        return revoked;
    context.sessionsRevokedFor(*id);
    context.setAuditDetail(*id);
    return {};
}

} // namespace

void registerStaffCommands(QHash<QString, CommandHandler>& handlers)
{
    handlers.insert(QStringLiteral("staff.add"), &addStaff);
    handlers.insert(QStringLiteral("staff.update"), &updateStaff);
    handlers.insert(QStringLiteral("staff.resetPassword"), &resetPassword);
}

} // namespace xd::server
