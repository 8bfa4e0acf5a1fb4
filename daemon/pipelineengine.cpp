// SPDX-License-Identifier: MIT
// The control layer's RecordingEngine over the real pipeline (Recorder).
#include "pipelineengine.h"
#include "daemonlog.h"

#include <QMetaObject>

PipelineEngine::PipelineEngine(Recorder &recorder, QObject *parent) : RecordingEngine(parent), m_recorder(recorder)
{
    connect(&m_recorder, &Recorder::stateChanged, this, &PipelineEngine::onStateChanged);
    connect(&m_recorder, &Recorder::fileChanged, this, &PipelineEngine::onFileChanged);
    connect(&m_recorder, &Recorder::recordingPaused, this, &PipelineEngine::onRecordingPaused);
}

bool PipelineEngine::healthy() const
{
    const Recorder::State state = m_recorder.status().state;
    // Once the pipeline has run, `booting` only means a file opens at the next frame.
    return state == Recorder::State::Ready || state == Recorder::State::Recording
        || (state == Recorder::State::Booting && m_pipelineUp);
}

void PipelineEngine::open()
{
    m_openPending = true;
    // The outcome is a signal, never a re-entrant call back into the controller.
    if (healthy())
        QMetaObject::invokeMethod(this, &PipelineEngine::announceOpened, Qt::QueuedConnection);
}

void PipelineEngine::announceOpened()
{
    if (!m_openPending || !healthy())
        return;
    m_openPending = false;
    m_startAsked = false;
    emit opened(); // direct connection: the controller decides here whether to record
    if (!m_startAsked && m_recorder.recordingWanted()) {
        // The Recorder resumed by itself after an error, but the session ended (or Stop came)
        // meanwhile: the controller is `ready`, so the file must end too.
        qCInfo(lcDaemon, "recording off after recovery: the controller does not record now");
        m_recorder.setRecording(false);
    }
}

void PipelineEngine::startRecording(const QString &sessionId)
{
    m_startAsked = true;
    m_stopPending = false;
    m_recorder.setRecording(true, sessionId);
    // A file the Recorder reopened by itself during an error is this recording's file.
    if (!m_openFile.isEmpty()) {
        const QString path = m_openFile;
        QMetaObject::invokeMethod(
            this, [this, path] { if (path == m_openFile) emit fileOpened(path); }, Qt::QueuedConnection);
    }
}

void PipelineEngine::stopRecording()
{
    if (!m_recorder.recordingWanted()) {
        QMetaObject::invokeMethod(this, &RecordingEngine::recordingStopped, Qt::QueuedConnection);
        return;
    }
    m_stopPending = true;
    m_recorder.setRecording(false);
}

RecordingEngine::Counters PipelineEngine::counters() const
{
    const Recorder::Status status = m_recorder.status();
    Counters c;
    c.framesCaptured = status.framesCaptured;
    c.framesDropped = status.framesDropped;
    // Frames the encoder took while recording: the systemd watchdog's proof of progress.
    c.framesWritten = m_recorder.counters().framesEncoded;
    c.bytesWritten = status.bytesWritten;
    c.fps = status.fps;
    c.camera = status.camera;
    c.encoder = status.encoder;
    return c;
}

void PipelineEngine::onStateChanged(Recorder::State state)
{
    if (state == Recorder::State::Stopping)
        return;
    const bool error = state == Recorder::State::Error;
    if (error && !m_inError) {
        m_inError = true;
        m_openPending = false;
        const QString reason = m_recorder.status().lastError;
        emit failed(reason.isEmpty() ? tr("pipeline error") : reason);
        return;
    }
    const bool wasInError = m_inError;
    m_inError = error;
    if (error)
        return;
    if (state == Recorder::State::Ready || state == Recorder::State::Recording)
        m_pipelineUp = true;
    if (!healthy())
        return;
    if (m_openPending)
        announceOpened();
    else if (wasInError)
        emit recovered(); // the controller reopens now and decides whether recording resumes
}

void PipelineEngine::onFileChanged(const QString &path)
{
    if (!m_openFile.isEmpty())
        emit fileClosed(m_openFile, QStringLiteral("complete"));
    m_openFile = path;
    if (!path.isEmpty())
        emit fileOpened(path);
}

void PipelineEngine::onRecordingPaused()
{
    if (!m_stopPending)
        return;
    m_stopPending = false;
    emit recordingStopped();
}
