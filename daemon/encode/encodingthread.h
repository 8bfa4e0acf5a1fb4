// SPDX-License-Identifier: MIT
// The encoding thread: takes frames from the queue, encodes them and hands packets to the writer.
#pragma once

#include "h264encoder.h"
#include "timeoverlay.h"

#include <QMutex>
#include <QThread>

#include <deque>
#include <memory>

class FrameQueue;
class PacketQueue;
struct PipelineCounters;

// The QThread object belongs to the main thread; run() and the encoder belong to the encoding
// thread. Its signals reach the main thread queued. The accessors are thread-safe. It never
// touches a file: packets go to the writer thread through a PacketQueue, and when the writer is
// behind its budget the packets up to the next keyframe are dropped and counted (one log line per
// episode). A failed encoder is not retried here: the control layer decides when (a Resume or
// Reopen marker). The thread ends when the frame queue is closed and empty, after draining the
// encoder; it then closes the packet queue.
class EncodingThread : public QThread
{
    Q_OBJECT
public:
    EncodingThread(const H264Encoder::Settings &encoder, const TimeOverlay::Settings &overlay, FrameQueue &frames,
                   PacketQueue &packets, PipelineCounters &counters, QObject *parent = nullptr);

    QString encoderName() const;

signals:
    // After the first attempt to open the encoder, before any frame is taken: capture starts
    // then, so frames do not pile up in the queue while the encoder initialises.
    void readyForFrames();
    void encoderOpened(const QString &name);
    // The encoder failed to open or to encode; frames are dropped until a Resume or Reopen.
    void failed(const QString &reason);

protected:
    void run() override;

private:
    struct Pending {
        qint64 pts;
        qint64 wallUs;
    };
    bool ensureEncoder();
    void drain();
    void hand(AVPacket *packet);
    void finishFile(const QString &reason = QString());

    const H264Encoder::Settings m_encoderSettings;
    FrameQueue &m_frames;
    PacketQueue &m_packets;
    PipelineCounters &m_counters;

    // Encoding-thread state.
    H264Encoder m_encoder;
    std::unique_ptr<TimeOverlay> m_overlay; // null when [overlay] is off
    std::deque<Pending> m_pending; // pictures in the encoder, oldest first
    bool m_encoderFailed = false;  // until a Resume or Reopen marker
    bool m_paused = true;          // until the first Resume marker
    bool m_writerBehind = false;   // dropping until a keyframe fits in the writer's budget
    qint64 m_episodeDrops = 0;
    qint64 m_episodeStartUs = 0;

    mutable QMutex m_mutex; // guards the one below
    QString m_encoderName;
};
