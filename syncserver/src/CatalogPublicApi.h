#pragma once

namespace xd::db {
class Database;
}

namespace xd::server {

class CatalogReader;
class HttpServer;
class ViewRecorder;

// The mini-program's catalog under /api/v1/shops/{shopId} (docs/openapi.yaml): categories, the product list (filter,
// sort, search, cursor paging) and product detail. Only on-shelf, undeleted products of that shop are ever visible;
// stock is shown as a state, never as a number.
class CatalogPublicApi
{
public:
    CatalogPublicApi(const db::Database& database, const CatalogReader& reader);
    void registerRoutes(HttpServer& http);
    // Product detail views are recorded there for statistics when set.
    void setViewRecorder(ViewRecorder* views) { m_views = views; }

private:
    const db::Database& m_database;
    const CatalogReader& m_reader;
    ViewRecorder* m_views = nullptr;
};

} // namespace xd::server
