// SPDX-License-Identifier: MIT
// recorder-exporter: serves the recorder's, the watchdog's and the catalog's state to Prometheus.
#include "exporter.h"
#include "exporterlogging.h"

#include <commandline.h>
#include <signalwatcher.h>

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("recorder-exporter"));
    CommandLine commandLine(QStringLiteral("Prometheus exporter for the recorder: GET /metrics."));
    const Config config = commandLine.process(app, QStringLiteral("exporter.log"), QStringLiteral("exporter_log_dir"));
    SignalWatcher termination; // before any thread starts
    QObject::connect(&termination, &SignalWatcher::terminationRequested, &app, [&app](int signal) {
        qCInfo(lcExporter).noquote() << QStringLiteral("stopping on signal %1").arg(signal);
        app.quit();
    });

    QString error;
    const ExporterSettings settings = ExporterSettings::fromConfig(config, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "recorder-exporter: %s\n", qPrintable(error));
        return Config::kExitConfigError;
    }
    Exporter exporter(settings);
    error = exporter.setUp();
    if (!error.isEmpty()) {
        std::fprintf(stderr, "recorder-exporter: %s\n", qPrintable(error));
        return Config::kExitConfigError;
    }
    error = exporter.start();
    if (!error.isEmpty()) {
        qCCritical(lcExporter).noquote() << error;
        return 1;
    }
    return app.exec();
}
