#pragma once

#include <QBuffer>
#include <QImage>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <algorithm>

// Answers every HTTP GET with the same PNG (a `size` picture in `colour`) and remembers the paths asked for: the
// server's image route, as far as the editors' previews need it. A path containing one of `missing` gets 404.
class PictureServer
{
public:
    explicit PictureServer(QSize size = QSize(64, 36), QColor colour = Qt::darkCyan)
    {
        QImage image(size, QImage::Format_RGB32);
        image.fill(colour);
        QBuffer buffer(&m_png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            QTcpSocket* socket = m_server.nextPendingConnection();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                const QByteArray request = socket->readAll();
                const QString path = QString::fromLatin1(request.split(' ').value(1));
                paths << path;
                const bool found = std::none_of(
                    missing.cbegin(), missing.cend(), [&](const QString& part) { return path.contains(part); });
                if (found)
                    socket->write(
                        "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\nContent-Length: " +
                        QByteArray::number(m_png.size()) + "\r\n\r\n" + m_png);
                else
                    socket->write("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    QStringList paths;
    QStringList missing;

private:
    QTcpServer m_server;
    QByteArray m_png;
};
