// SPDX-License-Identifier: MIT
// Tests TimestampMapper: camera stamps on the capture time line without poll jitter, camera gaps
// as pts gaps and drops, a device clock that jumps, a stamp far off, never going backwards.
#include "capture/timestampmapper.h"

#include <QTest>

#include <cmath>

Q_DECLARE_METATYPE(DeviceClock)
Q_DECLARE_METATYPE(DeviceGap)

namespace {

constexpr int kFps = 30;
constexpr double kPeriodUs = 1e6 / kFps; // 33 333.333 µs
constexpr qint64 kCaptureBaseUs = 5'000'000'000; // the capture clock (CLOCK_MONOTONIC) at frame 0

// The device's time of frame `k`: exact steps of 1/30 s, rounded to the µs as a driver does.
qint64 stampOf(qint64 baseUs, double k)
{
    return baseUs + std::llround(k * kPeriodUs);
}

// What the worker computes from a mapped time: the frame's position on the 1/fps time line.
qint64 indexOf(qint64 us)
{
    return std::llround(double(us - (kCaptureBaseUs - 100'000)) * kFps / 1e6);
}

// Deterministic poll latencies between 0.5 ms and 17 ms: the worker polls at twice the frame rate.
class Latencies
{
public:
    qint64 next()
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return 500 + qint64((m_state >> 33) % 16'500);
    }

private:
    quint64 m_state = 42;
};

} // namespace

class TestTimestampMapper : public QObject
{
    Q_OBJECT
private slots:
    void jitterRemoved_data();
    void jitterRemoved();
    void cameraGap_data();
    void cameraGap();
    void slowerCameraIsNotLoss_data();
    void slowerCameraIsNotLoss();
    void clockJump_data();
    void clockJump();
    void farStampFallsBack();
    void neverBackwards();
    void noStampUsesPollTime();
};

void TestTimestampMapper::jitterRemoved_data()
{
    QTest::addColumn<DeviceClock>("clock");
    QTest::addColumn<qint64>("deviceBaseUs");
    QTest::addColumn<qint64>("firstLatencyUs");
    QTest::newRow("CLOCK_MONOTONIC device") << DeviceClock::Monotonic << kCaptureBaseUs << qint64(3000);
    QTest::newRow("other clock, offset learned") << DeviceClock::Other << qint64(123'456'789) << qint64(3000);
    // The first frame waited longer than the others: the learned offset is lowered later.
    QTest::newRow("other clock, late first frame") << DeviceClock::Other << qint64(123'456'789) << qint64(16'000);
}

void TestTimestampMapper::jitterRemoved()
{
    QFETCH(DeviceClock, clock);
    QFETCH(qint64, deviceBaseUs);
    QFETCH(qint64, firstLatencyUs);
    TimestampMapper mapper(std::llround(kPeriodUs));
    Latencies latencies;
    QList<qint64> offsets; // mapped time minus device time, per frame
    qint64 previousIndex = -1;
    for (int k = 0; k < 300; ++k) {
        const qint64 stampUs = stampOf(deviceBaseUs, k);
        const qint64 pollUs = stampOf(kCaptureBaseUs, k) + (k == 0 ? firstLatencyUs : latencies.next());
        const TimestampMapper::Mapped mapped = mapper.map({stampUs, clock, -1, DeviceGap::Loss}, pollUs);
        QVERIFY(mapped.fromDevice);
        QVERIFY2(mapped.us <= pollUs, "a frame is never taken after the poll that found it");
        QCOMPARE(mapped.lostBefore, qint64(0));
        if (clock == DeviceClock::Monotonic)
            QCOMPARE(mapped.us, stampUs); // exactly the camera's time, whatever the poll time
        offsets << mapped.us - stampUs;
        // One frame per slot of the 1/30 s time line: no slot skipped or used twice by jitter.
        const qint64 index = indexOf(mapped.us);
        if (previousIndex >= 0)
            QCOMPARE(index, previousIndex + 1);
        previousIndex = index;
    }
    // The learned offset only shrinks, towards the shortest wait seen (0.5 ms here): the camera's
    // steps are kept but for those small corrections, and never by the poll's jitter.
    for (int k = 1; k < offsets.size(); ++k)
        QVERIFY(offsets.at(k) <= offsets.at(k - 1));
    QVERIFY2(offsets.last() - (kCaptureBaseUs - deviceBaseUs) <= 1000,
             qPrintable(QString::number(offsets.last() - (kCaptureBaseUs - deviceBaseUs))));
}

void TestTimestampMapper::cameraGap_data()
{
    // Frames 0–9 and 14–19 reach us (the camera lost 10–13); sequences as given.
    QTest::addColumn<DeviceGap>("gap");
    QTest::addColumn<bool>("sequenceShowsGap");
    QTest::addColumn<qint64>("expectedLost");
    QTest::newRow("pool ran dry: every missing period lost") << DeviceGap::Loss << false << qint64(4);
    QTest::newRow("device does not say: against its pace") << DeviceGap::Unknown << false << qint64(4);
    QTest::newRow("buffers to spare: its own pace") << DeviceGap::NotLoss << false << qint64(0);
    QTest::newRow("sequence numbers every sensor frame") << DeviceGap::NotLoss << true << qint64(4);
    QTest::newRow("sequence and time: counted once") << DeviceGap::Loss << true << qint64(4);
}

void TestTimestampMapper::cameraGap()
{
    QFETCH(DeviceGap, gap);
    QFETCH(bool, sequenceShowsGap);
    QFETCH(qint64, expectedLost);
    TimestampMapper mapper(std::llround(kPeriodUs));
    qint64 lost = 0;
    qint64 previousIndex = -1;
    qint64 sequence = 100;
    for (int k = 0; k < 20; ++k) {
        if (k >= 10 && k < 14)
            continue;
        if (k == 14 && sequenceShowsGap)
            sequence += 4;
        const qint64 stampUs = stampOf(kCaptureBaseUs, k);
        const TimestampMapper::Mapped mapped =
            mapper.map({stampUs, DeviceClock::Monotonic, sequence++, gap}, stampUs + 4000);
        lost += mapped.lostBefore;
        const qint64 index = indexOf(mapped.us);
        // The file's pts show the gap whatever it is counted as: 5 slots from frame 9 to 14.
        if (previousIndex >= 0)
            QCOMPARE(index - previousIndex, k == 14 ? qint64(5) : qint64(1));
        previousIndex = index;
    }
    QCOMPARE(lost, expectedLost);
}

void TestTimestampMapper::slowerCameraIsNotLoss_data()
{
    // A webcam in the dark goes from 30 fps to a slower rate by itself (DeviceGap::Unknown):
    // no frame is lost, though each interval is several periods and the pace needs a few
    // intervals to follow (mutation tried: counting a long interval at once, as before, gives
    // 3–4 per light change).
    QTest::addColumn<int>("slowdown");
    QTest::newRow("rate halves (auto-exposure at dusk)") << 2;
    QTest::newRow("rate drops to a third") << 3;
}

void TestTimestampMapper::slowerCameraIsNotLoss()
{
    QFETCH(int, slowdown);
    TimestampMapper mapper(std::llround(kPeriodUs));
    QList<qint64> lost;
    double k = 0;
    for (int frame = 0; frame < 40; ++frame) {
        k += frame < 10 ? 1 : slowdown;
        const qint64 stampUs = stampOf(kCaptureBaseUs, k);
        lost << mapper.map({stampUs, DeviceClock::Monotonic, -1, DeviceGap::Unknown}, stampUs + 2000).lostBefore;
    }
    qint64 total = 0;
    for (qint64 n : lost)
        total += n;
    QCOMPARE(total, qint64(0));

    // Slow from the start: never counted.
    TimestampMapper slow(std::llround(kPeriodUs));
    for (int frame = 0; frame < 20; ++frame) {
        const qint64 stampUs = stampOf(kCaptureBaseUs, 2 * frame);
        QCOMPARE(slow.map({stampUs, DeviceClock::Monotonic, -1, DeviceGap::Unknown}, stampUs + 2000).lostBefore,
                 qint64(0));
    }
}

void TestTimestampMapper::clockJump_data()
{
    QTest::addColumn<DeviceClock>("clock");
    QTest::addColumn<qint64>("jumpUs");
    QTest::newRow("other clock steps forward 50 s") << DeviceClock::Other << qint64(50'000'000);
    QTest::newRow("other clock steps back 50 s") << DeviceClock::Other << qint64(-50'000'000);
    // CLOCK_BOOTTIME stamps (libcamera's documented clock) after a suspend look like this.
    QTest::newRow("'monotonic' stamps move by a suspend") << DeviceClock::Monotonic << qint64(20'000'000);
}

void TestTimestampMapper::clockJump()
{
    QFETCH(DeviceClock, clock);
    QFETCH(qint64, jumpUs);
    const qint64 deviceBaseUs = clock == DeviceClock::Monotonic ? kCaptureBaseUs : 700'000'000;
    TimestampMapper mapper(std::llround(kPeriodUs));
    QStringList warnings;
    qint64 lastUs = -1;
    QList<qint64> afterJump;
    for (int k = 0; k < 30; ++k) {
        const qint64 stampUs = stampOf(deviceBaseUs, k) + (k >= 10 ? jumpUs : 0);
        const qint64 pollUs = stampOf(kCaptureBaseUs, k) + 5000;
        const TimestampMapper::Mapped mapped = mapper.map({stampUs, clock, -1, DeviceGap::Loss}, pollUs);
        if (!mapped.warning.isEmpty())
            warnings << mapped.warning;
        QVERIFY(mapped.us > lastUs);
        QVERIFY(qAbs(mapped.us - pollUs) < TimestampMapper::kFarUs);
        lastUs = mapped.us;
        // The first frame after the jump is not believed (it could be one bad stamp); the second
        // confirms the jump and the camera's time is followed again, from the new offset.
        QCOMPARE(mapped.fromDevice, k != 10);
        QCOMPARE(mapped.lostBefore, qint64(0)); // a jump is not a run of lost frames
        if (k >= 11)
            afterJump << mapped.us - stampUs;
    }
    for (qint64 offset : afterJump)
        QCOMPARE(offset, afterJump.first());
    QCOMPARE(warnings.size(), 2); // the stamp far off, then the jump: each said once
    QVERIFY2(warnings.last().contains(QLatin1String("jumped")), qPrintable(warnings.last()));
}

void TestTimestampMapper::farStampFallsBack()
{
    TimestampMapper mapper(std::llround(kPeriodUs));
    QStringList warnings;
    for (int k = 0; k < 30; ++k) {
        const bool bad = k == 10 || k == 20; // 10 s in the future, twice, not in a row
        const qint64 stampUs = stampOf(kCaptureBaseUs, k) + (bad ? 10'000'000 : 0);
        const qint64 pollUs = stampOf(kCaptureBaseUs, k) + 7000;
        const TimestampMapper::Mapped mapped =
            mapper.map({stampUs, DeviceClock::Monotonic, -1, DeviceGap::Loss}, pollUs);
        if (!mapped.warning.isEmpty())
            warnings << mapped.warning;
        QCOMPARE(mapped.fromDevice, !bad);
        QCOMPARE(mapped.us, bad ? pollUs : stampUs);
        QCOMPARE(mapped.lostBefore, qint64(0)); // the frame arrived: nothing was lost
    }
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(QLatin1String("9.993 s")), qPrintable(warnings.first()));
}

void TestTimestampMapper::neverBackwards()
{
    TimestampMapper mapper(std::llround(kPeriodUs));
    // A driver that stamps one frame two periods early, then an identical stamp.
    const QList<double> steps = {0, 1, 2, 3, 1, 4, 4, 5};
    qint64 lastUs = -1;
    for (double k : steps) {
        const qint64 stampUs = stampOf(kCaptureBaseUs, k);
        const qint64 us = mapper.map({stampUs, DeviceClock::Monotonic, -1, DeviceGap::Loss}, stampUs + 40'000).us;
        QVERIFY2(us > lastUs, qPrintable(QStringLiteral("%1 after %2").arg(us).arg(lastUs)));
        lastUs = us;
    }
}

void TestTimestampMapper::noStampUsesPollTime()
{
    TimestampMapper mapper(std::llround(kPeriodUs));
    for (int k = 0; k < 5; ++k) {
        const qint64 pollUs = stampOf(kCaptureBaseUs, k) + 1234 * k;
        const TimestampMapper::Mapped mapped = mapper.map({}, pollUs);
        QCOMPARE(mapped.us, pollUs);
        QVERIFY(!mapped.fromDevice);
    }
}

QTEST_GUILESS_MAIN(TestTimestampMapper)
#include "tst_timestampmapper.moc"
