// SPDX-License-Identifier: MIT
// Runs the collectors at most once per [metrics] cache period and keeps the serialized text.
#pragma once

#include "collector.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <memory>
#include <vector>

// Thread-bound to the exporter's main thread (the collectors' QSql connection is). Each scrape
// within `cacheSeconds` of the last collection gets the same bytes, so a scrape storm costs one
// collection per period; the exporter's own counters live here, across collections.
class MetricsCache
{
public:
    MetricsCache(std::vector<std::unique_ptr<Collector>> collectors, double cacheSeconds,
                 const QString &exporterVersion);

    // The metrics text, collected now if the cached copy is older than the cache period.
    QByteArray text();

private:
    QByteArray collect();
    void noteInput(const QString &source, const QString &error);

    std::vector<std::unique_ptr<Collector>> m_collectors;
    qint64 m_cacheMs;
    prometheus::Registry m_self;
    QHash<QString, prometheus::Counter *> m_scrapeErrors; // borrowed from m_self
    QHash<QString, QString> m_lastErrors;                  // only changes are logged
    QElapsedTimer m_age;
    QByteArray m_text;
};
