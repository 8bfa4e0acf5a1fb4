// SPDX-License-Identifier: MIT
// Fills the recorder's heartbeat fields (docs/heartbeat.md) from the controller and the engine.
#pragma once

#include "heartbeat.h"

#include <QElapsedTimer>
#include <QString>

class RecordingEngine;
class SessionController;

// Thread-bound to the main thread (it reads the controller). The daemon's heartbeat timer calls
// build() and hands the result to HeartbeatWriter, which stamps time, boot id, sequence and pid.
// RecorderService's Status() uses the same document, so both always agree.
class HeartbeatBuilder
{
public:
    // `controller` and `engine` are borrowed and must outlive the builder. `recordingsDir` is
    // where disk space is measured.
    HeartbeatBuilder(const SessionController *controller, const RecordingEngine *engine, const QString &recordingsDir,
                     qint64 restartCount);

    // The whole recorder part of the document: engine counters, disk, uptime, version, then
    // decorate().
    Heartbeat build() const;
    void setRestartCount(qint64 count) { m_restartCount = count; }
    // Only the control layer's fields, over a document somebody else filled (a heartbeat
    // publisher that already has the pipeline's counters): state, session_elapsed_seconds,
    // session_remaining_seconds, warning, restart_count; recording_active and current_file from
    // the controller's view; error_count the larger of both counts and last_error the
    // controller's when it has one (the controller also counts its own errors, such as a
    // finalisation timeout).
    void decorate(Heartbeat &heartbeat) const;

private:
    const SessionController *m_controller;
    const RecordingEngine *m_engine;
    QString m_recordingsDir;
    qint64 m_restartCount;
    QElapsedTimer m_uptime;
};
