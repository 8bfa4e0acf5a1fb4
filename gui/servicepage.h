// SPDX-License-Identifier: MIT
// The service page: restart buttons for the three units, watchdog details, where data comes from.
#pragma once

#include "statussnapshot.h"

#include <QWidget>

class QLabel;

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
    };

    ServicePage(const Sources &sources, QWidget *parent = nullptr);

    void showSnapshot(const StatusSnapshot &snapshot);
    void showMetrics(bool ok, const QString &detail);

    static const QString kRecorderUnit;
    static const QString kWatchdogUnit;
    static const QString kExporterUnit;

signals:
    void restartRequested(const QString &unit);

private:
    QLabel *m_watchdog;
    QLabel *m_recorder;
    QLabel *m_metrics;
};
