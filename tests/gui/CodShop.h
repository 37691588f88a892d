#pragma once

#include "ServerProcess.h"
#include "xiaodian/Id.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// The demo shop of a real server made ready for customers' cash-on-delivery orders, through the real APIs as a
// merchant and a customer would: the mini-program's WeChat credentials, delivery with cash on delivery, one product
// (桂花乌龙, ¥18.50, 500 in stock), and the customer "alice" signed in (through the fake jscode2session of
// MiniWechat.h) with a default address. For the whole-desktop tests; header only.
namespace xd::test {

class CodShop
{
public:
    CodShop(ServerProcess& server, QString ownerToken) : m_server(server), m_ownerToken(std::move(ownerToken)) {}

    // Empty when the shop and the customer are ready, else what failed.
    QString prepare(const QString& appId, const QString& appSecret)
    {
        const auto wechat = m_server.requestJson(
            "PUT",
            shopPath(QStringLiteral("wechat")),
            QJsonObject{{QStringLiteral("appId"), appId}, {QStringLiteral("appSecret"), appSecret}},
            m_ownerToken);
        if (wechat.status != 200)
            return failed("WeChat credentials", wechat);
        const auto settings = m_server.request("GET", shopPath(QStringLiteral("order-settings")), {}, m_ownerToken);
        if (settings.status != 200)
            return failed("order settings", settings);
        QJsonObject changed = settings.json;
        changed.remove(QStringLiteral("version"));
        changed.insert(QStringLiteral("deliveryEnabled"), true);
        changed.insert(QStringLiteral("codEnabled"), true);
        const auto put = m_server.requestJson("PUT", shopPath(QStringLiteral("order-settings")), changed, m_ownerToken);
        if (put.status != 200)
            return failed("order settings", put);
        const QJsonObject product{
            {QStringLiteral("name"), QStringLiteral("桂花乌龙")},
            {QStringLiteral("onShelf"), true},
            {QStringLiteral("skus"),
             QJsonArray{QJsonObject{{QStringLiteral("priceFen"), 1'850}, {QStringLiteral("stock"), 500}}}}};
        const auto created = m_server.requestJson("POST", QStringLiteral("/admin/v1/products"), product, m_ownerToken);
        if (created.status != 201)
            return failed("product", created);
        const auto stored = m_server.request(
            "GET",
            QStringLiteral("/admin/v1/products/%1").arg(created.json.value(QStringLiteral("id")).toString()),
            {},
            m_ownerToken);
        skuId = stored.json.value(QStringLiteral("skus"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("id"))
                    .toString();
        if (skuId.isEmpty())
            return failed("product's SKU", stored);

        const auto login = m_server.requestJson("POST",
                                                QStringLiteral("/api/v1/shops/%1/auth/wechat").arg(shopId()),
                                                QJsonObject{{QStringLiteral("code"), QStringLiteral("alice")}});
        customerToken = login.json.value(QStringLiteral("token")).toString();
        if (login.status != 200 || customerToken.isEmpty())
            return failed("customer login", login);
        const auto address =
            m_server.requestJson("POST",
                                 QStringLiteral("/api/v1/shops/%1/me/addresses").arg(shopId()),
                                 QJsonObject{{QStringLiteral("recipient"), QStringLiteral("李雷")},
                                             {QStringLiteral("phone"), QStringLiteral("13800138000")},
                                             {QStringLiteral("province"), QStringLiteral("上海市")},
                                             {QStringLiteral("city"), QStringLiteral("上海市")},
                                             {QStringLiteral("district"), QStringLiteral("浦东新区")},
                                             {QStringLiteral("detail"), QStringLiteral("世纪大道 100 号")},
                                             {QStringLiteral("isDefault"), true}},
                                 customerToken);
        addressId = address.json.value(QStringLiteral("id")).toString();
        if (address.status != 201 || addressId.isEmpty())
            return failed("address", address);
        return {};
    }

    // Places alice's cash-on-delivery order of `quantity` pieces for delivery at the price the checkout preview
    // states (*payableFen, when given); the order's id, or "" (with a warning).
    QString placeOrder(int quantity = 1, qint64* payableFen = nullptr, const QString& buyerNote = {}) const
    {
        const QJsonArray items{QJsonObject{{QStringLiteral("skuId"), skuId}, {QStringLiteral("quantity"), quantity}}};
        const auto preview =
            m_server.requestJson("POST",
                                 QStringLiteral("/api/v1/shops/%1/checkout/preview").arg(shopId()),
                                 QJsonObject{{QStringLiteral("items"), items},
                                             {QStringLiteral("fulfilment"), QStringLiteral("delivery")},
                                             {QStringLiteral("addressId"), addressId}},
                                 customerToken);
        if (preview.status != 200 || !preview.json.value(QStringLiteral("canPlace")).toBool()) {
            qWarning("preview: HTTP %d %s", preview.status, preview.body.constData());
            return {};
        }
        const qint64 payable = preview.json.value(QStringLiteral("payableFen")).toInteger();
        if (payableFen)
            *payableFen = payable;
        const QJsonObject body{{QStringLiteral("clientRequestId"), Id::create()},
                               {QStringLiteral("items"), items},
                               {QStringLiteral("fulfilment"), QStringLiteral("delivery")},
                               {QStringLiteral("paymentMethod"), QStringLiteral("cash_on_delivery")},
                               {QStringLiteral("addressId"), addressId},
                               {QStringLiteral("buyerNote"), buyerNote},
                               {QStringLiteral("expectedPayableFen"), payable}};
        const auto placed =
            m_server.requestJson("POST", QStringLiteral("/api/v1/shops/%1/orders").arg(shopId()), body, customerToken);
        if (placed.status != 201) {
            qWarning("place: HTTP %d %s", placed.status, placed.body.constData());
            return {};
        }
        return placed.json.value(QStringLiteral("id")).toString();
    }

    QString skuId;
    QString customerToken; // alice's
    QString addressId;     // alice's default address

private:
    QString shopId() const { return m_server.demoShopId(); }
    QString shopPath(const QString& rest) const { return QStringLiteral("/admin/v1/shops/%1/%2").arg(shopId(), rest); }
    static QString failed(const char* what, const ServerProcess::Reply& reply)
    {
        return QStringLiteral("%1: HTTP %2 %3")
            .arg(QLatin1String(what))
            .arg(reply.status)
            .arg(QString::fromUtf8(reply.body.left(300)));
    }

    ServerProcess& m_server;
    QString m_ownerToken;
};

} // namespace xd::test
