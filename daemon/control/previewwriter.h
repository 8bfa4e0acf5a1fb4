// SPDX-License-Identifier: MIT
// Writes a downscaled JPEG of the latest frame for the dashboard, at idle priority, never blocking capture.
#pragma once

#include "previewframe.h"

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>

// Owned by the main thread; wantsFrame() and offerFrame() are thread-safe and meant for the
// capture thread. The JPEG work runs on a worker thread of its own at QThread::IdlePriority
// (SCHED_IDLE on Linux), so it only uses CPU nobody else wants.
//
// Handoff (drop-if-busy, never waits):
//     if (preview->wantsFrame())                       // two atomic loads
//         preview->offerFrame(PreviewFrame::fromYuv420p(..., preview->width()));
// wantsFrame() is true once per `[preview] interval` (or when a snapshot was asked for) and only
// while the worker is idle; offerFrame() drops the frame when the worker is still busy.
class PreviewWriter : public QObject
{
    Q_OBJECT

public:
    // `path`: Paths::previewFile(). `intervalSeconds` 0 writes no file (snapshots still work).
    PreviewWriter(const QString &path, double intervalSeconds, int width, QObject *parent = nullptr);
    ~PreviewWriter() override;

    int width() const { return m_width; }
    QString path() const { return m_path; }

    // Thread-safe.
    bool wantsFrame() const;
    // Thread-safe. Returns false when the frame was dropped (worker busy or frame invalid).
    bool offerFrame(PreviewFrame frame);

    // Main thread: the next frame offered is encoded and delivered by snapshotReady().
    void requestSnapshot();
    // Thread-safe: the last JPEG encoded, empty before the first.
    QByteArray latestJpeg() const;
    qint64 framesDropped() const { return m_dropped.load(); }

    // Reentrant: the worker's conversion, scaled to at most `width` pixels wide; empty on failure.
    static QByteArray toJpeg(const PreviewFrame &frame, int width);

signals:
    void previewWritten(const QString &path);
    void snapshotReady(const QByteArray &jpeg);
    void previewFailed(const QString &reason);

private:
    void encode(const PreviewFrame &frame, bool forSnapshot); // worker thread
    static qint64 nowMs();

    QString m_path;
    qint64 m_intervalMs;
    int m_width;
    QThread m_thread;
    QObject *m_worker; // lives on m_thread; deleted when it finishes
    std::atomic<bool> m_busy{false};
    std::atomic<bool> m_snapshotWanted{false};
    std::atomic<qint64> m_nextDueMs{0};
    std::atomic<qint64> m_dropped{0};
    QString m_lastError; // worker thread only
    mutable QMutex m_jpegMutex;
    QByteArray m_latestJpeg;
};
