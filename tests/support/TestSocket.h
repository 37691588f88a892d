#pragma once

#include <QJsonObject>
#include <QList>
#include <QWebSocket>

// A WebSocket client for protocol tests that waits for what it expects (with a timeout) instead of callbacks.
class TestSocket
{
public:
    TestSocket();

    bool open(const QString& url, int timeoutMs = 10000);
    void sendJson(const QJsonObject& message);
    void sendRaw(const QString& text);
    // The next message of `type` (others received meanwhile are kept in order); an empty object on timeout.
    QJsonObject waitFor(const QString& type, int timeoutMs = 10000);
    // auth + wait for auth.ok; returns the auth.ok (or the error) message.
    QJsonObject authenticate(const QString& token, const QString& clientId);
    bool waitForDisconnected(int timeoutMs = 10000);
    bool isConnected() const;
    int closeCode() const;
    // Messages received and not yet consumed by waitFor().
    QList<QJsonObject> takeReceived();
    QWebSocket& socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_received;
    bool m_disconnected = false;
};
