// SPDX-License-Identifier: MIT
// Tells systemd (Type=notify) about start-up, state, progress and shutdown through sd_notify.
#pragma once

#include "heartbeat.h"

#include <QObject>
#include <QTimer>

class RecordingEngine;
class StatusPublisher;

// Thread-bound to the main thread. Does nothing at all when NOTIFY_SOCKET is unset (not started
// by systemd, or in tests that do not ask for it). Everything it says comes from the status
// snapshot StatusPublisher publishes, so STATUS= agrees with the heartbeat and D-Bus Status().
//
// - READY=1 once, when the recorder first settles: ready, recording, or error (then STATUS says
//   why), so that systemd's start-up never hangs on a missing camera.
// - STATUS=<one line> whenever that line changes (state, reason, session warning).
// - WATCHDOG=1 only while the pipeline makes progress: while recording, only when frames reached a
//   file since the last ping; otherwise whenever this main-thread timer runs. A stuck capture,
//   encoding or writer thread therefore stops the pings and WatchdogSec= restarts the recorder.
// - STOPPING=1 when the recorder enters stopping.
class SystemdNotifier : public QObject
{
    Q_OBJECT

public:
    // `status` and `engine` are borrowed and must outlive the notifier.
    SystemdNotifier(const StatusPublisher *status, const RecordingEngine *engine, QObject *parent = nullptr);

    bool enabled() const { return m_enabled; }
    // Seconds between watchdog checks; 0 when systemd set no WatchdogSec=.
    double watchdogCheckSeconds() const { return m_watchdogTimer.isActive() ? m_watchdogTimer.interval() / 1000.0 : 0; }

private:
    void onPublished(const Heartbeat &snapshot);
    void onWatchdogTick();
    void send(const QByteArray &message);

    const StatusPublisher *m_status;
    const RecordingEngine *m_engine;
    bool m_enabled = false;
    bool m_readySent = false;
    bool m_stoppingSent = false;
    bool m_withholding = false;
    QString m_lastLine;
    qint64 m_lastFramesWritten = -1;
    QTimer m_watchdogTimer;
};
