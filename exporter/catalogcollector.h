// SPDX-License-Identifier: MIT
// Collects storage metrics from the recorder's SQLite catalog, opened read-only (docs/catalog.md).
#pragma once

#include "collector.h"

#include <QStringList>

// Reentrant, one collect() at a time: each collect() opens, uses and removes its own QSql
// connection on the calling thread (MetricsCache's worker), as QSql requires. Every query reads the trigger-kept recording_totals and counters tables
// or seeks the (state, start_time_ms) index: a scrape costs the same with 100 or 1,000,000 rows.
class CatalogCollector : public Collector
{
public:
    explicit CatalogCollector(const QString &path);

    QString source() const override { return QStringLiteral("catalog"); }
    QString collect(prometheus::Registry &registry) override;

    // The statements collect() runs, so a test can check their query plans never scan a table.
    static QStringList statements();

private:
    struct Snapshot;
    QString read(Snapshot *out) const;

    QString m_path;
    QString m_connectionName;
};
