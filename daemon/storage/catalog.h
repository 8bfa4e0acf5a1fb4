// SPDX-License-Identifier: MIT
// The recorder's writer of the SQLite catalog: queued writes on its own thread, blocking queries.
#pragma once

#include "cataloghealth.h"
#include "catalogrecord.h"
#include "recordinginfo.h"

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QVariantMap>

#include <atomic>
#include <optional>

class CatalogWorker;

// Thread-safe. Owns a worker QThread on which all SQL runs (through CatalogWorker). Writes are queued
// and return at once, so they never block the capture or encoding threads; the blocking helpers wait
// for every write queued before them, so a query always sees the caller's own earlier writes.
// Never call the blocking helpers from the catalog's own thread (nothing outside this class runs there).
//
// The catalog never stops recording (docs/catalog.md, "When the catalog fails"): a corrupt file is moved
// aside to catalog.db.corrupt-<UTC time> and replaced by a fresh one (health().rebuildNeeded: run
// Recovery); a file that cannot be opened, created or written makes it degraded: writes wait in
// memory, in order, a timer on the catalog thread retries (reopening the file) and it heals by itself.
class Catalog : public QObject
{
    Q_OBJECT
public:
    explicit Catalog(const QString &databasePath, QObject *parent = nullptr);
    ~Catalog() override;   // drains queued writes, closes, stops its thread

    QString databasePath() const { return m_databasePath; }

    // Blocking, at start-up: opens the file (WAL), checks it (PRAGMA quick_check) and migrates the
    // schema; a corrupt file is moved aside first. Never a reason to stop: the result is "" when the
    // catalog is usable now, else the reason it is degraded (it keeps retrying and heals by itself).
    QString open();

    // Non-blocking, any thread: the catalog's health as the catalog thread last published it.
    CatalogHealth health() const;
    // How often a degraded catalog retries (default 5000 ms). Blocking; for tests.
    void setRetryInterval(int milliseconds);
    // Recovery calls this when it starts reconciling, so health().rebuildNeeded says whether another
    // reconciliation is due. Blocking.
    void clearRebuildNeeded();

    // Queued writes.
    void recordingStarted(const RecordingInfo &info);    // upsert, state 'recording'
    // Upsert with end/duration/size/frames…; `state` is the file's real end state: 'complete' when it
    // was closed cleanly, 'recovered' when its writer had to cut it back, 'corrupted' when nothing plays.
    void recordingFinished(const RecordingInfo &info, const QString &state = QStringLiteral("complete"));
    // State 'deleted' with `reason` (retention counted as markDeleted() does). For deletions made while
    // the catalog is degraded: the row follows when it heals.
    void recordingDeleted(const QString &path, const QString &reason, bool countAsRetention);

    // Blocking: returns when every write queued before it is committed, or kept for a retry when the
    // database cannot take it now (then pendingWrites() > 0); it never waits for a full disk.
    void flush();
    // Blocking: writes kept for a retry because the database was busy, full or not open.
    int pendingWrites();

    // Blocking query helpers. Queries return an empty list / nullopt when the catalog is not open.
    // Newest first by start time; `states` empty means every state.
    QList<CatalogRecord> list(int limit, int offset = 0, const QStringList &states = {});
    std::optional<CatalogRecord> find(const QString &path);
    QList<CatalogRecord> inState(const QString &state);
    // Every path whose row is not 'deleted'.
    QStringList livePaths();
    // Which finished recordings deletable() offers, by their upload (docs/storage.md, "Offload"):
    // those not waiting for an upload (no uploads row, or 'uploaded'), only those waiting for one
    // ('pending', 'uploading' or 'failed': kept while others can go), or only 'uploaded' ones.
    // With offload disabled every finished recording is NotQueued (leftover rows protect nothing) and
    // the other two offer none.
    enum class Candidates { NotQueued, Queued, Uploaded };
    // Oldest first: 'complete' and 'recovered' rows that are not protected, optionally only those that
    // started before `startedBefore`; never `exceptPath`.
    QList<CatalogRecord> deletable(int limit, const QString &exceptPath,
                                   const QDateTime &startedBefore = QDateTime(),
                                   Candidates candidates = Candidates::NotQueued);
    // Counter from the `counters` table, or -1 when unknown.
    qint64 counter(const QString &name);

    // Every row that is not 'deleted', oldest first.
    QList<CatalogRecord> liveRecords();

    // Protect/Unprotect, durable when it returns "": the marker beside the file (ProtectMarker) is
    // created or removed and its directory fsynced, then the row's flag is written (queued behind any
    // kept writes when the catalog is degraded; the marker is the truth until it is). The reason when
    // `path` is not an existing *.mp4 regular file or the marker cannot be changed. Blocking.
    QString setProtected(const QString &path, bool on);

    // Blocking writes for Recovery and Retention. Each returns "" or the reason (an unknown path is a
    // reason too); a degraded catalog answers at once with its reason.
    // The row's flag only (Recovery sets it from the marker).
    QString setProtectedFlag(const QString &path, bool on);
    // Whether markers have been written for the rows protected before markers existed (done once per catalog).
    bool protectMarkersWritten();
    QString setProtectMarkersWritten();
    // Recovery's result for one file, as a whole row: state 'recovered', 'complete' or 'corrupted'
    // with the real end, duration and size. Inserts the row when the path has none (adoption) and
    // revives a 'deleted' one whose file is back. The protected flag is kept.
    QString upsertRecovered(const RecordingInfo &info, const QString &state);
    QString markCorrupted(const QString &path, const QString &reason);
    // State 'deleted' with `reason`; when `countAsRetention`, counter retention_deleted grows by one
    // in the same transaction. A recording still waiting for its upload also loses its uploads row
    // and counts in counters.offload_lost (this and recordingDeleted()).
    QString markDeleted(const QString &path, const QString &reason, bool countAsRetention);

    // The offload's upload queue (table uploads; docs/catalog.md, docs/dbus-api.md "org.recorder.Uploads1").
    // With offload enabled, every recording that becomes 'complete' or 'recovered' gets a 'pending'
    // row in the same transaction. Set it before open(); any thread.
    void setOffloadEnabled(bool enabled) { m_offloadEnabled = enabled; }
    bool offloadEnabled() const { return m_offloadEnabled; }
    // Blocking, at start-up after reconciliation: 'uploading' rows go back to 'pending' (the uploader
    // died mid-copy) and, with offload enabled, every complete/recovered recording without a row is
    // queued, oldest first. Returns "" or the reason. Until it has succeeded, beginUpload(),
    // finishUpload() and retryUploads() answer Unavailable: a claim made before it would be undone.
    QString prepareUploads();

    enum class UploadOutcome { Ok, NotFound, NotAllowed, InvalidArgument, Unavailable, Failed };
    // Blocking. Each answers Unavailable while the catalog is degraded and Failed when SQL fails,
    // with the reason in `error`.
    // Rows to upload ('pending' and 'failed'), oldest queued first, keyed as docs/dbus-api.md says.
    UploadOutcome pendingUploads(int limit, QList<QVariantMap> *rows, QString *error);
    // The row goes to 'uploading' with one more attempt. Its remote path is fixed at the first claim:
    // `*remotePath` is set to the one to use. NotFound: no uploads row; NotAllowed: already uploaded.
    UploadOutcome beginUpload(const QString &path, const QString &wantedRemotePath, QString *remotePath,
                              QString *error);
    // From 'uploading' only (NotAllowed otherwise): 'uploaded' with `bytes`, or 'failed' with `uploadError`.
    UploadOutcome finishUpload(const QString &path, bool ok, qint64 bytes, const QString &uploadError,
                               QString *error);
    // Every 'failed' row back to 'pending' (attempts kept); `*count` says how many.
    UploadOutcome retryUploads(uint *count, QString *error);
    // Every 'uploading' row back to 'pending' (attempts kept) when the uploader left the bus (it died
    // mid-copy while recorderd runs); `*count` says how many. Unavailable before prepareUploads(),
    // which does the same at start-up.
    UploadOutcome releaseUploads(uint *count, QString *error);
    // Counts per state, oldest_pending_ms and lost, as UploadQueue() answers them.
    UploadOutcome uploadQueue(QVariantMap *summary, QString *error);

signals:
    // Emitted on the catalog thread whenever health() changes; connect with Qt::QueuedConnection (or
    // AutoConnection from an object of another thread) to act on it.
    void healthChanged(const CatalogHealth &health);
    // An uploads row was queued or changed state (any thread; the uploader wakes on it).
    void uploadsChanged();

private:
    // Every row in `state` back to 'pending' (RetryUploads, releaseUploads).
    UploadOutcome requeue(const QString &state, uint *count, QString *error);

    QString m_databasePath;
    mutable QMutex m_healthMutex;
    CatalogHealth m_health;                // guarded by m_healthMutex; written by the worker's signal
    QThread m_thread;
    CatalogWorker *m_worker = nullptr;   // lives on m_thread; deleted there when it finishes
    std::atomic<bool> m_offloadEnabled{false};
    std::atomic<bool> m_uploadsPrepared{false};
};
