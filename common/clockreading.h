// SPDX-License-Identifier: MIT
// A moment as the boot id, CLOCK_BOOTTIME and the wall clock saw it: ages that survive NTP steps.
#pragma once

#include <QDateTime>
#include <QString>

// Reentrant value type.
//
// A Raspberry Pi has no real-time clock: it boots with a saved time and the wall clock steps when
// NTP syncs. Ages between two readings on the same boot therefore use CLOCK_BOOTTIME (monotonic,
// counts suspend, shared by all processes); only readings from different boots fall back to the
// wall clock.
struct ClockReading {
    QString bootId;          // /proc/sys/kernel/random/boot_id
    double boottimeSeconds = 0; // CLOCK_BOOTTIME
    QDateTime wall;          // UTC

    static ClockReading now();
    static QString currentBootId();
    static double currentBoottimeSeconds();

    bool sameBoot(const ClockReading &other) const { return !bootId.isEmpty() && bootId == other.bootId; }
    // Seconds from `earlier` to this reading; negative when `earlier` lies in the future.
    double secondsSince(const ClockReading &earlier) const;
};
