#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/Stats.h"

#include <QDate>
#include <QUrlQuery>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class AuthService;
class HttpServer;

// The merchant's finance and statistics report over HTTP (docs/statistics.md, docs/openapi.yaml):
// GET /admin/v1/shops/{shopId}/stats?period=…&date=…&from=…&to=…&top=… for the owner and clerks of the shop, read
// from the rollups by StatsReader. Stateless: the routes hold the references given here, which outlive the server.
class StatsApi
{
public:
    static void
    registerRoutes(HttpServer& http, const AuthService& auth, const db::Database& database, const Clock& clock);

    struct Query
    {
        stats::Period period;
        int top = 10;
    };
    // The query of a report request; `today` is the shop's local day. InvalidArgument with a plain message for an
    // unknown parameter or period, a malformed date, a reversed or too long range, or top outside 1..50.
    static Result<Query> parseQuery(const QUrlQuery& url, QDate today);

    static constexpr int DefaultTop = 10;
};

} // namespace xd::server
