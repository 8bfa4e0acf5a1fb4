// SPDX-License-Identifier: MIT
// What the exporter's metrics said since the dashboard started, and the figures a person wants from them.
#include "metricshistory.h"

#include <algorithm>
#include <cmath>

namespace {
const QString kState = QStringLiteral("state");
const QString kDeleted = QStringLiteral("deleted");

const QString kCondition = QStringLiteral("condition");
const QString kUnderVoltage = QStringLiteral("under_voltage");

std::optional<double> finite(std::optional<double> value)
{
    return value && std::isfinite(*value) ? value : std::nullopt;
}

// Whether any sample of the exporter's per-condition family `name` is set, taking only under-voltage
// (`underVoltage`) or every other condition; nullopt when the exporter has none (not a Pi).
std::optional<bool> condition(const PrometheusText::Document &metrics, const char *name, bool underVoltage)
{
    const PrometheusText::Family *family = metrics.family(QLatin1String(name));
    if (!family)
        return std::nullopt;
    std::optional<bool> set;
    for (const PrometheusText::Sample &s : family->samples) {
        if ((s.labels.value(kCondition) == kUnderVoltage) != underVoltage || !std::isfinite(s.value))
            continue;
        set = set.value_or(false) || s.value != 0;
    }
    return set;
}
} // namespace

double MetricsHistory::Counter::advance(std::optional<double> value)
{
    value = finite(value);
    if (!value)
        return 0; // a reading without the counter says nothing about it; the next one compares to `last`
    seen = true;
    const std::optional<double> previous = last;
    last = value;
    if (!previous)
        return 0; // the first reading: its value counts what happened before the dashboard started
    return *value >= *previous ? *value - *previous : *value;
}

void MetricsHistory::add(double atSeconds, const PrometheusText::Document &metrics)
{
    if (m_firstAt && atSeconds < m_lastAt)
        return;
    if (!m_firstAt)
        m_firstAt = atSeconds;
    m_lastAt = atSeconds;

    if (m_steps.empty() || atSeconds - m_steps.back().start >= kStepSeconds)
        m_steps.push_back({atSeconds, atSeconds, 0, 0, std::nullopt});
    Step &step = m_steps.back();
    step.end = atSeconds;
    step.dropped += m_dropped.advance(metrics.value(QStringLiteral("recorder_frames_dropped_total")));
    step.restarts += m_restarts.advance(metrics.value(QStringLiteral("recorder_watchdog_restarts_total")));
    const std::optional<double> freeBytes = finite(metrics.value(QStringLiteral("recorder_disk_free_bytes")));
    if (freeBytes)
        step.freeBytes = freeBytes;
    while (!m_steps.empty() && m_steps.front().end < atSeconds - kWindowSeconds)
        m_steps.pop_front();

    Figures &f = m_latest;
    f.recordedSeconds = finite(metrics.sum(QStringLiteral("recorder_recorded_seconds"), kState, kDeleted));
    f.recordingsBytes = finite(metrics.sum(QStringLiteral("recorder_recordings_bytes"), kState, kDeleted));
    f.freeBytes = freeBytes;
    f.uploadQueue = finite(metrics.value(QStringLiteral("recorder_upload_queue_size")));
    f.uploadOldestSeconds = finite(metrics.value(QStringLiteral("recorder_upload_oldest_pending_seconds")));
    const std::optional<double> connected = finite(metrics.value(QStringLiteral("recorder_internet_connected")));
    f.remoteReachable = connected ? std::optional<bool>(*connected != 0) : std::nullopt;
    f.cpuCelsius = finite(metrics.value(QStringLiteral("recorder_cpu_temperature_celsius")));
    f.cpuSlowed = condition(metrics, "recorder_cpu_throttle_condition", false);
    f.cpuSlowedSinceBoot = condition(metrics, "recorder_cpu_throttle_occurred", false);
    f.underVoltage = condition(metrics, "recorder_cpu_throttle_condition", true);
    f.underVoltageSinceBoot = condition(metrics, "recorder_cpu_throttle_occurred", true);
    if (!f.cpuSlowed) {
        // An exporter without the per-condition family: its one flag covers every condition.
        const std::optional<double> throttled = finite(metrics.value(QStringLiteral("recorder_cpu_throttled")));
        f.cpuSlowed = throttled ? std::optional<bool>(*throttled != 0) : std::nullopt;
    }
}

MetricsHistory::Figures MetricsHistory::figures() const
{
    Figures f = m_latest;
    if (!m_firstAt)
        return f;
    const double windowStart = std::max(*m_firstAt, m_lastAt - kWindowSeconds);
    f.coveredSeconds = m_lastAt - windowStart;
    double restarts = 0;
    f.droppedPerStep.clear();
    const Step *oldestFree = nullptr;
    for (const Step &step : m_steps) {
        restarts += step.restarts;
        f.droppedPerStep.append(step.dropped);
        if (!oldestFree && step.freeBytes)
            oldestFree = &step;
    }
    f.watchdogRestarts = m_restarts.seen ? std::optional<double>(restarts) : std::nullopt;

    // Days left: free bytes above min_free over the rate they shrank at across the history (up to 24 h).
    f.trend = Trend::TooLittleHistory;
    if (f.freeBytes && *f.freeBytes <= m_minFreeBytes) {
        f.trend = Trend::Deleting;
    } else if (oldestFree && f.freeBytes) {
        const double span = m_lastAt - oldestFree->end;
        if (span >= kMinTrendSeconds) {
            const double shrunk = *oldestFree->freeBytes - *f.freeBytes;
            if (shrunk >= kMinFillBytes) {
                f.trend = Trend::Filling;
                f.daysLeft = std::min(kMaxDaysLeft, (*f.freeBytes - m_minFreeBytes) / (shrunk / span) / 86400.0);
            } else {
                f.trend = Trend::NotFilling;
            }
        }
    }
    return f;
}
