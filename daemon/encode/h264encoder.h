// SPDX-License-Identifier: MIT
// H.264 encoding with libavcodec: the V4L2 M2M hardware encoder when it opens, else libx264.
#pragma once

#include "frameconverter.h"

#include <QString>

#include <functional>

struct AVCodecContext;
struct AVPacket;

// Thread-bound: used by the encoding thread.
class H264Encoder
{
public:
    struct Settings {
        QString encoder = QStringLiteral("auto"); // auto, libx264, h264_v4l2m2m
        QString preset = QStringLiteral("ultrafast");
        int crf = 23;
        qint64 bitrate = 0;                       // bits/s; 0 uses crf
        double keyframeInterval = 1;              // seconds
        int width = 0;
        int height = 0;
        int fps = 0;
        // SPS/PPS in the codec's extradata (MP4's sample description). false makes libx264 put them
        // in-band only, as h264_v4l2m2m does: a test seam for the writer's fallback.
        bool globalHeader = true;
    };
    // Set (to anything) in recorderd's environment, libx264 keeps SPS/PPS in-band (test only).
    static constexpr const char *kInbandHeadersVariable = "RECORDER_TEST_INBAND_HEADERS";
    // Receives each encoded packet (pts/dts in frames); returns an empty string or an error.
    using PacketSink = std::function<QString(AVPacket *packet)>;
    // Gets each picture in the encoder's pixel format and size, just before it is encoded, and
    // returns the picture to encode (the same one drawn into, or another it owns).
    using PictureFilter = std::function<const AVFrame *(const AVFrame *picture)>;

    H264Encoder() = default;
    ~H264Encoder();
    H264Encoder(const H264Encoder &) = delete;
    H264Encoder &operator=(const H264Encoder &) = delete;

    // Returns an empty string or the reason no encoder could be opened.
    QString open(const Settings &settings);
    void close();
    bool isOpen() const { return m_context != nullptr; }
    QString name() const { return m_name; }
    const AVCodecContext *context() const { return m_context; }

    // Encodes `frame` at `pts` (frame index), through `filter` if one is given; a null frame
    // drains the encoder, after which it must be reopened.
    QString encode(const AVFrame *frame, qint64 pts, const PacketSink &sink, const PictureFilter &filter = {});

private:
    QString openCodec(const QString &name, const Settings &settings);

    AVCodecContext *m_context = nullptr;
    AVPacket *m_packet = nullptr;
    AVFramePtr m_input; // a reference to the picture, with our pts
    FrameConverter m_converter;
    QString m_name;
};
