// SPDX-License-Identifier: MIT
// Writes the recorder's heartbeat (docs/heartbeat.md) from the main loop every [heartbeat] interval.
#pragma once

#include "heartbeatwriter.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

class Recorder;

// Lives on the main thread. Written from the main loop on purpose: a stuck main loop stops the
// heartbeat and the watchdog notices. `decorate` lets the control layer add its fields
// (sessions, restart count) before each write.
class HeartbeatPublisher : public QObject
{
    Q_OBJECT
public:
    using Decorator = std::function<void(Heartbeat &heartbeat)>;

    HeartbeatPublisher(const Recorder &recorder, const QString &path, const QString &recordingsDir,
                       double intervalSeconds, QObject *parent = nullptr);

    void setDecorator(Decorator decorate) { m_decorate = std::move(decorate); }
    void start();
    // Writes now (e.g. on a state change).
    void publish();

private:
    const Recorder &m_recorder;
    const QString m_recordingsDir;
    HeartbeatWriter m_writer;
    Decorator m_decorate;
    QTimer m_timer;
    QElapsedTimer m_uptime;
    QString m_lastWriteError;
};
