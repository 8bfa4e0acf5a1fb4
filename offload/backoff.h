// SPDX-License-Identifier: MIT
// How long the uploader waits after failed attempts before it tries the remote again.
#pragma once

// Reentrant value type. The wait starts at 30 s and doubles with each failure in a row, up to
// [offload] retry_max_backoff; a success (or Retry) clears it.
class Backoff
{
public:
    static constexpr double kFirstSeconds = 30.0;

    explicit Backoff(double maxSeconds) : m_maxSeconds(maxSeconds) {}

    // Records a failure; returns the wait before the next attempt, in seconds.
    double fail();
    void reset() { m_failures = 0; }

    int failures() const { return m_failures; }
    // The wait the last failure asked for; 0 when none failed since the last success.
    double seconds() const;

private:
    double m_maxSeconds;
    int m_failures = 0;
};
