#pragma once

#include <QObject>
#include <QTcpServer>

namespace xd::test {

// Forwards TCP between a client and 127.0.0.1:targetPort. With the blackhole on, every byte in either direction is
// read and dropped while both connections stay open: a peer that went silent (Wi-Fi gone, NAT entry expired),
// which no close frame or RST announces.
class TcpProxy final : public QObject
{
    Q_OBJECT

public:
    explicit TcpProxy(quint16 targetPort, QObject* parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    void setBlackhole(bool on) { m_blackhole = on; }
    int connectionCount() const { return m_connections; }

private:
    void onNewConnection();

    QTcpServer m_server;
    quint16 m_targetPort;
    bool m_blackhole = false;
    int m_connections = 0;
};

} // namespace xd::test
