#include "CustomerOrderApi.h"

#include "ChangeNotifier.h"
#include "CustomerAuth.h"
#include "Logging.h"
#include "OrderReader.h"
#include "OrderTransitions.h"
#include "PaymentRefunds.h"
#include "PgChangeRelay.h"
#include "ShopRepository.h"
#include "StatsRollup.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/OrderFields.h"
#include "xiaodian/OrderSettings.h"
#include "xiaodian/PhoneNumber.h"
#include "xiaodian/Pricing.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

struct RequestedLine
{
    QString skuId;
    qint64 quantity = 0;
};

// [{skuId, quantity}]: 1..MaxLines lines (0 allowed for a cart), valid SKU ids, each SKU once, 1..9999 pieces.
Result<QList<RequestedLine>> parseLines(const QJsonValue& value, bool allowEmpty)
{
    if (!value.isArray())
        return invalid(QStringLiteral("items must be a list of {skuId, quantity}"));
    const QJsonArray array = value.toArray();
    if ((array.isEmpty() && !allowEmpty) || array.size() > CustomerOrderApi::MaxLines)
        return invalid(
            QStringLiteral("items takes %1 to %2 lines").arg(allowEmpty ? 0 : 1).arg(CustomerOrderApi::MaxLines));
    QList<RequestedLine> lines;
    QSet<QString> seen;
    for (const QJsonValue& item : array) {
        if (!item.isObject())
            return invalid(QStringLiteral("every item is an object {skuId, quantity}"));
        const QJsonObject object = item.toObject();
        for (const QString& key : object.keys()) {
            if (key != QLatin1String("skuId") && key != QLatin1String("quantity"))
                return invalid(QStringLiteral("unknown item field '%1'").arg(key));
        }
        auto skuId = Json::requireString(object, QStringLiteral("skuId"));
        if (!skuId)
            return skuId.error();
        if (!Id::isValid(*skuId))
            return invalid(QStringLiteral("'%1' is not a SKU id").arg(*skuId));
        auto quantity = Json::requireInt64(object, QStringLiteral("quantity"));
        if (!quantity)
            return quantity.error();
        if (*quantity < 1 || *quantity > Pricing::MaxQuantity)
            return invalid(
                QStringLiteral("the quantity of SKU %1 must be 1 to %2").arg(*skuId).arg(Pricing::MaxQuantity));
        if (seen.contains(*skuId))
            return invalid(QStringLiteral("SKU %1 is on more than one line").arg(*skuId));
        seen.insert(*skuId);
        lines.append(RequestedLine{*skuId, *quantity});
    }
    return lines;
}

// One requested line as the catalog has it now. problem: '' (can be bought), "unavailable" (no such SKU in this
// shop, or deleted), "off_shelf", "out_of_stock" (fewer pieces than asked; the number itself is not shown).
struct CheckoutLine
{
    QString skuId;
    QString productId;
    QString productName;
    QString skuLabel;
    QString image;
    qint64 unitPriceFen = 0;
    qint64 quantity = 0;
    QString problem;
};

struct Checkout
{
    QList<CheckoutLine> lines;
    FulfilmentMode mode = FulfilmentMode::Delivery;
    std::optional<PriceBreakdown> breakdown; // of the lines without a problem; none when there is none
};

// "红 / L" from {"颜色": "红", "尺码": "L"} (stored with sorted keys).
QString skuLabelOf(const QString& specsJson)
{
    const QJsonObject specs = QJsonDocument::fromJson(specsJson.toUtf8()).object();
    QStringList values;
    for (auto it = specs.begin(); it != specs.end(); ++it)
        values << it.value().toString();
    return values.join(QStringLiteral(" / "));
}

Result<Checkout> loadCheckout(const db::Database& database,
                              const QString& shopId,
                              const QList<RequestedLine>& requested,
                              FulfilmentMode mode,
                              const OrderSettings& settings)
{
    Checkout checkout;
    checkout.mode = mode;
    QVariantList values{shopId};
    for (const RequestedLine& line : requested)
        values << line.skuId;
    QHash<QString, CheckoutLine> found;
    if (!requested.isEmpty()) {
        auto rows = database.exec(
            QStringLiteral(
                "SELECT s.id, s.product_id, p.name, s.specs, s.image, p.images, s.price_fen, s.stock, "
                "s.deleted, p.deleted, p.on_shelf FROM product_skus s JOIN products p ON p.id = s.product_id "
                "WHERE s.shop_id = ? AND s.id IN (%1)")
                .arg(db::placeholders(requested.size())),
            values);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            CheckoutLine line;
            line.skuId = rows->value(0).toString();
            line.productId = rows->value(1).toString();
            line.productName = rows->value(2).toString();
            line.skuLabel = skuLabelOf(rows->value(3).toString());
            line.image = rows->value(4).toString();
            if (line.image.isEmpty()) {
                const QJsonArray images = QJsonDocument::fromJson(rows->value(5).toString().toUtf8()).array();
                line.image = images.isEmpty() ? QString() : images.first().toString();
            }
            line.unitPriceFen = rows->value(6).toLongLong();
            const qint64 stock = rows->value(7).toLongLong();
            if (rows->value(8).toInt() != 0 || rows->value(9).toInt() != 0)
                line.problem = QStringLiteral("unavailable");
            else if (rows->value(10).toInt() == 0)
                line.problem = QStringLiteral("off_shelf");
            line.quantity = stock; // the stock for now; replaced by the requested quantity below
            found.insert(line.skuId, line);
        }
    }
    PricingInput input;
    input.mode = mode;
    input.delivery = DeliveryFeeRule{settings.deliveryFeeFen, settings.freeDeliveryThresholdFen};
    for (const RequestedLine& request : requested) {
        CheckoutLine line = found.value(request.skuId);
        if (line.skuId.isEmpty()) {
            line.skuId = request.skuId;
            line.problem = QStringLiteral("unavailable");
        } else if (line.problem.isEmpty() && line.quantity < request.quantity) {
            line.problem = QStringLiteral("out_of_stock");
        }
        line.quantity = request.quantity;
        if (line.problem.isEmpty())
            input.lines.append(PriceLineInput{line.skuId, line.unitPriceFen, line.quantity});
        checkout.lines.append(line);
    }
    if (!input.lines.isEmpty()) {
        auto priced = Pricing::price(input);
        if (!priced)
            return priced.error();
        checkout.breakdown = *priced;
    }
    return checkout;
}

bool hasProblems(const Checkout& checkout)
{
    return std::any_of(checkout.lines.cbegin(), checkout.lines.cend(), [](const CheckoutLine& line) {
        return !line.problem.isEmpty();
    });
}

QJsonObject checkoutJson(const Checkout& checkout)
{
    QHash<QString, const PricedLine*> priced;
    if (checkout.breakdown) {
        for (const PricedLine& line : checkout.breakdown->lines)
            priced.insert(line.skuId, &line);
    }
    QJsonArray lines;
    for (const CheckoutLine& line : checkout.lines) {
        const PricedLine* price = priced.value(line.skuId);
        QJsonObject object{
            {QStringLiteral("skuId"), line.skuId},
            {QStringLiteral("productId"), line.productId},
            {QStringLiteral("productName"), line.productName},
            {QStringLiteral("skuLabel"), line.skuLabel},
            {QStringLiteral("image"), line.image},
            {QStringLiteral("unitPriceFen"), line.unitPriceFen},
            {QStringLiteral("quantity"), line.quantity},
            {QStringLiteral("lineTotalFen"), price ? price->gross.fen() : 0},
            {QStringLiteral("discountFen"), price ? price->discount.fen() : 0},
            {QStringLiteral("netFen"), price ? price->net.fen() : 0},
            {QStringLiteral("problem"), line.problem.isEmpty() ? QJsonValue() : QJsonValue(line.problem)}};
        lines.append(object);
    }
    QJsonArray discounts;
    if (checkout.breakdown) {
        for (const AppliedDiscount& discount : checkout.breakdown->discounts)
            discounts.append(QJsonObject{{QStringLiteral("label"), discount.label},
                                         {QStringLiteral("skuIds"), QJsonArray::fromStringList(discount.skuIds)},
                                         {QStringLiteral("requestedFen"), discount.requested.fen()},
                                         {QStringLiteral("appliedFen"), discount.applied.fen()}});
    }
    const auto total = [&](Money PriceBreakdown::*field) {
        return checkout.breakdown ? ((*checkout.breakdown).*field).fen() : 0;
    };
    return QJsonObject{{QStringLiteral("fulfilment"), fulfilmentModeName(checkout.mode)},
                       {QStringLiteral("lines"), lines},
                       {QStringLiteral("discounts"), discounts},
                       {QStringLiteral("goodsFen"), total(&PriceBreakdown::goodsTotal)},
                       {QStringLiteral("discountFen"), total(&PriceBreakdown::discountTotal)},
                       {QStringLiteral("deliveryFeeFen"), total(&PriceBreakdown::deliveryFee)},
                       {QStringLiteral("payableFen"), total(&PriceBreakdown::payable)},
                       {QStringLiteral("canPlace"), checkout.breakdown.has_value() && !hasProblems(checkout)}};
}

bool modeEnabled(const OrderSettings& settings, FulfilmentMode mode)
{
    switch (mode) {
    case FulfilmentMode::Delivery:
        return settings.deliveryEnabled;
    case FulfilmentMode::Pickup:
        return settings.pickupEnabled;
    case FulfilmentMode::InStore:
        return settings.inStoreEnabled;
    }
    return false;
}

Result<FulfilmentMode> parseMode(const QJsonObject& body, const OrderSettings& settings)
{
    auto name = Json::requireString(body, QStringLiteral("fulfilment"));
    if (!name)
        return name.error();
    const auto mode = parseFulfilmentMode(*name);
    if (!mode)
        return invalid(QStringLiteral("fulfilment is delivery, pickup or in_store"));
    if (!modeEnabled(settings, *mode))
        return invalid(QStringLiteral("this shop does not offer %1").arg(*name));
    return *mode;
}

// The customer's own address, as the order's snapshot: recipient, phone, one line of text.
struct AddressSnapshot
{
    QString recipient;
    QString phone;
    QString text;
};

Result<AddressSnapshot>
loadAddress(const db::Database& database, const QString& shopId, const QString& customerId, const QString& addressId)
{
    auto row = database.exec(QStringLiteral("SELECT recipient, phone, province, city, district, detail "
                                            "FROM customer_addresses WHERE id = ? AND shop_id = ? AND customer_id = ?"),
                             {addressId, shopId, customerId});
    if (!row)
        return row.error();
    if (!row->next())
        return invalid(QStringLiteral("no such address"));
    QStringList parts;
    for (int i = 2; i <= 5; ++i) {
        if (!row->value(i).toString().isEmpty())
            parts << row->value(i).toString();
    }
    return AddressSnapshot{row->value(0).toString(), row->value(1).toString(), parts.join(QLatin1Char(' '))};
}

// The order as its customer sees it: without the merchant's internal remark, its remark events and the payment
// anomalies WeChat Pay's side records (for the merchant's eyes).
QJsonObject forCustomer(QJsonObject order)
{
    order.remove(QStringLiteral("merchantRemark"));
    QJsonArray events;
    for (const QJsonValue& event : order.value(QStringLiteral("events")).toArray()) {
        const QString action = event.toObject().value(QStringLiteral("action")).toString();
        if (action != QLatin1String("remark") && action != QLatin1String("payment_anomaly"))
            events.append(event);
    }
    order.insert(QStringLiteral("events"), events);
    return order;
}

} // namespace

CustomerOrderApi::CustomerOrderApi(const CustomerAuth& customers,
                                   const db::Database& database,
                                   const Clock& clock,
                                   ChangeNotifier& notifier,
                                   const OrderReader& reader)
    : m_customers(customers), m_database(database), m_clock(clock), m_notifier(notifier), m_reader(reader)
{}

HttpServer::Handler CustomerOrderApi::customer(CustomerHandler handler) const
{
    return [this, handler = std::move(handler)](const HttpRequest& request) {
        auto principal = m_customers.authenticate(request, request.pathParams.value(QStringLiteral("shopId")));
        if (!principal)
            return HttpResponse::error(principal.error());
        return handler(principal->shopId, principal->customerId, request);
    };
}

void CustomerOrderApi::registerRoutes(HttpServer& http)
{
    const QString base = QStringLiteral("/api/v1/shops/{shopId}/");
    http.addRoute("GET",
                  base + QStringLiteral("me/cart"),
                  customer([this](const QString& shopId, const QString& customerId, const HttpRequest&) {
                      return getCart(shopId, customerId);
                  }));
    http.addRoute("PUT",
                  base + QStringLiteral("me/cart"),
                  customer([this](const QString& shopId, const QString& customerId, const HttpRequest& request) {
                      return putCart(shopId, customerId, request);
                  }));
    http.addRoute("POST",
                  base + QStringLiteral("checkout/preview"),
                  customer([this](const QString& shopId, const QString& customerId, const HttpRequest& request) {
                      return preview(shopId, customerId, request);
                  }));
    http.addRoute("POST",
                  base + QStringLiteral("orders"),
                  customer([this](const QString& shopId, const QString& customerId, const HttpRequest& request) {
                      return place(shopId, customerId, request);
                  }));
    http.addRoute("GET",
                  base + QStringLiteral("orders"),
                  customer([this](const QString& shopId, const QString& customerId, const HttpRequest& request) {
                      return list(shopId, customerId, request);
                  }));
    http.addRoute("GET",
                  base + QStringLiteral("orders/{orderId}"),
                  customer([this](const QString& shopId, const QString& customerId, const HttpRequest& request) {
                      return show(shopId, customerId, request.pathParams.value(QStringLiteral("orderId")));
                  }));
    for (const QString& action : {QStringLiteral("cancel"),
                                  QStringLiteral("confirm-receipt"),
                                  QStringLiteral("refund-request"),
                                  QStringLiteral("refund-withdraw")}) {
        http.addRoute(
            "POST",
            base + QStringLiteral("orders/{orderId}/") + action,
            customer([this, action](const QString& shopId, const QString& customerId, const HttpRequest& request) {
                return act(shopId, customerId, request.pathParams.value(QStringLiteral("orderId")), action, request);
            }));
    }
}

// ---- cart -----------------------------------------------------------------------------------------------------

HttpResponse CustomerOrderApi::getCart(const QString& shopId, const QString& customerId) const
{
    auto stored = m_database.exec(QStringLiteral("SELECT items FROM carts WHERE customer_id = ? AND shop_id = ?"),
                                  {customerId, shopId});
    if (!stored)
        return HttpResponse::error(stored.error());
    QJsonArray items;
    if (stored->next())
        items = QJsonDocument::fromJson(stored->value(0).toString().toUtf8()).array();
    auto lines = parseLines(items, true);
    if (!lines)
        return HttpResponse::error(lines.error());
    auto settings = m_reader.settings(shopId);
    if (!settings)
        return HttpResponse::error(settings.error());
    // Priced as a delivery when the shop delivers (the mode is chosen at checkout), so the cart shows a fee rule.
    const FulfilmentMode mode = settings->settings.deliveryEnabled ? FulfilmentMode::Delivery
                                : settings->settings.pickupEnabled ? FulfilmentMode::Pickup
                                                                   : FulfilmentMode::InStore;
    auto checkout = loadCheckout(m_database, shopId, *lines, mode, settings->settings);
    if (!checkout)
        return HttpResponse::error(checkout.error());
    return HttpResponse::json(200, checkoutJson(*checkout));
}

HttpResponse
CustomerOrderApi::putCart(const QString& shopId, const QString& customerId, const HttpRequest& request) const
{
    auto body = Json::parseObject(request.body);
    if (!body)
        return HttpResponse::error(body.error());
    auto lines = parseLines(body->value(QStringLiteral("items")), true);
    if (!lines)
        return HttpResponse::error(lines.error());
    // Only SKUs of this shop that exist (off shelf or short of stock may stay: the cart shows the problem).
    if (!lines->isEmpty()) {
        QVariantList values{shopId};
        for (const RequestedLine& line : std::as_const(*lines))
            values << line.skuId;
        auto known = m_database.scalar(
            QStringLiteral("SELECT COUNT(*) FROM product_skus WHERE shop_id = ? AND deleted = 0 AND id IN (%1)")
                .arg(db::placeholders(lines->size())),
            values);
        if (!known)
            return HttpResponse::error(known.error());
        if (known->toLongLong() != lines->size())
            return HttpResponse::error(invalid(QStringLiteral("the cart names a SKU this shop does not sell")));
    }
    QJsonArray items;
    for (const RequestedLine& line : std::as_const(*lines))
        items.append(QJsonObject{{QStringLiteral("skuId"), line.skuId}, {QStringLiteral("quantity"), line.quantity}});
    auto saved = m_database.exec(
        QStringLiteral("INSERT INTO carts (customer_id, shop_id, items, updated_at_ms) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (customer_id) DO UPDATE SET items = excluded.items, "
                       "updated_at_ms = excluded.updated_at_ms"),
        {customerId, shopId, QString::fromUtf8(QJsonDocument(items).toJson(QJsonDocument::Compact)), m_clock.nowMs()});
    if (!saved)
        return HttpResponse::error(saved.error());
    return getCart(shopId, customerId);
}

// ---- checkout -------------------------------------------------------------------------------------------------

HttpResponse
CustomerOrderApi::preview(const QString& shopId, const QString& customerId, const HttpRequest& request) const
{
    auto body = Json::parseObject(request.body);
    if (!body)
        return HttpResponse::error(body.error());
    auto lines = parseLines(body->value(QStringLiteral("items")), false);
    if (!lines)
        return HttpResponse::error(lines.error());
    auto settings = m_reader.settings(shopId);
    if (!settings)
        return HttpResponse::error(settings.error());
    auto mode = parseMode(*body, settings->settings);
    if (!mode)
        return HttpResponse::error(mode.error());
    auto addressId = Json::optionalString(*body, QStringLiteral("addressId"));
    if (!addressId)
        return HttpResponse::error(addressId.error());
    if (!addressId->isEmpty()) {
        auto address = loadAddress(m_database, shopId, customerId, *addressId);
        if (!address)
            return HttpResponse::error(address.error());
    }
    auto checkout = loadCheckout(m_database, shopId, *lines, *mode, settings->settings);
    if (!checkout)
        return HttpResponse::error(checkout.error());
    return HttpResponse::json(200, checkoutJson(*checkout));
}

HttpResponse CustomerOrderApi::place(const QString& shopId, const QString& customerId, const HttpRequest& request) const
{
    auto body = Json::parseObject(request.body);
    if (!body)
        return HttpResponse::error(body.error());
    static const QStringList known{QStringLiteral("clientRequestId"),
                                   QStringLiteral("items"),
                                   QStringLiteral("fulfilment"),
                                   QStringLiteral("paymentMethod"),
                                   QStringLiteral("addressId"),
                                   QStringLiteral("contactName"),
                                   QStringLiteral("contactPhone"),
                                   QStringLiteral("appointmentAtMs"),
                                   QStringLiteral("buyerNote"),
                                   QStringLiteral("customFields"),
                                   QStringLiteral("expectedPayableFen")};
    for (const QString& key : body->keys()) {
        if (!known.contains(key))
            return HttpResponse::error(invalid(QStringLiteral("unknown field '%1'").arg(key)));
    }
    auto clientRequestId = Json::requireString(*body, QStringLiteral("clientRequestId"));
    if (!clientRequestId)
        return HttpResponse::error(clientRequestId.error());
    static const QRegularExpression requestIdPattern(QStringLiteral("^[A-Za-z0-9_-]{8,64}$"));
    if (!requestIdPattern.match(*clientRequestId).hasMatch())
        return HttpResponse::error(invalid(QStringLiteral("clientRequestId is 8 to 64 of [A-Za-z0-9_-]")));
    auto lines = parseLines(body->value(QStringLiteral("items")), false);
    if (!lines)
        return HttpResponse::error(lines.error());
    auto expected = Json::requireInt64(*body, QStringLiteral("expectedPayableFen"));
    if (!expected)
        return HttpResponse::error(expected.error());
    auto paymentName = Json::requireString(*body, QStringLiteral("paymentMethod"));
    if (!paymentName)
        return HttpResponse::error(paymentName.error());
    auto buyerNote = Json::optionalString(*body, QStringLiteral("buyerNote"));
    if (!buyerNote)
        return HttpResponse::error(buyerNote.error());
    if (buyerNote->trimmed().size() > MaxBuyerNoteLength)
        return HttpResponse::error(
            invalid(QStringLiteral("the note has at most %1 characters").arg(MaxBuyerNoteLength)));
    const QJsonValue answers = body->value(QStringLiteral("customFields"));
    if (!answers.isUndefined() && !answers.isNull() && !answers.isObject())
        return HttpResponse::error(invalid(QStringLiteral("customFields is an object {fieldId: value}")));
    auto appointment = Json::optionalInt64(*body, QStringLiteral("appointmentAtMs"));
    if (!appointment)
        return HttpResponse::error(appointment.error());
    auto addressId = Json::optionalString(*body, QStringLiteral("addressId"));
    auto contactName = Json::optionalString(*body, QStringLiteral("contactName"));
    auto contactPhone = Json::optionalString(*body, QStringLiteral("contactPhone"));
    if (!addressId || !contactName || !contactPhone)
        return HttpResponse::error(!addressId     ? addressId.error()
                                   : !contactName ? contactName.error()
                                                  : contactPhone.error());

    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return HttpResponse::error(tx.error());
    // One writer per shop (as in applyOrderTransition): on PostgreSQL the shop row first, so that the idempotency
    // lookup below sees an order a concurrent request of this customer committed; SQLite has BEGIN IMMEDIATE.
    if (m_database.engine() == db::Engine::Postgres) {
        auto locked = m_database.exec(QStringLiteral("SELECT id FROM shops WHERE id = ? FOR UPDATE"), {shopId});
        if (!locked)
            return HttpResponse::error(locked.error());
    }
    const auto existingOrder = [&]() -> Result<QString> {
        auto row = m_database.exec(
            QStringLiteral("SELECT id FROM orders WHERE shop_id = ? AND customer_id = ? AND client_request_id = ?"),
            {shopId, customerId, *clientRequestId});
        if (!row)
            return row.error();
        return row->next() ? row->value(0).toString() : QString();
    };
    auto existing = existingOrder();
    if (!existing)
        return HttpResponse::error(existing.error());
    if (!existing->isEmpty()) {
        // The same request again (a retry after a lost answer): the order it made, 200 instead of 201.
        (void)tx->rollback();
        auto order = m_reader.order(shopId, *existing);
        return order ? HttpResponse::json(200, forCustomer(*order)) : HttpResponse::error(order.error());
    }

    auto settings = m_reader.settings(shopId);
    if (!settings)
        return HttpResponse::error(settings.error());
    const OrderSettings& rules = settings->settings;
    auto mode = parseMode(*body, rules);
    if (!mode)
        return HttpResponse::error(mode.error());
    QString paymentMethod = *paymentName;
    if (paymentMethod == QLatin1String("cash_on_delivery")) {
        if (!rules.codEnabled)
            return HttpResponse::error(invalid(QStringLiteral("this shop does not take cash on delivery")));
    } else if (paymentMethod != QLatin1String("wechat_pay")) {
        return HttpResponse::error(invalid(QStringLiteral("paymentMethod is wechat_pay or cash_on_delivery")));
    }
    const qint64 now = m_clock.nowMs();
    AddressSnapshot contact;
    if (*mode == FulfilmentMode::Delivery) {
        if (addressId->isEmpty())
            return HttpResponse::error(invalid(QStringLiteral("a delivery needs an addressId")));
        auto address = loadAddress(m_database, shopId, customerId, *addressId);
        if (!address)
            return HttpResponse::error(address.error());
        contact = *address;
    } else {
        contact.recipient = contactName->trimmed();
        if (contact.recipient.isEmpty() || contact.recipient.size() > 30)
            return HttpResponse::error(invalid(QStringLiteral("contactName takes 1 to 30 characters")));
        const auto phone = normalizeMainlandMobile(*contactPhone);
        if (!phone)
            return HttpResponse::error(invalid(QStringLiteral("contactPhone is a mainland mobile number")));
        contact.phone = *phone;
        if (*mode == FulfilmentMode::Pickup)
            contact.text = rules.pickupAddress;
    }
    qint64 appointmentAtMs = 0;
    if (*mode == FulfilmentMode::InStore) {
        if (*appointment <= now)
            return HttpResponse::error(invalid(QStringLiteral("an in-store order needs an appointment in the future")));
        appointmentAtMs = *appointment;
    }
    auto fields = OrderFields::parseDefinitions(rules.customFields);
    if (!fields)
        return HttpResponse::error(fields.error());
    auto snapshot = OrderFields::checkAnswers(*fields, answers.toObject());
    if (!snapshot)
        return HttpResponse::error(snapshot.error());

    auto checkout = loadCheckout(m_database, shopId, *lines, *mode, rules);
    if (!checkout)
        return HttpResponse::error(checkout.error());
    for (const CheckoutLine& line : std::as_const(checkout->lines)) {
        if (line.problem == QLatin1String("out_of_stock"))
            return HttpResponse::error(
                makeError(ErrorCode::OutOfStock,
                          QStringLiteral("SKU %1 has fewer than %2 in stock").arg(line.skuId).arg(line.quantity)));
        if (!line.problem.isEmpty()) {
            QJsonObject answer = Json::errorBody(
                makeError(ErrorCode::Conflict, QStringLiteral("SKU %1 is no longer on sale").arg(line.skuId)));
            answer.insert(QStringLiteral("checkout"), checkoutJson(*checkout));
            return HttpResponse::json(409, answer);
        }
    }
    const PriceBreakdown& breakdown = *checkout->breakdown;
    if (breakdown.payable.fen() != *expected) {
        // The customer saw other prices: nothing is written, the answer carries the new breakdown to confirm.
        QJsonObject answer = Json::errorBody(makeError(ErrorCode::Conflict,
                                                       QStringLiteral("price changed: the order costs %1 fen, not %2")
                                                           .arg(breakdown.payable.fen())
                                                           .arg(*expected)));
        answer.insert(QStringLiteral("checkout"), checkoutJson(*checkout));
        return HttpResponse::json(409, answer);
    }

    auto version = ShopRepository(m_database, m_clock).bumpChangeCounter(shopId);
    if (!version)
        return HttpResponse::error(version.error());
    // The stock: one conditional UPDATE per SKU, never below zero whatever runs beside it. A short line rolls
    // the whole order back (the transaction is not committed).
    QStringList stockTrail;
    QSet<QString> products;
    for (const CheckoutLine& line : std::as_const(checkout->lines)) {
        auto taken =
            m_database.exec(QStringLiteral("UPDATE product_skus SET stock = stock - ?, version = ?, updated_at_ms = ? "
                                           "WHERE id = ? AND shop_id = ? AND deleted = 0 AND stock >= ?"),
                            {line.quantity, *version, now, line.skuId, shopId, line.quantity});
        if (!taken)
            return HttpResponse::error(taken.error());
        if (taken->numRowsAffected() != 1)
            return HttpResponse::error(
                makeError(ErrorCode::OutOfStock,
                          QStringLiteral("SKU %1 has fewer than %2 in stock").arg(line.skuId).arg(line.quantity)));
        stockTrail << QStringLiteral("%1 -%2").arg(line.skuId).arg(line.quantity);
        auto sold = m_database.exec(QStringLiteral("UPDATE products SET sales_count = sales_count + ? WHERE id = ?"),
                                    {line.quantity, line.productId});
        if (!sold)
            return HttpResponse::error(sold.error());
        products.insert(line.productId);
    }
    {
        const QStringList ids(products.cbegin(), products.cend());
        QVariantList values{*version, now};
        for (const QString& id : ids)
            values << id;
        auto touched = m_database.exec(
            QStringLiteral("UPDATE products SET stock_total = (SELECT COALESCE(SUM(stock), 0) FROM product_skus s "
                           "WHERE s.product_id = products.id AND s.deleted = 0), "
                           "version = ?, updated_at_ms = ? WHERE id IN (%1)")
                .arg(db::placeholders(ids.size())),
            values);
        if (!touched)
            return HttpResponse::error(touched.error());
    }

    // The number: the shop's day and the next of that day's sequence (one row per shop and day).
    // The shop's local day, read once for the number and the day's figures.
    auto calendar = StatsRollup::calendarOf(m_database, shopId);
    if (!calendar)
        return HttpResponse::error(calendar.error());
    const QDate today = calendar->dayOf(now);
    const QString day = today.toString(QStringLiteral("yyMMdd"));
    auto seq = m_database.scalar(
        QStringLiteral("INSERT INTO order_number_counters (shop_id, day, last_seq) VALUES (?, ?, 1) "
                       "ON CONFLICT (shop_id, day) DO UPDATE SET last_seq = order_number_counters.last_seq + 1 "
                       "RETURNING last_seq"),
        {shopId, day});
    if (!seq)
        return HttpResponse::error(seq.error());
    const QString number = day + QStringLiteral("%1").arg(seq->toLongLong(), 4, 10, QLatin1Char('0'));
    const QString pickupCode =
        *mode == FulfilmentMode::Pickup
            ? QStringLiteral("%1").arg(QRandomGenerator::system()->bounded(1'000'000), 6, 10, QLatin1Char('0'))
            : QStringLiteral("");
    const bool cod = paymentMethod == QLatin1String("cash_on_delivery");
    const OrderState state =
        OrderStateMachine::initialState(cod ? PaymentMethod::CashOnDelivery : PaymentMethod::Online);
    auto nickname = m_database.scalar(QStringLiteral("SELECT nickname FROM customers WHERE id = ?"), {customerId});
    if (!nickname)
        return HttpResponse::error(nickname.error());

    const QString orderId = Id::create(m_clock);
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, fulfilment, "
                       "payment_method, goods_fen, discount_fen, delivery_fee_fen, payable_fen, customer_nickname, "
                       "contact_name, contact_phone, address, pickup_code, appointment_at_ms, buyer_note, "
                       "custom_fields, placed_at_ms, close_at_ms, version, updated_at_ms) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {orderId,
         shopId,
         number,
         customerId,
         *clientRequestId,
         orderStateName(state),
         fulfilmentModeName(*mode),
         paymentMethod,
         breakdown.goodsTotal.fen(),
         breakdown.discountTotal.fen(),
         breakdown.deliveryFee.fen(),
         breakdown.payable.fen(),
         db::notNullText(nickname->toString()),
         db::notNullText(contact.recipient),
         db::notNullText(contact.phone),
         db::notNullText(contact.text),
         pickupCode,
         appointmentAtMs,
         db::notNullText(buyerNote->trimmed()),
         QString::fromUtf8(QJsonDocument(*snapshot).toJson(QJsonDocument::Compact)),
         now,
         cod ? 0 : now + qint64(rules.closeUnpaidMinutes) * 60'000,
         *version,
         now});
    if (!inserted) {
        // The UNIQUE (shop, customer, clientRequestId) is the last word on idempotency: a twin that committed
        // meanwhile made the order; answer with it.
        (void)tx->rollback();
        auto twin = existingOrder();
        if (twin && !twin->isEmpty()) {
            auto order = m_reader.order(shopId, *twin);
            return order ? HttpResponse::json(200, forCustomer(*order)) : HttpResponse::error(order.error());
        }
        return HttpResponse::error(inserted.error());
    }
    for (qsizetype i = 0; i < checkout->lines.size(); ++i) {
        const CheckoutLine& line = checkout->lines.at(i);
        const PricedLine& price = breakdown.lines.at(i); // same order: no line had a problem
        auto item = m_database.exec(
            QStringLiteral(
                "INSERT INTO order_items (id, order_id, shop_id, position, product_id, sku_id, product_name, "
                "sku_label, image, unit_price_fen, quantity, line_total_fen, discount_fen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {Id::create(m_clock),
             orderId,
             shopId,
             int(i),
             line.productId,
             line.skuId,
             line.productName,
             db::notNullText(line.skuLabel),
             db::notNullText(line.image),
             line.unitPriceFen,
             line.quantity,
             price.gross.fen(),
             price.discount.fen()});
        if (!item)
            return HttpResponse::error(item.error());
    }
    auto event = m_database.exec(
        QStringLiteral("INSERT INTO order_events (id, order_id, shop_id, seq, action, from_state, to_state, "
                       "actor_kind, actor_id, note, amount_fen, at_ms) VALUES (?, ?, ?, 1, 'place', '', ?, "
                       "'customer', ?, '', 0, ?)"),
        {Id::create(m_clock), orderId, shopId, orderStateName(state), customerId, now});
    if (!event)
        return HttpResponse::error(event.error());
    // The day's statistics (orders placed, buyers) in the same transaction, with the order's version.
    if (const Status counted = StatsRollup(m_database).orderPlacedOn(shopId, customerId, today, *version); !counted)
        return HttpResponse::error(counted.error());
    auto audited = m_database.exec(
        QStringLiteral("INSERT INTO audit_log (id, shop_id, staff_id, operation, detail, version, at_ms) "
                       "VALUES (?, ?, NULL, 'order.place', ?, ?, ?)"),
        {Id::create(m_clock),
         shopId,
         QStringLiteral("order %1 by customer %2: %3").arg(number, customerId, stockTrail.join(QStringLiteral(", "))),
         *version,
         now});
    if (!audited)
        return HttpResponse::error(audited.error());
    if (const Status announced = announceShopVersion(m_database, shopId, *version); !announced)
        return HttpResponse::error(announced.error());
    // The cart keeps what was not bought.
    auto cart = m_database.exec(QStringLiteral("SELECT items FROM carts WHERE customer_id = ?"), {customerId});
    if (cart && cart->next()) {
        QSet<QString> bought;
        for (const CheckoutLine& line : std::as_const(checkout->lines))
            bought.insert(line.skuId);
        QJsonArray kept;
        for (const QJsonValue& item : QJsonDocument::fromJson(cart->value(0).toString().toUtf8()).array()) {
            if (!bought.contains(item.toObject().value(QStringLiteral("skuId")).toString()))
                kept.append(item);
        }
        auto saved =
            m_database.exec(QStringLiteral("UPDATE carts SET items = ?, updated_at_ms = ? WHERE customer_id = ?"),
                            {QString::fromUtf8(QJsonDocument(kept).toJson(QJsonDocument::Compact)), now, customerId});
        if (!saved)
            return HttpResponse::error(saved.error());
    }
    if (const Status committed = tx->commit(); !committed)
        return HttpResponse::error(committed.error());
    qCInfo(lcServer).noquote() << "order" << number << "placed in shop" << shopId << "version" << *version;
    emit m_notifier.shopChanged(shopId, *version);
    emit m_notifier.orderTransitioned(shopId, orderId, QStringLiteral("place"));
    auto order = m_reader.order(shopId, orderId);
    return order ? HttpResponse::json(201, forCustomer(*order)) : HttpResponse::error(order.error());
}

// ---- my orders ------------------------------------------------------------------------------------------------

HttpResponse CustomerOrderApi::list(const QString& shopId, const QString& customerId, const HttpRequest& request) const
{
    QStringList states;
    const QString stateParam = request.query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (!stateParam.isEmpty()) {
        for (const QString& name : stateParam.split(QLatin1Char(','))) {
            if (!parseOrderState(name))
                return HttpResponse::error(invalid(QStringLiteral("unknown state '%1'").arg(name)));
            states << name;
        }
    }
    int limit = DefaultPageSize;
    const QString limitParam = request.query.queryItemValue(QStringLiteral("limit"));
    if (!limitParam.isEmpty()) {
        bool ok = false;
        limit = limitParam.toInt(&ok);
        if (!ok || limit < 1 || limit > MaxPageSize)
            return HttpResponse::error(invalid(QStringLiteral("limit is 1 to %1").arg(MaxPageSize)));
    }
    // One page newest first, lines and events read for the whole page at once (OrderReader::orders).
    OrderQuery query;
    query.shopId = shopId;
    query.customerId = customerId;
    query.states = states;
    query.cursor = request.query.queryItemValue(QStringLiteral("cursor"));
    query.limit = limit;
    auto page = m_reader.orders(query);
    if (!page)
        return HttpResponse::error(page.error());
    QJsonArray items;
    for (const QJsonObject& order : std::as_const(page->items))
        items.append(forCustomer(order));
    const QString nextCursor = page->nextCursor;
    return HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("items"), items},
                    {QStringLiteral("nextCursor"), nextCursor.isEmpty() ? QJsonValue() : QJsonValue(nextCursor)}});
}

HttpResponse CustomerOrderApi::show(const QString& shopId, const QString& customerId, const QString& orderId) const
{
    auto owner = m_database.exec(QStringLiteral("SELECT customer_id FROM orders WHERE id = ? AND shop_id = ?"),
                                 {orderId, shopId});
    if (!owner)
        return HttpResponse::error(owner.error());
    // Another customer's order is no order at all.
    if (!owner->next() || owner->value(0).toString() != customerId)
        return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such order")));
    auto order = m_reader.order(shopId, orderId);
    return order ? HttpResponse::json(200, forCustomer(*order)) : HttpResponse::error(order.error());
}

HttpResponse CustomerOrderApi::act(const QString& shopId,
                                   const QString& customerId,
                                   const QString& orderId,
                                   const QString& action,
                                   const HttpRequest& request) const
{
    QJsonObject body;
    if (!request.body.trimmed().isEmpty()) {
        auto parsed = Json::parseObject(request.body);
        if (!parsed)
            return HttpResponse::error(parsed.error());
        body = *parsed;
    }
    auto reason = Json::optionalString(body, QStringLiteral("reason"));
    if (!reason)
        return HttpResponse::error(reason.error());
    OrderTransitionRequest step;
    step.shopId = shopId;
    step.orderId = orderId;
    step.by = OrderActorRef{OrderActor::Customer, customerId};
    step.note = reason->trimmed();
    if (action == QLatin1String("cancel"))
        step.action = OrderAction::Cancel;
    else if (action == QLatin1String("confirm-receipt"))
        step.action = OrderAction::Complete;
    else if (action == QLatin1String("refund-request"))
        step.action = OrderAction::RequestRefund;
    else
        step.action = OrderAction::WithdrawRefund;
    if (step.note.size() > 200)
        return HttpResponse::error(invalid(QStringLiteral("the reason has at most 200 characters")));

    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return HttpResponse::error(tx.error());
    auto moved = applyOrderTransition(m_database, m_clock, step);
    if (!moved)
        return HttpResponse::error(moved.error());
    if (step.action == OrderAction::Cancel && moved->from == OrderState::Paid) {
        // Paid online and cancelled before the merchant accepted: everything goes back (PaymentRefunds moves it).
        if (moved->amountFen > 0) {
            if (const Status queued =
                    queueRefund(m_database,
                                m_clock,
                                shopId,
                                orderId,
                                moved->amountFen,
                                step.note.isEmpty() ? QStringLiteral("cancelled by the customer") : step.note,
                                QStringLiteral("customer:") + customerId);
                !queued)
                return HttpResponse::error(queued.error());
        }
    }
    if (const Status committed = tx->commit(); !committed)
        return HttpResponse::error(committed.error());
    emit m_notifier.shopChanged(shopId, moved->version);
    emit m_notifier.orderTransitioned(shopId, orderId, orderActionName(step.action));
    auto order = m_reader.order(shopId, orderId);
    return order ? HttpResponse::json(200, forCustomer(*order)) : HttpResponse::error(order.error());
}

} // namespace xd::server
