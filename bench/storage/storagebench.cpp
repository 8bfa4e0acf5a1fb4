// SPDX-License-Identifier: MIT
// Figures for docs/performance.md (storage): cost of queued catalog writes on the caller, recovery
// of a cut file, retention over a large catalog. Not a test: it prints numbers.
#include "catalog.h"
#include "recovery.h"
#include "retention.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdio>

namespace {

RecordingInfo rowInfo(const QString &dir, int index)
{
    RecordingInfo info;
    const QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).addSecs(qint64(index) * 300);
    info.path = QStringLiteral("%1/%2/recording_%3.mp4")
                    .arg(dir, start.toString(QStringLiteral("yyyy/MM/dd")),
                         start.toString(QStringLiteral("yyyy-MM-dd_HHmmss")));
    info.start = start;
    info.end = start.addSecs(300);
    info.durationSeconds = 300;
    info.sizeBytes = 1000;
    info.codec = QStringLiteral("h264");
    info.width = 1920;
    info.height = 1080;
    info.fps = 30;
    info.frames = 9000;
    return info;
}

void benchCatalogWrites(const QString &dir, int rows)
{
    Catalog catalog(dir + QStringLiteral("/writes.db"));
    if (!catalog.open().isEmpty())
        return;
    QElapsedTimer timer;
    timer.start();
    for (int index = 0; index < rows; ++index) {
        const RecordingInfo info = rowInfo(dir, index);
        catalog.recordingStarted(info);
        catalog.recordingFinished(info);
    }
    const qint64 queuedNs = timer.nsecsElapsed();
    catalog.flush();
    const qint64 totalNs = timer.nsecsElapsed();
    std::printf("catalog: %d queued writes: %.1f us each on the caller; all committed after %.2f s (%.0f writes/s)\n",
                2 * rows, double(queuedNs) / 1000.0 / (2 * rows), double(totalNs) / 1e9,
                2 * rows / (double(totalNs) / 1e9));
}

void benchRecovery(const QString &dir, const QString &cutFile)
{
    const QString recordings = dir + QStringLiteral("/recordings");
    const QString target = recordings + QStringLiteral("/2026/01/01/recording_2026-01-01_000000.mp4");
    QDir().mkpath(QFileInfo(target).path());
    if (!QFile::copy(cutFile, target)) {
        std::fprintf(stderr, "cannot copy %s\n", qPrintable(cutFile));
        return;
    }
    Catalog catalog(dir + QStringLiteral("/recovery.db"));
    if (!catalog.open().isEmpty())
        return;
    RecordingInfo info = rowInfo(recordings, 0);
    info.path = target;
    info.end = QDateTime();
    catalog.recordingStarted(info);
    const qint64 bytes = QFileInfo(target).size();
    QElapsedTimer timer;
    timer.start();
    const Recovery::Summary summary = Recovery(catalog, recordings).run();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const std::optional<CatalogRecord> row = catalog.find(target);
    std::printf("recovery: %.1f MB file (page cache warm): %.3f s (%.0f MB/s), %d recovered, %.2f s playable\n",
                double(bytes) / 1e6, seconds, double(bytes) / 1e6 / seconds, summary.recovered,
                row ? row->info.durationSeconds : 0.0);
}

void benchRetention(const QString &dir, int rows, int toDelete)
{
    const QString recordings = dir + QStringLiteral("/retention");
    Catalog catalog(dir + QStringLiteral("/retention.db"));
    if (!catalog.open().isEmpty())
        return;
    for (int index = 0; index < rows; ++index) {
        const RecordingInfo info = rowInfo(recordings, index);
        if (index < toDelete) {
            QDir().mkpath(QFileInfo(info.path).path());
            QFile file(info.path);
            if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray(1000, 'v')) != 1000)
                return;
        }
        catalog.recordingFinished(info);
    }
    catalog.flush();
    qint64 freeBytes = 0;
    const qint64 minFree = qint64(toDelete) * 1000;
    Retention retention(catalog, recordings, minFree, 0, [&freeBytes](const QString &) {
        return std::optional<Retention::Space>(Retention::Space{freeBytes, qint64(1) << 40});
    });
    QElapsedTimer timer;
    timer.start();
    const Retention::Verdict afterDeleting = retention.ensureSpace(QString());
    const double deleteMs = double(timer.nsecsElapsed()) / 1e6;
    freeBytes = minFree;
    timer.restart();
    retention.ensureSpace(QString());
    const double checkMs = double(timer.nsecsElapsed()) / 1e6;
    std::printf("retention: %d rows: deleting %d recordings took %.1f ms (%.2f ms each, ok=%d); "
                "a check with nothing to delete took %.2f ms\n",
                rows, toDelete, deleteMs, deleteMs / toDelete, afterDeleting.ok ? 1 : 0, checkMs);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // Per-file log lines would swamp the figures.
    QLoggingCategory::setFilterRules(QStringLiteral("recorder.storage.info=false"));
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    benchCatalogWrites(dir.path(), 5000);
    if (argc > 1)
        benchRecovery(dir.path(), QString::fromLocal8Bit(argv[1]));
    benchRetention(dir.path(), 20000, 200);
    return 0;
}
