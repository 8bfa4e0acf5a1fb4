// SPDX-License-Identifier: MIT
// The encoding thread: takes frames from the queue, encodes them and hands packets to the writer.
#include "encodingthread.h"
#include "encodelog.h"
#include "packetqueue.h"
#include "../capture/framequeue.h"
#include "../pipelinecounters.h"

extern "C" {
#include <libavcodec/avcodec.h>
}

Q_LOGGING_CATEGORY(lcEncode, "recorder.encode")

EncodingThread::EncodingThread(const H264Encoder::Settings &encoder, const TimeOverlay::Settings &overlay,
                               FrameQueue &frames, PacketQueue &packets, PipelineCounters &counters, QObject *parent)
    : QThread(parent)
    , m_encoderSettings(encoder)
    , m_frames(frames)
    , m_packets(packets)
    , m_counters(counters)
    , m_overlay(overlay.enabled ? std::make_unique<TimeOverlay>(overlay) : nullptr)
{
    setObjectName(QStringLiteral("encoding"));
}

QString EncodingThread::encoderName() const
{
    QMutexLocker lock(&m_mutex);
    return m_encoderName;
}

void EncodingThread::finishFile(const QString &reason)
{
    WriterItem item;
    item.kind = WriterItem::Kind::Finish;
    item.text = reason;
    m_packets.pushControl(std::move(item));
}

void EncodingThread::run()
{
    ensureEncoder();
    emit readyForFrames();

    while (std::optional<Frame> frame = m_frames.pop()) {
        if (frame->marker == Frame::Marker::Reopen) {
            m_encoderFailed = false; // the control layer retries: the next frame opens an encoder
            continue;
        }
        if (frame->marker != Frame::Marker::None) {
            // The frames still in the encoder belong to the file being finished.
            if (!(frame->marker == Frame::Marker::Resume && m_paused))
                drain();
            WriterItem item;
            switch (frame->marker) {
            case Frame::Marker::Pause:
                m_paused = true;
                item.kind = WriterItem::Kind::Pause;
                break;
            case Frame::Marker::Resume:
                m_paused = false;
                m_encoderFailed = false;
                item.kind = WriterItem::Kind::Resume;
                item.text = frame->sessionId;
                break;
            case Frame::Marker::Reopen:
            case Frame::Marker::None:
                break;
            }
            m_packets.pushControl(std::move(item));
            continue;
        }
        if (m_paused)
            continue; // not recording (between sessions): the frame was only for the preview
        if (!ensureEncoder()) {
            ++m_counters.framesDroppedEncoder;
            continue;
        }
        m_pending.push_back({frame->index, frame->wallUs});
        // The overlay shows the capture clock's wall time of this picture, not the time it is encoded.
        const qint64 wallUs = frame->wallUs;
        H264Encoder::PictureFilter overlay;
        if (m_overlay)
            overlay = [this, wallUs](const AVFrame *picture) { return m_overlay->draw(picture, wallUs); };
        const QString error = m_encoder.encode(frame->picture.get(), frame->index,
                                               [this](AVPacket *packet) { hand(packet); return QString(); }, overlay);
        frame->picture.reset(); // give a camera buffer back as early as possible
        if (!error.isEmpty()) {
            // A dead encoder (e.g. the hardware one) is replaced when the control layer retries:
            // the file ends here, the next file starts with a fresh encoder's keyframe.
            m_encoder.close();
            m_pending.clear();
            m_encoderFailed = true;
            finishFile(error);
            emit failed(QStringLiteral("encoder error: ") + error);
        }
    }
    drain();
    m_packets.close();
}

bool EncodingThread::ensureEncoder()
{
    if (m_encoder.isOpen())
        return true;
    if (m_encoderFailed)
        return false;
    const QString error = m_encoder.open(m_encoderSettings);
    if (!error.isEmpty()) {
        m_encoderFailed = true;
        emit failed(QStringLiteral("encoder error: ") + error);
        return false;
    }
    WriterItem stream;
    stream.kind = WriterItem::Kind::Stream;
    stream.parameters.reset(avcodec_parameters_alloc());
    if (stream.parameters)
        avcodec_parameters_from_context(stream.parameters.get(), m_encoder.context());
    stream.text = m_encoder.name();
    m_packets.pushControl(std::move(stream));
    {
        QMutexLocker lock(&m_mutex);
        m_encoderName = m_encoder.name();
    }
    emit encoderOpened(m_encoder.name());
    return true;
}

void EncodingThread::drain()
{
    if (!m_encoder.isOpen())
        return;
    const QString error = m_encoder.encode(nullptr, 0, [this](AVPacket *packet) { hand(packet); return QString(); });
    if (!error.isEmpty())
        qCWarning(lcEncode, "%s", qPrintable(error));
    // A drained encoder cannot take frames again: the next frame opens a fresh one.
    m_encoder.close();
    m_pending.clear();
}

void EncodingThread::hand(AVPacket *packet)
{
    qint64 wallUs = 0;
    while (!m_pending.empty() && m_pending.front().pts <= packet->pts) {
        wallUs = m_pending.front().wallUs;
        m_pending.pop_front();
    }
    const bool keyframe = packet->flags & AV_PKT_FLAG_KEY;
    // Behind its budget, the writer gets nothing until a keyframe: a file must not have a hole
    // that a decoder cannot cross.
    if (m_writerBehind && !keyframe) {
        ++m_counters.framesDroppedWriter;
        ++m_episodeDrops;
        return;
    }
    AVPacketPtr copy(av_packet_alloc());
    if (copy)
        av_packet_move_ref(copy.get(), packet);
    if (copy && m_packets.pushPacket(std::move(copy), wallUs)) {
        if (m_writerBehind) {
            qCWarning(lcEncode, "writer caught up: %lld frames were dropped in %.1f s because storage fell more "
                      "than %.0f s behind", m_episodeDrops, double(wallUs - m_episodeStartUs) / 1e6,
                      m_packets.budgetSeconds());
            m_writerBehind = false;
        }
        return;
    }
    ++m_counters.framesDroppedWriter;
    if (!m_writerBehind) {
        m_writerBehind = true;
        m_episodeDrops = 0;
        m_episodeStartUs = wallUs;
        qCWarning(lcEncode, "storage is more than %.0f s behind: dropping frames until it catches up",
                  m_packets.budgetSeconds());
        // The file ends before the gap; the next one starts at the keyframe after it.
        finishFile(QStringLiteral("storage fell behind: frames dropped"));
    }
    ++m_episodeDrops;
}
