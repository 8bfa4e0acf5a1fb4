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

    enum class Trend { TooLittleHistory, NotFilling, Filling };

    struct Figures {
        std::optional<double> recordedSeconds; // playable seconds in the catalog, deleted left out
        std::optional<double> recordingsBytes; // bytes of those recordings
        std::optional<double> freeBytes;
        Trend trend = Trend::TooLittleHistory;
        double daysLeft = 0; // at the current rate; meaningful when trend is Filling
        // Counter increases seen within the window; nullopt when the exporter has no such counter.
        std::optional<double> watchdogRestarts;
        std::optional<double> watchdogReboots;
        double coveredSeconds = 0; // how far back those increases reach: < kWindowSeconds while young
        QList<double> droppedPerStep; // frames dropped per kStepSeconds, oldest first
        std::optional<double> uploadQueue;
        std::optional<double> cpuCelsius;
        std::optional<bool> throttled;
    };

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
        double reboots = 0;
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
    Counter m_reboots;
    std::optional<double> m_firstAt;
    double m_lastAt = 0;
    Figures m_latest;
};
