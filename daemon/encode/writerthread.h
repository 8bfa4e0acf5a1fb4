// SPDX-License-Identifier: MIT
// The writer thread: takes encoded packets from the queue and writes them into segment files.
#pragma once

#include "segmentwriter.h"

#include <QThread>

class PacketQueue;
struct PipelineCounters;

// The QThread object belongs to the main thread; run() and the SegmentWriter it creates belong to
// the writer thread. Its signals reach the main thread queued. The thread ends when the queue is
// closed and empty, after the last file is finished and closed on disk.
class WriterThread : public QThread
{
    Q_OBJECT
public:
    WriterThread(const SegmentWriter::Settings &settings, const SegmentWriter::Hooks &hooks, PacketQueue &queue,
                 PipelineCounters &counters, QObject *parent = nullptr);

signals:
    void fileStarted(const QString &path);
    // From the syncer's thread, once the file is closed and synced: its catalog state.
    void fileFinished(const QString &path, const QString &state);
    // A file could not be started or written; no new file is tried until a Resume.
    void failed(const QString &reason);
    // A Pause was handled and the file before it is closed (its fileFinished came first).
    void paused();

protected:
    void run() override;

private:
    const SegmentWriter::Settings m_settings;
    const SegmentWriter::Hooks m_hooks;
    PacketQueue &m_queue;
    PipelineCounters &m_counters;
};
