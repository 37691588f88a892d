// The HTTP adapter over real sockets: our router, our error bodies, our headers.
#include "HttpServer.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace xd;
using namespace xd::server;

class tst_HttpServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void route_withParameters_passesThemToTheHandler();
    void unknownPath_is404WithJsonError();
    void knownPathOtherMethod_is405();
    void post_bodyAndHeaders_reachTheHandler();
    void errorResponse_mapsCodeToStatus_data();
    void errorResponse_mapsCodeToStatus();
    void listen_onBusyPort_isClearError();
    void asyncRoute_answersLater();
    void asyncRoute_unanswered_is500();
    void pipelined_answersLeaveInRequestOrder();
    void asyncRoute_clientGone_isHarmless();

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
    };
    Reply request(const QByteArray& method, const QString& path, const QByteArray& body = {});

    HttpServer m_server;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
};

void tst_HttpServer::initTestCase()
{
    m_server.addRoute("GET", QStringLiteral("/api/v1/shops/{shopId}/products/{productId}"), [](const HttpRequest& r) {
        return HttpResponse::json(
            200,
            QJsonObject{{QStringLiteral("shop"), r.pathParams.value(QStringLiteral("shopId"))},
                        {QStringLiteral("product"), r.pathParams.value(QStringLiteral("productId"))},
                        {QStringLiteral("q"), r.query.queryItemValue(QStringLiteral("q"))}});
    });
    m_server.addRoute("POST", QStringLiteral("/echo"), [](const HttpRequest& r) {
        HttpResponse response;
        response.contentType = "text/plain; charset=utf-8";
        response.body = r.body + "|" + r.header("x-test");
        response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
        return response;
    });
    m_server.addRoute("GET", QStringLiteral("/fail/{code}"), [](const HttpRequest& r) {
        return HttpResponse::error(
            makeError(ErrorCode(r.pathParams.value(QStringLiteral("code")).toInt()), QStringLiteral("because")));
    });
    // Answers after ?ms= milliseconds with the value of ?v=.
    m_server.addAsyncRoute("GET", QStringLiteral("/later"), [](const HttpRequest& r, HttpReply reply) {
        const QString value = r.query.queryItemValue(QStringLiteral("v"));
        QTimer::singleShot(r.query.queryItemValue(QStringLiteral("ms")).toInt(), [reply, value] {
            HttpResponse response;
            response.contentType = "text/plain";
            response.body = value.toUtf8();
            reply.send(response);
            reply.send(HttpResponse::error(500, QStringLiteral("internal"), QStringLiteral("second send ignored")));
        });
    });
    m_server.addAsyncRoute("GET", QStringLiteral("/never"), [](const HttpRequest&, HttpReply reply) {
        QTimer::singleShot(10, [reply] { Q_UNUSED(reply); }); // the last copy dies unsent
    });
    auto port = m_server.start(QHostAddress::LocalHost, 0);
    QVERIFY(port);
    m_port = *port;
}

tst_HttpServer::Reply tst_HttpServer::request(const QByteArray& method, const QString& path, const QByteArray& body)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    req.setRawHeader("X-Test", "hello");
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    QNetworkReply* reply = m_network.sendCustomRequest(req, method, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
              reply->readAll(),
              reply->header(QNetworkRequest::ContentTypeHeader).toByteArray()};
    reply->deleteLater();
    return out;
}

void tst_HttpServer::route_withParameters_passesThemToTheHandler()
{
    const Reply reply = request("GET", QStringLiteral("/api/v1/shops/s1/products/p%E7%BA%A2?q=%E7%BA%A2%E8%8C%B6"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.contentType, QByteArray("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    QCOMPARE(body.value(QStringLiteral("shop")).toString(), QStringLiteral("s1"));
    QCOMPARE(body.value(QStringLiteral("product")).toString(), QStringLiteral("p红"));
    QCOMPARE(body.value(QStringLiteral("q")).toString(), QStringLiteral("红茶"));
}

void tst_HttpServer::unknownPath_is404WithJsonError()
{
    for (const QString& path : {QStringLiteral("/nope"),
                                QStringLiteral("/api/v1/shops/s1/products"),
                                QStringLiteral("/api/v1/shops/s1/products/p1/extra")}) {
        const Reply reply = request("GET", path);
        QCOMPARE(reply.status, 404);
        const QJsonObject error =
            QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    }
}

void tst_HttpServer::knownPathOtherMethod_is405()
{
    const Reply reply = request("DELETE", QStringLiteral("/echo"));
    QCOMPARE(reply.status, 405);
    QCOMPARE(QJsonDocument::fromJson(reply.body)[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("method_not_allowed"));
}

void tst_HttpServer::post_bodyAndHeaders_reachTheHandler()
{
    const Reply reply = request("POST", QStringLiteral("/echo"), "payload 数据");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("payload 数据|hello"));
    QCOMPARE(reply.contentType, QByteArray("text/plain; charset=utf-8"));
}

void tst_HttpServer::errorResponse_mapsCodeToStatus_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("name");
    QTest::newRow("invalid") << int(ErrorCode::InvalidArgument) << 400 << QStringLiteral("invalid_argument");
    QTest::newRow("unauthenticated") << int(ErrorCode::Unauthenticated) << 401 << QStringLiteral("unauthenticated");
    QTest::newRow("forbidden") << int(ErrorCode::PermissionDenied) << 403 << QStringLiteral("permission_denied");
    QTest::newRow("not found") << int(ErrorCode::NotFound) << 404 << QStringLiteral("not_found");
    QTest::newRow("out of stock") << int(ErrorCode::OutOfStock) << 409 << QStringLiteral("out_of_stock");
    QTest::newRow("unavailable") << int(ErrorCode::Unavailable) << 503 << QStringLiteral("unavailable");
    QTest::newRow("internal") << int(ErrorCode::Internal) << 500 << QStringLiteral("internal");
}

void tst_HttpServer::errorResponse_mapsCodeToStatus()
{
    QFETCH(int, code);
    QFETCH(int, status);
    QFETCH(QString, name);
    const Reply reply = request("GET", QStringLiteral("/fail/%1").arg(code));
    QCOMPARE(reply.status, status);
    QCOMPARE(QJsonDocument::fromJson(reply.body)[QStringLiteral("error")][QStringLiteral("code")].toString(), name);
}

void tst_HttpServer::listen_onBusyPort_isClearError()
{
    HttpServer second;
    auto port = second.start(QHostAddress::LocalHost, m_port);
    QVERIFY(!port);
    QCOMPARE(port.error().code, ErrorCode::Io);
    QVERIFY(port.error().message.contains(QString::number(m_port)));
}

void tst_HttpServer::asyncRoute_answersLater()
{
    const Reply reply = request("GET", QStringLiteral("/later?ms=30&v=hello"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("hello"));
}

void tst_HttpServer::asyncRoute_unanswered_is500()
{
    const Reply reply = request("GET", QStringLiteral("/never"));
    QCOMPARE(reply.status, 500);
    QCOMPARE(QJsonDocument::fromJson(reply.body)[QLatin1String("error")][QLatin1String("code")].toString(),
             QStringLiteral("internal"));
}

// Three requests written at once on one connection: a slow asynchronous one, a plain one, a fast asynchronous one.
// HTTP/1.1 requires the answers in request order, whatever order the handlers finish in.
void tst_HttpServer::pipelined_answersLeaveInRequestOrder()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /later?ms=80&v=first HTTP/1.1\r\nHost: x\r\n\r\n"
                 "GET /api/v1/shops/s/products/p HTTP/1.1\r\nHost: x\r\n\r\n"
                 "HEAD /later?ms=1&v=third HTTP/1.1\r\nHost: x\r\n\r\n"
                 "GET /later?ms=1&v=fourth HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).contains("fourth"), 5000);
    const qsizetype first = received.indexOf("\r\n\r\nfirst");
    const qsizetype second = received.indexOf("\"product\":\"p\"");
    const qsizetype fourth = received.indexOf("\r\n\r\nfourth");
    QVERIFY2(first > 0 && second > first && fourth > second, received.constData());
    QCOMPARE(received.count("HTTP/1.1 200"), 4);
    QVERIFY2(!received.contains("third"), "a HEAD answer carries no body");
}

void tst_HttpServer::asyncRoute_clientGone_isHarmless()
{
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /later?ms=50&v=nobody HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(5000));
        QTest::qWait(10);
        socket.abort();
    }
    QTest::qWait(100); // the answer comes due after its socket has gone
    QCOMPARE(request("GET", QStringLiteral("/later?ms=1&v=alive")).body, QByteArray("alive"));
}

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"
