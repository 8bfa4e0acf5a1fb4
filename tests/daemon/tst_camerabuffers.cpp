// SPDX-License-Identifier: MIT
// Tests what the libcamera source decides without a camera: how many buffers it asks for, how many
// frames a dry buffer pool cost, and its words for "no camera" on every libcamera version.
#include "capture/camerabuffers.h"
#include "capture/framequeue.h"
#include "capture/libcameraerrors.h"

#include <QTest>

#include <cerrno>

namespace {
constexpr qint64 kFrameNs = 33'333'333; // 30 fps
} // namespace

class TestCameraBuffers : public QObject
{
    Q_OBJECT
private slots:
    void countFor_data();
    void countFor();
    void lostBefore_data();
    void lostBefore();
    void noCameraWording_data();
    void noCameraWording();
};

void TestCameraBuffers::countFor_data()
{
    QTest::addColumn<int>("fps");
    QTest::addColumn<int>("expected");
    // The frame queue holds max(4, fps/2) pictures; the camera needs 3 more (the encoder's and
    // two to fill), within 6..8.
    QTest::newRow("5 fps: queue 4") << 5 << 7;
    QTest::newRow("10 fps: queue 5") << 10 << 8;
    QTest::newRow("30 fps: queue 15, capped") << 30 << 8;
    QTest::newRow("120 fps: queue 60, capped") << 120 << 8;
}

void TestCameraBuffers::countFor()
{
    QFETCH(int, fps);
    QFETCH(int, expected);
    const int count = CameraBuffers::countFor(FrameQueue::capacityFor(fps));
    QCOMPARE(count, expected);
    // More than the Raspberry Pi pipeline's default of 4 for VideoRecording, never below 6.
    QVERIFY(count >= CameraBuffers::kMinimum && count <= CameraBuffers::kMaximum);
    QCOMPARE(CameraBuffers::countFor(1), CameraBuffers::kMinimum);
}

void TestCameraBuffers::lostBefore_data()
{
    // Frames as (sequence, timestamp in frame periods, after a dry pool); the losses counted.
    QTest::addColumn<QList<qint64>>("sequences");
    QTest::addColumn<QList<double>>("periods");
    QTest::addColumn<QList<bool>>("afterDry");
    QTest::addColumn<qint64>("expectedLost");
    QTest::newRow("steady") << QList<qint64>{0, 1, 2, 3} << QList<double>{0, 1, 2, 3}
                            << QList<bool>{false, false, false, false} << qint64(0);
    QTest::newRow("sequence gap (pipeline numbers every sensor frame)")
        << QList<qint64>{0, 1, 5, 6} << QList<double>{0, 1, 5, 6} << QList<bool>{false, false, true, false} << qint64(3);
    // The Raspberry Pi ISP numbers only the frames it processed: no sequence gap, the time shows it.
    QTest::newRow("dry pool, sequence without gap") << QList<qint64>{0, 1, 2, 3} << QList<double>{0, 1, 6, 7}
                                                    << QList<bool>{false, false, true, false} << qint64(4);
    QTest::newRow("jitter after a dry pool is no loss") << QList<qint64>{0, 1, 2} << QList<double>{0, 1, 2.4}
                                                        << QList<bool>{false, false, true} << qint64(0);
    // Without a dry pool a long interval is the sensor's own pace (e.g. long exposures), not a loss.
    QTest::newRow("slow sensor, buffers to spare") << QList<qint64>{0, 1, 2} << QList<double>{0, 2, 4}
                                                   << QList<bool>{false, false, false} << qint64(0);
    QTest::newRow("first frame after open") << QList<qint64>{40} << QList<double>{100} << QList<bool>{true}
                                            << qint64(0);
}

void TestCameraBuffers::lostBefore()
{
    QFETCH(QList<qint64>, sequences);
    QFETCH(QList<double>, periods);
    QFETCH(QList<bool>, afterDry);
    QFETCH(qint64, expectedLost);
    CameraBuffers buffers(kFrameNs);
    qint64 lost = 0;
    for (int i = 0; i < sequences.size(); ++i)
        lost += buffers.lostBefore(sequences.at(i), qint64(periods.at(i) * kFrameNs), afterDry.at(i));
    QCOMPARE(lost, expectedLost);
}

void TestCameraBuffers::noCameraWording_data()
{
    QTest::addColumn<int>("result");
    QTest::addColumn<QString>("expected");
    // libcamera 0.5+ with no media device: CameraManager::start() fails with -ENODEV.
    QTest::newRow("no media device (libcamera 0.5+)") << -ENODEV << QStringLiteral("no libcamera camera found");
    QTest::newRow("other failure") << -EACCES << QStringLiteral("libcamera failed to start: Permission denied");
}

void TestCameraBuffers::noCameraWording()
{
    QFETCH(int, result);
    QFETCH(QString, expected);
    QCOMPARE(LibcameraErrors::managerFailed(result), expected);
    // libcamera 0.0.3 starts and lists no camera: LibcameraSource says noCamera() then.
    QCOMPARE(LibcameraErrors::noCamera(), QStringLiteral("no libcamera camera found"));
}

QTEST_GUILESS_MAIN(TestCameraBuffers)
#include "tst_camerabuffers.moc"
