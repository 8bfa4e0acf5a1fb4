// SPDX-License-Identifier: MIT
// Reads the catalog, read-only: the newest recordings for the list, the seconds recorded today.
#include "catalogquery.h"

#include "catalogschema.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("dashboard-catalog-%1").arg(counter.fetchAndAddRelaxed(1));
}

CatalogQuery::Result query(QSqlDatabase &db, int limit)
{
    CatalogQuery::Result result;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT path, start_time_ms, duration_seconds, size_bytes, state, protected "
                             "FROM recordings WHERE state != 'deleted' ORDER BY start_time_ms DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec()) {
        result.error = q.lastError().text();
        return result;
    }
    while (q.next()) {
        CatalogQuery::Row row;
        row.path = q.value(0).toString();
        row.startTimeMs = q.value(1).toLongLong();
        row.durationSeconds = q.value(2).toDouble();
        row.sizeBytes = q.value(3).toLongLong();
        row.state = q.value(4).toString();
        row.isProtected = q.value(5).toInt() != 0;
        result.rows.append(row);
    }
    return result;
}

// Opens the catalog read-only under a connection of its own, runs `body` and closes it again.
template<typename Out, typename Body>
Out withCatalog(const QString &catalogFile, Body body)
{
    Out out;
    if (!QFileInfo::exists(catalogFile)) {
        out.error = QStringLiteral("%1: no catalog yet").arg(catalogFile);
        return out;
    }
    const QString name = uniqueConnectionName();
    {
        QSqlDatabase db;
        out.error = CatalogSchema::open(catalogFile, name, /*readOnly=*/true, &db);
        if (out.error.isEmpty())
            out = body(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

} // namespace

CatalogQuery::Result CatalogQuery::newest(const QString &catalogFile, int limit)
{
    return withCatalog<Result>(catalogFile, [limit](QSqlDatabase &db) { return query(db, limit); });
}

CatalogQuery::Seconds CatalogQuery::recordedSince(const QString &catalogFile, qint64 sinceMs)
{
    return withCatalog<Seconds>(catalogFile, [sinceMs](QSqlDatabase &db) {
        Seconds out;
        QSqlQuery q(db);
        // A recording's playable span runs from its start for duration_seconds (the same seconds as
        // recorder_recorded_seconds); only the part after `sinceMs` counts. Segments last minutes, so
        // one that began a day earlier cannot reach `sinceMs`: that bound lets the start index serve.
        q.prepare(QStringLiteral("SELECT TOTAL(MAX(0, start_time_ms + duration_seconds * 1000 - MAX(start_time_ms, ?))) "
                                 "FROM recordings WHERE start_time_ms > ? AND state != 'deleted'"));
        q.addBindValue(sinceMs);
        q.addBindValue(sinceMs - 86'400'000);
        if (!q.exec() || !q.next()) {
            out.error = q.lastError().text();
            return out;
        }
        out.seconds = q.value(0).toDouble() / 1000.0;
        return out;
    });
}
