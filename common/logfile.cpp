// SPDX-License-Identifier: MIT
// An append-only log file rotated by size: name.log, name.log.1, … name.log.N.
#include "logfile.h"

#include <QMutexLocker>

LogFile::LogFile(const QString &path, qint64 maxBytes, int keepFiles)
    : m_path(path)
    , m_maxBytes(maxBytes)
    , m_keepFiles(keepFiles)
{
}

bool LogFile::openLocked()
{
    if (m_file.isOpen())
        return true;
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        return false;
    m_file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    return true;
}

void LogFile::rotateLocked()
{
    m_file.close();
    // Oldest first, so every rename lands on a free name.
    QFile::remove(QStringLiteral("%1.%2").arg(m_path).arg(m_keepFiles));
    for (int i = m_keepFiles - 1; i >= 1; --i)
        QFile::rename(QStringLiteral("%1.%2").arg(m_path).arg(i), QStringLiteral("%1.%2").arg(m_path).arg(i + 1));
    QFile::rename(m_path, m_path + QStringLiteral(".1"));
}

bool LogFile::open()
{
    QMutexLocker lock(&m_mutex);
    return openLocked();
}

bool LogFile::append(const QByteArray &line)
{
    QMutexLocker lock(&m_mutex);
    if (!openLocked())
        return false;
    const qint64 size = line.size() + 1;
    if (m_file.size() > 0 && m_file.size() + size > m_maxBytes) {
        rotateLocked();
        if (!openLocked())
            return false;
    }
    const bool ok = m_file.write(line) == line.size() && m_file.putChar('\n');
    m_file.flush();
    return ok;
}
