// SPDX-License-Identifier: MIT
// Polls the heartbeat, watchdog status, preview and offload status files on a worker thread for the status page.
#pragma once

#include "statussnapshot.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

// Thread-bound to the UI thread. File reads and JPEG decoding run in QtConcurrent's pool, one read
// at a time; results come back through snapshotReady() on the UI thread, so a slow or hung file
// system never freezes the touchscreen.
class StatusReader : public QObject
{
    Q_OBJECT
public:
    struct Files {
        QString heartbeat;
        QString watchdogStatus;
        QString preview;
        QString offloadStatus; // empty while [offload] enabled is false: nothing to read
    };

    StatusReader(const Files &files, int intervalMs, QObject *parent = nullptr);
    ~StatusReader() override;

    void start();
    // Reads now (e.g. when the recorder signals a state change); coalesced with a read in flight.
    void refresh();

    // The blocking read itself, run on a worker thread; public for tests and the screenshot tool.
    static StatusSnapshot readFiles(const Files &files, const QDateTime &previousPreviewModified);

signals:
    void snapshotReady(const StatusSnapshot &snapshot);

private:
    void finished();

    Files m_files;
    QTimer m_timer;
    QFutureWatcher<StatusSnapshot> m_watcher;
    QDateTime m_previewModified;
    bool m_pending = false;
};
