// SPDX-License-Identifier: MIT
// Recovery and reconciliation: cuts files left open by a crash back to their last complete fragment
// and makes the catalog agree with the disk (rows, states, protect flags).
#pragma once

#include "recordingfiles.h"

#include <QString>
#include <Qt>

class Catalog;

// Thread-bound to the caller; run() blocks (it reads and probes files). It runs at start-up, and again
// as a reconciliation whenever Catalog::health().rebuildNeeded says so (a fresh catalog after a corrupt
// one was moved aside, or one that healed after being degraded), on any thread but the catalog's,
// alongside recording: files `inUse` names are never cut, adopted or marked vanished.
class Recovery
{
public:
    struct Summary {
        int recovered = 0, corrupted = 0, adopted = 0, vanished = 0;
        int protectFlagsSet = 0;        // rows whose protected flag was set from its marker
        bool skipped = false;           // the catalog was degraded: nothing done, run again when it heals
    };

    // `fileNameTime` says how to read the time in adopted files' names (recording_YYYY-MM-DD_HHMMSS.mp4).
    // `inUse` (thread-safe) must say true for a file from before it is created until after
    // Catalog::recordingFinished() has been called for it; empty: nothing is being written (start-up,
    // before capture).
    Recovery(Catalog &catalog, const QString &recordingsDir, Qt::TimeSpec fileNameTime = Qt::UTC,
             RecordingFiles::InUse inUse = {});

    // Rows left 'recording' -> cut back to the last complete fragment -> 'recovered' (real
    // duration/size) or 'corrupted'; files without rows adopted (durations probed); rows without
    // files 'deleted' (reason 'vanished'); each live row's protected flag set from its marker (and,
    // once per catalog, markers written for rows protected before markers existed). Clears
    // Catalog::health().rebuildNeeded first. Logs one line with the counts.
    Summary run();

private:
    bool isUnderRecordingsDir(const QString &path) const;
    // Step 1: rows left 'recording' become 'recovered', 'corrupted' or 'deleted' (vanished).
    void recoverRowsLeftOpen(bool dirPresent, Summary &summary);
    // Steps 2 and 3: files without a live row are adopted; live rows without a file vanish.
    void matchDiskAndCatalog(Summary &summary);
    // Gives a file without a row its row, from what the file holds. False when the catalog refused.
    bool adopt(const QString &path);
    // A file gone before its upload is also logged as lost to the offload.
    bool markVanished(const QString &path);
    // Step 4: the marker beside each file is the truth of its protected flag.
    void syncProtectFlags(bool dirPresent, Summary &summary);
    bool inUse(const QString &path) const { return m_inUse && m_inUse(path); }

    Catalog &m_catalog;
    QString m_recordingsDir;
    Qt::TimeSpec m_fileNameTime;
    RecordingFiles::InUse m_inUse;
};
