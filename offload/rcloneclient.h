// SPDX-License-Identifier: MIT
// Calls into `rclone rcd`'s remote-control API: JSON POSTs with basic auth, and reads of remote
// objects through --rc-serve.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkReply;

// Thread-bound (the main thread). Knows where the rcd listens and its credentials (RcloneDaemon
// sets them when it is ready, and clears them when it stops).
class RcloneClient : public QObject
{
    Q_OBJECT
public:
    struct Reply {
        bool answered = false; // rclone answered (any HTTP status); false: no rcd, timeout, connection lost
        bool ok = false;       // HTTP 200
        QJsonObject body;
        QString error;         // rclone's "error" text or the transport's, redacted; empty when ok
    };

    explicit RcloneClient(QObject *parent = nullptr);

    // An empty `base` means no rcd runs: calls fail at once.
    void setEndpoint(const QUrl &base, const QString &user, const QString &password);
    bool ready() const { return m_base.isValid() && !m_base.isEmpty(); }

    // POST `method` (e.g. "operations/stat") with `params`; `done` runs once, in `context`'s thread,
    // unless `context` is gone. A call silent for `timeoutMs` fails.
    void call(const QString &method, const QJsonObject &params, int timeoutMs, QObject *context,
              std::function<void(const Reply &)> done);
    // POST of a call that lasts as long as its work (a copy): no time limit here (the caller
    // bounds it), and its own connections, so the short calls never queue behind it (Qt opens at
    // most six per host). The caller owns the reply (nullptr when no rcd runs); aborting it cancels
    // the call in rclone (its request context ends). replyOf() reads it once finished.
    QNetworkReply *postLong(const QString &method, const QJsonObject &params);
    static Reply replyOf(QNetworkReply *reply);
    // The GET of `remote` on the remote `fs` through --rc-serve (the object's bytes), for a
    // QNetworkAccessManager of the caller's thread; invalid when no rcd runs. `idleTimeoutMs` ends
    // a read that stops moving.
    QNetworkRequest serveRequest(const QString &fs, const QString &remote, int idleTimeoutMs) const;
    // One line for a failed reply: rclone's "error" text, else the transport's (`reply` may be
    // nullptr: a job's status); redacted.
    static QString errorOf(QNetworkReply *reply, const QJsonObject &body);

private:
    QNetworkRequest request(const QString &method, int timeoutMs) const;

    QNetworkAccessManager m_network;
    QNetworkAccessManager m_long;
    QUrl m_base;
    QByteArray m_authorization;
};
