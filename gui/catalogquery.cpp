// SPDX-License-Identifier: MIT
// Reads the newest recordings from the catalog, read-only, for the recordings list.
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

} // namespace

CatalogQuery::Result CatalogQuery::newest(const QString &catalogFile, int limit)
{
    Result result;
    if (!QFileInfo::exists(catalogFile)) {
        result.error = QStringLiteral("%1: no catalog yet").arg(catalogFile);
        return result;
    }
    const QString name = uniqueConnectionName();
    {
        QSqlDatabase db;
        result.error = CatalogSchema::open(catalogFile, name, /*readOnly=*/true, &db);
        if (result.error.isEmpty())
            result = query(db, limit);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}
