// SPDX-License-Identifier: MIT
// Small helpers that register one gauge or counter family with prometheus-cpp in one line.
#include "metricfamilies.h"

namespace MetricFamilies {

prometheus::Family<prometheus::Gauge> &gauge(prometheus::Registry &registry, const std::string &name,
                                             const std::string &help)
{
    return prometheus::BuildGauge().Name(name).Help(help).Register(registry);
}

prometheus::Family<prometheus::Counter> &counter(prometheus::Registry &registry, const std::string &name,
                                                 const std::string &help)
{
    return prometheus::BuildCounter().Name(name).Help(help).Register(registry);
}

void setGauge(prometheus::Registry &registry, const std::string &name, const std::string &help, double value)
{
    gauge(registry, name, help).Add({}).Set(value);
}

void setCounter(prometheus::Registry &registry, const std::string &name, const std::string &help, double value)
{
    // The value is a total the input keeps (since start, since creation): the counter starts at 0
    // in this scrape's registry and is moved up to it. A negative total cannot be a counter.
    if (value > 0)
        counter(registry, name, help).Add({}).Increment(value);
    else
        counter(registry, name, help).Add({});
}

} // namespace MetricFamilies
