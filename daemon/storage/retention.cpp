// SPDX-License-Identifier: MIT
// Retention: keeps [storage] min_free free and applies [storage] max_age by deleting old recordings.
#include "retention.h"

#include "catalog.h"
#include "protectmarker.h"
#include "storagelog.h"
#include "units.h"

#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace {

constexpr int kTickIntervalMs = 60 * 1000;
// Rows fetched per query while deleting: enough that a large backlog costs few queries.
constexpr int kBatch = 32;
const char kInsufficient[] = "insufficient storage space";

// Units::formatSize() is exact (for configuration text); a log reader wants "83.3GB", not 83271000064B.
QString approximateSize(qint64 bytes)
{
    static const struct { const char *name; double factor; } table[] = {
        {"TB", 1e12}, {"GB", 1e9}, {"MB", 1e6}, {"kB", 1e3},
    };
    for (const auto &entry : table) {
        if (double(bytes) >= entry.factor)
            return QString::number(double(bytes) / entry.factor, 'f', 1) + QLatin1String(entry.name);
    }
    return QString::number(bytes) + QLatin1Char('B');
}

// How many names the file has (1 for the recorder's own files), or 0 when it cannot be read.
nlink_t linkCount(const QByteArray &name)
{
    struct stat info {};
    return ::lstat(name.constData(), &info) == 0 ? info.st_nlink : 0;
}

// Unlinking one name of a file that has others frees no block: counted as freed, such a file would
// end the pass early with the disk still short, and the next passes would delete newer recordings
// while the space stays held by the other name (install.sh --migrate adopts the Python recorder's
// recordings as hard links: the originals stay in its folder; docs/migration.md).
void logLinkFreedNothing(const QString &path, nlink_t links)
{
    qCWarning(lcStorage,
              "retention: %s was a hard link (%lu names): deleting it freed no space, the other name still holds "
              "its bytes; delete the originals (docs/migration.md) to free them",
              qPrintable(path), static_cast<unsigned long>(links));
}

} // namespace

Retention::Retention(Catalog &catalog, const QString &recordingsDir, qint64 minFreeBytes, double maxAgeSeconds,
                     FreeSpaceProbe probe, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_recordingsDir(QDir::cleanPath(recordingsDir)),
      m_minFreeBytes(minFreeBytes), m_maxAgeSeconds(maxAgeSeconds),
      m_probe(probe ? std::move(probe) : FreeSpaceProbe(&Retention::statvfsProbe))
{
    m_timer.setInterval(kTickIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Retention::tick);
}

void Retention::start()
{
    tick();
    m_timer.start();
}

void Retention::tick()
{
    applyMaxAge();
    check(nullptr);
}

Retention::Verdict Retention::ensureSpace(const QString &fileBeingWritten)
{
    return check(&fileBeingWritten);
}

Retention::Verdict Retention::check(const QString *newFileBeingWritten)
{
    Verdict verdict;
    bool changed = false;
    {
        QMutexLocker lock(&m_mutex);
        // The minute tick must not put back a file the pipeline has moved on from.
        if (newFileBeingWritten)
            m_fileBeingWritten = *newFileBeingWritten;
        verdict = freeSpace(m_fileBeingWritten);
        changed = verdict.ok != m_lastOk;
        m_lastOk = verdict.ok;
    }
    if (changed) {
        if (verdict.ok)
            qCInfo(lcStorage, "retention: storage space available again: %s free, min_free %s",
                   qPrintable(approximateSize(verdict.space.freeBytes)),
                   qPrintable(Units::formatSize(m_minFreeBytes)));
        else
            qCWarning(lcStorage,
                      "retention: %s: %s free, min_free %s, no unprotected finished recording left to delete",
                      kInsufficient, qPrintable(approximateSize(verdict.space.freeBytes)),
                      qPrintable(Units::formatSize(m_minFreeBytes)));
        emit verdictChanged(verdict);
    }
    return verdict;
}

Retention::Verdict Retention::freeSpace(const QString &fileBeingWritten)
{
    Verdict verdict;
    std::optional<Space> space = m_probe(m_recordingsDir);
    if (!space) {
        // Not knowing is no reason to stop recording: the write itself will tell if the disk is full.
        if (!m_probeFailed)
            qCWarning(lcStorage, "retention: cannot read the free space of %s; nothing deleted until it can",
                      qPrintable(m_recordingsDir));
        m_probeFailed = true;
        return verdict;
    }
    if (m_probeFailed)
        qCInfo(lcStorage, "retention: free space of %s readable again", qPrintable(m_recordingsDir));
    m_probeFailed = false;
    m_passTimer.start();
    m_passCut = false;
    const qint64 freeAtStart = space->freeBytes;
    qint64 deletedBytes = 0;
    // A filesystem may release the blocks of a deleted file late (or never, while someone still has
    // it open): counting the deleted bytes as freed keeps one call from deleting far more than needed.
    auto freeNow = [&] { return qMax(space->freeBytes, freeAtStart + deletedBytes); };
    const auto wanted = [&] { return freeNow() < m_minFreeBytes; };
    const auto why = [&] {
        return QStringLiteral("free space %1 below min_free %2")
            .arg(approximateSize(freeNow()), Units::formatSize(m_minFreeBytes));
    };
    const auto deleted = [&](qint64 removedBytes) {
        deletedBytes += removedBytes;
        if (const std::optional<Space> now = m_probe(m_recordingsDir))
            space = now;
    };
    const int count = deleteOldest(QStringLiteral("retention"), QDateTime(), fileBeingWritten, wanted, why, deleted);
    // Recording never stops for the offload: what waits for its upload goes last, when nothing else
    // is left to free the space (each one counted as lost to the offload).
    if (wanted() && !m_passCut && !m_fromTree)
        deleteOldest(QStringLiteral("retention"), QDateTime(), fileBeingWritten, wanted, why, deleted,
                     Catalog::Candidates::Queued, count);
    verdict.space = *space;
    verdict.space.freeBytes = freeNow();
    // A pass cut short by its budget still has something to delete: the next check goes on with it.
    verdict.ok = verdict.space.freeBytes >= m_minFreeBytes || m_passCut;
    if (!verdict.ok)
        verdict.reason = QLatin1String(kInsufficient);
    return verdict;
}

int Retention::applyMaxAge()
{
    if (m_maxAgeSeconds <= 0)
        return 0;
    QMutexLocker lock(&m_mutex);
    // The directory tree cannot tell which recordings still wait for their upload (one may be
    // uploading right now): with offload on, the age rule waits for the catalog. Free space still
    // deletes from the tree, since recording never stops.
    const bool blind = m_catalog.offloadEnabled() && m_catalog.health().degraded;
    if (blind != m_maxAgePaused) {
        m_maxAgePaused = blind;
        if (blind)
            qCWarning(lcStorage, "retention: max_age paused while the catalog is degraded: it cannot say which "
                                 "recordings wait for their upload");
    }
    if (blind)
        return 0;
    m_passTimer.start();
    m_passCut = false;
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addMSecs(-qint64(m_maxAgeSeconds * 1000.0));
    const QString why = QStringLiteral("started before %1, max_age %2")
                            .arg(cutoff.toString(Qt::ISODate), Units::formatDuration(m_maxAgeSeconds));
    return deleteOldest(QStringLiteral("max_age"), cutoff, m_fileBeingWritten, [] { return true; },
                        [&why] { return why; }, [](qint64) {});
}

int Retention::applyAfterUpload()
{
    if (!m_deleteUploaded)
        return 0;
    QMutexLocker lock(&m_mutex);
    // Without the catalog nothing says which files are uploaded: wait for it rather than guess.
    if (m_catalog.health().degraded)
        return 0;
    m_passTimer.start();
    m_passCut = false;
    return deleteOldest(QStringLiteral("uploaded"), QDateTime(), m_fileBeingWritten, [] { return true; },
                        [] { return QStringLiteral("uploaded, after_upload delete"); }, [](qint64) {},
                        Catalog::Candidates::Uploaded);
}

int Retention::deleteOldest(const QString &deletedReason, const QDateTime &startedBefore,
                            const QString &fileBeingWritten, const std::function<bool()> &wanted,
                            const std::function<QString()> &why, const std::function<void(qint64)> &deleted,
                            Catalog::Candidates which, int deletedBefore)
{
    // The catalog cannot say what to delete while it is degraded; the disk filling up must not wait for it.
    const CatalogHealth health = m_catalog.health();
    if (health.degraded != m_fromTree) {
        m_fromTree = health.degraded;
        if (m_fromTree)
            qCWarning(lcStorage, "retention: catalog degraded (%s); deleting from the directory tree",
                      qPrintable(health.reason));
        else
            qCInfo(lcStorage, "retention: catalog usable again; deleting by the catalog");
    }
    if (m_fromTree)
        return deleteFromTree(deletedReason, startedBefore, fileBeingWritten, wanted, why, deleted);

    int count = deletedBefore;
    // Rows that stay deletable after an attempt (the file cannot be removed, or its row cannot be
    // updated) are tried once per call; every other attempt takes its row out of the query. So each
    // round either shrinks what is left or ends the loop.
    QSet<QString> stuck;
    bool attempted = true;
    while (attempted && wanted()) {
        attempted = false;
        const QList<CatalogRecord> candidates =
            m_catalog.deletable(kBatch + int(stuck.size()), fileBeingWritten, startedBefore, which);
        for (const CatalogRecord &row : candidates) {
            if (!wanted() || !passBudgetLeft(count))
                return count;
            if (stuck.contains(row.info.path))
                continue;
            if (!mayDelete(row.info.path, fileBeingWritten)) {
                // A marker the row does not know of yet (reconciliation sets the flag), or a file the
                // recorder writes: kept, and not asked for again in this call.
                stuck.insert(row.info.path);
                attempted = true;
                continue;
            }
            attempted = true;
            // Files deleted because their upload is done are the user's choice, not a lack of space.
            const Deletion deletion = deleteRecording(row, deletedReason, why(), fileBeingWritten,
                                                      which != Catalog::Candidates::Uploaded);
            if (!deletion.rowUpdated)
                stuck.insert(row.info.path);
            if (deletion.fileRemoved) {
                ++count;
                deleted(deletion.freedBytes);
            }
        }
    }
    return count;
}

bool Retention::passBudgetLeft(int deletions)
{
    if (deletions < kMaxDeletionsPerPass && m_passTimer.elapsed() < kMaxPassMilliseconds)
        return true;
    if (!m_passCut)
        qCInfo(lcStorage, "retention: pass stopped after %d deletions in %lld ms; the next check goes on", deletions,
               m_passTimer.elapsed());
    m_passCut = true;
    return false;
}

bool Retention::mayDelete(const QString &path, const QString &fileBeingWritten) const
{
    if (QDir::cleanPath(path) == QDir::cleanPath(fileBeingWritten))
        return false;
    if (m_inUse && m_inUse(path))
        return false;
    // The marker is the truth of the protect flag, whatever the row says.
    return !ProtectMarker::exists(path);
}

int Retention::deleteFromTree(const QString &deletedReason, const QDateTime &startedBefore,
                              const QString &fileBeingWritten, const std::function<bool()> &wanted,
                              const std::function<QString()> &why, const std::function<void(qint64)> &deleted)
{
    int count = 0;
    if (!wanted())
        return count;
    for (const RecordingFiles::Entry &entry : RecordingFiles::oldestFirst(m_recordingsDir, m_fileNameTime)) {
        if (!wanted() || !passBudgetLeft(count))
            break;
        if (startedBefore.isValid() && entry.time >= startedBefore)
            break;   // oldest first: the rest are younger still
        if (!mayDelete(entry.path, fileBeingWritten))
            continue;
        const QByteArray name = QFile::encodeName(entry.path);
        const nlink_t links = linkCount(name);
        if (::unlink(name.constData()) != 0) {
            if (errno != ENOENT)
                qCWarning(lcStorage, "retention: cannot delete %s: %s", qPrintable(entry.path),
                          qPrintable(QString::fromLocal8Bit(std::strerror(errno))));
            continue;
        }
        ++count;
        qCInfo(lcStorage, "retention: deleted %s (%s, started %s) from the directory tree, the catalog being "
                          "degraded: %s",
               qPrintable(entry.path), qPrintable(approximateSize(entry.sizeBytes)),
               qPrintable(entry.time.toString(Qt::ISODate)), qPrintable(why()));
        // Queued: the row becomes 'deleted' (counted) when the catalog heals.
        m_catalog.recordingDeleted(entry.path, deletedReason, true);
        if (links > 1)
            logLinkFreedNothing(entry.path, links);
        deleted(links > 1 ? 0 : entry.sizeBytes);
        removeEmptyDirectories(QFileInfo(entry.path).path(), fileBeingWritten);
    }
    return count;
}

Retention::Deletion Retention::deleteRecording(const CatalogRecord &row, const QString &deletedReason,
                                               const QString &why, const QString &fileBeingWritten,
                                               bool countAsRetention)
{
    Deletion deletion;
    const QString &path = row.info.path;
    const QByteArray name = QFile::encodeName(path);
    const nlink_t links = linkCount(name);
    const bool unlinked = ::unlink(name.constData()) == 0;
    if (!unlinked && errno != ENOENT) {
        qCWarning(lcStorage, "retention: cannot delete %s: %s", qPrintable(path),
                  qPrintable(QString::fromLocal8Bit(std::strerror(errno))));
        return deletion;
    }
    deletion.fileRemoved = unlinked;   // else it was already gone: it frees nothing
    deletion.freedBytes = unlinked && links <= 1 ? row.info.sizeBytes : 0;
    const bool counted = deletion.fileRemoved && countAsRetention;
    const QString error =
        m_catalog.markDeleted(path, deletion.fileRemoved ? deletedReason : QStringLiteral("vanished"), counted);
    deletion.rowUpdated = error.isEmpty();
    if (!deletion.rowUpdated) {
        // Queued, so the row follows when the catalog can take it (else reconciliation marks it vanished).
        qCWarning(lcStorage, "retention: cannot mark %s deleted in the catalog now, queued: %s", qPrintable(path),
                  qPrintable(error));
        m_catalog.recordingDeleted(path, deletion.fileRemoved ? deletedReason : QStringLiteral("vanished"), counted);
    }
    if (!row.uploadState.isEmpty() && row.uploadState != QLatin1String("uploaded"))
        // markDeleted() counted it in offload_lost: one line each, so the loss can be traced.
        qCWarning(lcStorage, "retention: deleted %s before it was uploaded: %s", qPrintable(path),
                  qPrintable(deletion.fileRemoved ? why : QStringLiteral("the file vanished")));
    if (!deletion.fileRemoved)
        qCWarning(lcStorage, "retention: %s was already gone; its row is now deleted (vanished)", qPrintable(path));
    else
        qCInfo(lcStorage, "retention: deleted %s (%s, started %s): %s", qPrintable(path),
               qPrintable(approximateSize(row.info.sizeBytes)), qPrintable(row.info.start.toString(Qt::ISODate)),
               qPrintable(why));
    if (unlinked && links > 1)
        logLinkFreedNothing(path, links);
    removeEmptyDirectories(QFileInfo(path).path(), fileBeingWritten);
    return deletion;
}

void Retention::removeEmptyDirectories(const QString &directory, const QString &fileBeingWritten)
{
    const QString prefix = m_recordingsDir + QLatin1Char('/');
    QString dir = QDir::cleanPath(directory);
    // Only the YYYY/MM/DD folders under the recordings dir, and never the current file's own.
    while (dir.startsWith(prefix) && !(fileBeingWritten + QLatin1Char('/')).startsWith(dir + QLatin1Char('/'))) {
        if (::rmdir(QFile::encodeName(dir).constData()) != 0)
            break;   // not empty (or not ours to remove): its parents are not empty either
        dir = QFileInfo(dir).path();
    }
}

std::optional<Retention::Space> Retention::statvfsProbe(const QString &directory)
{
    // The recordings dir may not exist yet; its filesystem is that of its nearest existing parent.
    QString path = QDir::cleanPath(directory);
    while (!QFileInfo::exists(path) && path != QLatin1String("/") && !path.isEmpty())
        path = QFileInfo(path).path();
    struct statvfs info {};
    if (::statvfs(QFile::encodeName(path).constData(), &info) != 0)
        return std::nullopt;
    Space space;
    space.freeBytes = qint64(info.f_bavail) * qint64(info.f_frsize);
    space.totalBytes = qint64(info.f_blocks) * qint64(info.f_frsize);
    return space;
}
