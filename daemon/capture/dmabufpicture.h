// SPDX-License-Identifier: MIT
// A camera picture that borrows a mapped dmabuf: an AVFrame over the mapping, no copy, CPU access bracketed.
#pragma once

#include "dmabufsync.h"
#include "frame.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

// Reentrant. wrap() is called by the source on the capture thread; the picture's last reference
// may go on any thread (the encoding thread, usually), which then ends the CPU access window and
// runs `release`. While any reference lives the CPU owns the buffer: the preview reads it on the
// capture thread, the time overlay draws into it (when the mapping is writable) and the encoder
// reads it on the encoding thread, one after the other, never at once (the frame queue hands the
// picture over). The device must not touch the buffer until `release` has run.
class DmabufPicture
{
public:
    struct Layout {
        int format = -1; // AVPixelFormat
        int width = 0;
        int height = 0;
        uint8_t *planes[3] = {};
        int strides[3] = {};
        size_t bytes = 0; // the picture's extent from planes[0]
    };
    struct Buffer {
        std::vector<int> fds; // the distinct dmabufs the planes live in
        // Mapped with PROT_WRITE, so the picture may be drawn into in place (the time overlay):
        // otherwise it is marked read-only and whoever draws into it copies it first.
        bool writable = false;
    };
    // Runs once the last reference is gone and the CPU access window has ended.
    using Release = std::function<void()>;

    // The picture, or null when out of memory (then `release` is not run: the caller still owns
    // the buffer). A window that could not be started (not a dmabuf, a driver error) does not stop
    // the picture: `syncError` gets the first reason, for the caller to log once.
    static AVFramePtr wrap(const Layout &layout, const Buffer &buffer, Release release, QString *syncError,
                           DmabufSync::Ioctl ioctl = nullptr);
};
