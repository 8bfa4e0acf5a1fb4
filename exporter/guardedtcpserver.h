// SPDX-License-Identifier: MIT
// A QTcpServer that caps concurrent connections, in all and per peer address, and puts a
// ConnectionGuard on every socket before handing it to QHttpServer.
#pragma once

#include "connectionlimits.h"
#include "refusalsummary.h"

#include <QHostAddress>
#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

class ConnectionGuard;

// Thread-bound to the thread it listens in (the exporter's main thread).
//
// At a cap, a newcomer takes the place of the connection that has gone longest without an answered
// request (idle, or trickling a request in: slowloris), once that one has had a moment of its own;
// if none has, the newcomer gets 503. The per-client cap is applied first and among that client's
// own connections, so one address churning connections cannot push out everybody else's.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(const ConnectionLimits &limits, QObject *parent = nullptr);

    // Connections open and not being closed.
    int openConnections() const;
    // Serves TLS on every connection from now on (QSslSocket, server mode).
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    static constexpr qint64 kEvictionGraceMs = 250;
    static constexpr int kRefusedLingerMs = 5000;
    static constexpr int kAcceptRetryMs = 1000;
    static constexpr qint64 kAcceptErrorLogIntervalMs = 60000;
    static constexpr int kSendBufferBytes = 64 * 1024;
    static constexpr int kRefusalLogIntervalMs = 60000;

    int openConnectionsFrom(const QHostAddress &peer) const;
    // Evicts the least productive connection (from `peer` only, when given); false if none may go.
    bool makeRoom(const std::optional<QHostAddress> &peer);
    void refuse(QTcpSocket *socket, const QString &reason);

    ConnectionLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    QList<QPointer<ConnectionGuard>> m_guards;
    RefusalSummary m_refusals{kRefusalLogIntervalMs};
    QElapsedTimer m_acceptErrorLogged; // invalid until the first accept error
};
