// SPDX-License-Identifier: MIT
// Demuxes and decodes the video stream of a file or a V4L2 device through libavformat/libavcodec.
#pragma once

#include "frame.h"

#include <QString>

struct AVCodecContext;
struct AVFormatContext;
struct AVPacket;
struct AVDictionary;
struct AVInputFormat;

// Thread-bound: used by one source on the capture thread.
class MediaInput
{
public:
    enum class Read { Frame, NotYet, EndOfFile, Error };

    MediaInput() = default;
    ~MediaInput();
    MediaInput(const MediaInput &) = delete;
    MediaInput &operator=(const MediaInput &) = delete;

    // `format` may be null (probe the file). `options` is consumed. `nonBlocking` makes read()
    // return NotYet instead of waiting for a device. Returns an empty string or the reason.
    QString open(const QString &url, const AVInputFormat *format, AVDictionary **options, bool nonBlocking);
    void close();
    bool isOpen() const { return m_format != nullptr; }

    // Decodes the next picture into `out` (a new reference).
    Read read(AVFramePtr &out, QString &error);
    // Seconds of `frame`'s pts since the stream's start, or a negative value when unknown.
    double secondsOf(const AVFrame *frame) const;
    // `frame`'s pts in µs as the demuxer gave it (for a V4L2 device: the kernel's buffer
    // timestamp, libavdevice's default), or -1 when it has none.
    qint64 timestampUs(const AVFrame *frame) const;
    // Average frame period of the stream in seconds (1/25 when unknown).
    double framePeriod() const;
    QString rewind();

    int width() const;
    int height() const;

private:
    AVFormatContext *m_format = nullptr;
    AVCodecContext *m_decoder = nullptr;
    AVPacket *m_packet = nullptr;
    int m_stream = -1;
    bool m_draining = false;
};
