#pragma once

#include "Actor.h"
#include "HttpServer.h"
#include "HttpTypes.h"

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class ArticleReader;
class AuthService;
class CommandProcessor;
class ViewRecorder;

// Articles (docs/openapi.yaml, docs/articles.md): the merchant's under /admin/v1/articles -- writes are the article
// operations of CommandProcessor, as for a desktop's sync push -- and the mini-program's under
// /api/v1/shops/{shopId}/articles, which shows published articles whose time has come and nothing else. Also the
// mini-program's page-view call, POST /api/v1/shops/{shopId}/views.
class ArticleApi
{
public:
    ArticleApi(AuthService& auth,
               CommandProcessor& commands,
               const db::Database& database,
               const ArticleReader& reader,
               ViewRecorder& views,
               const Clock& clock);
    void registerRoutes(HttpServer& http);

private:
    void registerMerchantRoutes(HttpServer& http);
    void registerPublicRoutes(HttpServer& http);

    AuthService& m_auth;
    CommandProcessor& m_commands;
    const db::Database& m_database;
    const ArticleReader& m_reader;
    ViewRecorder& m_views;
    const Clock& m_clock;
};

} // namespace xd::server
