// SPDX-License-Identifier: MIT
// A RecordingEngine for tests: no camera, scripted outcomes, frame counters that advance on a timer.
#pragma once

#include "recordingengine.h"

#include <QStringList>
#include <QTimer>

// Thread-bound to the main thread. Every outcome is emitted queued, as a real engine working on
// other threads would.
class FakeRecordingEngine : public RecordingEngine
{
    Q_OBJECT

public:
    explicit FakeRecordingEngine(QObject *parent = nullptr);

    void open() override;
    void startRecording(const QString &sessionId) override;
    void stopRecording() override;
    Counters counters() const override { return m_counters; }

    // Script.
    QStringList openFailures;        // each open() takes the first one, if any, and fails with it
    bool holdOpen = false;           // open() never answers (stays booting)
    bool holdStop = false;           // stopRecording() never answers (stays processing)
    void setAdvancing(bool on);      // frames advance every 20 ms (default on)
    void setStalled(bool on) { m_stalled = on; } // frames stop reaching the file
    void segmentBoundary();          // closes the current file and opens the next
    void fail(const QString &reason);
    void setCounters(const Counters &counters) { m_counters = counters; }

    // Observations.
    int opens = 0;
    int starts = 0;
    int stops = 0;
    QString lastSessionId;
    bool recording() const { return m_recording; }
    QString currentPath() const { return m_path; }

private:
    QString nextPath();
    void tick();

    Counters m_counters;
    QTimer m_frameTimer;
    bool m_recording = false;
    bool m_stalled = false;
    int m_fileNumber = 0;
    QString m_path;
};
