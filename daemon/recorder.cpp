// SPDX-License-Identifier: MIT
// The recorder pipeline: catalog and recovery at start-up, capture and encoding threads, error handling.
#include "recorder.h"
#include "daemonlog.h"
#include "capture/sourcefactory.h"
#include "encode/encodingthread.h"

#include "catalog.h"
#include "recovery.h"
#include "retention.h"

#include <QMetaObject>

#include <array>

Q_LOGGING_CATEGORY(lcDaemon, "recorder.daemon")

namespace {

// Reopen delays after a camera error, in seconds; the last one repeats.
constexpr std::array<int, 6> kBackoffSeconds = {1, 2, 4, 8, 16, 30};
constexpr int kFrameCheckMs = 250;
constexpr qint64 kRateWindowUs = 2'000'000;
constexpr qint64 kDropReportIntervalUs = 10'000'000;

} // namespace

Recorder::Recorder(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_paths(config)
    , m_frameTimeoutSeconds(config.seconds(QStringLiteral("camera/frame_timeout")))
{
    qRegisterMetaType<Recorder::State>();
    m_frameCheck.setInterval(kFrameCheckMs);
    connect(&m_frameCheck, &QTimer::timeout, this, &Recorder::checkFrames);
    m_reopenTimer.setSingleShot(true);
    connect(&m_reopenTimer, &QTimer::timeout, this, [this] {
        m_reopenPending = false;
        m_progressUs = CaptureWorker::monotonicUs();
        QMetaObject::invokeMethod(m_captureWorker, &CaptureWorker::reopen, Qt::QueuedConnection);
    });
}

Recorder::~Recorder()
{
    m_frameCheck.stop();
    m_reopenTimer.stop();
    if (m_captureWorker && m_captureThread.isRunning())
        QMetaObject::invokeMethod(m_captureWorker, &CaptureWorker::stop, Qt::BlockingQueuedConnection);
    if (m_queue)
        m_queue->close();
    if (m_encodingThread)
        m_encodingThread->wait();
    m_captureThread.quit();
    m_captureThread.wait();
    if (m_catalog)
        m_catalog->flush();
}

QString Recorder::validate(const Config &config)
{
    return SourceFactory::validate(config);
}

QString Recorder::stateName(State state)
{
    switch (state) {
    case State::Booting: return QStringLiteral("booting");
    case State::Ready: return QStringLiteral("ready");
    case State::Recording: return QStringLiteral("recording");
    case State::Error: return QStringLiteral("error");
    case State::Stopping: return QStringLiteral("stopping");
    }
    return QStringLiteral("error");
}

QString Recorder::start()
{
    for (const QString &directory : {m_paths.stateDir(), m_paths.recordingsDir()}) {
        const QString error = Paths::ensureDirectory(directory);
        if (!error.isEmpty())
            return error;
    }
    m_catalog = std::make_unique<Catalog>(m_paths.catalogFile());
    const QString catalogError = m_catalog->open();
    if (!catalogError.isEmpty())
        return QStringLiteral("cannot open the catalog %1: %2").arg(m_paths.catalogFile(), catalogError);
    const bool utcNames = m_config.string(QStringLiteral("recording/filename_time")) == QLatin1String("utc");
    Recovery(*m_catalog, m_paths.recordingsDir(), utcNames ? Qt::UTC : Qt::LocalTime).run();
    m_retention = std::make_unique<Retention>(*m_catalog, m_paths.recordingsDir(),
                                              m_config.bytes(QStringLiteral("storage/min_free")),
                                              m_config.seconds(QStringLiteral("storage/max_age")));
    m_retention->start();

    std::unique_ptr<Source> source = SourceFactory::create(m_config);
    m_camera = source->name();
    const Source::Settings settings = SourceFactory::settings(m_config);
    // Half a second of pictures absorbs a slow moment of the encoder without holding much memory.
    m_queue = std::make_unique<FrameQueue>(qMax(4, settings.fps / 2));
    if (m_recordingWanted)
        pushRecordingMarker();

    H264Encoder::Settings encoder;
    encoder.encoder = m_config.string(QStringLiteral("encoder/encoder"));
    encoder.preset = m_config.string(QStringLiteral("encoder/preset"));
    encoder.crf = m_config.integer(QStringLiteral("encoder/crf"));
    encoder.bitrate = m_config.bitsPerSecond(QStringLiteral("encoder/bitrate"));
    encoder.keyframeInterval = m_config.seconds(QStringLiteral("encoder/keyframe_interval"));
    encoder.width = settings.width;
    encoder.height = settings.height;
    encoder.fps = settings.fps;

    SegmentWriter::Settings writer;
    writer.recordingsDir = m_paths.recordingsDir();
    writer.utcNames = utcNames;
    writer.segmentSeconds = m_config.seconds(QStringLiteral("recording/segment_duration"));
    writer.fragmentSeconds = m_config.seconds(QStringLiteral("encoder/fragment_duration"));
    writer.fps = settings.fps;

    // These run on the encoding thread: Catalog and Retention::ensureSpace are thread-safe.
    SegmentWriter::Hooks hooks;
    Catalog *catalog = m_catalog.get();
    Retention *retention = m_retention.get();
    hooks.mayStartFile = [retention](const QString &path) {
        const Retention::Verdict verdict = retention->ensureSpace(path);
        return verdict.ok ? QString() : verdict.reason;
    };
    hooks.fileStarted = [catalog](const RecordingInfo &info) { catalog->recordingStarted(info); };
    hooks.fileFinished = [catalog](const RecordingInfo &info) { catalog->recordingFinished(info); };

    m_encodingThread = new EncodingThread(encoder, writer, hooks, *m_queue, m_counters, this);
    connect(m_encodingThread, &EncodingThread::failed, this, &Recorder::onEncodingFailed);
    connect(m_encodingThread, &EncodingThread::fileChanged, this, &Recorder::onFileChanged);
    connect(m_encodingThread, &EncodingThread::paused, this, &Recorder::recordingPaused);
    connect(m_encodingThread, &EncodingThread::encoderOpened, this,
            [](const QString &name) { qCInfo(lcDaemon, "encoder %s opened", qPrintable(name)); });
    connect(m_encodingThread, &QThread::finished, this, &Recorder::finishStop);

    m_captureThread.setObjectName(QStringLiteral("capture"));
    m_captureWorker = new CaptureWorker(std::move(source), settings.fps, *m_queue, m_counters, m_frameHook);
    m_captureWorker->moveToThread(&m_captureThread);
    connect(&m_captureThread, &QThread::finished, m_captureWorker, &QObject::deleteLater);
    connect(m_captureWorker, &CaptureWorker::opened, this, &Recorder::onCaptureOpened);
    connect(m_captureWorker, &CaptureWorker::failed, this, &Recorder::onCaptureFailed);
    m_captureThread.start();
    // Capture starts once the encoder is open (or failed to open, to be retried).
    connect(m_encodingThread, &EncodingThread::readyForFrames, this, [this] {
        if (m_state == State::Stopping)
            return;
        m_progressUs = CaptureWorker::monotonicUs();
        m_rateSinceUs = m_progressUs;
        QMetaObject::invokeMethod(m_captureWorker, &CaptureWorker::start, Qt::QueuedConnection);
        m_frameCheck.start();
        m_captureStarted = true;
        updateState();
    });
    m_encodingThread->start();
    qCInfo(lcDaemon, "capturing from %s at %dx%d, %d fps; %s %s", qPrintable(m_camera), settings.width,
           settings.height, settings.fps, m_recordingWanted ? "recording into" : "not recording yet; files go to",
           qPrintable(m_paths.recordingsDir()));
    return QString();
}

void Recorder::stop()
{
    if (m_state == State::Stopping)
        return;
    m_state = State::Stopping;
    emit stateChanged(m_state);
    m_frameCheck.stop();
    m_reopenTimer.stop();
    if (!m_encodingThread) {
        emit stopped();
        return;
    }
    qCInfo(lcDaemon, "stopping: finishing %s", m_currentFile.isEmpty() ? "(no file open)" : qPrintable(m_currentFile));
    // The capture thread never blocks, so this returns at once; no frame is queued after it.
    QMetaObject::invokeMethod(m_captureWorker, &CaptureWorker::stop, Qt::BlockingQueuedConnection);
    m_queue->close(); // the encoding thread drains the queue and the encoder, finishes the file, ends
}

void Recorder::setRecording(bool on, const QString &sessionId)
{
    if (on == m_recordingWanted && sessionId == m_sessionId)
        return;
    m_recordingWanted = on;
    m_sessionId = sessionId;
    if (!m_queue)
        return; // before start(): its start-up line says whether it records
    if (on)
        qCInfo(lcDaemon, "recording on%s", sessionId.isEmpty() ? "" : qPrintable(QStringLiteral(" (session %1)").arg(sessionId)));
    else
        qCInfo(lcDaemon, "recording off");
    pushRecordingMarker();
    updateState();
}

void Recorder::pushRecordingMarker()
{
    Frame marker;
    marker.marker = m_recordingWanted ? Frame::Marker::Resume : Frame::Marker::Pause;
    marker.sessionId = m_sessionId;
    m_queue->pushMarker(std::move(marker));
}

void Recorder::finishStop()
{
    m_captureThread.quit();
    m_captureThread.wait();
    m_captureWorker = nullptr;
    m_catalog->flush();
    qCInfo(lcDaemon, "stopped");
    emit stopped();
}

Recorder::Status Recorder::status() const
{
    Status status;
    status.state = m_state;
    status.currentFile = m_currentFile;
    status.recordingActive = !m_currentFile.isEmpty();
    status.framesCaptured = m_counters.framesCaptured;
    status.framesDropped = m_counters.framesDropped();
    status.fps = m_fps;
    status.bytesWritten = m_counters.bytesWritten;
    status.errorCount = m_errorCount;
    status.lastError = m_lastError;
    status.camera = m_camera;
    status.encoder = m_encodingThread ? m_encodingThread->encoderName() : QString();
    return status;
}

void Recorder::onCaptureOpened(const QString &name)
{
    m_camera = name;
    m_progressUs = CaptureWorker::monotonicUs();
    qCInfo(lcDaemon, "camera %s opened", qPrintable(name));
}

void Recorder::onCaptureFailed(const QString &reason)
{
    if (m_state == State::Stopping)
        return;
    const int delay = kBackoffSeconds[size_t(qMin<int>(m_backoffStep, int(kBackoffSeconds.size()) - 1))];
    reportError(QStringLiteral("camera error: %1: %2; reopening in %3 s").arg(m_camera, reason).arg(delay));
    m_cameraFailed = true;
    m_framesAtFailure = m_counters.framesCaptured;
    Frame marker;
    marker.marker = Frame::Marker::EndOfSegment;
    m_queue->pushMarker(std::move(marker));
    scheduleReopen();
    updateState();
}

void Recorder::onEncodingFailed(const QString &reason)
{
    if (m_state == State::Stopping)
        return;
    m_encodingError = reason;
    reportError(reason);
    updateState();
}

void Recorder::onFileChanged(const QString &path)
{
    m_currentFile = path;
    if (!path.isEmpty() && !m_encodingError.isEmpty()) {
        qCInfo(lcDaemon, "recording resumes after: %s", qPrintable(m_encodingError));
        m_encodingError.clear();
    }
    updateState();
    emit fileChanged(path);
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
    if (m_cameraFailed && captured > m_framesAtFailure) {
        qCInfo(lcDaemon, "camera %s delivers frames again; recording resumes", qPrintable(m_camera));
        m_cameraFailed = false;
        m_backoffStep = 0;
        updateState();
    }
    if (m_reopenPending)
        return;
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
    const qint64 source = m_counters.framesDroppedSource;
    const qint64 queue = m_counters.framesDroppedQueue;
    const qint64 encoder = m_counters.framesDroppedEncoder;
    const qint64 total = source + queue + encoder;
    if (total == m_dropsReported[0] + m_dropsReported[1] + m_dropsReported[2])
        return;
    qCWarning(lcDaemon, "%lld frames dropped since the last report: %lld by a late capture clock, %lld because "
              "encoding fell behind, %lld not written (no file or encoder)",
              total - m_dropsReported[0] - m_dropsReported[1] - m_dropsReported[2], source - m_dropsReported[0],
              queue - m_dropsReported[1], encoder - m_dropsReported[2]);
    m_dropsReported[0] = source;
    m_dropsReported[1] = queue;
    m_dropsReported[2] = encoder;
    m_dropsReportedUs = nowUs;
}

void Recorder::scheduleReopen()
{
    const int delay = kBackoffSeconds[size_t(qMin<int>(m_backoffStep, int(kBackoffSeconds.size()) - 1))];
    ++m_backoffStep;
    m_reopenPending = true;
    m_reopenTimer.start(delay * 1000);
}

void Recorder::reportError(const QString &reason)
{
    ++m_errorCount;
    m_lastError = reason;
    qCCritical(lcDaemon, "%s", qPrintable(reason));
}

void Recorder::updateState()
{
    if (m_state == State::Stopping)
        return;
    State state = State::Booting;
    if (m_cameraFailed || (!m_encodingError.isEmpty() && m_recordingWanted))
        state = State::Error;
    else if (!m_currentFile.isEmpty())
        state = State::Recording;
    else if (!m_recordingWanted && m_captureStarted)
        state = State::Ready;
    if (state != m_state) {
        m_state = state;
        emit stateChanged(state);
    }
}
