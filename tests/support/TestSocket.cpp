#include "TestSocket.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

TestSocket::TestSocket()
{
    QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString& text) {
        m_received.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    QObject::connect(&m_socket, &QWebSocket::disconnected, &m_socket, [this] { m_disconnected = true; });
}

bool TestSocket::open(const QString& url, int timeoutMs)
{
    // A handshake refused or dropped by a loaded machine is tried again (up to three times within the timeout):
    // these tests are about what happens on an open socket, not about the first SYN.
    QElapsedTimer timer;
    timer.start();
    for (int attempt = 0; attempt < 3 && timer.elapsed() < timeoutMs; ++attempt) {
        m_disconnected = false;
        m_socket.open(QUrl(url));
        const int left = int(timeoutMs - timer.elapsed());
        if (QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_disconnected; },
                            left > 0 ? left : 1) &&
            m_socket.state() == QAbstractSocket::ConnectedState)
            return true;
        m_socket.abort();
    }
    return false;
}

void TestSocket::sendJson(const QJsonObject& message)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void TestSocket::sendRaw(const QString& text)
{
    m_socket.sendTextMessage(text);
}

QJsonObject TestSocket::waitFor(const QString& type, int timeoutMs)
{
    QJsonObject found;
    (void)QTest::qWaitFor(
        [&] {
            for (qsizetype i = 0; i < m_received.size(); ++i) {
                if (m_received[i].value(QStringLiteral("type")).toString() == type) {
                    found = m_received.takeAt(i);
                    return true;
                }
            }
            return m_disconnected;
        },
        timeoutMs);
    return found;
}

QJsonObject TestSocket::authenticate(const QString& token, const QString& clientId)
{
    sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("auth")},
                         {QStringLiteral("protocol"), 1},
                         {QStringLiteral("token"), token},
                         {QStringLiteral("clientId"), clientId}});
    QJsonObject answer;
    (void)QTest::qWaitFor(
        [&] {
            for (qsizetype i = 0; i < m_received.size(); ++i) {
                const QString type = m_received[i].value(QStringLiteral("type")).toString();
                if (type == QLatin1String("auth.ok") || type == QLatin1String("error")) {
                    answer = m_received.takeAt(i);
                    return true;
                }
            }
            return m_disconnected;
        },
        10000);
    return answer;
}

bool TestSocket::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_disconnected; }, timeoutMs);
}

bool TestSocket::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState && !m_disconnected;
}

int TestSocket::closeCode() const
{
    return int(m_socket.closeCode());
}

QList<QJsonObject> TestSocket::takeReceived()
{
    return std::exchange(m_received, {});
}
