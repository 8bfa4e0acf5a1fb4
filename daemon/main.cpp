// SPDX-License-Identifier: MIT
// recorderd: records the camera into crash-safe segmented MP4 files and keeps the catalog.
#include "catalog.h"
#include "catalogadapter.h"
#include "controllayer.h"
#include "daemonlog.h"
#include "ffmpeglog.h"
#include "recorder.h"
#include "signalwatcher.h"
#include "storagemonitor.h"
#include "gpiopanel.h"

#include "commandline.h"
#include "paths.h"
#include "version.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

extern "C" {
#include <libavutil/frame.h>
}

#include <csignal>
#include <cstdlib>
#include <malloc.h>
#include <cstdio>

namespace {
// systemd's default TimeoutStopSec is 90 s, but the recorder promises to stop within 5 s.
constexpr int kStopDeadlineMs = 4500;
} // namespace

int main(int argc, char *argv[])
{
    // Two arenas stop every thread (capture, encoding, writer, sync, storage…) keeping its own heap.
    // The mmap threshold stays dynamic: pictures come from pools, and a fixed low threshold made
    // the muxer's per-fragment buffer a fresh mapping, zeroed page by page, every second
    // (docs/performance.md, recorder).
    mallopt(M_ARENA_MAX, 2);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("recorderd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RECORDER_VERSION));
    // Before any thread exists, so every thread inherits the blocked SIGTERM/SIGINT.
    SignalWatcher signalWatcher;
    // A closed stderr (journald restarting, a pipe reader gone) must not kill the recorder.
    std::signal(SIGPIPE, SIG_IGN);

    CommandLine commandLine(QStringLiteral("Records the camera into segmented MP4 files (docs/recorder.md)."));
    const Config config = commandLine.process(app, QStringLiteral("service.log"));
    FfmpegLog::install(commandLine.verbose());
    const QString configError = Recorder::validate(config);
    if (!configError.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(configError));
        return Config::kExitConfigError;
    }

    const Paths paths(config);
    // The heartbeat is what the watchdog trusts: without a directory only we can write to there is
    // no point in starting. A state dir anybody can write to is refused the same way; a state
    // dir that merely cannot be created (disk full, read-only) does not stop the recording.
    QString directoryError = Paths::ensureDirectory(paths.runtimeDir());
    if (!directoryError.isEmpty())
        directoryError += QStringLiteral(" ([paths] runtime_dir): the heartbeat cannot be written safely");
    else if (QFileInfo::exists(paths.stateDir()) && !(directoryError = Paths::refuseWorldWritable(paths.stateDir())).isEmpty())
        directoryError += QStringLiteral(" ([paths] state_dir)");
    // The heartbeat may live outside runtime_dir (e.g. /tmp): there anyone could plant a file or a
    // link under its name and speak for the recorder to the watchdog.
    else if (const QString heartbeatDir = QFileInfo(paths.heartbeatFile()).absolutePath();
             QFileInfo::exists(heartbeatDir) && !(directoryError = Paths::refuseWorldWritable(heartbeatDir)).isEmpty())
        directoryError += QStringLiteral(" ([heartbeat] file or HEARTBEAT_FILE): the heartbeat cannot be written safely");
    if (!directoryError.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(directoryError));
        return Config::kExitConfigError;
    }

    Recorder recorder(config);
    CatalogAdapter catalog;
    // Sessions, D-Bus, systemd notify, the status snapshot and the preview (docs/dbus-api.md). The
    // controller is the one state machine: it decides whether files are written (continuous mode
    // from start-up, session mode on Start) and when a failure is retried; the Recorder reports.
    ControlLayer control(config, &recorder, &catalog);
    recorder.setFrameHook([preview = control.preview()](const AVFrame *picture) {
        // Capture thread: two atomic loads per frame; the JPEG work happens on the preview's thread.
        if (picture->format != AV_PIX_FMT_YUV420P || !preview->wantsFrame())
            return;
        preview->offerFrame(PreviewFrame::fromYuv420p(picture->width, picture->height, picture->data[0],
                                                      picture->linesize[0], picture->data[1], picture->linesize[1],
                                                      picture->data[2], picture->linesize[2], preview->width()));
    });
    // Disk space as the storage thread last measured it and the catalog's health as its thread
    // last published it: the main loop never calls statvfs or waits for SQLite.
    control.heartbeat()->setStorageProbe([&recorder] {
        HeartbeatBuilder::StorageFacts facts;
        if (const StorageMonitor *storage = recorder.storage()) {
            facts.freeBytes = storage->freeBytes();
            facts.totalBytes = storage->totalBytes();
        }
        if (const Catalog *catalog = recorder.catalog()) {
            const CatalogHealth health = catalog->health();
            facts.catalogDegraded = health.degraded;
            facts.catalogError = health.reason;
        }
        return facts;
    });
    QObject::connect(&recorder, &Recorder::storageFault, control.controller(), &SessionController::noteFault);
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &recorder, [&](int signalNumber) {
        qCInfo(lcDaemon, "%s received: finishing the current file", signalNumber == SIGINT ? "SIGINT" : "SIGTERM");
        // The controller finalises the current file first (state `stopping`, STOPPING=1), then
        // the pipeline stops.
        control.shutdown();
        // Stopping takes milliseconds; a stop stuck on a dead disk must not outlive systemd's
        // patience silently.
        QTimer::singleShot(kStopDeadlineMs, &app, [] {
            qCCritical(lcDaemon, "stopping took over %d ms (storage not responding?); exiting without finishing the file",
                       kStopDeadlineMs);
            std::_Exit(1);
        });
    });
    QObject::connect(&control, &ControlLayer::shutdownComplete, &recorder, &Recorder::stop);
    QObject::connect(&recorder, &Recorder::stopped, &app, [&] {
        control.status()->publish();
        QCoreApplication::exit(0);
    });

    // Every thread starts now; the catalog opens and is reconciled with the disk on the storage
    // thread while the first frames are already being written.
    recorder.start();
    catalog.setCatalog(recorder.catalog());
    // The uploader waits for this signal instead of polling (org.recorder.Uploads1.UploadsChanged).
    QObject::connect(recorder.catalog(), &Catalog::uploadsChanged, control.service(), &RecorderService::UploadsChanged);
    // Counts the start, publishes the first heartbeat, offers the D-Bus API (or logs one line and
    // records without it), then opens the camera; READY=1 once the recorder settles.
    control.start();
    // The button and the status LEDs ([gpio], [leds]; docs/gpio.md): after the control API, so a
    // press is handled like a D-Bus call; without them (none configured, chip missing, line held
    // elsewhere) the recorder records all the same.
    GpioPanel gpio(GpioPanel::Settings::fromConfig(config), control.service(), control.controller());
    const qint64 lowFreeBytes = 2 * config.bytes(QStringLiteral("storage/min_free"));
    gpio.setStorageLowProbe([&recorder, lowFreeBytes] {
        const StorageMonitor *storage = recorder.storage();
        return storage && storage->totalBytes() > 0 && storage->freeBytes() < lowFreeBytes;
    });
    // GPIO can fail after start (chip unplugged): the heartbeat, and so the dashboard and the
    // metric, follow every change, not only the state at start.
    QObject::connect(&gpio, &GpioPanel::stateChanged, &gpio,
                     [&gpio, &control] { control.heartbeat()->setGpio(gpio.state(), gpio.error()); });
    gpio.start();
    control.heartbeat()->setGpio(gpio.state(), gpio.error());
    return app.exec();
}
