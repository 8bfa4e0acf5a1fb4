// SPDX-License-Identifier: MIT
// Collects the recorder's metrics from its heartbeat file (docs/heartbeat.md, docs/metrics.md).
#include "heartbeatcollector.h"

#include "metricfamilies.h"

#include <heartbeatreader.h>

#include <algorithm>
#include <cmath>

using namespace MetricFamilies;

namespace {

constexpr double kFutureToleranceSeconds = 1.0; // writer and reader round boottime differently

std::string text(const QString &s)
{
    return s.toStdString();
}

// Families that are present in every scrape, so alerts never see them vanish.
void addStatus(prometheus::Registry &registry, bool up, const QString &state, bool recording)
{
    setGauge(registry, "recorder_up",
             "1 when the recorder's heartbeat is fresh, 0 when stale, missing or unreadable.", up ? 1 : 0);
    auto &states = gauge(registry, "recorder_state",
                         "1 for the recorder's current state, 0 for the others; all 0 when the heartbeat is not fresh.");
    for (const QString &name : Heartbeat::states())
        states.Add({{"state", text(name)}}).Set(up && name == state ? 1 : 0);
    setGauge(registry, "recorder_recording_active", "1 while a file is being written (fresh heartbeat only).",
             up && recording ? 1 : 0);
}

void addLastReported(prometheus::Registry &registry, const Heartbeat &hb, SampleFilter &filter)
{
    filter.setGauge(registry, "recorder_uptime_seconds", "Seconds since the recorder started, as last reported.",
                    hb.uptimeSeconds, 0, HeartbeatCollector::kMaxSeconds);
    setCounter(registry, "recorder_errors_total", "Errors since the recorder started.", double(hb.errorCount));
    setCounter(registry, "recorder_restarts_total", "Recorder starts recorded in its state directory.",
               double(hb.restartCount));
    setCounter(registry, "recorder_frames_captured_total", "Frames captured since the recorder started.",
               double(hb.framesCaptured));
    setCounter(registry, "recorder_frames_dropped_total",
               "Frames dropped anywhere in the pipeline since the recorder started.", double(hb.framesDropped));
    setCounter(registry, "recorder_bytes_written_total", "Bytes of video written since the recorder started.",
               double(hb.bytesWritten));
    const bool freeKnown =
        filter.setGauge(registry, "recorder_disk_free_bytes", "Free bytes on the recordings filesystem.",
                        double(hb.diskFreeBytes), 0, HeartbeatCollector::kMaxBytes);
    const bool sizeKnown =
        filter.setGauge(registry, "recorder_disk_size_bytes", "Size in bytes of the recordings filesystem.",
                        double(hb.diskTotalBytes), 0, HeartbeatCollector::kMaxBytes);
    if (freeKnown && sizeKnown && hb.diskTotalBytes > 0) {
        const double used = double(hb.diskTotalBytes - hb.diskFreeBytes) / double(hb.diskTotalBytes);
        setGauge(registry, "recorder_disk_usage_ratio", "Used fraction (0 to 1) of the recordings filesystem.",
                 std::clamp(used, 0.0, 1.0));
    }
    // Only the state, not catalog_error: free text in a label would make a new series per message.
    setGauge(registry, "recorder_catalog_degraded",
             "1 when the recorder reports its catalog cannot take writes (rows wait in memory, recording goes on), "
             "as last reported.",
             hb.catalog == QLatin1String("degraded") ? 1 : 0);
    // Like the catalog: the state only; gpio_error is in the heartbeat and the log.
    setGauge(registry, "recorder_gpio_unavailable",
             "1 when the recorder's button or status LEDs are configured but cannot be used (chip missing, line "
             "held by another program), as last reported.",
             hb.gpio == QLatin1String("unavailable") ? 1 : 0);
    // Sound ([audio]): a missing microphone never stops the video, so it has its own state.
    auto &audio = gauge(registry, "recorder_audio_state",
                        "1 for the recorder's sound state (off, ok, missing), 0 for the others, as last reported.");
    for (const char *name : {"off", "ok", "missing"})
        audio.Add({{"state", name}}).Set(hb.audio == QLatin1String(name) ? 1 : 0);
    if (!std::isnan(hb.audioLevelDbfs))
        filter.setGauge(registry, "recorder_audio_level_dbfs",
                        "Peak sound level over the last second in dBFS (-100 is silence), as last reported.",
                        hb.audioLevelDbfs, -100, 0);
    setCounter(registry, "recorder_audio_frames_dropped_total",
               "AAC frames (1024 samples) of sound lost since the recorder started.", double(hb.audioFramesDropped));
    gauge(registry, "recorder_build_info", "Always 1; labels say the recorder's version, video source and encoder.")
        .Add({{"version", labelValue(hb.version)}, {"source", labelValue(hb.camera)},
              {"encoder", labelValue(hb.encoder)}})
        .Set(1);
}

} // namespace

HeartbeatCollector::HeartbeatCollector(const QString &path, double timeoutSeconds, Clock clock)
    : m_path(path), m_timeoutSeconds(timeoutSeconds), m_clock(std::move(clock))
{
}

bool HeartbeatCollector::fresh(double ageSeconds, bool sameBoot, double timeoutSeconds)
{
    return sameBoot && ageSeconds >= -kFutureToleranceSeconds && ageSeconds <= timeoutSeconds;
}

QString HeartbeatCollector::collect(prometheus::Registry &registry)
{
    const HeartbeatReader::Result result = HeartbeatReader::read(m_path);
    if (!result.ok()) {
        addStatus(registry, false, QString(), false);
        return JsonFileReader::statusName(result.status) + QStringLiteral(": ") + result.reason;
    }

    const Heartbeat &hb = result.heartbeat;
    const ClockReading now = m_clock();
    const double age = HeartbeatReader::ageSeconds(hb, now);
    const bool up = fresh(age, now.sameBoot(hb.written), m_timeoutSeconds);

    addStatus(registry, up, hb.state, hb.recordingActive);
    setGauge(registry, "recorder_heartbeat_age_seconds",
             "Seconds since the recorder last wrote its heartbeat (CLOCK_BOOTTIME on the same boot).", age);
    const std::string fpsHelp = "Frames per second the recorder measured (fresh heartbeat only, else 0).";
    if (up)
        m_filter.setGauge(registry, "recorder_fps", fpsHelp, hb.fps, 0, kMaxFps);
    else
        setGauge(registry, "recorder_fps", fpsHelp, 0);
    // NaN is the heartbeat's null: outside a session, not a bad value.
    if (up && !std::isnan(hb.sessionRemainingSeconds)) {
        m_filter.setGauge(registry, "recorder_session_remaining_seconds",
                          "Seconds left in the current session; absent outside a session.",
                          hb.sessionRemainingSeconds, 0, kMaxSeconds);
    }
    addLastReported(registry, hb, m_filter);
    m_filter.finish();
    return {};
}
