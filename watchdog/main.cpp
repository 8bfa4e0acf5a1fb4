// SPDX-License-Identifier: MIT
// recorder-watchdog: restarts the recorder through systemd when its heartbeat goes stale or stalls.
#include "commandline.h"
#include "paths.h"
#include "signalwatcher.h"
#include "version.h"
#include "watchdog.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QFileInfo>

#include <cstdio>
#include <cstdlib>

namespace {

// Combinations the key table cannot express on its own: the first one broken, or empty.
QString validate(const Config &config, const WatchdogPolicy::Settings &s)
{
    if (s.checkInterval > s.heartbeatTimeout)
        return QStringLiteral("[watchdog] check_interval=%1 is longer than [heartbeat] timeout=%2; allowed: at most "
                                   "the timeout, or staleness is noticed late")
                        .arg(config.text(QStringLiteral("watchdog/check_interval")),
                             config.text(QStringLiteral("heartbeat/timeout")));
    if (s.stallTimeout < 2 * s.heartbeatInterval)
        return QStringLiteral("[watchdog] stall_timeout=%1 is shorter than two [heartbeat] intervals (%2); allowed: "
                                   "at least twice the interval, or every heartbeat looks stalled")
                        .arg(config.text(QStringLiteral("watchdog/stall_timeout")),
                             config.text(QStringLiteral("heartbeat/interval")));
    return QString();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("recorder-watchdog"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RECORDER_VERSION));

    CommandLine commandLine(QStringLiteral(
        "Watches the recorder's heartbeat; restarts the recorder through systemd when it goes stale or stalls, "
        "and asks for a (bounded) reboot when restarts do not help."));
    commandLine.parser().addOption(
        {QStringLiteral("dry-run"), QStringLiteral("Log every decision without restarting, rebooting or saving history.")});
    const Config config = commandLine.process(app, QStringLiteral("watchdog.log"), QStringLiteral("watchdog_log_dir"));
    const bool dryRun = commandLine.parser().isSet(QStringLiteral("dry-run"));

    const WatchdogPolicy::Settings settings = WatchdogPolicy::Settings::fromConfig(config);
    const QString invalid = validate(config, settings);
    if (!invalid.isEmpty())
        commandLine.configError(invalid);
    const Watchdog::Options options = Watchdog::Options::fromConfig(config, dryRun);
    for (const QString &dir : {QFileInfo(options.statusFile).absolutePath(), QFileInfo(options.historyFile).absolutePath()}) {
        const QString error = Paths::ensureDirectory(dir);
        if (!error.isEmpty())
            commandLine.configError(error);
    }

    SignalWatcher termination;
    QObject::connect(&termination, &SignalWatcher::terminationRequested, &app, [&app](int signal) {
        qCInfo(lcWatchdog).noquote() << QStringLiteral("Stopping on signal %1").arg(signal);
        app.quit();
    });

    Watchdog watchdog(options, settings, QDBusConnection::systemBus());
    watchdog.start();
    return app.exec();
}
