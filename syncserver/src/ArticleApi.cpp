#include "ArticleApi.h"

#include "AdminRequest.h"
#include "ArticleReader.h"
#include "AuthService.h"
#include "CommandProcessor.h"
#include "ViewRecorder.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace xd::server {

namespace {

constexpr int MaxPagePathLength = 200;

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

// The shop id of the path, checked: malformed is 400, unknown 404 (as in CatalogPublicApi).
Result<QString> shopOf(const db::Database& database, const HttpRequest& request)
{
    const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
    if (!Id::isValid(shopId))
        return invalid(QStringLiteral("malformed shop id"));
    auto shop = database.scalar(QStringLiteral("SELECT 1 FROM shops WHERE id = ?"), {shopId});
    if (!shop)
        return shop.error().code == ErrorCode::NotFound ? makeError(ErrorCode::NotFound, QStringLiteral("no such shop"))
                                                        : shop.error();
    return shopId;
}

Result<QString> articleIdOf(const HttpRequest& request)
{
    const QString id = request.pathParams.value(QStringLiteral("articleId"));
    if (!Id::isValid(id))
        return invalid(QStringLiteral("malformed article id"));
    return id;
}

HttpResponse pageResponse(const ArticlePage& page, int status = 200)
{
    QJsonArray items;
    for (const QJsonObject& item : page.items)
        items.append(item);
    return HttpResponse::json(status,
                              QJsonObject{{QStringLiteral("items"), items},
                                          {QStringLiteral("nextCursor"),
                                           page.nextCursor.isEmpty() ? QJsonValue() : QJsonValue(page.nextCursor)}});
}

HttpResponse cached(HttpResponse response)
{
    // Short, as for the catalog: an article taken back disappears from phones within half a minute.
    if (response.status == 200)
        response.addHeader("Cache-Control", "public, max-age=30");
    return response;
}

// A mini-program page path ("pages/goods/detail"), without its query: printable ASCII, no spaces.
Result<QString> pagePathOf(const QJsonObject& body)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9/_.\\-]+$"));
    const QJsonValue value = body.value(QStringLiteral("page"));
    const QString path = value.toString().section(QLatin1Char('?'), 0, 0).trimmed();
    if (!value.isString() || path.isEmpty() || path.size() > MaxPagePathLength || !allowed.match(path).hasMatch())
        return invalid(QStringLiteral("page is a page path of 1 to %1 characters (letters, digits, / _ . -)")
                           .arg(MaxPagePathLength));
    return path;
}

} // namespace

ArticleApi::ArticleApi(AuthService& auth,
                       CommandProcessor& commands,
                       const db::Database& database,
                       const ArticleReader& reader,
                       ViewRecorder& views,
                       const Clock& clock)
    : m_auth(auth), m_commands(commands), m_database(database), m_reader(reader), m_views(views), m_clock(clock)
{}

void ArticleApi::registerRoutes(HttpServer& http)
{
    registerMerchantRoutes(http);
    registerPublicRoutes(http);
}

void ArticleApi::registerMerchantRoutes(HttpServer& http)
{
    http.addRoute("GET",
                  QStringLiteral("/admin/v1/articles"),
                  requireStaff(m_auth, [this](const Actor& actor, const HttpRequest& r) {
                      auto query = ArticleReader::parseListQuery(r.query, ArticleQuery::Audience::Merchant);
                      if (!query)
                          return HttpResponse::error(query.error());
                      query->shopId = actor.shopId;
                      query->nowMs = m_clock.nowMs();
                      auto page = m_reader.articles(*query);
                      if (!page)
                          return HttpResponse::error(page.error());
                      return pageResponse(*page);
                  }));
    http.addRoute("POST",
                  QStringLiteral("/admin/v1/articles"),
                  requireStaff(m_auth, [this](const Actor& actor, const HttpRequest& r) {
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      // REST callers may leave the id out; the sync path always sends its own (made offline).
                      if (!body->contains(QStringLiteral("id")))
                          body->insert(QStringLiteral("id"), Id::create());
                      return runOperation(m_commands, actor, QStringLiteral("article.save"), *body, {}, 201);
                  }));
    http.addRoute("GET",
                  QStringLiteral("/admin/v1/articles/{articleId}"),
                  requireStaff(m_auth, [this](const Actor& actor, const HttpRequest& r) {
                      auto id = articleIdOf(r);
                      if (!id)
                          return HttpResponse::error(id.error());
                      auto article =
                          m_reader.article(actor.shopId, *id, ArticleQuery::Audience::Merchant, m_clock.nowMs());
                      if (!article)
                          return HttpResponse::error(article.error());
                      return HttpResponse::json(200, *article);
                  }));
    http.addRoute("PUT",
                  QStringLiteral("/admin/v1/articles/{articleId}"),
                  requireStaff(m_auth, [this](const Actor& actor, const HttpRequest& r) {
                      auto body = Json::parseObject(r.body);
                      if (!body)
                          return HttpResponse::error(body.error());
                      body->insert(QStringLiteral("id"), r.pathParams.value(QStringLiteral("articleId")));
                      return runOperation(m_commands, actor, QStringLiteral("article.save"), *body, {}, 201);
                  }));
    http.addRoute("DELETE",
                  QStringLiteral("/admin/v1/articles/{articleId}"),
                  requireStaff(m_auth, [this](const Actor& actor, const HttpRequest& r) {
                      return runOperation(m_commands,
                                          actor,
                                          QStringLiteral("article.delete"),
                                          {{QStringLiteral("id"), r.pathParams.value(QStringLiteral("articleId"))}});
                  }));
}

void ArticleApi::registerPublicRoutes(HttpServer& http)
{
    http.addRoute("GET", QStringLiteral("/api/v1/shops/{shopId}/articles"), [this](const HttpRequest& request) {
        auto shopId = shopOf(m_database, request);
        if (!shopId)
            return HttpResponse::error(shopId.error());
        auto query = ArticleReader::parseListQuery(request.query, ArticleQuery::Audience::Customer);
        if (!query)
            return HttpResponse::error(query.error());
        query->shopId = *shopId;
        query->nowMs = m_clock.nowMs();
        auto page = m_reader.articles(*query);
        if (!page)
            return HttpResponse::error(page.error());
        return cached(pageResponse(*page));
    });
    http.addRoute(
        "GET", QStringLiteral("/api/v1/shops/{shopId}/articles/{articleId}"), [this](const HttpRequest& request) {
            auto shopId = shopOf(m_database, request);
            if (!shopId)
                return HttpResponse::error(shopId.error());
            auto id = articleIdOf(request);
            if (!id)
                return HttpResponse::error(id.error());
            auto article = m_reader.article(*shopId, *id, ArticleQuery::Audience::Customer, m_clock.nowMs());
            if (!article)
                return HttpResponse::error(article.error());
            // Counted here, where the article is read; a cached answer on the phone is not a new view.
            m_views.record(ViewEvent{*shopId, ViewEvent::Kind::Article, *id, m_views.visitorKey(request), 0});
            return cached(HttpResponse::json(200, *article));
        });
    http.addRoute("POST", QStringLiteral("/api/v1/shops/{shopId}/views"), [this](const HttpRequest& request) {
        auto shopId = shopOf(m_database, request);
        if (!shopId)
            return HttpResponse::error(shopId.error());
        auto body = Json::parseObject(request.body);
        if (!body)
            return HttpResponse::error(body.error());
        for (auto it = body->begin(); it != body->end(); ++it) {
            if (it.key() != QLatin1String("page") && it.key() != QLatin1String("visitorId"))
                return HttpResponse::error(invalid(QStringLiteral("unknown field '%1'").arg(it.key())));
        }
        auto path = pagePathOf(*body);
        if (!path)
            return HttpResponse::error(path.error());
        const QJsonValue visitorId = body->value(QStringLiteral("visitorId"));
        if (!visitorId.isUndefined() && !visitorId.isNull() && !visitorId.isString())
            return HttpResponse::error(invalid(QStringLiteral("visitorId is text")));
        const bool recorded = m_views.record(
            ViewEvent{*shopId, ViewEvent::Kind::Page, *path, m_views.visitorKey(request, visitorId.toString()), 0});
        // Accepted either way: a view dropped under load is not the mini-program's problem.
        return HttpResponse::json(202, QJsonObject{{QStringLiteral("recorded"), recorded}});
    });
}

} // namespace xd::server
