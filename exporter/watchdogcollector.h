// SPDX-License-Identifier: MIT
// Collects the watchdog's metrics from its status file (docs/watchdog.md, docs/metrics.md).
#pragma once

#include "collector.h"
#include "samplefilter.h"

#include <clockreading.h>

#include <functional>

// Reentrant. Reads through WatchdogStatus::read; never writes. A negative count is left out
// (SampleFilter), a negative total counts as 0.
class WatchdogCollector : public Collector
{
public:
    using Clock = std::function<ClockReading()>;

    // The status is stale after kStaleChecks check intervals: the document's own
    // check_interval_seconds, or `checkIntervalSeconds` ([watchdog] check_interval) when it has none.
    static constexpr double kStaleChecks = 3;

    WatchdogCollector(const QString &path, double checkIntervalSeconds, Clock clock = &ClockReading::now);

    QString source() const override { return QStringLiteral("watchdog"); }
    QString collect(prometheus::Registry &registry) override;

private:
    QString m_path;
    double m_checkIntervalSeconds;
    Clock m_clock;
    SampleFilter m_filter{QStringLiteral("watchdog")};
};
