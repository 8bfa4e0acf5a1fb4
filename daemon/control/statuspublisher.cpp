// SPDX-License-Identifier: MIT
// Publishes the recorder's one status snapshot: the heartbeat file, and the document D-Bus and systemd read.
#include "statuspublisher.h"

#include "controllog.h"
#include "heartbeatbuilder.h"

StatusPublisher::StatusPublisher(const HeartbeatBuilder *builder, const QString &heartbeatPath,
                                 double intervalSeconds, QObject *parent)
    : QObject(parent), m_builder(builder), m_writer(heartbeatPath, intervalSeconds)
{
    m_writer.stamp(m_snapshot);
    m_timer.setInterval(int(intervalSeconds * 1000));
    connect(&m_timer, &QTimer::timeout, this, &StatusPublisher::publish);
}

void StatusPublisher::start()
{
    publish();
    m_timer.start();
}

void StatusPublisher::publish()
{
    Heartbeat snapshot = m_builder->build();
    m_writer.stamp(snapshot);
    m_snapshot = snapshot;
    const QString error = m_writer.writeStamped(m_snapshot);
    if (error != m_lastWriteError) {
        if (!error.isEmpty())
            qCWarning(lcControl, "cannot write the heartbeat: %s", qPrintable(error));
        m_lastWriteError = error;
    }
    emit published(m_snapshot);
}
