// SPDX-License-Identifier: MIT
// One upload: copy a recording with rclone, then check the remote copy's size and hash.
#pragma once

#include <QDateTime>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

// Thread-bound (the main thread). Runs rclone as child processes one after another, never a shell:
//   1. rclone copyto LOCAL TARGET
//   2. rclone lsjson --stat --hash TARGET      size, and the hashes the remote has (md5, sha1, ...)
//   3. rclone hashsum TYPE LOCAL                the local file's hash of the first type the remote
//                                               gave that rclone computes locally
//   4. rclone hashsum md5 --download TARGET     only when the remote gave none (plain WebDAV)
// and says finished() once. A failure's error is rclone's last line of stderr (URL passwords
// removed). Each step has a time limit: a stuck rclone is killed and the upload fails with that reason.
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
    bool downloaded() const { return m_downloaded; }

signals:
    // `remoteAnswered`: the remote took part (a verification mismatch), as opposed to not answering.
    // `downloaded()` says afterwards whether step 4 was needed.
    void finished(bool ok, qint64 bytes, const QString &error, bool remoteAnswered);

private:
    enum class Step { Copy, Stat, LocalHash, RemoteHash };
    void run(Step step, const QStringList &arguments);
    void stepDone();
    void fail(const QString &error, bool remoteAnswered);
    static QString hashOf(const QByteArray &hashsumOutput);

    Request m_request;
    QProcess m_process;
    QTimer m_stepTimer;
    QStringList m_arguments;   // the running step's
    Step m_step = Step::Copy;
    qint64 m_size = 0;
    qint64 m_remoteSize = -1;
    QString m_hashType;
    QString m_remoteHash;
    QString m_localHash;
    bool m_downloaded = false;
    QDateTime m_started;
    bool m_done = false;
};
