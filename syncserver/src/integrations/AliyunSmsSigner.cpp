#include "integrations/AliyunSmsSigner.h"

#include <QMessageAuthenticationCode>

#include <openssl/crypto.h>
#include <optional>

namespace xd::server::integrations::aliyunsms {
namespace {

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// Strict percent-decoding of one query component: '%' must be followed by two hex digits; '+' stays '+'
// (Aliyun encodes spaces as %20, so a '+' on the wire is a literal plus of a sloppy client and fails the check).
std::optional<QString> percentDecode(const QByteArray& encoded)
{
    QByteArray out;
    out.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded.at(i);
        if (c != '%') {
            out += c;
            continue;
        }
        if (i + 2 >= encoded.size())
            return std::nullopt;
        const int hi = hexValue(encoded.at(i + 1));
        const int lo = hexValue(encoded.at(i + 2));
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out += char(hi * 16 + lo);
        i += 2;
    }
    return QString::fromUtf8(out);
}

} // namespace

QByteArray percentEncode(const QString& value)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (char c : utf8) {
        if (isUnreserved(c)) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

QByteArray canonicalizedQuery(const Parameters& parameters)
{
    QByteArray out;
    for (auto it = parameters.constBegin(); it != parameters.constEnd(); ++it) {
        if (it.key() == QLatin1String("Signature"))
            continue;
        if (!out.isEmpty())
            out += '&';
        out += percentEncode(it.key()) + '=' + percentEncode(it.value());
    }
    return out;
}

QByteArray stringToSign(const QByteArray& httpMethod, const Parameters& parameters)
{
    return httpMethod + '&' + percentEncode(QStringLiteral("/")) + '&' +
           percentEncode(QString::fromLatin1(canonicalizedQuery(parameters)));
}

QByteArray signature(const QByteArray& httpMethod, const Parameters& parameters, const QString& accessKeySecret)
{
    return QMessageAuthenticationCode::hash(
               stringToSign(httpMethod, parameters), accessKeySecret.toUtf8() + '&', QCryptographicHash::Sha1)
        .toBase64();
}

QByteArray signedQuery(const QByteArray& httpMethod, const Parameters& parameters, const QString& accessKeySecret)
{
    return "Signature=" + percentEncode(QString::fromLatin1(signature(httpMethod, parameters, accessKeySecret))) + '&' +
           canonicalizedQuery(parameters);
}

Parameters sendSmsParameters(const QString& accessKeyId,
                             const QString& phoneNumbers,
                             const QString& signName,
                             const QString& templateCode,
                             const QString& templateParamJson,
                             const QString& timestamp,
                             const QString& nonce)
{
    Parameters p;
    p.insert(QStringLiteral("AccessKeyId"), accessKeyId);
    p.insert(QStringLiteral("Action"), QStringLiteral("SendSms"));
    p.insert(QStringLiteral("Format"), QStringLiteral("JSON"));
    p.insert(QStringLiteral("PhoneNumbers"), phoneNumbers);
    p.insert(QStringLiteral("SignName"), signName);
    p.insert(QStringLiteral("SignatureMethod"), QStringLiteral("HMAC-SHA1"));
    p.insert(QStringLiteral("SignatureNonce"), nonce);
    p.insert(QStringLiteral("SignatureVersion"), QStringLiteral("1.0"));
    p.insert(QStringLiteral("TemplateCode"), templateCode);
    if (!templateParamJson.isEmpty())
        p.insert(QStringLiteral("TemplateParam"), templateParamJson);
    p.insert(QStringLiteral("Timestamp"), timestamp);
    p.insert(QStringLiteral("Version"), QString::fromLatin1(kApiVersion));
    return p;
}

Result<Parameters> verifyQuery(const QByteArray& httpMethod, const QByteArray& rawQuery, const QString& accessKeySecret)
{
    Parameters parameters;
    QByteArray received;
    bool haveSignature = false;
    for (const QByteArray& part : rawQuery.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed query parameter"));
        const std::optional<QString> name = percentDecode(part.left(eq));
        const std::optional<QString> value = percentDecode(part.mid(eq + 1));
        if (!name || !value)
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed percent-encoding in the query"));
        if (*name == QLatin1String("Signature")) {
            if (haveSignature)
                return makeError(ErrorCode::InvalidArgument, QStringLiteral("Signature appears twice"));
            haveSignature = true;
            received = value->toLatin1();
            continue;
        }
        if (parameters.contains(*name))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("parameter %1 appears twice").arg(*name));
        parameters.insert(*name, *value);
    }
    if (!haveSignature)
        return makeError(ErrorCode::Unauthenticated, QStringLiteral("the request has no Signature"));
    const QByteArray expected = signature(httpMethod, parameters, accessKeySecret);
    if (expected.size() != received.size() ||
        CRYPTO_memcmp(expected.constData(), received.constData(), size_t(expected.size())) != 0)
        return makeError(ErrorCode::Unauthenticated, QStringLiteral("the Signature does not match"));
    return parameters;
}

} // namespace xd::server::integrations::aliyunsms
