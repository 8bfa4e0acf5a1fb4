// SPDX-License-Identifier: MIT
// The control layer in one piece: restart count, session state machine, heartbeat fields, systemd
// notify, preview and the D-Bus service, wired together for recorderd's main().
#include "controllayer.h"

#include "config.h"
#include "controllog.h"
#include "paths.h"


ControlLayer::ControlLayer(const Config &config, RecordingEngine *engine, RecordingCatalog *catalog, QObject *parent)
    : QObject(parent), m_restarts(Paths(config).stateDir())
{
    const Paths paths(config);
    m_controller = std::make_unique<SessionController>(SessionController::Settings::fromConfig(config), engine);
    // Restart count is filled in start(); the builder reads it from there.
    m_preview = std::make_unique<PreviewWriter>(paths.previewFile(), config.seconds(QStringLiteral("preview/interval")),
                                                config.integer(QStringLiteral("preview/width")));
    m_heartbeat = std::make_unique<HeartbeatBuilder>(m_controller.get(), engine, 0);
    // One snapshot for the heartbeat file, D-Bus Status() and STATUS=; a new one at every state
    // change and warning, so none of them lags behind the others.
    m_status = std::make_unique<StatusPublisher>(m_heartbeat.get(), paths.heartbeatFile(),
                                                 config.seconds(QStringLiteral("heartbeat/interval")));
    connect(m_controller.get(), &SessionController::stateChanged, m_status.get(), &StatusPublisher::publish);
    connect(m_controller.get(), &SessionController::warning, m_status.get(), &StatusPublisher::publish);
    connect(m_controller.get(), &SessionController::currentFileChanged, m_status.get(), &StatusPublisher::publish);
    m_service = std::make_unique<RecorderService>(m_controller.get(), m_status.get(), catalog, m_preview.get());
    m_notifier = std::make_unique<SystemdNotifier>(m_status.get(), engine);
    connect(m_controller.get(), &SessionController::shutdownComplete, this, &ControlLayer::shutdownComplete);
}

QString ControlLayer::start(QDBusConnection bus)
{
    QString warning;
    const qint64 count = m_restarts.next(&warning);
    if (!warning.isEmpty())
        qCWarning(lcControl, "restart count: %s", qPrintable(warning));
    // Durable off the main thread: on a slow card the write and its two syncs take seconds, and
    // nothing (the first frame, D-Bus, READY=1) should wait for them. m_persist is waited for when
    // this object goes, so the next start reads the new count.
    m_persist.start([path = m_restarts.path(), count] {
        const QString error = RestartCounter::store(path, count);
        if (!error.isEmpty())
            qCWarning(lcControl, "restart count: %s", qPrintable(error));
    });
    qCInfo(lcControl, "start number %lld (restart count in %s)", static_cast<long long>(count),
           qPrintable(m_restarts.path()));
    m_heartbeat->setRestartCount(count);
    m_status->start();

    const QString error = m_service->registerOn(bus);
    if (!error.isEmpty())
        qCCritical(lcControl, "%s; recording goes on without remote control", qPrintable(error));
    m_controller->begin();
    return error;
}
