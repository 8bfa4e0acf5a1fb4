// SPDX-License-Identifier: MIT
// Tests FrameQueue: bounded, ordered, markers never dropped, close() wakes the consumer.
#include "capture/framequeue.h"

#include <QTest>

#include <thread>

namespace {
Frame frameAt(qint64 index)
{
    Frame frame;
    frame.index = index;
    return frame;
}
} // namespace

class TestFrameQueue : public QObject
{
    Q_OBJECT
private slots:
    void boundedAndOrdered_data();
    void boundedAndOrdered();
    void markerExceedsCapacity();
    void closeWakesConsumer();
};

void TestFrameQueue::boundedAndOrdered_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("pushed");
    QTest::newRow("under capacity") << 4 << 3;
    QTest::newRow("at capacity") << 4 << 4;
    QTest::newRow("over capacity") << 4 << 10;
    QTest::newRow("capacity one") << 1 << 3;
}

void TestFrameQueue::boundedAndOrdered()
{
    QFETCH(int, capacity);
    QFETCH(int, pushed);
    FrameQueue queue(capacity);
    int accepted = 0;
    for (int i = 0; i < pushed; ++i)
        accepted += queue.push(frameAt(i)) ? 1 : 0;
    QCOMPARE(accepted, qMin(capacity, pushed));
    QCOMPARE(queue.size(), accepted);
    queue.close();
    // The oldest frames are kept, in order; the newest are the ones refused.
    for (int i = 0; i < accepted; ++i) {
        std::optional<Frame> frame = queue.pop();
        QVERIFY(frame);
        QCOMPARE(frame->index, qint64(i));
    }
    QVERIFY(!queue.pop());
}

void TestFrameQueue::markerExceedsCapacity()
{
    FrameQueue queue(2);
    QVERIFY(queue.push(frameAt(0)));
    QVERIFY(queue.push(frameAt(1)));
    QVERIFY(!queue.push(frameAt(2)));
    Frame marker;
    marker.marker = Frame::Marker::Pause;
    queue.pushMarker(std::move(marker));
    QCOMPARE(queue.size(), 3);
    queue.pop();
    queue.pop();
    QCOMPARE(queue.pop()->marker, Frame::Marker::Pause);
}

void TestFrameQueue::closeWakesConsumer()
{
    FrameQueue queue(2);
    std::optional<Frame> received = frameAt(99);
    std::thread consumer([&] { received = queue.pop(); });
    queue.close();
    consumer.join();
    QVERIFY(!received);
    QVERIFY(!queue.push(frameAt(0)));
}

QTEST_GUILESS_MAIN(TestFrameQueue)
#include "tst_framequeue.moc"
