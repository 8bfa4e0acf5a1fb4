// SPDX-License-Identifier: MIT
// Reads the catalog, read-only: the newest recordings for the list, the seconds recorded today.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

// Reentrant: each call opens its own read-only connection on the calling (worker) thread and
// closes it before returning, as QSqlDatabase connections must stay on the thread that made them.
class CatalogQuery
{
public:
    struct Row {
        QString path;
        qint64 startTimeMs = 0;
        double durationSeconds = 0;
        qint64 sizeBytes = 0;
        QString state;
        bool isProtected = false;
    };
    struct Result {
        QString error; // one line, empty on success
        QList<Row> rows;
    };

    struct Seconds {
        QString error; // one line, empty on success
        double seconds = 0;
    };

    // Newest first, at most `limit` rows; deleted recordings are left out (nothing to play).
    static Result newest(const QString &catalogFile, int limit);
    // Playable seconds recorded since `sinceMs` (Unix ms), deleted recordings left out; a recording
    // that began earlier counts from `sinceMs` on.
    static Seconds recordedSince(const QString &catalogFile, qint64 sinceMs);
};

Q_DECLARE_METATYPE(CatalogQuery::Result)
Q_DECLARE_METATYPE(CatalogQuery::Seconds)
