#include "FakeAliyunSms.h"

#include "HttpServer.h"
#include "integrations/AliyunSmsSigner.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

using namespace xd;
using namespace xd::server;
namespace aliyun = xd::server::integrations::aliyunsms;

namespace {

HttpResponse aliyunAnswer(int status, const QString& code, const QString& message, const QString& requestId)
{
    QJsonObject body{
        {QStringLiteral("Code"), code}, {QStringLiteral("Message"), message}, {QStringLiteral("RequestId"), requestId}};
    if (code == QLatin1String("OK"))
        body.insert(QStringLiteral("BizId"), QStringLiteral("900619746936498440^0"));
    return HttpResponse::json(status, body);
}

} // namespace

FakeAliyunSms::FakeAliyunSms(QString accessKeyId, QString accessKeySecret, QObject* parent)
    : QObject(parent), m_accessKeyId(std::move(accessKeyId)), m_accessKeySecret(std::move(accessKeySecret)),
      m_http(new HttpServer(this))
{
    // SendSms is an RPC call on "/"; our provider POSTs the parameters as a form body (Aliyun also takes them in a
    // GET query string, which our client never uses).
    const auto handle = [this](const HttpRequest& request) {
        const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces).toUpper();
        const QByteArray raw = request.body;
        const auto reject = [&](int status, const QString& code, const QString& message) {
            m_rejections.append(code);
            return aliyunAnswer(status, code, message, requestId);
        };
        auto parameters = aliyun::verifyQuery(request.method, raw, m_accessKeySecret);
        if (!parameters && parameters.error().code == ErrorCode::InvalidArgument)
            return reject(400, QStringLiteral("InvalidParameter"), parameters.error().message);
        // The key id is looked up before the signature is checked, as Aliyun does.
        const QString keyId = parameters ? parameters->value(QStringLiteral("AccessKeyId"))
                                         : QString(); // re-read below when the signature failed
        if (!parameters) {
            static const QRegularExpression keyPattern(QStringLiteral("(?:^|&)AccessKeyId=([^&]*)"));
            const QString given = keyPattern.match(QString::fromLatin1(raw)).captured(1);
            if (given != m_accessKeyId)
                return reject(404,
                              QStringLiteral("InvalidAccessKeyId.NotFound"),
                              QStringLiteral("Specified access key is not found."));
            return reject(400,
                          QStringLiteral("SignatureDoesNotMatch"),
                          QStringLiteral("Specified signature is not matched with our calculation."));
        }
        if (keyId != m_accessKeyId)
            return reject(404,
                          QStringLiteral("InvalidAccessKeyId.NotFound"),
                          QStringLiteral("Specified access key is not found."));
        const auto value = [&](const char* name) {
            return parameters->value(QString::fromLatin1(name));
        };
        if (value("Action") != QLatin1String("SendSms") || value("Version") != QLatin1String(aliyun::kApiVersion))
            return reject(400, QStringLiteral("InvalidAction.NotFound"), QStringLiteral("Specified api is not found."));
        if (value("SignatureMethod") != QLatin1String("HMAC-SHA1") || value("SignatureVersion") != QLatin1String("1.0"))
            return reject(
                400, QStringLiteral("InvalidSignatureMethod"), QStringLiteral("unsupported signature method"));
        const QDateTime at = QDateTime::fromString(value("Timestamp"), Qt::ISODate);
        if (!at.isValid() || qAbs(at.secsTo(QDateTime::currentDateTimeUtc())) > 15 * 60)
            return reject(400, QStringLiteral("InvalidTimeStamp.Expired"), QStringLiteral("the timestamp is off"));
        if (value("SignatureNonce").isEmpty() || m_nonces.contains(value("SignatureNonce")))
            return reject(400, QStringLiteral("SignatureNonceUsed"), QStringLiteral("the nonce was used before"));
        m_nonces.insert(value("SignatureNonce"));
        static const QRegularExpression mobile(QStringLiteral("^1[3-9][0-9]{9}$"));
        if (!mobile.match(value("PhoneNumbers")).hasMatch())
            return reject(200, QStringLiteral("isv.MOBILE_NUMBER_ILLEGAL"), QStringLiteral("illegal mobile number"));
        if (value("SignName").isEmpty() || value("TemplateCode").isEmpty())
            return reject(200, QStringLiteral("isv.SMS_SIGNATURE_ILLEGAL"), QStringLiteral("no sign name or template"));
        QJsonParseError parseError;
        const QJsonDocument params = QJsonDocument::fromJson(value("TemplateParam").toUtf8(), &parseError);
        if (!value("TemplateParam").isEmpty() && !params.isObject())
            return reject(200, QStringLiteral("isv.INVALID_JSON_PARAM"), QStringLiteral("TemplateParam is not JSON"));
        if (!m_failures.isEmpty()) {
            const QString code = m_failures.takeFirst();
            return reject(200, code, QStringLiteral("injected by the test"));
        }
        m_messages.append(
            Message{value("PhoneNumbers"), value("SignName"), value("TemplateCode"), params.object(), requestId});
        return aliyunAnswer(200, QStringLiteral("OK"), QStringLiteral("OK"), requestId);
    };
    m_http->addRoute("POST", QStringLiteral("/"), handle);
}

FakeAliyunSms::~FakeAliyunSms() = default;

bool FakeAliyunSms::start()
{
    auto port = m_http->start(QHostAddress::LocalHost, 0);
    if (!port)
        return false;
    m_port = *port;
    return true;
}

QString FakeAliyunSms::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/").arg(m_port);
}

void FakeAliyunSms::failNext(const QString& aliyunCode, int count)
{
    for (int i = 0; i < count; ++i)
        m_failures.append(aliyunCode);
}

QString FakeAliyunSms::lastCodeTo(const QString& phone) const
{
    for (auto it = m_messages.crbegin(); it != m_messages.crend(); ++it) {
        if (it->phone == phone)
            return it->params.value(QStringLiteral("code")).toString();
    }
    return {};
}
