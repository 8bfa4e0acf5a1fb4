// SPDX-License-Identifier: MIT
// Writes encoded packets into crash-safe fragmented MP4 files that roll over at keyframes.
#pragma once

#include "filesyncer.h"
#include "packetqueue.h"
#include "recordinginfo.h"

#include <QString>

#include <deque>
#include <functional>
#include <memory>

struct AVCodecParameters;
struct AVFormatContext;
struct AVIOContext;
struct AVPacket;
struct AVStream;
struct PipelineCounters;

// Thread-bound: used by the writer thread (WriterThread). The rules that hold for every file live
// here once: a file starts only at a keyframe; a new file starts at the first keyframe after
// segment_duration, with the same packet, so files are back to back; a fragment is cut at every
// keyframe and at least every fragment_duration. This thread only writes into the page cache:
// every fdatasync, the new name's directory fsync and the final close run on the FileSyncer's
// thread, so a segment change costs no sync and a slow card delays durability, never frames.
// Frames and bytes count when their fragment is written whole; a fragment that fails (ENOSPC,
// EIO) is cut off again, so the file ends at its last whole fragment and says `recovered`.
class SegmentWriter
{
public:
    struct Settings {
        QString recordingsDir;
        bool utcNames = true;
        double segmentSeconds = 300;
        double fragmentSeconds = 1;
        int fps = 30;
        // The sound track every file gets, or null for video only ([audio] source=none).
        std::shared_ptr<const AVCodecParameters> audio;
    };
    struct Hooks {
        // Asked before `newFile` is created (retention makes room and must spare it): returns an
        // empty string, or why no file may be started.
        // Must not block (it runs between two packets): a cached verdict.
        std::function<QString(const QString &newFile)> mayStartFile;
        std::function<void(const RecordingInfo &)> fileStarted;
        // On the FileSyncer's thread, once the file is closed and on disk: `state` is `complete`
        // (closed cleanly), `recovered` (cut back to its last whole fragment after a write error)
        // or `deleted` (nothing of it reached the disk; the file was removed).
        std::function<void(const RecordingInfo &, const QString &state)> fileFinished;
    };

    SegmentWriter(const Settings &settings, const Hooks &hooks, PipelineCounters &counters);
    ~SegmentWriter();
    SegmentWriter(const SegmentWriter &) = delete;
    SegmentWriter &operator=(const SegmentWriter &) = delete;

    // The session files started from now on belong to (empty in continuous mode).
    void setSessionId(const QString &sessionId) { m_sessionId = sessionId; }

    // The stream every new file gets (codec parameters and SPS/PPS of the open encoder); copied.
    void setStream(const AVCodecParameters *parameters, const QString &encoderName);

    // `packet` has pts/dts in frames of the capture clock; `wallUs` is the capture time of its
    // picture. Packets that cannot go into a file are dropped and counted. Returns an empty
    // string or the error that closed the current file or refused a new one; after that, no new
    // file is tried until retry() (the control layer decides when to try again).
    QString write(AVPacket *packet, qint64 wallUs);
    // An AAC packet, pts in samples of the capture clock. Sound waits here until video passes its
    // time, so that a file holds the sound of its own frames: each fragment carries both tracks
    // up to the same instant and back-to-back files split the sound where they split the video.
    // Sound with no file to go into (recording off, before the first keyframe) is dropped.
    void addAudio(AVPacketPtr packet);
    // Allows the next keyframe to try a new file again after a refusal or a write error (the
    // control layer starts recording again).
    void retry() { m_refused = false; }

    // Finishes the current file (trailer, then close and sync on the syncer's thread). The next
    // keyframe starts a new file on a fresh time line.
    void finish(const QString &lastError = QString());
    // Runs `call` on the syncer's thread once every file finished so far is closed.
    void afterClosedFiles(std::function<void()> call) { m_syncer.post(std::move(call)); }
    // Blocking: every finished file is closed and its fileFinished hook has run.
    void waitForClosedFiles() { m_syncer.waitIdle(); }

    bool isOpen() const { return m_format != nullptr; }
    QString currentFile() const { return m_info.path; }

    // The name of the file that a first frame at `wallUs` gets, without collision handling.
    static QString fileNameFor(const QString &recordingsDir, qint64 wallUs, bool utc);

private:
    QString startFile(AVPacket *packet);
    void followWallClock(qint64 pts, qint64 wallUs);
    QString writeAudioBefore(qint64 videoPts);
    QString cutFragment();
    void commitFragment();
    void closeFile();
    QDateTime timeOfPts(qint64 pts) const;
    static int writeCallback(void *opaque, uint8_t *data, int size);

    const Settings m_settings;
    const Hooks m_hooks;
    PipelineCounters &m_counters;
    AVCodecParameters *m_parameters = nullptr; // owned copy
    QString m_encoderName;
    QString m_sessionId;

    AVFormatContext *m_format = nullptr;
    AVIOContext *m_io = nullptr;
    AVStream *m_stream = nullptr;
    AVStream *m_audioStream = nullptr;
    std::deque<AVPacketPtr> m_audio; // waiting for video to pass them
    int m_fd = -1;
    RecordingInfo m_info;
    qint64 m_firstPts = 0;
    qint64 m_nextPts = 0;           // end of the last written packet
    qint64 m_fragmentStartPts = 0;
    bool m_fragmentHasData = false;
    qint64 m_fragmentFrames = 0;    // written to the muxer, not yet in a whole fragment on disk
    qint64 m_committedBytes = 0;    // file length up to the last whole fragment
    qint64 m_committedEndPts = 0;   // end of the last frame in a whole fragment
    qint64 m_framesDroppedAtStart = 0;
    bool m_timelineAnchored = false;
    qint64 m_anchorWallUs = 0;      // wall time of pts 0 on the current time line
    bool m_refused = false;         // after a refusal or write error, no new file until retry()
    QString m_writeError;
    FileSyncer m_syncer;
};
