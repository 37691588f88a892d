#include "OrderService.h"

#include "CacheDatabase.h"
#include "CacheQuery.h"
#include "CsvField.h"
#include "xiaodian/Money.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QSqlQuery>
#include <QStringConverter>
#include <QVariant>

#include <algorithm>

namespace xd {

namespace {

const QString kOrderPrefix = QStringLiteral("order.");
const QString kRemark = QStringLiteral("order.remark");
const QString kListColumns = QStringLiteral("id, number, state, fulfilment, payment_method, placed_at_ms, payable_fen, "
                                            "customer_nickname, contact_name, contact_phone");

// Never a null QString into SQL: Qt binds those as NULL, and the columns are NOT NULL.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString likePattern(const QString& search)
{
    QString escaped = search.toLower();
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

struct FilterSql
{
    QString where;
    QVariantList values;
};

FilterSql filterSql(const OrderQuery& query)
{
    FilterSql f;
    QStringList terms{QStringLiteral("1 = 1")};
    if (!query.states.isEmpty()) {
        QStringList marks;
        for (const QString& state : query.states) {
            marks << QStringLiteral("?");
            f.values << text(state);
        }
        terms << QStringLiteral("state IN (%1)").arg(marks.join(QLatin1String(", ")));
    }
    if (query.placedFromMs > 0) {
        terms << QStringLiteral("placed_at_ms >= ?");
        f.values << query.placedFromMs;
    }
    if (query.placedBeforeMs > 0) {
        terms << QStringLiteral("placed_at_ms < ?");
        f.values << query.placedBeforeMs;
    }
    if (!query.fulfilment.isEmpty()) {
        terms << QStringLiteral("fulfilment = ?");
        f.values << query.fulfilment;
    }
    if (!query.paymentMethod.isEmpty()) {
        terms << QStringLiteral("payment_method = ?");
        f.values << query.paymentMethod;
    }
    const QString search = query.search.trimmed();
    if (!search.isEmpty()) {
        terms << QStringLiteral("search_text LIKE ? ESCAPE '\\'");
        f.values << likePattern(search);
    }
    f.where = terms.join(QLatin1String(" AND "));
    return f;
}

Order listRow(const QSqlQuery& q)
{
    Order order;
    order.id = q.value(0).toString();
    order.number = q.value(1).toString();
    order.state = q.value(2).toString();
    order.fulfilment = q.value(3).toString();
    order.paymentMethod = q.value(4).toString();
    order.placedAtMs = q.value(5).toLongLong();
    order.payableFen = q.value(6).toLongLong();
    order.customerNickname = q.value(7).toString();
    order.contactName = q.value(8).toString();
    order.contactPhone = q.value(9).toString();
    order.pending = q.value(10).toInt() != 0;
    return order;
}

QString addressText(const QJsonValue& value)
{
    if (!value.isObject())
        return value.toString();
    // A structured address: its parts in the order a Chinese address is written.
    const QJsonObject object = value.toObject();
    QStringList parts;
    for (const char* key : {"province", "city", "district", "detail"}) {
        const QString part = object.value(QLatin1String(key)).toString().trimmed();
        if (!part.isEmpty())
            parts << part;
    }
    return parts.join(QLatin1Char(' '));
}

std::optional<OrderAction> actionOf(const QString& operation)
{
    static const QHash<QString, OrderAction> actions{
        {QStringLiteral("order.accept"), OrderAction::Accept},
        {QStringLiteral("order.ship"), OrderAction::Ship},
        {QStringLiteral("order.readyForPickup"), OrderAction::ReadyForPickup},
        {QStringLiteral("order.startService"), OrderAction::StartService},
        {QStringLiteral("order.complete"), OrderAction::Complete},
        {QStringLiteral("order.markCollected"), OrderAction::MarkCollected},
        {QStringLiteral("order.cancel"), OrderAction::Cancel},
        {QStringLiteral("order.refund"), OrderAction::Refund},
        {QStringLiteral("order.rejectRefund"), OrderAction::RejectRefund},
    };
    const auto it = actions.constFind(operation);
    if (it == actions.cend())
        return std::nullopt;
    return *it;
}

QString yuan(qint64 fen)
{
    return Money::fromFen(fen).toString();
}

QString trimmedArg(const QJsonObject& args, const char* key)
{
    return args.value(QLatin1String(key)).toString().trimmed();
}

} // namespace

QString OrderCustomField::displayValue() const
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& part : value.toArray())
            parts << part.toVariant().toString();
        return parts.join(QStringLiteral("、"));
    }
    if (type == QLatin1String("date") && value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(value.toInteger()).toString(QStringLiteral("yyyy-MM-dd"));
    return value.toVariant().toString();
}

Order Order::fromWire(const QString& id, const QJsonObject& data)
{
    auto str = [&data](const char* key) {
        return data.value(QLatin1String(key)).toString();
    };
    auto num = [&data](const char* key) {
        return data.value(QLatin1String(key)).toInteger();
    };
    Order order;
    order.id = id;
    order.number = str("number");
    order.customerId = str("customerId");
    order.customerNickname = str("customerNickname");
    order.state = str("state");
    order.fulfilment = str("fulfilment");
    order.paymentMethod = str("paymentMethod");
    order.goodsFen = num("goodsFen");
    order.discountFen = num("discountFen");
    order.deliveryFeeFen = num("deliveryFeeFen");
    order.payableFen = num("payableFen");
    order.paidFen = num("paidFen");
    order.refundedFen = num("refundedFen");
    order.contactName = str("contactName");
    order.contactPhone = str("contactPhone");
    order.address = addressText(data.value(QStringLiteral("address")));
    order.pickupCode = str("pickupCode");
    order.appointmentAtMs = num("appointmentAtMs");
    order.buyerNote = str("buyerNote");
    order.merchantRemark = str("merchantRemark");
    for (const QJsonValue& value : data.value(QStringLiteral("customFields")).toArray()) {
        const QJsonObject field = value.toObject();
        order.customFields.append(OrderCustomField{field.value(QStringLiteral("id")).toString(),
                                                   field.value(QStringLiteral("label")).toString(),
                                                   field.value(QStringLiteral("type")).toString(),
                                                   field.value(QStringLiteral("value"))});
    }
    order.carrier = str("carrier");
    order.trackingNo = str("trackingNo");
    order.stateBeforeRefund = str("stateBeforeRefund");
    order.refundReason = str("refundReason");
    order.placedAtMs = num("placedAtMs");
    order.paidAtMs = num("paidAtMs");
    order.completedAtMs = num("completedAtMs");
    order.updatedAtMs = num("updatedAtMs");
    for (const QJsonValue& value : data.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        OrderItem line;
        line.id = item.value(QStringLiteral("id")).toString();
        line.position = item.value(QStringLiteral("position")).toInt();
        line.productId = item.value(QStringLiteral("productId")).toString();
        line.skuId = item.value(QStringLiteral("skuId")).toString();
        line.productName = item.value(QStringLiteral("productName")).toString();
        line.skuLabel = item.value(QStringLiteral("skuLabel")).toString();
        line.image = item.value(QStringLiteral("image")).toString();
        line.unitPriceFen = item.value(QStringLiteral("unitPriceFen")).toInteger();
        line.quantity = item.value(QStringLiteral("quantity")).toInteger();
        line.lineTotalFen = item.value(QStringLiteral("lineTotalFen")).toInteger();
        line.discountFen = item.value(QStringLiteral("discountFen")).toInteger();
        line.refundedQuantity = item.value(QStringLiteral("refundedQuantity")).toInteger();
        order.items.append(line);
    }
    std::stable_sort(order.items.begin(), order.items.end(), [](const OrderItem& a, const OrderItem& b) {
        return a.position < b.position;
    });
    for (const QJsonValue& value : data.value(QStringLiteral("events")).toArray()) {
        const QJsonObject event = value.toObject();
        order.events.append(OrderEvent{event.value(QStringLiteral("seq")).toInteger(),
                                       event.value(QStringLiteral("action")).toString(),
                                       event.value(QStringLiteral("from")).toString(),
                                       event.value(QStringLiteral("to")).toString(),
                                       event.value(QStringLiteral("actorKind")).toString(),
                                       event.value(QStringLiteral("actorId")).toString(),
                                       event.value(QStringLiteral("note")).toString(),
                                       event.value(QStringLiteral("amountFen")).toInteger(),
                                       event.value(QStringLiteral("atMs")).toInteger()});
    }
    std::stable_sort(order.events.begin(), order.events.end(), [](const OrderEvent& a, const OrderEvent& b) {
        return a.seq < b.seq;
    });
    return order;
}

std::optional<TransitionContext> Order::context(OrderActor actor) const
{
    const auto mode = parseFulfilmentMode(fulfilment);
    if (!mode)
        return std::nullopt;
    TransitionContext context;
    context.actor = actor;
    context.mode = *mode;
    if (paymentMethod == QLatin1String("cash_on_delivery"))
        context.payment = PaymentMethod::CashOnDelivery;
    else if (paymentMethod == QLatin1String("wechat_pay") || paymentMethod == QLatin1String("balance"))
        context.payment = PaymentMethod::Online;
    else
        return std::nullopt;
    context.stateBeforeRefund = parseOrderState(stateBeforeRefund);
    return context;
}

OrderService::OrderService(CacheStore& store, Role role, QObject* parent)
    : QObject(parent), m_store(store), m_role(role)
{
    connect(&m_store, &CacheStore::entitiesChanged, this, [this](const QStringList& entities) {
        if (!entities.contains(CacheStore::OrderEntity))
            return;
        m_overlayDirty = true; // the overlay's merges read confirmed rows
        emit ordersChanged();
    });
    connect(&m_store, &CacheStore::outboxChanged, this, [this] {
        m_overlayDirty = true;
        emit ordersChanged();
    });
    connect(&m_store, &CacheStore::ordersArrived, this, &OrderService::ordersArrived);
}

OrderService::~OrderService() = default;

void OrderService::setRole(Role role)
{
    if (role == m_role)
        return;
    m_role = role;
    m_overlayDirty = true; // the optimistic states are judged for the actor
    emit ordersChanged();
}

bool OrderService::can(const QString& operation) const
{
    return isAllowed(m_role, operation);
}

OrderActor OrderService::actor() const
{
    return m_role == Role::Owner ? OrderActor::MerchantOwner : OrderActor::MerchantClerk;
}

QString OrderService::operationName(OrderAction action)
{
    switch (action) {
    case OrderAction::Accept:
        return QStringLiteral("order.accept");
    case OrderAction::Ship:
        return QStringLiteral("order.ship");
    case OrderAction::ReadyForPickup:
        return QStringLiteral("order.readyForPickup");
    case OrderAction::StartService:
        return QStringLiteral("order.startService");
    case OrderAction::Complete:
        return QStringLiteral("order.complete");
    case OrderAction::MarkCollected:
        return QStringLiteral("order.markCollected");
    case OrderAction::Cancel:
        return QStringLiteral("order.cancel");
    case OrderAction::Refund:
    case OrderAction::PartialRefund: // the same operation: the amount tells them apart (docs/desktop-orders.md)
        return QStringLiteral("order.refund");
    case OrderAction::RejectRefund:
        return QStringLiteral("order.rejectRefund");
    case OrderAction::Pay:
    case OrderAction::Close:
    case OrderAction::RequestRefund:
    case OrderAction::WithdrawRefund:
        break;
    }
    return {};
}

QString OrderService::stateText(const QString& state)
{
    static const QHash<QString, const char*> texts{
        {QStringLiteral("pending_payment"), QT_TR_NOOP("Awaiting payment")},
        {QStringLiteral("cod_placed"), QT_TR_NOOP("New (cash on delivery)")},
        {QStringLiteral("paid"), QT_TR_NOOP("Paid, to accept")},
        {QStringLiteral("accepted"), QT_TR_NOOP("Accepted")},
        {QStringLiteral("shipped"), QT_TR_NOOP("Shipped")},
        {QStringLiteral("ready_for_pickup"), QT_TR_NOOP("Ready for pickup")},
        {QStringLiteral("in_service"), QT_TR_NOOP("In service")},
        {QStringLiteral("completed"), QT_TR_NOOP("Completed")},
        {QStringLiteral("cancelled"), QT_TR_NOOP("Cancelled")},
        {QStringLiteral("closed"), QT_TR_NOOP("Closed (unpaid)")},
        {QStringLiteral("refund_requested"), QT_TR_NOOP("Refund requested")},
        {QStringLiteral("refunded"), QT_TR_NOOP("Refunded")},
    };
    const auto it = texts.constFind(state);
    return it == texts.cend() ? state : tr(*it);
}

QString OrderService::fulfilmentText(const QString& fulfilment)
{
    if (fulfilment == QLatin1String("delivery"))
        return tr("Delivery");
    if (fulfilment == QLatin1String("pickup"))
        return tr("Self-pickup");
    if (fulfilment == QLatin1String("in_store"))
        return tr("In-store service");
    return fulfilment;
}

QString OrderService::paymentMethodText(const QString& paymentMethod)
{
    if (paymentMethod == QLatin1String("wechat_pay"))
        return tr("WeChat Pay");
    if (paymentMethod == QLatin1String("balance"))
        return tr("Stored balance");
    if (paymentMethod == QLatin1String("cash_on_delivery"))
        return tr("Cash on delivery");
    return paymentMethod;
}

QString OrderService::actionText(const QString& action)
{
    static const QHash<QString, const char*> texts{
        {QStringLiteral("place"), QT_TR_NOOP("Placed")},
        {QStringLiteral("pay"), QT_TR_NOOP("Paid")},
        {QStringLiteral("accept"), QT_TR_NOOP("Accepted")},
        {QStringLiteral("ship"), QT_TR_NOOP("Shipped")},
        {QStringLiteral("ready_for_pickup"), QT_TR_NOOP("Ready for pickup")},
        {QStringLiteral("start_service"), QT_TR_NOOP("Service started")},
        {QStringLiteral("complete"), QT_TR_NOOP("Completed")},
        {QStringLiteral("mark_collected"), QT_TR_NOOP("Money collected")},
        {QStringLiteral("cancel"), QT_TR_NOOP("Cancelled")},
        {QStringLiteral("close"), QT_TR_NOOP("Closed (unpaid)")},
        {QStringLiteral("request_refund"), QT_TR_NOOP("Refund requested")},
        {QStringLiteral("withdraw_refund"), QT_TR_NOOP("Refund request withdrawn")},
        {QStringLiteral("refund"), QT_TR_NOOP("Refunded")},
        {QStringLiteral("reject_refund"), QT_TR_NOOP("Refund rejected")},
        {QStringLiteral("partial_refund"), QT_TR_NOOP("Partly refunded")},
        {QStringLiteral("payment_anomaly"), QT_TR_NOOP("Payment not accepted")},
        {QStringLiteral("remark"), QT_TR_NOOP("Remark")},
    };
    const auto it = texts.constFind(action);
    return it == texts.cend() ? action : tr(*it);
}

QString OrderService::actorText(const QString& actorKind)
{
    if (actorKind == QLatin1String("customer"))
        return tr("Customer");
    if (actorKind == QLatin1String("staff"))
        return tr("Staff");
    if (actorKind == QLatin1String("system"))
        return tr("System");
    if (actorKind == QLatin1String("payment"))
        return tr("WeChat Pay");
    return actorKind;
}

Result<std::optional<Order>> OrderService::confirmedOrder(const QString& id) const
{
    auto row = m_store.row(CacheStore::OrderEntity, id);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<Order>();
    return std::optional<Order>(Order::fromWire(id, (*row)->data));
}

Status OrderService::refreshOverlay() const
{
    if (!m_overlayDirty)
        return {};
    auto acknowledged = m_store.acknowledgedOperations();
    if (!acknowledged)
        return acknowledged.error();
    auto pending = m_store.pendingOperations();
    if (!pending)
        return pending.error();

    QHash<QString, Order> overlay;
    // Acknowledged operations first: their mids are all lower than the pending ones'.
    for (const OutboxEntry& entry : *acknowledged + *pending) {
        if (!entry.name.startsWith(kOrderPrefix))
            continue;
        const QString id = entry.args.value(QStringLiteral("orderId")).toString();
        Order order;
        if (overlay.contains(id)) {
            order = overlay.value(id);
        } else {
            auto confirmed = confirmedOrder(id);
            if (!confirmed)
                return confirmed.error();
            if (!*confirmed)
                continue; // not synced (yet): nothing to show it on
            order = **confirmed;
        }
        order.pending = order.pending || entry.state == OutboxEntry::State::Pending;
        if (entry.name == kRemark) {
            order.merchantRemark = trimmedArg(entry.args, "remark");
        } else if (auto action = actionOf(entry.name)) {
            const qint64 refundFen = entry.args.value(QStringLiteral("amountFen")).toInteger();
            if (*action == OrderAction::Refund && refundFen < order.refundableFen())
                action = OrderAction::PartialRefund;
            // What the server will make of it, if the order is still where it was when the operation was queued;
            // if not, the server refuses it and the row shows the synced state.
            const auto from = parseOrderState(order.state);
            const auto context = order.context(actor());
            if (from && context) {
                if (auto to = OrderStateMachine::apply(*from, *action, *context); to) {
                    if (*from == OrderState::RefundRequested)
                        order.stateBeforeRefund.clear();
                    order.state = orderStateName(*to);
                }
            }
            if (*action == OrderAction::Ship) {
                order.carrier = trimmedArg(entry.args, "carrier");
                order.trackingNo = trimmedArg(entry.args, "trackingNo");
            }
            if (*action == OrderAction::Refund || *action == OrderAction::PartialRefund)
                order.refundedFen += refundFen;
        }
        overlay.insert(id, order);
    }

    // The overlay's list rows go to a TEMP table (private to this connection, never written to the file).
    const QSqlDatabase db = m_store.database().database();
    auto created =
        cache::run(db,
                   QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS order_overlay (id TEXT PRIMARY KEY NOT NULL, "
                                  "pending INTEGER NOT NULL, number TEXT NOT NULL, state TEXT NOT NULL, "
                                  "fulfilment TEXT NOT NULL, payment_method TEXT NOT NULL, "
                                  "placed_at_ms INTEGER NOT NULL, payable_fen INTEGER NOT NULL, "
                                  "customer_nickname TEXT NOT NULL, contact_name TEXT NOT NULL, "
                                  "contact_phone TEXT NOT NULL, search_text TEXT NOT NULL)"));
    if (!created)
        return created.error();
    if (auto cleared = cache::run(db, QStringLiteral("DELETE FROM temp.order_overlay")); !cleared)
        return cleared.error();
    QSqlQuery insert(db);
    if (!insert.prepare(QStringLiteral("INSERT INTO temp.order_overlay (pending, %1, search_text) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                            .arg(kListColumns)))
        return cache::queryError(insert);
    for (const Order& order : std::as_const(overlay)) {
        const QVariantList values{
            order.pending ? 1 : 0,
            order.id,
            text(order.number),
            text(order.state),
            text(order.fulfilment),
            text(order.paymentMethod),
            order.placedAtMs,
            order.payableFen,
            text(order.customerNickname),
            text(order.contactName),
            text(order.contactPhone),
            QStringList{order.number, order.contactPhone, order.contactName, order.customerNickname}
                .join(QLatin1Char(' '))
                .toLower()};
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values.at(i));
        if (!insert.exec())
            return cache::queryError(insert);
    }
    m_overlay = overlay;
    m_overlayDirty = false;
    return {};
}

Result<int> OrderService::count(const OrderQuery& query) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    const FilterSql f = filterSql(query);
    auto q = cache::run(m_store.database().database(),
                        QStringLiteral("SELECT (SELECT COUNT(*) FROM order_list WHERE %1 AND id NOT IN "
                                       "(SELECT id FROM temp.order_overlay)) + "
                                       "(SELECT COUNT(*) FROM temp.order_overlay WHERE %1)")
                            .arg(f.where),
                        QVariantList(f.values) << f.values);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<QList<Order>> OrderService::list(const OrderQuery& query, int offset, int limit) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    const FilterSql f = filterSql(query);
    const QString sql = QStringLiteral("SELECT %1, 0 AS pending FROM order_list WHERE %2 AND id NOT IN "
                                       "(SELECT id FROM temp.order_overlay) "
                                       "UNION ALL SELECT %1, pending FROM temp.order_overlay WHERE %2 "
                                       "ORDER BY placed_at_ms DESC, id DESC LIMIT ? OFFSET ?")
                            .arg(kListColumns, f.where);
    auto q = cache::run(m_store.database().database(), sql, QVariantList(f.values) << f.values << limit << offset);
    if (!q)
        return q.error();
    QList<Order> orders;
    while (q->next())
        orders.append(listRow(*q));
    return orders;
}

Result<std::optional<Order>> OrderService::order(const QString& id) const
{
    if (const Status s = refreshOverlay(); !s)
        return s.error();
    if (m_overlay.contains(id))
        return std::optional<Order>(m_overlay.value(id));
    return confirmedOrder(id);
}

QString OrderService::orderNumber(const QString& id) const
{
    auto found = order(id);
    return found && *found ? (*found)->number : QString();
}

QList<OrderAction> OrderService::allowedActions(const Order& order) const
{
    const auto from = parseOrderState(order.state);
    const auto context = order.context(actor());
    if (!from || !context)
        return {};
    QList<OrderAction> actions;
    for (const OrderAction action : OrderStateMachine::allowedActions(*from, *context)) {
        const QString operation = operationName(action);
        if (!operation.isEmpty() && can(operation))
            actions.append(action);
    }
    return actions;
}

Result<OrderService::Checked>
OrderService::checkTransition(const QString& orderId, OrderAction action, QJsonObject args) const
{
    const QString operation = operationName(action);
    if (!can(operation))
        return makeError(ErrorCode::PermissionDenied, tr("Your role may not do this to orders."));
    auto current = order(orderId);
    if (!current)
        return current.error();
    if (!*current)
        return makeError(ErrorCode::NotFound, tr("There is no such order."));
    const Order& found = **current;
    const QList<OrderAction> allowed = allowedActions(found);
    // order.refund is a full refund (refund_requested → refunded) or a partial one (the state stays).
    const bool fullRefund = allowed.contains(OrderAction::Refund);
    const bool mayDo = action == OrderAction::Refund ? fullRefund || allowed.contains(OrderAction::PartialRefund)
                                                     : allowed.contains(action);
    if (!mayDo)
        return makeError(
            ErrorCode::Conflict,
            tr("Order %1 is “%2” now; this cannot be done to it any more.").arg(found.number, stateText(found.state)));
    args.insert(QStringLiteral("orderId"), orderId);
    if (action == OrderAction::Complete && found.fulfilment == QLatin1String("pickup")) {
        const QString code = trimmedArg(args, "pickupCode");
        if (code.isEmpty())
            return makeError(ErrorCode::InvalidArgument, tr("Enter the customer's pickup code."));
        if (!found.pickupCode.isEmpty() && code != found.pickupCode)
            return makeError(ErrorCode::InvalidArgument,
                             tr("The pickup code does not match order %1.").arg(found.number));
        args.insert(QStringLiteral("pickupCode"), code);
    }
    if (action == OrderAction::Refund) {
        // Without a refund request, only a part may be paid back: all of it is a cancellation.
        const qint64 amount = args.value(QStringLiteral("amountFen")).toInteger();
        const qint64 most = fullRefund ? found.refundableFen() : found.refundableFen() - 1;
        if (amount <= 0 || amount > most)
            return makeError(
                ErrorCode::InvalidArgument,
                fullRefund
                    ? tr("The refund must be more than 0 and at most %1 yuan.").arg(Money::fromFen(most).toString())
                    : tr("Without a refund request, the refund must be more than 0 and less "
                         "than %1 yuan; cancel the order to pay everything back.")
                          .arg(Money::fromFen(found.refundableFen()).toString()));
    }
    return Checked{operation, args};
}

Result<qint64> OrderService::enqueue(const Result<Checked>& checked)
{
    if (!checked)
        return checked.error();
    return m_store.enqueue(checked->name, checked->args);
}

namespace {

// A required text argument: trimmed, 1..max characters.
Status requireText(const QString& value, int max, const QString& what)
{
    if (value.isEmpty())
        return makeError(ErrorCode::InvalidArgument, OrderService::tr("%1 is required.").arg(what));
    if (value.size() > max)
        return makeError(ErrorCode::InvalidArgument,
                         OrderService::tr("%1 may have at most %2 characters.").arg(what).arg(max));
    return {};
}

} // namespace

Result<qint64> OrderService::accept(const QString& orderId)
{
    return enqueue(checkTransition(orderId, OrderAction::Accept, {}));
}

Result<qint64> OrderService::ship(const QString& orderId, const QString& carrier, const QString& trackingNo)
{
    if (const Status s = requireText(carrier.trimmed(), MaxCarrierLength, tr("The carrier")); !s)
        return s.error();
    if (const Status s = requireText(trackingNo.trimmed(), MaxTrackingNoLength, tr("The tracking number")); !s)
        return s.error();
    return enqueue(checkTransition(
        orderId,
        OrderAction::Ship,
        {{QStringLiteral("carrier"), carrier.trimmed()}, {QStringLiteral("trackingNo"), trackingNo.trimmed()}}));
}

Result<qint64> OrderService::readyForPickup(const QString& orderId)
{
    return enqueue(checkTransition(orderId, OrderAction::ReadyForPickup, {}));
}

Result<qint64> OrderService::startService(const QString& orderId)
{
    return enqueue(checkTransition(orderId, OrderAction::StartService, {}));
}

Result<qint64> OrderService::complete(const QString& orderId, const QString& pickupCode)
{
    QJsonObject args;
    if (!pickupCode.trimmed().isEmpty())
        args.insert(QStringLiteral("pickupCode"), pickupCode.trimmed());
    return enqueue(checkTransition(orderId, OrderAction::Complete, args));
}

Result<qint64> OrderService::markCollected(const QString& orderId)
{
    return enqueue(checkTransition(orderId, OrderAction::MarkCollected, {}));
}

Result<qint64> OrderService::cancel(const QString& orderId, const QString& reason)
{
    if (const Status s = requireText(reason.trimmed(), MaxReasonLength, tr("The reason")); !s)
        return s.error();
    return enqueue(checkTransition(orderId, OrderAction::Cancel, {{QStringLiteral("reason"), reason.trimmed()}}));
}

Result<qint64> OrderService::refund(const QString& orderId, qint64 amountFen, const QString& reason)
{
    if (const Status s = requireText(reason.trimmed(), MaxReasonLength, tr("The reason")); !s)
        return s.error();
    return enqueue(
        checkTransition(orderId,
                        OrderAction::Refund,
                        {{QStringLiteral("amountFen"), amountFen}, {QStringLiteral("reason"), reason.trimmed()}}));
}

Result<qint64> OrderService::rejectRefund(const QString& orderId, const QString& note)
{
    if (const Status s = requireText(note.trimmed(), MaxReasonLength, tr("The note")); !s)
        return s.error();
    return enqueue(checkTransition(orderId, OrderAction::RejectRefund, {{QStringLiteral("note"), note.trimmed()}}));
}

Result<qint64> OrderService::remark(const QString& orderId, const QString& remark)
{
    if (!can(kRemark))
        return makeError(ErrorCode::PermissionDenied, tr("Your role may not do this to orders."));
    const QString text = remark.trimmed();
    if (text.size() > MaxRemarkLength)
        return makeError(ErrorCode::InvalidArgument,
                         tr("%1 may have at most %2 characters.").arg(tr("The remark")).arg(MaxRemarkLength));
    auto current = order(orderId);
    if (!current)
        return current.error();
    if (!*current)
        return makeError(ErrorCode::NotFound, tr("There is no such order."));
    return m_store.enqueue(kRemark, {{QStringLiteral("orderId"), orderId}, {QStringLiteral("remark"), text}});
}

Result<QList<qint64>> OrderService::acceptAll(const QStringList& orderIds)
{
    QList<std::pair<QString, QJsonObject>> operations;
    for (const QString& id : orderIds) {
        auto checked = checkTransition(id, OrderAction::Accept, {});
        if (!checked)
            return checked.error();
        operations.append({checked->name, checked->args});
    }
    if (operations.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("Select the orders first."));
    return m_store.enqueueBatch(operations);
}

Result<QList<qint64>> OrderService::shipAll(const QList<std::pair<QString, QString>>& trackingNumbers,
                                            const QString& carrier)
{
    if (const Status s = requireText(carrier.trimmed(), MaxCarrierLength, tr("The carrier")); !s)
        return s.error();
    QList<std::pair<QString, QJsonObject>> operations;
    for (const auto& [id, trackingNo] : trackingNumbers) {
        if (const Status s = requireText(trackingNo.trimmed(), MaxTrackingNoLength, tr("The tracking number")); !s)
            return makeError(ErrorCode::InvalidArgument, tr("Order %1: %2").arg(orderNumber(id), s.error().message));
        auto checked = checkTransition(
            id,
            OrderAction::Ship,
            {{QStringLiteral("carrier"), carrier.trimmed()}, {QStringLiteral("trackingNo"), trackingNo.trimmed()}});
        if (!checked)
            return checked.error();
        operations.append({checked->name, checked->args});
    }
    if (operations.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("Select the orders first."));
    return m_store.enqueueBatch(operations);
}

Result<int> OrderService::exportCsv(const OrderQuery& query, QIODevice& out) const
{
    auto write = [&out](const QString& line) {
        const QByteArray bytes = line.toUtf8() + "\r\n";
        return out.write(bytes) == bytes.size();
    };
    // The BOM makes Excel read the file as UTF-8 rather than the system's code page.
    if (out.write("\xEF\xBB\xBF") != 3)
        return makeError(ErrorCode::Io, tr("Cannot write the file: %1").arg(out.errorString()));
    const QStringList header{tr("Order number"),
                             tr("Placed at"),
                             tr("State"),
                             tr("Fulfilment"),
                             tr("Payment method"),
                             tr("Customer"),
                             tr("Contact"),
                             tr("Phone"),
                             tr("Address"),
                             tr("Items"),
                             tr("Goods (yuan)"),
                             tr("Discount (yuan)"),
                             tr("Delivery fee (yuan)"),
                             tr("Payable (yuan)"),
                             tr("Paid (yuan)"),
                             tr("Refunded (yuan)"),
                             tr("Buyer note"),
                             tr("Merchant remark")};
    QStringList cells;
    for (const QString& title : header)
        cells << csv::field(title);
    if (!write(cells.join(QLatin1Char(','))))
        return makeError(ErrorCode::Io, tr("Cannot write the file: %1").arg(out.errorString()));
    constexpr int Chunk = 500;
    int written = 0;
    for (int offset = 0;; offset += Chunk) {
        auto page = list(query, offset, Chunk);
        if (!page)
            return page.error();
        for (const Order& summary : std::as_const(*page)) {
            auto full = order(summary.id);
            if (!full)
                return full.error();
            const Order o = full->value_or(summary);
            QStringList items;
            for (const OrderItem& item : o.items)
                items << QStringLiteral("%1%2 ×%3")
                             .arg(item.productName,
                                  item.skuLabel.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(item.skuLabel))
                             .arg(item.quantity);
            cells = QStringList{
                csv::field(o.number),
                csv::field(
                    QDateTime::fromMSecsSinceEpoch(o.placedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
                csv::field(stateText(o.state)),
                csv::field(fulfilmentText(o.fulfilment)),
                csv::field(paymentMethodText(o.paymentMethod)),
                csv::field(o.customerNickname),
                csv::field(o.contactName),
                csv::field(o.contactPhone),
                csv::field(o.address),
                csv::field(items.join(QStringLiteral("; "))),
                csv::field(yuan(o.goodsFen), false),
                csv::field(yuan(o.discountFen), false),
                csv::field(yuan(o.deliveryFeeFen), false),
                csv::field(yuan(o.payableFen), false),
                csv::field(yuan(o.paidFen), false),
                csv::field(yuan(o.refundedFen), false),
                csv::field(o.buyerNote),
                csv::field(o.merchantRemark)};
            if (!write(cells.join(QLatin1Char(','))))
                return makeError(ErrorCode::Io, tr("Cannot write the file: %1").arg(out.errorString()));
            ++written;
        }
        if (page->size() < Chunk)
            break;
    }
    return written;
}

} // namespace xd
