// SPDX-License-Identifier: MIT
// A small read-only HTTP service on QtHttpServer: GET/HEAD pages, 404, 405 with Allow, guarded sockets.
#include "httpservice.h"

#include "guardedtcpserver.h"
#include "httpserverbinding.h"
#include "pendingreply.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace {

using Status = QHttpServerResponder::StatusCode;
using Headers = HttpService::Headers;

const QByteArray kPlainText = QByteArrayLiteral("text/plain; charset=utf-8");

// One whole answer; HEAD gets the GET's headers and length without the body.
void send(QHttpServerResponder &responder, Status status, const Headers &headers, const QByteArray &body,
          bool withBody)
{
    responder.writeStatusLine(status);
    for (const auto &[name, value] : headers)
        responder.writeHeader(name, value);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    responder.writeBody(withBody ? body : QByteArray());
}

QByteArray refusalText(Status status)
{
    switch (status) {
    case Status::TooManyRequests:
        return QByteArrayLiteral("429 too many failed authentications: retry later\n");
    case Status::ServiceUnavailable:
        return QByteArrayLiteral("503 too many authentications in progress: retry later\n");
    default:
        return QByteArrayLiteral("401 unauthorized\n");
    }
}

void refuse(QHttpServerResponder &responder, bool withBody, const HttpService::Verdict &verdict, const Headers &extra)
{
    Headers headers{{QByteArrayLiteral("Content-Type"), kPlainText}};
    if (verdict.refusal == Status::Unauthorized)
        headers.append({QByteArrayLiteral("WWW-Authenticate"),
                        QByteArrayLiteral("Basic realm=\"recorder\", charset=\"UTF-8\"")});
    if (verdict.retryAfterSeconds > 0)
        headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(verdict.retryAfterSeconds)});
    headers += extra;
    send(responder, verdict.refusal, headers, refusalText(verdict.refusal), withBody);
}

bool readOnly(QHttpServerRequest::Method method)
{
    using Method = QHttpServerRequest::Method;
    return method == Method::Get || method == Method::Head;
}

void refuseMethod(QHttpServerResponder &responder, const Headers &extra)
{
    send(responder, Status::MethodNotAllowed,
         Headers{{QByteArrayLiteral("Content-Type"), kPlainText}, {QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD")}}
             + extra,
         QByteArrayLiteral("405 method not allowed\n"), true);
}

} // namespace

HttpService::HttpService(const ConnectionLimits &limits, QObject *parent)
    : QObject(parent), m_limits(limits)
{
    m_http.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        using Method = QHttpServerRequest::Method;
        const Method method = request.method(); // the request object is reused for the next request
        authorizeThen(request, std::move(responder), [method](QHttpServerResponder &authorised, const Headers &extra) {
            // Qt 6.4 routes no method it does not know (TRACE, BREW, …) to a page, so those end here
            // whatever the path; no path takes anything but GET and HEAD.
            if (!readOnly(method)) {
                refuseMethod(authorised, extra);
                return;
            }
            send(authorised, Status::NotFound, Headers{{QByteArrayLiteral("Content-Type"), kPlainText}} + extra,
                 QByteArrayLiteral("404 page not found\n"), method == Method::Get);
        });
    });
}

void HttpService::addPage(const QString &path, Page page)
{
    m_http.route(path, [this, page = std::move(page)](const QHttpServerRequest &request,
                                                      QHttpServerResponder &&responder) {
        using Method = QHttpServerRequest::Method;
        const Method method = request.method(); // the request object is reused for the next request
        authorizeThen(request, std::move(responder),
                      [method, page](QHttpServerResponder &authorised, const Headers &extra) {
                          if (!readOnly(method)) {
                              refuseMethod(authorised, extra);
                              return;
                          }
                          const Reply reply = page();
                          send(authorised, Status::Ok,
                               Headers{{QByteArrayLiteral("Content-Type"), reply.contentType}} + extra, reply.body,
                               method == Method::Get);
                      });
    });
}

void HttpService::authorizeThen(const QHttpServerRequest &request, QHttpServerResponder &&responder, Answer answer)
{
    if (!m_authenticator) {
        answer(responder, {});
        return;
    }
    const QPointer<QTcpSocket> socket = responder.socket();
    // A request pipelined behind one that waits for its check would be answered before it: drop
    // it. That connection closes after the waiting answer; HTTP clients resend what went unanswered.
    if (PendingReply::marked(socket))
        return;
    struct Waiting {
        QHttpServerResponder responder; // only movable, and std::function needs a copyable callable
        bool answered = false;
        bool late = false;
    };
    auto waiting = std::make_shared<Waiting>(Waiting{std::move(responder)});
    const bool withBody = request.method() != QHttpServerRequest::Method::Head;
    m_authenticator(request.remoteAddress(), request.value(QByteArrayLiteral("Authorization")),
                    [socket, waiting, withBody, answer = std::move(answer)](const Verdict &verdict) {
                        waiting->answered = true;
                        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
                            return; // the client left; QtHttpServer deletes the socket
                        // After a late answer the connection closes: see the pipelining note above.
                        const Headers extra = waiting->late
                            ? Headers{{QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}}
                            : Headers{};
                        if (verdict.allowed)
                            answer(waiting->responder, extra);
                        else
                            refuse(waiting->responder, withBody, verdict, extra);
                        if (waiting->late) {
                            PendingReply::mark(socket, false);
                            socket->disconnectFromHost();
                        }
                    });
    if (!waiting->answered) {
        waiting->late = true;
        PendingReply::mark(socket, true);
    }
}

QString HttpService::listen(const QHostAddress &address, quint16 port)
{
    auto server = std::make_unique<GuardedTcpServer>(m_limits);
    if (m_tls)
        server->setTls(*m_tls);
    if (!server->listen(address, port))
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(address.toString())
            .arg(port)
            .arg(server->errorString());
    const QString error = HttpServerBinding::bind(m_http, server.get());
    if (!error.isEmpty())
        return error;
    m_server = server.release(); // m_http owns it now
    return {};
}

quint16 HttpService::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

int HttpService::openConnections() const
{
    return m_server ? m_server->openConnections() : 0;
}
