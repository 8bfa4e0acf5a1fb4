// SPDX-License-Identifier: MIT
// The recorder's writer of the SQLite catalog: queued writes on its own thread, blocking queries.
#include "catalog.h"

#include "catalogschema.h"
#include "catalogworker.h"
#include "protectmarker.h"
#include "storagelog.h"

#include <QFileInfo>
#include <QMutexLocker>

#include <type_traits>

namespace {

// One statement serves every write of a whole row: the row is keyed by path, so a repeated write
// (a reused name after a clock step, a start whose insert was lost) converges instead of failing.
// `protected` is never touched here: only setProtected() changes it.
const char kUpsert[] = R"(
    INSERT INTO recordings (path, session_id, start_time_ms, end_time_ms, duration_seconds, size_bytes, codec,
                            width, height, fps, frames, frames_dropped, state, last_error, deleted_reason)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')
    ON CONFLICT (path) DO UPDATE SET
        session_id = excluded.session_id, start_time_ms = excluded.start_time_ms,
        end_time_ms = excluded.end_time_ms, duration_seconds = excluded.duration_seconds,
        size_bytes = excluded.size_bytes, codec = excluded.codec, width = excluded.width,
        height = excluded.height, fps = excluded.fps, frames = excluded.frames,
        frames_dropped = excluded.frames_dropped, state = excluded.state, last_error = excluded.last_error,
        deleted_reason = '')";

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

// A null QString binds as SQL NULL, which the NOT NULL text columns refuse.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariantList upsertValues(const RecordingInfo &info, const QString &state)
{
    return {info.path,
            info.sessionId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(info.sessionId),
            info.start.isValid() ? info.start.toMSecsSinceEpoch() : qint64(0),
            msOrNull(info.end),
            info.durationSeconds,
            info.sizeBytes,
            text(info.codec),
            info.width,
            info.height,
            info.fps,
            info.frames,
            info.framesDropped,
            state,
            text(info.lastError)};
}

// Runs `function` on the worker's thread and waits for its result. Everything queued before it
// runs first (one event queue, in order).
template <typename Function>
auto blocking(CatalogWorker *worker, Function function)
{
    using Result = std::invoke_result_t<Function>;
    Q_ASSERT(QThread::currentThread() != worker->thread());
    if constexpr (std::is_void_v<Result>) {
        QMetaObject::invokeMethod(worker, std::move(function), Qt::BlockingQueuedConnection);
    } else {
        Result result{};
        QMetaObject::invokeMethod(worker, std::move(function), Qt::BlockingQueuedConnection, &result);
        return result;
    }
}

const char kProtectedMarkersCounter[] = "protect_markers";

// Rows in `state` back to 'pending' at `now`.
CatalogWorker::Statement requeueStatement(const QString &state, qint64 now)
{
    return {QStringLiteral("UPDATE uploads SET state = 'pending', updated_at_ms = ? WHERE state = ?"), {now, state}};
}

// The uploads row of the recording at `?` (a path) that still waits for its upload.
const char kQueuedRowOfPath[] =
    "state <> 'uploaded' AND recording_id = (SELECT id FROM recordings WHERE path = ?)";

QList<CatalogWorker::Statement> deletedStatements(const QString &path, const QString &reason, bool countAsRetention)
{
    QList<CatalogWorker::Statement> statements{
        {QStringLiteral("UPDATE recordings SET state = 'deleted', deleted_reason = ? WHERE path = ?"),
         {reason, path}}};
    if (countAsRetention)
        statements.append({QStringLiteral("UPDATE counters SET value = value + 1 WHERE name = 'retention_deleted'"),
                           {}});
    // A recording gone before it was uploaded is lost to the offload: counted with its deletion.
    statements.append({QStringLiteral("UPDATE counters SET value = value + (SELECT count(*) FROM uploads WHERE %1) "
                                      "WHERE name = 'offload_lost'")
                           .arg(QLatin1String(kQueuedRowOfPath)),
                       {path}});
    statements.append({QStringLiteral("DELETE FROM uploads WHERE %1").arg(QLatin1String(kQueuedRowOfPath)), {path}});
    return statements;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Queues the finished recording at `path` for upload (docs/catalog.md, "uploads"); a row it has
// already (uploaded, or waiting) stays as it is. Runs in the transaction that finishes the row.
CatalogWorker::Statement queueStatement(const QString &path)
{
    const qint64 now = nowMs();
    return {QStringLiteral("INSERT INTO uploads (recording_id, state, queued_at_ms, updated_at_ms) "
                           "SELECT id, 'pending', ?, ? FROM recordings "
                           "WHERE path = ? AND state IN ('complete', 'recovered') "
                           "ON CONFLICT (recording_id) DO NOTHING"),
            {now, now, path}};
}

bool queues(const QString &state)
{
    return state == QLatin1String("complete") || state == QLatin1String("recovered");
}

// An error text for the uploads row: one line of at most 500 characters.
QString oneLine(const QString &text)
{
    QString line = text.simplified();
    if (line.size() > 500)
        line.truncate(500);
    return line;
}

} // namespace

Catalog::Catalog(const QString &databasePath, QObject *parent)
    : QObject(parent), m_databasePath(databasePath), m_worker(new CatalogWorker(databasePath))
{
    qRegisterMetaType<CatalogHealth>();
    m_health.since = QDateTime::currentDateTimeUtc();
    // Direct: the copy is current as soon as the worker's operation returns, without the creating
    // thread's event loop.
    connect(
        m_worker, &CatalogWorker::healthChanged, this,
        [this](const CatalogHealth &health) {
            {
                QMutexLocker lock(&m_healthMutex);
                m_health = health;
            }
            emit healthChanged(health);
        },
        Qt::DirectConnection);
    m_thread.setObjectName(QStringLiteral("catalog"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

Catalog::~Catalog()
{
    CatalogWorker *worker = m_worker;
    blocking(worker, [worker] { worker->close(); });
    m_thread.quit();
    m_thread.wait();
    // The thread has ended, so nothing else can touch the worker any more.
    delete m_worker;
}

QString Catalog::open()
{
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker] { return worker->open(); });
}

CatalogHealth Catalog::health() const
{
    QMutexLocker lock(&m_healthMutex);
    return m_health;
}

void Catalog::setRetryInterval(int milliseconds)
{
    CatalogWorker *worker = m_worker;
    blocking(worker, [worker, milliseconds] { worker->setRetryInterval(milliseconds); });
}

void Catalog::clearRebuildNeeded()
{
    CatalogWorker *worker = m_worker;
    blocking(worker, [worker] { worker->clearRebuildNeeded(); });
}

void Catalog::recordingStarted(const RecordingInfo &info)
{
    CatalogWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, values = upsertValues(info, QStringLiteral("recording"))] {
            worker->write({{QLatin1String(kUpsert), values}});
        },
        Qt::QueuedConnection);
}

void Catalog::recordingFinished(const RecordingInfo &info, const QString &state)
{
    QString endState = state;
    if (endState != QLatin1String("complete") && endState != QLatin1String("recovered")
        && endState != QLatin1String("corrupted")) {
        // The row must not be lost to the schema's CHECK: keep it as a finished file and say so.
        qCWarning(lcStorage, "catalog: %s finished with unknown state '%s'; stored as complete",
                  qPrintable(info.path), qPrintable(state));
        endState = QStringLiteral("complete");
    }
    QList<CatalogWorker::Statement> statements{{QLatin1String(kUpsert), upsertValues(info, endState)}};
    const bool queue = m_offloadEnabled && queues(endState);
    if (queue)
        statements.append(queueStatement(info.path));
    CatalogWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [this, worker, statements, queue] {
            worker->write(statements);
            if (queue)
                emit uploadsChanged();
        },
        Qt::QueuedConnection);
}

void Catalog::recordingDeleted(const QString &path, const QString &reason, bool countAsRetention)
{
    CatalogWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, statements = deletedStatements(path, reason, countAsRetention)] {
            worker->write(statements);
        },
        Qt::QueuedConnection);
}

void Catalog::flush()
{
    CatalogWorker *worker = m_worker;
    blocking(worker, [worker] { worker->flush(); });
}

int Catalog::pendingWrites()
{
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker] { return worker->pendingWrites(); });
}

QList<CatalogRecord> Catalog::list(int limit, int offset, const QStringList &states)
{
    QString where;
    QVariantList values;
    if (!states.isEmpty()) {
        QStringList marks;
        for (const QString &state : states) {
            marks.append(QStringLiteral("?"));
            values.append(state);
        }
        where = QStringLiteral("WHERE state IN (%1) ").arg(marks.join(QLatin1Char(',')));
    }
    values << limit << offset;
    const QString clause = where + QStringLiteral("ORDER BY start_time_ms DESC, id DESC LIMIT ? OFFSET ?");
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker, clause, values] { return worker->select(clause, values); });
}

std::optional<CatalogRecord> Catalog::find(const QString &path)
{
    CatalogWorker *worker = m_worker;
    const QList<CatalogRecord> found = blocking(worker, [worker, path] {
        return worker->select(QStringLiteral("WHERE path = ?"), {path});
    });
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<CatalogRecord> Catalog::inState(const QString &state)
{
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker, state] {
        return worker->select(QStringLiteral("WHERE state = ? ORDER BY start_time_ms, id"), {state});
    });
}

QStringList Catalog::livePaths()
{
    CatalogWorker *worker = m_worker;
    const QList<CatalogRecord> rows = blocking(worker, [worker] {
        return worker->select(QStringLiteral("WHERE state <> 'deleted'"), {});
    });
    QStringList paths;
    paths.reserve(rows.size());
    for (const CatalogRecord &row : rows)
        paths.append(row.info.path);
    return paths;
}

QList<CatalogRecord> Catalog::deletable(int limit, const QString &exceptPath, const QDateTime &startedBefore,
                                        Candidates candidates)
{
    QString clause = QStringLiteral("WHERE state IN ('complete', 'recovered') AND protected = 0 AND path <> ? ");
    // Offload turned off: rows left in the queue wait for nothing any more, so the plain rules apply
    // to every recording (a leftover row must not keep a file forever).
    if (!m_offloadEnabled && candidates != Candidates::NotQueued)
        return {};
    if (m_offloadEnabled) {
        switch (candidates) {
        case Candidates::NotQueued:
            clause += QStringLiteral("AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.recording_id = recordings.id "
                                     "AND u.state <> 'uploaded') ");
            break;
        case Candidates::Queued:
            clause += QStringLiteral("AND EXISTS (SELECT 1 FROM uploads u WHERE u.recording_id = recordings.id "
                                     "AND u.state <> 'uploaded') ");
            break;
        case Candidates::Uploaded:
            clause += QStringLiteral("AND EXISTS (SELECT 1 FROM uploads u WHERE u.recording_id = recordings.id "
                                     "AND u.state = 'uploaded') ");
            break;
        }
    }
    QVariantList values{text(exceptPath)};
    if (startedBefore.isValid()) {
        clause += QStringLiteral("AND start_time_ms < ? ");
        values.append(startedBefore.toMSecsSinceEpoch());
    }
    clause += QStringLiteral("ORDER BY start_time_ms, id LIMIT ?");
    values.append(limit);
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker, clause, values] { return worker->select(clause, values); });
}

qint64 Catalog::counter(const QString &name)
{
    CatalogWorker *worker = m_worker;
    const std::optional<qint64> value = blocking(worker, [worker, name] {
        return worker->scalar(QStringLiteral("SELECT value FROM counters WHERE name = ?"), {name});
    });
    return value.value_or(-1);
}

QList<CatalogRecord> Catalog::liveRecords()
{
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker] {
        return worker->select(QStringLiteral("WHERE state <> 'deleted' ORDER BY start_time_ms, id"), {});
    });
}

QString Catalog::setProtected(const QString &path, bool on)
{
    // Only a recording: a marker must never be created beside (or through a link to) anything else.
    const QFileInfo file(path);
    if (!path.endsWith(QLatin1String(".mp4")) || file.isSymLink() || !file.isFile())
        return QStringLiteral("no recording file at %1").arg(path);
    // The marker first: once it is durable the flag survives a power cut, a lost or a rebuilt catalog.
    const QString error = on ? ProtectMarker::create(path) : ProtectMarker::remove(path);
    if (!error.isEmpty())
        return error;
    qCInfo(lcStorage, "catalog: %s %s", qPrintable(path), on ? "protected" : "unprotected");
    // Queued like the pipeline's writes, so a degraded catalog takes it, in order, when it heals. The
    // call waits only for this write's first attempt.
    CatalogWorker *worker = m_worker;
    blocking(worker, [worker, path, on] {
        worker->write({{QStringLiteral("UPDATE recordings SET protected = ? WHERE path = ?"), {on ? 1 : 0, path}}});
    });
    return {};
}

QString Catalog::setProtectedFlag(const QString &path, bool on)
{
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker, path, on] {
        return worker->transaction({{QStringLiteral("UPDATE recordings SET protected = ? WHERE path = ?"),
                                     {on ? 1 : 0, path}}},
                                   true, path);
    });
}

bool Catalog::protectMarkersWritten()
{
    return counter(QLatin1String(kProtectedMarkersCounter)) > 0;
}

QString Catalog::setProtectMarkersWritten()
{
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker] {
        return worker->transaction({{QStringLiteral("INSERT INTO counters (name, value) VALUES (?, 1) "
                                                    "ON CONFLICT (name) DO UPDATE SET value = 1"),
                                     {QLatin1String(kProtectedMarkersCounter)}}},
                                   false, {});
    });
}

QString Catalog::upsertRecovered(const RecordingInfo &info, const QString &state)
{
    QList<CatalogWorker::Statement> statements{{QLatin1String(kUpsert), upsertValues(info, state)}};
    const bool queue = m_offloadEnabled && queues(state);
    if (queue)
        statements.append(queueStatement(info.path));
    CatalogWorker *worker = m_worker;
    const QString error = blocking(worker, [worker, statements] { return worker->transaction(statements, false, {}); });
    if (queue && error.isEmpty())
        emit uploadsChanged();
    return error;
}

QString Catalog::markCorrupted(const QString &path, const QString &reason)
{
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker, path, reason] {
        return worker->transaction(
            {{QStringLiteral("UPDATE recordings SET state = 'corrupted', last_error = ? WHERE path = ?"),
              {reason, path}}},
            true, path);
    });
}

QString Catalog::markDeleted(const QString &path, const QString &reason, bool countAsRetention)
{
    const QList<CatalogWorker::Statement> statements = deletedStatements(path, reason, countAsRetention);
    CatalogWorker *worker = m_worker;
    return blocking(worker, [worker, statements, path] { return worker->transaction(statements, true, path); });
}

QString Catalog::prepareUploads()
{
    const qint64 now = nowMs();
    // The uploader died mid-copy (or was restarted with us): its partial copy never counts.
    QList<CatalogWorker::Statement> statements{requeueStatement(QStringLiteral("uploading"), now)};
    if (m_offloadEnabled)
        // Files recorded before offload was turned on (or whose queueing write was lost) are queued
        // too; rowid order follows the SELECT's, so the oldest recording comes first among equals.
        statements.append({QStringLiteral("INSERT INTO uploads (recording_id, state, queued_at_ms, updated_at_ms) "
                                          "SELECT id, 'pending', ?, ? FROM recordings "
                                          "WHERE state IN ('complete', 'recovered') "
                                          "AND id NOT IN (SELECT recording_id FROM uploads) "
                                          "ORDER BY start_time_ms, id"),
                           {now, now}});
    // Two statements: one transaction (a single one runs alone, which is atomic too).
    CatalogWorker *worker = m_worker;
    const QString error = blocking(worker, [worker, statements] { return worker->transaction(statements, false, {}); });
    if (error.isEmpty()) {
        m_uploadsPrepared = true;
        emit uploadsChanged();
    }
    return error;
}

namespace {

// An upload operation's answer before it is mapped to the caller's out-parameters.
struct UploadReply {
    Catalog::UploadOutcome outcome = Catalog::UploadOutcome::Ok;
    QString error;
    QVariant value;
    bool changed = false;   // a row changed state: UploadsChanged
};

UploadReply failed(const QString &error)
{
    return {Catalog::UploadOutcome::Failed, error, {}, false};
}

// Every row in `state` back to the queue, attempts and remote path kept.
UploadReply requeueAll(CatalogWorker *worker, const QString &state)
{
    QString failure;
    // Counted and changed on the catalog thread, the only writer: nothing comes between the two.
    const std::optional<QList<QVariantList>> rows =
        worker->query(QStringLiteral("SELECT count(*) FROM uploads WHERE state = ?"), {state}, &failure);
    if (!rows)
        return failed(failure);
    const uint n = rows->isEmpty() ? 0 : rows->first().at(0).toUInt();
    if (n == 0)
        return UploadReply{Catalog::UploadOutcome::Ok, {}, 0u, false};
    failure = worker->transaction({requeueStatement(state, nowMs())}, false, {});
    if (!failure.isEmpty())
        return failed(failure);
    return UploadReply{Catalog::UploadOutcome::Ok, {}, n, true};
}

// The uploads row of `path`: its state and remote path, or nullopt (NotFound or Failed in `reply`).
std::optional<QVariantList> uploadRow(CatalogWorker *worker, const QString &path, UploadReply *reply)
{
    QString error;
    const std::optional<QList<QVariantList>> rows = worker->query(
        QStringLiteral("SELECT u.state, u.remote_path, u.recording_id FROM uploads u "
                       "JOIN recordings r ON r.id = u.recording_id WHERE r.path = ?"),
        {path}, &error);
    if (!rows) {
        *reply = failed(error);
        return std::nullopt;
    }
    if (rows->isEmpty()) {
        *reply = {Catalog::UploadOutcome::NotFound, QStringLiteral("%1 is not in the upload queue").arg(path), {}, false};
        return std::nullopt;
    }
    return rows->first();
}

} // namespace

// Runs one upload operation on the catalog thread: answers Unavailable at once while degraded (and,
// for a change of state, before the start-up's prepareUploads()), and emits uploadsChanged when a row changed.
template <typename Operation>
static UploadReply runUploadOperation(Catalog *catalog, CatalogWorker *worker, Operation operation,
                                      bool changesState = false, bool prepared = true)
{
    if (changesState && !prepared)
        return {Catalog::UploadOutcome::Unavailable,
                QStringLiteral("the upload queue is not ready yet (recorderd is starting)"), {}, false};
    if (catalog->health().degraded)
        return {Catalog::UploadOutcome::Unavailable,
                QStringLiteral("the catalog is degraded: ") + catalog->health().reason, {}, false};
    UploadReply reply = blocking(worker, std::move(operation));
    if (reply.changed)
        emit catalog->uploadsChanged();
    return reply;
}

Catalog::UploadOutcome Catalog::pendingUploads(int limit, QList<QVariantMap> *rows, QString *error)
{
    CatalogWorker *worker = m_worker;
    const UploadReply reply = runUploadOperation(this, worker, [worker, limit] {
        QString failure;
        const std::optional<QList<QVariantList>> found = worker->query(
            QStringLiteral("SELECT r.path, r.start_time_ms, r.size_bytes, u.state, u.attempts, u.remote_path, "
                           "u.last_error, u.queued_at_ms FROM uploads u JOIN recordings r ON r.id = u.recording_id "
                           "WHERE u.state IN ('pending', 'failed') "
                           // Oldest recording first, whenever it was queued: files adopted at
                           // start-up are queued one by one in the order the disk walk found them.
                           "ORDER BY r.start_time_ms, u.recording_id LIMIT ?"),
            {limit}, &failure);
        if (!found)
            return failed(failure);
        QList<QVariantMap> out;
        for (const QVariantList &row : *found)
            out.append({{QStringLiteral("path"), row[0].toString()},
                        {QStringLiteral("start_time_ms"), row[1].toLongLong()},
                        {QStringLiteral("size_bytes"), row[2].toLongLong()},
                        {QStringLiteral("state"), row[3].toString()},
                        {QStringLiteral("attempts"), row[4].toUInt()},
                        {QStringLiteral("remote_path"), row[5].toString()},
                        {QStringLiteral("last_error"), row[6].toString()},
                        {QStringLiteral("queued_at_ms"), row[7].toLongLong()}});
        return UploadReply{UploadOutcome::Ok, {}, QVariant::fromValue(out), false};
    });
    *error = reply.error;
    if (reply.outcome == UploadOutcome::Ok)
        *rows = reply.value.value<QList<QVariantMap>>();
    return reply.outcome;
}

Catalog::UploadOutcome Catalog::beginUpload(const QString &path, const QString &wantedRemotePath,
                                            QString *remotePath, QString *error)
{
    CatalogWorker *worker = m_worker;
    const UploadReply reply = runUploadOperation(this, worker, [worker, path, wantedRemotePath] {
        UploadReply answer;
        const std::optional<QVariantList> row = uploadRow(worker, path, &answer);
        if (!row)
            return answer;
        if (row->at(0).toString() == QLatin1String("uploaded"))
            return UploadReply{UploadOutcome::NotAllowed, QStringLiteral("%1 is uploaded already").arg(path), {}, false};
        // Fixed at the first claim, so a retry overwrites its own partial copy and never leaves a
        // second one (a later day's path, a changed template) on the remote.
        const QString kept = row->at(1).toString();
        const QString use = kept.isEmpty() ? wantedRemotePath : kept;
        if (use.isEmpty())
            return UploadReply{UploadOutcome::InvalidArgument,
                               QStringLiteral("empty remote path; allowed: the path on the remote to copy to"), {},
                               false};
        const QString failure = worker->transaction(
            {{QStringLiteral("UPDATE uploads SET state = 'uploading', attempts = attempts + 1, remote_path = ?, "
                             "updated_at_ms = ? WHERE recording_id = ?"),
              {use, nowMs(), row->at(2)}}},
            true, path);
        if (!failure.isEmpty())
            return failed(failure);
        return UploadReply{UploadOutcome::Ok, {}, use, true};
    }, true, m_uploadsPrepared);
    *error = reply.error;
    if (reply.outcome == UploadOutcome::Ok)
        *remotePath = reply.value.toString();
    return reply.outcome;
}

Catalog::UploadOutcome Catalog::finishUpload(const QString &path, bool ok, qint64 bytes, const QString &uploadError,
                                             QString *error)
{
    if (ok && bytes < 0) {
        *error = QStringLiteral("bytes %1 is negative; allowed: the bytes verified on the remote, 0 or more").arg(bytes);
        return UploadOutcome::InvalidArgument;
    }
    CatalogWorker *worker = m_worker;
    const UploadReply reply = runUploadOperation(this, worker, [worker, path, ok, bytes, uploadError] {
        UploadReply answer;
        const std::optional<QVariantList> row = uploadRow(worker, path, &answer);
        if (!row)
            return answer;
        const QString state = row->at(0).toString();
        if (state != QLatin1String("uploading"))
            return UploadReply{UploadOutcome::NotAllowed,
                               QStringLiteral("%1 is %2, not uploading: call BeginUpload first").arg(path, state), {},
                               false};
        const qint64 now = nowMs();
        const CatalogWorker::Statement statement =
            ok ? CatalogWorker::Statement{QStringLiteral("UPDATE uploads SET state = 'uploaded', uploaded_at_ms = ?, "
                                                         "bytes = ?, last_error = '', updated_at_ms = ? "
                                                         "WHERE recording_id = ?"),
                                          {now, bytes, now, row->at(2)}}
               : CatalogWorker::Statement{QStringLiteral("UPDATE uploads SET state = 'failed', last_error = ?, "
                                                         "updated_at_ms = ? WHERE recording_id = ?"),
                                          {oneLine(uploadError), now, row->at(2)}};
        const QString failure = worker->transaction({statement}, true, path);
        if (!failure.isEmpty())
            return failed(failure);
        return UploadReply{UploadOutcome::Ok, {}, {}, true};
    }, true, m_uploadsPrepared);
    *error = reply.error;
    return reply.outcome;
}

Catalog::UploadOutcome Catalog::retryUploads(uint *count, QString *error)
{
    return requeue(QStringLiteral("failed"), count, error);
}

Catalog::UploadOutcome Catalog::releaseUploads(uint *count, QString *error)
{
    return requeue(QStringLiteral("uploading"), count, error);
}

Catalog::UploadOutcome Catalog::requeue(const QString &state, uint *count, QString *error)
{
    CatalogWorker *worker = m_worker;
    const UploadReply reply =
        runUploadOperation(this, worker, [worker, state] { return requeueAll(worker, state); }, true, m_uploadsPrepared);
    *error = reply.error;
    if (reply.outcome == UploadOutcome::Ok)
        *count = reply.value.toUInt();
    return reply.outcome;
}

Catalog::UploadOutcome Catalog::uploadQueue(QVariantMap *summary, QString *error)
{
    CatalogWorker *worker = m_worker;
    const UploadReply reply = runUploadOperation(this, worker, [worker] {
        QString failure;
        const std::optional<QList<QVariantList>> counts = worker->query(
            QStringLiteral("SELECT state, count(*) FROM uploads GROUP BY state "
                           "UNION ALL SELECT 'oldest_pending_ms', coalesce(min(queued_at_ms), 0) FROM uploads "
                           "WHERE state <> 'uploaded' "
                           "UNION ALL SELECT 'lost', coalesce(max(value), 0) FROM counters WHERE name = 'offload_lost'"),
            {}, &failure);
        if (!counts)
            return failed(failure);
        QVariantMap out;
        for (const QString &state : CatalogSchema::uploadStates())
            out.insert(state, 0u);
        for (const QVariantList &row : *counts) {
            const QString key = row[0].toString();
            if (key == QLatin1String("oldest_pending_ms") || key == QLatin1String("lost"))
                out.insert(key, row[1].toLongLong());
            else
                out.insert(key, row[1].toUInt());
        }
        return UploadReply{UploadOutcome::Ok, {}, out, false};
    });
    *error = reply.error;
    if (reply.outcome == UploadOutcome::Ok)
        *summary = reply.value.toMap();
    return reply.outcome;
}
