// SPDX-License-Identifier: MIT
// One upload: copy a recording through the rcd, then check the remote copy's size and hash.
#pragma once

#include "rcloneclient.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

class QThread;
class RcloneJob;
class ReadBackCheck;

// Thread-bound (the main thread). Drives the uploader's rclone rcd (docs/offload.md), in steps:
//   1. operations/copyfile LOCAL -> REMOTE/PATH      (an RcloneJob: stoppable, its bytes known)
//   2. operations/stat with hashes                   size, and the hashes the remote has (skipped
//                                                    for a remote known to keep none: see 3)
//   3. the verification:
//      - md5, sha1 or sha256 given by the remote: compared with the local file's, computed in a
//        pool thread from step 1 on (it reads the disk while the copy runs) when the remote's
//        hash types (operations/fsinfo, Request::remoteHashes) say which one it will be;
//      - another type rclone knows (quickxor, crc32, ...): core/command hashsum TYPE LOCAL;
//      - none (plain WebDAV): the remote copy is read back through the rcd (--rc-serve) and
//        compared byte for byte (ReadBackCheck, in `verifyThread`).
// and says copied() when step 1 succeeded, finished() once. Every step has a time limit (5 min, plus 1 s per 64 KiB for the steps
// that move the file's bytes): a stuck step is stopped in rclone and the upload fails saying so.
class UploadJob : public QObject
{
    Q_OBJECT
public:
    struct Request {
        QString remote;      // [offload] remote, "nas:recordings"
        QString remotePath;  // relative to it, fixed by recorderd at the first claim
        QString local;
        // The remote's hash types (operations/fsinfo "Hashes"), empty when it keeps none; none
        // while not known yet (no local hash is started ahead then, and the copy is statted).
        std::optional<QStringList> remoteHashes;
    };

    // `verifyThread` runs the read-backs; it outlives the job.
    UploadJob(RcloneClient *client, QThread *verifyThread, const Request &request, QObject *parent = nullptr);
    ~UploadJob() override;

    void start();
    // Stops the running step (shutdown, or the rcd went away); finished() is not emitted.
    void abort();
    // The remote's hash types, learnt while this job ran; they choose its verification.
    void setRemoteHashes(const QStringList &types) { m_request.remoteHashes = types; }

    QString local() const { return m_request.local; }
    qint64 size() const { return m_size; }
    // Bytes copied so far (the copy's rc stats group; the size once copied).
    qint64 bytes() const;
    QDateTime started() const { return m_started; }
    // Still copying (not yet verifying, not finished).
    bool copying() const { return !m_copied && !m_done; }
    bool downloaded() const { return m_readBackStarted; }

signals:
    // `remoteAnswered`: the remote took part (a verification mismatch), as opposed to not answering.
    // `downloaded()` says afterwards whether the remote copy was read back.
    void finished(bool ok, qint64 bytes, const QString &error, bool remoteAnswered);
    // The copy ended well; the verification starts.
    void copied();

private:
    void runJob(const QString &method, const QJsonObject &params, bool movesTheFile);
    void copyEnded(const RcloneClient::Reply &reply);
    void verify();
    void stat();
    void statted(const RcloneClient::Reply &reply);
    void hashedRemotely(const RcloneClient::Reply &reply);
    void readBack();
    void hashLocally(QCryptographicHash::Algorithm algorithm);
    void localHashed();
    void compareIfReady();
    void armStepTimer(bool movesTheFile);
    void stopStep();
    void fail(const QString &error, bool remoteAnswered);
    // A step's time limit, or RECORDER_OFFLOAD_TEST_STEP_SECONDS whatever the step (tests only).
    qint64 stepLimitSeconds(bool movesTheFile) const;

    RcloneClient *m_client;
    QThread *m_verifyThread;
    Request m_request;
    QTimer m_stepTimer;
    QString m_stepName;
    RcloneJob *m_job = nullptr;                // the running rc job
    ReadBackCheck *m_readBack = nullptr;       // the running read-back; lives in m_verifyThread
    bool m_readBackStarted = false;
    QFutureWatcher<QByteArray> m_localHashWatcher;
    std::shared_ptr<std::atomic_bool> m_cancelLocalHash = std::make_shared<std::atomic_bool>(false);
    qint64 m_size = 0;
    qint64 m_copiedBytes = 0;
    QString m_hashType;        // the local hash under way or done; empty: none
    QString m_remoteHash;      // empty until known
    QString m_localHash;       // empty until known
    bool m_localHashFailed = false;
    QDateTime m_started;
    bool m_copied = false;
    bool m_done = false;
    static int s_groups;
};
