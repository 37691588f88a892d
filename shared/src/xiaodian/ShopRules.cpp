#include "xiaodian/ShopRules.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <cstdlib>

namespace xd {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

bool isIntegral(const QJsonValue& value)
{
    return value.isDouble() && std::trunc(value.toDouble()) == value.toDouble();
}

} // namespace

Result<QJsonObject> ShopRules::normalizeProfileChange(const QJsonObject& changes)
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

Status ShopRules::checkLogin(const QString& login)
{
    static const QRegularExpression loginPattern(QStringLiteral("^[\\p{L}\\p{N}_.@-]{1,64}$"));
    if (!loginPattern.match(login).hasMatch())
        return invalid(tr("A login has 1 to 64 letters, digits or _ . @ -"));
    return {};
}

Status ShopRules::checkPassword(const QString& password)
{
    if (password.size() < MinPasswordLength || password.size() > MaxPasswordLength)
        return invalid(tr("A password has %1 to %2 characters.").arg(MinPasswordLength).arg(MaxPasswordLength));
    return {};
}

Status ShopRules::checkDisplayName(const QString& trimmedName, bool required)
{
    if ((required && trimmedName.isEmpty()) || trimmedName.size() > MaxDisplayNameLength)
        return invalid(tr("A display name has %1 to %2 characters.").arg(required ? 1 : 0).arg(MaxDisplayNameLength));
    return {};
}

} // namespace xd
