// SPDX-License-Identifier: MIT
// Two hours of made-up /metrics readings, so the figures page can be pictured with a history (offload on).
#include "figuresfixture.h"

#include "figurespage.h"

#include <QString>

void FiguresFixture::feed(FiguresPage &page)
{
    constexpr int kMinutes = 120;
    double dropped = 7;
    for (int minute = 0; minute <= kMinutes; ++minute) {
        // Bursts where a slow card held the encoder up, now and then.
        if (minute % 17 == 5)
            dropped += 12 + minute % 7;
        else if (minute % 29 == 3)
            dropped += 3;
        const double freeBytes = 24e9 - minute * 8.5e6;
        const int restarts = minute >= 70 ? 7 : 6;
        const QString text = QStringLiteral(
            "recorder_frames_dropped_total %1\n"
            "recorder_watchdog_restarts_total %2\nrecorder_watchdog_reboots_total 1\n"
            "recorder_disk_free_bytes %3\n"
            "recorder_recorded_seconds{state=\"complete\"} %4\nrecorder_recorded_seconds{state=\"deleted\"} 600\n"
            "recorder_recordings_bytes{state=\"complete\"} %5\nrecorder_recordings_bytes{state=\"deleted\"} 150000060\n"
            "recorder_cpu_temperature_celsius %6\nrecorder_cpu_throttled 0\n"
            // A weak power supply dipped once since boot; nothing now.
            "recorder_cpu_throttle_condition{condition=\"under_voltage\"} 0\n"
            "recorder_cpu_throttle_condition{condition=\"throttled\"} 0\n"
            "recorder_cpu_throttle_occurred{condition=\"under_voltage\"} 1\n"
            "recorder_cpu_throttle_occurred{condition=\"throttled\"} 0\n"
            // Offload on: a few recordings wait, the oldest for a while (the remote was away).
            "recorder_offload_up 1\nrecorder_internet_connected 1\nrecorder_upload_success_rate 0.95\n"
            "recorder_upload_queue_size %7\nrecorder_upload_oldest_pending_seconds %8\n")
                                 .arg(dropped)
                                 .arg(restarts)
                                 .arg(freeBytes, 0, 'f', 0)
                                 .arg(15600 + minute * 60)
                                 .arg(3.9e9 + minute * 8.5e6, 0, 'f', 0)
                                 .arg(61.5 + (minute % 10) * 0.3)
                                 .arg(3 + minute % 2)
                                 .arg(300 + minute * 60);
        page.addMetrics(minute * 60.0, PrometheusText::parse(text.toUtf8()));
    }
}
