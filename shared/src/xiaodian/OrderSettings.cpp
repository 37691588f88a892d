#include "xiaodian/OrderSettings.h"

#include "xiaodian/Json.h"
#include "xiaodian/OrderFields.h"
#include "xiaodian/PhoneNumber.h"

namespace xd {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

const QString kDeliveryEnabled = QStringLiteral("deliveryEnabled");
const QString kPickupEnabled = QStringLiteral("pickupEnabled");
const QString kInStoreEnabled = QStringLiteral("inStoreEnabled");
const QString kCodEnabled = QStringLiteral("codEnabled");
const QString kDeliveryFeeFen = QStringLiteral("deliveryFeeFen");
const QString kFreeDeliveryThresholdFen = QStringLiteral("freeDeliveryThresholdFen");
const QString kPickupAddress = QStringLiteral("pickupAddress");
const QString kCloseUnpaidMinutes = QStringLiteral("closeUnpaidMinutes");
const QString kAutoCompleteDays = QStringLiteral("autoCompleteDays");
const QString kAfterSalesDays = QStringLiteral("afterSalesDays");
const QString kCustomFields = QStringLiteral("customFields");
const QString kSmsMerchantNewOrder = QStringLiteral("smsMerchantNewOrder");
const QString kMerchantPhone = QStringLiteral("merchantPhone");
const QString kSmsCustomerPaid = QStringLiteral("smsCustomerPaid");
const QString kSmsCustomerShipped = QStringLiteral("smsCustomerShipped");

Result<bool> boolField(const QJsonObject& patch, const QString& key)
{
    const QJsonValue value = patch.value(key);
    if (!value.isBool())
        return invalid(OrderSettingsRules::tr("Field '%1' must be true or false.").arg(key));
    return value.toBool();
}

// A whole number in [min, max]; doubles with a fraction and unsafe magnitudes are refused.
Result<qint64> intField(const QJsonObject& patch, const QString& key, qint64 min, qint64 max)
{
    if (const auto number = Json::wholeNumber(patch.value(key), min, max))
        return *number;
    return invalid(
        OrderSettingsRules::tr("Field '%1' must be a whole number from %2 to %3.").arg(key).arg(min).arg(max));
}

Result<QString> textField(const QJsonObject& patch, const QString& key)
{
    const QJsonValue value = patch.value(key);
    if (!value.isString())
        return invalid(OrderSettingsRules::tr("Field '%1' must be text.").arg(key));
    return value.toString().trimmed();
}

} // namespace

QJsonObject OrderSettings::toJson() const
{
    return QJsonObject{{kDeliveryEnabled, deliveryEnabled},
                       {kPickupEnabled, pickupEnabled},
                       {kInStoreEnabled, inStoreEnabled},
                       {kCodEnabled, codEnabled},
                       {kDeliveryFeeFen, deliveryFeeFen},
                       {kFreeDeliveryThresholdFen, freeDeliveryThresholdFen},
                       {kPickupAddress, pickupAddress},
                       {kCloseUnpaidMinutes, closeUnpaidMinutes},
                       {kAutoCompleteDays, autoCompleteDays},
                       {kAfterSalesDays, afterSalesDays},
                       {kCustomFields, customFields},
                       {kSmsMerchantNewOrder, smsMerchantNewOrder},
                       {kMerchantPhone, merchantPhone},
                       {kSmsCustomerPaid, smsCustomerPaid},
                       {kSmsCustomerShipped, smsCustomerShipped}};
}

Result<OrderSettings> OrderSettingsRules::apply(const OrderSettings& current, const QJsonObject& patch)
{
    OrderSettings next = current;
    for (auto it = patch.constBegin(); it != patch.constEnd(); ++it) {
        const QString& key = it.key();
        if (key == kDeliveryEnabled || key == kPickupEnabled || key == kInStoreEnabled || key == kCodEnabled ||
            key == kSmsMerchantNewOrder || key == kSmsCustomerPaid || key == kSmsCustomerShipped) {
            auto value = boolField(patch, key);
            if (!value)
                return value.error();
            bool& target = key == kDeliveryEnabled       ? next.deliveryEnabled
                           : key == kPickupEnabled       ? next.pickupEnabled
                           : key == kInStoreEnabled      ? next.inStoreEnabled
                           : key == kCodEnabled          ? next.codEnabled
                           : key == kSmsMerchantNewOrder ? next.smsMerchantNewOrder
                           : key == kSmsCustomerPaid     ? next.smsCustomerPaid
                                                         : next.smsCustomerShipped;
            target = *value;
        } else if (key == kDeliveryFeeFen) {
            auto value = intField(patch, key, 0, MaxDeliveryFeeFen);
            if (!value)
                return value.error();
            next.deliveryFeeFen = *value;
        } else if (key == kFreeDeliveryThresholdFen) {
            auto value = intField(patch, key, 0, MaxThresholdFen);
            if (!value)
                return value.error();
            next.freeDeliveryThresholdFen = *value;
        } else if (key == kCloseUnpaidMinutes) {
            auto value = intField(patch, key, MinCloseUnpaidMinutes, MaxCloseUnpaidMinutes);
            if (!value)
                return value.error();
            next.closeUnpaidMinutes = int(*value);
        } else if (key == kAutoCompleteDays) {
            auto value = intField(patch, key, MinAutoCompleteDays, MaxAutoCompleteDays);
            if (!value)
                return value.error();
            next.autoCompleteDays = int(*value);
        } else if (key == kAfterSalesDays) {
            auto value = intField(patch, key, 0, MaxAfterSalesDays);
            if (!value)
                return value.error();
            next.afterSalesDays = int(*value);
        } else if (key == kPickupAddress) {
            auto value = textField(patch, key);
            if (!value)
                return value.error();
            next.pickupAddress = *value;
        } else if (key == kMerchantPhone) {
            auto value = textField(patch, key);
            if (!value)
                return value.error();
            next.merchantPhone = *value;
        } else if (key == kCustomFields) {
            if (!it.value().isArray())
                return invalid(tr("Field '%1' must be a list.").arg(key));
            // Stored normalised (trimmed labels, defaults filled in, sorted by position): what checkout reads.
            auto definitions = OrderFields::parseDefinitions(it.value().toArray());
            if (!definitions)
                return definitions.error();
            next.customFields = OrderFields::toJson(*definitions);
        } else {
            return invalid(tr("Unknown field '%1'.").arg(key));
        }
    }
    if (!next.merchantPhone.isEmpty()) {
        const auto phone = normalizeMainlandMobile(next.merchantPhone);
        if (!phone)
            return invalid(tr("The merchant phone must be a mainland China mobile number."));
        next.merchantPhone = *phone;
    }
    if (const Status checked = check(next); !checked)
        return checked.error();
    return next;
}

Status OrderSettingsRules::check(const OrderSettings& settings)
{
    if (!settings.deliveryEnabled && !settings.pickupEnabled && !settings.inStoreEnabled)
        return invalid(tr("Turn on at least one way of handing orders over: delivery, pickup or in-store service."));
    if (settings.deliveryFeeFen < 0 || settings.deliveryFeeFen > MaxDeliveryFeeFen)
        return invalid(tr("The delivery fee must be from 0 to %1 fen.").arg(MaxDeliveryFeeFen));
    if (settings.freeDeliveryThresholdFen < 0 || settings.freeDeliveryThresholdFen > MaxThresholdFen)
        return invalid(tr("The free delivery threshold must be from 0 to %1 fen.").arg(MaxThresholdFen));
    if (settings.pickupAddress.size() > MaxPickupAddressLength)
        return invalid(tr("The pickup address has at most %1 characters.").arg(MaxPickupAddressLength));
    if (settings.pickupEnabled && settings.pickupAddress.isEmpty())
        return invalid(tr("Self-pickup needs the pickup address."));
    if (settings.closeUnpaidMinutes < MinCloseUnpaidMinutes || settings.closeUnpaidMinutes > MaxCloseUnpaidMinutes)
        return invalid(
            tr("Unpaid orders close after %1 to %2 minutes.").arg(MinCloseUnpaidMinutes).arg(MaxCloseUnpaidMinutes));
    if (settings.autoCompleteDays < MinAutoCompleteDays || settings.autoCompleteDays > MaxAutoCompleteDays)
        return invalid(
            tr("Shipped orders complete after %1 to %2 days.").arg(MinAutoCompleteDays).arg(MaxAutoCompleteDays));
    if (settings.afterSalesDays < 0 || settings.afterSalesDays > MaxAfterSalesDays)
        return invalid(tr("The after-sales period is 0 to %1 days.").arg(MaxAfterSalesDays));
    if (settings.smsMerchantNewOrder && settings.merchantPhone.isEmpty())
        return invalid(tr("The new-order SMS needs the merchant's mobile number."));
    if (!settings.merchantPhone.isEmpty() && normalizeMainlandMobile(settings.merchantPhone) != settings.merchantPhone)
        return invalid(tr("The merchant phone must be a mainland China mobile number."));
    // The checkout field definitions: OrderFields' rules (shared with checkout), so that the fields the merchant
    // saves are exactly the ones the customer's answers are checked against.
    if (auto definitions = OrderFields::parseDefinitions(settings.customFields); !definitions)
        return definitions.error();
    return {};
}

} // namespace xd
