// SPDX-License-Identifier: MIT
// One rc call that lasts as long as its work (a copy): started, awaited, stoppable.
#pragma once

#include "rcloneclient.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <memory>

class QNetworkReply;

// Thread-bound (the main thread). Runs `method` in the rcd as a synchronous call in its own stats
// group: the answer comes the moment the work ends (no job/status polling, which cost up to 50 ms
// a step), the group's bytes are known with `trackBytes` (core/stats every 500 ms), and stop()
// ends it in rclone: dropping the request cancels its context, and job/stopgroup covers an rcd
// that has not noticed yet. finished() is emitted once, unless stop() came first.
class RcloneJob : public QObject
{
    Q_OBJECT
public:
    RcloneJob(RcloneClient *client, const QString &method, const QJsonObject &params, const QString &group,
              bool trackBytes, QObject *parent = nullptr);
    ~RcloneJob() override;

    void start();
    // Stops the call in rclone (if it runs); no finished() afterwards.
    void stop();
    QString method() const { return m_method; }
    qint64 bytes() const { return m_bytes; }

signals:
    // `reply.body` is the call's output on success; `reply.answered` says the rcd ran the call (its
    // error is then the remote's or the operation's, not a lost rcd).
    void finished(const RcloneClient::Reply &reply);

private:
    // Shared with a core/stats call under way, which may answer after this job is gone.
    struct Poll {
        bool inFlight = false;
        bool forgetWhenAnswered = false; // the job ended meanwhile: the group is deleted then
    };

    void pollBytes();
    void done(const RcloneClient::Reply &reply);
    void forgetGroup();
    static void deleteGroup(RcloneClient *client, const QString &group);

    RcloneClient *m_client;
    QString m_method;
    QJsonObject m_params;
    QString m_group;
    bool m_trackBytes;
    qint64 m_bytes = 0;
    bool m_done = false;
    QPointer<QNetworkReply> m_reply;
    QTimer m_bytesTimer;
    std::shared_ptr<Poll> m_poll = std::make_shared<Poll>();
};
