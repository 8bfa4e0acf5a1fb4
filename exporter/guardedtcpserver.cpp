// SPDX-License-Identifier: MIT
// A QTcpServer that caps concurrent connections and puts a ConnectionGuard on every socket
// before handing it to QHttpServer.
#include "guardedtcpserver.h"

#include "connectionguard.h"
#include "exporterlogging.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits &limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
}

int GuardedTcpServer::openConnections() const
{
    int count = 0;
    for (const auto &guard : m_guards) {
        if (guard && !guard->closing())
            ++count;
    }
    return count;
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    QSslSocket *tls = m_tls ? new QSslSocket(this) : nullptr;
    QTcpSocket *socket = tls ? tls : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (tls) {
        tls->setSslConfiguration(*m_tls);
        // A failed handshake (a plain-HTTP client, say) closes the socket; QHttpServer deletes it.
        connect(tls, &QSslSocket::errorOccurred, tls, [tls] {
            qCDebug(lcExporter).noquote() << "TLS connection from" << tls->peerAddress().toString()
                                          << "failed:" << tls->errorString();
            tls->abort();
        });
        tls->startServerEncryption();
    }
    m_guards.removeAll(nullptr);
    if (openConnections() >= m_limits.maxConnections && !makeRoom()) {
        refuse(socket);
        return;
    }
    // The guard connects to readyRead first, so it sees each chunk before QHttpServer parses it.
    m_guards.append(new ConnectionGuard(socket, m_limits));
    addPendingConnection(socket);
}

bool GuardedTcpServer::makeRoom()
{
    // A connection gets a moment to send its request before a newcomer may push it out; otherwise
    // a burst of new connections would evict each other before any of them is read.
    const qint64 graceMs = qMin<qint64>(kEvictionGraceMs, m_limits.idleTimeoutMs / 2);
    ConnectionGuard *idlest = nullptr;
    for (const auto &guard : m_guards) {
        if (!guard || !guard->idle() || guard->idleMs() < graceMs)
            continue;
        if (!idlest || guard->idleMs() > idlest->idleMs())
            idlest = guard;
    }
    if (!idlest)
        return false;
    idlest->evict();
    return true;
}

void GuardedTcpServer::refuse(QTcpSocket *socket)
{
    qCInfo(lcExporter).noquote() << "refusing connection from" << socket->peerAddress().toString()
                                 << ": every connection is busy with a request";
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    socket->disconnectFromHost();
    // A client that never reads (or never finishes a TLS handshake) must not keep it open.
    QTimer::singleShot(kRefusedLingerMs, socket, &QTcpSocket::abort);
}
