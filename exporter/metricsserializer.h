// SPDX-License-Identifier: MIT
// Turns prometheus-cpp metric families into Prometheus text format 0.0.4, in a stable order.
#pragma once

#include <prometheus/metric_family.h>

#include <QByteArray>

#include <vector>

// Reentrant, pure: no I/O, no clock. The escaping and number formatting are prometheus-cpp's
// TextSerializer (locale-independent); this class only fixes the order of samples, which
// prometheus-cpp keeps in a hash map, so that the same inputs always give the same bytes.
class MetricsSerializer
{
public:
    static constexpr const char *kContentType = "text/plain; version=0.0.4; charset=utf-8";

    static QByteArray serialize(std::vector<prometheus::MetricFamily> families);
};
