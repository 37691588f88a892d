// Ordering benchmarks against a real syncserver process on 127.0.0.1, customers signed in through the real WeChat
// login (our fake WeChat server):
//   bench_orders place [--orders 2000] [--concurrency 16] [--customers 50] [--database postgresql://…]
//       orders placed per second through POST /api/v1/shops/{id}/orders, with `concurrency` requests in flight,
//       one SKU with enough stock; checks afterwards that stock went down by exactly the orders placed
//   bench_orders latency [--rounds 100] [--database …]
//       one desktop (the real SyncClient and encrypted cache) online; time from sending an order until the desktop's
//       cache holds the change it made (the "new order appears" latency of the orders page)
#include "CacheDatabase.h"
#include "CacheStore.h"
#include "CustomerLogin.h"
#include "FakeWechatServer.h"
#include "ServerProcess.h"
#include "SyncClient.h"
#include "TestSocket.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace xd;

namespace {

constexpr qint64 PriceFen = 1990;

double percentileMs(QList<qint64> samplesUs, double p)
{
    if (samplesUs.isEmpty())
        return 0;
    std::sort(samplesUs.begin(), samplesUs.end());
    const qsizetype index = std::min(samplesUs.size() - 1, qsizetype(p * double(samplesUs.size() - 1) + 0.5));
    return samplesUs.at(index) / 1000.0;
}

// A running server with the shop's mini-program configured, one product and signed-in customers.
struct Shop
{
    QTemporaryDir dir;
    FakeWechatServer wechat;
    std::unique_ptr<ServerProcess> server;
    QString ownerToken;
    QString shopId;
    QString productId;
    QString skuId;
    QList<QString> customerTokens;

    bool open(const QString& databaseUrl, qint64 stock, int customers)
    {
        if (!wechat.start())
            return fail("fake WeChat server did not start");
        server = std::make_unique<ServerProcess>(dir.filePath(QStringLiteral("server")));
        QStringList args{QStringLiteral("--wechat-api-base"), wechat.baseUrl()};
        if (!databaseUrl.isEmpty())
            args << QStringLiteral("--database") << databaseUrl;
        if (!server->start(args))
            return fail(qPrintable(server->errorText()));
        ownerToken = server->login(server->demoShopName(), QStringLiteral("owner"), server->demoPassword());
        shopId = server->demoShopId();
        if (ownerToken.isEmpty() || !CustomerLogin::configureShop(*server, shopId, ownerToken, wechat))
            return fail("the shop could not be configured");
        skuId = Id::create();
        productId = Id::create();
        const QJsonObject product{{QStringLiteral("id"), productId},
                                  {QStringLiteral("name"), QStringLiteral("压测商品")},
                                  {QStringLiteral("onShelf"), true},
                                  {QStringLiteral("skus"),
                                   QJsonArray{QJsonObject{{QStringLiteral("id"), skuId},
                                                          {QStringLiteral("specs"), QJsonObject{}},
                                                          {QStringLiteral("priceFen"), PriceFen},
                                                          {QStringLiteral("stock"), stock}}}}};
        const auto saved = server->requestJson("POST", QStringLiteral("/admin/v1/products"), product, ownerToken);
        if (saved.status != 200 && saved.status != 201)
            return fail(saved.body.constData());
        for (int i = 0; i < customers; ++i) {
            const auto customer =
                CustomerLogin::signIn(*server, wechat, shopId, QStringLiteral("bench-buyer-%1").arg(i));
            if (customer.token.isEmpty())
                return fail(customer.reply.body.constData());
            customerTokens.append(customer.token);
        }
        return true;
    }

    QNetworkRequest placeRequest(int customer) const
    {
        QNetworkRequest request(QUrl(server->baseUrl() + QStringLiteral("/api/v1/shops/%1/orders").arg(shopId)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + customerTokens.at(customer % customerTokens.size()).toUtf8());
        return request;
    }

    QByteArray placeBody() const
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("clientRequestId"), Id::create()},
                                         {QStringLiteral("items"),
                                          QJsonArray{QJsonObject{{QStringLiteral("skuId"), skuId},
                                                                 {QStringLiteral("quantity"), 1}}}},
                                         {QStringLiteral("fulfilment"), QStringLiteral("pickup")},
                                         {QStringLiteral("paymentMethod"), QStringLiteral("wechat_pay")},
                                         {QStringLiteral("contactName"), QStringLiteral("压测")},
                                         {QStringLiteral("contactPhone"), QStringLiteral("13900000000")},
                                         {QStringLiteral("expectedPayableFen"), PriceFen}})
            .toJson(QJsonDocument::Compact);
    }

    qint64 stock() const
    {
        const auto reply =
            server->requestJson("GET", QStringLiteral("/admin/v1/products/%1").arg(productId), {}, ownerToken);
        const QJsonObject product = reply.json.value(QStringLiteral("product")).toObject().isEmpty()
                                        ? reply.json
                                        : reply.json.value(QStringLiteral("product")).toObject();
        for (const QJsonValue& sku : product.value(QStringLiteral("skus")).toArray()) {
            if (sku.toObject().value(QStringLiteral("id")).toString() == skuId)
                return sku.toObject().value(QStringLiteral("stock")).toInteger(-1);
        }
        return -1;
    }

    // Pickup orders need the mode on: the demo shop starts with delivery only.
    bool enablePickup() const
    {
        const auto reply =
            server->requestJson("PUT",
                                QStringLiteral("/admin/v1/shops/%1/order-settings").arg(shopId),
                                QJsonObject{{QStringLiteral("pickupEnabled"), true},
                                            {QStringLiteral("pickupAddress"), QStringLiteral("店内自提")}},
                                ownerToken);
        if (reply.status != 200)
            return fail(reply.body.constData());
        return true;
    }

    static bool fail(const char* why)
    {
        std::fprintf(stderr, "%s\n", why);
        return false;
    }
};

int benchPlace(int orders, int concurrency, int customers, const QString& databaseUrl)
{
    Shop shop;
    if (!shop.open(databaseUrl, qint64(orders) * 2, customers) || !shop.enablePickup())
        return 1;
    const qint64 stockBefore = shop.stock();
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < concurrency; ++i) // one connection each: a manager would pool 6 per host
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QList<qint64> latenciesUs;
    QHash<int, int> statuses;
    int sent = 0;
    int finished = 0;
    QElapsedTimer wall;
    std::function<void(int)> sendNext = [&](int lane) {
        if (sent >= orders)
            return;
        const int index = sent++;
        auto* timer = new QElapsedTimer;
        timer->start();
        QNetworkReply* reply = managers.at(lane)->post(shop.placeRequest(index), shop.placeBody());
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, timer, lane] {
            latenciesUs.append(timer->nsecsElapsed() / 1000);
            delete timer;
            ++statuses[reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()];
            ++finished;
            reply->deleteLater();
            sendNext(lane);
        });
    };
    wall.start();
    for (int lane = 0; lane < concurrency; ++lane)
        sendNext(lane);
    if (!QTest::qWaitFor([&] { return finished == orders; }, 600'000))
        return std::fprintf(stderr, "timed out after %d of %d orders\n", finished, orders), 1;
    const double seconds = wall.nsecsElapsed() / 1e9;
    const qint64 stockAfter = shop.stock();
    std::printf("engine %s, %d orders, %d in flight, %d customers: %.0f orders/s (%.2f s); latency p50 %.2f ms, "
                "p99 %.2f ms, max %.2f ms\n",
                databaseUrl.isEmpty() ? "sqlite" : "postgresql",
                orders,
                concurrency,
                customers,
                orders / seconds,
                seconds,
                percentileMs(latenciesUs, 0.5),
                percentileMs(latenciesUs, 0.99),
                percentileMs(latenciesUs, 1.0));
    std::printf("statuses:");
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
        std::printf(" %d x%d", it.key(), it.value());
    std::printf("; stock %lld -> %lld\n", static_cast<long long>(stockBefore), static_cast<long long>(stockAfter));
    // The run counts only when every order was taken and the stock moved by exactly that much.
    if (statuses.value(201) != orders || stockBefore - stockAfter != orders)
        return std::fprintf(stderr, "orders and stock do not agree\n"), 1;
    return 0;
}

qint64 counterOf(const ServerProcess& server, const QString& token)
{
    TestSocket socket;
    if (!socket.open(server.webSocketUrl()))
        return -1;
    return socket.authenticate(token, Id::create()).value(QStringLiteral("version")).toInteger(-1);
}

int benchLatency(int rounds, const QString& databaseUrl)
{
    Shop shop;
    if (!shop.open(databaseUrl, qint64(rounds) * 2, 5) || !shop.enablePickup())
        return 1;
    QTemporaryDir cacheDir;
    SystemClock clock;
    CacheDatabase database;
    if (!database.open(cacheDir.filePath(QStringLiteral("cache.db")), CacheDatabase::generateKey()))
        return std::fprintf(stderr, "cannot open the cache\n"), 1;
    CacheStore store(database, clock);
    if (!store.initialize())
        return std::fprintf(stderr, "cannot initialise the cache\n"), 1;
    SyncClient::Settings settings;
    settings.serverUrl = QUrl(shop.server->baseUrl());
    SyncClient client(store, settings);
    client.setToken(shop.ownerToken);
    client.start();
    if (!QTest::qWaitFor([&] { return client.state() == SyncClient::State::Online; }, 60'000))
        return std::fprintf(stderr, "the desktop did not come online\n"), 1;

    QNetworkAccessManager network;
    QList<qint64> samplesUs;
    for (int round = 0; round < rounds; ++round) {
        // Placing an order moves the shop's counter once; the desktop has it when its cache reaches that version.
        const qint64 target = counterOf(*shop.server, shop.ownerToken) + 1;
        if (!QTest::qWaitFor([&] { return store.serverVersion() >= target - 1; }, 10'000))
            return std::fprintf(stderr, "the desktop is behind before round %d\n", round), 1;
        qint64 doneUs = -1;
        QElapsedTimer timer;
        const auto connection = QObject::connect(&store, &CacheStore::syncStateChanged, &store, [&] {
            if (doneUs < 0 && store.serverVersion() >= target)
                doneUs = timer.nsecsElapsed() / 1000;
        });
        timer.start();
        QNetworkReply* reply = network.post(shop.placeRequest(round), shop.placeBody());
        const bool arrived = QTest::qWaitFor([&] { return doneUs >= 0 && reply->isFinished(); }, 30'000);
        QObject::disconnect(connection);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (!arrived || status != 201)
            return std::fprintf(stderr, "round %d: status %d, arrived %d\n", round, status, int(arrived)), 1;
        samplesUs.append(doneUs);
        QTest::qWait(20); // orders arrive one by one, not in a burst
    }
    std::printf("engine %s, new order -> in the desktop's cache, %d orders: median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                databaseUrl.isEmpty() ? "sqlite" : "postgresql",
                rounds,
                percentileMs(samplesUs, 0.5),
                percentileMs(samplesUs, 0.99),
                percentileMs(samplesUs, 1.0));
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ordering benchmarks against a real syncserver"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("place or latency"));
    parser.addOption(
        {QStringLiteral("orders"), QStringLiteral("orders to place"), QStringLiteral("n"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("concurrency"),
                      QStringLiteral("requests in flight"),
                      QStringLiteral("n"),
                      QStringLiteral("16")});
    parser.addOption({QStringLiteral("customers"),
                      QStringLiteral("signed-in customers"),
                      QStringLiteral("n"),
                      QStringLiteral("50")});
    parser.addOption({QStringLiteral("rounds"),
                      QStringLiteral("orders timed one by one"),
                      QStringLiteral("n"),
                      QStringLiteral("100")});
    parser.addOption(
        {QStringLiteral("database"), QStringLiteral("server database URL (default: SQLite)"), QStringLiteral("url")});
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    const QString database = parser.value(QStringLiteral("database"));
    if (mode == QLatin1String("place"))
        return benchPlace(parser.value(QStringLiteral("orders")).toInt(),
                          std::max(1, parser.value(QStringLiteral("concurrency")).toInt()),
                          std::max(1, parser.value(QStringLiteral("customers")).toInt()),
                          database);
    if (mode == QLatin1String("latency"))
        return benchLatency(parser.value(QStringLiteral("rounds")).toInt(), database);
    parser.showHelp(1);
}
