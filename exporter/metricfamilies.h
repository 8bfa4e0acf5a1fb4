// SPDX-License-Identifier: MIT
// Small helpers that register one gauge or counter family with prometheus-cpp in one line.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <QString>

#include <string>

// Reentrant free functions: collectors call them on their own registry.
namespace MetricFamilies {

prometheus::Family<prometheus::Gauge> &gauge(prometheus::Registry &registry, const std::string &name,
                                             const std::string &help);
prometheus::Family<prometheus::Counter> &counter(prometheus::Registry &registry, const std::string &name,
                                                 const std::string &help);

// Longest label value taken from an input file, in characters (Unicode code points).
constexpr int kMaxLabelChars = 128;

// `text` (from an input file) as a label value: control characters (NUL, line ends, …) become
// U+FFFD, and past kMaxLabelChars it is cut to kMaxLabelChars - 1 and ends with "…", so one bad
// file can neither break the text format nor make a 30 kB series name. Always valid UTF-8.
std::string labelValue(const QString &text);

// A family holding one unlabelled sample.
void setGauge(prometheus::Registry &registry, const std::string &name, const std::string &help, double value);
void setCounter(prometheus::Registry &registry, const std::string &name, const std::string &help, double value);

} // namespace MetricFamilies
