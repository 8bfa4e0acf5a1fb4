// SPDX-License-Identifier: MIT
// The recorder's state machine: continuous and session modes, Start/Stop/Extend, warnings, error retry.
#pragma once

#include "recorderstate.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <limits>

class Config;
class RecordingEngine;

// Thread-bound to the main thread. Drives a RecordingEngine (borrowed; it must outlive this object)
// with QTimers whose durations come from the configuration. Commands either happen completely or
// are refused with a reason; nothing is ever half-done.
class SessionController : public QObject
{
    Q_OBJECT

public:
    struct Settings {
        RecordingMode mode = RecordingMode::Continuous;
        double sessionSeconds = 600;
        double extensionSeconds = 300;
        double maxSeconds = 1200;
        QList<double> warningSeconds{120, 60, 30}; // remaining times, any order
        // Error retry: the first retry after retryInitialSeconds, then doubling up to retryMaxSeconds;
        // back to retryInitialSeconds once the recorder has stayed healthy for retryMaxSeconds.
        double retryInitialSeconds = 1;
        double retryMaxSeconds = 60;
        // Finalising a file (processing) or shutting down longer than this is an engine error.
        double processingTimeoutSeconds = 30;

        static Settings fromConfig(const Config &config);
    };

    // The outcome of a command. `errorName` is the <Reason> of the D-Bus error
    // org.recorder.Recorder1.Error.<Reason>; `message` says why in words.
    struct CommandResult {
        QString errorName;
        QString message;
        double remainingSeconds = std::numeric_limits<double>::quiet_NaN(); // Extend: time left after it
        bool ok() const { return errorName.isEmpty(); }
    };

    SessionController(const Settings &settings, RecordingEngine *engine, QObject *parent = nullptr);

    // Leaves `booting`: opens the engine; continuous mode then records, session mode waits in `ready`.
    void begin();
    // Enters `stopping`, finalises the current file and emits shutdownComplete() (at once when no
    // file is open). Commands are refused from then on.
    void shutdown();

    // A fault that does not change what is being recorded (e.g. the catalog cannot be written):
    // counted in errorCount() and shown as lastError(), without a state change. The one error
    // count of the recorder lives here.
    void noteFault(const QString &reason);

    CommandResult start();
    // In `error`, Stop is accepted too: the session ends (continuous mode pauses), so recovery
    // leads to `ready` instead of recording again.
    CommandResult stop();
    CommandResult extend();

    RecorderState state() const { return m_state; }
    QString stateReason() const { return m_stateReason; }
    RecordingMode mode() const { return m_settings.mode; }
    const Settings &settings() const { return m_settings; }

    bool inSession() const { return m_sessionClock.isValid(); }
    QString sessionId() const { return m_sessionId; }
    // NaN outside a session.
    double sessionElapsedSeconds() const;
    double sessionRemainingSeconds() const;
    double sessionTotalSeconds() const { return inSession() ? m_sessionTotal : std::numeric_limits<double>::quiet_NaN(); }
    QString currentWarning() const { return m_currentWarning; }

    QString currentFile() const { return m_currentFile; }
    qint64 errorCount() const { return m_errorCount; }
    QString lastError() const { return m_lastError; }

signals:
    void stateChanged(RecorderState state, const QString &reason);
    void warning(double remainingSeconds, const QString &message);
    void recordingFinished(const QString &path, const QString &state);
    // The file being written changed (a new segment, or none).
    void currentFileChanged(const QString &path);
    void shutdownComplete();

private:
    void setState(RecorderState state, const QString &reason);
    void setCurrentFile(const QString &path);
    void beginRecording(const QString &reason);
    void finishRecording(const QString &reason);
    void enterError(const QString &reason);
    void retry();
    void startSession();
    void endSession();
    void scheduleNextWarning();
    void fireWarning();
    void onSessionEnd();
    void onOpened();
    void onFileOpened(const QString &path);
    void onFileClosed(const QString &path, const QString &state);
    void onRecordingStopped();
    void onFailed(const QString &reason);
    void onRecovered();
    void onProcessingTimeout();
    CommandResult refusal(const QString &name, const QString &message) const;
    CommandResult refuseForState() const;

    Settings m_settings;
    RecordingEngine *m_engine; // borrowed
    RecorderState m_state = RecorderState::Booting;
    QString m_stateReason;

    bool m_opening = false;         // open() sent, opened()/failed() not yet received
    bool m_pausedByStop = false;    // continuous mode: Stop pauses until Start
    bool m_shutdownDone = false;

    QString m_sessionId;
    QElapsedTimer m_sessionClock;
    double m_sessionTotal = 0;
    QList<double> m_pendingWarnings; // descending remaining times still to announce
    QString m_currentWarning;
    QTimer m_sessionEndTimer;
    QTimer m_warningTimer;

    QString m_currentFile;
    qint64 m_errorCount = 0;
    QString m_lastError;
    double m_retryDelay = 0;
    QTimer m_retryTimer;
    QTimer m_processingTimer;
    QTimer m_healthyTimer; // running this long after a recovery resets the backoff
};
