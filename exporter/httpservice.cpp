// SPDX-License-Identifier: MIT
// A small read-only HTTP service on QtHttpServer: GET/HEAD pages, 404, 405 with Allow, guarded sockets.
#include "httpservice.h"

#include "guardedtcpserver.h"
#include "httpserverbinding.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>

namespace {

const QByteArray kPlainText = QByteArrayLiteral("text/plain; charset=utf-8");

void respond(const QHttpServerRequest &request, QHttpServerResponder &&responder, const HttpService::Reply &reply)
{
    using Method = QHttpServerRequest::Method;
    if (request.method() == Method::Get) {
        responder.write(reply.body, reply.contentType);
        return;
    }
    // HEAD: the GET's headers, its length, no body.
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader(QByteArrayLiteral("Content-Type"), reply.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(reply.body.size()));
    responder.writeBody(QByteArray());
}

bool readOnly(const QHttpServerRequest &request)
{
    using Method = QHttpServerRequest::Method;
    return request.method() == Method::Get || request.method() == Method::Head;
}

void refuseMethod(QHttpServerResponder &responder)
{
    responder.write(QByteArrayLiteral("405 method not allowed\n"),
                    {{QByteArrayLiteral("Content-Type"), kPlainText},
                     {QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD")}},
                    QHttpServerResponder::StatusCode::MethodNotAllowed);
}

} // namespace

HttpService::HttpService(const ConnectionLimits &limits, QObject *parent)
    : QObject(parent), m_limits(limits)
{
    m_http.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        if (!authorized(request, responder))
            return;
        // Qt 6.4 routes no method it does not know (TRACE, BREW, …) to a page, so those end here
        // whatever the path; no path takes anything but GET and HEAD.
        if (!readOnly(request)) {
            refuseMethod(responder);
            return;
        }
        responder.write(QByteArrayLiteral("404 page not found\n"), kPlainText,
                        QHttpServerResponder::StatusCode::NotFound);
    });
}

void HttpService::addPage(const QString &path, Page page)
{
    m_http.route(path, [this, page = std::move(page)](const QHttpServerRequest &request,
                                                      QHttpServerResponder &&responder) {
        if (!authorized(request, responder))
            return;
        if (!readOnly(request)) {
            refuseMethod(responder);
            return;
        }
        respond(request, std::move(responder), page());
    });
}

bool HttpService::authorized(const QHttpServerRequest &request, QHttpServerResponder &responder) const
{
    if (!m_authenticator || m_authenticator(request.value(QByteArrayLiteral("Authorization"))))
        return true;
    responder.write(QByteArrayLiteral("401 unauthorized\n"),
                    {{QByteArrayLiteral("Content-Type"), kPlainText},
                     {QByteArrayLiteral("WWW-Authenticate"),
                      QByteArrayLiteral("Basic realm=\"recorder\", charset=\"UTF-8\"")}},
                    QHttpServerResponder::StatusCode::Unauthorized);
    return false;
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
