// SPDX-License-Identifier: MIT
// Keeps the serialized metrics fresh: collected on a worker thread every [metrics] cache period.
#include "metricscache.h"

#include "exporterlogging.h"
#include "metricfamilies.h"
#include "metricsserializer.h"

#include <QMutexLocker>
#include <QThread>
#include <QTimer>

#include <cmath>

MetricsCache::MetricsCache(std::vector<std::unique_ptr<Collector>> collectors, double cacheSeconds,
                           const QString &exporterVersion)
    : m_collectors(std::move(collectors))
{
    auto &errors = MetricFamilies::counter(m_self, "recorder_exporter_scrape_errors_total",
                                           "Collections in which the exporter could not read an input, by source.");
    // Every source starts at 0 so rate() and alerts work before the first error.
    for (const auto &collector : m_collectors)
        m_scrapeErrors.insert(collector->source(), &errors.Add({{"source", collector->source().toStdString()}}));
    MetricFamilies::gauge(m_self, "recorder_exporter_build_info", "Always 1; the label says the exporter's version.")
        .Add({{"version", exporterVersion.toStdString()}})
        .Set(1);

    const int intervalMs = int(std::llround(cacheSeconds * 1000));
    if (intervalMs > 0) {
        m_text = collect();
        startWorker(intervalMs);
    }
}

MetricsCache::~MetricsCache()
{
    if (m_worker) {
        m_worker->quit();
        m_worker->wait();
    }
}

void MetricsCache::startWorker(int intervalMs)
{
    // Reading files and SQLite can block (a locked catalog waits up to 100 ms): never on the
    // thread that serves HTTP.
    m_worker = std::make_unique<QThread>();
    m_worker->setObjectName(QStringLiteral("metrics-collector"));
    auto *timer = new QTimer; // deleted when the worker finishes
    timer->setInterval(intervalMs);
    timer->moveToThread(m_worker.get());
    QObject::connect(timer, &QTimer::timeout, timer, [this] {
        const QByteArray text = collect();
        const QMutexLocker lock(&m_mutex);
        m_text = text;
    });
    QObject::connect(m_worker.get(), &QThread::started, timer, qOverload<>(&QTimer::start));
    QObject::connect(m_worker.get(), &QThread::finished, timer, &QObject::deleteLater);
    m_worker->start();
}

QByteArray MetricsCache::text()
{
    if (!m_worker)
        return collect();
    const QMutexLocker lock(&m_mutex);
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
