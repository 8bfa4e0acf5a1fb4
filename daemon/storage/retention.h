// SPDX-License-Identifier: MIT
// Retention: keeps [storage] min_free free and applies [storage] max_age by deleting old recordings.
#pragma once

#include "catalog.h"
#include "catalogrecord.h"
#include "recordingfiles.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

// ensureSpace() and applyMaxAge() are thread-safe (serialised by a mutex). The object and its minute
// timer belong to the thread that created it; start() and the setters must be called there, before
// start(). While the catalog is degraded (Catalog::health()) it works from the directory tree alone;
// one call deletes at most kMaxDeletionsPerPass files and stops after kMaxPassMilliseconds.
class Retention : public QObject
{
    Q_OBJECT
public:
    struct Space { qint64 freeBytes = 0; qint64 totalBytes = 0; };
    // Free space of the filesystem holding `directory`, or nullopt when it cannot be read.
    using FreeSpaceProbe = std::function<std::optional<Space>(const QString &directory)>;
    struct Verdict { bool ok = true; QString reason; Space space; };

    Retention(Catalog &catalog, const QString &recordingsDir, qint64 minFreeBytes, double maxAgeSeconds,
              FreeSpaceProbe probe = {} /* statvfs */, QObject *parent = nullptr);

    // Deletes the oldest 'complete'/'recovered' unprotected recordings (file + catalog, one log line
    // each) until free >= min_free; never `fileBeingWritten`. Recordings waiting for their upload
    // go only when no other is left (oldest first, each counted in counters.offload_lost). ok=false
    // with reason "insufficient storage space" when that cannot be reached.
    Verdict ensureSpace(const QString &fileBeingWritten);
    // Deletes unprotected 'complete'/'recovered' recordings older than max_age (none when it is 0),
    // but none that waits for its upload; none at all while the catalog is degraded with offload on.
    // Returns how many were deleted.
    int applyMaxAge();
    // With setDeleteUploaded(true): deletes every unprotected recording whose upload is done
    // ([offload] after_upload = delete; deleted_reason 'uploaded'). Returns how many were deleted.
    int applyAfterUpload();

    // Every 60 s: applyMaxAge() + ensureSpace() for the file last passed to ensureSpace().
    void start();

    static std::optional<Space> statvfsProbe(const QString &directory);

    // Files the recorder is writing (thread-safe predicate), never deleted, besides the one passed to
    // ensureSpace(). Empty: only that one.
    void setInUse(RecordingFiles::InUse inUse) { m_inUse = std::move(inUse); }
    // How to read the time in file names when ordering the directory tree (default UTC).
    void setFileNameTime(Qt::TimeSpec spec) { m_fileNameTime = spec; }
    // [offload] enabled with after_upload = delete (default false: uploaded files stay).
    void setDeleteUploaded(bool on) { m_deleteUploaded = on; }

    static constexpr int kMaxDeletionsPerPass = 50;
    static constexpr int kMaxPassMilliseconds = 2000;

signals:
    // Emitted whenever ok changes, from the thread that checked (ensureSpace()'s caller, or this
    // object's thread for the minute tick).
    void verdictChanged(const Retention::Verdict &verdict);

private:
    void tick();
    // ensureSpace() with the file being written replaced when `newFileBeingWritten` is given.
    Verdict check(const QString *newFileBeingWritten);
    // Called with m_mutex held.
    Verdict freeSpace(const QString &fileBeingWritten);
    // Deletes the oldest deletable recordings (started before `startedBefore` when valid) one at a
    // time while `wanted()`; `deleted(bytes)` follows each removed file. `which` are candidates, by their
    // upload; `deletedBefore` counts against the pass's budget. Returns how many were removed in all.
    int deleteOldest(const QString &deletedReason, const QDateTime &startedBefore, const QString &fileBeingWritten,
                     const std::function<bool()> &wanted, const std::function<QString()> &why,
                     const std::function<void(qint64)> &deleted,
                     Catalog::Candidates which = Catalog::Candidates::NotQueued, int deletedBefore = 0);
    // The same from the directory tree when the catalog is degraded: oldest first by the time in the
    // name (else the modification time); the rows follow through Catalog::recordingDeleted().
    int deleteFromTree(const QString &deletedReason, const QDateTime &startedBefore, const QString &fileBeingWritten,
                       const std::function<bool()> &wanted, const std::function<QString()> &why,
                       const std::function<void(qint64)> &deleted);
    bool mayDelete(const QString &path, const QString &fileBeingWritten) const;
    bool passBudgetLeft(int deletions);
    // fileRemoved false and rowUpdated true: the file was already gone, the row says 'vanished'.
    // freedBytes is 0 when the file was one of several hard links (an adopted recording): its
    // blocks stay with the other link.
    struct Deletion { bool fileRemoved = false; bool rowUpdated = false; qint64 freedBytes = 0; };
    Deletion deleteRecording(const CatalogRecord &row, const QString &deletedReason, const QString &why,
                             const QString &fileBeingWritten, bool countAsRetention);
    void removeEmptyDirectories(const QString &directory, const QString &fileBeingWritten);

    Catalog &m_catalog;
    QString m_recordingsDir;
    qint64 m_minFreeBytes;
    double m_maxAgeSeconds;
    FreeSpaceProbe m_probe;
    QTimer m_timer;
    QMutex m_mutex;
    QString m_fileBeingWritten;
    bool m_lastOk = true;
    bool m_probeFailed = false;   // logged once per failure, not at every check
    RecordingFiles::InUse m_inUse;
    Qt::TimeSpec m_fileNameTime = Qt::UTC;
    bool m_deleteUploaded = false;
    // Guarded by m_mutex.
    bool m_fromTree = false;       // the last pass worked from the directory tree (logged on change)
    bool m_maxAgePaused = false;   // max_age skipped while degraded with offload on (logged on change)
    QElapsedTimer m_passTimer;     // the current pass's time budget
    bool m_passCut = false;        // the current pass stopped on its budget with more left to delete
};

Q_DECLARE_METATYPE(Retention::Verdict)
