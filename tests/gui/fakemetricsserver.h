// SPDX-License-Identifier: MIT
// A stand-in for recorder-exporter's /metrics: answers every request with the body it is given.
#pragma once

#include <QTcpServer>
#include <QTcpSocket>

// Thread-bound to the test's thread; serves on 127.0.0.1 on a free port.
class FakeMetricsServer : public QTcpServer
{
public:
    QByteArray body;

    bool start() { return listen(QHostAddress::LocalHost, 0); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/metrics").arg(serverPort()); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            socket->setProperty("head", socket->property("head").toByteArray() + socket->readAll());
            if (!socket->property("head").toByteArray().contains("\r\n\r\n"))
                return;
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nConnection: close\r\n"
                          "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    }
};
