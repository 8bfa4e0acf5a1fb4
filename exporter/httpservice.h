// SPDX-License-Identifier: MIT
// A small read-only HTTP service on QtHttpServer: GET/HEAD pages, 404, 405 with Allow, guarded sockets.
#pragma once

#include "connectionlimits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QList>
#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <optional>
#include <utility>

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
    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    // What an Authenticator says about one request; a refusal's status goes to the client.
    struct Verdict {
        bool allowed = false;
        QHttpServerResponder::StatusCode refusal = QHttpServerResponder::StatusCode::Unauthorized;
        int retryAfterSeconds = 0; // 0: no Retry-After header
    };
    // Decides on the client's address and Authorization header's value, and calls the callback
    // once: at once, or later from the event loop (a password hash runs elsewhere). Meanwhile the
    // request waits; the connection is closed after a late answer.
    using Authenticator = std::function<void(const QHostAddress &peer, const QByteArray &authorization,
                                             std::function<void(const Verdict &)> decided)>;

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
    // Writes the answer to an authorised request, with `extra` headers.
    using Answer = std::function<void(QHttpServerResponder &responder, const Headers &extra)>;
    // Runs `answer` once the authenticator allows the request, or writes the refusal.
    void authorizeThen(const QHttpServerRequest &request, QHttpServerResponder &&responder, Answer answer);

    QHttpServer m_http;
    Authenticator m_authenticator;
    std::optional<QSslConfiguration> m_tls;
    ConnectionLimits m_limits;
    GuardedTcpServer *m_server = nullptr; // owned by m_http once bound
};
