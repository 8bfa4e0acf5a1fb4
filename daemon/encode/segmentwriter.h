// SPDX-License-Identifier: MIT
// Writes encoded packets into crash-safe fragmented MP4 files that roll over at keyframes.
#pragma once

#include "filesyncer.h"
#include "recordinginfo.h"

#include <QString>

#include <functional>

struct AVCodecContext;
struct AVFormatContext;
struct AVIOContext;
struct AVPacket;
struct AVStream;
struct PipelineCounters;

// Thread-bound: used by the encoding thread. The rules that hold for every file live here once:
// a file starts only at a keyframe; a new file starts at the first keyframe after
// segment_duration, with the same packet, so files are back to back; a fragment is cut at every
// keyframe and at least every fragment_duration, and each fragment is handed to fdatasync (on
// the FileSyncer's thread) as soon as it is written, so a file cut off by a crash plays up to
// its last complete fragment.
class SegmentWriter
{
public:
    struct Settings {
        QString recordingsDir;
        bool utcNames = true;
        double segmentSeconds = 300;
        double fragmentSeconds = 1;
        int fps = 30;
    };
    struct Hooks {
        // Asked before a file is created: returns an empty string, or why no file may be started.
        std::function<QString(const QString &currentFile)> mayStartFile;
        std::function<void(const RecordingInfo &)> fileStarted;
        std::function<void(const RecordingInfo &)> fileFinished;
    };

    SegmentWriter(const Settings &settings, const Hooks &hooks, PipelineCounters &counters);
    ~SegmentWriter();
    SegmentWriter(const SegmentWriter &) = delete;
    SegmentWriter &operator=(const SegmentWriter &) = delete;

    // The session files started from now on belong to (empty in continuous mode).
    void setSessionId(const QString &sessionId) { m_sessionId = sessionId; }

    // The stream every new file gets (codec parameters and SPS/PPS from the open encoder).
    void setEncoder(const AVCodecContext *encoder, const QString &encoderName);

    // `packet` has pts/dts in frames of the capture clock; `wallUs` is the capture time of its
    // picture. Packets that cannot go into a file are dropped and counted. Returns an empty
    // string or the error that closed the current file.
    QString write(AVPacket *packet, qint64 wallUs);

    // Finishes the current file (trailer, fdatasync, catalog row complete). The next keyframe
    // starts a new file on a fresh time line.
    void finish(const QString &lastError = QString());

    bool isOpen() const { return m_format != nullptr; }
    QString currentFile() const { return m_info.path; }

    // The name of the file that a first frame at `wallUs` gets, without collision handling.
    static QString fileNameFor(const QString &recordingsDir, qint64 wallUs, bool utc);

private:
    QString startFile(AVPacket *packet);
    void followWallClock(qint64 pts, qint64 wallUs);
    QString cutFragment();
    QString syncData();
    void closeFile();
    QDateTime timeOfPts(qint64 pts) const;
    static int writeCallback(void *opaque, uint8_t *data, int size);

    const Settings m_settings;
    const Hooks m_hooks;
    PipelineCounters &m_counters;
    const AVCodecContext *m_encoder = nullptr;
    QString m_encoderName;
    QString m_sessionId;

    AVFormatContext *m_format = nullptr;
    AVIOContext *m_io = nullptr;
    AVStream *m_stream = nullptr;
    int m_fd = -1;
    RecordingInfo m_info;
    qint64 m_firstPts = 0;
    qint64 m_nextPts = 0;           // end of the last written packet
    qint64 m_fragmentStartPts = 0;
    bool m_fragmentHasData = false;
    qint64 m_framesDroppedAtStart = 0;
    bool m_timelineAnchored = false;
    qint64 m_anchorWallUs = 0;      // wall time of pts 0 on the current time line
    qint64 m_refusedUntilPts = 0;   // after a refusal, no new attempt before this pts
    QString m_writeError;
    FileSyncer m_syncer;
};
