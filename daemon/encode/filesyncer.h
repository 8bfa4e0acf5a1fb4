// SPDX-License-Identifier: MIT
// Runs fdatasync for the file being written on its own thread, so a slow card never stalls encoding.
#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

// Thread-safe; used by the encoding thread (SegmentWriter). One file at a time: a request for
// a file whose previous sync is still running is merged into one more sync after it.
class FileSyncer
{
public:
    FileSyncer();
    ~FileSyncer(); // waits for a running sync, then stops the thread
    FileSyncer(const FileSyncer &) = delete;
    FileSyncer &operator=(const FileSyncer &) = delete;

    // Asks for fdatasync(fd) soon; returns at once.
    void request(int fd, const QString &path);
    // Blocking: waits for queued and running syncs, then syncs `fd` once more. Returns an empty
    // string or the first error since the last call. Call it before closing `fd`.
    QString finish(int fd, const QString &path);
    // The first error of an asynchronous sync since the last call, or an empty string.
    QString takeError();

private:
    void run();
    static QString syncNow(int fd, const QString &path);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    int m_pendingFd = -1;
    QString m_pendingPath;
    bool m_busy = false;
    bool m_stopping = false;
    QString m_error;
    std::thread m_thread; // last: starts after the members it uses
};
