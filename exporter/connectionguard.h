// SPDX-License-Identifier: MIT
// Watches one client socket for the abuse QtHttpServer 6.4 does not bound: huge headers, slow
// clients, idle connections, request bodies, pipelined requests whose replies are never read.
#pragma once

#include "connectionlimits.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTimer>

class QTcpSocket;

// Thread-bound to its socket's thread; a child of the socket, so it dies with it.
//
// Its readyRead slot is connected before QHttpServer's, so it sees every chunk first: it peeks the
// bytes it has not seen yet, follows request heads by their empty line, and closes the connection
// before a limit is crossed. A second slot, connected after QHttpServer's (followHttpServer()),
// learns how much QHttpServer consumed and whether it answered.
//
// QtHttpServer answers each complete request at once and queues the reply without bound. While a
// reply is unsent, the guard holds the socket: it reads what arrives inside a QIODevice transaction
// so that QHttpServer finds nothing to parse, and rolls the transaction back (the bytes become
// readable again) once the reply is written. The socket's read buffer then fills and stops reading,
// so a client that sends but never reads costs one reply plus max_header_size, and is closed when its
// reply stays unsent for idle_timeout. It never parses HTTP beyond finding the end of a head, its
// version and the headers that announce a body or a close.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits);

    // Connects the slot that runs after QHttpServer's; call once QHttpServer has taken the socket.
    void followHttpServer();

    // A request on this connection waits for a late answer (a password check on a worker): it is
    // in progress, so it is neither evicted nor closed as idle; that answer closes the connection.
    bool answerPending() const;
    bool closing() const { return m_closing; }
    // Time this connection has held its slot without being answered: since it connected or since
    // its last answered request. The connection with the most is the first to be evicted.
    qint64 unproductiveMs() const { return m_lastServed.elapsed(); }
    // The peer's address, kept after the socket forgets it on close.
    const QHostAddress &peerAddress() const { return m_peer; }

    // Closes the connection to make room for a new one.
    void evict();

signals:
    // A request was answered with an error status and its connection closed (431, 413, 505):
    // counted in the refusal summary rather than logged one by one.
    void rejected(const QHostAddress &peer, const QString &reason);

private:
    void onReadyRead();
    void onHttpServerRead();
    void onBytesWritten();
    void onTimeout();
    void examine(const QByteArray &bytes);
    void headComplete();
    void hold();
    void release();
    void rearm();
    void reject(int status, const char *reason, const QString &why);
    void close(const QString &why);
    QString peer() const;

    QTcpSocket *m_socket; // the parent
    ConnectionLimits m_limits;
    QHostAddress m_peer;
    quint16 m_peerPort = 0;
    QByteArray m_head;         // the current request's head so far, at most maxHeaderBytes
    int m_lineLength = 0;      // characters other than CR on the current line
    qint64 m_examinedAhead = 0; // bytes at the socket's read position the guard has already examined
    qint64 m_queuedBefore = 0;  // bytesToWrite() when QHttpServer's slot began
    QList<bool> m_unserved;    // complete heads QHttpServer has not answered yet: asks to close?
    bool m_holding = false;    // a transaction hides the received bytes from QHttpServer
    bool m_closing = false;
    QTimer m_timer;            // the earliest deadline of the ones below that apply
    QElapsedTimer m_lastServed; // connected, or last request answered: idle timeout and eviction
    QElapsedTimer m_headStarted; // first byte of the current head: header timeout
    QElapsedTimer m_holdStarted; // reply unsent since: the send deadline (idle timeout)
};
