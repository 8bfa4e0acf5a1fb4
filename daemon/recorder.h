// SPDX-License-Identifier: MIT
// The recorder pipeline: capture, encoding, writer and storage threads; it reports, the control layer decides.
#pragma once

#include "capture/captureworker.h"
#include "capture/framequeue.h"
#include "encode/segmentwriter.h"
#include "pipelinecounters.h"
#include "recordingengine.h"

#include "cataloghealth.h"
#include "config.h"
#include "livefiles.h"
#include "paths.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>

class AudioWorker;
class Catalog;
class EncodingThread;
class PacketQueue;
class StorageMonitor;
class WriterThread;

// Lives on the main thread; call everything from there. It owns the threads and what runs on them:
//   capture  (CaptureWorker)  -> FrameQueue  (half a second of pictures)
//   encoding (EncodingThread) -> PacketQueue (kWriterBudgetSeconds of video)
//   writer   (WriterThread: SegmentWriter) -> filesync (FileSyncer: every fsync and close)
//   audio    (AudioWorker: source, clock, AAC; only with [audio]) -> PacketQueue
//   storage  (StorageMonitor: disk space, retention, reconciliation) and catalog (Catalog's worker)
// It keeps no state machine, error count or retry schedule: it reports facts as RecordingEngine
// signals (camera opened or failed, encoder failed, file started, file finished with its real
// state, paused) and the SessionController decides what happens next. open() after a failure
// really reopens what failed. Counters are atomics the pipeline threads update.
class Recorder : public RecordingEngine
{
    Q_OBJECT
public:
    // How far the writer may fall behind the encoder (slow storage) before frames are dropped.
    static constexpr double kWriterBudgetSeconds = 10;
    static constexpr qint64 kWriterBudgetBytes = 64 * 1024 * 1024;

    explicit Recorder(const Config &config, QObject *parent = nullptr);
    ~Recorder() override;

    // Checks the settings specific to the recorder (source, size, fps): an empty string or one
    // line for the caller to print before exiting 78.
    static QString validate(const Config &config);

    // Before start(): called on the capture thread with every picture (see CaptureWorker).
    void setFrameHook(CaptureWorker::FrameHook hook) { m_frameHook = std::move(hook); }

    // Starts every thread at once: the first frame is written while the storage thread opens the
    // catalog and reconciles it with the disk. Never fails for storage reasons (those are
    // reported and retried); returns an empty string.
    QString start();
    // Finishes the current file and stops the threads; emits stopped() when done.
    void stop();

    // RecordingEngine
    void open() override;
    void startRecording(const QString &sessionId) override;
    void stopRecording() override;
    Counters counters() const override;
    // What the pipeline threads count, as the status document reports it (counters() adds what
    // only the main thread knows): one place that sums the drops the threads count apart.
    static Counters pipelineSnapshot(const PipelineCounters &counters);

    Catalog *catalog() const { return m_catalog.get(); }
    const StorageMonitor *storage() const { return m_storage; }
    const PipelineCounters &pipelineCounters() const { return m_counters; }

signals:
    void stopped();
    // A storage fault that does not stop the pipeline (the catalog degraded, moved aside, a row
    // given up), for the control layer's one error count; `reason` names it.
    void storageFault(const QString &reason);

private:
    void onCaptureOpened(const QString &name);
    void onCaptureStopped();
    void onCaptureFailed(const QString &reason);
    void onFileStarted(const QString &path);
    void onFileFinished(const QString &path, const QString &state);
    void onPaused();
    void onSpaceVerdict(bool ok, const QString &reason);
    void onCatalogHealth(const CatalogHealth &health);
    void checkFrames();
    void reportDrops(qint64 nowUs);
    void pushMarker(Frame::Marker marker, const QString &sessionId = QString());
    void fail(const QString &reason);
    void finishStop();
    void startAudio(SegmentWriter::Settings &writer);
    void stopAudio();

    const Config m_config;
    const Paths m_paths;
    const double m_frameTimeoutSeconds;
    CaptureWorker::FrameHook m_frameHook;

    PipelineCounters m_counters;
    LiveFiles m_liveFiles;
    std::unique_ptr<FrameQueue> m_frames;
    std::unique_ptr<PacketQueue> m_packets;
    std::unique_ptr<Catalog> m_catalog;
    QThread m_storageThread;
    StorageMonitor *m_storage = nullptr; // lives on m_storageThread; deleted when it finishes
    QThread m_captureThread;
    CaptureWorker *m_captureWorker = nullptr; // lives on m_captureThread; deleted when it finishes
    QThread m_audioThread;
    AudioWorker *m_audioWorker = nullptr; // lives on m_audioThread; deleted when it finishes
    EncodingThread *m_encodingThread = nullptr; // child of this
    WriterThread *m_writerThread = nullptr;     // child of this

    // Facts, not decisions.
    QString m_camera;
    bool m_captureRunning = false; // capture was started (after the encoder's first open attempt)
    bool m_cameraOpen = false;     // the source is open and not stalled
    bool m_openAsked = false;      // open() waits for the camera to answer
    bool m_stopAsked = false;      // stopRecording() waits for the writer to close the file
    bool m_stopping = false;
    qint64 m_progressUs = 0;       // last frame, or last (re)open, on CLOCK_MONOTONIC
    qint64 m_framesAtFailure = 0;
    qint64 m_catalogFaultsSeen = 0;
    QTimer m_frameCheck;

    // Frame rate over the last few seconds, sampled by checkFrames().
    qint64 m_rateFrames = 0;
    qint64 m_rateSinceUs = 0;
    double m_fps = 0;

    // Drop counters (source, queue, encoder, writer) as last logged.
    qint64 m_dropsReported[4] = {0, 0, 0, 0};
    qint64 m_dropsReportedUs = 0;
};
