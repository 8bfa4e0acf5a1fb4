// SPDX-License-Identifier: MIT
// LD_PRELOAD shim that makes fsync/fdatasync slow and write/pwrite/writev fail, to stand in for a slow or full SD card.
//
// Control (docs: systemd/TESTING.md, "Fault injection"):
//   RECORDER_FAULTS=/path/to/control   key=value lines, re-read when the file changes (checked at
//                                      most every 100 ms, on the next interposed call)
//   sync_delay_ms=N                    fsync/fdatasync sleep N ms, then do the real sync
//   write_error=none|ENOSPC|EIO        write/pwrite/pwrite64/writev return -1 with that errno
//   path_prefix=/some/dir              only fds whose /proc/self/fd target starts with it
// Initial values (and the values for keys the file leaves out): RECORDER_FAULT_SYNC_DELAY_MS,
// RECORDER_FAULT_WRITE_ERROR, RECORDER_FAULT_PATH_PREFIX.
//
// Only regular files and directories are ever affected, never fds 0-2, pipes or sockets: the
// process under test must still be able to log, talk D-Bus and sd_notify while its disk fails.
//
// Thread-safety: every entry point may be called from any thread and from signal handlers (the
// recorder writes to a self-pipe in its SIGTERM handler). So the hot path takes no lock and
// allocates nothing: settings live in atomics, the prefix in a buffer guarded by a sequence
// counter, and the reload runs under a try-lock that a concurrent or re-entrant caller skips.
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

namespace {

using WriteFn = ssize_t (*)(int, const void *, size_t);
using PwriteFn = ssize_t (*)(int, const void *, size_t, off_t);
using Pwrite64Fn = ssize_t (*)(int, const void *, size_t, off64_t);
using WritevFn = ssize_t (*)(int, const struct iovec *, int);
using SyncFn = int (*)(int);

std::atomic<WriteFn> g_realWrite{nullptr};
std::atomic<PwriteFn> g_realPwrite{nullptr};
std::atomic<Pwrite64Fn> g_realPwrite64{nullptr};
std::atomic<WritevFn> g_realWritev{nullptr};
std::atomic<SyncFn> g_realFsync{nullptr};
std::atomic<SyncFn> g_realFdatasync{nullptr};

// The next definition of `name` after this library: libc's. Resolved on first use as well as
// in the constructor, because a library loaded before ours may call write() from its own
// constructor.
template<typename Fn>
Fn real(std::atomic<Fn> &slot, const char *name)
{
    Fn fn = slot.load(std::memory_order_acquire);
    if (!fn) {
        fn = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
        slot.store(fn, std::memory_order_release);
    }
    return fn;
}

constexpr long kRecheckNs = 100L * 1000 * 1000;
constexpr size_t kMaxPath = PATH_MAX;

struct Settings {
    int syncDelayMs = 0;
    int writeErrno = 0; // 0: none
    char prefix[kMaxPath] = {};
};

// What the environment says; the control file's keys override it on each reload.
Settings g_envDefaults;

std::atomic<int> g_syncDelayMs{0};
std::atomic<int> g_writeErrno{0};
// Sequence lock for g_prefix: odd while a reload writes it.
std::atomic<unsigned> g_prefixSequence{0};
char g_prefix[kMaxPath] = {};

char g_controlFile[kMaxPath] = {};
std::atomic<long long> g_nextCheckNs{0};
pthread_mutex_t g_reloadLock = PTHREAD_MUTEX_INITIALIZER;
// Identity of the control file last read: rename() over it changes the inode, an edit the mtime.
struct stat g_controlStat = {};
bool g_controlSeen = false;

long long monotonicNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec;
}

int parseErrno(const char *value)
{
    if (std::strcmp(value, "ENOSPC") == 0)
        return ENOSPC;
    if (std::strcmp(value, "EIO") == 0)
        return EIO;
    if (std::strcmp(value, "EDQUOT") == 0)
        return EDQUOT;
    return 0; // "none" or anything unknown: no error, rather than a surprise
}

void copyBounded(char *to, const char *from, size_t fromLength)
{
    const size_t n = fromLength < kMaxPath - 1 ? fromLength : kMaxPath - 1;
    std::memcpy(to, from, n);
    to[n] = '\0';
}

void applyKey(Settings &settings, const char *key, size_t keyLength, const char *value, size_t valueLength)
{
    char text[kMaxPath];
    copyBounded(text, value, valueLength);
    auto is = [&](const char *name) { return std::strlen(name) == keyLength && std::strncmp(key, name, keyLength) == 0; };
    if (is("sync_delay_ms"))
        settings.syncDelayMs = static_cast<int>(std::strtol(text, nullptr, 10));
    else if (is("write_error"))
        settings.writeErrno = parseErrno(text);
    else if (is("path_prefix"))
        copyBounded(settings.prefix, text, std::strlen(text));
}

void publish(const Settings &settings)
{
    g_syncDelayMs.store(settings.syncDelayMs < 0 ? 0 : settings.syncDelayMs, std::memory_order_relaxed);
    g_writeErrno.store(settings.writeErrno, std::memory_order_relaxed);
    g_prefixSequence.fetch_add(1, std::memory_order_acq_rel);
    std::memcpy(g_prefix, settings.prefix, sizeof g_prefix);
    g_prefixSequence.fetch_add(1, std::memory_order_acq_rel);
}

// Reads the control file with raw syscalls (no stdio, no malloc): we may be inside write().
void reload()
{
    Settings settings = g_envDefaults;
    const int fd = ::open(g_controlFile, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        char buffer[8192];
        size_t used = 0;
        ssize_t n;
        while (used < sizeof buffer && (n = ::read(fd, buffer + used, sizeof buffer - used)) > 0)
            used += static_cast<size_t>(n);
        ::close(fd);
        size_t start = 0;
        while (start < used) {
            size_t end = start;
            while (end < used && buffer[end] != '\n')
                ++end;
            const char *line = buffer + start;
            size_t length = end - start;
            while (length > 0 && (line[length - 1] == '\r' || line[length - 1] == ' '))
                --length;
            const void *equals = std::memchr(line, '=', length);
            if (equals && line[0] != '#') {
                const size_t keyLength = static_cast<size_t>(static_cast<const char *>(equals) - line);
                applyKey(settings, line, keyLength, line + keyLength + 1, length - keyLength - 1);
            }
            start = end + 1;
        }
    }
    publish(settings);
}

// Cheap in the common case: one coarse clock read. At most every 100 ms one caller stats the
// control file and reloads it when its inode, size or mtime changed.
void maybeReload()
{
    if (g_controlFile[0] == '\0')
        return;
    const long long now = monotonicNs();
    long long next = g_nextCheckNs.load(std::memory_order_relaxed);
    if (now < next || !g_nextCheckNs.compare_exchange_strong(next, now + kRecheckNs))
        return;
    if (pthread_mutex_trylock(&g_reloadLock) != 0)
        return;
    struct stat st {};
    const bool exists = ::stat(g_controlFile, &st) == 0;
    const bool changed = exists != g_controlSeen
        || (exists
            && (st.st_ino != g_controlStat.st_ino || st.st_size != g_controlStat.st_size
                || st.st_mtim.tv_sec != g_controlStat.st_mtim.tv_sec
                || st.st_mtim.tv_nsec != g_controlStat.st_mtim.tv_nsec));
    if (changed) {
        g_controlSeen = exists;
        g_controlStat = st;
        reload();
    }
    pthread_mutex_unlock(&g_reloadLock);
}

// Whether a fault may touch `fd`: a regular file or directory under the prefix, never 0-2.
bool affected(int fd)
{
    if (fd <= 2)
        return false;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
        return false;
    char prefix[kMaxPath];
    unsigned before;
    do {
        before = g_prefixSequence.load(std::memory_order_acquire);
        std::memcpy(prefix, g_prefix, sizeof prefix);
    } while ((before & 1U) != 0 || g_prefixSequence.load(std::memory_order_acquire) != before);
    prefix[kMaxPath - 1] = '\0';
    if (prefix[0] == '\0')
        return true;
    char link[32];
    char target[kMaxPath];
    // "/proc/self/fd/" + number, without snprintf (not async-signal-safe).
    char digits[16];
    int count = 0;
    for (unsigned value = static_cast<unsigned>(fd); value > 0 || count == 0; value /= 10)
        digits[count++] = static_cast<char>('0' + value % 10);
    const char base[] = "/proc/self/fd/";
    std::memcpy(link, base, sizeof base - 1);
    size_t at = sizeof base - 1;
    while (count > 0)
        link[at++] = digits[--count];
    link[at] = '\0';
    const ssize_t n = ::readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return false;
    target[n] = '\0';
    return std::strncmp(target, prefix, std::strlen(prefix)) == 0;
}

// Returns the errno to fail a write on `fd` with, or 0.
int writeFault(int fd)
{
    maybeReload();
    const int error = g_writeErrno.load(std::memory_order_relaxed);
    return error != 0 && affected(fd) ? error : 0;
}

// Sleeps the configured delay, whole even when signals interrupt it: the caller's timing is
// what a test measures.
void syncDelay(int fd)
{
    maybeReload();
    const int delayMs = g_syncDelayMs.load(std::memory_order_relaxed);
    if (delayMs <= 0 || !affected(fd))
        return;
    const int savedErrno = errno;
    timespec until{};
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += delayMs / 1000;
    until.tv_nsec += static_cast<long>(delayMs % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec += 1;
        until.tv_nsec -= 1000000000L;
    }
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) == EINTR) {
    }
    errno = savedErrno;
}

void readEnvironment(Settings &settings)
{
    if (const char *value = std::getenv("RECORDER_FAULT_SYNC_DELAY_MS"))
        applyKey(settings, "sync_delay_ms", 13, value, std::strlen(value));
    if (const char *value = std::getenv("RECORDER_FAULT_WRITE_ERROR"))
        applyKey(settings, "write_error", 11, value, std::strlen(value));
    if (const char *value = std::getenv("RECORDER_FAULT_PATH_PREFIX"))
        applyKey(settings, "path_prefix", 11, value, std::strlen(value));
}

__attribute__((constructor)) void initialise()
{
    real(g_realWrite, "write");
    real(g_realPwrite, "pwrite");
    real(g_realPwrite64, "pwrite64");
    real(g_realWritev, "writev");
    real(g_realFsync, "fsync");
    real(g_realFdatasync, "fdatasync");
    readEnvironment(g_envDefaults);
    if (const char *control = std::getenv("RECORDER_FAULTS"))
        copyBounded(g_controlFile, control, std::strlen(control));
    publish(g_envDefaults);
    maybeReload();
}

} // namespace

extern "C" {

__attribute__((visibility("default"))) ssize_t write(int fd, const void *buffer, size_t count)
{
    if (const int error = writeFault(fd)) {
        errno = error;
        return -1;
    }
    return real(g_realWrite, "write")(fd, buffer, count);
}

__attribute__((visibility("default"))) ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset)
{
    if (const int error = writeFault(fd)) {
        errno = error;
        return -1;
    }
    return real(g_realPwrite, "pwrite")(fd, buffer, count, offset);
}

__attribute__((visibility("default"))) ssize_t pwrite64(int fd, const void *buffer, size_t count, off64_t offset)
{
    if (const int error = writeFault(fd)) {
        errno = error;
        return -1;
    }
    return real(g_realPwrite64, "pwrite64")(fd, buffer, count, offset);
}

__attribute__((visibility("default"))) ssize_t writev(int fd, const struct iovec *vector, int count)
{
    if (const int error = writeFault(fd)) {
        errno = error;
        return -1;
    }
    return real(g_realWritev, "writev")(fd, vector, count);
}

__attribute__((visibility("default"))) int fsync(int fd)
{
    syncDelay(fd);
    return real(g_realFsync, "fsync")(fd);
}

__attribute__((visibility("default"))) int fdatasync(int fd)
{
    syncDelay(fd);
    return real(g_realFdatasync, "fdatasync")(fd);
}

} // extern "C"
