#include "integrations/WechatPayCrypto.h"

#include <QRandomGenerator>
#include <QRegularExpression>

#include <memory>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <optional>

namespace xd::server::integrations {
namespace {

// RAII for the OpenSSL objects used here (OpenSSL 3 EVP API only; no deprecated RSA_* calls).
struct BioFree
{
    void operator()(BIO* p) const { BIO_free(p); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct CipherCtxFree
{
    void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
struct X509Free
{
    void operator()(X509* p) const { X509_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

constexpr int kMinRsaBits = 2048;
constexpr int kAesKeyBytes = 32;   // AEAD_AES_256_GCM: K_LEN 32 octets (RFC 5116 §5.2)
constexpr int kGcmNonceBytes = 12; // N_MIN = N_MAX = 12 octets
constexpr int kGcmTagBytes = 16;   // the tag appended to the ciphertext

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Error unauthenticated(const QString& message)
{
    return makeError(ErrorCode::Unauthenticated, message);
}

BioPtr memoryBio(const QByteArray& data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), int(data.size())));
}

// Strict base64 (no stray characters), as signatures and ciphertexts must be.
std::optional<QByteArray> fromBase64Strict(const QByteArray& text)
{
    if (text.isEmpty())
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

bool isDecimal(const QByteArray& text)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

Result<RsaKey> RsaKey::adopt(evp_pkey_st* key, bool isPrivate)
{
    std::shared_ptr<evp_pkey_st> owned(key, EVP_PKEY_free);
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA)
        return invalid(QStringLiteral("the key is not an RSA key"));
    if (EVP_PKEY_get_bits(key) < kMinRsaBits)
        return invalid(QStringLiteral("the RSA key has fewer than 2048 bits"));
    return RsaKey(std::move(owned), isPrivate);
}

Result<RsaKey> RsaKey::fromPrivatePem(const QByteArray& pem)
{
    BioPtr bio = memoryBio(pem);
    // An empty passphrase instead of a prompt: an encrypted PEM fails here rather than blocking on a terminal.
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char*>(""));
    if (!key)
        return invalid(QStringLiteral("not an unencrypted PEM private key"));
    return adopt(key, true);
}

Result<RsaKey> RsaKey::fromPublicPem(const QByteArray& pem)
{
    BioPtr bio = memoryBio(pem);
    if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!cert)
            return invalid(QStringLiteral("not a PEM certificate"));
        EVP_PKEY* key = X509_get_pubkey(cert.get()); // a new reference, owned by adopt()
        if (!key)
            return invalid(QStringLiteral("the certificate has no usable public key"));
        return adopt(key, false);
    }
    EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!key)
        return invalid(QStringLiteral("not a PEM public key or certificate"));
    return adopt(key, false);
}

namespace wechatpay {

QByteArray requestMessage(const QByteArray& method,
                          const QByteArray& pathWithQuery,
                          qint64 timestamp,
                          const QByteArray& nonce,
                          const QByteArray& body)
{
    // "签名生成" §2: every line ends in \n, the last one (the body, empty for GET) included.
    return method + '\n' + pathWithQuery + '\n' + QByteArray::number(timestamp) + '\n' + nonce + '\n' + body + '\n';
}

QByteArray responseMessage(const QByteArray& timestamp, const QByteArray& nonce, const QByteArray& body)
{
    // "签名验证" §3: an empty body (204) leaves the last line a lone \n.
    return timestamp + '\n' + nonce + '\n' + body + '\n';
}

Result<QByteArray> signMessage(const RsaKey& privateKey, const QByteArray& message)
{
    if (privateKey.isNull() || !privateKey.hasPrivateKey())
        return invalid(QStringLiteral("signing needs a private key"));
    MdCtxPtr ctx(EVP_MD_CTX_new());
    // EVP_DigestSign with SHA-256 on an RSA key pads with PKCS#1 v1.5 by default: "SHA256 with RSA".
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, privateKey.handle()) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("EVP_DigestSignInit failed"));
    size_t length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(message.constData());
    if (EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(message.size())) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("EVP_DigestSign (size) failed"));
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(
            ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data, size_t(message.size())) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("EVP_DigestSign failed"));
    signature.truncate(qsizetype(length));
    return signature.toBase64();
}

Status verifyMessage(const RsaKey& publicKey, const QByteArray& message, const QByteArray& signatureBase64)
{
    if (publicKey.isNull())
        return invalid(QStringLiteral("verifying needs a public key"));
    const std::optional<QByteArray> signature = fromBase64Strict(signatureBase64);
    if (!signature)
        return unauthenticated(QStringLiteral("the signature is not base64"));
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, publicKey.handle()) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("EVP_DigestVerifyInit failed"));
    const int rc = EVP_DigestVerify(ctx.get(),
                                    reinterpret_cast<const unsigned char*>(signature->constData()),
                                    size_t(signature->size()),
                                    reinterpret_cast<const unsigned char*>(message.constData()),
                                    size_t(message.size()));
    if (rc != 1)
        return unauthenticated(QStringLiteral("the signature does not verify"));
    return {};
}

QByteArray randomNonce()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QByteArray(reinterpret_cast<const char*>(words), sizeof(words)).toHex().toUpper();
}

Result<QByteArray> authorizationHeader(const RsaKey& merchantKey,
                                       const QString& mchid,
                                       const QString& serialNo,
                                       const QByteArray& method,
                                       const QByteArray& pathWithQuery,
                                       const QByteArray& body,
                                       qint64 timestamp,
                                       const QByteArray& nonce)
{
    // The values are put between double quotes unescaped, so none may contain one (nor a comma for safety).
    static const QRegularExpression plain(QStringLiteral("^[0-9A-Za-z_\\-]+$"));
    if (!plain.match(mchid).hasMatch() || !plain.match(serialNo).hasMatch() ||
        !plain.match(QString::fromLatin1(nonce)).hasMatch())
        return invalid(QStringLiteral("mchid, serial_no and nonce must be non-empty [0-9A-Za-z_-]"));
    if (!pathWithQuery.startsWith('/'))
        return invalid(QStringLiteral("the URL to sign is the path (and query) without scheme and host"));
    Result<QByteArray> signature =
        signMessage(merchantKey, requestMessage(method, pathWithQuery, timestamp, nonce, body));
    if (!signature)
        return signature.error();
    return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + mchid.toLatin1() + "\",nonce_str=\"" + nonce + "\",signature=\"" +
           *signature + "\",timestamp=\"" + QByteArray::number(timestamp) + "\",serial_no=\"" + serialNo.toLatin1() +
           '"';
}

Result<Authorization> parseAuthorization(const QByteArray& headerValue)
{
    static const QByteArray scheme = "WECHATPAY2-SHA256-RSA2048 ";
    if (!headerValue.startsWith(scheme))
        return invalid(QStringLiteral("the Authorization scheme is not WECHATPAY2-SHA256-RSA2048"));
    const QString rest = QString::fromLatin1(headerValue.mid(scheme.size()));
    // key="value" pairs separated by commas; values never contain '"' (base64, digits, hex, ids).
    static const QRegularExpression pair(QStringLiteral("\\G([a-z_]+)=\"([^\"]*)\"(,|$)"));
    Authorization result;
    QStringList seen;
    qsizetype offset = 0;
    while (offset < rest.size()) {
        const QRegularExpressionMatch m = pair.match(rest, offset);
        if (!m.hasMatch())
            return invalid(QStringLiteral("malformed Authorization at offset %1").arg(offset));
        const QString key = m.captured(1);
        const QString value = m.captured(2);
        if (seen.contains(key))
            return invalid(QStringLiteral("Authorization field %1 appears twice").arg(key));
        seen << key;
        if (key == QLatin1String("mchid"))
            result.mchid = value;
        else if (key == QLatin1String("nonce_str"))
            result.nonceStr = value;
        else if (key == QLatin1String("signature"))
            result.signature = value;
        else if (key == QLatin1String("timestamp"))
            result.timestamp = value;
        else if (key == QLatin1String("serial_no"))
            result.serialNo = value;
        else
            return invalid(QStringLiteral("unknown Authorization field %1").arg(key));
        offset = m.capturedEnd(0);
        if (m.captured(3).isEmpty())
            break;
        if (offset == rest.size())
            return invalid(QStringLiteral("Authorization ends in a comma"));
    }
    if (seen.size() != 5)
        return invalid(QStringLiteral("Authorization needs mchid, nonce_str, signature, timestamp and serial_no"));
    return result;
}

Status verifyAuthorization(const RsaKey& merchantPublicKey,
                           const QByteArray& headerValue,
                           const QByteArray& method,
                           const QByteArray& pathWithQuery,
                           const QByteArray& body,
                           qint64 nowSecs)
{
    Result<Authorization> parsed = parseAuthorization(headerValue);
    if (!parsed)
        return unauthenticated(parsed.error().message);
    const QByteArray timestamp = parsed->timestamp.toLatin1();
    if (!isDecimal(timestamp))
        return unauthenticated(QStringLiteral("the Authorization timestamp is not a number"));
    if (qAbs(timestamp.toLongLong() - nowSecs) > kMaxClockSkewSeconds)
        return unauthenticated(QStringLiteral("the request timestamp is more than 5 minutes off"));
    return verifyMessage(
        merchantPublicKey,
        requestMessage(method, pathWithQuery, timestamp.toLongLong(), parsed->nonceStr.toLatin1(), body),
        parsed->signature.toLatin1());
}

Status verifyResponse(const RsaKey& platformKey,
                      const QByteArray& expectedSerial,
                      const ResponseSignature& headers,
                      const QByteArray& body,
                      qint64 nowSecs)
{
    if (headers.signature.isEmpty() || headers.timestamp.isEmpty() || headers.nonce.isEmpty() ||
        headers.serial.isEmpty())
        return unauthenticated(QStringLiteral("the response is not signed (Wechatpay-* headers missing)"));
    // "签名验证" §2: a serial that is not ours means the platform certificate changed; verifying would fail anyway.
    if (headers.serial != expectedSerial)
        return unauthenticated(QStringLiteral("Wechatpay-Serial %1 is not the platform certificate we hold")
                                   .arg(QString::fromLatin1(headers.serial)));
    if (!isDecimal(headers.timestamp))
        return unauthenticated(QStringLiteral("Wechatpay-Timestamp is not a number"));
    if (qAbs(headers.timestamp.toLongLong() - nowSecs) > kMaxClockSkewSeconds)
        return unauthenticated(QStringLiteral("Wechatpay-Timestamp is more than 5 minutes off"));
    return verifyMessage(platformKey, responseMessage(headers.timestamp, headers.nonce, body), headers.signature);
}

Result<ResponseSignature> signResponse(const RsaKey& platformPrivateKey,
                                       const QByteArray& serial,
                                       const QByteArray& body,
                                       qint64 timestamp,
                                       const QByteArray& nonce)
{
    ResponseSignature headers{QByteArray::number(timestamp), nonce, {}, serial};
    Result<QByteArray> signature =
        signMessage(platformPrivateKey, responseMessage(headers.timestamp, headers.nonce, body));
    if (!signature)
        return signature.error();
    headers.signature = *signature;
    return headers;
}

namespace {

Status checkGcmInputs(const QByteArray& key, const QByteArray& nonce)
{
    if (key.size() != kAesKeyBytes)
        return invalid(QStringLiteral("the APIv3 key must be 32 bytes"));
    if (nonce.size() != kGcmNonceBytes)
        return invalid(QStringLiteral("the AEAD_AES_256_GCM nonce must be 12 bytes"));
    return {};
}

const unsigned char* bytes(const QByteArray& data)
{
    return reinterpret_cast<const unsigned char*>(data.constData());
}

} // namespace

Result<QByteArray> decryptResource(const QByteArray& apiV3Key,
                                   const QByteArray& ciphertextBase64,
                                   const QByteArray& nonce,
                                   const QByteArray& associatedData)
{
    if (Status ok = checkGcmInputs(apiV3Key, nonce); !ok)
        return ok.error();
    const std::optional<QByteArray> sealed = fromBase64Strict(ciphertextBase64);
    if (!sealed)
        return invalid(QStringLiteral("the ciphertext is not base64"));
    if (sealed->size() < kGcmTagBytes)
        return invalid(QStringLiteral("the ciphertext is shorter than its 16-byte tag"));
    const QByteArray ciphertext = sealed->left(sealed->size() - kGcmTagBytes);
    QByteArray tag = sealed->right(kGcmTagBytes);

    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    QByteArray plaintext(ciphertext.size() + kGcmTagBytes, Qt::Uninitialized);
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmNonceBytes, nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(apiV3Key), bytes(nonce)) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("AES-256-GCM initialisation failed"));
    if (!associatedData.isEmpty() &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(associatedData), int(associatedData.size())) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("AES-256-GCM associated data failed"));
    int total = 0;
    if (EVP_DecryptUpdate(ctx.get(),
                          reinterpret_cast<unsigned char*>(plaintext.data()),
                          &length,
                          bytes(ciphertext),
                          int(ciphertext.size())) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("AES-256-GCM decryption failed"));
    total = length;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag.data()) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("AES-256-GCM tag could not be set"));
    // The tag is checked here; until it passes, nothing decrypted leaves this function.
    if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plaintext.data()) + total, &length) != 1) {
        OPENSSL_cleanse(plaintext.data(), size_t(plaintext.size()));
        return makeError(ErrorCode::WrongKey,
                         QStringLiteral("the resource does not authenticate (wrong APIv3 key, or ciphertext, nonce or "
                                        "associated data changed)"));
    }
    total += length;
    plaintext.truncate(total);
    return plaintext;
}

Result<QByteArray> encryptResource(const QByteArray& apiV3Key,
                                   const QByteArray& plaintext,
                                   const QByteArray& nonce,
                                   const QByteArray& associatedData)
{
    if (Status ok = checkGcmInputs(apiV3Key, nonce); !ok)
        return ok.error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    QByteArray sealed(plaintext.size() + 2 * kGcmTagBytes, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmNonceBytes, nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(apiV3Key), bytes(nonce)) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("AES-256-GCM initialisation failed"));
    if (!associatedData.isEmpty() &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(associatedData), int(associatedData.size())) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("AES-256-GCM associated data failed"));
    if (EVP_EncryptUpdate(ctx.get(), out, &length, bytes(plaintext), int(plaintext.size())) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("AES-256-GCM encryption failed"));
    int total = length;
    if (EVP_EncryptFinal_ex(ctx.get(), out + total, &length) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("AES-256-GCM encryption failed"));
    total += length;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, out + total) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("AES-256-GCM tag could not be read"));
    sealed.truncate(total + kGcmTagBytes);
    return sealed.toBase64();
}

QByteArray
paySignMessage(const QString& appId, const QString& timeStamp, const QString& nonceStr, const QString& package)
{
    // "小程序调起支付" §3.1: four lines, each ending in \n, the last one included.
    return (appId + QLatin1Char('\n') + timeStamp + QLatin1Char('\n') + nonceStr + QLatin1Char('\n') + package +
            QLatin1Char('\n'))
        .toUtf8();
}

Result<QJsonObject> requestPaymentParams(
    const RsaKey& merchantKey, const QString& appId, const QString& prepayId, qint64 timestamp, const QByteArray& nonce)
{
    if (appId.isEmpty() || prepayId.isEmpty() || nonce.isEmpty() || nonce.size() > 32)
        return invalid(QStringLiteral("appId, prepay_id and a nonce of at most 32 characters are required"));
    const QString timeStamp = QString::number(timestamp); // seconds (10 digits), as text
    const QString nonceStr = QString::fromLatin1(nonce);
    const QString package = QStringLiteral("prepay_id=") + prepayId;
    Result<QByteArray> paySign = signMessage(merchantKey, paySignMessage(appId, timeStamp, nonceStr, package));
    if (!paySign)
        return paySign.error();
    return QJsonObject{{QStringLiteral("timeStamp"), timeStamp},
                       {QStringLiteral("nonceStr"), nonceStr},
                       {QStringLiteral("package"), package},
                       {QStringLiteral("signType"), QStringLiteral("RSA")},
                       {QStringLiteral("paySign"), QString::fromLatin1(*paySign)}};
}

} // namespace wechatpay
} // namespace xd::server::integrations
