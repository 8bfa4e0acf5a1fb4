// SPDX-License-Identifier: MIT
// Brackets the CPU's access to a mapped dmabuf (DMA_BUF_IOCTL_SYNC START … END), so caches agree.
#pragma once

#include <QString>

// Movable RAII value; reentrant. Construction starts a CPU access window on a dmabuf, destruction
// (or end()) ends it, on whichever thread holds the object then: the kernel tracks the window per
// buffer, not per thread. Between the two, the CPU may read (and write, with Access::ReadWrite)
// the buffer's mapping and see what the device wrote; after END the device sees what the CPU
// wrote. Without it a cached mapping can show stale lines from an earlier frame (the kernel's
// dma-buf documentation asks for it around every CPU access).
class DmabufSync
{
public:
    enum class Access { Read, ReadWrite };
    // The ioctl(2) to use: the real one, or a test's stand-in (no dmabuf can be made on a machine
    // without /dev/udmabuf or a DMA heap). Returns -1 and sets errno on failure, as ioctl does.
    using Ioctl = int (*)(int fd, unsigned long request, void *argument);

    DmabufSync() = default;
    // Starts the window on `fd`. `ioctl` null: the system's. A failed start leaves the object
    // inactive, with error() saying why; its destructor then issues nothing.
    DmabufSync(int fd, Access access, Ioctl ioctl = nullptr);
    ~DmabufSync();
    DmabufSync(DmabufSync &&other) noexcept;
    DmabufSync &operator=(DmabufSync &&other) noexcept;
    DmabufSync(const DmabufSync &) = delete;
    DmabufSync &operator=(const DmabufSync &) = delete;

    bool isActive() const { return m_fd >= 0; }
    // Empty, or why the window could not be started (e.g. "not a dmabuf (ENOTTY)").
    QString error() const { return m_error; }
    // Ends the window now (idempotent); returns false when the kernel refused the END.
    bool end();

private:
    int m_fd = -1;
    Access m_access = Access::Read;
    Ioctl m_ioctl = nullptr;
    QString m_error;
};
