// SPDX-License-Identifier: MIT
// The dashboard's window: a navigation rail, the status, recordings, service and figures pages, and wiring.
#pragma once

#include "bitrateestimator.h"
#include "prometheustext.h"
#include "statusreader.h"
#include "statussummary.h"

#include <QDBusConnection>
#include <QUrl>
#include <QWidget>

class Config;
class FiguresPage;
class MessageBanner;
class MetricsClient;
class QButtonGroup;
class QStackedWidget;
class RecorderControl;
class RecordingsModel;
class RecordingsPage;
class ServicePage;
class StatusPage;
class UnitLogReader;
class UnitStateReader;

// Thread-bound to the UI thread. Owns its readers and the D-Bus control (as QObject children);
// all I/O happens in them, off this thread or asynchronously.
class DashboardWindow : public QWidget
{
    Q_OBJECT
public:
    struct Settings {
        StatusReader::Files files;
        QString catalogFile;
        double minFreeBytes = 0; // [storage] min_free: the Figures page's days left count down to it
        QUrl metricsUrl;
        double staleAfterSeconds = 30;
        int pollMs = 500;          // heartbeat poll: the state shows within a second of a change
        int metricsPollMs = 5000;  // the exporter caches anyway
        // The units' systemd state and their log files on the Service page.
        QString recorderLog;
        QString watchdogLog;
        QString exporterLog;
        QString offloadLog; // empty when [offload] is off: no uploader row on the Service page
        int unitPollMs = 3000; // a restart shows as "restarting" within seconds
        int logPollMs = 2000;  // only while the Service page is on screen
        static Settings fromConfig(const Config &config);
    };

    DashboardWindow(const Settings &settings, const QDBusConnection &bus, QWidget *parent = nullptr);
    ~DashboardWindow() override;

    // Starts polling files and /metrics and loads the recordings list.
    void start();

    // Entry points of the readers, public so the screenshot tool can show fixed states.
    void showSnapshot(const StatusSnapshot &snapshot);
    void showMetrics(const PrometheusText::Document &metrics);
    void showMetricsFailure(const QString &reason);
    void showPage(int index);

    StatusPage *statusPage() const { return m_statusPage; }
    RecordingsPage *recordingsPage() const { return m_recordingsPage; }
    ServicePage *servicePage() const { return m_servicePage; }
    FiguresPage *figuresPage() const { return m_figuresPage; }
    MessageBanner *banner() const { return m_banner; }
    RecordingsModel *recordingsModel() const { return m_recordings; }
    StatusSummary summary() const { return m_summary; }

    enum Page { StatusPageIndex, RecordingsPageIndex, ServicePageIndex, FiguresPageIndex };

signals:
    // Emitted once, after the first frame was painted (start-up measurement).
    void firstPaint();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void confirmStop();
    void confirmRestart(const QString &unit);

    Settings m_settings;
    StatusReader *m_reader;
    MetricsClient *m_metrics;
    RecorderControl *m_control;
    RecordingsModel *m_recordings;
    MessageBanner *m_banner;
    QStackedWidget *m_pages;
    QButtonGroup *m_nav;
    StatusPage *m_statusPage;
    RecordingsPage *m_recordingsPage;
    ServicePage *m_servicePage;
    FiguresPage *m_figuresPage;
    UnitStateReader *m_units;
    UnitLogReader *m_logs;
    BitrateEstimator m_bitrate;
    StatusSummary m_summary;
    bool m_painted = false;
    QString m_metricsProblem; // last reason /metrics failed, empty when it answered
    bool m_metricsSeen = false;
    int m_metricsMalformed = 0; // malformed lines in the last reply, logged when it changes
};
