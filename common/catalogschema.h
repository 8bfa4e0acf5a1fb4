// SPDX-License-Identifier: MIT
// The SQLite catalog's schema and migrations, shared by its writer (recorderd) and its readers.
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>

// Reentrant. docs/catalog.md is the contract the exporter and dashboard read against.
class CatalogSchema
{
public:
    // PRAGMA user_version after migrate(). Bump it and add a step to migrate() for each change.
    static constexpr int kVersion = 2;

    // Recording states, in the order docs/catalog.md lists them.
    static const QStringList &states();
    // Upload states (table uploads, version 2), in the order docs/catalog.md lists them.
    static const QStringList &uploadStates();

    // Opens `path` as a QSQLITE connection named `connectionName`. The writer opens read-write,
    // turns on WAL (readers never block it) and runs migrate(); readers open read-only and only
    // check the version. A reader that may not create the -wal/-shm files reads a catalog no writer
    // has open (no -wal) as immutable: open per read and close after, never keep that connection. Returns an empty string or the reason; `sqliteCode`, when given, receives
    // SQLite's primary result code of the failure (0 when there was none), so the writer can tell a
    // corrupt file (SQLITE_CORRUPT, SQLITE_NOTADB) from a passing cause (full, read-only, busy).
    static QString open(const QString &path, const QString &connectionName, bool readOnly, QSqlDatabase *out,
                        int *sqliteCode = nullptr);

    // SQLite's primary result code carried by `error` (its extended code's low byte), 0 when none.
    static int sqliteCode(const QSqlError &error);

    // Brings the schema to kVersion inside one transaction. Returns an empty string or the reason.
    static QString migrate(QSqlDatabase &db, int *sqliteCode = nullptr);
};
