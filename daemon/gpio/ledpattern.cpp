// SPDX-License-Identifier: MIT
// The one table of status LED patterns: which state each [leds] key shows, and how it blinks.
#include "ledpattern.h"

#include <algorithm>

const QList<LedPattern> &LedPattern::table()
{
    // docs/gpio.md shows this table; keep them together.
    static const QList<LedPattern> rows{
        {Role::Error, "error", "fast blink", 100, 200, false},
        {Role::Warning, "warning", "blink, faster as the end nears", 500, 1000, true},
        {Role::StorageLow, "storage_low", "blink", 500, 1000, false},
        {Role::Recording, "recording", "steady", 1000, 1000, false},
        // A short flash every two seconds: plainly alive, but not mistaken for recording.
        {Role::Ready, "ready", "slow pulse", 150, 2000, false},
    };
    return rows;
}

const LedPattern &LedPattern::of(Role role)
{
    for (const LedPattern &p : table()) {
        if (p.role == role)
            return p;
    }
    return table().front();
}

int LedPattern::periodAt(double remainingFraction) const
{
    if (!countdown)
        return periodMs;
    // No known remaining time (NaN) blinks at the slowest rate.
    const double f = remainingFraction == remainingFraction ? std::clamp(remainingFraction, 0.0, 1.0) : 1.0;
    const double period = kShortestPeriodMs + (periodMs - kShortestPeriodMs) * f;
    return static_cast<int>(period);
}

bool LedPattern::isOn(qint64 elapsedMs, double remainingFraction) const
{
    const int period = periodAt(remainingFraction);
    const int on = countdown ? period / 2 : onMs;
    return on >= period || elapsedMs % period < on;
}

qint64 LedPattern::msToNextChange(qint64 elapsedMs, double remainingFraction) const
{
    const int period = periodAt(remainingFraction);
    const int on = countdown ? period / 2 : onMs;
    if (on >= period)
        return -1;
    const qint64 phase = elapsedMs % period;
    return phase < on ? on - phase : period - phase;
}
