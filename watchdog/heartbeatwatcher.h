// SPDX-License-Identifier: MIT
// Tells the watchdog when the heartbeat file has been replaced or changed.
#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

// Thread-bound (main thread). Watches the file and its directory: the recorder replaces the file
// by an atomic rename, which gives it a new inode that a watch on the old path no longer sees.
// Directory events for other files (the watchdog's own status file) are filtered out by comparing
// the heartbeat's inode, size and modification time; bursts are coalesced into one signal.
class HeartbeatWatcher : public QObject
{
    Q_OBJECT
public:
    explicit HeartbeatWatcher(const QString &path, QObject *parent = nullptr);

    // Adds the watches that could not be added before (the directory did not exist yet, or the
    // file was replaced). Cheap; the watchdog calls it at every timed check.
    void ensureWatching();

signals:
    void changed();

private:
    void onEvent();
    void checkSignature();
    QByteArray signature() const;

    QString m_path;
    QFileSystemWatcher m_watcher;
    QTimer m_coalesce;
    QByteArray m_signature;
};
