// SPDX-License-Identifier: MIT
// The figures page: recorded hours, storage and days left, watchdog restarts, dropped frames, CPU heat, uploads.
#pragma once

#include "catalogquery.h"
#include "metricshistory.h"
#include "watchdogstatus.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class Sparkline;
class StatCell;

// Thread-bound to the UI thread. Keeps the metrics history since the dashboard started; the
// catalog sum for "today" runs on a worker thread (CatalogQuery), at most once a minute.
class FiguresPage : public QWidget
{
    Q_OBJECT
public:
    // `minFreeBytes` is [storage] min_free: the days left count down to it.
    FiguresPage(const QString &catalogFile, double minFreeBytes, QWidget *parent = nullptr);

    // A reading of /metrics now (the dashboard's uptime is its time).
    void showMetrics(const PrometheusText::Document &metrics);
    // A reading at a given uptime, for the screenshot tool and tests.
    void addMetrics(double atSeconds, const PrometheusText::Document &metrics);
    // /metrics did not answer: the figures shown stay, greyed and marked with the time they are from.
    void showMetricsFailure(const QString &reason);
    // The watchdog's status document: reboots in the last 24 h come from it, as on the Service page.
    void showWatchdog(const WatchdogStatus::ReadResult &watchdog);
    // Starts the catalog query for today's recorded seconds; its answer shows when it comes.
    void refreshToday();

    StatCell *cell(const QString &objectName) const;
    Sparkline *droppedChart() const { return m_dropped; }

signals:
    void todayShown(); // after each answer of the catalog query (tests wait on it)

private:
    void showFigures(const MetricsHistory::Figures &figures);
    void todayFinished();

    QString m_catalogFile;
    MetricsHistory m_history;
    QElapsedTimer m_uptime;
    QDateTime m_metricsAt; // when the figures shown were read
    QElapsedTimer m_sinceTodayQuery;
    QFutureWatcher<CatalogQuery::Seconds> m_today;
    StatCell *m_todayCell;
    StatCell *m_totalCell;
    StatCell *m_usedCell;
    StatCell *m_daysLeftCell;
    StatCell *m_restartsCell;
    StatCell *m_rebootsCell;
    StatCell *m_temperatureCell;
    StatCell *m_throttledCell;
    StatCell *m_powerCell;
    StatCell *m_uploadCell;
    StatCell *m_uploadAgeCell;
    StatCell *m_remoteCell;
    QWidget *m_cells; // greyed while the figures are old
    QLabel *m_stale;
    QLabel *m_window;
    QLabel *m_droppedCaption;
    Sparkline *m_dropped;
};
