#pragma once

#include "SmsVerification.h"

#include <QHostAddress>
#include <QObject>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class CustomerAuth;
class HttpServer;
class SmsProvider;
struct HttpRequest;

// The customer's phone binding by SMS code (docs/customers.md, "SMS"):
//   POST /api/v1/shops/{shopId}/me/phone/code {phone}        sends a code; answers after the provider did
//   POST /api/v1/shops/{shopId}/me/phone      {phone, code}  checks the code and binds customers.phone
// Both need the customer's bearer token. Binding a number another customer of the shop had moves it: the code
// proves who holds the number now.
class CustomerPhoneApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomerPhoneApi)

public:
    CustomerPhoneApi(const CustomerAuth& auth,
                     const db::Database& database,
                     const Clock& clock,
                     SmsProvider& provider,
                     QString verificationTemplate,
                     QHostAddress trustedProxy,
                     SmsVerification::Limits limits = {},
                     QObject* parent = nullptr);
    ~CustomerPhoneApi() override;

    void registerRoutes(HttpServer& http);

private:
    const CustomerAuth& m_auth;
    const db::Database& m_database;
    const Clock& m_clock;
    SmsProvider& m_provider;
    QString m_template;
    QHostAddress m_trustedProxy;
    SmsVerification m_codes;
};

} // namespace xd::server
