// SPDX-License-Identifier: MIT
// A RecordingEngine for tests: no camera, scripted outcomes, frame counters that advance on a timer.
#include "fakerecordingengine.h"

FakeRecordingEngine::FakeRecordingEngine(QObject *parent) : RecordingEngine(parent)
{
    m_counters.camera = QStringLiteral("testpattern");
    m_counters.encoder = QStringLiteral("fake");
    m_frameTimer.setInterval(20);
    connect(&m_frameTimer, &QTimer::timeout, this, &FakeRecordingEngine::tick);
    m_frameTimer.start();
}

void FakeRecordingEngine::setAdvancing(bool on)
{
    if (on)
        m_frameTimer.start();
    else
        m_frameTimer.stop();
}

void FakeRecordingEngine::tick()
{
    if (m_stalled)
        return;
    ++m_counters.framesCaptured;
    m_counters.fps = 50;
    if (m_recording) {
        ++m_counters.framesWritten;
        m_counters.bytesWritten += 1000;
    }
}

QString FakeRecordingEngine::nextPath()
{
    return QStringLiteral("/recordings/recording_%1.mp4").arg(++m_fileNumber, 3, 10, QLatin1Char('0'));
}

void FakeRecordingEngine::open()
{
    ++opens;
    if (holdOpen)
        return;
    if (!openFailures.isEmpty()) {
        const QString reason = openFailures.takeFirst();
        QMetaObject::invokeMethod(this, [this, reason] { emit failed(reason); }, Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(this, [this] { emit opened(); }, Qt::QueuedConnection);
}

void FakeRecordingEngine::startRecording(const QString &sessionId)
{
    ++starts;
    lastSessionId = sessionId;
    m_recording = true;
    m_path = nextPath();
    QMetaObject::invokeMethod(this, [this, path = m_path] { emit fileOpened(path); }, Qt::QueuedConnection);
}

void FakeRecordingEngine::stopRecording()
{
    ++stops;
    if (holdStop)
        return;
    const QString path = std::exchange(m_path, {});
    QMetaObject::invokeMethod(
        this,
        [this, path] {
            m_recording = false;
            if (!path.isEmpty())
                emit fileClosed(path, QStringLiteral("complete"));
            emit recordingStopped();
        },
        Qt::QueuedConnection);
}

void FakeRecordingEngine::segmentBoundary()
{
    const QString old = std::exchange(m_path, nextPath());
    emit fileClosed(old, QStringLiteral("complete"));
    emit fileOpened(m_path);
}

void FakeRecordingEngine::fail(const QString &reason)
{
    m_recording = false;
    m_path.clear();
    emit failed(reason);
}
