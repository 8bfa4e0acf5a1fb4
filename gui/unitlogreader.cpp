// SPDX-License-Identifier: MIT
// Reads the last lines of each service's log file on a worker thread while the Service page shows them.
#include "unitlogreader.h"

#include <QtConcurrent/QtConcurrentRun>

UnitLogReader::UnitLogReader(const QList<Source> &sources, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_sources(sources)
    , m_poll(intervalMs, [this] { refresh(); })
{
    connect(&m_watcher, &QFutureWatcher<QList<LogTail::Result>>::finished, this, &UnitLogReader::finished);
}

UnitLogReader::~UnitLogReader()
{
    // The worker only touches its own copies; wait so it never outlives this object.
    m_watcher.waitForFinished();
}

void UnitLogReader::refresh()
{
    if (m_watcher.isRunning())
        return; // the next tick reads again
    m_watcher.setFuture(QtConcurrent::run(&UnitLogReader::readAll, m_sources, m_last));
}

QList<LogTail::Result> UnitLogReader::readAll(const QList<Source> &sources, const QList<LogTail::Result> &previous)
{
    QList<LogTail::Result> results;
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const LogTail::Result *before = i < previous.size() ? &previous.at(i) : nullptr;
        results.append(LogTail::read(sources.at(i).path, sources.at(i).owners, kLines, before));
    }
    return results;
}

void UnitLogReader::finished()
{
    m_last = m_watcher.result();
    for (qsizetype i = 0; i < m_last.size() && i < m_sources.size(); ++i) {
        if (!m_last.at(i).unchanged)
            emit logRead(m_sources.at(i).unit, m_last.at(i));
    }
}
