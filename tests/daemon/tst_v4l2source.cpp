// SPDX-License-Identifier: MIT
// Tests what V4l2Source decides without a webcam: which buffer timestamps it believes.
#include "capture/v4l2source.h"

#include <QRegularExpression>
#include <QTest>

#include <linux/videodev2.h>

Q_DECLARE_METATYPE(DeviceClock)

class TestV4l2Source : public QObject
{
    Q_OBJECT
private slots:
    void clockOf_data();
    void clockOf();
    void settingsNotAppliedAreSaidOncePerSource();
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

// A node that opens but is no webcam (/dev/null): every open fails, the [camera] lines come once
// (mutation tried: logging them at every open fails failOnWarning on the second open).
void TestV4l2Source::settingsNotAppliedAreSaidOncePerSource()
{
    CameraOptions options;
    options.hflip = true;
    options.gain = 2;
    V4l2Source source(Source::Settings(320, 240, 15, options), QStringLiteral("/dev/null"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot apply \\[camera\\] .*no horizontal flip")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot apply \\[camera\\] gain=2")));
    QVERIFY(!source.open().isEmpty());
    QTest::failOnWarning(QRegularExpression(QStringLiteral("cannot apply")));
    QVERIFY(!source.open().isEmpty());
    source.close();
}

QTEST_GUILESS_MAIN(TestV4l2Source)
#include "tst_v4l2source.moc"
