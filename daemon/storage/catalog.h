// SPDX-License-Identifier: MIT
// The recorder's writer of the SQLite catalog: queued writes on its own thread, blocking queries.
#pragma once

#include "catalogrecord.h"
#include "recordinginfo.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <optional>

class CatalogWorker;

// Thread-safe. Owns a worker QThread on which all SQL runs (through CatalogWorker). Writes are queued
// and return at once, so they never block the capture or encoding threads; the blocking helpers wait
// for every write queued before them, so a query always sees the caller's own earlier writes.
// Never call the blocking helpers from the catalog's own thread (nothing outside this class runs there).
class Catalog : public QObject
{
    Q_OBJECT
public:
    explicit Catalog(const QString &databasePath, QObject *parent = nullptr);
    ~Catalog() override;   // drains queued writes, closes, stops its thread

    QString databasePath() const { return m_databasePath; }

    // Blocking, at start-up: opens the file (WAL) and migrates the schema. Returns "" or the reason.
    QString open();

    // Queued writes.
    void recordingStarted(const RecordingInfo &info);    // INSERT, state 'recording'
    // UPDATE end/duration/size/frames…; `state` is the file's real end state ('complete', 'recovered'…).
    void recordingFinished(const RecordingInfo &info, const QString &state = QStringLiteral("complete"));

    // Blocking: returns when every write queued before it is committed, or kept for a retry when the
    // database cannot take it now (then pendingWrites() > 0); it never waits for a full disk.
    void flush();
    // Blocking: writes kept for a retry because the database was busy, full or not open.
    int pendingWrites();

    // Blocking query helpers. Queries return an empty list / nullopt when the catalog is not open.
    // Newest first by start time; `states` empty means every state.
    QList<CatalogRecord> list(int limit, int offset = 0, const QStringList &states = {});
    std::optional<CatalogRecord> find(const QString &path);
    QList<CatalogRecord> inState(const QString &state);
    // Every path whose row is not 'deleted'.
    QStringList livePaths();
    // Oldest first: 'complete' and 'recovered' rows that are not protected, optionally only those that
    // started before `startedBefore`; never `exceptPath`.
    QList<CatalogRecord> deletable(int limit, const QString &exceptPath,
                                   const QDateTime &startedBefore = QDateTime());
    // Counter from the `counters` table, or -1 when unknown.
    qint64 counter(const QString &name);

    // Blocking writes. Each returns "" or the reason (an unknown path is a reason too).
    QString setProtected(const QString &path, bool on);
    // Recovery's result for one file, as a whole row: state 'recovered', 'complete' or 'corrupted'
    // with the real end, duration and size. Inserts the row when the path has none (adoption) and
    // revives a 'deleted' one whose file is back. The protected flag is kept.
    QString upsertRecovered(const RecordingInfo &info, const QString &state);
    QString markCorrupted(const QString &path, const QString &reason);
    // State 'deleted' with `reason`; when `countAsRetention`, counter retention_deleted grows by one
    // in the same transaction.
    QString markDeleted(const QString &path, const QString &reason, bool countAsRetention);

private:
    QString m_databasePath;
    QThread m_thread;
    CatalogWorker *m_worker = nullptr;   // lives on m_thread; deleted there when it finishes
};
