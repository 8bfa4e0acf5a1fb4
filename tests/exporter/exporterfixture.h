// SPDX-License-Identifier: MIT
// Writes the exporter's inputs for tests and the benchmark: heartbeat, watchdog status, catalog.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

// Reentrant; the catalog part is thread-bound like QSql.
class ExporterFixture
{
public:
    // A valid heartbeat in `state`, written `ageSeconds` ago on this boot (mode 0644, atomically).
    static QString writeHeartbeat(const QString &path, const QString &state, double ageSeconds = 0);
    // A valid watchdog status written `ageSeconds` ago on this boot, checking every 10 s.
    static QString writeWatchdogStatus(const QString &path, double ageSeconds = 0);
    // A catalog with `recordings` rows in a fixed pattern of states, sizes and times, so totals
    // are predictable: every 10th is recovered, every 25th corrupted, every 20th deleted (by
    // retention), the last one still recording, the rest complete.
    static QString createCatalog(const QString &path, int recordings);

    // One row of the upload queue (catalog schema 2, docs/offload.md) for recording `recording`
    // (0-based, as createCatalog numbers them).
    struct Upload {
        int recording;
        QString state; // pending, uploading, uploaded, failed
        qint64 queuedAtMs;
    };
    // Gives the catalog at `path` the upload queue as schema 2 defines it (unless it has it
    // already), with `uploads` rows and counters.offload_lost = `lost`.
    static QString addUploadQueue(const QString &path, const QList<Upload> &uploads, qint64 lost);
    // Removes the upload queue again: a catalog from before offload (schema 1).
    static QString dropUploadQueue(const QString &path);
    // A typical recorder-offload status (docs/offload.md, "The status file") written at `time`.
    static QJsonObject offloadStatus(const QDateTime &time);
    // Writes `status` to `path` (mode 0644, atomically).
    static QString writeOffloadStatus(const QString &path, const QJsonObject &status);
};
