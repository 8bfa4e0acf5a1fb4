// SPDX-License-Identifier: MIT
// Reads the pictures of a raw YUV4MPEG2 (.y4m) file into reused buffers: one read() per picture.
#pragma once

#include "frame.h"
#include "framepool.h"

#include <QString>

#include <memory>

// Thread-bound: used by FileSource on the capture thread. The pictures it hands out may be
// released on any thread (their buffers go back to a FramePool).
//
// Why not libavformat: its y4m demuxer allocates a new packet for every picture and the rawvideo
// decoder wraps it, so each 3 MiB picture at 1080p is a fresh allocation. recorderd hands large
// blocks back to the system at once (main.cpp's mmap threshold), so every picture was a new
// mapping whose pages the kernel zeroed and faulted in, then unmapped on the encoding thread:
// measured 0.31 of a core for replaying a 1080p30 clip. Here a picture is one read() into a pooled
// buffer: the only copy is the kernel's, from the page cache.
class Y4mReader
{
public:
    enum class Read { Frame, EndOfFile, Error };

    Y4mReader() = default;
    ~Y4mReader();
    Y4mReader(const Y4mReader &) = delete;
    Y4mReader &operator=(const Y4mReader &) = delete;

    // True when `path` starts with the YUV4MPEG2 signature (the file is readable and raw).
    static bool isY4m(const QString &path);

    // Parses the stream header. Returns an empty string or the reason (e.g. a bit depth this reader
    // does not handle: the caller may then fall back to libavformat).
    QString open(const QString &path);
    void close();
    bool isOpen() const { return m_fd >= 0; }

    // Reads the next picture into `out` (a new frame whose pts is its index in the file).
    // A truncated last picture counts as the end of the file.
    Read read(AVFramePtr &out, QString &error);
    // Moves past the next picture without reading its pixels (a picture no one will see).
    Read skip(QString &error);
    // Index in the file of the picture read() or skip() would reach next.
    qint64 nextIndex() const { return m_index; }
    // Seconds from the start of the file to picture `index` (the header's rate is constant).
    double secondsAt(qint64 index) const;
    double secondsOf(const AVFrame *frame) const { return secondsAt(frame->pts); }
    double framePeriod() const { return double(m_rateDen) / m_rateNum; }
    QString rewind();

    int width() const { return m_width; }
    int height() const { return m_height; }
    int format() const { return m_format; }

private:
    QString parseHeader(const QByteArray &line);
    // Reads a FRAME header; false at the end of the file or on an error (then `error` is set).
    bool readFrameHeader(QString &error);

    int m_fd = -1;
    QString m_path;
    qint64 m_dataOffset = 0; // where the first FRAME header starts
    qint64 m_position = 0;   // file offset of the next read
    qint64 m_fileBytes = 0;  // file size at the last rewind
    int m_width = 0;
    int m_height = 0;
    int m_format = -1; // AVPixelFormat
    int m_pictureBytes = 0;
    int m_rateNum = 25; // pictures per second, as a fraction
    int m_rateDen = 1;
    qint64 m_index = 0; // of the next picture
    std::unique_ptr<FramePool> m_pool;
};
