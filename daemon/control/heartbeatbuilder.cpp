// SPDX-License-Identifier: MIT
// Fills the recorder's heartbeat fields (docs/heartbeat.md) from the controller and the engine.
#include "heartbeatbuilder.h"

#include "recordingengine.h"
#include "sessioncontroller.h"
#include "version.h"

#include <QStorageInfo>

#include <algorithm>

HeartbeatBuilder::HeartbeatBuilder(const SessionController *controller, const RecordingEngine *engine,
                                   const QString &recordingsDir, qint64 restartCount)
    : m_controller(controller), m_engine(engine), m_recordingsDir(recordingsDir), m_restartCount(restartCount)
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

    // statvfs of a local filesystem: microseconds, fine once a second on the main thread.
    const QStorageInfo storage(m_recordingsDir);
    if (storage.isValid() && storage.isReady()) {
        h.diskFreeBytes = storage.bytesAvailable();
        h.diskTotalBytes = storage.bytesTotal();
    }
    decorate(h);
    return h;
}

void HeartbeatBuilder::decorate(Heartbeat &h) const
{
    h.state = recorderStateName(m_controller->state());
    h.currentFile = m_controller->currentFile();
    h.recordingActive = m_controller->state() == RecorderState::Recording && !h.currentFile.isEmpty();
    h.sessionElapsedSeconds = m_controller->sessionElapsedSeconds();
    h.sessionRemainingSeconds = m_controller->sessionRemainingSeconds();
    h.warning = m_controller->currentWarning();
    h.errorCount = std::max(h.errorCount, m_controller->errorCount());
    if (!m_controller->lastError().isEmpty())
        h.lastError = m_controller->lastError();
    h.restartCount = m_restartCount;
}
