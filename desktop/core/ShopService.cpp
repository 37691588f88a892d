#include "ShopService.h"

#include "xiaodian/Id.h"
#include "xiaodian/ShopRules.h"

#include <QJsonArray>

#include <algorithm>

namespace xd {

namespace {

const QString kUpdateProfile = QStringLiteral("shop.updateProfile");
const QString kReorderPhotos = QStringLiteral("shop.reorderPhotos");
const QString kRemovePhoto = QStringLiteral("shop.removePhoto");
const QString kStaffAdd = QStringLiteral("staff.add");
const QString kStaffUpdate = QStringLiteral("staff.update");
const QString kStaffResetPassword = QStringLiteral("staff.resetPassword");

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

StaffMember memberFrom(const CachedRow& row)
{
    StaffMember member;
    member.id = row.id;
    member.login = row.data.value(QStringLiteral("login")).toString();
    member.displayName = row.data.value(QStringLiteral("displayName")).toString();
    member.role = row.data.value(QStringLiteral("role")).toString();
    member.disabled = row.data.value(QStringLiteral("disabled")).toBool();
    member.confirmed = true;
    return member;
}

ShopPhoto photoFrom(const CachedRow& row)
{
    ShopPhoto photo;
    photo.id = row.id;
    photo.position = row.data.value(QStringLiteral("position")).toInt();
    photo.contentType = row.data.value(QStringLiteral("contentType")).toString();
    photo.width = row.data.value(QStringLiteral("width")).toInt();
    photo.height = row.data.value(QStringLiteral("height")).toInt();
    photo.bytes = row.data.value(QStringLiteral("bytes")).toInteger();
    photo.url = row.data.value(QStringLiteral("url")).toString();
    return photo;
}

} // namespace

ShopService::ShopService(CacheStore& store, Role role, QObject* parent) : QObject(parent), m_store(store), m_role(role)
{
    connect(&m_store, &CacheStore::entitiesChanged, this, &ShopService::onEntitiesChanged);
    connect(&m_store, &CacheStore::outboxChanged, this, &ShopService::onOutboxChanged);
}

ShopService::~ShopService() = default;

void ShopService::setIdentity(Role role, const QString& staffId)
{
    m_role = role;
    m_staffId = staffId;
}

bool ShopService::can(const QString& operation) const
{
    return isAllowed(m_role, operation);
}

Status ShopService::checkAllowed(const QString& operation) const
{
    if (!can(operation))
        return makeError(ErrorCode::PermissionDenied, tr("Only the shop owner can do this."));
    return {};
}

void ShopService::onEntitiesChanged(const QStringList& entities)
{
    if (entities.contains(CacheStore::ShopEntity))
        emit shopChanged();
    if (entities.contains(CacheStore::StaffEntity))
        emit staffChanged();
    if (entities.contains(CacheStore::PhotoEntity))
        emit photosChanged();
}

void ShopService::onOutboxChanged()
{
    // Any operation may change what the optimistic view shows; the views are cheap to rebuild.
    emit shopChanged();
    emit staffChanged();
    emit photosChanged();
    emit rejectedOperationsChanged();
}

// ---- views ----

Result<QList<OutboxEntry>> ShopService::viewOperations() const
{
    // Acknowledged operations come first: their mids are all lower than the pending ones'.
    auto acknowledged = m_store.acknowledgedOperations();
    if (!acknowledged)
        return acknowledged.error();
    auto pending = m_store.pendingOperations();
    if (!pending)
        return pending.error();
    return *acknowledged + *pending;
}

Result<QJsonObject> ShopService::shopProfile() const
{
    auto rows = m_store.rows(CacheStore::ShopEntity);
    if (!rows)
        return rows.error();
    QJsonObject profile;
    if (!rows->isEmpty()) {
        profile = rows->constFirst().data;
        profile.insert(QStringLiteral("id"), rows->constFirst().id);
    }
    auto pending = viewOperations();
    if (!pending)
        return pending.error();
    for (const OutboxEntry& entry : std::as_const(*pending)) {
        if (entry.name != kUpdateProfile)
            continue;
        for (auto it = entry.args.begin(); it != entry.args.end(); ++it)
            profile.insert(it.key(), it.value());
    }
    return profile;
}

QStringList ShopService::pendingProfileFields() const
{
    QStringList fields;
    const auto pending = m_store.pendingOperations().valueOr(QList<OutboxEntry>());
    for (const OutboxEntry& entry : pending) {
        if (entry.name != kUpdateProfile)
            continue;
        for (const QString& key : entry.args.keys()) {
            if (!fields.contains(key))
                fields.append(key);
        }
    }
    return fields;
}

Result<QList<StaffMember>> ShopService::staff() const
{
    auto rows = m_store.rows(CacheStore::StaffEntity);
    if (!rows)
        return rows.error();
    QList<StaffMember> list;
    for (const CachedRow& row : std::as_const(*rows))
        list.append(memberFrom(row));
    auto pending = viewOperations();
    if (!pending)
        return pending.error();
    for (const OutboxEntry& entry : std::as_const(*pending)) {
        const QString id = entry.args.value(QStringLiteral("id")).toString();
        auto it = std::find_if(list.begin(), list.end(), [&](const StaffMember& m) { return m.id == id; });
        if (entry.name == kStaffAdd) {
            if (it != list.end())
                continue; // already confirmed: the pull brought it before the ack was processed
            StaffMember member;
            member.id = id;
            member.login = entry.args.value(QStringLiteral("login")).toString();
            member.displayName = entry.args.value(QStringLiteral("displayName")).toString();
            if (member.displayName.isEmpty())
                member.displayName = member.login; // what the server stores
            member.role = entry.args.value(QStringLiteral("role")).toString();
            member.pending = entry.state == OutboxEntry::State::Pending;
            list.append(member);
        } else if (entry.name == kStaffUpdate && it != list.end()) {
            if (entry.args.contains(QStringLiteral("displayName")))
                it->displayName = entry.args.value(QStringLiteral("displayName")).toString();
            if (entry.args.contains(QStringLiteral("role")))
                it->role = entry.args.value(QStringLiteral("role")).toString();
            if (entry.args.contains(QStringLiteral("disabled")))
                it->disabled = entry.args.value(QStringLiteral("disabled")).toBool();
            it->pending = it->pending || entry.state == OutboxEntry::State::Pending;
        } else if (entry.name == kStaffResetPassword && it != list.end()) {
            it->pending = it->pending || entry.state == OutboxEntry::State::Pending;
        }
    }
    return list;
}

Result<QList<ShopPhoto>> ShopService::photos() const
{
    auto rows = m_store.rows(CacheStore::PhotoEntity);
    if (!rows)
        return rows.error();
    QList<ShopPhoto> list;
    for (const CachedRow& row : std::as_const(*rows))
        list.append(photoFrom(row));
    auto pending = viewOperations();
    if (!pending)
        return pending.error();
    for (const OutboxEntry& entry : std::as_const(*pending)) {
        if (entry.name == kRemovePhoto) {
            const QString id = entry.args.value(QStringLiteral("id")).toString();
            list.erase(std::remove_if(list.begin(), list.end(), [&](const ShopPhoto& p) { return p.id == id; }),
                       list.end());
        } else if (entry.name == kReorderPhotos) {
            const QJsonArray ids = entry.args.value(QStringLiteral("ids")).toArray();
            int position = 0;
            QStringList named;
            for (const QJsonValue& id : ids) {
                ++position;
                for (ShopPhoto& photo : list) {
                    if (photo.id == id.toString()) {
                        photo.position = position;
                        photo.pending = photo.pending || entry.state == OutboxEntry::State::Pending;
                        named << photo.id;
                    }
                }
            }
            // Photos the reorder did not name (uploaded meanwhile) keep their relative order after the rest.
            for (ShopPhoto& photo : list) {
                if (!named.contains(photo.id))
                    photo.position += position;
            }
            std::stable_sort(list.begin(), list.end(), [](const ShopPhoto& a, const ShopPhoto& b) {
                return a.position < b.position;
            });
        }
    }
    return list;
}

// ---- validation ----

Result<QJsonObject> ShopService::validate(const QString& name, const QJsonObject& args) const
{
    // Argument rules shared with the server (ShopRules); what only the cache can tell (ids, taken logins) is here.
    if (name == kUpdateProfile)
        return ShopRules::normalizeProfileChange(args);

    if (name == kStaffAdd) {
        QJsonObject out = args;
        const QString id = args.value(QStringLiteral("id")).toString();
        const QString login = args.value(QStringLiteral("login")).toString();
        const QString displayName = args.value(QStringLiteral("displayName")).toString().trimmed();
        Role role = Role::Clerk;
        if (!Id::isValid(id))
            return invalid(tr("The new staff member needs an id."));
        if (const Status ok = ShopRules::checkLogin(login); !ok)
            return ok.error();
        if (const Status ok = ShopRules::checkDisplayName(displayName, false); !ok)
            return ok.error();
        if (!parseRole(args.value(QStringLiteral("role")).toString(), &role))
            return invalid(tr("The role must be owner or clerk."));
        if (const Status ok = ShopRules::checkPassword(args.value(QStringLiteral("password")).toString()); !ok)
            return ok.error();
        auto current = staff();
        if (!current)
            return current.error();
        for (const StaffMember& member : std::as_const(*current)) {
            if (member.login == login && member.id != id)
                return makeError(ErrorCode::AlreadyExists, tr("The login '%1' is taken.").arg(login));
        }
        out.insert(QStringLiteral("displayName"), displayName);
        return out;
    }

    if (name == kStaffUpdate || name == kStaffResetPassword) {
        const QString id = args.value(QStringLiteral("id")).toString();
        auto current = staff();
        if (!current)
            return current.error();
        const auto it =
            std::find_if(current->cbegin(), current->cend(), [&](const StaffMember& m) { return m.id == id; });
        if (it == current->cend())
            return makeError(ErrorCode::NotFound, tr("There is no such staff member."));
        if (name == kStaffResetPassword) {
            if (args.size() != 2 || !args.value(QStringLiteral("password")).isString())
                return invalid(tr("Give the new password."));
            if (const Status ok = ShopRules::checkPassword(args.value(QStringLiteral("password")).toString()); !ok)
                return ok.error();
            return args;
        }
        QJsonObject out{{QStringLiteral("id"), id}};
        for (auto field = args.begin(); field != args.end(); ++field) {
            const QString key = field.key();
            if (key == QLatin1String("id"))
                continue;
            if (key == QLatin1String("displayName")) {
                const QString trimmed = field.value().toString().trimmed();
                if (const Status ok = ShopRules::checkDisplayName(trimmed, true); !ok || !field.value().isString())
                    return ok ? invalid(tr("A display name is text.")) : ok.error();
                out.insert(key, trimmed);
            } else if (key == QLatin1String("role")) {
                Role role = Role::Clerk;
                if (!parseRole(field.value().toString(), &role))
                    return invalid(tr("The role must be owner or clerk."));
                out.insert(key, roleName(role));
            } else if (key == QLatin1String("disabled")) {
                if (!field.value().isBool())
                    return invalid(tr("'disabled' must be true or false."));
                out.insert(key, field.value());
            } else {
                return invalid(tr("Unknown field '%1'.").arg(key));
            }
        }
        if (out.size() < 2)
            return invalid(tr("Nothing to update."));
        const bool losesOwnerRights = it->role == QLatin1String("owner") && !it->disabled &&
                                      (out.value(QStringLiteral("role")).toString(it->role) != QLatin1String("owner") ||
                                       out.value(QStringLiteral("disabled")).toBool(false));
        if (losesOwnerRights && id == m_staffId)
            return makeError(ErrorCode::Conflict, tr("You cannot disable or demote yourself."));
        return out;
    }

    if (name == kReorderPhotos) {
        const QJsonValue value = args.value(QStringLiteral("ids"));
        auto current = photos();
        if (!current)
            return current.error();
        QStringList wanted;
        for (const QJsonValue& id : value.toArray())
            wanted << id.toString();
        QStringList have;
        for (const ShopPhoto& photo : std::as_const(*current))
            have << photo.id;
        QStringList sortedWanted = wanted;
        sortedWanted.sort();
        have.sort();
        if (!value.isArray() || sortedWanted != have || wanted.removeDuplicates() != 0)
            return invalid(tr("The new order must list every photo exactly once."));
        return args;
    }

    if (name == kRemovePhoto) {
        const QString id = args.value(QStringLiteral("id")).toString();
        auto current = photos();
        if (!current)
            return current.error();
        if (std::none_of(current->cbegin(), current->cend(), [&](const ShopPhoto& p) { return p.id == id; }))
            return makeError(ErrorCode::NotFound, tr("There is no such photo."));
        return QJsonObject{{QStringLiteral("id"), id}};
    }
    return invalid(tr("Unknown operation '%1'.").arg(name));
}

Result<qint64> ShopService::submit(const QString& name, const QJsonObject& args)
{
    if (const Status allowed = checkAllowed(name); !allowed)
        return allowed.error();
    auto valid = validate(name, args);
    if (!valid)
        return valid.error();
    return m_store.enqueue(name, *valid);
}

// ---- edits ----

Result<qint64> ShopService::updateProfile(const QJsonObject& changes)
{
    return submit(kUpdateProfile, changes);
}

Result<qint64> ShopService::addStaff(
    const QString& login, const QString& displayName, Role role, const QString& password, QString* newId)
{
    const QString id = Id::create();
    auto mid = submit(kStaffAdd,
                      QJsonObject{{QStringLiteral("id"), id},
                                  {QStringLiteral("login"), login},
                                  {QStringLiteral("displayName"), displayName},
                                  {QStringLiteral("role"), roleName(role)},
                                  {QStringLiteral("password"), password}});
    if (mid && newId)
        *newId = id;
    return mid;
}

Result<qint64> ShopService::updateStaff(const QString& id, const QJsonObject& changes)
{
    QJsonObject args = changes;
    args.insert(QStringLiteral("id"), id);
    return submit(kStaffUpdate, args);
}

Result<qint64> ShopService::resetStaffPassword(const QString& id, const QString& password)
{
    return submit(kStaffResetPassword, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("password"), password}});
}

Result<qint64> ShopService::reorderPhotos(const QStringList& ids)
{
    return submit(kReorderPhotos, QJsonObject{{QStringLiteral("ids"), QJsonArray::fromStringList(ids)}});
}

Result<qint64> ShopService::removePhoto(const QString& id)
{
    return submit(kRemovePhoto, QJsonObject{{QStringLiteral("id"), id}});
}

QList<OutboxEntry> ShopService::rejectedOperations() const
{
    return m_store.rejectedOperations().valueOr(QList<OutboxEntry>());
}

Status ShopService::discardRejected(qint64 mid)
{
    return m_store.discardRejected(mid);
}

Result<qint64> ShopService::retryRejected(qint64 mid, const QJsonObject& replacementArgs)
{
    auto entry = m_store.operation(mid);
    if (!entry)
        return entry.error();
    if (!*entry || (*entry)->state != OutboxEntry::State::Rejected)
        return makeError(ErrorCode::NotFound, tr("There is no rejected operation %1.").arg(mid));
    QJsonObject args = (*entry)->args;
    for (auto it = replacementArgs.begin(); it != replacementArgs.end(); ++it)
        args.insert(it.key(), it.value());
    const QString name = (*entry)->name;
    if ((name == kStaffAdd || name == kStaffResetPassword) && !args.contains(QStringLiteral("password")))
        return invalid(tr("Enter the password again to retry."));
    auto newMid = submit(name, args);
    if (!newMid)
        return newMid;
    if (const Status discarded = m_store.discardRejected(mid); !discarded)
        return discarded.error();
    return newMid;
}

} // namespace xd
