// SPDX-License-Identifier: MIT
// Publishes the recorder's one status snapshot: the heartbeat file, and the document D-Bus and systemd read.
#pragma once

#include "heartbeat.h"
#include "heartbeatwriter.h"

#include <QObject>
#include <QTimer>

class HeartbeatBuilder;

// Thread-bound to the main thread. Every [heartbeat] interval, and at every state change or
// warning, it builds one snapshot, stamps it, writes it to the heartbeat file (tmpfs under
// /run: memory, not storage) and keeps it: D-Bus Status() answers with it and SystemdNotifier
// derives STATUS= from it, so the three agree field for field. Written from the main loop on
// purpose: a stuck main loop stops the heartbeat and the watchdog notices.
class StatusPublisher : public QObject
{
    Q_OBJECT
public:
    // `builder` is borrowed and must outlive the publisher.
    StatusPublisher(const HeartbeatBuilder *builder, const QString &heartbeatPath, double intervalSeconds,
                    QObject *parent = nullptr);

    void start();
    // Builds, stamps and writes a snapshot now.
    void publish();
    // The last published snapshot (a `booting` one before the first publish()).
    const Heartbeat &snapshot() const { return m_snapshot; }

signals:
    void published(const Heartbeat &snapshot);

private:
    const HeartbeatBuilder *m_builder;
    HeartbeatWriter m_writer;
    Heartbeat m_snapshot;
    QTimer m_timer;
    QString m_lastWriteError;
};
