// SPDX-License-Identifier: MIT
// Collects the watchdog's metrics from its status file (docs/watchdog.md, docs/metrics.md).
#include "watchdogcollector.h"

#include "metricfamilies.h"

#include <watchdogstatus.h>

using namespace MetricFamilies;

namespace {

constexpr double kFutureToleranceSeconds = 1.0;
constexpr double kMaxRestartsInWindow = 1e6; // a counter that large is garbage, not restarts

void addUp(prometheus::Registry &registry, bool up)
{
    setGauge(registry, "recorder_watchdog_up",
             "1 when the watchdog's status file is fresh, 0 when stale, missing or unreadable.", up ? 1 : 0);
}

} // namespace

WatchdogCollector::WatchdogCollector(const QString &path, double checkIntervalSeconds, Clock clock)
    : m_path(path), m_checkIntervalSeconds(checkIntervalSeconds), m_clock(std::move(clock))
{
}

QString WatchdogCollector::collect(prometheus::Registry &registry)
{
    const WatchdogStatus::ReadResult result = WatchdogStatus::read(m_path);
    if (!result.ok()) {
        addUp(registry, false);
        return JsonFileReader::statusName(result.status) + QStringLiteral(": ") + result.reason;
    }

    const WatchdogStatus &status = result.document;
    const ClockReading now = m_clock();
    const double age = now.secondsSince(status.written);
    const double interval = status.checkIntervalSeconds > 0 ? status.checkIntervalSeconds : m_checkIntervalSeconds;
    const bool up = now.sameBoot(status.written) && age >= -kFutureToleranceSeconds && age <= kStaleChecks * interval;

    addUp(registry, up);
    setGauge(registry, "recorder_watchdog_status_age_seconds", "Seconds since the watchdog last wrote its status.",
             age);
    setCounter(registry, "recorder_watchdog_restarts_total", "Recorder restarts the watchdog has requested.",
               double(status.restartsTotal));
    m_filter.setGauge(registry, "recorder_watchdog_restarts_in_window",
                      "Restarts within [watchdog] restart_window; at max_restart_attempts the watchdog asks for a "
                      "reboot.",
                      double(status.restartsInWindow), 0, kMaxRestartsInWindow);
    setCounter(registry, "recorder_watchdog_reboots_total", "Reboots the watchdog has requested.",
               double(status.rebootsTotal));
    setGauge(registry, "recorder_watchdog_degraded",
             "1 when the watchdog has used up its reboots for the day and only restarts.", status.degraded ? 1 : 0);
    setGauge(registry, "recorder_watchdog_config_error",
             "1 when the recorder failed with a configuration error (exit 78): no restart, no reboot until it runs again.",
             status.configError ? 1 : 0);
    m_filter.finish();
    return {};
}
