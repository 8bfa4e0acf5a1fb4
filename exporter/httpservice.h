// SPDX-License-Identifier: MIT
// A small read-only HTTP service on QtHttpServer: GET/HEAD pages, 404, 405 with Allow, guarded sockets.
#pragma once

#include "connectionlimits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QHttpServer>
#include <QObject>

#include <functional>

class GuardedTcpServer;

// Thread-bound to the thread that created it (the exporter's main thread, where QtHttpServer runs
// every handler: handlers must be quick). Knows nothing about metrics: it serves byte strings.
class HttpService : public QObject
{
    Q_OBJECT
public:
    struct Reply {
        QByteArray contentType;
        QByteArray body;
    };
    using Page = std::function<Reply()>;

    explicit HttpService(const ConnectionLimits &limits, QObject *parent = nullptr);

    // Serves `page` at exactly `path` for GET and HEAD; other methods get 405 with Allow.
    void addPage(const QString &path, Page page);

    // Listens on `address`:`port` (0 picks a free port). Returns an empty string or the reason.
    QString listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    // Open client connections (tests watch it).
    int openConnections() const;

private:
    QHttpServer m_http;
    ConnectionLimits m_limits;
    GuardedTcpServer *m_server = nullptr; // owned by m_http once bound
};
