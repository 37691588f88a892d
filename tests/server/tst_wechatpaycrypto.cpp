// WeChat Pay API v3 cryptography (syncserver/src/integrations/WechatPayCrypto): request signing and the
// Authorization header, response/notification verification, AES-256-GCM notification resources and the
// wx.requestPayment pay-sign. Keys are generated here with OpenSSL (RSA-2048, plus a self-signed certificate).
#include "integrations/WechatPayCrypto.h"

#include <QTest>

#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace xd::server::integrations;

namespace {

struct PemPair
{
    QByteArray privatePem;
    QByteArray publicPem;
    QByteArray certificatePem;
};

QByteArray bioToBytes(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

// An RSA key pair of `bits` as PEM, and a self-signed certificate for its public key.
PemPair generateRsa(unsigned bits)
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits)),
                                                            EVP_PKEY_free);
    if (!key)
        qFatal("RSA key generation failed");
    PemPair pair;
    std::unique_ptr<BIO, decltype(&BIO_free)> priv(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    pair.privatePem = bioToBytes(priv.get());
    std::unique_ptr<BIO, decltype(&BIO_free)> pub(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PUBKEY(pub.get(), key.get());
    pair.publicPem = bioToBytes(pub.get());

    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 0x5157F);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Tenpay test"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        qFatal("certificate signing failed");
    std::unique_ptr<BIO, decltype(&BIO_free)> certBio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_X509(certBio.get(), cert.get());
    pair.certificatePem = bioToBytes(certBio.get());
    return pair;
}

template <typename T> T must(xd::Result<T> result)
{
    if (!result)
        qFatal("%s", qPrintable(result.error().toString()));
    return std::move(result).value();
}

QString codeOf(const xd::Status& status)
{
    return status.ok() ? QStringLiteral("ok") : xd::errorCodeName(status.error().code);
}

template <typename T> QString codeOf(const xd::Result<T>& result)
{
    return result.ok() ? QStringLiteral("ok") : xd::errorCodeName(result.error().code);
}

const QByteArray kApiV3Key = "0123456789abcdefghijABCDEFGHIJ-_"; // 32 bytes, as the merchant platform issues
const QByteArray kGcmNonce = "fdasflkja484";                     // 12 bytes
const qint64 kNow = 1554209980;

} // namespace

class TestWechatPayCrypto : public QObject
{
    Q_OBJECT

private:
    PemPair m_merchant;
    PemPair m_platform;
    RsaKey m_merchantKey;
    RsaKey m_merchantPublic;
    RsaKey m_platformKey;
    RsaKey m_platformPublic;

private slots:
    void initTestCase()
    {
        m_merchant = generateRsa(2048);
        m_platform = generateRsa(2048);
        m_merchantKey = must(RsaKey::fromPrivatePem(m_merchant.privatePem));
        m_merchantPublic = must(RsaKey::fromPublicPem(m_merchant.publicPem));
        m_platformKey = must(RsaKey::fromPrivatePem(m_platform.privatePem));
        m_platformPublic = must(RsaKey::fromPublicPem(m_platform.certificatePem)); // the certificate form
        QVERIFY(m_merchantKey.hasPrivateKey());
        QVERIFY(!m_merchantPublic.hasPrivateKey());
    }

    void keyLoading()
    {
        QCOMPARE(codeOf(RsaKey::fromPrivatePem("garbage")), QStringLiteral("invalid_argument"));
        QCOMPARE(codeOf(RsaKey::fromPrivatePem(m_merchant.publicPem)), QStringLiteral("invalid_argument"));
        QCOMPARE(codeOf(RsaKey::fromPublicPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")),
                 QStringLiteral("invalid_argument"));
        QCOMPARE(codeOf(RsaKey::fromPublicPem(m_merchant.publicPem)), QStringLiteral("ok"));
        // Too short for WECHATPAY2-SHA256-RSA2048, and not RSA at all.
        QCOMPARE(codeOf(RsaKey::fromPrivatePem(generateRsa(1024).privatePem)), QStringLiteral("invalid_argument"));
        std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"),
                                                               EVP_PKEY_free);
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
        PEM_write_bio_PrivateKey(bio.get(), ec.get(), nullptr, nullptr, 0, nullptr, nullptr);
        QCOMPARE(codeOf(RsaKey::fromPrivatePem(bioToBytes(bio.get()))), QStringLiteral("invalid_argument"));
        // A public key cannot sign.
        QCOMPARE(codeOf(wechatpay::signMessage(m_merchantPublic, "x")), QStringLiteral("invalid_argument"));
    }

    void messageFormats()
    {
        // The documented GET example: five lines, the empty body still ends in \n.
        QCOMPARE(
            wechatpay::requestMessage("GET", "/v3/certificates", 1554208460, "593BEC0C930BF1AFEB40B4A08C8FB242", {}),
            QByteArray("GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n"));
        QCOMPARE(wechatpay::requestMessage("POST", "/v3/pay/transactions/jsapi?x=1", 1, "N", "{\"a\":1}"),
                 QByteArray("POST\n/v3/pay/transactions/jsapi?x=1\n1\nN\n{\"a\":1}\n"));
        QCOMPARE(wechatpay::responseMessage("1554209980", "c5ac7061fccab6bf3e254dcf98995b8c", {}),
                 QByteArray("1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n\n"));
        QCOMPARE(wechatpay::paySignMessage(QStringLiteral("wx8888888888888888"),
                                           QStringLiteral("1414561699"),
                                           QStringLiteral("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
                                           QStringLiteral("prepay_id=wx201410272009395522657a690389285100")),
                 QByteArray("wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n"
                            "prepay_id=wx201410272009395522657a690389285100\n"));
    }

    void signVerifyRoundTrip()
    {
        const QByteArray message = wechatpay::requestMessage("POST", "/v3/x", kNow, "N1", "{\"total\":100}");
        const QByteArray signature = must(wechatpay::signMessage(m_merchantKey, message));
        QCOMPARE(QByteArray::fromBase64(signature).size(), 256); // RSA-2048, PKCS#1 v1.5
        // PKCS#1 v1.5 is deterministic: the same message signs the same.
        QCOMPARE(must(wechatpay::signMessage(m_merchantKey, message)), signature);
        QCOMPARE(codeOf(wechatpay::verifyMessage(m_merchantPublic, message, signature)), QStringLiteral("ok"));
        // Each changed part, the other key, and a mangled signature fail.
        const QByteArray changedBody = wechatpay::requestMessage("POST", "/v3/x", kNow, "N1", "{\"total\":101}");
        const QByteArray changedTime = wechatpay::requestMessage("POST", "/v3/x", kNow + 1, "N1", "{\"total\":100}");
        const QByteArray changedNonce = wechatpay::requestMessage("POST", "/v3/x", kNow, "N2", "{\"total\":100}");
        const QByteArray changedPath = wechatpay::requestMessage("POST", "/v3/y", kNow, "N1", "{\"total\":100}");
        for (const QByteArray& other : {changedBody, changedTime, changedNonce, changedPath})
            QCOMPARE(codeOf(wechatpay::verifyMessage(m_merchantPublic, other, signature)),
                     QStringLiteral("unauthenticated"));
        QCOMPARE(codeOf(wechatpay::verifyMessage(m_platformPublic, message, signature)),
                 QStringLiteral("unauthenticated"));
        QByteArray flipped = QByteArray::fromBase64(signature);
        flipped[100] = char(flipped[100] ^ 0x01);
        QCOMPARE(codeOf(wechatpay::verifyMessage(m_merchantPublic, message, flipped.toBase64())),
                 QStringLiteral("unauthenticated"));
        QCOMPARE(codeOf(wechatpay::verifyMessage(m_merchantPublic, message, "not base64!")),
                 QStringLiteral("unauthenticated"));
        QCOMPARE(codeOf(wechatpay::verifyMessage(m_merchantPublic, message, {})), QStringLiteral("unauthenticated"));
    }

    void authorizationHeader()
    {
        const QByteArray header =
            must(wechatpay::authorizationHeader(m_merchantKey,
                                                QStringLiteral("1900009191"),
                                                QStringLiteral("408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB"),
                                                "POST",
                                                "/v3/pay/transactions/jsapi",
                                                "{\"amount\":{\"total\":1}}",
                                                kNow,
                                                "593BEC0C930BF1AFEB40B4A08C8FB242"));
        QVERIFY(header.startsWith(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"1900009191\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\""
            ",signature=\""));
        QVERIFY(header.endsWith(",timestamp=\"1554209980\",serial_no=\"408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB\""));
        QVERIFY(!header.contains('\n'));
        const wechatpay::Authorization parsed = must(wechatpay::parseAuthorization(header));
        QCOMPARE(parsed.mchid, QStringLiteral("1900009191"));
        QCOMPARE(parsed.nonceStr, QStringLiteral("593BEC0C930BF1AFEB40B4A08C8FB242"));
        QCOMPARE(parsed.timestamp, QStringLiteral("1554209980"));
        QCOMPARE(parsed.serialNo, QStringLiteral("408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB"));
        const QByteArray message = wechatpay::requestMessage(
            "POST", "/v3/pay/transactions/jsapi", kNow, parsed.nonceStr.toLatin1(), "{\"amount\":{\"total\":1}}");
        QCOMPARE(codeOf(wechatpay::verifyMessage(m_merchantPublic, message, parsed.signature.toLatin1())),
                 QStringLiteral("ok"));

        // What our fake WeChat Pay server checks.
        const QByteArray body = "{\"amount\":{\"total\":1}}";
        QCOMPARE(codeOf(wechatpay::verifyAuthorization(
                     m_merchantPublic, header, "POST", "/v3/pay/transactions/jsapi", body, kNow + 300)),
                 QStringLiteral("ok"));
        QCOMPARE(codeOf(wechatpay::verifyAuthorization(
                     m_merchantPublic, header, "POST", "/v3/pay/transactions/jsapi", body, kNow + 301)),
                 QStringLiteral("unauthenticated"));
        QCOMPARE(
            codeOf(wechatpay::verifyAuthorization(
                m_merchantPublic, header, "POST", "/v3/pay/transactions/jsapi", "{\"amount\":{\"total\":100}}", kNow)),
            QStringLiteral("unauthenticated"));
        QCOMPARE(codeOf(wechatpay::verifyAuthorization(
                     m_merchantPublic, header, "GET", "/v3/pay/transactions/jsapi", body, kNow)),
                 QStringLiteral("unauthenticated"));
        QCOMPARE(codeOf(wechatpay::verifyAuthorization(
                     m_platformPublic, header, "POST", "/v3/pay/transactions/jsapi", body, kNow)),
                 QStringLiteral("unauthenticated"));

        // Bad inputs are refused before signing.
        QCOMPARE(codeOf(wechatpay::authorizationHeader(
                     m_merchantKey, QStringLiteral("19\"00"), QStringLiteral("S"), "GET", "/v3", {}, kNow, "N")),
                 QStringLiteral("invalid_argument"));
        QCOMPARE(codeOf(wechatpay::authorizationHeader(m_merchantKey,
                                                       QStringLiteral("1900"),
                                                       QStringLiteral("S"),
                                                       "GET",
                                                       "https://api.mch.weixin.qq.com/v3",
                                                       {},
                                                       kNow,
                                                       "N")),
                 QStringLiteral("invalid_argument"));
    }

    void parseAuthorizationRejects_data()
    {
        QTest::addColumn<QByteArray>("header");
        const QByteArray fields = "mchid=\"1\",nonce_str=\"N\",signature=\"c2ln\",timestamp=\"1\",serial_no=\"S\"";
        QTest::newRow("other scheme") << "WECHATPAY2-SHA256-RSA1024 " + fields;
        QTest::newRow("no scheme") << fields;
        QTest::newRow("missing field") << QByteArray(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"1\",nonce_str=\"N\",signature=\"c2ln\",timestamp=\"1\"");
        QTest::newRow("duplicate field") << "WECHATPAY2-SHA256-RSA2048 " + fields + ",mchid=\"2\"";
        QTest::newRow("unknown field") << "WECHATPAY2-SHA256-RSA2048 " + fields + ",extra=\"x\"";
        QTest::newRow("trailing comma") << "WECHATPAY2-SHA256-RSA2048 " + fields + ",";
        QTest::newRow("unquoted value") << QByteArray(
            "WECHATPAY2-SHA256-RSA2048 mchid=1,nonce_str=\"N\",signature=\"c2ln\",timestamp=\"1\",serial_no=\"S\"");
        QTest::newRow("space after comma")
            << QByteArray("WECHATPAY2-SHA256-RSA2048 mchid=\"1\", "
                          "nonce_str=\"N\",signature=\"c2ln\",timestamp=\"1\",serial_no=\"S\"");
    }
    void parseAuthorizationRejects()
    {
        QFETCH(QByteArray, header);
        QCOMPARE(codeOf(wechatpay::parseAuthorization(header)), QStringLiteral("invalid_argument"));
    }

    void parseAuthorizationAnyOrder()
    {
        const wechatpay::Authorization a = must(wechatpay::parseAuthorization(
            "WECHATPAY2-SHA256-RSA2048 "
            "serial_no=\"S\",timestamp=\"7\",signature=\"c2ln\",nonce_str=\"N\",mchid=\"M\""));
        QCOMPARE(a.serialNo, QStringLiteral("S"));
        QCOMPARE(a.timestamp, QStringLiteral("7"));
        QCOMPARE(a.signature, QStringLiteral("c2ln"));
        QCOMPARE(a.nonceStr, QStringLiteral("N"));
        QCOMPARE(a.mchid, QStringLiteral("M"));
    }

    void responseVerification()
    {
        const QByteArray body = "{\"data\":[{\"serial_no\":\"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\"}]}";
        const QByteArray serial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
        const wechatpay::ResponseSignature headers =
            must(wechatpay::signResponse(m_platformKey, serial, body, kNow, "c5ac7061fccab6bf3e254dcf98995b8c"));
        QCOMPARE(headers.timestamp, QByteArray("1554209980"));
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, headers, body, kNow)),
                 QStringLiteral("ok"));
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, headers, body, kNow - 300)),
                 QStringLiteral("ok"));
        // Stale or future by more than five minutes.
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, headers, body, kNow + 301)),
                 QStringLiteral("unauthenticated"));
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, headers, body, kNow - 301)),
                 QStringLiteral("unauthenticated"));
        // Changed body, timestamp (still fresh), nonce; another serial; another key; missing headers.
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, headers, body + ' ', kNow)),
                 QStringLiteral("unauthenticated"));
        wechatpay::ResponseSignature changed = headers;
        changed.timestamp = "1554209981";
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, changed, body, kNow)),
                 QStringLiteral("unauthenticated"));
        changed = headers;
        changed.nonce = "c5ac7061fccab6bf3e254dcf98995b8d";
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, changed, body, kNow)),
                 QStringLiteral("unauthenticated"));
        changed = headers;
        changed.timestamp = "+1554209980";
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, changed, body, kNow)),
                 QStringLiteral("unauthenticated"));
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, "OTHER", headers, body, kNow)),
                 QStringLiteral("unauthenticated"));
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_merchantPublic, serial, headers, body, kNow)),
                 QStringLiteral("unauthenticated"));
        changed = headers;
        changed.signature.clear();
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, changed, body, kNow)),
                 QStringLiteral("unauthenticated"));
        // An empty body (204) is signed too.
        const wechatpay::ResponseSignature empty = must(wechatpay::signResponse(m_platformKey, serial, {}, kNow, "n"));
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, empty, {}, kNow)), QStringLiteral("ok"));
        QCOMPARE(codeOf(wechatpay::verifyResponse(m_platformPublic, serial, empty, "\n", kNow)),
                 QStringLiteral("unauthenticated"));
    }

    void gcmKnownAnswer()
    {
        // The NIST GCM specification's AES-256 test cases 13 and 14 (zero key, zero 96-bit IV, no AAD).
        const QByteArray zeroKey(32, '\0');
        const QByteArray zeroNonce(12, '\0');
        QCOMPARE(QByteArray::fromBase64(must(wechatpay::encryptResource(zeroKey, {}, zeroNonce, {}))).toHex(),
                 QByteArray("530f8afbc74536b9a963b4f1c4cb738b"));
        const QByteArray sealed =
            QByteArray::fromHex("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
        QCOMPARE(must(wechatpay::decryptResource(zeroKey, sealed.toBase64(), zeroNonce, {})), QByteArray(16, '\0'));
    }

    void gcmRoundTripAndTampering()
    {
        const QByteArray plaintext = "{\"out_trade_no\":\"XD20261125001\",\"amount\":{\"total\":1990}}";
        const QByteArray aad = "transaction";
        const QByteArray sealed = must(wechatpay::encryptResource(kApiV3Key, plaintext, kGcmNonce, aad));
        QCOMPARE(QByteArray::fromBase64(sealed).size(), plaintext.size() + 16);
        QCOMPARE(must(wechatpay::decryptResource(kApiV3Key, sealed, kGcmNonce, aad)), plaintext);
        // Empty associated data and empty plaintext work too.
        const QByteArray noAad = must(wechatpay::encryptResource(kApiV3Key, plaintext, kGcmNonce, {}));
        QCOMPARE(must(wechatpay::decryptResource(kApiV3Key, noAad, kGcmNonce, {})), plaintext);
        QCOMPARE(must(wechatpay::decryptResource(
                     kApiV3Key, must(wechatpay::encryptResource(kApiV3Key, {}, kGcmNonce, aad)), kGcmNonce, aad)),
                 QByteArray());

        QByteArray otherKey = kApiV3Key;
        otherKey[0] = 'X';
        QCOMPARE(codeOf(wechatpay::decryptResource(otherKey, sealed, kGcmNonce, aad)), QStringLiteral("wrong_key"));
        QCOMPARE(codeOf(wechatpay::decryptResource(kApiV3Key, sealed, "fdasflkja485", aad)),
                 QStringLiteral("wrong_key"));
        QCOMPARE(codeOf(wechatpay::decryptResource(kApiV3Key, sealed, kGcmNonce, "transactioN")),
                 QStringLiteral("wrong_key"));
        QCOMPARE(codeOf(wechatpay::decryptResource(kApiV3Key, sealed, kGcmNonce, {})), QStringLiteral("wrong_key"));
        QCOMPARE(codeOf(wechatpay::decryptResource(kApiV3Key, noAad, kGcmNonce, aad)), QStringLiteral("wrong_key"));
        // Every single flipped bit of ciphertext or tag is caught.
        const QByteArray raw = QByteArray::fromBase64(sealed);
        for (qsizetype i = 0; i < raw.size(); ++i) {
            QByteArray tampered = raw;
            tampered[i] = char(tampered[i] ^ 0x80);
            const auto result = wechatpay::decryptResource(kApiV3Key, tampered.toBase64(), kGcmNonce, aad);
            QVERIFY2(!result.ok(), qPrintable(QStringLiteral("flipped byte %1 decrypted").arg(i)));
            QCOMPARE(xd::errorCodeName(result.error().code), QStringLiteral("wrong_key"));
        }
        // Truncated (tag cut), too short, not base64, wrong key and nonce sizes.
        QCOMPARE(codeOf(wechatpay::decryptResource(kApiV3Key, raw.left(raw.size() - 1).toBase64(), kGcmNonce, aad)),
                 QStringLiteral("wrong_key"));
        QCOMPARE(codeOf(wechatpay::decryptResource(kApiV3Key, raw.left(15).toBase64(), kGcmNonce, aad)),
                 QStringLiteral("invalid_argument"));
        QCOMPARE(codeOf(wechatpay::decryptResource(kApiV3Key, "@@@@", kGcmNonce, aad)),
                 QStringLiteral("invalid_argument"));
        QCOMPARE(codeOf(wechatpay::decryptResource(kApiV3Key.left(31), sealed, kGcmNonce, aad)),
                 QStringLiteral("invalid_argument"));
        QCOMPARE(codeOf(wechatpay::decryptResource(kApiV3Key, sealed, kGcmNonce.left(11), aad)),
                 QStringLiteral("invalid_argument"));
        QCOMPARE(codeOf(wechatpay::encryptResource(kApiV3Key + 'x', plaintext, kGcmNonce, aad)),
                 QStringLiteral("invalid_argument"));
    }

    void requestPaymentParams()
    {
        const QJsonObject params =
            must(wechatpay::requestPaymentParams(m_merchantKey,
                                                 QStringLiteral("wx8888888888888888"),
                                                 QStringLiteral("wx201410272009395522657a690389285100"),
                                                 1414561699,
                                                 "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"));
        QCOMPARE(params.size(), 5);
        QCOMPARE(params.value(QStringLiteral("timeStamp")).toString(), QStringLiteral("1414561699")); // text, seconds
        QVERIFY(params.value(QStringLiteral("timeStamp")).isString());
        QCOMPARE(params.value(QStringLiteral("nonceStr")).toString(),
                 QStringLiteral("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"));
        QCOMPARE(params.value(QStringLiteral("package")).toString(),
                 QStringLiteral("prepay_id=wx201410272009395522657a690389285100"));
        QCOMPARE(params.value(QStringLiteral("signType")).toString(), QStringLiteral("RSA"));
        QVERIFY(!params.contains(QStringLiteral("appId")));
        const QByteArray paySign = params.value(QStringLiteral("paySign")).toString().toLatin1();
        const QByteArray message =
            wechatpay::paySignMessage(QStringLiteral("wx8888888888888888"),
                                      QStringLiteral("1414561699"),
                                      QStringLiteral("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
                                      QStringLiteral("prepay_id=wx201410272009395522657a690389285100"));
        QCOMPARE(codeOf(wechatpay::verifyMessage(m_merchantPublic, message, paySign)), QStringLiteral("ok"));
        // The appId is signed although not passed: another one does not verify.
        const QByteArray otherApp =
            wechatpay::paySignMessage(QStringLiteral("wx9999999999999999"),
                                      QStringLiteral("1414561699"),
                                      QStringLiteral("5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
                                      QStringLiteral("prepay_id=wx201410272009395522657a690389285100"));
        QCOMPARE(codeOf(wechatpay::verifyMessage(m_merchantPublic, otherApp, paySign)),
                 QStringLiteral("unauthenticated"));
        QCOMPARE(codeOf(wechatpay::requestPaymentParams(m_merchantKey, QStringLiteral("wx1"), QString(), 1, "N")),
                 QStringLiteral("invalid_argument"));
        QCOMPARE(codeOf(wechatpay::requestPaymentParams(
                     m_merchantKey, QStringLiteral("wx1"), QStringLiteral("p"), 1, QByteArray(33, 'A'))),
                 QStringLiteral("invalid_argument"));
    }

    void randomNonce()
    {
        const QByteArray a = wechatpay::randomNonce();
        const QByteArray b = wechatpay::randomNonce();
        QCOMPARE(a.size(), 32);
        QVERIFY(a != b);
        for (char c : a)
            QVERIFY((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
    }
};

QTEST_GUILESS_MAIN(TestWechatPayCrypto)
#include "tst_wechatpaycrypto.moc"
