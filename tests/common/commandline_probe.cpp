// SPDX-License-Identifier: MIT
// A minimal program on CommandLine: prints two configuration values, or fails as every program does.
#include "commandline.h"
#include "version.h"

#include <QLoggingCategory>
#include <cstdio>

Q_LOGGING_CATEGORY(lcProbe, "recorder.probe")

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("commandline-probe"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RECORDER_VERSION));
    CommandLine commandLine(QStringLiteral("Test probe for CommandLine."));
    const Config config = commandLine.process(app, QStringLiteral("probe.log"));
    qCInfo(lcProbe) << "probe started";
    qCDebug(lcProbe) << "debug detail";
    std::printf("fps=%d interval=%g\n", config.integer(QStringLiteral("camera/fps")),
                config.seconds(QStringLiteral("heartbeat/interval")));
    return 0;
}
