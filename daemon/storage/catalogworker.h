// SPDX-License-Identifier: MIT
// The catalog's SQL, run on the catalog's own thread; Catalog is its only user.
#pragma once

#include "catalogrecord.h"
#include "recordinginfo.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QTimer>
#include <QVariantList>

#include <optional>

// Thread-bound: created by Catalog, moved to the catalog thread; every method runs there.
class CatalogWorker : public QObject
{
    Q_OBJECT
public:
    explicit CatalogWorker(const QString &databasePath);

    QString open();
    void close();

    // Queued writes: a write that fails for a passing reason (database busy, disk full, I/O error) is
    // kept and retried, so a full disk that retention then frees loses no row.
    void write(const QString &sql, const QVariantList &values);
    // Retries kept writes now; true when none is left.
    bool flush();
    int pendingWrites() const { return int(m_pending.size()); }

    QList<CatalogRecord> select(const QString &whereOrderLimit, const QVariantList &values);
    std::optional<qint64> scalar(const QString &sql, const QVariantList &values);
    // Runs the statements in one transaction, after any kept writes. `expectRow`: the first must
    // change a row, else the reason is "no recording with path <path> in the catalog". Returns "" or
    // the reason; nothing is kept for a retry (the caller waits for the answer).
    struct Statement { QString sql; QVariantList values; };
    QString transaction(const QList<Statement> &statements, bool expectRow, const QString &path);

private:
    enum class Outcome { Done, Retry, Failed };
    Outcome execute(const QString &sql, const QVariantList &values, QString *error, int *rowsAffected = nullptr);
    void scheduleRetry();

    QString m_databasePath;
    QString m_connectionName;
    QSqlDatabase m_db;
    struct Pending { QString sql; QVariantList values; };
    QList<Pending> m_pending;
    QTimer *m_retryTimer;   // child: retries kept writes
};
