// SPDX-License-Identifier: MIT
// Watches one client socket for the abuse QtHttpServer 6.4 does not bound: huge headers, slow
// clients, idle connections, request bodies, pipelined requests whose replies are never read.
#include "connectionguard.h"

#include "exporterlogging.h"
#include "pendingreply.h"

#include <QTcpSocket>

#include <algorithm>
#include <limits>

namespace {

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

// The HTTP version the request line names when it is one QtHttpServer 6.4 would accept but does not
// speak (it takes any "HTTP/x.y"); empty for 1.0, 1.1 and request lines it rejects by itself.
QByteArray unsupportedVersion(const QByteArray &head)
{
    const QByteArray requestLine = head.left(head.indexOf('\n')).trimmed();
    const QByteArray version = requestLine.mid(requestLine.lastIndexOf(' ') + 1);
    if (!version.startsWith("HTTP/") || version == "HTTP/1.1" || version == "HTTP/1.0")
        return {};
    return version;
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits)
    : QObject(socket),
      m_socket(socket),
      m_limits(limits),
      m_peer(socket->peerAddress()),
      m_peerPort(socket->peerPort())
{
    // Bounds what the socket buffers between two reads, whatever the client sends; one byte over
    // the limit so that a head of exactly the limit is told from a longer one. While the guard
    // holds the socket this is also all it reads ahead of the reply the client has not taken.
    m_socket->setReadBufferSize(m_limits.maxHeaderBytes + 1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::onBytesWritten);
    // A closed socket has nothing to parse, but QtHttpServer queues a readyRead after each pipelined
    // request: delivered after the close, it made every reader warn "device not open".
    const auto stopReading = [this] { QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr); };
    connect(m_socket, &QIODevice::aboutToClose, this, stopReading);
    connect(m_socket, &QAbstractSocket::disconnected, this, stopReading);
    m_lastServed.start();
    rearm();
}

void ConnectionGuard::followHttpServer()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onHttpServerRead);
}

void ConnectionGuard::evict()
{
    const bool unsent = m_socket->bytesToWrite() > 0;
    close(QStringLiteral("evicted to make room for a new client after %1 ms without an answered request")
              .arg(unproductiveMs()));
    // A reply it has not taken would keep the socket (and its descriptor) lingering for the idle
    // timeout: an evicted client gets nothing more.
    if (unsent)
        m_socket->abort();
}

void ConnectionGuard::onReadyRead()
{
    if (m_closing)
        return;
    // Only the bytes not seen before: QtHttpServer parses one request per readyRead and leaves the
    // rest of a pipeline for the next one.
    const qint64 available = m_socket->bytesAvailable();
    m_examinedAhead = std::min(m_examinedAhead, available);
    if (available > m_examinedAhead) {
        const QByteArray fresh = m_socket->peek(available).mid(int(m_examinedAhead));
        m_examinedAhead = available;
        examine(fresh);
        if (m_closing)
            return;
    }
    // A request waiting for its password check has no reply queued yet, but what follows it must
    // wait as well (HttpService drops requests pipelined behind it).
    if (m_holding || m_socket->bytesToWrite() > 0 || answerPending())
        hold();
    m_queuedBefore = m_socket->bytesToWrite();
}

void ConnectionGuard::onHttpServerRead()
{
    if (m_closing)
        return;
    m_examinedAhead = m_socket->bytesAvailable(); // what QtHttpServer left, all of it examined
    // QtHttpServer answers a complete request in the same slot, so a reply queued now is its answer.
    if (m_socket->bytesToWrite() <= m_queuedBefore)
        return;
    const bool closeAfter = !m_unserved.isEmpty() && m_unserved.takeFirst();
    m_lastServed.start();
    if (closeAfter)
        close(QStringLiteral("as the client asked"));
    else
        rearm();
}

void ConnectionGuard::onBytesWritten()
{
    if (m_holding && !m_closing && m_socket->bytesToWrite() == 0)
        release();
}

void ConnectionGuard::hold()
{
    if (!m_holding) {
        // QtHttpServer's own transaction is open only in the middle of a request, and it queues no
        // reply before the request is complete: nothing to hold back then.
        if (m_socket->isTransactionStarted())
            return;
        m_holding = true;
        m_holdStarted.start();
        m_socket->startTransaction();
        rearm();
    }
    m_socket->read(m_socket->bytesAvailable()); // inside the transaction: kept for release()
    m_examinedAhead = 0;
}

void ConnectionGuard::release()
{
    m_holding = false;
    m_holdStarted.invalidate();
    m_socket->rollbackTransaction();
    m_examinedAhead = m_socket->bytesAvailable();
    rearm();
    // The held bytes arrived while QtHttpServer looked away: tell it they are there, as it does itself.
    if (m_examinedAhead > 0)
        QMetaObject::invokeMethod(m_socket, &QAbstractSocket::readyRead, Qt::QueuedConnection);
}

void ConnectionGuard::examine(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (m_head.isEmpty() && m_lineLength == 0) {
            if (c == '\r' || c == '\n')
                continue; // blank lines before a request line are allowed and ignored
            m_headStarted.start(); // the header deadline runs from here, whatever comes later
            rearm();
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

bool ConnectionGuard::answerPending() const
{
    return PendingReply::marked(m_socket);
}

void ConnectionGuard::headComplete()
{
    if (announcesBody(m_head)) {
        reject(413, "Payload Too Large", QStringLiteral("a request body was announced; no route accepts one"));
        return;
    }
    const QByteArray version = unsupportedVersion(m_head);
    if (!version.isEmpty()) {
        reject(505, "HTTP Version Not Supported",
               QStringLiteral("the request is %1; allowed: HTTP/1.0 and HTTP/1.1")
                   .arg(QString::fromLatin1(version.left(32))));
        return;
    }
    m_unserved.append(asksToClose(m_head));
    m_head.clear();
    m_headStarted.invalidate();
    rearm();
}

void ConnectionGuard::rearm()
{
    // Idle counts between requests only; a head in progress has its own deadline, and so has a
    // reply the client does not take (it may keep sending requests, each of which used to count as
    // activity).
    qint64 remaining = std::numeric_limits<qint64>::max();
    if (m_holding)
        remaining = std::min(remaining, m_limits.idleTimeoutMs - m_holdStarted.elapsed());
    if (m_headStarted.isValid())
        remaining = std::min(remaining, m_limits.headerTimeoutMs - m_headStarted.elapsed());
    if (!m_holding && !m_headStarted.isValid())
        remaining = m_limits.idleTimeoutMs - m_lastServed.elapsed();
    m_timer.start(int(std::max<qint64>(0, remaining)));
}

void ConnectionGuard::onTimeout()
{
    if (m_closing)
        return;
    if (m_holding && m_holdStarted.elapsed() >= m_limits.idleTimeoutMs) {
        // Nothing queued for it will ever be read: drop it rather than wait for a flush.
        close(QStringLiteral("its reply stayed unread for %1 ms while it sent more requests").arg(m_limits.idleTimeoutMs));
        m_socket->abort();
    } else if (m_headStarted.isValid() && m_headStarted.elapsed() >= m_limits.headerTimeoutMs) {
        close(QStringLiteral("request headers not complete within %1 ms").arg(m_limits.headerTimeoutMs));
    } else if (!m_holding && !m_headStarted.isValid() && m_lastServed.elapsed() >= m_limits.idleTimeoutMs) {
        if (answerPending())
            m_timer.start(m_limits.idleTimeoutMs); // not idle: the late answer closes the connection
        else
            close(QStringLiteral("idle for %1 ms").arg(m_limits.idleTimeoutMs));
    } else {
        rearm();
    }
}

void ConnectionGuard::reject(int status, const char *reason, const QString &why)
{
    const QByteArray body = QByteArray(reason) + '\n';
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                    "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    qCDebug(lcExporter).noquote() << "HTTP" << status << "to" << peer() << "and closed:" << why;
    emit rejected(m_peer, QStringLiteral("HTTP %1 %2").arg(status).arg(QLatin1String(reason)));
    close(QString()); // QtHttpServer never sees this request: close() disconnects it first
}

void ConnectionGuard::close(const QString &why)
{
    if (m_closing)
        return;
    m_closing = true;
    m_head.clear();
    m_unserved.clear();
    if (!why.isEmpty())
        qCDebug(lcExporter).noquote() << "closing connection from" << peer() << why;
    // Nothing more reaches the HTTP parser, QtHttpServer's slot later in this emission included.
    QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    m_socket->disconnectFromHost();
    // A client that never reads its socket would keep an unflushed close open forever.
    m_timer.disconnect();
    connect(&m_timer, &QTimer::timeout, m_socket, &QTcpSocket::abort);
    m_timer.start(m_limits.idleTimeoutMs);
}

QString ConnectionGuard::peer() const
{
    return m_peer.toString() + QLatin1Char(':') + QString::number(m_peerPort);
}
