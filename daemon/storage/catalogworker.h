// SPDX-License-Identifier: MIT
// The catalog's SQL, run on the catalog's own thread; Catalog is its only user.
#pragma once

#include "cataloghealth.h"
#include "catalogrecord.h"
#include "recordinginfo.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QTimer>
#include <QVariantList>

#include <optional>
#include <sys/types.h>

class QSqlError;

// Thread-bound: created by Catalog, moved to the catalog thread; every method runs there.
// It owns the catalog's health: a corrupt file is moved aside and replaced by a fresh one; any other
// failure makes the catalog degraded (writes wait in memory, a timer retries, reopening the file when
// it has to) until it heals by itself.
class CatalogWorker : public QObject
{
    Q_OBJECT
public:
    explicit CatalogWorker(const QString &databasePath);

    // "" when the catalog is usable now, else why it is degraded (it keeps retrying by itself).
    QString open();
    void close();
    void setRetryInterval(int milliseconds);

    struct Statement { QString sql; QVariantList values; };
    // Queued write: the statements run in one transaction, in order after every earlier write. One
    // that fails for a passing reason (busy, full, read-only, I/O error, not open) is kept and retried.
    void write(const QList<Statement> &statements);
    // Retries kept writes now; true when none is left.
    bool flush();
    int pendingWrites() const { return int(m_pending.size()); }

    QList<CatalogRecord> select(const QString &whereOrderLimit, const QVariantList &values);
    std::optional<qint64> scalar(const QString &sql, const QVariantList &values);
    // Any SELECT: its rows, or nullopt with the reason in `error` (not open, or the query failed).
    std::optional<QList<QVariantList>> query(const QString &sql, const QVariantList &values, QString *error);
    // Runs the statements in one transaction, after any kept writes. `expectRow`: the first must
    // change a row, else the reason is "no recording with path <path> in the catalog". Returns "" or
    // the reason; nothing is kept for a retry (the caller waits for the answer), and a degraded
    // catalog answers at once with its reason.
    QString transaction(const QList<Statement> &statements, bool expectRow, const QString &path);

    void clearRebuildNeeded();

signals:
    // Emitted on the catalog thread, after the operation that changed the health.
    void healthChanged(const CatalogHealth &health);

private:
    enum class Outcome { Done, Retry, Corrupt, Failed };
    static Outcome classify(int sqliteCode);
    Outcome execute(const QString &sql, const QVariantList &values, QString *error, int *rowsAffected = nullptr);
    Outcome runStatements(const QList<Statement> &statements, bool expectRow, const QString &path, QString *error);
    // Opens the file, moving a corrupt one aside and starting a fresh one. Returns "" or why not.
    QString openOrRebuild();
    Outcome openFile(QString *error);
    QString moveAside(const QString &why);
    void closeConnection();
    // A statement found the file corrupt: move it aside and start a fresh one (the caller retries).
    bool recoverFromCorruption(const QString &error);
    void becomeDegraded(const QString &reason, int sqliteCode);
    void fault(const QString &text);
    void retry();
    void publish();

    QString m_databasePath;
    QString m_connectionName;
    QSqlDatabase m_db;
    struct Pending { QList<Statement> statements; };
    QList<Pending> m_pending;
    QTimer *m_retryTimer;   // child: retries kept writes and reopens the file while degraded
    // The file that passed PRAGMA quick_check last, so a reopen while degraded does not check it again.
    dev_t m_checkedDevice = 0;
    ino_t m_checkedInode = 0;
    bool m_openCalled = false;      // writes before open() are kept without counting as a fault
    int m_lastCode = 0;             // SQLite code of the last failed statement
    bool m_reopenOnRetry = false;   // the last failure may have left the connection unusable (I/O, read-only)
    int m_movedAsideCount = 0;
    CatalogHealth m_health;
    CatalogHealth m_published;
};
