// SPDX-License-Identifier: MIT
// Puts a camera's own frame timestamps on the capture time line, and counts the frames it lost.
#include "timestampmapper.h"

#include <cmath>
#include <utility>

TimestampMapper::TimestampMapper(qint64 frameDurationUs)
    : m_frameDurationUs(frameDurationUs > 0 ? frameDurationUs : 1)
{
}

void TimestampMapper::reset()
{
    // The log lines stay said: a camera reopened every few seconds must not repeat them.
    m_haveOffset = false;
    m_offsetUs = 0;
    m_havePending = false;
    m_lastStampUs = -1;
    m_unstampedSince = 0;
    m_lastSequence = -1;
    m_intervalCount = 0;
    m_intervalNext = 0;
    m_suspectedLost = 0;
}

TimestampMapper::Mapped TimestampMapper::map(const DeviceStamp &stamp, qint64 pollUs)
{
    Mapped out;
    qint64 bySequence = 0;
    if (stamp.sequence >= 0) {
        if (m_lastSequence >= 0 && stamp.sequence > m_lastSequence + 1)
            bySequence = stamp.sequence - m_lastSequence - 1;
        m_lastSequence = stamp.sequence;
    }
    out.lostBefore = bySequence;
    if (stamp.clock == DeviceClock::None || stamp.us < 0) {
        out.us = forward(pollUs);
        ++m_unstampedSince;
        return out;
    }
    if (!m_haveOffset) {
        m_offsetUs = stamp.clock == DeviceClock::Monotonic ? 0 : pollUs - stamp.us;
        m_haveOffset = true;
    }
    qint64 us = stamp.us + m_offsetUs;
    if (qAbs(pollUs - us) > kFarUs) {
        const qint64 candidate = pollUs - stamp.us;
        // Two reads of the same clock differ by the frames' waiting times, under a few periods.
        const qint64 tolerance = qMax<qint64>(250'000, 2 * m_frameDurationUs);
        if (!m_havePending || qAbs(candidate - m_pendingOffsetUs) > tolerance) {
            m_havePending = true;
            m_pendingOffsetUs = candidate;
            out.us = forward(pollUs);
            ++m_unstampedSince;
            out.warning = once(m_saidFar, QStringLiteral("a camera timestamp is %1 s away from the time the frame was "
                                                         "read; that frame is stamped with the read time")
                                              .arg(double(us - pollUs) / 1e6, 0, 'f', 3));
            return out;
        }
        // Off by the same amount twice in a row: the device's clock moved, not one bad stamp.
        out.warning = once(m_saidJump, QStringLiteral("the camera's clock jumped by %1 s; its timestamps are "
                                                      "followed from the new offset")
                                           .arg(double(m_offsetUs - candidate) / 1e6, 0, 'f', 3));
        m_offsetUs = qMin(candidate, m_pendingOffsetUs);
        // An interval across the jump measures nothing.
        m_lastStampUs = -1;
        m_unstampedSince = 0;
        us = stamp.us + m_offsetUs;
    }
    m_havePending = false;
    if (us > pollUs) {
        // A frame cannot be taken after the poll that found it: the offset was learned from a
        // frame that had waited, so it was too large by at least this much.
        m_offsetUs -= us - pollUs;
        us = pollUs;
    }
    out.lostBefore = qMax(bySequence, lostByTime(stamp));
    out.us = forward(us);
    out.fromDevice = true;
    return out;
}

qint64 TimestampMapper::forward(qint64 us)
{
    // Equal or earlier times would give two frames one pts, or a pts going back.
    if (m_lastUs >= 0 && us <= m_lastUs)
        us = m_lastUs + 1;
    m_lastUs = us;
    return us;
}

qint64 TimestampMapper::lostByTime(const DeviceStamp &stamp)
{
    qint64 lost = 0;
    // Frames handed out since the last believed stamp, this one included.
    const qint64 frames = m_unstampedSince + 1;
    const qint64 suspected = std::exchange(m_suspectedLost, 0);
    if (m_lastStampUs >= 0 && stamp.us > m_lastStampUs) {
        const qint64 interval = stamp.us - m_lastStampUs;
        // Rounded: up to half a period of jitter either way is not a lost frame.
        auto missing = [interval, frames](qint64 period) {
            return period > 0 ? qMax<qint64>(0, std::llround(double(interval) / double(period)) - frames) : 0;
        };
        switch (stamp.gap) {
        case DeviceGap::Loss:
            lost = missing(m_frameDurationUs);
            break;
        case DeviceGap::Unknown: {
            // A webcam slows down in the dark by itself (auto-exposure halves its rate at dusk):
            // a long interval against its recent pace is a loss only if the pace comes back with
            // the next one; a new, slower pace is not (its first intervals are all "long" until
            // the median follows). So a gap is counted one frame late. Until the device has a
            // pace, nothing is counted.
            // "Comes back" is judged against the pace the gap was measured with: the median
            // itself moves towards a new, slower pace.
            const qint64 paceUs = pace();
            const qint64 longBy = missing(paceUs);
            if (suspected > 0 && missing(m_suspectedPaceUs) == 0)
                lost = suspected;
            if (longBy > 0) {
                m_suspectedLost = longBy;
                m_suspectedPaceUs = paceUs;
            }
            break;
        }
        case DeviceGap::NotLoss:
            break;
        }
        m_intervals[size_t(m_intervalNext)] = interval / frames;
        m_intervalNext = (m_intervalNext + 1) % kPaceWindow;
        m_intervalCount = qMin(m_intervalCount + 1, kPaceWindow);
    }
    m_lastStampUs = stamp.us;
    m_unstampedSince = 0;
    return lost;
}

qint64 TimestampMapper::pace() const
{
    if (m_intervalCount == 0)
        return 0;
    // The median: one long gap among the recent intervals does not move it.
    // Insertion sort of at most kPaceWindow values.
    std::array<qint64, kPaceWindow> sorted{};
    for (int i = 0; i < m_intervalCount; ++i) {
        int j = i;
        for (; j > 0 && sorted[size_t(j - 1)] > m_intervals[size_t(i)]; --j)
            sorted[size_t(j)] = sorted[size_t(j - 1)];
        sorted[size_t(j)] = m_intervals[size_t(i)];
    }
    return sorted[size_t(m_intervalCount / 2)];
}

QString TimestampMapper::once(bool &said, const QString &text)
{
    if (said)
        return QString();
    said = true;
    return text;
}
