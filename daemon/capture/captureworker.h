// SPDX-License-Identifier: MIT
// Drives a Source on the capture thread: the capture clock, frame timestamps, the hand-over queue.
#pragma once

#include "source.h"
#include "timestampmapper.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class FrameQueue;
struct PipelineCounters;

// Lives on the capture thread (moved there by Recorder); call its slots with queued
// invocations only. It never blocks: sources are paced by a timer or polled. A polled (device-
// paced) frame is placed on the capture clock by the device's own timestamp (TimestampMapper),
// not by the moment the poll found it, so its pts carries no poll jitter and a frame the device
// lost leaves a gap in the pts and is counted as dropped at the source.
class CaptureWorker : public QObject
{
    Q_OBJECT
public:
    // Called on the capture thread with every captured picture, before it is queued (e.g. for a
    // preview). It must be quick and must not keep the pointer.
    using FrameHook = std::function<void(const AVFrame *picture)>;

    CaptureWorker(std::unique_ptr<Source> source, int fps, FrameQueue &queue, PipelineCounters &counters,
                  FrameHook hook = {});
    ~CaptureWorker() override;

    static qint64 monotonicUs();
    static qint64 wallUs();

public slots:
    void start();  // opens the source and starts capturing
    void reopen(); // closes and opens the source again (after an error or a timeout)
    void stop();   // stops capturing and closes the source, then emits stopped()

signals:
    // Once, from start(): the capture clock's time 0 (CLOCK_MONOTONIC), frame index 0. The sound
    // is stamped on the same clock.
    void clockStarted(qint64 epochUs);
    void opened(const QString &sourceName);
    void failed(const QString &reason);
    // After stop(): no frame is queued any more.
    void stopped();

private:
    void tick();
    void tickClock();
    void pollDevice();
    void fail(const QString &reason);
    void scheduleNextTick(qint64 nowUs);
    void deliver(Frame frame, qint64 nowUs, qint64 lostBefore);

    std::unique_ptr<Source> m_source;
    const int m_fps;
    FrameQueue &m_queue;
    PipelineCounters &m_counters;
    FrameHook m_hook;
    QTimer m_timer;
    bool m_open = false;
    qint64 m_epochUs = 0;    // monotonic time of frame index 0; kept across reopens
    qint64 m_openedAtUs = 0; // monotonic time of the last open
    qint64 m_nextIndex = 0;
    TimestampMapper m_mapper; // device-paced sources: their stamps on the capture clock
};
