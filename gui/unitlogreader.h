// SPDX-License-Identifier: MIT
// Reads the last lines of each service's log file on a worker thread while the Service page shows them.
#pragma once

#include "activepoll.h"
#include "logtail.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>

// Thread-bound to the UI thread. The reads run in QtConcurrent's pool, one round at a time, and
// only while setActive(true) (the page is on screen); a file whose size, mtime and inode have not
// changed since the last round is not read again. Results come back through logRead().
class UnitLogReader : public QObject
{
    Q_OBJECT
public:
    struct Source {
        QString unit;
        QString path;
        TrustedOwners owners; // who may have written it: the service's account, root or we
    };
    static constexpr int kLines = 20;

    UnitLogReader(const QList<Source> &sources, int intervalMs, QObject *parent = nullptr);
    ~UnitLogReader() override;

    // Reads at once and then every interval while active; stops reading when not.
    void setActive(bool active) { m_poll.setActive(active); }

    // One round, run on a worker thread; public for tests and the screenshot tool.
    static QList<LogTail::Result> readAll(const QList<Source> &sources, const QList<LogTail::Result> &previous);

signals:
    void logRead(const QString &unit, const LogTail::Result &result);

private:
    void refresh();
    void finished();

    QList<Source> m_sources;
    QList<LogTail::Result> m_last;
    ActivePoll m_poll;
    QFutureWatcher<QList<LogTail::Result>> m_watcher;
};
