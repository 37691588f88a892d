// The desktop's merchant REST client against a real syncserver process: catalog image uploads (bytes and files), the
// answers it reads and the errors it passes on.
#include "AdminApiClient.h"
#include "ServerProcess.h"
#include "TestPng.h"
#include "xiaodian/Id.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using xd::AccountSession;
using xd::AdminApiClient;
using xd::Result;
using xd::UploadedImage;

class tst_AdminApiClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void uploadImage_bytes_answersIdUrlsAndSize_andTheSameBytesTheSameImage();
    void uploadImageFile_readsTheFile_andPassesTheServersReasonOn();
    void uploadImageFile_unreadableOrTooLarge_failsWithoutARequest();

private:
    Result<UploadedImage> uploadBytes(const QByteArray& bytes);
    Result<UploadedImage> uploadFile(const QString& path);
    QString writeFile(const QString& name, const QByteArray& bytes);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    AdminApiClient m_client;
    AccountSession m_session;
};

void tst_AdminApiClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("data")));
    QVERIFY2(m_server->start(), qPrintable(m_server->errorText()));
    std::optional<Result<AccountSession>> signedIn;
    m_client.login(QUrl(m_server->baseUrl()),
                   m_server->demoShopName(),
                   QStringLiteral("owner"),
                   m_server->demoPassword(),
                   [&](Result<AccountSession> session) { signedIn = session; });
    QTRY_VERIFY(signedIn.has_value());
    QVERIFY(*signedIn);
    m_session = **signedIn;
}

void tst_AdminApiClient::cleanupTestCase()
{
    m_server->stop();
}

Result<UploadedImage> tst_AdminApiClient::uploadBytes(const QByteArray& bytes)
{
    std::optional<Result<UploadedImage>> answer;
    m_client.uploadImage(m_session, bytes, [&](Result<UploadedImage> image) { answer = image; });
    QTest::qWaitFor([&] { return answer.has_value(); }, 10000);
    return answer.value_or(xd::makeError(xd::ErrorCode::Internal, QStringLiteral("no answer")));
}

Result<UploadedImage> tst_AdminApiClient::uploadFile(const QString& path)
{
    std::optional<Result<UploadedImage>> answer;
    bool returned = false;
    m_client.uploadImageFile(m_session, path, [&](Result<UploadedImage> image) {
        // Never inside the call: callers may still be setting up when it returns.
        if (!returned)
            answer = xd::makeError(xd::ErrorCode::Internal, QStringLiteral("called back synchronously"));
        else
            answer = image;
    });
    returned = true;
    QTest::qWaitFor([&] { return answer.has_value(); }, 10000);
    return answer.value_or(xd::makeError(xd::ErrorCode::Internal, QStringLiteral("no answer")));
}

QString tst_AdminApiClient::writeFile(const QString& name, const QByteArray& bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void tst_AdminApiClient::uploadImage_bytes_answersIdUrlsAndSize_andTheSameBytesTheSameImage()
{
    const QByteArray png = testSolidPng(300, 200);
    auto image = uploadBytes(png);
    QVERIFY2(image, qPrintable(image ? QString() : image.error().message));
    QVERIFY(xd::Id::isValid(image->id));
    QCOMPARE(image->url, QStringLiteral("/api/v1/shops/%1/images/%2").arg(m_session.shopId, image->id));
    QCOMPARE(image->thumbnailUrl, image->url + QStringLiteral("?size=thumb"));
    QCOMPARE(image->mediumUrl, image->url + QStringLiteral("?size=medium"));
    QCOMPARE(image->contentType, QStringLiteral("image/png"));
    QCOMPARE(image->width, 300);
    QCOMPARE(image->height, 200);
    QCOMPARE(image->bytes, png.size());
    const auto served = m_server->request("GET", image->url);
    QCOMPARE(served.status, 200);
    QCOMPARE(served.body, png);
    auto again = uploadBytes(png);
    QVERIFY(again);
    QCOMPARE(again->id, image->id);
    // What the desktop shows for an id it pulled: the same URLs as the upload answered.
    const QUrl base(m_server->baseUrl());
    QCOMPARE(AdminApiClient::imageUrl(base, m_session.shopId, image->id),
             QUrl(m_server->baseUrl() + image->thumbnailUrl));
    QCOMPARE(AdminApiClient::imageUrl(base, m_session.shopId, image->id, QStringLiteral("medium")),
             QUrl(m_server->baseUrl() + image->mediumUrl));
    QCOMPARE(AdminApiClient::imageUrl(base, m_session.shopId, image->id, QStringLiteral("original")),
             QUrl(m_server->baseUrl() + image->url));
}

void tst_AdminApiClient::uploadImageFile_readsTheFile_andPassesTheServersReasonOn()
{
    const QByteArray png = testSolidPng(64, 64);
    auto image = uploadFile(writeFile(QStringLiteral("logo.png"), png));
    QVERIFY2(image, qPrintable(image ? QString() : image.error().message));
    QCOMPARE(image->width, 64);
    QCOMPARE(m_server->request("GET", image->url).body, png);

    auto fake = uploadFile(writeFile(QStringLiteral("fake.jpg"), "this is text, named .jpg"));
    QVERIFY(!fake);
    QCOMPARE(fake.error().code, xd::ErrorCode::InvalidArgument);
    QVERIFY2(fake.error().message.contains(QStringLiteral("JPEG or PNG")), qPrintable(fake.error().message));
    auto bomb = uploadBytes(testPng(6000, 6000, QByteArray(4096, '\0')));
    QVERIFY(!bomb);
    QCOMPARE(bomb.error().code, xd::ErrorCode::InvalidArgument);
}

void tst_AdminApiClient::uploadImageFile_unreadableOrTooLarge_failsWithoutARequest()
{
    auto missing = uploadFile(m_dir.filePath(QStringLiteral("no-such-file.jpg")));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, xd::ErrorCode::Io);
    auto large = uploadFile(
        writeFile(QStringLiteral("large.jpg"), QByteArray(int(AdminApiClient::MaxImageUploadBytes) + 1, '\xFF')));
    QVERIFY(!large);
    QCOMPARE(large.error().code, xd::ErrorCode::InvalidArgument);
    QVERIFY2(large.error().message.contains(QStringLiteral("5 MiB")), qPrintable(large.error().message));
}

QTEST_GUILESS_MAIN(tst_AdminApiClient)
#include "tst_adminapiclient.moc"
