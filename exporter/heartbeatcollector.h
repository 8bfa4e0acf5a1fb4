// SPDX-License-Identifier: MIT
// Collects the recorder's metrics from its heartbeat file (docs/heartbeat.md, docs/metrics.md).
#pragma once

#include "collector.h"
#include "samplefilter.h"

#include <clockreading.h>

#include <functional>

// Reentrant. Reads through common's HeartbeatReader; never writes. Gauges out of their range
// (negative bytes or seconds, NaN, more than kMaxFps) are left out (SampleFilter); strings become
// bounded label values (MetricFamilies::labelValue).
class HeartbeatCollector : public Collector
{
public:
    using Clock = std::function<ClockReading()>;

    // `timeoutSeconds` is [heartbeat] timeout: an older heartbeat is stale and recorder_up is 0.
    // `clock` gives "now"; tests pass a fixed reading so the age in the output is exact.
    HeartbeatCollector(const QString &path, double timeoutSeconds, Clock clock = &ClockReading::now);

    QString source() const override { return QStringLiteral("heartbeat"); }
    QString collect(prometheus::Registry &registry) override;

    // A heartbeat this old (or from the future by more than a second, or from another boot) is stale.
    static bool fresh(double ageSeconds, bool sameBoot, double timeoutSeconds);

    static constexpr double kMaxFps = 1000;
    static constexpr double kMaxSeconds = 100 * 365.25 * 86400; // a century: any larger is garbage
    static constexpr double kMaxBytes = 9007199254740992.0;      // 2^53: larger is not exact in a double

private:
    QString m_path;
    double m_timeoutSeconds;
    Clock m_clock;
    SampleFilter m_filter{QStringLiteral("heartbeat")};
};
