#include "xiaodian/sync/Protocol.h"

#include "xiaodian/Json.h"

namespace xd::sync {

const QStringList& entities()
{
    static const QStringList list{QStringLiteral("shop"),
                                  QStringLiteral("staff"),
                                  QStringLiteral("shop_photo"),
                                  QStringLiteral("category"),
                                  QStringLiteral("product"),
                                  QStringLiteral("article"),
                                  QStringLiteral("review"),
                                  QStringLiteral("order"),
                                  QStringLiteral("order_settings"),
                                  QStringLiteral("stats_day"),
                                  QStringLiteral("stats_product_day")};
    return list;
}

int entityOrder(const QString& entity)
{
    return int(entities().indexOf(entity));
}

Result<Cursor> Cursor::decode(const QString& text)
{
    if (text.isEmpty())
        return Cursor{};
    // "version.entity.id"; the id may be empty only when entity is -1.
    const qsizetype firstDot = text.indexOf(QLatin1Char('.'));
    const qsizetype secondDot = firstDot < 0 ? -1 : text.indexOf(QLatin1Char('.'), firstDot + 1);
    const auto bad = makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed cookie '%1'").arg(text.left(80)));
    if (secondDot < 0)
        return bad;
    bool versionOk = false;
    bool entityOk = false;
    Cursor cursor;
    cursor.version = text.left(firstDot).toLongLong(&versionOk);
    cursor.entity = text.mid(firstDot + 1, secondDot - firstDot - 1).toInt(&entityOk);
    cursor.id = text.mid(secondDot + 1);
    if (!versionOk || !entityOk || cursor.version < 0 || cursor.entity < -1 || cursor.entity >= entities().size() ||
        (cursor.entity >= 0 && cursor.id.isEmpty()) || cursor.id.size() > 64)
        return bad;
    return cursor;
}

QString Cursor::encode() const
{
    if (version == 0 && entity < 0)
        return {};
    return QStringLiteral("%1.%2.%3").arg(version).arg(entity).arg(id);
}

bool Cursor::precedes(qint64 rowVersion, int rowEntity, const QString& rowId) const
{
    if (rowVersion != version)
        return rowVersion > version;
    if (entity < 0)
        return false; // the whole version was sent
    if (rowEntity != entity)
        return rowEntity > entity;
    return rowId > id;
}

QJsonObject SyncRow::toJson() const
{
    QJsonObject object{{QStringLiteral("entity"), entity},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("deleted"), deleted}};
    if (!deleted)
        object.insert(QStringLiteral("data"), data);
    return object;
}

Result<SyncRow> SyncRow::fromJson(const QJsonObject& object)
{
    SyncRow row;
    auto entity = Json::requireString(object, QStringLiteral("entity"));
    auto id = Json::requireString(object, QStringLiteral("id"));
    auto version = Json::requireInt64(object, QStringLiteral("version"));
    auto deleted = Json::requireBool(object, QStringLiteral("deleted"));
    if (!entity)
        return entity.error();
    if (!id)
        return id.error();
    if (!version)
        return version.error();
    if (!deleted)
        return deleted.error();
    row.entity = *entity;
    row.id = *id;
    row.version = *version;
    row.deleted = *deleted;
    if (!row.deleted) {
        const QJsonValue data = object.value(QStringLiteral("data"));
        if (!data.isObject())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("field 'data' must be an object"));
        row.data = data.toObject();
    }
    return row;
}

QJsonObject Mutation::toJson() const
{
    return QJsonObject{{QStringLiteral("mid"), mid}, {QStringLiteral("name"), name}, {QStringLiteral("args"), args}};
}

Result<Mutation> Mutation::fromJson(const QJsonObject& object)
{
    auto mid = Json::requireInt64(object, QStringLiteral("mid"));
    if (!mid)
        return mid.error();
    if (*mid < 1)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("field 'mid' must be at least 1"));
    auto name = Json::requireString(object, QStringLiteral("name"));
    if (!name)
        return name.error();
    const QJsonValue args = object.value(QStringLiteral("args"));
    if (!args.isUndefined() && !args.isObject())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("field 'args' must be an object"));
    return Mutation{*mid, *name, args.toObject()};
}

QJsonObject MutationResult::toJson() const
{
    QJsonObject object{{QStringLiteral("mid"), mid},
                       {QStringLiteral("status"),
                        status == Status::Accepted ? QStringLiteral("accepted") : QStringLiteral("rejected")}};
    if (status == Status::Rejected) {
        object.insert(QStringLiteral("code"), code);
        object.insert(QStringLiteral("message"), message);
    }
    return object;
}

Result<MutationResult> MutationResult::fromJson(const QJsonObject& object)
{
    auto mid = Json::requireInt64(object, QStringLiteral("mid"));
    auto status = Json::requireString(object, QStringLiteral("status"));
    if (!mid)
        return mid.error();
    if (!status)
        return status.error();
    MutationResult result;
    result.mid = *mid;
    if (*status == QLatin1String("accepted")) {
        result.status = Status::Accepted;
    } else if (*status == QLatin1String("rejected")) {
        result.status = Status::Rejected;
        result.code = object.value(QStringLiteral("code")).toString();
        result.message = object.value(QStringLiteral("message")).toString();
    } else {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown mutation status '%1'").arg(*status));
    }
    return result;
}

QJsonObject errorMessage(const QString& requestId, const QString& code, const QString& message)
{
    QJsonObject object{{QStringLiteral("type"), MessageType::Error},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("message"), message}};
    if (!requestId.isEmpty())
        object.insert(QStringLiteral("id"), requestId);
    return object;
}

} // namespace xd::sync
