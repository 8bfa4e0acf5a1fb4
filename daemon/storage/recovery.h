// SPDX-License-Identifier: MIT
// Start-up recovery: cuts files left open by a crash back to their last complete fragment and makes
// the catalog agree with the disk.
#pragma once

#include <QString>
#include <Qt>

#include <functional>

class Catalog;

// Thread-bound to the caller; run() blocks (it reads and probes files) and runs once at start-up,
// before capture starts.
class Recovery
{
public:
    struct Summary { int recovered = 0, corrupted = 0, adopted = 0, vanished = 0; };

    // `fileNameTime` says how to read the time in adopted files' names (recording_YYYY-MM-DD_HHMMSS.mp4).
    Recovery(Catalog &catalog, const QString &recordingsDir, Qt::TimeSpec fileNameTime = Qt::UTC);

    // Rows left 'recording' -> cut back to the last complete fragment -> 'recovered' (real
    // duration/size) or 'corrupted'; files without rows adopted; rows without files 'deleted'
    // (reason 'vanished'). Logs one line with the counts.
    Summary run();
    // Files the running recorder is writing: never cut, adopted or marked vanished. Thread-safe
    // predicate, so recovery can run alongside recording.
    void setSkip(std::function<bool(const QString &path)> skip) { m_skip = std::move(skip); }

private:
    bool isUnderRecordingsDir(const QString &path) const;
    // Step 1: rows left 'recording' become 'recovered', 'corrupted' or 'deleted' (vanished).
    void recoverRowsLeftOpen(bool dirPresent, Summary &summary);
    // Steps 2 and 3: files without a live row are adopted; live rows without a file vanish.
    void matchDiskAndCatalog(Summary &summary);
    // Gives a file without a row its row, from what the file holds. False when the catalog refused.
    bool adopt(const QString &path);
    bool markVanished(const QString &path);

    Catalog &m_catalog;
    QString m_recordingsDir;
    Qt::TimeSpec m_fileNameTime;
    std::function<bool(const QString &path)> m_skip;
};
