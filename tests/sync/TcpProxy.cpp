#include "TcpProxy.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>

namespace xd::test {

TcpProxy::TcpProxy(quint16 targetPort, QObject* parent) : QObject(parent), m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpProxy::onNewConnection);
}

bool TcpProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TcpProxy::onNewConnection()
{
    while (QTcpSocket* downstream = m_server.nextPendingConnection()) {
        ++m_connections;
        auto* upstream = new QTcpSocket(downstream);
        auto pipe = [this](QTcpSocket* from, QTcpSocket* to) {
            if (m_blackhole) {
                from->readAll();
                return;
            }
            if (to->state() == QAbstractSocket::ConnectedState)
                to->write(from->readAll());
        };
        connect(downstream, &QTcpSocket::readyRead, this, [=] { pipe(downstream, upstream); });
        connect(upstream, &QTcpSocket::readyRead, this, [=] { pipe(upstream, downstream); });
        // Bytes that arrive before the upstream connection is up are sent once it is.
        connect(upstream, &QTcpSocket::connected, this, [=] { pipe(downstream, upstream); });
        connect(upstream, &QTcpSocket::disconnected, downstream, &QTcpSocket::disconnectFromHost);
        connect(downstream, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(downstream, &QTcpSocket::disconnected, downstream, &QObject::deleteLater);
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}

} // namespace xd::test
