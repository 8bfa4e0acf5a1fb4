// SPDX-License-Identifier: MIT
// Collects the CPU temperature and the Raspberry Pi firmware's throttling flags from sysfs (docs/metrics.md).
#pragma once

#include "collector.h"

// Reentrant; only reads sysfs files. Off a Pi (no cpu thermal zone, no firmware file) it adds
// nothing and reports no error: the metrics are simply absent. Unreadable or garbled content is
// an error line and that metric is left out.
class ThermalCollector : public Collector
{
public:
    // Firmware bits of get_throttled (Raspberry Pi's vcgencmd get_throttled uses the same word):
    // bits 0-3 say what holds now, bits 16-19 what has happened since boot.
    struct Condition {
        const char *label;
        int bit;
    };
    static constexpr Condition kConditions[] = {
        {"under_voltage", 0}, {"frequency_capped", 1}, {"throttled", 2}, {"soft_temp_limit", 3}};
    static constexpr int kSinceBootShift = 16;

    // `sysfsRoot` is /sys in production; tests pass a fake tree.
    explicit ThermalCollector(const QString &sysfsRoot = QStringLiteral("/sys"));

    QString source() const override { return QStringLiteral("thermal"); }
    QString collect(prometheus::Registry &registry) override;

    // The thermal zone folder to read: the lowest-numbered zone of type "cpu-thermal" (Raspberry Pi),
    // else the lowest-numbered one whose type contains "cpu" or is "x86_pkg_temp"; empty when none.
    QString cpuZone() const;

    // The firmware's get_throttled file: devices/platform/soc/soc:firmware/get_throttled, else the
    // first devices/platform/*/*:firmware/get_throttled in name order; empty when there is none.
    QString throttledFile() const;

private:
    QString collectTemperature(prometheus::Registry &registry) const;
    QString collectThrottling(prometheus::Registry &registry) const;

    QString m_root;
};
