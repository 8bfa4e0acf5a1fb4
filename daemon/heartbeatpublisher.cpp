// SPDX-License-Identifier: MIT
// Writes the recorder's heartbeat (docs/heartbeat.md) from the main loop every [heartbeat] interval.
#include "heartbeatpublisher.h"
#include "daemonlog.h"
#include "recorder.h"

#include "version.h"

#include <QFile>

#include <sys/statvfs.h>

HeartbeatPublisher::HeartbeatPublisher(const Recorder &recorder, const QString &path, const QString &recordingsDir,
                                       double intervalSeconds, QObject *parent)
    : QObject(parent)
    , m_recorder(recorder)
    , m_recordingsDir(recordingsDir)
    , m_writer(path, intervalSeconds)
{
    m_uptime.start();
    m_timer.setInterval(int(intervalSeconds * 1000));
    connect(&m_timer, &QTimer::timeout, this, &HeartbeatPublisher::publish);
}

void HeartbeatPublisher::start()
{
    publish();
    m_timer.start();
}

void HeartbeatPublisher::publish()
{
    const Recorder::Status status = m_recorder.status();
    Heartbeat heartbeat;
    heartbeat.state = Recorder::stateName(status.state);
    heartbeat.uptimeSeconds = double(m_uptime.nsecsElapsed()) / 1e9;
    heartbeat.version = QStringLiteral(RECORDER_VERSION);
    heartbeat.recordingActive = status.recordingActive;
    heartbeat.currentFile = status.currentFile;
    heartbeat.framesCaptured = status.framesCaptured;
    heartbeat.framesDropped = status.framesDropped;
    heartbeat.fps = status.fps;
    heartbeat.bytesWritten = status.bytesWritten;
    heartbeat.errorCount = status.errorCount;
    heartbeat.lastError = status.lastError;
    heartbeat.camera = status.camera;
    heartbeat.encoder = status.encoder;
    struct statvfs space = {};
    if (::statvfs(QFile::encodeName(m_recordingsDir).constData(), &space) == 0) {
        heartbeat.diskFreeBytes = qint64(space.f_bavail) * qint64(space.f_frsize);
        heartbeat.diskTotalBytes = qint64(space.f_blocks) * qint64(space.f_frsize);
    }
    if (m_decorate)
        m_decorate(heartbeat);
    const QString error = m_writer.write(heartbeat);
    if (error != m_lastWriteError) {
        if (!error.isEmpty())
            qCWarning(lcDaemon, "cannot write the heartbeat: %s", qPrintable(error));
        m_lastWriteError = error;
    }
}
