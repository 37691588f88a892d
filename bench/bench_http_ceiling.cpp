// The HTTP ceiling for the catalog's wrk runs: our HttpServer adapter (QtHttpServer underneath, the same router and
// response path as syncserver) with one route that answers a constant JSON body of a given size and does nothing
// else -- no database, no auth, no logging. What syncserver reaches on a catalog route, set beside this, is the share
// of the time that is ours. Used by bench/wrk-catalog.sh.
//   bench_http_ceiling --port 0 --bytes 9000      prints "listening on http://127.0.0.1:<port>", serves GET /ceiling
#include "HttpServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace xd::server;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("port"),
                      QStringLiteral("TCP port on 127.0.0.1 (0 = any)"),
                      QStringLiteral("port"),
                      QStringLiteral("0")});
    parser.addOption({QStringLiteral("bytes"),
                      QStringLiteral("size of the JSON body, e.g. that of a product list page"),
                      QStringLiteral("n"),
                      QStringLiteral("8000")});
    parser.process(app);

    // {"items":[{"name":"xxxx…"}]}: valid JSON of exactly the asked size (at least the frame of 24 bytes).
    const QByteArray head = R"({"items":[{"name":")";
    const QByteArray tail = R"("}]})";
    const qsizetype fill =
        std::max<qsizetype>(0, parser.value(QStringLiteral("bytes")).toLongLong() - head.size() - tail.size());
    HttpResponse response;
    response.body = head + QByteArray(fill, 'x') + tail;
    response.addHeader("Cache-Control", "public, max-age=30");

    HttpServer http;
    http.addRoute("GET", QStringLiteral("/ceiling"), [response](const HttpRequest&) { return response; });
    auto port = http.start(QHostAddress::LocalHost, quint16(parser.value(QStringLiteral("port")).toUInt()));
    if (!port) {
        std::fprintf(stderr, "cannot listen: %s\n", qPrintable(port.error().message));
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%u\n", unsigned(*port));
    std::fflush(stdout);
    return app.exec();
}
