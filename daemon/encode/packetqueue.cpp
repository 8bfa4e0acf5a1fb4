// SPDX-License-Identifier: MIT
// The bounded hand-over between the encoding thread and the writer thread: packets and steering.
#include "packetqueue.h"

PacketQueue::PacketQueue(double budgetSeconds, qint64 budgetBytes, int fps)
    : m_budgetSeconds(budgetSeconds), m_budgetBytes(budgetBytes), m_fps(qMax(1, fps))
{
}

bool PacketQueue::pushPacket(AVPacketPtr packet, qint64 wallUs)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_closed || double(m_frames + 1) / m_fps > m_budgetSeconds || m_bytes + packet->size > m_budgetBytes)
            return false;
        ++m_frames;
        m_bytes += packet->size;
        WriterItem item;
        item.kind = WriterItem::Kind::Packet;
        item.packet = std::move(packet);
        item.wallUs = wallUs;
        m_items.push_back(std::move(item));
    }
    m_wake.notify_one();
    return true;
}

void PacketQueue::pushControl(WriterItem item)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_closed)
            return;
        m_items.push_back(std::move(item));
    }
    m_wake.notify_one();
}

bool PacketQueue::pushAudio(AVPacketPtr packet)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_closed || m_audioPackets >= kMaxAudioPackets)
            return false;
        ++m_audioPackets;
        WriterItem item;
        item.kind = WriterItem::Kind::Audio;
        item.packet = std::move(packet);
        m_items.push_back(std::move(item));
    }
    m_wake.notify_one();
    return true;
}

std::optional<WriterItem> PacketQueue::pop()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait(lock, [this] { return m_closed || !m_items.empty(); });
    if (m_items.empty())
        return std::nullopt;
    WriterItem item = std::move(m_items.front());
    m_items.pop_front();
    if (item.kind == WriterItem::Kind::Packet) {
        --m_frames;
        m_bytes -= item.packet->size;
    } else if (item.kind == WriterItem::Kind::Audio) {
        --m_audioPackets;
    }
    return item;
}

void PacketQueue::close()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
    }
    m_wake.notify_all();
}

double PacketQueue::bufferedSeconds() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return double(m_frames) / m_fps;
}
