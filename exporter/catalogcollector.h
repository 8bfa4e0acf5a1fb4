// SPDX-License-Identifier: MIT
// Collects storage metrics from the recorder's SQLite catalog, opened read-only (docs/catalog.md).
#pragma once

#include "collector.h"

#include <clockreading.h>

#include <QStringList>

class QSqlQuery;

#include <functional>

// Reentrant, one collect() at a time: each collect() opens, uses and removes its own QSql
// connection on the calling thread (MetricsCache's worker), as QSql requires. Every query reads the trigger-kept recording_totals and counters tables
// or seeks the (state, start_time_ms) index: a scrape costs the same with 100 or 1,000,000 rows.
// With `offloadEnabled` and a catalog that has the upload queue (schema 2), it also reads the queue
// through the (state, queued_at_ms) index: its cost grows with the rows waiting, never with the
// rows uploaded.
class CatalogCollector : public Collector
{
public:
    using Clock = std::function<ClockReading()>;

    explicit CatalogCollector(const QString &path, bool offloadEnabled = false, Clock clock = &ClockReading::now);

    QString source() const override { return QStringLiteral("catalog"); }
    QString collect(prometheus::Registry &registry) override;

    // The statements collect() runs, so a test can check their query plans never scan a table.
    static QStringList statements();

private:
    struct Snapshot;
    QString read(Snapshot *out) const;
    static QString readQueue(QSqlQuery &query, Snapshot *out);
    void addQueue(prometheus::Registry &registry, const Snapshot &snapshot) const;

    QString m_path;
    bool m_offloadEnabled;
    Clock m_clock;
    QString m_connectionName;
};
