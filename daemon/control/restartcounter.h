// SPDX-License-Identifier: MIT
// The number of times the recorder has started, kept in the state dir across restarts and reboots.
#pragma once

#include <QString>

// Reentrant value type; use one instance per process at start-up. store() may run on any thread:
// the recorder makes the count durable off the main thread so a slow card never delays the start.
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
    // The two halves of increment(): read the stored count and add one (in memory), then write it.
    qint64 next(QString *warning = nullptr);
    // Replaces the file with `count` (temporary file, fsync, rename, fsync of the folder). Returns
    // an empty string or why it failed.
    static QString store(const QString &path, qint64 count);

    qint64 count() const { return m_count; }
    QString path() const { return m_path; }

private:
    QString m_path;
    qint64 m_count = 0;
};
