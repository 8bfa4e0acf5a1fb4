// SPDX-License-Identifier: MIT
// Runs the collectors at most once per [metrics] cache period and keeps the serialized text.
#include "metricscache.h"

#include "exporterlogging.h"
#include "metricfamilies.h"
#include "metricsserializer.h"

#include <cmath>

MetricsCache::MetricsCache(std::vector<std::unique_ptr<Collector>> collectors, double cacheSeconds,
                           const QString &exporterVersion)
    : m_collectors(std::move(collectors)), m_cacheMs(std::llround(cacheSeconds * 1000))
{
    auto &errors = MetricFamilies::counter(m_self, "recorder_exporter_scrape_errors_total",
                                           "Collections in which the exporter could not read an input, by source.");
    // Every source starts at 0 so rate() and alerts work before the first error.
    for (const auto &collector : m_collectors)
        m_scrapeErrors.insert(collector->source(), &errors.Add({{"source", collector->source().toStdString()}}));
    MetricFamilies::gauge(m_self, "recorder_exporter_build_info", "Always 1; the label says the exporter's version.")
        .Add({{"version", exporterVersion.toStdString()}})
        .Set(1);
}

QByteArray MetricsCache::text()
{
    if (m_text.isEmpty() || !m_age.isValid() || m_age.elapsed() >= m_cacheMs) {
        m_text = collect();
        m_age.start();
    }
    return m_text;
}

QByteArray MetricsCache::collect()
{
    prometheus::Registry inputs;
    for (const auto &collector : m_collectors) {
        const QString error = collector->collect(inputs);
        noteInput(collector->source(), error);
    }
    std::vector<prometheus::MetricFamily> families = inputs.Collect();
    std::vector<prometheus::MetricFamily> own = m_self.Collect();
    families.insert(families.end(), own.begin(), own.end());
    return MetricsSerializer::serialize(std::move(families));
}

void MetricsCache::noteInput(const QString &source, const QString &error)
{
    if (!error.isEmpty())
        m_scrapeErrors.value(source)->Increment();
    const QString previous = m_lastErrors.value(source);
    if (error == previous)
        return;
    m_lastErrors.insert(source, error);
    if (error.isEmpty())
        qCInfo(lcExporter).noquote() << "input" << source << "readable again";
    else
        qCWarning(lcExporter).noquote() << "input" << source << "unreadable, its metrics are left out:" << error;
}
