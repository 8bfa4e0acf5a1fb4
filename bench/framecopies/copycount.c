// SPDX-License-Identifier: MIT
// LD_PRELOAD shim for bench/framecopies: counts heap allocations, memcpy-family bytes and read() bytes.
// Diagnostic only, never linked into a product. Counters are process-wide; the bench reads them
// around each stage with copycount_read(). What it cannot see: copies made by SIMD code that does
// not call memcpy (x264's picture copy, libswscale), and glibc's internal calls (fread).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

struct copycount {
    uint64_t allocations;    // malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign
    uint64_t allocatedBytes;
    uint64_t copyCalls;      // memcpy, memmove, mempcpy and their _chk forms
    uint64_t copiedBytes;
    uint64_t readBytes;      // returned by read() and pread(): the kernel's copy into user memory
};

static _Atomic uint64_t g_allocations, g_allocatedBytes, g_copyCalls, g_copiedBytes, g_readBytes;

void copycount_read(struct copycount *out)
{
    out->allocations = atomic_load(&g_allocations);
    out->allocatedBytes = atomic_load(&g_allocatedBytes);
    out->copyCalls = atomic_load(&g_copyCalls);
    out->copiedBytes = atomic_load(&g_copiedBytes);
    out->readBytes = atomic_load(&g_readBytes);
}

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *old, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static void countAllocation(size_t bytes)
{
    atomic_fetch_add_explicit(&g_allocations, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&g_allocatedBytes, bytes, memory_order_relaxed);
}

void *malloc(size_t size)
{
    countAllocation(size);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
    countAllocation(count * size);
    return __libc_calloc(count, size);
}

void *realloc(void *old, size_t size)
{
    countAllocation(size);
    return __libc_realloc(old, size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    countAllocation(size);
    void *memory = __libc_memalign(alignment, size);
    if (!memory)
        return ENOMEM;
    *out = memory;
    return 0;
}

void *aligned_alloc(size_t alignment, size_t size)
{
    countAllocation(size);
    return __libc_memalign(alignment, size);
}

void *memalign(size_t alignment, size_t size)
{
    countAllocation(size);
    return __libc_memalign(alignment, size);
}

typedef void *(*CopyFunction)(void *, const void *, size_t);
static CopyFunction g_memcpy, g_memmove, g_mempcpy;
static _Atomic int g_resolving;

// Byte copies for the calls made while dlsym() itself runs (compiled without loop-to-memcpy
// rewriting, see CMakeLists.txt).
static void *slowMove(void *to, const void *from, size_t size)
{
    unsigned char *d = to;
    const unsigned char *s = from;
    if (d < s) {
        for (size_t i = 0; i < size; ++i)
            d[i] = s[i];
    } else {
        for (size_t i = size; i > 0; --i)
            d[i - 1] = s[i - 1];
    }
    return to;
}

static void resolve(void)
{
    if (g_memcpy || atomic_exchange(&g_resolving, 1))
        return;
    g_memmove = (CopyFunction)dlsym(RTLD_NEXT, "memmove");
    g_mempcpy = (CopyFunction)dlsym(RTLD_NEXT, "mempcpy");
    g_memcpy = (CopyFunction)dlsym(RTLD_NEXT, "memcpy");
}

__attribute__((constructor)) static void init(void)
{
    resolve();
}

static void countCopy(size_t size)
{
    atomic_fetch_add_explicit(&g_copyCalls, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&g_copiedBytes, size, memory_order_relaxed);
}

void *memcpy(void *to, const void *from, size_t size)
{
    countCopy(size);
    resolve();
    return g_memcpy ? g_memcpy(to, from, size) : slowMove(to, from, size);
}

void *memmove(void *to, const void *from, size_t size)
{
    countCopy(size);
    resolve();
    return g_memmove ? g_memmove(to, from, size) : slowMove(to, from, size);
}

void *mempcpy(void *to, const void *from, size_t size)
{
    countCopy(size);
    resolve();
    if (g_mempcpy)
        return g_mempcpy(to, from, size);
    return (unsigned char *)slowMove(to, from, size) + size;
}

void *__memcpy_chk(void *to, const void *from, size_t size, size_t destinationSize)
{
    (void)destinationSize;
    return memcpy(to, from, size);
}

void *__memmove_chk(void *to, const void *from, size_t size, size_t destinationSize)
{
    (void)destinationSize;
    return memmove(to, from, size);
}

void *__mempcpy_chk(void *to, const void *from, size_t size, size_t destinationSize)
{
    (void)destinationSize;
    return mempcpy(to, from, size);
}

ssize_t read(int fd, void *buffer, size_t size)
{
    const ssize_t got = syscall(SYS_read, fd, buffer, size);
    if (got > 0)
        atomic_fetch_add_explicit(&g_readBytes, (uint64_t)got, memory_order_relaxed);
    return got;
}

ssize_t pread64(int fd, void *buffer, size_t size, off_t offset)
{
    const ssize_t got = syscall(SYS_pread64, fd, buffer, size, offset);
    if (got > 0)
        atomic_fetch_add_explicit(&g_readBytes, (uint64_t)got, memory_order_relaxed);
    return got;
}

ssize_t pread(int fd, void *buffer, size_t size, off_t offset)
{
    return pread64(fd, buffer, size, offset);
}
