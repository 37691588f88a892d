// The cost of a catalog image upload: prepareImage (header check, one full decode, the 750 px and 240 px renditions)
// in process for photos of 1, 12 and 25 megapixels, then a real syncserver: how long a 25-megapixel upload takes and
// how long a /healthz sent just after it waits (the adapter answers requests one at a time on the server thread).
//   bench_images [--runs 3]
#include "ImageProcessor.h"
#include "ServerProcess.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPainter>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

// Gradients and rings: compresses like a photo of an object (a 25 MP JPEG stays under the 5 MiB limit).
QByteArray photoLike(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, width, height);
    gradient.setColorAt(0, QColor(240, 200, 160));
    gradient.setColorAt(1, QColor(40, 80, 120));
    painter.fillRect(image.rect(), gradient);
    for (int r = 50; r < qMin(width, height) / 2; r += 97) {
        painter.setPen(QPen(QColor(r % 255, 120, 255 - r % 255), 9));
        painter.drawEllipse(QPoint(width / 2, height / 2), r, r * 3 / 4);
    }
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per size."), QStringLiteral("n"));
    parser.addOption(runsOption);
    parser.process(app);
    const int runs = parser.isSet(runsOption) ? qMax(1, parser.value(runsOption).toInt()) : 3;

    QByteArray largest;
    for (const QSize size : {QSize(1200, 900), QSize(4000, 3000), QSize(5000, 5000)}) {
        const QByteArray bytes = photoLike(size.width(), size.height());
        QList<qint64> times;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            auto prepared = xd::server::prepareImage(bytes);
            times << timer.elapsed();
            if (!prepared) {
                std::fprintf(stderr, "prepareImage failed: %s\n", qPrintable(prepared.error().message));
                return 1;
            }
        }
        std::printf("prepareImage %dx%d (%.1f MP, %lld KiB JPEG): median %lld ms of %d\n",
                    size.width(),
                    size.height(),
                    size.width() * double(size.height()) / 1e6,
                    static_cast<long long>(bytes.size() / 1024),
                    static_cast<long long>(median(times)),
                    runs);
        largest = bytes;
    }

    QTemporaryDir dir;
    ServerProcess server(dir.filePath(QStringLiteral("data")));
    if (!server.start()) {
        std::fprintf(stderr, "syncserver did not start: %s\n", qPrintable(server.errorText()));
        return 1;
    }
    const QString token = server.login(server.demoShopName(), QStringLiteral("owner"), server.demoPassword());
    QNetworkAccessManager network;
    QNetworkRequest upload(
        QUrl(server.baseUrl() + QStringLiteral("/admin/v1/shops/%1/images").arg(server.demoShopId())));
    upload.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    upload.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("image/jpeg"));
    QElapsedTimer clock;
    clock.start();
    qint64 uploadMs = -1;
    qint64 healthMs = -1;
    int uploadStatus = 0;
    QEventLoop loop;
    QNetworkReply* uploaded = network.post(upload, largest);
    QObject::connect(uploaded, &QNetworkReply::finished, &loop, [&] {
        uploadMs = clock.elapsed();
        uploadStatus = uploaded->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (healthMs >= 0)
            loop.quit();
    });
    qint64 healthSentMs = 0;
    QTimer::singleShot(100, &loop, [&] {
        healthSentMs = clock.elapsed();
        QNetworkReply* health = network.get(QNetworkRequest(QUrl(server.baseUrl() + QStringLiteral("/healthz"))));
        QObject::connect(health, &QNetworkReply::finished, &loop, [&, health] {
            healthMs = clock.elapsed() - healthSentMs;
            health->deleteLater();
            if (uploadMs >= 0)
                loop.quit();
        });
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    std::printf(
        "HTTP upload of 25 MP (%lld KiB): %lld ms (status %d); /healthz sent 100 ms later answered after %lld ms\n",
        static_cast<long long>(largest.size() / 1024),
        static_cast<long long>(uploadMs),
        uploadStatus,
        static_cast<long long>(healthMs));
    server.stop();
    return uploadStatus == 201 ? 0 : 1;
}
