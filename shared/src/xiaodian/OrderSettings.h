#pragma once

#include "xiaodian/Result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace xd {

// A shop's ordering rules (table order_settings, sync entity "order_settings", docs/orders.md "Order settings"):
// which fulfilment modes and cash on delivery it offers, the delivery fee rule, the timers, the custom checkout
// fields and the SMS notices. A shop without a row has these defaults (the schema's).
struct OrderSettings
{
    bool deliveryEnabled = true;
    bool pickupEnabled = false;
    bool inStoreEnabled = false;
    bool codEnabled = false;
    qint64 deliveryFeeFen = 0;
    qint64 freeDeliveryThresholdFen = 0; // 0: delivery is never free
    QString pickupAddress;
    int closeUnpaidMinutes = 30;
    int autoCompleteDays = 7;
    int afterSalesDays = 7;  // 0: no refund requests after completion
    QJsonArray customFields; // definitions {id, label, type, required, options, position}, checked by OrderFields
    bool smsMerchantNewOrder = false;
    QString merchantPhone; // mainland mobile, 11 digits; required while smsMerchantNewOrder is on
    bool smsCustomerPaid = false;
    bool smsCustomerShipped = false;

    // The wire shape (camelCase, docs/sync-protocol.md), without id and version.
    QJsonObject toJson() const;
    bool operator==(const OrderSettings& other) const = default;
};

// orderSettings.update's rules, shared by the server (which judges) and the desktop (which checks while typing).
class OrderSettingsRules
{
    Q_DECLARE_TR_FUNCTIONS(OrderSettingsRules)

public:
    static constexpr qint64 MaxDeliveryFeeFen = 1'000'000; // 10,000 yuan
    static constexpr qint64 MaxThresholdFen = 100'000'000; // the catalog's price ceiling
    static constexpr int MaxPickupAddressLength = 200;
    static constexpr int MinCloseUnpaidMinutes = 1;
    static constexpr int MaxCloseUnpaidMinutes = 1440; // one day
    static constexpr int MinAutoCompleteDays = 1;
    static constexpr int MaxAutoCompleteDays = 30;
    static constexpr int MaxAfterSalesDays = 30;

    // `current` with the fields present in `patch` replaced (any subset of the wire shape's fields; an unknown
    // field, a wrong type or a rule broken by the result is invalid_argument, naming the field). The whole result
    // is checked, so a patch cannot leave the settings inconsistent (e.g. turn off the last fulfilment mode).
    static Result<OrderSettings> apply(const OrderSettings& current, const QJsonObject& patch);
    // Checks settings as a whole (what apply() checks after merging).
    static Status check(const OrderSettings& settings);
};

} // namespace xd
