// SPDX-License-Identifier: MIT
// Tells systemd (Type=notify) about start-up, state, progress and shutdown through sd_notify.
#pragma once

#include "recorderstate.h"

#include <QObject>
#include <QTimer>

class RecordingEngine;
class SessionController;

// Thread-bound to the main thread. Does nothing at all when NOTIFY_SOCKET is unset (not started
// by systemd, or in tests that do not ask for it).
//
// - READY=1 once, when the controller first settles: ready, recording, or error (then STATUS says
//   why), so that systemd's start-up never hangs on a missing camera.
// - STATUS=<one line> at every state change and session warning.
// - WATCHDOG=1 only while the pipeline makes progress: while recording, only when frames reached a
//   file since the last ping; otherwise whenever this main-thread timer runs. A stuck capture
//   thread therefore stops the pings and WatchdogSec= restarts the recorder.
// - STOPPING=1 when the controller enters stopping.
class SystemdNotifier : public QObject
{
    Q_OBJECT

public:
    // `controller` and `engine` are borrowed and must outlive the notifier.
    SystemdNotifier(const SessionController *controller, const RecordingEngine *engine, QObject *parent = nullptr);

    bool enabled() const { return m_enabled; }
    // Seconds between watchdog checks; 0 when systemd set no WatchdogSec=.
    double watchdogCheckSeconds() const { return m_watchdogTimer.isActive() ? m_watchdogTimer.interval() / 1000.0 : 0; }

private:
    void onStateChanged(RecorderState state, const QString &reason);
    void onWatchdogTick();
    void send(const QByteArray &message);

    const SessionController *m_controller;
    const RecordingEngine *m_engine;
    bool m_enabled = false;
    bool m_readySent = false;
    bool m_withholding = false;
    qint64 m_lastFramesWritten = -1;
    QTimer m_watchdogTimer;
};
