// SPDX-License-Identifier: MIT
// The uploader's one long-running `rclone rcd`: started, supervised, restarted, stopped.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>
#include <QUrl>

// Thread-bound (the main thread). One rcd child, listening on a free loopback port that rclone's
// "Serving remote control on URL" line names; its basic-auth password is random per start and
// reaches the child through its environment only. rclone's log lines go to the uploader's log, one
// line each, redacted. When the rcd dies it is started again after a growing wait (1 s doubling to
// 60 s; back to 1 s once it ran a minute), with one log line saying why. It dies with this process
// (PR_SET_PDEATHSIG), so a killed uploader leaves no rcd behind.
class RcloneDaemon : public QObject
{
    Q_OBJECT
public:
    RcloneDaemon(const QString &rclone, const QStringList &arguments, QObject *parent = nullptr);
    ~RcloneDaemon() override;

    void start();
    // SIGTERM (rclone's own orderly exit, as core/quit, without needing the event loop that is about to
    // end), then SIGKILL after 3 s. Blocking: called on the way out.
    void stop();

    bool ready() const { return !m_url.isEmpty(); }
    QUrl url() const { return m_url; }
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    // Counts starts: a call made under one rcd and failing under another was cut by the restart.
    int generation() const { return m_generation; }
    qint64 processId() const { return m_process.processId(); }

signals:
    void started();            // ready(): url(), user() and password() are valid
    void stopped(const QString &reason);

private:
    void readLog();
    void exited(const QString &reason);

    QString m_rclone;
    QStringList m_arguments;
    QProcess m_process;
    QTimer m_restart;
    QTimer m_readyTimeout;
    QElapsedTimer m_running;
    QByteArray m_pending;       // a log line not ended yet
    QUrl m_url;
    QString m_user;
    QString m_password;
    int m_generation = 0;
    int m_restartSeconds = 1;
    bool m_stopping = false;
    QString m_lastLine;         // rclone's last log line: the reason when it exits
};
