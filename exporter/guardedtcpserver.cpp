// SPDX-License-Identifier: MIT
// A QTcpServer that caps concurrent connections, in all and per peer address, and puts a
// ConnectionGuard on every socket before handing it to QHttpServer.
#include "guardedtcpserver.h"

#include "connectionguard.h"
#include "exporterlogging.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace {

bool sameAddress(const QHostAddress &a, const QHostAddress &b)
{
    // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d.
    return a.isEqual(b, QHostAddress::TolerantConversion);
}

} // namespace

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits &limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
    // QTcpServer pauses accepting for good after an accept that fails for want of resources
    // (EMFILE, ENFILE, ENOBUFS): the exporter would serve nobody until restarted. Try again a
    // second later, when closing connections will have given descriptors back.
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        if (!m_acceptErrorLogged.isValid() || m_acceptErrorLogged.elapsed() >= kAcceptErrorLogIntervalMs) {
            qCWarning(lcExporter).noquote() << "cannot accept connections:" << errorString()
                                            << "; trying again every second";
            m_acceptErrorLogged.start();
        }
        QTimer::singleShot(kAcceptRetryMs, this, &QTcpServer::resumeAccepting);
    });
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

int GuardedTcpServer::openConnectionsFrom(const QHostAddress &peer) const
{
    int count = 0;
    for (const auto &guard : m_guards) {
        if (guard && !guard->closing() && sameAddress(guard->peerAddress(), peer))
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
    // What the kernel may hold for a client that does not read: the guard keeps the rest back
    // (the unit's cgroup is charged for socket buffers too, and MemoryMax= is low).
    socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, kSendBufferBytes);
    m_guards.removeAll(nullptr);
    const QHostAddress peer = socket->peerAddress();
    if (openConnectionsFrom(peer) >= m_limits.maxConnectionsPerClient) {
        if (!makeRoom(peer)) {
            refuse(socket, QStringLiteral("at max_connections_per_client = %1").arg(m_limits.maxConnectionsPerClient));
            return;
        }
    } else if (openConnections() >= m_limits.maxConnections && !makeRoom(std::nullopt)) {
        refuse(socket, QStringLiteral("at max_connections = %1, none evictable").arg(m_limits.maxConnections));
        return;
    }
    // The guard connects to readyRead first, so it sees each chunk before QHttpServer parses it;
    // QHttpServer connects its own slot when told of the pending connection, and the guard's second
    // slot after that.
    auto *guard = new ConnectionGuard(socket, m_limits);
    connect(guard, &ConnectionGuard::rejected, &m_refusals, &RefusalSummary::count);
    m_guards.append(guard);
    addPendingConnection(socket);
    guard->followHttpServer();
}

bool GuardedTcpServer::makeRoom(const std::optional<QHostAddress> &peer)
{
    // A connection gets a moment to send its request before a newcomer may push it out; otherwise
    // a burst of new connections would evict each other before any of them is read.
    const qint64 graceMs = qMin<qint64>(kEvictionGraceMs, m_limits.idleTimeoutMs / 2);
    ConnectionGuard *victim = nullptr;
    for (const auto &guard : m_guards) {
        if (!guard || guard->closing() || guard->answerPending() || guard->unproductiveMs() < graceMs)
            continue;
        if (peer && !sameAddress(guard->peerAddress(), *peer))
            continue;
        if (!victim || guard->unproductiveMs() > victim->unproductiveMs())
            victim = guard;
    }
    if (!victim)
        return false;
    victim->evict();
    return true;
}

void GuardedTcpServer::refuse(QTcpSocket *socket, const QString &reason)
{
    m_refusals.count(socket->peerAddress(), reason);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    socket->disconnectFromHost();
    // A client that never reads (or never finishes a TLS handshake) must not keep it open.
    QTimer::singleShot(kRefusedLingerMs, socket, &QTcpSocket::abort);
}
