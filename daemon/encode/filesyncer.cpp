// SPDX-License-Identifier: MIT
// Runs every fdatasync/fsync and the final close of recording files on its own thread, so a slow
// card never holds up the writer, the encoder or a segment change.
#include "filesyncer.h"

#include <QFile>

#include <pthread.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

FileSyncer::FileSyncer()
    : m_thread([this] {
        pthread_setname_np(pthread_self(), "filesync");
        run();
    })
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

void FileSyncer::enqueue(Job job)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        // A sync of the same file or folder still waiting covers this one too.
        if (job.kind == Job::Kind::SyncData || job.kind == Job::Kind::SyncDirectory) {
            const bool covered = std::any_of(m_jobs.begin(), m_jobs.end(), [&job](const Job &queued) {
                return queued.kind == job.kind && queued.fd == job.fd && queued.path == job.path;
            });
            if (covered)
                return;
        }
        // The close syncs the file itself: a fragment sync of it still waiting only delays it
        // (on a slow card, a second per sync when recorderd stops or a segment ends).
        if (job.kind == Job::Kind::Close) {
            m_jobs.erase(std::remove_if(m_jobs.begin(), m_jobs.end(),
                                        [&job](const Job &queued) {
                                            return queued.kind == Job::Kind::SyncData && queued.fd == job.fd;
                                        }),
                         m_jobs.end());
        }
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void FileSyncer::request(int fd, const QString &path)
{
    Job job;
    job.kind = Job::Kind::SyncData;
    job.fd = fd;
    job.path = path;
    enqueue(std::move(job));
}

void FileSyncer::syncDirectory(const QString &directory)
{
    Job job;
    job.kind = Job::Kind::SyncDirectory;
    job.path = directory;
    enqueue(std::move(job));
}

void FileSyncer::closeFile(int fd, const QString &path, qint64 keepBytes, Done done)
{
    Job job;
    job.kind = Job::Kind::Close;
    job.fd = fd;
    job.path = path;
    job.keepBytes = keepBytes;
    job.done = std::move(done);
    enqueue(std::move(job));
}

void FileSyncer::post(std::function<void()> call)
{
    Job job;
    job.kind = Job::Kind::Call;
    job.call = std::move(call);
    enqueue(std::move(job));
}

void FileSyncer::waitIdle()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_busy && m_jobs.empty(); });
}

QString FileSyncer::takeError()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    QString error = m_error;
    m_error.clear();
    return error;
}

int FileSyncer::backlog()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return int(m_jobs.size()) + (m_busy ? 1 : 0);
}

QString FileSyncer::syncData(int fd, const QString &path)
{
    if (::fdatasync(fd) == 0)
        return QString();
    return QStringLiteral("fdatasync of %1 failed: %2").arg(path, errnoText());
}

QString FileSyncer::syncDirectoryNow(const QString &directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return QStringLiteral("cannot open %1: %2").arg(directory, errnoText());
    const QString error =
        ::fsync(fd) == 0 ? QString() : QStringLiteral("fsync of %1 failed: %2").arg(directory, errnoText());
    ::close(fd);
    return error;
}

QString FileSyncer::closeNow(const Job &job)
{
    QString error;
    if (job.keepBytes >= 0 && ::ftruncate(job.fd, off_t(job.keepBytes)) != 0)
        error = QStringLiteral("cannot cut %1 back to %2 bytes: %3").arg(job.path).arg(job.keepBytes).arg(errnoText());
    const QString syncError = syncData(job.fd, job.path);
    if (error.isEmpty())
        error = syncError;
    ::close(job.fd);
    return error;
}

void FileSyncer::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
        if (m_jobs.empty())
            return; // stopping, nothing queued
        Job job = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_busy = true;
        lock.unlock();
        QString error;
        switch (job.kind) {
        case Job::Kind::SyncData:
            error = syncData(job.fd, job.path);
            break;
        case Job::Kind::SyncDirectory:
            error = syncDirectoryNow(job.path);
            break;
        case Job::Kind::Close:
            job.done(closeNow(job));
            break;
        case Job::Kind::Call:
            job.call();
            break;
        }
        lock.lock();
        m_busy = false;
        if (!error.isEmpty() && m_error.isEmpty())
            m_error = error;
        if (m_jobs.empty())
            m_idle.notify_all();
    }
}
