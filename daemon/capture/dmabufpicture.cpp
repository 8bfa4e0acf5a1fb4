// SPDX-License-Identifier: MIT
// A camera picture that borrows a mapped dmabuf: an AVFrame over the mapping, no copy, CPU access bracketed.
#include "dmabufpicture.h"

extern "C" {
#include <libavutil/buffer.h>
}

#include <memory>

namespace {

struct Held {
    std::vector<DmabufSync> windows;
    DmabufPicture::Release release;
};

void giveBack(void *opaque, uint8_t *)
{
    std::unique_ptr<Held> held(static_cast<Held *>(opaque));
    // The window ends before the device gets the buffer back: END writes back what the overlay
    // drew, and the device must not fill a buffer the CPU still holds.
    held->windows.clear();
    if (held->release)
        held->release();
}

} // namespace

AVFramePtr DmabufPicture::wrap(const Layout &layout, const Buffer &buffer, Release release, QString *syncError,
                               DmabufSync::Ioctl ioctl)
{
    AVFramePtr frame(av_frame_alloc());
    if (!frame)
        return nullptr;
    auto held = std::make_unique<Held>();
    frame->format = layout.format;
    frame->width = layout.width;
    frame->height = layout.height;
    for (int plane = 0; plane < 3; ++plane) {
        frame->data[plane] = layout.planes[plane];
        frame->linesize[plane] = layout.strides[plane];
    }
    const DmabufSync::Access access = buffer.writable ? DmabufSync::Access::ReadWrite : DmabufSync::Access::Read;
    held->windows.reserve(buffer.fds.size());
    for (const int fd : buffer.fds) {
        DmabufSync window(fd, access, ioctl);
        if (!window.isActive() && syncError && syncError->isEmpty())
            *syncError = window.error();
        held->windows.push_back(std::move(window));
    }
    held->release = std::move(release);
    frame->buf[0] = av_buffer_create(layout.planes[0], layout.bytes, giveBack, held.get(),
                                     buffer.writable ? 0 : AV_BUFFER_FLAG_READONLY);
    if (!frame->buf[0]) {
        held->release = nullptr; // the caller still owns the buffer
        return nullptr;
    }
    held.release(); // now owned by the buffer: giveBack() deletes it
    return frame;
}
