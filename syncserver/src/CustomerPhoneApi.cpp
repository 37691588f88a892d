#include "CustomerPhoneApi.h"

#include "CustomerAuth.h"
#include "HttpServer.h"
#include "SmsProvider.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Json.h"
#include "xiaodian/PhoneNumber.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QPointer>

namespace xd::server {

namespace {

Result<QString> requirePhone(const QJsonObject& body)
{
    auto text = Json::requireString(body, QStringLiteral("phone"));
    if (!text)
        return text.error();
    const std::optional<QString> phone = normalizeMainlandMobile(*text);
    if (!phone)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("phone must be a mainland China mobile number (11 digits starting with 1)"));
    return *phone;
}

HttpResponse rateLimited(const Error& error, qint64 retryAfterMs)
{
    HttpResponse response = HttpResponse::error(error);
    if (retryAfterMs > 0)
        response.addHeader("Retry-After", QByteArray::number((retryAfterMs + 999) / 1000));
    return response;
}

} // namespace

CustomerPhoneApi::CustomerPhoneApi(const CustomerAuth& auth,
                                   const db::Database& database,
                                   const Clock& clock,
                                   SmsProvider& provider,
                                   QString verificationTemplate,
                                   QHostAddress trustedProxy,
                                   SmsVerification::Limits limits,
                                   QObject* parent)
    : QObject(parent), m_auth(auth), m_database(database), m_clock(clock), m_provider(provider),
      m_template(std::move(verificationTemplate)), m_trustedProxy(std::move(trustedProxy)),
      m_codes(database, clock, limits)
{}

CustomerPhoneApi::~CustomerPhoneApi() = default;

void CustomerPhoneApi::registerRoutes(HttpServer& http)
{
    http.addAsyncRoute(
        "POST",
        QStringLiteral("/api/v1/shops/{shopId}/me/phone/code"),
        [this](const HttpRequest& request, HttpReply reply) {
            const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
            auto customer = m_auth.authenticate(request, shopId);
            if (!customer) {
                reply.send(HttpResponse::error(customer.error()));
                return;
            }
            auto body = Json::parseObject(request.body);
            if (!body) {
                reply.send(HttpResponse::error(body.error()));
                return;
            }
            auto phone = requirePhone(*body);
            if (!phone) {
                reply.send(HttpResponse::error(phone.error()));
                return;
            }
            const SmsVerification::Subject subject{customer->shopId, customer->customerId, *phone};
            qint64 retryAfterMs = 0;
            auto issued = m_codes.issue(subject,
                                        clientAddress(request, m_trustedProxy).toString(),
                                        m_provider.name(),
                                        m_template,
                                        &retryAfterMs);
            if (!issued) {
                if (issued.error().code == ErrorCode::RateLimited)
                    qCInfo(lcSms).noquote() << "code to" << maskPhone(*phone) << "refused:" << issued.error().message;
                reply.send(rateLimited(issued.error(), retryAfterMs));
                return;
            }
            const QPointer<CustomerPhoneApi> self(this);
            const qint64 resendAfterMs = m_codes.limits().phoneIntervalMs;
            m_provider.send(
                *phone,
                m_template,
                QJsonObject{{QStringLiteral("code"), issued->code}},
                [self, issued = *issued, reply, phone = *phone, resendAfterMs](Result<SmsProvider::Sent> answer) {
                    if (!self) { // the server stopped meanwhile
                        reply.send(HttpResponse::error(
                            makeError(ErrorCode::Unavailable, QStringLiteral("the server is stopping"))));
                        return;
                    }
                    if (const Status recorded = self->m_codes.recordSend(issued, answer); !recorded)
                        qCWarning(lcSms).noquote() << "recording an SMS send failed:" << recorded.error().toString();
                    if (!answer) {
                        qCWarning(lcSms).noquote()
                            << "code to" << maskPhone(phone) << "not sent:" << answer.error().toString();
                        reply.send(HttpResponse::error(answer.error()));
                        return;
                    }
                    qCInfo(lcSms).noquote() << "code sent to" << maskPhone(phone) << "request" << answer->requestId;
                    reply.send(HttpResponse::json(200,
                                                  QJsonObject{{QStringLiteral("expiresAtMs"), issued.expiresAtMs},
                                                              {QStringLiteral("resendAfterMs"), resendAfterMs}}));
                });
        });

    http.addRoute("POST", QStringLiteral("/api/v1/shops/{shopId}/me/phone"), [this](const HttpRequest& request) {
        const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
        auto customer = m_auth.authenticate(request, shopId);
        if (!customer)
            return HttpResponse::error(customer.error());
        auto body = Json::parseObject(request.body);
        if (!body)
            return HttpResponse::error(body.error());
        auto phone = requirePhone(*body);
        if (!phone)
            return HttpResponse::error(phone.error());
        auto code = Json::requireString(*body, QStringLiteral("code"));
        if (!code)
            return HttpResponse::error(code.error());

        auto tx = db::Transaction::begin(m_database);
        if (!tx)
            return HttpResponse::error(tx.error());
        const SmsVerification::Subject subject{customer->shopId, customer->customerId, *phone};
        if (const Status consumed = m_codes.consume(subject, code->trimmed()); !consumed) {
            // The try was counted: keep that, bind nothing.
            if (const Status committed = tx->commit(); !committed)
                return HttpResponse::error(committed.error());
            return HttpResponse::error(consumed.error());
        }
        const qint64 now = m_clock.nowMs();
        // The number moves to this customer: whoever else in the shop had it no longer proves to hold it.
        auto released = m_database.exec(
            QStringLiteral("UPDATE customers SET phone = '', phone_verified_at_ms = 0, updated_at_ms = ? "
                           "WHERE shop_id = ? AND phone = ? AND id <> ?"),
            {now, customer->shopId, *phone, customer->customerId});
        if (!released)
            return HttpResponse::error(released.error());
        auto bound = m_database.exec(
            QStringLiteral("UPDATE customers SET phone = ?, phone_verified_at_ms = ?, updated_at_ms = ? "
                           "WHERE id = ? AND shop_id = ?"),
            {*phone, now, now, customer->customerId, customer->shopId});
        if (!bound)
            return HttpResponse::error(bound.error());
        if (bound->numRowsAffected() != 1)
            return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such customer")));
        if (const Status committed = tx->commit(); !committed)
            return HttpResponse::error(committed.error());
        qCInfo(lcSms).noquote() << "customer" << customer->customerId << "bound" << maskPhone(*phone);
        return HttpResponse::json(
            200, QJsonObject{{QStringLiteral("phone"), *phone}, {QStringLiteral("phoneVerifiedAtMs"), now}});
    });
}

} // namespace xd::server
