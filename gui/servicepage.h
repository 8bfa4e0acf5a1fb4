// SPDX-License-Identifier: MIT
// The service page: the units' systemd state, restart buttons, their last log lines, watchdog details.
#pragma once

#include "logtail.h"
#include "statussnapshot.h"
#include "unitstate.h"

#include <QHash>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QPlainTextEdit;
class QPushButton;

// Thread-bound to the UI thread. Shows what it is given; restarts are requested by signal.
class ServicePage : public QWidget
{
    Q_OBJECT
public:
    struct Sources {
        QString heartbeatFile;
        QString watchdogFile;
        QString previewFile;
        QString catalogFile;
        QString metricsUrl;
        // The programs' own log files, by unit (recorderd, watchdog, exporter).
        QString recorderLog;
        QString watchdogLog;
        QString exporterLog;
        // recorder-offload's log file; empty when [offload] is off, and then the page has no uploader
        // row at all: a Pi that uploads nothing shows the three units it runs.
        QString offloadLog;
        QString offloadStatusFile;
    };

    ServicePage(const Sources &sources, QWidget *parent = nullptr);

    void showSnapshot(const StatusSnapshot &snapshot);
    void showMetrics(bool ok, const QString &detail);
    // From UnitStateReader: the state line next to the unit's restart button.
    void showUnitState(const UnitState &state);
    // From UnitLogReader: the last lines of the unit's log file, or why there are none.
    void showLog(const QString &unit, const LogTail::Result &result);
    // Which unit's log the log area shows (the selector buttons do the same).
    void selectLog(const QString &unit);
    QString unitStateText(const QString &unit) const;
    QString logText() const;

    static const QString kRecorderUnit;
    static const QString kWatchdogUnit;
    static const QString kExporterUnit;
    static const QString kOffloadUnit;

signals:
    void restartRequested(const QString &unit);
    // The page came on screen or left it: logs are only read while it shows.
    void shownChanged(bool shown);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct UnitView {
        QLabel *state = nullptr;
        QPushButton *logButton = nullptr; // in m_logSelector: checked while its log shows
        QString logPath;
        QString log; // the text shown when this unit is selected
    };

    void showSelectedLog();
    void showWatchdog();
    void showOffload(const OffloadStatusReader::Result &offload);

    QHash<QString, UnitView> m_units;
    QButtonGroup *m_logSelector;
    QPlainTextEdit *m_log;
    QLabel *m_logCaption;
    QString m_selected;
    QLabel *m_watchdog;
    WatchdogStatus::ReadResult m_watchdogStatus; // the last read, shown again when the recorder's log changes
    bool m_configErrorLogged = false; // the recorder's log holds its configuration error's line
    QLabel *m_recorder;
    QLabel *m_metrics;
    QLabel *m_offload = nullptr; // the uploader's status line, only with [offload] enabled
};
