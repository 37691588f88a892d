#pragma once

#include "xiaodian/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace xd {

// The rules of the shop and staff operations' arguments, in one place for both sides: the server judges with them,
// and the desktop checks with them before it queues an operation, so the merchant hears about bad input while
// typing, not from a rejection minutes later. Messages go through tr(): translated in the desktop, English in the
// server's logs and API errors.
class ShopRules
{
    Q_DECLARE_TR_FUNCTIONS(ShopRules)

public:
    static constexpr int MaxShopNameLength = 100;
    static constexpr int MaxIntroLength = 5000;
    static constexpr int MaxServiceItems = 50;
    static constexpr int MaxServiceItemLength = 50;
    static constexpr int MaxOpeningSlots = 14;
    static constexpr int MaxAddressLength = 200;
    static constexpr int MaxPhones = 5;
    static constexpr int MaxPhoneLength = 20;
    static constexpr int MaxGreetingLength = 200;
    static constexpr int MaxAutoReplyLength = 500;
    static constexpr int MaxDisplayNameLength = 50;
    static constexpr int MinPasswordLength = 8;
    static constexpr int MaxPasswordLength = 200;
    static constexpr qint64 MaxLatitudeE6 = 90'000'000;
    static constexpr qint64 MaxLongitudeE6 = 180'000'000;

    // shop.updateProfile's arguments, checked and normalised: text trimmed, unknown fields refused, coordinates
    // together (both null clears them), customerService completed to its full shape (it replaces the stored one).
    static Result<QJsonObject> normalizeProfileChange(const QJsonObject& changes);

    static Status checkLogin(const QString& login);
    static Status checkPassword(const QString& password);
    // `required`: a new display name may be empty (the login is used); a changed one may not.
    static Status checkDisplayName(const QString& trimmedName, bool required);
};

} // namespace xd
