// SPDX-License-Identifier: MIT
// Runs every fdatasync/fsync and the final close of recording files on its own thread, so a slow
// card never holds up the writer, the encoder or a segment change.
#pragma once

#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

// Thread-safe; used by the writer thread (SegmentWriter). Jobs run in the order they were asked
// for, one at a time, on the syncer's own thread:
// - request(fd): fdatasync soon. A request for a file that already has one waiting is merged into
//   it, so a card slower than the fragment rate costs latency, never a growing queue.
// - syncDirectory(dir): fsync of a directory (a new file's name), merged the same way.
// - closeFile(fd, ...): optionally cut the file to `keepBytes`, fdatasync, close, then `done`. It
//   takes the place of that file's fragment syncs still waiting (its own fdatasync covers them).
// - post(fn): runs `fn` after everything asked before it (e.g. "the file is closed" signals).
// Callbacks run on the syncer's thread and must be quick and thread-safe.
class FileSyncer
{
public:
    // Called with an empty string or why the file may not be whole on disk.
    using Done = std::function<void(const QString &error)>;
    static constexpr qint64 kKeepAll = -1;

    FileSyncer();
    ~FileSyncer(); // runs what is queued, then stops the thread
    FileSyncer(const FileSyncer &) = delete;
    FileSyncer &operator=(const FileSyncer &) = delete;

    void request(int fd, const QString &path);
    void syncDirectory(const QString &directory);
    // Takes ownership of `fd`. `keepBytes` >= 0 cuts the file to that length first (a fragment that
    // did not fit on the disk).
    void closeFile(int fd, const QString &path, qint64 keepBytes, Done done);
    void post(std::function<void()> job);
    // Blocking: returns once every job asked for so far has run (shutdown, tests).
    void waitIdle();
    // The first error of a fragment or directory sync since the last call, or an empty string.
    QString takeError();
    // Jobs waiting or running: how far the card is behind.
    int backlog();

private:
    struct Job {
        enum class Kind { SyncData, SyncDirectory, Close, Call } kind = Kind::Call;
        int fd = -1;
        QString path;
        qint64 keepBytes = kKeepAll;
        Done done;
        std::function<void()> call;
    };
    void enqueue(Job job);
    void run();
    static QString syncData(int fd, const QString &path);
    static QString syncDirectoryNow(const QString &directory);
    static QString closeNow(const Job &job);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Job> m_jobs;
    bool m_busy = false;
    bool m_stopping = false;
    QString m_error;
    std::thread m_thread; // last: starts after the members it uses
};
