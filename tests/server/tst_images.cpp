// Catalog images of a real syncserver process: uploads (raw and multipart as wx.uploadFile sends them), checks by
// content and limits, renditions, serving with caching headers, product references, and `syncserver images gc`, on
// SQLite or PostgreSQL.
#include "ServerFixture.h"
#include "TestPng.h"
#include "xiaodian/Id.h"

#include <QBuffer>
#include <QDateTime>
#include <QImage>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray encode(const QImage& image, const char* format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

QByteArray jpeg(int width, int height, QColor color)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    return encode(image, "JPEG");
}

QByteArray transparentPng(int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(QColor(255, 0, 0, 128));
    return encode(image, "PNG");
}

// A few hundred bytes whose header claims width x height: a decompression bomb when the claim is large.
QByteArray claimedPng(quint32 width, quint32 height)
{
    return testPng(width, height, QByteArray(4096, '\0'));
}

QByteArray multipartBody(const QByteArray& boundary, const QByteArray& fileName, const QByteArray& data)
{
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName +
           "\"\r\nContent-Type: image/jpeg\r\n\r\n" + data + "\r\n--" + boundary +
           "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nproduct\r\n--" + boundary + "--\r\n";
}

QJsonObject sku(const QString& image = {})
{
    return QJsonObject{{QStringLiteral("id"), xd::Id::create()},
                       {QStringLiteral("priceFen"), 990},
                       {QStringLiteral("stock"), 5},
                       {QStringLiteral("image"), image}};
}

QJsonObject product(const QJsonArray& images, const QJsonObject& theSku = sku(), const QString& description = {})
{
    return QJsonObject{{QStringLiteral("id"), xd::Id::create()},
                       {QStringLiteral("name"), QStringLiteral("图片商品")},
                       {QStringLiteral("onShelf"), true},
                       {QStringLiteral("images"), images},
                       {QStringLiteral("description"), description},
                       {QStringLiteral("skus"), QJsonArray{theSku}}};
}

} // namespace

class tst_Images : public QObject, private ServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void upload_raw_answersIdUrlsAndSize_andRenditionsHaveTheRightDimensions();
    void upload_multipartAsWxUploadFile_isAccepted_andTransparencyStaysPng();
    void upload_sameBytesTwice_isTheSameImage();
    void upload_smallImage_isNeverUpscaled();
    void upload_bad_isRejected_andStoresNothing_data();
    void upload_bad_isRejected_andStoresNothing();
    void upload_authorisation();
    void upload_originalIsStoredWithoutMetadata();
    void serve_etagAndImmutableCaching_304_andOtherShops404();
    void productSave_acceptsOwnImages_andShowsUrls_refusesOthers();
    void imagesGc_deletesExactlyTheUnreferencedOldImages_andKeepsSharedBlobs();
    void imagesGc_gracePeriod_countsFromTheLastUpload();

private:
    ServerProcess::Reply upload(const QByteArray& bytes,
                                const QByteArray& contentType = "image/jpeg",
                                const QString& shopId = {},
                                const QString& token = {}) const;
    ServerProcess::Reply get(const QString& url, const QByteArray& ifNoneMatch = {}) const;
    // Runs `sql` on the server's database: the first column of its first row, or -1 (no row, or a failure).
    qint64 scalar(const QString& sql) const;
    QString createShopB(QString* ownerToken) const;
    int runGc(const QStringList& args, QString* out) const;
};

void tst_Images::initTestCase()
{
    QString error;
    QVERIFY2(startServer(QStringLiteral("xd_images"), {}, &error), qPrintable(error));
}

void tst_Images::cleanupTestCase()
{
    m_server->stop();
}

ServerProcess::Reply tst_Images::upload(const QByteArray& bytes,
                                        const QByteArray& contentType,
                                        const QString& shopId,
                                        const QString& token) const
{
    return m_server->request("POST",
                             QStringLiteral("/admin/v1/shops/%1/images").arg(shopId.isEmpty() ? m_shopId : shopId),
                             bytes,
                             token.isEmpty() ? m_token : token,
                             {{"Content-Type", contentType}});
}

ServerProcess::Reply tst_Images::get(const QString& url, const QByteArray& ifNoneMatch) const
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!ifNoneMatch.isEmpty())
        headers.append({"If-None-Match", ifNoneMatch});
    return m_server->request("GET", url, {}, {}, headers);
}

qint64 tst_Images::scalar(const QString& sql) const
{
    const QVariant n = ServerFixture::scalar(sql);
    return n.isValid() ? n.toLongLong() : -1;
}

QString tst_Images::createShopB(QString* ownerToken) const
{
    static int n = 0;
    return m_server->createShop(QStringLiteral("图片对面店%1").arg(++n), ownerToken);
}

int tst_Images::runGc(const QStringList& args, QString* out) const
{
    int exitCode = -1;
    *out = m_server->runCommand(QStringList{QStringLiteral("images"), QStringLiteral("gc")} + args, {}, &exitCode);
    return exitCode;
}

void tst_Images::upload_raw_answersIdUrlsAndSize_andRenditionsHaveTheRightDimensions()
{
    const QByteArray bytes = jpeg(1600, 900, Qt::darkGreen);
    const auto reply = upload(bytes);
    QCOMPARE(reply.status, 201);
    const QJsonObject image = reply.json;
    const QString id = image.value(QStringLiteral("id")).toString();
    QVERIFY(xd::Id::isValid(id));
    const QString url = QStringLiteral("/api/v1/shops/%1/images/%2").arg(m_shopId, id);
    QCOMPARE(image.value(QStringLiteral("url")).toString(), url);
    QCOMPARE(image.value(QStringLiteral("thumbnailUrl")).toString(), url + QStringLiteral("?size=thumb"));
    QCOMPARE(image.value(QStringLiteral("mediumUrl")).toString(), url + QStringLiteral("?size=medium"));
    QCOMPARE(image.value(QStringLiteral("width")).toInt(), 1600);
    QCOMPARE(image.value(QStringLiteral("height")).toInt(), 900);
    QCOMPARE(image.value(QStringLiteral("contentType")).toString(), QStringLiteral("image/jpeg"));
    QCOMPARE(image.value(QStringLiteral("bytes")).toInteger(), bytes.size());

    const auto original = get(url);
    QCOMPARE(original.status, 200);
    QCOMPARE(original.body, bytes);
    QCOMPARE(original.header("content-type"), QByteArray("image/jpeg"));
    const QImage medium = QImage::fromData(get(image.value(QStringLiteral("mediumUrl")).toString()).body);
    QCOMPARE(medium.size(), QSize(750, 421)); // 900 * 750 / 1600 = 421.9, truncated by QSize::scaled
    const auto thumbReply = get(image.value(QStringLiteral("thumbnailUrl")).toString());
    QCOMPARE(thumbReply.header("content-type"), QByteArray("image/jpeg"));
    const QImage thumb = QImage::fromData(thumbReply.body);
    QCOMPARE(thumb.size(), QSize(240, 135));
    QCOMPARE(image.value(QStringLiteral("thumbnail")).toObject().value(QStringLiteral("width")).toInt(), 240);
    // Portrait: the longer side is the height.
    const auto portrait = upload(jpeg(300, 1000, Qt::blue));
    QCOMPARE(portrait.status, 201);
    QCOMPARE(QImage::fromData(get(portrait.json.value(QStringLiteral("thumbnailUrl")).toString()).body).size(),
             QSize(72, 240));
}

void tst_Images::upload_multipartAsWxUploadFile_isAccepted_andTransparencyStaysPng()
{
    const QByteArray png = transparentPng(800, 400);
    const QByteArray boundary = "----WxUploadBoundary7MA4YWxkTrZu0gW";
    // The client calls it .jpg and says image/jpeg: the bytes say PNG, and PNG it is.
    const auto reply =
        upload(multipartBody(boundary, "tmp_123.jpg", png), "multipart/form-data; boundary=\"" + boundary + "\"");
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json.value(QStringLiteral("contentType")).toString(), QStringLiteral("image/png"));
    QCOMPARE(reply.json.value(QStringLiteral("width")).toInt(), 800);
    QCOMPARE(get(reply.json.value(QStringLiteral("url")).toString()).body, png);
    const auto thumb = get(reply.json.value(QStringLiteral("thumbnailUrl")).toString());
    QCOMPARE(thumb.header("content-type"), QByteArray("image/png"));
    const QImage shown = QImage::fromData(thumb.body);
    QCOMPARE(shown.size(), QSize(240, 120));
    QVERIFY(shown.hasAlphaChannel());
    QCOMPARE(shown.pixelColor(10, 10).alpha(), 128);
}

void tst_Images::upload_sameBytesTwice_isTheSameImage()
{
    const QByteArray bytes = jpeg(500, 500, Qt::yellow);
    const qint64 imagesBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM images"));
    const auto first = upload(bytes);
    QCOMPARE(first.status, 201);
    const auto again = upload(bytes);
    QCOMPARE(again.status, 201);
    const auto asMultipart =
        upload(multipartBody("b0undary", "again.jpg", bytes), "multipart/form-data; boundary=b0undary");
    QCOMPARE(asMultipart.status, 201);
    QCOMPARE(again.json, first.json);
    QCOMPARE(asMultipart.json.value(QStringLiteral("id")), first.json.value(QStringLiteral("id")));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM images")), imagesBefore + 1);
}

void tst_Images::upload_smallImage_isNeverUpscaled()
{
    const QByteArray bytes = jpeg(100, 60, Qt::magenta);
    const auto reply = upload(bytes);
    QVERIFY2(reply.status == 201, reply.body.constData());
    const auto original = get(reply.json.value(QStringLiteral("url")).toString());
    const auto thumb = get(reply.json.value(QStringLiteral("thumbnailUrl")).toString());
    const auto medium = get(reply.json.value(QStringLiteral("mediumUrl")).toString());
    QCOMPARE(thumb.body, bytes);
    QCOMPARE(medium.body, bytes);
    QCOMPARE(thumb.header("etag"), original.header("etag"));
    QCOMPARE(reply.json.value(QStringLiteral("thumbnail")).toObject().value(QStringLiteral("height")).toInt(), 60);
}

void tst_Images::upload_bad_isRejected_andStoresNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QByteArray good = jpeg(64, 64, Qt::red);
    const QString invalid = QStringLiteral("invalid_argument");
    QTest::newRow("text file named .jpg, multipart")
        << multipartBody("xx", "photo.jpg", "this is text, named .jpg")
        << QByteArray("multipart/form-data; boundary=xx") << 400 << invalid;
    QTest::newRow("text declared image/jpeg")
        << QByteArray("GIF89a? no, plain text") << QByteArray("image/jpeg") << 400 << invalid;
    QTest::newRow("truncated jpeg") << good.left(good.size() / 2) << QByteArray("image/jpeg") << 400 << invalid;
    QTest::newRow("empty body") << QByteArray() << QByteArray("image/png") << 400 << invalid;
    QTest::newRow("over 5 MiB") << (good + QByteArray(5 * 1024 * 1024, '\0')) << QByteArray("image/jpeg") << 400
                                << invalid;
    QTest::newRow("36 megapixels claimed (bomb)")
        << claimedPng(6000, 6000) << QByteArray("image/png") << 400 << invalid;
    QTest::newRow("wider than 8000 px") << claimedPng(8001, 20) << QByteArray("image/png") << 400 << invalid;
    QTest::newRow("smaller than 16 px") << jpeg(15, 100, Qt::red) << QByteArray("image/jpeg") << 400 << invalid;
    QTest::newRow("multipart without the final boundary")
        << QByteArray("--xx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n" + good)
        << QByteArray("multipart/form-data; boundary=xx") << 400 << invalid;
    QTest::newRow("multipart without a file part")
        << QByteArray("--xx\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + good + "\r\n--xx--")
        << QByteArray("multipart/form-data; boundary=xx") << 400 << invalid;
    QTest::newRow("json body") << QByteArray("{}") << QByteArray("application/json") << 400 << invalid;
    QTest::newRow("jpeg of 101 scans (decoder time bomb)")
        << (good + QByteArray("\xFF\xDA").repeated(101)) << QByteArray("image/jpeg") << 400 << invalid;
}

void tst_Images::upload_bad_isRejected_andStoresNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, code);
    const qint64 images = scalar(QStringLiteral("SELECT COUNT(*) FROM images"));
    const qint64 blobs = scalar(QStringLiteral("SELECT COUNT(*) FROM blobs"));
    const auto reply = upload(body, contentType);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), code);
    QVERIFY(
        !reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM images")), images);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM blobs")), blobs);
}

void tst_Images::upload_authorisation()
{
    const QByteArray bytes = jpeg(64, 64, Qt::cyan);
    QCOMPARE(m_server
                 ->request("POST",
                           QStringLiteral("/admin/v1/shops/%1/images").arg(m_shopId),
                           bytes,
                           {},
                           {{"Content-Type", "image/jpeg"}})
                 .status,
             401);
    QString tokenB;
    const QString shopB = createShopB(&tokenB);
    QVERIFY(!tokenB.isEmpty());
    // Signed in to shop B, uploading into the demo shop.
    QCOMPARE(upload(bytes, "image/jpeg", m_shopId, tokenB).status, 403);
    QCOMPARE(upload(bytes, "image/jpeg", QStringLiteral("not-an-id"), tokenB).status, 400);
    QCOMPARE(upload(bytes, "image/jpeg", shopB, tokenB).status, 201);
}

void tst_Images::upload_originalIsStoredWithoutMetadata()
{
    // A phone photo's EXIF (GPS position, camera serial), a JPEG comment and PNG text never reach customers.
    const QByteArray secret("GPS-SECRET 31.2304N 121.4737E");
    QImage picture(300, 200, QImage::Format_RGB32);
    picture.fill(QColor(10, 120, 200));
    picture.setText(QStringLiteral("Comment"), QString::fromLatin1(secret)); // a COM segment in JPEG, tEXt in PNG
    QByteArray withExif = encode(picture, "JPEG");
    QVERIFY(withExif.contains(secret));
    const QByteArray exif = "Exif\0\0" + secret;
    const QByteArray app1 =
        QByteArray("\xFF\xE1") + char((exif.size() + 2) >> 8) + char((exif.size() + 2) & 0xFF) + exif;
    withExif.insert(2, app1);
    QByteArray pngWithText = encode(picture, "PNG");
    QVERIFY(pngWithText.contains(secret));

    for (const auto& [bytes, type] :
         {std::pair{withExif, QByteArray("image/jpeg")}, std::pair{pngWithText, QByteArray("image/png")}}) {
        const auto uploaded = upload(bytes, type);
        QCOMPARE(uploaded.status, 201);
        const QString id = uploaded.json.value(QStringLiteral("id")).toString();
        const auto original = get(QStringLiteral("/api/v1/shops/%1/images/%2?size=original").arg(m_shopId, id));
        QCOMPARE(original.status, 200);
        QVERIFY(!original.body.isEmpty());
        QVERIFY2(!original.body.contains(secret), type.constData());
        QVERIFY(!original.body.contains("Exif"));
        // The same picture, byte for byte from the first scan (JPEG) / in its pixels (PNG).
        const QImage served = QImage::fromData(original.body);
        QCOMPARE(served.size(), picture.size());
        QCOMPARE(served.pixelColor(150, 100), QImage::fromData(bytes).pixelColor(150, 100));
        QCOMPARE(uploaded.json.value(QStringLiteral("bytes")).toInteger(), qint64(original.body.size()));
    }
}

void tst_Images::serve_etagAndImmutableCaching_304_andOtherShops404()
{
    const auto reply = upload(jpeg(400, 300, Qt::gray));
    QCOMPARE(reply.status, 201);
    const QString url = reply.json.value(QStringLiteral("url")).toString();
    const QString id = reply.json.value(QStringLiteral("id")).toString();
    const auto first = get(url);
    QCOMPARE(first.status, 200);
    QVERIFY(first.header("cache-control").contains("immutable"));
    const QByteArray etag = first.header("etag");
    QVERIFY(etag.startsWith('"') && etag.size() == 66);
    const auto again = get(url, etag);
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
    QCOMPARE(get(url, "\"other\", " + etag).status, 304);
    QCOMPARE(get(url, "\"other\"").status, 200);
    // Each size is its own resource: the original's tag does not validate the thumbnail.
    const auto thumb = get(reply.json.value(QStringLiteral("thumbnailUrl")).toString());
    QVERIFY(thumb.header("etag") != etag);
    QCOMPARE(get(reply.json.value(QStringLiteral("thumbnailUrl")).toString(), etag).status, 200);
    QCOMPARE(get(url + QStringLiteral("?size=huge")).status, 400);
    QCOMPARE(get(QStringLiteral("/api/v1/shops/%1/images/not-an-id").arg(m_shopId)).status, 400);
    QCOMPARE(get(QStringLiteral("/api/v1/shops/%1/images/%2").arg(m_shopId, xd::Id::create())).status, 404);

    QString tokenB;
    const QString shopB = createShopB(&tokenB);
    QCOMPARE(get(QStringLiteral("/api/v1/shops/%1/images/%2").arg(shopB, id)).status, 404);
    QCOMPARE(get(QStringLiteral("/api/v1/shops/%1/images/%2").arg(shopB, id), etag).status, 404);
}

void tst_Images::productSave_acceptsOwnImages_andShowsUrls_refusesOthers()
{
    const QString a = upload(jpeg(900, 900, Qt::darkRed)).json.value(QStringLiteral("id")).toString();
    const QString b = upload(jpeg(640, 480, Qt::darkBlue)).json.value(QStringLiteral("id")).toString();
    QVERIFY(xd::Id::isValid(a) && xd::Id::isValid(b));
    const QJsonObject body = product({a, b}, sku(b));
    const auto saved = m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), body, m_token);
    QCOMPARE(saved.status, 201);
    const QString productId = body.value(QStringLiteral("id")).toString();

    const auto detail =
        m_server->request("GET", QStringLiteral("/api/v1/shops/%1/products/%2").arg(m_shopId, productId));
    QCOMPARE(detail.status, 200);
    const QJsonArray images = detail.json.value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), 2);
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("id")).toString(), a);
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("mediumUrl")).toString(),
             QStringLiteral("/api/v1/shops/%1/images/%2?size=medium").arg(m_shopId, a));
    const QJsonObject skuImage =
        detail.json.value(QStringLiteral("skus")).toArray().at(0).toObject().value(QStringLiteral("image")).toObject();
    QCOMPARE(skuImage.value(QStringLiteral("id")).toString(), b);
    const auto list = m_server->request("GET", QStringLiteral("/api/v1/shops/%1/products").arg(m_shopId));
    bool found = false;
    for (const QJsonValue& item : list.json.value(QStringLiteral("items")).toArray()) {
        if (item.toObject().value(QStringLiteral("id")).toString() != productId)
            continue;
        found = true;
        const QString thumb =
            item.toObject().value(QStringLiteral("image")).toObject().value(QStringLiteral("thumbnailUrl")).toString();
        QCOMPARE(thumb, QStringLiteral("/api/v1/shops/%1/images/%2?size=thumb").arg(m_shopId, a));
        QCOMPARE(get(thumb).status, 200);
    }
    QVERIFY(found);

    // Another shop's image, an unknown id and free text are refused, and nothing is saved.
    QString tokenB;
    const QString shopB = createShopB(&tokenB);
    const QString theirs =
        upload(jpeg(64, 64, Qt::black), "image/jpeg", shopB, tokenB).json.value(QStringLiteral("id")).toString();
    QVERIFY(xd::Id::isValid(theirs));
    const qint64 products = scalar(QStringLiteral("SELECT COUNT(*) FROM products"));
    // A description may show this shop's images only, by path or id (images gc looks at the shop's own rows).
    const auto withDescription = [&](const QString& html) {
        QJsonObject p = product({a});
        p.insert(QStringLiteral("description"), html);
        return p;
    };
    const QJsonObject ownInDescription = withDescription(
        QStringLiteral("<p>图</p><img src=\"/api/v1/shops/%1/images/%2?size=medium\">").arg(m_shopId, b));
    QCOMPARE(m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), ownInDescription, m_token).status,
             201);
    const qint64 productsBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM products"));
    QCOMPARE(productsBefore, products + 1);
    for (const QJsonObject& bad :
         {withDescription(QStringLiteral("<img src=\"/api/v1/shops/%1/images/%2\">").arg(shopB, theirs)),
          withDescription(QStringLiteral("<img src=\"%1\">").arg(theirs)),
          withDescription(QStringLiteral("<img src=\"%1\">").arg(xd::Id::create())),
          product({a, theirs}),
          product({}, sku(theirs)),
          product({xd::Id::create()}),
          product({QStringLiteral("a.jpg")}),
          product({}, sku(QStringLiteral("https://example.com/x.jpg"))),
          product({a, a})}) {
        const auto refused = m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), bad, m_token);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("invalid_argument"));
    }
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM products")), productsBefore);
    // Shop B may use its own.
    QCOMPARE(m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), product({theirs}), tokenB).status,
             201);
}

void tst_Images::imagesGc_deletesExactlyTheUnreferencedOldImages_andKeepsSharedBlobs()
{
    QString tokenB;
    const QString shopB = createShopB(&tokenB);
    const auto idOf = [](const ServerProcess::Reply& reply) {
        return reply.json.value(QStringLiteral("id")).toString();
    };
    const QByteArray sharedBytes = jpeg(333, 222, Qt::darkCyan);
    const QByteArray photoBytes = jpeg(320, 200, Qt::darkMagenta);
    const QString inProduct = idOf(upload(jpeg(1000, 700, QColor(1, 2, 3))));
    const QString inSku = idOf(upload(jpeg(1000, 700, QColor(4, 5, 6))));
    const QString inDescription = idOf(upload(jpeg(1000, 700, QColor(7, 8, 9))));
    const QString unused = idOf(upload(jpeg(1000, 700, QColor(10, 11, 12))));
    const QString ofDeletedProduct = idOf(upload(jpeg(1000, 700, QColor(13, 14, 15))));
    const QString sharedWithB = idOf(upload(sharedBytes));
    const QString sharedWithPhoto = idOf(upload(photoBytes));
    const QString theirs = idOf(upload(sharedBytes, "image/jpeg", shopB, tokenB));
    const QString articleCover = idOf(upload(jpeg(1000, 700, QColor(16, 17, 18))));
    const QString inArticleBody = idOf(upload(jpeg(1000, 700, QColor(19, 20, 21))));
    for (const QString& id : {inProduct,
                              inSku,
                              inDescription,
                              unused,
                              ofDeletedProduct,
                              sharedWithB,
                              sharedWithPhoto,
                              theirs,
                              articleCover,
                              inArticleBody})
        QVERIFY(xd::Id::isValid(id));
    const QJsonObject article{
        {QStringLiteral("title"), QStringLiteral("新品上市")},
        {QStringLiteral("cover"), articleCover},
        {QStringLiteral("body"),
         QStringLiteral("<p>看</p><img src=\"/api/v1/shops/%1/images/%2?size=medium\">").arg(m_shopId, inArticleBody)},
        {QStringLiteral("published"), true}};
    const auto articleSaved = m_server->requestJson("POST", QStringLiteral("/admin/v1/articles"), article, m_token);
    QVERIFY2(articleSaved.status == 201, articleSaved.body.constData());
    QCOMPARE(m_server->request("POST", QStringLiteral("/admin/v1/shop/photos"), photoBytes, m_token).status, 201);

    const QString description =
        QStringLiteral("<p>看图</p><img src=\"/api/v1/shops/%1/images/%2?size=medium\">").arg(m_shopId, inDescription);
    QCOMPARE(
        m_server
            ->requestJson(
                "POST", QStringLiteral("/admin/v1/products"), product({inProduct}, sku(inSku), description), m_token)
            .status,
        201);
    const QJsonObject doomed = product({ofDeletedProduct});
    QCOMPARE(m_server->requestJson("POST", QStringLiteral("/admin/v1/products"), doomed, m_token).status, 201);
    QCOMPARE(m_server
                 ->request("DELETE",
                           QStringLiteral("/admin/v1/products/%1").arg(doomed.value(QStringLiteral("id")).toString()),
                           {},
                           m_token)
                 .status,
             200);

    const auto exists = [this](const QString& shopId, const QString& id) {
        return get(QStringLiteral("/api/v1/shops/%1/images/%2").arg(shopId, id)).status == 200;
    };
    // Within the default grace period of 24 h nothing goes, used or not.
    QString out;
    QCOMPARE(runGc({QStringLiteral("--shop"), m_shopId}, &out), 0);
    QVERIFY2(out.contains(QStringLiteral("0 images")), qPrintable(out));
    QVERIFY(exists(m_shopId, unused));
    // A dry run names them and changes nothing.
    QCOMPARE(runGc({QStringLiteral("--shop"),
                    m_shopId,
                    QStringLiteral("--grace-hours"),
                    QStringLiteral("0"),
                    QStringLiteral("--dry-run")},
                   &out),
             0);
    QVERIFY2(out.contains(QStringLiteral("would delete image %1").arg(unused)), qPrintable(out));
    QVERIFY(exists(m_shopId, unused));
    const qint64 blobsBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM blobs"));

    QCOMPARE(runGc({QStringLiteral("--shop"), m_shopId, QStringLiteral("--grace-hours"), QStringLiteral("0")}, &out),
             0);
    const QSet<QString> gone{unused, ofDeletedProduct, sharedWithB, sharedWithPhoto};
    QSet<QString> reported;
    for (const auto& match : QRegularExpression(QStringLiteral("deleted image (\\S+)")).globalMatch(out))
        reported.insert(match.captured(1));
    // Earlier tests of this run left unused images too: every reported one is unused, and these four are among them.
    QVERIFY2(reported.contains(gone), qPrintable(out));
    for (const QString& id : {inProduct, inSku, inDescription, articleCover, inArticleBody})
        QVERIFY2(!reported.contains(id) && exists(m_shopId, id), qPrintable(id));
    for (const QString& id : gone)
        QVERIFY2(!exists(m_shopId, id), qPrintable(id));
    // The bytes shop B's image and the shop photo share survive; B's image is untouched (--shop).
    QVERIFY(exists(shopB, theirs));
    const QString photoUrl = m_server->request("GET", QStringLiteral("/admin/v1/shop"), {}, m_token)
                                 .json.value(QStringLiteral("photos"))
                                 .toArray()
                                 .last()
                                 .toObject()
                                 .value(QStringLiteral("url"))
                                 .toString();
    const auto photo = get(photoUrl);
    QCOMPARE(photo.status, 200);
    QCOMPARE(photo.body, photoBytes);
    // The unused images' own renditions went with them: 3 blobs each for unused and ofDeletedProduct; of the shared
    // ones only the renditions (the originals are in use elsewhere).
    const QRegularExpression summary(QStringLiteral("(\\d+) images and (\\d+) files"));
    const auto numbers = summary.match(out);
    QVERIFY2(numbers.hasMatch(), qPrintable(out));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM blobs")), blobsBefore - numbers.captured(2).toLongLong());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM images WHERE blob_sha256 NOT IN (SELECT sha256 FROM blobs) "
                                   "OR thumb_sha256 NOT IN (SELECT sha256 FROM blobs)")),
             0);
    // A second run finds nothing more.
    QCOMPARE(runGc({QStringLiteral("--shop"), m_shopId, QStringLiteral("--grace-hours"), QStringLiteral("0")}, &out),
             0);
    QVERIFY2(out.contains(QStringLiteral(" 0 images and 0 files")), qPrintable(out));
    // Bad arguments are refused.
    QVERIFY(runGc({QStringLiteral("--grace-hours"), QStringLiteral("-1")}, &out) != 0);
    QVERIFY(runGc({QStringLiteral("--shop"), xd::Id::create()}, &out) != 0);
}

void tst_Images::imagesGc_gracePeriod_countsFromTheLastUpload()
{
    const QByteArray renewedBytes = jpeg(500, 400, QColor(30, 31, 32));
    const QString renewed = upload(renewedBytes).json.value(QStringLiteral("id")).toString();
    const QString stale = upload(jpeg(500, 400, QColor(33, 34, 35))).json.value(QStringLiteral("id")).toString();
    const QString fresh = upload(jpeg(500, 400, QColor(36, 37, 38))).json.value(QStringLiteral("id")).toString();
    QVERIFY(xd::Id::isValid(renewed) && xd::Id::isValid(stale) && xd::Id::isValid(fresh));
    // Two of them were uploaded three hours ago (as far as the database knows).
    const qint64 threeHoursAgo = QDateTime::currentMSecsSinceEpoch() - 3 * 3600 * 1000;
    for (const QString& id : {renewed, stale})
        scalar(QStringLiteral("UPDATE images SET last_upload_at_ms = %1 WHERE id = '%2'").arg(threeHoursAgo).arg(id));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM images WHERE last_upload_at_ms = %1").arg(threeHoursAgo)), 2);
    // The merchant picks the same file again: the same image, and its grace period starts again.
    const auto again = upload(renewedBytes);
    QCOMPARE(again.status, 201);
    QCOMPARE(again.json.value(QStringLiteral("id")).toString(), renewed);

    QString out;
    QCOMPARE(runGc({QStringLiteral("--shop"), m_shopId, QStringLiteral("--grace-hours"), QStringLiteral("2")}, &out),
             0);
    QVERIFY2(out.contains(QStringLiteral("deleted image %1").arg(stale)), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral(" 1 images")), qPrintable(out));
    QCOMPARE(get(QStringLiteral("/api/v1/shops/%1/images/%2").arg(m_shopId, stale)).status, 404);
    QCOMPARE(get(QStringLiteral("/api/v1/shops/%1/images/%2").arg(m_shopId, renewed)).status, 200);
    QCOMPARE(get(QStringLiteral("/api/v1/shops/%1/images/%2").arg(m_shopId, fresh)).status, 200);
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_Images>(argc, argv);
}
#include "tst_images.moc"
