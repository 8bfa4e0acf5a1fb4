// SPDX-License-Identifier: MIT
// Watches one client socket for the abuse QtHttpServer 6.4 does not bound: huge headers, slow
// clients, idle connections, request bodies.
#pragma once

#include "connectionlimits.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

// Thread-bound to its socket's thread; a child of the socket, so it dies with it.
//
// Its readyRead slot is connected before QHttpServer's, so it sees every chunk first: it peeks the
// new bytes (QHttpServer then reads them all), follows request heads by their empty line, and
// closes the connection before a limit is crossed. It never parses HTTP beyond finding the end
// of a head and the two headers that announce a body.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits);

    // No request in progress or waiting for its answer, and not closing: may be closed to make room for a new client.
    bool idle() const;
    bool closing() const { return m_closing; }
    qint64 idleMs() const { return m_lastActivity.elapsed(); }

    // Closes the connection to make room for a new one.
    void evict();

private:
    void onReadyRead();
    void onTimeout();
    void headComplete();
    void reject(int status, const char *reason, const QString &why);
    void close(const QString &why);

    QTcpSocket *m_socket; // the parent
    ConnectionLimits m_limits;
    QByteArray m_head;    // the current request's head so far, at most maxHeaderBytes
    int m_lineLength = 0; // characters other than CR on the current line
    bool m_closing = false;
    QTimer m_timer;       // header deadline during a request, idle timeout between requests
    QElapsedTimer m_lastActivity;
};
