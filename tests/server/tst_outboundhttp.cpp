// OutboundHttp (the server's calls to WeChat and the SMS gateway) against a scripted HTTP server on 127.0.0.1: a
// raw QTcpServer, so that every ugly answer (silence, a slow drip, an endless body, a closed port) is real.
#include "OutboundHttp.h"

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <optional>

using xd::server::OutboundHttp;

namespace {

// Answers each connection with what the test scripts: `answer` gets the raw request (head + body) once the head
// and the announced body arrived, and writes whatever it likes to the socket.
class ScriptedServer : public QObject
{
public:
    std::function<void(const QByteArray& request, QTcpSocket* socket)> answer;
    QList<QByteArray> requests;

    ScriptedServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                    if (headEnd < 0)
                        return;
                    qsizetype length = 0;
                    for (const QByteArray& line : buffer->left(headEnd).split('\n')) {
                        if (line.toLower().startsWith("content-length:"))
                            length = line.mid(15).trimmed().toLongLong();
                    }
                    if (buffer->size() < headEnd + 4 + length)
                        return;
                    requests.append(*buffer);
                    buffer->clear();
                    answer(requests.constLast(), socket);
                });
            }
        });
    }
    QUrl url(const QString& pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(pathAndQuery));
    }

private:
    QTcpServer m_server;
};

// Sends and waits for the callback; checks it comes exactly once and never from inside send().
xd::Result<OutboundHttp::Response> call(OutboundHttp& http, OutboundHttp::Request request, int waitMs = 10'000)
{
    std::optional<xd::Result<OutboundHttp::Response>> result;
    int calls = 0;
    http.send(std::move(request), [&](xd::Result<OutboundHttp::Response> r) {
        ++calls;
        result.emplace(std::move(r));
    });
    if (calls != 0)
        qFatal("OutboundHttp called back from inside send()");
    if (!QTest::qWaitFor([&] { return calls > 0; }, waitMs))
        return xd::makeError(xd::ErrorCode::Internal, QStringLiteral("no callback"));
    QTest::qWait(50); // a second callback would come now
    if (calls != 1)
        qFatal("OutboundHttp called back %d times", calls);
    return *result;
}

} // namespace

class TestOutboundHttp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The scripted server is local; a proxy from the environment must not be in the way.
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    }

    void statusBodyAndHeaders()
    {
        ScriptedServer server;
        server.answer = [](const QByteArray&, QTcpSocket* socket) {
            socket->write("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Request-Id: abc\r\n"
                          "Content-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}");
            socket->disconnectFromHost();
        };
        OutboundHttp http;
        OutboundHttp::Request request;
        request.method = "POST";
        request.url = server.url(QStringLiteral("/v3/pay?x=1"));
        request.headers = {{"Content-Type", "application/json"}, {"Authorization", "WECHATPAY2 sig"}};
        request.body = R"({"amount":1})";
        const auto response = call(http, request);
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().toString()));
        QCOMPARE(response->status, 201);
        QCOMPARE(response->body, QByteArray(R"({"ok":true})"));
        QCOMPARE(response->header("x-request-id"), QByteArray("abc"));
        QCOMPARE(response->header("CONTENT-TYPE"), QByteArray("application/json"));
        QVERIFY(response->header("X-Absent").isEmpty());
        QCOMPARE(server.requests.size(), 1);
        const QByteArray sent = server.requests.first();
        QVERIFY(sent.startsWith("POST /v3/pay?x=1 HTTP/1.1\r\n"));
        QVERIFY(sent.contains("Authorization: WECHATPAY2 sig\r\n"));
        QVERIFY(sent.endsWith("\r\n\r\n{\"amount\":1}"));
    }

    // 4xx/5xx are answers the caller reads (WeChat Pay explains in the body), not errors.
    void errorStatusIsAnAnswer()
    {
        ScriptedServer server;
        server.answer = [](const QByteArray&, QTcpSocket* socket) {
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 20\r\n\r\n{\"code\":\"PARAM_ERR\"}");
        };
        OutboundHttp http;
        for (const QByteArray& method : {QByteArray("GET"), QByteArray("put"), QByteArray("DELETE")}) {
            OutboundHttp::Request request;
            request.method = method;
            request.url = server.url(QStringLiteral("/x"));
            const auto response = call(http, request);
            QVERIFY(response.ok());
            QCOMPARE(response->status, 400);
            QCOMPARE(response->body, QByteArray(R"({"code":"PARAM_ERR"})"));
            QVERIFY(server.requests.constLast().startsWith(method.toUpper() + " /x HTTP/1.1"));
        }
    }

    // A redirect is handed back, never followed.
    void redirectNotFollowed()
    {
        ScriptedServer server;
        server.answer = [&server](const QByteArray&, QTcpSocket* socket) {
            socket->write("HTTP/1.1 302 Found\r\nLocation: " + server.url(QStringLiteral("/elsewhere")).toEncoded() +
                          "\r\nContent-Length: 0\r\n\r\n");
        };
        OutboundHttp http;
        OutboundHttp::Request request;
        request.url = server.url(QStringLiteral("/here"));
        const auto response = call(http, request);
        QVERIFY(response.ok());
        QCOMPARE(response->status, 302);
        QCOMPARE(server.requests.size(), 1);
    }

    // Silence, and a slow drip that keeps the connection busy: both end at the deadline, naming host and path
    // but never the query (which carries jscode2session's secret).
    void timeout_data()
    {
        QTest::addColumn<bool>("drip");
        QTest::newRow("silent") << false;
        QTest::newRow("slow drip") << true;
    }
    void timeout()
    {
        QFETCH(bool, drip);
        ScriptedServer server;
        QTimer dripper;
        server.answer = [&](const QByteArray&, QTcpSocket* socket) {
            if (!drip)
                return;
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
            connect(&dripper, &QTimer::timeout, socket, [socket] { socket->write("x"); });
            dripper.start(50);
        };
        OutboundHttp http;
        OutboundHttp::Request request;
        request.url = server.url(QStringLiteral("/sns/jscode2session?appid=wx1&secret=TOPSECRET&js_code=c"));
        request.timeoutMs = 600;
        QElapsedTimer clock;
        clock.start();
        const auto response = call(http, request);
        const qint64 elapsed = clock.elapsed();
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, xd::ErrorCode::Unavailable);
        QVERIFY2(elapsed >= 550 && elapsed < 5000, qPrintable(QString::number(elapsed)));
        QVERIFY(response.error().message.contains(QStringLiteral("timed out")));
        QVERIFY(response.error().message.contains(QStringLiteral("/sns/jscode2session")));
        QVERIFY(response.error().message.contains(QStringLiteral("127.0.0.1")));
        QVERIFY(!response.error().message.contains(QStringLiteral("TOPSECRET")));
        QVERIFY(!response.error().message.contains(QStringLiteral("appid")));
    }

    // Past MaxResponseBytes the call is cut: announced by Content-Length, or streamed without one.
    void oversized_data()
    {
        QTest::addColumn<bool>("announced");
        QTest::newRow("content-length") << true;
        QTest::newRow("streamed") << false;
    }
    void oversized()
    {
        QFETCH(bool, announced);
        ScriptedServer server;
        qint64 written = 0;
        server.answer = [&](const QByteArray&, QTcpSocket* socket) {
            if (announced) {
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: " +
                              QByteArray::number(OutboundHttp::MaxResponseBytes + 1) + "\r\n\r\nabc");
                return;
            }
            socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            const QByteArray chunk(64 * 1024, 'x');
            // Keeps writing (up to 3× the limit) as long as the peer reads.
            auto more = [socket, chunk, &written] {
                while (socket->bytesToWrite() < 256 * 1024 && written < 3 * OutboundHttp::MaxResponseBytes) {
                    socket->write(chunk);
                    written += chunk.size();
                }
            };
            connect(socket, &QTcpSocket::bytesWritten, socket, more);
            more();
        };
        OutboundHttp http;
        OutboundHttp::Request request;
        request.url = server.url(QStringLiteral("/big?token=SECRET"));
        const auto response = call(http, request);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, xd::ErrorCode::Unavailable);
        QVERIFY2(response.error().message.contains(QStringLiteral("more than")), qPrintable(response.error().message));
        QVERIFY(response.error().message.contains(QStringLiteral("/big")));
        QVERIFY(!response.error().message.contains(QStringLiteral("SECRET")));
        if (!announced)
            QVERIFY2(written < 3 * OutboundHttp::MaxResponseBytes, "the endless body was read to its end");
    }

    // Exactly at the limit is still an answer.
    void atTheLimit()
    {
        ScriptedServer server;
        server.answer = [](const QByteArray&, QTcpSocket* socket) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(OutboundHttp::MaxResponseBytes) +
                          "\r\n\r\n");
            socket->write(QByteArray(OutboundHttp::MaxResponseBytes, 'y'));
        };
        OutboundHttp http;
        OutboundHttp::Request request;
        request.url = server.url(QStringLiteral("/limit"));
        const auto response = call(http, request);
        QVERIFY(response.ok());
        QCOMPARE(response->body.size(), OutboundHttp::MaxResponseBytes);
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        } // closed: nothing listens there now
        OutboundHttp http;
        OutboundHttp::Request request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/sns/jscode2session?secret=HIDDEN").arg(port));
        const auto response = call(http, request);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, xd::ErrorCode::Unavailable);
        QVERIFY2(response.error().message.contains(QStringLiteral("connection refused")),
                 qPrintable(response.error().message));
        QVERIFY(response.error().message.contains(QStringLiteral("/sns/jscode2session")));
        QVERIFY(!response.error().message.contains(QStringLiteral("HIDDEN")));
    }

    // The server closes without a status line.
    void closedWithoutAnswer()
    {
        ScriptedServer server;
        server.answer = [](const QByteArray&, QTcpSocket* socket) {
            socket->abort();
        };
        OutboundHttp http;
        OutboundHttp::Request request;
        request.url = server.url(QStringLiteral("/gone"));
        const auto response = call(http, request);
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code, xd::ErrorCode::Unavailable);
    }

    // Bad requests fail too, but later, never from inside send().
    void badRequests()
    {
        OutboundHttp http;
        OutboundHttp::Request relative;
        relative.url = QUrl(QStringLiteral("/relative"));
        QCOMPARE(call(http, relative).error().code, xd::ErrorCode::InvalidArgument);
        OutboundHttp::Request ftp;
        ftp.url = QUrl(QStringLiteral("ftp://127.0.0.1/x"));
        QCOMPARE(call(http, ftp).error().code, xd::ErrorCode::InvalidArgument);
        OutboundHttp::Request patch;
        patch.method = "PATCH";
        patch.url = QUrl(QStringLiteral("http://127.0.0.1:1/x"));
        QCOMPARE(call(http, patch).error().code, xd::ErrorCode::InvalidArgument);
        OutboundHttp::Request noTime;
        noTime.url = QUrl(QStringLiteral("http://127.0.0.1:1/x"));
        noTime.timeoutMs = 0;
        QCOMPARE(call(http, noTime).error().code, xd::ErrorCode::InvalidArgument);
    }

    // Several calls at once each get their own answer.
    void concurrentCalls()
    {
        ScriptedServer server;
        server.answer = [](const QByteArray& request, QTcpSocket* socket) {
            const QByteArray path = request.split(' ').value(1);
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(path.size()) + "\r\n\r\n" + path);
        };
        OutboundHttp http;
        QHash<int, QByteArray> bodies;
        for (int i = 0; i < 8; ++i) {
            OutboundHttp::Request request;
            request.url = server.url(QStringLiteral("/n/%1").arg(i));
            http.send(request, [&bodies, i](xd::Result<OutboundHttp::Response> r) {
                QVERIFY(!bodies.contains(i));
                bodies.insert(i, r ? r->body : QByteArray("error"));
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(bodies.size(), 8, 10'000);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(bodies.value(i), "/n/" + QByteArray::number(i));
    }

    // Destroyed while a call runs: no callback afterwards, no crash.
    void destroyedWhilePending()
    {
        ScriptedServer server;
        server.answer = [](const QByteArray&, QTcpSocket*) {
        };
        bool called = false;
        {
            OutboundHttp http;
            OutboundHttp::Request request;
            request.url = server.url(QStringLiteral("/never"));
            http.send(request, [&called](xd::Result<OutboundHttp::Response>) { called = true; });
            QTRY_COMPARE(server.requests.size(), 1);
        }
        QTest::qWait(100);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestOutboundHttp)
#include "tst_outboundhttp.moc"
