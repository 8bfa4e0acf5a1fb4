// SPDX-License-Identifier: MIT
// The recorder's state machine: continuous and session modes, Start/Stop/Extend, warnings, error retry.
#include "sessioncontroller.h"

#include "config.h"
#include "controllog.h"
#include "recordingengine.h"
#include "units.h"

#include <QCoreApplication>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace {

// Durations in messages: "8min 12s" reads better than "492s" or "29.9998s".
QString spoken(double seconds)
{
    const double tenths = std::max(0.0, std::round(seconds * 10) / 10);
    if (tenths < 60)
        return Units::formatDuration(tenths);
    const qint64 whole = std::llround(tenths);
    QStringList parts;
    if (whole >= 3600)
        parts << QStringLiteral("%1h").arg(whole / 3600);
    if (whole % 3600 >= 60)
        parts << QStringLiteral("%1min").arg(whole % 3600 / 60);
    if (whole % 60)
        parts << QStringLiteral("%1s").arg(whole % 60);
    return parts.join(QLatin1Char(' '));
}

int toMs(double seconds)
{
    return static_cast<int>(std::clamp(std::llround(seconds * 1000), 0LL, static_cast<long long>(INT_MAX)));
}

} // namespace

SessionController::Settings SessionController::Settings::fromConfig(const Config &config)
{
    Settings s;
    s.mode = config.string(QStringLiteral("recording/mode")) == QLatin1String("session") ? RecordingMode::Session
                                                                                          : RecordingMode::Continuous;
    s.sessionSeconds = config.seconds(QStringLiteral("recording/session_duration"));
    s.extensionSeconds = config.seconds(QStringLiteral("recording/extension"));
    s.maxSeconds = std::max(s.sessionSeconds, config.seconds(QStringLiteral("recording/max_duration")));
    s.warningSeconds = config.secondsList(QStringLiteral("recording/warnings"));
    return s;
}

SessionController::SessionController(const Settings &settings, RecordingEngine *engine, QObject *parent)
    : QObject(parent), m_settings(settings), m_engine(engine), m_stateReason(tr("recorder starting"))
{
    std::sort(m_settings.warningSeconds.begin(), m_settings.warningSeconds.end(), std::greater<double>());
    m_settings.warningSeconds.erase(std::unique(m_settings.warningSeconds.begin(), m_settings.warningSeconds.end()),
                                    m_settings.warningSeconds.end());
    m_retryDelay = m_settings.retryInitialSeconds;

    // Warnings are checked against ±0.5 s: coarse timers (5 % slack) would miss that on long sessions.
    for (QTimer *timer : {&m_sessionEndTimer, &m_warningTimer, &m_retryTimer, &m_processingTimer}) {
        timer->setSingleShot(true);
        timer->setTimerType(Qt::PreciseTimer);
    }
    connect(&m_sessionEndTimer, &QTimer::timeout, this, &SessionController::onSessionEnd);
    connect(&m_warningTimer, &QTimer::timeout, this, &SessionController::fireWarning);
    connect(&m_retryTimer, &QTimer::timeout, this, &SessionController::retry);
    connect(&m_processingTimer, &QTimer::timeout, this, &SessionController::onProcessingTimeout);
    m_healthyTimer.setSingleShot(true);
    connect(&m_healthyTimer, &QTimer::timeout, this, [this] { m_retryDelay = m_settings.retryInitialSeconds; });

    connect(m_engine, &RecordingEngine::opened, this, &SessionController::onOpened);
    connect(m_engine, &RecordingEngine::fileOpened, this, &SessionController::onFileOpened);
    connect(m_engine, &RecordingEngine::fileClosed, this, &SessionController::onFileClosed);
    connect(m_engine, &RecordingEngine::recordingStopped, this, &SessionController::onRecordingStopped);
    connect(m_engine, &RecordingEngine::failed, this, &SessionController::onFailed);
    connect(m_engine, &RecordingEngine::recovered, this, &SessionController::onRecovered);
}

void SessionController::begin()
{
    qCInfo(lcControl, "state booting: %s mode, opening camera and encoder",
           m_settings.mode == RecordingMode::Session ? "session" : "continuous");
    m_opening = true;
    m_engine->open();
}

void SessionController::shutdown()
{
    if (m_state == RecorderState::Stopping)
        return;
    const RecorderState before = m_state;
    m_retryTimer.stop();
    m_warningTimer.stop();
    m_sessionEndTimer.stop();
    setState(RecorderState::Stopping, tr("shutdown requested"));
    if (before == RecorderState::Recording) {
        m_engine->stopRecording();
        m_processingTimer.start(toMs(m_settings.processingTimeoutSeconds));
    } else if (before == RecorderState::Processing) {
        m_processingTimer.start(toMs(m_settings.processingTimeoutSeconds));
    } else {
        m_shutdownDone = true;
        QMetaObject::invokeMethod(this, &SessionController::shutdownComplete, Qt::QueuedConnection);
    }
}

SessionController::CommandResult SessionController::refusal(const QString &name, const QString &message) const
{
    qCInfo(lcControl, "command refused (%s): %s", qPrintable(name), qPrintable(message));
    CommandResult r;
    r.errorName = name;
    r.message = message;
    return r;
}

SessionController::CommandResult SessionController::refuseForState() const
{
    switch (m_state) {
    case RecorderState::Booting:
        return refusal(QStringLiteral("NotReady"), tr("the recorder is still starting; try again in a moment"));
    case RecorderState::Processing:
        return refusal(QStringLiteral("Busy"), tr("the last recording is being finalised; try again in a moment"));
    case RecorderState::Error:
        return refusal(QStringLiteral("InError"),
                       tr("the recorder is in error (%1); it retries by itself").arg(m_lastError));
    case RecorderState::Stopping:
        return refusal(QStringLiteral("ShuttingDown"), tr("the recorder is shutting down"));
    case RecorderState::Ready:
        return refusal(QStringLiteral("NotRecording"), tr("not recording"));
    case RecorderState::Recording:
        return refusal(QStringLiteral("AlreadyRecording"), tr("already recording"));
    }
    return refusal(QStringLiteral("NotReady"), tr("not ready"));
}

void SessionController::noteFault(const QString &reason)
{
    ++m_errorCount;
    m_lastError = reason;
}

SessionController::CommandResult SessionController::start()
{
    if (m_state == RecorderState::Recording) {
        if (inSession())
            return refusal(QStringLiteral("AlreadyRecording"),
                           tr("already recording a session (%1 left)").arg(spoken(sessionRemainingSeconds())));
        return refusal(QStringLiteral("AlreadyRecording"), tr("already recording"));
    }
    if (m_state != RecorderState::Ready)
        return refuseForState();

    if (m_settings.mode == RecordingMode::Session) {
        startSession();
        beginRecording(tr("Start command: session of %1").arg(spoken(m_sessionTotal)));
    } else {
        m_pausedByStop = false;
        beginRecording(tr("Start command: continuous recording resumed"));
    }
    return {};
}

SessionController::CommandResult SessionController::stop()
{
    if (m_state == RecorderState::Error && (inSession() || (m_settings.mode == RecordingMode::Continuous && !m_pausedByStop))) {
        // Nothing is being written; what Stop changes is what happens after recovery.
        m_pausedByStop = m_settings.mode == RecordingMode::Continuous;
        endSession();
        qCInfo(lcControl, "Stop command while in error: recording will not resume after recovery");
        return {};
    }
    if (m_state != RecorderState::Recording)
        return refuseForState();
    if (m_settings.mode == RecordingMode::Continuous) {
        m_pausedByStop = true;
        finishRecording(tr("Stop command: paused until Start"));
    } else {
        const double elapsed = sessionElapsedSeconds();
        endSession();
        finishRecording(tr("Stop command after %1 of the session").arg(spoken(elapsed)));
    }
    return {};
}

SessionController::CommandResult SessionController::extend()
{
    if (m_settings.mode == RecordingMode::Continuous)
        return refusal(QStringLiteral("NotInSession"),
                       tr("continuous mode has no session to extend ([recording] mode=continuous)"));
    if (m_state != RecorderState::Recording || !inSession())
        return refusal(QStringLiteral("NotInSession"), tr("no session is recording; Start begins one"));

    const double room = m_settings.maxSeconds - m_sessionTotal;
    if (room < 0.001)
        return refusal(QStringLiteral("MaximumReached"),
                       tr("the session is already at its maximum length of %1 ([recording] max_duration)")
                           .arg(spoken(m_settings.maxSeconds)));

    const double added = std::min(room, m_settings.extensionSeconds);
    m_sessionTotal += added;
    const double remaining = sessionRemainingSeconds();
    m_sessionEndTimer.start(toMs(remaining));
    // Warnings count down to the new end: the ones already given are due again.
    m_currentWarning.clear();
    m_pendingWarnings.clear();
    for (double w : m_settings.warningSeconds) {
        if (w < remaining)
            m_pendingWarnings.append(w);
    }
    scheduleNextWarning();
    qCInfo(lcControl, "session extended by %s%s: %s left of %s", qPrintable(spoken(added)),
           added < m_settings.extensionSeconds ? " (capped at [recording] max_duration)" : "",
           qPrintable(spoken(remaining)), qPrintable(spoken(m_sessionTotal)));
    CommandResult r;
    r.remainingSeconds = remaining;
    return r;
}

double SessionController::sessionElapsedSeconds() const
{
    if (!inSession())
        return std::numeric_limits<double>::quiet_NaN();
    return m_sessionClock.nsecsElapsed() / 1e9;
}

double SessionController::sessionRemainingSeconds() const
{
    if (!inSession())
        return std::numeric_limits<double>::quiet_NaN();
    return std::max(0.0, m_sessionTotal - sessionElapsedSeconds());
}

void SessionController::setState(RecorderState state, const QString &reason)
{
    if (state == m_state && reason == m_stateReason)
        return;
    qCInfo(lcControl, "state %s -> %s: %s", qPrintable(recorderStateName(m_state)),
           qPrintable(recorderStateName(state)), qPrintable(reason));
    m_state = state;
    m_stateReason = reason;
    emit stateChanged(state, reason);
}

void SessionController::beginRecording(const QString &reason)
{
    setState(RecorderState::Recording, reason);
    m_engine->startRecording(m_sessionId);
}

void SessionController::finishRecording(const QString &reason)
{
    setState(RecorderState::Processing, reason);
    m_processingTimer.start(toMs(m_settings.processingTimeoutSeconds));
    m_engine->stopRecording();
}

void SessionController::startSession()
{
    m_sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_sessionTotal = m_settings.sessionSeconds;
    m_sessionClock.start();
    m_sessionEndTimer.start(toMs(m_sessionTotal));
    m_currentWarning.clear();
    m_pendingWarnings.clear();
    for (double w : m_settings.warningSeconds) {
        if (w < m_sessionTotal)
            m_pendingWarnings.append(w);
    }
    scheduleNextWarning();
}

void SessionController::endSession()
{
    m_sessionEndTimer.stop();
    m_warningTimer.stop();
    m_pendingWarnings.clear();
    m_currentWarning.clear();
    m_sessionClock.invalidate();
    m_sessionId.clear();
    m_sessionTotal = 0;
}

void SessionController::scheduleNextWarning()
{
    m_warningTimer.stop();
    if (m_pendingWarnings.isEmpty())
        return;
    m_warningTimer.start(toMs(sessionRemainingSeconds() - m_pendingWarnings.first()));
}

void SessionController::fireWarning()
{
    if (m_pendingWarnings.isEmpty() || !inSession())
        return;
    const double due = m_pendingWarnings.takeFirst();
    m_currentWarning = tr("session ends in %1").arg(spoken(due));
    qCInfo(lcControl, "warning: %s (%.1f s left)", qPrintable(m_currentWarning), sessionRemainingSeconds());
    emit warning(due, m_currentWarning);
    scheduleNextWarning();
}

void SessionController::onSessionEnd()
{
    const double total = m_sessionTotal;
    endSession();
    if (m_state == RecorderState::Recording)
        finishRecording(tr("session ended after %1").arg(spoken(total)));
    else
        qCInfo(lcControl, "session ended after %s while %s", qPrintable(spoken(total)),
               qPrintable(recorderStateName(m_state)));
}

void SessionController::onOpened()
{
    if (!m_opening)
        return;
    m_opening = false;
    m_healthyTimer.start(toMs(m_settings.retryMaxSeconds));
    const bool recovering = m_state == RecorderState::Error;
    if (m_state != RecorderState::Booting && !recovering)
        return;

    if (m_settings.mode == RecordingMode::Continuous && !m_pausedByStop) {
        beginRecording(recovering ? tr("recovered from error; continuous recording resumed")
                                  : tr("continuous mode: recording from start-up"));
    } else if (inSession() && sessionRemainingSeconds() > 0) {
        // Warnings whose time passed during the error would now announce a wrong remaining time.
        const double remaining = sessionRemainingSeconds();
        m_pendingWarnings.erase(std::remove_if(m_pendingWarnings.begin(), m_pendingWarnings.end(),
                                               [remaining](double w) { return w >= remaining; }),
                                m_pendingWarnings.end());
        scheduleNextWarning();
        beginRecording(tr("recovered from error; session continues with %1 left").arg(spoken(sessionRemainingSeconds())));
    } else {
        setState(RecorderState::Ready, recovering ? tr("recovered from error") : tr("camera and encoder ready"));
    }
}

void SessionController::setCurrentFile(const QString &path)
{
    if (path == m_currentFile)
        return;
    m_currentFile = path;
    emit currentFileChanged(path);
}

void SessionController::onFileOpened(const QString &path)
{
    setCurrentFile(path);
    qCInfo(lcControl, "recording to %s", qPrintable(path));
}

void SessionController::onFileClosed(const QString &path, const QString &state)
{
    if (path == m_currentFile)
        setCurrentFile(QString());
    qCInfo(lcControl, "file closed (%s): %s", qPrintable(state), qPrintable(path));
    emit recordingFinished(path, state);
}

void SessionController::onRecordingStopped()
{
    setCurrentFile(QString());
    if (m_state == RecorderState::Processing) {
        m_processingTimer.stop();
        setState(RecorderState::Ready, m_settings.mode == RecordingMode::Continuous && m_pausedByStop
                                           ? tr("recording finalised; paused until Start")
                                           : tr("recording finalised"));
    } else if (m_state == RecorderState::Stopping && !m_shutdownDone) {
        m_processingTimer.stop();
        m_shutdownDone = true;
        qCInfo(lcControl, "last recording finalised; shutdown can proceed");
        emit shutdownComplete();
    }
}

void SessionController::onFailed(const QString &reason)
{
    setCurrentFile(QString());
    ++m_errorCount;
    m_lastError = reason;
    m_opening = false;
    if (m_state == RecorderState::Stopping) {
        qCWarning(lcControl, "error while shutting down: %s", qPrintable(reason));
        if (!m_shutdownDone) {
            m_processingTimer.stop();
            m_shutdownDone = true;
            emit shutdownComplete();
        }
        return;
    }
    enterError(reason);
}

void SessionController::onRecovered()
{
    if (m_state != RecorderState::Error || !m_retryTimer.isActive())
        return; // not waiting to retry: an open() is already under way, or no error at all
    m_retryTimer.stop();
    qCInfo(lcControl, "engine recovered by itself: retrying now");
    retry();
}

void SessionController::onProcessingTimeout()
{
    const QString reason =
        tr("finalising the recording took longer than %1").arg(spoken(m_settings.processingTimeoutSeconds));
    if (m_state == RecorderState::Stopping) {
        qCWarning(lcControl, "%s; shutting down anyway", qPrintable(reason));
        m_shutdownDone = true;
        emit shutdownComplete();
        return;
    }
    ++m_errorCount;
    m_lastError = reason;
    enterError(reason);
}

void SessionController::enterError(const QString &reason)
{
    m_healthyTimer.stop();
    m_processingTimer.stop();
    m_warningTimer.stop();
    if (m_state == RecorderState::Error && m_retryTimer.isActive()) {
        // A repeated report of the same trouble must not push the retry further out.
        qCDebug(lcControl, "while waiting to retry: %s", qPrintable(reason));
        return;
    }
    if (m_state == RecorderState::Error)
        qCWarning(lcControl, "retry failed: %s; next retry in %s", qPrintable(reason), qPrintable(spoken(m_retryDelay)));
    else
        setState(RecorderState::Error, reason + tr("; retrying in %1").arg(spoken(m_retryDelay)));
    m_retryTimer.start(toMs(m_retryDelay));
}

void SessionController::retry()
{
    if (m_state != RecorderState::Error)
        return;
    qCInfo(lcControl, "retrying after error: reopening camera and encoder");
    m_retryDelay = std::min(m_settings.retryMaxSeconds, m_retryDelay * 2);
    m_opening = true;
    m_engine->open();
}
