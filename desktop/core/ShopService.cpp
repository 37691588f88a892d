#include "ShopService.h"

#include "xiaodian/Id.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace xd {

namespace {

// The server's limits (syncserver ShopCommands/StaffCommands); checked here so the user hears about bad input
// while typing rather than from a rejection minutes later. The server stays the judge.
constexpr int MaxShopNameLength = 100;
constexpr int MaxIntroLength = 5000;
constexpr int MaxServiceItems = 50;
constexpr int MaxServiceItemLength = 50;
constexpr int MaxOpeningSlots = 14;
constexpr int MaxAddressLength = 200;
constexpr int MaxPhones = 5;
constexpr int MaxPhoneLength = 20;
constexpr int MaxGreetingLength = 200;
constexpr int MaxAutoReplyLength = 500;
constexpr int MaxDisplayNameLength = 50;
constexpr int MinPasswordLength = 8;
constexpr int MaxPasswordLength = 200;
constexpr qint64 MaxLatitudeE6 = 90'000'000;
constexpr qint64 MaxLongitudeE6 = 180'000'000;

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

bool isIntegral(const QJsonValue& value)
{
    return value.isDouble() && value.toDouble() == double(value.toInteger());
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
    auto pending = m_store.pendingOperations();
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
    auto pending = m_store.pendingOperations();
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
            member.pending = true;
            list.append(member);
        } else if (entry.name == kStaffUpdate && it != list.end()) {
            if (entry.args.contains(QStringLiteral("displayName")))
                it->displayName = entry.args.value(QStringLiteral("displayName")).toString();
            if (entry.args.contains(QStringLiteral("role")))
                it->role = entry.args.value(QStringLiteral("role")).toString();
            if (entry.args.contains(QStringLiteral("disabled")))
                it->disabled = entry.args.value(QStringLiteral("disabled")).toBool();
            it->pending = true;
        } else if (entry.name == kStaffResetPassword && it != list.end()) {
            it->pending = true;
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
    auto pending = m_store.pendingOperations();
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
            for (const QJsonValue& id : ids) {
                ++position;
                for (ShopPhoto& photo : list) {
                    if (photo.id == id.toString()) {
                        photo.position = position;
                        photo.pending = true;
                    }
                }
            }
            // Photos the reorder did not name (uploaded meanwhile) keep their relative order after the rest.
            for (ShopPhoto& photo : list) {
                if (!photo.pending)
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

Result<QJsonObject> ShopService::validateProfile(const QJsonObject& changes) const
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
    if (changes.isEmpty())
        return invalid(tr("Nothing to update."));
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(tr("Unknown field '%1'.").arg(it.key()));
    }
    QJsonObject out;
    auto text = [&](const QString& key, int minLength, int maxLength, const QString& label) -> Status {
        if (!changes.contains(key))
            return {};
        const QJsonValue value = changes.value(key);
        const QString trimmed = value.toString().trimmed();
        if (!value.isString() || trimmed.size() < minLength || trimmed.size() > maxLength)
            return invalid(tr("%1 has %2 to %3 characters.").arg(label).arg(minLength).arg(maxLength));
        out.insert(key, trimmed);
        return {};
    };
    if (const Status s = text(QStringLiteral("name"), 1, MaxShopNameLength, tr("The shop name")); !s)
        return s.error();
    if (const Status s = text(QStringLiteral("intro"), 0, MaxIntroLength, tr("The introduction")); !s)
        return s.error();
    if (const Status s = text(QStringLiteral("address"), 0, MaxAddressLength, tr("The address")); !s)
        return s.error();

    auto stringList = [&](const QString& key, int maxItems, int maxLength) -> Result<QJsonArray> {
        const QJsonValue value = changes.value(key);
        if (!value.isArray() || value.toArray().size() > maxItems)
            return invalid(tr("At most %1 entries are allowed.").arg(maxItems));
        QJsonArray items;
        for (const QJsonValue& item : value.toArray()) {
            const QString trimmed = item.toString().trimmed();
            if (!item.isString() || trimmed.isEmpty() || trimmed.size() > maxLength)
                return invalid(tr("Each entry has 1 to %1 characters.").arg(maxLength));
            items.append(trimmed);
        }
        return items;
    };
    if (changes.contains(QStringLiteral("serviceItems"))) {
        auto items = stringList(QStringLiteral("serviceItems"), MaxServiceItems, MaxServiceItemLength);
        if (!items)
            return items.error();
        out.insert(QStringLiteral("serviceItems"), *items);
    }
    if (changes.contains(QStringLiteral("phones"))) {
        auto phones = stringList(QStringLiteral("phones"), MaxPhones, MaxPhoneLength);
        if (!phones)
            return phones.error();
        static const QRegularExpression phonePattern(QStringLiteral("^\\+?[0-9][0-9 ()-]{2,19}$"));
        for (const QJsonValue& phone : std::as_const(*phones)) {
            if (!phonePattern.match(phone.toString()).hasMatch())
                return invalid(tr("'%1' is not a phone number.").arg(phone.toString()));
        }
        out.insert(QStringLiteral("phones"), *phones);
    }
    if (changes.contains(QStringLiteral("openingHours"))) {
        const QJsonValue value = changes.value(QStringLiteral("openingHours"));
        if (!value.isArray() || value.toArray().size() > MaxOpeningSlots)
            return invalid(tr("Opening hours have at most %1 time slots.").arg(MaxOpeningSlots));
        static const QRegularExpression clockTime(QStringLiteral("^([01][0-9]|2[0-3]):[0-5][0-9]$"));
        QJsonArray timeSlots;
        for (const QJsonValue& item : value.toArray()) {
            const QJsonObject slot = item.toObject();
            QJsonArray days;
            QSet<int> seen;
            for (const QJsonValue& day : slot.value(QStringLiteral("days")).toArray()) {
                const int d = day.toInt(0);
                if (!isIntegral(day) || d < 1 || d > 7 || seen.contains(d))
                    return invalid(tr("Opening days are distinct numbers from 1 (Monday) to 7 (Sunday)."));
                seen.insert(d);
                days.append(d);
            }
            const QString open = slot.value(QStringLiteral("open")).toString();
            const QString close = slot.value(QStringLiteral("close")).toString();
            if (days.isEmpty() || !clockTime.match(open).hasMatch() || !clockTime.match(close).hasMatch() ||
                open == close)
                return invalid(tr("Each time slot needs days and different opening and closing times (HH:MM)."));
            timeSlots.append(QJsonObject{
                {QStringLiteral("days"), days}, {QStringLiteral("open"), open}, {QStringLiteral("close"), close}});
        }
        out.insert(QStringLiteral("openingHours"), timeSlots);
    }
    const bool hasLatitude = changes.contains(QStringLiteral("latitudeE6"));
    if (hasLatitude != changes.contains(QStringLiteral("longitudeE6")))
        return invalid(tr("Latitude and longitude are set together."));
    if (hasLatitude) {
        const QJsonValue lat = changes.value(QStringLiteral("latitudeE6"));
        const QJsonValue lng = changes.value(QStringLiteral("longitudeE6"));
        if (!(lat.isNull() && lng.isNull())) {
            if (!isIntegral(lat) || !isIntegral(lng) || std::abs(lat.toInteger()) > MaxLatitudeE6 ||
                std::abs(lng.toInteger()) > MaxLongitudeE6)
                return invalid(tr("The location is outside the valid range."));
        }
        out.insert(QStringLiteral("latitudeE6"), lat);
        out.insert(QStringLiteral("longitudeE6"), lng);
    }
    if (changes.contains(QStringLiteral("customerService"))) {
        const QJsonValue value = changes.value(QStringLiteral("customerService"));
        const QJsonObject in = value.toObject();
        if (!value.isObject() ||
            (in.contains(QStringLiteral("enabled")) && !in.value(QStringLiteral("enabled")).isBool()))
            return invalid(tr("The customer service settings are malformed."));
        // The server replaces the whole object, filling what is missing: mirror that so the view matches.
        QJsonObject service{{QStringLiteral("enabled"), in.value(QStringLiteral("enabled")).toBool(false)},
                            {QStringLiteral("greeting"), QString()},
                            {QStringLiteral("autoReply"), QString()}};
        for (const auto& [key, limit] : {std::pair{QStringLiteral("greeting"), MaxGreetingLength},
                                         std::pair{QStringLiteral("autoReply"), MaxAutoReplyLength}}) {
            if (!in.contains(key))
                continue;
            const QString trimmed = in.value(key).toString().trimmed();
            if (!in.value(key).isString() || trimmed.size() > limit)
                return invalid(tr("A customer service message has at most %1 characters.").arg(limit));
            service.insert(key, trimmed);
        }
        out.insert(QStringLiteral("customerService"), service);
    }
    return out;
}

Result<QJsonObject> ShopService::validate(const QString& name, const QJsonObject& args) const
{
    if (name == kUpdateProfile)
        return validateProfile(args);

    auto passwordOk = [](const QJsonValue& value) {
        const QString password = value.toString();
        return value.isString() && password.size() >= MinPasswordLength && password.size() <= MaxPasswordLength;
    };
    const QString passwordRule =
        tr("A password has %1 to %2 characters.").arg(MinPasswordLength).arg(MaxPasswordLength);

    if (name == kStaffAdd) {
        static const QRegularExpression loginPattern(QStringLiteral("^[\\p{L}\\p{N}_.@-]{1,64}$"));
        QJsonObject out = args;
        const QString id = args.value(QStringLiteral("id")).toString();
        const QString login = args.value(QStringLiteral("login")).toString();
        const QString displayName = args.value(QStringLiteral("displayName")).toString().trimmed();
        Role role = Role::Clerk;
        if (!Id::isValid(id))
            return invalid(tr("The new staff member needs an id."));
        if (!loginPattern.match(login).hasMatch())
            return invalid(tr("A login has 1 to 64 letters, digits or _ . @ -"));
        if (displayName.size() > MaxDisplayNameLength)
            return invalid(tr("A display name has at most %1 characters.").arg(MaxDisplayNameLength));
        if (!parseRole(args.value(QStringLiteral("role")).toString(), &role))
            return invalid(tr("The role must be owner or clerk."));
        if (!passwordOk(args.value(QStringLiteral("password"))))
            return invalid(passwordRule);
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
            if (args.size() != 2 || !passwordOk(args.value(QStringLiteral("password"))))
                return invalid(passwordRule);
            return args;
        }
        QJsonObject out{{QStringLiteral("id"), id}};
        for (auto field = args.begin(); field != args.end(); ++field) {
            const QString key = field.key();
            if (key == QLatin1String("id"))
                continue;
            if (key == QLatin1String("displayName")) {
                const QString trimmed = field.value().toString().trimmed();
                if (!field.value().isString() || trimmed.isEmpty() || trimmed.size() > MaxDisplayNameLength)
                    return invalid(tr("A display name has 1 to %1 characters.").arg(MaxDisplayNameLength));
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
