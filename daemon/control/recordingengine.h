// SPDX-License-Identifier: MIT
// What the control layer needs from the capture/encode/file pipeline: a small abstract engine.
#pragma once

#include <QObject>
#include <QString>

// Thread-bound to the main thread: SessionController calls these methods and receives these
// signals on the main thread. An implementation whose work runs on other threads must emit its
// signals from (or queue them to) the main thread, and return from every call at once: each call
// only starts the work, its outcome arrives as a signal.
//
// Lifecycle, as SessionController drives it:
//   open()                 -> opened()            | failed(reason)
//   startRecording(id)     -> fileOpened(path)... | failed(reason)
//   (segment rollover)     -> fileClosed(old, "complete"), fileOpened(new)
//   stopRecording()        -> fileClosed(path, state), then recordingStopped()
//   failed(reason) at any time means the engine has given up and closed what it could; the
//   controller calls open() again later (with backoff).
// An engine that retries by itself (reopening the camera on its own schedule) may simply answer
// open() with opened() once it is healthy again, and failed() again while it is not.
class RecordingEngine : public QObject
{
    Q_OBJECT

public:
    // Totals since the process started. Read on the main thread about once a second (heartbeat,
    // systemd watchdog): keep them in atomics, never lock against the capture thread.
    struct Counters {
        qint64 framesCaptured = 0;
        qint64 framesDropped = 0; // anywhere in the pipeline
        qint64 framesWritten = 0; // frames that reached a file: the systemd watchdog's proof of progress
        qint64 bytesWritten = 0;
        double fps = 0;           // measured over the last seconds
        QString camera;           // e.g. "testpattern", "libcamera:imx708"
        QString encoder;          // e.g. "libx264"
        QString audio = QStringLiteral("off"); // off, ok or missing (a microphone absent or unplugged)
        double audioLevelDbfs = 0;             // peak over the last second (meaningless when off)
        qint64 audioFramesDropped = 0;
    };

    using QObject::QObject;
    ~RecordingEngine() override = default;

    // Brings camera and encoder up without writing a file.
    virtual void open() = 0;
    // Starts writing files; `sessionId` ties the segments of one session together in the catalog
    // (empty in continuous mode).
    virtual void startRecording(const QString &sessionId) = 0;
    // Finalises the current file (catalog row complete), then emits recordingStopped().
    // The camera stays open.
    virtual void stopRecording() = 0;
    virtual Counters counters() const = 0;

signals:
    void opened();
    void fileOpened(const QString &path);
    // `state` is the catalog state of the closed file: "complete", "corrupted"...
    void fileClosed(const QString &path, const QString &state);
    void recordingStopped();
    // One line naming the cause: "camera lost: no frame for 5s", "no space left on /var/lib/recorder".
    void failed(const QString &reason);
    // After failed(): healthy again by itself (an engine that retries on its own). The controller
    // retries at once instead of waiting out its backoff, so that it, not the engine, decides
    // whether recording resumes.
    void recovered();
};
