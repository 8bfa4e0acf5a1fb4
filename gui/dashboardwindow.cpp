// SPDX-License-Identifier: MIT
// The dashboard's window: a navigation rail, the status, recordings, service and figures pages, and wiring.
#include "dashboardwindow.h"

#include "config.h"
#include "confirmdialog.h"
#include "dashboardlog.h"
#include "dashboardstyle.h"
#include "figurespage.h"
#include "messagebanner.h"
#include "metricsclient.h"
#include "paths.h"
#include "playerview.h"
#include "recordercontrol.h"
#include "recordingsmodel.h"
#include "recordingspage.h"
#include "servicepage.h"
#include "serviceaccounts.h"
#include "statuspage.h"
#include "unitlogreader.h"
#include "unitstatereader.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QStyleOption>
#include <QVBoxLayout>

DashboardWindow::Settings DashboardWindow::Settings::fromConfig(const Config &config)
{
    const Paths paths(config);
    Settings settings;
    settings.files.heartbeat = paths.heartbeatFile();
    settings.files.watchdogStatus = paths.watchdogStatusFile();
    settings.files.preview = paths.previewFile();
    if (config.boolean(QStringLiteral("offload/enabled"))) {
        settings.files.offloadStatus = config.string(QStringLiteral("paths/offload_runtime_dir")) + QStringLiteral("/status.json");
        // The name recorder-offload's main() gives CommandLine::process.
        settings.offloadLog = config.string(QStringLiteral("paths/offload_log_dir")) + QStringLiteral("/offload.log");
    }
    settings.catalogFile = paths.catalogFile();
    settings.minFreeBytes = double(config.bytes(QStringLiteral("storage/min_free")));
    settings.metricsUrl = QUrl(config.string(QStringLiteral("gui/metrics_url")));
    settings.staleAfterSeconds = config.seconds(QStringLiteral("heartbeat/timeout"));
    settings.recorderLog = paths.recorderLogFile();
    settings.watchdogLog = paths.watchdogLogFile();
    settings.exporterLog = paths.exporterLogFile();
    return settings;
}

namespace {
// The units on the Service page: the three every installation runs, and the uploader when offload is on.
QStringList unitsShown(const DashboardWindow::Settings &settings)
{
    QStringList units{ServicePage::kRecorderUnit, ServicePage::kWatchdogUnit, ServicePage::kExporterUnit};
    if (!settings.offloadLog.isEmpty())
        units.append(ServicePage::kOffloadUnit);
    return units;
}

QList<UnitLogReader::Source> logsShown(const DashboardWindow::Settings &settings)
{
    QList<UnitLogReader::Source> logs{
        {ServicePage::kRecorderUnit, settings.recorderLog, TrustedOwners::writtenBy(ServiceAccounts::kRecorder)},
        {ServicePage::kWatchdogUnit, settings.watchdogLog, TrustedOwners::writtenBy(ServiceAccounts::kWatchdog)},
        {ServicePage::kExporterUnit, settings.exporterLog, TrustedOwners::writtenBy(ServiceAccounts::kExporter)}};
    if (!settings.offloadLog.isEmpty())
        logs.append({ServicePage::kOffloadUnit, settings.offloadLog, TrustedOwners::writtenBy(ServiceAccounts::kOffload)});
    return logs;
}
} // namespace

DashboardWindow::DashboardWindow(const Settings &settings, const QDBusConnection &bus, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_reader(new StatusReader(settings.files, settings.pollMs, this))
    , m_metrics(new MetricsClient(settings.metricsUrl, settings.metricsPollMs, this))
    , m_control(new RecorderControl(bus, this))
    , m_recordings(new RecordingsModel(settings.catalogFile, this))
    , m_banner(new MessageBanner(this))
    , m_pages(new QStackedWidget(this))
    , m_nav(new QButtonGroup(this))
    , m_statusPage(new StatusPage(this))
    , m_recordingsPage(new RecordingsPage(m_recordings, this))
    , m_servicePage(new ServicePage({settings.files.heartbeat, settings.files.watchdogStatus, settings.files.preview,
                                     settings.catalogFile, settings.metricsUrl.toString(), settings.recorderLog,
                                     settings.watchdogLog, settings.exporterLog, settings.offloadLog,
                                     settings.files.offloadStatus},
                                    this))
    , m_figuresPage(new FiguresPage(settings.catalogFile, settings.minFreeBytes, this))
    , m_units(new UnitStateReader(bus, unitsShown(settings), settings.unitPollMs, this))
    , m_logs(new UnitLogReader(logsShown(settings), settings.logPollMs, this))
{
    setObjectName(QStringLiteral("dashboard"));
    setWindowTitle(tr("Recorder"));
    setStyleSheet(DashboardStyle::sheet());
    setMinimumSize(800, 480);

    m_pages->addWidget(m_statusPage);
    m_pages->addWidget(m_recordingsPage);
    m_pages->addWidget(m_servicePage);
    m_pages->addWidget(m_figuresPage);

    // A rail on the left: the 800×480 screen has width to spare and height to save.
    auto *rail = new QVBoxLayout;
    rail->setSpacing(8);
    const struct { const char *name; QString text; } navItems[] = {
        {"navStatus", tr("Status")}, {"navRecordings", tr("Recordings")}, {"navService", tr("Service")},
        {"navFigures", tr("Figures")}};
    int id = 0;
    for (const auto &item : navItems) {
        auto *button = new QPushButton(item.text, this);
        button->setObjectName(QLatin1String(item.name));
        button->setProperty("nav", true);
        button->setCheckable(true);
        m_nav->addButton(button, id++);
        rail->addWidget(button);
    }
    rail->addStretch(1);
    m_nav->button(StatusPageIndex)->setChecked(true);
    connect(m_nav, &QButtonGroup::idClicked, this, &DashboardWindow::showPage);

    auto *content = new QVBoxLayout;
    content->setSpacing(0);
    content->addWidget(m_banner);
    content->addWidget(m_pages, 1);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(rail);
    layout->addLayout(content, 1);

    connect(m_reader, &StatusReader::snapshotReady, this, &DashboardWindow::showSnapshot);
    connect(m_metrics, &MetricsClient::fetched, this, &DashboardWindow::showMetrics);
    connect(m_metrics, &MetricsClient::failed, this, &DashboardWindow::showMetricsFailure);

    connect(m_statusPage, &StatusPage::startRequested, m_control, &RecorderControl::start);
    connect(m_statusPage, &StatusPage::stopRequested, this, &DashboardWindow::confirmStop);
    connect(m_statusPage, &StatusPage::extendRequested, m_control, &RecorderControl::extend);
    connect(m_servicePage, &ServicePage::restartRequested, this, &DashboardWindow::confirmRestart);
    connect(m_recordingsPage, &RecordingsPage::protectRequested, m_control, &RecorderControl::setProtected);
    connect(m_units, &UnitStateReader::unitRead, m_servicePage, &ServicePage::showUnitState);
    connect(m_logs, &UnitLogReader::logRead, m_servicePage, &ServicePage::showLog);
    connect(m_servicePage, &ServicePage::shownChanged, m_logs, &UnitLogReader::setActive);
    connect(m_servicePage, &ServicePage::shownChanged, m_units, &UnitStateReader::setActive);
    // After a restart request, whatever came of it, the state line shows the unit's new state at once.
    connect(m_control, &RecorderControl::succeeded, m_units, &UnitStateReader::refresh);
    connect(m_control, &RecorderControl::failed, m_units, &UnitStateReader::refresh);

    connect(m_control, &RecorderControl::failed, m_banner, &MessageBanner::showError);
    connect(m_control, &RecorderControl::succeeded, m_banner, &MessageBanner::showInfo);
    connect(m_control, &RecorderControl::recorderStateChanged, m_reader, &StatusReader::refresh);
    connect(m_control, &RecorderControl::recordingsChanged, m_recordings, &RecordingsModel::reload);
    connect(m_control, &RecorderControl::protectedChanged, this, [this](const QString &path, bool isProtected) {
        m_recordingsPage->player()->setProtectedState(path, isProtected);
        m_recordings->reload();
    });
}

DashboardWindow::~DashboardWindow() = default;

void DashboardWindow::start()
{
    m_reader->start();
    if (m_settings.metricsUrl.isValid())
        m_metrics->start();
    m_recordings->reload();
    m_figuresPage->refreshToday();
}

void DashboardWindow::showPage(int index)
{
    if (index == RecordingsPageIndex)
        m_recordings->reload();
    else
        m_recordingsPage->showList(); // leaving the page stops playback
    m_pages->setCurrentIndex(index);
    if (QAbstractButton *button = m_nav->button(index))
        button->setChecked(true);
}

void DashboardWindow::showSnapshot(const StatusSnapshot &snapshot)
{
    if (snapshot.heartbeat.ok()) {
        const Heartbeat &hb = snapshot.heartbeat.heartbeat;
        m_bitrate.add(hb.written.boottimeSeconds, hb.bytesWritten);
    } else {
        m_bitrate.clear();
    }
    const StatusSummary previous = m_summary;
    m_summary = StatusSummary::summarize(snapshot, m_settings.staleAfterSeconds);
    if (m_summary.tile != previous.tile || m_summary.title != previous.title)
        qCInfo(lcDashboard).noquote() << "state shown:" << m_summary.title << "-" << m_summary.detail;
    m_statusPage->showSnapshot(snapshot, m_summary, m_bitrate.bitsPerSecond());
    m_servicePage->showSnapshot(snapshot);
    m_figuresPage->showWatchdog(snapshot.watchdog);
}

void DashboardWindow::showMetrics(const PrometheusText::Document &metrics)
{
    if (!m_metricsProblem.isEmpty() || !m_metricsSeen)
        qCInfo(lcDashboard).noquote() << "metrics available from" << m_settings.metricsUrl.toString();
    m_metricsProblem.clear();
    m_metricsSeen = true;
    if (metrics.malformedLines != m_metricsMalformed && metrics.malformedLines > 0)
        qCWarning(lcDashboard).noquote() << "metrics: skipped" << metrics.malformedLines << "malformed lines; first:"
                                         << metrics.problems.value(0).line << metrics.problems.value(0).reason;
    m_metricsMalformed = metrics.malformedLines;
    const QString detail = tr("%n series", nullptr, metrics.sampleCount());
    m_statusPage->showMetricsSource(true, detail);
    m_servicePage->showMetrics(true, detail);
    m_figuresPage->showMetrics(metrics);
}

void DashboardWindow::showMetricsFailure(const QString &reason)
{
    if (reason != m_metricsProblem) // one line per change, not one every 5 s
        qCWarning(lcDashboard).noquote() << "metrics unavailable from" << m_settings.metricsUrl.toString() << ":" << reason;
    m_metricsProblem = reason;
    m_metricsSeen = true;
    m_statusPage->showMetricsSource(false, reason);
    m_servicePage->showMetrics(false, reason);
    m_figuresPage->showMetricsFailure(reason);
}

void DashboardWindow::confirmStop()
{
    auto *dialog = new ConfirmDialog(tr("Stop recording? The current file is closed and nothing is recorded "
                                        "until someone presses Start."),
                                     tr("Stop recording"), this);
    connect(dialog, &QDialog::accepted, m_control, &RecorderControl::stop);
    dialog->open();
}

void DashboardWindow::confirmRestart(const QString &unit)
{
    QString question;
    if (unit == ServicePage::kRecorderUnit)
        question = tr("Restart %1? A recording in progress is closed and a new file starts after the restart.").arg(unit);
    else if (unit == ServicePage::kOffloadUnit)
        question = tr("Restart %1? An upload in progress stops and starts again after the restart; nothing is "
                      "lost and recording goes on meanwhile.").arg(unit);
    else
        question = tr("Restart %1? It is back within seconds; recording goes on meanwhile.").arg(unit);
    auto *dialog = new ConfirmDialog(question, tr("Restart"), this);
    connect(dialog, &QDialog::accepted, this, [this, unit] { m_control->restartUnit(unit); });
    dialog->open();
}

void DashboardWindow::paintEvent(QPaintEvent *)
{
    // A plain QWidget subclass only draws its style-sheet background when asked to.
    QStyleOption option;
    option.initFrom(this);
    QPainter painter(this);
    style()->drawPrimitive(QStyle::PE_Widget, &option, &painter, this);
    if (!m_painted) {
        m_painted = true;
        emit firstPaint();
    }
}
