// SPDX-License-Identifier: MIT
// How many buffers to ask a camera for.
#pragma once

#include <QtGlobal>

// Reentrant.
//
// A camera can only fill buffers that are queued to it. Every frame waiting in the frame queue or
// being encoded holds one (libcamera frames are not copied), so the pool must cover the queue, the
// encoder's frame and two for the camera (one being filled, one ready next), within 6–8.
// When the pool runs dry anyway (an encoder or writer stall longer than the buffers last), the
// sensor keeps running and its frames are lost before anyone sees them: the capture worker's
// TimestampMapper counts them from the frames' sequence numbers and timestamps, so they show up
// as drops at the source.
class CameraBuffers
{
public:
    // Fewer than this starves the camera at the first stall; rpicam-vid asks for 6 too.
    static constexpr int kMinimum = 6;
    // Each buffer is a whole picture in contiguous (CMA) memory shared with the ISP and the
    // display: 3 MB at 1080p. Past 8, a deeper queue is not backed by camera buffers.
    static constexpr int kMaximum = 8;
    // Held by the encoder (one) and queued to the camera (two) besides the frame queue.
    static constexpr int kBeyondQueue = 3;

    // The buffer count for a frame queue of `queueDepth` frames.
    static int countFor(int queueDepth);
};
