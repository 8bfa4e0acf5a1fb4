// SPDX-License-Identifier: MIT
// The control layer in one piece: restart count, session state machine, heartbeat fields, systemd
// notify, preview and the D-Bus service, wired together for recorderd's main().
#pragma once

#include "heartbeatbuilder.h"
#include "previewwriter.h"
#include "recorderservice.h"
#include "restartcounter.h"
#include "sessioncontroller.h"
#include "statuspublisher.h"
#include "systemdnotifier.h"

#include <QDBusConnection>
#include <QObject>
#include <QThreadPool>

#include <memory>

class Config;
class RecordingCatalog;
class RecordingEngine;

// Thread-bound to the main thread. Owns every control piece; borrows the engine and the catalog
// (both must outlive it; the catalog may be null). Typical use in main():
//
//     ControlLayer control(config, &engine, &catalogAdapter);
//     recorder.setFrameHook(...control.preview()...);   // capture thread, see PreviewWriter
//     control.heartbeat()->setStorageProbe(...);        // cached disk and catalog facts
//     control.start();                                  // after the pipeline is started
//     on SIGTERM: control.shutdown(); on shutdownComplete(): stop the pipeline, quit.
class ControlLayer : public QObject
{
    Q_OBJECT

public:
    ControlLayer(const Config &config, RecordingEngine *engine, RecordingCatalog *catalog, QObject *parent = nullptr);

    // Counts this start in the state dir, offers the D-Bus API and leaves `booting`. A D-Bus
    // failure is returned (and logged) but does not stop recording: an unattended camera keeps
    // recording even when nobody can control it.
    QString start(QDBusConnection bus = QDBusConnection::systemBus());
    // Finalises the current file; shutdownComplete() follows.
    void shutdown() { m_controller->shutdown(); }

    SessionController *controller() const { return m_controller.get(); }
    HeartbeatBuilder *heartbeat() const { return m_heartbeat.get(); }
    StatusPublisher *status() const { return m_status.get(); }
    PreviewWriter *preview() const { return m_preview.get(); }
    RecorderService *service() const { return m_service.get(); }
    SystemdNotifier *notifier() const { return m_notifier.get(); }
    qint64 restartCount() const { return m_restarts.count(); }

signals:
    void shutdownComplete();

private:
    RestartCounter m_restarts;
    QThreadPool m_persist; // writes the restart count; its destructor waits for the write
    std::unique_ptr<SessionController> m_controller;
    std::unique_ptr<HeartbeatBuilder> m_heartbeat;
    std::unique_ptr<StatusPublisher> m_status;
    std::unique_ptr<PreviewWriter> m_preview;
    std::unique_ptr<RecorderService> m_service;
    std::unique_ptr<SystemdNotifier> m_notifier;
};
