// SPDX-License-Identifier: MIT
// Watches one client socket for the abuse QtHttpServer 6.4 does not bound: huge headers, slow
// clients, idle connections, request bodies.
#include "connectionguard.h"

#include "exporterlogging.h"
#include "pendingreply.h"

#include <QTcpSocket>

namespace {

QString peer(const QTcpSocket *socket)
{
    return socket->peerAddress().toString() + QLatin1Char(':') + QString::number(socket->peerPort());
}

// True when the head announces a body: this server has no route that takes one.
bool announcesBody(const QByteArray &head)
{
    const QList<QByteArray> lines = head.toLower().split('\n');
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith("transfer-encoding:"))
            return true;
        if (trimmed.startsWith("content-length:") && trimmed.mid(15).trimmed() != "0")
            return true;
    }
    return false;
}

// True when the client wants the connection closed after this response: "Connection: close", or
// HTTP/1.0 without keep-alive. QtHttpServer 6.4 ignores both and keeps the socket open.
bool asksToClose(const QByteArray &head)
{
    const QList<QByteArray> lines = head.toLower().split('\n');
    bool keepAlive = false;
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith("connection:")) {
            const QByteArray value = trimmed.mid(11);
            if (value.contains("close"))
                return true;
            keepAlive = value.contains("keep-alive");
        }
    }
    return lines.value(0).trimmed().endsWith("http/1.0") && !keepAlive;
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits)
    : QObject(socket), m_socket(socket), m_limits(limits)
{
    // Bounds what the socket buffers between two reads, whatever the client sends; one byte over
    // the limit so that a head of exactly the limit is told from a longer one.
    m_socket->setReadBufferSize(m_limits.maxHeaderBytes + 1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    m_lastActivity.start();
    m_timer.start(m_limits.idleTimeoutMs);
}

void ConnectionGuard::evict()
{
    close(QStringLiteral("closing idle connection to make room for a new client"));
}

void ConnectionGuard::onReadyRead()
{
    if (m_closing) {
        m_socket->readAll(); // nothing more reaches the HTTP parser
        return;
    }
    m_lastActivity.start();
    const QByteArray chunk = m_socket->peek(m_socket->bytesAvailable());
    for (const char c : chunk) {
        if (m_head.isEmpty() && m_lineLength == 0) {
            if (c == '\r' || c == '\n')
                continue; // blank lines before a request line are allowed and ignored
            m_timer.start(m_limits.headerTimeoutMs);
        }
        if (m_head.size() >= m_limits.maxHeaderBytes) {
            reject(431, "Request Header Fields Too Large",
                   QStringLiteral("request line and headers over %1 bytes").arg(m_limits.maxHeaderBytes));
            return;
        }
        m_head.append(c);
        if (c == '\n') {
            if (m_lineLength == 0) {
                headComplete();
                if (m_closing)
                    return;
            }
            m_lineLength = 0;
        } else if (c != '\r') {
            ++m_lineLength;
        }
    }
}

bool ConnectionGuard::idle() const
{
    return m_head.isEmpty() && !m_closing && !PendingReply::marked(m_socket);
}

void ConnectionGuard::headComplete()
{
    if (announcesBody(m_head)) {
        reject(413, "Payload Too Large", QStringLiteral("a request body was announced; no route accepts one"));
        return;
    }
    if (asksToClose(m_head)) {
        // QHttpServer answers in the same readyRead emission, after this slot: close once it has.
        QMetaObject::invokeMethod(
            this,
            [this] {
                // An answer still pending (a password check) closes the connection itself.
                if (!PendingReply::marked(m_socket))
                    close(QStringLiteral("as the client asked"));
            },
            Qt::QueuedConnection);
    }
    m_head.clear();
    m_timer.start(m_limits.idleTimeoutMs);
}

void ConnectionGuard::onTimeout()
{
    if (m_closing)
        return;
    if (m_head.isEmpty() && m_lineLength == 0)
        close(QStringLiteral("idle for %1 ms").arg(m_limits.idleTimeoutMs));
    else
        close(QStringLiteral("request headers not complete within %1 ms").arg(m_limits.headerTimeoutMs));
}

void ConnectionGuard::reject(int status, const char *reason, const QString &why)
{
    m_socket->readAll(); // QHttpServer must not parse the rest of this request
    const QByteArray body = QByteArray(reason) + '\n';
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                    "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    qCInfo(lcExporter).noquote() << "HTTP" << status << "to" << peer(m_socket) << "and closed:" << why;
    close(QString());
}

void ConnectionGuard::close(const QString &why)
{
    if (m_closing)
        return;
    m_closing = true;
    m_head.clear();
    if (!why.isEmpty())
        qCDebug(lcExporter).noquote() << "closing connection from" << peer(m_socket) << why;
    m_socket->disconnectFromHost();
    // A client that never reads its socket would keep an unflushed close open forever.
    m_timer.disconnect();
    connect(&m_timer, &QTimer::timeout, m_socket, &QTcpSocket::abort);
    m_timer.start(m_limits.idleTimeoutMs);
}
