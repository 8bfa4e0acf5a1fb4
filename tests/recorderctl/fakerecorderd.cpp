// SPDX-License-Identifier: MIT
// A stand-in recorderd for recorderctl's tests: the real control layer on the bus, a fake engine and catalog.
#include "fakerecordingcatalog.h"
#include "fakerecordingengine.h"
#include "heartbeatbuilder.h"
#include "previewwriter.h"
#include "recorderservice.h"
#include "restartcounter.h"
#include "sessioncontroller.h"

#include "commandline.h"
#include "paths.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    CommandLine commandLine(QStringLiteral("Test double of recorderd: RecorderService over a fake engine."));
    const Config config = commandLine.process(app);
    const Paths paths(config);

    FakeRecordingEngine engine;
    // Fixed counters keep `recorderctl status --json` comparable with its golden files.
    engine.setAdvancing(false);
    RecordingEngine::Counters counters;
    counters.framesCaptured = 1500;
    counters.framesDropped = 2;
    counters.framesWritten = 1498;
    counters.bytesWritten = 7500000;
    counters.fps = 30;
    counters.camera = QStringLiteral("testpattern");
    counters.encoder = QStringLiteral("fake");
    engine.setCounters(counters);

    SessionController controller(SessionController::Settings::fromConfig(config), &engine);
    RestartCounter restarts(paths.stateDir());
    restarts.increment();
    HeartbeatBuilder heartbeat(&controller, &engine, paths.stateDir(), restarts.count());
    FakeRecordingCatalog catalog = FakeRecordingCatalog::withSampleRows();
    PreviewWriter preview(paths.previewFile(), config.seconds(QStringLiteral("preview/interval")),
                          config.integer(QStringLiteral("preview/width")));

    // The "capture thread": a grey frame at 25 fps, handed over the way the pipeline does it.
    QImage frame(320, 240, QImage::Format_RGB32);
    frame.fill(Qt::gray);
    QTimer capture;
    QObject::connect(&capture, &QTimer::timeout, [&] {
        if (preview.wantsFrame())
            preview.offerFrame(PreviewFrame::fromImage(frame));
    });
    capture.start(40);

    RecorderService service(&controller, &heartbeat, &catalog, &preview,
                            config.seconds(QStringLiteral("heartbeat/interval")));
    const QString error = service.registerOn(QDBusConnection::systemBus());
    if (!error.isEmpty()) {
        std::fprintf(stderr, "fake-recorderd: %s\n", qPrintable(error));
        return 1;
    }
    controller.begin();
    std::printf("ready\n");
    std::fflush(stdout);
    return app.exec();
}
