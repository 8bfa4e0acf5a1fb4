// SPDX-License-Identifier: MIT
// The recorder's writer of the SQLite catalog: queued writes on its own thread, blocking queries.
#include "catalog.h"

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

QList<CatalogWorker::Statement> deletedStatements(const QString &path, const QString &reason, bool countAsRetention)
{
    QList<CatalogWorker::Statement> statements{
        {QStringLiteral("UPDATE recordings SET state = 'deleted', deleted_reason = ? WHERE path = ?"),
         {reason, path}}};
    if (countAsRetention)
        statements.append({QStringLiteral("UPDATE counters SET value = value + 1 WHERE name = 'retention_deleted'"),
                           {}});
    return statements;
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
    CatalogWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, values = upsertValues(info, endState)] {
            worker->write({{QLatin1String(kUpsert), values}});
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

QList<CatalogRecord> Catalog::deletable(int limit, const QString &exceptPath, const QDateTime &startedBefore)
{
    QString clause = QStringLiteral("WHERE state IN ('complete', 'recovered') AND protected = 0 AND path <> ? ");
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
    CatalogWorker *worker = m_worker;
    const QVariantList values = upsertValues(info, state);
    return blocking(worker, [worker, values] {
        return worker->transaction({{QLatin1String(kUpsert), values}}, false, {});
    });
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
