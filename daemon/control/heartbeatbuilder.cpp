// SPDX-License-Identifier: MIT
// Builds the recorder's one status document (docs/heartbeat.md) from the controller, the engine and storage.
#include "heartbeatbuilder.h"

#include "recordingengine.h"
#include "sessioncontroller.h"
#include "version.h"

#include <cmath>

HeartbeatBuilder::HeartbeatBuilder(const SessionController *controller, const RecordingEngine *engine,
                                   qint64 restartCount)
    : m_controller(controller), m_engine(engine), m_restartCount(restartCount)
{
    m_uptime.start();
}

Heartbeat HeartbeatBuilder::build() const
{
    Heartbeat h;
    h.uptimeSeconds = m_uptime.nsecsElapsed() / 1e9;
    h.version = QStringLiteral(RECORDER_VERSION);

    const RecordingEngine::Counters c = m_engine->counters();
    h.framesCaptured = c.framesCaptured;
    h.framesDropped = c.framesDropped;
    h.fps = c.fps;
    h.bytesWritten = c.bytesWritten;
    h.camera = c.camera;
    h.encoder = c.encoder;
    h.audio = c.audio;
    h.audioLevelDbfs = c.audio == QLatin1String("off") ? std::nan("") : c.audioLevelDbfs;
    h.audioFramesDropped = c.audioFramesDropped;

    if (m_storage) {
        const StorageFacts storage = m_storage();
        h.diskFreeBytes = storage.freeBytes;
        h.diskTotalBytes = storage.totalBytes;
        h.catalog = storage.catalogDegraded ? QStringLiteral("degraded") : QStringLiteral("ok");
        h.catalogError = storage.catalogError;
    }
    h.gpio = m_gpio;
    h.gpioError = m_gpioError;

    h.state = recorderStateName(m_controller->state());
    h.stateReason = m_controller->stateReason();
    h.currentFile = m_controller->currentFile();
    h.recordingActive = m_controller->state() == RecorderState::Recording && !h.currentFile.isEmpty();
    h.sessionElapsedSeconds = m_controller->sessionElapsedSeconds();
    h.sessionRemainingSeconds = m_controller->sessionRemainingSeconds();
    h.warning = m_controller->currentWarning();
    h.errorCount = m_controller->errorCount();
    h.lastError = m_controller->lastError();
    h.restartCount = m_restartCount;
    return h;
}

QString HeartbeatBuilder::statusLine(const Heartbeat &h)
{
    QString line = h.state;
    const bool recording = h.state == QLatin1String("recording");
    // No ticking time here: systemd only hears this line when it changes.
    if (recording && !std::isnan(h.sessionRemainingSeconds) && !h.warning.isEmpty())
        line += QStringLiteral(": ") + h.warning;
    else if (recording && !std::isnan(h.sessionRemainingSeconds))
        line += QStringLiteral(": ") + h.stateReason;
    else if (recording && !h.currentFile.isEmpty())
        line += QStringLiteral(": ") + h.currentFile;
    else if (!h.stateReason.isEmpty())
        line += QStringLiteral(": ") + h.stateReason;
    if (h.catalog != QLatin1String("ok"))
        line += QStringLiteral(" (catalog %1)").arg(h.catalog);
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return line;
}
