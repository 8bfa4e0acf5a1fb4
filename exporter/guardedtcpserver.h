// SPDX-License-Identifier: MIT
// A QTcpServer that caps concurrent connections and puts a ConnectionGuard on every socket
// before handing it to QHttpServer.
#pragma once

#include "connectionlimits.h"

#include <QList>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

class ConnectionGuard;

// Thread-bound to the thread it listens in (the exporter's main thread).
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
    static constexpr qint64 kEvictionGraceMs = 1000;
    static constexpr int kRefusedLingerMs = 5000;

    bool makeRoom();
    static void refuse(QTcpSocket *socket);

    ConnectionLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    QList<QPointer<ConnectionGuard>> m_guards;
};
