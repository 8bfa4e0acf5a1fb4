// SPDX-License-Identifier: MIT
// The bounded hand-over between the capture thread and the encoding thread.
#include "framequeue.h"

FrameQueue::FrameQueue(int capacity)
    : m_capacity(capacity)
{
}

bool FrameQueue::push(Frame frame)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_closed || int(m_frames.size()) >= m_capacity)
            return false;
        m_frames.push_back(std::move(frame));
    }
    m_wake.notify_one();
    return true;
}

void FrameQueue::pushMarker(Frame marker)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_closed)
            return;
        m_frames.push_back(std::move(marker));
    }
    m_wake.notify_one();
}

std::optional<Frame> FrameQueue::pop()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait(lock, [this] { return m_closed || !m_frames.empty(); });
    if (m_frames.empty())
        return std::nullopt;
    Frame frame = std::move(m_frames.front());
    m_frames.pop_front();
    return frame;
}

void FrameQueue::close()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
    }
    m_wake.notify_all();
}

int FrameQueue::size() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return int(m_frames.size());
}
