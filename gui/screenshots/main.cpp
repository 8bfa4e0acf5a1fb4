// SPDX-License-Identifier: MIT
// recorder-dashboard-screenshots: renders the dashboard in each state at 800×480 (and one larger) into PNGs.
#include "commandline.h"
#include "config.h"
#include "confirmdialog.h"
#include "dashboardwindow.h"
#include "figuresfixture.h"
#include "figurespage.h"
#include "fixturefiles.h"
#include "languageloader.h"
#include "logging.h"
#include "messagebanner.h"
#include "recordercontrol.h"
#include "recordingsmodel.h"
#include "servicepage.h"
#include "unitstate.h"
#include "watchdogstatus.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDBusConnection>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QEventLoop>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <tuple>
#include <utility>

namespace {

struct Shot {
    const char *name;
    const char *fixture; // heartbeat fixture file, nullptr: no heartbeat at all
    double ageSeconds;
    const char *watchdogVerdict;
    int restartsInWindow;
    QSize size = {800, 480}; // the official Raspberry Pi touchscreen
};

const Shot kShots[] = {
    {"ready", "ready.json", 0.4, "healthy", 0},
    {"recording", "recording.json", 0.3, "healthy", 0},
    {"recording-warning", "recording-warning.json", 0.6, "healthy", 0},
    {"error", "error.json", 0.5, "stalled", 1},
    {"stale", "stale.json", 95, "stale", 2},
    {"missing", nullptr, 0, "missing", 3},
    {"catalog-degraded", "catalog-degraded.json", 0.4, "healthy", 0},
    {"recording-audio", "recording-audio.json", 0.3, "healthy", 0},
    {"recording-1280x800", "recording-warning.json", 0.6, "healthy", 1, {1280, 800}}, // a desktop window
};

int fail(const QString &message)
{
    std::fprintf(stderr, "recorder-dashboard-screenshots: %s\n", qPrintable(message));
    return 1;
}

bool save(QWidget &window, const QString &path)
{
    QCoreApplication::processEvents();
    return window.grab().save(path, "PNG");
}

// A second, earlier sample so the disk gauge can show time left at a steady 8 Mbit/s.
StatusSnapshot earlierSample(StatusSnapshot snapshot)
{
    Heartbeat &hb = snapshot.heartbeat.heartbeat;
    hb.written.boottimeSeconds -= 20;
    hb.bytesWritten -= 20 * 1'000'000;
    return snapshot;
}

// recorder-offload's log as it writes it (Logging::formatLine, its own messages): an upload
// verified, one that failed while the NAS rebooted, its retry.
QString writeOffloadLog(const QString &path)
{
    const QString file = QStringLiteral("/var/lib/recorder/recordings/2026/11/26/recording_2026-11-26_%1.mp4");
    const QString remote = QStringLiteral("nas:recordings/gym-pi/2026/11/26/recording_2026-11-26_%1.mp4");
    const std::pair<QtMsgType, QString> lines[] = {
        {QtInfoMsg, QStringLiteral("Started: idle, remote nas:recordings")},
        {QtInfoMsg, QStringLiteral("Uploading %1 to %2").arg(file.arg(QLatin1String("100500")), remote.arg(QLatin1String("100500")))},
        {QtWarningMsg, QStringLiteral("Upload of %1 failed: connection refused").arg(file.arg(QLatin1String("100500")))},
        {QtWarningMsg, QStringLiteral("The remote does not answer; next attempt in 30 s")},
        {QtInfoMsg, QStringLiteral("Uploading %1 to %2").arg(file.arg(QLatin1String("100500")), remote.arg(QLatin1String("100500")))},
        {QtInfoMsg, QStringLiteral("Uploaded and verified %1 (75000012 bytes, by the remote's hash)").arg(file.arg(QLatin1String("100500")))},
        {QtInfoMsg, QStringLiteral("Uploading %1 to %2").arg(file.arg(QLatin1String("101500")), remote.arg(QLatin1String("101500")))},
        {QtInfoMsg, QStringLiteral("Uploaded and verified %1 (75000040 bytes, by the remote's hash)").arg(file.arg(QLatin1String("101500")))},
        {QtInfoMsg, QStringLiteral("Uploading %1 to %2").arg(file.arg(QLatin1String("102000")), remote.arg(QLatin1String("102000")))},
    };
    QByteArray text;
    for (const auto &[type, message] : lines)
        text += Logging::formatLine(type, "recorder.offload", message, false) + '\n';
    QFile log(path);
    if (!log.open(QIODevice::WriteOnly) || log.write(text) != text.size())
        return QStringLiteral("cannot write %1").arg(path);
    return QString();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes PNGs of each dashboard state at 800x480."));
    parser.addHelpOption();
    const QCommandLineOption fixtures(QStringLiteral("fixtures"), QStringLiteral("Heartbeat fixture folder."),
                                      QStringLiteral("dir"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Folder for the PNGs."), QStringLiteral("dir"));
    const QCommandLineOption language(QStringLiteral("language"), QStringLiteral("en, fr or de."),
                                      QStringLiteral("code"), QStringLiteral("en"));
    parser.addOptions({fixtures, out, language});
    parser.process(app);
    if (!parser.isSet(fixtures) || !parser.isSet(out))
        return fail(QStringLiteral("--fixtures and --out are required"));

    LanguageLoader loader;
    const QString languageError = loader.install(app, parser.value(language));
    if (!languageError.isEmpty())
        return fail(languageError);

    QTemporaryDir root;
    const QString outDir = parser.value(out);
    if (!root.isValid() || !QDir().mkpath(outDir))
        return fail(QStringLiteral("cannot create %1 or a temporary folder").arg(outDir));

    DashboardWindow::Settings settings;
    // [offload] enabled: the Status page's last upload, the Figures page's upload row and the
    // Service page's fourth unit are pictured too (a Pi without offload shows the same minus those).
    settings.files = {root.filePath(QStringLiteral("heartbeat.json")), root.filePath(QStringLiteral("watchdog.json")),
                      root.filePath(QStringLiteral("preview.jpg")), root.filePath(QStringLiteral("status.json"))};
    settings.catalogFile = root.filePath(QStringLiteral("catalog.db"));
    settings.minFreeBytes = 1e9; // [storage] min_free's default
    settings.metricsUrl = QUrl(QStringLiteral("http://localhost:9101/metrics"));

    settings.unitPollMs = 24 * 60 * 60 * 1000; // the states shown are set below, not read
    settings.recorderLog = root.filePath(QStringLiteral("service.log"));
    settings.watchdogLog = root.filePath(QStringLiteral("watchdog.log"));
    settings.exporterLog = root.filePath(QStringLiteral("exporter.log"));
    settings.offloadLog = root.filePath(QStringLiteral("offload.log"));

    const QDir fixtureDir(parser.value(fixtures));
    QString error = FixtureFiles::installPreview(settings.files.preview);
    if (error.isEmpty()) // the last upload 40 minutes ago
        error = FixtureFiles::installOffloadStatus(fixtureDir.filePath(QStringLiteral("offload-status.json")),
                                                   settings.files.offloadStatus, 40 * 60);
    if (error.isEmpty())
        error = writeOffloadLog(settings.offloadLog);
    if (error.isEmpty())
        error = FixtureFiles::installCatalog(settings.catalogFile, QDateTime::currentMSecsSinceEpoch() - 95'000);
    if (error.isEmpty()) {
        // The recorder's log after it refused its configuration, written by the code recorderd runs
        // (Config::load's line through CommandLine::logConfigError), so the picture shows its words.
        const QString conf = root.filePath(QStringLiteral("recorder.conf"));
        QFile bad(conf);
        if (!bad.open(QIODevice::WriteOnly) || bad.write("[camera]\nfps=500\n") < 0)
            error = QStringLiteral("cannot write %1").arg(conf);
        bad.close();
        const QString reason = Config::load(conf, true).error.replace(conf, QLatin1String(Config::kDefaultPath));
        CommandLine::logConfigError(root.path(), QStringLiteral("service.log"), reason);
    }
    if (!error.isEmpty())
        return fail(error);

    // Not connected to any bus: the screenshots never send a command.
    DashboardWindow window(settings, QDBusConnection(QStringLiteral("screenshots-no-bus")));
    window.resize(800, 480);
    window.show();

    for (const Shot &shot : kShots) {
        QFile::remove(settings.files.heartbeat);
        error = shot.fixture ? FixtureFiles::installHeartbeat(fixtureDir.filePath(QLatin1String(shot.fixture)),
                                                              settings.files.heartbeat, shot.ageSeconds)
                             : QString();
        if (error.isEmpty()) {
            error = FixtureFiles::installWatchdog(settings.files.watchdogStatus, QLatin1String(shot.watchdogVerdict),
                                                  QStringLiteral("fixture"), shot.restartsInWindow,
                                                  shot.restartsInWindow >= 3);
        }
        if (!error.isEmpty())
            return fail(error);
        const StatusSnapshot snapshot = StatusReader::readFiles(settings.files, {});
        window.showSnapshot(StatusSnapshot{}); // forget the previous state's rate samples
        if (snapshot.heartbeat.ok())
            window.showSnapshot(earlierSample(snapshot));
        window.showSnapshot(snapshot);
        if (shot.fixture)
            window.showMetrics(PrometheusText::parse("recorder_up 1\n"));
        else
            window.showMetricsFailure(QStringLiteral("Connection refused"));
        window.showPage(DashboardWindow::StatusPageIndex);
        window.resize(shot.size);
        if (!save(window, QDir(outDir).filePath(QStringLiteral("%1.png").arg(QLatin1String(shot.name)))))
            return fail(QStringLiteral("cannot write %1").arg(outDir));
    }

    window.resize(800, 480);
    QEventLoop loop;
    QObject::connect(window.recordingsModel(), &RecordingsModel::loaded, &loop, &QEventLoop::quit);
    QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
    window.showPage(DashboardWindow::RecordingsPageIndex);
    loop.exec();
    if (!save(window, QDir(outDir).filePath(QStringLiteral("recordings.png"))))
        return fail(QStringLiteral("cannot write %1").arg(outDir));

    // The figures page after two hours of history; "today" comes from the fixture catalog.
    FiguresFixture::feed(*window.figuresPage());
    QObject::connect(window.figuresPage(), &FiguresPage::todayShown, &loop, &QEventLoop::quit);
    window.figuresPage()->refreshToday();
    QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
    window.showPage(DashboardWindow::FiguresPageIndex);
    loop.exec();
    if (!save(window, QDir(outDir).filePath(QStringLiteral("figures.png"))))
        return fail(QStringLiteral("cannot write %1").arg(outDir));

    // The Service page when the recorder refused its configuration: the unit failed with exit 78,
    // the watchdog, the exporter and the uploader run, and the recorder's last log lines say why.
    WatchdogStatus configError;
    configError.checkIntervalSeconds = 10;
    configError.verdict = QStringLiteral("config_error");
    configError.reason = QStringLiteral("recorder configuration error: see journal (the unit exited with status 78/CONFIG)");
    configError.unit = ServicePage::kRecorderUnit;
    configError.configError = true;
    error = configError.write(settings.files.watchdogStatus);
    if (!error.isEmpty())
        return fail(error);
    QFile::remove(settings.files.heartbeat);
    window.showSnapshot(StatusReader::readFiles(settings.files, {}));
    // The page reads the log itself once on screen (on a worker thread): wait for its last line.
    window.servicePage()->selectLog(ServicePage::kRecorderUnit);
    window.showPage(DashboardWindow::ServicePageIndex);
    QEventLoop logLoop;
    QTimer logPoll;
    QObject::connect(&logPoll, &QTimer::timeout, &logLoop, [&] {
        if (window.servicePage()->logText().contains(QLatin1String(Logging::kConfigCategory)))
            logLoop.quit();
    });
    logPoll.start(20);
    QTimer::singleShot(10'000, &logLoop, &QEventLoop::quit);
    logLoop.exec();
    // Shown once the page is up: on coming up it reads the units itself and, with no bus, finds no
    // systemd (the next poll is a day away, see unitPollMs).
    for (const auto &[unit, activeState, subState] :
         {std::tuple{ServicePage::kRecorderUnit, "failed", "failed"}, std::tuple{ServicePage::kWatchdogUnit, "active", "running"},
          std::tuple{ServicePage::kExporterUnit, "active", "running"}, std::tuple{ServicePage::kOffloadUnit, "active", "running"}}) {
        UnitState state;
        state.unit = unit;
        state.reach = UnitState::Reach::Read;
        state.activeState = QLatin1String(activeState);
        state.subState = QLatin1String(subState);
        state.result = state.activeState == QLatin1String("failed") ? QStringLiteral("exit-code") : QStringLiteral("success");
        state.execMainCode = 1;
        state.execMainStatus = state.activeState == QLatin1String("failed") ? 78 : 0;
        state.activeForSeconds = state.activeState == QLatin1String("active") ? 3 * 3600 + 12 * 60 : -1;
        window.servicePage()->showUnitState(state);
    }
    if (!save(window, QDir(outDir).filePath(QStringLiteral("service.png"))))
        return fail(QStringLiteral("cannot write %1").arg(outDir));
    // The same page scrolled down by finger to the log.
    auto *scroll = window.findChild<QScrollArea *>(QStringLiteral("serviceScroll"));
    if (!scroll)
        return fail(QStringLiteral("no scroll area on the Service page"));
    // From the log selector down (or as far as it goes), so the selected log's button shows too.
    auto *recorderLogButton = window.findChild<QPushButton *>(QStringLiteral("logRecorderButton"));
    if (!recorderLogButton)
        return fail(QStringLiteral("no log selector on the Service page"));
    scroll->verticalScrollBar()->setValue(recorderLogButton->mapTo(scroll->widget(), QPoint(0, 0)).y() - 8);
    if (!save(window, QDir(outDir).filePath(QStringLiteral("service-log.png"))))
        return fail(QStringLiteral("cannot write %1").arg(outDir));
    // The uploader's row at the top, its log selected (read by the page on its worker thread).
    auto *uploaderButton = window.findChild<QPushButton *>(QStringLiteral("restartOffloadButton"));
    if (!uploaderButton)
        return fail(QStringLiteral("no uploader row on the Service page"));
    window.servicePage()->selectLog(ServicePage::kOffloadUnit);
    QObject::disconnect(&logPoll, nullptr, &logLoop, nullptr);
    QObject::connect(&logPoll, &QTimer::timeout, &logLoop, [&] {
        if (window.servicePage()->logText().contains(QLatin1String("recorder.offload")))
            logLoop.quit();
    });
    QTimer::singleShot(10'000, &logLoop, &QEventLoop::quit);
    logLoop.exec();
    QCoreApplication::processEvents();
    scroll->verticalScrollBar()->setValue(uploaderButton->mapTo(scroll->widget(), QPoint(0, 0)).y() - 8);
    if (!save(window, QDir(outDir).filePath(QStringLiteral("service-uploader.png"))))
        return fail(QStringLiteral("cannot write %1").arg(outDir));
    scroll->verticalScrollBar()->setValue(0);

    window.banner()->showError(RecorderControl::describeError(
        QDBusError(QDBusError::AccessDenied, QStringLiteral("Access denied")),
        RecorderControl::tr("Restart of %1").arg(ServicePage::kRecorderUnit), ServicePage::kRecorderUnit));
    if (!save(window, QDir(outDir).filePath(QStringLiteral("service-denied.png"))))
        return fail(QStringLiteral("cannot write %1").arg(outDir));
    // The confirmation as the operator sees it: the dialog over the dimmed window.
    window.banner()->hide();
    window.findChild<QPushButton *>(QStringLiteral("restartRecorderButton"))->click();
    auto *dialog = window.findChild<ConfirmDialog *>();
    if (!dialog)
        return fail(QStringLiteral("no confirmation dialog"));
    QCoreApplication::processEvents();
    QImage composed = window.grab().toImage();
    {
        QPainter painter(&composed);
        painter.fillRect(composed.rect(), QColor(0, 0, 0, 150));
        const QPixmap dialogImage = dialog->grab();
        painter.drawPixmap((composed.width() - dialogImage.width()) / 2, (composed.height() - dialogImage.height()) / 2,
                           dialogImage);
    }
    dialog->reject();
    if (!composed.save(QDir(outDir).filePath(QStringLiteral("confirm-restart.png")), "PNG"))
        return fail(QStringLiteral("cannot write %1").arg(outDir));
    std::printf("wrote %d PNGs to %s\n", int(std::size(kShots)) + 7, qPrintable(outDir));
    return 0;
}
