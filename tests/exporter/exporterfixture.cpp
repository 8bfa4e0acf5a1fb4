// SPDX-License-Identifier: MIT
// Writes the exporter's inputs for tests and the benchmark: heartbeat, watchdog status, catalog.
#include "exporterfixture.h"

#include "heartbeatfixture.h"

#include <atomicfile.h>
#include <catalogschema.h>
#include <watchdogstatus.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

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

// Runs `work` on the catalog at `path` in one transaction, committed when it returns no error.
QString execOnCatalog(const QString &path, const std::function<QString(QSqlDatabase &)> &work)
{
    const QString connection = QStringLiteral("exporter-fixture-edit");
    QString error;
    {
        QSqlDatabase db;
        error = CatalogSchema::open(path, connection, false, &db);
        if (error.isEmpty()) {
            db.transaction();
            error = work(db);
            if (error.isEmpty() && !db.commit())
                error = db.lastError().text();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
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

QString ExporterFixture::addUploadQueue(const QString &path, const QList<Upload> &uploads, qint64 lost)
{
    return execOnCatalog(path, [&](QSqlDatabase &db) {
        QSqlQuery q(db); // the uploads table is the catalog's own since schema 2 (CatalogSchema)
        if (!q.prepare(QStringLiteral("INSERT INTO uploads (recording_id, state, attempts, queued_at_ms, updated_at_ms,"
                                      " uploaded_at_ms, bytes) VALUES (?, ?, 1, ?, ?, ?, ?)")))
            return q.lastError().text();
        for (const Upload &u : uploads) {
            const bool done = u.state == QLatin1String("uploaded");
            q.addBindValue(u.recording + 1);
            q.addBindValue(u.state);
            q.addBindValue(u.queuedAtMs);
            q.addBindValue(u.queuedAtMs + 60000);
            q.addBindValue(done ? QVariant(u.queuedAtMs + 60000) : QVariant());
            q.addBindValue(done ? qint64(75000000) : qint64(0));
            if (!q.exec())
                return q.lastError().text();
        }
        if (!q.exec(QStringLiteral("UPDATE counters SET value = %1 WHERE name = 'offload_lost'").arg(lost)))
            return q.lastError().text();
        q.finish();
        return QString();
    });
}

QString ExporterFixture::dropUploadQueue(const QString &path)
{
    return execOnCatalog(path, [](QSqlDatabase &db) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("DROP TABLE IF EXISTS uploads"))
            || !q.exec(QStringLiteral("DELETE FROM counters WHERE name = 'offload_lost'")))
            return q.lastError().text();
        q.finish();
        return QString();
    });
}

QJsonObject ExporterFixture::offloadStatus(const QDateTime &time)
{
    const QString at = time.toUTC().toString(Qt::ISODateWithMs);
    const QString before = time.toUTC().addSecs(-300).toString(Qt::ISODateWithMs);
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("time"), at},
        {QStringLiteral("pid"), 4545},
        {QStringLiteral("state"), QStringLiteral("uploading")},
        {QStringLiteral("remote"), QStringLiteral("nas:recordings")},
        {QStringLiteral("internet_connected"), true},
        {QStringLiteral("uploads_succeeded"), 17},
        {QStringLiteral("uploads_failed"), 3},
        {QStringLiteral("bytes_uploaded"), 1275000000.0},
        {QStringLiteral("success_rate"), 0.85},
        {QStringLiteral("recent_attempts"), 20},
        {QStringLiteral("current"),
         QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("/var/lib/recorder/recordings/r41.mp4")},
                                {QStringLiteral("bytes"), 1000000},
                                {QStringLiteral("size"), 75000041},
                                {QStringLiteral("started"), at}}}},
        {QStringLiteral("last_upload"),
         QJsonObject{{QStringLiteral("path"), QStringLiteral("/var/lib/recorder/recordings/r40.mp4")},
                     {QStringLiteral("remote_path"), QStringLiteral("nas:recordings/pi/2026/11/18/r40.mp4")},
                     {QStringLiteral("time"), before},
                     {QStringLiteral("bytes"), 75000040},
                     {QStringLiteral("seconds"), 12.5}}},
        {QStringLiteral("last_error"), QString()},
        {QStringLiteral("next_attempt"), QJsonValue()},
        {QStringLiteral("backoff_seconds"), 0},
    };
}

QString ExporterFixture::writeOffloadStatus(const QString &path, const QJsonObject &status)
{
    return AtomicFile::write(path, QJsonDocument(status).toJson());
}
