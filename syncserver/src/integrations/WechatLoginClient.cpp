#include "integrations/WechatLoginClient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace xd::server::integrations::wechatlogin {

Result<QUrl> jscode2sessionUrl(const QUrl& base, const QString& appId, const QString& appSecret, const QString& jsCode)
{
    if (!base.isValid() || base.scheme().isEmpty() || base.host().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the WeChat API base URL is not absolute"));
    if (appId.isEmpty() || appSecret.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the mini-program appid and secret are not set"));
    if (jsCode.isEmpty() || jsCode.size() > 256)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the login code is empty or too long"));
    // Built by hand so that '+', '&', '=' and '%' in any value are encoded (QUrlQuery leaves '+' alone).
    const QByteArray query = "appid=" + QUrl::toPercentEncoding(appId) +
                             "&secret=" + QUrl::toPercentEncoding(appSecret) +
                             "&js_code=" + QUrl::toPercentEncoding(jsCode) + "&grant_type=authorization_code";
    QUrl url = base;
    QString path = base.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/sns/jscode2session"));
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

Result<Session> parseJscode2session(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::Unavailable, QStringLiteral("WeChat login answered with something not JSON"));
    const QJsonObject object = doc.object();
    const QJsonValue errcodeValue = object.value(QStringLiteral("errcode"));
    if (!errcodeValue.isUndefined() && !errcodeValue.isDouble())
        return makeError(ErrorCode::Unavailable, QStringLiteral("WeChat login answered with a non-numeric errcode"));
    const int errcode = errcodeValue.toInt(0);
    const QString errmsg = object.value(QStringLiteral("errmsg")).toString();
    switch (errcode) {
    case 0:
        break;
    case 40029:
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the login code is invalid or already used"));
    case 45011:
        return makeError(ErrorCode::RateLimited, QStringLiteral("too many logins; try again in a minute"));
    case 40226:
        return makeError(ErrorCode::PermissionDenied, QStringLiteral("WeChat blocked the login of a high-risk user"));
    case -1:
        return makeError(ErrorCode::Unavailable, QStringLiteral("WeChat is busy; try again later"));
    default:
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("WeChat login failed: errcode %1 (%2)").arg(errcode).arg(errmsg));
    }
    Session session;
    session.openId = object.value(QStringLiteral("openid")).toString();
    session.sessionKey = object.value(QStringLiteral("session_key")).toString();
    session.unionId = object.value(QStringLiteral("unionid")).toString();
    if (session.openId.isEmpty() || session.sessionKey.isEmpty())
        return makeError(ErrorCode::Unavailable, QStringLiteral("WeChat login answered without openid or session_key"));
    return session;
}

} // namespace xd::server::integrations::wechatlogin
