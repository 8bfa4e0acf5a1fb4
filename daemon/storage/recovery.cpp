// SPDX-License-Identifier: MIT
// Recovery and reconciliation: cuts files left open by a crash back to their last complete fragment
// and makes the catalog agree with the disk (rows, states, protect flags).
#include "recovery.h"

#include "catalog.h"
#include "mediaprobe.h"
#include "mp4fragmentscanner.h"
#include "protectmarker.h"
#include "storagelog.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

// What one file turned out to be after it was cut back (or not) and probed.
struct Outcome {
    bool plays = false;
    bool wasCut = false;
    bool neverClosed = false; // whole fragments, but no index at the end: the writer never finished it
    qint64 bytesRemoved = 0;
    QString reason;           // why nothing plays, when !plays
    MediaProbe::Result probe;
    qint64 sizeBytes = 0;
};

// Cuts `path` to `size` and makes the new size durable before the catalog says so.
QString truncateDurably(const QString &path, qint64 size)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return QStringLiteral("cannot open %1 to cut it: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    QString error;
    if (::ftruncate(fd, off_t(size)) != 0 || ::fsync(fd) != 0)
        error = QStringLiteral("cannot cut %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    ::close(fd);
    return error;
}

// Cuts a file back to its last complete fragment, then measures what plays. A file in which no
// fragment is complete is left as it is: a person with better tools may still get something out.
Outcome recoverFile(const QString &path)
{
    Outcome outcome;
    // A link planted in the recordings dir must not make the recorder cut some other file.
    const QFileInfo info(path);
    if (info.isSymLink() || !info.isFile()) {
        outcome.reason = QStringLiteral("not a regular file; left untouched");
        return outcome;
    }
    const Mp4FragmentScanner::Result scan = Mp4FragmentScanner::scan(path);
    outcome.neverClosed = scan.fragments > 0 && !scan.finished;
    outcome.sizeBytes = scan.fileSize;
    if (!scan.intact) {
        if (!scan.hasMoov || scan.fragments == 0) {
            outcome.reason = scan.hasMoov ? QStringLiteral("no complete fragment (%1)").arg(scan.problem)
                                          : QStringLiteral("not a playable MP4: no moov box (%1)").arg(scan.problem);
            return outcome;
        }
        const QString error = truncateDurably(path, scan.playableEnd);
        if (!error.isEmpty()) {
            outcome.reason = error;
            return outcome;
        }
        outcome.wasCut = true;
        outcome.bytesRemoved = scan.fileSize - scan.playableEnd;
        outcome.sizeBytes = scan.playableEnd;
    }
    outcome.probe = MediaProbe::probe(path);
    outcome.plays = outcome.probe.ok;
    if (!outcome.plays)
        outcome.reason = outcome.probe.error;
    return outcome;
}

// Fills what the file itself says into `info`; the start and session stay as they were.
// `leftOpen`: the row said 'recording', so the recorder stopped uncleanly even if no byte was cut.
void applyOutcome(RecordingInfo &info, const Outcome &outcome, bool leftOpen)
{
    info.sizeBytes = outcome.sizeBytes;
    if (!outcome.plays) {
        info.lastError = outcome.reason;
        return;
    }
    info.codec = outcome.probe.codec;
    info.width = outcome.probe.width;
    info.height = outcome.probe.height;
    info.fps = outcome.probe.fps;
    info.frames = outcome.probe.frames;
    info.durationSeconds = outcome.probe.durationSeconds;
    info.end = info.start.addMSecs(qint64(outcome.probe.durationSeconds * 1000.0));
    if (outcome.wasCut)
        info.lastError = QStringLiteral("cut back to its last complete fragment after an unclean stop "
                                        "(%1 bytes removed)")
                             .arg(outcome.bytesRemoved);
    else if (leftOpen)
        info.lastError = QStringLiteral("left open by an unclean stop; every fragment was complete");
    else
        info.lastError.clear();
}

// recording_YYYY-MM-DD_HHMMSS.mp4 names the first frame's time; a file named otherwise started
// `duration` before it was last written.
QDateTime startOf(const QFileInfo &file, Qt::TimeSpec fileNameTime, double durationSeconds)
{
    const QDateTime start = RecordingFiles::nameTime(file, fileNameTime);
    if (start.isValid())
        return start;
    return file.lastModified().toUTC().addMSecs(-qint64(durationSeconds * 1000.0));
}

QSet<QString> filesOnDisk(const QString &recordingsDir)
{
    // Links to files are listed (and then refused by recoverFile), so each gets a row that says
    // why; links to folders are not followed.
    const QStringList files = RecordingFiles::list(recordingsDir);
    return QSet<QString>(files.begin(), files.end());
}

} // namespace

Recovery::Recovery(Catalog &catalog, const QString &recordingsDir, Qt::TimeSpec fileNameTime,
                   RecordingFiles::InUse inUse)
    : m_catalog(catalog), m_recordingsDir(QDir::cleanPath(recordingsDir)), m_fileNameTime(fileNameTime),
      m_inUse(std::move(inUse))
{
}

Recovery::Summary Recovery::run()
{
    Summary summary;
    // Everything the recorder queued before it died or stopped (or while it runs) is in before we look.
    m_catalog.flush();
    const CatalogHealth health = m_catalog.health();
    if (health.degraded) {
        summary.skipped = true;
        qCWarning(lcStorage, "recovery: catalog degraded (%s); nothing reconciled until it heals",
                  qPrintable(health.reason));
        return summary;
    }
    // Cleared before looking, so whatever happens while this runs asks for another pass.
    m_catalog.clearRebuildNeeded();
    // An unmounted disk must not turn the whole catalog into 'vanished' rows.
    const bool dirPresent = QFileInfo(m_recordingsDir).isDir();
    recoverRowsLeftOpen(dirPresent, summary);
    if (dirPresent)
        matchDiskAndCatalog(summary);
    else
        qCWarning(lcStorage, "recovery: recordings directory %s is missing; no file adopted or marked vanished",
                  qPrintable(m_recordingsDir));
    syncProtectFlags(dirPresent, summary);
    qCInfo(lcStorage, "recovery: %d recovered, %d corrupted, %d adopted, %d vanished, %d protect flags set from markers",
           summary.recovered, summary.corrupted, summary.adopted, summary.vanished, summary.protectFlagsSet);
    return summary;
}

bool Recovery::isUnderRecordingsDir(const QString &path) const
{
    return QDir::cleanPath(path).startsWith(m_recordingsDir + QLatin1Char('/'));
}

void Recovery::recoverRowsLeftOpen(bool dirPresent, Summary &summary)
{
    for (const CatalogRecord &listed : m_catalog.inState(QStringLiteral("recording"))) {
        const QString &path = listed.info.path;
        if (!dirPresent && isUnderRecordingsDir(path))
            continue;   // left 'recording' until its disk is back
        if (inUse(path))
            continue;   // being written: its writer finishes the row
        // Read again: a file the recorder finished while this ran is 'complete' by now (its write was
        // queued before it stopped being in use), and must not be taken for one left open.
        const std::optional<CatalogRecord> current = m_catalog.find(path);
        if (!current || current->state != QLatin1String("recording"))
            continue;
        const CatalogRecord &row = *current;
        if (!QFileInfo::exists(path)) {
            if (markVanished(path))
                ++summary.vanished;
            continue;
        }
        const Outcome outcome = recoverFile(path);
        RecordingInfo info = row.info;
        applyOutcome(info, outcome, true);
        // The whole row, not just the state: its size and duration are what the disk holds.
        const QString error =
            m_catalog.upsertRecovered(info, outcome.plays ? QStringLiteral("recovered") : QStringLiteral("corrupted"));
        if (!error.isEmpty()) {
            qCWarning(lcStorage, "recovery: cannot update the row of %s: %s", qPrintable(path), qPrintable(error));
        } else if (outcome.plays) {
            ++summary.recovered;
            qCInfo(lcStorage, "recovery: %s recovered, %.1f s playable, %lld bytes cut", qPrintable(path),
                   info.durationSeconds, outcome.bytesRemoved);
        } else {
            ++summary.corrupted;
            qCWarning(lcStorage, "recovery: %s corrupted: %s", qPrintable(path), qPrintable(outcome.reason));
        }
    }
}

void Recovery::matchDiskAndCatalog(Summary &summary)
{
    const QSet<QString> onDisk = filesOnDisk(m_recordingsDir);
    const QStringList live = m_catalog.livePaths();
    // Compared clean, so a row written as "/data//rec/x.mp4" is not taken for another file.
    QSet<QString> known;
    for (const QString &path : live)
        known.insert(QDir::cleanPath(path));
    for (const QString &path : onDisk) {
        if (!known.contains(path) && !inUse(path) && adopt(path))
            ++summary.adopted;
    }
    for (const QString &path : live) {
        if (inUse(path))
            continue;
        bool present = isUnderRecordingsDir(path) ? onDisk.contains(QDir::cleanPath(path)) : QFileInfo::exists(path);
        // A file created after the walk (recording goes on meanwhile) is not gone.
        if (!present)
            present = QFileInfo::exists(path);
        if (!present && markVanished(path))
            ++summary.vanished;
    }
}

void Recovery::syncProtectFlags(bool dirPresent, Summary &summary)
{
    // Catalogs from before markers: their protected rows get markers once, so a later rebuild keeps them.
    const bool markersWritten = m_catalog.protectMarkersWritten();
    bool everyMarkerWritten = dirPresent;
    for (const CatalogRecord &row : m_catalog.liveRecords()) {
        const QString &path = row.info.path;
        // Without its file (or its disk) there is no marker to read: the flag stays as it is.
        if ((!dirPresent && isUnderRecordingsDir(path)) || !QFileInfo::exists(path))
            continue;
        const bool marker = ProtectMarker::exists(path);
        if (!markersWritten && row.isProtected && !marker) {
            const QString error = ProtectMarker::create(path);
            if (error.isEmpty())
                qCInfo(lcStorage, "recovery: %s: protect marker written (protected before markers existed)",
                       qPrintable(path));
            else
                qCWarning(lcStorage, "recovery: %s", qPrintable(error));
            // Until every old protected row has its marker, the rows stay the truth for them.
            everyMarkerWritten = everyMarkerWritten && error.isEmpty();
            continue;
        }
        if (row.isProtected == marker)
            continue;
        const QString error = m_catalog.setProtectedFlag(path, marker);
        if (!error.isEmpty()) {
            qCWarning(lcStorage, "recovery: cannot set the protect flag of %s: %s", qPrintable(path), qPrintable(error));
            continue;
        }
        ++summary.protectFlagsSet;
        qCInfo(lcStorage, "recovery: %s %s, as its marker says", qPrintable(path),
               marker ? "protected" : "unprotected");
    }
    if (!markersWritten && everyMarkerWritten) {
        const QString error = m_catalog.setProtectMarkersWritten();
        if (!error.isEmpty())
            qCWarning(lcStorage, "recovery: cannot record that protect markers are written: %s", qPrintable(error));
    }
}

bool Recovery::markVanished(const QString &path)
{
    // Read before the row changes (rare: only files gone by themselves): was it waiting for its upload?
    const std::optional<CatalogRecord> before = m_catalog.find(path);
    const QString uploadState = before ? before->uploadState : QString();
    const QString error = m_catalog.markDeleted(path, QStringLiteral("vanished"), false);
    if (!error.isEmpty()) {
        qCWarning(lcStorage, "recovery: cannot mark %s vanished: %s", qPrintable(path), qPrintable(error));
        return false;
    }
    qCInfo(lcStorage, "recovery: %s vanished", qPrintable(path));
    // markDeleted() counted it in offload_lost: the same line as retention's, so every loss is traced.
    if (!uploadState.isEmpty() && uploadState != QLatin1String("uploaded"))
        qCWarning(lcStorage, "retention: deleted %s before it was uploaded: the file vanished", qPrintable(path));
    return true;
}

bool Recovery::adopt(const QString &path)
{
    const Outcome outcome = recoverFile(path);
    RecordingInfo info;
    info.path = path;
    info.start = startOf(QFileInfo(path), m_fileNameTime, outcome.probe.durationSeconds);
    applyOutcome(info, outcome, false);
    // A file nobody closed (cut by a crash or a power cut, or by its writer after a failed write)
    // is `recovered` even when every fragment in it is whole: `complete` means closed cleanly.
    QString state = QStringLiteral("corrupted");
    if (outcome.plays)
        state = outcome.wasCut || outcome.neverClosed ? QStringLiteral("recovered") : QStringLiteral("complete");
    if (outcome.plays && !outcome.wasCut && outcome.neverClosed)
        info.lastError = QStringLiteral("never closed (no index at its end); every fragment was complete");
    const QString error = m_catalog.upsertRecovered(info, state);
    if (!error.isEmpty()) {
        qCWarning(lcStorage, "recovery: cannot adopt %s: %s", qPrintable(path), qPrintable(error));
        return false;
    }
    qCInfo(lcStorage, "recovery: adopted %s as %s (%.1f s)", qPrintable(path), qPrintable(state),
           info.durationSeconds);
    return true;
}
