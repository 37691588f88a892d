#include "xiaodian/Permissions.h"

#include <QHash>

namespace xd {

namespace {

enum class Who { Anyone, OwnerOnly };

const QHash<QString, Who>& table()
{
    static const QHash<QString, Who> operations{
        {QStringLiteral("shop.updateProfile"), Who::Anyone},
        {QStringLiteral("shop.uploadPhoto"), Who::Anyone},
        {QStringLiteral("shop.reorderPhotos"), Who::Anyone},
        {QStringLiteral("shop.removePhoto"), Who::Anyone},
        // Owners and clerks keep the catalog.
        {QStringLiteral("category.save"), Who::Anyone},
        {QStringLiteral("category.delete"), Who::Anyone},
        {QStringLiteral("category.reorder"), Who::Anyone},
        {QStringLiteral("product.save"), Who::Anyone},
        {QStringLiteral("product.setShelf"), Who::Anyone},
        {QStringLiteral("product.delete"), Who::Anyone},
        // Catalog image uploads (POST /admin/v1/shops/{shopId}/images): not a command, but the same table decides.
        {QStringLiteral("image.upload"), Who::Anyone},
        // Stock counts and prices are catalog work too (product.save already sets both for new SKUs).
        {QStringLiteral("product.adjustStock"), Who::Anyone},
        {QStringLiteral("product.setPrice"), Who::Anyone},
        // ... and the shop's articles (info posts).
        {QStringLiteral("article.save"), Who::Anyone},
        {QStringLiteral("article.delete"), Who::Anyone},
        {QStringLiteral("staff.add"), Who::OwnerOnly},
        {QStringLiteral("staff.update"), Who::OwnerOnly},
        {QStringLiteral("staff.resetPassword"), Who::OwnerOnly},
    };
    return operations;
}

} // namespace

QString roleName(Role role)
{
    return role == Role::Owner ? QStringLiteral("owner") : QStringLiteral("clerk");
}

bool parseRole(const QString& name, Role* role)
{
    if (name == QLatin1String("owner"))
        *role = Role::Owner;
    else if (name == QLatin1String("clerk"))
        *role = Role::Clerk;
    else
        return false;
    return true;
}

bool isAllowed(Role role, const QString& operation)
{
    const auto it = table().constFind(operation);
    if (it == table().cend())
        return false;
    return *it == Who::Anyone || role == Role::Owner;
}

} // namespace xd
