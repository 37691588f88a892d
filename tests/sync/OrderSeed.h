#pragma once

#include "xiaodian/sync/Protocol.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace xd::test {

// One synced "order" row in the contract's wire shape (docs/desktop-orders.md), with two items and a placing event.
struct WireOrder
{
    QString id;
    QString number;
    QString state = QStringLiteral("paid");
    QString fulfilment = QStringLiteral("delivery");
    QString paymentMethod = QStringLiteral("wechat_pay");
    qint64 placedAtMs = 0;
    QString nickname = QStringLiteral("小王");
    QString contactName = QStringLiteral("王小明");
    QString contactPhone = QStringLiteral("13800138000");
    qint64 payableFen = 3'650;
    qint64 paidFen = -1; // -1: payable when the state is past payment, else 0
    qint64 refundedFen = 0;
    QString pickupCode;
    QString stateBeforeRefund;

    QJsonObject data() const
    {
        const bool unpaid = state == QLatin1String("pending_payment") || state == QLatin1String("cod_placed") ||
                            state == QLatin1String("closed") ||
                            (paymentMethod == QLatin1String("cash_on_delivery") && state != QLatin1String("completed"));
        const qint64 paid = paidFen >= 0 ? paidFen : (unpaid ? 0 : payableFen);
        const qint64 delivery = fulfilment == QLatin1String("delivery") ? 500 : 0;
        const QJsonArray items{QJsonObject{{QStringLiteral("id"), id + QStringLiteral("-1")},
                                           {QStringLiteral("position"), 0},
                                           {QStringLiteral("productId"), QStringLiteral("p1")},
                                           {QStringLiteral("skuId"), QStringLiteral("s1")},
                                           {QStringLiteral("productName"), QStringLiteral("拿铁咖啡")},
                                           {QStringLiteral("skuLabel"), QStringLiteral("大杯 / 冰")},
                                           {QStringLiteral("image"), QString()},
                                           {QStringLiteral("unitPriceFen"), 1'250},
                                           {QStringLiteral("quantity"), 2},
                                           {QStringLiteral("lineTotalFen"), 2'500},
                                           {QStringLiteral("discountFen"), 0},
                                           {QStringLiteral("refundedQuantity"), 0}},
                               QJsonObject{{QStringLiteral("id"), id + QStringLiteral("-2")},
                                           {QStringLiteral("position"), 1},
                                           {QStringLiteral("productId"), QStringLiteral("p2")},
                                           {QStringLiteral("skuId"), QStringLiteral("s2")},
                                           {QStringLiteral("productName"), QStringLiteral("Croissant, \"butter\"")},
                                           {QStringLiteral("skuLabel"), QString()},
                                           {QStringLiteral("image"), QString()},
                                           {QStringLiteral("unitPriceFen"), payableFen - 2'500 - delivery},
                                           {QStringLiteral("quantity"), 1},
                                           {QStringLiteral("lineTotalFen"), payableFen - 2'500 - delivery},
                                           {QStringLiteral("discountFen"), 0},
                                           {QStringLiteral("refundedQuantity"), 0}}};
        const QJsonArray events{QJsonObject{{QStringLiteral("seq"), 1},
                                            {QStringLiteral("action"), QStringLiteral("place")},
                                            {QStringLiteral("from"), QString()},
                                            {QStringLiteral("to"), state},
                                            {QStringLiteral("actorKind"), QStringLiteral("customer")},
                                            {QStringLiteral("actorId"), QStringLiteral("c1")},
                                            {QStringLiteral("note"), QString()},
                                            {QStringLiteral("amountFen"), 0},
                                            {QStringLiteral("atMs"), placedAtMs}}};
        return QJsonObject{{QStringLiteral("number"), number},
                           {QStringLiteral("customerId"), QStringLiteral("c1")},
                           {QStringLiteral("customerNickname"), nickname},
                           {QStringLiteral("state"), state},
                           {QStringLiteral("fulfilment"), fulfilment},
                           {QStringLiteral("paymentMethod"), paymentMethod},
                           {QStringLiteral("goodsFen"), payableFen - delivery},
                           {QStringLiteral("discountFen"), 0},
                           {QStringLiteral("deliveryFeeFen"), delivery},
                           {QStringLiteral("payableFen"), payableFen},
                           {QStringLiteral("paidFen"), paid},
                           {QStringLiteral("refundedFen"), refundedFen},
                           {QStringLiteral("contactName"), contactName},
                           {QStringLiteral("contactPhone"), contactPhone},
                           {QStringLiteral("address"), QStringLiteral("上海市 浦东新区 世纪大道 100 号")},
                           {QStringLiteral("pickupCode"), pickupCode},
                           {QStringLiteral("appointmentAtMs"), 0},
                           {QStringLiteral("buyerNote"), QStringLiteral("少冰")},
                           {QStringLiteral("merchantRemark"), QString()},
                           {QStringLiteral("customFields"),
                            QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("f1")},
                                                   {QStringLiteral("label"), QStringLiteral("发票抬头")},
                                                   {QStringLiteral("type"), QStringLiteral("text")},
                                                   {QStringLiteral("value"), QStringLiteral("小店科技有限公司")}},
                                       QJsonObject{{QStringLiteral("id"), QStringLiteral("f2")},
                                                   {QStringLiteral("label"), QStringLiteral("口味")},
                                                   {QStringLiteral("type"), QStringLiteral("multiple_choice")},
                                                   {QStringLiteral("value"),
                                                    QJsonArray{QStringLiteral("少糖"), QStringLiteral("去冰")}}}}},
                           {QStringLiteral("carrier"), QString()},
                           {QStringLiteral("trackingNo"), QString()},
                           {QStringLiteral("stateBeforeRefund"), stateBeforeRefund},
                           {QStringLiteral("refundReason"),
                            state == QLatin1String("refund_requested") ? QStringLiteral("不想要了") : QString()},
                           {QStringLiteral("placedAtMs"), placedAtMs},
                           {QStringLiteral("paidAtMs"), paid > 0 ? placedAtMs + 60'000 : 0},
                           {QStringLiteral("completedAtMs"), 0},
                           {QStringLiteral("updatedAtMs"), placedAtMs},
                           {QStringLiteral("items"), items},
                           {QStringLiteral("events"), events}};
    }

    sync::SyncRow row(qint64 version = 1) const
    {
        return sync::SyncRow{QStringLiteral("order"), id, version, false, data()};
    }
};

} // namespace xd::test
