// SPDX-License-Identifier: MIT
// The recorder's write rate from successive heartbeats, for "time left on disk".
#include "bitrateestimator.h"

void BitrateEstimator::add(double boottimeSeconds, qint64 bytesWritten)
{
    if (!m_samples.isEmpty()) {
        const auto &last = m_samples.constLast();
        if (boottimeSeconds == last.first)
            return; // the same heartbeat read twice
        if (boottimeSeconds < last.first || bytesWritten < last.second)
            m_samples.clear();
    }
    m_samples.append({boottimeSeconds, bytesWritten});
    while (m_samples.size() > 2 && boottimeSeconds - m_samples.constFirst().first > m_windowSeconds)
        m_samples.removeFirst();
}

double BitrateEstimator::bitsPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const double seconds = m_samples.constLast().first - m_samples.constFirst().first;
    if (seconds < 1)
        return 0;
    return static_cast<double>(m_samples.constLast().second - m_samples.constFirst().second) * 8.0 / seconds;
}
