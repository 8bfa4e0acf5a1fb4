// SPDX-License-Identifier: MIT
// Writes the heartbeat file atomically, stamping time, boot id, sequence and pid.
#pragma once

#include "heartbeat.h"

#include <QString>

// Thread-bound: use from one thread (the recorder's main loop).
class HeartbeatWriter
{
public:
    HeartbeatWriter(const QString &path, double intervalSeconds);

    // Stamps schema version, clock reading, sequence, interval and pid into `heartbeat`, then
    // replaces the file (mode 0644). Returns an empty string or the reason it failed.
    QString write(Heartbeat heartbeat);
    // The two halves of write(), for a caller that keeps the stamped document (the recorder's
    // one status snapshot, also served over D-Bus).
    void stamp(Heartbeat &heartbeat);
    QString writeStamped(const Heartbeat &heartbeat) const;

    QString path() const { return m_path; }

private:
    QString m_path;
    double m_intervalSeconds;
    qint64 m_sequence = 0;
};
