// SPDX-License-Identifier: MIT
// Leaves out gauge samples from an input file that cannot be right (NaN, infinite, out of range)
// and logs which, once per change.
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
    m_current.append(QStringLiteral("%1 = %2 (allowed: %3 to %4)")
                         .arg(QString::fromStdString(name))
                         .arg(value)
                         .arg(min)
                         .arg(max));
    return false;
}

void SampleFilter::finish()
{
    if (m_current != m_last) {
        if (m_current.isEmpty())
            qCInfo(lcExporter).noquote() << "input" << m_source << "values in range again";
        else
            qCWarning(lcExporter).noquote()
                << QStringLiteral("input %1 has values out of range, their samples are left out: %2")
                       .arg(m_source, m_current.join(QStringLiteral("; ")));
    }
    m_last = m_current;
    m_current.clear();
}
