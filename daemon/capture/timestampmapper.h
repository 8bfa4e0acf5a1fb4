// SPDX-License-Identifier: MIT
// Puts a camera's own frame timestamps on the capture time line, and counts the frames it lost.
#pragma once

#include <QString>
#include <QtGlobal>

#include <array>

// The clock a device stamps its frames with.
enum class DeviceClock {
    None,      // no usable stamp (V4L2 "unknown" or "copy" timestamps): the poll time is used
    Monotonic, // CLOCK_MONOTONIC, the capture clock itself
    Other,     // another steady clock (CLOCK_BOOTTIME, a device counter): the offset is learned
};

// What a longer interval than one frame period between two stamps means.
enum class DeviceGap {
    Loss,    // the device had no buffer to fill: every missing period is a frame lost
    NotLoss, // the device had buffers to spare: a long interval is its own pace (long exposures)
    Unknown, // the device does not say: judged against its recent pace, counted when the pace
             // returns after the gap (a device that slowed down lost nothing)
};

// What a device-paced source knows about the frame it handed out last.
struct DeviceStamp {
    qint64 us = -1; // the device's time of the frame in µs on `clock`; negative when there is none
    DeviceClock clock = DeviceClock::None;
    qint64 sequence = -1; // the device's frame number, or -1; a jump counts the frames between
    DeviceGap gap = DeviceGap::Unknown;
};

// Reentrant value type; one per capture worker, used on the capture thread only. Pure: the poll
// time is passed in, so tests drive it with any clock.
//
// A frame's time is the device's stamp plus an offset: 0 for a CLOCK_MONOTONIC device, learned
// from the first frame (pollUs - stamp) for another clock and lowered whenever a frame would
// otherwise lie after the poll that found it (the first frame may have waited). The poll time
// carries up to half a frame period of jitter from the poll interval; the device's stamps do not.
// A stamp more than kFarUs from the poll time is not believed: that frame gets its poll time and
// the log says so once. When the next frame is off by the same amount, the device's clock jumped
// (a suspend, a driver restart): the offset is learned again. The result never goes backwards.
class TimestampMapper
{
public:
    // Further than this from the poll time, a stamp is wrong or its clock jumped. Camera buffers
    // hold well under a second of frames; a capture thread that late has bigger problems.
    static constexpr qint64 kFarUs = 1'000'000;
    // How many recent intervals make a device's pace (DeviceGap::Unknown): their median.
    static constexpr int kPaceWindow = 7;

    explicit TimestampMapper(qint64 frameDurationUs);

    struct Mapped {
        qint64 us = 0;          // CLOCK_MONOTONIC µs of the frame, the capture time line
        bool fromDevice = false; // false: the poll time (no stamp, or one not believed)
        qint64 lostBefore = 0;  // frames the device lost between the previous frame and this one
        QString warning;        // non-empty once per kind of trouble, for the log
    };

    Mapped map(const DeviceStamp &stamp, qint64 pollUs);
    // The device was opened again: its clock, numbering and pace start afresh.
    void reset();

private:
    qint64 forward(qint64 us);
    qint64 lostByTime(const DeviceStamp &stamp);
    qint64 pace() const;
    QString once(bool &said, const QString &text);

    const qint64 m_frameDurationUs;
    bool m_haveOffset = false;
    qint64 m_offsetUs = 0;
    bool m_havePending = false;
    qint64 m_pendingOffsetUs = 0; // the offset a stamp far off suggested; confirmed by the next one
    qint64 m_lastUs = -1;         // the last time handed out
    qint64 m_lastStampUs = -1;    // the last stamp believed
    qint64 m_unstampedSince = 0;  // frames handed out since that stamp without a believed one
    qint64 m_lastSequence = -1;
    std::array<qint64, kPaceWindow> m_intervals{};
    int m_intervalCount = 0;
    int m_intervalNext = 0;
    qint64 m_suspectedLost = 0;   // DeviceGap::Unknown: frames the last interval lacked, if the pace returns
    qint64 m_suspectedPaceUs = 0; // the pace they were judged against
    bool m_saidFar = false;
    bool m_saidJump = false;
};
