// SPDX-License-Identifier: MIT
// Small helpers that register one gauge or counter family with prometheus-cpp in one line.
#include "metricfamilies.h"

#include <QList>

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

std::string labelValue(const QString &text)
{
    QList<uint> points = text.toUcs4();
    const bool cut = points.size() > kMaxLabelChars;
    if (cut)
        points.resize(kMaxLabelChars - 1);
    QString clean;
    for (const uint point : points) {
        // C0, DEL and C1 controls, and lone surrogates (a JSON "\ud800"), which UTF-8 cannot carry.
        const bool control = point < 0x20 || (point >= 0x7f && point < 0xa0);
        const bool invalid = (point >= 0xd800 && point < 0xe000) || point > 0x10ffff;
        const char32_t safe = control || invalid ? char32_t(0xfffd) : char32_t(point);
        clean += QString::fromUcs4(&safe, 1);
    }
    if (cut)
        clean += QChar(0x2026);
    return clean.toStdString();
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
