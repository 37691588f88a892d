#pragma once

namespace xd::db {
class Database;
}

namespace xd::server {

class EntityReader;
class HttpServer;

// The mini-program's API under /api/v1 (public, per shop; docs/openapi.yaml): the shop's display page with
// navigation and phone data, and its photos with caching headers.
class PublicApi
{
public:
    PublicApi(const db::Database& database, const EntityReader& reader);
    void registerRoutes(HttpServer& http);

private:
    const db::Database& m_database;
    const EntityReader& m_reader;
};

} // namespace xd::server
