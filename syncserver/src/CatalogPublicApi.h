#pragma once

#include "HttpTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMetaObject>

#include <functional>

namespace xd::db {
class Database;
}

namespace xd::server {

class CatalogReader;
class ChangeNotifier;
class HttpServer;
class ViewRecorder;

// The mini-program's catalog under /api/v1/shops/{shopId} (docs/openapi.yaml): categories, the product list (filter,
// sort, search, cursor paging) and product detail. Only on-shelf, undeleted products of that shop are ever visible;
// stock is shown as a state, never as a number.
class CatalogPublicApi
{
public:
    CatalogPublicApi(const db::Database& database, const CatalogReader& reader);
    ~CatalogPublicApi();
    Q_DISABLE_COPY_MOVE(CatalogPublicApi)
    void registerRoutes(HttpServer& http);
    // When set, the category tree and product list pages are answered from memory until their shop changes
    // (docs/performance.md): every committed change of a shop, also one relayed from another server, drops its answers.
    void setChangeNotifier(ChangeNotifier* notifier);

    static constexpr int RememberedMax = 2000;           // answers kept (a list page is ~5 KiB)
    static constexpr qint64 RememberedMaxAgeMs = 10'000; // even unchanged (a writer outside the server, e.g. the CLI)
    // Product detail views are recorded there for statistics when set.
    void setViewRecorder(ViewRecorder* views) { m_views = views; }

private:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;
    struct Remembered
    {
        HttpResponse response;
        qint64 atMs = 0;
    };
    // `answer`, remembered per shop by path and query when it is a 200.
    Handler remembering(Handler answer);

    const db::Database& m_database;
    const CatalogReader& m_reader;
    QHash<QString, QHash<QString, Remembered>> m_remembered; // shop id -> "path?query" -> answer
    qsizetype m_rememberedCount = 0;
    QElapsedTimer m_age;
    QMetaObject::Connection m_changes;
    ViewRecorder* m_views = nullptr;
};

} // namespace xd::server
