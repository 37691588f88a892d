#include "StatsApi.h"

#include "AdminRequest.h"
#include "AuthService.h"
#include "HttpServer.h"
#include "StatsReader.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

// A date parameter: absent gives `fallback`; present must be exactly yyyy-MM-dd.
Result<QDate> dateParameter(const QUrlQuery& url, const QString& name, QDate fallback)
{
    if (!url.hasQueryItem(name))
        return fallback;
    const QDate date = stats::parseDay(url.queryItemValue(name));
    if (!date.isValid())
        return invalid(QStringLiteral("%1 is a date yyyy-MM-dd").arg(name));
    return date;
}

} // namespace

Result<StatsApi::Query> StatsApi::parseQuery(const QUrlQuery& url, QDate today)
{
    static const QStringList known{QStringLiteral("period"),
                                   QStringLiteral("date"),
                                   QStringLiteral("from"),
                                   QStringLiteral("to"),
                                   QStringLiteral("top")};
    for (const auto& item : url.queryItems()) {
        if (!known.contains(item.first))
            return invalid(QStringLiteral("unknown parameter '%1'").arg(item.first));
    }
    Query query;
    if (url.hasQueryItem(QStringLiteral("top"))) {
        bool ok = false;
        query.top = url.queryItemValue(QStringLiteral("top")).toInt(&ok);
        if (!ok || query.top < 1 || query.top > stats::MaxTop)
            return invalid(QStringLiteral("top is 1 to %1").arg(stats::MaxTop));
    }
    const QString period = url.hasQueryItem(QStringLiteral("period")) ? url.queryItemValue(QStringLiteral("period"))
                                                                      : QStringLiteral("day");
    auto anchor = dateParameter(url, QStringLiteral("date"), today);
    if (!anchor)
        return anchor.error();
    if (period == QLatin1String("range")) {
        if (!url.hasQueryItem(QStringLiteral("from")) || !url.hasQueryItem(QStringLiteral("to")))
            return invalid(QStringLiteral("period=range needs from and to (yyyy-MM-dd)"));
        auto from = dateParameter(url, QStringLiteral("from"), {});
        if (!from)
            return from.error();
        auto to = dateParameter(url, QStringLiteral("to"), {});
        if (!to)
            return to.error();
        auto range = stats::checkedRange(*from, *to);
        if (!range)
            return range.error();
        query.period = *range;
        return query;
    }
    const auto kind = stats::parsePeriodKind(period);
    if (!kind)
        return invalid(QStringLiteral("unknown period '%1' (day, week, month, today, yesterday, this_week, "
                                      "this_month, last_month or range)")
                           .arg(period.left(40)));
    if (url.hasQueryItem(QStringLiteral("from")) || url.hasQueryItem(QStringLiteral("to")))
        return invalid(QStringLiteral("from and to are for period=range"));
    query.period = stats::periodOf(*kind, *anchor, today);
    if (stats::dayKey(query.period.from) == 0 || stats::dayKey(query.period.to) == 0)
        return invalid(QStringLiteral("date is out of range"));
    return query;
}

void StatsApi::registerRoutes(HttpServer& http,
                              const AuthService& auth,
                              const db::Database& database,
                              const Clock& clock)
{
    // Owner and clerks alike (no role-filtered sync exists either: the same figures reach every desktop).
    http.addRoute("GET",
                  QStringLiteral("/admin/v1/shops/{shopId}/stats"),
                  requireStaff(auth, [&database, &clock](const Actor& actor, const HttpRequest& r) {
                      // Another shop's id is not found, never "forbidden": no probing.
                      const QString shopId = r.pathParams.value(QStringLiteral("shopId"));
                      if (!Id::isValid(shopId))
                          return HttpResponse::error(invalid(QStringLiteral("malformed shopId")));
                      if (shopId != actor.shopId)
                          return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such shop")));
                      const StatsReader reader(database);
                      auto calendar = reader.calendar(shopId);
                      if (!calendar)
                          return HttpResponse::error(calendar.error());
                      auto query = parseQuery(r.query, calendar->dayOf(clock.nowMs()));
                      if (!query)
                          return HttpResponse::error(query.error());
                      auto report = reader.report(shopId, query->period, query->top);
                      if (!report)
                          return HttpResponse::error(report.error());
                      QJsonObject body = report->toJson();
                      body.insert(QStringLiteral("timeZone"), QString::fromUtf8(calendar->zoneId()));
                      return HttpResponse::json(200, body);
                  }));
}

} // namespace xd::server
