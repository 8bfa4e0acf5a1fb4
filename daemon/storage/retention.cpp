// SPDX-License-Identifier: MIT
// Retention: keeps [storage] min_free free and applies [storage] max_age by deleting old recordings.
#include "retention.h"

#include "catalog.h"
#include "storagelog.h"
#include "units.h"

#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <sys/statvfs.h>
#include <unistd.h>

namespace {

constexpr int kTickIntervalMs = 60 * 1000;
// Rows fetched per query while deleting: enough that a large backlog costs few queries.
constexpr int kBatch = 32;
const char kInsufficient[] = "insufficient storage space";

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
                   qPrintable(Units::formatSize(verdict.space.freeBytes)),
                   qPrintable(Units::formatSize(m_minFreeBytes)));
        else
            qCWarning(lcStorage,
                      "retention: %s: %s free, min_free %s, no unprotected finished recording left to delete",
                      kInsufficient, qPrintable(Units::formatSize(verdict.space.freeBytes)),
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
        qCWarning(lcStorage, "retention: cannot read the free space of %s", qPrintable(m_recordingsDir));
        return verdict;
    }
    const qint64 freeAtStart = space->freeBytes;
    qint64 deletedBytes = 0;
    QSet<QString> failed;
    // A filesystem may release the blocks of a deleted file late (or never, while someone still has
    // it open): counting the deleted bytes as freed keeps one call from deleting far more than needed.
    auto freeNow = [&] { return qMax(space->freeBytes, freeAtStart + deletedBytes); };
    while (freeNow() < m_minFreeBytes) {
        const QList<CatalogRecord> candidates = m_catalog.deletable(kBatch + int(failed.size()), fileBeingWritten);
        bool progress = false;
        for (const CatalogRecord &row : candidates) {
            if (freeNow() >= m_minFreeBytes)
                break;
            if (failed.contains(row.info.path))
                continue;
            const QString reason = QStringLiteral("free space %1 below min_free %2")
                                       .arg(Units::formatSize(freeNow()), Units::formatSize(m_minFreeBytes));
            const Deletion deletion = deleteRecording(row, QStringLiteral("retention"), reason, fileBeingWritten);
            if (deletion == Deletion::Failed) {
                failed.insert(row.info.path);
                continue;
            }
            progress = true;
            if (deletion == Deletion::Deleted)
                deletedBytes += row.info.sizeBytes;
            if (const std::optional<Space> now = m_probe(m_recordingsDir))
                space = now;
        }
        if (!progress)
            break;
    }
    verdict.space = *space;
    verdict.space.freeBytes = freeNow();
    verdict.ok = verdict.space.freeBytes >= m_minFreeBytes;
    if (!verdict.ok)
        verdict.reason = QLatin1String(kInsufficient);
    return verdict;
}

int Retention::applyMaxAge()
{
    if (m_maxAgeSeconds <= 0)
        return 0;
    QMutexLocker lock(&m_mutex);
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addMSecs(-qint64(m_maxAgeSeconds * 1000.0));
    const QString reason = QStringLiteral("started before %1, max_age %2")
                               .arg(cutoff.toString(Qt::ISODate), Units::formatDuration(m_maxAgeSeconds));
    int deleted = 0;
    QSet<QString> failed;
    for (;;) {
        const QList<CatalogRecord> candidates =
            m_catalog.deletable(kBatch + int(failed.size()), m_fileBeingWritten, cutoff);
        bool progress = false;
        for (const CatalogRecord &row : candidates) {
            if (failed.contains(row.info.path))
                continue;
            if (deleteRecording(row, QStringLiteral("max_age"), reason, m_fileBeingWritten) != Deletion::Failed) {
                ++deleted;
                progress = true;
            } else {
                failed.insert(row.info.path);
            }
        }
        if (!progress)
            break;
    }
    return deleted;
}

Retention::Deletion Retention::deleteRecording(const CatalogRecord &row, const QString &deletedReason,
                                               const QString &why, const QString &fileBeingWritten)
{
    const QString &path = row.info.path;
    const QByteArray name = QFile::encodeName(path);
    bool vanished = false;
    if (::unlink(name.constData()) != 0) {
        if (errno != ENOENT) {
            qCWarning(lcStorage, "retention: cannot delete %s: %s", qPrintable(path),
                      qPrintable(QString::fromLocal8Bit(std::strerror(errno))));
            return Deletion::Failed;
        }
        vanished = true;
    }
    const QString error = m_catalog.markDeleted(path, vanished ? QStringLiteral("vanished") : deletedReason, !vanished);
    if (!error.isEmpty())
        // The next start-up's recovery marks the row 'vanished'.
        qCWarning(lcStorage, "retention: deleted %s but cannot update its row: %s", qPrintable(path),
                  qPrintable(error));
    if (vanished)
        qCWarning(lcStorage, "retention: %s was already gone; its row is now deleted (vanished)", qPrintable(path));
    else
        qCInfo(lcStorage, "retention: deleted %s (%s, started %s): %s", qPrintable(path),
               qPrintable(Units::formatSize(row.info.sizeBytes)), qPrintable(row.info.start.toString(Qt::ISODate)),
               qPrintable(why));
    removeEmptyDirectories(QFileInfo(path).path(), fileBeingWritten);
    return vanished ? Deletion::Vanished : Deletion::Deleted;
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
