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
        // Reviews (docs/reviews.md): anyone answers a customer; only the owner takes a review off the product page.
        {QStringLiteral("review.reply"), Who::Anyone},
        {QStringLiteral("review.setHidden"), Who::OwnerOnly},
        // Orders: owners and clerks run the daily work; the order state machine (OrderState.h) further refuses a
        // clerk what moves money out (cancelling a paid order). Refunds and the order settings (fees) are the owner's.
        {QStringLiteral("order.accept"), Who::Anyone},
        {QStringLiteral("order.ship"), Who::Anyone},
        {QStringLiteral("order.readyForPickup"), Who::Anyone},
        {QStringLiteral("order.startService"), Who::Anyone},
        {QStringLiteral("order.complete"), Who::Anyone},
        {QStringLiteral("order.markCollected"), Who::Anyone},
        {QStringLiteral("order.cancel"), Who::Anyone},
        {QStringLiteral("order.remark"), Who::Anyone},
        {QStringLiteral("order.refund"), Who::OwnerOnly},
        {QStringLiteral("order.rejectRefund"), Who::OwnerOnly},
        {QStringLiteral("orderSettings.update"), Who::OwnerOnly},
        {QStringLiteral("shopWechat.update"), Who::OwnerOnly}, // WeChat login and Pay credentials
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
