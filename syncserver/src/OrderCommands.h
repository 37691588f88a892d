#pragma once

#include "CommandContext.h"

#include <QHash>

namespace xd::server {

// The merchant's order operations (docs/orders.md, "Merchant operations"): order.accept, order.ship,
// order.readyForPickup, order.startService, order.complete, order.markCollected, order.cancel, order.refund (full or
// partial), order.rejectRefund, order.remark, and orderSettings.update. Every state change goes through
// applyOrderTransition (OrderTransitions.h) at the operation's version; money paid back is queued with queueRefund
// (PaymentRefunds.h) in the same transaction.
void registerOrderCommands(QHash<QString, CommandHandler>& handlers);

} // namespace xd::server
