// SPDX-License-Identifier: MIT
// The queue loop: asks recorderd for rows to upload, uploads them, and tells recorderd the outcome.
#pragma once

#include "attempthistory.h"
#include "backoff.h"
#include "offloadsettings.h"
#include "rcloneclient.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <QVariantMap>

class RcloneDaemon;
class UploadJob;

// Thread-bound (the main thread). Event driven: wakes on recorderd's UploadsChanged signal, on
// the end of an upload and on one timer (backoff, min_age, recorderd away); never polls the queue
// otherwise. recorderd owns the queue and fixes each row's remote path at its first claim
// (BeginUpload), so an upload interrupted by a crash is redone under the same name.
class Uploader : public QObject
{
    Q_OBJECT
public:
    Uploader(const OffloadSettings &settings, const QDBusConnection &bus, QObject *parent = nullptr);
    ~Uploader() override;

    void start();
    // Graceful stop: kills running copies and reports them failed to recorderd, so that their rows
    // are tried again at once instead of waiting for recorderd's next start.
    void stop();

    void pause();
    void resume();
    // Asks recorderd to requeue failed rows and drops the backoff.
    void retry();

    // The status file's document (docs/offload.md).
    QJsonObject status() const;

private slots:
    // Coalesces wake-ups (UploadsChanged, an upload's end) into one poll on the next loop turn.
    void schedule();

private:
    struct Row {
        QString path;
        qint64 startTimeMs = 0;
        QString remotePath;
    };
    // One row's own wait after failures the remote took part in (the file is at fault, not the
    // network): that row waits, the rest of the queue goes on.
    struct RowWait {
        Backoff backoff;
        qint64 nextAttemptMs = 0;
    };
    // An outcome recorderd has not acknowledged yet (no answer, or Unavailable): sent again until it
    // answers, so that the row does not stay 'uploading'.
    struct Outcome {
        bool ok = false;
        qint64 bytes = 0;
        QString error;
        bool inFlight = false;
    };

    void poll();
    void takeRows(const QList<QVariantMap> &rows);
    void begin(const Row &row);
    void run(const QString &path, const QString &remotePath);
    void finished(UploadJob *job, const QString &remotePath, bool ok, qint64 bytes, const QString &error,
                  bool remoteAnswered);
    void probe();
    void probed(bool answered);
    // The remote's hash types (operations/fsinfo), once: they say how copies are verified.
    void learnHashes();
    bool waitingForHashes() const;
    // The row failed with the remote answering: its own backoff grows.
    void rowFailed(const QString &path);
    void sendOutcome(const QString &path);
    void resendOutcomes();
    void wakeAt(qint64 msSinceEpoch);
    bool hasRoom() const;
    // The status file, within kStatusCoalesceMs (changes in between are written once).
    void writeStatus();
    void writeStatusNow();
    QDBusMessage call(const QString &method) const;
    QString state() const;

    OffloadSettings m_settings;
    QDBusConnection m_bus;
    Backoff m_backoff;
    AttemptHistory m_history;
    QHash<QString, UploadJob *> m_running; // nullptr while BeginUpload is under way
    QTimer m_wake;
    QTimer m_statusTimer;
    QTimer m_statusSoon;
    QTimer m_resend;
    RcloneDaemon *m_daemon;               // the one rclone rcd every upload and probe goes through
    RcloneClient m_client;
    QThread m_verifyThread;                // the read-backs (ReadBackCheck): never the main thread
    QStringList m_remoteHashes;
    bool m_hashesKnown = false;
    bool m_learningHashes = false;
    QHash<QString, int> m_generations;    // each running upload's rcd generation at its start
    QHash<QString, RowWait> m_rowWaits;
    QHash<QString, Outcome> m_outcomes;   // FinishUpload not acknowledged yet; the row is not claimed again
    // Failed without the remote answering (path, rcd generation): the probe tells whose fault.
    QList<std::pair<QString, int>> m_unexplained;
    bool m_probeAfterFailure = false;     // the probe's answer decides between row and shared backoff
    bool m_probing = false;
    bool m_probeWanted = false;           // asked for while no rcd ran
    bool m_paused = false;
    bool m_querying = false;
    bool m_dirty = false;          // woken while a query was under way: ask again after it
    bool m_waitingForAge = false;  // rows exist that min_age or their own backoff still hold back
    bool m_internet = false;
    qint64 m_nextAttemptMs = 0;    // the shared wait: only while the remote does not answer
    uint m_limit = 0;              // the last PendingUploads' limit
    qint64 m_succeeded = 0;
    qint64 m_failed = 0;
    qint64 m_bytes = 0;
    QString m_lastError;
    QJsonObject m_lastUpload;
};
