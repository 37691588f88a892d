#include "OrderAdminApi.h"

#include "AdminRequest.h"
#include "AuthService.h"
#include "CommandProcessor.h"
#include "OrderReader.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"

#include <QJsonArray>

namespace xd::server {

namespace {

// POST /admin/v1/shops/{shopId}/orders/{orderId}/{action}: the path's action → the operation.
QString operationFor(const QString& action)
{
    static const QHash<QString, QString> operations{
        {QStringLiteral("accept"), QStringLiteral("order.accept")},
        {QStringLiteral("ship"), QStringLiteral("order.ship")},
        {QStringLiteral("ready-for-pickup"), QStringLiteral("order.readyForPickup")},
        {QStringLiteral("start-service"), QStringLiteral("order.startService")},
        {QStringLiteral("complete"), QStringLiteral("order.complete")},
        {QStringLiteral("mark-collected"), QStringLiteral("order.markCollected")},
        {QStringLiteral("cancel"), QStringLiteral("order.cancel")},
        {QStringLiteral("refund"), QStringLiteral("order.refund")},
        {QStringLiteral("reject-refund"), QStringLiteral("order.rejectRefund")},
        {QStringLiteral("remark"), QStringLiteral("order.remark")},
    };
    return operations.value(action);
}

// An empty body is {} (most actions need nothing but the order in the path).
Result<QJsonObject> bodyOf(const HttpRequest& request)
{
    if (request.body.trimmed().isEmpty())
        return QJsonObject();
    return Json::parseObject(request.body);
}

} // namespace

OrderAdminApi::OrderAdminApi(AuthService& auth, CommandProcessor& commands, const OrderReader& reader)
    : m_auth(auth), m_commands(commands), m_reader(reader)
{}

HttpServer::Handler OrderAdminApi::inShop(ShopHandler handler) const
{
    return requireStaff(m_auth, [handler = std::move(handler)](const Actor& actor, const HttpRequest& request) {
        // Another shop's orders do not exist for this caller (never reveal that they do).
        if (request.pathParams.value(QStringLiteral("shopId")) != actor.shopId)
            return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such shop")));
        return handler(actor, request);
    });
}

void OrderAdminApi::registerRoutes(HttpServer& http)
{
    http.addRoute("GET",
                  QStringLiteral("/admin/v1/shops/{shopId}/orders"),
                  inShop([this](const Actor& actor, const HttpRequest& r) {
                      auto query = m_reader.parseListQuery(actor.shopId, r.query);
                      if (!query)
                          return HttpResponse::error(query.error());
                      auto page = m_reader.orders(*query);
                      if (!page)
                          return HttpResponse::error(page.error());
                      QJsonArray items;
                      for (const QJsonObject& item : std::as_const(page->items))
                          items.append(item);
                      return HttpResponse::json(
                          200,
                          QJsonObject{{QStringLiteral("items"), items},
                                      {QStringLiteral("nextCursor"),
                                       page->nextCursor.isEmpty() ? QJsonValue() : QJsonValue(page->nextCursor)}});
                  }));
    http.addRoute("GET",
                  QStringLiteral("/admin/v1/shops/{shopId}/orders/{orderId}"),
                  inShop([this](const Actor& actor, const HttpRequest& r) {
                      const QString id = r.pathParams.value(QStringLiteral("orderId"));
                      if (!Id::isValid(id))
                          return HttpResponse::error(
                              makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed order id")));
                      auto order = m_reader.order(actor.shopId, id);
                      if (!order)
                          return HttpResponse::error(order.error());
                      return HttpResponse::json(200, *order);
                  }));
    http.addRoute(
        "POST",
        QStringLiteral("/admin/v1/shops/{shopId}/orders/{orderId}/{action}"),
        inShop([this](const Actor& actor, const HttpRequest& r) {
            const QString operation = operationFor(r.pathParams.value(QStringLiteral("action")));
            if (operation.isEmpty())
                return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such order action")));
            auto body = bodyOf(r);
            if (!body)
                return HttpResponse::error(body.error());
            const QString id = r.pathParams.value(QStringLiteral("orderId"));
            body->insert(QStringLiteral("orderId"), id);
            auto done = m_commands.execute(actor, operation, *body);
            if (!done)
                return HttpResponse::error(done.error());
            // The order as it is now, so that a caller shows the result without a second request.
            auto order = m_reader.order(actor.shopId, id);
            if (!order)
                return HttpResponse::error(order.error());
            return HttpResponse::json(
                200, QJsonObject{{QStringLiteral("version"), done->version}, {QStringLiteral("order"), *order}});
        }));
    const auto settingsAnswer = [this](const QString& shopId) {
        auto stored = m_reader.settings(shopId);
        if (!stored)
            return HttpResponse::error(stored.error());
        QJsonObject body = stored->settings.toJson();
        body.insert(QStringLiteral("version"), stored->version);
        return HttpResponse::json(200, body);
    };
    http.addRoute(
        "GET",
        QStringLiteral("/admin/v1/shops/{shopId}/order-settings"),
        inShop([settingsAnswer](const Actor& actor, const HttpRequest&) { return settingsAnswer(actor.shopId); }));
    http.addRoute("PUT",
                  QStringLiteral("/admin/v1/shops/{shopId}/order-settings"),
                  inShop([this, settingsAnswer](const Actor& actor, const HttpRequest& r) {
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      auto done = m_commands.execute(actor, QStringLiteral("orderSettings.update"), *body);
                      if (!done)
                          return HttpResponse::error(done.error());
                      return settingsAnswer(actor.shopId);
                  }));
}

} // namespace xd::server
