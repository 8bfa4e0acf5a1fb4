// SPDX-License-Identifier: MIT
// A small read-only HTTP service on QtHttpServer: GET/HEAD pages, 404, 405 with Allow, guarded sockets.
#pragma once

#include "connectionlimits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QSslConfiguration>

#include <optional>

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
    // Decides on the Authorization header's value; false answers 401.
    using Authenticator = std::function<bool(const QByteArray &authorization)>;

    explicit HttpService(const ConnectionLimits &limits, QObject *parent = nullptr);

    // Serves `page` at exactly `path` for GET and HEAD. Any other method, known or not, gets 405 with
    // Allow on every path; unknown paths get 404.
    void addPage(const QString &path, Page page);

    // Every request, on every path, must pass `authenticator` (HTTP basic authentication).
    void setAuthenticator(Authenticator authenticator) { m_authenticator = std::move(authenticator); }
    // Serves HTTPS with `configuration` (certificate and key). Call before listen().
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }

    // Listens on `address`:`port` (0 picks a free port). Returns an empty string or the reason.
    QString listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    // Open client connections (tests watch it).
    int openConnections() const;

private:
    bool authorized(const QHttpServerRequest &request, QHttpServerResponder &responder) const;

    QHttpServer m_http;
    Authenticator m_authenticator;
    std::optional<QSslConfiguration> m_tls;
    ConnectionLimits m_limits;
    GuardedTcpServer *m_server = nullptr; // owned by m_http once bound
};
