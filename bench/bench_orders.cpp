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
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace xd;

namespace {

constexpr qint64 PriceFen = 1990;

// Runs the event loop until `done` holds or `timeoutMs` passed. Not QTest::qWaitFor: it sleeps 10 ms between turns of
// the loop, which would land in every measured latency (it made one order look like 20-30 ms instead of ~1.5 ms).
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start();
    deadline.start(timeoutMs);
    loop.exec();
    return done();
}

double percentileMs(QList<qint64> samplesUs, double p)
{
    if (samplesUs.isEmpty())
        return 0;
    std::sort(samplesUs.begin(), samplesUs.end());
    const qsizetype index = std::min(samplesUs.size() - 1, qsizetype(p * double(samplesUs.size() - 1) + 0.5));
    return samplesUs.at(index) / 1000.0;
}

// One keep-alive HTTP/1.1 connection that writes each request in one piece, with Nagle off. QNetworkAccessManager
// writes a POST's headers and body separately, and on Linux the body then waits for the server's delayed ACK: about
// 30 ms per order that belong to the client, not the server (measured: 1.3 ms per order from a one-write client).
class Lane
{
public:
    using Done = std::function<void(int status)>;

    bool open(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        if (!m_socket.waitForConnected(5000))
            return false;
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { read(); });
        return true;
    }

    void post(const QByteArray& path, const QByteArray& token, const QByteArray& body, Done done)
    {
        m_done = std::move(done);
        m_socket.write("POST " + path +
                       " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       "Authorization: Bearer " +
                       token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

private:
    void read()
    {
        m_buffer += m_socket.readAll();
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QByteArray head = m_buffer.left(headerEnd).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const qsizetype length =
            at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        if (m_buffer.size() < headerEnd + 4 + length)
            return;
        const int status = m_buffer.mid(9, 3).toInt();
        m_buffer.remove(0, headerEnd + 4 + length);
        if (auto done = std::exchange(m_done, nullptr))
            done(status);
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    Done m_done;
};

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
    std::vector<std::unique_ptr<Lane>> lanes;
    for (int i = 0; i < concurrency; ++i) {
        lanes.push_back(std::make_unique<Lane>());
        if (!lanes.back()->open(shop.server->port()))
            return std::fprintf(stderr, "cannot connect\n"), 1;
    }
    const QByteArray path = QStringLiteral("/api/v1/shops/%1/orders").arg(shop.shopId).toUtf8();
    QList<qint64> latenciesUs;
    QHash<int, int> statuses;
    int sent = 0;
    int finished = 0;
    QElapsedTimer wall;
    std::function<void(int)> sendNext = [&](int lane) {
        if (sent >= orders)
            return;
        const int index = sent++;
        QElapsedTimer timer;
        timer.start();
        const QByteArray token = shop.customerTokens.at(index % shop.customerTokens.size()).toUtf8();
        lanes.at(lane)->post(path, token, shop.placeBody(), [&, timer, lane](int status) {
            latenciesUs.append(timer.nsecsElapsed() / 1000);
            ++statuses[status];
            ++finished;
            sendNext(lane);
        });
    };
    wall.start();
    for (int lane = 0; lane < concurrency; ++lane)
        sendNext(lane);
    if (!waitUntil([&] { return finished == orders; }, 600'000))
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
    if (!waitUntil([&] { return client.state() == SyncClient::State::Online; }, 60'000))
        return std::fprintf(stderr, "the desktop did not come online\n"), 1;

    Lane lane;
    if (!lane.open(shop.server->port()))
        return std::fprintf(stderr, "cannot connect\n"), 1;
    const QByteArray path = QStringLiteral("/api/v1/shops/%1/orders").arg(shop.shopId).toUtf8();
    QList<qint64> samplesUs;
    for (int round = 0; round < rounds; ++round) {
        // Placing an order moves the shop's counter once; the desktop has it when its cache reaches that version.
        const qint64 target = counterOf(*shop.server, shop.ownerToken) + 1;
        if (!waitUntil([&] { return store.serverVersion() >= target - 1; }, 10'000))
            return std::fprintf(stderr, "the desktop is behind before round %d\n", round), 1;
        qint64 doneUs = -1;
        QElapsedTimer timer;
        const auto connection = QObject::connect(&store, &CacheStore::syncStateChanged, &store, [&] {
            if (doneUs < 0 && store.serverVersion() >= target)
                doneUs = timer.nsecsElapsed() / 1000;
        });
        timer.start();
        int status = 0;
        lane.post(path,
                  shop.customerTokens.at(round % shop.customerTokens.size()).toUtf8(),
                  shop.placeBody(),
                  [&status](int answered) { status = answered; });
        const bool arrived = waitUntil([&] { return doneUs >= 0 && status != 0; }, 30'000);
        QObject::disconnect(connection);
        if (!arrived || status != 201)
            return std::fprintf(stderr, "round %d: status %d, arrived %d\n", round, status, int(arrived)), 1;
        samplesUs.append(doneUs);
        waitUntil([] { return false; }, 20); // orders arrive one by one, not in a burst
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
