// SPDX-License-Identifier: MIT
// The bounded hand-over between the encoding thread and the writer thread: packets and steering.
#pragma once

#include <QString>
#include <QtGlobal>

extern "C" {
#include <libavcodec/codec_par.h>
#include <libavcodec/packet.h>
}

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

struct AVPacketDeleter {
    void operator()(AVPacket *packet) const { av_packet_free(&packet); }
};
using AVPacketPtr = std::unique_ptr<AVPacket, AVPacketDeleter>;
struct AVCodecParametersDeleter {
    void operator()(AVCodecParameters *parameters) const { avcodec_parameters_free(&parameters); }
};
using AVCodecParametersPtr = std::unique_ptr<AVCodecParameters, AVCodecParametersDeleter>;

// Reentrant value type; moved from the encoding thread to the writer thread.
struct WriterItem {
    enum class Kind {
        Packet, // `packet`, captured at `wallUs`
        Stream, // the encoder (re)opened: `parameters` and its name in `text` for the next files
        Finish, // end the current file; `text` is the error that ended it, if any
        Pause,  // recording off: end the file, then report that it is closed
        Resume, // recording on, in session `text`: end the file, allow a new one
        Audio,  // an AAC `packet` of the sound track, pts in samples of the capture clock
    };
    Kind kind = Kind::Packet;
    AVPacketPtr packet;
    qint64 wallUs = 0;
    AVCodecParametersPtr parameters;
    QString text;
};

// Thread-safe: one producer (encoding thread), one consumer (writer thread). Bounded in seconds of
// video and in bytes, so a writer held up by the disk costs counted drops, never unbounded memory;
// steering items are never refused.
class PacketQueue
{
public:
    // About 20 s of AAC at 48 kHz: sound that waits for video held up by the encoder or a file.
    static constexpr qint64 kMaxAudioPackets = 1000;

    PacketQueue(double budgetSeconds, qint64 budgetBytes, int fps);

    // False when the packet would take the queue over its budget (or it is closed): the caller
    // drops it and counts it.
    bool pushPacket(AVPacketPtr packet, qint64 wallUs);
    void pushControl(WriterItem item);
    // From the audio thread: false when the queue holds kMaxAudioPackets already (or is closed).
    bool pushAudio(AVPacketPtr packet);
    // Blocks until an item arrives; nothing once the queue is closed and empty.
    std::optional<WriterItem> pop();
    void close();

    double budgetSeconds() const { return m_budgetSeconds; }
    // Seconds of video waiting for the writer.
    double bufferedSeconds() const;

private:
    const double m_budgetSeconds;
    const qint64 m_budgetBytes;
    const int m_fps;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<WriterItem> m_items;
    qint64 m_frames = 0; // packets waiting
    qint64 m_bytes = 0;
    qint64 m_audioPackets = 0;
    bool m_closed = false;
};
