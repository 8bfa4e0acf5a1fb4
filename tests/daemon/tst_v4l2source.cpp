// SPDX-License-Identifier: MIT
// Tests what V4l2Source decides without a webcam: which buffer timestamps it believes.
#include "capture/v4l2source.h"

#include <QTest>

#include <linux/videodev2.h>

Q_DECLARE_METATYPE(DeviceClock)

class TestV4l2Source : public QObject
{
    Q_OBJECT
private slots:
    void clockOf_data();
    void clockOf();
};

void TestV4l2Source::clockOf_data()
{
    QTest::addColumn<quint32>("flags");
    QTest::addColumn<DeviceClock>("expected");
    QTest::newRow("monotonic") << quint32(V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC) << DeviceClock::Monotonic;
    QTest::newRow("monotonic, start of exposure, mapped")
        << quint32(V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC | V4L2_BUF_FLAG_TSTAMP_SRC_SOE | V4L2_BUF_FLAG_MAPPED)
        << DeviceClock::Monotonic;
    // Copied from an output buffer (memory-to-memory devices): says nothing about the picture.
    QTest::newRow("copy") << quint32(V4L2_BUF_FLAG_TIMESTAMP_COPY) << DeviceClock::None;
    QTest::newRow("unknown") << quint32(V4L2_BUF_FLAG_TIMESTAMP_UNKNOWN | V4L2_BUF_FLAG_MAPPED) << DeviceClock::None;
}

void TestV4l2Source::clockOf()
{
    QFETCH(quint32, flags);
    QFETCH(DeviceClock, expected);
    QCOMPARE(V4l2Source::clockOf(flags), expected);
}

QTEST_GUILESS_MAIN(TestV4l2Source)
#include "tst_v4l2source.moc"
