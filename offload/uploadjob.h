// SPDX-License-Identifier: MIT
// One upload: copy a recording with rclone, then check the remote copy's size and MD5.
#pragma once

#include <QDateTime>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

// Thread-bound (the main thread). Runs rclone as child processes one after another, never a shell:
//   1. rclone copyto LOCAL TARGET
//   2. rclone lsjson --stat --hash TARGET      size, and the remote's own MD5 when it has one
//   3. rclone hashsum md5 LOCAL                 the local MD5
//   4. rclone hashsum md5 --download TARGET     only when the remote gave no MD5 (plain WebDAV)
// and says finished() once. A failure's error is rclone's last line of stderr.
class UploadJob : public QObject
{
    Q_OBJECT
public:
    struct Request {
        QString rclone;
        QString rcloneConfig;
        QString bandwidthLimit;
        QString local;
        QString target;
    };

    UploadJob(const Request &request, QObject *parent = nullptr);

    void start();
    // Stops the running rclone at once (shutdown); finished() is not emitted.
    void abort();

    QString local() const { return m_request.local; }
    qint64 size() const { return m_size; }
    QDateTime started() const { return m_started; }

signals:
    // `remoteAnswered`: the remote took part (a verification mismatch), as opposed to not answering.
    void finished(bool ok, qint64 bytes, const QString &error, bool remoteAnswered);

private:
    enum class Step { Copy, Stat, LocalHash, RemoteHash };
    void run(Step step, const QStringList &arguments);
    void stepDone();
    void fail(const QString &error, bool remoteAnswered);
    static QString md5Of(const QByteArray &hashsumOutput);

    Request m_request;
    QProcess m_process;
    Step m_step = Step::Copy;
    qint64 m_size = 0;
    qint64 m_remoteSize = -1;
    QString m_remoteMd5;
    QString m_localMd5;
    QDateTime m_started;
    bool m_done = false;
};
