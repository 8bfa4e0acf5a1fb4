// SPDX-License-Identifier: MIT
// Tests what the libcamera source decides without a camera: how many buffers it asks for and its
// words for "no camera" on every libcamera version. (The frames a dry buffer pool cost are
// counted by TimestampMapper: tst_timestampmapper.)
#include "capture/camerabuffers.h"
#include "capture/framequeue.h"
#include "capture/libcameraerrors.h"

#include <QTest>

#include <cerrno>

class TestCameraBuffers : public QObject
{
    Q_OBJECT
private slots:
    void countFor_data();
    void countFor();
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
