// SPDX-License-Identifier: MIT
// The number of times the recorder has started, kept in the state dir across restarts and reboots.
#pragma once

#include <QString>

// Reentrant value type; use one instance per process, on the main thread at start-up.
// The file is <state_dir>/restart_count.json, {"restart_count": N}, replaced atomically so a power
// cut leaves the old count or the new one.
class RestartCounter
{
public:
    explicit RestartCounter(const QString &stateDir);

    // Reads the stored count, adds one and writes it back. A missing file counts from 0; an
    // unreadable or damaged one is replaced (and `warning` says why) because a lost count must
    // not stop the recorder. Returns the new count.
    qint64 increment(QString *warning = nullptr);

    qint64 count() const { return m_count; }
    QString path() const { return m_path; }

private:
    QString m_path;
    qint64 m_count = 0;
};
