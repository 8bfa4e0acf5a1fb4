// SPDX-License-Identifier: MIT
// The storage thread's work: disk space (measured once, read by everyone), retention, reconciliation.
#pragma once

#include "cataloghealth.h"
#include "recordingfiles.h"
#include "retention.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>

class Catalog;
class LiveFiles;

// Thread-bound to the storage thread (its owner creates it, moves it there and calls its slots
// queued), except the accessors marked thread-safe. Every blocking thing about storage that is not
// writing video runs here: statvfs, retention's catalog queries and deletions, start-up recovery.
// So the capture, encoding and writer threads and the main loop never wait for the disk or SQLite.
class StorageMonitor : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        QString recordingsDir;
        qint64 minFreeBytes = 0;
        double maxAgeSeconds = 0;
        Qt::TimeSpec fileNameTime = Qt::UTC;
        double pollSeconds = 2;     // disk space measured this often
        double maxAgeEverySeconds = 60;   // max_age and after_upload = delete are applied this often
        bool deleteUploaded = false;      // [offload] enabled with after_upload = delete
    };

    // `catalog` and `liveFiles` are borrowed and must outlive this object's thread.
    StorageMonitor(Catalog &catalog, LiveFiles &liveFiles, const Settings &settings,
                   Retention::FreeSpaceProbe probe = {});
    ~StorageMonitor() override;

    // Thread-safe: the last measurement (0 until the first).
    qint64 freeBytes() const { return m_freeBytes; }
    qint64 totalBytes() const { return m_totalBytes; }
    // Thread-safe: false while retention cannot keep [storage] min_free free (the writer then
    // starts no new file); why, in insufficientReason().
    bool spaceOk() const { return m_spaceOk; }
    static QString insufficientReason();

public slots:
    // Opens the catalog, starts measuring and retention, then reconciles the catalog with the
    // files on disk (recovery), alongside the recording that has already started.
    void start();
    // Measures now and makes room if needed (a new file was started).
    void check();
    // The catalog's health changed (connected from the catalog's thread): a fresh or healed
    // catalog is reconciled with the disk here.
    void onCatalogHealth(const CatalogHealth &health);

signals:
    // From the storage thread, when spaceOk() changes; `reason` is empty when it is ok again.
    void spaceVerdictChanged(bool ok, const QString &reason);

private:
    void poll();
    void reconcile();
    void applyMaxAge();
    void measure();

    Catalog &m_catalog;
    LiveFiles &m_liveFiles;
    const Settings m_settings;
    Retention::FreeSpaceProbe m_probe;
    RecordingFiles::InUse m_inUse;
    std::unique_ptr<Retention> m_retention;
    QTimer *m_pollTimer;      // children: they move to the storage thread with this object
    QTimer *m_maxAgeTimer;
    std::atomic<qint64> m_freeBytes{0};
    std::atomic<qint64> m_totalBytes{0};
    std::atomic<bool> m_spaceOk{true};
};
