// SPDX-License-Identifier: MIT
// Status LEDs: which LED shows what, and each one's on/off from the pattern table and the time.
#include "statusleds.h"

void StatusLeds::addLed(const QList<LedPattern::Role> &roles, Output output)
{
    m_leds.append(Led{roles, std::move(output)});
}

bool StatusLeds::holds(LedPattern::Role role, const Facts &facts)
{
    switch (role) {
    case LedPattern::Role::Error: return facts.state == RecorderState::Error;
    case LedPattern::Role::Warning:
        return facts.state == RecorderState::Recording && facts.warningFraction == facts.warningFraction;
    case LedPattern::Role::StorageLow: return facts.storageLow;
    case LedPattern::Role::Recording: return facts.state == RecorderState::Recording;
    case LedPattern::Role::Ready: return facts.state == RecorderState::Ready;
    }
    return false;
}

qint64 StatusLeds::show(const Facts &facts, qint64 nowMs)
{
    const QList<LedPattern> &table = LedPattern::table();
    qint64 next = -1;
    for (Led &led : m_leds) {
        int shown = -1;
        for (int i = 0; i < table.size() && shown < 0; ++i) {
            if (led.roles.contains(table[i].role) && holds(table[i].role, facts))
                shown = i;
        }
        if (shown != led.shown) {
            led.shown = shown;
            led.sinceMs = nowMs;
        }
        bool on = false;
        if (shown >= 0) {
            const qint64 elapsed = nowMs - led.sinceMs;
            on = table[shown].isOn(elapsed, facts.warningFraction);
            const qint64 wait = table[shown].msToNextChange(elapsed, facts.warningFraction);
            if (wait >= 0 && (next < 0 || wait < next))
                next = wait;
        }
        // Written only on a change: a sysfs write or an ioctl per tick would be waste.
        if (led.lit != int(on)) {
            led.lit = int(on);
            led.output(on);
        }
    }
    return next;
}
