// SPDX-License-Identifier: MIT
// fake-recorder: a stand-in for recorderd in tests; writes heartbeats with HeartbeatWriter.
#include "heartbeatwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

// Behaviours the watchdog must tell apart: a healthy recorder, one whose frames stop advancing
// (--frozen-frames), one that lives but never writes (--silent), and one that writes far faster
// than the interval it announces (--announce-interval larger than --interval).
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("heartbeat"), QStringLiteral("Heartbeat file."), QStringLiteral("PATH")},
        {QStringLiteral("interval"), QStringLiteral("Seconds between writes (default 0.2)."), QStringLiteral("S"),
         QStringLiteral("0.2")},
        {QStringLiteral("announce-interval"), QStringLiteral("interval_seconds written into the heartbeat."),
         QStringLiteral("S")},
        {QStringLiteral("state"), QStringLiteral("State to report (default recording)."), QStringLiteral("STATE"),
         QStringLiteral("recording")},
        {QStringLiteral("frozen-frames"), QStringLiteral("frames_captured never advances.")},
        {QStringLiteral("silent"), QStringLiteral("Never write a heartbeat.")},
    });
    parser.process(app);
    const QString path = parser.value(QStringLiteral("heartbeat"));
    const double interval = parser.value(QStringLiteral("interval")).toDouble();
    if (path.isEmpty() || interval <= 0) {
        std::fprintf(stderr, "fake-recorder: --heartbeat PATH and a positive --interval are required\n");
        return 64;
    }
    if (parser.isSet(QStringLiteral("silent")))
        return app.exec();

    const double announced = parser.isSet(QStringLiteral("announce-interval"))
        ? parser.value(QStringLiteral("announce-interval")).toDouble()
        : interval;
    HeartbeatWriter writer(path, announced);
    Heartbeat heartbeat;
    heartbeat.state = parser.value(QStringLiteral("state"));
    heartbeat.recordingActive = heartbeat.state == QLatin1String("recording");
    heartbeat.camera = QStringLiteral("testpattern");
    const bool frozen = parser.isSet(QStringLiteral("frozen-frames"));
    heartbeat.framesCaptured = 100;

    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    auto write = [&] {
        if (!frozen)
            heartbeat.framesCaptured += 6;
        heartbeat.uptimeSeconds += interval;
        const QString error = writer.write(heartbeat);
        if (!error.isEmpty())
            std::fprintf(stderr, "fake-recorder: %s\n", qPrintable(error));
    };
    QObject::connect(&timer, &QTimer::timeout, &app, write);
    timer.start(static_cast<int>(interval * 1000));
    write();
    return app.exec();
}
