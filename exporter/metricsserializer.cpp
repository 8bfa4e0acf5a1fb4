// SPDX-License-Identifier: MIT
// Turns prometheus-cpp metric families into Prometheus text format 0.0.4, in a stable order.
#include "metricsserializer.h"

#include <prometheus/text_serializer.h>

#include <algorithm>
#include <sstream>

QByteArray MetricsSerializer::serialize(std::vector<prometheus::MetricFamily> families)
{
    using prometheus::ClientMetric;
    using prometheus::MetricFamily;
    std::stable_sort(families.begin(), families.end(),
                     [](const MetricFamily &a, const MetricFamily &b) { return a.name < b.name; });
    for (MetricFamily &family : families) {
        std::sort(family.metric.begin(), family.metric.end(),
                  [](const ClientMetric &a, const ClientMetric &b) { return a.label < b.label; });
    }
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, families);
    const std::string text = out.str();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}
