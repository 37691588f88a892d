#include "ShopCommands.h"

#include "BlobStore.h"
#include "ImageProcessor.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/ShopRules.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

QString compact(const QJsonValue& value)
{
    return QString::fromUtf8(value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

Status updateProfile(CommandContext& context, const QJsonObject& args)
{
    // The same rules the desktop checks with before it queues the operation (shared ShopRules).
    auto clean = ShopRules::normalizeProfileChange(args);
    if (!clean)
        return clean.error();

    static const QList<std::pair<QString, QString>> jsonColumns{
        {QStringLiteral("serviceItems"), QStringLiteral("service_items")},
        {QStringLiteral("openingHours"), QStringLiteral("opening_hours")},
        {QStringLiteral("phones"), QStringLiteral("phones")},
        {QStringLiteral("customerService"), QStringLiteral("customer_service")}};
    static const QList<std::pair<QString, QString>> textColumns{{QStringLiteral("intro"), QStringLiteral("intro")},
                                                                {QStringLiteral("address"), QStringLiteral("address")}};
    QStringList sets;
    QVariantList values;
    for (const auto& [field, column] : textColumns) {
        if (clean->contains(field)) {
            sets << column + QStringLiteral(" = ?");
            values << clean->value(field).toString();
        }
    }
    for (const auto& [field, column] : jsonColumns) {
        if (clean->contains(field)) {
            sets << column + QStringLiteral(" = ?");
            values << compact(clean->value(field));
        }
    }
    if (clean->contains(QStringLiteral("latitudeE6"))) {
        const QJsonValue lat = clean->value(QStringLiteral("latitudeE6"));
        const QJsonValue lng = clean->value(QStringLiteral("longitudeE6"));
        const QVariant nullCoordinate(QMetaType::fromType<qint64>());
        sets << QStringLiteral("latitude_e6 = ?") << QStringLiteral("longitude_e6 = ?");
        values << (lat.isNull() ? nullCoordinate : QVariant(lat.toInteger()))
               << (lng.isNull() ? nullCoordinate : QVariant(lng.toInteger()));
    }

    auto version = context.version();
    if (!version)
        return version.error();
    const db::Database& database = context.database();
    if (clean->contains(QStringLiteral("name"))) {
        auto renamed = database.exec(QStringLiteral("UPDATE shops SET name = ? WHERE id = ?"),
                                     {clean->value(QStringLiteral("name")).toString(), context.actor().shopId});
        if (!renamed)
            return renamed.error();
    }
    sets << QStringLiteral("version = ?") << QStringLiteral("updated_at_ms = ?");
    values << *version << context.now() << context.actor().shopId;
    auto updated = database.exec(
        QStringLiteral("UPDATE shop_profiles SET %1 WHERE shop_id = ?").arg(sets.join(QStringLiteral(", "))), values);
    if (!updated)
        return updated.error();
    context.setAuditDetail(QStringList(args.keys()).join(QStringLiteral(", ")));
    return {};
}

Status uploadPhoto(CommandContext& context, const QJsonObject& args)
{
    if (!args.isEmpty())
        return invalid(QStringLiteral("shop.uploadPhoto takes no arguments"));
    auto prepared = prepareImage(context.attachment()); // the photo is stored without its metadata (EXIF, GPS)
    if (!prepared)
        return prepared.error();
    const ImageRendition* image = &prepared->original;
    const db::Database& database = context.database();
    const QString shopId = context.actor().shopId;
    auto positions = database.exec(
        QStringLiteral(
            "SELECT COUNT(*), COALESCE(MAX(position), 0) FROM shop_photos WHERE shop_id = ? AND deleted = 0"),
        {shopId});
    if (!positions || !positions->next())
        return positions ? makeError(ErrorCode::Internal, QStringLiteral("no count")) : positions.error();
    if (positions->value(0).toInt() >= MaxShopPhotos)
        return makeError(ErrorCode::Conflict, QStringLiteral("a shop has at most %1 photos").arg(MaxShopPhotos));
    const int position = positions->value(1).toInt() + 1;

    const QString sha256 = image->sha256;
    if (const Status stored = storeBlob(database, sha256, image->contentType, image->data, context.now()); !stored)
        return stored;
    auto version = context.version();
    if (!version)
        return version.error();
    const QString id = Id::create(context.clock());
    auto inserted = database.exec(
        QStringLiteral(
            "INSERT INTO shop_photos (id, shop_id, position, blob_sha256, content_type, width, height, bytes, "
            "version, deleted, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"),
        {id,
         shopId,
         position,
         sha256,
         image->contentType,
         image->width,
         image->height,
         qint64(image->data.size()),
         *version,
         context.now(),
         context.now()});
    if (!inserted)
        return inserted.error();
    context.setCreatedId(id);
    context.setAuditDetail(QStringLiteral("photo %1 (%2x%3)").arg(id).arg(image->width).arg(image->height));
    return {};
}

Result<QStringList> livePhotoIds(const CommandContext& context)
{
    auto rows = context.database().exec(
        QStringLiteral("SELECT id FROM shop_photos WHERE shop_id = ? AND deleted = 0 ORDER BY position"),
        {context.actor().shopId});
    if (!rows)
        return rows.error();
    QStringList ids;
    while (rows->next())
        ids << rows->value(0).toString();
    return ids;
}

Status reorderPhotos(CommandContext& context, const QJsonObject& args)
{
    const QJsonValue value = args.value(QStringLiteral("ids"));
    if (!value.isArray())
        return invalid(QStringLiteral("field 'ids' must be the list of the shop's photo ids"));
    QStringList wanted;
    for (const QJsonValue& id : value.toArray())
        wanted << id.toString();
    auto current = livePhotoIds(context);
    if (!current)
        return current.error();
    QStringList sortedWanted = wanted;
    QStringList sortedCurrent = *current;
    sortedWanted.sort();
    sortedCurrent.sort();
    if (sortedWanted != sortedCurrent || wanted.removeDuplicates() != 0)
        return makeError(ErrorCode::Conflict, QStringLiteral("the photo list changed meanwhile; reload and try again"));
    auto version = context.version();
    if (!version)
        return version.error();
    for (int i = 0; i < wanted.size(); ++i) {
        auto updated = context.database().exec(
            QStringLiteral(
                "UPDATE shop_photos SET position = ?, version = ?, updated_at_ms = ? WHERE id = ? AND shop_id = ?"),
            {i + 1, *version, context.now(), wanted[i], context.actor().shopId});
        if (!updated)
            return updated.error();
    }
    context.setAuditDetail(QStringLiteral("%1 photos").arg(wanted.size()));
    return {};
}

Status removePhoto(CommandContext& context, const QJsonObject& args)
{
    auto id = Json::requireString(args, QStringLiteral("id"));
    if (!id)
        return id.error();
    auto version = context.version();
    if (!version)
        return version.error();
    auto updated =
        context.database().exec(QStringLiteral("UPDATE shop_photos SET deleted = 1, version = ?, updated_at_ms = ? "
                                               "WHERE id = ? AND shop_id = ? AND deleted = 0"),
                                {*version, context.now(), *id, context.actor().shopId});
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("no such photo"));
    context.setAuditDetail(*id);
    return {};
}

} // namespace

void registerShopCommands(QHash<QString, CommandHandler>& handlers)
{
    handlers.insert(QStringLiteral("shop.updateProfile"), &updateProfile);
    handlers.insert(QStringLiteral("shop.uploadPhoto"), &uploadPhoto);
    handlers.insert(QStringLiteral("shop.reorderPhotos"), &reorderPhotos);
    handlers.insert(QStringLiteral("shop.removePhoto"), &removePhoto);
}

} // namespace xd::server
