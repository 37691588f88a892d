#include "ShopCommands.h"

#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/db/Database.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
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

Result<QString> boundedString(const QJsonValue& value, const QString& field, int minLength, int maxLength)
{
    if (!value.isString())
        return invalid(QStringLiteral("field '%1' must be a string").arg(field));
    const QString text = value.toString().trimmed();
    if (text.size() < minLength || text.size() > maxLength)
        return invalid(QStringLiteral("field '%1' has %2 to %3 characters").arg(field).arg(minLength).arg(maxLength));
    return text;
}

Result<QJsonArray> stringList(const QJsonValue& value, const QString& field, int maxItems, int maxLength)
{
    if (!value.isArray())
        return invalid(QStringLiteral("field '%1' must be a list of strings").arg(field));
    const QJsonArray items = value.toArray();
    if (items.size() > maxItems)
        return invalid(QStringLiteral("field '%1' has at most %2 items").arg(field).arg(maxItems));
    QJsonArray out;
    for (const QJsonValue& item : items) {
        auto text = boundedString(item, field, 1, maxLength);
        if (!text)
            return text.error();
        out.append(*text);
    }
    return out;
}

bool isClockTime(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^([01][0-9]|2[0-3]):[0-5][0-9]$"));
    return pattern.match(text).hasMatch();
}

Result<QJsonArray> openingHours(const QJsonValue& value)
{
    if (!value.isArray() || value.toArray().size() > 14)
        return invalid(QStringLiteral("field 'openingHours' must be a list of at most 14 {days, open, close}"));
    QJsonArray out;
    for (const QJsonValue& item : value.toArray()) {
        const QJsonObject slot = item.toObject();
        const QJsonArray days = slot.value(QStringLiteral("days")).toArray();
        QSet<int> seen;
        QJsonArray cleanDays;
        for (const QJsonValue& day : days) {
            const int d = day.toInt(0);
            if (!day.isDouble() || d < 1 || d > 7 || seen.contains(d))
                return invalid(QStringLiteral("opening hours: days are distinct numbers 1 (Monday) to 7 (Sunday)"));
            seen.insert(d);
            cleanDays.append(d);
        }
        const QString open = slot.value(QStringLiteral("open")).toString();
        const QString close = slot.value(QStringLiteral("close")).toString();
        if (cleanDays.isEmpty() || !isClockTime(open) || !isClockTime(close) || open == close)
            return invalid(QStringLiteral("opening hours: each slot needs days and different open/close times HH:MM"));
        out.append(QJsonObject{
            {QStringLiteral("days"), cleanDays}, {QStringLiteral("open"), open}, {QStringLiteral("close"), close}});
    }
    return out;
}

Result<QJsonObject> customerService(const QJsonValue& value)
{
    if (!value.isObject())
        return invalid(QStringLiteral("field 'customerService' must be an object"));
    const QJsonObject in = value.toObject();
    QJsonObject out{{QStringLiteral("enabled"), in.value(QStringLiteral("enabled")).toBool(false)},
                    {QStringLiteral("greeting"), QString()},
                    {QStringLiteral("autoReply"), QString()}};
    if (in.contains(QStringLiteral("enabled")) && !in.value(QStringLiteral("enabled")).isBool())
        return invalid(QStringLiteral("customerService.enabled must be true or false"));
    for (const auto& [key, limit] :
         {std::pair{QStringLiteral("greeting"), 200}, std::pair{QStringLiteral("autoReply"), 500}}) {
        if (!in.contains(key))
            continue;
        auto text = boundedString(in.value(key), QStringLiteral("customerService.") + key, 0, limit);
        if (!text)
            return text.error();
        out.insert(key, *text);
    }
    return out;
}

Status updateProfile(CommandContext& context, const QJsonObject& args)
{
    static const QStringList known{QStringLiteral("name"),
                                   QStringLiteral("intro"),
                                   QStringLiteral("serviceItems"),
                                   QStringLiteral("openingHours"),
                                   QStringLiteral("address"),
                                   QStringLiteral("latitudeE6"),
                                   QStringLiteral("longitudeE6"),
                                   QStringLiteral("phones"),
                                   QStringLiteral("customerService")};
    if (args.isEmpty())
        return invalid(QStringLiteral("nothing to update"));
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(QStringLiteral("unknown field '%1'").arg(it.key()));
    }

    // Validate everything first; write only when all of it is good.
    QStringList profileSets;
    QVariantList profileValues;
    QString newName;
    if (args.contains(QStringLiteral("name"))) {
        auto name = boundedString(args.value(QStringLiteral("name")), QStringLiteral("name"), 1, 100);
        if (!name)
            return name.error();
        newName = *name;
    }
    if (args.contains(QStringLiteral("intro"))) {
        auto intro = boundedString(args.value(QStringLiteral("intro")), QStringLiteral("intro"), 0, 5000);
        if (!intro)
            return intro.error();
        profileSets << QStringLiteral("intro = ?");
        profileValues << *intro;
    }
    if (args.contains(QStringLiteral("serviceItems"))) {
        auto items = stringList(args.value(QStringLiteral("serviceItems")), QStringLiteral("serviceItems"), 50, 50);
        if (!items)
            return items.error();
        profileSets << QStringLiteral("service_items = ?");
        profileValues << compact(*items);
    }
    if (args.contains(QStringLiteral("openingHours"))) {
        auto hours = openingHours(args.value(QStringLiteral("openingHours")));
        if (!hours)
            return hours.error();
        profileSets << QStringLiteral("opening_hours = ?");
        profileValues << compact(*hours);
    }
    if (args.contains(QStringLiteral("address"))) {
        auto address = boundedString(args.value(QStringLiteral("address")), QStringLiteral("address"), 0, 200);
        if (!address)
            return address.error();
        profileSets << QStringLiteral("address = ?");
        profileValues << *address;
    }
    const bool hasLat = args.contains(QStringLiteral("latitudeE6"));
    if (hasLat != args.contains(QStringLiteral("longitudeE6")))
        return invalid(QStringLiteral("latitudeE6 and longitudeE6 are set together"));
    if (hasLat) {
        const QJsonValue lat = args.value(QStringLiteral("latitudeE6"));
        const QJsonValue lng = args.value(QStringLiteral("longitudeE6"));
        if (lat.isNull() && lng.isNull()) {
            profileSets << QStringLiteral("latitude_e6 = ?") << QStringLiteral("longitude_e6 = ?");
            profileValues << QVariant(QMetaType::fromType<qint64>()) << QVariant(QMetaType::fromType<qint64>());
        } else {
            auto latE6 = Json::requireInt64(args, QStringLiteral("latitudeE6"));
            auto lngE6 = Json::requireInt64(args, QStringLiteral("longitudeE6"));
            if (!latE6 || !lngE6 || *latE6 < -90'000'000 || *latE6 > 90'000'000 || *lngE6 < -180'000'000 ||
                *lngE6 > 180'000'000)
                return invalid(QStringLiteral("coordinates are integer millionths of a degree: latitude within ±90, "
                                              "longitude within ±180"));
            profileSets << QStringLiteral("latitude_e6 = ?") << QStringLiteral("longitude_e6 = ?");
            profileValues << *latE6 << *lngE6;
        }
    }
    if (args.contains(QStringLiteral("phones"))) {
        auto phones = stringList(args.value(QStringLiteral("phones")), QStringLiteral("phones"), 5, 20);
        if (!phones)
            return phones.error();
        static const QRegularExpression phonePattern(QStringLiteral("^\\+?[0-9][0-9 ()-]{2,19}$"));
        for (const QJsonValue& phone : *phones) {
            if (!phonePattern.match(phone.toString()).hasMatch())
                return invalid(QStringLiteral("'%1' is not a phone number").arg(phone.toString()));
        }
        profileSets << QStringLiteral("phones = ?");
        profileValues << compact(*phones);
    }
    if (args.contains(QStringLiteral("customerService"))) {
        auto service = customerService(args.value(QStringLiteral("customerService")));
        if (!service)
            return service.error();
        profileSets << QStringLiteral("customer_service = ?");
        profileValues << compact(*service);
    }

    auto version = context.version();
    if (!version)
        return version.error();
    const db::Database& database = context.database();
    if (!newName.isEmpty()) {
        auto renamed =
            database.exec(QStringLiteral("UPDATE shops SET name = ? WHERE id = ?"), {newName, context.actor().shopId});
        if (!renamed)
            return renamed.error();
    }
    profileSets << QStringLiteral("version = ?") << QStringLiteral("updated_at_ms = ?");
    profileValues << *version << context.now() << context.actor().shopId;
    auto updated = database.exec(
        QStringLiteral("UPDATE shop_profiles SET %1 WHERE shop_id = ?").arg(profileSets.join(QStringLiteral(", "))),
        profileValues);
    if (!updated)
        return updated.error();
    context.setAuditDetail(QStringList(args.keys()).join(QStringLiteral(", ")));
    return {};
}

struct ImageInfo
{
    QString contentType;
    int width = 0;
    int height = 0;
};

// The type comes from the bytes, never from a file name or a header the client chose.
Result<ImageInfo> inspectImage(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return invalid(QStringLiteral("the upload is empty"));
    if (bytes.size() > MaxPhotoBytes)
        return invalid(QStringLiteral("a photo is at most %1 MiB").arg(MaxPhotoBytes / (1024 * 1024)));
    ImageInfo info;
    QByteArray format;
    if (bytes.startsWith("\xFF\xD8\xFF")) {
        info.contentType = QStringLiteral("image/jpeg");
        format = "jpeg";
    } else if (bytes.startsWith("\x89PNG\r\n\x1A\n")) {
        info.contentType = QStringLiteral("image/png");
        format = "png";
    } else {
        return invalid(QStringLiteral("a photo must be a JPEG or PNG image"));
    }
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format);
    const QSize size = reader.size();
    if (!size.isValid())
        return invalid(QStringLiteral("the image cannot be read: %1").arg(reader.errorString()));
    if (size.width() < 16 || size.height() < 16 || size.width() > 8000 || size.height() > 8000)
        return invalid(QStringLiteral("a photo is 16 to 8000 pixels wide and high"));
    // Decode it once: a header that lies about the rest of the file is caught here, not in a customer's phone.
    if (reader.read().isNull())
        return invalid(QStringLiteral("the image is damaged: %1").arg(reader.errorString()));
    info.width = size.width();
    info.height = size.height();
    return info;
}

Status uploadPhoto(CommandContext& context, const QJsonObject& args)
{
    if (!args.isEmpty())
        return invalid(QStringLiteral("shop.uploadPhoto takes no arguments"));
    auto image = inspectImage(context.attachment());
    if (!image)
        return image.error();
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

    const QString sha256 =
        QString::fromLatin1(QCryptographicHash::hash(context.attachment(), QCryptographicHash::Sha256).toHex());
    auto stored = database.exec(
        QStringLiteral("INSERT INTO blobs (sha256, content_type, bytes, data, created_at_ms) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"),
        {sha256, image->contentType, qint64(context.attachment().size()), context.attachment(), context.now()});
    if (!stored)
        return stored.error();
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
         qint64(context.attachment().size()),
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
