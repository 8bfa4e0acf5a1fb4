// SPDX-License-Identifier: MIT
// Keeps the serialized metrics fresh: collected on a worker thread every [metrics] cache period.
#pragma once

#include "collector.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <memory>
#include <vector>

class QThread;

// text() is thread-safe and never blocks on the inputs: the collectors run on a worker thread of
// this object's own, every `cacheSeconds`, and text() returns the latest result (so at most that
// old, plus one collection). The first collection runs in the constructor, so text() has an answer
// at once. With `cacheSeconds` 0 there is no worker: every text() collects on the caller's thread
// (tests, debugging). The collectors and the exporter's own counters are only ever used by one
// thread at a time.
class MetricsCache
{
public:
    MetricsCache(std::vector<std::unique_ptr<Collector>> collectors, double cacheSeconds,
                 const QString &exporterVersion);
    ~MetricsCache();
    MetricsCache(const MetricsCache &) = delete;
    MetricsCache &operator=(const MetricsCache &) = delete;

    QByteArray text();

private:
    QByteArray collect();
    void noteInput(const QString &source, const QString &error);
    void startWorker(int intervalMs);

    std::vector<std::unique_ptr<Collector>> m_collectors;
    prometheus::Registry m_self;
    QHash<QString, prometheus::Counter *> m_scrapeErrors; // borrowed from m_self
    QHash<QString, QString> m_lastErrors;                  // only changes are logged
    std::unique_ptr<QThread> m_worker;                      // null when every text() collects

    QMutex m_mutex; // guards m_text
    QByteArray m_text;
};
