// SPDX-License-Identifier: MIT
// The one table of status LED patterns: which state each [leds] key shows, and how it blinks.
#pragma once

#include <QList>
#include <QString>

// A value type; the table is constant. Rows are in priority order: when several states share one
// LED, the first one that holds is shown (an error outshines recording).
struct LedPattern {
    enum class Role { Error, Warning, StorageLow, Recording, Ready };

    Role role;
    const char *key;      // its [leds] key
    const char *pattern;  // its name in docs/gpio.md
    int onMs;             // lit for this long ...
    int periodMs;         // ... at the start of every period; onMs == periodMs: steady
    bool countdown;       // the period shrinks from periodMs to kShortestPeriodMs as the session's end nears

    static constexpr int kShortestPeriodMs = 200;

    static const QList<LedPattern> &table();
    static const LedPattern &of(Role role);

    // The period now; `remainingFraction` (0 at the end, 1 at the first warning) matters only for
    // a countdown.
    int periodAt(double remainingFraction) const;
    // Whether the LED is lit `elapsedMs` after the state began.
    bool isOn(qint64 elapsedMs, double remainingFraction) const;
    // Milliseconds from `elapsedMs` until isOn() changes; -1 for a steady light.
    qint64 msToNextChange(qint64 elapsedMs, double remainingFraction) const;
};
