// SPDX-License-Identifier: MIT
// The control layer's RecordingEngine over the real pipeline (Recorder).
#pragma once

#include "recorder.h"
#include "recordingengine.h"

// Thread-bound to the main thread, like the Recorder it borrows (which must outlive it). Turns the
// Recorder's state and file changes into the engine signals SessionController expects. The
// Recorder retries a failed camera or encoder by itself; open() only waits until it is healthy.
class PipelineEngine : public RecordingEngine
{
    Q_OBJECT

public:
    explicit PipelineEngine(Recorder &recorder, QObject *parent = nullptr);

    void open() override;
    void startRecording(const QString &sessionId) override;
    void stopRecording() override;
    Counters counters() const override;

private:
    bool healthy() const;
    void announceOpened();
    void onStateChanged(Recorder::State state);
    void onFileChanged(const QString &path);
    void onRecordingPaused();

    Recorder &m_recorder;
    QString m_openFile;           // the file the pipeline writes, as last announced
    bool m_openPending = false;   // open() called, opened() not yet emitted
    bool m_startAsked = false;    // startRecording() came while opened() was being delivered
    bool m_stopPending = false;   // stopRecording() waits for the pipeline to pause
    bool m_inError = false;
    bool m_pipelineUp = false;    // the Recorder has been ready or recording at least once
};
