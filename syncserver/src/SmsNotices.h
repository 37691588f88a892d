#pragma once

#include "SmsSettings.h"

#include <QObject>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class ChangeNotifier;
class SmsProvider;

// SMS notices about orders, as the shop's order settings ask (docs/customers.md, "SMS"): after an order's "pay"
// transition the merchant (sms_merchant_new_order, to merchant_phone) and the customer (sms_customer_paid, to
// their verified phone); after "ship" the customer (sms_customer_shipped, with carrier and tracking number); after
// "place" of a cash-on-delivery order (never paid before the merchant acts) the merchant.
// Listens to ChangeNotifier::orderTransitioned through a queued connection, so it runs after the transition's
// request, never inside it. Fire and forget: each notice is a log line and an sms_sends row; a failure is logged
// and never touches the order. A notice whose template is not configured is skipped.
class SmsNotices final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmsNotices)

public:
    SmsNotices(const db::Database& database,
               const Clock& clock,
               ChangeNotifier& notifier,
               SmsProvider& provider,
               SmsSettings settings,
               QObject* parent = nullptr);
    ~SmsNotices() override;

    // Sends what the shop's settings ask for `action` of the order; public for tests. Returns how many notices
    // were handed to the provider.
    int handle(const QString& shopId, const QString& orderId, const QString& action);

private:
    void notify(const QString& shopId,
                const QString& orderId,
                const QString& kind,
                const QString& phone,
                const QString& templateCode,
                const QJsonObject& params);

    const db::Database& m_database;
    const Clock& m_clock;
    SmsProvider& m_provider;
    SmsSettings m_settings;
};

} // namespace xd::server
