// SPDX-License-Identifier: MIT
// AAC encoding with libavcodec's native `aac` encoder, fed with samples on the capture clock.
#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>
#include <vector>

struct AVCodecContext;
struct AVCodecParameters;
struct AVFrame;
struct AVPacket;

// Thread-bound: opened on the main thread (the writer needs the track's parameters before the
// first file), then used only on the audio thread.
class AacEncoder
{
public:
    struct Settings {
        int sampleRate = 48000;
        int channels = 1;
        qint64 bitrate = 96000;
    };
    // Receives each packet, pts and duration in samples of the capture clock.
    using PacketSink = std::function<void(AVPacket *packet)>;

    AacEncoder() = default;
    ~AacEncoder();
    AacEncoder(const AacEncoder &) = delete;
    AacEncoder &operator=(const AacEncoder &) = delete;

    // Returns an empty string or the reason the encoder cannot be opened.
    QString open(const Settings &settings);
    // Fills `parameters` (allocated by the caller) for a muxer's stream.
    void copyParameters(AVCodecParameters *parameters) const;

    // Appends interleaved samples whose first one is sample `position` of the capture clock;
    // positions must follow on (the worker pads and drops so they do). Whole AAC frames are
    // encoded as soon as they are complete.
    QString encode(const float *samples, qint64 count, qint64 position, const PacketSink &sink);

    // At the end: encodes what is buffered (the last frame padded with silence) and drains the
    // encoder's look-ahead. The encoder takes no samples after this.
    QString finish(const PacketSink &sink);

private:
    QString flushFrame(const PacketSink &sink);
    QString receive(const PacketSink &sink);

    AVCodecContext *m_context = nullptr;
    AVFrame *m_frame = nullptr;
    AVPacket *m_packet = nullptr;
    int m_filled = 0;         // samples in m_frame
    qint64 m_framePosition = 0; // capture-clock position of m_frame's first sample
};
