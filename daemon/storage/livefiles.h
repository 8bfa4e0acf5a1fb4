// SPDX-License-Identifier: MIT
// The recording files this process is writing or still closing: recovery and retention leave them alone.
#pragma once

#include <QMutex>
#include <QSet>
#include <QString>

// Thread-safe. The writer claims a name before it creates the file (the file may end up with a
// suffix: name_1.mp4), adds the file once created and removes it after the catalog has been told
// that it is closed; the storage thread asks inUse().
class LiveFiles
{
public:
    void claim(const QString &path)
    {
        QMutexLocker lock(&m_mutex);
        m_claim = path.endsWith(QLatin1String(".mp4")) ? path.chopped(4) : path;
    }
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
    // The recording file at `path` is being written, or about to be created.
    bool inUse(const QString &path) const
    {
        QMutexLocker lock(&m_mutex);
        return m_paths.contains(path) || (!m_claim.isEmpty() && path.startsWith(m_claim));
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
    QString m_claim; // the name (without .mp4) of the file about to be created
};
