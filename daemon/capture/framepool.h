// SPDX-License-Identifier: MIT
// Reusable picture buffers that keep only a few spares, so a burst does not hold memory for good.
#pragma once

#include <cstddef>
#include <memory>

struct AVBufferRef;

// get() is called on one thread (the capture thread); buffers come back from any thread (the
// encoder releases them), which is thread-safe. Unlike AVBufferPool, which keeps every buffer it
// ever made until it is destroyed, this keeps at most `spares` unused buffers: after a queue
// burst, memory goes back to the system. Buffers may outlive the pool.
class FramePool
{
public:
    FramePool(size_t bufferBytes, int spares);
    ~FramePool();
    FramePool(const FramePool &) = delete;
    FramePool &operator=(const FramePool &) = delete;

    // A new reference to a buffer of bufferBytes, or null when out of memory.
    AVBufferRef *get();
    // Unused buffers held right now (for tests).
    int spareCount() const;

    struct Shared;

private:
    std::shared_ptr<Shared> m_shared;
};
