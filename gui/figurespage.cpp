// SPDX-License-Identifier: MIT
// The figures page: recorded hours, storage and days left, watchdog restarts, dropped frames, CPU heat, uploads.
#include "figurespage.h"

#include "displayformat.h"
#include "sparkline.h"
#include "statcell.h"

#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace {
// The Pi firmware starts capping the clock at 80 °C; warn before it does (alerts.yml's RecorderHot too).
constexpr double kHotCelsius = 75;
// Today's sum changes by a minute a minute: a query every 5 s fetch would only cost the card reads.
constexpr qint64 kTodayQueryEveryMs = 60'000;
// Uploads this far behind are worth a look (alerts.yml's RecorderUploadQueueStuck too).
constexpr double kUploadLateSeconds = 6 * 3600;
const QString kNone = QStringLiteral("—");
} // namespace

FiguresPage::FiguresPage(const QString &catalogFile, double minFreeBytes, QWidget *parent)
    : QWidget(parent)
    , m_catalogFile(catalogFile)
    , m_history(minFreeBytes)
    , m_todayCell(new StatCell(QStringLiteral("recordedTodayCell"), tr("Recorded today"), this))
    , m_totalCell(new StatCell(QStringLiteral("recordedTotalCell"), tr("Recorded in all"), this))
    , m_usedCell(new StatCell(QStringLiteral("storageUsedCell"), tr("Recordings use"), this))
    , m_daysLeftCell(new StatCell(QStringLiteral("daysLeftCell"), tr("Old recordings deleted in"), this))
    , m_restartsCell(new StatCell(QStringLiteral("watchdogRestartsCell"), tr("Restarts"), this))
    , m_rebootsCell(new StatCell(QStringLiteral("watchdogRebootsCell"), tr("Reboots"), this))
    , m_temperatureCell(new StatCell(QStringLiteral("cpuTemperatureCell"), tr("CPU temperature"), this))
    , m_throttledCell(new StatCell(QStringLiteral("cpuThrottledCell"), tr("CPU slowed down"), this))
    , m_powerCell(new StatCell(QStringLiteral("powerSupplyCell"), tr("Power supply"), this))
    , m_uploadCell(new StatCell(QStringLiteral("uploadQueueCell"), tr("Waiting to upload"), this))
    , m_uploadAgeCell(new StatCell(QStringLiteral("uploadOldestCell"), tr("Oldest waiting for"), this))
    , m_remoteCell(new StatCell(QStringLiteral("uploadRemoteCell"), tr("Upload remote"), this))
    , m_cells(new QWidget(this))
    , m_stale(new QLabel(this))
    , m_window(new QLabel(this))
    , m_droppedCaption(new QLabel(this))
    , m_dropped(new Sparkline(this))
{
    // Texts from the heartbeat and files: plain, never rich text (an <img src=file:…> would load a local
    // file).
    m_stale->setTextFormat(Qt::PlainText);
    m_window->setTextFormat(Qt::PlainText);
    m_droppedCaption->setTextFormat(Qt::PlainText);
    setObjectName(QStringLiteral("figuresPage"));
    qRegisterMetaType<CatalogQuery::Seconds>();
    connect(&m_today, &QFutureWatcher<CatalogQuery::Seconds>::finished, this, &FiguresPage::todayFinished);
    m_uptime.start();

    m_stale->setObjectName(QStringLiteral("figuresStale"));
    m_stale->setWordWrap(true);
    m_stale->hide();
    m_window->setObjectName(QStringLiteral("figuresWindow"));
    m_window->setProperty("caption", true);
    m_window->setWordWrap(true);
    m_droppedCaption->setObjectName(QStringLiteral("droppedCaption"));
    m_droppedCaption->setProperty("caption", true);
    m_dropped->setObjectName(QStringLiteral("droppedSparkline"));
    m_dropped->setAccessibleName(tr("Frames dropped per minute"));

    // Three columns: a value like "25 min 07 s" in the large figure type needs a third of the width.
    constexpr int kColumns = 3;
    auto *grid = new QGridLayout(m_cells);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    // The upload cells last, a row of their own: hidden unless offload is on, so a Pi without it
    // shows three full rows in 800x480.
    const QList<StatCell *> cells{m_todayCell,       m_totalCell,       m_usedCell,
                                  m_daysLeftCell,    m_restartsCell,    m_rebootsCell,
                                  m_temperatureCell, m_throttledCell,   m_powerCell,
                                  m_uploadCell,      m_uploadAgeCell,   m_remoteCell};
    for (int i = 0; i < cells.size(); ++i) {
        cells.at(i)->setValue(kNone);
        grid->addWidget(cells.at(i), i / kColumns, i % kColumns);
    }
    for (int column = 0; column < kColumns; ++column)
        grid->setColumnStretch(column, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_stale);
    layout->addWidget(m_cells);
    layout->addWidget(m_window);
    layout->addWidget(m_droppedCaption);
    layout->addWidget(m_dropped);
    layout->addStretch(1);

    // Shown only when the exporter has them: no offload when it is off, no thermal files off a Pi.
    for (StatCell *cell : {m_temperatureCell, m_throttledCell, m_powerCell, m_uploadCell, m_uploadAgeCell, m_remoteCell})
        cell->hide();
    showFigures(m_history.figures());
}

StatCell *FiguresPage::cell(const QString &objectName) const
{
    return findChild<StatCell *>(objectName);
}

void FiguresPage::showMetrics(const PrometheusText::Document &metrics)
{
    addMetrics(m_uptime.elapsed() / 1000.0, metrics);
    if (!m_today.isRunning() && (!m_sinceTodayQuery.isValid() || m_sinceTodayQuery.elapsed() >= kTodayQueryEveryMs))
        refreshToday();
}

void FiguresPage::addMetrics(double atSeconds, const PrometheusText::Document &metrics)
{
    m_history.add(atSeconds, metrics);
    m_metricsAt = QDateTime::currentDateTime();
    m_cells->setEnabled(true);
    m_stale->hide();
    showFigures(m_history.figures());
}

void FiguresPage::showMetricsFailure(const QString &reason)
{
    // Old figures look like current ones unless marked: a person would trust a frozen "not filling".
    m_cells->setEnabled(false);
    m_stale->setText(m_metricsAt.isValid()
                         ? tr("Figures as of %1: the exporter is not answering (%2).")
                               .arg(QLocale().toString(m_metricsAt.time(), QLocale::ShortFormat), reason)
                         : tr("No figures yet: the exporter is not answering (%1).").arg(reason));
    m_stale->show();
}

void FiguresPage::showWatchdog(const WatchdogStatus::ReadResult &watchdog)
{
    // The watchdog keeps its reboots of the last 24 h across reboots; the Service page shows the same.
    if (watchdog.ok())
        m_rebootsCell->setValue(QLocale().toString(watchdog.document.rebootsLast24h), watchdog.document.rebootsLast24h > 0);
    else
        m_rebootsCell->setValue(kNone);
}

void FiguresPage::refreshToday()
{
    if (m_today.isRunning())
        return;
    m_sinceTodayQuery.start();
    const qint64 midnight = QDateTime(QDate::currentDate(), QTime(0, 0)).toMSecsSinceEpoch();
    m_today.setFuture(QtConcurrent::run(&CatalogQuery::recordedSince, m_catalogFile, midnight));
}

void FiguresPage::todayFinished()
{
    const CatalogQuery::Seconds today = m_today.result();
    m_todayCell->setValue(today.error.isEmpty() ? DisplayFormat::duration(today.seconds) : kNone);
    emit todayShown();
}

void FiguresPage::showFigures(const MetricsHistory::Figures &f)
{
    const QLocale locale;
    m_totalCell->setValue(f.recordedSeconds ? tr("%1 h").arg(locale.toString(*f.recordedSeconds / 3600.0, 'f', 1))
                                            : kNone);
    m_usedCell->setValue(f.recordingsBytes ? DisplayFormat::size(qint64(*f.recordingsBytes)) : kNone);
    switch (f.trend) {
    case MetricsHistory::Trend::TooLittleHistory:
        m_daysLeftCell->setValue(kNone);
        break;
    case MetricsHistory::Trend::NotFilling:
        m_daysLeftCell->setValue(tr("not filling"));
        break;
    case MetricsHistory::Trend::Deleting:
        m_daysLeftCell->setValue(tr("deleting now"), true);
        break;
    case MetricsHistory::Trend::Filling:
        // Under two days, "1 day" would hide up to 23 hours: say hours. Beyond a year the rate says
        // nothing useful (history is at most a day).
        if (f.daysLeft > 365)
            m_daysLeftCell->setValue(tr("> 1 year"));
        else
            m_daysLeftCell->setValue(f.daysLeft < 2 ? tr("%1 h").arg(locale.toString(f.daysLeft * 24, 'f', 0))
                                                    : tr("%n day(s)", nullptr, int(f.daysLeft)),
                                     f.daysLeft < 7);
        break;
    }

    const auto count = [&locale](std::optional<double> v) { return v ? locale.toString(qint64(*v)) : kNone; };
    m_restartsCell->setValue(count(f.watchdogRestarts), f.watchdogRestarts.value_or(0) > 0);
    const bool fullDay = f.coveredSeconds >= MetricsHistory::kWindowSeconds;
    m_window->setText((fullDay ? tr("Restarts by the watchdog, dropped frames: the last 24 hours.")
                               : tr("Restarts by the watchdog, dropped frames: since the dashboard started %1 ago.")
                                     .arg(DisplayFormat::duration(f.coveredSeconds)))
                      + QLatin1Char(' ') + tr("Reboots: the watchdog's own count for the last 24 hours."));

    m_temperatureCell->setVisible(f.cpuCelsius.has_value());
    if (f.cpuCelsius)
        m_temperatureCell->setValue(tr("%1 °C").arg(locale.toString(*f.cpuCelsius, 'f', 1)), *f.cpuCelsius >= kHotCelsius);
    // Now, else "earlier" when the firmware's since-boot flag says it happened: short enough for a cell.
    const auto flag = [this](StatCell *cell, std::optional<bool> now, std::optional<bool> sinceBoot,
                             const QString &yes, const QString &earlier, const QString &no) {
        cell->setVisible(now.has_value());
        if (!now)
            return;
        if (*now)
            cell->setValue(yes, true);
        else if (sinceBoot.value_or(false))
            cell->setValue(earlier, true);
        else
            cell->setValue(no);
    };
    flag(m_throttledCell, f.cpuSlowed, f.cpuSlowedSinceBoot, tr("yes"), tr("earlier, not now"), tr("no"));
    flag(m_powerCell, f.underVoltage, f.underVoltageSinceBoot, tr("too weak"), tr("was too weak"), tr("OK"));
    m_uploadCell->setVisible(f.uploadQueue.has_value());
    if (f.uploadQueue)
        m_uploadCell->setValue(count(f.uploadQueue));
    m_uploadAgeCell->setVisible(f.uploadOldestSeconds.has_value());
    if (f.uploadOldestSeconds) {
        m_uploadAgeCell->setValue(*f.uploadOldestSeconds > 0 ? DisplayFormat::duration(*f.uploadOldestSeconds) : kNone,
                                  *f.uploadOldestSeconds >= kUploadLateSeconds);
    }
    m_remoteCell->setVisible(f.remoteReachable.has_value());
    if (f.remoteReachable)
        m_remoteCell->setValue(*f.remoteReachable ? tr("reachable") : tr("unreachable"), !*f.remoteReachable);

    m_dropped->setValues(f.droppedPerStep);
    const double most = f.droppedPerStep.isEmpty()
        ? 0 : *std::max_element(f.droppedPerStep.cbegin(), f.droppedPerStep.cend());
    m_droppedCaption->setText(tr("Frames dropped per minute (most: %1)").arg(locale.toString(qint64(most))));
}
