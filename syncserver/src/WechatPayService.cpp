#include "WechatPayService.h"

#include "AdminRequest.h"
#include "ChangeNotifier.h"
#include "CustomerAuth.h"
#include "Logging.h"
#include "OrderTransitions.h"
#include "PaymentRefunds.h"
#include "PgChangeRelay.h"
#include "ShopRepository.h"
#include "WechatPayClient.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSqlQuery>
#include <QTimer>
#include <QVariant>

namespace xd::server {

namespace wp = integrations::wechatpay;

namespace {

// WeChat's answer to a notification it should send again (or not: 4xx): {"code": "FAIL", "message": "..."}.
HttpResponse failAnswer(int status, const QString& message)
{
    return HttpResponse::json(
        status, QJsonObject{{QStringLiteral("code"), QStringLiteral("FAIL")}, {QStringLiteral("message"), message}});
}

HttpResponse noContent()
{
    HttpResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

// Our trade number: 32 hex characters (WeChat: 6..32 of [0-9A-Za-z_-|*]), unique because it is a UUID.
QString newOutTradeNo(const Clock& clock)
{
    return Id::create(clock).remove(QLatin1Char('-'));
}

// At most `maxBytes` of UTF-8, cut at a character boundary.
QString truncatedUtf8(const QString& text, int maxBytes)
{
    QString result = text;
    while (result.toUtf8().size() > maxBytes)
        result.chop(1);
    return result;
}

// `base` doubled per attempt, at most `cap`.
qint64 backoff(qint64 base, int attempts, qint64 cap)
{
    qint64 delay = base;
    for (int i = 1; i < attempts && delay < cap; ++i)
        delay *= 2;
    return qMin(delay, cap);
}

// Records an anomaly (once per dedupe key) and, for an order, the order event "payment_anomaly" that puts it in
// the order's timeline: the order gets a new version (the shop's change counter), which is returned; 0 when
// nothing new was written or there is no order. Inside the caller's transaction.
Result<qint64> recordAnomaly(const db::Database& database,
                             const Clock& clock,
                             const QString& shopId,
                             const QString& orderId,
                             const QString& kind,
                             const QJsonObject& detail,
                             const QString& dedupeKey,
                             qint64 amountFen)
{
    const qint64 now = clock.nowMs();
    auto inserted = database.exec(QStringLiteral("INSERT INTO payment_anomalies (id, shop_id, order_id, kind, detail, "
                                                 "dedupe_key, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                                 "ON CONFLICT (dedupe_key) DO NOTHING"),
                                  {Id::create(clock),
                                   shopId,
                                   orderId.isNull() ? QStringLiteral("") : orderId, // '' (not NULL): no order
                                   kind,
                                   QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)),
                                   dedupeKey,
                                   now});
    if (!inserted)
        return inserted.error();
    qCWarning(lcServer).noquote()
        << QStringLiteral("payment anomaly %1 (shop %2, order %3)").arg(kind, shopId, orderId);
    if (inserted->numRowsAffected() != 1 || orderId.isEmpty())
        return qint64(0);
    auto state =
        database.scalar(QStringLiteral("SELECT state FROM orders WHERE id = ? AND shop_id = ?"), {orderId, shopId});
    if (!state && state.error().code == ErrorCode::NotFound)
        return qint64(0);
    if (!state)
        return state.error();
    auto version = ShopRepository(database, clock).bumpChangeCounter(shopId);
    if (!version)
        return version.error();
    auto updated = database.exec(QStringLiteral("UPDATE orders SET version = ?, updated_at_ms = ? WHERE id = ?"),
                                 {*version, now, orderId});
    if (!updated)
        return updated.error();
    if (const Status appended = appendOrderEvent(database,
                                                 clock,
                                                 OrderEventRow{shopId,
                                                               orderId,
                                                               QStringLiteral("payment_anomaly"),
                                                               state->toString(),
                                                               state->toString(),
                                                               QStringLiteral("payment"),
                                                               QString(),
                                                               kind,
                                                               amountFen,
                                                               now});
        !appended)
        return appended.error();
    // Other servers on this database learn of the version at commit, as for order transitions.
    if (const Status announced = announceShopVersion(database, shopId, *version); !announced)
        return announced.error();
    return *version;
}

} // namespace

WechatPayService::WechatPayService(const db::Database& database,
                                   const Clock& clock,
                                   ChangeNotifier& notifier,
                                   OutboundHttp& http,
                                   const CustomerAuth& customers,
                                   const AuthService& staff,
                                   Options options,
                                   QObject* parent)
    : QObject(parent), m_database(database), m_clock(clock), m_notifier(notifier), m_customers(customers),
      m_staff(staff), m_options(std::move(options)),
      m_client(std::make_unique<WechatPayClient>(http, m_options.payBaseUrl, clock)), m_timer(new QTimer(this)),
      m_kick(new QTimer(this))
{
    while (m_options.notifyBaseUrl.endsWith(QLatin1Char('/')))
        m_options.notifyBaseUrl.chop(1);
    m_timer->setInterval(m_options.jobIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &WechatPayService::runJobs);
    m_kick->setSingleShot(true);
    m_kick->setInterval(0);
    connect(m_kick, &QTimer::timeout, this, &WechatPayService::runJobs);
    connect(&m_notifier,
            &ChangeNotifier::orderTransitioned,
            this,
            [this](const QString&, const QString& orderId, const QString& action) {
                // Only the steps that leave work for the jobs wake them: an order that stopped waiting for its
                // money (close its open WeChat payment now, not at the next query time), and the steps that queue
                // money back (cancel of a paid order, refund, partial refund). Placing, accepting, shipping etc.
                // leave nothing to do, and waking the jobs for them cost two job queries per order placed.
                const bool stopsWaiting = action == QLatin1String("close") || action == QLatin1String("cancel");
                if (!stopsWaiting && action != QLatin1String("refund") && action != QLatin1String("partial_refund"))
                    return;
                if (stopsWaiting) {
                    auto due = m_database.exec(QStringLiteral("UPDATE payments SET next_query_at_ms = 0 "
                                                              "WHERE order_id = ? AND state = 'created'"),
                                               {orderId});
                    if (!due)
                        qCWarning(lcServer).noquote() << "scheduling a payment close failed:" << due.error().toString();
                }
                kick();
            });
}

WechatPayService::~WechatPayService() = default;

void WechatPayService::start()
{
    m_timer->start();
    kick();
}

void WechatPayService::kick()
{
    if (!m_kick->isActive())
        m_kick->start();
}

QString WechatPayService::notifyUrl(const QString& shopId, const QString& kind) const
{
    return QStringLiteral("%1/api/v1/wechat-pay/%2/%3").arg(m_options.notifyBaseUrl, shopId, kind);
}

void WechatPayService::registerRoutes(HttpServer& http)
{
    http.addAsyncRoute("POST",
                       QStringLiteral("/api/v1/shops/{shopId}/orders/{orderId}/wechat-pay"),
                       [this](const HttpRequest& request, HttpReply reply) { prepay(request, std::move(reply)); });
    http.addRoute("POST", QStringLiteral("/api/v1/wechat-pay/{shopId}/notify"), [this](const HttpRequest& request) {
        return notify(request);
    });
    http.addRoute("POST",
                  QStringLiteral("/api/v1/wechat-pay/{shopId}/refund-notify"),
                  [this](const HttpRequest& request) { return refundNotify(request); });
    http.addRoute("GET",
                  QStringLiteral("/admin/v1/shops/{shopId}/orders/{orderId}/payments"),
                  requireStaff(m_staff, [this](const Actor& actor, const HttpRequest& request) {
                      // Another shop's orders do not exist for this caller.
                      const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
                      if (shopId != actor.shopId)
                          return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such shop")));
                      return orderPayments(shopId, request.pathParams.value(QStringLiteral("orderId")));
                  }));
}

HttpResponse WechatPayService::orderPayments(const QString& shopId, const QString& orderId) const
{
    auto order =
        m_database.exec(QStringLiteral("SELECT id FROM orders WHERE id = ? AND shop_id = ?"), {orderId, shopId});
    if (!order)
        return HttpResponse::error(order.error());
    if (!order->next())
        return HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such order")));
    QJsonArray payments;
    auto rows = m_database.exec(QStringLiteral("SELECT id, out_trade_no, transaction_id, amount_fen, state, applied, "
                                               "last_error, created_at_ms, succeeded_at_ms FROM payments "
                                               "WHERE order_id = ? ORDER BY created_at_ms, id"),
                                {orderId});
    if (!rows)
        return HttpResponse::error(rows.error());
    while (rows->next())
        payments.append(QJsonObject{{QStringLiteral("id"), rows->value(0).toString()},
                                    {QStringLiteral("outTradeNo"), rows->value(1).toString()},
                                    {QStringLiteral("transactionId"), rows->value(2).toString()},
                                    {QStringLiteral("amountFen"), rows->value(3).toLongLong()},
                                    {QStringLiteral("state"), rows->value(4).toString()},
                                    {QStringLiteral("applied"), rows->value(5).toInt() == 1},
                                    {QStringLiteral("lastError"), rows->value(6).toString()},
                                    {QStringLiteral("createdAtMs"), rows->value(7).toLongLong()},
                                    {QStringLiteral("succeededAtMs"), rows->value(8).toLongLong()}});
    QJsonArray refunds;
    auto refundRows =
        m_database.exec(QStringLiteral("SELECT id, method, out_refund_no, refund_id, amount_fen, reason, state, "
                                       "requested_by, attempts, last_error, created_at_ms, succeeded_at_ms "
                                       "FROM refunds WHERE order_id = ? ORDER BY created_at_ms, id"),
                        {orderId});
    if (!refundRows)
        return HttpResponse::error(refundRows.error());
    while (refundRows->next())
        refunds.append(QJsonObject{{QStringLiteral("id"), refundRows->value(0).toString()},
                                   {QStringLiteral("method"), refundRows->value(1).toString()},
                                   {QStringLiteral("outRefundNo"), refundRows->value(2).toString()},
                                   {QStringLiteral("refundId"), refundRows->value(3).toString()},
                                   {QStringLiteral("amountFen"), refundRows->value(4).toLongLong()},
                                   {QStringLiteral("reason"), refundRows->value(5).toString()},
                                   {QStringLiteral("state"), refundRows->value(6).toString()},
                                   {QStringLiteral("requestedBy"), refundRows->value(7).toString()},
                                   {QStringLiteral("attempts"), refundRows->value(8).toInt()},
                                   {QStringLiteral("lastError"), refundRows->value(9).toString()},
                                   {QStringLiteral("createdAtMs"), refundRows->value(10).toLongLong()},
                                   {QStringLiteral("succeededAtMs"), refundRows->value(11).toLongLong()}});
    QJsonArray anomalies;
    auto anomalyRows = m_database.exec(QStringLiteral("SELECT kind, detail, at_ms FROM payment_anomalies "
                                                      "WHERE order_id = ? AND shop_id = ? ORDER BY at_ms, id"),
                                       {orderId, shopId});
    if (!anomalyRows)
        return HttpResponse::error(anomalyRows.error());
    while (anomalyRows->next())
        anomalies.append(QJsonObject{
            {QStringLiteral("kind"), anomalyRows->value(0).toString()},
            {QStringLiteral("detail"), QJsonDocument::fromJson(anomalyRows->value(1).toString().toUtf8()).object()},
            {QStringLiteral("atMs"), anomalyRows->value(2).toLongLong()}});
    return HttpResponse::json(200,
                              QJsonObject{{QStringLiteral("payments"), payments},
                                          {QStringLiteral("refunds"), refunds},
                                          {QStringLiteral("anomalies"), anomalies}});
}

void WechatPayService::prepay(const HttpRequest& request, HttpReply reply)
{
    const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
    const QString orderId = request.pathParams.value(QStringLiteral("orderId"));
    auto customer = m_customers.authenticate(request, shopId);
    if (!customer) {
        reply.send(HttpResponse::error(customer.error()));
        return;
    }
    auto order = m_database.exec(QStringLiteral("SELECT o.customer_id, o.state, o.payment_method, o.payable_fen, "
                                                "o.number, o.close_at_ms, c.openid, s.name FROM orders o "
                                                "JOIN customers c ON c.id = o.customer_id "
                                                "JOIN shops s ON s.id = o.shop_id WHERE o.id = ? AND o.shop_id = ?"),
                                 {orderId, shopId});
    if (!order) {
        reply.send(HttpResponse::error(order.error()));
        return;
    }
    // Another customer's order is no order at all (never reveal that it exists).
    if (!order->next() || order->value(0).toString() != customer->customerId) {
        reply.send(HttpResponse::error(makeError(ErrorCode::NotFound, QStringLiteral("no such order"))));
        return;
    }
    const QString state = order->value(1).toString();
    const qint64 payableFen = order->value(3).toLongLong();
    const QString number = order->value(4).toString();
    const qint64 closeAtMs = order->value(5).toLongLong();
    const QString openid = order->value(6).toString();
    const QString shopName = order->value(7).toString();
    if (order->value(2).toString() != QLatin1String("wechat_pay")) {
        reply.send(HttpResponse::error(
            makeError(ErrorCode::Conflict, QStringLiteral("the order is not paid with WeChat Pay"))));
        return;
    }
    if (state != QLatin1String("pending_payment")) {
        reply.send(HttpResponse::error(
            makeError(ErrorCode::Conflict, QStringLiteral("the order is not awaiting payment (%1)").arg(state))));
        return;
    }
    if (payableFen <= 0) {
        reply.send(HttpResponse::error(makeError(ErrorCode::Conflict, QStringLiteral("the order has nothing to pay"))));
        return;
    }
    auto account = WechatPayAccount::load(m_database, shopId);
    if (!account) {
        reply.send(HttpResponse::error(account.error()));
        return;
    }
    const qint64 now = m_clock.nowMs();
    auto open = m_database.exec(QStringLiteral("SELECT id, out_trade_no, prepay_id, prepay_expires_at_ms, amount_fen, "
                                               "app_id FROM payments WHERE order_id = ? AND state = 'created'"),
                                {orderId});
    if (!open) {
        reply.send(HttpResponse::error(open.error()));
        return;
    }
    QString openPaymentId;
    QString outTradeNo = newOutTradeNo(m_clock);
    if (open->next()) {
        openPaymentId = open->value(0).toString();
        outTradeNo = open->value(1).toString();
        const QString prepayId = open->value(2).toString();
        if (!prepayId.isEmpty() && open->value(3).toLongLong() > now && open->value(4).toLongLong() == payableFen &&
            open->value(5).toString() == account->appId) {
            // The open attempt's prepay_id is still good: the same parameters, freshly signed.
            auto params =
                wp::requestPaymentParams(account->merchantKey, account->appId, prepayId, now / 1000, wp::randomNonce());
            reply.send(params ? HttpResponse::json(200, *params) : HttpResponse::error(params.error()));
            return;
        }
    }

    JsapiOrder jsapi;
    jsapi.outTradeNo = outTradeNo;
    jsapi.description = truncatedUtf8(QStringLiteral("%1-订单%2").arg(shopName, number), 127);
    jsapi.totalFen = payableFen;
    jsapi.payerOpenid = openid;
    jsapi.notifyUrl = notifyUrl(shopId, QStringLiteral("notify"));
    jsapi.expireAtMs = closeAtMs > now ? closeAtMs : 0; // WeChat refuses the payment once the order would close
    QPointer<WechatPayService> self(this);
    const WechatPayAccount payer = *account;
    m_client->createJsapi(
        payer,
        jsapi,
        [self, reply, payer, shopId, orderId, openPaymentId, outTradeNo, payableFen, openid](Result<QString> prepayId) {
            if (!self) {
                reply.send(HttpResponse::error(makeError(ErrorCode::Unavailable, QStringLiteral("shutting down"))));
                return;
            }
            if (!prepayId) {
                qCWarning(lcServer).noquote() << "WeChat Pay prepay failed:" << prepayId.error().toString();
                if (prepayId.error().code == ErrorCode::Conflict) {
                    // ORDERPAID: WeChat has the money already; the query job confirms it at once.
                    if (auto due = self->m_database.exec(
                            QStringLiteral("UPDATE payments SET next_query_at_ms = 0 WHERE id = ?"), {openPaymentId});
                        !due)
                        qCWarning(lcServer).noquote() << due.error().toString();
                    self->kick();
                    reply.send(HttpResponse::error(makeError(
                        ErrorCode::Conflict, QStringLiteral("the order is paid; the payment is being confirmed"))));
                    return;
                }
                reply.send(HttpResponse::error(makeError(ErrorCode::Unavailable, prepayId.error().message)));
                return;
            }
            const db::Database& database = self->m_database;
            const qint64 at = self->m_clock.nowMs();
            Result<QSqlQuery> written = makeError(ErrorCode::Internal, QString());
            if (!openPaymentId.isEmpty()) {
                written = database.exec(QStringLiteral("UPDATE payments SET prepay_id = ?, prepay_expires_at_ms = ?, "
                                                       "updated_at_ms = ? WHERE id = ? AND state = 'created'"),
                                        {*prepayId, at + PrepayValidityMs, at, openPaymentId});
            } else {
                // Recorded only once WeChat knows the trade: a refused prepay leaves nothing behind. A concurrent
                // request that recorded its own attempt first wins (payments_one_open); this trade number then
                // expires unpaid at WeChat, as the customer never receives its prepay_id.
                written = database.exec(
                    QStringLiteral("INSERT INTO payments (id, shop_id, order_id, out_trade_no, app_id, mch_id, "
                                   "payer_openid, amount_fen, state, prepay_id, prepay_expires_at_ms, "
                                   "next_query_at_ms, created_at_ms, updated_at_ms) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'created', ?, ?, ?, ?, ?)"),
                    {Id::create(self->m_clock),
                     shopId,
                     orderId,
                     outTradeNo,
                     payer.appId,
                     payer.mchId,
                     openid,
                     payableFen,
                     *prepayId,
                     at + PrepayValidityMs,
                     at + self->m_options.queryAfterMs,
                     at,
                     at});
            }
            QString answeredPrepayId = *prepayId;
            if (!written) {
                // A concurrent request of the same order recorded its attempt first: answer with that one, so that
                // the customer can only ever pay the trade we track.
                auto winner = database.scalar(QStringLiteral("SELECT prepay_id FROM payments WHERE order_id = ? "
                                                             "AND state = 'created' AND prepay_id <> ''"),
                                              {orderId});
                if (!winner) {
                    qCWarning(lcServer).noquote() << "recording a WeChat prepay failed:" << written.error().toString();
                    reply.send(HttpResponse::error(makeError(
                        ErrorCode::Conflict, QStringLiteral("another payment attempt is under way; try again"))));
                    return;
                }
                answeredPrepayId = winner->toString();
            }
            auto params = wp::requestPaymentParams(
                payer.merchantKey, payer.appId, answeredPrepayId, at / 1000, wp::randomNonce());
            reply.send(params ? HttpResponse::json(200, *params) : HttpResponse::error(params.error()));
        });
}

Result<QJsonObject> WechatPayService::openNotification(const HttpRequest& request,
                                                       const WechatPayAccount& account) const
{
    const wp::ResponseSignature signature{request.header("wechatpay-timestamp"),
                                          request.header("wechatpay-nonce"),
                                          request.header("wechatpay-signature"),
                                          request.header("wechatpay-serial")};
    if (const Status verified = wp::verifyResponse(
            account.platformKey, account.platformSerial, signature, request.body, m_clock.nowMs() / 1000);
        !verified)
        return verified.error();
    const QJsonObject envelope = QJsonDocument::fromJson(request.body).object();
    const QJsonObject resource = envelope.value(QStringLiteral("resource")).toObject();
    if (resource.value(QStringLiteral("algorithm")).toString() != QLatin1String("AEAD_AES_256_GCM"))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("notification without an AEAD_AES_256_GCM resource"));
    auto plaintext = wp::decryptResource(account.apiV3Key,
                                         resource.value(QStringLiteral("ciphertext")).toString().toLatin1(),
                                         resource.value(QStringLiteral("nonce")).toString().toLatin1(),
                                         resource.value(QStringLiteral("associated_data")).toString().toLatin1());
    if (!plaintext)
        return plaintext.error();
    const QJsonDocument document = QJsonDocument::fromJson(*plaintext);
    if (!document.isObject())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the notification's resource is not a JSON object"));
    QJsonObject opened = document.object();
    opened.insert(QStringLiteral("__event_type"), envelope.value(QStringLiteral("event_type")));
    return opened;
}

HttpResponse WechatPayService::notify(const HttpRequest& request)
{
    const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
    auto account = WechatPayAccount::load(m_database, shopId);
    if (!account)
        return failAnswer(404, QStringLiteral("WeChat Pay is not configured for this shop"));
    auto opened = openNotification(request, *account);
    if (!opened) {
        qCWarning(lcServer).noquote() << "WeChat Pay notification refused:" << opened.error().toString();
        return failAnswer(opened.error().code == ErrorCode::Unauthenticated ? 401 : 400, opened.error().message);
    }
    if (opened->value(QStringLiteral("__event_type")).toString() != QLatin1String("TRANSACTION.SUCCESS"))
        return noContent();
    auto transaction = WechatPayTransaction::fromJson(*opened);
    if (!transaction)
        return failAnswer(400, transaction.error().message);
    if (transaction->tradeState != QLatin1String("SUCCESS"))
        return noContent();
    if (const Status applied = applyPaid(shopId, *transaction); !applied) {
        qCWarning(lcServer).noquote() << "applying a WeChat payment failed:" << applied.error().toString();
        return failAnswer(500, QStringLiteral("not recorded; send it again")); // WeChat retries
    }
    return noContent();
}

Status WechatPayService::applyPaid(const QString& shopId, const WechatPayTransaction& transaction)
{
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    if (m_database.engine() == db::Engine::Postgres) {
        // The shop's write lock first, the order every writer of the shop takes it in (CommandProcessor).
        auto locked = m_database.exec(QStringLiteral("SELECT id FROM shops WHERE id = ? FOR UPDATE"), {shopId});
        if (!locked)
            return locked.error();
    }
    const QJsonObject detail{{QStringLiteral("outTradeNo"), transaction.outTradeNo},
                             {QStringLiteral("transactionId"), transaction.transactionId},
                             {QStringLiteral("paidFen"), transaction.totalFen}};
    auto payment = m_database.exec(QStringLiteral("SELECT id, order_id, state, amount_fen, app_id, mch_id "
                                                  "FROM payments WHERE shop_id = ? AND out_trade_no = ?"),
                                   {shopId, transaction.outTradeNo});
    if (!payment)
        return payment.error();
    qint64 version = 0;
    bool paid = false;
    bool refundQueued = false;
    QString orderId;
    if (!payment->next()) {
        auto anomaly = recordAnomaly(m_database,
                                     m_clock,
                                     shopId,
                                     QString(),
                                     QStringLiteral("unknown_payment"),
                                     detail,
                                     QStringLiteral("unknown_payment:") + transaction.transactionId,
                                     transaction.totalFen);
        if (!anomaly)
            return anomaly.error();
    } else {
        const QString paymentId = payment->value(0).toString();
        orderId = payment->value(1).toString();
        const QString paymentState = payment->value(2).toString();
        const qint64 amountFen = payment->value(3).toLongLong();
        if (paymentState == QLatin1String("succeeded"))
            return {}; // a repeat: nothing to do, the transaction rolls back untouched
        if (transaction.appId != payment->value(4).toString() || transaction.mchId != payment->value(5).toString()) {
            auto anomaly = recordAnomaly(m_database,
                                         m_clock,
                                         shopId,
                                         orderId,
                                         QStringLiteral("account_mismatch"),
                                         detail,
                                         QStringLiteral("account_mismatch:") + transaction.transactionId,
                                         transaction.totalFen);
            if (!anomaly)
                return anomaly.error();
            version = *anomaly;
        } else {
            const qint64 now = m_clock.nowMs();
            // transaction_id is UNIQUE: the same WeChat transaction can never be recorded on two payments.
            auto marked = m_database.exec(QStringLiteral("UPDATE payments SET state = 'succeeded', transaction_id = ?, "
                                                         "succeeded_at_ms = ?, updated_at_ms = ?, last_error = '' "
                                                         "WHERE id = ? AND state <> 'succeeded'"),
                                          {transaction.transactionId, now, now, paymentId});
            if (!marked)
                return marked.error();
            if (marked->numRowsAffected() != 1)
                return {}; // another server recorded it first
            auto order =
                m_database.exec(QStringLiteral("SELECT state, payable_fen FROM orders WHERE id = ?"), {orderId});
            if (!order)
                return order.error();
            if (!order->next())
                return makeError(ErrorCode::Internal, QStringLiteral("a payment without its order"));
            const QString orderState = order->value(0).toString();
            const qint64 payableFen = order->value(1).toLongLong();
            if (transaction.totalFen != amountFen || transaction.totalFen != payableFen) {
                QJsonObject mismatch = detail;
                mismatch.insert(QStringLiteral("payableFen"), payableFen);
                auto anomaly = recordAnomaly(m_database,
                                             m_clock,
                                             shopId,
                                             orderId,
                                             QStringLiteral("amount_mismatch"),
                                             mismatch,
                                             QStringLiteral("amount_mismatch:") + transaction.transactionId,
                                             transaction.totalFen);
                if (!anomaly)
                    return anomaly.error();
                version = *anomaly;
            } else if (orderState == QLatin1String("pending_payment")) {
                OrderTransitionRequest step;
                step.shopId = shopId;
                step.orderId = orderId;
                step.action = OrderAction::Pay;
                step.by = OrderActorRef{OrderActor::PaymentNotification, QString()};
                step.note = transaction.transactionId;
                step.amountFen = transaction.totalFen;
                auto moved = applyOrderTransition(m_database, m_clock, step);
                if (!moved)
                    return moved.error();
                auto applied =
                    m_database.exec(QStringLiteral("UPDATE payments SET applied = 1 WHERE id = ?"), {paymentId});
                if (!applied)
                    return applied.error();
                version = moved->version;
                paid = true;
            } else {
                // Money for an order that no longer takes it (closed, cancelled, or paid by another attempt):
                // flagged, and paid back in full automatically.
                const bool closed = orderState == QLatin1String("closed") || orderState == QLatin1String("cancelled");
                const QString kind = closed ? QStringLiteral("paid_after_close") : QStringLiteral("duplicate_payment");
                auto anomaly = recordAnomaly(m_database,
                                             m_clock,
                                             shopId,
                                             orderId,
                                             kind,
                                             detail,
                                             kind + QLatin1Char(':') + transaction.transactionId,
                                             transaction.totalFen);
                if (!anomaly)
                    return anomaly.error();
                version = *anomaly;
                if (const Status queued = queuePaymentRefund(m_database,
                                                             m_clock,
                                                             shopId,
                                                             paymentId,
                                                             transaction.totalFen,
                                                             QStringLiteral("订单已关闭，自动退款"),
                                                             QStringLiteral("system"));
                    !queued)
                    return queued.error();
                refundQueued = true;
            }
        }
    }
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    if (version > 0)
        emit m_notifier.shopChanged(shopId, version);
    if (paid)
        emit m_notifier.orderTransitioned(shopId, orderId, QStringLiteral("pay"));
    if (refundQueued)
        kick();
    return {};
}

HttpResponse WechatPayService::refundNotify(const HttpRequest& request)
{
    const QString shopId = request.pathParams.value(QStringLiteral("shopId"));
    auto account = WechatPayAccount::load(m_database, shopId);
    if (!account)
        return failAnswer(404, QStringLiteral("WeChat Pay is not configured for this shop"));
    auto opened = openNotification(request, *account);
    if (!opened) {
        qCWarning(lcServer).noquote() << "WeChat Pay refund notification refused:" << opened.error().toString();
        return failAnswer(opened.error().code == ErrorCode::Unauthenticated ? 401 : 400, opened.error().message);
    }
    if (opened->value(QStringLiteral("mchid")).toString() != account->mchId)
        return failAnswer(400, QStringLiteral("the notification names another merchant"));
    auto refund = WechatPayRefund::fromJson(*opened);
    if (!refund)
        return failAnswer(400, refund.error().message);
    const Status applied =
        applyRefundStatus(shopId, refund->outRefundNo, refund->status, refund->refundId, refund->refundFen);
    if (!applied && applied.error().code == ErrorCode::NotFound)
        return failAnswer(404, applied.error().message);
    if (!applied) {
        qCWarning(lcServer).noquote() << "applying a WeChat refund notification failed:" << applied.error().toString();
        return failAnswer(500, QStringLiteral("not recorded; send it again"));
    }
    return noContent();
}

Status WechatPayService::applyRefundStatus(
    const QString& shopId, const QString& outRefundNo, const QString& status, const QString& refundId, qint64 refundFen)
{
    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    if (m_database.engine() == db::Engine::Postgres) {
        // The shop's write lock first, the order every writer of the shop takes it in (CommandProcessor).
        auto locked = m_database.exec(QStringLiteral("SELECT id FROM shops WHERE id = ? FOR UPDATE"), {shopId});
        if (!locked)
            return locked.error();
    }
    auto refund = m_database.exec(QStringLiteral("SELECT id, order_id, state, amount_fen FROM refunds "
                                                 "WHERE shop_id = ? AND out_refund_no = ?"),
                                  {shopId, outRefundNo});
    if (!refund)
        return refund.error();
    if (!refund->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no such refund"));
    const QString id = refund->value(0).toString();
    const QString orderId = refund->value(1).toString();
    const QString state = refund->value(2).toString();
    const qint64 amountFen = refund->value(3).toLongLong();
    if (state != QLatin1String("pending") && state != QLatin1String("processing"))
        return {}; // final already: a repeated notification or a late answer changes nothing
    const qint64 now = m_clock.nowMs();
    const QJsonObject detail{{QStringLiteral("outRefundNo"), outRefundNo},
                             {QStringLiteral("refundId"), refundId},
                             {QStringLiteral("status"), status},
                             {QStringLiteral("refundFen"), refundFen},
                             {QStringLiteral("expectedFen"), amountFen}};
    qint64 version = 0;
    const QString refundIdSet = refundId.isEmpty() ? QString() : QStringLiteral(", refund_id = ?");
    auto withRefundId = [&](QVariantList values, const QVariant& rowId) {
        if (!refundId.isEmpty())
            values << refundId;
        values << rowId;
        return values;
    };
    Result<QSqlQuery> updated = makeError(ErrorCode::Internal, QString());
    if (status == QLatin1String("SUCCESS")) {
        if (refundFen != amountFen) {
            auto anomaly = recordAnomaly(m_database,
                                         m_clock,
                                         shopId,
                                         orderId,
                                         QStringLiteral("refund_amount_mismatch"),
                                         detail,
                                         QStringLiteral("refund_amount_mismatch:") + outRefundNo,
                                         refundFen);
            if (!anomaly)
                return anomaly.error();
            version = *anomaly;
        }
        updated = m_database.exec(QStringLiteral("UPDATE refunds SET state = 'succeeded', succeeded_at_ms = ?, "
                                                 "updated_at_ms = ?, last_error = ''%1 WHERE id = ?")
                                      .arg(refundIdSet),
                                  withRefundId({now, now}, id));
    } else if (status == QLatin1String("PROCESSING")) {
        // WeChat is on it: ask again in a minute (resending the same out_refund_no answers its status).
        updated = m_database.exec(QStringLiteral("UPDATE refunds SET state = 'processing', attempts = 0, "
                                                 "next_attempt_at_ms = ?, updated_at_ms = ?%1 WHERE id = ?")
                                      .arg(refundIdSet),
                                  withRefundId({now + 60'000, now}, id));
    } else {
        // CLOSED, ABNORMAL (the payer's account cannot take it), or our own give-up: the money did not move. The
        // merchant sees the anomaly in the order's timeline and pays back by other means.
        auto anomaly = recordAnomaly(m_database,
                                     m_clock,
                                     shopId,
                                     orderId,
                                     QStringLiteral("refund_failed"),
                                     detail,
                                     QStringLiteral("refund_failed:") + outRefundNo,
                                     amountFen);
        if (!anomaly)
            return anomaly.error();
        version = *anomaly;
        updated = m_database.exec(
            QStringLiteral("UPDATE refunds SET state = 'failed', updated_at_ms = ?, last_error = ?%1 WHERE id = ?")
                .arg(refundIdSet),
            withRefundId({now, QStringLiteral("WeChat Pay: %1").arg(status)}, id));
    }
    if (!updated)
        return updated.error();
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    if (version > 0)
        emit m_notifier.shopChanged(shopId, version);
    return {};
}

void WechatPayService::runJobs()
{
    walkPayments();
    walkRefunds();
}

void WechatPayService::markPaymentError(const QString& paymentId, const QString& message)
{
    qCWarning(lcServer).noquote() << "WeChat Pay payment" << paymentId << ":" << message;
    auto marked = m_database.exec(QStringLiteral("UPDATE payments SET last_error = ? WHERE id = ?"),
                                  {message.left(500), paymentId});
    if (!marked)
        qCWarning(lcServer).noquote() << marked.error().toString();
}

// A due payment or refund about to be worked: false when a call for it is still under way, or when its next look
// could not be scheduled. The next look is scheduled (`schedule`: the row's attempts and due time) before this one
// starts, so a crash or a lost answer never makes it hammer WeChat.
bool WechatPayService::claimJob(const QString& id, const QString& schedule, const QVariantList& values)
{
    if (m_inFlight.contains(id))
        return false;
    auto scheduled = m_database.exec(schedule, values);
    if (!scheduled) {
        qCWarning(lcServer).noquote() << "scheduling WeChat Pay job" << id << "failed:" << scheduled.error().toString();
        return false;
    }
    return true;
}

void WechatPayService::walkPayments()
{
    struct Due
    {
        QString id, shopId, outTradeNo, orderState;
        int attempts = 0;
    };
    const qint64 now = m_clock.nowMs();
    auto rows = m_database.exec(QStringLiteral("SELECT p.id, p.shop_id, p.out_trade_no, p.query_attempts, o.state "
                                               "FROM payments p JOIN orders o ON o.id = p.order_id "
                                               "WHERE p.state = 'created' AND p.next_query_at_ms <= ? "
                                               "ORDER BY p.next_query_at_ms LIMIT %1")
                                    .arg(JobBatch),
                                {now});
    if (!rows) {
        qCWarning(lcServer).noquote() << "walking payments failed:" << rows.error().toString();
        return;
    }
    QList<Due> due;
    while (rows->next())
        due.append(Due{rows->value(0).toString(),
                       rows->value(1).toString(),
                       rows->value(2).toString(),
                       rows->value(4).toString(),
                       rows->value(3).toInt()});
    QPointer<WechatPayService> self(this);
    for (const Due& payment : std::as_const(due)) {
        const int attempts = payment.attempts + 1;
        if (!claimJob(payment.id,
                      QStringLiteral("UPDATE payments SET query_attempts = ?, next_query_at_ms = ? WHERE id = ?"),
                      {attempts, now + backoff(m_options.queryAfterMs, attempts, 30 * 60'000), payment.id}))
            continue;
        auto account = WechatPayAccount::load(m_database, payment.shopId);
        if (!account) {
            markPaymentError(payment.id, account.error().message);
            continue;
        }
        m_inFlight.insert(payment.id);
        const QString shopId = payment.shopId;
        const QString paymentId = payment.id;
        auto applyQuery = [self, shopId, paymentId](Result<WechatPayTransaction> transaction) {
            if (!self)
                return;
            self->m_inFlight.remove(paymentId);
            if (!transaction) {
                self->markPaymentError(paymentId, transaction.error().message);
                return;
            }
            const QString& tradeState = transaction->tradeState;
            if (tradeState == QLatin1String("SUCCESS")) {
                if (const Status applied = self->applyPaid(shopId, *transaction); !applied)
                    self->markPaymentError(paymentId, applied.error().message);
            } else if (tradeState == QLatin1String("CLOSED") || tradeState == QLatin1String("REVOKED") ||
                       tradeState == QLatin1String("PAYERROR")) {
                auto ended = self->m_database.exec(
                    QStringLiteral(
                        "UPDATE payments SET state = ?, updated_at_ms = ? WHERE id = ? AND state = 'created'"),
                    {tradeState == QLatin1String("PAYERROR") ? QStringLiteral("failed") : QStringLiteral("closed"),
                     self->m_clock.nowMs(),
                     paymentId});
                if (!ended)
                    self->markPaymentError(paymentId, ended.error().message);
            }
            // NOTPAY, USERPAYING: look again later.
        };
        if (payment.orderState == QLatin1String("pending_payment")) {
            m_client->query(*account, payment.outTradeNo, applyQuery);
            continue;
        }
        // The order no longer waits for this money: close the trade at WeChat so it cannot be paid any more.
        const WechatPayAccount closer = *account;
        const QString outTradeNo = payment.outTradeNo;
        m_client->close(closer, outTradeNo, [self, closer, outTradeNo, paymentId, applyQuery](Status closed) {
            if (!self)
                return;
            if (closed) {
                self->m_inFlight.remove(paymentId);
                auto ended =
                    self->m_database.exec(QStringLiteral("UPDATE payments SET state = 'closed', updated_at_ms = "
                                                         "? WHERE id = ? AND state = 'created'"),
                                          {self->m_clock.nowMs(), paymentId});
                if (!ended)
                    self->markPaymentError(paymentId, ended.error().message);
                return;
            }
            // Refused (ORDERPAID: paid just before the close; ORDER_CLOSED; anything else) or lost: the trade's own
            // state decides -- SUCCESS becomes paid_after_close with its refund, CLOSED just closed. Only a failed
            // query is an error, and the walk tries again at the next due time.
            self->markPaymentError(paymentId, closed.error().message);
            self->m_client->query(closer, outTradeNo, applyQuery);
        });
    }
}

void WechatPayService::walkRefunds()
{
    struct Due
    {
        QString id, shopId, outRefundNo, reason, outTradeNo;
        qint64 amountFen = 0, totalFen = 0;
        int attempts = 0;
    };
    const qint64 now = m_clock.nowMs();
    auto rows =
        m_database.exec(QStringLiteral("SELECT r.id, r.shop_id, r.out_refund_no, r.amount_fen, r.reason, "
                                       "r.attempts, p.out_trade_no, p.amount_fen "
                                       "FROM refunds r JOIN payments p ON p.id = r.payment_id "
                                       "WHERE r.state IN ('pending', 'processing') AND r.next_attempt_at_ms <= ? "
                                       "ORDER BY r.next_attempt_at_ms LIMIT %1")
                            .arg(JobBatch),
                        {now});
    if (!rows) {
        qCWarning(lcServer).noquote() << "walking refunds failed:" << rows.error().toString();
        return;
    }
    QList<Due> due;
    while (rows->next())
        due.append(Due{rows->value(0).toString(),
                       rows->value(1).toString(),
                       rows->value(2).toString(),
                       rows->value(4).toString(),
                       rows->value(6).toString(),
                       rows->value(3).toLongLong(),
                       rows->value(7).toLongLong(),
                       rows->value(5).toInt()});
    QPointer<WechatPayService> self(this);
    for (const Due& refund : std::as_const(due)) {
        const int attempts = refund.attempts + 1;
        if (!claimJob(refund.id,
                      QStringLiteral(
                          "UPDATE refunds SET attempts = ?, next_attempt_at_ms = ?, updated_at_ms = ? WHERE id = ?"),
                      {attempts, now + backoff(5'000, attempts, 30 * 60'000), now, refund.id}))
            continue;
        auto account = WechatPayAccount::load(m_database, refund.shopId);
        if (!account) {
            qCWarning(lcServer).noquote() << "refund" << refund.id << ":" << account.error().message;
            continue;
        }
        RefundOrder order;
        order.outTradeNo = refund.outTradeNo;
        order.outRefundNo = refund.outRefundNo;
        order.reason = refund.reason;
        order.refundFen = refund.amountFen;
        order.totalFen = refund.totalFen;
        order.notifyUrl = notifyUrl(refund.shopId, QStringLiteral("refund-notify"));
        m_inFlight.insert(refund.id);
        const QString refundRowId = refund.id;
        const QString shopId = refund.shopId;
        const QString outRefundNo = refund.outRefundNo;
        m_client->refund(
            *account, order, [self, refundRowId, shopId, outRefundNo, attempts](Result<WechatPayRefund> answer) {
                if (!self)
                    return;
                self->m_inFlight.remove(refundRowId);
                Status applied;
                if (answer) {
                    applied = self->applyRefundStatus(
                        shopId, outRefundNo, answer->status, answer->refundId, answer->refundFen);
                } else if (answer.error().code == ErrorCode::InvalidArgument || attempts >= MaxRefundAttempts) {
                    // WeChat refuses the request itself, or it never got through: give up, visibly.
                    qCWarning(lcServer).noquote() << "refund" << outRefundNo << "given up:" << answer.error().message;
                    applied = self->applyRefundStatus(shopId, outRefundNo, QStringLiteral("GIVEN_UP"), QString(), 0);
                } else {
                    auto noted = self->m_database.exec(QStringLiteral("UPDATE refunds SET last_error = ? WHERE id = ?"),
                                                       {answer.error().message.left(500), refundRowId});
                    if (!noted)
                        applied = noted.error();
                }
                if (!applied)
                    qCWarning(lcServer).noquote()
                        << "recording refund" << outRefundNo << "failed:" << applied.error().toString();
            });
    }
}

} // namespace xd::server
