// SPDX-License-Identifier: MIT
// How many buffers to ask a camera for, and how many frames the camera lost when they ran out.
#include "camerabuffers.h"

#include <cmath>

int CameraBuffers::countFor(int queueDepth)
{
    return qBound(kMinimum, queueDepth + kBeyondQueue, kMaximum);
}

CameraBuffers::CameraBuffers(qint64 frameDurationNs)
    : m_frameDurationNs(frameDurationNs > 0 ? frameDurationNs : 1)
{
}

qint64 CameraBuffers::lostBefore(qint64 sequence, qint64 timestampNs, bool afterDryPool)
{
    qint64 bySequence = 0;
    if (m_lastSequence >= 0 && sequence > m_lastSequence + 1)
        bySequence = sequence - m_lastSequence - 1;
    qint64 byTime = 0;
    if (afterDryPool && m_lastTimestampNs >= 0 && timestampNs > m_lastTimestampNs) {
        // Rounded: a frame period of jitter either way is not a lost frame.
        const qint64 periods = std::llround(double(timestampNs - m_lastTimestampNs) / double(m_frameDurationNs));
        byTime = qMax<qint64>(0, periods - 1);
    }
    m_lastSequence = sequence;
    m_lastTimestampNs = timestampNs;
    return qMax(bySequence, byTime);
}
