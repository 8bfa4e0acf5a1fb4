// SPDX-License-Identifier: MIT
// Status LEDs: which LED shows what, and each one's on/off from the pattern table and the time.
#pragma once

#include "ledpattern.h"
#include "recorderstate.h"

#include <QList>
#include <QString>

#include <functional>
#include <limits>

// Thread-bound to its caller's thread. A pure function of the recorder's facts and a clock the
// caller gives (milliseconds), so tests drive it without waiting; GpioPanel calls it from a timer.
class StatusLeds
{
public:
    // What the LEDs show, from the recorder's state.
    struct Facts {
        RecorderState state = RecorderState::Booting;
        // In a session past its first warning: the remaining time over the first warning's
        // (1 at the first warning, 0 at the end); NaN otherwise.
        double warningFraction = std::numeric_limits<double>::quiet_NaN();
        bool storageLow = false;
    };
    using Output = std::function<void(bool on)>;

    // One physical LED that shows `roles` (more than one when [leds] keys name the same LED).
    void addLed(const QList<LedPattern::Role> &roles, Output output);
    bool isEmpty() const { return m_leds.isEmpty(); }

    // Sets every LED for `facts` at `nowMs` (any monotonic clock) and returns the milliseconds
    // until one of them changes by itself, or -1 when none will until the facts change.
    qint64 show(const Facts &facts, qint64 nowMs);

    static bool holds(LedPattern::Role role, const Facts &facts);

private:
    struct Led {
        QList<LedPattern::Role> roles;
        Output output;
        int shown = -1;      // index in LedPattern::table() shown now, -1: dark
        qint64 sinceMs = 0;  // when it began: every pattern starts lit
        int lit = -1;        // last value written, -1 before the first
    };
    QList<Led> m_leds;
};
