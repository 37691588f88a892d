#include "FakeWechatServer.h"

#include "HttpServer.h"

#include <QJsonObject>
#include <QRandomGenerator>

using namespace xd::server;

namespace {

HttpResponse wechatError(int errcode, const QString& errmsg)
{
    // WeChat answers errors with HTTP 200 and the errcode in the body.
    return HttpResponse::json(200,
                              QJsonObject{{QStringLiteral("errcode"), errcode}, {QStringLiteral("errmsg"), errmsg}});
}

QString randomText(const QString& alphabet, int length)
{
    QString text;
    for (int i = 0; i < length; ++i)
        text += alphabet.at(QRandomGenerator::global()->bounded(alphabet.size()));
    return text;
}

QString randomAppId()
{
    return QStringLiteral("wx") + randomText(QStringLiteral("0123456789abcdef"), 16);
}

QString randomSecret()
{
    return randomText(QStringLiteral("0123456789abcdef"), 32);
}

} // namespace

FakeWechatServer::FakeWechatServer(QObject* parent)
    : QObject(parent), m_http(new HttpServer(this)), m_appId(randomAppId()), m_appSecret(randomSecret())
{
    m_apps.insert(m_appId, m_appSecret);
    m_http->addAsyncRoute(
        "GET", QStringLiteral("/sns/jscode2session"), [this](const HttpRequest& request, HttpReply reply) {
            m_requests.append(request.query);
            if (m_hanging) {
                m_hung.append(reply); // kept unanswered until the fake goes
                return;
            }
            const auto answer = [&](int errcode, const QString& errmsg) {
                m_answers.append(errcode);
                reply.send(wechatError(errcode, errmsg));
            };
            if (m_busy)
                return answer(-1, QStringLiteral("system error"));
            const QString appId = request.query.queryItemValue(QStringLiteral("appid"), QUrl::FullyDecoded);
            const QString secret = request.query.queryItemValue(QStringLiteral("secret"), QUrl::FullyDecoded);
            const QString jsCode = request.query.queryItemValue(QStringLiteral("js_code"), QUrl::FullyDecoded);
            if (!m_apps.contains(appId))
                return answer(40013, QStringLiteral("invalid appid"));
            if (m_apps.value(appId) != secret)
                return answer(40125, QStringLiteral("invalid appsecret"));
            if (request.query.queryItemValue(QStringLiteral("grant_type")) != QLatin1String("authorization_code"))
                return answer(40002, QStringLiteral("invalid grant_type"));
            const auto code = m_codes.constFind(jsCode);
            if (code != m_codes.cend() && code->rateLimited)
                return answer(45011, QStringLiteral("api minute-quota reach limit"));
            if (code == m_codes.cend() || m_used.value(jsCode) || (!code->appId.isEmpty() && code->appId != appId))
                return answer(40029, QStringLiteral("invalid code"));
            m_used.insert(jsCode, true);
            m_answers.append(0);
            QJsonObject body{{QStringLiteral("openid"), code->openId},
                             {QStringLiteral("session_key"), QStringLiteral("sk-") + randomSecret()}};
            if (!code->unionId.isEmpty())
                body.insert(QStringLiteral("unionid"), code->unionId);
            reply.send(HttpResponse::json(200, body));
        });
}

FakeWechatServer::~FakeWechatServer() = default;

bool FakeWechatServer::start()
{
    auto port = m_http->start(QHostAddress::LocalHost, 0);
    if (!port)
        return false;
    m_port = *port;
    return true;
}

QString FakeWechatServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QPair<QString, QString> FakeWechatServer::addApp()
{
    const QString appId = randomAppId();
    const QString secret = randomSecret();
    m_apps.insert(appId, secret);
    return {appId, secret};
}

void FakeWechatServer::addCode(const QString& code, const QString& openId, const QString& unionId, const QString& appId)
{
    m_codes.insert(code, Code{openId, unionId, appId, false});
    m_used.remove(code);
}

QString FakeWechatServer::newCode(const QString& openId, const QString& unionId, const QString& appId)
{
    const QString code = QStringLiteral("code-%1-%2").arg(++m_counter).arg(randomText(QStringLiteral("abcdef"), 8));
    addCode(code, openId, unionId, appId);
    return code;
}

void FakeWechatServer::addRateLimitedCode(const QString& code)
{
    m_codes.insert(code, Code{{}, {}, {}, true});
}
