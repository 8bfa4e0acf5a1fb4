// SPDX-License-Identifier: MIT
// Collects the offload's metrics from recorder-offload's status file (docs/offload.md, docs/metrics.md).
#include "offloadcollector.h"

#include "metricfamilies.h"

#include <offloadstatusreader.h>

#include <algorithm>
#include <cmath>

using namespace MetricFamilies;

namespace {

constexpr double kFutureToleranceSeconds = 1.0;

void addUp(prometheus::Registry &registry, bool up)
{
    setGauge(registry, "recorder_offload_up",
             "1 when recorder-offload's status file is fresh (written in the last 30 s), 0 when stale, missing or "
             "unreadable.",
             up ? 1 : 0);
}

} // namespace

OffloadCollector::OffloadCollector(const QString &path, Clock clock) : m_path(path), m_clock(std::move(clock)) {}

QString OffloadCollector::collect(prometheus::Registry &registry)
{
    const OffloadStatusReader::Result result = OffloadStatusReader::read(m_path);
    if (!result.ok()) {
        addUp(registry, false);
        return JsonFileReader::statusName(result.status) + QStringLiteral(": ") + result.reason;
    }

    const OffloadStatusReader::Status &status = result.document;
    // The status carries only a wall-clock time (no boot id): a clock step can make it look stale
    // for one collection, which is what the next rewrite (10 s) corrects.
    const double age = double(status.time.msecsTo(m_clock().wall)) / 1000.0;
    addUp(registry, age >= -kFutureToleranceSeconds && age < kStaleSeconds);

    // A null rate (no attempt among the last 20) is "unknown", never a 0 that would fire alerts; it
    // is what the uploader writes at every start, so it is left out without a warning.
    if (!std::isnan(status.successRate))
        m_filter.setGauge(registry, "recorder_upload_success_rate",
                          "Share of the last 20 upload attempts that succeeded, 0 to 1; absent before the first attempt.",
                          status.successRate, 0, 1);
    auto &uploads = counter(registry, "recorder_uploads_total",
                            "Uploads finished since recorder-offload started, by result (success: copied and verified).");
    // Both results always exist, so a ratio of their increases works from the first scrape.
    uploads.Add({{"result", "success"}}).Increment(std::max(0.0, status.uploadsSucceeded));
    uploads.Add({{"result", "failure"}}).Increment(std::max(0.0, status.uploadsFailed));
    setCounter(registry, "recorder_upload_bytes_total",
               "Bytes uploaded and verified on the remote since recorder-offload started.", status.bytesUploaded);
    setGauge(registry, "recorder_internet_connected",
             "1 when the remote answered recorder-offload's last probe or copy, else 0.",
             status.internetConnected ? 1 : 0);
    m_filter.finish();
    return {};
}
