// SPDX-License-Identifier: MIT
// Collects the offload's metrics from recorder-offload's status file (docs/offload.md, docs/metrics.md).
#pragma once

#include "collector.h"
#include "samplefilter.h"

#include <clockreading.h>

#include <functional>

// Reentrant. Reads through OffloadStatusReader; never writes. The exporter only creates it when
// [offload] enabled is true, so a recorder without offload has none of these families.
class OffloadCollector : public Collector
{
public:
    using Clock = std::function<ClockReading()>;

    // recorder-offload rewrites its status every 10 s: older than this, it is not running.
    static constexpr double kStaleSeconds = 30;

    explicit OffloadCollector(const QString &path, Clock clock = &ClockReading::now);

    QString source() const override { return QStringLiteral("offload"); }
    QString collect(prometheus::Registry &registry) override;

private:
    QString m_path;
    Clock m_clock;
    SampleFilter m_filter{QStringLiteral("offload")};
};
