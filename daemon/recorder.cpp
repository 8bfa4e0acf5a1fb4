// SPDX-License-Identifier: MIT
// The recorder pipeline: capture, encoding, writer and storage threads; it reports, the control layer decides.
#include "recorder.h"
#include "daemonlog.h"
#include "audio/audiofactory.h"
#include "audio/audioworker.h"
#include "capture/sourcefactory.h"
#include "encode/encodingthread.h"
#include "encode/packetqueue.h"
#include "encode/writerthread.h"

#include "catalog.h"
#include "storagemonitor.h"

#include <QMetaObject>

extern "C" {
#include <libavcodec/avcodec.h>
}

Q_LOGGING_CATEGORY(lcDaemon, "recorder.daemon")

namespace {

constexpr int kFrameCheckMs = 250;
constexpr qint64 kRateWindowUs = 2'000'000;
constexpr qint64 kDropReportIntervalUs = 10'000'000;

} // namespace

Recorder::Recorder(const Config &config, QObject *parent)
    : RecordingEngine(parent)
    , m_config(config)
    , m_paths(config)
    , m_frameTimeoutSeconds(config.seconds(QStringLiteral("camera/frame_timeout")))
{
    m_frameCheck.setInterval(kFrameCheckMs);
    connect(&m_frameCheck, &QTimer::timeout, this, &Recorder::checkFrames);
    m_storageThread.setObjectName(QStringLiteral("storage"));
}

Recorder::~Recorder()
{
    m_frameCheck.stop();
    stopAudio();
    if (m_captureWorker && m_captureThread.isRunning())
        QMetaObject::invokeMethod(m_captureWorker, &CaptureWorker::stop, Qt::BlockingQueuedConnection);
    if (m_frames)
        m_frames->close();
    if (m_encodingThread)
        m_encodingThread->wait();
    if (m_writerThread)
        m_writerThread->wait();
    m_captureThread.quit();
    m_captureThread.wait();
    // A reconciliation still running gives up between two files.
    m_storageThread.requestInterruption();
    m_storageThread.quit();
    m_storageThread.wait();
    m_storage = nullptr;
    if (m_catalog)
        m_catalog->flush();
}

QString Recorder::validate(const Config &config)
{
    const QString error = SourceFactory::validate(config);
    return error.isEmpty() ? AudioFactory::validate(config) : error;
}

void Recorder::startAudio(SegmentWriter::Settings &writer)
{
    if (!AudioFactory::enabled(m_config))
        return;
    // Opened here, before the threads: every file, the first one included, needs the sound
    // track's parameters when its header is written.
    auto encoder = std::make_unique<AacEncoder>();
    const QString error = encoder->open(AudioFactory::encoderSettings(m_config));
    if (!error.isEmpty()) {
        qCCritical(lcDaemon, "no sound track: %s", qPrintable(error));
        m_counters.audio = PipelineCounters::Audio::Missing;
        return;
    }
    std::shared_ptr<AVCodecParameters> parameters(avcodec_parameters_alloc(),
                                                  [](AVCodecParameters *p) { avcodec_parameters_free(&p); });
    if (!parameters)
        return;
    encoder->copyParameters(parameters.get());
    writer.audio = parameters;
    m_audioThread.setObjectName(QStringLiteral("audio"));
    m_audioWorker = new AudioWorker(AudioFactory::create(m_config), std::move(encoder), AudioFactory::settings(m_config),
                                    *m_packets, m_counters);
    m_audioWorker->moveToThread(&m_audioThread);
    connect(&m_audioThread, &QThread::finished, m_audioWorker, &QObject::deleteLater);
    m_audioThread.start();
}

void Recorder::stopAudio()
{
    if (!m_audioWorker)
        return;
    if (m_audioThread.isRunning())
        QMetaObject::invokeMethod(m_audioWorker, &AudioWorker::stop, Qt::BlockingQueuedConnection);
    m_audioThread.quit();
    m_audioThread.wait();
    m_audioWorker = nullptr;
}

QString Recorder::start()
{
    for (const QString &directory : {m_paths.stateDir(), m_paths.recordingsDir()}) {
        // A full or read-only disk must not stop the recorder: the writer reports each file it
        // cannot create, and retention gets its chance to make room.
        const QString error = Paths::ensureDirectory(directory);
        if (!error.isEmpty())
            qCCritical(lcDaemon, "%s; recording is retried", qPrintable(error));
    }
    const bool utcNames = m_config.string(QStringLiteral("recording/filename_time")) == QLatin1String("utc");

    // The catalog opens on the storage thread, alongside the first frames: rows wait in its queue.
    m_catalog = std::make_unique<Catalog>(m_paths.catalogFile());
    const bool offload = m_config.boolean(QStringLiteral("offload/enabled"));
    m_catalog->setOffloadEnabled(offload);
    StorageMonitor::Settings storage;
    storage.recordingsDir = m_paths.recordingsDir();
    storage.minFreeBytes = m_config.bytes(QStringLiteral("storage/min_free"));
    storage.maxAgeSeconds = m_config.seconds(QStringLiteral("storage/max_age"));
    storage.fileNameTime = utcNames ? Qt::UTC : Qt::LocalTime;
    storage.deleteUploaded = offload && m_config.string(QStringLiteral("offload/after_upload")) == QLatin1String("delete");
    m_storage = new StorageMonitor(*m_catalog, m_liveFiles, storage);
    m_storage->moveToThread(&m_storageThread);
    connect(&m_storageThread, &QThread::finished, m_storage, &QObject::deleteLater);
    connect(m_storage, &StorageMonitor::spaceVerdictChanged, this, &Recorder::onSpaceVerdict);
    // A fresh or healed catalog is reconciled on the storage thread; its faults are counted here.
    connect(m_catalog.get(), &Catalog::healthChanged, m_storage, &StorageMonitor::onCatalogHealth);
    connect(m_catalog.get(), &Catalog::healthChanged, this, &Recorder::onCatalogHealth);
    m_storageThread.start();
    QMetaObject::invokeMethod(m_storage, &StorageMonitor::start, Qt::QueuedConnection);

    std::unique_ptr<Source> source = SourceFactory::create(m_config);
    m_camera = source->name();
    const Source::Settings settings = SourceFactory::settings(m_config);
    m_frames = std::make_unique<FrameQueue>(FrameQueue::capacityFor(settings.fps));
    m_packets = std::make_unique<PacketQueue>(kWriterBudgetSeconds, kWriterBudgetBytes, settings.fps);

    H264Encoder::Settings encoder;
    encoder.encoder = m_config.string(QStringLiteral("encoder/encoder"));
    encoder.preset = m_config.string(QStringLiteral("encoder/preset"));
    encoder.crf = m_config.integer(QStringLiteral("encoder/crf"));
    encoder.bitrate = m_config.bitsPerSecond(QStringLiteral("encoder/bitrate"));
    encoder.keyframeInterval = m_config.seconds(QStringLiteral("encoder/keyframe_interval"));
    encoder.width = settings.width;
    encoder.height = settings.height;
    encoder.fps = settings.fps;
    encoder.globalHeader = !qEnvironmentVariableIsSet(H264Encoder::kInbandHeadersVariable);

    TimeOverlay::Settings overlay;
    overlay.enabled = m_config.boolean(QStringLiteral("overlay/enabled"));
    overlay.format = m_config.string(QStringLiteral("overlay/format"));
    overlay.position = TimeOverlay::parsePosition(m_config.string(QStringLiteral("overlay/position")))
                           .value_or(TimeOverlay::Position::TopLeft);
    overlay.size = m_config.integer(QStringLiteral("overlay/size"));
    overlay.text = m_config.string(QStringLiteral("overlay/text"));
    overlay.timeZone = m_config.string(QStringLiteral("overlay/timezone"));

    SegmentWriter::Settings writer;
    writer.recordingsDir = m_paths.recordingsDir();
    writer.utcNames = utcNames;
    writer.segmentSeconds = m_config.seconds(QStringLiteral("recording/segment_duration"));
    writer.fragmentSeconds = m_config.seconds(QStringLiteral("encoder/fragment_duration"));
    writer.fps = settings.fps;
    startAudio(writer);

    // These run on the writer and filesync threads: none of them waits for the disk or SQLite.
    SegmentWriter::Hooks hooks;
    Catalog *catalog = m_catalog.get();
    StorageMonitor *monitor = m_storage;
    LiveFiles *live = &m_liveFiles;
    hooks.mayStartFile = [monitor, live](const QString &newFile) {
        if (monitor->spaceOk()) {
            live->claim(newFile); // reconciliation must not adopt it before its row exists
            return QString();
        }
        QMetaObject::invokeMethod(monitor, &StorageMonitor::check, Qt::QueuedConnection);
        return StorageMonitor::insufficientReason();
    };
    hooks.fileStarted = [catalog, monitor, live](const RecordingInfo &info) {
        live->add(info.path);
        catalog->recordingStarted(info);
        // Retention makes room for the new file on its own thread.
        QMetaObject::invokeMethod(monitor, &StorageMonitor::check, Qt::QueuedConnection);
    };
    hooks.fileFinished = [catalog, live](const RecordingInfo &info, const QString &state) {
        catalog->recordingFinished(info, state);
        live->remove(info.path);
    };

    m_encodingThread = new EncodingThread(encoder, overlay, *m_frames, *m_packets, m_counters, this);
    connect(m_encodingThread, &EncodingThread::failed, this, &Recorder::fail);
    connect(m_encodingThread, &EncodingThread::encoderOpened, this,
            [](const QString &name) { qCInfo(lcDaemon, "encoder %s opened", qPrintable(name)); });
    m_writerThread = new WriterThread(writer, hooks, *m_packets, m_counters, this);
    connect(m_writerThread, &WriterThread::failed, this, &Recorder::fail);
    connect(m_writerThread, &WriterThread::fileStarted, this, &Recorder::onFileStarted);
    connect(m_writerThread, &WriterThread::fileFinished, this, &Recorder::onFileFinished);
    connect(m_writerThread, &WriterThread::paused, this, &Recorder::onPaused);
    connect(m_writerThread, &QThread::finished, this, &Recorder::finishStop);

    m_captureThread.setObjectName(QStringLiteral("capture"));
    m_captureWorker = new CaptureWorker(std::move(source), settings.fps, *m_frames, m_counters, m_frameHook);
    m_captureWorker->moveToThread(&m_captureThread);
    connect(&m_captureThread, &QThread::finished, m_captureWorker, &QObject::deleteLater);
    connect(m_captureWorker, &CaptureWorker::opened, this, &Recorder::onCaptureOpened);
    connect(m_captureWorker, &CaptureWorker::stopped, this, &Recorder::onCaptureStopped);
    if (m_audioWorker) // the sound's sample 0 is the video's frame 0
        connect(m_captureWorker, &CaptureWorker::clockStarted, m_audioWorker, &AudioWorker::start);
    connect(m_captureWorker, &CaptureWorker::failed, this, &Recorder::onCaptureFailed);
    m_captureThread.start();
    // Capture starts once the encoder is open (or failed to open): frames do not pile up meanwhile.
    connect(m_encodingThread, &EncodingThread::readyForFrames, this, [this] {
        if (m_stopping)
            return;
        m_progressUs = CaptureWorker::monotonicUs();
        m_rateSinceUs = m_progressUs;
        QMetaObject::invokeMethod(m_captureWorker, &CaptureWorker::start, Qt::QueuedConnection);
        m_frameCheck.start();
        m_captureRunning = true;
    });
    m_writerThread->start();
    m_encodingThread->start();
    qCInfo(lcDaemon, "capturing from %s at %dx%d, %d fps; files go to %s", qPrintable(m_camera), settings.width,
           settings.height, settings.fps, qPrintable(m_paths.recordingsDir()));
    return QString();
}

void Recorder::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_frameCheck.stop();
    if (!m_encodingThread) {
        emit stopped();
        return;
    }
    qCInfo(lcDaemon, "stopping: finishing the current file");
    // Not waited for: the capture thread may be opening a camera, which can take seconds, and
    // the main loop (D-Bus, heartbeat, sd_notify) goes on meanwhile. onCaptureStopped() goes on
    // from there.
    QMetaObject::invokeMethod(m_captureWorker, &CaptureWorker::stop, Qt::QueuedConnection);
}

void Recorder::onCaptureStopped()
{
    if (!m_stopping)
        return;
    // No frame is queued after the worker stopped.
    stopAudio();
    // The encoding thread drains the queue and the encoder, then closes the packet queue; the
    // writer finishes the file, waits until it is closed on disk, and ends.
    m_frames->close();
}

void Recorder::finishStop()
{
    m_captureThread.quit();
    m_captureThread.wait();
    m_captureWorker = nullptr;
    qCInfo(lcDaemon, "stopped");
    emit stopped();
}

void Recorder::open()
{
    if (m_stopping)
        return;
    if (m_cameraOpen) {
        // Camera fine: what failed was the encoder or a file. The encoder is tried again at the next
        // frame; a file when the controller starts recording again.
        pushMarker(Frame::Marker::Reopen);
        QMetaObject::invokeMethod(this, &RecordingEngine::opened, Qt::QueuedConnection);
        return;
    }
    m_openAsked = true;
    if (!m_captureRunning)
        return; // capture starts once the encoder is ready; opened() follows the camera
    qCInfo(lcDaemon, "reopening %s", qPrintable(m_camera));
    m_progressUs = CaptureWorker::monotonicUs();
    pushMarker(Frame::Marker::Reopen);
    QMetaObject::invokeMethod(m_captureWorker, &CaptureWorker::reopen, Qt::QueuedConnection);
}

void Recorder::startRecording(const QString &sessionId)
{
    m_stopAsked = false;
    if (sessionId.isEmpty())
        qCInfo(lcDaemon, "recording on");
    else
        qCInfo(lcDaemon, "recording on (session %s)", qPrintable(sessionId));
    pushMarker(Frame::Marker::Resume, sessionId);
}

void Recorder::stopRecording()
{
    qCInfo(lcDaemon, "recording off");
    m_stopAsked = true;
    pushMarker(Frame::Marker::Pause);
}

RecordingEngine::Counters Recorder::counters() const
{
    Counters c = pipelineSnapshot(m_counters);
    c.fps = m_fps;
    c.camera = m_camera;
    c.encoder = m_encodingThread ? m_encodingThread->encoderName() : QString();
    return c;
}

RecordingEngine::Counters Recorder::pipelineSnapshot(const PipelineCounters &counters)
{
    Counters c;
    c.framesCaptured = counters.framesCaptured;
    c.framesDropped = counters.framesDropped();
    // Frames the writer thread put into a file: the systemd watchdog's proof that capture,
    // encoding and writing all move (a writer stuck in write() stops it).
    c.framesWritten = counters.framesMuxed;
    c.bytesWritten = counters.bytesWritten;
    switch (counters.audio.load()) {
    case PipelineCounters::Audio::Off:
        c.audio = QStringLiteral("off");
        break;
    case PipelineCounters::Audio::Ok:
        c.audio = QStringLiteral("ok");
        break;
    case PipelineCounters::Audio::Missing:
        c.audio = QStringLiteral("missing");
        break;
    }
    c.audioLevelDbfs = counters.audioLevelDbfs;
    c.audioFramesDropped = counters.audioFramesDroppedTotal();
    return c;
}

void Recorder::pushMarker(Frame::Marker kind, const QString &sessionId)
{
    if (!m_frames)
        return;
    Frame marker;
    marker.marker = kind;
    marker.sessionId = sessionId;
    m_frames->pushMarker(std::move(marker));
}

void Recorder::fail(const QString &reason)
{
    if (m_stopping)
        return;
    qCCritical(lcDaemon, "%s", qPrintable(reason));
    // An engine that failed has closed what it could and writes nothing until the controller
    // decides to record again (startRecording): the file ends here, frames only feed the preview.
    m_stopAsked = false;
    pushMarker(Frame::Marker::Pause);
    emit failed(reason);
}

void Recorder::onCaptureOpened(const QString &name)
{
    m_camera = name;
    m_cameraOpen = true;
    m_progressUs = CaptureWorker::monotonicUs();
    qCInfo(lcDaemon, "camera %s opened", qPrintable(name));
    if (std::exchange(m_openAsked, false))
        emit opened();
}

void Recorder::onCaptureFailed(const QString &reason)
{
    m_cameraOpen = false;
    m_openAsked = false;
    m_framesAtFailure = m_counters.framesCaptured;
    // The file ends with the last frame the camera gave (fail() pauses the writing).
    fail(QStringLiteral("camera error: %1: %2").arg(m_camera, reason));
}

void Recorder::onFileStarted(const QString &path)
{
    emit fileOpened(path);
}

void Recorder::onFileFinished(const QString &path, const QString &state)
{
    emit fileClosed(path, state);
}

void Recorder::onPaused()
{
    if (std::exchange(m_stopAsked, false))
        emit recordingStopped();
}

void Recorder::onCatalogHealth(const CatalogHealth &health)
{
    // Each catalog fault once in the recorder's one error count (the catalog logged it).
    for (; m_catalogFaultsSeen < health.faults; ++m_catalogFaultsSeen)
        emit storageFault(QStringLiteral("catalog: ") + (health.lastFault.isEmpty() ? health.reason : health.lastFault));
}

void Recorder::onSpaceVerdict(bool ok, const QString &reason)
{
    if (!ok) {
        qCWarning(lcDaemon, "%s: no new file starts until retention can make room", qPrintable(reason));
        return;
    }
    qCInfo(lcDaemon, "storage space is sufficient again");
    emit recovered(); // the controller retries now rather than at the end of its backoff
}

void Recorder::checkFrames()
{
    const qint64 nowUs = CaptureWorker::monotonicUs();
    const qint64 captured = m_counters.framesCaptured;
    if (nowUs - m_rateSinceUs >= kRateWindowUs) {
        m_fps = double(captured - m_rateFrames) * 1e6 / double(nowUs - m_rateSinceUs);
        m_rateFrames = captured;
        m_rateSinceUs = nowUs;
    }
    reportDrops(nowUs);
    if (!m_cameraOpen) {
        if (captured > m_framesAtFailure && !m_openAsked) {
            // The camera came back by itself (no reopen asked): a fact for the controller.
            qCInfo(lcDaemon, "camera %s delivers frames again", qPrintable(m_camera));
            m_cameraOpen = true;
            m_progressUs = nowUs;
            emit recovered();
        }
        return;
    }
    const qint64 progressUs = qMax<qint64>(m_progressUs, m_counters.lastFrameMonotonicUs);
    if (double(nowUs - progressUs) / 1e6 < m_frameTimeoutSeconds)
        return;
    // The frontend-timed-out failure: the process lives on, the camera sends nothing.
    onCaptureFailed(QStringLiteral("no frame for %1 s ([camera] frame_timeout)").arg(m_frameTimeoutSeconds));
}

void Recorder::reportDrops(qint64 nowUs)
{
    // One line per burst, at most every 10 s, with where the frames were lost.
    if (nowUs - m_dropsReportedUs < kDropReportIntervalUs)
        return;
    const qint64 now[4] = {m_counters.framesDroppedSource, m_counters.framesDroppedQueue,
                           m_counters.framesDroppedEncoder, m_counters.framesDroppedWriter};
    qint64 fresh[4];
    qint64 total = 0;
    for (int i = 0; i < 4; ++i) {
        fresh[i] = now[i] - m_dropsReported[i];
        total += fresh[i];
    }
    if (total == 0)
        return;
    qCWarning(lcDaemon, "%lld frames dropped since the last report: %lld at the source (a late capture clock or "
              "frames the camera lost), %lld because "
              "encoding fell behind, %lld not written (no file or encoder), %lld because storage fell behind",
              total, fresh[0], fresh[1], fresh[2], fresh[3]);
    std::copy(std::begin(now), std::end(now), std::begin(m_dropsReported));
    m_dropsReportedUs = nowUs;
}
