#include "CatalogPublicApi.h"

#include "CatalogReader.h"
#include "HttpServer.h"
#include "ViewRecorder.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>

namespace xd::server {

namespace {

// The shop id of the path, checked: malformed is 400, unknown 404.
Result<QString> shopOf(const db::Database& database, const HttpRequest& request)
{
    const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
    if (!Id::isValid(shopId))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed shop id"));
    auto shop = database.scalar(QStringLiteral("SELECT 1 FROM shops WHERE id = ?"), {shopId});
    if (!shop)
        return shop.error().code == ErrorCode::NotFound ? makeError(ErrorCode::NotFound, QStringLiteral("no such shop"))
                                                        : shop.error();
    return shopId;
}

HttpResponse cached(HttpResponse response)
{
    // Short: a product taken off the shelf disappears from phones within half a minute.
    if (response.status == 200)
        response.addHeader("Cache-Control", "public, max-age=30");
    return response;
}

} // namespace

CatalogPublicApi::CatalogPublicApi(const db::Database& database, const CatalogReader& reader)
    : m_database(database), m_reader(reader)
{}

void CatalogPublicApi::registerRoutes(HttpServer& http)
{
    http.addRoute("GET", QStringLiteral("/api/v1/shops/{shopId}/categories"), [this](const HttpRequest& request) {
        auto shopId = shopOf(m_database, request);
        if (!shopId)
            return HttpResponse::error(shopId.error());
        auto categories = m_reader.categories(*shopId);
        if (!categories)
            return HttpResponse::error(categories.error());
        // Nested for the mini-program's two-level menu; a child whose parent is gone is not shown.
        QJsonArray tree;
        QHash<QString, qsizetype> indexOf;
        for (const QJsonObject& category : std::as_const(*categories)) {
            QJsonObject node{{QStringLiteral("id"), category.value(QStringLiteral("id"))},
                             {QStringLiteral("name"), category.value(QStringLiteral("name"))},
                             {QStringLiteral("icon"), category.value(QStringLiteral("icon"))}};
            const QString parentId = category.value(QStringLiteral("parentId")).toString();
            if (parentId.isEmpty()) {
                node.insert(QStringLiteral("children"), QJsonArray());
                indexOf.insert(category.value(QStringLiteral("id")).toString(), tree.size());
                tree.append(node);
            } else if (indexOf.contains(parentId)) {
                QJsonObject parent = tree.at(indexOf.value(parentId)).toObject();
                QJsonArray children = parent.value(QStringLiteral("children")).toArray();
                children.append(node);
                parent.insert(QStringLiteral("children"), children);
                tree.replace(indexOf.value(parentId), parent);
            }
        }
        return cached(HttpResponse::json(200, QJsonObject{{QStringLiteral("categories"), tree}}));
    });

    http.addRoute("GET", QStringLiteral("/api/v1/shops/{shopId}/products"), [this](const HttpRequest& request) {
        auto shopId = shopOf(m_database, request);
        if (!shopId)
            return HttpResponse::error(shopId.error());
        auto query = CatalogReader::parseListQuery(request.query, ProductQuery::Audience::Customer);
        if (!query)
            return HttpResponse::error(query.error());
        query->shopId = *shopId;
        auto page = m_reader.products(*query);
        if (!page)
            return HttpResponse::error(page.error());
        QJsonArray items;
        for (const QJsonObject& item : std::as_const(page->items))
            items.append(item);
        return cached(HttpResponse::json(
            200,
            QJsonObject{{QStringLiteral("items"), items},
                        {QStringLiteral("nextCursor"),
                         page->nextCursor.isEmpty() ? QJsonValue() : QJsonValue(page->nextCursor)}}));
    });

    http.addRoute(
        "GET", QStringLiteral("/api/v1/shops/{shopId}/products/{productId}"), [this](const HttpRequest& request) {
            auto shopId = shopOf(m_database, request);
            if (!shopId)
                return HttpResponse::error(shopId.error());
            const QString productId = request.pathParams.value(QStringLiteral("productId"));
            if (!Id::isValid(productId))
                return HttpResponse::error(
                    makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed product id")));
            auto product = m_reader.product(*shopId, productId, ProductQuery::Audience::Customer);
            if (!product)
                return HttpResponse::error(product.error());
            if (m_views)
                m_views->record(
                    ViewEvent{*shopId, ViewEvent::Kind::Product, productId, m_views->visitorKey(request), 0});
            return cached(HttpResponse::json(200, *product));
        });
}

} // namespace xd::server
