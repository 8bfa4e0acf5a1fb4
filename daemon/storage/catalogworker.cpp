// SPDX-License-Identifier: MIT
// The catalog's SQL, run on the catalog's own thread; Catalog is its only user.
#include "catalogworker.h"

#include "catalogschema.h"
#include "storagelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace {

const char kColumns[] = "id, path, session_id, start_time_ms, end_time_ms, duration_seconds, size_bytes, codec, "
                        "width, height, fps, frames, frames_dropped, state, protected, last_error, deleted_reason";

// A queue of writes kept while the disk is full must not grow without bound: at one row per
// segment this is days of recording.
constexpr int kMaxPendingWrites = 10000;
constexpr int kRetryIntervalMs = 5000;

// SQLite result codes (primary; extended codes carry them in the low byte) that pass by themselves.
bool isPassing(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (!ok)
        return false;
    constexpr int kBusy = 5, kLocked = 6, kIoError = 10, kFull = 13;
    return code == kBusy || code == kLocked || code == kIoError || code == kFull;
}

QDateTime fromMs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

CatalogRecord recordFrom(const QSqlQuery &q)
{
    CatalogRecord r;
    r.id = q.value(0).toLongLong();
    r.info.path = q.value(1).toString();
    r.info.sessionId = q.value(2).toString();
    r.info.start = fromMs(q.value(3));
    r.info.end = fromMs(q.value(4));
    r.info.durationSeconds = q.value(5).toDouble();
    r.info.sizeBytes = q.value(6).toLongLong();
    r.info.codec = q.value(7).toString();
    r.info.width = q.value(8).toInt();
    r.info.height = q.value(9).toInt();
    r.info.fps = q.value(10).toDouble();
    r.info.frames = q.value(11).toLongLong();
    r.info.framesDropped = q.value(12).toLongLong();
    r.state = q.value(13).toString();
    r.isProtected = q.value(14).toInt() != 0;
    r.info.lastError = q.value(15).toString();
    r.deletedReason = q.value(16).toString();
    return r;
}

} // namespace

CatalogWorker::CatalogWorker(const QString &databasePath)
    : m_databasePath(databasePath),
      m_connectionName(QStringLiteral("recorderd-catalog-%1").arg(quintptr(this), 0, 16)),
      m_retryTimer(new QTimer(this))
{
    // A child, so it moves to the catalog thread with the worker.
    m_retryTimer->setSingleShot(true);
    m_retryTimer->setInterval(kRetryIntervalMs);
    connect(m_retryTimer, &QTimer::timeout, this, [this] { flush(); });
}

QString CatalogWorker::open()
{
    if (m_db.isOpen())
        return {};
    const QString error = CatalogSchema::open(m_databasePath, m_connectionName, false, &m_db);
    if (!error.isEmpty()) {
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return error;
    }
    flush();
    return {};
}

void CatalogWorker::close()
{
    flush();
    if (!m_pending.isEmpty())
        qCWarning(lcStorage, "catalog closed with %d writes not committed: %s", int(m_pending.size()),
                  qPrintable(m_pending.first().sql.simplified().left(60)));
    m_retryTimer->stop();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

CatalogWorker::Outcome CatalogWorker::execute(const QString &sql, const QVariantList &values, QString *error,
                                              int *rowsAffected)
{
    if (!m_db.isOpen()) {
        *error = QStringLiteral("catalog is not open");
        return Outcome::Retry;
    }
    QSqlQuery q(m_db);
    if (!q.prepare(sql)) {
        *error = q.lastError().text();
        return isPassing(q.lastError()) ? Outcome::Retry : Outcome::Failed;
    }
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec()) {
        *error = q.lastError().text();
        return isPassing(q.lastError()) ? Outcome::Retry : Outcome::Failed;
    }
    if (rowsAffected)
        *rowsAffected = q.numRowsAffected();
    return Outcome::Done;
}

void CatalogWorker::write(const QString &sql, const QVariantList &values)
{
    // Order matters (a file's 'complete' after its 'recording'), so nothing overtakes kept writes.
    if (m_pending.size() >= kMaxPendingWrites) {
        qCWarning(lcStorage, "catalog write dropped: %d writes already waiting (start-up recovery adopts the files)",
                  kMaxPendingWrites);
        return;
    }
    m_pending.append({sql, values});
    flush();
}

bool CatalogWorker::flush()
{
    const bool wasWaiting = m_retryTimer->isActive();
    int committed = 0;
    while (!m_pending.isEmpty()) {
        const Pending &next = m_pending.first();
        QString error;
        const Outcome outcome = execute(next.sql, next.values, &error);
        if (outcome == Outcome::Retry) {
            if (!wasWaiting)
                qCWarning(lcStorage, "catalog write deferred, will retry: %s", qPrintable(error));
            scheduleRetry();
            return false;
        }
        if (outcome == Outcome::Failed)
            qCWarning(lcStorage, "catalog write failed: %s", qPrintable(error));
        m_pending.removeFirst();
        ++committed;
    }
    if (wasWaiting) {
        m_retryTimer->stop();
        qCInfo(lcStorage, "catalog: %d deferred writes committed", committed);
    }
    return true;
}

void CatalogWorker::scheduleRetry()
{
    if (!m_retryTimer->isActive())
        m_retryTimer->start();
}

QList<CatalogRecord> CatalogWorker::select(const QString &whereOrderLimit, const QVariantList &values)
{
    QList<CatalogRecord> records;
    if (!m_db.isOpen())
        return records;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT %1 FROM recordings %2").arg(QLatin1String(kColumns), whereOrderLimit))) {
        qCWarning(lcStorage, "catalog query failed: %s", qPrintable(q.lastError().text()));
        return records;
    }
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec()) {
        qCWarning(lcStorage, "catalog query failed: %s", qPrintable(q.lastError().text()));
        return records;
    }
    while (q.next())
        records.append(recordFrom(q));
    return records;
}

std::optional<qint64> CatalogWorker::scalar(const QString &sql, const QVariantList &values)
{
    if (!m_db.isOpen())
        return std::nullopt;
    QSqlQuery q(m_db);
    if (!q.prepare(sql))
        return std::nullopt;
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

QString CatalogWorker::transaction(const QList<Statement> &statements, bool expectRow, const QString &path)
{
    flush();
    if (!m_db.isOpen())
        return QStringLiteral("catalog is not open");
    if (!m_db.transaction())
        return QStringLiteral("cannot start a catalog transaction: ") + m_db.lastError().text();
    QString error;
    for (int i = 0; i < statements.size() && error.isEmpty(); ++i) {
        int rows = 0;
        if (execute(statements[i].sql, statements[i].values, &error, &rows) == Outcome::Done && i == 0 && expectRow
            && rows == 0)
            error = QStringLiteral("no recording with path %1 in the catalog").arg(path);
    }
    if (!error.isEmpty()) {
        m_db.rollback();
        return error;
    }
    if (!m_db.commit())
        return QStringLiteral("catalog commit failed: ") + m_db.lastError().text();
    return {};
}
