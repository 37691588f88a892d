#include "CatalogPublicApi.h"

#include "CatalogReader.h"
#include "ChangeNotifier.h"
#include "HttpServer.h"
#include "ReviewReader.h"
#include "ViewRecorder.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"

#include <QJsonArray>

#include <algorithm>
#include <iterator>

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
{
    m_age.start();
}

CatalogPublicApi::~CatalogPublicApi()
{
    QObject::disconnect(m_changes);
}

void CatalogPublicApi::setChangeNotifier(ChangeNotifier* notifier)
{
    QObject::disconnect(m_changes);
    m_remembered.clear();
    m_rememberedCount = 0;
    if (!notifier)
        return;
    // Emitted after every commit that moves a shop's counter (CommandProcessor, ViewRecorder, PgChangeRelay); all
    // on this thread, so no answer read before a commit can be stored after its notification.
    m_changes = QObject::connect(notifier, &ChangeNotifier::shopChanged, notifier, [this](const QString& shopId) {
        m_rememberedCount -= m_remembered.take(shopId).size();
    });
}

CatalogPublicApi::Handler CatalogPublicApi::remembering(Handler answer)
{
    // A list page costs ~0.4 ms (the SQL alone 0.13 ms), the bare HTTP answer 0.03 ms: a mini-program's traffic is
    // mostly the same few pages, so they are answered from memory (docs/performance.md). Only while notified.
    return [this, answer = std::move(answer)](const HttpRequest& request) {
        if (!m_changes)
            return answer(request);
        // The key is the path and the parameters the catalog reads, sorted. A request with any other parameter is
        // answered but not remembered, so made-up parameters cannot push real pages out of memory.
        static const QStringList known{QStringLiteral("category"),
                                       QStringLiteral("cursor"),
                                       QStringLiteral("limit"),
                                       QStringLiteral("page"),
                                       QStringLiteral("pageSize"),
                                       QStringLiteral("q"),
                                       QStringLiteral("sort")};
        QList<QPair<QString, QString>> items = request.query.queryItems(QUrl::FullyEncoded);
        for (const auto& item : std::as_const(items)) {
            if (!known.contains(item.first))
                return answer(request);
        }
        std::sort(items.begin(), items.end());
        QString key = request.path + QLatin1Char('?');
        for (const auto& [name, value] : std::as_const(items))
            key += name + QLatin1Char('=') + value + QLatin1Char('&');
        const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
        const qint64 now = m_age.elapsed();
        const auto shop = m_remembered.constFind(shopId);
        if (shop != m_remembered.cend()) {
            const auto hit = shop->constFind(key);
            if (hit != shop->cend() && now - hit->atMs < RememberedMaxAgeMs)
                return hit->response;
        }
        HttpResponse response = answer(request);
        if (response.status != 200)
            return response; // errors are cheap and must not pin an unknown shop id in memory
        if (m_rememberedCount >= RememberedMax) {
            // Full: expired answers go first; only when every one is fresh does everything go.
            for (auto shopAnswers = m_remembered.begin(); shopAnswers != m_remembered.end();) {
                for (auto it = shopAnswers->begin(); it != shopAnswers->end();) {
                    if (now - it->atMs >= RememberedMaxAgeMs) {
                        it = shopAnswers->erase(it);
                        --m_rememberedCount;
                    } else {
                        ++it;
                    }
                }
                shopAnswers = shopAnswers->isEmpty() ? m_remembered.erase(shopAnswers) : std::next(shopAnswers);
            }
            if (m_rememberedCount >= RememberedMax) {
                m_remembered.clear();
                m_rememberedCount = 0;
            }
        }
        QHash<QString, Remembered>& answers = m_remembered[shopId];
        if (!answers.contains(key))
            ++m_rememberedCount;
        answers.insert(key, Remembered{response, now});
        return response;
    };
}

void CatalogPublicApi::registerRoutes(HttpServer& http)
{
    const Handler categoryTree = [this](const HttpRequest& request) {
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
    };
    http.addRoute("GET", QStringLiteral("/api/v1/shops/{shopId}/categories"), remembering(categoryTree));

    const Handler productList = [this](const HttpRequest& request) {
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
    };
    http.addRoute("GET", QStringLiteral("/api/v1/shops/{shopId}/products"), remembering(productList));

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
            // The product's rating over its visible reviews: one row, kept by every review write (docs/reviews.md).
            // Detail answers are not remembered here, so a new or hidden review shows at the next request.
            auto rating = ReviewReader::ratingSummary(m_database, productId);
            if (!rating)
                return HttpResponse::error(rating.error());
            product->insert(QStringLiteral("rating"), *rating);
            if (m_views)
                m_views->record(
                    ViewEvent{*shopId, ViewEvent::Kind::Product, productId, m_views->visitorKey(request), 0});
            return cached(HttpResponse::json(200, *product));
        });
}

} // namespace xd::server
