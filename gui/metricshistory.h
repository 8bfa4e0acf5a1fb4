// SPDX-License-Identifier: MIT
// What the exporter's metrics said since the dashboard started, and the figures a person wants from them.
#pragma once

#include "prometheustext.h"

#include <QList>

#include <deque>
#include <optional>

// Thread-bound to the UI thread (a plain value class, fed by MetricsClient's replies). Memory is
// bounded: one step per kStepSeconds, at most kWindowSeconds of steps, however often it is fed.
class MetricsHistory
{
public:
    static constexpr double kStepSeconds = 60;            // the sparkline's resolution: one bar a minute
    static constexpr double kWindowSeconds = 24 * 3600.0; // "over the last 24 h"
    static constexpr double kMinTrendSeconds = 600;       // a fill rate over less is noise (a segment, a deletion)
    // A drop in free space smaller than this is noise too (a segment written, a log rotated): not "filling".
    static constexpr double kMinFillBytes = 100e6;
    // Further than this the rate says nothing useful; also keeps daysLeft well inside int.
    static constexpr double kMaxDaysLeft = 366;

    // Deleting: free space is at [storage] min_free already, so retention deletes old recordings now.
    enum class Trend { TooLittleHistory, NotFilling, Filling, Deleting };

    struct Figures {
        std::optional<double> recordedSeconds; // playable seconds in the catalog, deleted left out
        std::optional<double> recordingsBytes; // bytes of those recordings
        std::optional<double> freeBytes;
        Trend trend = Trend::TooLittleHistory;
        // Days until free space reaches min_free at the current rate, when retention starts deleting
        // old recordings; meaningful when trend is Filling, at most kMaxDaysLeft.
        double daysLeft = 0;
        // Counter increases seen within the window; nullopt when the exporter has no such counter.
        // Reboots are not counted here: a reboot restarts the dashboard too, so it never sees that
        // counter rise; the page takes them from the watchdog's own 24 h figure instead.
        std::optional<double> watchdogRestarts;
        double coveredSeconds = 0; // how far back those increases reach: < kWindowSeconds while young
        QList<double> droppedPerStep; // frames dropped per kStepSeconds, oldest first
        // Offload ([offload] enabled): recordings waiting, how long the oldest has waited, and
        // whether the remote answered; nullopt when the exporter serves no such family.
        std::optional<double> uploadQueue;
        std::optional<double> uploadOldestSeconds;
        std::optional<bool> remoteReachable;
        std::optional<double> cpuCelsius;
        // The Pi firmware's flags: the CPU slowed down (frequency capped, throttled, soft temperature
        // limit) and the power supply too weak (under-voltage), now and at any time since boot.
        std::optional<bool> cpuSlowed;
        std::optional<bool> cpuSlowedSinceBoot;
        std::optional<bool> underVoltage;
        std::optional<bool> underVoltageSinceBoot;
    };

    // `minFreeBytes` is [storage] min_free: what "full" means, as retention deletes from there on.
    explicit MetricsHistory(double minFreeBytes = 0) : m_minFreeBytes(minFreeBytes) {}

    // `atSeconds` is a monotonic time (the dashboard's uptime); a reading older than the last is ignored.
    void add(double atSeconds, const PrometheusText::Document &metrics);
    Figures figures() const;
    int stepCount() const { return int(m_steps.size()); }

private:
    struct Step {
        double start = 0;
        double end = 0;
        double dropped = 0;  // counter increases within the step
        double restarts = 0;
        std::optional<double> freeBytes; // the last reading within the step
    };
    struct Counter {
        std::optional<double> last;
        bool seen = false;
        // The increase since the last reading; a smaller value means the counter restarted from 0.
        double advance(std::optional<double> value);
    };

    std::deque<Step> m_steps;
    Counter m_dropped;
    Counter m_restarts;
    double m_minFreeBytes = 0;
    std::optional<double> m_firstAt;
    double m_lastAt = 0;
    Figures m_latest;
};
