// SPDX-License-Identifier: MIT
// Collects storage metrics from the recorder's SQLite catalog, opened read-only (docs/catalog.md).
#include "catalogcollector.h"

#include "metricfamilies.h"

#include <catalogschema.h>

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace MetricFamilies;

namespace {

const char *const kTotals = "SELECT state, count, bytes, seconds FROM recording_totals";
const char *const kRetentionDeleted = "SELECT value FROM counters WHERE name = 'retention_deleted'";
// One MIN per state is an index seek on (state, start_time_ms); a MIN over the whole table would scan.
const char *const kOldestStart =
    "SELECT min(t) FROM ("
    " SELECT min(start_time_ms) AS t FROM recordings WHERE state = 'recording'"
    " UNION ALL SELECT min(start_time_ms) FROM recordings WHERE state = 'complete'"
    " UNION ALL SELECT min(start_time_ms) FROM recordings WHERE state = 'recovered'"
    " UNION ALL SELECT min(start_time_ms) FROM recordings WHERE state = 'corrupted')";
// There is no index on end_time_ms: the newest finished file of each state, found by the index on
// start time, carries the latest end.
const char *const kLastEnd =
    "SELECT max(t) FROM ("
    " SELECT * FROM (SELECT end_time_ms AS t FROM recordings WHERE state = 'complete'"
    "  ORDER BY start_time_ms DESC LIMIT 1)"
    " UNION ALL SELECT * FROM (SELECT end_time_ms FROM recordings WHERE state = 'recovered'"
    "  ORDER BY start_time_ms DESC LIMIT 1)"
    " UNION ALL SELECT * FROM (SELECT end_time_ms FROM recordings WHERE state = 'corrupted'"
    "  ORDER BY start_time_ms DESC LIMIT 1))";

// The upload queue (docs/offload.md) came with catalog schema 2: a schema 1 catalog has no queue.
const char *const kHasUploads = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'uploads'";
// One count and one MIN per waiting state seek the (state, queued_at_ms) index; `uploaded` rows,
// which only grow, are never read.
const char *const kQueueSize =
    "SELECT (SELECT count(*) FROM uploads WHERE state = 'pending')"
    " + (SELECT count(*) FROM uploads WHERE state = 'uploading')"
    " + (SELECT count(*) FROM uploads WHERE state = 'failed')";
const char *const kOldestQueued =
    "SELECT min(t) FROM ("
    " SELECT min(queued_at_ms) AS t FROM uploads WHERE state = 'pending'"
    " UNION ALL SELECT min(queued_at_ms) FROM uploads WHERE state = 'uploading'"
    " UNION ALL SELECT min(queued_at_ms) FROM uploads WHERE state = 'failed')";
const char *const kOffloadLost = "SELECT value FROM counters WHERE name = 'offload_lost'";

struct Totals {
    double count = 0;
    double bytes = 0;
    double seconds = 0;
};

QString queryError(const QSqlQuery &query, const char *sql)
{
    return QStringLiteral("%1 (in: %2)").arg(query.lastError().text(), QString::fromLatin1(sql).left(60));
}

} // namespace

struct CatalogCollector::Snapshot {
    QHash<QString, Totals> totals;
    double retentionDeleted = 0;
    QVariant oldestStartMs; // null when there is no recording
    QVariant lastEndMs;     // null when no recording has ended
    bool hasUploads = false;
    double queueSize = 0;
    QVariant oldestQueuedMs; // null when nothing waits
    double offloadLost = 0;
};

CatalogCollector::CatalogCollector(const QString &path, bool offloadEnabled, Clock clock)
    : m_path(path),
      m_offloadEnabled(offloadEnabled),
      m_clock(std::move(clock)),
      m_connectionName(QStringLiteral("exporter-catalog-%1").arg(quintptr(this), 0, 16))
{
}

QStringList CatalogCollector::statements()
{
    return {QString::fromLatin1(kTotals), QString::fromLatin1(kRetentionDeleted), QString::fromLatin1(kOldestStart),
            QString::fromLatin1(kLastEnd), QString::fromLatin1(kHasUploads), QString::fromLatin1(kQueueSize),
            QString::fromLatin1(kOldestQueued), QString::fromLatin1(kOffloadLost)};
}

QString CatalogCollector::read(Snapshot *out) const
{
    // A read-only open of a missing file fails anyway; this gives the clearer reason.
    if (!QFileInfo::exists(m_path))
        return QStringLiteral("catalog %1 does not exist").arg(m_path);

    QString error;
    {
        QSqlDatabase db;
        error = CatalogSchema::open(m_path, m_connectionName, true, &db);
        if (error.isEmpty()) {
            QSqlQuery query(db);
            query.setForwardOnly(true);
            if (!query.exec(QString::fromLatin1(kTotals))) {
                error = queryError(query, kTotals);
            } else {
                while (query.next()) {
                    out->totals.insert(query.value(0).toString(),
                                       Totals{query.value(1).toDouble(), query.value(2).toDouble(),
                                              query.value(3).toDouble()});
                }
            }
            if (error.isEmpty()) {
                if (!query.exec(QString::fromLatin1(kRetentionDeleted)))
                    error = queryError(query, kRetentionDeleted);
                else if (query.next())
                    out->retentionDeleted = query.value(0).toDouble();
            }
            if (error.isEmpty()) {
                if (!query.exec(QString::fromLatin1(kOldestStart)) || !query.next())
                    error = queryError(query, kOldestStart);
                else
                    out->oldestStartMs = query.value(0);
            }
            if (error.isEmpty()) {
                if (!query.exec(QString::fromLatin1(kLastEnd)) || !query.next())
                    error = queryError(query, kLastEnd);
                else
                    out->lastEndMs = query.value(0);
            }
            if (error.isEmpty() && m_offloadEnabled)
                error = readQueue(query, out);
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    return error;
}

QString CatalogCollector::readQueue(QSqlQuery &query, Snapshot *out)
{
    if (!query.exec(QString::fromLatin1(kHasUploads)))
        return queryError(query, kHasUploads);
    out->hasUploads = query.next();
    if (!out->hasUploads)
        return {};
    if (!query.exec(QString::fromLatin1(kQueueSize)) || !query.next())
        return queryError(query, kQueueSize);
    out->queueSize = query.value(0).toDouble();
    if (!query.exec(QString::fromLatin1(kOldestQueued)) || !query.next())
        return queryError(query, kOldestQueued);
    out->oldestQueuedMs = query.value(0);
    if (!query.exec(QString::fromLatin1(kOffloadLost)))
        return queryError(query, kOffloadLost);
    if (query.next())
        out->offloadLost = query.value(0).toDouble();
    return {};
}

QString CatalogCollector::collect(prometheus::Registry &registry)
{
    Snapshot snapshot;
    const QString error = read(&snapshot);
    // A half-read catalog would mix two moments: all catalog families or none.
    if (!error.isEmpty())
        return error;

    auto &count = gauge(registry, "recorder_recordings", "Recordings in the catalog, by state.");
    auto &bytes = gauge(registry, "recorder_recordings_bytes",
                        "Bytes of the recordings in the catalog, by state (deleted: bytes they had).");
    auto &seconds = gauge(registry, "recorder_recorded_seconds",
                          "Playable seconds of the recordings in the catalog, by state.");
    for (const QString &state : CatalogSchema::states()) {
        const Totals totals = snapshot.totals.value(state);
        const prometheus::Labels labels{{"state", state.toStdString()}};
        count.Add(labels).Set(totals.count);
        bytes.Add(labels).Set(totals.bytes);
        seconds.Add(labels).Set(totals.seconds);
    }
    if (!snapshot.oldestStartMs.isNull()) {
        setGauge(registry, "recorder_oldest_recording_timestamp_seconds",
                 "Start (Unix time) of the oldest recording still on disk; absent when there is none.",
                 snapshot.oldestStartMs.toDouble() / 1000.0);
    }
    if (!snapshot.lastEndMs.isNull()) {
        setGauge(registry, "recorder_last_recording_end_timestamp_seconds",
                 "End (Unix time) of the newest finished recording; absent when none has finished.",
                 snapshot.lastEndMs.toDouble() / 1000.0);
    }
    setCounter(registry, "recorder_retention_deleted_total",
               "Recordings deleted by retention since the catalog was created.", snapshot.retentionDeleted);
    if (snapshot.hasUploads)
        addQueue(registry, snapshot);
    return {};
}

void CatalogCollector::addQueue(prometheus::Registry &registry, const Snapshot &snapshot) const
{
    setGauge(registry, "recorder_upload_queue_size",
             "Recordings waiting to be uploaded: pending, uploading or failed (to be retried).", snapshot.queueSize);
    // Queue times are wall-clock times, as is now: a clock step shows as a jump, never below 0.
    const double oldest = snapshot.oldestQueuedMs.isNull()
        ? 0
        : std::max(0.0, double(m_clock().wall.toMSecsSinceEpoch() - snapshot.oldestQueuedMs.toLongLong()) / 1000.0);
    setGauge(registry, "recorder_upload_oldest_pending_seconds",
             "Seconds the oldest recording not yet uploaded has waited in the queue; 0 when none waits.", oldest);
    setCounter(registry, "recorder_offload_lost_total",
               "Recordings deleted (retention, or their file vanished) before they were uploaded.", snapshot.offloadLost);
}
