#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

namespace xd::server {
class HttpServer;
}

// A fake Aliyun SMS endpoint (dysmsapi SendSms, 2017-05-25) on 127.0.0.1 for tests: a real HTTP server in the test
// process that checks each request as Aliyun does -- the HMAC-SHA1 signature with the server's own AliyunSmsSigner
// and the secret given here, the AccessKeyId, Action, Version, a fresh SignatureNonce, the phone number and the
// TemplateParam JSON -- answers in Aliyun's JSON ({"Code":"OK",...} or the error code), and records every accepted
// message so a test reads the code its customer "received". Runs on the test's event loop: blocking test helpers
// that spin a QEventLoop (ServerProcess::request) let it answer.
class FakeAliyunSms final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeAliyunSms)

public:
    struct Message
    {
        QString phone;
        QString signName;
        QString templateCode;
        QJsonObject params;
        QString requestId;
    };

    FakeAliyunSms(QString accessKeyId, QString accessKeySecret, QObject* parent = nullptr);
    ~FakeAliyunSms() override;

    bool start();            // on a free port of 127.0.0.1
    QString baseUrl() const; // "http://127.0.0.1:<port>/": what --sms-base takes

    // The next `count` well-signed requests are refused with this Aliyun error code (e.g.
    // "isv.BUSINESS_LIMIT_CONTROL") instead of being delivered.
    void failNext(const QString& aliyunCode, int count = 1);
    // The secret the fake checks signatures with from now on: a test makes the server's signature "bad" with it.
    void setAccessKeySecret(const QString& secret) { m_accessKeySecret = secret; }

    QList<Message> messages() const { return m_messages; }
    // The "code" parameter of the newest message to `phone`; empty when none came.
    QString lastCodeTo(const QString& phone) const;
    // Requests refused before delivery (bad signature, unknown key, malformed), with Aliyun's code each.
    QStringList rejections() const { return m_rejections; }

private:
    QString m_accessKeyId;
    QString m_accessKeySecret;
    xd::server::HttpServer* m_http = nullptr;
    quint16 m_port = 0;
    QList<Message> m_messages;
    QStringList m_rejections;
    QStringList m_failures; // injected codes, first is next
    QSet<QString> m_nonces;
};
