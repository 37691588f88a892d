#include "AdminApi.h"

#include "AdminRequest.h"
#include "AuthService.h"
#include "CommandProcessor.h"
#include "EntityReader.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"

#include <QJsonArray>

namespace xd::server {

namespace {

Result<QJsonObject> jsonBody(const HttpRequest& request)
{
    return Json::parseObject(request.body);
}

} // namespace

AdminApi::AdminApi(AuthService& auth, CommandProcessor& commands, const EntityReader& reader, QHostAddress trustedProxy)
    : m_auth(auth), m_commands(commands), m_reader(reader), m_trustedProxy(std::move(trustedProxy))
{}

HttpServer::Handler AdminApi::authorized(Authorized handler) const
{
    return requireStaff(m_auth, std::move(handler));
}

HttpResponse
AdminApi::run(const Actor& actor, const QString& operation, const QJsonObject& args, const QByteArray& attachment) const
{
    return runOperation(m_commands, actor, operation, args, attachment);
}

void AdminApi::registerRoutes(HttpServer& http)
{
    http.addRoute("POST", QStringLiteral("/admin/v1/auth/login"), [this](const HttpRequest& request) {
        auto body = jsonBody(request);
        if (!body)
            return HttpResponse::error(body.error());
        auto shop = Json::requireString(*body, QStringLiteral("shop"));
        auto login = Json::requireString(*body, QStringLiteral("login"));
        auto password = Json::requireString(*body, QStringLiteral("password"));
        for (const auto* field : {&shop, &login, &password}) {
            if (!*field)
                return HttpResponse::error(field->error());
        }
        const QString address = clientAddress(request, m_trustedProxy).toString();
        auto session = m_auth.login(*shop, *login, *password, address);
        if (!session)
            return HttpResponse::error(session.error());
        return HttpResponse::json(200,
                                  QJsonObject{{QStringLiteral("token"), session->token},
                                              {QStringLiteral("expiresAtMs"), session->expiresAtMs},
                                              {QStringLiteral("shopId"), session->actor.shopId},
                                              {QStringLiteral("staffId"), session->actor.staffId},
                                              {QStringLiteral("role"), roleName(session->actor.role)},
                                              {QStringLiteral("displayName"), session->displayName}});
    });
    http.addRoute("POST", QStringLiteral("/admin/v1/auth/logout"), [this](const HttpRequest& request) {
        if (const Status done = m_auth.logout(bearerToken(request)); !done)
            return HttpResponse::error(done.error());
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("ok"), true}});
    });

    http.addRoute("GET", QStringLiteral("/admin/v1/shop"), authorized([this](const Actor& actor, const HttpRequest&) {
                      auto shop = m_reader.shop(actor.shopId);
                      auto photos = m_reader.livePhotos(actor.shopId);
                      if (!shop)
                          return HttpResponse::error(shop.error());
                      if (!photos)
                          return HttpResponse::error(photos.error());
                      QJsonArray list;
                      for (const QJsonObject& photo : *photos)
                          list.append(photo);
                      shop->insert(QStringLiteral("photos"), list);
                      return HttpResponse::json(200, *shop);
                  }));
    http.addRoute(
        "PATCH", QStringLiteral("/admin/v1/shop"), authorized([this](const Actor& actor, const HttpRequest& r) {
            auto body = jsonBody(r);
            if (!body)
                return HttpResponse::error(body.error());
            return run(actor, QStringLiteral("shop.updateProfile"), *body);
        }));
    http.addRoute(
        "POST", QStringLiteral("/admin/v1/shop/photos"), authorized([this](const Actor& actor, const HttpRequest& r) {
            HttpResponse response = run(actor, QStringLiteral("shop.uploadPhoto"), {}, r.body);
            if (response.status == 200)
                response.status = 201;
            return response;
        }));
    http.addRoute("DELETE",
                  QStringLiteral("/admin/v1/shop/photos/{photoId}"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      return run(actor,
                                 QStringLiteral("shop.removePhoto"),
                                 {{QStringLiteral("id"), r.pathParams.value(QStringLiteral("photoId"))}});
                  }));
    http.addRoute("PUT",
                  QStringLiteral("/admin/v1/shop/photos/order"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      auto body = jsonBody(r);
                      if (!body)
                          return HttpResponse::error(body.error());
                      return run(actor, QStringLiteral("shop.reorderPhotos"), *body);
                  }));

    http.addRoute("GET", QStringLiteral("/admin/v1/staff"), authorized([this](const Actor& actor, const HttpRequest&) {
                      auto staff = m_reader.staff(actor.shopId);
                      if (!staff)
                          return HttpResponse::error(staff.error());
                      QJsonArray list;
                      for (const QJsonObject& person : *staff)
                          list.append(person);
                      return HttpResponse::json(200, QJsonObject{{QStringLiteral("staff"), list}});
                  }));
    http.addRoute(
        "POST", QStringLiteral("/admin/v1/staff"), authorized([this](const Actor& actor, const HttpRequest& r) {
            auto body = jsonBody(r);
            if (!body)
                return HttpResponse::error(body.error());
            if (!body->contains(QStringLiteral("id")))
                body->insert(QStringLiteral("id"), Id::create());
            HttpResponse response = run(actor, QStringLiteral("staff.add"), *body);
            if (response.status == 200)
                response.status = 201;
            return response;
        }));
    http.addRoute("PATCH",
                  QStringLiteral("/admin/v1/staff/{staffId}"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      auto body = jsonBody(r);
                      if (!body)
                          return HttpResponse::error(body.error());
                      body->insert(QStringLiteral("id"), r.pathParams.value(QStringLiteral("staffId")));
                      return run(actor, QStringLiteral("staff.update"), *body);
                  }));
    http.addRoute("POST",
                  QStringLiteral("/admin/v1/staff/{staffId}/password"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      auto body = jsonBody(r);
                      if (!body)
                          return HttpResponse::error(body.error());
                      body->insert(QStringLiteral("id"), r.pathParams.value(QStringLiteral("staffId")));
                      return run(actor, QStringLiteral("staff.resetPassword"), *body);
                  }));
}

} // namespace xd::server
