// SPDX-License-Identifier: MIT
// recorder-offload: copies finished recordings to an rclone remote, from recorderd's upload queue.
#include "commandline.h"
#include "offloadadaptor.h"
#include "offloadsettings.h"
#include "paths.h"
#include "signalwatcher.h"
#include "uploader.h"
#include "uploadsbus.h"
#include "version.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusError>
#include <QStandardPaths>

#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("recorder-offload"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RECORDER_VERSION));

    CommandLine commandLine(QStringLiteral(
        "Uploads finished recordings to an rclone remote ([offload]), from the queue recorderd keeps, and "
        "verifies each remote copy."));
    commandLine.parser().addOption({QStringLiteral("rclone"), QStringLiteral("The rclone program (default: rclone in PATH)."),
                                    QStringLiteral("path")});
    const Config config = commandLine.process(app, QStringLiteral("offload.log"), QStringLiteral("offload_log_dir"));
    const QString rclone = commandLine.parser().isSet(QStringLiteral("rclone"))
        ? commandLine.parser().value(QStringLiteral("rclone"))
        : QStandardPaths::findExecutable(QStringLiteral("rclone"));

    const OffloadSettings settings = OffloadSettings::fromConfig(config, rclone);
    QString error = settings.validate();
    // Disabled, the program stays up and says "disabled", so that the unit is healthy and the
    // status answers why nothing uploads; rclone is not needed then.
    if (error.isEmpty() && settings.enabled)
        error = settings.checkRclone();
    for (const QString &dir : {settings.runtimeDir, settings.stateDir})
        if (error.isEmpty())
            error = Paths::ensureDirectory(dir);
    if (!error.isEmpty())
        commandLine.configError(error);

    SignalWatcher termination;
    Uploader uploader(settings, QDBusConnection::systemBus());
    QObject::connect(&termination, &SignalWatcher::terminationRequested, &app, [&app, &uploader](int signal) {
        std::fprintf(stderr, "recorder-offload: stopping on signal %d\n", signal);
        uploader.stop();
        app.quit();
    });

    QObject object;
    new OffloadAdaptor(&uploader, &object);
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.registerObject(UploadsBus::offloadPath(), &object) || !bus.registerService(UploadsBus::offloadService()))
        std::fprintf(stderr, "recorder-offload: cannot own %s on the system bus (%s); recorderctl offload will not "
                             "reach it\n",
                     qPrintable(UploadsBus::offloadService()), qPrintable(bus.lastError().message()));
    uploader.start();
    return app.exec();
}
