#include "ReviewApi.h"

#include "AdminRequest.h"
#include "CommandProcessor.h"
#include "CustomerAuth.h"
#include "HttpServer.h"
#include "ImageApi.h"
#include "ReviewReader.h"
#include "ReviewWriter.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/ReviewRules.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Result<QString> idOf(const HttpRequest& request, const QString& name)
{
    const QString id = request.pathParams.value(name);
    if (!Id::isValid(id))
        return invalid(QStringLiteral("malformed %1").arg(name));
    return id;
}

HttpResponse pageResponse(const ReviewPage& page, QJsonObject extra = {})
{
    QJsonArray items;
    for (const QJsonObject& item : page.items)
        items.append(item);
    extra.insert(QStringLiteral("items"), items);
    extra.insert(QStringLiteral("nextCursor"), page.nextCursor.isEmpty() ? QJsonValue() : QJsonValue(page.nextCursor));
    return HttpResponse::json(200, extra);
}

// The merchant's path names their own shop; any other shop id is not found (never "forbidden": no probing).
Result<QString> merchantShop(const Actor& actor, const HttpRequest& request)
{
    auto shopId = idOf(request, QStringLiteral("shopId"));
    if (!shopId)
        return shopId.error();
    if (*shopId != actor.shopId)
        return makeError(ErrorCode::NotFound, QStringLiteral("no such shop"));
    return shopId;
}

} // namespace

ReviewApi::ReviewApi(const AuthService& auth,
                     const CustomerAuth& customers,
                     CommandProcessor& commands,
                     const db::Database& database,
                     const Clock& clock,
                     ChangeNotifier& notifier)
    : m_auth(auth), m_customers(customers), m_commands(commands), m_database(database), m_clock(clock),
      m_notifier(notifier)
{}

void ReviewApi::registerRoutes(HttpServer& http)
{
    registerCustomerRoutes(http);
    registerMerchantRoutes(http);
}

void ReviewApi::registerCustomerRoutes(HttpServer& http)
{
    // The customer of the bearer token, for the shop in the path (401 for anything else).
    const auto customerOf = [this](const HttpRequest& request) -> Result<CustomerPrincipal> {
        auto shopId = idOf(request, QStringLiteral("shopId"));
        if (!shopId)
            return shopId.error();
        return m_customers.authenticate(request, *shopId);
    };

    http.addRoute("POST", QStringLiteral("/api/v1/shops/{shopId}/me/images"), [this, customerOf](const HttpRequest& r) {
        auto customer = customerOf(r);
        if (!customer)
            return HttpResponse::error(customer.error());
        auto bytes = uploadedImageBytes(r);
        if (!bytes)
            return HttpResponse::error(bytes.error());
        auto image =
            ReviewWriter(m_database, m_clock, m_notifier).uploadImage(customer->shopId, customer->customerId, *bytes);
        if (!image)
            return HttpResponse::error(image.error());
        return HttpResponse::json(201, *image);
    });

    http.addRoute("POST",
                  QStringLiteral("/api/v1/shops/{shopId}/orders/{orderId}/reviews"),
                  [this, customerOf](const HttpRequest& r) {
                      auto customer = customerOf(r);
                      if (!customer)
                          return HttpResponse::error(customer.error());
                      auto orderId = idOf(r, QStringLiteral("orderId"));
                      if (!orderId)
                          return HttpResponse::error(orderId.error());
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      auto drafts = ReviewRules::normalizeReviews(*body);
                      if (!drafts)
                          return HttpResponse::error(drafts.error());
                      auto reviews = ReviewWriter(m_database, m_clock, m_notifier)
                                         .post(customer->shopId, customer->customerId, *orderId, *drafts);
                      if (!reviews)
                          return HttpResponse::error(reviews.error());
                      QJsonArray items;
                      for (const QJsonObject& review : std::as_const(*reviews))
                          items.append(review);
                      return HttpResponse::json(201, QJsonObject{{QStringLiteral("items"), items}});
                  });

    http.addRoute(
        "GET", QStringLiteral("/api/v1/shops/{shopId}/products/{productId}/reviews"), [this](const HttpRequest& r) {
            auto shopId = idOf(r, QStringLiteral("shopId"));
            if (!shopId)
                return HttpResponse::error(shopId.error());
            auto productId = idOf(r, QStringLiteral("productId"));
            if (!productId)
                return HttpResponse::error(productId.error());
            auto query = ReviewReader::parseListQuery(r.query, ReviewQuery::Audience::Customer);
            if (!query)
                return HttpResponse::error(query.error());
            // A product of this shop that exists (an unknown shop, another shop's product or a deleted one: 404).
            auto product =
                m_database.scalar(QStringLiteral("SELECT 1 FROM products WHERE id = ? AND shop_id = ? AND deleted = 0"),
                                  {*productId, *shopId});
            if (!product)
                return HttpResponse::error(product.error().code == ErrorCode::NotFound
                                               ? makeError(ErrorCode::NotFound, QStringLiteral("no such product"))
                                               : product.error());
            query->shopId = *shopId;
            query->productId = *productId;
            auto page = ReviewReader(m_database).reviews(*query);
            if (!page)
                return HttpResponse::error(page.error());
            auto rating = ReviewReader::ratingSummary(m_database, *productId);
            if (!rating)
                return HttpResponse::error(rating.error());
            HttpResponse response = pageResponse(*page, QJsonObject{{QStringLiteral("rating"), *rating}});
            // Short, as for the catalog: a review the merchant hides leaves phones within half a minute.
            response.addHeader("Cache-Control", "public, max-age=30");
            return response;
        });
}

void ReviewApi::registerMerchantRoutes(HttpServer& http)
{
    http.addRoute("GET",
                  QStringLiteral("/admin/v1/shops/{shopId}/reviews"),
                  requireStaff(m_auth, [this](const Actor& actor, const HttpRequest& r) {
                      auto shopId = merchantShop(actor, r);
                      if (!shopId)
                          return HttpResponse::error(shopId.error());
                      auto query = ReviewReader::parseListQuery(r.query, ReviewQuery::Audience::Merchant);
                      if (!query)
                          return HttpResponse::error(query.error());
                      query->shopId = *shopId;
                      auto page = ReviewReader(m_database).reviews(*query);
                      if (!page)
                          return HttpResponse::error(page.error());
                      return pageResponse(*page);
                  }));

    // Both operations answer {"version", "review"}: the review as it now stands.
    const auto operation = [this](const QString& name, const Actor& actor, const HttpRequest& r) {
        auto shopId = merchantShop(actor, r);
        if (!shopId)
            return HttpResponse::error(shopId.error());
        auto body = Json::parseObject(r.body);
        if (!body)
            return HttpResponse::error(body.error());
        body->insert(QStringLiteral("reviewId"), r.pathParams.value(QStringLiteral("reviewId")));
        auto result = m_commands.execute(actor, name, *body);
        if (!result)
            return HttpResponse::error(result.error());
        auto review =
            ReviewReader(m_database).merchantReview(*shopId, body->value(QStringLiteral("reviewId")).toString());
        if (!review)
            return HttpResponse::error(review.error());
        return HttpResponse::json(
            200, QJsonObject{{QStringLiteral("version"), result->version}, {QStringLiteral("review"), *review}});
    };
    http.addRoute("POST",
                  QStringLiteral("/admin/v1/shops/{shopId}/reviews/{reviewId}/reply"),
                  requireStaff(m_auth, [operation](const Actor& actor, const HttpRequest& r) {
                      return operation(QStringLiteral("review.reply"), actor, r);
                  }));
    http.addRoute("POST",
                  QStringLiteral("/admin/v1/shops/{shopId}/reviews/{reviewId}/hidden"),
                  requireStaff(m_auth, [operation](const Actor& actor, const HttpRequest& r) {
                      return operation(QStringLiteral("review.setHidden"), actor, r);
                  }));
}

} // namespace xd::server
