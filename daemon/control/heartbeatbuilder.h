// SPDX-License-Identifier: MIT
// Builds the recorder's one status document (docs/heartbeat.md) from the controller, the engine and storage.
#pragma once

#include "heartbeat.h"

#include <QElapsedTimer>
#include <QString>

#include <functional>

class RecordingEngine;
class SessionController;

// Thread-bound to the main thread (it reads the controller). It is the only place the recorder's
// status fields are put together: StatusPublisher calls build() and the result is the heartbeat
// file, D-Bus Status() and systemd's STATUS= line alike. It never touches the disk: storage facts
// come from a probe that returns values the storage thread measured (cached).
class HeartbeatBuilder
{
public:
    struct StorageFacts {
        qint64 freeBytes = 0;
        qint64 totalBytes = 0;
        bool catalogDegraded = false;
        QString catalogError;
    };
    // Must return at once (cached values), never wait for a disk or a database.
    using StorageProbe = std::function<StorageFacts()>;

    // `controller` and `engine` are borrowed and must outlive the builder.
    HeartbeatBuilder(const SessionController *controller, const RecordingEngine *engine, qint64 restartCount);

    Heartbeat build() const;
    void setRestartCount(qint64 count) { m_restartCount = count; }
    void setStorageProbe(StorageProbe probe) { m_storage = std::move(probe); }
    // The button and LEDs' state (GpioPanel::state()) and why they are unavailable, if they are.
    void setGpio(const QString &state, const QString &error)
    {
        m_gpio = state;
        m_gpioError = error;
    }

    // The one line systemd shows (STATUS=), from the document: the state and why, or the
    // session's warning, or the file being written.
    static QString statusLine(const Heartbeat &heartbeat);

private:
    const SessionController *m_controller;
    const RecordingEngine *m_engine;
    qint64 m_restartCount;
    StorageProbe m_storage;
    QString m_gpio = QStringLiteral("off");
    QString m_gpioError;
    QElapsedTimer m_uptime;
};
