// SPDX-License-Identifier: MIT
// The encoding thread: takes frames from the queue, encodes them and hands packets to the writer.
#pragma once

#include "h264encoder.h"
#include "segmentwriter.h"

#include <QMutex>
#include <QThread>

#include <deque>

class FrameQueue;
struct PipelineCounters;

// The QThread object belongs to the main thread; run() and everything it creates (encoder,
// writer) belong to the encoding thread. Its signals reach the main thread queued. The
// accessors are thread-safe. The thread ends when the queue is closed and empty, after
// draining the encoder and finishing the current file.
class EncodingThread : public QThread
{
    Q_OBJECT
public:
    EncodingThread(const H264Encoder::Settings &encoder, const SegmentWriter::Settings &writer,
                   const SegmentWriter::Hooks &hooks, FrameQueue &queue, PipelineCounters &counters,
                   QObject *parent = nullptr);

    QString encoderName() const;
    QString currentFile() const;

signals:
    // After the first attempt to open the encoder, before any frame is taken: capture starts
    // then, so frames do not pile up in the queue while the encoder initialises.
    void readyForFrames();
    void encoderOpened(const QString &name);
    // An encoder or file error, or a refused file start; the pipeline keeps running.
    void failed(const QString &reason);
    // A file was started (`path` set) or finished (`path` empty).
    void fileChanged(const QString &path);
    // A Pause marker was handled: the file before it is finished (its fileChanged("") came first).
    void paused();

protected:
    void run() override;

private:
    struct Pending {
        qint64 pts;
        qint64 wallUs;
    };
    bool ensureEncoder(SegmentWriter &writer, qint64 monotonicUs);
    void drain(H264Encoder &encoder, SegmentWriter &writer);
    QString writePacket(SegmentWriter &writer, AVPacket *packet);
    void setCurrentFile(const QString &path);

    const H264Encoder::Settings m_encoderSettings;
    const SegmentWriter::Settings m_writerSettings;
    const SegmentWriter::Hooks m_hooks;
    FrameQueue &m_queue;
    PipelineCounters &m_counters;

    // Encoding-thread state.
    H264Encoder m_encoder;
    std::deque<Pending> m_pending; // pictures in the encoder, oldest first
    qint64 m_retryEncoderAtUs = 0;
    bool m_paused = true; // until the first Resume marker
    QString m_lastFailure;

    mutable QMutex m_mutex; // guards the two below
    QString m_encoderName;
    QString m_currentFile;
};
