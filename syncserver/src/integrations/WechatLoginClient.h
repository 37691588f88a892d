#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace xd::server::integrations {

// The pure halves of the mini-program login exchange (auth.code2Session, developers.weixin.qq.com "小程序登录"):
//   GET {base}/sns/jscode2session?appid=APPID&secret=SECRET&js_code=JSCODE&grant_type=authorization_code
// → {"openid", "session_key", "unionid" (optional)} or {"errcode", "errmsg"}. The HTTP call itself stays thin.
// The URL carries the AppSecret and the answer the session_key: neither may be logged (log the path only).
namespace wechatlogin {

struct Session
{
    QString openId;
    QString sessionKey; // never leaves the server (WeChat: do not send it to the mini-program)
    QString unionId;    // empty unless the mini-program is bound to an Open Platform account
};

// `base` is https://api.weixin.qq.com in production, our fake server in tests. Every value is percent-encoded.
Result<QUrl> jscode2sessionUrl(const QUrl& base, const QString& appId, const QString& appSecret, const QString& jsCode);

// Maps the documented errcodes to stable codes: 40029 (code invalid or used twice) → invalid_argument,
// 45011 (rate limit, 100 per user per minute) → rate_limited, 40226 (high-risk user blocked) →
// permission_denied, -1 (system busy) and any other errcode or a malformed answer → unavailable. A success may
// carry "errcode":0 or no errcode at all; openid and session_key must then be non-empty strings.
Result<Session> parseJscode2session(const QByteArray& json);

} // namespace wechatlogin
} // namespace xd::server::integrations
