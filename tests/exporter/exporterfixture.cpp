// SPDX-License-Identifier: MIT
// Writes the exporter's inputs for tests and the benchmark: heartbeat, watchdog status, catalog.
#include "exporterfixture.h"

#include "heartbeatfixture.h"

#include <atomicfile.h>
#include <catalogschema.h>
#include <watchdogstatus.h>

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

QString stateOf(int i, int count)
{
    if (i == count - 1)
        return QStringLiteral("recording");
    if (i % 25 == 0)
        return QStringLiteral("corrupted");
    if (i % 20 == 0)
        return QStringLiteral("deleted");
    if (i % 10 == 0)
        return QStringLiteral("recovered");
    return QStringLiteral("complete");
}

} // namespace

QString ExporterFixture::writeHeartbeat(const QString &path, const QString &state, double ageSeconds)
{
    return HeartbeatFixture::typical()
        .state(state)
        .recordingActive(state == QLatin1String("recording"))
        .age(ageSeconds)
        .write(path);
}

QString ExporterFixture::writeWatchdogStatus(const QString &path, double ageSeconds)
{
    WatchdogStatus status;
    status.schemaVersion = QStringLiteral("1.0");
    status.written = HeartbeatFixture::agedNow(ageSeconds);
    status.pid = 4343;
    status.checkIntervalSeconds = 10;
    status.verdict = QStringLiteral("healthy");
    status.unit = QStringLiteral("recorder.service");
    status.restartsInWindow = 1;
    status.restartsTotal = 5;
    status.rebootsTotal = 1;
    return AtomicFile::write(path, QJsonDocument(status.toJson()).toJson());
}

QString ExporterFixture::createCatalog(const QString &path, int recordings)
{
    const QString connection = QStringLiteral("exporter-fixture");
    QString error;
    {
        QSqlDatabase db;
        error = CatalogSchema::open(path, connection, false, &db);
        if (!error.isEmpty())
            return error;
        db.transaction();
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO recordings (path, start_time_ms, end_time_ms, duration_seconds, size_bytes, codec, width,"
            " height, fps, frames, state, deleted_reason) VALUES (?, ?, ?, ?, ?, 'h264', 1920, 1080, 30, 9000, ?, ?)"));
        const qint64 base = 1795000000000; // 2026-11-18, in ms
        int deleted = 0;
        for (int i = 0; i < recordings && error.isEmpty(); ++i) {
            const QString state = stateOf(i, recordings);
            const qint64 start = base + qint64(i) * 300000;
            const bool open = state == QLatin1String("recording");
            insert.addBindValue(QStringLiteral("/var/lib/recorder/recordings/r%1.mp4").arg(i));
            insert.addBindValue(start);
            insert.addBindValue(open ? QVariant() : QVariant(start + 300000));
            insert.addBindValue(open ? 120.0 : 300.0);
            insert.addBindValue(qint64(75000000) + i);
            insert.addBindValue(state);
            insert.addBindValue(state == QLatin1String("deleted") ? QStringLiteral("retention") : QStringLiteral(""));
            if (!insert.exec())
                error = insert.lastError().text();
            deleted += state == QLatin1String("deleted") ? 1 : 0;
        }
        QSqlQuery counter(db);
        if (error.isEmpty()
            && !counter.exec(QStringLiteral("UPDATE counters SET value = %1 WHERE name = 'retention_deleted'").arg(deleted)))
            error = counter.lastError().text();
        if (error.isEmpty() && !db.commit())
            error = db.lastError().text();
        insert.finish();
        counter.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}
