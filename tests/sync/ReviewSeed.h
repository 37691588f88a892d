#pragma once

#include "xiaodian/Id.h"
#include "xiaodian/sync/Protocol.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace xd::test {

// One synced "review" row in ReviewReader's sync shape (docs/reviews.md).
struct WireReview
{
    QString id = Id::create();
    int rating = 5;
    QString text = QStringLiteral("很好喝");
    QString nickname = QStringLiteral("小王");
    QString productName = QStringLiteral("拿铁咖啡");
    QStringList images;
    QString reply;
    bool hidden = false;
    qint64 createdAtMs = 0;

    QJsonObject data() const
    {
        return QJsonObject{{QStringLiteral("orderId"), QStringLiteral("o1")},
                           {QStringLiteral("orderItemId"), QStringLiteral("o1-1")},
                           {QStringLiteral("productId"), QStringLiteral("p1")},
                           {QStringLiteral("productName"), productName},
                           {QStringLiteral("skuLabel"), QStringLiteral("大杯")},
                           {QStringLiteral("customerId"), QStringLiteral("c1")},
                           {QStringLiteral("customerNickname"), nickname},
                           {QStringLiteral("customerAvatar"), QString()},
                           {QStringLiteral("rating"), rating},
                           {QStringLiteral("text"), text},
                           {QStringLiteral("images"), QJsonArray::fromStringList(images)},
                           {QStringLiteral("reply"), reply},
                           {QStringLiteral("repliedAtMs"), reply.isEmpty() ? 0 : createdAtMs + 1000},
                           {QStringLiteral("hidden"), hidden},
                           {QStringLiteral("createdAtMs"), createdAtMs},
                           {QStringLiteral("updatedAtMs"), createdAtMs}};
    }

    sync::SyncRow row(qint64 version = 1) const
    {
        return sync::SyncRow{QStringLiteral("review"), id, version, false, data()};
    }
};

} // namespace xd::test
