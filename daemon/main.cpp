// SPDX-License-Identifier: MIT
// recorderd: records the camera into crash-safe segmented MP4 files and keeps the catalog.
#include "daemonlog.h"
#include "ffmpeglog.h"
#include "heartbeatpublisher.h"
#include "recorder.h"
#include "signalwatcher.h"

#include "commandline.h"
#include "paths.h"
#include "version.h"

#include <QCoreApplication>
#include <QTimer>

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
    HeartbeatPublisher heartbeat(recorder, paths.heartbeatFile(), paths.recordingsDir(),
                                 config.seconds(QStringLiteral("heartbeat/interval")));
    heartbeat.start();
    QObject::connect(&recorder, &Recorder::stateChanged, &heartbeat, &HeartbeatPublisher::publish);
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &recorder, [&](int signalNumber) {
        qCInfo(lcDaemon, "%s received: finishing the current file", signalNumber == SIGINT ? "SIGINT" : "SIGTERM");
        recorder.stop();
        // Stopping takes milliseconds; a stop stuck on a dead disk must not outlive systemd's
        // patience silently.
        QTimer::singleShot(kStopDeadlineMs, &app, [] {
            qCCritical(lcDaemon, "stopping took over %d ms (storage not responding?); exiting without finishing the file",
                       kStopDeadlineMs);
            std::_Exit(1);
        });
    });
    QObject::connect(&recorder, &Recorder::stopped, &app, [&] {
        heartbeat.publish();
        QCoreApplication::exit(0);
    });

    // Continuous mode records from start-up; in session mode the control layer turns recording
    // on and off (docs/dbus-api.md).
    const bool continuous = config.string(QStringLiteral("recording/mode")) == QLatin1String("continuous");
    recorder.setRecording(continuous);
    const QString startError = recorder.start();
    if (!startError.isEmpty()) {
        qCCritical(lcDaemon, "cannot start: %s", qPrintable(startError));
        return 1;
    }
    return app.exec();
}
