// SPDX-License-Identifier: MIT
// The catalog's SQL, run on the catalog's own thread; Catalog is its only user.
#include "catalogworker.h"

#include "catalogschema.h"
#include "storagelog.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const char kColumns[] = "id, path, session_id, start_time_ms, end_time_ms, duration_seconds, size_bytes, codec, "
                        "width, height, fps, frames, frames_dropped, state, protected, last_error, deleted_reason, "
                        "(SELECT u.state FROM uploads u WHERE u.recording_id = recordings.id)";

// A queue of writes kept while the catalog cannot take them must not grow without bound: at one row
// per segment this is days of recording. What is dropped beyond it, reconciliation adopts from disk.
constexpr int kMaxPendingWrites = 10000;
constexpr int kRetryIntervalMs = 5000;
// A catalog that turns corrupt again and again means failing storage, not a bad file: after this many
// fresh starts in one run the file is left where it is and the catalog stays degraded.
constexpr int kMaxMovesAside = 3;

// SQLite primary result codes.
constexpr int kPerm = 3, kBusy = 5, kLocked = 6, kNoMem = 7, kReadOnly = 8, kIoError = 10, kCorrupt = 11,
              kFull = 13, kCantOpen = 14, kProtocol = 15, kNotADatabase = 26;

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
    r.uploadState = q.value(17).toString();
    return r;
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// A rename is durable only once its directory is synced.
void syncDirectory(const QString &directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

QString seconds(const QDateTime &since)
{
    return QStringLiteral("%1 s").arg(since.secsTo(QDateTime::currentDateTimeUtc()));
}

} // namespace

CatalogWorker::CatalogWorker(const QString &databasePath)
    : m_databasePath(databasePath),
      m_connectionName(QStringLiteral("recorderd-catalog-%1").arg(quintptr(this), 0, 16)),
      m_retryTimer(new QTimer(this))
{
    // A child, so it moves to the catalog thread with the worker.
    m_retryTimer->setInterval(kRetryIntervalMs);
    connect(m_retryTimer, &QTimer::timeout, this, &CatalogWorker::retry);
    m_health.since = QDateTime::currentDateTimeUtc();
    m_published = m_health;
}

void CatalogWorker::setRetryInterval(int milliseconds)
{
    m_retryTimer->setInterval(milliseconds);
}

CatalogWorker::Outcome CatalogWorker::classify(int sqliteCode)
{
    switch (sqliteCode) {
    case kCorrupt:
    case kNotADatabase:
        return Outcome::Corrupt;
    case kPerm:
    case kBusy:
    case kLocked:
    case kNoMem:
    case kReadOnly:
    case kIoError:
    case kFull:
    case kCantOpen:
    case kProtocol:
        return Outcome::Retry;
    default:
        return Outcome::Failed;
    }
}

QString CatalogWorker::open()
{
    m_openCalled = true;
    if (!m_db.isOpen()) {
        const QString error = openOrRebuild();
        if (!error.isEmpty())
            becomeDegraded(error, 0);
        else
            flush();
    }
    publish();
    return m_health.degraded ? m_health.reason : QString();
}

void CatalogWorker::close()
{
    if (m_db.isOpen())
        flush();
    if (!m_pending.isEmpty())
        qCWarning(lcStorage, "catalog closed with %d writes not committed (%s); the next start-up's recovery "
                             "adopts the files they were about",
                  int(m_pending.size()), qPrintable(m_health.reason));
    m_retryTimer->stop();
    closeConnection();
}

void CatalogWorker::closeConnection()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

QString CatalogWorker::openOrRebuild()
{
    closeConnection();
    QString error;
    const Outcome outcome = openFile(&error);
    if (outcome == Outcome::Done)
        return {};
    closeConnection();
    if (outcome != Outcome::Corrupt)
        return error;
    if (m_movedAsideCount >= kMaxMovesAside)
        return QStringLiteral("catalog is corrupt again after %1 fresh starts, left in place: %2")
            .arg(kMaxMovesAside)
            .arg(error);
    const QString moveError = moveAside(error);
    if (!moveError.isEmpty())
        return moveError;
    // A fresh file that cannot be opened either is degraded, never moved aside again here.
    if (openFile(&error) == Outcome::Done)
        return {};
    closeConnection();
    return error;
}

CatalogWorker::Outcome CatalogWorker::openFile(QString *error)
{
    int code = 0;
    *error = CatalogSchema::open(m_databasePath, m_connectionName, false, &m_db, &code);
    if (!error->isEmpty())
        // Anything but a corrupt file may pass (a full disk, a read-only or missing folder, a lock):
        // the catalog retries rather than giving up on it.
        return classify(code) == Outcome::Corrupt ? Outcome::Corrupt : Outcome::Retry;

    struct stat info {};
    const bool known = ::stat(QFile::encodeName(m_databasePath).constData(), &info) == 0;
    if (known && info.st_dev == m_checkedDevice && info.st_ino == m_checkedInode)
        return Outcome::Done;   // checked already in this run: a reopen while degraded is cheap
    // Damaged pages behind an intact header open fine and fail statement by statement later; the
    // whole file is read once here so that such a catalog is replaced at once, not row by row.
    QStringList problems;
    int checkCode = 0;
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (q.exec(QStringLiteral("PRAGMA quick_check"))) {
            while (q.next()) {
                const QString line = q.value(0).toString();
                if (line != QLatin1String("ok"))
                    problems.append(line);
            }
        }
        if (q.lastError().isValid()) {
            checkCode = CatalogSchema::sqliteCode(q.lastError());
            *error = QStringLiteral("PRAGMA quick_check failed: ") + q.lastError().text();
        }
    }
    if (!error->isEmpty())
        return classify(checkCode) == Outcome::Corrupt ? Outcome::Corrupt : Outcome::Retry;
    if (!problems.isEmpty()) {
        *error = QStringLiteral("PRAGMA quick_check found %1 problems, first: %2").arg(problems.size()).arg(problems.first());
        return Outcome::Corrupt;
    }
    if (known) {
        m_checkedDevice = info.st_dev;
        m_checkedInode = info.st_ino;
    }
    return Outcome::Done;
}

QString CatalogWorker::moveAside(const QString &why)
{
    const QString base = m_databasePath + QStringLiteral(".corrupt-")
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString target = base;
    for (int n = 2; QFileInfo::exists(target) || QFileInfo::exists(target + QStringLiteral("-wal")); ++n)
        target = base + QStringLiteral("-%1").arg(n);
    // The main file last: while it stays, a failed move leaves a catalog SQLite can still read whole.
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm"), QString()}) {
        const QString from = m_databasePath + suffix;
        if (!QFileInfo::exists(from))
            continue;
        if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(target + suffix).constData()) != 0)
            return QStringLiteral("catalog %1 is corrupt (%2) and cannot be moved aside: %3")
                .arg(m_databasePath, why, errnoText());
    }
    syncDirectory(QFileInfo(m_databasePath).path());
    ++m_movedAsideCount;
    m_health.movedAside = target;
    m_health.rebuildNeeded = true;
    m_checkedDevice = 0;
    m_checkedInode = 0;
    fault(QStringLiteral("catalog was corrupt (%1); moved aside to %2").arg(why, target));
    qCWarning(lcStorage, "catalog %s is corrupt (%s): moved aside to %s (kept); a new catalog is started and "
                         "rebuilt from the recordings on disk",
              qPrintable(m_databasePath), qPrintable(why), qPrintable(target));
    return {};
}

bool CatalogWorker::recoverFromCorruption(const QString &error)
{
    if (m_movedAsideCount >= kMaxMovesAside) {
        becomeDegraded(QStringLiteral("catalog is corrupt again after %1 fresh starts, left in place: %2")
                           .arg(kMaxMovesAside)
                           .arg(error),
                       0);
        return false;
    }
    closeConnection();
    QString failure = moveAside(error);
    if (failure.isEmpty() && openFile(&failure) != Outcome::Done)
        closeConnection();
    else if (failure.isEmpty())
        return true;
    becomeDegraded(failure, 0);
    return false;
}

void CatalogWorker::fault(const QString &text)
{
    ++m_health.faults;
    m_health.lastFault = text;
}

void CatalogWorker::becomeDegraded(const QString &reason, int sqliteCode)
{
    // A full disk or a lock passes with the connection as it is; after an I/O error or a file that
    // turned read-only (a disk that went away and came back) only a fresh connection sees it again.
    m_reopenOnRetry = !m_db.isOpen() || !(sqliteCode == kBusy || sqliteCode == kLocked || sqliteCode == kFull);
    if (!m_health.degraded) {
        m_health.degraded = true;
        m_health.since = QDateTime::currentDateTimeUtc();
        fault(reason);
        qCWarning(lcStorage, "catalog degraded, recording goes on: %s; %d writes wait in memory, retrying every %.1f s",
                  qPrintable(reason), int(m_pending.size()), m_retryTimer->interval() / 1000.0);
    }
    m_health.reason = reason;
    if (!m_retryTimer->isActive())
        m_retryTimer->start();
}

void CatalogWorker::retry()
{
    if (!m_db.isOpen() || m_reopenOnRetry) {
        const QString error = openOrRebuild();
        if (!error.isEmpty()) {
            becomeDegraded(error, 0);
            publish();
            return;
        }
        m_reopenOnRetry = false;
    }
    flush();
    publish();
}

CatalogWorker::Outcome CatalogWorker::execute(const QString &sql, const QVariantList &values, QString *error,
                                              int *rowsAffected)
{
    m_lastCode = 0;
    if (!m_db.isOpen()) {
        *error = m_health.reason.isEmpty() ? QStringLiteral("catalog is not open") : m_health.reason;
        return Outcome::Retry;
    }
    QSqlQuery q(m_db);
    bool ok = q.prepare(sql);
    if (ok) {
        for (const QVariant &value : values)
            q.addBindValue(value);
        ok = q.exec();
    }
    if (!ok) {
        *error = q.lastError().text();
        m_lastCode = CatalogSchema::sqliteCode(q.lastError());
        return classify(m_lastCode);
    }
    if (rowsAffected)
        *rowsAffected = q.numRowsAffected();
    return Outcome::Done;
}

CatalogWorker::Outcome CatalogWorker::runStatements(const QList<Statement> &statements, bool expectRow,
                                                    const QString &path, QString *error)
{
    const bool several = statements.size() > 1;
    if (several && !m_db.transaction()) {
        m_lastCode = CatalogSchema::sqliteCode(m_db.lastError());
        *error = QStringLiteral("cannot start a catalog transaction: ") + m_db.lastError().text();
        return m_db.isOpen() ? classify(m_lastCode) : Outcome::Retry;
    }
    for (int i = 0; i < statements.size(); ++i) {
        int rows = 0;
        const Outcome outcome = execute(statements[i].sql, statements[i].values, error, &rows);
        if (outcome == Outcome::Done && i == 0 && expectRow && rows == 0) {
            *error = QStringLiteral("no recording with path %1 in the catalog").arg(path);
            if (several)
                m_db.rollback();
            return Outcome::Failed;
        }
        if (outcome != Outcome::Done) {
            if (several)
                m_db.rollback();
            return outcome;
        }
    }
    if (several && !m_db.commit()) {
        m_lastCode = CatalogSchema::sqliteCode(m_db.lastError());
        *error = QStringLiteral("catalog commit failed: ") + m_db.lastError().text();
        m_db.rollback();
        return classify(m_lastCode);
    }
    return Outcome::Done;
}

void CatalogWorker::write(const QList<Statement> &statements)
{
    // Order matters (a file's 'complete' after its 'recording'), so nothing overtakes kept writes.
    if (m_pending.size() >= kMaxPendingWrites) {
        const QString text = QStringLiteral("catalog write dropped: %1 writes already waiting (%2)")
                                 .arg(kMaxPendingWrites)
                                 .arg(m_health.reason);
        fault(text);
        qCWarning(lcStorage, "%s; reconciliation adopts the file it was about", qPrintable(text));
        publish();
        return;
    }
    m_pending.append({statements});
    // While degraded only the retry timer tries again, so a burst of writes does not wait out the
    // busy timeout (or a dead disk) one after another on this thread.
    if (!m_health.degraded)
        flush();
    publish();
}

bool CatalogWorker::flush()
{
    // Before open() writes are simply kept: not being open yet is no fault.
    if (!m_openCalled)
        return m_pending.isEmpty();
    int committed = 0;
    while (!m_pending.isEmpty()) {
        QString error;
        const Outcome outcome = runStatements(m_pending.first().statements, false, {}, &error);
        if (outcome == Outcome::Corrupt) {
            if (recoverFromCorruption(error))
                continue;   // the write goes into the fresh catalog
            return false;
        }
        if (outcome == Outcome::Retry) {
            becomeDegraded(error, m_lastCode);
            return false;
        }
        if (outcome == Outcome::Failed) {
            const QString text = QStringLiteral("catalog write failed for good, dropped: ") + error;
            fault(text);
            qCWarning(lcStorage, "%s", qPrintable(text));
        }
        m_pending.removeFirst();
        ++committed;
    }
    if (m_health.degraded && m_db.isOpen()) {
        qCInfo(lcStorage, "catalog healed after %s degraded: %d deferred writes committed; reconciling it with the "
                          "disk is due",
               qPrintable(seconds(m_health.since)), committed);
        m_health.degraded = false;
        m_health.reason.clear();
        m_health.since = QDateTime::currentDateTimeUtc();
        m_health.rebuildNeeded = true;
        m_reopenOnRetry = false;
        m_retryTimer->stop();
    }
    return m_db.isOpen();
}

void CatalogWorker::clearRebuildNeeded()
{
    m_health.rebuildNeeded = false;
    publish();
}

void CatalogWorker::publish()
{
    m_health.pendingWrites = int(m_pending.size());
    if (m_health == m_published)
        return;
    m_published = m_health;
    emit healthChanged(m_health);
}

QList<CatalogRecord> CatalogWorker::select(const QString &whereOrderLimit, const QVariantList &values)
{
    QList<CatalogRecord> records;
    if (!m_db.isOpen())
        return records;
    QString error;
    int code = 0;
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (q.prepare(QStringLiteral("SELECT %1 FROM recordings %2").arg(QLatin1String(kColumns), whereOrderLimit))) {
            for (const QVariant &value : values)
                q.addBindValue(value);
            if (q.exec()) {
                while (q.next())
                    records.append(recordFrom(q));
            }
        }
        if (q.lastError().isValid()) {
            error = q.lastError().text();
            code = CatalogSchema::sqliteCode(q.lastError());
        }
    }
    if (!error.isEmpty()) {
        qCWarning(lcStorage, "catalog query failed: %s", qPrintable(error));
        records.clear();
        if (classify(code) == Outcome::Corrupt)
            recoverFromCorruption(error);
        publish();
    }
    return records;
}

std::optional<qint64> CatalogWorker::scalar(const QString &sql, const QVariantList &values)
{
    if (!m_db.isOpen())
        return std::nullopt;
    std::optional<qint64> result;
    int code = 0;
    QString error;
    {
        QSqlQuery q(m_db);
        if (q.prepare(sql)) {
            for (const QVariant &value : values)
                q.addBindValue(value);
            if (q.exec() && q.next())
                result = q.value(0).toLongLong();
        }
        if (q.lastError().isValid()) {
            error = q.lastError().text();
            code = CatalogSchema::sqliteCode(q.lastError());
        }
    }
    if (classify(code) == Outcome::Corrupt) {
        recoverFromCorruption(error);
        publish();
        return std::nullopt;
    }
    return result;
}

std::optional<QList<QVariantList>> CatalogWorker::query(const QString &sql, const QVariantList &values,
                                                       QString *error)
{
    if (!m_db.isOpen()) {
        *error = m_health.reason.isEmpty() ? QStringLiteral("catalog is not open") : m_health.reason;
        return std::nullopt;
    }
    QList<QVariantList> rows;
    int code = 0;
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (q.prepare(sql)) {
            for (const QVariant &value : values)
                q.addBindValue(value);
            if (q.exec()) {
                const int columns = q.record().count();
                while (q.next()) {
                    QVariantList row;
                    row.reserve(columns);
                    for (int i = 0; i < columns; ++i)
                        row.append(q.value(i));
                    rows.append(row);
                }
            }
        }
        if (q.lastError().isValid()) {
            *error = q.lastError().text();
            code = CatalogSchema::sqliteCode(q.lastError());
        }
    }
    if (!error->isEmpty()) {
        qCWarning(lcStorage, "catalog query failed: %s", qPrintable(*error));
        if (classify(code) == Outcome::Corrupt)
            recoverFromCorruption(*error);
        publish();
        return std::nullopt;
    }
    return rows;
}

QString CatalogWorker::transaction(const QList<Statement> &statements, bool expectRow, const QString &path)
{
    if (!m_health.degraded)
        flush();
    // A degraded catalog answers at once: its callers (retention, recovery, D-Bus) must not wait on a
    // file that cannot take the write, and nothing may overtake the writes kept in memory.
    if (m_health.degraded || !m_pending.isEmpty() || !m_db.isOpen()) {
        publish();
        return m_health.reason.isEmpty() ? QStringLiteral("catalog is not open")
                                         : QStringLiteral("catalog degraded: ") + m_health.reason;
    }
    QString error;
    const Outcome outcome = runStatements(statements, expectRow, path, &error);
    if (outcome == Outcome::Corrupt)
        recoverFromCorruption(error);
    else if (outcome == Outcome::Retry)
        fault(error);
    publish();
    return outcome == Outcome::Done ? QString() : error;
}
