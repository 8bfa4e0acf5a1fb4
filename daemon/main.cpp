// SPDX-License-Identifier: MIT
// recorderd: records the camera into crash-safe segmented MP4 files and keeps the catalog.
#include "catalogadapter.h"
#include "controllayer.h"
#include "daemonlog.h"
#include "ffmpeglog.h"
#include "heartbeatpublisher.h"
#include "pipelineengine.h"
#include "recorder.h"
#include "signalwatcher.h"

#include "commandline.h"
#include "paths.h"
#include "version.h"

#include <QCoreApplication>
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
    // Pictures are megabytes each: a fixed mmap threshold hands their memory back to the system
    // when freed instead of growing the heap, and two arenas stop every thread keeping its own.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
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
    const QString runtimeError = Paths::ensureDirectory(paths.runtimeDir());
    if (!runtimeError.isEmpty())
        qCCritical(lcDaemon, "%s: the heartbeat cannot be written", qPrintable(runtimeError));

    Recorder recorder(config);
    PipelineEngine engine(recorder);
    CatalogAdapter catalog;
    // Sessions, D-Bus, systemd notify and the preview (docs/dbus-api.md). The controller decides
    // whether files are written: continuous mode from start-up, session mode on Start; the
    // Recorder itself starts not recording.
    ControlLayer control(config, &engine, &catalog);
    recorder.setFrameHook([preview = control.preview()](const AVFrame *picture) {
        // Capture thread: two atomic loads per frame; the JPEG work happens on the preview's thread.
        if (picture->format != AV_PIX_FMT_YUV420P || !preview->wantsFrame())
            return;
        preview->offerFrame(PreviewFrame::fromYuv420p(picture->width, picture->height, picture->data[0],
                                                      picture->linesize[0], picture->data[1], picture->linesize[1],
                                                      picture->data[2], picture->linesize[2], preview->width()));
    });

    HeartbeatPublisher heartbeat(recorder, paths.heartbeatFile(), paths.recordingsDir(),
                                 config.seconds(QStringLiteral("heartbeat/interval")));
    // State and session fields from the controller, frame and byte counters from the pipeline.
    heartbeat.setDecorator([&control](Heartbeat &beat) { control.heartbeat()->decorate(beat); });
    // A `booting` heartbeat exists while start-up recovery runs.
    heartbeat.start();
    QObject::connect(control.controller(), &SessionController::stateChanged, &heartbeat, &HeartbeatPublisher::publish);
    QObject::connect(control.controller(), &SessionController::warning, &heartbeat, &HeartbeatPublisher::publish);
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
        heartbeat.publish();
        QCoreApplication::exit(0);
    });

    const QString startError = recorder.start();
    if (!startError.isEmpty()) {
        qCCritical(lcDaemon, "cannot start: %s", qPrintable(startError));
        return 1;
    }
    catalog.setCatalog(recorder.catalog());
    // Counts the start, offers the D-Bus API (or logs one line and records without it), READY=1
    // once the pipeline is up.
    control.start();
    return app.exec();
}
