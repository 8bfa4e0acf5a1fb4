// SPDX-License-Identifier: MIT
// Tests how CaptureWorker stamps a device-paced source's frames: by the device's own timestamps
// (no poll jitter), with the frames the device lost as a pts gap and as drops at the source.
#include "capture/captureworker.h"
#include "capture/framequeue.h"
#include "capture/timestampmapper.h"
#include "pipelinecounters.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>
#include <utility>

namespace {

constexpr int kFps = 30;

// A camera with its own clock: frame k is taken at open + 20 ms + k/30 s (CLOCK_MONOTONIC, exact
// steps) and can be grabbed from then on, like a buffer the driver completed. It loses frames
// 10–13 (the buffer pool ran dry) and numbers only the frames it delivers, like the Raspberry Pi ISP.
class FakeCamera : public Source
{
public:
    explicit FakeCamera(QList<qint64> &stamps)
        : m_stamps(stamps)
    {
    }

    QString name() const override { return QStringLiteral("fakecamera"); }
    Pacing pacing() const override { return Pacing::Device; }
    QString open() override
    {
        m_baseUs = CaptureWorker::monotonicUs() + 20'000;
        return QString();
    }
    void close() override {}
    Grab grab(qint64, Frame &out, QString &) override
    {
        if (m_next >= kFrames)
            return Grab::NotYet;
        if (m_next >= 10 && m_next < 14)
            m_next = 14;
        const qint64 stampUs = m_baseUs + std::llround(m_next * 1e6 / kFps);
        if (CaptureWorker::monotonicUs() < stampUs)
            return Grab::NotYet;
        out.picture.reset(av_frame_alloc());
        m_last = {stampUs, DeviceClock::Monotonic, m_sequence++, m_next == 14 ? DeviceGap::Loss : DeviceGap::NotLoss};
        m_stamps << stampUs;
        ++m_next;
        return Grab::Frame;
    }
    DeviceStamp lastStamp() const override { return m_last; }

    static constexpr int kFrames = 24;

private:
    QList<qint64> &m_stamps;
    qint64 m_baseUs = 0;
    int m_next = 0;
    qint64 m_sequence = 0;
    DeviceStamp m_last;
};

} // namespace

class TestCaptureWorker : public QObject
{
    Q_OBJECT
private slots:
    void deviceFramesCarryDeviceTime();
};

void TestCaptureWorker::deviceFramesCarryDeviceTime()
{
    QList<qint64> stamps;
    FrameQueue queue(64);
    PipelineCounters counters;
    QList<qint64> deliveredAtUs; // when each frame was handed on: the time the old code stamped
    CaptureWorker worker(std::make_unique<FakeCamera>(stamps), kFps, queue, counters,
                         [&deliveredAtUs](const AVFrame *) { deliveredAtUs << CaptureWorker::monotonicUs(); });
    QSignalSpy opened(&worker, &CaptureWorker::opened);
    worker.start();
    QCOMPARE(opened.size(), 1);
    const qint64 delivered = FakeCamera::kFrames - 4;
    QTRY_COMPARE_WITH_TIMEOUT(counters.framesCaptured.load(), delivered, 5000);
    worker.stop();

    QCOMPARE(stamps.size(), int(delivered));
    QCOMPARE(deliveredAtUs.size(), stamps.size());
    // A poll far behind the camera (a loaded CI runner, ctest --parallel) gets a frame whose stamp
    // the mapper rightly does not believe (TimestampMapper::kFarUs): such frames are left out of
    // the exact checks, which still fail on every frame polled in time if the worker ignored the
    // camera's stamps (a poll finds a frame microseconds to milliseconds after its stamp).
    auto lateUs = [&](int i) { return deliveredAtUs.at(i) - stamps.at(i); };
    auto inTime = [&](int i) { return lateUs(i) < TimestampMapper::kFarUs / 2; };
    int checked = 0;
    qint64 previousIndex = -1;
    for (int i = 0; i < stamps.size(); ++i) {
        std::optional<Frame> frame = queue.pop();
        QVERIFY(frame);
        const bool previousInTime = i > 0 && inTime(i - 1);
        const qint64 index = std::exchange(previousIndex, frame->index);
        if (!inTime(i))
            continue;
        ++checked;
        const QByteArray late = QStringLiteral("frame %1 handed on %2 ms after its camera time")
                                    .arg(i)
                                    .arg(lateUs(i) / 1000.0, 0, 'f', 1)
                                    .toUtf8();
        // The camera's time, not the moment a poll (every 1/60 s) found the frame.
        QVERIFY2(frame->monotonicUs == stamps.at(i),
                 (late + QByteArrayLiteral(": stamped ") + QByteArray::number(frame->monotonicUs - stamps.at(i))
                  + QByteArrayLiteral(" us off"))
                     .constData());
        // One slot of the 1/30 s time line per camera period: 5 slots across the lost frames.
        if (previousInTime)
            QVERIFY2(frame->index - index == (i == 10 ? 5 : 1), late.constData());
    }
    if (checked < stamps.size() / 2)
        QSKIP(qPrintable(QStringLiteral("this machine is too loaded: only %1 of %2 frames were polled within 0.5 s")
                             .arg(checked)
                             .arg(stamps.size())));
    // The 4 lost frames are counted from frame 14's stamp, when it and the one before were believed.
    if (inTime(9) && inTime(10))
        QCOMPARE(counters.framesDroppedSource.load(), qint64(4));

    // The jitter the camera's stamps took out of the pts (for docs, not a timed assertion).
    qint64 minLateUs = std::numeric_limits<qint64>::max();
    qint64 maxLateUs = 0;
    for (int i = 0; i < stamps.size(); ++i) {
        minLateUs = qMin(minLateUs, lateUs(i));
        maxLateUs = qMax(maxLateUs, lateUs(i));
    }
    qInfo("poll time minus camera time: %.1f to %.1f ms", minLateUs / 1000.0, maxLateUs / 1000.0);
}

QTEST_GUILESS_MAIN(TestCaptureWorker)
#include "tst_captureworker.moc"
