#pragma once

#include <QObject>
#include <QTimer>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class ChangeNotifier;

// The orders' timers (docs/orders.md, "Timers"): closes unpaid orders whose close_at_ms has come (their stock goes
// back) and completes shipped deliveries whose auto_complete_at_ms has come. The due times are columns, so the job
// survives restarts; each order is its own transaction through applyOrderTransition, and an order another server
// (or the customer) moved meanwhile is skipped, so several servers on one PostgreSQL database may run it at once.
class OrderTimerJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderTimerJob)

public:
    static constexpr int BatchSize = 50;

    OrderTimerJob(const db::Database& database,
                  const Clock& clock,
                  ChangeNotifier& notifier,
                  int intervalMs,
                  QObject* parent = nullptr);

    void start();
    // One pass: at most BatchSize orders of each kind. Returns how many orders it moved. A full batch that moved
    // orders schedules one next pass at once (the timer's interval otherwise).
    int runOnce();

private:
    int runKind(bool closing, bool& moreDue); // moreDue: set when a full batch was due

    const db::Database& m_database;
    const Clock& m_clock;
    ChangeNotifier& m_notifier;
    QTimer m_timer;
};

} // namespace xd::server
