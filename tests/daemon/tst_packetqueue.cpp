// SPDX-License-Identifier: MIT
// Tests PacketQueue: bounded in seconds of video and in bytes, steering never refused, order kept.
#include "encode/packetqueue.h"

#include <QTest>

#include <thread>

namespace {

AVPacketPtr packet(int bytes)
{
    AVPacketPtr p(av_packet_alloc());
    av_new_packet(p.get(), bytes);
    return p;
}

} // namespace

class TestPacketQueue : public QObject
{
    Q_OBJECT
private slots:
    void boundedInSeconds()
    {
        PacketQueue queue(2.0, 1 << 30, 10); // 2 s at 10 fps: 20 packets
        for (int i = 0; i < 20; ++i)
            QVERIFY(queue.pushPacket(packet(100), i));
        QVERIFY(!queue.pushPacket(packet(100), 20));
        QCOMPARE(queue.bufferedSeconds(), 2.0);
        // Steering goes in regardless: a Pause must reach the writer even when it is behind.
        WriterItem pause;
        pause.kind = WriterItem::Kind::Pause;
        queue.pushControl(std::move(pause));
        QCOMPARE(queue.pop()->kind, WriterItem::Kind::Packet);
        QVERIFY(queue.pushPacket(packet(100), 21)); // room for one again
    }

    void boundedInBytes()
    {
        PacketQueue queue(60, 1000, 30);
        QVERIFY(queue.pushPacket(packet(600), 0));
        QVERIFY(!queue.pushPacket(packet(600), 1));
        QVERIFY(queue.pushPacket(packet(400), 2));
        QCOMPARE(queue.pop()->packet->size, 600);
        QVERIFY(queue.pushPacket(packet(600), 3));
    }

    // One producer, one consumer: everything arrives once, in order; close() ends the consumer
    // after the last item.
    void orderAcrossThreads()
    {
        PacketQueue queue(1.0, 1 << 30, 30);
        std::vector<qint64> seen;
        std::thread consumer([&] {
            while (std::optional<WriterItem> item = queue.pop())
                seen.push_back(item->wallUs);
        });
        qint64 next = 0;
        while (next < 1000) {
            if (queue.pushPacket(packet(10), next))
                ++next;
            else
                std::this_thread::yield(); // full: the test waits for the consumer, a producer would drop
        }
        queue.close();
        consumer.join();
        QCOMPARE(seen.size(), size_t(1000));
        for (qint64 i = 0; i < 1000; ++i)
            QCOMPARE(seen[size_t(i)], i);
        QVERIFY(!queue.pushPacket(packet(10), 0)); // closed
    }
};

QTEST_GUILESS_MAIN(TestPacketQueue)
#include "tst_packetqueue.moc"
