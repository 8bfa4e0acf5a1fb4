// SPDX-License-Identifier: MIT
// The SQLite catalog's schema and migrations, shared by its writer (recorderd) and its readers.
#include "catalogschema.h"

#include "fileindirectory.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace {

// SQLite primary result codes.
constexpr int kReadOnly = 8, kCantOpen = 14;

// Version 1. Aggregates live in recording_totals, kept by triggers, so a reader gets counts,
// bytes and seconds per state in O(1) however many recordings there are.
const char *const kVersion1[] = {
    R"(CREATE TABLE recordings (
        id               INTEGER PRIMARY KEY,
        path             TEXT    NOT NULL UNIQUE,
        session_id       TEXT,
        start_time_ms    INTEGER NOT NULL,
        end_time_ms      INTEGER,
        duration_seconds REAL    NOT NULL DEFAULT 0,
        size_bytes       INTEGER NOT NULL DEFAULT 0,
        codec            TEXT    NOT NULL DEFAULT '',
        width            INTEGER NOT NULL DEFAULT 0,
        height           INTEGER NOT NULL DEFAULT 0,
        fps              REAL    NOT NULL DEFAULT 0,
        frames           INTEGER NOT NULL DEFAULT 0,
        frames_dropped   INTEGER NOT NULL DEFAULT 0,
        state            TEXT    NOT NULL
                         CHECK (state IN ('recording', 'complete', 'recovered', 'corrupted', 'deleted')),
        protected        INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1)),
        last_error       TEXT    NOT NULL DEFAULT '',
        deleted_reason   TEXT    NOT NULL DEFAULT ''
    ))",
    "CREATE INDEX recordings_by_state_start ON recordings (state, start_time_ms)",
    "CREATE INDEX recordings_by_start ON recordings (start_time_ms)",
    "CREATE INDEX recordings_by_session ON recordings (session_id)",
    R"(CREATE TABLE recording_totals (
        state   TEXT    PRIMARY KEY,
        count   INTEGER NOT NULL DEFAULT 0,
        bytes   INTEGER NOT NULL DEFAULT 0,
        seconds REAL    NOT NULL DEFAULT 0
    ))",
    R"(INSERT INTO recording_totals (state)
       VALUES ('recording'), ('complete'), ('recovered'), ('corrupted'), ('deleted'))",
    R"(CREATE TABLE counters (
        name  TEXT    PRIMARY KEY,
        value INTEGER NOT NULL DEFAULT 0
    ))",
    "INSERT INTO counters (name, value) VALUES ('retention_deleted', 0)",
    R"(CREATE TRIGGER recordings_totals_insert AFTER INSERT ON recordings BEGIN
        UPDATE recording_totals SET count = count + 1, bytes = bytes + NEW.size_bytes,
               seconds = seconds + NEW.duration_seconds WHERE state = NEW.state;
    END)",
    R"(CREATE TRIGGER recordings_totals_delete AFTER DELETE ON recordings BEGIN
        UPDATE recording_totals SET count = count - 1, bytes = bytes - OLD.size_bytes,
               seconds = seconds - OLD.duration_seconds WHERE state = OLD.state;
    END)",
    R"(CREATE TRIGGER recordings_totals_update AFTER UPDATE OF state, size_bytes, duration_seconds ON recordings BEGIN
        UPDATE recording_totals SET count = count - 1, bytes = bytes - OLD.size_bytes,
               seconds = seconds - OLD.duration_seconds WHERE state = OLD.state;
        UPDATE recording_totals SET count = count + 1, bytes = bytes + NEW.size_bytes,
               seconds = seconds + NEW.duration_seconds WHERE state = NEW.state;
    END)",
};

// Version 2 (issue 15, docs/catalog.md "uploads"): the offload's queue, one row per recording to
// upload, and the count of recordings deleted before they were uploaded.
const char *const kVersion2[] = {
    R"(CREATE TABLE uploads (
        recording_id   INTEGER PRIMARY KEY REFERENCES recordings(id),
        state          TEXT    NOT NULL CHECK (state IN ('pending', 'uploading', 'uploaded', 'failed')),
        attempts       INTEGER NOT NULL DEFAULT 0,
        last_error     TEXT    NOT NULL DEFAULT '',
        remote_path    TEXT    NOT NULL DEFAULT '',
        queued_at_ms   INTEGER NOT NULL,
        updated_at_ms  INTEGER NOT NULL,
        uploaded_at_ms INTEGER,
        bytes          INTEGER NOT NULL DEFAULT 0
    ))",
    "CREATE INDEX uploads_by_state ON uploads (state, queued_at_ms)",
    "INSERT INTO counters (name, value) VALUES ('offload_lost', 0)",
};

QString exec(QSqlDatabase &db, const QString &sql, int *code = nullptr)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        if (code)
            *code = CatalogSchema::sqliteCode(q.lastError());
        return q.lastError().text() + QStringLiteral(" in: ") + sql.simplified().left(80);
    }
    return {};
}

int userVersion(QSqlDatabase &db, QString *error, int *code = nullptr)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        *error = q.lastError().text();
        if (code)
            *code = CatalogSchema::sqliteCode(q.lastError());
        return -1;
    }
    return q.value(0).toInt();
}

// Opens `db` read-only and checks its version; `immutable` opens it as SQLite's immutable URI
// (see CatalogSchema::open for when that is right).
QString openReader(QSqlDatabase &db, const QString &path, bool immutable, int *code)
{
    // A reader must never create the file nor wait long on a lock: it reports and moves on.
    if (immutable) {
        db.setDatabaseName(QStringLiteral("file:%1?mode=ro&immutable=1")
                               .arg(QString::fromLatin1(
                                   QUrl::toPercentEncoding(QFileInfo(path).absoluteFilePath(), "/"))));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=100"));
    } else {
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=100"));
    }
    *code = 0;
    if (!db.open()) {
        *code = CatalogSchema::sqliteCode(db.lastError());
        return QStringLiteral("cannot open catalog %1: %2").arg(path, db.lastError().text());
    }
    QString error;
    const int version = userVersion(db, &error, code);
    if (error.isEmpty() && version != CatalogSchema::kVersion)
        return QStringLiteral("catalog %1 has schema version %2; this program reads version %3")
            .arg(path).arg(version).arg(CatalogSchema::kVersion);
    return error;
}

} // namespace

const QStringList &CatalogSchema::states()
{
    static const QStringList list{QStringLiteral("recording"), QStringLiteral("complete"), QStringLiteral("recovered"),
                                  QStringLiteral("corrupted"), QStringLiteral("deleted")};
    return list;
}

const QStringList &CatalogSchema::uploadStates()
{
    static const QStringList list{QStringLiteral("pending"), QStringLiteral("uploading"), QStringLiteral("uploaded"),
                                  QStringLiteral("failed")};
    return list;
}

int CatalogSchema::sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : 0;
}

QString CatalogSchema::open(const QString &path, const QString &connectionName, bool readOnly, QSqlDatabase *out,
                            int *sqliteCode)
{
    int ignored = 0;
    int &code = sqliteCode ? *sqliteCode : ignored;
    code = 0;
    // SQLite opens its files by name and follows links: refuse a link (or a directory, a FIFO…)
    // in the place of the database or of the journal files it opens beside it.
    for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
        const QString refusal = FileInDirectory(path + QLatin1String(suffix)).checkReplaceable();
        if (!refusal.isEmpty())
            return QStringLiteral("cannot open catalog %1: %2").arg(path, refusal);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    if (!readOnly) {
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            code = CatalogSchema::sqliteCode(db.lastError());
            return QStringLiteral("cannot open catalog %1: %2").arg(path, db.lastError().text());
        }
    }

    QString error;
    if (!readOnly) {
        error = exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), &code);
        // FULL: every commit syncs the WAL before it returns, so a Protect's row, a file's row at
        // open and close and a deletion survive a power cut that follows (NORMAL kept the file
        // consistent but lost the commits since the last checkpoint). The catalog writes a few rows
        // per segment, on its own thread: the syncs never hold up capture or encoding.
        if (error.isEmpty())
            error = exec(db, QStringLiteral("PRAGMA synchronous=FULL"), &code);
        if (error.isEmpty())
            error = migrate(db, &code);
    } else {
        error = openReader(db, path, false, &code);
        // A reader that may not write the folder (the exporter's own user, the desktop user: group
        // `recorder`, docs/security.md) cannot create the -wal and -shm files SQLite wants beside a
        // WAL database; they exist only while a writer has it open. Without a -wal file no writer
        // has it open (a writer in WAL mode always has one, and a crashed writer leaves it), so the
        // file is complete and nothing changes it: read it as immutable, which takes no locks and
        // needs neither file. Every reader opens per scrape or query and closes after it, so a
        // writer that starts later is seen at the next open, which then takes the normal path. The
        // rare writer that starts during one read cannot change the main file under it: it only
        // appends to its -wal until a checkpoint, which comes after many commits or at its close.
        if ((code == kReadOnly || code == kCantOpen) && !QFileInfo::exists(path + QLatin1String("-wal"))) {
            db.close();
            error = openReader(db, path, true, &code);
        }
    }
    if (!error.isEmpty()) {
        db.close();
        return error;
    }
    *out = db;
    return {};
}

QString CatalogSchema::migrate(QSqlDatabase &db, int *sqliteCode)
{
    QString error;
    const int version = userVersion(db, &error, sqliteCode);
    if (!error.isEmpty())
        return QStringLiteral("cannot read catalog schema version: ") + error;
    if (version == kVersion)
        return {};
    if (version > kVersion)
        return QStringLiteral("catalog schema version %1 is newer than this program's %2").arg(version).arg(kVersion);

    if (!db.transaction())
        return QStringLiteral("cannot start a transaction: ") + db.lastError().text();
    if (version < 1) {
        for (const char *statement : kVersion1) {
            error = exec(db, QString::fromLatin1(statement), sqliteCode);
            if (!error.isEmpty())
                break;
        }
    }
    if (error.isEmpty() && version < 2) {
        for (const char *statement : kVersion2) {
            error = exec(db, QString::fromLatin1(statement), sqliteCode);
            if (!error.isEmpty())
                break;
        }
    }
    // Later versions: if (version < 3) { ... }
    if (error.isEmpty())
        error = exec(db, QStringLiteral("PRAGMA user_version = %1").arg(kVersion));
    if (!error.isEmpty()) {
        db.rollback();
        return QStringLiteral("catalog migration failed: ") + error;
    }
    if (!db.commit())
        return QStringLiteral("catalog migration failed to commit: ") + db.lastError().text();
    return {};
}
