#pragma once

#include "HttpServer.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

// A fake of WeChat's mini-program login API (auth.code2Session) on 127.0.0.1 for tests: a real HTTP server in the
// test process (our own HttpServer adapter) that answers GET /sns/jscode2session as WeChat does --
//   wrong appid → 40013, wrong secret → 40125, unknown or reused code → 40029 (codes are single-use),
//   a rate-limited code → 45011, busy mode → -1, hanging mode → no answer at all (the caller's timeout),
// and {"openid", "session_key", "unionid"} for a code the test registered with addCode(). Runs on the test's event
// loop: blocking helpers that spin a QEventLoop (ServerProcess::request) let it answer. Start it before the
// syncserver and pass `--wechat-api-base <baseUrl()>`.
class FakeWechatServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeWechatServer)

public:
    // One mini-program (appId + appSecret) is known from the start; addApp() adds more (one per shop).
    explicit FakeWechatServer(QObject* parent = nullptr);
    ~FakeWechatServer() override;

    bool start();            // on a free port of 127.0.0.1
    QString baseUrl() const; // "http://127.0.0.1:<port>": what --wechat-api-base takes

    QString appId() const { return m_appId; }
    QString appSecret() const { return m_appSecret; }
    // Another mini-program with fresh, valid-looking credentials: {appId, appSecret}.
    QPair<QString, QString> addApp();

    // `code` signs `openId` in (once), for the given app (empty: any known app).
    void addCode(const QString& code, const QString& openId, const QString& unionId = {}, const QString& appId = {});
    // A fresh code for `openId`, registered and returned.
    QString newCode(const QString& openId, const QString& unionId = {}, const QString& appId = {});
    // `code` answers 45011 (WeChat's per-user rate limit).
    void addRateLimitedCode(const QString& code);
    // Every answer is {"errcode":-1,"errmsg":"system error"} while busy.
    void setBusy(bool busy) { m_busy = busy; }
    // Requests are accepted and never answered while hanging (they end when the fake is destroyed).
    void setHanging(bool hanging) { m_hanging = hanging; }

    // Every request's query as received (a test may check what the server sent, e.g. the secret).
    QList<QUrlQuery> requests() const { return m_requests; }
    // Answers given so far by errcode (0 = success).
    QList<int> answers() const { return m_answers; }

private:
    struct Code
    {
        QString openId;
        QString unionId;
        QString appId;
        bool rateLimited = false;
    };

    xd::server::HttpServer* m_http = nullptr;
    quint16 m_port = 0;
    QString m_appId;
    QString m_appSecret;
    QHash<QString, QString> m_apps; // appId -> secret
    QHash<QString, Code> m_codes;
    QHash<QString, bool> m_used;
    QList<QUrlQuery> m_requests;
    QList<int> m_answers;
    QList<xd::server::HttpReply> m_hung;
    bool m_busy = false;
    bool m_hanging = false;
    int m_counter = 0;
};
