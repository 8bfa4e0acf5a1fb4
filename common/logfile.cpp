// SPDX-License-Identifier: MIT
// An append-only log file rotated by size: name.log, name.log.1, … name.log.N.
#include "logfile.h"

#include "fileindirectory.h"

#include <QMutexLocker>

#include <cstdio>
#include <unistd.h>

LogFile::LogFile(const QString &path, qint64 maxBytes, int keepFiles)
    : m_path(path)
    , m_maxBytes(maxBytes)
    , m_keepFiles(keepFiles)
{
}

QString LogFile::openLocked()
{
    if (m_file.isOpen())
        return {};
    // Logs name files and errors: 0640, never readable by others (docs/security.md).
    const FileInDirectory::Opened opened = FileInDirectory(m_path).openForAppend(0640);
    m_linkRefused = opened.symlink;
    if (!opened.ok()) {
        // After a rotation nobody else would say why the file stopped growing: once, on stderr
        // (the journal under systemd), never through the logger that is calling us.
        if (opened.symlink && !m_refusalReported)
            std::fprintf(stderr, "%s; logging to stderr only\n", qPrintable(opened.error));
        m_refusalReported = m_refusalReported || opened.symlink;
        return opened.error;
    }
    if (!m_file.open(opened.fd, QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text, QFileDevice::AutoCloseHandle)) {
        ::close(opened.fd);
        return QStringLiteral("cannot write %1: %2").arg(m_path, m_file.errorString());
    }
    return {};
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

QString LogFile::open()
{
    QMutexLocker lock(&m_mutex);
    return openLocked();
}

bool LogFile::linkRefused() const
{
    QMutexLocker lock(&m_mutex);
    return m_linkRefused;
}

bool LogFile::append(const QByteArray &line)
{
    QMutexLocker lock(&m_mutex);
    if (!openLocked().isEmpty())
        return false;
    const qint64 size = line.size() + 1;
    if (m_file.size() > 0 && m_file.size() + size > m_maxBytes) {
        rotateLocked();
        if (!openLocked().isEmpty())
            return false;
    }
    const bool ok = m_file.write(line) == line.size() && m_file.putChar('\n');
    m_file.flush();
    return ok;
}
