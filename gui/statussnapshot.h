// SPDX-License-Identifier: MIT
// One reading of everything the status page shows from files: heartbeat, watchdog status, preview, offload.
#pragma once

#include "heartbeatreader.h"
#include "offloadstatusreader.h"
#include "watchdogstatus.h"

#include <QDateTime>
#include <QImage>
#include <QMetaType>

// Reentrant value type: built on a worker thread, handed to the UI thread by a queued signal.
struct StatusSnapshot {
    HeartbeatReader::Result heartbeat;
    double heartbeatAgeSeconds = 0;      // valid when heartbeat.ok()
    double readAtBoottimeSeconds = 0;    // CLOCK_BOOTTIME when the files were read

    WatchdogStatus::ReadResult watchdog;
    double watchdogAgeSeconds = 0;       // valid when watchdog.ok()

    QImage preview;                      // null when there is none (yet)
    QString previewReason;               // why there is no preview, empty when there is one
    QDateTime previewModified;           // mtime of the preview file the image came from
    bool previewUnchanged = false;       // same mtime as last time: `preview` was not decoded again

    bool offloadEnabled = false;         // [offload] enabled: `offload` was read
    OffloadStatusReader::Result offload; // recorder-offload's status.json
};

Q_DECLARE_METATYPE(StatusSnapshot)
