#include "AliyunSmsProvider.h"

#include "OutboundHttp.h"
#include "integrations/AliyunSmsSigner.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"

#include <QJsonDocument>
#include <QUrl>

namespace xd::server {

AliyunSmsProvider::AliyunSmsProvider(OutboundHttp& http, const Clock& clock, SmsSettings settings)
    : m_http(http), m_clock(clock), m_settings(std::move(settings))
{}

QString AliyunSmsProvider::name() const
{
    return QStringLiteral("aliyun");
}

void AliyunSmsProvider::send(const QString& phone,
                             const QString& templateCode,
                             const QJsonObject& params,
                             Callback done)
{
    namespace aliyun = integrations::aliyunsms;
    const aliyun::Parameters parameters =
        aliyun::sendSmsParameters(m_settings.accessKeyId,
                                  phone,
                                  m_settings.signName,
                                  templateCode,
                                  params.isEmpty() ? QString() : QString::fromUtf8(Json::toBytes(params)),
                                  m_clock.nowUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")),
                                  Id::create());
    OutboundHttp::Request request;
    request.method = "POST";
    request.url = QUrl(m_settings.baseUrl);
    if (request.url.path().isEmpty())
        request.url.setPath(QStringLiteral("/"));
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    request.body = aliyun::signedQuery("POST", parameters, m_settings.accessKeySecret);
    m_http.send(std::move(request), [done = std::move(done)](Result<OutboundHttp::Response> response) {
        if (!response) {
            done(response.error());
            return;
        }
        done(interpret(response->status, response->body));
    });
}

Result<SmsProvider::Sent> AliyunSmsProvider::interpret(int httpStatus, const QByteArray& body)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const QString code = answer.value(QStringLiteral("Code")).toString();
    const QString message = answer.value(QStringLiteral("Message")).toString().left(200);
    if (code.isEmpty())
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("the SMS provider answered HTTP %1 without a result code").arg(httpStatus));
    if (code == QLatin1String("OK") && httpStatus == 200)
        return Sent{answer.value(QStringLiteral("RequestId")).toString()};
    // Aliyun's per-number flow control (one a minute, five an hour, ten a day by default): the number asked too often.
    if (code == QLatin1String("isv.BUSINESS_LIMIT_CONTROL"))
        return makeError(
            ErrorCode::RateLimited,
            QStringLiteral("the SMS provider limits messages to this number (%1); try again later").arg(code));
    return makeError(ErrorCode::Unavailable, QStringLiteral("the SMS provider refused: %1 %2").arg(code, message));
}

} // namespace xd::server
