#pragma once

#include "CacheStore.h"
#include "xiaodian/OrderState.h"
#include "xiaodian/Permissions.h"
#include "xiaodian/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class QIODevice;

namespace xd {

struct OrderItem
{
    QString id;
    int position = 0;
    QString productId;
    QString skuId;
    QString productName;
    QString skuLabel;
    QString image;
    qint64 unitPriceFen = 0;
    qint64 quantity = 0;
    qint64 lineTotalFen = 0;
    qint64 discountFen = 0;
    qint64 refundedQuantity = 0;
};

// One step of the order's append-only history, as the server recorded it.
struct OrderEvent
{
    qint64 seq = 0;
    QString action; // wire names (OrderState.h), plus the server's own ("remark", ...)
    QString from;
    QString to;
    QString actorKind; // customer | staff | system | payment
    QString actorId;
    QString note;
    qint64 amountFen = 0;
    qint64 atMs = 0;
};

// A buyer's answer to one of the shop's custom order fields (a snapshot taken at checkout).
struct OrderCustomField
{
    QString id;
    QString label;
    QString type; // text | number | phone | date | single_choice | multiple_choice
    QJsonValue value;
    // The answer as text: choices joined with "、", a date (epoch ms or text) as yyyy-MM-dd.
    QString displayValue() const;
};

// A shop's order as the page shows it: the synced row with the pending merchant operations applied.
struct Order
{
    QString id;
    QString number;
    QString customerId;
    QString customerNickname;
    QString state;         // wire name (orderStateName)
    QString fulfilment;    // delivery | pickup | in_store
    QString paymentMethod; // wechat_pay | balance | cash_on_delivery
    qint64 goodsFen = 0;
    qint64 discountFen = 0;
    qint64 deliveryFeeFen = 0;
    qint64 payableFen = 0;
    qint64 paidFen = 0;
    qint64 refundedFen = 0;
    QString contactName;
    QString contactPhone;
    QString address;
    QString pickupCode;
    qint64 appointmentAtMs = 0;
    QString buyerNote;
    QString merchantRemark;
    QList<OrderCustomField> customFields;
    QString carrier;
    QString trackingNo;
    QString stateBeforeRefund;
    QString refundReason;
    qint64 placedAtMs = 0;
    qint64 paidAtMs = 0;
    qint64 completedAtMs = 0;
    qint64 updatedAtMs = 0;
    QList<OrderItem> items;   // by position
    QList<OrderEvent> events; // by seq
    bool pending = false;     // a merchant operation on it has not reached the server's answer yet

    static Order fromWire(const QString& id, const QJsonObject& data);
    // The facts the state machine needs; nullopt when the order's state, mode or payment is not a known name.
    std::optional<TransitionContext> context(OrderActor actor) const;
    // How much may still be paid back.
    qint64 refundableFen() const { return paidFen - refundedFen; }
};

// Which orders a list shows. Always newest placed first (ties by id).
struct OrderQuery
{
    QStringList states;        // wire names; empty = any
    qint64 placedFromMs = 0;   // inclusive; 0 = open
    qint64 placedBeforeMs = 0; // exclusive; 0 = open
    QString fulfilment;        // wire name; "" = any
    QString paymentMethod;     // wire name; "" = any
    QString search;            // contained in the number, contact phone, contact name or nickname; case-insensitive
};

// The optimistic, SQL-paged view of the shop's orders (cache tables "order" + order_list, migration 6), and the
// merchant's order operations. Operations are checked against the shared state machine (only what
// OrderStateMachine::allowedActions offers for the order's optimistic state and the staff member's role) and the
// permission table, then queued in the outbox as order.* operations, so they work offline; the server decides again
// and a refusal (the customer cancelled meanwhile) comes back as a rejected operation. Pending and acknowledged
// order operations form an overlay in a TEMP table, so one query filters, sorts and pages confirmed and optimistic
// rows together (as ArticleService does).
class OrderService final : public QObject
{
    Q_OBJECT

public:
    OrderService(CacheStore& store, Role role, QObject* parent = nullptr);
    ~OrderService() override;
    Q_DISABLE_COPY_MOVE(OrderService)

    void setRole(Role role);
    Role role() const { return m_role; }
    bool can(const QString& operation) const;

    Result<int> count(const OrderQuery& query) const;
    // Summaries: the list columns only (no items, events or custom fields; order() reads those).
    Result<QList<Order>> list(const OrderQuery& query, int offset, int limit) const;
    Result<std::optional<Order>> order(const QString& id) const;
    // The order's number for messages ("" when unknown).
    QString orderNumber(const QString& id) const;

    // The transitions this staff member may start on the order now: the state machine's answer for their role,
    // narrowed by the permission table (refunds are the owner's). Empty for an unknown state.
    QList<OrderAction> allowedActions(const Order& order) const;
    static QString operationName(OrderAction action); // "order.accept", ...; "" for customer/system actions

    // Words for the wire names, in the current language (the list, the detail, CSV, receipts).
    static QString stateText(const QString& state);
    static QString fulfilmentText(const QString& fulfilment);
    static QString paymentMethodText(const QString& paymentMethod);
    static QString actionText(const QString& action); // event log steps
    static QString actorText(const QString& actorKind);

    // The merchant operations (the contract's arguments). Each returns the mid; InvalidArgument for bad input,
    // NotFound for an unknown order, Conflict when the order's (optimistic) state does not allow it,
    // PermissionDenied for the role.
    Result<qint64> accept(const QString& orderId);
    Result<qint64> ship(const QString& orderId, const QString& carrier, const QString& trackingNo);
    Result<qint64> readyForPickup(const QString& orderId);
    Result<qint64> startService(const QString& orderId);
    // Pickup orders need the customer's pickup code, and it must match the order's.
    Result<qint64> complete(const QString& orderId, const QString& pickupCode = QString());
    Result<qint64> markCollected(const QString& orderId);
    Result<qint64> cancel(const QString& orderId, const QString& reason);
    // Owner only. A refund request may be answered with all that is left (→ refunded) or a part (partial_refund:
    // the order goes back to where it was); otherwise only a part, less than what is left, may be paid back.
    Result<qint64> refund(const QString& orderId, qint64 amountFen, const QString& reason);
    Result<qint64> rejectRefund(const QString& orderId, const QString& note);
    Result<qint64> remark(const QString& orderId, const QString& remark);
    // Batch actions, one outbox transaction, all or none: every order must allow the action.
    Result<QList<qint64>> acceptAll(const QStringList& orderIds);
    // (order id, tracking number) pairs, one carrier.
    Result<QList<qint64>> shipAll(const QList<std::pair<QString, QString>>& trackingNumbers, const QString& carrier);

    // Writes the orders `query` shows as CSV for Excel: UTF-8 with a BOM, CRLF, RFC 4180 quoting, formula guards,
    // amounts in yuan. Returns the number of orders written.
    Result<int> exportCsv(const OrderQuery& query, QIODevice& out) const;

    // Limits of the operations' text arguments (characters, after trimming), as the server's OrderCommands checks them.
    static constexpr int MaxCarrierLength = 50;
    static constexpr int MaxTrackingNoLength = 50;
    static constexpr int MaxReasonLength = 200;
    static constexpr int MaxRemarkLength = 500;

signals:
    void ordersChanged();
    // Orders a sync brought that the merchant should hear about (CacheStore::ordersArrived).
    void ordersArrived(const QStringList& orderIds);

private:
    struct Checked
    {
        QString name;
        QJsonObject args;
    };
    Result<Checked> checkTransition(const QString& orderId, OrderAction action, QJsonObject args) const;
    Result<qint64> enqueue(const Result<Checked>& checked);
    Result<std::optional<Order>> confirmedOrder(const QString& id) const;
    Status refreshOverlay() const;
    OrderActor actor() const;

    CacheStore& m_store;
    Role m_role;
    mutable QHash<QString, Order> m_overlay;
    mutable bool m_overlayDirty = true;
};

} // namespace xd
