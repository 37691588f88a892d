#include "SmsNotices.h"

#include "ChangeNotifier.h"
#include "SmsProvider.h"
#include "SmsTrail.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Money.h"
#include "xiaodian/PhoneNumber.h"
#include "xiaodian/db/Database.h"

#include <QJsonObject>
#include <QPointer>

namespace xd::server {

SmsNotices::SmsNotices(const db::Database& database,
                       const Clock& clock,
                       ChangeNotifier& notifier,
                       SmsProvider& provider,
                       SmsSettings settings,
                       QObject* parent)
    : QObject(parent), m_database(database), m_clock(clock), m_provider(provider), m_settings(std::move(settings))
{
    connect(
        &notifier,
        &ChangeNotifier::orderTransitioned,
        this,
        [this](const QString& shopId, const QString& orderId, const QString& action) {
            handle(shopId, orderId, action);
        },
        Qt::QueuedConnection);
}

SmsNotices::~SmsNotices() = default;

int SmsNotices::handle(const QString& shopId, const QString& orderId, const QString& action)
{
    const bool placed = action == QLatin1String("place"); // a new order; only cash on delivery ones notify
    const bool paid = action == QLatin1String("pay");
    const bool shipped = action == QLatin1String("ship");
    if (!placed && !paid && !shipped)
        return 0;
    // No settings row: the defaults, every notice off.
    auto settings = m_database.exec(
        QStringLiteral("SELECT sms_merchant_new_order, merchant_phone, sms_customer_paid, sms_customer_shipped "
                       "FROM order_settings WHERE shop_id = ?"),
        {shopId});
    if (!settings) {
        qCWarning(lcSms).noquote() << "order notice skipped:" << settings.error().toString();
        return 0;
    }
    if (!settings->next())
        return 0;
    const bool merchantOn = settings->value(0).toInt() == 1;
    const QString merchantPhone = settings->value(1).toString();
    const bool customerPaidOn = settings->value(2).toInt() == 1;
    const bool customerShippedOn = settings->value(3).toInt() == 1;
    if (!(paid && (merchantOn || customerPaidOn)) && !(shipped && customerShippedOn) && !(placed && merchantOn))
        return 0;

    auto order = m_database.exec(
        QStringLiteral("SELECT o.number, o.paid_fen, o.carrier, o.tracking_no, c.phone, c.phone_verified_at_ms, "
                       "o.payment_method, o.payable_fen "
                       "FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ? AND o.shop_id = ?"),
        {orderId, shopId});
    if (!order) {
        qCWarning(lcSms).noquote() << "order notice skipped:" << order.error().toString();
        return 0;
    }
    if (!order->next())
        return 0;
    const QString number = order->value(0).toString();
    const bool cashOnDelivery = order->value(6).toString() == QLatin1String("cash_on_delivery");
    if (placed && !cashOnDelivery)
        return 0; // an online order tells the merchant once it is paid
    // Paid: what was received; a cash-on-delivery order just placed: what will be collected.
    const QString amount = Money::fromFen(order->value(placed ? 7 : 1).toLongLong()).toString();
    const QString carrier = order->value(2).toString();
    const QString trackingNo = order->value(3).toString();
    const bool customerVerified = order->value(5).toLongLong() > 0 && !order->value(4).toString().isEmpty();
    const QString customerPhone = order->value(4).toString();

    int sent = 0;
    if ((paid || placed) && merchantOn) {
        const std::optional<QString> phone = normalizeMainlandMobile(merchantPhone);
        if (!phone) {
            qCInfo(lcSms).noquote() << "merchant notice of order" << number << "skipped: no mobile number set";
        } else if (!m_settings.merchantNewOrderTemplate.isEmpty()) {
            notify(shopId,
                   orderId,
                   QStringLiteral("merchant_new_order"),
                   *phone,
                   m_settings.merchantNewOrderTemplate,
                   {{QStringLiteral("orderNo"), number}, {QStringLiteral("amount"), amount}});
            ++sent;
        }
    }
    if (paid && customerPaidOn && customerVerified && !m_settings.customerPaidTemplate.isEmpty()) {
        notify(shopId,
               orderId,
               QStringLiteral("customer_paid"),
               customerPhone,
               m_settings.customerPaidTemplate,
               {{QStringLiteral("orderNo"), number}, {QStringLiteral("amount"), amount}});
        ++sent;
    }
    if (shipped && customerShippedOn && customerVerified && !m_settings.customerShippedTemplate.isEmpty()) {
        notify(shopId,
               orderId,
               QStringLiteral("customer_shipped"),
               customerPhone,
               m_settings.customerShippedTemplate,
               {{QStringLiteral("orderNo"), number},
                {QStringLiteral("carrier"), carrier},
                {QStringLiteral("trackingNo"), trackingNo}});
        ++sent;
    }
    return sent;
}

void SmsNotices::notify(const QString& shopId,
                        const QString& orderId,
                        const QString& kind,
                        const QString& phone,
                        const QString& templateCode,
                        const QJsonObject& params)
{
    auto sendId = smstrail::start(
        m_database, m_clock, smstrail::Send{shopId, phone, {}, kind, orderId, templateCode, m_provider.name()});
    if (!sendId) {
        qCWarning(lcSms).noquote() << kind << "notice not sent:" << sendId.error().toString();
        return;
    }
    const QPointer<SmsNotices> self(this);
    m_provider.send(phone, templateCode, params, [self, sendId = *sendId, kind, orderId, phone](auto answer) {
        if (!self)
            return;
        if (const Status recorded = smstrail::finish(self->m_database, self->m_clock, sendId, answer); !recorded)
            qCWarning(lcSms).noquote() << "recording an SMS send failed:" << recorded.error().toString();
        if (answer)
            qCInfo(lcSms).noquote() << kind << "notice of order" << orderId << "sent to" << maskPhone(phone);
        else
            qCWarning(lcSms).noquote() << kind << "notice of order" << orderId << "to" << maskPhone(phone)
                                       << "failed:" << answer.error().toString();
    });
}

} // namespace xd::server
