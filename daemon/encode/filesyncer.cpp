// SPDX-License-Identifier: MIT
// Runs fdatasync for the file being written on its own thread, so a slow card never stalls encoding.
#include "filesyncer.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

FileSyncer::FileSyncer()
    : m_thread([this] { run(); })
{
}

FileSyncer::~FileSyncer()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void FileSyncer::request(int fd, const QString &path)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pendingFd = fd;
        m_pendingPath = path;
    }
    m_wake.notify_one();
}

QString FileSyncer::finish(int fd, const QString &path)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_busy && m_pendingFd < 0; });
    QString error = m_error;
    m_error.clear();
    lock.unlock();
    const QString last = syncNow(fd, path);
    return error.isEmpty() ? last : error;
}

QString FileSyncer::takeError()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    QString error = m_error;
    m_error.clear();
    return error;
}

QString FileSyncer::syncNow(int fd, const QString &path)
{
    if (::fdatasync(fd) == 0)
        return QString();
    return QStringLiteral("fdatasync of %1 failed: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
}

void FileSyncer::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_pendingFd >= 0; });
        if (m_pendingFd < 0)
            return; // stopping, nothing queued
        const int fd = m_pendingFd;
        const QString path = m_pendingPath;
        m_pendingFd = -1;
        m_busy = true;
        lock.unlock();
        const QString error = syncNow(fd, path);
        lock.lock();
        m_busy = false;
        if (!error.isEmpty() && m_error.isEmpty())
            m_error = error;
        m_idle.notify_all();
    }
}
