// SPDX-License-Identifier: MIT
// Polls the heartbeat, watchdog status, preview and offload status files on a worker thread for the status page.
#include "statusreader.h"

#include "fileindirectory.h"
#include "serviceaccounts.h"
#include "trustedowners.h"

#include <QFile>
#include <QImageReader>
#include <QtConcurrent/QtConcurrentRun>

#include <sys/stat.h>
#include <unistd.h>

namespace {

// A preview larger than this is not a preview: refuse it rather than decode it.
constexpr qint64 kMaxPreviewBytes = 8 * 1024 * 1024;

void readPreview(const QString &path, const QDateTime &previousModified, StatusSnapshot *out)
{
    // Read in place, never through a link, and only when the recorder (or root, or we) wrote it:
    // the file checked is the file decoded, since every check is made on the open descriptor.
    static const TrustedOwners owners = TrustedOwners::writtenBy(ServiceAccounts::kRecorder);
    const FileInDirectory::Opened opened = FileInDirectory(path).openForReading();
    if (!opened.ok()) {
        out->previewReason = opened.missing ? QStringLiteral("missing")
            : opened.symlink                 ? QStringLiteral("invalid")
                                             : QStringLiteral("unreadable");
        return;
    }
    QFile file;
    if (!file.open(opened.fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(opened.fd);
        out->previewReason = QStringLiteral("unreadable");
        return;
    }
    struct stat st{};
    if (::fstat(opened.fd, &st) != 0 || st.st_size > kMaxPreviewBytes) {
        out->previewReason = QStringLiteral("invalid");
        return;
    }
    if (!owners.accepts(st.st_uid)) {
        out->previewReason = QStringLiteral("untrusted_owner");
        return;
    }
    out->previewModified = QDateTime::fromMSecsSinceEpoch(qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000);
    if (previousModified.isValid() && out->previewModified == previousModified) {
        out->previewUnchanged = true;
        return;
    }
    QImageReader reader(&file);
    // The preview is shown at most a few hundred pixels wide: decode it small, cheaply.
    const QSize size = reader.size();
    if (size.isValid() && size.width() > 640)
        reader.setScaledSize(size.scaled(640, 640, Qt::KeepAspectRatio));
    out->preview = reader.read();
    if (out->preview.isNull())
        out->previewReason = QStringLiteral("unreadable");
}

} // namespace

StatusReader::StatusReader(const Files &files, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_files(files)
{
    qRegisterMetaType<StatusSnapshot>();
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StatusReader::refresh);
    connect(&m_watcher, &QFutureWatcher<StatusSnapshot>::finished, this, &StatusReader::finished);
}

StatusReader::~StatusReader()
{
    // The worker only touches its own copies; wait so it never outlives the files it was given.
    m_watcher.waitForFinished();
}

void StatusReader::start()
{
    m_timer.start();
    refresh();
}

void StatusReader::refresh()
{
    if (m_watcher.isRunning()) {
        m_pending = true;
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(&StatusReader::readFiles, m_files, m_previewModified));
}

StatusSnapshot StatusReader::readFiles(const Files &files, const QDateTime &previousPreviewModified)
{
    StatusSnapshot snapshot;
    const ClockReading now = ClockReading::now();
    snapshot.readAtBoottimeSeconds = now.boottimeSeconds;
    snapshot.heartbeat = HeartbeatReader::read(files.heartbeat);
    if (snapshot.heartbeat.ok())
        snapshot.heartbeatAgeSeconds = HeartbeatReader::ageSeconds(snapshot.heartbeat.heartbeat, now);
    snapshot.watchdog = WatchdogStatus::read(files.watchdogStatus);
    if (snapshot.watchdog.ok())
        snapshot.watchdogAgeSeconds = now.secondsSince(snapshot.watchdog.document.written);
    readPreview(files.preview, previousPreviewModified, &snapshot);
    snapshot.offloadEnabled = !files.offloadStatus.isEmpty();
    if (snapshot.offloadEnabled)
        snapshot.offload = OffloadStatusReader::read(files.offloadStatus);
    return snapshot;
}

void StatusReader::finished()
{
    const StatusSnapshot snapshot = m_watcher.result();
    if (!snapshot.previewUnchanged)
        m_previewModified = snapshot.previewModified;
    emit snapshotReady(snapshot);
    if (m_pending) {
        m_pending = false;
        refresh();
    }
}
