// SPDX-License-Identifier: MIT
// Leaves out gauge samples from an input file that cannot be right (NaN, infinite, out of range)
// and logs which, once each time the set of such fields changes.
#include "samplefilter.h"

#include "exporterlogging.h"
#include "metricfamilies.h"

#include <cmath>

SampleFilter::SampleFilter(const QString &source) : m_source(source) {}

bool SampleFilter::setGauge(prometheus::Registry &registry, const std::string &name, const std::string &help,
                            double value, double min, double max)
{
    if (std::isfinite(value) && value >= min && value <= max) {
        MetricFamilies::setGauge(registry, name, help, value);
        return true;
    }
    m_currentNames.append(QString::fromStdString(name));
    m_current.append(QStringLiteral("%1 = %2 (allowed: %3 to %4)")
                         .arg(QString::fromStdString(name))
                         .arg(value)
                         .arg(min)
                         .arg(max));
    return false;
}

void SampleFilter::finish()
{
    // Compared by name: a bad value that drifts (an uptime running backwards) is one event, not a
    // line per scrape.
    if (m_currentNames != m_lastNames) {
        if (m_current.isEmpty())
            qCInfo(lcExporter).noquote() << "input" << m_source << "values in range again";
        else
            qCWarning(lcExporter).noquote()
                << QStringLiteral("input %1 has values out of range, their samples are left out: %2")
                       .arg(m_source, m_current.join(QStringLiteral("; ")));
    }
    m_lastNames = m_currentNames;
    m_currentNames.clear();
    m_current.clear();
}
