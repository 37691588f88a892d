#include "CustomerApi.h"

#include "AuthService.h"
#include "CommandProcessor.h"
#include "CustomerAuth.h"
#include "Logging.h"
#include "OutboundHttp.h"
#include "ShopWechat.h"
#include "integrations/WechatLoginClient.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/PhoneNumber.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QJsonArray>
#include <QPointer>
#include <QSqlQuery>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Error noAddress()
{
    return makeError(ErrorCode::NotFound, QStringLiteral("no such address"));
}

// Text a person typed: trimmed, no control characters, at most `maxLength` characters (code points).
Result<QString> cleanText(const QJsonObject& body, const QString& key, int maxLength, bool required)
{
    auto text = required ? Json::requireString(body, key) : Json::optionalString(body, key);
    if (!text)
        return text.error();
    const QString value = text->trimmed();
    if (required && value.isEmpty())
        return invalid(QStringLiteral("%1 must not be empty").arg(key));
    if (value.toUcs4().size() > maxLength)
        return invalid(QStringLiteral("%1 is longer than %2 characters").arg(key).arg(maxLength));
    for (const QChar c : value) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return invalid(QStringLiteral("%1 contains control characters").arg(key));
    }
    return value;
}

Result<QJsonObject> loadCustomer(const db::Database& database, const QString& shopId, const QString& customerId)
{
    auto row = database.exec(QStringLiteral("SELECT id, nickname, avatar, phone FROM customers "
                                            "WHERE id = ? AND shop_id = ? AND deleted = 0"),
                             {customerId, shopId});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such customer"));
    const QString phone = row->value(3).toString();
    return QJsonObject{{QStringLiteral("id"), row->value(0).toString()},
                       {QStringLiteral("nickname"), row->value(1).toString()},
                       {QStringLiteral("avatar"), row->value(2).toString()},
                       {QStringLiteral("phoneBound"), !phone.isEmpty()},
                       // Masked even to its owner: the profile page shows which number, the orders carry their own.
                       {QStringLiteral("phone"), phone.isEmpty() ? QString() : maskPhone(phone)}};
}

const QString kAddressColumns =
    QStringLiteral("id, recipient, phone, province, city, district, detail, is_default, created_at_ms, updated_at_ms");

QJsonObject addressJson(const QSqlQuery& row)
{
    return QJsonObject{{QStringLiteral("id"), row.value(0).toString()},
                       {QStringLiteral("recipient"), row.value(1).toString()},
                       {QStringLiteral("phone"), row.value(2).toString()},
                       {QStringLiteral("province"), row.value(3).toString()},
                       {QStringLiteral("city"), row.value(4).toString()},
                       {QStringLiteral("district"), row.value(5).toString()},
                       {QStringLiteral("detail"), row.value(6).toString()},
                       {QStringLiteral("isDefault"), row.value(7).toInt() != 0},
                       {QStringLiteral("createdAtMs"), row.value(8).toLongLong()},
                       {QStringLiteral("updatedAtMs"), row.value(9).toLongLong()}};
}

// One of the customer's own addresses; another customer's (or none) is not_found alike.
Result<QJsonObject> loadAddress(const db::Database& database, const QString& customerId, const QString& addressId)
{
    auto row = database.exec(
        QStringLiteral("SELECT %1 FROM customer_addresses WHERE id = ? AND customer_id = ?").arg(kAddressColumns),
        {addressId, customerId});
    if (!row)
        return row.error();
    if (!row->next())
        return noAddress();
    return addressJson(*row);
}

// The address fields of `body` over `base` (PUT changes what it names; POST starts from nothing), checked.
Result<QJsonObject> mergeAddress(QJsonObject base, const QJsonObject& body)
{
    static const QStringList known{QStringLiteral("recipient"),
                                   QStringLiteral("phone"),
                                   QStringLiteral("province"),
                                   QStringLiteral("city"),
                                   QStringLiteral("district"),
                                   QStringLiteral("detail"),
                                   QStringLiteral("isDefault")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()) && it.key() != QLatin1String("id"))
            return invalid(QStringLiteral("unknown field '%1'").arg(it.key()));
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("id"))
            base.insert(it.key(), it.value());
    }
    QJsonObject out;
    for (const auto& [key, max, required] : {std::tuple{QStringLiteral("recipient"), 32, true},
                                             std::tuple{QStringLiteral("province"), 32, false},
                                             std::tuple{QStringLiteral("city"), 32, false},
                                             std::tuple{QStringLiteral("district"), 32, false},
                                             std::tuple{QStringLiteral("detail"), 200, true}}) {
        auto text = cleanText(base, key, max, required);
        if (!text)
            return text.error();
        out.insert(key, *text);
    }
    auto phoneText = Json::requireString(base, QStringLiteral("phone"));
    if (!phoneText)
        return phoneText.error();
    const std::optional<QString> phone = normalizeMainlandMobile(*phoneText);
    if (!phone)
        return invalid(QStringLiteral("phone must be a mainland China mobile number (11 digits starting with 1)"));
    out.insert(QStringLiteral("phone"), *phone);
    const QJsonValue isDefault = base.value(QStringLiteral("isDefault"));
    if (!isDefault.isUndefined() && !isDefault.isNull() && !isDefault.isBool())
        return invalid(QStringLiteral("isDefault must be true or false"));
    out.insert(QStringLiteral("isDefault"), isDefault.toBool(false));
    return out;
}

// Makes `addressId` the only default: the old default is cleared first, in the caller's transaction (a unique
// index allows one default per customer, so the order matters).
Status clearOtherDefaults(const db::Database& database, const QString& customerId, const QString& addressId)
{
    auto cleared = database.exec(QStringLiteral("UPDATE customer_addresses SET is_default = 0 "
                                                "WHERE customer_id = ? AND is_default = 1 AND id <> ?"),
                                 {customerId, addressId});
    if (!cleared)
        return cleared.error();
    return {};
}

HttpResponse commitAnd(db::Transaction& tx, const std::function<HttpResponse()>& answer)
{
    if (const Status committed = tx.commit(); !committed)
        return HttpResponse::error(committed.error());
    return answer();
}

} // namespace

CustomerApi::CustomerApi(AuthService& staffAuth,
                         CommandProcessor& commands,
                         const CustomerAuth& customers,
                         const db::Database& database,
                         const Clock& clock,
                         OutboundHttp& outbound,
                         QUrl wechatApiBase,
                         QObject* parent)
    : QObject(parent), m_staffAuth(staffAuth), m_commands(commands), m_customers(customers), m_database(database),
      m_clock(clock), m_outbound(outbound), m_wechatApiBase(std::move(wechatApiBase))
{}

CustomerApi::~CustomerApi() = default;

HttpServer::Handler CustomerApi::customer(
    std::function<HttpResponse(const QString& shopId, const QString& customerId, const HttpRequest& request)> handler)
    const
{
    return [this, handler = std::move(handler)](const HttpRequest& request) {
        const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
        auto principal = m_customers.authenticate(request, shopId);
        if (!principal)
            return HttpResponse::error(principal.error());
        return handler(principal->shopId, principal->customerId, request);
    };
}

HttpServer::Handler CustomerApi::owner(StaffHandler handler) const
{
    return requireStaff(m_staffAuth, [handler = std::move(handler)](const Actor& actor, const HttpRequest& request) {
        // Another shop's settings do not exist for this caller.
        if (request.pathParams.value(QStringLiteral("shopId")) != actor.shopId)
            return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such shop")));
        if (actor.role != Role::Owner)
            return HttpResponse::error(makeError(ErrorCode::PermissionDenied,
                                                 QStringLiteral("only the shop's owner manages WeChat credentials")));
        return handler(actor, request);
    });
}

void CustomerApi::login(const HttpRequest& request, const HttpReply& reply)
{
    const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
    auto shop = m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM shops WHERE id = ?"), {shopId});
    if (!shop)
        return reply.send(HttpResponse::error(shop.error()));
    if (shop->toInt() == 0)
        return reply.send(HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such shop"))));
    auto body = Json::parseObject(request.body);
    if (!body)
        return reply.send(HttpResponse::error(body.error()));
    auto code = Json::requireString(*body, QStringLiteral("code"));
    if (!code)
        return reply.send(HttpResponse::error(code.error()));
    auto wechat = ShopWechat::load(m_database, shopId);
    if (!wechat)
        return reply.send(HttpResponse::error(wechat.error()));
    if (!wechat->loginConfigured())
        return reply.send(
            HttpResponse::error(makeError(ErrorCode::Conflict, QStringLiteral("WeChat login is not configured"))));
    auto url = integrations::wechatlogin::jscode2sessionUrl(
        m_wechatApiBase, wechat->appId, wechat->appSecret, code->trimmed());
    if (!url) // an empty or overlong code (the base and credentials were checked when set)
        return reply.send(HttpResponse::error(url.error()));

    OutboundHttp::Request call;
    call.url = *url;
    call.timeoutMs = LoginTimeoutMs;
    const QPointer<CustomerApi> self(this);
    m_outbound.send(std::move(call), [self, reply, shopId](Result<OutboundHttp::Response> answer) {
        if (!self) // the server stopped meanwhile
            return reply.send(
                HttpResponse::error(makeError(ErrorCode::Unavailable, QStringLiteral("the server is stopping"))));
        if (!answer) {
            // OutboundHttp's messages name host and path only, never the query with the AppSecret.
            qCWarning(lcServer).noquote() << "WeChat login of shop" << shopId << "failed:" << answer.error().toString();
            return reply.send(HttpResponse::error(
                makeError(ErrorCode::Unavailable, QStringLiteral("WeChat login is unreachable; try again later"))));
        }
        if (answer->status != 200) {
            qCWarning(lcServer).noquote() << "WeChat login of shop" << shopId << "answered HTTP" << answer->status;
            return reply.send(HttpResponse::error(
                makeError(ErrorCode::Unavailable, QStringLiteral("WeChat login failed; try again later"))));
        }
        // The answer carries the session_key: it is parsed and dropped here, never stored nor logged.
        auto session = integrations::wechatlogin::parseJscode2session(answer->body);
        if (!session) {
            qCInfo(lcServer).noquote() << "WeChat login of shop" << shopId << "refused:" << session.error().toString();
            HttpResponse refused = HttpResponse::error(session.error());
            if (session.error().code == ErrorCode::RateLimited)
                refused.addHeader("Retry-After", "60"); // WeChat counts logins per user and minute
            return reply.send(refused);
        }
        reply.send(self->finishLogin(shopId, session->openId, session->unionId));
    });
}

HttpResponse CustomerApi::finishLogin(const QString& shopId, const QString& openId, const QString& unionId)
{
    const qint64 now = m_clock.nowMs();
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return HttpResponse::error(tx.error());
    // The customer rows are not synced yet; version records the shop's counter at creation for the members module.
    auto created = m_database.exec(
        QStringLiteral("INSERT INTO customers (id, shop_id, openid, unionid, version, created_at_ms, updated_at_ms) "
                       "SELECT ?, id, ?, ?, change_counter, ?, ? FROM shops WHERE id = ? "
                       "ON CONFLICT (shop_id, openid) DO NOTHING"),
        {Id::create(m_clock), openId, db::notNullText(unionId), now, now, shopId});
    if (!created)
        return HttpResponse::error(created.error());
    const bool isNew = created->numRowsAffected() == 1;
    auto row =
        m_database.exec(QStringLiteral("SELECT id, unionid, deleted FROM customers WHERE shop_id = ? AND openid = ?"),
                        {shopId, openId});
    if (!row)
        return HttpResponse::error(row.error());
    if (!row->next())
        return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such shop")));
    const QString customerId = row->value(0).toString();
    if (row->value(2).toInt() != 0)
        return HttpResponse::error(
            makeError(ErrorCode::PermissionDenied, QStringLiteral("this customer account was closed")));
    // The unionid appears once the mini-program is bound to an Open Platform account: keep the newest.
    if (!unionId.isEmpty() && row->value(1).toString() != unionId) {
        auto updated =
            m_database.exec(QStringLiteral("UPDATE customers SET unionid = ?, updated_at_ms = ? WHERE id = ?"),
                            {unionId, now, customerId});
        if (!updated)
            return HttpResponse::error(updated.error());
    }
    auto token = m_customers.createSession(shopId, customerId);
    if (!token)
        return HttpResponse::error(token.error());
    auto customer = loadCustomer(m_database, shopId, customerId);
    if (!customer)
        return HttpResponse::error(customer.error());
    if (const Status committed = tx->commit(); !committed)
        return HttpResponse::error(committed.error());
    qCInfo(lcServer).noquote() << "customer" << customerId << "of shop" << shopId
                               << (isNew ? "signed up with WeChat" : "signed in with WeChat");
    return HttpResponse::json(200,
                              QJsonObject{{QStringLiteral("token"), *token},
                                          {QStringLiteral("expiresAtMs"), now + CustomerAuth::SessionLifetimeMs},
                                          {QStringLiteral("customer"), *customer}});
}

void CustomerApi::registerRoutes(HttpServer& http)
{
    http.addAsyncRoute("POST",
                       QStringLiteral("/api/v1/shops/{shopId}/auth/wechat"),
                       [this](const HttpRequest& request, HttpReply reply) { login(request, reply); });

    http.addRoute("POST", QStringLiteral("/api/v1/shops/{shopId}/auth/logout"), [this](const HttpRequest& request) {
        const Status ended = m_customers.endSession(request, request.pathParams.value(QStringLiteral("shopId")));
        if (!ended)
            return HttpResponse::error(ended.error());
        return HttpResponse{204, {}, {}, {}};
    });

    http.addRoute("GET",
                  QStringLiteral("/api/v1/shops/{shopId}/me"),
                  customer([this](const QString& shopId, const QString& customerId, const HttpRequest&) {
                      auto me = loadCustomer(m_database, shopId, customerId);
                      return me ? HttpResponse::json(200, *me) : HttpResponse::error(me.error());
                  }));

    http.addRoute(
        "PUT",
        QStringLiteral("/api/v1/shops/{shopId}/me"),
        customer([this](const QString& shopId, const QString& customerId, const HttpRequest& request) {
            auto body = Json::parseObject(request.body);
            if (!body)
                return HttpResponse::error(body.error());
            for (auto it = body->begin(); it != body->end(); ++it) {
                if (it.key() != QLatin1String("nickname") && it.key() != QLatin1String("avatar"))
                    return HttpResponse::error(invalid(QStringLiteral("unknown field '%1'").arg(it.key())));
            }
            auto me = loadCustomer(m_database, shopId, customerId);
            if (!me)
                return HttpResponse::error(me.error());
            auto nickname = body->contains(QStringLiteral("nickname"))
                                ? cleanText(*body, QStringLiteral("nickname"), MaxNicknameLength, false)
                                : Result<QString>(me->value(QStringLiteral("nickname")).toString());
            if (!nickname)
                return HttpResponse::error(nickname.error());
            auto avatar = body->contains(QStringLiteral("avatar"))
                              ? Json::optionalString(*body, QStringLiteral("avatar"))
                              : Result<QString>(me->value(QStringLiteral("avatar")).toString());
            if (!avatar)
                return HttpResponse::error(avatar.error());
            const QString avatarUrl = avatar->trimmed();
            if (!avatarUrl.isEmpty()) {
                // Shown in <image> by the mini-program, which loads https only.
                const QUrl url(avatarUrl, QUrl::StrictMode);
                if (avatarUrl.size() > 512 || !url.isValid() || url.scheme() != QLatin1String("https") ||
                    url.host().isEmpty() || !url.userInfo().isEmpty())
                    return HttpResponse::error(invalid(QStringLiteral("avatar must be an https URL or empty")));
            }
            auto updated = m_database.exec(
                QStringLiteral("UPDATE customers SET nickname = ?, avatar = ?, "
                               "updated_at_ms = ? WHERE id = ? AND shop_id = ?"),
                {db::notNullText(*nickname), db::notNullText(avatarUrl), m_clock.nowMs(), customerId, shopId});
            if (!updated)
                return HttpResponse::error(updated.error());
            auto after = loadCustomer(m_database, shopId, customerId);
            return after ? HttpResponse::json(200, *after) : HttpResponse::error(after.error());
        }));

    http.addRoute("GET",
                  QStringLiteral("/api/v1/shops/{shopId}/me/addresses"),
                  customer([this](const QString&, const QString& customerId, const HttpRequest&) {
                      auto rows = m_database.exec(QStringLiteral("SELECT %1 FROM customer_addresses WHERE "
                                                                 "customer_id = ? ORDER BY is_default DESC, "
                                                                 "created_at_ms DESC, id DESC")
                                                      .arg(kAddressColumns),
                                                  {customerId});
                      if (!rows)
                          return HttpResponse::error(rows.error());
                      QJsonArray list;
                      while (rows->next())
                          list.append(addressJson(*rows));
                      return HttpResponse::json(200, QJsonObject{{QStringLiteral("addresses"), list}});
                  }));

    http.addRoute(
        "POST",
        QStringLiteral("/api/v1/shops/{shopId}/me/addresses"),
        customer([this](const QString& shopId, const QString& customerId, const HttpRequest& request) {
            auto body = Json::parseObject(request.body);
            if (!body)
                return HttpResponse::error(body.error());
            auto address = mergeAddress({}, *body);
            if (!address)
                return HttpResponse::error(address.error());
            auto tx = db::Transaction::begin(m_database);
            if (!tx)
                return HttpResponse::error(tx.error());
            auto count = m_database.scalar(
                QStringLiteral("SELECT COUNT(*) FROM customer_addresses WHERE customer_id = ?"), {customerId});
            if (!count)
                return HttpResponse::error(count.error());
            if (count->toInt() >= MaxAddresses)
                return HttpResponse::error(makeError(
                    ErrorCode::Conflict, QStringLiteral("at most %1 addresses; delete one first").arg(MaxAddresses)));
            const QString id = Id::create(m_clock);
            const bool isDefault = address->value(QStringLiteral("isDefault")).toBool();
            if (isDefault) {
                if (const Status cleared = clearOtherDefaults(m_database, customerId, id); !cleared)
                    return HttpResponse::error(cleared.error());
            }
            const qint64 now = m_clock.nowMs();
            auto inserted = m_database.exec(
                QStringLiteral("INSERT INTO customer_addresses (id, shop_id, customer_id, recipient, phone, province, "
                               "city, district, detail, is_default, created_at_ms, updated_at_ms) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {id,
                 shopId,
                 customerId,
                 db::notNullText(address->value(QStringLiteral("recipient")).toString()),
                 db::notNullText(address->value(QStringLiteral("phone")).toString()),
                 db::notNullText(address->value(QStringLiteral("province")).toString()),
                 db::notNullText(address->value(QStringLiteral("city")).toString()),
                 db::notNullText(address->value(QStringLiteral("district")).toString()),
                 db::notNullText(address->value(QStringLiteral("detail")).toString()),
                 isDefault ? 1 : 0,
                 now,
                 now});
            if (!inserted)
                return HttpResponse::error(inserted.error());
            auto stored = loadAddress(m_database, customerId, id);
            if (!stored)
                return HttpResponse::error(stored.error());
            return commitAnd(*tx, [&] { return HttpResponse::json(201, *stored); });
        }));

    http.addRoute(
        "PUT",
        QStringLiteral("/api/v1/shops/{shopId}/me/addresses/{addressId}"),
        customer([this](const QString&, const QString& customerId, const HttpRequest& request) {
            const QString id = request.pathParams.value(QStringLiteral("addressId"));
            auto body = Json::parseObject(request.body);
            if (!body)
                return HttpResponse::error(body.error());
            auto tx = db::Transaction::begin(m_database);
            if (!tx)
                return HttpResponse::error(tx.error());
            auto current = loadAddress(m_database, customerId, id);
            if (!current)
                return HttpResponse::error(current.error());
            auto address = mergeAddress(*current, *body);
            if (!address)
                return HttpResponse::error(address.error());
            const bool isDefault = address->value(QStringLiteral("isDefault")).toBool();
            if (isDefault) {
                if (const Status cleared = clearOtherDefaults(m_database, customerId, id); !cleared)
                    return HttpResponse::error(cleared.error());
            }
            auto updated = m_database.exec(
                QStringLiteral("UPDATE customer_addresses SET recipient = ?, phone = ?, province = ?, city = ?, "
                               "district = ?, detail = ?, is_default = ?, updated_at_ms = ? "
                               "WHERE id = ? AND customer_id = ?"),
                {db::notNullText(address->value(QStringLiteral("recipient")).toString()),
                 db::notNullText(address->value(QStringLiteral("phone")).toString()),
                 db::notNullText(address->value(QStringLiteral("province")).toString()),
                 db::notNullText(address->value(QStringLiteral("city")).toString()),
                 db::notNullText(address->value(QStringLiteral("district")).toString()),
                 db::notNullText(address->value(QStringLiteral("detail")).toString()),
                 isDefault ? 1 : 0,
                 m_clock.nowMs(),
                 id,
                 customerId});
            if (!updated)
                return HttpResponse::error(updated.error());
            auto stored = loadAddress(m_database, customerId, id);
            if (!stored)
                return HttpResponse::error(stored.error());
            return commitAnd(*tx, [&] { return HttpResponse::json(200, *stored); });
        }));

    http.addRoute("DELETE",
                  QStringLiteral("/api/v1/shops/{shopId}/me/addresses/{addressId}"),
                  customer([this](const QString&, const QString& customerId, const HttpRequest& request) {
                      // Deleting the default leaves the customer without one: no other address is promoted
                      // behind their back (docs/customers.md).
                      auto deleted = m_database.exec(
                          QStringLiteral("DELETE FROM customer_addresses WHERE id = ? AND customer_id = ?"),
                          {request.pathParams.value(QStringLiteral("addressId")), customerId});
                      if (!deleted)
                          return HttpResponse::error(deleted.error());
                      if (deleted->numRowsAffected() != 1)
                          return HttpResponse::error(noAddress());
                      return HttpResponse{204, {}, {}, {}};
                  }));

    http.addRoute(
        "GET", QStringLiteral("/admin/v1/shops/{shopId}/wechat"), owner([this](const Actor& actor, const HttpRequest&) {
            auto wechat = ShopWechat::load(m_database, actor.shopId);
            return wechat ? HttpResponse::json(200, wechat->publicView()) : HttpResponse::error(wechat.error());
        }));

    http.addRoute("PUT",
                  QStringLiteral("/admin/v1/shops/{shopId}/wechat"),
                  owner([this](const Actor& actor, const HttpRequest& request) {
                      auto body = Json::parseObject(request.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      auto done = m_commands.execute(actor, QStringLiteral("shopWechat.update"), *body);
                      if (!done)
                          return HttpResponse::error(done.error());
                      auto wechat = ShopWechat::load(m_database, actor.shopId);
                      return wechat ? HttpResponse::json(200, wechat->publicView())
                                    : HttpResponse::error(wechat.error());
                  }));
}

} // namespace xd::server
