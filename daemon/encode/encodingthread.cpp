// SPDX-License-Identifier: MIT
// The encoding thread: takes frames from the queue, encodes them and hands packets to the writer.
#include "encodingthread.h"
#include "encodelog.h"
#include "../capture/framequeue.h"
#include "../pipelinecounters.h"

extern "C" {
#include <libavcodec/packet.h>
}

#include <chrono>

Q_LOGGING_CATEGORY(lcEncode, "recorder.encode")

namespace {
// An encoder that failed to open is tried again after this long (capture time).
constexpr qint64 kEncoderRetryUs = 5'000'000;

// The capture clock (CLOCK_MONOTONIC, as steady_clock is on Linux).
qint64 monotonicNowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
}

EncodingThread::EncodingThread(const H264Encoder::Settings &encoder, const SegmentWriter::Settings &writer,
                               const SegmentWriter::Hooks &hooks, FrameQueue &queue, PipelineCounters &counters,
                               QObject *parent)
    : QThread(parent)
    , m_encoderSettings(encoder)
    , m_writerSettings(writer)
    , m_hooks(hooks)
    , m_queue(queue)
    , m_counters(counters)
{
    setObjectName(QStringLiteral("encoding"));
}

QString EncodingThread::encoderName() const
{
    QMutexLocker lock(&m_mutex);
    return m_encoderName;
}

QString EncodingThread::currentFile() const
{
    QMutexLocker lock(&m_mutex);
    return m_currentFile;
}

void EncodingThread::setCurrentFile(const QString &path)
{
    {
        QMutexLocker lock(&m_mutex);
        m_currentFile = path;
    }
    emit fileChanged(path);
}

void EncodingThread::run()
{
    SegmentWriter::Hooks hooks = m_hooks;
    hooks.fileStarted = [this](const RecordingInfo &info) {
        if (m_hooks.fileStarted)
            m_hooks.fileStarted(info);
        m_lastFailure.clear();
        setCurrentFile(info.path);
    };
    hooks.fileFinished = [this](const RecordingInfo &info) {
        if (m_hooks.fileFinished)
            m_hooks.fileFinished(info);
        setCurrentFile(QString());
    };
    SegmentWriter writer(m_writerSettings, hooks, m_counters);
    ensureEncoder(writer, monotonicNowUs());
    emit readyForFrames();

    while (std::optional<Frame> frame = m_queue.pop()) {
        if (frame->marker != Frame::Marker::None) {
            // A paused pipeline has nothing in the encoder: resuming keeps the open encoder.
            if (!(frame->marker == Frame::Marker::Resume && m_paused)) {
                // The frames still in the encoder belong to the file being finished.
                drain(m_encoder, writer);
                writer.finish();
            }
            if (frame->marker == Frame::Marker::Pause) {
                m_paused = true;
                emit paused();
            }
            if (frame->marker == Frame::Marker::Resume) {
                m_paused = false;
                writer.setSessionId(frame->sessionId);
            }
            continue;
        }
        if (m_paused)
            continue; // not recording (between sessions): the frame was only for the preview
        if (!ensureEncoder(writer, frame->monotonicUs)) {
            ++m_counters.framesDroppedEncoder;
            continue;
        }
        m_pending.push_back({frame->index, frame->wallUs});
        const QString error = m_encoder.encode(frame->picture.get(), frame->index,
                                               [&](AVPacket *packet) { return writePacket(writer, packet); });
        frame->picture.reset(); // give a camera buffer back as early as possible
        if (!error.isEmpty()) {
            // A dead encoder (e.g. the hardware one) is replaced: the file ends here, a fresh
            // encoder is opened after a pause and starts the next file with a keyframe.
            m_encoder.close();
            m_pending.clear();
            writer.finish(error);
            m_retryEncoderAtUs = frame->monotonicUs + kEncoderRetryUs;
            if (error != m_lastFailure) {
                m_lastFailure = error;
                emit failed(QStringLiteral("encoder error: ") + error); // the Recorder logs it
            }
        }
    }
    drain(m_encoder, writer);
    writer.finish();
}

bool EncodingThread::ensureEncoder(SegmentWriter &writer, qint64 monotonicUs)
{
    if (m_encoder.isOpen())
        return true;
    if (monotonicUs < m_retryEncoderAtUs)
        return false;
    const QString error = m_encoder.open(m_encoderSettings);
    if (!error.isEmpty()) {
        m_retryEncoderAtUs = monotonicUs + kEncoderRetryUs;
        emit failed(QStringLiteral("encoder error: ") + error);
        return false;
    }
    writer.setEncoder(m_encoder.context(), m_encoder.name());
    {
        QMutexLocker lock(&m_mutex);
        m_encoderName = m_encoder.name();
    }
    emit encoderOpened(m_encoder.name());
    return true;
}

void EncodingThread::drain(H264Encoder &encoder, SegmentWriter &writer)
{
    if (!encoder.isOpen())
        return;
    const QString error = encoder.encode(nullptr, 0, [&](AVPacket *packet) { return writePacket(writer, packet); });
    if (!error.isEmpty())
        qCWarning(lcEncode, "%s", qPrintable(error));
    // A drained encoder cannot take frames again: the next frame opens a fresh one.
    encoder.close();
    m_pending.clear();
}

QString EncodingThread::writePacket(SegmentWriter &writer, AVPacket *packet)
{
    qint64 wallUs = 0;
    while (!m_pending.empty() && m_pending.front().pts <= packet->pts) {
        wallUs = m_pending.front().wallUs;
        m_pending.pop_front();
    }
    const QString error = writer.write(packet, wallUs);
    if (!error.isEmpty() && error != m_lastFailure) {
        m_lastFailure = error;
        emit failed(error);
    }
    // A file error costs that file, not the encoder: the next keyframe starts a new one.
    return QString();
}
