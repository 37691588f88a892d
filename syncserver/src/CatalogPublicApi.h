#pragma once

namespace xd::db {
class Database;
}

namespace xd::server {

class CatalogReader;
class HttpServer;

// The mini-program's catalog under /api/v1/shops/{shopId} (docs/openapi.yaml): categories, the product list (filter,
// sort, search, cursor paging) and product detail. Only on-shelf, undeleted products of that shop are ever visible;
// stock is shown as a state, never as a number.
class CatalogPublicApi
{
public:
    CatalogPublicApi(const db::Database& database, const CatalogReader& reader);
    void registerRoutes(HttpServer& http);

private:
    const db::Database& m_database;
    const CatalogReader& m_reader;
};

} // namespace xd::server
