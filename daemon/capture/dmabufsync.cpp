// SPDX-License-Identifier: MIT
// Brackets the CPU's access to a mapped dmabuf (DMA_BUF_IOCTL_SYNC START … END), so caches agree.
#include "dmabufsync.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include <linux/dma-buf.h>
#include <sys/ioctl.h>

namespace {

int systemIoctl(int fd, unsigned long request, void *argument)
{
    return ::ioctl(fd, request, argument);
}

quint64 accessFlags(DmabufSync::Access access)
{
    return access == DmabufSync::Access::ReadWrite ? DMA_BUF_SYNC_RW : DMA_BUF_SYNC_READ;
}

// The kernel may interrupt the wait for the device's fences: EINTR and EAGAIN mean "ask again"
// (as libdrm's drmIoctl does). Bounded, so a driver that always says EAGAIN cannot spin forever.
int syncWithRetry(DmabufSync::Ioctl ioctlFunction, int fd, quint64 flags)
{
    constexpr int kAttempts = 16;
    int result = -1;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        dma_buf_sync sync = {};
        sync.flags = flags;
        result = ioctlFunction(fd, DMA_BUF_IOCTL_SYNC, &sync);
        if (result == 0 || (errno != EINTR && errno != EAGAIN))
            break;
    }
    return result;
}

} // namespace

DmabufSync::DmabufSync(int fd, Access access, Ioctl ioctl)
    : m_access(access)
    , m_ioctl(ioctl ? ioctl : systemIoctl)
{
    if (syncWithRetry(m_ioctl, fd, DMA_BUF_SYNC_START | accessFlags(m_access)) == 0) {
        m_fd = fd;
        return;
    }
    const int code = errno;
    m_error = code == ENOTTY ? QStringLiteral("fd %1 is not a dmabuf (ENOTTY)").arg(fd)
                             : QStringLiteral("DMA_BUF_SYNC_START on fd %1 failed: %2")
                                   .arg(fd)
                                   .arg(QString::fromLocal8Bit(std::strerror(code)));
}

DmabufSync::~DmabufSync()
{
    end();
}

DmabufSync::DmabufSync(DmabufSync &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_access(other.m_access)
    , m_ioctl(other.m_ioctl)
    , m_error(std::move(other.m_error))
{
}

DmabufSync &DmabufSync::operator=(DmabufSync &&other) noexcept
{
    if (this != &other) {
        end();
        m_fd = std::exchange(other.m_fd, -1);
        m_access = other.m_access;
        m_ioctl = other.m_ioctl;
        m_error = std::move(other.m_error);
    }
    return *this;
}

bool DmabufSync::end()
{
    if (m_fd < 0)
        return true;
    const int fd = std::exchange(m_fd, -1);
    return syncWithRetry(m_ioctl, fd, DMA_BUF_SYNC_END | accessFlags(m_access)) == 0;
}
