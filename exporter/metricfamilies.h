// SPDX-License-Identifier: MIT
// Small helpers that register one gauge or counter family with prometheus-cpp in one line.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <string>

// Reentrant free functions: collectors call them on their own registry.
namespace MetricFamilies {

prometheus::Family<prometheus::Gauge> &gauge(prometheus::Registry &registry, const std::string &name,
                                             const std::string &help);
prometheus::Family<prometheus::Counter> &counter(prometheus::Registry &registry, const std::string &name,
                                                 const std::string &help);

// A family holding one unlabelled sample.
void setGauge(prometheus::Registry &registry, const std::string &name, const std::string &help, double value);
void setCounter(prometheus::Registry &registry, const std::string &name, const std::string &help, double value);

} // namespace MetricFamilies
