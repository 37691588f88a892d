#include "CatalogAdminApi.h"

#include "AdminRequest.h"
#include "AuthService.h"
#include "CatalogReader.h"
#include "CommandProcessor.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"

#include <QJsonArray>

namespace xd::server {

namespace {

// REST callers may leave ids out of what they create; the sync path always sends its own (made offline).
QJsonObject withSkuIds(QJsonObject product)
{
    if (!product.value(QStringLiteral("skus")).isArray())
        return product;
    QJsonArray skus = product.value(QStringLiteral("skus")).toArray();
    for (qsizetype i = 0; i < skus.size(); ++i) {
        QJsonObject sku = skus.at(i).toObject();
        if (skus.at(i).isObject() && !sku.contains(QStringLiteral("id"))) {
            sku.insert(QStringLiteral("id"), Id::create());
            skus.replace(i, sku);
        }
    }
    product.insert(QStringLiteral("skus"), skus);
    return product;
}

} // namespace

CatalogAdminApi::CatalogAdminApi(AuthService& auth, CommandProcessor& commands, const CatalogReader& reader)
    : m_auth(auth), m_commands(commands), m_reader(reader)
{}

HttpServer::Handler CatalogAdminApi::authorized(Authorized handler) const
{
    return requireStaff(m_auth, std::move(handler));
}

HttpResponse
CatalogAdminApi::run(const Actor& actor, const QString& operation, const QJsonObject& args, int okStatus) const
{
    return runOperation(m_commands, actor, operation, args, {}, okStatus);
}

void CatalogAdminApi::registerRoutes(HttpServer& http)
{
    // Literal paths before "{id}" ones: the router takes the first match.
    http.addRoute(
        "GET", QStringLiteral("/admin/v1/categories"), authorized([this](const Actor& actor, const HttpRequest&) {
            auto categories = m_reader.categories(actor.shopId);
            if (!categories)
                return HttpResponse::error(categories.error());
            QJsonArray list;
            for (const QJsonObject& category : std::as_const(*categories))
                list.append(category);
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("categories"), list}});
        }));
    http.addRoute(
        "POST", QStringLiteral("/admin/v1/categories"), authorized([this](const Actor& actor, const HttpRequest& r) {
            auto body = Json::parseObject(r.body);
            if (!body)
                return HttpResponse::error(body.error());
            if (!body->contains(QStringLiteral("id")))
                body->insert(QStringLiteral("id"), Id::create());
            return run(actor, QStringLiteral("category.save"), *body, 201);
        }));
    http.addRoute("PUT",
                  QStringLiteral("/admin/v1/categories/order"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      return run(actor, QStringLiteral("category.reorder"), *body);
                  }));
    http.addRoute("PUT",
                  QStringLiteral("/admin/v1/categories/{categoryId}"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      body->insert(QStringLiteral("id"), r.pathParams.value(QStringLiteral("categoryId")));
                      return run(actor, QStringLiteral("category.save"), *body, 201);
                  }));
    http.addRoute("DELETE",
                  QStringLiteral("/admin/v1/categories/{categoryId}"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      return run(actor,
                                 QStringLiteral("category.delete"),
                                 {{QStringLiteral("id"), r.pathParams.value(QStringLiteral("categoryId"))}});
                  }));

    http.addRoute(
        "GET", QStringLiteral("/admin/v1/products"), authorized([this](const Actor& actor, const HttpRequest& r) {
            auto query = CatalogReader::parseListQuery(r.query, ProductQuery::Audience::Merchant);
            if (!query)
                return HttpResponse::error(query.error());
            query->shopId = actor.shopId;
            auto page = m_reader.products(*query);
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
    http.addRoute(
        "POST", QStringLiteral("/admin/v1/products"), authorized([this](const Actor& actor, const HttpRequest& r) {
            auto body = Json::parseObject(r.body);
            if (!body)
                return HttpResponse::error(body.error());
            if (!body->contains(QStringLiteral("id")))
                body->insert(QStringLiteral("id"), Id::create());
            return run(actor, QStringLiteral("product.save"), withSkuIds(*body), 201);
        }));
    http.addRoute("POST",
                  QStringLiteral("/admin/v1/products/shelf"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      return run(actor, QStringLiteral("product.setShelf"), *body);
                  }));
    http.addRoute("POST",
                  QStringLiteral("/admin/v1/products/stock"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      return run(actor, QStringLiteral("product.adjustStock"), *body);
                  }));
    http.addRoute("POST",
                  QStringLiteral("/admin/v1/products/prices"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      return run(actor, QStringLiteral("product.setPrice"), *body);
                  }));
    http.addRoute("GET",
                  QStringLiteral("/admin/v1/products/{productId}"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      const QString id = r.pathParams.value(QStringLiteral("productId"));
                      if (!Id::isValid(id))
                          return HttpResponse::error(
                              makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed product id")));
                      auto product = m_reader.product(actor.shopId, id, ProductQuery::Audience::Merchant);
                      if (!product)
                          return HttpResponse::error(product.error());
                      return HttpResponse::json(200, *product);
                  }));
    http.addRoute("PUT",
                  QStringLiteral("/admin/v1/products/{productId}"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      body->insert(QStringLiteral("id"), r.pathParams.value(QStringLiteral("productId")));
                      return run(actor, QStringLiteral("product.save"), withSkuIds(*body), 201);
                  }));
    http.addRoute("DELETE",
                  QStringLiteral("/admin/v1/products/{productId}"),
                  authorized([this](const Actor& actor, const HttpRequest& r) {
                      return run(actor,
                                 QStringLiteral("product.delete"),
                                 {{QStringLiteral("id"), r.pathParams.value(QStringLiteral("productId"))}});
                  }));
}

} // namespace xd::server
