#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/Stats.h"

#include <QObject>

class QTimer;

namespace xd {

class CacheStore;
class Clock;

// Finance and statistics reports from the encrypted cache (tables stats_day and stats_product_day, cache migration
// 8, filled by sync from the server's entities stats_day and stats_product_day), so the dashboard, finance and
// statistics pages work offline. The figures are the server's rollups; the report is built by the shared
// stats::buildReport, exactly as the server's REST report is. "Today" is the shop's local day (the time zone of
// the cached shop entity; Asia/Shanghai until it is known).
class StatsService final : public QObject
{
    Q_OBJECT

public:
    static constexpr int CoalesceMs = 200;

    StatsService(CacheStore& store, const Clock& clock, QObject* parent = nullptr);
    ~StatsService() override;
    Q_DISABLE_COPY_MOVE(StatsService)

    stats::ShopCalendar calendar() const;
    QDate today() const; // the shop's local day now

    // The period of a kind relative to today() (Today, Yesterday, ThisWeek, ThisMonth, LastMonth; Day/Week/Month
    // around today).
    stats::Period period(stats::PeriodKind kind) const;

    // The report of a period (checked with stats::checkedRange: InvalidArgument for a reversed or too long range).
    Result<stats::Report> report(const stats::Period& period, int top = 10) const;

signals:
    // Stats rows arrived (a pull brought stats_day or stats_product_day, or the shop's time zone changed).
    // Coalesced: the changes within CoalesceMs of the first make one signal, emitted at the end of that window.
    void changed();

private:
    stats::ShopCalendar cachedCalendar() const; // from the cached shop row's time zone
    CacheStore& m_store;
    const Clock& m_clock;
    QTimer* m_coalesce = nullptr;
    // The shop's calendar, read from the cached shop row at the start and again when a pull brings the shop: a new
    // time zone changes "today".
    stats::ShopCalendar m_calendar;
};

} // namespace xd
