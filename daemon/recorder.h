// SPDX-License-Identifier: MIT
// The recorder pipeline: catalog and recovery at start-up, capture and encoding threads, error handling.
#pragma once

#include "capture/captureworker.h"
#include "capture/framequeue.h"
#include "pipelinecounters.h"

#include "config.h"
#include "paths.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>

class Catalog;
class EncodingThread;
class Retention;

// Lives on the main thread; call everything from there. It owns the capture thread (with its
// CaptureWorker), the encoding thread, the catalog and retention. Counters are atomics the
// pipeline threads update. The control layer (sessions, D-Bus, preview) drives it through
// start()/stop(), status() and the frame hook.
class Recorder : public QObject
{
    Q_OBJECT
public:
    enum class State { Booting, Ready, Recording, Error, Stopping };

    struct Status {
        State state = State::Booting;
        bool recordingActive = false;
        QString currentFile;
        qint64 framesCaptured = 0;
        qint64 framesDropped = 0;
        double fps = 0;
        qint64 bytesWritten = 0;
        qint64 errorCount = 0;
        QString lastError;
        QString camera;
        QString encoder;
    };

    explicit Recorder(const Config &config, QObject *parent = nullptr);
    ~Recorder() override;

    // Checks the settings specific to the recorder (source, size, fps): an empty string or one
    // line for the caller to print before exiting 78.
    static QString validate(const Config &config);
    static QString stateName(State state);

    // Before start(): called on the capture thread with every picture (see CaptureWorker).
    void setFrameHook(CaptureWorker::FrameHook hook) { m_frameHook = std::move(hook); }

    // Whether frames are written to files. Off (the start-up default) keeps capturing for the
    // preview and the frame timeout but writes nothing: state `ready`. On starts a file at the
    // next frame, tagged with `sessionId` (empty in continuous mode); off finishes the current
    // file. May be called before or after start().
    void setRecording(bool on, const QString &sessionId = QString());
    bool recordingWanted() const { return m_recordingWanted; }

    // Opens the catalog, runs recovery, starts retention and the pipeline threads. Blocking,
    // at start-up. Returns an empty string or why the recorder cannot run.
    QString start();
    // Finishes the current file and stops the threads; emits stopped() when done.
    void stop();

    Status status() const;
    Catalog *catalog() const { return m_catalog.get(); }
    const PipelineCounters &counters() const { return m_counters; }

signals:
    void stateChanged(Recorder::State state);
    void fileChanged(const QString &path);
    // After setRecording(false): the current file is finished (fileChanged("") came first).
    void recordingPaused();
    void stopped();

private:
    void onCaptureOpened(const QString &name);
    void onCaptureFailed(const QString &reason);
    void onEncodingFailed(const QString &reason);
    void onFileChanged(const QString &path);
    void checkFrames();
    void scheduleReopen();
    void reportDrops(qint64 nowUs);
    void pushRecordingMarker();
    void reportError(const QString &reason);
    void updateState();
    void finishStop();

    const Config m_config;
    const Paths m_paths;
    const double m_frameTimeoutSeconds;
    CaptureWorker::FrameHook m_frameHook;

    PipelineCounters m_counters;
    std::unique_ptr<FrameQueue> m_queue;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<Retention> m_retention;
    QThread m_captureThread;
    CaptureWorker *m_captureWorker = nullptr; // lives on m_captureThread; deleted when it finishes
    EncodingThread *m_encodingThread = nullptr; // child of this

    State m_state = State::Booting;
    bool m_recordingWanted = false;
    bool m_captureStarted = false;
    QString m_sessionId;
    QString m_camera;
    QString m_currentFile;
    QString m_lastError;
    qint64 m_errorCount = 0;
    bool m_cameraFailed = false;   // an error or timeout; cleared when frames come back
    QString m_encodingError;       // cleared when a file starts
    bool m_reopenPending = false;
    int m_backoffStep = 0;
    qint64 m_progressUs = 0;       // last frame, or last (re)open, on CLOCK_MONOTONIC
    qint64 m_framesAtFailure = 0;
    QTimer m_frameCheck;
    QTimer m_reopenTimer;

    // Frame rate over the last few seconds, sampled by checkFrames().
    qint64 m_rateFrames = 0;
    qint64 m_rateSinceUs = 0;
    double m_fps = 0;

    // Drop counters (source, queue, encoder) as last logged.
    qint64 m_dropsReported[3] = {0, 0, 0};
    qint64 m_dropsReportedUs = 0;
};

Q_DECLARE_METATYPE(Recorder::State)
