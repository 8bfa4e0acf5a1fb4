// SPDX-License-Identifier: MIT
// Reusable picture buffers that keep only a few spares, so a burst does not hold memory for good.
#include "framepool.h"

extern "C" {
#include <libavutil/buffer.h>
#include <libavutil/mem.h>
}

#include <mutex>
#include <vector>

struct FramePool::Shared {
    size_t bufferBytes = 0;
    size_t spares = 0;
    std::mutex mutex; // guards the members below
    std::vector<uint8_t *> free;
    bool closed = false;

    ~Shared()
    {
        for (uint8_t *data : free)
            av_free(data);
    }
};

namespace {

// The buffer's opaque: keeps the shared state alive until the last buffer is back.
struct Holder {
    std::shared_ptr<FramePool::Shared> shared;
};

void giveBack(void *opaque, uint8_t *data)
{
    std::unique_ptr<Holder> holder(static_cast<Holder *>(opaque));
    FramePool::Shared &shared = *holder->shared;
    std::lock_guard<std::mutex> lock(shared.mutex);
    if (!shared.closed && shared.free.size() < shared.spares)
        shared.free.push_back(data);
    else
        av_free(data);
}

} // namespace

FramePool::FramePool(size_t bufferBytes, int spares)
    : m_shared(std::make_shared<Shared>())
{
    m_shared->bufferBytes = bufferBytes;
    m_shared->spares = size_t(spares);
}

FramePool::~FramePool()
{
    std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->closed = true;
}

AVBufferRef *FramePool::get()
{
    uint8_t *data = nullptr;
    {
        std::lock_guard<std::mutex> lock(m_shared->mutex);
        if (!m_shared->free.empty()) {
            data = m_shared->free.back();
            m_shared->free.pop_back();
        }
    }
    if (!data)
        data = static_cast<uint8_t *>(av_malloc(m_shared->bufferBytes));
    if (!data)
        return nullptr;
    auto *holder = new Holder{m_shared};
    AVBufferRef *buffer = av_buffer_create(data, m_shared->bufferBytes, giveBack, holder, 0);
    if (!buffer) {
        delete holder;
        av_free(data);
    }
    return buffer;
}

int FramePool::spareCount() const
{
    std::lock_guard<std::mutex> lock(m_shared->mutex);
    return int(m_shared->free.size());
}
