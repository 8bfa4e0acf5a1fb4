// SPDX-License-Identifier: MIT
// Tests FramePool: reuse, at most `spares` kept after a burst, buffers outliving the pool.
#include "capture/framepool.h"

#include <QTest>

extern "C" {
#include <libavutil/buffer.h>
}

#include <thread>
#include <vector>

class TestFramePool : public QObject
{
    Q_OBJECT
private slots:
    void keepsAtMostSpares_data();
    void keepsAtMostSpares();
    void reusesBuffers();
    void buffersOutlivePool();
};

void TestFramePool::keepsAtMostSpares_data()
{
    QTest::addColumn<int>("spares");
    QTest::addColumn<int>("burst");
    QTest::newRow("burst below spares") << 3 << 2;
    QTest::newRow("burst equal to spares") << 3 << 3;
    QTest::newRow("burst above spares") << 3 << 12;
    QTest::newRow("no spares") << 0 << 4;
}

void TestFramePool::keepsAtMostSpares()
{
    QFETCH(int, spares);
    QFETCH(int, burst);
    FramePool pool(1024, spares);
    std::vector<AVBufferRef *> held;
    for (int i = 0; i < burst; ++i) {
        held.push_back(pool.get());
        QVERIFY(held.back());
        QCOMPARE(held.back()->size, size_t(1024));
    }
    // Released on another thread, as the encoder does.
    std::thread releaser([&] {
        for (AVBufferRef *&buffer : held)
            av_buffer_unref(&buffer);
    });
    releaser.join();
    QCOMPARE(pool.spareCount(), qMin(spares, burst));
}

void TestFramePool::reusesBuffers()
{
    FramePool pool(4096, 2);
    AVBufferRef *first = pool.get();
    const uint8_t *address = first->data;
    av_buffer_unref(&first);
    AVBufferRef *second = pool.get();
    QCOMPARE(second->data, address);
    QCOMPARE(pool.spareCount(), 0);
    av_buffer_unref(&second);
}

void TestFramePool::buffersOutlivePool()
{
    AVBufferRef *buffer = nullptr;
    {
        FramePool pool(256, 2);
        buffer = pool.get();
    }
    buffer->data[255] = 1; // still valid memory
    av_buffer_unref(&buffer); // freed, not kept: the pool is gone
    QVERIFY(!buffer);
}

QTEST_GUILESS_MAIN(TestFramePool)
#include "tst_framepool.moc"
