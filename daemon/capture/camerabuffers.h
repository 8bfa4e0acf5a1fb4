// SPDX-License-Identifier: MIT
// How many buffers to ask a camera for, and how many frames the camera lost when they ran out.
#pragma once

#include <QtGlobal>

// Thread-bound: one per opened camera, used by whichever thread owns the source (the capture
// thread). countFor() is reentrant.
//
// A camera can only fill buffers that are queued to it. Every frame waiting in the frame queue or
// being encoded holds one (libcamera frames are not copied), so the pool must cover the queue, the
// encoder's frame and two for the camera (one being filled, one ready next), within 6–8.
// When the pool runs dry anyway (an encoder or writer stall longer than the buffers last), the
// sensor keeps running and its frames are lost before anyone sees them: lostBefore() counts them
// from the frames' sequence numbers and timestamps, so they show up as drops at the source.
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

    explicit CameraBuffers(qint64 frameDurationNs);

    // Frames the camera lost between the previous frame handed out and this one (`sequence` and
    // `timestampNs` from the buffer's metadata). `afterDryPool`: the camera had no buffer queued
    // at some moment since the previous frame. The sequence shows losses where the pipeline
    // numbers every sensor frame; the timestamps where it numbers only the frames it processed
    // (the Raspberry Pi ISP), trusted only after a dry pool, so a sensor slightly off its nominal
    // rate never counts as losing frames.
    qint64 lostBefore(qint64 sequence, qint64 timestampNs, bool afterDryPool);

private:
    const qint64 m_frameDurationNs;
    qint64 m_lastSequence = -1;
    qint64 m_lastTimestampNs = -1;
};
