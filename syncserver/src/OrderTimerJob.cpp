#include "OrderTimerJob.h"

#include "ChangeNotifier.h"
#include "Logging.h"
#include "OrderTransitions.h"
#include "xiaodian/Clock.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QSqlQuery>

namespace xd::server {

OrderTimerJob::OrderTimerJob(
    const db::Database& database, const Clock& clock, ChangeNotifier& notifier, int intervalMs, QObject* parent)
    : QObject(parent), m_database(database), m_clock(clock), m_notifier(notifier)
{
    m_timer.setInterval(std::max(intervalMs, 10));
    connect(&m_timer, &QTimer::timeout, this, [this] { runOnce(); });
}

void OrderTimerJob::start()
{
    m_timer.start();
}

int OrderTimerJob::runOnce()
{
    bool moreDue = false;
    const int moved = runKind(true, moreDue) + runKind(false, moreDue);
    // A full batch that moved something leaves more due: go on without waiting an interval. Once per pass, and
    // not when nothing moved (orders failing with an error stay due: the interval paces their retries).
    if (moreDue && moved > 0)
        QTimer::singleShot(0, this, [this] { runOnce(); });
    return moved;
}

int OrderTimerJob::runKind(bool closing, bool& moreDue)
{
    const qint64 now = m_clock.nowMs();
    // The partial indexes orders_close_due / orders_complete_due serve these walks.
    auto due = m_database.exec(
        closing ? QStringLiteral("SELECT id, shop_id FROM orders WHERE state = 'pending_payment' AND close_at_ms > 0 "
                                 "AND close_at_ms <= ? ORDER BY close_at_ms LIMIT ?")
                : QStringLiteral("SELECT id, shop_id FROM orders WHERE state = 'shipped' AND auto_complete_at_ms > 0 "
                                 "AND auto_complete_at_ms <= ? ORDER BY auto_complete_at_ms LIMIT ?"),
        {now, BatchSize});
    if (!due) {
        qCWarning(lcServer).noquote() << "order timers:" << due.error().toString();
        return 0;
    }
    QList<QPair<QString, QString>> orders;
    while (due->next())
        orders.append({due->value(0).toString(), due->value(1).toString()});
    due->finish();
    int moved = 0;
    for (const auto& [orderId, shopId] : std::as_const(orders)) {
        OrderTransitionRequest step;
        step.shopId = shopId;
        step.orderId = orderId;
        step.action = closing ? OrderAction::Close : OrderAction::Complete;
        step.by = OrderActorRef{OrderActor::SystemTimer, QString()};
        auto tx = db::Transaction::begin(m_database);
        if (!tx) {
            qCWarning(lcServer).noquote() << "order timers:" << tx.error().toString();
            return moved;
        }
        auto result = applyOrderTransition(m_database, m_clock, step);
        if (!result) {
            // Moved meanwhile (paid at the last second, another server's timer): nothing to do. Anything else is
            // logged and retried on the next pass.
            if (result.error().code != ErrorCode::Conflict)
                qCWarning(lcServer).noquote() << "order timer on" << orderId << result.error().toString();
            continue; // rolled back by the transaction's destructor
        }
        if (const Status committed = tx->commit(); !committed) {
            qCWarning(lcServer).noquote() << "order timer on" << orderId << committed.error().toString();
            continue;
        }
        ++moved;
        emit m_notifier.shopChanged(shopId, result->version);
        emit m_notifier.orderTransitioned(shopId, orderId, orderActionName(step.action));
    }
    if (orders.size() == BatchSize)
        moreDue = true;
    if (moved > 0)
        qCInfo(lcServer) << "order timers:" << moved << (closing ? "unpaid orders closed" : "deliveries completed");
    return moved;
}

} // namespace xd::server
