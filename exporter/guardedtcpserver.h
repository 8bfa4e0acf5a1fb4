// SPDX-License-Identifier: MIT
// A QTcpServer that caps concurrent connections and puts a ConnectionGuard on every socket
// before handing it to QHttpServer.
#pragma once

#include "connectionlimits.h"

#include <QList>
#include <QPointer>
#include <QTcpServer>

class ConnectionGuard;

// Thread-bound to the thread it listens in (the exporter's main thread).
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(const ConnectionLimits &limits, QObject *parent = nullptr);

    // Connections open and not being closed.
    int openConnections() const;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    bool makeRoom();
    static void refuse(QTcpSocket *socket);

    ConnectionLimits m_limits;
    QList<QPointer<ConnectionGuard>> m_guards;
};
