// SPDX-License-Identifier: MIT
// The bounded hand-over between the capture thread and the encoding thread.
#pragma once

#include "frame.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

// Thread-safe: one producer (capture thread) and one consumer (encoding thread). Bounded so a
// slow encoder costs dropped frames (counted by the caller) instead of unbounded memory.
class FrameQueue
{
public:
    explicit FrameQueue(int capacity);
    // The capacity recorderd gives the queue at `fps`: half a second of pictures absorbs a slow
    // moment of the encoder without holding much memory.
    static int capacityFor(int fps) { return fps / 2 > 4 ? fps / 2 : 4; }

    // Returns false when the queue is full or closed; the frame is then dropped by the caller.
    bool push(Frame frame);
    // Markers are never dropped: they may exceed the capacity by one.
    void pushMarker(Frame marker);
    // Blocks until a frame arrives, or returns nothing once the queue is closed and empty.
    std::optional<Frame> pop();
    // Wakes the consumer; frames already queued are still handed out.
    void close();
    int size() const;

private:
    const int m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Frame> m_frames;
    bool m_closed = false;
};
