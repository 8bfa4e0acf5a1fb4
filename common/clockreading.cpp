// SPDX-License-Identifier: MIT
// A moment as the boot id, CLOCK_BOOTTIME and the wall clock saw it: ages that survive NTP steps.
#include "clockreading.h"

#include <QFile>

#include <time.h>

ClockReading ClockReading::now()
{
    return ClockReading{currentBootId(), currentBoottimeSeconds(), QDateTime::currentDateTimeUtc()};
}

QString ClockReading::currentBootId()
{
    // Constant for the life of the process: read it once.
    static const QString id = [] {
        QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
        if (!file.open(QIODevice::ReadOnly))
            return QString();
        return QString::fromLatin1(file.readAll().trimmed());
    }();
    return id;
}

double ClockReading::currentBoottimeSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double ClockReading::secondsSince(const ClockReading &earlier) const
{
    if (sameBoot(earlier))
        return boottimeSeconds - earlier.boottimeSeconds;
    return static_cast<double>(earlier.wall.msecsTo(wall)) / 1000.0;
}
