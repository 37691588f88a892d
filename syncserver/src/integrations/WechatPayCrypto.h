#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

struct evp_pkey_st; // OpenSSL's EVP_PKEY; the header stays free of OpenSSL includes

namespace xd::server::integrations {

// An RSA key loaded once from PEM and shared (immutable, reference-counted) by every signing or verifying call.
// Private keys are the merchant's apiclient_key.pem; public keys are the WeChat Pay platform key, given as a
// "PUBLIC KEY" PEM or as the platform certificate ("CERTIFICATE" PEM), whose public key is taken. Keys shorter
// than 2048 bits are refused: the API v3 scheme is named WECHATPAY2-SHA256-RSA2048. Key material is never logged
// and never part of an error message.
class RsaKey
{
public:
    RsaKey() = default;
    static Result<RsaKey> fromPrivatePem(const QByteArray& pem);
    static Result<RsaKey> fromPublicPem(const QByteArray& pem); // "PUBLIC KEY" or "CERTIFICATE"

    bool isNull() const { return !m_key; }
    bool hasPrivateKey() const { return m_private; }
    evp_pkey_st* handle() const { return m_key.get(); }

private:
    RsaKey(std::shared_ptr<evp_pkey_st> key, bool isPrivate) : m_key(std::move(key)), m_private(isPrivate) {}
    static Result<RsaKey> adopt(evp_pkey_st* key, bool isPrivate); // takes ownership

    std::shared_ptr<evp_pkey_st> m_key;
    bool m_private = false;
};

// The cryptographic rules of WeChat Pay API v3 (pay.weixin.qq.com, "签名生成", "签名验证", "证书和回调报文解密",
// "小程序调起支付"); see docs/integrations.md. Pure functions: no network, no clock unless passed in.
namespace wechatpay {

// The fields of the Authorization header ("签名生成" §4: authentication type WECHATPAY2-SHA256-RSA2048, then
// mchid, nonce_str, signature, timestamp, serial_no as key="value" pairs separated by commas, in any order).
struct Authorization
{
    QString mchid;
    QString nonceStr;
    QString signature; // base64
    QString timestamp; // Unix seconds, as text
    QString serialNo;  // the merchant API certificate's serial number
};

// The headers WeChat Pay signs a response or a notification with ("签名验证").
struct ResponseSignature
{
    QByteArray timestamp; // Wechatpay-Timestamp
    QByteArray nonce;     // Wechatpay-Nonce
    QByteArray signature; // Wechatpay-Signature (base64)
    QByteArray serial;    // Wechatpay-Serial: the platform certificate's serial number
};

inline constexpr qint64 kMaxClockSkewSeconds = 5 * 60; // WeChat's advice: reject responses more than 5 min off

// "签名生成" §2: five lines, each ending in \n (the last too): METHOD, URL path with '?' and query if any,
// timestamp, nonce, body (empty for GET).
QByteArray requestMessage(const QByteArray& method,
                          const QByteArray& pathWithQuery,
                          qint64 timestamp,
                          const QByteArray& nonce,
                          const QByteArray& body);
// "签名验证" §3: three lines, each ending in \n: timestamp, nonce, body (a lone \n for an empty body).
QByteArray responseMessage(const QByteArray& timestamp, const QByteArray& nonce, const QByteArray& body);

// SHA256 with RSA (PKCS#1 v1.5) over `message` with a private key, base64-encoded ("签名生成" §3).
Result<QByteArray> signMessage(const RsaKey& privateKey, const QByteArray& message);
// The other side: Unauthenticated if the base64 signature does not verify with the public key.
Status verifyMessage(const RsaKey& publicKey, const QByteArray& message, const QByteArray& signatureBase64);

// A 32-character upper-case hex nonce from the OS random source (the documented example is 16 random bytes).
QByteArray randomNonce();

// The whole header value "WECHATPAY2-SHA256-RSA2048 mchid=\"…\",nonce_str=\"…\",signature=\"…\",timestamp=\"…\",
// serial_no=\"…\"" for one request. `pathWithQuery` is the absolute URL without scheme and host.
Result<QByteArray> authorizationHeader(const RsaKey& merchantKey,
                                       const QString& mchid,
                                       const QString& serialNo,
                                       const QByteArray& method,
                                       const QByteArray& pathWithQuery,
                                       const QByteArray& body,
                                       qint64 timestamp,
                                       const QByteArray& nonce);
// Parses a header value back into its fields (used by our fake WeChat Pay server and by tests). Fields may come
// in any order; unknown fields, duplicates, a missing field or another scheme are InvalidArgument.
Result<Authorization> parseAuthorization(const QByteArray& headerValue);
// Checks a request's Authorization header against the merchant's public key, as WeChat Pay does (fake server).
Status verifyAuthorization(const RsaKey& merchantPublicKey,
                           const QByteArray& headerValue,
                           const QByteArray& method,
                           const QByteArray& pathWithQuery,
                           const QByteArray& body,
                           qint64 nowSecs);

// Verifies a response or a notification ("签名验证"): the serial must name the platform key we hold
// (`expectedSerial`; a mismatch means our certificate is outdated), the timestamp must be within
// kMaxClockSkewSeconds of `nowSecs`, and the signature must verify over responseMessage(). Unauthenticated otherwise.
Status verifyResponse(const RsaKey& platformKey,
                      const QByteArray& expectedSerial,
                      const ResponseSignature& headers,
                      const QByteArray& body,
                      qint64 nowSecs);
// The fake server's side: the four headers for a response body, signed with the platform private key.
Result<ResponseSignature> signResponse(const RsaKey& platformPrivateKey,
                                       const QByteArray& serial,
                                       const QByteArray& body,
                                       qint64 timestamp,
                                       const QByteArray& nonce);

// "证书和回调报文解密": AEAD_AES_256_GCM (RFC 5116) with the 32-byte APIv3 key; `ciphertextBase64` is the
// ciphertext with the 16-byte authentication tag appended, base64-encoded; the nonce is 12 bytes (used as
// given, not decoded); associated_data may be empty. A wrong key, a changed ciphertext, tag, nonce or associated
// data fail as WrongKey: never plaintext that was not authenticated.
Result<QByteArray> decryptResource(const QByteArray& apiV3Key,
                                   const QByteArray& ciphertextBase64,
                                   const QByteArray& nonce,
                                   const QByteArray& associatedData);
// The inverse, for our fake server and tests: base64(ciphertext || tag).
Result<QByteArray> encryptResource(const QByteArray& apiV3Key,
                                   const QByteArray& plaintext,
                                   const QByteArray& nonce,
                                   const QByteArray& associatedData);

// "小程序调起支付": the object the mini-program passes to wx.requestPayment: timeStamp, nonceStr,
// package ("prepay_id=…"), signType "RSA" and paySign = SHA256-with-RSA over the four lines
// appId\ntimeStamp\nnonceStr\npackage\n. (appId is signed but not part of the object; signType is not signed.)
Result<QJsonObject> requestPaymentParams(const RsaKey& merchantKey,
                                         const QString& appId,
                                         const QString& prepayId,
                                         qint64 timestamp,
                                         const QByteArray& nonce);
// The four-line message paySign covers.
QByteArray
paySignMessage(const QString& appId, const QString& timeStamp, const QString& nonceStr, const QString& package);

} // namespace wechatpay
} // namespace xd::server::integrations
