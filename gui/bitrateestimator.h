// SPDX-License-Identifier: MIT
// The recorder's write rate from successive heartbeats, for "time left on disk".
#pragma once

#include <QList>
#include <QPair>

// Reentrant value type. Keeps the samples of the last window; a counter that goes backwards
// (the recorder restarted) starts over rather than producing a negative rate.
class BitrateEstimator
{
public:
    explicit BitrateEstimator(double windowSeconds = 30) : m_windowSeconds(windowSeconds) {}

    // `boottimeSeconds` of the heartbeat's write and its bytes_written counter.
    void add(double boottimeSeconds, qint64 bytesWritten);
    void clear() { m_samples.clear(); }
    // Bits per second over the window, or 0 until two samples at least a second apart exist.
    double bitsPerSecond() const;

private:
    double m_windowSeconds;
    QList<QPair<double, qint64>> m_samples;
};
