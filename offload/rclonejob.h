// SPDX-License-Identifier: MIT
// One asynchronous rc call (`_async`): started, watched until it ends, stoppable.
#pragma once

#include "rcloneclient.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

// Thread-bound (the main thread). Runs `method` in the rcd as a job of its own stats group, so that
// a stuck call can be stopped (job/stop) and, with `trackBytes`, the bytes it moved are known
// (core/stats of the group). Watches job/status on a timer: a few milliseconds at first, so a short
// call ends soon, then every 50 ms. finished() is emitted once, unless stop() came first.
class RcloneJob : public QObject
{
    Q_OBJECT
public:
    RcloneJob(RcloneClient *client, const QString &method, const QJsonObject &params, const QString &group,
              bool trackBytes, QObject *parent = nullptr);
    ~RcloneJob() override;

    void start();
    // Asks the rcd to stop the job (if it runs); no finished() afterwards.
    void stop();
    QString method() const { return m_method; }
    qint64 bytes() const { return m_bytes; }

signals:
    // `reply.body` is the job's output on success; `reply.answered` says the rcd ran the job (its
    // error is then the remote's or the operation's, not a lost rcd).
    void finished(const RcloneClient::Reply &reply);

private:
    void poll();
    void done(const RcloneClient::Reply &reply);
    void forgetGroup();

    RcloneClient *m_client;
    QString m_method;
    QJsonObject m_params;
    QString m_group;
    bool m_trackBytes;
    qint64 m_jobId = -1;
    qint64 m_bytes = 0;
    int m_polls = 0;
    bool m_done = false;
    QTimer m_poll;
};
