#pragma once

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

// WeChat's jscode2session, just enough for the server's customer login in whole-desktop tests: any code of the app
// (appId, appSecret) is the customer "openid-<code>". The fuller FakeWechatServer of tests/support links xd_server,
// which a desktop test must not (one SQLite per process). Header only.
namespace xd::test {

class MiniWechat : public QObject
{
public:
    MiniWechat(QString appId, QString appSecret) : m_appId(std::move(appId)), m_appSecret(std::move(appSecret)) {}

    bool start()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

private:
    void answer(QTcpSocket* socket) const
    {
        const QByteArray request = socket->peek(8192);
        if (!request.contains("\r\n\r\n"))
            return;
        socket->readAll();
        const QByteArray target = request.split(' ').value(1);
        const QUrlQuery query(QUrl(QString::fromLatin1(target)).query());
        QByteArray body;
        if (query.queryItemValue(QStringLiteral("appid")) == m_appId &&
            query.queryItemValue(QStringLiteral("secret")) == m_appSecret)
            body =
                QJsonDocument(QJsonObject{{QStringLiteral("openid"),
                                           QStringLiteral("openid-") + query.queryItemValue(QStringLiteral("js_code"))},
                                          {QStringLiteral("session_key"), QStringLiteral("sk")}})
                    .toJson(QJsonDocument::Compact);
        else
            body = R"({"errcode":40125,"errmsg":"invalid appsecret"})";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                      "Content-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QString m_appId;
    QString m_appSecret;
    QTcpServer m_server;
};

} // namespace xd::test
