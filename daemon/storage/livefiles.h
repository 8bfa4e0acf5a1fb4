// SPDX-License-Identifier: MIT
// The recording files this process is writing or still closing: recovery and retention leave them alone.
#pragma once

#include <QMutex>
#include <QSet>
#include <QString>

// Thread-safe. The writer adds a file when it creates it and removes it once the file is closed
// on disk; the storage thread asks.
class LiveFiles
{
public:
    void add(const QString &path)
    {
        QMutexLocker lock(&m_mutex);
        m_paths.insert(path);
        m_newest = path;
    }
    void remove(const QString &path)
    {
        QMutexLocker lock(&m_mutex);
        m_paths.remove(path);
    }
    bool contains(const QString &path) const
    {
        QMutexLocker lock(&m_mutex);
        return m_paths.contains(path);
    }
    // The file most recently started (it may be closed already): retention spares it and its folder.
    QString newest() const
    {
        QMutexLocker lock(&m_mutex);
        return m_newest;
    }

private:
    mutable QMutex m_mutex;
    QSet<QString> m_paths;
    QString m_newest;
};
