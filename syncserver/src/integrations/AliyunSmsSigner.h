#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace xd::server::integrations {

// The request signature of Aliyun SMS (dysmsapi, API version 2017-05-25), which documents the RPC-style
// "Signature method" (alibabacloud.com/help/en/sms/signature-method; the same text for KMS, DirectMail, …):
//   1. sort all parameters but Signature by name, percent-encode names and values (UTF-8; A-Z a-z 0-9 - _ . ~
//      kept; everything else %XY with upper-case hex; space → %20, never '+'; '*' → %2A; '~' not encoded), join
//      as name=value with '&' into the canonicalized query string;
//   2. StringToSign = HTTPMethod + "&" + percentEncode("/") + "&" + percentEncode(CanonicalizedQueryString);
//   3. Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)), itself percent-encoded in the URL.
// The secret never appears in a result or an error message. Parameter names are ASCII; values may be any text.
namespace aliyunsms {

using Parameters = QMap<QString, QString>; // ordered by name: QString order equals byte order for ASCII names

inline constexpr char kApiVersion[] = "2017-05-25";

// Aliyun's percent-encoding (rule 1 above).
QByteArray percentEncode(const QString& value);
// "AccessKeyId=…&Action=SendSms&…": sorted, encoded, without Signature (a Signature entry is ignored).
QByteArray canonicalizedQuery(const Parameters& parameters);
QByteArray stringToSign(const QByteArray& httpMethod, const Parameters& parameters);
// Base64 signature (not yet percent-encoded).
QByteArray signature(const QByteArray& httpMethod, const Parameters& parameters, const QString& accessKeySecret);
// The whole query string to send: "Signature=<encoded>&" + canonicalizedQuery.
QByteArray signedQuery(const QByteArray& httpMethod, const Parameters& parameters, const QString& accessKeySecret);

// The common parameters of every call (Format JSON, SignatureMethod HMAC-SHA1, SignatureVersion 1.0, Version
// 2017-05-25) plus SendSms's own. `timestamp` is ISO 8601 UTC "yyyy-MM-ddTHH:mm:ssZ"; `nonce` unique per request.
Parameters sendSmsParameters(const QString& accessKeyId,
                             const QString& phoneNumbers,
                             const QString& signName,
                             const QString& templateCode,
                             const QString& templateParamJson,
                             const QString& timestamp,
                             const QString& nonce);

// Our fake SMS server's check of a received query string (as on the wire, still percent-encoded): every pair is
// decoded, Signature taken out, the rest re-signed with the secret and compared in constant time. Unauthenticated
// for a missing or wrong signature; InvalidArgument for a malformed query (duplicate names, bad escapes).
Result<Parameters>
verifyQuery(const QByteArray& httpMethod, const QByteArray& rawQuery, const QString& accessKeySecret);

} // namespace aliyunsms
} // namespace xd::server::integrations
